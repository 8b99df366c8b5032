"""The result of validation: one :class:`Issue` per problem, collected in a :class:`Report`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from dateline.schema import TABLES

Validator = Literal["pandera", "keys", "evidence", "intervals", "files", "frictionless", "arrow"]


@dataclass(frozen=True)
class Issue:
    """One problem: where it is (table, file, row, line, field), what rule it breaks, how to fix it.

    ``row`` is the 1-based data row; ``line`` the physical line in the CSV file (they differ when a
    quoted cell holds line breaks); both are None for file- or package-level problems.
    """

    table: str | None
    file: str | None
    row: int | None
    line: int | None
    field: str | None
    code: str
    message: str
    value: Any = None
    validator: Validator = "files"

    def sort_key(self) -> tuple[Any, ...]:
        """Table order, then row, field, code (None first), then the rest for a total order."""
        order = TABLES.index(self.table) if self.table in TABLES else -1
        return (
            order,
            self.table or "",
            self.row or 0,
            self.field or "",
            self.code,
            self.file or "",
            self.message,
        )

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["value"] = json_value(self.value)
        return out


def json_value(value: Any) -> Any:
    """A JSON-safe form of a cell value (dates and other objects become strings)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return str(value)


@dataclass
class Report:
    """All issues found in a package (sorted) and the row count of every table read."""

    issues: list[Issue] = field(default_factory=list)
    tables: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unique = {(*i.sort_key(), i.line, repr(i.value), i.validator): i for i in self.issues}
        self.issues = sorted(unique.values(), key=Issue.sort_key)

    @property
    def valid(self) -> bool:
        return not self.issues

    def to_json(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "tables": dict(self.tables),
            "error_count": len(self.issues),
            "issues": [i.to_json() for i in self.issues],
        }
