"""The descriptor and the files it lists: shape, safe paths, existence, bytes and sha256."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.article import read_file
from dateline.errors import DatelineError
from dateline.package.duckdb import views_sql
from dateline.package.formula import DECLARATION
from dateline.package.formula import PROPERTY as SPREADSHEET_SAFETY
from dateline.package.layout import (
    DESCRIPTOR,
    DUCKDB_VIEWS,
    PACKAGE_PROFILE,
    PARTITIONING,
    PARTS,
    SEMVER,
    csv_path,
    location,
    parquet_paths,
    parquet_resource,
    partitioned_tables,
    partitioning,
    resource_paths,
    schema_ref,
)
from dateline.package.parquet import reader_schema
from dateline.package.paths import inside, unsafe_reason
from dateline.schema import TABLES, load, schema_path
from dateline.validate.issues import Issue

MAX_DESCRIPTOR_BYTES = 50_000_000


@dataclass(frozen=True)
class Part:
    """One file of a resource, with its checked local path and the size and hash declared for
    it (a partitioned Parquet resource declares them per file in ``dateline:parts``)."""

    rel: str
    path: Path | None  # None when the path is unsafe
    bytes: Any
    hash: Any


@dataclass(frozen=True)
class Resource:
    """One resource of the descriptor that names a table file (or, partitioned, files), with
    its checked local paths."""

    name: str
    table: str
    kind: str  # "csv" | "parquet"
    rel: str  # the file, or the glob of a partitioned table's files
    path: Path | None  # None when the path is unsafe or the resource has several files
    raw: dict[str, Any]
    parts: tuple[Part, ...] = ()

    @property
    def partitioned(self) -> bool:
        return isinstance(self.raw.get("path"), list)

    @property
    def declared_bytes(self) -> Any:
        """The size the descriptor gives: ``bytes``, or for Parquet ``dateline:bytes`` (stock
        frictionless cannot count Parquet bytes, so a ``bytes`` would fail it)."""
        return self.raw.get(BYTES_KEY[self.kind])


#: Where each format's resource declares its size, and which property names its Table Schema.
BYTES_KEY = {"csv": "bytes", "parquet": "dateline:bytes"}
SCHEMA_KEY = {"csv": "schema", "parquet": "dateline:schema"}


def descriptor_issue(message: str, field: str | None = None, table: str | None = None) -> Issue:
    return Issue(table, DESCRIPTOR, None, None, field, "descriptor", message, None, "files")


def load_descriptor(root: Path) -> tuple[dict[str, Any] | None, list[Issue]]:
    """``root/datapackage.json`` as a dict, or None plus the reason it cannot be read."""
    path = root / DESCRIPTOR
    if not path.exists():
        return None, [descriptor_issue(f"{DESCRIPTOR} not found in {root}; run `dateline build`")]
    try:
        data = json.loads(read_file(path, limit=MAX_DESCRIPTOR_BYTES).decode("utf-8"))
    except DatelineError as exc:
        return None, [descriptor_issue(f"{DESCRIPTOR} cannot be read: {exc.message}")]
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, [descriptor_issue(f"{DESCRIPTOR} is not readable JSON: {exc}")]
    except RecursionError:
        return None, [descriptor_issue(f"{DESCRIPTOR} is nested too deeply to read; rebuild it")]
    if not isinstance(data, dict):
        return None, [descriptor_issue(f"{DESCRIPTOR} must hold a JSON object")]
    return data, shape_issues(data)


def shape_issues(data: dict[str, Any]) -> list[Issue]:
    """The package-level properties a v2 descriptor must have."""
    issues = []
    if not isinstance(data.get("$schema", ""), str):
        issues.append(
            descriptor_issue(
                f"'$schema' is a {json_type(data['$schema'])}; it must be the string "
                f"{PACKAGE_PROFILE!r}",
                "$schema",
            )
        )
    elif data.get("$schema") != PACKAGE_PROFILE:
        issues.append(
            descriptor_issue(f"'$schema' must be {PACKAGE_PROFILE!r} (Data Package v2)", "$schema")
        )
    for key in ("name", "title", "version", "licenses", "resources"):
        if not data.get(key):
            issues.append(
                descriptor_issue(f"the package property {key!r} is missing or empty", key)
            )
    if isinstance(data.get("version"), str) and not SEMVER.match(data["version"]):
        issues.append(
            descriptor_issue(f"version {data['version']!r} is not SemVer (e.g. 1.2.0)", "version")
        )
    if data.get(SPREADSHEET_SAFETY) != DECLARATION:
        issues.append(
            descriptor_issue(
                f"{SPREADSHEET_SAFETY!r} must declare dateline's spreadsheet protection (no "
                "formula-like text cell) exactly as `dateline build` writes it; rebuild",
                SPREADSHEET_SAFETY,
            )
        )
    if "resources" in data and not isinstance(data["resources"], list):
        issues.append(
            descriptor_issue(
                f"'resources' is a {json_type(data['resources'])}; it must be a list of "
                "resources — rebuild with `dateline build`",
                "resources",
            )
        )
    return issues


def json_type(value: Any) -> str:
    """The JSON name of a value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    names: dict[type, str] = {str: "string", list: "list", dict: "object"}
    return names.get(type(value), type(value).__name__)


