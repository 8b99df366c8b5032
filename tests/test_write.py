"""The writing layer: typed frames, CSV, Parquet and datapackage.json."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.errors import BuildError
from dateline.schema import TABLES, load
from dateline.schema.arrow import to_arrow_schema
from dateline.schema.polars import polars_schema
from dateline.tables import to_frame
from dateline.validate import validate_package
from dateline.validate.frames import read_csv, read_parquet
from fixtures.fresh import imports_pandas
from fixtures.minipkg import build, rows


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    return build(tmp_path / "pkg")


def test_to_frame_types_orders_and_sorts() -> None:
    actors = rows()["actors"][::-1]
    frame = to_frame("actors", actors)
    assert frame.schema == polars_schema(load("actors"))
    assert frame["actor_id"].to_list() == ["sean-parnell", "usa-military", "usa-pentagon"]
    assert frame["wikidata_id"].to_list() == [None, None, None]
    assert frame["aliases"].to_list() == [["Parnell"], None, None]


def test_to_frame_normalises_empty_to_null() -> None:
    actor = rows()["actors"][0] | {"role": "", "aliases": []}
    frame = to_frame("actors", [actor])
    assert frame["role"][0] is None and frame["aliases"][0] is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("mention_count", "3"),
        ("mention_count", True),
        ("is_anonymous", 1),
        ("aliases", "Parnell"),
        ("aliases", ["a|b"]),
        ("name", 7),
    ],
)
def test_to_frame_wrong_type_names_table_row_field(field: str, value: object) -> None:
    bad = rows()["actors"]
    bad[1] = bad[1] | {field: value}
    with pytest.raises(BuildError) as err:
        to_frame("actors", bad)
    assert "actors row 2" in str(err.value) and field in str(err.value)


def test_to_frame_rejects_bad_dates_and_unknown_fields() -> None:
    doc = rows()["documents"][0]
    with pytest.raises(BuildError, match="documents row 1, field published"):
        to_frame("documents", [doc | {"published": "2025-10-01"}])
    with pytest.raises(BuildError, match="unknown field"):
        to_frame("documents", [doc | {"pubished": dt.date(2025, 10, 1)}])


def test_files_and_descriptor(pkg: Path) -> None:
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert "created" not in desc
    names = [r["name"] for r in desc["resources"]]
    assert names == [n for t in TABLES for n in (t, f"{t}-parquet")]
    for res in desc["resources"]:
        data = (pkg / res["path"]).read_bytes()
        table, parquet = res["name"].removesuffix("-parquet"), res["name"].endswith("-parquet")
        assert res["path"] == (
            f"data/parquet/{table}.parquet" if parquet else f"data/csv/{table}.csv"
        )
        # stock frictionless cannot count Parquet bytes: their size is dateline's own property
        assert res["dateline:bytes" if parquet else "bytes"] == len(data)
        assert ("bytes" in res) is not parquet
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        ref = f"schemas/{table}.schema.json"
        assert res["dateline:schema" if parquet else "schema"] == ref
        assert res["type"] == "table"
    csv_res = desc["resources"][0]
    assert csv_res["dialect"]["lineTerminator"] == "\n"
    assert "no formula guard" in csv_res["description"]
    assert desc["dateline:spreadsheetSafety"]["rule"] == "no-formula-like-text"
    for table in TABLES:
        copy = (pkg / "schemas" / f"{table}.schema.json").read_bytes()
        assert copy == load(table).source.encode("utf-8")


def test_csv_format(pkg: Path) -> None:
    raw = (pkg / "data" / "csv" / "actors.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    lines = raw.decode().split("\n")
    assert lines[0].startswith("actor_id,name,actor_type")
    assert lines[1].startswith("sean-parnell,Sean Parnell,person,GOV,USA,Pentagon spokesman,")
    assert ",false," in lines[1]
    loc = (pkg / "data" / "csv" / "locations.csv").read_text()
    assert "33.34058,44.40088" in loc and "BAGHDAD|Bagdad" in loc


def test_parquet_file(pkg: Path) -> None:
    path = pkg / "data" / "parquet" / "events.parquet"
    meta = pq.read_metadata(path)
    assert b"pandas" not in (meta.metadata or {})
    assert meta.format_version == "2.6"
    assert meta.row_group(0).column(0).compression == "ZSTD"
    assert meta.row_group(0).column(0).statistics is not None
    schema = to_arrow_schema(load("events"))
    assert pq.read_schema(path).equals(schema, check_metadata=True)
    frame = pl.read_parquet(path)
    assert frame["date_start"].dtype == pl.Date


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    a, b = build(tmp_path / "a"), build(tmp_path / "b")
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert len(files) == 12 + 6 + 1 + 1 + 1  # tables, schemas, descriptor, seed, DuckDB views
    for rel in files:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_text_is_written_as_it_is(tmp_path: Path) -> None:
    """No formula guard: the CSV holds exactly the Parquet file's text (a leading apostrophe,
    sign or at-sign included), and what is not formula-like passes validation."""
    data = rows()
    data["actors"][1] |= {"role": "'quoted", "aliases": ["-5 degrees", "@handle", "+1 555 0100"]}
    root = build(tmp_path / "pkg", data)
    text = (root / "data" / "csv" / "actors.csv").read_text()
    assert ",'quoted," in text and "-5 degrees|@handle|+1 555 0100" in text
    schema = load("actors")
    csv_data, issues = read_csv(root / "data" / "csv" / "actors.csv", schema, "x")
    pq_data, pq_issues = read_parquet(root / "data" / "parquet" / "actors.parquet", schema, "x")
    assert not issues and not pq_issues and pq_data is not None
    assert csv_data.frame.equals(pq_data.frame)
    assert csv_data.frame["role"][1] == "'quoted"
    assert validate_package(root).valid


def test_required_columns_are_required_in_parquet(pkg: Path) -> None:
    for table in TABLES:
        schema = load(table)
        physical = pq.ParquetFile(pkg / "data" / "parquet" / f"{table}.parquet").schema
        for index, field in enumerate(schema.fields):
            # REQUIRED columns have no definition levels (flat columns; lists are optional)
            assert (physical.column(index).max_definition_level == 0) is field.required, field.name


def test_frictionless_cli_validates_each_csv_resource(pkg: Path) -> None:
    for table in TABLES:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "frictionless",
                "validate",
                "datapackage.json",
                "--resource-name",
                table,
                "--json",
            ],
            cwd=pkg,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        assert json.loads(done.stdout)["valid"]


def test_write_package_refuses_bad_frames(tmp_path: Path) -> None:
    from dateline.write import write_package
    from fixtures.minipkg import META

    frames = {t: to_frame(t, r) for t, r in rows().items()}
    with pytest.raises(BuildError, match="missing"):
        write_package({k: v for k, v in frames.items() if k != "mentions"}, tmp_path, metadata=META)
    frames["actors"] = frames["actors"].drop("role")
    with pytest.raises(BuildError, match="actors"):
        write_package(frames, tmp_path, metadata=META)


def test_stock_frictionless_says_the_whole_package_is_valid(pkg: Path) -> None:
    """`frictionless validate datapackage.json`, Parquet resources included (issue 11)."""
    done = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "datapackage.json", "--json"],
        cwd=pkg,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["valid"]
    assert sorted(t["name"] for t in report["tasks"]) == sorted(
        n for t in TABLES for n in (t, f"{t}-parquet")
    )


def test_frictionless_describe_of_a_parquet_list_column_is_its_bug(pkg: Path) -> None:
    """frictionless-py#1637: its type detection compares a list cell (a numpy array) with the
    missing values and crashes; README says so. When this fails, frictionless fixed it."""
    from frictionless import Resource

    with pytest.raises(ValueError, match="truth value of an array"):
        Resource(str(pkg / "data" / "parquet" / "locations.parquet")).infer()  # two aliases


def test_duckdb_views_carry_every_description(pkg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    duckdb = pytest.importorskip("duckdb")
    monkeypatch.chdir(pkg)
    con = duckdb.connect()
    con.execute((pkg / "data" / "duckdb" / "views.sql").read_text(encoding="utf-8"))
    for table in TABLES:
        schema = load(table)
        got = con.sql(
            "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = ? "
            "ORDER BY column_index",
            params=[table],
        ).fetchall()
        assert got == [(f.name, f.description) for f in schema.fields]
        (view,) = con.sql(
            "SELECT comment FROM duckdb_views() WHERE view_name = ?", params=[table]
        ).fetchall()
        assert view == (schema.description,)
        count = con.sql(f"SELECT count(*) FROM {table}").fetchall()
        rows = pq.read_metadata(pkg / "data" / "parquet" / f"{table}.parquet").num_rows
        assert count == [(rows,)]


def test_edited_duckdb_views_are_reported(pkg: Path) -> None:
    path = pkg / "data" / "duckdb" / "views.sql"
    path.write_text(path.read_text(encoding="utf-8").replace("Kind of actor.", "x"), "utf-8")
    (issue,) = validate_package(pkg).issues
    assert issue.code == "duckdb-views" and issue.file == "data/duckdb/views.sql"


def test_readers_see_only_parquet_in_the_parquet_folder(pkg: Path) -> None:
    import pyarrow.dataset as ds

    folder = ds.dataset(pkg / "data" / "parquet", format="parquet")
    assert sorted(Path(f).name for f in folder.files) == sorted(f"{t}.parquet" for t in TABLES)
    events = ds.dataset(pkg / "data" / "parquet" / "events.parquet").to_table()
    assert events.schema.equals(to_arrow_schema(load("events")), check_metadata=True)
    assert sorted(p.name for p in (pkg / "data" / "csv").iterdir()) == sorted(
        f"{t}.csv" for t in TABLES
    )


def test_writing_parquet_files_does_not_import_pandas() -> None:
    """``pa.array`` on a list asks pandas whether the list is array-like (importing it: about
    0.45 s of CPU); the writer builds its enum dictionaries without it."""
    code = (
        "import polars as pl\n"
        "from dateline.schema import TABLES, load\n"
        "from dateline.schema.polars import polars_schema\n"
        "from dateline.write.parquet import parquet_bytes\n"
        "for t in TABLES:\n"
        "    frame = pl.DataFrame(schema=polars_schema(load(t)))\n"
        "    assert parquet_bytes(frame, load(t))\n"
    )
    assert not imports_pandas(code)


JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(codec="utf-8"), max_size=8)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=4), inner, max_size=4)
        | st.dictionaries(st.integers() | st.booleans() | st.none(), inner, max_size=2)
        | st.lists(
            st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=3), max_size=3
        )
    ),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(JSON_VALUES)
def test_indented_json_text_is_what_json_dumps_writes(value: object) -> None:
    from dateline.write.jsontext import indented

    assert indented(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_the_descriptor_text_is_what_json_dumps_writes(tmp_path: Path) -> None:
    from dateline.write.package import descriptor_bytes

    desc = json.loads((build(tmp_path / "pkg") / "datapackage.json").read_text(encoding="utf-8"))
    desc["sources"] += [{"title": 'a "quoted"\ttitle é', "path": "seeds/x.txt"}, {}]
    assert (
        descriptor_bytes(desc) == (json.dumps(desc, indent=2, ensure_ascii=False) + "\n").encode()
    )
