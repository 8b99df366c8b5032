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


def resolve(extractions: Iterable[Extraction]) -> dict[str, list[Row]]:
    """All rows of all documents, with actors and locations merged across documents."""
    ordered = sorted(extractions, key=lambda e: e.doc_id)
    tables: dict[str, list[Row]] = {t: [] for t in (*DOC_TABLES, *ENTITY_KEYS)}
    for ex in ordered:
        for table in DOC_TABLES:
            tables[table].extend(ex.rows[table])
    for table, key in ENTITY_KEYS.items():
        tables[table] = merge_entities([r for ex in ordered for r in ex.rows[table]], key)
    return tables


def merge_entities(rows: list[Row], key: str) -> list[Row]:
    """One row per id: first non-empty value wins, aliases are united, mention counts summed,
    the highest confidence kept."""
    merged: dict[str, Row] = {}
    for row in rows:
        into = merged.get(row[key])
        if into is None:
            merged[row[key]] = {**row, "aliases": list(row.get("aliases") or [])}
            continue
        for field, value in row.items():
            if into.get(field) in (None, "") and value not in (None, ""):
                into[field] = value
        into["mention_count"] = into.get("mention_count", 0) + row.get("mention_count", 0)
        if row.get("confidence") is not None:  # a place: as sure as its surest document
            into["confidence"] = max(into.get("confidence") or 0.0, row["confidence"])
        into["aliases"].extend([row["name"], *(row.get("aliases") or [])])  # our own list
        if into.get("doc_id") != row.get("doc_id"):
            into["doc_id"] = None
    for row in merged.values():
        row["aliases"] = sorted({a for a in row["aliases"] if a and a != row["name"]})
    return list(merged.values())
