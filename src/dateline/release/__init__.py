"""``dateline release``: a versioned, checksummed bundle of a built data package.

validate the package → diff against the previous release (its version must be at least what
the changes call for) → changelog entry → data card with figures, ``CITATION.cff`` and
``croissant.json`` → ``dist/<name>-<version>.zip`` and ``dist/SHA256SUMS``.

The bundle is a pure function of the package, its seeds, ``CHANGELOG.md`` and the README's
measured figures: the release date is the one ``CHANGELOG.md`` already gives the version (set on
its first release, from ``--date``, ``$SOURCE_DATE_EPOCH`` or today), zip entries carry a fixed
time, and the figures are rendered without metadata; releasing twice gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from dateline.errors import BuildError, DatelineError, UsageError
from dateline.package.bundle import checksums, previous_bundle, zip_bytes
from dateline.package.layout import DESCRIPTOR, DUCKDB_VIEWS, resource_paths
from dateline.package.paths import inside
from dateline.provenance import redistribution
from dateline.release.card import LOADING, MAP, QUALITY, TIMELINE, Withheld

if TYPE_CHECKING:
    from dateline.diff import PackageDiff

CHANGELOG = "CHANGELOG.md"
DATACARD = "DATACARD.md"
README = "README.md"
SEEDS = "seeds"
CORRECTIONS = "*.corrections.yaml"
DIST = "dist"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ReleaseError(DatelineError):
    """The package cannot be released as it is."""


@dataclass(frozen=True)
class Release:
    """What ``release`` wrote, and what it left out."""

    bundle: Path
    sums: Path
    changelog: Path
    version: str
    released: str
    previous: str | None
    bump: str
    withheld: tuple[Withheld, ...]
    files: tuple[str, ...]


def release(
    root: Path = Path("."),
    dist: Path | None = None,
    *,
    previous: str | None = None,
    date: str | None = None,
    readme: Path | None = None,
    overwrite: bool = False,
) -> Release:
    """Bundle the package in ``root`` into ``dist`` (default ``root/dist``).

    ``previous`` is the release to compare with (a bundle, folder or git revision; by default
    the newest older bundle in ``dist``); ``date`` (YYYY-MM-DD) the release date of a version
    ``CHANGELOG.md`` does not list yet; ``readme`` the README holding the measured quality."""
    from dateline.api import read_table
    from dateline.release.card import coverage, datacard, readme_section
    from dateline.release.changelog import entry, release_date, with_entry
    from dateline.release.citation import citation, citation_cff
    from dateline.release.croissant import croissant
    from dateline.release.figures import country_centroids, map_png, timeline_png
    from dateline.schema import TABLES
    from dateline.validate import validate_package

    dist = dist if dist is not None else root / DIST
    new_date = _today(date)  # checked first: a bad --date is a usage error, whatever else
    desc = _descriptor(root)
    name, version = str(desc["name"]), str(desc["version"])
    report = validate_package(root)
    if not report.valid:
        raise BuildError(
            f"the package does not validate ({len(report.issues)} problem(s)); nothing released",
            hint="fix the problems listed above, rebuild with `dateline build`, then release",
            report=report,
        )
    tables = {t: read_table(t, root) for t in TABLES}
    rows = {t: tables[t].num_rows for t in TABLES}
    spec = previous or _previous(dist, name, version)
    change = _compare(spec, root, version) if spec else None
    changelog_path = root / CHANGELOG
    old_log = changelog_path.read_text("utf-8") if changelog_path.is_file() else None
    released = release_date(old_log, version) or new_date
    log = with_entry(old_log, version, entry(version, released, rows, change))
    readme_path = readme or root / README
    text = _read_text(readme_path)
    sections = {h: readme_section(text, h, str(readme_path)) for h in (QUALITY, LOADING)}
    withheld = tuple(_withheld(desc))
    cover = coverage(tables)
    bundle = f"{name}-{version}"
    cite = citation(desc, released)
    files = _package_files(root, desc) | _seed_files(root, desc, withheld)
    files |= {
        DATACARD: datacard(desc, cover, sections, withheld, f"{bundle}.zip").encode("utf-8"),
        TIMELINE: timeline_png(cover.intervals, cover.undated_events),
        MAP: map_png(cover.places, cover.places_without_coordinates, country_centroids()),
        "CITATION.cff": citation_cff(desc, released),
        "croissant.json": _json(croissant(desc, released, _cite_as(cite))),
        CHANGELOG: log.encode("utf-8"),
    }
    files["SHA256SUMS"] = checksums(files).encode("utf-8")
    data = zip_bytes({f"{bundle}/{p}": b for p, b in files.items()})
    target = dist / f"{bundle}.zip"
    if target.is_file() and target.read_bytes() != data and not overwrite:
        raise ReleaseError(
            f"{target.name} exists and differs from this release",
            file=str(target),
            hint="bump the version in package.yaml and rebuild, or pass --overwrite to replace "
            "a bundle that was never published",
        )
    from dateline.write.package import write_atomic

    write_atomic(target, data)
    sums = _write_sums(dist, name)
    write_atomic(changelog_path, log.encode("utf-8"))
    return Release(
        bundle=target,
        sums=sums,
        changelog=changelog_path,
        version=version,
        released=released,
        previous=spec,
        bump=change.bump if change else "none",
        withheld=withheld,
        files=tuple(sorted(files)),
    )


def _descriptor(root: Path) -> dict[str, Any]:
    path = root / DESCRIPTOR
    if not path.is_file():
        raise ReleaseError(
            "no datapackage.json", file=str(root), hint="build the package with `dateline build`"
        )
    desc = json.loads(_read_text(path))
    if not isinstance(desc, dict) or not desc.get("name") or not desc.get("version"):
        raise ReleaseError("datapackage.json has no name and version", file=str(path))
    return desc


def _read_text(path: Path) -> str:
    from dateline.article import read_file

    try:
        return read_file(path, limit=None, error=ReleaseError).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReleaseError(f"not UTF-8: {exc}", file=str(path)) from None


def _previous(dist: Path, name: str, version: str) -> str | None:
    from dateline.diff import _semver

    current = _semver(version)
    found = previous_bundle(dist, name, current) if current else None
    return str(found) if found else None


def _compare(spec: str, root: Path, version: str) -> PackageDiff:
    """The diff from the previous release ``spec`` to the package in ``root``; the version must
    be above the previous one and at least what the changes call for."""
    from dateline.diff import _semver, diff

    change = diff(spec, str(root), root)
    old, new = _semver(change.old_version), _semver(version)
    if old is not None and new is not None and new <= old:
        raise ReleaseError(
            f"version {version} is not above the previous release {change.old_version}",
            file=spec,
            hint="bump the version in package.yaml and rebuild",
        )
    if not change.version_ok:
        raise ReleaseError(
            f"the data changed since {change.old_version} ({change.bump} change), so this "
            f"release needs version {change.suggested_version} or above, not {version}",
            file=spec,
            hint=f"set 'version: {change.suggested_version}' in package.yaml and rebuild",
        )
    return change


def _today(date: str | None) -> str:
    """The release date of a new version: ``date``, ``$SOURCE_DATE_EPOCH`` or today (UTC)."""
    if date is not None:
        try:
            if not DATE.match(date):
                raise ValueError("not YYYY-MM-DD")
            return dt.date.fromisoformat(date).isoformat()
        except ValueError as exc:
            raise UsageError(
                f"release date {date!r} is not a date ({exc})", hint="write e.g. 2026-12-01"
            ) from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = (
        dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        if epoch.isdigit()
        else dt.datetime.now(dt.UTC)
    )
    return when.date().isoformat()


def _withheld(desc: dict[str, Any]) -> list[Withheld]:
    """The sources whose text the bundle leaves out, with the reason."""
    out = []
    for src in desc.get("sources", []):
        verdict = redistribution(src.get("license"))
        if not verdict.allowed and isinstance(src.get("path"), str):
            doc_id = PurePosixPath(src["path"]).stem
            out.append(Withheld(doc_id, src["path"], src.get("license", "unknown"), verdict.reason))
    return out


def _package_files(root: Path, desc: dict[str, Any]) -> dict[str, bytes]:
    """``datapackage.json``, every resource file and every schema it names, and the DuckDB
    views (column comments) when the package has them."""
    names = {DESCRIPTOR, DUCKDB_VIEWS} if (root / DUCKDB_VIEWS).is_file() else {DESCRIPTOR}
    for res in desc.get("resources", []):
        names.update(resource_paths(res.get("path")))
        if isinstance(res.get("schema"), str):
            names.add(res["schema"])
    return {n: _read(root, n) for n in sorted(names)}


def _seed_files(
    root: Path, desc: dict[str, Any], withheld: tuple[Withheld, ...]
) -> dict[str, bytes]:
    """The seeds whose licence allows redistribution, and every corrections file."""
    left_out = {w.path for w in withheld}
    names = {s["path"] for s in desc.get("sources", []) if isinstance(s.get("path"), str)}
    out = {n: _read(root, n) for n in sorted(names - left_out)}
    folder = root / SEEDS
    if folder.is_dir():
        out |= {
            f"{SEEDS}/{p.name}": _read(root, f"{SEEDS}/{p.name}")
            for p in sorted(folder.glob(CORRECTIONS))
        }
    return out


def _read(root: Path, rel: str) -> bytes:
    from dateline.article import read_file

    path, reason = inside(root, rel)
    if path is None:
        raise ReleaseError(f"path {rel!r} {reason}", file=str(root / DESCRIPTOR))
    return read_file(path, limit=None, error=ReleaseError)


def _json(value: dict[str, Any]) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _cite_as(cite: dict[str, Any]) -> str:
    """A one-line citation: authors (year). title (version) [Data set]."""
    year = str(cite.get("date-released", ""))[:4]
    who = ", ".join(a["name"] for a in cite["authors"])
    where = f" {cite['url']}" if cite.get("url") else ""
    when = f" ({year})" if year else ""
    return f"{who}{when}. {cite['title']} (version {cite['version']}) [Data set].{where}"


def _write_sums(dist: Path, name: str) -> Path:
    """``dist/SHA256SUMS`` over every bundle of ``name`` in ``dist``."""
    from dateline.package.bundle import bundle_version
    from dateline.write.package import write_atomic

    bundles = {
        p.name: p.read_bytes()
        for p in sorted(dist.glob(f"{name}-*.zip"))
        if bundle_version(p, name)
    }
    target = dist / "SHA256SUMS"
    write_atomic(target, checksums(bundles).encode("utf-8"))
    return target
