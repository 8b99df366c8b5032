"""Check one correction against its operation and the table schemas, before any row is read.

A value given for a column (``set_actor``'s ``sector``, ``add_event``'s ``date_start``) is
checked against that column's type and constraints in ``schemas/``; the other keys of an
operation (``id``, ``match``, ``text``, ``all``) are text, or true/false for ``all``.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from dateline.corrections.model import Correction, as_date
from dateline.schema import Field, load

if TYPE_CHECKING:
    from dateline.corrections.ops import Operation

FLAG_KEYS = frozenset({"all"})


def check(c: Correction, operations: dict[str, Operation]) -> None:
    """The operation is known, has exactly the keys it needs, and every value fits its column."""
    op = operations.get(c.op) if isinstance(c.values.get("op"), str) else None
    if op is None:
        raise c.error(
            f"unknown operation {c.values.get('op')!r}",
            key="op",
            hint=f"'op' must be one of: {', '.join(operations)}",
        )
    spec = op.spec
    unknown = sorted(set(c.values) - spec.keys)
    if unknown:
        raise c.error(
            f"unknown key {unknown[0]!r}",
            key=unknown[0],
            hint=f"{c.op} takes: {', '.join(sorted(spec.keys - {'op'}))}; e.g.\n{spec.example}",
        )
    for key in spec.required:
        if c.values.get(key) is None:
            raise c.error(f"missing {key!r}", hint=f"e.g.\n{spec.example}")
    for group in spec.one_of:
        given = [k for k in group if c.values.get(k) is not None]
        if len(given) != 1:
            raise c.error(
                f"give exactly one of {' or '.join(map(repr, group))}",
                key=given[-1] if given else None,
                hint=f"e.g.\n{spec.example}",
            )
    for key, value in c.values.items():
        problem = value_problem(op.column(key), key, value)
        if problem:
            raise c.error(
                f"{key}: {problem}",
                key=key,
                hint="see 'Reviewed corrections' in README.md for the allowed values",
            )
    start, end = as_date(c.get("date_start")), as_date(c.get("date_end"))
    if start is not None and end is not None and end < start:
        raise c.error(
            f"date_end {end} is before date_start {start}",
            key="date_end",
            hint="a date interval runs forward: swap the two dates or fix one of them",
        )
    op.check(c)


def value_problem(column: tuple[str, str] | None, key: str, value: Any) -> str | None:
    """Why ``value`` cannot be given for ``key`` (stored in ``column``, if any), or None."""
    f = load(column[0]).field(column[1]) if column else None
    if value is None:
        return (
            "must not be empty (the column is required)" if f is not None and f.required else None
        )
    if key in FLAG_KEYS:
        return None if isinstance(value, bool) else "must be true or false"
    kind = f.type if f is not None else "string"
    if kind in ("number", "integer"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "must be a number"
        if not math.isfinite(value):
            return f"{value} is not a finite number; write a decimal number such as 33.34"
    elif kind == "date":
        value = as_date(value)
        if value is None:
            return "must be a date YYYY-MM-DD"
    elif not isinstance(value, str):
        return f"must be text (got {type(value).__name__}); put it in quotes"
    elif not value.strip():
        return "must not be empty"
    return field_problem(f, value) if f is not None else None


def field_problem(f: Field, value: Any) -> str | None:
    """Why ``value`` breaks a constraint of ``f``, or None."""
    if f.enum and value not in f.enum:
        return f"{value!r} is not one of {', '.join(f.enum)}"
    if f.pattern and isinstance(value, str) and not re.search(f.pattern, value):
        return f"{value!r} does not match {f.pattern}"
    if f.minimum is not None and isinstance(value, int | float) and value < f.minimum:
        return f"{value} is below {f.minimum}"
    if f.maximum is not None and isinstance(value, int | float) and value > f.maximum:
        return f"{value} is above {f.maximum}"
    return None
