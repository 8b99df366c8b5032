"""The validation layer: one failing fixture per rule, plus the report formats."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dateline.errors import DatelineError
from dateline.schema import Field, load
from dateline.tables import typed_frame
from dateline.validate import Issue, Report, validate_package
from dateline.validate.report import format_github, format_json, format_text
from dateline.validate.schema import breaks_schema, pandera_issues
from dateline.validate.table import TableData
from fixtures.fresh import imports_pandas
from fixtures.minipkg import BODY, DOC, HEADER, Rows, build, edit, rehash, rows


def issues_with(report: Report, code: str) -> list[Issue]:
    found = [i for i in report.issues if i.code == code]
    assert found, f"no {code} issue in:\n{format_text(report)}"
    return found


def assert_names(issue: Issue, table: str, row: int, field: str) -> None:
    """The issue and its message name the table, the row and the field."""
    assert (issue.table, issue.row, issue.field) == (table, row, field), issue
    assert f"{table} row {row}" in issue.message and field in issue.message, issue.message


def built(tmp_path: Path, change: dict[str, dict[int, dict]] | None = None) -> Path:
    """A package from the valid rows with ``{table: {row index: {field: value}}}`` applied."""
    data: Rows = rows()
    for table, by_row in (change or {}).items():
        for index, values in by_row.items():
            data[table][index] = data[table][index] | values
    return build(tmp_path / "pkg", data)


def test_valid_package(tmp_path: Path) -> None:
    report = validate_package(built(tmp_path))
    assert report.valid, format_text(report)
    assert report.tables == {
        "locations": 2,
        "documents": 1,
        "actors": 3,
        "quotes": 1,
        "events": 1,
        "mentions": 2,
    }
    assert report.to_json()["valid"] is True
    assert format_github(report) == ""
    assert format_text(report).startswith("valid")


def test_wrong_enum(tmp_path: Path) -> None:
    report = validate_package(built(tmp_path, {"events": {0: {"event_type": "RIOT"}}}))
    (issue,) = issues_with(report, "enum")
    assert_names(issue, "events", 1, "event_type")
    assert issue.validator == "pandera" and issue.value == "RIOT" and issue.line == 2
    # frictionless reports the same cell (CSV and Parquet): one problem, one issue
    assert issue.also == ("frictionless:constraint-error",)
    assert len(report.issues) == 1


def test_bad_date_is_an_error_not_null(tmp_path: Path) -> None:
    root = built(tmp_path)
    edit(root, "data/csv/events.csv", "2025-10-01,2025-10-01", "2021-13-01,2025-10-01")
    report = validate_package(root)
    (issue,) = issues_with(report, "type")
    assert_names(issue, "events", 1, "date_start")
    assert issue.value == "2021-13-01"


def test_duplicate_primary_key(tmp_path: Path) -> None:
    data = rows()
    data["actors"].append(data["actors"][0] | {"name": "Another Parnell"})
    report = validate_package(build(tmp_path / "pkg", data))
    (issue,) = issues_with(report, "primary-key")
    assert_names(issue, "actors", 2, "actor_id")
    assert "row 1" in issue.message.split(":", 1)[1]


def test_duplicate_unique_key(tmp_path: Path) -> None:
    data = rows()
    data["mentions"].append(data["mentions"][1] | {"mention_id": "m-3"})
    (issue,) = issues_with(validate_package(build(tmp_path / "pkg", data)), "unique-key")
    assert_names(issue, "mentions", 3, "doc_id")


def test_dangling_foreign_key(tmp_path: Path) -> None:
    report = validate_package(built(tmp_path, {"events": {0: {"actor_id": "nobody"}}}))
    (issue,) = issues_with(report, "foreign-key")
    assert_names(issue, "events", 1, "actor_id")
    assert "'nobody'" in issue.message and "actors" in issue.message
    assert "frictionless:foreign-key" in issue.also


def test_dangling_self_reference(tmp_path: Path) -> None:
    report = validate_package(built(tmp_path, {"actors": {0: {"affiliation_id": "nobody"}}}))
    (issue,) = issues_with(report, "foreign-key")
    assert_names(issue, "actors", 1, "affiliation_id")
    assert "frictionless:foreign-key" in issue.also


def test_evidence_mismatch(tmp_path: Path) -> None:
    report = validate_package(built(tmp_path, {"mentions": {0: {"text": "Baghdad"}}}))
    (issue,) = issues_with(report, "evidence-mismatch")
    assert_names(issue, "mentions", 1, "text")
    assert "'BAGHDAD'" in issue.message


def test_offsets_reversed(tmp_path: Path) -> None:
    report = validate_package(
        built(tmp_path, {"quotes": {0: {"speaker_start": 200, "speaker_end": 3}}})
    )
    (issue,) = issues_with(report, "offsets")
    assert_names(issue, "quotes", 1, "speaker_start")


def test_parquet_csv_mismatch(tmp_path: Path) -> None:
    root = built(tmp_path)
    edit(root, "data/csv/actors.csv", "U.S. military", "US military")
    (issue,) = issues_with(validate_package(root), "csv-parquet-mismatch")
    assert_names(issue, "actors", 2, "name")


def test_tampered_hash(tmp_path: Path) -> None:
    root = built(tmp_path)
    edit(root, "data/csv/mentions.csv", ",Sean Parnell,", ',"Sean Parnell",', fix_hash=False)
    report = validate_package(root)
    (issue,) = issues_with(report, "hash")  # no cell differs from the Parquet file
    assert issue.table == "mentions" and issue.file == "data/csv/mentions.csv"
    assert set(issue.also) == {"bytes", "frictionless:byte-count", "frictionless:hash-count"}


def test_a_file_the_build_wrote_is_read_back_but_not_hashed_again(tmp_path: Path) -> None:
    """A build hands the validator the SHA-256 of the bytes it wrote: the file is read back
    for its size and line ends, and its hash is that one (reading it back at once gives the
    bytes just written); `dateline validate` hashes every file."""
    import hashlib

    from dateline.validate.files import integrity_issues, load_descriptor, table_resources

    root = built(tmp_path)
    rel = "data/csv/mentions.csv"
    written = {rel: hashlib.sha256((root / rel).read_bytes()).hexdigest()}
    edit(root, rel, "Sean Parnell", "Sean Parneli", fix_hash=False)  # same size
    descriptor, _ = load_descriptor(root)
    assert descriptor is not None
    resources, _ = table_resources(root, descriptor)
    (mentions,) = [r for r in resources.values() if r.rel == rel]
    assert [i.code for i in integrity_issues(mentions)] == ["hash"]
    assert integrity_issues(mentions, written) == []
    edit(root, rel, "Sean Parneli", "Sean Parnell!", fix_hash=False)  # one byte longer
    assert [i.code for i in integrity_issues(mentions, written)] == ["bytes"]
    (root / rel).write_bytes((root / rel).read_bytes().replace(b"\n", b"\r\n", 1))
    assert "line-ends" in {i.code for i in integrity_issues(mentions, written)}


def test_stale_seed_hash(tmp_path: Path) -> None:
    root = built(tmp_path)
    (root / "seeds" / f"{DOC}.txt").write_text(HEADER + BODY.replace("troops", "forces"), "utf-8")
    report = validate_package(root)
    (issue,) = issues_with(report, "seed-hash")
    assert_names(issue, "documents", 1, "text_sha256")


def test_missing_seed(tmp_path: Path) -> None:
    root = built(tmp_path)
    (root / "seeds" / f"{DOC}.txt").unlink()
    (issue,) = issues_with(validate_package(root), "seed-missing")
    assert_names(issue, "documents", 1, "doc_id")


def test_extra_and_duplicate_resources(tmp_path: Path) -> None:
    root = built(tmp_path)
    desc = json.loads((root / "datapackage.json").read_text())
    desc["resources"] += [{"name": "extra", "path": "../../etc/passwd"}, desc["resources"][0]]
    (root / "datapackage.json").write_text(json.dumps(desc))
    report = validate_package(root)
    messages = [i.message for i in issues_with(report, "descriptor")]
    assert any("unknown resource 'extra'" in m for m in messages)
    assert any("used twice" in m for m in messages)
    assert [i.value for i in issues_with(report, "path-unsafe")] == ["../../etc/passwd"]


@pytest.mark.parametrize("bad", ["../outside.csv", "/etc/passwd", "https://example.org/x.csv"])
def test_unsafe_resource_path(tmp_path: Path, bad: str) -> None:
    root = built(tmp_path)
    desc = json.loads((root / "datapackage.json").read_text())
    desc["resources"][2]["path"] = bad
    (root / "datapackage.json").write_text(json.dumps(desc))
    report = validate_package(root)
    (issue,) = issues_with(report, "path-unsafe")
    assert issue.table == desc["resources"][2]["name"] and issue.field == "path"
    assert bad in issue.message
    assert not [i for i in report.issues if i.validator == "frictionless"]


def test_parquet_schema_drift(tmp_path: Path) -> None:
    root = built(tmp_path)
    path = root / "data" / "parquet" / "locations.parquet"
    table = pq.read_table(path)
    index = table.schema.get_field_index("mention_count")
    table = table.set_column(
        index, pa.field("mention_count", pa.int32()), table["mention_count"].cast(pa.int32())
    )
    pq.write_table(table, path)
    rehash(root)
    (issue,) = issues_with(validate_package(root), "parquet-schema")
    assert issue.field == "mention_count" and "int32" in issue.message


def test_missing_descriptor(tmp_path: Path) -> None:
    report = validate_package(tmp_path)
    assert not report.valid and report.issues[0].code == "descriptor"


def test_line_differs_from_row_after_multiline_cell(tmp_path: Path) -> None:
    data = rows()
    said = "officials said"
    start = BODY.index(said)
    data["quotes"].append(
        data["quotes"][0]
        | {
            "quote_id": "q-2",
            "text": said,
            "char_start": start,
            "char_end": start + len(said),
            "quote_type": "indirect",
            "speaker_text": None,
            "speaker_start": None,
            "speaker_end": None,
            "method": "guess",
        }
    )
    report = validate_package(build(tmp_path / "pkg", data))
    (issue,) = issues_with(report, "enum")
    assert_names(issue, "quotes", 2, "method")
    assert issue.line == 4  # header, then row 1 on lines 2-3
    assert issue.also == ("frictionless:constraint-error",)


def test_report_formats(tmp_path: Path) -> None:
    change = {"events": {0: {"actor_id": "nobody", "target_id": "nobody-either", "status": "x"}}}
    report = validate_package(built(tmp_path, change))
    data = json.loads(format_json(report))
    assert data["valid"] is False and data["error_count"] == len(report.issues)
    assert format_json(report) == format_json(validate_package(tmp_path / "pkg"))
    github = format_github(report, limit=1)
    first = github.splitlines()[0]
    assert first.startswith("::error file=data/csv/events.csv,line=2,title=events%3A ")
    assert "2 foreign-key errors (first at row 1, field actor_id:" in github
    assert github.count("::error") == 1 and "more groups" in github
    assert "data/csv/events.csv:2: [foreign-key]" in format_text(report)
    assert "(also: frictionless:foreign-key)" in format_text(report)


def broken_values(field: Field, value: object) -> list[object]:
    """Values that break each constraint of ``field`` (``value``: a valid one)."""
    out: list[object] = []
    if field.enum:
        out.append("NOT-IN-THE-ENUM")
    if field.pattern:
        out += ["!?", f"x{value}"]
    if field.minimum is not None:
        out.append(field.minimum - 1)
    if field.maximum is not None:
        out.append(field.maximum + 1)
    if field.min_length:
        out.append("")
    if field.max_length is not None:
        out.append("x" * (field.max_length + 1))
    if field.required:
        out.append(None)
    return out


def test_breaks_schema_agrees_with_pandera() -> None:
    """The columnar check a build runs on changed rows finds a problem exactly where pandera
    does: valid rows, each constraint of each field broken in turn, a unique value twice."""
    cases = 0
    for table, valid in rows().items():
        schema = load(table)
        frames = [typed_frame(table, valid)]
        for field in schema.fields:
            for bad in broken_values(field, valid[0].get(field.name)):
                try:
                    frames.append(typed_frame(table, [valid[0] | {field.name: bad}, *valid[1:]]))
                except (DatelineError, TypeError, ValueError, pl.exceptions.PolarsError):
                    continue  # not a value of the field's type: typing refuses it
            if field.unique and valid[0].get(field.name) is not None:
                frames.append(typed_frame(table, [valid[0], *valid]))
        for frame in frames:
            data = TableData(schema, f"data/csv/{table}.csv", frame)
            assert breaks_schema(data) == bool(pandera_issues(data)), (table, frame.row(0))
            cases += 1
    assert cases > 40


REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("table", ["events", "actors", "locations", "quotes", "mentions"])
@pytest.mark.parametrize("written", [True, False])
def test_parquet_read_back_by_polars_equals_pyarrow(table: str, written: bool) -> None:
    """A file the build has just written is read by polars' own reader, any other by
    pyarrow: every value, enums as strings, lists and dates, is what pyarrow reads."""
    from dateline.schema.polars import polars_schema
    from dateline.validate.frames import read_parquet

    path = REPO / "data" / "parquet" / f"{table}.parquet"
    rel = f"data/parquet/{table}.parquet"
    data, issues = read_parquet(path, load(table), rel, written=written)
    assert not issues and data is not None and data.frame.height > 0
    arrow = pq.read_table(path)
    plain = pa.table(
        [c.cast(pa.string()) if pa.types.is_dictionary(c.type) else c for c in arrow.columns],
        names=arrow.column_names,
    )
    expected = pl.DataFrame(pl.from_arrow(plain)).cast(polars_schema(load(table)))
    assert data.frame.equals(expected)


def test_a_file_that_is_not_parquet_is_an_issue(tmp_path: Path) -> None:
    from dateline.validate.frames import read_parquet

    path = tmp_path / "events.parquet"
    path.write_bytes(b"PAR1 not really")
    data, issues = read_parquet(path, load("events"), "data/parquet/events.parquet")
    assert data is None and [i.code for i in issues] == ["parquet-schema"]


@pytest.mark.parametrize("table", ["mentions", "quotes"])
def test_a_parquet_file_with_corrupt_bytes_is_an_issue_or_reads(table: str, tmp_path: Path) -> None:
    """Bytes changed anywhere in a Parquet file from elsewhere give an issue (or rows the other
    checks then judge), never an exception or an aborted process: such files are read by
    pyarrow, not by polars' reader, which aborts on some corrupt pages."""
    import random
    import struct

    from dateline.validate.frames import read_parquet

    data = (REPO / "data" / "parquet" / f"{table}.parquet").read_bytes()
    footer = len(data) - 8 - struct.unpack("<I", data[-8:-4])[0]
    chance = random.Random(7)
    codes = set()
    for trial in range(60):
        spoilt = bytearray(data)
        for _ in range(chance.randint(1, 5)):
            end = len(data) - 8 if trial % 3 == 0 else footer
            spoilt[chance.randrange(4, end)] = chance.randrange(256)
        path = tmp_path / f"{trial}.parquet"
        path.write_bytes(bytes(spoilt))
        read, issues = read_parquet(path, load(table), f"data/parquet/{table}.parquet")
        codes |= {i.code for i in issues} if read is None else {"read"}
    assert codes <= {"parquet-schema", "read"} and "parquet-schema" in codes


