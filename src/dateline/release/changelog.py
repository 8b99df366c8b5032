"""``CHANGELOG.md``: one entry per release, newest first, made from ``dateline diff``.

An entry is a level-2 heading ``## <version> — <date>`` and what changed since the previous
release: schema changes first (they are what breaks a user's code), then rows per table.
Writing the entry of a version that is already there replaces it, so a release run twice
leaves the same file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from dateline.diff import PackageDiff
from dateline.escape import printable

TITLE = "# Changelog"
INTRO = (
    "Every release of the data package, newest first. Each entry is made by `dateline release`\n"
    "from `dateline diff` against the previous release bundle. Ids are stable across releases:\n"
    "a removed row's id is not reused.\n"
)
HEADING = re.compile(r"^## (?P<version>\S+)", re.MULTILINE)


def entry(
    version: str,
    released: str | None,
    rows: Mapping[str, int],
    change: PackageDiff | None,
) -> str:
    """The changelog entry of ``version``: ``change`` against the previous release, or, for a
    first release, the rows per table."""
    head = f"## {version}" + (f" — {released}" if released else "")
    lines = [head, ""]
    if change is None:
        lines.append("First release.")
        lines += ["", "| table | rows |", "|---|---:|"]
        lines += [f"| {t} | {n} |" for t, n in rows.items()]
        return "\n".join(lines) + "\n"
    verdict = "no data changes" if change.bump == "none" else f"a {change.bump} change"
    lines.append(f"Compared with {change.old_version}: {verdict}.")
    if change.schema:
        lines += ["", "Schema changes:", ""]
        lines += [
            f"- `{c.table}{'.' + c.field if c.field else ''}`: {c.detail} ({c.bump})"
            for c in change.schema
        ]
    lines += [
        "",
        "| table | rows | added | removed | changed | fields changed |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for t in change.tables:
        fields = ", ".join(f"{k} ({v})" for k, v in sorted(t.changed_fields.items()))
        lines.append(
            f"| {t.table} | {rows.get(t.table, 0)} | {t.added} | {t.removed} | {t.changed} "
            f"| {fields} |"
        )
    return "\n".join(printable(line) for line in lines) + "\n"


def with_entry(changelog: str | None, version: str, text: str) -> str:
    """``changelog`` (None: a new file) with the entry of ``version`` added on top, or put in
    place of the entry of the same version."""
    entries = _entries(changelog or "")
    entries[version] = text.rstrip("\n") + "\n"
    ordered = sorted(entries, key=_version_key, reverse=True)
    return f"{TITLE}\n\n{INTRO}\n" + "\n".join(entries[v] for v in ordered)


def _entries(changelog: str) -> dict[str, str]:
    """The entries of a changelog by version (what precedes the first entry is dropped)."""
    marks = list(HEADING.finditer(changelog))
    out: dict[str, str] = {}
    ends = [m.start() for m in marks[1:]] + [len(changelog)]
    for m, end in zip(marks, ends[: len(marks)], strict=True):
        out[m["version"]] = changelog[m.start() : end].rstrip("\n") + "\n"
    return out


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", version)[:3])


def release_date(changelog: str | None, version: str) -> str | None:
    """The date the entry of ``version`` in ``changelog`` gives (None when there is none)."""
    m = re.search(
        rf"^## {re.escape(version)} — (\d{{4}}-\d{{2}}-\d{{2}})$", changelog or "", re.MULTILINE
    )
    return m[1] if m else None
