"""Write a table as CSV in the package dialect (:mod:`dateline.package.codec`).

Columns are rendered whole: each field's text by its type's ``write_column`` expression (or value
by value with ``write`` where a type has none), quoted as ``csv.writer`` quotes in the dialect
(:data:`MUST_QUOTE`), and joined into lines by polars. ``tests/test_write.py`` holds this to the
bytes that ``csv.writer`` writes row by row.
"""

from __future__ import annotations

import io
import re

import polars as pl

from dateline.package.codec import DIALECT, format_cell, writer
from dateline.schema import Field, TableSchema
from dateline.schema.types import field_type

QUOTE: str = DIALECT["quoteChar"]
END: str = DIALECT["lineTerminator"]
#: What makes ``csv.writer`` (QUOTE_MINIMAL) quote a cell: the delimiter, the quote character or
#: a character of the line terminator (a lone CR is not one: Python 3.11 leaves it unquoted).
MUST_QUOTE = (
    "["
    + "".join(re.escape(c) if c in "\\]^-" else c for c in DIALECT["delimiter"] + QUOTE + END)
    + "]"
)


def header_text(schema: TableSchema) -> str:
    buffer = io.StringIO(newline="")
    writer(buffer).writerow(schema.field_names)
    return buffer.getvalue()


def cell_texts(frame: pl.DataFrame, field: Field) -> pl.Series:
    """The CSV text of every cell of one column, unquoted (null for a null value)."""
    render = field_type(field).write_column
    if render is not None:
        return frame.select(render(field, pl.col(field.name)).alias(field.name)).to_series()
    values = frame.get_column(field.name).to_list()
    texts = [None if v is None else format_cell(field, v) for v in values]
    return pl.Series(field.name, texts, dtype=pl.String)


def quoted(text: pl.Expr) -> pl.Expr:
    """A cell's text as ``csv.writer`` writes it: empty for null, quoted (quotes doubled) when
    it holds a character of :data:`MUST_QUOTE`."""
    text = text.fill_null("")
    escaped = QUOTE + text.str.replace_all(QUOTE, QUOTE * 2, literal=True) + QUOTE
    return pl.when(text.str.contains(MUST_QUOTE)).then(escaped).otherwise(text)


def csv_column(frame: pl.DataFrame, schema: TableSchema) -> pl.Series:
    """The whole CSV file of a typed frame as a one-value String series, built by polars (a
    Python ``str`` of it would take up to four bytes a character: see :func:`csv_bytes`)."""
    header = pl.lit(header_text(schema))
    if frame.height == 0:
        return pl.select(header).to_series()
    texts = pl.DataFrame([cell_texts(frame, f) for f in schema.fields])
    line = pl.concat_str([quoted(pl.col(f.name)) for f in schema.fields], separator=",")
    return texts.select(pl.concat_str(header, line.str.join(END), pl.lit(END))).to_series()


def csv_text(frame: pl.DataFrame, schema: TableSchema) -> str:
    """The whole CSV file of a typed frame, as text."""
    return csv_column(frame, schema).item()


def csv_bytes(frame: pl.DataFrame, schema: TableSchema) -> bytes:
    """The CSV file as UTF-8 bytes (no BOM, LF line ends), copied once out of polars."""
    return csv_column(frame, schema).cast(pl.Binary).item()
