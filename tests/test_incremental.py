"""Builds that do only what changed give exactly the package a clean build gives.

* a rebuild after adding, editing or removing one article (the others' rows from the last
  build's state, or from the extraction cache) equals a clean, uncached build of the same
  seeds, byte for byte: with corrections, and when a table crosses the hive threshold;
* merging the dataset tables again for only the ids a change touches gives the rows a merge of
  every document gives;
* the columnar CSV writer and reader (``write_column``/``read_column`` of the field-type table)
  agree with ``csv.writer`` and with :func:`~dateline.package.codec.parse_cell`, cell by cell.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from dateline import cache
from dateline.build import build
from dateline.engine import CacheReport, EngineOptions
from dateline.package.codec import format_cell, parse_cell, writer
from dateline.schema import TABLES, Field, TableSchema, load
from dateline.schema.polars import polars_schema
from dateline.tables import sort_frame
from dateline.validate.frames import read_column, read_csv
from dateline.write.csv import csv_bytes, csv_text, spliced_csv
from fixtures.corpus import dev_articles

ADDED = """date 2025-06-02
GENEVA — Delegates from Iraq and Turkey met in Geneva on Monday to discuss water sharing on the
Tigris, a spokesman for the United Nations said. "Both sides agreed to meet again in July," the
spokesman told reporters after the talks.
"""

# -- builds ---------------------------------------------------------------------------------------


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(folder))
    return folder


def package_bytes(root: Path) -> dict[str, bytes]:
    files = [p for p in sorted((root / "data").rglob("*")) if p.is_file()]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files} | {
        "datapackage.json": (root / "datapackage.json").read_bytes()
    }


def clean_build(seeds: Path, out: Path) -> dict[str, bytes]:
    """The package of a build from nothing: no extraction cache, a new folder."""
    shutil.rmtree(out, ignore_errors=True)
    build(seeds, out, options=EngineOptions(jobs=1, cache=False))
    return package_bytes(out)


@pytest.mark.skipif(not dev_articles(), reason="needs ../shared/corpus")
def test_adding_editing_and_removing_one_article_equals_a_clean_build(
    cache_dir: Path, tmp_path: Path
):
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    seeds.mkdir()
    for path in dev_articles()[:3]:
        shutil.copyfile(path, seeds / path.name)

    def rebuild() -> CacheReport:
        report = CacheReport()
        build(seeds, out, options=EngineOptions(jobs=1), cache_report=report)
        return report

    assert rebuild().extracted == 3
    assert rebuild().up_to_date

    (seeds / "2025-06-02_geneva-talks.txt").write_text(ADDED, encoding="utf-8")
    added = rebuild()
    assert (added.extracted, added.hits, added.up_to_date) == (1, 3, False)
    assert package_bytes(out) == clean_build(seeds, tmp_path / "clean-added")

    edited = seeds / "2025-06-02_geneva-talks.txt"
    edited.write_text(ADDED + "The talks will resume in Ankara.\n", encoding="utf-8")
    report = rebuild()
    assert (report.extracted, report.hits) == (1, 3)
    assert package_bytes(out) == clean_build(seeds, tmp_path / "clean-edited")

    next(p for p in sorted(seeds.glob("*.txt")) if p != edited).unlink()
    report = rebuild()
    assert (report.extracted, report.hits) == (0, 3)
    assert package_bytes(out) == clean_build(seeds, tmp_path / "clean-removed")
    assert rebuild().up_to_date


# -- the columnar CSV codec -----------------------------------------------------------------------

#: Values of each type that a CSV writer must take care with, and None.
VALUES: dict[str, list[Any]] = {
    "string": ["plain", "a,b", 'say "no"', "two\nlines", " lead", "é", "", None],
    "integer": [0, -1, 42, 2**63 - 1, -(2**63), None],
    "number": [0.0, -0.0, 0.1, 1e-7, 1e16, 12.5, -3.25, None],
    "boolean": [True, False, None],
    "date": [dt.date(2025, 1, 2), dt.date(999, 12, 31), None],
    "datetime": [dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC), None],
    "list": [["a"], ["a", "b,c"], ['q"uote', "new\nline"], [], None],
}


def reference_csv(frame: pl.DataFrame, schema: TableSchema) -> str:
    """The CSV that ``csv.writer`` writes row by row (what the columnar writer must equal)."""
    buffer = io.StringIO(newline="")
    rows = writer(buffer)
    rows.writerow(schema.field_names)
    for row in frame.iter_rows():
        rows.writerow([format_cell(f, v) for f, v in zip(schema.fields, row, strict=True)])
    return buffer.getvalue()


def tricky_frame(schema: TableSchema, height: int) -> pl.DataFrame:
    """``height`` rows cycling through :data:`VALUES` of each field's type (lists of text keep
    the delimiter out of their items, as the writer requires)."""

    def column(field: Field) -> list[Any]:
        pool = VALUES[field.type]
        if field.type == "list":
            pool = [None if v is None else [i for i in v if field.delimiter not in i] for v in pool]
        return [pool[(i + len(field.name)) % len(pool)] for i in range(height)]

    columns = {f.name: column(f) for f in schema.fields}
    return pl.DataFrame(columns, schema=polars_schema(schema), strict=True)


@pytest.mark.parametrize("table", TABLES)
def test_the_columnar_csv_writer_writes_what_csv_writer_writes(table: str, tmp_path: Path):
    schema = load(table)
    frame = tricky_frame(schema, 40)
    text = csv_text(frame, schema)
    assert text == reference_csv(frame, schema)
    assert csv_text(frame.clear(), schema) == reference_csv(frame.clear(), schema)
    name = next(f.name for f in schema.fields if f.type == "string")
    lone_cr = frame.with_columns(pl.lit("cr\ronly").alias(name))  # written unquoted, as csv does
    assert csv_text(lone_cr, schema) == reference_csv(lone_cr, schema)
    path = tmp_path / f"{table}.csv"
    path.write_bytes(text.encode("utf-8"))
    data, issues = read_csv(path, schema, path.name)
    assert not [i for i in issues if i.code in ("type", "cell-count", "csv-syntax")]
    assert reference_csv(data.frame, schema) == text  # and reads back to the same rows


def keyed(frame: pl.DataFrame, schema: TableSchema, ids: list[str]) -> pl.DataFrame:
    (key,) = schema.primary_key
    return frame.with_columns(pl.Series(key, ids, dtype=frame.schema[key]))


@pytest.mark.parametrize("table", TABLES)
def test_a_csv_file_spliced_from_the_last_one_has_the_bytes_of_one_rendered_whole(table: str):
    schema = load(table)
    old = keyed(tricky_frame(schema, 40), schema, [f"r{i:02d}" for i in range(40)])
    edited = keyed(old[30], schema, ["r25"])  # r25 with r30's values
    added = keyed(tricky_frame(schema, 2), schema, ["r17a", "r99"])
    kept = old.filter(~pl.col(schema.primary_key[0]).is_in(["r03", "r17", "r25"]))
    new = sort_frame(pl.concat([kept, edited, added]), schema)
    data = csv_bytes(old, schema)
    assert b"\n" in data.replace(b"\n", b"", old.height + 1)  # a line end inside a cell
    assert spliced_csv(new, schema, old, data) == csv_bytes(new, schema)
    assert spliced_csv(old, schema, old, data) == data
    assert spliced_csv(new, schema, old[1:], data) is None  # a record more than rows
    assert spliced_csv(new, schema, old, data[:-1]) is None  # no line end at the end
    shifted = keyed(pl.concat([old[1:], old[:1]]), schema, [f"r{i:02d}" for i in range(40)])
    assert spliced_csv(shifted, schema, old, data) is None  # every row changed: rendered whole


CELLS: dict[str, list[str]] = {
    "string": ["x", " y ", "a,b"],
    "integer": ["0", "-0", "007", "12", "-5", "9223372036854775807", "9223372036854775808",
                "1e3", "1.0", "+1", " 1", "abc", "12\n"],
    "number": ["0", "1.", ".5", "-2.5e-3", "1E5", "nan", "inf", "1,5", "--1", "3.0"],
    "boolean": ["true", "false", "True", "1", "yes"],
    "date": ["2025-01-02", "2025-02-30", "2025-1-02", "20250102", "0999-12-31", "2025-01-02 "],
    "datetime": ["2025-01-02T03:04:05Z", "2025-01-02T03:04:05", "2025-01-02T03:04:05+02:00"],
    "list": ["a", "a|b", "a;b", "|", "a||b"],
}  # fmt: skip


@pytest.mark.parametrize("kind", sorted(CELLS))
def test_the_columnar_csv_reader_reads_what_the_cell_reader_reads(kind: str):
    field = Field(name="value", type=kind, description="", example="")
    cells = [*CELLS[kind], ""]
    values, bad = read_column(field, cells)
    errors = {row: str(exc) for row, _, exc in bad}
    for row, cell in enumerate(cells, start=1):
        try:
            expected = parse_cell(field, cell)
        except ValueError as exc:
            assert errors.get(row) == str(exc), (cell, values[row - 1])
            assert values[row - 1] is None
        else:
            assert row not in errors, cell
            assert values.to_list()[row - 1] == expected, cell


# -- frictionless on changed resources ----------------------------------------------------------


@pytest.mark.skipif(not dev_articles(), reason="needs ../shared/corpus")
def test_frictionless_changed_runs_only_on_resources_it_has_not_passed(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import dateline.validate.frictionless as fl
    from dateline import validate
    from dateline.validate import validate_package

    seeds, out = tmp_path / "seeds", tmp_path / "out"
    seeds.mkdir()
    shutil.copyfile(dev_articles()[0], seeds / dev_articles()[0].name)
    build(seeds, out, options=EngineOptions(jobs=1))
    validated: list[list[str]] = []
    real = fl.frictionless_issues

    def counted(root: Path, targets: list[fl.Target]) -> list:
        validated.append([t.name for t in targets])
        return real(root, targets)

    monkeypatch.setattr(fl, "frictionless_issues", counted)
    monkeypatch.setattr(validate, "frictionless_issues", counted)
    assert validate_package(out, frictionless="changed").valid
    assert len(validated[-1]) == 2 * len(TABLES)  # nothing passed before: every resource
    assert validate_package(out, frictionless="changed").valid
    assert validated[-1] == []  # every resource passed in this very form
    assert validate_package(out, frictionless="all").valid
    assert len(validated[-1]) == 2 * len(TABLES)
    events = out / "data" / "csv" / "events.csv"
    events.write_bytes(events.read_bytes().replace(b"\n", b"\r\n", 1))
    report = validate_package(out, frictionless="changed")
    assert not report.valid
    assert validated[-1] == ["events"]  # the file other checks flag is validated again
    calls = len(validated)
    assert not validate_package(out, frictionless="off").valid  # dateline's own checks
    assert len(validated) == calls
    with pytest.raises(ValueError):
        validate_package(out, frictionless="some")


# -- the build state: rows of unchanged documents from the last build ------------------------

#: Composed stories sharing actors and places, so that merges span documents.
STORIES = {
    "lagos-port": (
        "2026-02-03",
        "LAGOS, Nigeria — Nigeria's ports authority said on Tuesday that a new terminal in "
        'Lagos would open in March.\n\n"We expect twice the traffic," the authority\'s '
        "spokesman said.\n",
    ),
    "abuja-budget": (
        "2026-02-10",
        "ABUJA, Nigeria — Nigeria's finance minister presented the budget to the Senate on "
        "Tuesday, the ministry said.\n\nThe minister said spending on ports in Lagos would rise.\n",
    ),
    "accra-power": (
        "2026-02-12",
        "ACCRA, Ghana — Ghana signed a power deal with Nigeria on Thursday, the energy "
        'ministry said.\n\n"Supply will be steady," the energy minister told reporters in '
        "Accra.\n",
    ),
}
ADDED_STORY = (
    "2026-02-20",
    "LAGOS, Nigeria — The Nigerian navy seized a tanker off Lagos on Friday, a navy spokesman "
    "said.\n\nGhana's coast guard helped track the ship, he said.\n",
)


def write_story(seeds: Path, doc_id: str, date: str, body: str) -> None:
    (seeds / f"{doc_id}.txt").write_text(f"date {date}\n{body}", encoding="utf-8")


def story_seeds(root: Path, settings: str = 'version: "1.0.0"\n') -> Path:
    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    for doc_id, (date, body) in STORIES.items():
        write_story(seeds, doc_id, date, body)
    (root / "package.yaml").write_text(settings, encoding="utf-8")
    return seeds


def built_stories(tmp_path: Path) -> tuple[Path, Path]:
    """The stories built, with the cache, into ``tmp_path/pkg``: that folder and the seeds."""
    root = tmp_path / "pkg"
    seeds = story_seeds(root)
    build(seeds, root, options=EngineOptions(jobs=1))
    return root, seeds


def cached_build(seeds: Path, root: Path, *, jobs: int) -> CacheReport:
    """Build ``seeds`` into ``root`` with the cache, on ``jobs`` processes; what it extracted."""
    report = CacheReport()
    build(seeds, root, options=EngineOptions(jobs=jobs), cache_report=report)
    return report


def table_rows(root: Path, table: str) -> pl.DataFrame:
    return pl.read_csv(root / "data" / "csv" / f"{table}.csv", infer_schema=False)


def corrections_for(root: Path) -> str:
    """Corrections of the first story, naming rows the built package holds."""
    mentions = table_rows(root, "mentions").filter(pl.col("doc_id") == "abuja-budget")
    actor = table_rows(root, "actors").get_column("actor_id")[0]
    text = mentions.get_column("text")[0]
    return (
        f"- op: drop\n  table: mentions\n  match: {text!r}\n  all: true\n"
        f"- op: set_actor\n  actor_id: {actor}\n  wikidata_id: Q1\n"
    )


@pytest.mark.parametrize("scenario", ["plain", "corrections", "hive threshold"])
def test_incremental_builds_equal_clean_builds(
    scenario: str, cache_dir: Path, tmp_path: Path
) -> None:
    root = tmp_path / "pkg"
    seeds = story_seeds(root)

    def rebuild() -> CacheReport:
        return cached_build(seeds, root, jobs=1)

    assert rebuild().extracted == len(STORIES)
    if scenario == "corrections":
        (seeds / "abuja-budget.corrections.yaml").write_text(corrections_for(root), "utf-8")
    if scenario == "hive threshold":  # the added story's mentions cross it, removing it back
        threshold = table_rows(root, "mentions").height
        (root / "package.yaml").write_text(f"partition_rows: {threshold}\n", encoding="utf-8")

    def same_as_clean(name: str) -> None:
        clean = tmp_path / name
        shutil.copytree(seeds, clean / "seeds")
        shutil.copyfile(root / "package.yaml", clean / "package.yaml")
        build(clean / "seeds", clean, options=EngineOptions(jobs=1, cache=False))
        assert package_bytes(root) == package_bytes(clean)

    write_story(seeds, "lagos-navy", *ADDED_STORY)
    report = rebuild()
    assert (report.extracted, report.hits) == (1, len(STORIES))
    same_as_clean("clean-added")
    if scenario == "hive threshold":
        assert (root / "data" / "parquet" / "mentions").is_dir()

    date, body = ADDED_STORY
    write_story(seeds, "lagos-navy", date, body + "\nThe tanker was towed to Apapa.\n")
    report = rebuild()
    assert (report.extracted, report.hits) == (1, len(STORIES))
    same_as_clean("clean-edited")

    (seeds / "lagos-navy.txt").unlink()
    report = rebuild()
    assert (report.extracted, report.hits) == (0, len(STORIES))
    same_as_clean("clean-removed")
    if scenario == "hive threshold":
        assert (root / "data" / "parquet" / "mentions.parquet").is_file()


def test_a_corrupt_state_is_ignored(cache_dir: Path, tmp_path: Path) -> None:
    import sqlite3

    from dateline.engine.store import store_path

    root, seeds = built_stories(tmp_path)
    path = store_path()
    assert path is not None
    with sqlite3.connect(path) as db:
        assert db.execute("UPDATE states SET value = x'00' WHERE part = 'keys'").rowcount == 1
    write_story(seeds, "lagos-navy", *ADDED_STORY)
    report = CacheReport()
    build(seeds, root, options=EngineOptions(jobs=1), cache_report=report)
    assert (report.extracted, report.hits) == (1, len(STORIES))  # the others from the cache
    clean = tmp_path / "clean"
    shutil.copytree(seeds, clean / "seeds")
    shutil.copyfile(root / "package.yaml", clean / "package.yaml")
    build(clean / "seeds", clean, options=EngineOptions(jobs=1, cache=False))
    assert package_bytes(root) == package_bytes(clean)


def test_merging_only_the_ids_a_change_touches_equals_merging_everything(
    cache_dir: Path, tmp_path: Path
):
    from dateline.build import TableFolder, combine, extract_all, parse_inputs, seed_files
    from dateline.engine.state import BuildState

    seeds = story_seeds(tmp_path)
    write_story(seeds, "lagos-navy", *ADDED_STORY)
    articles, _ = parse_inputs(seeds, seed_files(seeds))
    extractions = extract_all(articles, jobs=1)
    keys = BuildState.empty().keys

    def state_of(chosen: list, previous: BuildState | None = None, keep=()) -> BuildState:
        folder = TableFolder()
        for ex in chosen:
            folder.add(ex)
        return combine(previous or BuildState.empty(), keep, folder.fresh(), keys)

    def same(a: BuildState, b: BuildState) -> None:
        for table in TABLES:
            assert a.tables[table].equals(b.tables[table]), table
        for table in a.sources:
            assert a.sources[table].equals(b.sources[table]), table

    whole = state_of(extractions)
    assert whole.tables["actors"].height < whole.sources["actors"].height  # merges happened
    for i, ex in enumerate(extractions):
        others = [e for j, e in enumerate(extractions) if j != i]
        ids = {e.doc_id for e in others}
        without = state_of(others)
        same(state_of([ex], without, ids), whole)  # added
        same(state_of([], whole, ids), without)  # removed
        same(state_of([ex], whole, ids), whole)  # changed (here: to the same rows)


def test_csv_files_are_rendered_in_batches_with_the_same_bytes(monkeypatch: pytest.MonkeyPatch):
    import dateline.write.csv as csv_writer

    schema = load("mentions")
    frame = tricky_frame(schema, 40)
    monkeypatch.setattr(csv_writer, "CSV_BATCH", 7)  # 6 batches, the last one of 5 rows
    assert len(list(csv_writer.csv_chunks(frame, schema))) == 1 + 6
    assert csv_text(frame, schema) == reference_csv(frame, schema)


def test_a_build_checks_the_changed_rows_and_finds_a_bad_one(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dateline.validate.changes as changes
    from dateline.build import parse_inputs, seed_files
    from dateline.metadata import package_meta
    from dateline.validate import validate_package
    from dateline.validate.frames import read_parquet
    from dateline.write import write_package
    from dateline.write.csv import csv_bytes

    results: list = []
    real = changes.validate_changes

    def spy(*args: Any, **kwargs: Any) -> Any:
        results.append(real(*args, **kwargs))
        return results[-1]

    monkeypatch.setattr(changes, "validate_changes", spy)
    root, seeds = built_stories(tmp_path)
    assert results == []  # nothing validated before: the full validation
    before = {
        t: read_parquet(root / "data" / "parquet" / f"{t}.parquet", load(t), t)[0].frame
        for t in TABLES
    }
    write_story(seeds, "lagos-navy", *ADDED_STORY)
    build(seeds, root, options=EngineOptions(jobs=1))
    assert len(results) == 1 and results[0] is not None and results[0].valid

    # the new story's first mention no longer is the slice its offsets give
    written = {
        t: read_parquet(root / "data" / "parquet" / f"{t}.parquet", load(t), t)[0].frame
        for t in TABLES
    }
    mentions = written["mentions"]
    first = mentions.get_column("doc_id").eq("lagos-navy").arg_true()[0]
    text = mentions.get_column("text").scatter(first, "Atlantis")
    written["mentions"] = mentions.with_columns(text)
    articles, settings = parse_inputs(seeds, seed_files(seeds))
    staged = tmp_path / "staged"
    write_package(written, staged, metadata=package_meta(articles, settings))
    bodies = {a.doc_id: a.body for a in articles}
    changed = changes.changed_rows(written, before)
    assert real(staged, written, changed, seeds, bodies, render=csv_bytes) is None
    report = validate_package(staged, seeds=seeds, frictionless="off", bodies=bodies)
    assert [i.code for i in report.issues] == ["evidence-mismatch"]
    # an unchanged row is not checked again: the same break in the old rows passes
    same = changes.changed_rows(written, written)
    assert real(staged, written, same, seeds, bodies, render=csv_bytes) is not None


def test_the_profile_checks_only_the_sources_entries_it_has_not_passed() -> None:
    import json

    from dateline.validate.profiles import profile_issues, source_text

    root = Path(__file__).resolve().parents[1]
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    passed = {source_text(s) for s in descriptor["sources"]}
    assert profile_issues(root, descriptor) == profile_issues(root, descriptor, passed) == []
    bad = {"title": 5}
    broken = {**descriptor, "sources": [*descriptor["sources"], bad]}
    assert profile_issues(root, broken, passed)  # a new entry is checked
    assert profile_issues(root, broken, passed | {source_text(bad)}) == []  # a passed one not


def test_the_profile_skips_only_schema_files_with_dateline_own_bytes(tmp_path: Path) -> None:
    import json

    from dateline.schema import schema_path
    from dateline.validate.profiles import profile_issues

    repo = Path(__file__).resolve().parents[1]
    descriptor = json.loads((repo / "datapackage.json").read_text(encoding="utf-8"))
    root = tmp_path / "pkg"
    shutil.copytree(repo / "schemas", root / "schemas")
    assert profile_issues(root, descriptor, own=True) == profile_issues(root, descriptor) == []
    broken = json.loads(schema_path("events").read_text(encoding="utf-8"))
    broken["fields"][0]["type"] = 5  # not a type the profile knows
    (root / "schemas" / "events.schema.json").write_text(json.dumps(broken), encoding="utf-8")
    assert profile_issues(root, descriptor, own=True)  # no longer dateline's own: checked
    assert profile_issues(root, descriptor, own=True) == profile_issues(root, descriptor)


def reference_arrow_table(frame: pl.DataFrame, schema: TableSchema) -> Any:
    """The Arrow table built value by value from Python values (what the columnar conversion
    of :func:`dateline.write.parquet.to_arrow_table` must equal)."""
    import pyarrow as pa

    from dateline.schema.arrow import to_arrow_schema

    arrow_schema = to_arrow_schema(schema)
    arrays = []
    for f in schema.fields:
        kind, values = arrow_schema.field(f.name).type, frame.get_column(f.name).to_list()
        if pa.types.is_dictionary(kind):
            extra = sorted({v for v in values if v is not None} - set(f.enum or ()))
            position = {v: i for i, v in enumerate([*(f.enum or ()), *extra])}
            indices = pa.array([None if v is None else position[v] for v in values], pa.int32())
            arrays.append(pa.DictionaryArray.from_arrays(indices, [*(f.enum or ()), *extra]))
        else:
            arrays.append(pa.array(values, type=kind))
    return pa.Table.from_arrays(arrays, schema=arrow_schema)


@pytest.mark.parametrize("table", TABLES)
def test_parquet_columns_converted_in_arrow_equal_those_built_value_by_value(table: str):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dateline.write.parquet import WRITE_OPTIONS, parquet_bytes, to_arrow_table

    schema = load(table)
    required = [pl.col(f.name).forward_fill().backward_fill() for f in schema.fields if f.required]
    frame = tricky_frame(schema, 40).with_columns(required)  # Arrow refuses a null there
    enum = next((f for f in schema.fields if f.enum), None)
    if enum is not None:  # values of the enum, out of order, and one outside it
        values = [*reversed(enum.enum), "zz-outside", None if not enum.required else "zz"] * 10
        frame = frame.with_columns(pl.Series(enum.name, values[:40], dtype=pl.String))
    reference = reference_arrow_table(frame, schema)
    assert to_arrow_table(frame, schema).equals(reference)
    sink = pa.BufferOutputStream()
    pq.write_table(reference, sink, **WRITE_OPTIONS)
    assert parquet_bytes(frame, schema) == sink.getvalue().to_pybytes()


# -- what an incremental build does not do again ---------------------------------------------------


def same_as_clean_build(seeds: Path, root: Path, clean: Path) -> None:
    shutil.copytree(seeds, clean / "seeds")
    shutil.copyfile(root / "package.yaml", clean / "package.yaml")
    build(clean / "seeds", clean, options=EngineOptions(jobs=1, cache=False))
    assert package_bytes(root) == package_bytes(clean)


def calls_of(
    monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, note: Any = lambda out, *a: a
) -> list[Any]:
    """What each call of ``owner.name`` gives ``note`` (its result, then its arguments), in
    order, from now on."""
    calls: list[Any] = []
    real = getattr(owner, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        out = real(*args, **kwargs)
        calls.append(note(out, *args))
        return out

    monkeypatch.setattr(owner, name, spy)
    return calls


def test_unchanged_seed_files_are_not_parsed_again(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dateline.build as building

    root, seeds = built_stories(tmp_path)
    parsed = calls_of(monkeypatch, building, "parse_seed", lambda out, path, *_: path.name)
    write_story(seeds, "lagos-navy", *ADDED_STORY)
    build(seeds, root, options=EngineOptions(jobs=1))
    assert parsed == ["lagos-navy.txt"]
    same_as_clean_build(seeds, root, tmp_path / "clean")


def test_new_source_defaults_give_every_article_a_new_key(cache_dir: Path, tmp_path: Path) -> None:
    root, seeds = built_stories(tmp_path)
    settings = 'version: "1.0.0"\nsource_defaults:\n  publisher: Lagos Wire\n  license: CC-BY-4.0\n'
    (root / "package.yaml").write_text(settings, encoding="utf-8")
    report = CacheReport()
    build(seeds, root, options=EngineOptions(jobs=1), cache_report=report)
    assert report.extracted == len(STORIES)  # the metadata of every article changed
    assert "Lagos Wire" in (root / "datapackage.json").read_text(encoding="utf-8")
    same_as_clean_build(seeds, root, tmp_path / "clean")


def test_the_warm_worker_extracts_what_the_build_process_extracts(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dateline.engine.warm as warm

    runs: list[int] = []
    real = warm.WarmExtractor.run

    def spy(self: Any, work: Any, items: Any, options: Any) -> Any:
        runs.append(len(items))
        return real(self, work, items, options)

    monkeypatch.setattr(warm.WarmExtractor, "run", spy)
    root = tmp_path / "pkg"
    seeds = story_seeds(root)

    def rebuild() -> CacheReport:
        return cached_build(seeds, root, jobs=2)

    assert rebuild().extracted == len(STORIES)
    assert runs == []  # no build before: no worker warmed
    write_story(seeds, "lagos-navy", *ADDED_STORY)
    assert rebuild().extracted == 1
    assert runs == [1]  # the new article, on the warm worker
    same_as_clean_build(seeds, root, tmp_path / "clean-added")
    (seeds / "lagos-navy.txt").unlink()
    assert rebuild().extracted == 0
    assert runs == [1]  # no new seed file: no worker
    write_story(seeds, "lagos-navy", *ADDED_STORY)
    assert rebuild().hits == len(STORIES) + 1  # from the cache: no worker (engine/warm.uncached)
    assert runs == [1]
    same_as_clean_build(seeds, root, tmp_path / "clean-again")


def test_published_seed_copies_are_linked_by_their_stamp_unless_changed_since(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dateline.build as building

    seeds, out = story_seeds(tmp_path / "repo"), tmp_path / "out"
    build(seeds, out, options=EngineOptions(jobs=1))
    inodes = {p.name: p.stat().st_ino for p in (out / "seeds").iterdir()}
    compared = calls_of(monkeypatch, building, "link_same", lambda out, old, *_: old.name)
    write_story(seeds, "lagos-navy", *ADDED_STORY)
    build(seeds, out, options=EngineOptions(jobs=1))
    assert compared == ["lagos-navy.txt"]  # the others known by their stamp, not read
    assert all((out / "seeds" / n).stat().st_ino == i for n, i in inodes.items())
    changed = out / "seeds" / sorted(inodes)[0]  # edited in the package, same size
    changed.write_bytes(changed.read_bytes().replace(b"date", b"DATE", 1))
    (seeds / "lagos-navy.txt").unlink()
    compared.clear()
    build(seeds, out, options=EngineOptions(jobs=1))
    assert compared == [changed.name]  # its stamp moved: read, and written again
    assert changed.read_bytes() == (seeds / changed.name).read_bytes()
    clean = tmp_path / "clean"
    build(seeds, clean, options=EngineOptions(jobs=1, cache=False))
    assert package_bytes(out) == package_bytes(clean)


def test_seed_files_unchanged_since_their_stamp_are_not_read_again(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dateline.engine.seeds as seed_files

    monkeypatch.setattr(seed_files, "SETTLE_NS", 0)  # the stories were written just now
    root, seeds = built_stories(tmp_path)
    read = calls_of(monkeypatch, seed_files, "read_seed_file", lambda out, path, *_: path.name)
    write_story(seeds, "lagos-navy", *ADDED_STORY)
    build(seeds, root, options=EngineOptions(jobs=1))
    assert read == ["lagos-navy.txt"]  # the others known by their stamp
    same_as_clean_build(seeds, root, tmp_path / "clean")


def test_a_seed_edited_to_the_same_size_and_modification_time_is_read_again(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dateline.engine.seeds as seed_files

    monkeypatch.setattr(seed_files, "SETTLE_NS", 0)
    root, seeds = built_stories(tmp_path)
    edited = seeds / "lagos-port.txt"
    before = edited.stat()
    edited.write_bytes(edited.read_bytes().replace(b"March", b"April"))  # same length
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))  # its time set back
    after = edited.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    read = calls_of(monkeypatch, seed_files, "read_seed_file", lambda out, path, *_: path.name)
    build(seeds, root, options=EngineOptions(jobs=1))
    assert read == ["lagos-port.txt"]  # its change time moved: read and hashed
    same_as_clean_build(seeds, root, tmp_path / "clean")


def test_a_seed_stamp_is_kept_only_when_settled_and_for_its_own_folder(tmp_path: Path) -> None:
    from dateline.engine import seeds as seed_files

    path = tmp_path / "a.txt"
    path.write_text("date 2026-01-01\nBody.\n", encoding="utf-8")
    st = os.lstat(path)
    settle = seed_files.SETTLE_NS
    later = st.st_ctime_ns + settle + 1
    assert seed_files.settled(st, st, later) == seed_files.stamp_of(st)
    assert seed_files.settled(st, st, st.st_ctime_ns + settle) is None  # changed too recently
    path.write_text("date 2026-01-01\nAnother body.\n", encoding="utf-8")
    assert seed_files.settled(st, os.lstat(path), later + settle) is None  # changed meanwhile
    assert seed_files.settled(os.lstat(tmp_path), os.lstat(tmp_path), later + settle) is None
    record = {
        "seeds": {"a.txt": "digest"},
        "seed_stamps": {"folder": str(tmp_path.resolve()), "stamps": {"a.txt": [1, 2, 3, 4, 5]}},
    }
    assert seed_files.known_stamps(record, tmp_path) == {"a.txt": ([1, 2, 3, 4, 5], "digest")}
    assert seed_files.known_stamps(record, tmp_path / "other") == {}


def test_a_seed_taken_on_its_stamp_and_changed_before_it_is_read_fails_the_build(
    tmp_path: Path,
) -> None:
    from dateline.engine.seeds import SeedFile
    from dateline.engine.state import seed_digest
    from dateline.errors import SeedError

    path = tmp_path / "a.txt"
    path.write_bytes(b"date 2026-01-01\nBody.\n")
    assert SeedFile(tmp_path, "a.txt", seed_digest(path.read_bytes())).read() == path.read_bytes()
    stale = SeedFile(tmp_path, "a.txt", seed_digest(b"date 2026-01-01\nOld body.\n"))
    with pytest.raises(SeedError, match="changed while the build was running"):
        stale.read()


def test_a_state_stored_in_part_holds_what_a_state_stored_whole_holds(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dateline.engine import state as states
    from dateline.engine.store import open_store

    root, seeds = built_stories(tmp_path)
    updated: list[int] = []  # how many parts each frame is stored in
    chunked = states.chunked

    def counted(*args: Any) -> Any:
        parts = list(chunked(*args))
        updated.append(len(parts))
        return iter(parts)

    monkeypatch.setattr(states, "chunked", counted)
    write_story(seeds, "lagos-navy", *ADDED_STORY)
    build(seeds, root, options=EngineOptions(jobs=1))
    assert max(updated) == 1  # one part per frame: the new story's bucket, or the whole
    again = tmp_path / "again"  # the same seeds built from nothing into another folder
    shutil.copytree(root, again, ignore=shutil.ignore_patterns("data", "datapackage.json"))
    build(again / "seeds", again, options=EngineOptions(jobs=1))
    with open_store("") as store:
        assert store is not None
        parts, whole = store.get_state(root), store.get_state(again)
    assert parts is not None and whole is not None
    assert len(parts) > states.CHUNKS
    assert parts.keys() == whole.keys()
    for name in parts.keys() - {states.HEADER, states.LISTED}:  # every frame the same rows
        assert pl.read_ipc(io.BytesIO(parts[name])).equals(pl.read_ipc(io.BytesIO(whole[name])))
    assert parts[states.LISTED] == whole[states.LISTED]


def test_csv_files_are_spliced_from_the_published_ones_only_when_unchanged_since(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dateline.write.package as writing

    root, seeds = built_stories(tmp_path)
    calls = calls_of(monkeypatch, writing, "spliced_csv", lambda out, _, schema, *__: (schema, out))

    def spliced() -> list[str]:
        return [schema.name for schema, out in calls if out is not None]

    date, body = STORIES["abuja-budget"]
    write_story(seeds, "abuja-budget", date, body + "\nThe vote is due on Friday.\n")
    build(seeds, root, options=EngineOptions(jobs=1))
    assert "mentions" in spliced()  # a few of its rows changed
    same_as_clean_build(seeds, root, tmp_path / "clean")
    mentions = root / "data" / "csv" / "mentions.csv"
    mentions.write_bytes(mentions.read_bytes().replace(b"\n", b"\r\n", 1))  # edited since
    write_story(seeds, "abuja-budget", date, body)
    calls.clear()
    build(seeds, root, options=EngineOptions(jobs=1))
    assert "mentions" not in spliced() and "quotes" in spliced()
    same_as_clean_build(seeds, root, tmp_path / "clean-again")


def test_the_profile_reads_the_texts_of_the_sources_written_only_for_those_entries() -> None:
    import json

    from dateline.validate.profiles import profile_issues, source_text

    root = Path(__file__).resolve().parents[1]
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    sources = descriptor["sources"]
    passed = {source_text(s) for s in sources}
    texts = [source_text(s) for s in sources]
    assert profile_issues(root, descriptor, passed, written=(sources, texts)) == []
    bad = {"title": 5}
    broken = {**descriptor, "sources": [*sources[:-1], bad]}  # the file differs from what was
    assert profile_issues(root, broken, passed, written=(sources, texts))  # written: recomputed
    lying = [*texts[:-1], source_text(sources[0])]  # texts of what was written are trusted
    assert profile_issues(root, broken, passed, written=([*sources[:-1], bad], lying)) == []


def test_a_whole_state_is_stored_before_writing_and_an_update_beside_it(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first build stores its whole state before it writes the files (its frames are then
    freed: the build's peak memory); a build that updates a few parts of it stores them on
    another thread while it writes and validates."""
    import threading

    import dateline.build as building
    import dateline.write as writing

    events: list[tuple[str, str]] = []
    keep, write = building.keep_state, writing.write_package

    def kept(*args: Any, **kwargs: Any) -> Any:
        out = keep(*args, **kwargs)
        events.append(("stored", threading.current_thread().name))
        return out

    def written(*args: Any, **kwargs: Any) -> Any:
        events.append(("writing", threading.current_thread().name))
        return write(*args, **kwargs)

    monkeypatch.setattr(building, "keep_state", kept)
    monkeypatch.setattr(writing, "write_package", written)
    root, seeds = built_stories(tmp_path)
    assert [e for e, _ in events] == ["stored", "writing"]
    events.clear()
    write_story(seeds, "lagos-navy", *ADDED_STORY)
    build(seeds, root, options=EngineOptions(jobs=1))
    assert sorted(e for e, _ in events) == ["stored", "writing"]
    assert dict(events)["stored"].startswith("dateline-state")
    assert dict(events)["writing"] == threading.main_thread().name
