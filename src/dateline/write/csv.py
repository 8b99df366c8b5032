"""Write a table as CSV: the dialect, the cell formatting and the spreadsheet-formula guard.

The reader in :mod:`dateline.validate.frames` undoes exactly what this module does, using the
same constants and :func:`unguard`.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import polars as pl

from dateline.schema import TABLES, Field, TableSchema, load
from dateline.schema.types import FALSE, TRUE, field_type

# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"

DIALECT: dict[str, Any] = {
    "$schema": "https://datapackage.org/profiles/2.0/tabledialect.json",
    "header": True,
    "delimiter": ",",
    "lineTerminator": "\n",
    "quoteChar": '"',
    "doubleQuote": True,
}


def list_delimiters() -> list[str]:
    """The delimiters that the list fields of all tables declare."""
    return sorted({f.delimiter for t in TABLES for f in load(t).fields if f.type == "list"})


def _lists_note() -> str:
    delimiters = list_delimiters()
    if len(delimiters) == 1:
        return f"Lists are joined with '{delimiters[0]}'. "
    return "Lists are joined with the delimiter of their field (see the schema). "


DIALECT_NOTES = (
    "CSV: UTF-8 without byte-order mark, one header row, LF line ends, fields quoted only when "
    "needed (RFC 4180 style; quoted text cells may hold line breaks). Empty cells are null. "
    + _lists_note()
    + f"Booleans are {TRUE}/{FALSE}, dates YYYY-MM-DD. "
    "Formula guard: a text cell that, after any leading apostrophes, starts with "
    "=, +, -, @, TAB or CR is written with one extra leading apostrophe (') so that "
    "spreadsheets do not run it; remove that one apostrophe when reading "
    "(the Parquet file holds the unguarded values)."
)


def needs_guard(text: str) -> bool:
    """True when a spreadsheet would run ``text`` (or when its apostrophes would be ambiguous)."""
    return text.lstrip(GUARD).startswith(FORMULA_TRIGGERS)


def guard(text: str) -> str:
    """Prefix a formula-like text with the guard apostrophe."""
    return GUARD + text if needs_guard(text) else text


def unguard(text: str) -> str:
    """Undo :func:`guard`: remove the one apostrophe it added, and nothing else."""
    return text[1:] if text.startswith(GUARD) and needs_guard(text) else text


def format_cell(field: Field, value: Any) -> str:
    """The CSV text of one typed value (empty for null; guarded when it is text)."""
    if value is None:
        return ""
    kind = field_type(field)
    text = kind.write(field, value)
    return guard(text) if kind.guarded else text


def csv_text(frame: pl.DataFrame, schema: TableSchema) -> str:
    """The whole CSV file of a typed frame, as text."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer,
        delimiter=DIALECT["delimiter"],
        quotechar=DIALECT["quoteChar"],
        doublequote=DIALECT["doubleQuote"],
        lineterminator=DIALECT["lineTerminator"],
        quoting=csv.QUOTE_MINIMAL,
        strict=True,
    )
    writer.writerow(schema.field_names)
    fields = schema.fields
    for row in frame.select(schema.field_names).iter_rows():
        writer.writerow([format_cell(f, v) for f, v in zip(fields, row, strict=True)])
    return buffer.getvalue()


def csv_bytes(frame: pl.DataFrame, schema: TableSchema) -> bytes:
    """The CSV file as UTF-8 bytes (no BOM, LF line ends)."""
    return csv_text(frame, schema).encode("utf-8")
