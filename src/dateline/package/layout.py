"""Where each file of a data package lives, and what its resources are called.

Every path decision is here (``write/``, ``validate/``, ``diff``, ``check``, the release and the
library API read them from this module). Each format has its own folder under ``data/``, so that
folder- and glob-based readers (``pyarrow.dataset``, DuckDB ``read_parquet('data/parquet/*')``,
Spark) never mix formats or tables::

    datapackage.json
    schemas/<table>.schema.json
    data/csv/<table>.csv
    data/parquet/<table>.parquet                                  (a table up to the threshold)
    data/parquet/<table>/doc_bucket=<b>/part-0.parquet            (a larger table: hive partitions)
    data/duckdb/views.sql

**Partitions.** A table whose rows belong to documents (it has ``doc_id``) and that holds more
than ``partition_rows`` rows (:data:`PARTITION_ROWS` unless ``package.yaml`` says otherwise) is
written as a hive-partitioned dataset instead of one file: ``buckets`` files, the smallest power
of two that keeps every file near or below the threshold, and each row in the file of its
document's bucket (:func:`doc_bucket`: a hash of ``doc_id``, so a document's rows never move
while the bucket count stays, and adding an article rewrites one file per table). The
``doc_bucket`` folder names are what hive readers turn into a column; the files themselves hold
exactly the Table Schema's columns, so both layouts give the same rows and types.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any

DESCRIPTOR = "datapackage.json"
DATA_DIR = "data"
CSV_DIR = f"{DATA_DIR}/csv"
PARQUET_DIR = f"{DATA_DIR}/parquet"
DUCKDB_DIR = f"{DATA_DIR}/duckdb"
#: DuckDB views over the Parquet tables, with every field description as a column comment.
DUCKDB_VIEWS = f"{DUCKDB_DIR}/views.sql"
SCHEMAS_DIR = "schemas"
# What a package folder holds (diff exports these from a git revision).
PACKAGE_FILES = (DESCRIPTOR, DATA_DIR, SCHEMAS_DIR)
PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
)
PARQUET_SUFFIX = "-parquet"


def csv_path(table: str) -> str:
    return f"{CSV_DIR}/{table}.csv"


def parquet_path(table: str) -> str:
    return f"{PARQUET_DIR}/{table}.parquet"


def schema_ref(table: str) -> str:
    return f"{SCHEMAS_DIR}/{table}.schema.json"


def parquet_resource(table: str) -> str:
    """The name of the Parquet resource of ``table`` (the CSV resource is named ``table``)."""
    return f"{table}{PARQUET_SUFFIX}"


#: Above this many rows, a table with ``doc_id`` is written as hive partitions (``package.yaml``:
#: ``partition_rows``): about 30 MB of Parquet per file for ``mentions``, 100 MB for ``events``
#: and ``quotes`` (measured on the dev corpora: 23 mentions, 3 events and 5 quotes per article).
PARTITION_ROWS = 1_000_000
#: The hive partition key: the folder names ``doc_bucket=<b>`` that readers turn into a column.
PARTITION_KEY = "doc_bucket"
#: The field whose hash picks a row's partition.
PARTITION_FIELD = "doc_id"
#: The name of every file in a partition folder.
PART_FILE = "part-0.parquet"
#: The descriptor properties of a partitioned Parquet resource.
PARTITIONING = "dateline:partitioning"
PARTS = "dateline:parts"
BUCKET_RULE = "first 8 bytes of SHA-256(doc_id as UTF-8), as a big-endian integer, modulo buckets"


def bucket_count(rows: int, threshold: int) -> int:
    """How many partitions a table of ``rows`` rows is written in: 1 (one file) up to
    ``threshold`` rows, else the smallest power of two (at least 2) with at most ``threshold``
    rows per partition on average."""
    if threshold < 1:
        raise ValueError(f"partition_rows must be at least 1, not {threshold}")
    if rows <= threshold:
        return 1
    return max(2, 1 << (-(-rows // threshold) - 1).bit_length())


def doc_bucket(doc_id: str, buckets: int) -> int:
    """The partition of a document's rows (:data:`BUCKET_RULE`): stable for a given number of
    buckets, and with a power of two, bucket ``b`` of ``2n`` lies inside bucket ``b % n`` of
    ``n``."""
    digest = hashlib.sha256(doc_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % buckets


def partitioning(buckets: int) -> dict[str, Any]:
    """The ``dateline:partitioning`` property of a table written in ``buckets`` partitions."""
    return {
        "style": "hive",
        "key": PARTITION_KEY,
        "field": PARTITION_FIELD,
        "buckets": buckets,
        "rule": BUCKET_RULE,
    }


def parquet_dir(table: str) -> str:
    """The folder of a partitioned table."""
    return f"{PARQUET_DIR}/{table}"


def part_path(table: str, bucket: int, buckets: int) -> str:
    """The file of partition ``bucket`` (of ``buckets``). The number is written plainly, not
    zero-padded: hive readers type the key from the folder names, and DuckDB reads "07" as
    text but "7" as an integer; ``doc_bucket`` is an integer in every table and reader."""
    return f"{parquet_dir(table)}/{PARTITION_KEY}={bucket}/{PART_FILE}"


def parquet_paths(table: str, buckets: int) -> list[str]:
    """Every Parquet file of ``table`` written in ``buckets`` partitions (1: one file)."""
    if buckets == 1:
        return [parquet_path(table)]
    return [part_path(table, b, buckets) for b in range(buckets)]


def parquet_glob(table: str, partitioned: bool) -> str:
    """What a reader opens to read the whole table: its file, or every file under its folder."""
    return f"{parquet_dir(table)}/**/*.parquet" if partitioned else parquet_path(table)


def partitionable(scope: str, field_names: Sequence[str]) -> bool:
    """Whether a table may be partitioned: its rows belong to documents (``dateline:scope``
    ``document``, with ``doc_id``). Actors and places are merged across documents: one file."""
    return scope == "document" and PARTITION_FIELD in field_names


def resource_paths(path: Any) -> list[str]:
    """A resource's ``path`` as a list: one path, or the files of a multi-file resource (an
    empty list when it is neither a string nor a list of strings)."""
    if isinstance(path, str):
        return [path]
    if isinstance(path, list) and path and all(isinstance(p, str) for p in path):
        return list(path)
    return []


def location(path: Any) -> str:
    """Where readers open a resource: its file, or for a multi-file resource the glob of the
    folder holding its partition folders (so a change in the number of files is no move)."""
    if isinstance(path, str) or not (paths := resource_paths(path)):
        return str(path)
    folder = posixpath.commonpath([posixpath.dirname(posixpath.dirname(p)) for p in paths])
    return f"{folder or '.'}/**/*.parquet"


def partitioned_tables(descriptor: dict[str, Any]) -> frozenset[str]:
    """The tables whose Parquet resource in ``descriptor`` lists several files."""
    resources = descriptor.get("resources")
    return frozenset(
        r["name"].removesuffix(PARQUET_SUFFIX)
        for r in (resources if isinstance(resources, list) else [])
        if isinstance(r, dict)
        and isinstance(r.get("name"), str)
        and r["name"].endswith(PARQUET_SUFFIX)
        and isinstance(r.get("path"), list)
    )


def table_of(rel: str) -> str | None:
    """The table a file under ``data/`` belongs to (``data/csv/events.csv``,
    ``data/parquet/events.parquet``, ``data/parquet/events/doc_bucket=3/part-0.parquet``)."""
    parts = PurePosixPath(rel).parts
    if len(parts) < 3 or parts[0] != DATA_DIR:
        return None
    return PurePosixPath(parts[2]).stem if len(parts) == 3 else parts[2]
