"""Release bundles on disk: a deterministic zip, its checksums, and reading one back.

A bundle is ``<name>-<version>.zip`` holding one folder ``<name>-<version>/``. Entries are
sorted by path and carry a fixed timestamp, fixed permissions and a fixed compression level,
so the same files give the same bytes. ``SHA256SUMS`` files use the format ``sha256sum``
writes (``<hex>  <path>``), so ``sha256sum -c SHA256SUMS`` checks them.
"""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from dateline.errors import DatelineError

#: The earliest time a zip entry can carry; every entry gets it (reproducible builds).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644  # a regular file, rw-r--r--
COMPRESS_LEVEL = 9
CHECKSUMS = "SHA256SUMS"
MAX_ENTRY_BYTES = 2_000_000_000
BUNDLE_NAME = re.compile(r"^(?P<name>[a-z0-9._-]+?)-(?P<version>\d+\.\d+\.\d+\S*)\.zip$")


class BundleError(DatelineError):
    """A release bundle cannot be written or read."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def checksums(files: Mapping[str, bytes]) -> str:
    """``sha256sum`` output for ``files`` (path → bytes), sorted by path."""
    return "".join(f"{sha256_hex(files[p])}  {p}\n" for p in sorted(files))


def zip_bytes(files: Mapping[str, bytes]) -> bytes:
    """A zip of ``files`` (POSIX path → bytes): sorted entries, fixed times and modes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(path, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that the mode below is read
            info.external_attr = FILE_MODE << 16
            archive.writestr(info, files[path], compresslevel=COMPRESS_LEVEL)
    return buffer.getvalue()


def bundle_version(path: Path, name: str) -> tuple[int, int, int] | None:
    """The version of a bundle file named ``<name>-<X.Y.Z>.zip`` (None for any other file)."""
    m = BUNDLE_NAME.match(path.name)
    if not m or m["name"] != name:
        return None
    core = re.match(r"(\d+)\.(\d+)\.(\d+)$", m["version"])
    return (int(core[1]), int(core[2]), int(core[3])) if core else None


def previous_bundle(dist: Path, name: str, version: tuple[int, int, int]) -> Path | None:
    """The newest bundle of ``name`` in ``dist`` older than ``version`` (None if none)."""
    if not dist.is_dir():
        return None
    older = [
        (v, p)
        for p in dist.glob(f"{name}-*.zip")
        if (v := bundle_version(p, name)) is not None and v < version
    ]
    return max(older)[1] if older else None


@contextmanager
def extracted(bundle: Path) -> Iterator[Path]:
    """The package folder of a bundle, unpacked into a temporary folder.

    Only regular files with relative paths inside the bundle's single top folder are unpacked;
    anything else (absolute paths, ``..``, links, a second top folder) is a :class:`BundleError`.
    """
    where = str(bundle)
    try:
        archive = zipfile.ZipFile(bundle)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BundleError(f"cannot open the release bundle: {exc}", file=where) from None
    with archive, tempfile.TemporaryDirectory(prefix="dateline-bundle-") as tmp:
        tops = {_parts(info.filename, where)[0] for info in archive.infolist()}
        if len(tops) != 1:
            raise BundleError(
                f"a release bundle holds one folder; this one holds {sorted(tops)}", file=where
            )
        for info in archive.infolist():
            if info.is_dir():
                continue
            if (info.external_attr >> 16) & 0o170000 not in (0, 0o100000):
                raise BundleError(f"{info.filename!r} is not a regular file", file=where)
            if info.file_size > MAX_ENTRY_BYTES:
                raise BundleError(f"{info.filename!r} is too large to unpack", file=where)
            target = Path(tmp).joinpath(*_parts(info.filename, where))
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                target.write_bytes(archive.read(info))
            except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # e.g. a CRC mismatch
                raise BundleError(f"cannot unpack {info.filename!r}: {exc}", file=where) from None
        yield Path(tmp) / tops.pop()


def _parts(name: str, where: str) -> tuple[str, ...]:
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or any(p in ("..", "") for p in path.parts):
        raise BundleError(f"entry {name!r} points outside the bundle", file=where)
    return path.parts
