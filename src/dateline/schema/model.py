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
    example: Any
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    delimiter: str = "|"  # list fields only: the schema must declare it (checked on load)


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
    source: str  # the schema file's text, stored in Parquet metadata

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
    _no_unknown(raw, SCHEMA_KEYS, where)
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
    return TableSchema(
        name=raw["name"],
        title=raw.get("title", raw["name"]),
        description=raw.get("description", ""),
        fields=fields,
        primary_key=pk,
        unique_keys=uks,
        foreign_keys=fks,
        source=text,
    )


def _field(raw: dict[str, Any], where: str) -> Field:
    _no_unknown(raw, FIELD_KEYS, where)
    if raw.get("type") not in FIELD_TYPES:
        raise SchemaError(f"{where}: type {raw.get('type')!r} is not one of {sorted(FIELD_TYPES)}")
    for key in ("description", "example"):
        if key not in raw:
            raise SchemaError(f"{where}: every field needs a {key!r}")
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
    )


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
    unknown = {k for k in raw if k not in allowed and ":" not in k}
    if unknown:
        raise SchemaError(
            f"{where}: unsupported propert(ies) {sorted(unknown)}; dateline cannot enforce them"
        )
