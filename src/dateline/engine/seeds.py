"""The seed files of a build: each file's name and digest, and its bytes when they are needed.

A build needs the bytes of a seed file only when it is new or edited: an unchanged file gives
the article, cache key and rows that the last build's state keeps by file name and digest
(:mod:`dateline.engine.state`), and its copy in the published package is linked, not written.
So a file whose **stamp** is the one the last build recorded is not read again; its digest is
the one recorded with the stamp (:func:`read_seeds`).

The stamp is the file's device, inode, size, and modification and change times, in
nanoseconds. Any write to a file moves its change time, and no call can set that back
(``touch -d`` or ``os.utime`` set the modification time and move the change time with it); a
file replaced by a rename (as editors save) has another inode. So a file with the stamp it had
when read holds the bytes read then, with one exception that :data:`SETTLE_NS` rules out: a
file system keeps times at a coarse grain (a kernel tick; a second or two on some), so a file
written again within the grain of the time its stamp was taken could keep its change time. A
stamp is therefore recorded only when the file's change time lies at least :data:`SETTLE_NS`
before the read began (and is the same after the read): a file changed more recently is read
and hashed again by the next build, as git treats a "racily clean" file. A symlink is never
stamped (its target may change), nor is a file in another seed folder than the one stamped.

A file taken on its stamp is read later only if the build finds it needs the bytes after all
(the state lacks its article, or its published copy changed); :meth:`SeedFile.read` then checks
them against the recorded digest and fails the build, naming the file, if they differ (the
file changed while the build ran).
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.article import read_seed_file
from dateline.engine.state import seed_digest
from dateline.errors import SeedError, UsageError

#: How long before a read a file's change time must lie for its stamp to be recorded.
SETTLE_NS = 2_000_000_000
#: A stamp: device, inode, size, modification and change times (ns), as the record keeps it.
Stamp = list[int]


@dataclass
class SeedFile:
    """One seed article file of a build: its folder, name and digest
    (:func:`~dateline.engine.state.seed_digest` of its bytes), its bytes once read, and the
    stamp to record for it (None: none is safe)."""

    folder: Path
    name: str
    digest: str
    data: bytes | None = None  # None: taken on its stamp, not read (yet)
    stamp: Stamp | None = None

    @property
    def path(self) -> Path:
        """The file's path (made only when asked: a build takes most files on their stamp)."""
        return self.folder / self.name

    def read(self) -> bytes:
        """The file's bytes: those read, else read now and checked against the digest."""
        if self.data is None:
            data = read_seed_file(self.path)
            if seed_digest(data) != self.digest:
                raise SeedError(
                    "changed while the build was running",
                    file=str(self.path),
                    hint="run the build again",
                )
            self.data = data
        return self.data


def stamp_of(st: os.stat_result) -> Stamp:
    """What tells a file's bytes unchanged without reading them (see the module docstring)."""
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def settled(before: os.stat_result, after: os.stat_result, began: int) -> Stamp | None:
    """The stamp of a regular file read between ``before`` and ``after`` (its ``lstat``s),
    the read having begun at ``began`` (``time.time_ns``), when the two agree and its change
    time lies :data:`SETTLE_NS` before the read; else None."""
    stamp = stamp_of(before)
    if not stat.S_ISREG(before.st_mode) or stamp != stamp_of(after):
        return None
    return stamp if before.st_ctime_ns < began - SETTLE_NS else None


def read_one(folder: Path, name: str, link: bool) -> SeedFile:
    """Read the seed file ``name`` of ``folder`` (``link``: it is a symlink, whose target must
    lie in ``folder``), with its stamp when one is safe to record."""
    path = folder / name
    if link:
        data = read_seed_file(path, within=folder)
        return SeedFile(folder, name, seed_digest(data), data)
    began = time.time_ns()
    try:
        before = os.lstat(path)
    except OSError:
        before = None
    data = read_seed_file(path)
    try:
        after = os.lstat(path)
    except OSError:
        after = None
    stamp = settled(before, after, began) if before and after else None
    return SeedFile(folder, name, seed_digest(data), data, stamp)


def read_seeds(
    folder: Path, known: Mapping[str, tuple[Stamp, str]] | None = None
) -> list[SeedFile]:
    """Every ``*.txt`` seed file of ``folder``, sorted by name. A file in ``known`` (its stamp
    and digest, by name: :func:`known_stamps`) that has that stamp is not read."""
    if not folder.is_dir():
        raise UsageError(
            "seed folder not found", file=str(folder), hint="pass --seeds DIR with the articles"
        )
    known = known or {}
    # one scandir, sorted by name; a symlink's target is checked only for a symlink (the entry
    # says which without a stat): a build reads every seed
    with os.scandir(folder) as found:
        entries = sorted((e for e in found if e.name.endswith(".txt")), key=lambda e: e.name)
    files = []
    for entry in entries:
        name, link = entry.name, entry.is_symlink()
        was = known.get(name)
        if was is not None and not link and current(entry, was[0]):
            files.append(SeedFile(folder, name, was[1], None, was[0]))
        else:
            files.append(read_one(folder, name, link))
    return files


def current(entry: os.DirEntry[str], stamp: Stamp) -> bool:
    """Whether the file of ``entry`` has ``stamp``."""
    try:
        return stamp_of(entry.stat(follow_symlinks=False)) == stamp
    except OSError:
        return False


def stamps_record(files: Sequence[SeedFile], folder: Path) -> dict[str, Any]:
    """What a build's record keeps of its seeds' stamps (:func:`known_stamps` reads it)."""
    stamps = {f.name: f.stamp for f in files if f.stamp is not None}
    return {"folder": str(folder.resolve()), "stamps": stamps}


def known_stamps(record: Mapping[str, Any] | None, folder: Path) -> dict[str, tuple[Stamp, str]]:
    """The stamp and digest of each seed file the last build (``record``: its record, with
    ``seeds``, the digests by name, and ``seed_stamps``, :func:`stamps_record`) read from
    ``folder``, by name; empty when it read another folder or recorded none."""
    if not record:
        return {}
    kept, digests = record.get("seed_stamps") or {}, record.get("seeds") or {}
    if not isinstance(kept, dict) or kept.get("folder") != str(folder.resolve()):
        return {}
    stamps = kept.get("stamps") or {}
    return {
        name: (stamp, digest)
        for name, stamp in stamps.items()
        if isinstance(stamp, list)
        and len(stamp) == 5
        and all(isinstance(v, int) for v in stamp)
        and isinstance(digest := digests.get(name), str)
    }
