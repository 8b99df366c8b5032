"""Issue 10, security and clean errors: each failure reproduced on inputs composed here.

Tests that guard against a hang run the CLI in a subprocess with a timeout, so a regression
fails instead of hanging CI.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.article import read_article, read_seed_files, read_seeds
from dateline.cli import app
from dateline.cli.common import error_text, os_error_text
from dateline.corrections import (
    CorrectionError,
    apply_corrections,
    load_corrections,
    parse_corrections,
)
from dateline.diff import DiffError, diff
from dateline.errors import DatelineError, SeedError
from dateline.evaluate.gold import GoldError, load_doc
from dateline.metadata import load_settings
from dateline.validate import Report, validate_package
from dateline.validate.issues import Issue
from dateline.validate.report import format_github, format_json, format_text, printable
from dateline.write.package import write_atomic
from fixtures.git import git, needs_git
from fixtures.minipkg import BODY, DOC, HEADER, build, edit, rows, texts

TIMEOUT = 60
DEEP = "[" * 100_000 + "]" * 100_000
SECRET = "TOPSECRET-do-not-print"
WIRE = "date 2025-10-01\nBAGHDAD — Troops left the base on Monday, officials said.\n"

fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``dateline ARGS`` in a fresh interpreter, killed (and failed) after ``TIMEOUT`` s."""
    return subprocess.run(
        [sys.executable, "-m", "dateline", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=cwd,
        check=False,
    )


def codes(report: Report) -> set[str]:
    return {i.code for i in report.issues}


def all_text(report: Report) -> str:
    return format_text(report) + format_json(report) + format_github(report)


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    return build(tmp_path / "pkg")


# ---------------------------------------------------------------- security


def test_validate_checks_doc_id_before_it_becomes_a_path(tmp_path: Path, pkg: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"date 2025-10-01\n{SECRET} {BODY}", encoding="utf-8")
    # seeds/../../outside/secret.txt is tmp_path/outside/secret.txt
    edit(pkg, "data/csv/documents.csv", "\ndoc1,", "\n../../outside/secret,")
    report = validate_package(pkg)
    assert SECRET not in all_text(report)
    # one problem, one issue: the pattern the id breaks, which is also why it is not a path
    (issue,) = [i for i in report.issues if "doc-id" in (i.code, *i.also)]
    assert (issue.table, issue.row, issue.field) == ("documents", 1, "doc_id")


def test_seed_symlinked_outside_seeds_is_refused(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (tmp_path / "elsewhere.txt").write_text(WIRE, encoding="utf-8")
    (seeds / "a.txt").symlink_to(tmp_path / "elsewhere.txt")
    with pytest.raises(SeedError, match="outside") as err:
        read_seeds(seeds)
    assert err.value.file == str(seeds / "a.txt")
    result = CliRunner().invoke(app, ["build", "--seeds", str(seeds), "--out", str(tmp_path)])
    assert result.exit_code == 1 and "outside" in result.output
    assert not (tmp_path / "data").exists() and not (tmp_path / "datapackage.json").exists()


def test_seed_symlinked_inside_seeds_is_read(tmp_path: Path):
    seeds = tmp_path / "seeds"
    (seeds / "sub").mkdir(parents=True)
    (seeds / "sub" / "real.txt").write_text(WIRE, encoding="utf-8")
    (seeds / "a.txt").symlink_to(seeds / "sub" / "real.txt")
    assert [a.doc_id for a in read_seeds(seeds)] == ["a"]


def test_seed_files_come_sorted_by_name_and_only_txt(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("b.txt", "a-b.txt", "a.txt", "a.corrections.yaml", "c.TXT", "a_b.txt"):
        (seeds / name).write_text(WIRE, encoding="utf-8")
    names = [path.name for path, _ in read_seed_files(seeds)]
    assert names == ["a-b.txt", "a.txt", "a_b.txt", "b.txt"]
    assert names == [p.name for p in sorted(seeds.glob("*.txt"))]


def test_validate_refuses_a_seed_symlinked_outside(tmp_path: Path, pkg: Path):
    target = tmp_path / "copy.txt"
    target.write_text(HEADER + BODY, encoding="utf-8")
    (pkg / "seeds" / f"{DOC}.txt").unlink()
    (pkg / "seeds" / f"{DOC}.txt").symlink_to(target)
    report = validate_package(pkg)
    (issue,) = [i for i in report.issues if i.code == "seed-invalid"]
    assert "outside" in issue.message


def test_corrections_symlinked_outside_are_refused(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (tmp_path / "c.yaml").write_text("[]\n", encoding="utf-8")
    (seeds / "a.corrections.yaml").symlink_to(tmp_path / "c.yaml")
    with pytest.raises(CorrectionError, match="outside"):
        load_corrections(seeds)


INJECTED = "a\n::error file=x.py::pwned\n.txt"


def command_lines(output: str) -> list[str]:
    """Lines GitHub would run as workflow commands."""
    return [line for line in output.splitlines() if line.lstrip().startswith("::")]


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_file_name_cannot_inject_a_workflow_command(tmp_path: Path, fmt: str):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / INJECTED).write_text(WIRE, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["build", "--seeds", str(seeds), "--out", str(tmp_path), "--format", fmt]
    )
    assert result.exit_code == 1
    lines = command_lines(result.output)
    if fmt == "text":
        assert lines == []
    else:  # exactly our one annotation, with the name escaped inside it
        assert len(lines) == 1 and "pwned" in lines[0] and "%0A" in lines[0]


def test_report_and_error_text_escape_names():
    issue = Issue("documents", "data/x\n::error::y.csv", 1, 2, "doc_id", "type", "bad\r\n::x")
    text = format_text(Report([issue]))
    assert command_lines(text) == [] and len(text.splitlines()) == 2
    assert "\\n::error::y.csv" in text
    err = SeedError("bad name\n::error::boom", file="seeds/\u202ex\n.txt", hint="a\n::warning::b")
    assert command_lines(error_text(err)) == []
    assert "\\u202e" in error_text(err)
    assert printable("Kyiv — Київ") == "Kyiv — Київ"


# ---------------------------------------------------------------- special files


@fifo
def test_fifo_seed_does_not_hang_build(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    os.mkfifo(seeds / "x.txt")
    done = cli("build", "--seeds", str(seeds), "--out", str(tmp_path))
    assert done.returncode == 1
    assert "not a regular file" in done.stderr and "x.txt" in done.stderr


@fifo
@pytest.mark.parametrize(
    "rel", ["schemas/events.schema.json", "data/csv/events.csv", f"seeds/{DOC}.txt"]
)
def test_fifo_in_package_does_not_hang_validate(pkg: Path, rel: str):
    (pkg / rel).unlink()
    os.mkfifo(pkg / rel)
    done = cli("validate", str(pkg))
    assert done.returncode == 1, done.stderr
    assert "not a regular file" in done.stdout and rel in done.stdout


@fifo
@pytest.mark.parametrize("command", ["add", "extract"])
def test_fifo_input_does_not_hang(tmp_path: Path, command: str):
    (tmp_path / "seeds").mkdir()
    os.mkfifo(tmp_path / "x.txt")
    extra = ["--date", "2025-10-01", "--no-build"] if command == "add" else []
    done = cli(command, str(tmp_path / "x.txt"), *extra, cwd=tmp_path)
    assert done.returncode == 1
    assert "not a regular file" in done.stderr and "x.txt" in done.stderr
    assert os.listdir(tmp_path / "seeds") == []


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("command", ["add", "extract"])
def test_dev_zero_is_refused_not_read(tmp_path: Path, command: str):
    (tmp_path / "seeds").mkdir()
    extra = ["--date", "2025-10-01", "--no-build"] if command == "add" else []
    done = cli(command, "/dev/zero", *extra, cwd=tmp_path)
    assert done.returncode == 1
    assert "/dev/zero" in done.stderr and "character device" in done.stderr


def test_oversized_seed_is_refused_by_size(tmp_path: Path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"date 2025-10-01\n" + b"x" * 2_000_001)
    with pytest.raises(SeedError, match="the limit is 2,000,000"):
        read_article(path)


# ---------------------------------------------------------------- malformed structure


def test_deep_json_descriptor_is_an_issue(pkg: Path):
    (pkg / "datapackage.json").write_text(DEEP, encoding="utf-8")
    report = validate_package(pkg)
    assert [i.code for i in report.issues] == ["descriptor"]
    assert "nested too deeply" in report.issues[0].message


def test_deep_json_gold_is_a_gold_error(tmp_path: Path):
    (tmp_path / "a.json").write_text(DEEP, encoding="utf-8")
    (tmp_path / "a.txt").write_text(WIRE, encoding="utf-8")
    with pytest.raises(GoldError, match="nested too deeply") as err:
        load_doc(tmp_path / "a.json", tmp_path / "a.txt")
    assert err.value.file == str(tmp_path / "a.json")


def test_deep_json_diff_input_is_a_diff_error(tmp_path: Path, pkg: Path):
    other = build(tmp_path / "other")
    (other / "datapackage.json").write_text(DEEP, encoding="utf-8")
    with pytest.raises(DiffError, match="nested too deeply"):
        diff(str(pkg), str(other))
    (other / "datapackage.json").write_text(
        (pkg / "datapackage.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (other / "schemas" / "events.schema.json").write_text(DEEP, encoding="utf-8")
    with pytest.raises(DiffError, match="nested too deeply"):
        diff(str(pkg), str(other))


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("$schema", 5),
        ("$schema", ["x"]),
        ("$schema", {"a": 1}),
        ("resources", None),
        ("resources", 3),
        ("resources", "data/x.csv"),
    ],
)
def test_descriptor_of_the_wrong_json_type_is_an_issue(pkg: Path, key: str, value: object):
    path = pkg / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    desc[key] = value
    path.write_text(json.dumps(desc), encoding="utf-8")
    report = validate_package(pkg)
    messages = [i.message for i in report.issues if i.field == key]
    assert messages and all(key in m for m in messages)


def test_csv_integer_beyond_64_bits_is_a_type_issue(pkg: Path):
    edit(pkg, "data/csv/documents.csv", ",22,145,", ",100000000000000000000000,145,")
    report = validate_package(pkg)
    (issue,) = [i for i in report.issues if i.code == "type"]
    assert (issue.row, issue.field) == (1, "word_count") and "out of range" in issue.message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("licenses: 5\n", 1),
        ("title: [a, b]\n", 1),
        ('version: "1.0.0"\ndescription: {a: 1}\n', 2),
        ("contributors: [5]\n", 1),
        ("licenses:\n  - title: no name\n", 1),
        ("[" * 10_000, None),
    ],
)
def test_package_yaml_of_the_wrong_type_names_the_file(tmp_path: Path, text: str, line):
    path = tmp_path / "package.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SeedError) as err:
        load_settings(path)
    assert err.value.file == str(path) and err.value.line == line


@needs_git
def test_diff_of_a_git_tree_whose_data_is_a_symlink(tmp_path: Path):
    repo = tmp_path / "repo"
    build(repo)
    shutil.rmtree(repo / "data")
    (repo / "data").symlink_to("/etc")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "one")
    with pytest.raises(DiffError) as err:
        diff("HEAD", "HEAD", repo)
    assert "HEAD" in str(err.value)


def test_diff_of_a_folder_whose_data_is_a_symlink_out(tmp_path: Path, pkg: Path):
    other = build(tmp_path / "other")
    shutil.rmtree(other / "data")
    (other / "data").symlink_to(pkg / "data")
    with pytest.raises(DiffError, match="outside the package"):
        diff(str(pkg), str(other))


# ---------------------------------------------------------------- corrections


def corrections(text: str) -> list:
    return parse_corrections(text, file="seeds/doc1.corrections.yaml", doc_id=DOC)


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_correction_latitude_must_be_finite(value: str):
    text = f"- op: set_location\n  location_id: geonames:98182\n  latitude: {value}\n"
    with pytest.raises(CorrectionError) as err:
        corrections(text)
    assert err.value.line == 3 and "latitude" in err.value.message


def test_correction_date_interval_runs_forward():
    text = (
        "- op: add_event\n  evidence: x\n  trigger: x\n  event_type: RETREAT\n"
        "  date_start: 2025-10-02\n  date_end: 2025-10-01\n"
    )
    with pytest.raises(CorrectionError, match="before date_start") as err:
        corrections(text)
    assert err.value.line == 6


def test_validate_checks_every_date_interval(tmp_path: Path):
    import datetime as dt

    data = rows()
    data["events"][0]["date_end"] = dt.date(2025, 9, 1)
    report = validate_package(build(tmp_path / "p", data))
    (issue,) = [i for i in report.issues if i.code == "interval"]
    assert (issue.table, issue.row, issue.field) == ("events", 1, "date_end")
    assert issue.validator == "intervals" and "before date_start" in issue.message


def test_corrections_file_without_its_seed_is_refused():
    from dateline.tables import to_frame

    frames = {t: to_frame(t, r) for t, r in rows().items()}
    orphan = parse_corrections(
        "- op: drop\n  table: actors\n  id: usa-pentagon\n",
        file="seeds/gone.corrections.yaml",
        doc_id="gone",
    )
    with pytest.raises(CorrectionError, match=r"no seed article gone\.txt") as err:
        apply_corrections(frames, orphan, texts())
    assert err.value.file == "seeds/gone.corrections.yaml"


# ---------------------------------------------------------------- files and messages


def test_csv_with_crlf_line_ends_is_invalid(pkg: Path):
    path = pkg / "data" / "csv" / "actors.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    from fixtures.minipkg import rehash

    rehash(pkg)
    report = validate_package(pkg)
    (issue,) = [i for i in report.issues if i.code == "line-ends"]
    assert (issue.file, issue.line) == ("data/csv/actors.csv", 1)


def test_cr_inside_a_quoted_cell_is_not_a_line_end(pkg: Path):
    edit(pkg, "data/csv/actors.csv", "Pentagon spokesman", '"Pentagon\r\nspokesman"')
    assert "line-ends" not in codes(validate_package(pkg))


def test_disk_full_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def full(self: Path, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_bytes", full)
    target = tmp_path / "data" / "csv" / "events.csv"
    with pytest.raises(OSError) as err:
        write_atomic(target, b"x")
    assert err.value.filename == str(target)
    text = os_error_text(err.value)
    assert str(target) in text and "No space left" in text and "free disk space" in text
    assert not [p for p in (tmp_path / "data").rglob("*") if p.is_file()]  # no temp file left


def test_dateline_errors_never_lose_their_file():
    err = DatelineError("boom", file="a.txt", line=3, hint="fix it")
    assert error_text(err) == "error: a.txt:3: boom\n  fix: fix it"


def test_diff_output_escapes_keys_from_the_data(tmp_path: Path, pkg: Path):
    from dateline.diff import format_markdown
    from dateline.diff import format_text as diff_text

    data = rows()
    data["actors"].append({**data["actors"][1], "actor_id": "x\n::error::pwned"})
    result = diff(str(pkg), str(build(tmp_path / "new", data)))
    assert "x\\n::error::pwned" in diff_text(result)
    assert command_lines(diff_text(result) + format_markdown(result)) == []


def test_deeply_nested_yaml_is_refused_quickly(tmp_path: Path):
    import time

    deep = "[" * 5000
    start = time.perf_counter()
    with pytest.raises(CorrectionError, match="nest"):
        parse_corrections(deep, file="x.corrections.yaml", doc_id="x")
    (tmp_path / "package.yaml").write_text(deep, encoding="utf-8")
    with pytest.raises(SeedError, match="nest"):
        load_settings(tmp_path / "package.yaml")
    (tmp_path / "a.txt").write_text(f"---\n{deep}\n---\nbody\n", encoding="utf-8")
    with pytest.raises(SeedError, match="nest"):
        read_article(tmp_path / "a.txt")
    assert time.perf_counter() - start < 2  # PyYAML alone took ~5-11 s each
