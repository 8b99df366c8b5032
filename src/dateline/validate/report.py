"""Render a :class:`Report` as text (terminal), JSON (artifact) or GitHub workflow commands."""

from __future__ import annotations

import json
from itertools import groupby

from dateline.escape import defuse, escape_data, escape_property, printable
from dateline.validate.issues import Issue, Report

__all__ = [
    "defuse",
    "escape_data",
    "escape_property",
    "format_github",
    "format_json",
    "format_text",
    "printable",
]


def location(issue: Issue) -> str:
    """``file:line`` (or ``file``) of an issue."""
    parts = [printable(issue.file or "datapackage.json")]
    if issue.line is not None:
        parts.append(str(issue.line))
    return ":".join(parts)


def also(issue: Issue) -> str:
    """`` (also: …)``: the other checks that reported the same problem."""
    return f" (also: {', '.join(issue.also)})" if issue.also else ""


def format_text(report: Report) -> str:
    """One line per issue, then a summary line."""
    lines = [
        defuse(f"{location(i)}: [{i.code}] {printable(i.message)}{also(i)}") for i in report.issues
    ]
    counts = ", ".join(f"{t} {n}" for t, n in report.tables.items())
    verdict = "valid" if report.valid else f"INVALID: {len(report.issues)} problem(s)"
    lines.append(f"{verdict} (rows: {counts or 'none read'})")
    return "\n".join(lines) + "\n"


def format_json(report: Report) -> str:
    """The report as stable JSON (sorted keys, issues in their deterministic order)."""
    return json.dumps(report.to_json(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def detail(issue: Issue) -> str:
    """The message without its leading "<table> row N, field F: " (the group line says it)."""
    prefixes = [f"{issue.table} row {issue.row}, field {issue.field}: ", f"{issue.table}: "]
    for prefix in prefixes:
        if issue.message.startswith(prefix):
            return issue.message[len(prefix) :]
    return issue.message


def group_line(issues: list[Issue]) -> str:
    """One ``::error`` line for all issues of one (table, code), located at the first."""
    first = issues[0]
    table = first.table or "package"
    noun = "error" if len(issues) == 1 else "errors"
    at = []
    if first.row is not None:
        at.append(f"row {first.row}")
    if first.field:
        at.append(f"field {first.field}")
    where = f"first at {', '.join(at)}: " if at else ""
    message = f"{table}: {len(issues)} {first.code} {noun} ({where}{detail(first)}){also(first)}"
    props = [f"file={escape_property(first.file or 'datapackage.json')}"]
    if first.line is not None:
        props.append(f"line={first.line}")
    props.append(f"title={escape_property(f'{table}: {first.code}')}")
    return f"::error {','.join(props)}::{escape_data(message)}"


def format_github(report: Report, limit: int = 10) -> str:
    """At most ``limit`` ``::error`` annotations, one per (table, code) with its count."""
    groups = [list(g) for _, g in groupby(report.issues, key=lambda i: (i.table, i.code))]
    merged: dict[tuple[str | None, str], list[Issue]] = {}
    for group in groups:  # issues are sorted by row first, so a (table, code) may recur
        merged.setdefault((group[0].table, group[0].code), []).extend(group)
    lines = [group_line(g) for g in list(merged.values())[:limit]]
    if len(merged) > limit:
        rest = sum(len(g) for g in list(merged.values())[limit:])
        lines.append(f"{len(merged) - limit} more groups ({rest} issues); see the JSON report")
    return "\n".join(lines) + ("\n" if lines else "")
