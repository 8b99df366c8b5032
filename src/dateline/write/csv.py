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
import pyarrow as pa

from dateline.package.codec import DIALECT, format_cell, writer
from dateline.schema import Field, TableSchema
from dateline.schema.types import field_type
from dateline.tables import same_rows

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


def lines(frame: pl.DataFrame, schema: TableSchema) -> tuple[pl.DataFrame, pl.Expr]:
    """The cell texts of ``frame`` and the expression of each row's line over them (without
    its line terminator)."""
    texts = pl.DataFrame([cell_texts(frame, f) for f in schema.fields])
    return texts, pl.concat_str([quoted(pl.col(f.name)) for f in schema.fields], separator=",")


def lines_bytes(frame: pl.DataFrame, schema: TableSchema) -> bytes:
    """The CSV lines of the rows of ``frame``, each ended by the line terminator, as UTF-8."""
    texts, line = lines(frame, schema)
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


def row_lines(frame: pl.DataFrame, schema: TableSchema) -> list[str]:
    """The CSV line of each row of ``frame``, with its line terminator."""
    texts, line = lines(frame, schema)
    return texts.select(line + END).to_series().to_list()


def record_ends(data: bytes) -> list[int] | None:
    """The offset after each record of a CSV file (header first): after every line end that
    is outside a quoted cell (an even number of quote characters before it). None when the
    file does not end with one."""
    if not data.endswith(END.encode()):
        return None
    raw = pl.from_arrow(pa.Array.from_buffers(pa.uint8(), len(data), [None, pa.py_buffer(data)]))
    assert isinstance(raw, pl.Series)
    breaks = (raw == ord(END)).arg_true()
    quotes = (raw == ord(QUOTE)).arg_true()
    ends = breaks.filter(quotes.search_sorted(breaks) % 2 == 0) + 1
    return ends.to_list() if ends.len() and ends[-1] == len(data) else None


#: Above this share of rows changed, a file is rendered whole rather than spliced.
SPLICE_SHARE = 0.25


def spliced_csv(
    frame: pl.DataFrame,
    schema: TableSchema,
    old: pl.DataFrame,
    old_data: bytes,
    found: pl.Series | None = None,
) -> bytes | None:
    """The CSV file of ``frame`` made from ``old_data``, the CSV file of the frame ``old``
    (both sorted by primary key): the lines of the rows ``old`` holds with all their values
    copied from it, only the other rows rendered. A row's line is a function of that row
    alone, so these are :func:`csv_bytes`' bytes (``tests/test_incremental.py``). None when
    ``old_data`` does not hold one record per row of ``old``, or too many rows changed.
    ``found``: :func:`~dateline.tables.same_rows` of ``frame`` and ``old``, if known."""
    ends = record_ends(old_data)
    if ends is None or len(ends) != old.height + 1 or not schema.primary_key:
        return None
    found = found if found is not None else same_rows(frame, old, schema.primary_key)
    if found.null_count() > SPLICE_SHARE * max(frame.height, 1):
        return None
    runs = (
        pl.DataFrame({"old": found})
        .with_row_index("row")
        .with_columns(
            run=(
                pl.col("old").is_null()
                | pl.col("old").shift(1).is_null()
                | (pl.col("old") != pl.col("old").shift(1) + 1)
            ).cum_sum()
        )
        .group_by("run", maintain_order=True)
        .agg(
            pl.col("row").first().alias("first"),
            pl.len().alias("rows"),
            pl.col("old").first().alias("from"),
        )
    )
    fresh = found.is_null()
    rendered = iter(row_lines(frame.filter(fresh), schema))
    pieces = [old_data[: ends[0]]]
    for _, _, rows, start in runs.iter_rows():
        if start is None:  # a run of changed rows is one row each (a null breaks every run)
            pieces += [next(rendered).encode("utf-8") for _ in range(rows)]
        else:
            pieces.append(old_data[ends[start] : ends[start + rows]])
    return b"".join(pieces)
