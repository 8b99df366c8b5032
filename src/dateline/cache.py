"""A disk cache for data that is slow to parse and rarely changes: the gazetteer and lexicon.

``cached(name, files, build)`` returns ``build()``, pickled under the user cache folder and
keyed by a hash of ``files`` (the data files *and* the modules that parse them), the Python
version and the cache format. So an edited data file or parser gives a new key, never a stale
value. ``remembered(name, key, build)`` keys it by texts the caller names instead (what is
installed, for the extractor version). The cache is only ever an optimisation:

* a missing, truncated, corrupt or unreadable entry is ignored and rebuilt;
* an entry is written to a temporary file and renamed into place (``os.replace``), so a
  reader never sees half of one, and two processes can write the same entry at once;
* a cache folder that cannot be created or written is skipped silently;
* older entries of the same name beyond the newest :data:`KEEP` are removed.

Where: ``$DATELINE_CACHE_DIR`` if set (an empty value turns the cache off), else
``$XDG_CACHE_HOME/dateline``, else ``~/.cache/dateline``. Tests point it at a temporary folder.
Entries are pickles: the folder must be writable only by its user, like any cache.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

from dateline.hashing import hash_files

ENV = "DATELINE_CACHE_DIR"
FORMAT = 1  # bump when the layout of cached values changes without a change to their modules
KEEP = 4  # entries kept per name (several checkouts with different data may share the folder)

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The cache folder, or None when ``$DATELINE_CACHE_DIR`` is set to an empty value."""
    env = os.environ.get(ENV)
    if env is not None:
        return Path(env).expanduser() if env.strip() else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "dateline"


def digest(name: str, files: Iterable[Path]) -> str:
    """Hash of the contents of ``files`` (in order), the Python version and :data:`FORMAT`."""
    return hash_files(f"{name}\0{FORMAT}\0{sys.version}\0", ((p.name, p) for p in files))


def cached(name: str, files: Iterable[Path], build: Callable[[], T]) -> T:
    """``build()``, read from the disk cache when ``files`` are unchanged, else built and stored."""
    try:
        key = digest(name, files) if cache_dir() is not None else ""
    except OSError:  # a data file is missing or unreadable: build() reports it properly
        return build()
    return kept(name, key, build)


def remembered(name: str, key: Iterable[str], build: Callable[[], T]) -> T:
    """``build()``, read from the disk cache when ``key`` (texts that name everything the value
    depends on) is the same, else built and stored."""
    h = hashlib.blake2b(f"{name}\0{FORMAT}\0{sys.version}".encode(), digest_size=16)
    for part in key:
        h.update(f"\0{part}".encode())
    return kept(name, h.hexdigest(), build)


def kept(name: str, key: str, build: Callable[[], T]) -> T:
    """``build()``, kept in the cache folder as entry ``name-key``."""
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{name}-{key}.pickle"
    found, value = _read(path)
    if found:
        return value  # type: ignore[return-value]
    value = build()
    _write(path, value)
    return value


def entries() -> list[tuple[Path, int]]:
    """The cached entries (path, bytes), by name."""
    directory = cache_dir()
    if directory is None:
        return []
    with suppress(OSError):
        return [(p, p.stat().st_size) for p in sorted(directory.glob("*.pickle"))]
    return []


def clear() -> int:
    """Remove every cached entry; return how many were removed."""
    removed = 0
    for path, _ in entries():
        with suppress(OSError):
            path.unlink()
            removed += 1
    return removed


def _read(path: Path) -> tuple[bool, object]:
    try:
        with path.open("rb") as fh:
            data = fh.read()
    except OSError:
        return False, None
    enabled = gc.isenabled()
    gc.disable()  # unpickling allocates ~10^6 objects: collections would only slow it down
    try:
        return True, pickle.loads(data)
    except Exception:  # truncated, corrupt, or from an incompatible version: rebuild
        return False, None
    finally:
        if enabled:
            gc.enable()


def _write(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return  # read-only home, no space: run without the cache
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:
        with suppress(OSError):
            os.unlink(tmp)
        return
    _prune(path)


def _prune(keep: Path) -> None:
    """Remove all but the :data:`KEEP` newest entries with ``keep``'s name."""
    name = keep.name.rsplit("-", 1)[0]
    with suppress(OSError):
        entries = sorted(
            keep.parent.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in entries[KEEP:]:
            if old != keep:
                with suppress(OSError):
                    old.unlink()
