"""What ``datapackage.json`` says about the whole dataset: title, version, licences, sources.

Defaults live here; ``package.yaml`` next to ``seeds/`` overrides them (the dataset's version
above all, which ``dateline diff`` tells a maintainer when to bump).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from dateline.article import MAX_NESTING, Article, bracket_depth, read_file
from dateline.errors import DatelineError, SeedError
from dateline.gazetteer import attribution
from dateline.package.layout import PARTITION_ROWS
from dateline.provenance import SOURCE_DEFAULT_KEYS, source_entry, with_defaults
from dateline.write.package import PackageMeta

DATASET_VERSION = "0.1.0"  # default SemVer of the data package
SETTINGS_FILE = "package.yaml"
MAX_SETTINGS_BYTES = 1_000_000
SETTINGS_KEYS = (
    "version",
    "title",
    "description",
    "id",
    "homepage",
    "licenses",
    "contributors",
    "source_defaults",
    "partition_rows",
)
URL = re.compile(r"^https?://\S+$")
SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
TITLE = "dateline: events, actors, locations and quotes from news articles"
DESCRIPTION = (
    "Who did what to whom, when and where, and who said what, extracted from news articles. "
    "Every row carries code-point offsets into its article's body (documents.text_sha256) and "
    "the exact text it was read from. Events are coded to PLOVER with CAMEO roots; dates are "
    "intervals with a precision and the raw phrase; quotes are typed direct, partial or indirect; "
    "anonymous sources are flagged with the reason the article gives."
)
DATA_LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 (the extracted data; "
    "article texts keep their own licences)",
}
CONTRIBUTORS = [{"title": "dateline developers", "roles": ["creator", "dataCurator"]}]


def source(article: Article, settings: dict[str, Any] | None = None) -> dict[str, Any]:
    """One ``sources`` entry per seed article: its publisher, URL and licence as its seed (or
    ``package.yaml``'s ``source_defaults``) gives them; an unknown licence says so."""
    return source_entry(with_defaults(article, (settings or {}).get("source_defaults")))


def load_settings(path: Path) -> dict[str, Any]:
    """``package.yaml`` overrides (empty when the file does not exist), checked."""
    if not path.exists():
        return {}
    try:
        text = read_file(path, limit=MAX_SETTINGS_BYTES).decode("utf-8")
        if bracket_depth(text) > MAX_NESTING:  # PyYAML takes seconds, then overflows the stack
            raise ValueError(f"brackets nest more than {MAX_NESTING} deep")
        raw = yaml.safe_load(text) or {}
    except DatelineError as exc:
        raise SeedError(f"cannot read package settings: {exc.message}", file=str(path)) from exc
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError, ValueError) as exc:
        raise SeedError(f"cannot read package settings: {exc}", file=str(path)) from exc
    if not isinstance(raw, dict):
        raise SeedError("package settings must be a mapping of 'key: value'", file=str(path))
    unknown = sorted(set(raw) - set(SETTINGS_KEYS))
    if unknown:
        raise SeedError(
            f"unknown key(s) {unknown}",
            file=str(path),
            hint=f"use only: {', '.join(SETTINGS_KEYS)}",
        )
    version = str(raw.get("version", DATASET_VERSION))
    if not SEMVER.fullmatch(version):
        raise SeedError(
            f"version {version!r} is not MAJOR.MINOR.PATCH",
            file=str(path),
            hint="write e.g. 'version: 0.2.0' (quote it if YAML reads it as a number)",
        )
    for key, problem in ((k, _setting_problem(k, raw[k])) for k in SETTINGS_KEYS if k in raw):
        if problem:
            raise SeedError(
                f"{key!r} {problem}",
                file=str(path),
                line=_line_of(path, key),
                hint=SETTINGS_HINTS[key],
            )
    return {**raw, "version": version}


