"""Merge per-document extractions into dataset-wide tables with one row per actor and place.

Extraction already gives every actor and place a stable id (a lexicon slug, a slug of the name,
a gazetteer id), so resolving is a merge by id: names and roles from the first document that
has them, aliases united, mentions counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dateline.extract import Extraction
from dateline.schema import TABLES, load, primary_key

Row = dict[str, Any]
# Tables whose rows belong to one document are concatenated; ``dateline:scope: dataset`` tables
# are merged by primary key across documents.
DOC_TABLES = tuple(t for t in TABLES if load(t).scope == "document")
ENTITY_KEYS = {t: primary_key(t) for t in TABLES if load(t).scope == "dataset"}


class Resolver:
    """:func:`resolve` one extraction at a time, in document-id order: document rows are handed
    back as they come (:meth:`add` returns them), entity rows are merged as they come, so no
    list of every extraction is ever held."""

    def __init__(self) -> None:
        self.entities = {table: EntityMerger(key) for table, key in ENTITY_KEYS.items()}
        self.last: str | None = None

    def add(self, ex: Extraction) -> dict[str, list[Row]]:
        """Merge ``ex``'s actors and places; return its rows of the document tables."""
        if self.last is not None and ex.doc_id < self.last:
            raise ValueError(f"extractions out of document order: {ex.doc_id} after {self.last}")
        self.last = ex.doc_id
        for table, merger in self.entities.items():
            merger.add(ex.rows[table])
        return {table: ex.rows[table] for table in DOC_TABLES}

    def entity_rows(self) -> dict[str, list[Row]]:
        """The merged rows of the dataset tables."""
        return {table: merger.rows() for table, merger in self.entities.items()}


def resolve(extractions: Iterable[Extraction]) -> dict[str, list[Row]]:
    """All rows of all documents, with actors and locations merged across documents."""
    resolver = Resolver()
    tables: dict[str, list[Row]] = {t: [] for t in DOC_TABLES}
    for ex in sorted(extractions, key=lambda e: e.doc_id):
        for table, rows in resolver.add(ex).items():
            tables[table].extend(rows)
    return tables | resolver.entity_rows()


class EntityMerger:
    """One row per id: first non-empty value wins, aliases are united, mention counts summed, the
    highest confidence kept, and ``doc_id`` kept only while every row comes from one document."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.merged: dict[str, Row] = {}
        self.aliases: dict[str, set[str]] = {}

    def add(self, rows: Iterable[Row]) -> None:
        for row in rows:
            rid = row[self.key]
            into = self.merged.get(rid)
            if into is None:
                self.merged[rid] = {**row}
                self.aliases[rid] = set(row.get("aliases") or ())
                continue
            for field, value in row.items():
                if into.get(field) in (None, "") and value not in (None, ""):
                    into[field] = value
            into["mention_count"] = into.get("mention_count", 0) + row.get("mention_count", 0)
            if row.get("confidence") is not None:  # a place: as sure as its surest document
                into["confidence"] = max(into.get("confidence") or 0.0, row["confidence"])
            self.aliases[rid].update([row["name"], *(row.get("aliases") or ())])
            if into.get("doc_id") != row.get("doc_id"):
                into["doc_id"] = None

    def rows(self) -> list[Row]:
        out = []
        for rid, row in self.merged.items():
            aliases = sorted({a for a in self.aliases[rid] if a and a != row["name"]})
            out.append({**row, "aliases": aliases})
        return out


def merge_entities(rows: list[Row], key: str) -> list[Row]:
    """One row per id (see :class:`EntityMerger`)."""
    merger = EntityMerger(key)
    merger.add(rows)
    return merger.rows()
