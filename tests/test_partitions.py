"""The layout for big data: above ``partition_rows`` rows, a table's Parquet is a hive-partitioned
dataset that DuckDB, polars and pyarrow read without options, with the same rows and types as
the single file; validate, read_table, diff, the views and releases read both layouts."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from dateline import read_table
from dateline.build import build
from dateline.check import table_of as check_table_of
from dateline.diff import diff
from dateline.engine import EngineOptions
from dateline.metadata import load_settings
from dateline.package.layout import (
    DUCKDB_VIEWS,
    PARTITION_KEY,
    bucket_count,
    doc_bucket,
    location,
    parquet_dir,
    parquet_glob,
    parquet_path,
    parquet_paths,
    table_of,
)
from dateline.release import release
from dateline.schema import TABLES, load
from dateline.validate import validate_package

ROOT = Path(__file__).parents[1]
SNIPPET = re.compile(r"<!-- partitions: python -->\n```python\n(.*?)```", re.DOTALL)
# Short wire stories written for these tests, one per document.
ARTICLES = {
    "oslo-talks": (
        "2026-03-03",
        "OSLO, Norway — Norway's foreign minister said on Tuesday that talks between the two "
        "delegations would resume in Geneva next month.\n\n"
        '"We expect a result before the summer," the minister told reporters.\n',
    ),
    "lima-port": (
        "2026-02-11",
        "LIMA, Peru — Dockworkers in Callao went on strike on Wednesday, halting exports of "
        "copper, union leaders said.\n\nPeru's government threatened to impose fines if the "
        "strike continued, according to a statement.\n",
    ),
    "nairobi-arrests": (
        "2026-01-20",
        "NAIROBI, Kenya — Kenyan police arrested 12 protesters outside parliament on Monday, a "
        'police spokesman said.\n\n"They were blocking the road," the spokesman said, adding '
        "that the protesters would be charged.\n",
    ),
    "hanoi-aid": (
        "2025-11-05",
        "HANOI, Vietnam — Japan pledged $40 million in flood aid to Vietnam on Wednesday, the "
        "Japanese embassy said.\n\nVietnam's deputy prime minister thanked Tokyo and said the "
        "money would rebuild bridges in Quang Ngai province.\n",
    ),
    "kyiv-drones": (
        "2025-12-14",
        "KYIV, Ukraine — Russia launched dozens of drones at Kyiv overnight, Ukrainian officials "
        "said on Sunday.\n\nThe mayor said air defenses shot down most of them, but debris "
        "damaged two apartment buildings.\n",
    ),
    "accra-deal": (
        "2026-04-22",
        "ACCRA, Ghana — Ghana and the International Monetary Fund agreed on Thursday to extend a "
        "loan program, the finance ministry said.\n\n"
        '"This agreement gives us room to breathe," the finance minister said in a statement.\n',
    ),
}
EXTRA = (
    "dakar-vote",
    "2026-05-02",
    "DAKAR, Senegal — Senegal's parliament approved a new budget on Friday, lawmakers said.\n\n"
    '"The vote was close," one lawmaker told reporters.\n',
)
SMALL = 4  # rows: every table with doc_id outgrows it


def seed(folder: Path, doc_id: str, date: str, body: str) -> None:
    (folder / f"{doc_id}.txt").write_text(f"date {date}\n{body}", encoding="utf-8")


def package(
    root: Path,
    partition_rows: int | None,
    *,
    order=sorted,
    extra: bool = False,
    options: EngineOptions | None = None,
) -> Path:
    """Build the articles in ``root`` (seeds written in ``order``) with ``partition_rows``."""
    (root / "seeds").mkdir(parents=True)
    for doc_id in order(ARTICLES):
        seed(root / "seeds", doc_id, *ARTICLES[doc_id])
    if extra:
        seed(root / "seeds", *EXTRA)
    settings = 'version: "1.0.0"\n'
    if partition_rows is not None:
        settings += f"partition_rows: {partition_rows}\n"
    (root / "package.yaml").write_text(settings, encoding="utf-8")
    build(root / "seeds", root, options=options)
    return root


def files(root: Path) -> dict[str, bytes]:
    data = (p for p in (root / "data").rglob("*") if p.is_file())
    out = {p.relative_to(root).as_posix(): p.read_bytes() for p in data}
    return out | {"datapackage.json": (root / "datapackage.json").read_bytes()}


@pytest.fixture(scope="module")
def single(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return package(tmp_path_factory.mktemp("single"), None)


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return package(tmp_path_factory.mktemp("split"), SMALL)


def partitioned(root: Path) -> dict[str, int]:
    """The partitioned tables of a package and their number of files."""
    desc = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    return {
        r["name"].removesuffix("-parquet"): len(r["path"])
        for r in desc["resources"]
        if isinstance(r["path"], list)
    }


def keyed(frame: pl.DataFrame, table: str) -> pl.DataFrame:
    return frame.sort(list(load(table).primary_key))


# ---------------------------------------------------------------- the rule


def test_bucket_count_is_one_up_to_the_threshold_then_a_power_of_two():
    assert [bucket_count(n, 10) for n in (0, 1, 10)] == [1, 1, 1]
    assert [bucket_count(n, 10) for n in (11, 20, 21, 40, 41, 161)] == [2, 2, 4, 4, 8, 32]
    with pytest.raises(ValueError):
        bucket_count(5, 0)


def test_doc_bucket_is_a_stable_hash_that_nests_when_buckets_double():
    digest = hashlib.sha256(b"oslo-talks").digest()
    assert doc_bucket("oslo-talks", 16) == int.from_bytes(digest[:8], "big") % 16
    for doc_id in ARTICLES:
        assert doc_bucket(doc_id, 8) % 4 == doc_bucket(doc_id, 4)
    assert len({doc_bucket(f"doc-{i}", 4) for i in range(40)}) == 4


def test_paths_are_in_bucket_order_and_name_their_table():
    paths = parquet_paths("mentions", 16)
    assert paths[3] == "data/parquet/mentions/doc_bucket=3/part-0.parquet"
    assert paths[12] == "data/parquet/mentions/doc_bucket=12/part-0.parquet"
    assert parquet_paths("events", 1) == [parquet_path("events")]
    assert location(paths) == parquet_glob("mentions", partitioned=True)
    assert {table_of(p) for p in paths} == {"mentions"} == {check_table_of(paths[0])}
    assert table_of(parquet_path("events")) == "events" == table_of("data/csv/events.csv")


def test_partition_rows_is_a_package_setting(tmp_path: Path):
    path = tmp_path / "package.yaml"
    path.write_text("partition_rows: 500\n", encoding="utf-8")
    assert load_settings(path)["partition_rows"] == 500
    for bad in ("0", "-3", "many", "2.5", "true"):
        path.write_text(f"partition_rows: {bad}\n", encoding="utf-8")
        with pytest.raises(Exception, match="partition_rows"):
            load_settings(path)


# ---------------------------------------------------------------- the build


def test_small_packages_keep_one_file_per_table(single: Path):
    assert partitioned(single) == {}
    assert not any((single / parquet_dir(t)).exists() for t in TABLES)


def test_tables_of_documents_above_the_threshold_are_partitioned(split: Path):
    layout = partitioned(split)
    assert set(layout) == {"documents", "events", "quotes", "mentions"}  # not actors, locations
    for table, buckets in layout.items():
        assert not (split / parquet_path(table)).exists()
        found = sorted(
            p.relative_to(split).as_posix() for p in (split / parquet_dir(table)).rglob("*")
        )
        assert [p for p in found if p.endswith(".parquet")] == sorted(parquet_paths(table, buckets))
        rows = ds.dataset(split / parquet_dir(table)).count_rows()
        assert buckets == bucket_count(rows, SMALL)
    assert validate_package(split).valid


def test_every_row_is_in_its_documents_partition_and_files_hold_no_partition_column(split: Path):
    for table, buckets in partitioned(split).items():
        for bucket, rel in enumerate(parquet_paths(table, buckets)):
            part = pq.read_table(split / rel)
            assert PARTITION_KEY not in part.schema.names
            assert {doc_bucket(d, buckets) for d in part.column("doc_id").to_pylist()} <= {bucket}


def test_partitioned_builds_are_byte_identical_in_any_order_and_process(
    split: Path, tmp_path: Path
):
    again = package(
        tmp_path / "again",
        SMALL,
        order=lambda ids: sorted(ids, reverse=True),
        options=EngineOptions(jobs=2, cache=False),
    )
    assert files(again) == files(split)


def test_adding_an_article_rewrites_one_partition_per_table(split: Path, tmp_path: Path):
    grown = package(tmp_path / "grown", SMALL, extra=True)
    before, after = files(split), files(grown)
    for table, buckets in partitioned(grown).items():
        if partitioned(split).get(table) != buckets:
            continue  # the table doubled its buckets: all of its files are new
        changed = [p for p in parquet_paths(table, buckets) if before.get(p) != after[p]]
        touched = parquet_paths(table, buckets)[doc_bucket(EXTRA[0], buckets)]
        assert changed == [touched] if table == "documents" else set(changed) <= {touched}


# ---------------------------------------------------------------- readers


def test_duckdb_reads_the_folder_glob_with_the_same_rows_and_types(single: Path, split: Path):
    con = duckdb.connect()
    for table in partitioned(split):
        one = con.sql(f"SELECT * FROM read_parquet('{single / parquet_path(table)}')")
        many = con.sql(
            f"SELECT * FROM read_parquet('{split / parquet_glob(table, partitioned=True)}')"
        )
        assert many.columns == [*one.columns, PARTITION_KEY]  # hive: from the folder names
        assert list(map(str, many.types)) == [*map(str, one.types), "BIGINT"]
        columns = ", ".join(f'"{c}"' for c in one.columns)
        key = ", ".join(load(table).primary_key)
        assert (
            con.sql(f"SELECT {columns} FROM many ORDER BY {key}").fetchall()
            == con.sql(f"SELECT * FROM one ORDER BY {key}").fetchall()
        )


def test_polars_scans_the_folder_with_the_same_rows_and_types(single: Path, split: Path):
    for table, buckets in partitioned(split).items():
        one = pl.read_parquet(single / parquet_path(table))
        many = pl.scan_parquet(split / parquet_dir(table)).collect()
        assert many.schema[PARTITION_KEY] == pl.Int64
        assert many.get_column(PARTITION_KEY).to_list() == [
            doc_bucket(d, buckets) for d in many.get_column("doc_id").to_list()
        ]
        same = many.drop(PARTITION_KEY)
        assert same.schema == one.schema
        assert keyed(same, table).equals(keyed(one, table))
        glob = pl.scan_parquet(split / parquet_glob(table, partitioned=True)).collect()
        assert keyed(glob, table).equals(keyed(one, table))  # a glob: no hive column


def test_pyarrow_dataset_reads_the_folder_with_the_same_rows_and_types(single: Path, split: Path):
    for table in partitioned(split):
        one = pq.read_table(single / parquet_path(table))
        many = ds.dataset(split / parquet_dir(table)).to_table()
        assert many.schema.equals(one.schema)  # field metadata and the Table Schema too
        key = [(k, "ascending") for k in load(table).primary_key]
        assert many.sort_by(key).to_pylist() == one.sort_by(key).to_pylist()
        hive = ds.dataset(split / parquet_dir(table), partitioning="hive")
        assert hive.schema.field(PARTITION_KEY).type == pa.int32()


@pytest.mark.parametrize("layout", ["single", "split"])
def test_the_readme_snippet_reads_either_layout(
    layout: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
):
    root = request.getfixturevalue(layout)
    code = SNIPPET.search((ROOT / "README.md").read_text(encoding="utf-8"))
    assert code, "README.md has no partitions snippet"
    monkeypatch.chdir(root)
    namespace: dict = {}
    exec(compile(code.group(1), "README.md (partitions)", "exec"), namespace)
    want = keyed(pl.from_arrow(read_table("mentions", root)), "mentions")  # type: ignore[arg-type]
    got = {
        "duckdb": namespace["relation"].pl(),
        "polars": namespace["frame"],
        "pyarrow": pl.from_arrow(namespace["table"]),
    }
    for reader, frame in got.items():
        extra = [PARTITION_KEY] if layout == "split" and reader != "pyarrow" else []
        assert frame.columns == [*want.columns, *extra], reader
        assert keyed(frame.drop(extra), "mentions").equals(want), reader


def test_duckdb_views_give_the_same_columns_and_rows(single: Path, split: Path):
    def views(root: Path) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect()
        sql = (root / DUCKDB_VIEWS).read_text(encoding="utf-8")
        con.execute(sql.replace("read_parquet('data/", f"read_parquet('{root}/data/"))
        return con

    one, many = views(single), views(split)
    for table in TABLES:
        key = ", ".join(load(table).primary_key)
        query = f"SELECT * FROM {table} ORDER BY {key}"
        assert many.sql(query).columns == one.sql(query).columns
        assert many.sql(query).fetchall() == one.sql(query).fetchall()


def test_read_table_gives_the_single_files_table(single: Path, split: Path):
    for table in TABLES:
        assert read_table(table, split).equals(read_table(table, single), check_metadata=True)


# ---------------------------------------------------------------- descriptor and validation


def test_descriptor_lists_every_file_with_its_size_and_hash(split: Path):
    desc = json.loads((split / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in desc["resources"]}
    for table, buckets in partitioned(split).items():
        res = resources[f"{table}-parquet"]
        assert res["path"] == parquet_paths(table, buckets)
        assert "bytes" not in res  # frictionless cannot count Parquet bytes
        datas = [(split / p).read_bytes() for p in res["path"]]
        assert res["dateline:bytes"] == sum(map(len, datas))
        assert res["hash"] == "sha256:" + hashlib.sha256(b"".join(datas)).hexdigest()
        assert [(p["path"], p["bytes"], p["hash"]) for p in res["dateline:parts"]] == [
            (rel, len(d), "sha256:" + hashlib.sha256(d).hexdigest())
            for rel, d in zip(res["path"], datas, strict=True)
        ]
        assert res["dateline:partitioning"]["buckets"] == buckets
    # frictionless-py reads only a multi-file resource's first file: references to a
    # partitioned table go to its CSV resource, which it reads whole
    refs = {
        fk["fields"][0]: fk["reference"].get("resource")
        for fk in resources["events-parquet"]["schema"]["foreignKeys"]
    }
    assert refs["doc_id"] == "documents" and refs["quote_id"] == "quotes"
    assert refs["actor_id"] == "actors-parquet"


def test_stock_frictionless_validates_the_partitioned_package(split: Path):
    from frictionless import validate

    report = validate(str(split / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])


def tampered(split: Path, tmp_path: Path) -> Path:
    root = tmp_path / "pkg"
    shutil.copytree(split, root)
    return root


def test_validate_finds_a_stray_file_where_readers_would_read_it(split: Path, tmp_path: Path):
    root = tampered(split, tmp_path)
    stray = root / parquet_dir("events") / "doc_bucket=9" / "part-0.parquet"
    stray.parent.mkdir()
    shutil.copy(root / parquet_paths("events", partitioned(root)["events"])[0], stray)
    shutil.copy(root / parquet_path("actors"), root / parquet_path("quotes"))
    codes = {(i.code, i.file) for i in validate_package(root, frictionless=False).issues}
    assert ("stray-file", stray.relative_to(root).as_posix()) in codes
    assert ("stray-file", parquet_path("quotes")) in codes


def test_validate_finds_a_changed_part_and_a_row_in_the_wrong_partition(
    split: Path, tmp_path: Path
):
    root = tampered(split, tmp_path)
    buckets = partitioned(root)["mentions"]
    paths = parquet_paths("mentions", buckets)
    full = next(p for p in paths if pq.read_metadata(root / p).num_rows)
    empty = next(p for p in paths if p != full)
    moved = pq.read_table(root / full)
    pq.write_table(moved, root / empty)  # the same rows in another partition too
    pq.write_table(moved.slice(0, 0), root / full)
    issues = validate_package(root, frictionless=False).issues
    assert {(i.code, i.file) for i in issues} >= {("hash", empty), ("hash", full)}
    wrong = [i for i in issues if i.code == "partition"]
    assert wrong and "doc_bucket=" in wrong[0].message and wrong[0].field == "doc_id"


def test_validate_refuses_a_layout_the_build_does_not_write(split: Path, tmp_path: Path):
    root = tampered(split, tmp_path)
    path = root / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    res = next(r for r in desc["resources"] if r["name"] == "events-parquet")
    res["dateline:partitioning"]["buckets"] = 3
    path.write_text(json.dumps(desc), encoding="utf-8")
    messages = [i.message for i in validate_package(root, frictionless=False).issues]
    assert any("dateline:partitioning" in m and "power-of-two" in m for m in messages)


# ---------------------------------------------------------------- diff and release


def test_diff_sees_the_move_to_partitions_as_a_layout_change_only(single: Path, split: Path):
    result = diff(str(single), str(split))
    assert all(t.bump == "none" for t in result.tables)
    moved = {c.table for c in result.layout if c.kind == "file_moved"}
    assert moved == set(partitioned(split)) and result.bump == "major"
    assert diff(str(split), str(split)).bump == "none"


def test_diff_ignores_a_change_in_the_number_of_partitions(split: Path, tmp_path: Path):
    finer = package(tmp_path / "finer", 2)
    assert partitioned(finer)["mentions"] > partitioned(split)["mentions"]
    result = diff(str(split), str(finer))
    assert result.layout == [] and result.bump == "none"


def test_release_bundles_every_part_and_croissant_reads_them(split: Path, tmp_path: Path):
    root = tampered(split, tmp_path)
    shutil.copy(ROOT / "README.md", root / "README.md")
    bundle = release(root, date="2026-12-01").bundle
    with zipfile.ZipFile(bundle) as archive:
        names = set(archive.namelist())
        prefix = next(iter(names)).split("/")[0]
        meta = json.loads(archive.read(f"{prefix}/croissant.json"))
    for table, buckets in partitioned(split).items():
        assert {f"{prefix}/{p}" for p in parquet_paths(table, buckets)} <= names
    sets = {o["@id"]: o for o in meta["distribution"] if o["@type"] == "cr:FileSet"}
    assert sets["events-parquet"]["includes"] == parquet_glob("events", partitioned=True)
    mlc = pytest.importorskip("mlcroissant")
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(tmp_path / "unzipped")
    dataset = mlc.Dataset(jsonld=str(tmp_path / "unzipped" / prefix / "croissant.json"))
    assert not dataset.metadata.ctx.issues.errors
    for table in partitioned(split):
        records = list(dataset.records(record_set=table))
        assert len(records) == read_table(table, split).num_rows > 0
