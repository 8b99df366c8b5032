"""Intervals: every ``<x>_start``/``<x>_end`` pair of date fields runs forward (start <= end).

Offsets into a body (``char_start``/``char_end`` ...) are checked with their evidence text in
:mod:`dateline.validate.evidence`; this module checks the date intervals (``date_start`` and
``date_end`` of events), which a correction or a hand edit could otherwise publish backwards.
"""

from __future__ import annotations

import polars as pl

from dateline.schema import TableSchema
from dateline.validate.issues import Issue
from dateline.validate.table import TableData

DATE_TYPES = ("date", "datetime")
ROW = "__row"


def date_intervals(schema: TableSchema) -> list[tuple[str, str]]:
    """The (start, end) date field pairs of a table, by name: ``date_start`` + ``date_end``."""
    types = {f.name: f.type for f in schema.fields}
    return [
        (name, f"{name.removesuffix('_start')}_end")
        for name, kind in types.items()
        if name.endswith("_start")
        and kind in DATE_TYPES
        and types.get(f"{name.removesuffix('_start')}_end") == kind
    ]


def interval_issues(tables: dict[str, TableData]) -> list[Issue]:
    """One ``interval`` Issue per row whose end comes before its start (nulls are not checked)."""
    issues: list[Issue] = []
    for data in tables.values():
        for start, end in date_intervals(data.schema):
            backwards = (
                data.frame.with_row_index(ROW, offset=1)
                .filter(pl.col(end) < pl.col(start))
                .select(ROW, start, end)
            )
            for row, first, last in backwards.iter_rows():
                msg = (
                    f"{data.name} row {row}, field {end}: {end} {last} is before {start} "
                    f"{first}; an interval runs forward — swap the dates or fix one of them"
                )
                issues.append(data.issue(row, end, "interval", msg, [first, last], "intervals"))
    return issues
