"""The polars dtypes of a table, derived from its Table Schema (the typed in-memory form)."""

from __future__ import annotations

import polars as pl

from dateline.schema.model import Field, TableSchema
from dateline.schema.types import field_type


def polars_type(field: Field) -> pl.DataType:
    """The dtype a column has once read; enums are plain strings in memory."""
    return field_type(field).polars


def polars_schema(table: TableSchema) -> pl.Schema:
    return pl.Schema({f.name: polars_type(f) for f in table.fields})
