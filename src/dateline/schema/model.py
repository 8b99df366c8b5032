"""Load ``schemas/<table>.schema.json`` into frozen dataclasses; refuse what we cannot enforce."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from dateline.errors import SchemaError

# Dependency order: a table only references tables before it (or itself).
TABLES: tuple[str, ...] = ("locations", "documents", "actors", "quotes", "events", "mentions")

SCHEMA_DIR = Path(__file__).parent / "tables"

FIELD_TYPES = frozenset({"string", "integer", "number", "boolean", "date", "datetime", "list"})
FIELD_KEYS = frozenset(
    {
        "name",
        "type",
        "format",
        "title",
        "description",
        "example",
        "constraints",
        "delimiter",
        "itemType",
    }
)
# A list delimiter must be one character that the CSV dialect leaves alone.
FORBIDDEN_DELIMITERS = frozenset({",", '"', "'", "\n", "\r"})
LIST_ITEM_TYPES = frozenset({"string"})
# dateline's own properties (Frictionless allows namespaced custom properties):
NAMESPACE = "dateline:"
FIELD_EXTENSIONS = frozenset({"dateline:span", "dateline:match", "dateline:set"})
SCHEMA_EXTENSIONS = frozenset({"dateline:scope"})
SCOPES = ("document", "dataset")
CONSTRAINT_KEYS = frozenset(
    {"required", "unique", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength"}
)
SCHEMA_KEYS = frozenset(
    {
        "$schema",
        "name",
        "title",
        "description",
        "fields",
        "primaryKey",
        "uniqueKeys",
        "foreignKeys",
        "missingValues",
    }
)


@dataclass(frozen=True)
class Field:
    """One column of a table."""

    name: str
    type: str
    description: str
    example: str  # the value as written in the CSV
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    delimiter: str = "|"  # list fields only: the schema must declare it (checked on load)
    span: tuple[str, str] | None = None  # dateline:span, the offsets of this slice of the body
    match: bool = False  # dateline:match, the field a correction finds a row by
    settable: bool = False  # dateline:set, a set_actor / set_location correction may change it


@dataclass(frozen=True)
class ForeignKey:
    """``fields`` of this table reference ``reference_fields`` of ``reference_table``."""

    fields: tuple[str, ...]
    reference_table: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class TableSchema:
    """A table: its fields, keys and the JSON it was loaded from."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    unique_keys: tuple[tuple[str, ...], ...]
    foreign_keys: tuple[ForeignKey, ...]
    source: str  # the schema file's text
    scope: str = "document"  # dateline:scope: rows per document, or merged over the dataset

    @property
    def published(self) -> dict[str, Any]:
        """The Table Schema without dateline's build annotations (stored in Parquet metadata)."""
        raw = _without_extensions(json.loads(self.source))
        raw["fields"] = [_without_extensions(f) for f in raw["fields"]]
        return raw

    @property
    def spans(self) -> tuple[tuple[str, str, str], ...]:
        """``(text, start, end)`` per text field that is a slice of its article's body."""
        return tuple((f.name, *f.span) for f in self.fields if f.span is not None)

    @property
    def match_field(self) -> str | None:
        """The field a correction names a row by (``dateline:match``), if any."""
        return next((f.name for f in self.fields if f.match), None)

    @property
    def settable_fields(self) -> tuple[str, ...]:
        """The fields a correction may set (``dateline:set``), in schema order."""
        return tuple(f.name for f in self.fields if f.settable)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


def schema_path(table: str) -> Path:
    """Where the schema of ``table`` lives."""
    return SCHEMA_DIR / f"{table}.schema.json"


@cache
def load(table: str) -> TableSchema:
    """Load and check one table schema."""
    if table not in TABLES:
        raise SchemaError(f"unknown table {table!r}; the tables are {', '.join(TABLES)}")
    path = schema_path(table)
    text = path.read_text(encoding="utf-8")
    return parse(json.loads(text), text, str(path))


def load_all() -> dict[str, TableSchema]:
    """All table schemas, in dependency order."""
    return {t: load(t) for t in TABLES}


def enum(table: str, field: str) -> tuple[str, ...]:
    """The allowed values of ``table.field`` (its ``constraints.enum``), in schema order."""
    values = load(table).field(field).enum
    if values is None:
        raise SchemaError(f"{table}.{field} has no enum in {schema_path(table)}")
    return values


def primary_key(table: str) -> str:
    """The one-column primary key of ``table``."""
    key = load(table).primary_key
    if len(key) != 1:
        raise SchemaError(f"{table} has a primary key of {len(key)} columns; one is expected")
    return key[0]


def references_to(table: str) -> tuple[tuple[str, str], ...]:
    """Every one-column foreign key that points at ``table``: ``(table, column)`` pairs."""
    return tuple(
        (other, fk.fields[0])
        for other in TABLES
        for fk in load(other).foreign_keys
        if fk.reference_table == table and len(fk.fields) == 1
    )


