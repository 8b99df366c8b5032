"""Rows (lists of dicts from the extractors) into typed, sorted polars frames.

A frame is the in-memory form of a table: columns in schema order, dtypes from
:func:`dateline.schema.polars.polars_schema`, rows sorted by primary key so that every build
writes the same bytes. Two values that a CSV cell cannot tell apart are normalised here, once,
so that the CSV and the Parquet file hold the same data: an empty string and an empty list are
stored as null.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from typing import Any

import polars as pl

from dateline.errors import BuildError
from dateline.schema import Field, TableSchema, load
from dateline.schema.polars import polars_schema

LIST_SEPARATOR = "|"


def to_frame(table: str, rows: list[dict[str, Any]]) -> pl.DataFrame:
    """A typed frame of ``rows``: schema column order, missing keys null, sorted by primary key.

    Raises :class:`BuildError` naming the table, the row (1-based, in input order) and the field
    when a row has an unknown key or a value of the wrong type.
    """
    schema = load(table)
    columns: dict[str, list[Any]] = {f.name: [] for f in schema.fields}
    known = set(columns)
    for number, row in enumerate(rows, start=1):
        unknown = sorted(set(row) - known)
        if unknown:
            raise BuildError(
                f"{table} row {number}: unknown field(s) {unknown}",
                hint=f"the fields of {table} are: {', '.join(schema.field_names)}",
            )
        for field in schema.fields:
            columns[field.name].append(
                cell(field, row.get(field.name), where=f"{table} row {number}")
            )
    frame = pl.DataFrame(columns, schema=polars_schema(schema), strict=True)
    return sort_frame(frame, schema)


def sort_frame(frame: pl.DataFrame, schema: TableSchema) -> pl.DataFrame:
    """Rows in primary-key order (nulls last), ties kept in input order."""
    key = list(schema.primary_key) or schema.field_names[:1]
    return frame.sort(key, nulls_last=True, maintain_order=True)


def cell(field: Field, value: Any, *, where: str) -> Any:
    """Check one value against its field's type and return its normalised form."""
    if value is None:
        return None
    convert = CONVERTERS[field.type]
    try:
        return convert(value)
    except (TypeError, ValueError) as exc:
        raise BuildError(
            f"{where}, field {field.name}: {exc} (got {type(value).__name__} {value!r})",
            hint=f"{field.name} is a {field.type} field: {field.description}",
        ) from None


def list_item_problem(item: object) -> str | None:
    """Why ``item`` cannot be stored in a ``|``-joined list cell, or None when it can."""
    if not isinstance(item, str):
        return f"list items must be str, not {type(item).__name__}"
    if LIST_SEPARATOR in item:
        return f"list item {item!r} contains the separator {LIST_SEPARATOR!r}"
    if not item:
        return "list items must not be empty strings"
    return None


def _string(value: Any) -> str | None:
    if not isinstance(value, str):
        raise TypeError("expected a str")
    return value or None


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("expected an int")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("expected a float")
    if not math.isfinite(value):
        raise ValueError("expected a finite number")
    return float(value)


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected a bool")
    return value


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise TypeError("expected a datetime.date")
    return value


def _datetime(value: Any) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise TypeError("expected a datetime.datetime")
    if value.tzinfo is None:
        raise ValueError("expected a timezone-aware datetime")
    return value.astimezone(dt.UTC)


def _list(value: Any) -> list[str] | None:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise TypeError("expected a list of str")
    items = list(value)
    for item in items:
        problem = list_item_problem(item)
        if problem:
            raise ValueError(problem)
    return items or None


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "string": _string,
    "integer": _integer,
    "number": _number,
    "boolean": _boolean,
    "date": _date,
    "datetime": _datetime,
    "list": _list,
}