SETTINGS_HINTS = {
    "version": "write e.g. 'version: 0.2.0'",
    "title": "write one line of text, e.g. 'title: Iraq drawdown coverage'",
    "description": "write text, e.g. 'description: Events from wire stories'",
    "licenses": "write a list of mappings, e.g.\nlicenses:\n  - name: CC-BY-4.0\n"
    "    path: https://creativecommons.org/licenses/by/4.0/",
    "contributors": "write a list of mappings, e.g.\ncontributors:\n  - title: Jane Doe\n"
    "    roles: [creator]",
    "id": "write a globally unique identifier: a DOI, a URL or a UUID",
    "homepage": "write the dataset's web page, e.g. 'homepage: https://example.org/dateline'",
    "source_defaults": "write a mapping, e.g.\nsource_defaults:\n  publisher: Wikinews\n"
    "  license: CC-BY-2.5",
    "partition_rows": f"write a whole number of rows, e.g. 'partition_rows: {PARTITION_ROWS}' "
    "(the default): a larger table's Parquet is written as hive partitions",
}


def _setting_problem(key: str, value: Any) -> str | None:
    """Why ``value`` cannot be the ``package.yaml`` setting ``key`` (None when it can)."""
    if key in ("title", "description", "id"):
        return None if isinstance(value, str) and value.strip() else "must be non-empty text"
    if key == "partition_rows":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 1
        return None if ok else "must be a whole number of rows, at least 1"
    if key == "homepage":
        return None if isinstance(value, str) and URL.match(value) else "must be an http(s) URL"
    if key == "source_defaults":
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            return "must be a mapping of text"
        unknown = sorted(set(value) - set(SOURCE_DEFAULT_KEYS))
        if unknown:
            return f"has unknown key(s) {unknown}; use only: {', '.join(SOURCE_DEFAULT_KEYS)}"
    if key == "licenses":
        if not isinstance(value, list) or not value:
            return "must be a non-empty list of licences"
        for item in value:
            if not isinstance(item, dict) or not all(isinstance(v, str) for v in item.values()):
                return "items must be mappings of text (name, path, title)"
            if not (item.get("name") or item.get("path")):
                return "items need a 'name' or a 'path'"
    if key == "contributors":
        if not isinstance(value, list):
            return "must be a list of contributors"
        for item in value:
            if not isinstance(item, dict) or not isinstance(item.get("title"), str):
                return "items must be mappings with a 'title'"
            roles = item.get("roles", [])
            if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
                return "'roles' must be a list of words such as creator"
    return None


def _line_of(path: Path, key: str) -> int | None:
    """The line on which ``key:`` starts in the settings file (for messages)."""
    try:
        lines = read_file(path, limit=MAX_SETTINGS_BYTES).decode("utf-8").split("\n")
    except (DatelineError, UnicodeDecodeError):
        return None
    return next((i + 1 for i, s in enumerate(lines) if s.startswith(f"{key}:")), None)


def partition_rows(settings: dict[str, Any] | None = None) -> int:
    """Above how many rows a table's Parquet is written as hive partitions (``package.yaml``
    ``partition_rows``, else :data:`~dateline.package.layout.PARTITION_ROWS`)."""
    return int((settings or {}).get("partition_rows", PARTITION_ROWS))


def package_meta(
    articles: Sequence[Article], settings: dict[str, Any] | None = None
) -> PackageMeta:
    """The package metadata: defaults, overridden by ``package.yaml`` settings."""
    given = settings or {}
    return PackageMeta(
        title=given.get("title", TITLE),
        version=given.get("version", DATASET_VERSION),
        description=given.get("description", DESCRIPTION),
        licenses=[*given.get("licenses", [DATA_LICENSE]), *attribution()],
        sources=[source(a, given) for a in sorted(articles, key=lambda a: a.doc_id)],
        contributors=given.get("contributors", CONTRIBUTORS),
        id=given.get("id"),
        homepage=given.get("homepage"),
    )