def parse(raw: dict[str, Any], text: str, where: str) -> TableSchema:
    """Turn a Table Schema descriptor into a :class:`TableSchema`."""
    _no_unknown(raw, SCHEMA_KEYS | SCHEMA_EXTENSIONS, where)
    fields = tuple(_field(f, f"{where}: field {f.get('name')!r}") for f in raw["fields"])
    names = {f.name for f in fields}
    pk = tuple(raw.get("primaryKey", ()))
    uks = tuple(tuple(k) for k in raw.get("uniqueKeys", ()))
    fks = tuple(
        ForeignKey(
            fields=tuple(fk["fields"]),
            reference_table=fk["reference"].get("resource") or raw["name"],
            reference_fields=tuple(fk["reference"]["fields"]),
        )
        for fk in raw.get("foreignKeys", ())
    )
    for key in (pk, *uks, *(fk.fields for fk in fks)):
        missing = set(key) - names
        if missing:
            raise SchemaError(f"{where}: key names unknown field(s) {sorted(missing)}")
    _check_extensions(raw, fields, where)
    return TableSchema(
        name=raw["name"],
        title=raw.get("title", raw["name"]),
        description=raw.get("description", ""),
        fields=fields,
        primary_key=pk,
        unique_keys=uks,
        foreign_keys=fks,
        source=text,
        scope=raw["dateline:scope"],
    )


def _field(raw: dict[str, Any], where: str) -> Field:
    _no_unknown(raw, FIELD_KEYS | FIELD_EXTENSIONS, where)
    for flag in ("dateline:match", "dateline:set"):
        if not isinstance(raw.get(flag, False), bool):
            raise SchemaError(f"{where}: {flag!r} must be true or false")
    if "dateline:span" in raw and not (
        isinstance(raw["dateline:span"], list)
        and all(isinstance(n, str) for n in raw["dateline:span"])
    ):
        raise SchemaError(f"{where}: 'dateline:span' is a list of two field names")
    if raw.get("type") not in FIELD_TYPES:
        raise SchemaError(f"{where}: type {raw.get('type')!r} is not one of {sorted(FIELD_TYPES)}")
    for key in ("description", "example"):
        if key not in raw:
            raise SchemaError(f"{where}: every field needs a {key!r}")
    if not isinstance(raw["example"], str):  # Table Schema v2: the value as the CSV writes it
        raise SchemaError(
            f"{where}: 'example' must be a string, the value as written in the CSV "
            f"(e.g. {json.dumps(str(raw['example']).lower())})"
        )
    c = raw.get("constraints", {})
    _no_unknown(c, CONSTRAINT_KEYS, f"{where} constraints")
    if raw["type"] == "list":
        _check_list(raw, where)
    elif "delimiter" in raw or "itemType" in raw:
        raise SchemaError(f"{where}: 'delimiter' and 'itemType' are for list fields only")
    return Field(
        name=raw["name"],
        type=raw["type"],
        description=raw["description"],
        example=raw["example"],
        required=bool(c.get("required", False)),
        unique=bool(c.get("unique", False)),
        enum=tuple(c["enum"]) if "enum" in c else None,
        pattern=c.get("pattern"),
        minimum=c.get("minimum"),
        maximum=c.get("maximum"),
        min_length=c.get("minLength"),
        max_length=c.get("maxLength"),
        delimiter=raw.get("delimiter", "|"),
        span=tuple(raw["dateline:span"]) if "dateline:span" in raw else None,
        match=raw.get("dateline:match", False),
        settable=raw.get("dateline:set", False),
    )


def _without_extensions(raw: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in raw.items() if not k.startswith(NAMESPACE)}


def _check_extensions(raw: dict[str, Any], fields: tuple[Field, ...], where: str) -> None:
    """dateline's properties name real fields, and each is given the way the code reads it."""
    if raw.get("dateline:scope") not in SCOPES:
        raise SchemaError(
            f"{where}: 'dateline:scope' must be one of {list(SCOPES)}: are rows per document, "
            "or merged across the dataset?"
        )
    by_name = {f.name: f for f in fields}
    for f in fields:
        if f.span is not None:
            if f.type != "string" or len(f.span) != 2:
                raise SchemaError(
                    f"{where}: field {f.name!r}: 'dateline:span' is [start field, end field] "
                    "on a string field"
                )
            for name in f.span:
                if name not in by_name or by_name[name].type != "integer":
                    raise SchemaError(
                        f"{where}: field {f.name!r}: 'dateline:span' names {name!r}, "
                        "which is not an integer field of the table"
                    )
    matches = [f.name for f in fields if f.match]
    if len(matches) > 1:
        raise SchemaError(f"{where}: 'dateline:match' is on {matches}; put it on one field")


def _check_list(raw: dict[str, Any], where: str) -> None:
    """A list field declares its delimiter (Frictionless defaults to ',', the CSV delimiter)."""
    delimiter = raw.get("delimiter")
    if (
        not isinstance(delimiter, str)
        or len(delimiter) != 1
        or delimiter in FORBIDDEN_DELIMITERS
        or delimiter.isalnum()
    ):
        raise SchemaError(
            f"{where}: list delimiter {delimiter!r} cannot be written; declare one character "
            'that is not a letter, digit, comma, quote or line break, e.g. "|" or ";"'
        )
    if raw.get("itemType", "string") not in LIST_ITEM_TYPES:
        raise SchemaError(
            f"{where}: itemType {raw.get('itemType')!r} is not supported; "
            f"use one of {sorted(LIST_ITEM_TYPES)}"
        )


def _no_unknown(raw: dict[str, Any], allowed: frozenset[str], where: str) -> None:
    """Refuse properties we cannot enforce; other namespaces (``x:y``) are left alone."""
    unknown = {k for k in raw if k not in allowed and (":" not in k or k.startswith(NAMESPACE))}
    if unknown:
        raise SchemaError(
            f"{where}: unsupported propert(ies) {sorted(unknown)}; dateline cannot enforce them"
        )
