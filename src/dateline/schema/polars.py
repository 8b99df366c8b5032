"""The polars dtypes of a table, derived from its Table Schema (the typed in-memory form)."""

from __future__ import annotations

import polars as pl

from dateline.schema.model import Field, TableSchema


def polars_type(field: Field) -> pl.DataType:
    """The dtype a column has once read; enums are plain strings in memory."""
    return {
        "string": pl.String(),
        "integer": pl.Int64(),
        "number": pl.Float64(),
        "boolean": pl.Boolean(),
        "date": pl.Date(),
        "datetime": pl.Datetime("us", "UTC"),
        "list": pl.List(pl.String()),
    }[field.type]


def polars_schema(table: TableSchema) -> pl.Schema:
    return pl.Schema({f.name: polars_type(f) for f in table.fields})