def frictionless_can_read(data: dict[str, Any]) -> bool:
    """Whether the descriptor's shape is one frictionless-py loads without crashing."""
    return isinstance(data.get("$schema", ""), str) and isinstance(data.get("resources"), list)


def safe_path(
    root: Path, rel: Any, *, table: str | None, field: str
) -> tuple[Path | None, list[Issue]]:
    """``root/rel`` when ``rel`` is relative and stays inside the package (symlinks resolved)."""
    path, reason = inside(root, rel)
    if reason:
        msg = f"resource {field} {rel!r} {reason}; use a path such as 'data/csv/<table>.csv'"
        return None, [Issue(table, DESCRIPTOR, None, None, field, "path-unsafe", msg, rel, "files")]
    return path, []


def table_resources(root: Path, data: dict[str, Any]) -> tuple[dict[str, Resource], list[Issue]]:
    """The CSV and Parquet resource of every table (keyed by resource name), checked."""
    listed = data.get("resources")
    resources = [r for r in listed if isinstance(r, dict)] if isinstance(listed, list) else []
    raw = {r["name"]: r for r in resources if isinstance(r.get("name"), str)}
    found: dict[str, Resource] = {}
    issues = unexpected_resources(root, resources)
    partitioned = partitioned_tables(data)
    for table in TABLES:
        for kind, name in (("csv", table), ("parquet", parquet_resource(table))):
            res = raw.get(name)
            if res is None:
                issues.append(descriptor_issue(f"resource {name!r} is missing", table=table))
                continue
            parts, bad = resource_parts(root, res, table, kind)
            key = SCHEMA_KEY[kind]
            _, bad_schema = safe_path(root, res.get(key), table=table, field=key)
            issues += bad + bad_schema + resource_shape_issues(res, table, kind, partitioned)
            single = parts[0].path if len(parts) == 1 and isinstance(res["path"], str) else None
            rel = location(res.get("path"))
            found[name] = Resource(name, table, kind, rel, single, res, tuple(parts))
    return found, issues


def resource_parts(
    root: Path, res: dict[str, Any], table: str, kind: str
) -> tuple[list[Part], list[Issue]]:
    """The files of a resource with the size and hash declared for each, their paths checked."""
    path = res.get("path")
    if not isinstance(path, list):
        local, bad = safe_path(root, path, table=table, field="path")
        return [Part(str(path), local, res.get(BYTES_KEY[kind]), res.get("hash"))], bad
    by_path = {d.get("path"): d for d in listed(res, PARTS) if isinstance(d, dict)}
    parts, issues = [], []
    for rel in path:
        local, bad = safe_path(root, rel, table=table, field="path")
        entry = by_path.get(rel, {})
        parts.append(Part(str(rel), local, entry.get("bytes"), entry.get("hash")))
        issues += bad
    return parts, issues


def unexpected_resources(root: Path, resources: list[dict[str, Any]]) -> list[Issue]:
    """Resources dateline does not publish, and names used twice: a contribution may not slip
    a file (or a path outside the package) into the descriptor."""
    known = {n for t in TABLES for n in (t, parquet_resource(t))}
    issues: list[Issue] = []
    seen: set[object] = set()
    for res in resources:
        name = res.get("name")
        key = name if isinstance(name, str) else repr(name)  # a list or object is unhashable
        if key in seen:
            issues.append(descriptor_issue(f"resource name {name!r} is used twice; keep one"))
        seen.add(key)
        if key not in known:
            issues.append(
                descriptor_issue(
                    f"unknown resource {name!r}; dateline publishes only its {len(known)} table "
                    "resources — remove it (rebuild with `dateline build`)"
                )
            )
            issues += safe_path(root, res.get("path"), table=None, field="path")[1]
    return issues


