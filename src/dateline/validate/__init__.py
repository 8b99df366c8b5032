"""Validate a published package: files, profiles, schemas, keys, evidence, formula-like text and
frictionless, all collected.

Every check runs and reports; nothing stops at the first problem, and one problem is reported
once (see :class:`Report`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from concurrent.futures import Executor
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from dateline.package.formula import SEED_COLUMNS
from dateline.package.layout import parquet_resource
from dateline.schema import TABLES, load
from dateline.validate.evidence import body_frame, span_issues
from dateline.validate.files import (
    Resource,
    duckdb_views_issues,
    frictionless_can_read,
    integrity_issues,
    load_descriptor,
    schema_copy_issues,
    table_resources,
)
from dateline.validate.formulas import formula_issues
from dateline.validate.frames import read_csv
from dateline.validate.frictionless import MODES, Target, changed_issues, frictionless_issues
from dateline.validate.intervals import interval_issues
from dateline.validate.issues import Issue, Report
from dateline.validate.keys import key_columns, own_key_issues, reference_issues
from dateline.validate.partitions import read_parts, readable, stray_issues
from dateline.validate.profiles import Written, profile_issues
from dateline.validate.schema import pandera_issues
from dateline.validate.table import TableData

__all__ = ["Issue", "Report", "validate_package"]


def frame_mismatch_issues(csv: TableData, parquet: TableData) -> list[Issue]:
    """The CSV and Parquet frames hold the same rows; one Issue per differing column."""
    if csv.frame.height != parquet.frame.height:
        msg = (
            f"{csv.name}: {csv.rel} has {csv.frame.height} rows but {parquet.rel} has "
            f"{parquet.frame.height}; both files must come from the same build"
        )
        return [csv.issue(None, None, "csv-parquet-mismatch", msg, None, "arrow")]
    issues = []
    for name in csv.schema.field_names:
        differs = csv.frame.get_column(name).ne_missing(parquet.frame.get_column(name))
        positions = differs.arg_true()
        if positions.len():
            row = int(positions[0]) + 1
            a, b = csv.frame.get_column(name)[row - 1], parquet.frame.get_column(name)[row - 1]
            msg = (
                f"{csv.name} row {row}, field {name}: the CSV holds {a!r} but the Parquet file "
                f"holds {b!r} ({positions.len()} differing rows); rebuild both files together"
            )
            issues.append(csv.issue(row, name, "csv-parquet-mismatch", msg, a, "arrow"))
    return issues


def relocated(issues: list[Issue], to: TableData) -> list[Issue]:
    """``issues`` found in one file of a table, as found in the file of ``to`` (same rows)."""
    return [replace(i, file=to.rel, line=to.line(i.row)) for i in issues]


def load_table(table: str, resources: dict[str, Resource]) -> tuple[TableData | None, list[Issue]]:
    """Read both files of a table, check both, return the frame the other checks use.

    pandera's verdict is a function of the frame, so when the Parquet file reads as the same
    frame as the CSV file, its issues are the CSV file's, relocated (not computed twice)."""
    schema = load(table)
    csv_res, pq_res = resources.get(table), resources.get(parquet_resource(table))
    csv_data = pq_data = None
    issues: list[Issue] = []
    csv_pandera: list[Issue] = []
    if readable(csv_res) and csv_res.path is not None:  # (readable checks the path too)
        csv_data, csv_issues = read_csv(csv_res.path, schema, csv_res.rel)
        csv_pandera = pandera_issues(csv_data)
        issues += csv_issues + csv_pandera
    if readable(pq_res):
        pq_data, pq_issues = read_parts(pq_res, schema)
        issues += pq_issues
    if pq_data is not None:  # the same bad cell in both files is merged by the Report
        same = csv_data is not None and csv_data.frame.equals(pq_data.frame)
        issues += relocated(csv_pandera, pq_data) if same else pandera_issues(pq_data)
    if csv_data is not None and pq_data is not None:
        issues += frame_mismatch_issues(csv_data, pq_data)
    return (csv_data if csv_data is not None else pq_data), issues