def test_reading_parquet_back_does_not_import_pandas() -> None:
    """``pq.read_table`` goes through pyarrow.dataset, which imports pandas (0.3 s of CPU in a
    build that never otherwise loads it): the validator reads without it."""
    code = (
        "from pathlib import Path\n"
        "from dateline.schema import TABLES, load\n"
        "from dateline.validate.frames import read_parquet\n"
        f"root = Path({str(REPO)!r}) / 'data' / 'parquet'\n"
        "for t in TABLES:\n"
        "    data, issues = read_parquet(root / f'{t}.parquet', load(t), t)\n"
        "    assert data is not None and not issues, issues\n"
    )
    assert not imports_pandas(code)


def test_csv_bytes_read_as_their_text_with_bad_bytes_and_a_bom_reported(tmp_path: Path) -> None:
    """The validator reads a CSV file's cells as the package's reader reads its decoded text
    (CRLF, non-ASCII, a bad byte as U+FFFD), reporting a bad byte at its line and a
    byte-order mark at line 1."""
    from dateline.package.codec import reader
    from dateline.validate.frames import read_csv_bytes

    root = built(tmp_path)
    raw = (root / "data/csv/mentions.csv").read_bytes()
    lines = raw.split(b"\n")
    lines[2] = lines[2].replace(b"Parnell", b"Parn\xe9ll", 1)  # Latin-1, not UTF-8
    variants = {
        "as written": raw,
        "a bad byte": b"\n".join(lines),
        "a byte-order mark": b"\xef\xbb\xbf" + raw,
        "CRLF": raw.replace(b"\n", b"\r\n"),
        "non-ASCII": raw.replace(b"Sean", "Seán “Sé”".encode(), 1),
    }
    schema = load("mentions")
    for name, data in variants.items():
        got, issues = read_csv_bytes(data, schema, "data/csv/mentions.csv")
        text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
        expected = list(reader(text))
        column = expected[0].index("text")
        assert got.frame.get_column("text").to_list() == [r[column] for r in expected[1:]], name
        assert len(got.lines) == got.frame.height, name
        codes = [(i.code, i.line) for i in issues if i.code == "encoding"]
        if name == "a bad byte":
            assert codes == [("encoding", 3)]
            assert "Sean Parn\ufffdll" in got.frame.get_column("text").to_list()
        elif name == "a byte-order mark":
            assert codes == [("encoding", 1)]
        else:
            assert codes == [], name
    same, _ = read_csv_bytes(variants["non-ASCII"], schema, "x")
    assert "Seán “Sé” Parnell" in same.frame.get_column("text").to_list()
