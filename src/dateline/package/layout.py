"""Where each file of a data package lives, and what its resources are called.

Every path decision is here (``write/``, ``validate/``, ``diff``, ``check``, the release and the
library API read them from this module). Each format has its own folder under ``data/``, so that
folder- and glob-based readers (``pyarrow.dataset``, DuckDB ``read_parquet('data/parquet/*')``,
Spark) never mix formats or tables::

    datapackage.json
    schemas/<table>.schema.json
    data/csv/<table>.csv
    data/parquet/<table>.parquet
    data/duckdb/views.sql
"""

from __future__ import annotations

import re

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
