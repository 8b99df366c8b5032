"""Write the whole data package: CSV + Parquet per table, schema copies, the DuckDB views and
``datapackage.json`` (paths from :mod:`dateline.package.layout`).

Every file is rendered in memory first, so ``bytes`` and ``hash`` come from exactly what is
written, and written atomically (temporary file, then rename). Nothing time-dependent is
written: the same frames and metadata give the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from dateline.errors import BuildError
from dateline.package.codec import DIALECT, DIALECT_NOTES
from dateline.package.duckdb import views_sql
from dateline.package.formula import DECLARATION
from dateline.package.formula import PROPERTY as SPREADSHEET_SAFETY
from dateline.package.layout import (
    BUCKET_RULE,
    DESCRIPTOR,
    DUCKDB_VIEWS,
    PACKAGE_PROFILE,
    PARTITION_FIELD,
    PARTITION_KEY,
    PARTITION_ROWS,
    PARTITIONING,
    PARTS,
    SCHEMAS_DIR,
    SEMVER,
    bucket_count,
    csv_path,
    parquet_dir,
    parquet_glob,
    parquet_path,
    parquet_resource,
    partitionable,
    partitioning,
    schema_ref,
)
from dateline.package.parquet import reader_schema
from dateline.schema import TABLES, TableSchema, load, schema_path
from dateline.schema.polars import polars_schema
from dateline.schema.types import list_item_problem
from dateline.tables import sort_frame
from dateline.write.csv import csv_bytes, spliced_csv
from dateline.write.jsontext import indented
from dateline.write.parquet import parquet_parts

NAME = re.compile(r"^[a-z0-9._-]+$")
PARQUET_NOTES = (
    "Parquet (format 2.6, zstd) with the explicit Arrow schema of the table: enums are "
    "dictionary<int32, string>, dates date32, lists list<string>, required fields REQUIRED; "
    "field descriptions are in the Arrow field metadata, the Table Schema JSON in the file "
    "metadata key 'frictionless:schema', and column comments in " + DUCKDB_VIEWS + ". The file "
    "follows the Table Schema named in 'dateline:schema'; the inline 'schema' describes it as "
    "frictionless-py reads it through pandas (lists as 'any', a null number as 'nan'), and its "
    "size is in 'dateline:bytes' because frictionless cannot count Parquet bytes. pandas: read "
    "with dtype_backend='pyarrow' to keep nullable integers and lists."
)
PARTITION_NOTES = (
    "This table is a hive-partitioned dataset: 'path' lists its files, one per folder "
    f"{PARTITION_KEY}=<b> (the bucket of each row's {PARTITION_FIELD}: {BUCKET_RULE}); "
    "'dateline:parts' gives each file's size and sha256, and 'hash' is the sha256 of the files "
    "concatenated in 'path' order. Read every file at once (DuckDB read_parquet('{glob}'), "
    "polars scan_parquet, pyarrow.dataset, Spark); hive readers add a {key} integer column from "
    "the folder names, which the files themselves do not hold. frictionless-py reads only the "
    "first file of a multi-file Parquet resource: dateline validate checks them all."
)


@dataclass(frozen=True, kw_only=True)
class PackageMeta:
    """Package-level metadata of ``datapackage.json`` (the caller fills ``sources``)."""

    title: str
    version: str
    description: str
    licenses: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    contributors: list[dict[str, Any]] = field(default_factory=list)
    name: str = "dateline"
    id: str | None = None
    homepage: str | None = None
    keywords: list[str] = field(
        default_factory=lambda: ["news", "events", "actors", "locations", "quotes", "PLOVER"]
    )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_meta(meta: PackageMeta) -> None:
    """Refuse metadata that would make an invalid descriptor."""
    if not NAME.match(meta.name):
        raise BuildError(f"package name {meta.name!r} must be lower-case letters, digits, . _ -")
    if not SEMVER.match(meta.version):
        raise BuildError(f"package version {meta.version!r} is not SemVer", hint="e.g. 1.2.0")
    for source in meta.sources:
        if "title" not in source:
            raise BuildError(f"package source {source!r} needs a 'title'")


def check_frame(table: str, frame: pl.DataFrame) -> None:
    """The frame has the table's columns, in order, with its dtypes, and writable list items."""
    schema = load(table)
    expected = polars_schema(schema)
    if frame.schema != expected:
        got = ", ".join(f"{n}: {t}" for n, t in frame.schema.items())
        raise BuildError(
            f"{table}: frame columns/dtypes differ from the schema (got {got})",
            hint="build frames with dateline.tables.to_frame",
        )
    for f in schema.fields:
        if f.type != "list":
            continue
        for number, items in enumerate(frame.get_column(f.name).to_list(), start=1):
            for item in items or ():
                problem = list_item_problem(f, item)
                if problem:
                    raise BuildError(f"{table} row {number}, field {f.name}: {problem}")


