"""dateline: news articles in; events, actors, locations and quotes out, as a data package.

    >>> import dateline
    >>> events = dateline.read_table("events")            # a pyarrow.Table, schema types
    >>> rows = dateline.extract_text(text, date="2025-10-01")  # the rows of every table

The API is loaded on first use, so ``import dateline`` (and ``dateline --help``) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "extract_text", "read_table"]
#: Names :mod:`dateline.api` provides, loaded on first access.
_API = frozenset(__all__) - {"__version__"}

if TYPE_CHECKING:
    from dateline.api import extract_text, read_table


def __getattr__(name: str) -> Any:
    if name in _API:
        from dateline import api

        return getattr(api, name)
    raise AttributeError(f"module 'dateline' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
