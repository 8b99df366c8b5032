"""The Arrow (Parquet) schema of a table, derived from its Table Schema."""

from __future__ import annotations

import json

import pyarrow as pa

from dateline.schema.model import Field, TableSchema
from dateline.schema.types import field_type

SCHEMA_KEY = b"frictionless:schema"
TABLE_KEY = b"dateline:table"


def arrow_type(field: Field) -> pa.DataType:
    """The Arrow type of a field: enums are dictionaries, lists are ``list<string>``."""
    return field_type(field).arrow(field)


def arrow_field(field: Field) -> pa.Field:
    return pa.field(
        field.name,
        arrow_type(field),
        nullable=not field.required,
        metadata={"description": field.description},
    )


def to_arrow_schema(table: TableSchema) -> pa.Schema:
    """Field types, nullability and descriptions, plus the Table Schema JSON as file metadata."""
    compact = json.dumps(table.published, separators=(",", ":"), ensure_ascii=False)
    return pa.schema(
        [arrow_field(f) for f in table.fields],
        metadata={SCHEMA_KEY: compact.encode(), TABLE_KEY: table.name.encode()},
    )
