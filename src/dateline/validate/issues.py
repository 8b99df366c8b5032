"""The result of validation: one :class:`Issue` per problem, collected in a :class:`Report`.

One problem is reported once (:func:`merge_duplicates`): dateline and frictionless check some
things twice (an edited cell breaks the schema rule in dateline's check and in frictionless', and
makes the CSV differ from the Parquet file; an edited file breaks its size and its hash in both),
and the report keeps one issue per cell and one integrity issue per file, naming the others in
``also``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from dateline.schema import TABLES

Validator = Literal[
    "pandera",
    "keys",
    "evidence",
    "intervals",
    "files",
    "formula",
    "profile",
    "frictionless",
    "arrow",
]
#: Which issue is kept when several checks flag the same cell: dateline's rule of the schema
#: first (it says what the rule wants), then frictionless' report of the same rule, then the
#: CSV/Parquet comparison (which only says that the two files differ).
PRIORITY: tuple[str, ...] = (
    "files",
    "pandera",
    "keys",
    "evidence",
    "intervals",
    "formula",
    "profile",
    "frictionless",
    "arrow",
)
#: A cell that does not parse reads as null, so the rules after it (required, keys) flag it too:
#: the parse error is the cause, and is kept.
CAUSE = "type"
#: The integrity issues of one file, the one kept first: an edit changes the size and the hash,
#: a hash says more than a size, and frictionless repeats both.
FILE_CODES: tuple[str, ...] = (
    "hash",
    "bytes",
    "stale-data",
    "frictionless:hash-count",
    "frictionless:byte-count",
)


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
    seed: str | None = None  # the article the row comes from, when known
    also: tuple[str, ...] = ()  # the codes of other checks that flagged the same problem

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
        out["also"] = list(self.also)
        return out

    def problem_key(self) -> tuple[Any, ...] | None:
        """What this issue is about, when another check may report the same thing: a cell
        (table, row, field) or a file's integrity; None for anything else."""
        if self.code in FILE_CODES and self.row is None:
            return ("file", self.file)
        if self.row is not None and self.table is not None:
            return ("cell", self.table, self.row, self.field)
        return None

    def rank(self) -> tuple[int, int, int]:
        """Which of several issues about one problem is kept (lower first)."""
        code = FILE_CODES.index(self.code) if self.code in FILE_CODES else len(FILE_CODES)
        validator = PRIORITY.index(self.validator) if self.validator in PRIORITY else len(PRIORITY)
        return (code, validator, 0 if self.code == CAUSE else 1)


def merge_duplicates(issues: list[Issue]) -> list[Issue]:
    """One issue per problem.

    1. Of the issues about one cell (same table, row and field, in the CSV or the Parquet file),
       keep the first by :meth:`Issue.rank` (dateline's rule, then frictionless', then the
       CSV/Parquet comparison); of a file's integrity issues (hash, bytes, stale data, and
       frictionless' hash and byte counts), keep the first by :data:`FILE_CODES`.
    2. A file whose integrity issue goes with cell issues in the same file was edited by hand
       at those cells: the cells say where, so the integrity issue joins the first of them.

    A kept issue names the codes of the issues it absorbed in ``also``.
    """
    groups: dict[tuple[Any, ...], list[Issue]] = {}
    out: list[Issue] = []
    for issue in issues:
        key = issue.problem_key()
        if key is None:
            out.append(issue)
        else:
            groups.setdefault(key, []).append(issue)
    kept = {key: absorb(group) for key, group in groups.items()}
    first_cell: dict[str | None, tuple[Any, ...]] = {}
    for key in sorted((k for k in kept if k[0] == "cell"), key=lambda k: kept[k].sort_key()):
        first_cell.setdefault(kept[key].file, key)
    for key in [k for k in kept if k[0] == "file" and kept[k].file in first_cell]:
        cell = first_cell[kept[key].file]
        kept[cell] = with_also(kept[cell], [kept.pop(key)])
    return out + list(kept.values())


def absorb(group: list[Issue]) -> Issue:
    """The first issue of ``group`` by rank, naming the others' codes in ``also``."""
    ordered = sorted(group, key=lambda i: (i.rank(), i.sort_key(), i.line or 0, repr(i.value)))
    return with_also(ordered[0], ordered[1:])


def with_also(first: Issue, others: list[Issue]) -> Issue:
    """``first``, naming the codes of ``others`` (and what they absorbed) in ``also``."""
    if not others:
        return first
    codes = {*first.also, *(c for i in others for c in (i.code, *i.also))} - {first.code}
    return replace(first, also=tuple(sorted(codes)))


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
        self.issues = sorted(merge_duplicates(list(unique.values())), key=Issue.sort_key)

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
