"""Load a table's CSV and Parquet files into typed polars frames, strictly.

The CSV reader undoes exactly what :mod:`dateline.write.csv` does: both use the codec of
:mod:`dateline.package.codec`. A cell that does not parse
as its field's type (``2021-13-01`` as a date, ``yes`` as a boolean) is an Issue, never a silent
null. The physical line of every CSV row is kept, because quoted cells may hold line breaks.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from dateline.package.codec import parse_cell
from dateline.package.codec import reader as csv_reader
from dateline.schema import Field, TableSchema
from dateline.schema.polars import polars_schema, polars_type
from dateline.schema.types import field_type
from dateline.validate.issues import Issue
from dateline.validate.schema import arrow_schema_issues
from dateline.validate.table import TableData


def read_csv(path: Path, schema: TableSchema, rel: str) -> tuple[TableData, list[Issue]]:
    """Read and type a CSV file; unparseable cells become null plus a ``type`` Issue."""
    return read_csv_bytes(path.read_bytes(), schema, rel)


def read_csv_bytes(raw: bytes, schema: TableSchema, rel: str) -> tuple[TableData, list[Issue]]:
    """Read and type the bytes of a CSV file (``rel``), as :func:`read_csv` does."""
    table = schema.name
    issues: list[Issue] = []

    def issue(
        row: int | None, line: int | None, field: str | None, code: str, msg: str, value: Any = None
    ) -> None:
        issues.append(Issue(table, rel, row, line, field, code, msg, value, "pandera"))

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = raw.decode("utf-8", errors="replace")
        line = raw.count(b"\n", 0, exc.start) + 1
        issue(
            None,
            line,
            None,
            "encoding",
            f"{table}: {rel} is not UTF-8 ({exc.reason} at byte "
            f"{exc.start}, line {line}); write the file as UTF-8",
        )
    if text.startswith("\ufeff"):
        issue(
            None,
            1,
            None,
            "encoding",
            f"{rel} starts with a byte-order mark; write UTF-8 without BOM",
        )
        text = text[1:]
    reader = csv_reader(text)
    rows: list[list[str]] = []
    lines: list[int] = []
    width = len(schema.fields)
    texts = ColumnTexts(width)
    try:
        header = next(reader, None)
        if header != schema.field_names:
            issue(
                None,
                1,
                None,
                "header",
                f"{table}: the header of {rel} is {header}; "
                f"it must be exactly {schema.field_names} (the schema's fields, in order)",
            )
            return TableData(schema, rel, empty_frame(schema)), issues
        start = reader.line_num + 1
        for number, cells in enumerate(reader, start=1):
            lines.append(start)
            if len(cells) != width:
                issue(
                    number,
                    start,
                    None,
                    "cell-count",
                    f"{table} row {number}: has {len(cells)} "
                    f"cells, the header has {width}; quote cells that hold commas",
                )
                cells = (cells + [""] * width)[:width]
            rows.append(cells)
            if len(rows) == TEXT_BATCH:
                rows = texts.add(rows)
            start = reader.line_num + 1
    except csv.Error as exc:  # raised between rows, so the columns stay aligned
        issue(
            len(lines) + 1,
            reader.line_num,
            None,
            "csv-syntax",
            f"{table}: {rel} is not valid CSV near line {reader.line_num} ({exc}); "
            "check the quotes of that row",
        )
    texts.add(rows)
    del reader, text, raw  # the cells are held once, in polars
    columns = {}
    for f, column in zip(schema.fields, texts.columns(), strict=True):
        values, bad = read_column(f, column)
        columns[f.name] = values
        for number, cell, error in bad:
            issue(
                number,
                lines[number - 1],
                f.name,
                "type",
                f"{table} row {number}, field {f.name}: "
                f"{cell!r} is not a valid {f.type} ({error}); {type_hint(f)}",
                cell,
            )
    frame = pl.DataFrame(columns, schema=polars_schema(schema), strict=True)
    return TableData(schema, rel, frame, tuple(lines)), issues


TEXT = "text"
#: CSV rows held as Python lists before their cells move into polars columns (each row a list
#: of str objects, several times its bytes: 10,000 rows keep a full validation of 10,000 articles
#: about 40 MB lower than 50,000 did, at no cost in time).
TEXT_BATCH = 10_000


class ColumnTexts:
    """The cells of a CSV file by column, as String series filled a batch of rows at a time
    (a cell as a Python ``str`` takes several times its size)."""

    def __init__(self, width: int) -> None:
        self.chunks: list[list[pl.Series]] = [[] for _ in range(width)]

    def add(self, rows: list[list[str]]) -> list[list[str]]:
        """Move ``rows`` into the columns; return a new, empty batch."""
        for chunks, cells in zip(self.chunks, zip(*rows, strict=True), strict=False):
            chunks.append(pl.Series(TEXT, cells, dtype=pl.String))
        return []

    def columns(self) -> list[pl.Series]:
        """Every column's cells, in row order."""
        empty = pl.Series(TEXT, [], dtype=pl.String)
        return [pl.concat(chunks, rechunk=True) if chunks else empty for chunks in self.chunks]


