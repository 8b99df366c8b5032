"""The CSV codec of a table file: dialect and cell text ↔ typed values.

:mod:`dateline.write.csv` writes with it and :mod:`dateline.validate.frames` reads with it, so
the reader undoes exactly what the writer does. Per-type text forms come from the field-type
table (:mod:`dateline.schema.types`); this module adds the dialect. Text is written as it is:
a cell holds the same value in the CSV and the Parquet file for every reader. Spreadsheet users
are protected by refusing formula-like text (:mod:`dateline.package.formula`), not by rewriting
it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dateline.schema import TABLES, Field, load
from dateline.schema.types import FALSE, TRUE, field_type

if TYPE_CHECKING:
    from _csv import Reader, Writer  # the types csv.reader and csv.writer return

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
    "Text is written as it is (no formula guard): every cell holds the same value as in the "
    "Parquet file. Read code-like text columns (e.g. cameo_code '05') as text, and only an empty "
    "cell as null. No text cell is formula-like (see 'dateline:spreadsheetSafety')."
)


def format_cell(field: Field, value: Any) -> str:
    """The CSV text of one typed value (empty for null)."""
    return "" if value is None else field_type(field).write(field, value)


def parse_cell(field: Field, text: str) -> Any:
    """The typed value of one CSV cell (empty → null); raises ValueError when it does not parse."""
    return None if text == "" else field_type(field).read(field, text)


def writer(buffer: io.StringIO) -> Writer:
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


#: A line as ``io.StringIO(text, newline="")`` yields it: up to and with its \n, \r or \r\n.
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")


def text_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` as ``io.StringIO(text, newline="")`` yields them, without its
    copy of the whole text at four bytes a character."""
    return (line for m in LINE.finditer(text) if (line := m.group()))


def reader(text: str) -> Reader:
    """A strict ``csv.reader`` in the package dialect over decoded text (``line_num`` kept);
    cells of any length (up to :data:`FIELD_SIZE_LIMIT`) read back."""
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_SIZE_LIMIT))  # process-wide setting
    return csv.reader(
        text_lines(text),
        delimiter=DIALECT["delimiter"],
        quotechar=DIALECT["quoteChar"],
        doublequote=DIALECT["doubleQuote"],
        strict=True,
    )