def validate_package(
    root: Path,
    *,
    seeds: Path | None = None,
    frictionless: str | bool = "all",
    bodies: Mapping[str, str] | None = None,
    hashed: Mapping[str, str] | None = None,
) -> Report:
    """Validate the package in ``root`` against the seeds in ``seeds`` (default ``root/seeds``).

    ``frictionless`` is one of :data:`~dateline.validate.frictionless.MODES`: frictionless-py's
    row-by-row pass over every resource (``"all"``), over those it has not passed in the same
    form before (``"changed"``), or none (``"off"``: the build, whose own columnar checks
    cover the same schema constraints); True and False are "all" and "off". ``bodies``
    are seed bodies by document id that the caller has read already (a build passes the
    articles it extracted), so the evidence check does not read those seeds again; ``hashed``:
    the SHA-256 of the files the caller has just written, from the bytes it wrote, by path in
    the package (:func:`~dateline.validate.files.integrity_issues`)."""
    descriptor, resources, issues = package_issues(root, hashed=hashed)
    if descriptor is None:
        return Report(issues)
    tables, found = checked_tables(
        resources, seeds if seeds is not None else root / "seeds", bodies
    )
    issues += found
    # frictionless-py would open what these issues warn about (or crash on the descriptor)
    blocked = any(i.code in ("path-unsafe", "not-a-file") for i in issues)
    mode = "all" if frictionless is True else "off" if frictionless is False else frictionless
    if mode not in MODES:
        raise ValueError(f"frictionless must be one of {MODES}, not {frictionless!r}")
    if mode != "off" and not blocked and frictionless_can_read(descriptor):
        todo = targets(resources, tables)
        if mode == "changed":
            flagged = {i.file for i in issues if i.file}
            issues += changed_issues(root, todo, descriptor, flagged)
        else:
            issues += frictionless_issues(root, todo)
    return Report(issues, {t: d.frame.height for t, d in tables.items()})


def package_issues(
    root: Path,
    passed_sources: Collection[str] = (),
    *,
    own_schemas: bool = False,
    pool: Executor | None = None,
    sources: Written | None = None,
    hashed: Mapping[str, str] | None = None,
) -> tuple[dict[str, Any] | None, dict[str, Resource], list[Issue]]:
    """The descriptor and its table resources, and what is wrong with the package's files:
    the descriptor, its profile (``passed_sources`` and ``own_schemas``: see
    :func:`profile_issues`, with the ``sources`` entries written and their texts), the schema
    copies, the DuckDB views, stray Parquet files, and each
    file's size and hash (the checks that read no table). ``pool``: where the files are read
    and hashed (on other threads, while this one checks the profiles), if given; ``hashed``:
    see :func:`validate_package`."""
    descriptor, issues = load_descriptor(root)
    if descriptor is None:
        return None, {}, issues
    resources, found = table_resources(root, descriptor)
    check = partial(integrity_issues, hashed=hashed or {})
    found_hashes = (pool.map if pool is not None else map)(check, resources.values())
    issues += (
        found
        + schema_copy_issues(root)
        + profile_issues(root, descriptor, passed_sources, own=own_schemas, written=sources)
    )
    issues += duckdb_views_issues(root, descriptor) + stray_issues(root, resources)
    for found in found_hashes:
        issues += found
    return descriptor, resources, issues


#: The order tables are checked in: documents first (their bodies are the evidence of the
#: spans of later tables), then mentions (formula issues of actors and places name the seed
#: of a mention: :data:`~dateline.package.formula.SEED_COLUMNS`).
ORDER = ("documents", "mentions", *(t for t in TABLES if t not in ("documents", "mentions")))


def checked_tables(
    resources: dict[str, Resource], seeds: Path, given: Mapping[str, str] | None
) -> tuple[dict[str, TableData], list[Issue]]:
    """Every table loaded and checked one at a time (what is held at once is one whole table
    plus the columns checks across tables read: :func:`slim`), then the foreign keys."""
    tables: dict[str, TableData] = {}
    issues: list[Issue] = []
    bodies = body_frame(None, seeds)[0]
    for table in ORDER:
        data, found = load_table(table, resources)
        issues += found
        if data is None:
            continue
        if table == "documents":
            bodies, found = body_frame(data, seeds, given)
            issues += found
        issues += own_key_issues(data) + interval_issues({table: data})
        issues += span_issues(data, bodies) + formula_issues({**tables, table: data}, table)
        tables[table] = slim(data)
    ordered = {t: tables[t] for t in TABLES if t in tables}  # the report lists them so
    return ordered, issues + reference_issues(ordered)


def slim(data: TableData) -> TableData:
    """``data`` with only the columns that checks of other tables read."""
    keep = key_columns(data.name) | set(SEED_COLUMNS.get(data.name, ()))
    return replace(data, frame=data.frame.select([n for n in data.schema.field_names if n in keep]))


def targets(resources: dict[str, Resource], tables: dict[str, TableData]) -> list[Target]:
    """The resources frictionless validates: every readable one, in table order, CSV first."""

    def csv_line(table: str, row: int | None) -> int | None:
        data = tables.get(table)
        return data.line(row) if data is not None and data.lines else None

    def no_line(table: str, row: int | None) -> int | None:
        return None

    return [
        Target(res.name, res.table, res.rel, csv_line if res.kind == "csv" else no_line)
        for name in (n for t in TABLES for n in (t, parquet_resource(t)))
        if readable(res := resources.get(name))
    ]
