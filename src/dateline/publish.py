"""Publishing a staged package into its folder: the old package or the new one, never a mix.

A package is two top-level paths, ``datapackage.json`` and ``data/`` (plus ``schemas/`` and
``seeds/`` when it is built outside the repository). No single system call replaces two paths,
so publishing keeps a **journal** that makes every intermediate state either the old or the new
package, and that the next dateline command finishes or rolls back:

1. the build writes and validates the new package in ``OUT/.dateline-build-*`` (staging);
2. under the package lock, :func:`publish` writes ``OUT/.dateline-publish.json`` (the journal:
   the device and inode of every old and new path; written to a temporary file and renamed);
3. it moves each path into place, ``data/`` (and ``schemas/``, ``seeds/``) first and
   ``datapackage.json`` last. On Linux a move is one ``renameat2(RENAME_EXCHANGE)``, which swaps
   the new path and the old one atomically (no path is ever missing); elsewhere, or on a file
   system without it, two renames through ``OUT/.dateline-old-*``;
4. the new ``datapackage.json`` in place is the **commit point**; then the journal is removed and
   the old paths are deleted.

:func:`recover` reads a journal left by a killed build: if the new ``datapackage.json`` is in
place it finishes the moves, otherwise it moves every old path back; both are idempotent, so a
kill during recovery is recovered by the next run. :func:`clean_leftovers` removes the staging
and old folders of killed builds. Every build and ``dateline validate``/``check`` recover first,
holding a lock on the package folder (``flock``: exclusive to publish or recover, shared while
reading), so dateline never reads a mixed package. What other readers see is in the README
("Atomic publishing").
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from dateline.errors import BuildError
from dateline.package.layout import DESCRIPTOR

JOURNAL = ".dateline-publish.json"
BUILD_PREFIX = ".dateline-build-"
OLD_PREFIX = ".dateline-old-"
FORMAT = 1
AT_FDCWD = -100
RENAME_EXCHANGE = 2
UNSUPPORTED = (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP)

Ident = list[int] | None  # [st_dev, st_ino] of a path, or None when it does not exist


# -- primitives (tests wrap these to inject a fault after each step) ---------------------------


def rename(src: Path, dst: Path) -> None:
    os.rename(src, dst)


def _renameat2() -> Any:
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


RENAMEAT2 = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap paths ``a`` and ``b`` in one atomic step; False where the system cannot."""
    if RENAMEAT2 is None:
        return False
    if RENAMEAT2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in UNSUPPORTED:
        return False
    raise OSError(err, os.strerror(err), str(a), None, str(b))