def resource_shape_issues(
    res: dict[str, Any], table: str, kind: str, partitioned: frozenset[str]
) -> list[Issue]:
    """The properties dateline publishes on every table resource of format ``kind`` (the
    tables in ``partitioned`` have several Parquet files)."""
    want: dict[str, Any] = {"type": "table", "format": kind, "path": csv_path(table)}
    want[SCHEMA_KEY[kind]] = schema_ref(table)
    if kind == "parquet":
        want["schema"] = reader_schema(load(table), partitioned)
        want |= parquet_layout(res, table)
    issues = [
        descriptor_issue(
            f"resource {res.get('name')!r}: {key!r} is {shown(res.get(key))}, expected "
            f"{shown(value)}" + ("; rebuild with `dateline build`" if key == "schema" else ""),
            key,
            table,
        )
        for key, value in want.items()
        if res.get(key) != value
        and not (key in ("path", SCHEMA_KEY[kind]) and unsafe(res.get(key)))  # path-unsafe
    ]
    size = BYTES_KEY[kind]
    if not isinstance(res.get(size), int) or isinstance(res.get(size), bool):
        issues.append(
            descriptor_issue(f"resource {res.get('name')!r} has no integer {size!r}", size, table)
        )
    if kind == "parquet" and "bytes" in res:
        issues.append(
            descriptor_issue(
                f"resource {res.get('name')!r} declares 'bytes', which stock frictionless cannot "
                "count for Parquet files (a byte-count error); give the size as 'dateline:bytes'",
                "bytes",
                table,
            )
        )
    if not re.fullmatch(r"sha256:[0-9a-f]{64}", str(res.get("hash", ""))):
        issues.append(
            descriptor_issue(
                f"resource {res.get('name')!r} has no 'sha256:<hex>' hash", "hash", table
            )
        )
    return issues


def listed(res: dict[str, Any], key: str) -> list[Any]:
    """A list property of a resource, or an empty list when it is missing or not a list."""
    value = res.get(key)
    return value if isinstance(value, list) else []


def unsafe(path: Any) -> bool:
    """Whether a ``path`` (or a file of a multi-file ``path``) is reported as path-unsafe."""
    paths = resource_paths(path) if isinstance(path, list) else [path]
    return not paths or any(unsafe_reason(p) for p in paths)


def parquet_layout(res: dict[str, Any], table: str) -> dict[str, Any]:
    """What a Parquet resource must say about its files: one file, or as many partitions as
    its ``dateline:partitioning`` gives (a power of two, at least 2), each listed in ``path``
    and ``dateline:parts``."""
    if not isinstance(res.get("path"), list):
        return {"path": parquet_paths(table, 1)[0]}
    declared = res.get(PARTITIONING)
    buckets = declared.get("buckets") if isinstance(declared, dict) else None
    if (
        not isinstance(buckets, int)
        or isinstance(buckets, bool)
        or buckets < 2
        or buckets & (buckets - 1)
    ):
        return {PARTITIONING: "a power-of-two number of buckets, at least 2; rebuild"}
    paths = parquet_paths(table, buckets)
    parts = [p.get("path") if isinstance(p, dict) else p for p in listed(res, PARTS)]
    out: dict[str, Any] = {"path": paths, PARTITIONING: partitioning(buckets)}
    if parts != paths:
        out[PARTS] = "one entry (path, bytes, hash) per file of 'path', in its order"
    return out


def shown(value: Any) -> str:
    """A descriptor value in a message (an inline schema is summarised)."""
    return "an inline schema" if isinstance(value, dict) else repr(value)


def integrity_issues(res: Resource, hashed: Mapping[str, str] | None = None) -> list[Issue]:
    """Each file exists and its size and sha256 are the declared ones; for a partitioned
    resource also the total size and the hash of the files concatenated. ``hashed``: the
    SHA-256 of files a build has just written, taken from the bytes it wrote, by path in the
    package: a file of a one-file resource among them is read (its size and line ends) but
    not hashed again, since reading it back gives the bytes just written (README, "What an
    incremental build validates")."""
    issues: list[Issue] = []
    total, whole, complete = 0, hashlib.sha256(), True
    known = (hashed or {}) if not res.partitioned else {}
    for part in res.parts:
        data, found = part_data(res, part)
        issues += found
        if data is None:
            complete = False
            continue
        total += len(data)
        if res.partitioned:
            whole.update(data)
        digest = known.get(part.rel) or hashlib.sha256(data).hexdigest()
        issues += line_end_issues(res, data)
        issues += size_hash_issues(res, part.rel, (part.bytes, part.hash), len(data), digest)
    if res.partitioned and complete:
        declared = (res.declared_bytes, res.raw.get("hash"))
        issues += size_hash_issues(res, res.rel, declared, total, whole.hexdigest())
    return issues


