"""The CSV codec of a table file: dialect, cell text ↔ typed values, and the formula guard.

:mod:`dateline.write.csv` writes with it and :mod:`dateline.validate.frames` reads with it, so
the reader undoes exactly what the writer does. Per-type text forms come from the field-type
table (:mod:`dateline.schema.types`); this module adds the dialect and the guard.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from dateline.schema import TABLES, Field, load
from dateline.schema.types import FALSE, TRUE, field_type

if TYPE_CHECKING:
    from _csv import _reader, _writer

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


def parse_cell(field: Field, text: str) -> Any:
    """The typed value of one CSV cell (empty → null); raises ValueError when it does not parse."""
    if text == "":
        return None
    kind = field_type(field)
    return kind.read(field, unguard(text) if kind.guarded else text)


def writer(buffer: io.StringIO) -> _writer:
    """A ``csv.writer`` in the package dialect."""
    return csv.writer(
        buffer,
        delimiter=DIALECT["delimiter"],
        quotechar=DIALECT["quoteChar"],
        doublequote=DIALECT["doubleQuote"],
        lineterminator=DIALECT["lineTerminator"],
        quoting=csv.QUOTE_MINIMAL,
        strict=True,
    )


#: A cell may hold a whole article (evidence, quote text): far beyond the 131,072 characters that
#: Python's csv readers accept by default. Readers raise their limit to this (as frictionless does).
FIELD_SIZE_LIMIT = 2**31 - 1


def reader(text: str) -> _reader:
    """A strict ``csv.reader`` in the package dialect over decoded text (``line_num`` kept);
    cells of any length (up to :data:`FIELD_SIZE_LIMIT`) read back."""
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_SIZE_LIMIT))  # process-wide setting
    return csv.reader(
        io.StringIO(text, newline=""),
        delimiter=DIALECT["delimiter"],
        quotechar=DIALECT["quoteChar"],
        doublequote=DIALECT["doubleQuote"],
        strict=True,
    )
