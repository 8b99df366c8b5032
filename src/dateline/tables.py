"""Rows (lists of dicts from the extractors) into typed, sorted polars frames.

A frame is the in-memory form of a table: columns in schema order, dtypes from
:func:`dateline.schema.polars.polars_schema`, rows sorted by primary key so that every build
writes the same bytes. Two values that a CSV cell cannot tell apart are normalised here, once,
so that the CSV and the Parquet file hold the same data: an empty string and an empty list are
stored as null.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from dateline.errors import BuildError
from dateline.schema import Field, TableSchema, load
from dateline.schema.polars import polars_schema
from dateline.schema.types import field_type


def to_frame(table: str, rows: list[dict[str, Any]]) -> pl.DataFrame:
    """A typed frame of ``rows``: schema column order, missing keys null, sorted by primary key.

    Raises :class:`BuildError` naming the table, the row (1-based, in input order) and the field
    when a row has an unknown key or a value of the wrong type.
    """
    return sort_frame(typed_frame(table, rows), load(table))


def typed_frame(table: str, rows: list[dict[str, Any]]) -> pl.DataFrame:
    """:func:`to_frame` with the rows left in input order."""
    schema = load(table)
    columns = fast_columns(schema, rows)
    if columns is None:  # something to report: find the first problem, row by row
        columns = checked_columns(schema, rows)
    return pl.DataFrame(columns, schema=polars_schema(schema), strict=True)


def fast_columns(schema: TableSchema, rows: list[dict[str, Any]]) -> dict[str, list[Any]] | None:
    """The columns of ``rows`` converted a column at a time, or None when a row has an unknown
    key or a value is not exactly of its field's type (see ``convert_column``)."""
    if set().union(*rows) - set(schema.field_names):
        return None
    columns: dict[str, list[Any]] = {}
    for field in schema.fields:
        values = [row.get(field.name) for row in rows]
        convert = field_type(field).convert_column
        converted = convert(field, values) if convert is not None else None
        if converted is None:
            try:
                converted = [cell(field, v, where="") for v in values]
            except BuildError:
                return None
        columns[field.name] = converted
    return columns


def checked_columns(schema: TableSchema, rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """The columns of ``rows`` converted row by row; raise at the first problem."""
    table = schema.name
    columns: dict[str, list[Any]] = {f.name: [] for f in schema.fields}
    known = set(columns)
    for number, row in enumerate(rows, start=1):
        unknown = sorted(set(row) - known)
        if unknown:
            raise BuildError(
                f"{table} row {number}: unknown field(s) {unknown}",
                hint=f"the fields of {table} are: {', '.join(schema.field_names)}",
            )
        for field in schema.fields:
            columns[field.name].append(
                cell(field, row.get(field.name), where=f"{table} row {number}")
            )
    return columns


def sort_frame(frame: pl.DataFrame, schema: TableSchema) -> pl.DataFrame:
    """Rows in primary-key order (nulls last), ties kept in input order."""
    key = list(schema.primary_key) or schema.field_names[:1]
    return frame.sort(key, nulls_last=True, maintain_order=True)


OLD = "__old"


def same_rows(new: pl.DataFrame, old: pl.DataFrame, key: Sequence[str]) -> pl.Series:
    """Per row of ``new``: the position in ``old`` of the row with all its values (found by
    ``key``, unique in ``old``), or null when ``old`` has none. The rows are paired by their
    key alone, then every other column is compared in place."""
    keys = list(key)
    found = (
        new.select(keys)
        .join(old.select(keys).with_row_index(OLD), on=keys, how="left", maintain_order="left")
        .get_column(OLD)
    )
    if not old.height:
        return found
    others = [c for c in new.columns if c not in keys]
    paired = old.select(others)[found.fill_null(0)]
    differs = [new.get_column(c).ne_missing(paired.get_column(c)) for c in others]
    frame = pl.DataFrame({OLD: found}).with_columns(differs=pl.any_horizontal(differs or [False]))
    return frame.select(pl.when(pl.col("differs")).then(None).otherwise(pl.col(OLD))).to_series()


def cell(field: Field, value: Any, *, where: str) -> Any:
    """Check one value against its field's type and return its normalised form."""
    if value is None:
        return None
    try:
        return field_type(field).convert(field, value)
    except (TypeError, ValueError) as exc:
        raise BuildError(
            f"{where}, field {field.name}: {exc} (got {type(value).__name__} {value!r})",
            hint=f"{field.name} is a {field.type} field: {field.description}",
        ) from None
