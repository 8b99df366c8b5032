"""Validate a package a build has just written, checking row by row only what changed since the
last build into the same folder that validated.

A build holds the frames it wrote and, from its state (:mod:`dateline.engine.state`), the frames
of the last build that validated and was published there. It then checks:

* **globally, over every row** (columnar): the descriptor, its profile (its ``sources``
  entries only where they are new: the profile checks each on its own; the schema files only
  where they differ from dateline's own, which the tests hold to it), the schema copies, the
  DuckDB views, stray files, the size and hash of every file; every Parquet file read back (its
  Arrow schema, each row in its partition, and every row equal to the frame the build wrote);
  primary, unique and foreign keys;
* **per row, on the changed rows only**: the field constraints pandera checks (columnar:
  :func:`~dateline.validate.schema.breaks_schema`), date intervals, evidence
  spans, the seed hash of their documents, formula-like text, and the CSV round trip (the CSV
  lines of those rows, read back by the validator's reader, are those rows). A row has changed
  when the last validated build had no row with all its values, or, in a table of documents,
  when its document's row changed (a new body, whose spans must be checked again).

Each per-row check reads one row and its document's body, so a row equal to one that passed in
the last validated build, in a document whose body has the same hash, passes again. What is not
done again is parsing the CSV text of unchanged rows: the writer renders each row's line from
that row's values alone (``tests/test_incremental.py``), and those lines were read back when
they were first validated. When anything is found, the caller runs the full validation
(:func:`dateline.validate.validate_package`), so a failing build reports what a full
validation reports.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import polars as pl

from dateline.package.layout import csv_path, parquet_resource
from dateline.schema import TABLES, TableSchema, load
from dateline.tables import same_rows
from dateline.validate import package_issues, slim
from dateline.validate.evidence import body_frame, span_issues
from dateline.validate.files import Resource
from dateline.validate.formulas import formula_issues
from dateline.validate.frames import read_csv_bytes
from dateline.validate.intervals import interval_issues
from dateline.validate.issues import Issue, Report
from dateline.validate.keys import own_key_issues, reference_issues
from dateline.validate.partitions import read_parts, readable
from dateline.validate.profiles import Written
from dateline.validate.schema import breaks_schema
from dateline.validate.table import TableData


def changed_mask(new: pl.DataFrame, old: pl.DataFrame, key: tuple[str, ...]) -> pl.Series:
    """Per row of ``new``: whether ``old`` has no row with the same values (found by ``key``,
    unique in ``old``)."""
    return same_rows(new, old, key).is_null()


#: How the build writes a frame as a CSV file (:func:`dateline.write.csv.csv_bytes`: handed
#: over by the build, since validation does not import the writers).
RenderCsv = Callable[[pl.DataFrame, TableSchema], bytes]


def round_trip_issues(data: TableData, render: RenderCsv) -> list[Issue]:
    """The rows of ``data`` written as CSV by ``render`` and read back by the validator's
    reader: issues of the reader, or one issue when the rows read differ from those written."""
    read, issues = read_csv_bytes(render(data.frame, data.schema), data.schema, data.rel)
    if not issues and not read.frame.equals(data.frame):
        msg = f"{data.name}: rows written as CSV read back as other values"
        issues.append(data.issue(None, None, "csv-parquet-mismatch", msg, None, "arrow"))
    return issues


def row_issues(data: TableData, bodies: pl.DataFrame, render: RenderCsv) -> list[Issue]:
    """The checks that read one row (and its document's body) at a time."""
    if not data.frame.height:
        return []
    if breaks_schema(data):  # the full validation then reports what pandera finds
        msg = f"{data.name}: a changed row breaks a constraint of the schema"
        return [data.issue(None, None, "schema", msg, None, "pandera")]
    issues = interval_issues({data.name: data})
    issues += span_issues(data, bodies) + formula_issues({data.name: data}, data.name)
    return issues + round_trip_issues(data, render)


def changed_rows(
    written: Mapping[str, pl.DataFrame],
    before: Mapping[str, pl.DataFrame],
    found: Mapping[str, pl.Series] | None = None,
) -> dict[str, pl.Series]:
    """Per table, which rows of ``written`` changed since ``before`` (the frames of the last
    validated build): no row of ``before`` has all their values, or, in a table of documents,
    their document's row changed (a new body). ``found``: the rows of ``before`` equal to
    those of ``written`` where the caller has paired them already
    (:func:`~dateline.tables.same_rows`)."""

    def mask(table: str) -> pl.Series:
        if found is not None and table in found:
            return found[table].is_null()
        return changed_mask(written[table], before[table], load(table).primary_key)

    documents = written["documents"]
    new_docs = documents.filter(mask("documents")).get_column("doc_id").implode()
    changed = {}
    for table in TABLES:
        schema, frame = load(table), written[table]
        changed[table] = mask(table)
        if schema.scope == "document" and "doc_id" in frame.columns:
            changed[table] = frame.select(
                changed[table] | pl.col("doc_id").is_in(new_docs)
            ).to_series()
    return changed


def validate_changes(
    root: Path,
    written: Mapping[str, pl.DataFrame],
    changed: Mapping[str, pl.Series],
    seeds: Path,
    bodies: Mapping[str, str],
    passed_sources: Collection[str] = (),
    *,
    render: RenderCsv,
    sources: Written | None = None,
    hashed: Mapping[str, str] | None = None,
) -> Report | None:
    """The report of the package in ``root``, written from the frames ``written``, when it
    passes every check above, row by row on the ``changed`` rows (:func:`changed_rows`); None
    as soon as a check finds a problem (then run the full validation). ``passed_sources``: the
    descriptor's ``sources`` entries of the last validated build, which its profile passed;
    ``render``: how the build wrote each CSV file; ``sources``: the ``sources`` entries it
    wrote into the descriptor, and their texts (:data:`~dateline.validate.profiles.Written`);
    ``hashed``: the SHA-256 of the files it wrote (see
    :func:`~dateline.validate.files.integrity_issues`)."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dateline-check") as pool:
        # the files are read and hashed, and the Parquet files read back, on a second thread
        # (hashlib and pyarrow release the GIL) while this one runs the checks in Python
        descriptor, resources, issues = package_issues(
            root, passed_sources, own_schemas=True, pool=pool, sources=sources, hashed=hashed
        )
        if descriptor is None or issues:
            return None
        same = {
            t: pool.submit(same_parquet, resources.get(parquet_resource(t)), written[t])
            for t in TABLES
        }
        texts, issues = body_frame(changed_documents(written, changed), seeds, bodies)
        keys: dict[str, TableData] = {}
        for table in TABLES:
            schema = load(table)
            whole = TableData(schema, csv_path(table), written[table])
            part = TableData(schema, whole.rel, whole.frame.filter(changed[table]))
            issues += own_key_issues(whole) + row_issues(part, texts, render)
            if issues or not same[table].result():
                return None
            keys[table] = slim(whole)
    if reference_issues(keys):
        return None
    return Report([], {t: f.height for t, f in written.items()})


def changed_documents(
    written: Mapping[str, pl.DataFrame], changed: Mapping[str, pl.Series]
) -> TableData:
    """The rows of ``documents`` whose seed the per-row checks read: the documents of the
    changed rows of every table (a document row unchanged since the last validated build
    names the same body with the same hash, whose check passed then)."""
    named = [
        written[t].filter(changed[t]).get_column("doc_id")
        for t in TABLES
        if "doc_id" in written[t].columns
    ]
    docs = pl.concat(named).unique().implode()
    frame = written["documents"].filter(pl.col("doc_id").is_in(docs))
    return TableData(load("documents"), csv_path("documents"), frame)


def same_parquet(res: Resource | None, frame: pl.DataFrame) -> bool:
    """Whether the Parquet file(s) of ``res`` read back, without issue, as ``frame``."""
    if not readable(res):
        return False
    data, issues = read_parts(res, load(res.table), written=True)  # this build's files
    return not issues and data is not None and data.frame.equals(frame)
