"""schemas/*.schema.json is the single source: the Arrow, polars and pandera forms follow it."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from dateline.errors import SchemaError
from dateline.schema import TABLES, load, load_all
from dateline.schema.arrow import arrow_type, to_arrow_schema
from dateline.schema.model import parse, schema_path
from dateline.schema.pandera import to_pandera
from dateline.schema.polars import polars_schema


@pytest.mark.parametrize("table", TABLES)
def test_every_field_is_documented(table: str):
    raw = json.loads(schema_path(table).read_text(encoding="utf-8"))
    for field in raw["fields"]:
        assert field["description"].strip(), field["name"]
        assert "example" in field, field["name"]
    assert raw["primaryKey"]


@pytest.mark.parametrize("table", TABLES)
def test_derived_forms_match_the_fields(table: str):
    t = load(table)
    arrow = to_arrow_schema(t)
    assert arrow.names == t.field_names
    assert list(polars_schema(t)) == t.field_names
    assert list(to_pandera(t).columns) == t.field_names
    for f in t.fields:
        af = arrow.field(f.name)
        assert af.nullable is (not f.required)
        assert af.metadata[b"description"].decode() == f.description
        if f.enum:
            assert pa.types.is_dictionary(af.type)
            assert set(to_pandera(t).columns[f.name].checks[0].statistics["allowed_values"]) == set(
                f.enum
            )
    # The Parquet file carries the Table Schema without dateline's build annotations.
    embedded = json.loads(arrow.metadata[b"frictionless:schema"])
    assert embedded == t.published
    assert not any(k.startswith("dateline:") for f in embedded["fields"] for k in f)
    source = json.loads(t.source)
    assert {k: v for k, v in source.items() if k not in ("fields", "dateline:scope")} == {
        k: v for k, v in embedded.items() if k != "fields"
    }


@pytest.mark.parametrize("table", TABLES)
def test_pandera_types_and_checks_follow_the_json(table: str):
    """Every constraint of the JSON becomes a pandera check, every type the polars dtype, and
    the Arrow type reads back as that same polars dtype."""
    import polars as pl

    t = load(table)
    columns = to_pandera(t).columns
    empty = pl.from_arrow(to_arrow_schema(t).empty_table())
    for f in t.fields:
        col = columns[f.name]
        assert col.dtype.type == polars_schema(t)[f.name], f.name
        assert empty.schema[f.name] in (polars_schema(t)[f.name], pl.Categorical), f.name
        wanted = {
            "isin": bool(f.enum),
            "str_matches": bool(f.pattern),
            "greater_than_or_equal_to": f.minimum is not None,
            "less_than_or_equal_to": f.maximum is not None,
            "str_length": f.min_length is not None or f.max_length is not None,
        }
        names = {c.name for c in col.checks}
        assert {n for n, on in wanted.items() if on} == names, (f.name, names)
        assert col.nullable is (not f.required)
    assert to_pandera(t).unique == list(t.primary_key)


def test_foreign_keys_point_at_existing_tables_and_fields():
    tables = load_all()
    for t in tables.values():
        for fk in t.foreign_keys:
            target = tables[fk.reference_table]
            assert set(fk.reference_fields) <= set(target.field_names)
            assert TABLES.index(fk.reference_table) <= TABLES.index(t.name)


def test_types_are_mapped_explicitly():
    t = load("events")
    assert arrow_type(t.field("date_start")) == pa.date32()
    assert arrow_type(load("actors").field("aliases")).value_type == pa.string()


def test_dateline_properties_are_read() -> None:
    quotes = load("quotes")
    assert quotes.spans == (
        ("text", "char_start", "char_end"),
        ("speaker_text", "speaker_start", "speaker_end"),
    )
    assert quotes.match_field == "text" and quotes.scope == "document"
    assert load("actors").scope == "dataset"
    assert "wikidata_id" in load("actors").settable_fields


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"dateline:span": ["char_start", "nope"]}, "not an integer field"),
        ({"dateline:span": "char_start"}, "list of two field names"),
        ({"dateline:match": "yes"}, "true or false"),
        ({"dateline:frobnicate": 1}, "frobnicate"),
    ],
)
def test_bad_dateline_properties_are_refused(change: dict[str, object], message: str) -> None:
    raw = json.loads(schema_path("quotes").read_text(encoding="utf-8"))
    text_field = next(f for f in raw["fields"] if f["name"] == "text")
    text_field.update(change)
    with pytest.raises(SchemaError, match=message):
        parse(raw, json.dumps(raw), "quotes (test)")


def test_scope_is_required_and_other_namespaces_are_left_alone() -> None:
    raw = json.loads(schema_path("quotes").read_text(encoding="utf-8"))
    raw["other:thing"] = 1
    parse(raw, json.dumps(raw), "quotes (test)")
    del raw["dateline:scope"]
    with pytest.raises(SchemaError, match="scope"):
        parse(raw, json.dumps(raw), "quotes (test)")


def test_unknown_properties_are_refused():
    raw = {
        "name": "x",
        "fields": [
            {
                "name": "a",
                "type": "string",
                "description": "d",
                "example": "e",
                "constraints": {"frobnicate": 1},
            }
        ],
    }
    with pytest.raises(SchemaError, match="frobnicate"):
        parse(raw, "{}", "x.schema.json")


def test_field_without_description_is_refused():
    raw = {"name": "x", "fields": [{"name": "a", "type": "string", "example": "e"}]}
    with pytest.raises(SchemaError, match="description"):
        parse(raw, "{}", "x.schema.json")