def csv_resource(schema: TableSchema, file: Written) -> dict[str, Any]:
    """The descriptor of a table's CSV file (as written)."""
    return {
        "name": schema.name,
        "type": "table",
        "title": f"{schema.title} (CSV)",
        "description": f"{schema.description}\n\n{DIALECT_NOTES}",
        "path": csv_path(schema.name),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": DIALECT,
        "bytes": file.size,
        "hash": f"sha256:{file.sha256}",
        "schema": schema_ref(schema.name),
    }


@dataclass(frozen=True)
class Written:
    """A file as written: its path in the package, size and sha256 (hex)."""

    rel: str
    size: int
    sha256: str

    @classmethod
    def of(cls, rel: str, data: bytes) -> Written:
        return cls(rel, len(data), sha256_hex(data))


def parquet_resource_descriptor(
    schema: TableSchema,
    parts: list[Written],
    whole_sha256: str,
    partitioned: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The descriptor of a table's Parquet file, or of its files when partitioned (then
    ``whole_sha256`` is the hash of the files concatenated), as stock frictionless-py accepts it
    (:mod:`dateline.package.parquet`; ``partitioned`` names every partitioned table)."""
    split = len(parts) > 1
    description = f"{schema.description}\n\n{PARQUET_NOTES}"
    if split:
        glob = parquet_glob(schema.name, partitioned=True)
        description += "\n\n" + PARTITION_NOTES.format(glob=glob, key=PARTITION_KEY)
    out: dict[str, Any] = {
        "name": parquet_resource(schema.name),
        "type": "table",
        "title": f"{schema.title} (Parquet)",
        "description": description,
        "path": [p.rel for p in parts] if split else parts[0].rel,
        "format": "parquet",
        "mediatype": "application/vnd.apache.parquet",
        "dateline:bytes": sum(p.size for p in parts),
        "hash": f"sha256:{whole_sha256}",
    }
    if split:
        out[PARTITIONING] = partitioning(len(parts))
        out[PARTS] = [{"path": p.rel, "bytes": p.size, "hash": f"sha256:{p.sha256}"} for p in parts]
    out["dateline:schema"] = schema_ref(schema.name)
    out["schema"] = reader_schema(schema, partitioned)
    return out


def descriptor(meta: PackageMeta, resources: list[dict[str, Any]]) -> dict[str, Any]:
    """``datapackage.json`` as a dict, in a fixed, readable key order."""
    out: dict[str, Any] = {"$schema": PACKAGE_PROFILE, "name": meta.name}
    if meta.id:
        out["id"] = meta.id
    out |= {
        "title": meta.title,
        "version": meta.version,
        "description": meta.description,
    }
    if meta.homepage:
        out["homepage"] = meta.homepage
    out |= {
        "keywords": list(meta.keywords),
        "licenses": list(meta.licenses),
        "contributors": list(meta.contributors),
        "sources": list(meta.sources),
        SPREADSHEET_SAFETY: DECLARATION,
        "resources": resources,
    }
    return out


def descriptor_bytes(desc: dict[str, Any]) -> bytes:
    """``json.dumps(desc, indent=2, ensure_ascii=False)`` and a line end, as UTF-8
    (:func:`~dateline.write.jsontext.indented` writes the same text faster)."""
    return (indented(desc) + "\n").encode("utf-8")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:  # e.g. a full disk: say which file (write() errors carry no name)
        tmp.unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(path)) from exc


def copy_schemas(out: Path) -> None:
    """Byte copies of the source schemas in ``out/schemas`` (unless that is the source folder)."""
    target = out / SCHEMAS_DIR
    source = schema_path(TABLES[0]).parent
    if target.is_dir() and os.path.samefile(target, source):
        return
    for table in TABLES:
        write_atomic(target / f"{table}.schema.json", schema_path(table).read_bytes())


def write_file(out: Path, rel: str, data: bytes) -> Written:
    """Write ``data`` as file ``rel`` of ``out`` (:func:`write_atomic`); return it as written."""
    write_atomic(out / rel, data)
    return Written.of(rel, data)


def write_parquet(
    out: Path, frame: pl.DataFrame, schema: TableSchema, buckets: int
) -> tuple[list[Written], str]:
    """Write the Parquet file(s) of a table (:func:`~dateline.write.parquet.parquet_parts`);
    return them as written and the SHA-256 of their bytes concatenated."""
    parts, whole = [], hashlib.sha256()
    for rel, data in parquet_parts(frame, schema, buckets):
        parts.append(write_file(out, rel, data))
        whole.update(data)
    return parts, whole.hexdigest()


def table_buckets(frames: dict[str, pl.DataFrame], partition_rows: int) -> dict[str, int]:
    """How many files each table's Parquet is written in (1: one file)."""
    return {
        table: bucket_count(frame.height, partition_rows)
        if partitionable(load(table).scope, frame.columns)
        else 1
        for table, frame in frames.items()
    }


