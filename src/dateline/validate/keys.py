"""Primary keys, ``uniqueKeys`` and foreign keys, checked with polars joins.

frictionless-py ignores ``uniqueKeys`` and pandera has no foreign keys, so both are done here:
a duplicate is every row whose key (all parts non-null) occurred on an earlier row; a dangling
reference is a row whose key (all parts non-null) is missing from the referenced table.
"""

from __future__ import annotations

import polars as pl

from dateline.schema import TABLES, ForeignKey, load
from dateline.validate.issues import Issue
from dateline.validate.table import TableData

ROW = "__row"


def numbered(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with its 1-based row number."""
    return frame.with_row_index(ROW, offset=1)


def show(values: tuple[object, ...]) -> str:
    return repr(values[0]) if len(values) == 1 else repr(values)


def duplicate_issues(data: TableData, key: tuple[str, ...], code: str) -> list[Issue]:
    """Rows repeating an earlier row's ``key`` (rows with a null key part are skipped)."""
    if not key:
        return []
    keys = data.frame.select(key).drop_nulls()
    if keys.n_unique() == keys.height:  # the usual case, found by one hash pass
        return []
    rows = numbered(data.frame).drop_nulls(list(key))
    first = pl.col(ROW).min().over(list(key)).alias("__first")
    dupes = rows.with_columns(first).filter(pl.col(ROW) != pl.col("__first"))
    label = "primary key" if code == "primary-key" else "unique key"
    issues = []
    for rec in dupes.iter_rows(named=True):
        values = tuple(rec[k] for k in key)
        msg = (
            f"{data.name} row {rec[ROW]}, field {', '.join(key)}: {label} {show(values)} "
            f"already appears on row {rec['__first']}; every row needs a distinct "
            f"{', '.join(key)}"
        )
        issues.append(
            data.issue(
                rec[ROW], key[0], code, msg, list(values) if len(key) > 1 else values[0], "keys"
            )
        )
    return issues


def foreign_key_issues(data: TableData, fk: ForeignKey, parent: TableData) -> list[Issue]:
    """Rows of ``data`` whose ``fk.fields`` are not a key of the referenced table."""
    child = numbered(data.frame).drop_nulls(list(fk.fields))
    targets = parent.frame.select(
        [pl.col(r).alias(c) for c, r in zip(fk.fields, fk.reference_fields, strict=True)]
    ).unique()
    dangling = child.join(targets, on=list(fk.fields), how="anti", nulls_equal=False).sort(ROW)
    issues = []
    for rec in dangling.iter_rows(named=True):
        values = tuple(rec[c] for c in fk.fields)
        ref = ", ".join(fk.reference_fields)
        msg = (
            f"{data.name} row {rec[ROW]}, field {', '.join(fk.fields)}: {show(values)} is not "
            f"among the {ref} values of table {fk.reference_table}; add that row to "
            f"{fk.reference_table} or fix the reference"
        )
        value = list(values) if len(values) > 1 else values[0]
        issues.append(data.issue(rec[ROW], fk.fields[0], "foreign-key", msg, value, "keys"))
    return issues


def own_key_issues(data: TableData) -> list[Issue]:
    """The primary and unique keys of one table (needs no other table)."""
    schema = data.schema
    issues = duplicate_issues(data, schema.primary_key, "primary-key")
    for key in schema.unique_keys:
        issues += duplicate_issues(data, key, "unique-key")
    return issues


def reference_issues(tables: dict[str, TableData]) -> list[Issue]:
    """The foreign keys of every loaded table whose referenced table is loaded (each frame
    needs only its key columns: :func:`key_columns`)."""
    issues: list[Issue] = []
    for data in tables.values():
        for fk in data.schema.foreign_keys:
            parent = tables.get(fk.reference_table)
            if parent is not None:
                issues += foreign_key_issues(data, fk, parent)
    return issues


def key_columns(table: str) -> set[str]:
    """The columns of ``table`` that foreign keys read: its own and those others reference."""
    own = {f for fk in load(table).foreign_keys for f in fk.fields}
    referenced = {
        f
        for other in TABLES
        for fk in load(other).foreign_keys
        if fk.reference_table == table
        for f in fk.reference_fields
    }
    return own | referenced


def key_issues(tables: dict[str, TableData]) -> list[Issue]:
    """Primary keys, unique keys and foreign keys of every loaded table."""
    issues = [i for data in tables.values() for i in own_key_issues(data)]
    return issues + reference_issues(tables)
