"""The one field-type table: per Table Schema type, its Arrow type, polars dtype, row converter,
CSV writer and CSV parser.

Every other module asks this table; none restates a type mapping. Adding a type is one entry
here plus its name in :data:`dateline.schema.model.FIELD_TYPES` (checked by a test).

- ``arrow``: the Parquet/Arrow type (string enums are dictionaries);
- ``polars``: the in-memory dtype (enums stay plain strings);
- ``convert``: a Python value from the extractors → the stored value (``TypeError``/``ValueError``
  when it does not fit); empty strings and empty lists become null, since a CSV cell cannot tell
  them apart from a missing value;
- ``convert_column``: ``convert`` over a whole column of row values at once, for the common
  case that every value is exactly of the type's Python class (else None, and each value goes
  through ``convert``, which says what is wrong); None: always value by value;
- ``write``: a stored value → its CSV text;
- ``read``: CSV text → the stored value, ``ValueError`` otherwise;
- ``read_column``: the same over a whole column of CSV text (a polars expression, null for an
  empty cell), null where a cell may not parse; those cells are read one by one with ``read``
  (which gives the value or says why not), so it only has to agree with ``read`` where it
  gives a value (None: every cell is read with ``read``);
- ``write_column``: ``write`` over a whole column (a polars expression; null stays null), exactly
  as ``write`` gives each value (None: each value is written with ``write``);
- ``hint``: how to write a value of the type, for error messages.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import polars as pl
import pyarrow as pa

from dateline.article import ISO_DATE, iso_date
from dateline.schema.model import FIELD_TYPES, Field

TRUE, FALSE = "true", "false"
INTEGER = re.compile(r"^-?(0|[1-9][0-9]*)$")
NUMBER = re.compile(r"^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$")
INT64 = (-(2**63), 2**63 - 1)  # integer fields are Int64 (polars) / int64 (Parquet)


@dataclass(frozen=True)
class FieldType:
    """How one Table Schema type is stored, converted, written and read."""

    name: str
    arrow: Callable[[Field], pa.DataType]
    polars: pl.DataType
    convert: Callable[[Field, Any], Any]
    write: Callable[[Field, Any], str]
    read: Callable[[Field, str], Any]
    hint: str = ""
    read_column: Callable[[Field, pl.Expr], pl.Expr] | None = None
    convert_column: Callable[[Field, list[Any]], list[Any] | None] | None = None
    write_column: Callable[[Field, pl.Expr], pl.Expr] | None = None


# ---------------------------------------------------------------- row values → stored values


def list_item_problem(field: Field, item: object) -> str | None:
    """Why ``item`` cannot be stored in a list cell of ``field``, or None when it can."""
    if not isinstance(item, str):
        return f"list items must be str, not {type(item).__name__}"
    if field.delimiter in item:
        return f"list item {item!r} contains the separator {field.delimiter!r}"
    if not item:
        return "list items must not be empty strings"
    return None


def _string(field: Field, value: Any) -> str | None:
    if not isinstance(value, str):
        raise TypeError("expected a str")
    return value or None


def _integer(field: Field, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("expected an int")
    return value


def _number(field: Field, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("expected a float")
    if not math.isfinite(value):
        raise ValueError("expected a finite number")
    return float(value)


def _boolean(field: Field, value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected a bool")
    return value


def _date(field: Field, value: Any) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise TypeError("expected a datetime.date")
    return value


def _datetime(field: Field, value: Any) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise TypeError("expected a datetime.datetime")
    if value.tzinfo is None:
        raise ValueError("expected a timezone-aware datetime")
    return value.astimezone(dt.UTC)


def _list(field: Field, value: Any) -> list[str] | None:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise TypeError("expected a list of str")
    items = list(value)
    for item in items:
        problem = list_item_problem(field, item)
        if problem:
            raise ValueError(problem)
    return items or None


def _strings(field: Field, values: list[Any]) -> list[Any] | None:
    if all(v is None or type(v) is str for v in values):
        return [v or None for v in values]
    return None


def _exactly(kind: type) -> Callable[[Field, list[Any]], list[Any] | None]:
    """A column converter for values that are stored as they are (``type(v) is kind``: no bool
    for an int, no datetime for a date)."""
    return lambda field, values: (
        values if all(v is None or type(v) is kind for v in values) else None
    )


def _numbers(field: Field, values: list[Any]) -> list[Any] | None:
    if all(v is None or (type(v) in (int, float) and math.isfinite(v)) for v in values):
        return [None if v is None else float(v) for v in values]
    return None


# ---------------------------------------------------------------- CSV text ↔ stored values


def parse_integer(field: Field, text: str) -> int:
    if not INTEGER.match(text):
        raise ValueError("not an integer")
    if len(text) > 20 or not INT64[0] <= int(text) <= INT64[1]:
        raise ValueError(f"out of range (a 64-bit integer is at most {INT64[1]})")
    return int(text)


def parse_number(field: Field, text: str) -> float:
    if not NUMBER.match(text):
        raise ValueError("not a decimal number")
    return float(text)


def parse_boolean(field: Field, text: str) -> bool:
    if text not in (TRUE, FALSE):
        raise ValueError(f"not {TRUE!r} or {FALSE!r}")
    return text == TRUE


def parse_datetime(field: Field, text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(
        text.removesuffix("Z") + ("+00:00" if text.endswith("Z") else "")
    )
    if value.tzinfo is None:
        raise ValueError("a datetime needs a time zone (write it in UTC with a Z)")
    return value.astimezone(dt.UTC)


def _write_datetime(field: Field, value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _matching(
    pattern: str, convert: Callable[[pl.Expr], pl.Expr]
) -> Callable[[Field, pl.Expr], pl.Expr]:
    """A column reader: the text converted where the whole cell matches ``pattern``, else null."""
    return lambda field, text: pl.when(text.str.contains(f"^(?:{pattern})$")).then(convert(text))


def _read_list(field: Field, text: pl.Expr) -> pl.Expr:
    return text.str.split(field.delimiter)


def _string_arrow(field: Field) -> pa.DataType:
    return pa.dictionary(pa.int32(), pa.string()) if field.enum else pa.string()


def _fixed(arrow: pa.DataType) -> Callable[[Field], pa.DataType]:
    return lambda field: arrow


TYPES: dict[str, FieldType] = {
    t.name: t
    for t in (
        FieldType(
            "string",
            arrow=_string_arrow,
            polars=pl.String(),
            convert=_string,
            convert_column=_strings,
            write=lambda f, v: v,
            read=lambda f, text: text,
            read_column=lambda f, text: text,
            write_column=lambda f, value: value,
        ),
        FieldType(
            "integer",
            arrow=_fixed(pa.int64()),
            polars=pl.Int64(),
            convert=_integer,
            convert_column=_exactly(int),
            write=lambda f, v: str(v),
            read=parse_integer,
            hint="write a whole number such as 42",
            read_column=_matching(
                r"-?(?:0|[1-9][0-9]{0,18})", lambda t: t.cast(pl.Int64, strict=False)
            ),
            write_column=lambda f, value: value.cast(pl.String),
        ),
        FieldType(
            "number",
            arrow=_fixed(pa.float64()),
            polars=pl.Float64(),
            convert=_number,
            convert_column=_numbers,
            write=lambda f, v: repr(float(v)),
            read=parse_number,
            hint="write a decimal number such as 0.75",
            read_column=_matching(NUMBER.pattern[1:-1], lambda t: t.cast(pl.Float64, strict=False)),
        ),
        FieldType(
            "boolean",
            arrow=_fixed(pa.bool_()),
            polars=pl.Boolean(),
            convert=_boolean,
            convert_column=_exactly(bool),
            write=lambda f, v: TRUE if v else FALSE,
            read=parse_boolean,
            hint="write true or false",
            read_column=lambda f, text: (
                pl.when(text == TRUE).then(True).when(text == FALSE).then(False)
            ),
            write_column=lambda f, value: (
                pl.when(value).then(pl.lit(TRUE)).when(~value).then(pl.lit(FALSE))
            ),
        ),
        FieldType(
            "date",
            arrow=_fixed(pa.date32()),
            polars=pl.Date(),
            convert=_date,
            convert_column=_exactly(dt.date),
            write=lambda f, v: v.isoformat(),
            read=lambda f, text: iso_date(text),
            hint="write a real calendar date as YYYY-MM-DD",
            read_column=_matching(
                ISO_DATE.pattern, lambda t: t.str.to_date("%Y-%m-%d", strict=False, exact=True)
            ),
        ),
        FieldType(
            "datetime",
            arrow=_fixed(pa.timestamp("us", tz="UTC")),
            polars=pl.Datetime("us", "UTC"),
            convert=_datetime,
            write=_write_datetime,
            read=parse_datetime,
            hint="write an ISO 8601 time in UTC such as 2025-10-01T12:00:00Z",
        ),
        FieldType(
            "list",
            arrow=_fixed(pa.list_(pa.field("element", pa.string()))),  # Parquet's item name
            polars=pl.List(pl.String()),
            convert=_list,
            write=lambda f, v: f.delimiter.join(v),
            read=lambda f, text: text.split(f.delimiter),
            read_column=_read_list,
            write_column=lambda f, value: value.list.join(f.delimiter),
        ),
    )
}

if set(TYPES) != FIELD_TYPES:  # pragma: no cover - caught by the tests at once
    raise RuntimeError(f"field types {sorted(FIELD_TYPES)} != type table {sorted(TYPES)}")


def field_type(field: Field) -> FieldType:
    """The entry of ``field``'s type."""
    return TYPES[field.type]
