"""Evidence: every quoted span is the exact slice of its seed article's body.

The body comes from ``seeds/<doc_id>.txt`` read by :func:`dateline.article.read_article`;
``documents.text_sha256`` must be its SHA-256, else every offset may point elsewhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def load_bodies(documents: TableData | None, seeds: Path) -> tuple[dict[str, str], list[Issue]]:
    """The body of every document's seed, with seed-missing/seed-invalid/seed-hash issues."""
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
        if not path.exists() and not path.is_symlink():
            msg = (
                f"documents row {row}, field doc_id: no seed file {path} for document "
                f"{doc_id!r}; add the article or remove its rows"
            )
            issues.append(documents.issue(row, "doc_id", "seed-missing", msg, doc_id, "evidence"))
            continue
        try:
            body = read_article(path, within=seeds).body
        except SeedError as exc:
            msg = f"documents row {row}, field doc_id: seed of {doc_id!r} cannot be read: {exc}"
            issues.append(documents.issue(row, "doc_id", "seed-invalid", msg, doc_id, "evidence"))
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


def evidence_issues(tables: dict[str, TableData], seeds: Path) -> list[Issue]:
    """Seed hashes and every span of quotes, events and mentions."""
    bodies, issues = load_bodies(tables.get("documents"), seeds)
    for name, spans in SPANS.items():
        data = tables.get(name)
        if data is None:
            continue
        for row, rec in enumerate(data.frame.iter_rows(named=True), start=1):
            body = bodies.get(rec["doc_id"])
            if body is None:  # unknown document or unreadable seed: reported elsewhere
                continue
            issues += [i for f in spans if (i := span_issue(data, row, f, rec, body)) is not None]
    return issues
