"""Referential integrity of one document's rows, on their own.

Every id a row references (the schemas' foreign keys, plus a mention's ``entity_id``) must be a
row of the same document's extraction: a document is valid without the rest of the corpus. The
build runs :func:`dangling_references` on each extraction so that a broken rule is reported
against the seed that triggers it, not as a foreign-key error in ``data/csv/*.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dateline.schema import TABLES, load

Row = dict[str, Any]
#: The column of each table holding the body offset a problem is reported at.
POSITION = {"events": "trigger_start", "quotes": "char_start", "mentions": "char_start"}


@dataclass(frozen=True)
class Dangling:
    """``table`` row ``row`` (0-based) references ``value`` in ``field``; ``target`` has no such
    key. ``char`` is the body offset of the referencing row, when it has one."""

    table: str
    row: int
    field: str
    value: Any
    target: str
    char: int | None

    def __str__(self) -> str:
        return (
            f"{self.table} row {self.row + 1}: {self.field} {self.value!r} is not an "
            f"id of the document's {self.target}"
        )


def dangling_references(rows: dict[str, list[Row]]) -> list[Dangling]:
    """Every reference in one document's ``rows`` (table → rows) that it does not resolve."""
    keys: dict[str, set[tuple[Any, ...]]] = {}
    for table in TABLES:
        pk = load(table).primary_key
        keys[table] = {tuple(r.get(f) for f in pk) for r in rows.get(table, [])}
    out: list[Dangling] = []
    for table in TABLES:
        schema = load(table)
        for i, row in enumerate(rows.get(table, [])):
            char = row.get(POSITION.get(table, ""))
            refs = [(fk.fields, fk.reference_table) for fk in schema.foreign_keys]
            if table == "mentions" and row.get("entity_table") in keys:
                refs.append((("entity_id",), row["entity_table"]))
            for fields, target in refs:
                value = tuple(row.get(f) for f in fields)
                if None in value or value in keys[target]:
                    continue
                shown = value[0] if len(value) == 1 else value
                out.append(Dangling(table, i, ", ".join(fields), shown, target, char))
    return out
