"""``dateline check``: the one command CI runs.

1. Rebuild from ``seeds/`` (with corrections) into a temporary folder and compare every file under
   ``data/`` and ``datapackage.json`` byte for byte with the committed ones (stale or hand-edited
   data is an issue).
2. Validate the committed package (:func:`dateline.validate.validate_package`: schemas, keys,
   evidence, and frictionless on each resource it has not already passed in the same form).
3. In a pull request, diff the committed package against the base branch; a version below the
   SemVer bump the changes need is an issue.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from itertools import groupby
from pathlib import Path
from typing import Any

from dateline.diff import PackageDiff, diff, format_markdown
from dateline.errors import BuildError, DatelineError, UsageError
from dateline.package.layout import DESCRIPTOR
from dateline.package.layout import table_of as layout_table
from dateline.publish import reading
from dateline.schema import TABLES
from dateline.validate import Issue, Report, validate_package

FIX_STALE = "run `dateline build` and commit data/ and datapackage.json"

Builder = Callable[[Path, Path], object]


@dataclass
class CheckResult:
    """The combined report, the diff against the base (if any) and why a diff was skipped."""

    report: Report
    diff: PackageDiff | None = None
    diff_note: str | None = None

    @property
    def valid(self) -> bool:
        return self.report.valid

    def to_json(self) -> dict[str, Any]:
        return {
            **self.report.to_json(),
            "diff": self.diff.to_json() if self.diff else None,
            "diff_note": self.diff_note,
        }


def default_builder(seeds: Path, out: Path, *, cache: bool = True) -> object:
    """``dateline build`` with the reviewed corrections applied (and the extraction cache
    unless ``cache`` is false)."""
    from dateline.build import build
    from dateline.engine import EngineOptions

    return build(seeds, out, options=EngineOptions(cache=cache))


uncached: Builder = partial(default_builder, cache=False)


def committed_is_current(seeds: Path, root: Path) -> bool:
    """Whether ``root`` holds, unchanged, what the last build into it on this machine wrote
    from exactly these inputs: then a rebuild would write the same bytes, and is skipped."""
    from dateline.build import is_current

    return is_current(seeds, root)


def error_issues(err: DatelineError) -> list[Issue]:
    """A build that failed: its error (with file and line) and the problems of its report."""
    message = err.message + (f" (fix: {err.hint})" if err.hint else "")
    issues = [Issue(None, err.file, None, err.line, None, "build-failed", message, None, "files")]
    if isinstance(err, BuildError) and isinstance(err.report, Report):
        issues += err.report.issues
    return issues


def package_files(root: Path) -> dict[str, Path]:
    """``datapackage.json`` and every file under ``data/``, by POSIX path relative to ``root``."""
    files = {DESCRIPTOR: root / DESCRIPTOR} if (root / DESCRIPTOR).is_file() else {}
    data = root / "data"
    if data.is_dir():
        files |= {
            p.relative_to(root).as_posix(): p
            for p in sorted(data.rglob("*"))
            if p.is_file() and not p.name.startswith(".")
        }
    return files


def first_difference(a: bytes, b: bytes) -> int:
    """The 1-based line of the first byte where ``a`` and ``b`` differ."""
    n = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return a.count(b"\n", 0, n) + 1


def table_of(rel: str) -> str | None:
    name = layout_table(rel)
    return name if name in TABLES else None


def stale_issue(rel: str, message: str, line: int | None = None) -> Issue:
    """A ``stale-data`` problem with the committed file ``rel``."""
    return Issue(table_of(rel), rel, None, line, None, "stale-data", message, None, "files")


def stale_issues(built: Path, root: Path) -> list[Issue]:
    """Every committed file that differs from, is missing in, or is extra to a fresh build."""
    fresh, committed = package_files(built), package_files(root)
    issues = []
    for rel, path in fresh.items():
        if rel not in committed:
            issues.append(stale_issue(rel, f"{rel} is missing; the seeds produce it: {FIX_STALE}"))
            continue
        new, old = path.read_bytes(), committed[rel].read_bytes()
        if new != old:
            line = None if rel.endswith(".parquet") else first_difference(old, new)
            message = (
                f"{rel} differs from a fresh build of seeds/ (stale or edited by hand): {FIX_STALE}"
            )
            issues.append(stale_issue(rel, message, line))
    for rel in sorted(set(committed) - set(fresh)):
        message = f"{rel} is not produced by the build: delete it, or {FIX_STALE}"
        issues.append(stale_issue(rel, message))
    return issues


def base_revision(base: str | None) -> str | None:
    """The revision to diff against: ``--base``, or ``origin/$GITHUB_BASE_REF`` in a PR."""
    if base:
        return base
    ref = os.environ.get("GITHUB_BASE_REF")
    return f"origin/{ref}" if ref else None


def run_check(
    root: Path,
    seeds: Path,
    *,
    base: str | None = None,
    builder: Builder | None = None,
    cache: bool = True,
    frictionless: str = "changed",
) -> CheckResult:
    """Rebuild and compare, validate, and (with a base) diff; no step stops the others.
    ``frictionless``: which resources frictionless-py validates (see
    :func:`dateline.validate.validate_package`); ``--no-cache`` makes "changed" "all"."""
    if not seeds.is_dir():
        raise UsageError(
            "seed folder not found",
            file=str(seeds),
            hint="run in the repository root or pass --seeds",
        )
    issues: list[Issue] = []
    with tempfile.TemporaryDirectory(prefix="dateline-check-") as tmp:
        try:
            fresh = builder is None and cache and committed_is_current(seeds, root)
            if not fresh:
                (builder or (default_builder if cache else uncached))(seeds, Path(tmp))
            built = not fresh
        except DatelineError as err:
            issues += error_issues(err)
            built = False
        # finish or roll back an interrupted publish; no build publishes while we read
        with reading(root):
            if built:
                issues += stale_issues(Path(tmp), root)
            mode = "all" if frictionless == "changed" and not cache else frictionless
            validation = validate_package(root, seeds=seeds, frictionless=mode)
    changes, note = None, None
    if rev := base_revision(base):
        try:
            changes = diff(rev, str(root), root)
        except DatelineError as err:
            note = f"no diff against {rev}: {err.message}"
    if changes is not None and not changes.version_ok:
        issues.append(version_issue(changes))
    return CheckResult(Report(issues + validation.issues, validation.tables), changes, note)


def version_issue(changes: PackageDiff) -> Issue:
    """The package's version is below what its changes against the base need."""
    message = (
        f"version {changes.new_version} is below {changes.suggested_version}, the {changes.bump} "
        f"bump these changes need (from {changes.old_version}): set `version: "
        f"{changes.suggested_version}` in package.yaml, then run `dateline build` and commit"
    )
    return Issue(None, "package.yaml", None, None, "version", "version-bump", message, None)