def read_column(
    field: Field, cells: pl.Series | Sequence[str]
) -> tuple[pl.Series, list[tuple[int, str, ValueError]]]:
    """A column of CSV cells as typed values, and the (1-based row, cell, error) of every cell
    that does not parse (read as null). Whole columns are read by the type's ``read_column``
    expression; the cells it leaves null are read one by one with :func:`parse_cell`, which
    gives the value or the reason."""
    dtype = polars_type(field)
    text = pl.Series(TEXT, cells, dtype=pl.String)
    text = text.set(text == "", None)
    reader = field_type(field).read_column
    if reader is None:
        values = pl.Series(field.name, [None] * len(cells), dtype=dtype)
        todo = text.is_not_null().arg_true()
    else:
        values = pl.select(reader(field, pl.lit(text)).cast(dtype).alias(field.name)).to_series()
        todo = (text.is_not_null() & values.is_null()).arg_true()
    if todo.len() == 0:
        return values, []
    bad: list[tuple[int, str, ValueError]] = []
    patched = values.to_list()
    for index in todo.to_list():
        try:
            patched[index] = parse_cell(field, cells[index])
        except ValueError as exc:
            bad.append((index + 1, cells[index], exc))
    return pl.Series(field.name, patched, dtype=dtype, strict=True), bad


def type_hint(field: Field) -> str:
    """How to write a value of the field's type."""
    return field_type(field).hint


def empty_frame(schema: TableSchema) -> pl.DataFrame:
    return pl.DataFrame(schema=polars_schema(schema))


def read_parquet(
    path: Path, schema: TableSchema, rel: str, *, written: bool = False
) -> tuple[TableData | None, list[Issue]]:
    """Read a Parquet file; its Arrow schema (from its footer) must equal the declared one for
    its rows to be typed as a frame. The rows are read by pyarrow (one file, on one thread,
    through ``ParquetFile``: ``pq.read_table``'s dataset layer imports pandas, 0.3 s of CPU),
    which reports a corrupt file as an error. A file the build has just ``written`` (pyarrow
    wrote the bytes, whose hash the build took) is read by polars' own reader in a sixth of the
    time: that reader is no place for a file from elsewhere, as it can abort the process on
    some corrupt data pages instead of raising."""
    try:
        with pq.ParquetFile(path) as file:
            issues = arrow_schema_issues(file.schema_arrow, schema, rel)
            if issues:
                return None, issues
            if written:
                frame = pl.read_parquet(path, parallel="none", hive_partitioning=False)
            else:
                frame = arrow_to_frame(file.read(use_threads=False), schema)
        return TableData(schema, rel, frame.cast(polars_schema(schema))), []
    except (OSError, ValueError, pa.ArrowException, pl.exceptions.PolarsError) as exc:
        # ValueError: a footer whose metadata is not UTF-8, say
        msg = f"{schema.name}: {rel} is not a readable Parquet file ({exc}); rebuild it"
        return None, [
            Issue(schema.name, rel, None, None, None, "parquet-schema", msg, None, "arrow")
        ]


def arrow_to_frame(table: pa.Table, schema: TableSchema) -> pl.DataFrame:
    """An Arrow table with the declared schema as a frame (dictionaries become strings)."""
    decoded = [
        col.cast(pa.string()) if pa.types.is_dictionary(col.type) else col
        for col in table.select(schema.field_names).columns
    ]
    frame = pl.from_arrow(pa.Table.from_arrays(decoded, names=schema.field_names))
    assert isinstance(frame, pl.DataFrame)  # a table gives a frame (only an array a Series)
    return frame
