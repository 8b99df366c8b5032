"""The rows a correction works on: every table's rows, looked up by primary key, by the field
marked ``dateline:match``, and through the foreign keys of the schemas."""

from __future__ import annotations

import datetime as dt

from dateline.corrections.model import HINT_STALE, SUFFIX, Correction, DocText, Row, Tables, Texts
from dateline.package.layout import csv_path
from dateline.schema import TABLES, enum, load, primary_key, references_to

# The tables a drop may name, each with the field it matches by (dateline:match) ...
MATCH_COLUMN = {t: m for t in TABLES if (m := load(t).match_field) is not None}
# ... and those of them whose rows belong to a document, where a match is narrowed to it.
DOC_TABLES = frozenset(t for t in MATCH_COLUMN if load(t).scope == "document")
ID_COLUMN = {table: primary_key(table) for table in TABLES}
# Columns that reference another table's id (the schemas' foreign keys, reversed).
REFERENCES = {table: references_to(table) for table in TABLES}
# The tables a mention may point at (mentions.entity_table).
ENTITY_TABLES = enum("mentions", "entity_table")


def table(tables: Tables, c: Correction, name: str) -> list[Row]:
    if name not in tables:
        raise c.error(
            f"the build has no {name} table", hint="this is a bug in the build; report it"
        )
    return tables[name]


def curate(name: str, row: Row) -> None:
    """Mark a row as made by a reviewed correction."""
    fields = load(name).field_names
    if "method" in fields:
        row["method"] = "curated"
    if "confidence" in fields:
        row["confidence"] = 1.0


def find_by_id(tables: Tables, c: Correction, name: str, value: str, key: str) -> Row:
    column = ID_COLUMN[name]
    for row in table(tables, c, name):
        if row.get(column) == value:
            return row
    raise c.error(
        f"no {name} row has {column} {value!r}",
        key=key,
        hint=f"the current ids are in {csv_path(name)} after `dateline build`; " + HINT_STALE,
    )


def require_ref(tables: Tables, c: Correction, key: str, name: str) -> None:
    """The id given for ``key`` exists in table ``name`` (when it is given)."""
    value = c.get(key)
    if value is not None:
        find_by_id(tables, c, name, value, key)


def referenced_table(name: str, column: str) -> str | None:
    """The table that ``name.column`` references (its foreign key), if any."""
    for fk in load(name).foreign_keys:
        if fk.fields == (column,):
            return fk.reference_table
    return None


def clear_references(tables: Tables, name: str, removed: set[str]) -> None:
    """Null every reference to removed ids, and drop mentions of removed entities."""
    for ref_table, column in REFERENCES.get(name, ()):
        for row in tables.get(ref_table, []):
            if row.get(column) in removed:
                row[column] = None
    if name in ENTITY_TABLES and "mentions" in tables:
        tables["mentions"] = [
            m
            for m in tables["mentions"]
            if not (m.get("entity_table") == name and m.get("entity_id") in removed)
        ]


def rename_references(tables: Tables, name: str, old: str, new: str) -> None:
    """Point every reference to ``old`` (foreign keys and mentions) at ``new``."""
    for ref_table, column in REFERENCES.get(name, ()):
        for row in tables.get(ref_table, []):
            if row.get(column) == old:
                row[column] = new
    for m in tables.get("mentions", []):
        if m.get("entity_table") == name and m.get("entity_id") == old:
            m["entity_id"] = new


def doc_text(tables: Tables, c: Correction, texts: Texts) -> DocText:
    """The text of the correction's document; an unknown document is an error."""
    doc_id = c.doc
    known = {d.get("doc_id") for d in tables.get("documents", [])}
    if doc_id not in texts or (tables.get("documents") is not None and doc_id not in known):
        raise c.error(
            f"there is no seed article {doc_id!r}",
            key="doc_id" if c.get("doc_id") else None,
            hint=f"name the file after an article: seeds/<doc_id>{SUFFIX}",
        )
    return texts[doc_id]


def published(tables: Tables, doc_id: str) -> dt.date | None:
    return next(
        (d.get("published") for d in tables.get("documents", []) if d.get("doc_id") == doc_id),
        None,
    )


def span_once(
    c: Correction, text_body: str, text: str, key: str, start: int = 0, end: int | None = None
) -> tuple[int, int]:
    """The one place ``text`` occurs in ``body[start:end]``; absent or repeated is an error."""
    end = len(text_body) if end is None else end
    first = text_body.find(text, start, end)
    if first < 0:
        raise c.error(
            f"{key} {text!r} does not occur in the article{' evidence' if start else ''}",
            key=key,
            hint=f"copy the text exactly from seeds/{c.doc}.txt (same quotes, dashes, line ends)",
        )
    if text_body.find(text, first + 1, end) >= 0:
        raise c.error(
            f"{key} {text!r} occurs more than once",
            key=key,
            hint="quote a longer passage so that it occurs exactly once",
        )
    return first, first + len(text)
