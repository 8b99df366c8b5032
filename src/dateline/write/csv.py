"""Write a table as CSV in the package dialect (:mod:`dateline.package.codec`)."""

from __future__ import annotations

import io

import polars as pl

from dateline.package.codec import format_cell, writer
from dateline.schema import TableSchema


def csv_text(frame: pl.DataFrame, schema: TableSchema) -> str:
    """The whole CSV file of a typed frame, as text."""
    buffer = io.StringIO(newline="")
    rows = writer(buffer)
    rows.writerow(schema.field_names)
    fields = schema.fields
    for row in frame.select(schema.field_names).iter_rows():
        rows.writerow([format_cell(f, v) for f, v in zip(fields, row, strict=True)])
    return buffer.getvalue()


def csv_bytes(frame: pl.DataFrame, schema: TableSchema) -> bytes:
    """The CSV file as UTF-8 bytes (no BOM, LF line ends)."""
    return csv_text(frame, schema).encode("utf-8")
