"""The field-type table is the only type mapping, and a list field's delimiter is honoured."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from dateline.errors import SchemaError
from dateline.schema import TABLES, TableSchema, load
from dateline.schema.model import FIELD_TYPES, parse, schema_path
from dateline.schema.types import TYPES
from dateline.tables import to_frame
from dateline.validate.frames import read_csv
from dateline.write.csv import csv_text


def test_every_schema_type_has_one_entry() -> None:
    assert set(TYPES) == FIELD_TYPES
    used = {f.type for t in TABLES for f in load(t).fields}
    assert used <= set(TYPES)


def actors_with(**changes: Any) -> TableSchema:
    raw = json.loads(schema_path("actors").read_text(encoding="utf-8"))
    raw = copy.deepcopy(raw)
    aliases = next(f for f in raw["fields"] if f["name"] == "aliases")
    for key, value in changes.items():
        if value is None:
            aliases.pop(key, None)
        else:
            aliases[key] = value
    return parse(raw, json.dumps(raw), "actors (test)")


ROW = {
    "actor_id": "isis",
    "name": "Islamic State",
    "actor_type": "armed_group",
    "is_anonymous": False,
    "aliases": ["ISIL", "ISIS"],
    "mention_count": 2,
    "method": "rule",
}


def test_declared_delimiter_is_written_and_read(tmp_path: Path) -> None:
    schema = actors_with(delimiter=";")
    frame = to_frame("actors", [ROW])
    text = csv_text(frame, schema)
    assert ",ISIL;ISIS," in text
    path = tmp_path / "actors.csv"
    path.write_text(text, encoding="utf-8", newline="")
    data, issues = read_csv(path, schema, "data/csv/actors.csv")
    assert issues == []
    assert data.frame.get_column("aliases").to_list() == [["ISIL", "ISIS"]]


def test_items_holding_the_declared_delimiter_are_refused() -> None:
    schema = actors_with(delimiter=";")
    kind = TYPES["list"]
    with pytest.raises(ValueError, match="separator ';'"):
        kind.convert(schema.field("aliases"), ["a;b"])
    assert kind.convert(schema.field("aliases"), ["a|b"]) == ["a|b"]


@pytest.mark.parametrize("delimiter", [",", '"', "\n", "", "ab", "x", 3, None])
def test_unwritable_delimiters_are_refused(delimiter: object) -> None:
    with pytest.raises(SchemaError, match="delimiter"):
        actors_with(delimiter=delimiter)


def test_delimiter_on_a_non_list_field_is_refused() -> None:
    raw = json.loads(schema_path("actors").read_text(encoding="utf-8"))
    raw["fields"][1]["delimiter"] = "|"
    with pytest.raises(SchemaError, match="list fields only"):
        parse(raw, json.dumps(raw), "actors (test)")


def test_round_trip_of_every_type(tmp_path: Path) -> None:
    row = {
        **ROW,
        "role": "=cmd",
        "aliases": ["+x", "y"],
    }
    frame = to_frame("actors", [row])
    schema = load("actors")
    path = tmp_path / "a.csv"
    path.write_text(csv_text(frame, schema), encoding="utf-8", newline="")
    data, issues = read_csv(path, schema, "a.csv")
    assert issues == []
    assert data.frame.equals(frame)
    assert TYPES["date"].write(schema.fields[0], dt.date(2025, 1, 2)) == "2025-01-02"
    assert TYPES["integer"].polars == pl.Int64()