def part_data(res: Resource, part: Part) -> tuple[bytes | None, list[Issue]]:
    """The bytes of one file of a resource, or None and why it cannot be read."""
    if part.path is None:
        return None, []
    if not part.path.exists():
        msg = (
            f"{res.table}: {part.rel} (resource {res.name!r}) does not exist; run `dateline build`"
        )
        return None, [
            Issue(res.table, part.rel, None, None, None, "missing-file", msg, None, "files")
        ]
    try:
        return read_file(part.path, limit=None), []
    except DatelineError as exc:
        msg = f"{res.table}: {part.rel} (resource {res.name!r}) {exc.message}; run `dateline build`"
        return None, [
            Issue(res.table, part.rel, None, None, None, "not-a-file", msg, None, "files")
        ]


def size_hash_issues(
    res: Resource, rel: str, declared: tuple[Any, Any], size: int, sha256: str
) -> list[Issue]:
    """The ``declared`` (bytes, hash) of ``rel`` against its actual ``size`` and ``sha256``."""
    declared_bytes, declared_hash = declared
    issues = []
    if isinstance(declared_bytes, int) and declared_bytes != size:
        msg = (
            f"{res.table}: {rel} has {size} bytes but the descriptor says "
            f"{declared_bytes}; the file was changed after the build — rebuild, never edit data/"
        )
        issues.append(Issue(res.table, rel, None, None, None, "bytes", msg, size, "files"))
    actual = f"sha256:{sha256}"
    if (
        isinstance(declared_hash, str)
        and declared_hash.startswith("sha256:")
        and declared_hash != actual
    ):
        msg = (
            f"{res.table}: {rel} has hash {actual} but the descriptor says {declared_hash}; "
            "the file was changed after the build — rebuild, never edit data/"
        )
        issues.append(Issue(res.table, rel, None, None, None, "hash", msg, actual, "files"))
    return issues


def line_end_issues(res: Resource, data: bytes) -> list[Issue]:
    """A CSV file ends its records with ``\n`` only (README: "``\n`` line ends"); a CR outside
    quoted cells means the file was rewritten, e.g. with CRLF line ends."""
    if res.kind != "csv" or b"\r" not in data:
        return []
    offset = 0
    for index, part in enumerate(data.split(b'"')):  # even parts lie outside quoted cells
        if index % 2 == 0 and (at := part.find(b"\r")) >= 0:
            line = data.count(b"\n", 0, offset + at) + 1
            msg = (
                f"{res.table}: {res.rel} has a CR (\\r) line end at line {line}; CSV files use "
                "'\\n' line ends only — rebuild, never edit data/"
            )
            return [Issue(res.table, res.rel, None, line, None, "line-ends", msg, None, "files")]
        offset += len(part) + 1
    return []


def schema_copy_issues(root: Path) -> list[Issue]:
    """Each ``schemas/<table>.schema.json`` of the package equals dateline's own schema."""
    issues = []
    for table in TABLES:
        rel = schema_ref(table)
        path = root / rel
        if not path.exists():
            msg = f"{table}: {rel} is missing; run `dateline build` to copy the schemas"
            issues.append(Issue(table, rel, None, None, None, "missing-file", msg, None, "files"))
            continue
        try:
            copy = read_file(path, limit=MAX_DESCRIPTOR_BYTES, within=root)
        except DatelineError as exc:
            msg = f"{table}: {rel} {exc.message}; run `dateline build` to copy the schemas"
            issues.append(Issue(table, rel, None, None, None, "not-a-file", msg, None, "files"))
        else:
            if copy != schema_path(table).read_bytes():
                msg = f"{table}: {rel} differs from the schema of this dateline version; rebuild"
                issues.append(
                    Issue(table, rel, None, None, None, "schema-drift", msg, None, "files")
                )
    return issues


def duckdb_views_issues(root: Path, descriptor: dict[str, Any]) -> list[Issue]:
    """``data/duckdb/views.sql`` is the one the schemas, the package's version and its layout
    give."""
    path = root / DUCKDB_VIEWS
    layout = partitioned_tables(descriptor)
    want = views_sql(str(descriptor.get("version")), layout).encode("utf-8")
    try:
        have = read_file(path, limit=MAX_DESCRIPTOR_BYTES, within=root) if path.exists() else None
    except DatelineError as exc:
        message = f"{DUCKDB_VIEWS} {exc.message}; run `dateline build`"
        return [Issue(None, DUCKDB_VIEWS, None, None, None, "not-a-file", message, None, "files")]
    if have == want:
        return []
    message = (
        f"{DUCKDB_VIEWS} is missing; run `dateline build`"
        if have is None
        else f"{DUCKDB_VIEWS} differs from the views the schemas give (edited or stale): rebuild"
    )
    return [Issue(None, DUCKDB_VIEWS, None, None, None, "duckdb-views", message, None, "files")]
