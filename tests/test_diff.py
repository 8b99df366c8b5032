"""``dateline diff``: rows by key, schema changes, the SemVer bump, folders and git revisions."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import polars as pl
import pytest

from dateline.diff import (
    DiffError,
    Package,
    bump_version,
    diff,
    diff_packages,
    diff_rows,
    diff_schema,
    format_markdown,
    format_text,
    read_package,
)
from fixtures.git import git, needs_git
from fixtures.minipkg import build, rows


@pytest.fixture
def old(tmp_path: Path) -> Path:
    return build(tmp_path / "old")


def changed_rows():
    data = rows()
    data["quotes"][0]["confidence"] = 0.5
    data["actors"].append({**data["actors"][1], "actor_id": "usa-army", "name": "U.S. Army"})
    data["mentions"].pop()
    return data


def test_same_package_is_no_change(old: Path):
    result = diff(str(old), str(old))
    assert result.bump == "none"
    assert "no changes" in format_text(result)


def test_rows_added_removed_changed(old: Path, tmp_path: Path):
    new = build(tmp_path / "new", changed_rows())
    result = diff(str(old), str(new))
    tables = {t.table: t for t in result.tables}
    assert (tables["actors"].added, tables["actors"].examples["added"]) == (1, ["usa-army"])
    assert (tables["mentions"].removed, tables["mentions"].examples["removed"]) == (1, ["m-2"])
    assert (tables["quotes"].changed, tables["quotes"].changed_fields) == (1, {"confidence": 1})
    assert result.bump == "minor"
    assert result.schema == []
    text = format_text(result)
    assert (
        "actors: +1 added" in text
        and "quotes: +0 added, -0 removed, ~1 changed (confidence 1)" in text
    )
    assert "| quotes | 0 | 0 | 1 | confidence (1) |" in format_markdown(result)
    assert json.loads(json.dumps(result.to_json()))["bump"] == "minor"


def test_changed_values_only_is_patch(old: Path, tmp_path: Path):
    data = rows()
    data["locations"][0]["latitude"] = 33.3
    data["actors"][0]["aliases"] = ["Parnell", "Sean"]
    result = diff(str(old), str(build(tmp_path / "new", data)))
    assert result.bump == "patch"
    changed = {t.table: t.changed_fields for t in result.tables if t.changed}
    assert changed == {"locations": {"latitude": 1}, "actors": {"aliases": 1}}
    assert result.suggested_version == "0.1.1"


def frame(**cols) -> pl.DataFrame:
    return pl.DataFrame(cols)


def test_diff_rows_with_nulls_and_lists():
    a = frame(id=["a", "b", "c"], x=[1, None, 3], l=[["p"], None, ["q"]])
    b = frame(id=["a", "b", "d"], x=[1, 2, 4], l=[["p", "r"], None, None])
    d = diff_rows("t", a, b, ["id"])
    assert (d.added, d.removed, d.changed, d.changed_fields) == (1, 1, 2, {"x": 1, "l": 1})


SCHEMA = {
    "fields": [
        {"name": "id", "type": "string", "description": "key", "constraints": {"required": True}},
        {"name": "n", "type": "integer", "description": "count", "constraints": {"minimum": 0}},
        {
            "name": "kind",
            "type": "string",
            "description": "kind",
            "constraints": {"enum": ["a", "b"]},
        },
    ],
    "primaryKey": ["id"],
}


def edited(change) -> dict:
    s = copy.deepcopy(SCHEMA)
    change(s)
    return s


@pytest.mark.parametrize(
    ("change", "kind", "bump"),
    [
        (lambda s: s["fields"].pop(1), "field_removed", "major"),
        (lambda s: s["fields"][1].update(name="count"), "field_renamed", "major"),
        (lambda s: s["fields"][1].update(type="number"), "field_retyped", "major"),
        (
            lambda s: s["fields"][1]["constraints"].update(minimum=1),
            "constraint_tightened",
            "major",
        ),
        (
            lambda s: s["fields"][2]["constraints"].update(enum=["a"]),
            "constraint_tightened",
            "major",
        ),
        (
            lambda s: s["fields"][2]["constraints"].update(enum=["a", "b", "c"]),
            "constraint_loosened",
            "minor",
        ),
        (lambda s: s["fields"][1].update(constraints={}), "constraint_loosened", "minor"),
        (
            lambda s: s["fields"][1]["constraints"].update(required=True),
            "constraint_tightened",
            "major",
        ),
        (
            lambda s: s["fields"].append({"name": "z", "type": "date", "description": "new"}),
            "field_added",
            "minor",
        ),
        (lambda s: s["fields"].reverse(), "fields_reordered", "major"),
        (lambda s: s.update(primaryKey=["id", "n"]), "primary_key_changed", "major"),
        (lambda s: s["fields"][0].update(description="the key"), "field_documented", "patch"),
    ],
)
def test_schema_changes_and_their_bump(change, kind: str, bump: str):
    changes = diff_schema("t", SCHEMA, edited(change))
    assert [(c.kind, c.bump) for c in changes][:1] == [(kind, bump)]


def test_tables_added_and_removed():
    one = pl.DataFrame({"id": ["a"]})
    old = Package("1.0.0", {"a": SCHEMA}, {"a": one})
    new = Package("1.1.0", {"b": SCHEMA}, {"b": one})
    result = diff_packages(old, new)
    assert {(c.table, c.kind) for c in result.schema} == {
        ("a", "table_removed"),
        ("b", "table_added"),
    }
    assert (result.bump, result.suggested_version, result.version_ok) == ("major", "2.0.0", False)
    assert "below the suggested 2.0.0" in format_text(result)


def test_bump_version():
    assert [bump_version("1.4.2", b) for b in ("major", "minor", "patch", "none")] == [
        "2.0.0",
        "1.5.0",
        "1.4.3",
        "1.4.2",
    ]
    assert bump_version("x", "major") is None


@pytest.mark.parametrize(
    "path", ["../outside.parquet", "/etc/passwd", "https://example.org/x.parquet"]
)
def test_resource_paths_outside_the_package_are_refused(old: Path, path: str):
    desc = json.loads((old / "datapackage.json").read_text())
    parquet = next(r for r in desc["resources"] if r["path"].endswith(".parquet"))
    parquet["path"] = path if path.endswith(".parquet") else path + ".parquet"
    (old / "datapackage.json").write_text(json.dumps(desc))
    with pytest.raises(DiffError, match="outside the package"):
        read_package(old)


def test_bad_sides_are_clear_errors(tmp_path: Path, old: Path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(DiffError, match=r"no datapackage\.json"):
        diff(str(tmp_path / "empty"), str(old))
    (tmp_path / "empty" / "datapackage.json").write_text("{not json")
    with pytest.raises(DiffError, match=r"cannot read datapackage\.json"):
        diff(str(tmp_path / "empty"), str(old))


@needs_git
def test_git_revisions(tmp_path: Path):
    repo = tmp_path / "repo"
    build(repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "one")
    build(repo, changed_rows())
    git(repo, "commit", "-qam", "two")
    result = diff("HEAD~1", "HEAD", repo)
    assert result.bump == "minor"
    assert diff("HEAD~1", str(repo), repo).bump == "minor"
    with pytest.raises(DiffError, match="git rev-parse"):
        diff("no-such-branch", "HEAD", repo)


def flat_layout(root: Path) -> Path:
    """``root`` moved back to the layout before 1.0: every file of every format in ``data/``."""
    path = root / "datapackage.json"
    desc = json.loads(path.read_text())
    for res in desc["resources"]:
        flat = "data/" + res["path"].rsplit("/", 1)[1]
        (root / res["path"]).rename(root / flat)
        res["path"] = flat
        if "dateline:schema" in res:  # the Parquet resource named its Table Schema by path
            res["schema"] = res.pop("dateline:schema")
    path.write_text(json.dumps(desc))
    return root


def test_moved_files_are_a_major_change(tmp_path: Path):
    old = flat_layout(build(tmp_path / "old"))
    new = build(tmp_path / "new")
    result = diff(str(old), str(new))
    moved = {c.detail for c in result.layout if c.kind == "file_moved"}
    assert "events: data/events.csv moved to data/csv/events.csv" in moved
    assert "events-parquet: data/events.parquet moved to data/parquet/events.parquet" in moved
    assert len(moved) == 12 and all(c.bump == "major" for c in result.layout)
    assert result.schema == []  # the same Table Schemas, read from each side's own layout
    assert all(t.bump == "none" for t in result.tables)
    assert (result.bump, result.suggested_version) == ("major", "1.0.0")
    assert "layout events: events: data/events.csv moved to data/csv/events.csv [major]" in (
        format_text(result)
    )
    assert json.loads(json.dumps(result.to_json()))["layout"][0]["bump"] == "major"


def test_self_reference_written_either_way_is_no_change():
    old = {
        "fields": [],
        "foreignKeys": [{"fields": ["a"], "reference": {"resource": "", "fields": ["b"]}}],
    }
    new = {"fields": [], "foreignKeys": [{"fields": ["a"], "reference": {"fields": ["b"]}}]}
    assert diff_schema("t", old, new) == []
