"""The pandera (polars backend) schema of a table, derived from its Table Schema.

Foreign keys are not a pandera feature; :mod:`dateline.validate.keys` checks them as anti-joins.
"""

from __future__ import annotations

import pandera.polars as pa

from dateline.schema.model import Field, TableSchema
from dateline.schema.polars import polars_type


def checks(field: Field) -> list[pa.Check]:
    """The column checks that a field's constraints call for."""
    out: list[pa.Check] = []
    if field.enum:
        out.append(pa.Check.isin(list(field.enum)))
    if field.pattern:
        out.append(pa.Check.str_matches(field.pattern))
    if field.minimum is not None:
        out.append(pa.Check.ge(field.minimum))
    if field.maximum is not None:
        out.append(pa.Check.le(field.maximum))
    if field.min_length is not None or field.max_length is not None:
        out.append(pa.Check.str_length(field.min_length, field.max_length))
    return out


def column(field: Field) -> pa.Column:
    return pa.Column(
        polars_type(field),
        checks=checks(field),
        nullable=not field.required,
        unique=field.unique,
        description=field.description,
        title=field.name,
    )


def to_pandera(table: TableSchema) -> pa.DataFrameSchema:
    """A strict, ordered schema; the primary key is a frame-level unique check."""
    return pa.DataFrameSchema(
        {f.name: column(f) for f in table.fields},
        strict=True,
        ordered=True,
        unique=list(table.primary_key) or None,
        name=table.name,
        description=table.description,
    )
