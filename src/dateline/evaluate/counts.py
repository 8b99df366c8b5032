"""Counts that add up across articles (micro-averaging), and the ratios taken from them."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, Self


def ratio(num: int, den: int) -> float | None:
    """``num / den``, or ``None`` when ``den`` is 0."""
    return num / den if den else None


def rounded(x: float | None, places: int = 4) -> float | None:
    return None if x is None else round(x, places)


def add_optional(a: Any, b: Any) -> Any:
    """Sum of two scores of a layer, either of which may be ``None`` (layer not scored)."""
    if a is None:
        return b
    return a if b is None else a + b


class Additive:
    """A frozen dataclass of counts, tuples and optional scores that adds field by field."""

    def __add__(self, other: Self) -> Self:
        pairs = ((getattr(self, f.name), getattr(other, f.name)) for f in fields(self))  # type: ignore[arg-type]
        return type(self)(*(add_optional(a, b) for a, b in pairs))