def write_journal(out: Path, journal: dict[str, Any]) -> None:
    """Write the journal whole or not at all (temporary file, then rename)."""
    tmp = out / f"{JOURNAL}.tmp"
    tmp.write_text(json.dumps(journal, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, out / JOURNAL)


def drop_journal(out: Path) -> None:
    (out / JOURNAL).unlink()


# -- locks -------------------------------------------------------------------------------------


@contextmanager
def locked(folder: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold ``flock`` on ``folder`` (exclusive, or shared for readers); released when this
    process ends in any way, so a killed holder never blocks the next run."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def try_lock(folder: Path) -> int | None:
    """An open, exclusively locked descriptor of ``folder``, or None when another process
    holds it (or it is gone)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


# -- staging -----------------------------------------------------------------------------------


@contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A fresh ``OUT/.dateline-build-*`` folder, locked for as long as this build lives (so a
    concurrent build does not take it for a leftover), removed at the end. Creating it first
    finishes or rolls back an interrupted publish and removes the leftovers of killed builds."""
    out.mkdir(parents=True, exist_ok=True)
    with locked(out):
        recover(out)
        clean_leftovers(out)
        path = Path(tempfile.mkdtemp(prefix=BUILD_PREFIX, dir=out))
        fd = try_lock(path)
    try:
        yield path
    finally:
        if not in_journal(out, path):  # else interrupted mid-publish: kept for recovery
            shutil.rmtree(path, ignore_errors=True)
        if fd is not None:
            os.close(fd)


def in_journal(out: Path, folder: Path) -> bool:
    """Whether the journal in ``out`` names ``folder`` (a publish from it did not finish)."""
    try:
        journal = read_journal(out)
    except BuildError:
        return True  # keep everything: the journal cannot be read
    return journal is not None and folder.name in (journal["staged"], journal["old"])


def clean_leftovers(out: Path) -> list[str]:
    """Remove the staging and old folders that no live build holds (call under the package
    lock, after :func:`recover`); return their names."""
    removed = []
    for path in sorted(out.glob(".dateline-*")):
        if not path.name.startswith((BUILD_PREFIX, OLD_PREFIX)) or not path.is_dir():
            continue
        fd = try_lock(path)
        if fd is None:
            continue  # a running build's staging folder
        try:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
        finally:
            os.close(fd)
    with suppress(OSError):
        (out / f"{JOURNAL}.tmp").unlink()
    return removed


# -- publish and recover -----------------------------------------------------------------------


def ident(path: Path) -> Ident:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    return [st.st_dev, st.st_ino]


def publish(staged: Path, out: Path, names: Sequence[str]) -> None:
    """Move ``names`` from ``staged`` into ``out`` as one change (``datapackage.json`` last);
    see the module docstring. ``staged`` must be a folder made by :func:`staging`."""
    order = [n for n in names if n != DESCRIPTOR] + [DESCRIPTOR]
    with locked(out):
        recover(out)
        old = Path(tempfile.mkdtemp(prefix=OLD_PREFIX, dir=out))
        journal = {
            "format": FORMAT,
            "staged": staged.name,
            "old": old.name,
            "paths": [{"name": n, "new": ident(staged / n), "old": ident(out / n)} for n in order],
        }
        write_journal(out, journal)
        try:
            settle(out, journal, "new")
        except OSError as exc:
            settle(out, journal, "old")  # put the old package back, then report
            finish(out, journal)
            raise BuildError(
                f"could not publish the new package ({exc}); the old one is in place",
                file=str(out),
            ) from exc
        finish(out, journal)


def recover(out: Path) -> str | None:
    """Finish or roll back the publish a killed build left in ``out`` (call under the package
    lock); return "finished", "rolled back", or None when there was nothing to do."""
    journal = read_journal(out)
    if journal is None:
        return None
    entries = {e["name"]: e for e in journal["paths"]}
    committed = ident(out / DESCRIPTOR) == entries[DESCRIPTOR]["new"]
    settle(out, journal, "new" if committed else "old")
    finish(out, journal)
    clean_leftovers(out)
    return "finished" if committed else "rolled back"


def read_journal(out: Path) -> dict[str, Any] | None:
    path = out / JOURNAL
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise BuildError(
            f"the publish journal {JOURNAL} cannot be read ({exc})",
            file=str(path),
            hint="it is written whole or not at all, so it was changed by hand: restore "
            "data/ and datapackage.json from git, then delete it",
        ) from exc
    if journal.get("format") != FORMAT:
        raise BuildError(
            f"the publish journal {JOURNAL} is of another dateline version",
            file=str(path),
            hint="run that version's `dateline build` to finish it, or restore from git",
        )
    return journal


def settle(out: Path, journal: dict[str, Any], side: str) -> None:
    """Put every path of the journal on ``side`` ("new" or "old") into place; on "old" in
    reverse order, so ``datapackage.json`` is the first to go back."""
    slots = (out / journal["staged"], out / journal["old"])
    entries = journal["paths"] if side == "new" else reversed(journal["paths"])
    for entry in entries:
        place(out / entry["name"], entry[side], [s / entry["name"] for s in slots])


def place(here: Path, want: Ident, holders: list[Path]) -> None:
    """Make ``here`` the path whose identity is ``want`` (None: no path), taking it from one of
    ``holders`` and parking what is at ``here`` in a free holder."""
    current = ident(here)
    if current == want:
        return
    source = None
    if want is not None:
        source = next((h for h in holders if ident(h) == want), None)
        if source is None:
            raise BuildError(
                f"publish journal: {here.name} of the package is nowhere to be found",
                file=str(here),
                hint="restore data/ and datapackage.json from git, then run `dateline build`",
            )
    if current is None:
        rename(source, here)  # type: ignore[arg-type]
        return
    if source is not None and exchange(source, here):
        return
    free = next(h for h in holders if h != source and ident(h) is None and h.parent.is_dir())
    rename(here, free)
    if source is not None:
        rename(source, here)


def finish(out: Path, journal: dict[str, Any]) -> None:
    """Drop the journal (the package is settled), then delete the old folder. The staging
    folder is its build's to remove (or :func:`clean_leftovers`' once that build is dead)."""
    drop_journal(out)
    shutil.rmtree(out / journal["old"], ignore_errors=True)


@contextmanager
def reading(root: Path) -> Iterator[None]:
    """Read the package in ``root`` as one: finish or roll back an interrupted publish, then
    hold a shared lock so that no build publishes while we read. Without write access (or
    without the folder), read as it is."""
    try:
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        yield
        return
    try:
        if (root / JOURNAL).exists():
            fcntl.flock(fd, fcntl.LOCK_EX)
            with suppress(OSError):
                recover(root)
        fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)
