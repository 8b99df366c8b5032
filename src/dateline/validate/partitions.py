"""A table's Parquet files, one or hive-partitioned: read them as one table, and check that
each row sits in its document's partition and that no unlisted file lies where a glob reader
would read it (:mod:`dateline.package.layout`)."""

from __future__ import annotations

from pathlib import Path
from typing import TypeGuard

import polars as pl

from dateline.package.layout import (
    PARTITION_FIELD,
    PARTITION_KEY,
    doc_bucket,
    parquet_dir,
    parquet_glob,
    parquet_path,
)
from dateline.schema import TableSchema
from dateline.tables import sort_frame
from dateline.validate.files import Resource
from dateline.validate.frames import read_parquet
from dateline.validate.issues import Issue
from dateline.validate.table import TableData

REBUILD = "rebuild with `dateline build`, never edit data/"


def readable(res: Resource | None) -> TypeGuard[Resource]:
    """Whether every file of the resource is a local regular file."""
    return (
        res is not None
        and bool(res.parts)
        and all(p.path is not None and p.path.is_file() for p in res.parts)
    )


def read_parts(
    res: Resource, schema: TableSchema, *, written: bool = False
) -> tuple[TableData | None, list[Issue]]:
    """The table from its Parquet file, or from every partition file in bucket order, sorted
    by primary key as the single file is; None when a file cannot be typed (or be read: call
    it on a :func:`readable` resource). ``written``: files the build has just written
    (:func:`~dateline.validate.frames.read_parquet`)."""
    files = [(p.rel, p.path) for p in res.parts if p.path is not None]
    if len(files) < len(res.parts) or not files:
        return None, []
    if not res.partitioned:
        return read_parquet(files[0][1], schema, res.rel, written=written)
    frames: list[pl.DataFrame] = []
    issues: list[Issue] = []
    for bucket, (rel, path) in enumerate(files):
        data, found = read_parquet(path, schema, rel, written=written)
        issues += found
        if data is not None:
            issues += bucket_issues(data, bucket, len(files))
            frames.append(data.frame)
    if len(frames) < len(files):
        return None, issues
    return TableData(schema, res.rel, sort_frame(pl.concat(frames), schema)), issues


def bucket_issues(data: TableData, bucket: int, buckets: int) -> list[Issue]:
    """Rows of partition ``bucket`` whose document hashes to another partition (a hive reader
    would give them the wrong ``doc_bucket``, and an incremental build would miss them)."""
    ids = data.frame.get_column(PARTITION_FIELD).drop_nulls().unique(maintain_order=True)
    wrong = [d for d in ids.to_list() if doc_bucket(d, buckets) != bucket]
    if not wrong:
        return []
    msg = (
        f"{data.name}: {data.rel} ({PARTITION_KEY}={bucket}) holds the rows of {len(wrong)} "
        f"document(s) of other partitions, e.g. {PARTITION_FIELD} {wrong[0]!r} (bucket "
        f"{doc_bucket(wrong[0], buckets)}); {REBUILD}"
    )
    return [data.issue(None, PARTITION_FIELD, "partition", msg, wrong[0], "files")]


def stray_issues(root: Path, resources: dict[str, Resource]) -> list[Issue]:
    """Parquet files of a table that its resource does not list, where readers of the table's
    file or folder would read them too."""
    issues = []
    for res in resources.values():
        if res.kind != "parquet" or any(p.path is None for p in res.parts):
            continue
        listed = {p.rel for p in res.parts}
        folder = root / parquet_dir(res.table)
        found = (
            {p.relative_to(root).as_posix() for p in folder.rglob("*.parquet")}
            if folder.is_dir()
            else set()
        )
        if (root / parquet_path(res.table)).is_file():
            found.add(parquet_path(res.table))
        for rel in sorted(found - listed):
            msg = (
                f"{res.table}: {rel} is not a file of resource {res.name!r}, but readers of "
                f"{parquet_glob(res.table, res.partitioned)} or of {parquet_dir(res.table)}/ "
                f"would read it: delete it, or {REBUILD}"
            )
            issues.append(Issue(res.table, rel, None, None, None, "stray-file", msg, None, "files"))
    return issues
