"""Write a table as CSV in the package dialect (:mod:`dateline.package.codec`).

Columns are rendered whole: each field's text by its type's ``write_column`` expression (or value
by value with ``write`` where a type has none), quoted as ``csv.writer`` quotes in the dialect
(:data:`MUST_QUOTE`), and joined into lines by polars. ``tests/test_write.py`` holds this to the
bytes that ``csv.writer`` writes row by row.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

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


#: Rows rendered at a time: the text of one batch is held in polars, not the whole file's.
CSV_BATCH = 50_000


def lines_bytes(frame: pl.DataFrame, schema: TableSchema) -> bytes:
    """The CSV lines of the rows of ``frame``, each ended by the line terminator, as UTF-8."""
    texts = pl.DataFrame([cell_texts(frame, f) for f in schema.fields])
    line = pl.concat_str([quoted(pl.col(f.name)) for f in schema.fields], separator=",")
    joined = texts.select(pl.concat_str(line.str.join(END), pl.lit(END))).to_series()
    return joined.cast(pl.Binary).item()  # copied once out of polars, never a Python str


def csv_chunks(frame: pl.DataFrame, schema: TableSchema) -> Iterator[bytes]:
    """The CSV file of a typed frame as UTF-8 pieces: the header, then :data:`CSV_BATCH` rows
    at a time."""
    yield header_text(schema).encode("utf-8")
    for start in range(0, frame.height, CSV_BATCH):
        yield lines_bytes(frame.slice(start, CSV_BATCH), schema)


def csv_bytes(frame: pl.DataFrame, schema: TableSchema) -> bytes:
    """The CSV file as UTF-8 bytes (no BOM, LF line ends)."""
    return b"".join(csv_chunks(frame, schema))


def csv_text(frame: pl.DataFrame, schema: TableSchema) -> str:
    """The whole CSV file of a typed frame, as text."""
    return csv_bytes(frame, schema).decode("utf-8")
