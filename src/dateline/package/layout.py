"""Where each file of a data package lives, and what its resources are called."""

from __future__ import annotations

import re

DESCRIPTOR = "datapackage.json"
DATA_DIR = "data"
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
    return f"{DATA_DIR}/{table}.csv"


def parquet_path(table: str) -> str:
    return f"{DATA_DIR}/{table}.parquet"


def schema_ref(table: str) -> str:
    return f"{SCHEMAS_DIR}/{table}.schema.json"


def parquet_resource(table: str) -> str:
    """The name of the Parquet resource of ``table`` (the CSV resource is named ``table``)."""
    return f"{table}{PARQUET_SUFFIX}"
