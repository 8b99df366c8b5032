"""Evidence: every quoted span is the exact slice of its seed article's body.

The body comes from ``seeds/<doc_id>.txt`` read by :func:`dateline.article.read_article` (or
is handed over by the build, which has just read it); ``documents.text_sha256`` must be its
SHA-256, else every offset may point elsewhere.

The spans are checked columnar (polars): a table is joined with the bodies by ``doc_id`` and
every span's slice compared in one expression per span; only the rows that fail are then
described one by one. A table is checked on its own, so what is held is one table's spans.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import polars as pl

from dateline.article import DOC_ID, read_article, sha256_text
from dateline.errors import SeedError
from dateline.schema import TABLES, load
from dateline.validate.issues import Issue
from dateline.validate.table import TableData

# table → (text field, start field, end field) spans that must be body slices: the fields
# marked ``dateline:span`` in the schemas.
SPANS: dict[str, tuple[tuple[str, str, str], ...]] = {
    table: load(table).spans for table in TABLES if load(table).spans
}
PREVIEW = 60


def preview(text: str) -> str:
    """A short, one-line rendering of a text for messages."""
    short = text if len(text) <= PREVIEW else text[: PREVIEW - 1] + "…"
    return repr(short)


def load_bodies(
    documents: TableData | None, seeds: Path, given: Mapping[str, str] | None = None
) -> tuple[dict[str, str], list[Issue]]:
    """The body of every document's seed (from ``given`` where it holds the document, else read
    from ``seeds``), with seed-missing/seed-invalid/seed-hash issues."""
    if documents is None:
        return {}, []
    bodies: dict[str, str] = {}
    issues: list[Issue] = []
    rows = documents.frame.select("doc_id", "text_sha256").iter_rows()
    for row, (doc_id, declared) in enumerate(rows, start=1):
        if doc_id is None:
            continue
        if not DOC_ID.match(doc_id):  # checked before it becomes a path: no '../', no '/'
            msg = (
                f"documents row {row}, field doc_id: {preview(doc_id)} is not a valid document "
                "id, so no seed is opened for it; use lower-case letters, digits, '_', '.' and "
                "'-' (the seed's file name without .txt)"
            )
            issues.append(documents.issue(row, "doc_id", "doc-id", msg, doc_id, "evidence"))
            continue
        path = seeds / f"{doc_id}.txt"
        if given is not None and doc_id in given:
            body = given[doc_id]
        elif not path.exists() and not path.is_symlink():
            msg = (
                f"documents row {row}, field doc_id: no seed file {path} for document "
                f"{doc_id!r}; add the article or remove its rows"
            )
            issues.append(documents.issue(row, "doc_id", "seed-missing", msg, doc_id, "evidence"))
            continue
        else:
            try:
                body = read_article(path, within=seeds).body
            except SeedError as exc:
                msg = f"documents row {row}, field doc_id: seed of {doc_id!r} cannot be read: {exc}"
                issues.append(
                    documents.issue(row, "doc_id", "seed-invalid", msg, doc_id, "evidence")
                )
                continue
        actual = sha256_text(body)
        if declared is None or declared == actual:
            bodies[doc_id] = (
                body  # a stale seed's spans are not checked: one issue, not one per row
            )
        else:
            msg = (
                f"documents row {row}, field text_sha256: {declared} is not the SHA-256 of the "
                f"body of {path.name} ({actual}); the seed changed after the build — rebuild"
            )
            issues.append(
                documents.issue(row, "text_sha256", "seed-hash", msg, declared, "evidence")
            )
    return bodies, issues


def span_issue(
    data: TableData, row: int, fields: tuple[str, str, str], rec: dict[str, Any], body: str
) -> Issue | None:
    """The problem with one (text, start, end) span of one row, if any."""
    text_field, start_field, end_field = fields
    value, start, end = rec[text_field], rec[start_field], rec[end_field]
    if start is None and end is None:
        return None
    where = f"{data.name} row {row}, field {text_field}"
    if start is None or end is None:
        msg = f"{where}: {start_field} and {end_field} must both be set or both be empty"
        return data.issue(row, start_field, "offsets", msg, [start, end], "evidence")
    if start > end:
        msg = f"{where}: {start_field} {start} is after {end_field} {end}; swap or fix them"
        return data.issue(row, start_field, "offsets", msg, [start, end], "evidence")
    if end > len(body):
        msg = (
            f"{where}: {end_field} {end} is past the end of the body ({len(body)} characters "
            f"of seeds/{rec['doc_id']}.txt); fix the offsets"
        )
        return data.issue(row, end_field, "evidence-mismatch", msg, end, "evidence")
    actual = body[start:end]
    if actual != value:
        msg = (
            f"{where}: body[{start}:{end}] of seeds/{rec['doc_id']}.txt is {preview(actual)}, "
            f"but the cell holds {preview(value or '')}; the text must be the exact slice — "
            f"fix {start_field}/{end_field} or the text"
        )
        return data.issue(row, text_field, "evidence-mismatch", msg, value, "evidence")
    return None


#: Working columns of the columnar check (not schema field names: those have no "__").
BODY, ROW = "__body", "__row"


def span_fails(fields: tuple[str, str, str]) -> pl.Expr:
    """Whether a row's (text, start, end) span breaks a rule of :func:`span_issue`: offsets set
    one without the other, negative, backwards, past the body, or not the text's slice."""
    text, start, end = (pl.col(f) for f in fields)
    set_both = start.is_not_null() & end.is_not_null()
    bad_offsets = start.is_null() != end.is_null()
    wrong = (start < 0) | (end < 0) | (start > end) | (end > pl.col(BODY).str.len_chars())
    # clipped so the slice is defined on every row; rows out of range fail through ``wrong``
    slice_ = pl.col(BODY).str.slice(start.clip(lower_bound=0), (end - start).clip(lower_bound=0))
    return bad_offsets | (set_both & (wrong | slice_.ne_missing(text))).fill_null(True)


