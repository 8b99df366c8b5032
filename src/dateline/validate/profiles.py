"""The descriptor and every Table Schema it names, against the official Data Package v2 JSON
Schema profiles (vendored: :mod:`dateline.package.profiles`)."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from dateline.article import read_file
from dateline.errors import DatelineError
from dateline.package.layout import DESCRIPTOR, PARQUET_SUFFIX, partitioned_tables
from dateline.package.parquet import reader_schema
from dateline.package.paths import inside
from dateline.package.profiles import profile_problems
from dateline.schema import TABLES, load, schema_path
from dateline.validate.files import MAX_DESCRIPTOR_BYTES
from dateline.validate.issues import Issue

SCHEMA_PROPERTIES = ("schema", "dateline:schema")


def profile_issue(file: str, problem: str, table: str | None = None) -> Issue:
    message = f"{file} breaks the Data Package v2 profile at {problem}"
    return Issue(table, file, None, None, None, "profile", message, None, "profile")


def schema_refs(descriptor: dict[str, Any]) -> dict[str, str | None]:
    """The Table Schema files the resources name (path → table), in descriptor order."""
    refs: dict[str, str | None] = {}
    resources = descriptor.get("resources")
    for res in resources if isinstance(resources, list) else []:
        if not isinstance(res, dict):
            continue
        for key in SCHEMA_PROPERTIES:
            if isinstance(res.get(key), str):
                refs.setdefault(res[key], str(res.get("name")).removesuffix("-parquet"))
    return refs


def read_schema(root: Path, rel: str) -> Any:
    """A Table Schema file of the package, or None when it cannot be read (other checks say so)."""
    path, _ = inside(root, rel)
    if path is None or not path.is_file():
        return None
    try:
        return json.loads(read_file(path, limit=MAX_DESCRIPTOR_BYTES, within=root))
    except (DatelineError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None


#: The ``sources`` entries a build wrote into a descriptor, and the text of each
#: (:func:`source_text`): what :func:`profile_issues` need not compute again.
Written = tuple[Sequence[Any], Sequence[str]]


def profile_issues(
    root: Path,
    descriptor: dict[str, Any],
    passed: Collection[str] = (),
    *,
    own: bool = False,
    written: Written | None = None,
) -> list[Issue]:
    """What the datapackage profile rejects in the descriptor (inline schemas and dialects
    included), and the tableschema profile in each schema file a resource names. Entries of
    ``sources`` in ``passed`` (as :func:`source_text` gives them) passed the profile before and
    are not checked again: the profile checks each entry on its own. With ``own``, a schema
    file with the bytes of dateline's own schema of its table is not checked either
    (``tests/test_profiles.py`` holds dateline's schemas to the profile), nor an inline schema
    of a Parquet resource equal to the one dateline writes for its table (:func:`own_inline`;
    the profile checks that value on its own, and the same test holds every one to it).
    ``written``: the entries the caller wrote and their texts, used when the descriptor's
    ``sources`` are those entries."""
    checked = descriptor
    if passed and isinstance(sources := descriptor.get("sources"), list):
        texts = written[1] if written and sources == written[0] else map(source_text, sources)
        fresh = [s for s, text in zip(sources, texts, strict=True) if text not in passed]
        checked = {**descriptor, "sources": fresh}
    if own and isinstance(descriptor.get("resources"), list):
        partitioned = partitioned_tables(descriptor)
        resources = [own_inline(r, partitioned) for r in descriptor["resources"]]
        checked = {**checked, "resources": resources}
    issues = [profile_issue(DESCRIPTOR, p) for p in profile_problems(checked, "datapackage")]
    for rel, table in schema_refs(descriptor).items():
        if own and is_own_schema(root, rel, table):
            continue
        schema = read_schema(root, rel)
        if schema is not None:
            issues += [
                profile_issue(rel, p, table) for p in profile_problems(schema, "tableschema")
            ]
    return issues


def own_inline(resource: Any, partitioned: frozenset[str]) -> Any:
    """``resource`` without its inline ``schema`` when that is dateline's own for its table
    (:func:`~dateline.package.parquet.reader_schema`, ``partitioned``: the tables whose Parquet
    resource has several files): what the profile checks of the rest of a resource does not
    depend on that value (no keyword of the resource profile reads it)."""
    if not isinstance(resource, dict) or not isinstance(resource.get("schema"), dict):
        return resource
    table = str(resource.get("name")).removesuffix(PARQUET_SUFFIX)
    if table not in TABLES or resource["schema"] != reader_schema(load(table), partitioned):
        return resource
    return {k: v for k, v in resource.items() if k != "schema"}


def is_own_schema(root: Path, rel: str, table: str | None) -> bool:
    """Whether the file ``rel`` of the package holds dateline's own schema of ``table``."""
    path, _ = inside(root, rel)
    if table not in TABLES or path is None or not path.is_file() or path.is_symlink():
        return False
    try:
        return path.read_bytes() == schema_path(table).read_bytes()
    except OSError:
        return False


#: What :func:`source_text` writes with: ``json.dumps`` with these options, without making an
#: encoder for each of a package's thousands of entries.
CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)


def source_text(source: Any) -> str:
    """One entry of a descriptor's ``sources`` as canonical JSON."""
    return CANONICAL.encode(source)
