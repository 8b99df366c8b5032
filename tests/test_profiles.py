"""The descriptor and every Table Schema pass the official Data Package v2 JSON Schema profiles
(vendored in ``src/dateline/package/profiles``), and ``validate`` says where they do not."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jsonschema
import pytest

from dateline.package.parquet import reader_schema
from dateline.package.profiles import profile, profile_path, profile_problems
from dateline.schema import TABLES, load, schema_path
from dateline.validate import validate_package
from dateline.validate.profiles import profile_issues
from fixtures.minipkg import build

# The published bytes (see profiles/README.md): a changed file is no longer the official profile.
SHA256 = {
    "datapackage": "a9ef0fc168b3402ae7aa7d22bbcb798e0db6b639e7ee15ff4aa177463cea7112",
    "tableschema": "591d2b6eb3dfe35057dfbcab572566c896bea3d94f28abc067b87dc3828f5298",
    "tabledialect": "54e884a84e499b9f63b2f04e8e8aa47f4f2257fdf94a71b9462f40ed19a1d3b3",
}
REPO = Path(__file__).parents[1]


@pytest.mark.parametrize("name", sorted(SHA256))
def test_vendored_profiles_are_the_published_bytes(name: str) -> None:
    assert hashlib.sha256(profile_path(name).read_bytes()).hexdigest() == SHA256[name]


@pytest.mark.parametrize("table", TABLES)
def test_every_table_schema_passes_the_profile(table: str) -> None:
    assert profile_problems(json.loads(schema_path(table).read_text()), "tableschema") == []


def test_built_and_committed_descriptors_pass_the_profile(tmp_path: Path) -> None:
    root = build(tmp_path / "pkg")
    for path in (root / "datapackage.json", REPO / "datapackage.json"):
        desc = json.loads(path.read_text(encoding="utf-8"))
        assert profile_problems(desc, "datapackage") == [], path
        dialects = [r["dialect"] for r in desc["resources"] if "dialect" in r]
        assert dialects and all(profile_problems(d, "tabledialect") == [] for d in dialects)


def test_the_2_0_profile_lacks_list_and_the_amendment_adds_only_that() -> None:
    """frictionlessdata/datapackage#1089: the published 2.0 profile rejects every ``list``
    field; the amended one accepts it and still rejects what the standard forbids."""
    official = json.loads(profile_path("tableschema").read_text(encoding="utf-8"))
    field = {"name": "aliases", "type": "list", "delimiter": "|", "itemType": "string"}
    schema = {"fields": [field]}
    assert not jsonschema.Draft7Validator(official).is_valid(schema)
    assert profile_problems(schema, "tableschema") == []
    bad = {"fields": [field | {"delimiter": 3, "example": ["a"]}]}
    assert profile_problems(bad, "tableschema") == [
        "fields/0/delimiter: 3 is not of type 'string'",
        "fields/0/example: ['a'] is not of type 'string'",
    ]
    kinds = profile("tableschema")["properties"]["fields"]["items"]["oneOf"]
    assert len(kinds) == len(official["properties"]["fields"]["items"]["oneOf"]) + 1


def test_validate_reports_what_the_profile_rejects(tmp_path: Path) -> None:
    root = build(tmp_path / "pkg")
    path = root / "schemas" / "actors.schema.json"
    raw = json.loads(path.read_text())
    raw["fields"][12]["example"] = 4  # mention_count: an example must be text (v2)
    path.write_text(json.dumps(raw))
    report = validate_package(root)
    (issue,) = [i for i in report.issues if i.code == "profile"]
    assert issue.file == "schemas/actors.schema.json" and issue.table == "actors"
    assert "fields/12/example: 4 is not of type 'string'" in issue.message
    assert any(i.code == "schema-drift" for i in report.issues)


@pytest.mark.parametrize("table", TABLES)
def test_every_inline_parquet_schema_passes_the_profile(table: str) -> None:
    """An incremental build leaves dateline's own inline schemas of the Parquet resources out
    of the profile check (``validate.profiles.own_inline``): each passes it, in every layout."""
    schema_of = profile("datapackage")["properties"]["resources"]["items"]["properties"]["schema"]
    validator = jsonschema.Draft7Validator(schema_of)
    for partitioned in (frozenset(), frozenset(TABLES), frozenset({table})):
        inline = reader_schema(load(table), partitioned)
        assert list(validator.iter_errors(inline)) == [], (table, sorted(partitioned))


def test_an_inline_schema_other_than_dateline_own_is_still_checked(tmp_path: Path) -> None:
    root = build(tmp_path / "pkg")
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    assert profile_issues(root, descriptor, own=True) == profile_issues(root, descriptor) == []
    res = next(r for r in descriptor["resources"] if r["name"] == "events-parquet")
    res["schema"]["fields"][0]["type"] = 5  # not a type the profile knows
    found = profile_issues(root, descriptor, own=True)
    assert found and found == profile_issues(root, descriptor)
    assert "resources/" in found[0].message and "/schema/fields/0" in found[0].message