def table_evidence_issues(
    data: TableData, spans: tuple[tuple[str, str, str], ...], bodies: pl.DataFrame
) -> list[Issue]:
    """The span issues of one table: found columnar, then described row by row."""
    columns = sorted({"doc_id", *(f for span in spans for f in span)})
    fails = pl.any_horizontal([span_fails(f) for f in spans])
    failing = (
        data.frame.select(columns)
        .with_row_index(ROW, offset=1)
        .join(bodies, on="doc_id", how="inner", maintain_order="left")
        .filter(fails)
    )
    issues: list[Issue] = []
    for rec in failing.iter_rows(named=True):
        body = rec[BODY]
        issues += [i for f in spans if (i := span_issue(data, rec[ROW], f, rec, body)) is not None]
    return issues


def body_frame(
    documents: TableData | None, seeds: Path, given: Mapping[str, str] | None = None
) -> tuple[pl.DataFrame, list[Issue]]:
    """The checked body of every document as a (doc_id, body) frame, and the seed issues (see
    :func:`load_bodies`; unknown documents and unreadable seeds have no body here)."""
    found, issues = load_bodies(documents, seeds, given)
    frame = pl.DataFrame(
        {"doc_id": list(found), BODY: list(found.values())},
        schema={"doc_id": pl.String, BODY: pl.String},
    )
    return frame, issues


def span_issues(data: TableData, bodies: pl.DataFrame) -> list[Issue]:
    """Every span of one table (none when the table has no spans)."""
    spans = SPANS.get(data.name)
    return table_evidence_issues(data, spans, bodies) if spans else []


def evidence_issues(
    tables: dict[str, TableData], seeds: Path, bodies: Mapping[str, str] | None = None
) -> list[Issue]:
    """Seed hashes and every span of quotes, events and mentions (``bodies``: the seed bodies
    by document id where the caller has read them already)."""
    frame, issues = body_frame(tables.get("documents"), seeds, bodies)
    for data in tables.values():
        issues += span_issues(data, frame)
    return issues