def clear_other_layout(out: Path, table: str, buckets: int) -> None:
    """Remove the Parquet of ``table`` in the layout it is not written in now (a folder a
    glob reader would also read, or a file beside it)."""
    if buckets == 1:
        shutil.rmtree(out / parquet_dir(table), ignore_errors=True)
    else:
        (out / parquet_path(table)).unlink(missing_ok=True)
        shutil.rmtree(out / parquet_dir(table), ignore_errors=True)


def write_package(
    frames: dict[str, pl.DataFrame],
    out: Path,
    *,
    metadata: PackageMeta,
    partition_rows: int = PARTITION_ROWS,
    before: Callable[[str], tuple[pl.DataFrame, bytes, pl.Series] | None] | None = None,
) -> dict[str, str]:
    """Write ``out/data/csv/<table>.csv``, ``out/data/parquet/<table>.parquet`` (or, above
    ``partition_rows`` rows, its hive partitions), the DuckDB views, ``out/schemas/`` and
    ``out/datapackage.json``; return the SHA-256 (hex) of the data files and the descriptor
    written, by path in the package (so that nothing reads them again to hash them).
    ``before``: a table's last frame, sorted, the bytes of the CSV file written from it and
    the rows of that frame equal to this one's (:func:`~dateline.tables.same_rows`), or None;
    from which its CSV file is spliced (:func:`~dateline.write.csv.spliced_csv`)."""
    check_meta(metadata)
    missing, unknown = set(TABLES) - set(frames), set(frames) - set(TABLES)
    if missing or unknown:
        raise BuildError(
            f"write_package needs exactly the tables {', '.join(TABLES)}; "
            f"missing {sorted(missing)}, unknown {sorted(unknown)}"
        )
    buckets = table_buckets(frames, partition_rows)
    partitioned = frozenset(t for t, n in buckets.items() if n > 1)
    resources: list[dict[str, Any]] = []
    written: dict[str, str] = {}
    # the Parquet files are encoded on one more thread (pyarrow releases the GIL), and the CSV
    # files hashed and written on another (so does hashlib), while this one splices the CSV
    # files: each file's bytes depend on its table's frame alone
    with (
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="dateline-parquet") as pool,
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="dateline-csv") as files,
    ):
        parquet: dict[str, Future[tuple[list[Written], str]]] = {}
        csv: dict[str, Future[Written]] = {}
        for table in TABLES:
            check_frame(table, frames[table])
            schema = load(table)
            frame = sort_frame(frames[table], schema)
            clear_other_layout(out, table, buckets[table])
            parquet[table] = pool.submit(write_parquet, out, frame, schema, buckets[table])
            last = before(table) if before is not None else None
            csv_data = spliced_csv(frame, schema, *last) if last is not None else None
            csv_data = csv_data if csv_data is not None else csv_bytes(frame, schema)
            del last, frame
            if csv:  # the bytes of one CSV file at most wait to be written (memory)
                next(reversed(csv.values())).result()
            csv[table] = files.submit(write_file, out, csv_path(table), csv_data)
            del csv_data
        for table in TABLES:
            csv_file = csv[table].result()
            parts, whole = parquet[table].result()
            written |= {csv_file.rel: csv_file.sha256} | {p.rel: p.sha256 for p in parts}
            resources += [
                csv_resource(load(table), csv_file),
                parquet_resource_descriptor(load(table), parts, whole, partitioned),
            ]
    copy_schemas(out)
    write_atomic(out / DUCKDB_VIEWS, views_sql(metadata.version, partitioned).encode("utf-8"))
    data = descriptor_bytes(descriptor(metadata, resources))
    write_atomic(out / DESCRIPTOR, data)
    return written | {DESCRIPTOR: sha256_hex(data)}
