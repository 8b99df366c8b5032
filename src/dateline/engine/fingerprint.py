"""Whether a package is already what a build would write: the build fingerprint.

A build is a pure function of its inputs: the seeds (every article's body and metadata, the
corrections files), ``package.yaml``, where the seeds and the output are, and dateline itself
(all of its code and data, schemas included, and the versions of the libraries it requires). The
**fingerprint** hashes them. After a build publishes, the store records the fingerprint and the
SHA-256 of every file it published, for that output folder; a later build with the same
fingerprint, whose files on disk still have those hashes, has nothing to do
(``extracted 0 article(s) … up to date``). Any change to an input, or any edit to a published
file, and the build runs in full. ``--no-cache`` always runs in full.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from functools import cache
from importlib import metadata
from pathlib import Path

from dateline.engine.version import package_root
from dateline.hashing import hash_files

FORMAT = 3  # 2: seeds hashed as files, not as parsed articles; 3: by their digests


@cache
def dateline_digest() -> str:
    """Every file of the installed ``dateline`` package, and the versions of what it requires."""
    root = package_root()
    header = f"{FORMAT}\0{sys.version}\0"
    requirements: list[str] = []
    with suppress(metadata.PackageNotFoundError):
        requirements = metadata.requires("dateline") or []
    for requirement in requirements:
        if "extra ==" not in requirement and (name := re.match(r"[A-Za-z0-9._-]+", requirement)):
            with suppress(metadata.PackageNotFoundError):
                header += f"{name[0]}=={metadata.version(name[0])}\0"
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return hash_files(header, ((p.relative_to(root).as_posix(), p) for p in files))


def build_fingerprint(
    seed_files: Sequence[tuple[str, str]], extra_files: Iterable[Path], seeds: Path, out: Path
) -> str:
    """The hash of everything a build of the seeds ``seed_files`` (each file's name and the
    digest of its bytes, :func:`~dateline.engine.state.seed_digest`; plus ``extra_files``:
    corrections, settings) from ``seeds`` into ``out`` depends on. An article is a function of
    its file's name and bytes and of the settings' source defaults, so the seeds are hashed
    unparsed (by digest: a file unchanged since the last build is not even read, see
    :mod:`dateline.engine.seeds`): an unchanged build parses nothing."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{dateline_digest()}\0{seeds.resolve()}\0{out.resolve()}\0".encode())
    for name, digest in seed_files:
        h.update(f"{name}\0{digest}\0".encode())
    for path in extra_files:
        h.update(f"{path.name}\0".encode())
        with suppress(OSError):
            h.update(path.read_bytes())
    return h.hexdigest()


def manifest(
    out: Path, names: Iterable[str], known: Mapping[str, str] | None = None
) -> dict[str, str]:
    """SHA-256 of every file under the published ``names`` of ``out``, by relative path;
    ``known``: the hashes of files whose bytes the caller has just written (a build), which
    are not read again."""
    files: dict[str, str] = {}
    known = known or {}
    for name in names:
        top = out / name
        for rel in [name] if top.is_file() else sorted(files_under(top, name)):
            files[rel] = known.get(rel) or hashlib.sha256((out / rel).read_bytes()).hexdigest()
    return files


def files_under(folder: Path, rel: str) -> Iterator[str]:
    """The relative path (``rel``/…) of every regular file under ``folder`` (a symlink to a
    file counts; a symlink to a folder is not entered), by ``os.scandir``: a package holds
    thousands of seed files."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from files_under(Path(entry.path), f"{rel}/{entry.name}")
        elif entry.is_file():
            yield f"{rel}/{entry.name}"


def unchanged(out: Path, recorded: dict[str, str]) -> bool:
    """Whether the files of ``recorded`` are in ``out`` with those hashes, and no other file is
    under the folders they lie in."""
    names = {rel.split("/")[0] for rel in recorded}
    try:
        return manifest(out, names) == recorded
    except OSError:
        return False