def markdown_summary(result: CheckResult) -> str:
    """The step summary: verdict, one row per (table, rule) with counts, then the data diff."""
    r = result.report
    if r.valid:
        out = ["## dateline check: valid ✅", ""]
    else:
        out = [
            f"## dateline check: {len(r.issues)} problem(s) ❌",
            "",
            "| table | rule | count | first at | message |",
            "|---|---|---:|---|---|",
        ]
        for (table, code), group in groupby(
            sorted(r.issues, key=lambda i: (i.table or "", i.code)),
            key=lambda i: (i.table or "", i.code),
        ):
            items = list(group)
            first = items[0]
            where = f"{first.file or DESCRIPTOR}" + (f":{first.line}" if first.line else "")
            message = first.message.replace("|", "\\|").replace("\n", " ")
            out.append(
                f"| {table or 'package'} | `{code}` | {len(items)} | `{where}` | {message} |"
            )
        out.append("")
    out.append("rows: " + (", ".join(f"{t} {n}" for t, n in r.tables.items()) or "none read"))
    if result.diff:
        out += ["", format_markdown(result.diff)]
    elif result.diff_note:
        out += ["", f"_{result.diff_note}_"]
    return "\n".join(out) + "\n"


def write_report(result: CheckResult, path: Path) -> None:
    """The full JSON report (the CI artifact)."""
    path.write_text(
        json.dumps(result.to_json(), indent=2, sort_keys=True, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )


def append_summary(result: CheckResult) -> None:
    """Append the Markdown summary to ``$GITHUB_STEP_SUMMARY`` when it is set."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as f:
            f.write(markdown_summary(result))
