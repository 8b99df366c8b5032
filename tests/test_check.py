"""``dateline check``: stale or hand-edited data, build failures, GitHub output, the base diff."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from dateline.check import first_difference, markdown_summary, run_check
from dateline.errors import SeedError
from fixtures.git import git, needs_git
from fixtures.minipkg import build, rows


def fresh_builder(seeds: Path, out: Path) -> None:
    """A stand-in for ``dateline build``: writes the fixture package (what the seeds 'produce')."""
    build(out)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return build(tmp_path / "repo")


def check(root: Path, **kwargs):
    return run_check(root, root / "seeds", builder=kwargs.pop("builder", fresh_builder), **kwargs)


def codes(result) -> list[str]:
    return [i.code for i in result.report.issues]


def test_fresh_and_valid(root: Path):
    result = check(root)
    assert result.valid, result.report.issues
    assert result.report.tables["quotes"] == 1
    assert "valid ✅" in markdown_summary(result)


def test_hand_edited_csv_is_stale_with_line(root: Path):
    csv = root / "data" / "csv" / "actors.csv"
    lines = csv.read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2].replace("U.S. military", "US military")
    csv.write_text("\n".join(lines), encoding="utf-8")
    result = check(root)
    assert not result.valid
    # one problem, one issue: the edited cell, which also makes the file stale
    (issue,) = result.report.issues
    assert (issue.file, issue.line, issue.table, issue.field) == (
        "data/csv/actors.csv",
        3,
        "actors",
        "name",
    )
    assert issue.code == "csv-parquet-mismatch" and "stale-data" in issue.also
    assert "hash" in issue.also and "frictionless:hash-count" in issue.also


def test_missing_and_extra_files(root: Path):
    (root / "data" / "parquet" / "events.parquet").unlink()
    (root / "data" / "notes.txt").write_text("hi", encoding="utf-8")
    result = check(root)
    messages = {i.file: i.message for i in result.report.issues if i.code == "stale-data"}
    assert "is missing" in messages["data/parquet/events.parquet"]
    assert "is not produced by the build" in messages["data/notes.txt"]


def test_stale_after_new_seed(root: Path):
    def newer(seeds: Path, out: Path) -> None:
        data = rows()
        data["actors"].append({**data["actors"][1], "actor_id": "usa-army", "name": "U.S. Army"})
        build(out, data)

    result = check(root, builder=newer)
    files = sorted(i.file for i in result.report.issues if i.code == "stale-data")
    assert files == ["data/csv/actors.csv", "data/parquet/actors.parquet", "datapackage.json"]


def test_build_failure_is_an_issue_with_file_and_line(root: Path):
    def broken(seeds: Path, out: Path) -> None:
        raise SeedError(
            "bad date '2025-02-30'", file="seeds/doc1.txt", line=1, hint="write YYYY-MM-DD"
        )

    result = check(root, builder=broken)
    (issue,) = [i for i in result.report.issues if i.code == "build-failed"]
    assert (issue.file, issue.line) == ("seeds/doc1.txt", 1)
    assert "fix: write YYYY-MM-DD" in issue.message


def test_first_difference():
    assert first_difference(b"a\nb\nc\n", b"a\nb\nx\n") == 3
    assert first_difference(b"a\n", b"a\nmore\n") == 2


@needs_git
def test_pull_request_diff_against_base(root: Path, monkeypatch: pytest.MonkeyPatch):
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    result = check(root, base="main")
    assert result.diff is not None and result.diff.bump == "none"
    monkeypatch.setenv("GITHUB_BASE_REF", "nope")
    result = check(root)
    assert result.diff is None and "no diff against origin/nope" in (result.diff_note or "")


@needs_git
def test_new_rows_need_a_version_bump(root: Path):
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    data = rows()
    extra = dict(data["documents"][0], doc_id="000_other", title="Another story")
    changed = {**data, "documents": [*data["documents"], extra]}

    def grown(seeds: Path, out: Path) -> None:
        build(out, changed)

    build(root, changed)  # committed: one more row, same version 0.1.0
    result = check(root, base="main", builder=grown)
    assert result.diff is not None and result.diff.bump == "minor"
    issue = next(i for i in result.report.issues if i.code == "version-bump")
    assert issue.file == "package.yaml" and "0.2.0" in issue.message


def cli() -> typer.Typer:
    module = pytest.importorskip(
        "dateline.cli.check", reason="dateline.cli is not importable yet", exc_type=ImportError
    )
    app = typer.Typer()
    module.register(app)
    app.command("noop")(lambda: None)
    return app


@pytest.fixture
def fake_build(monkeypatch: pytest.MonkeyPatch):
    import dateline.check

    monkeypatch.setattr(dateline.check, "default_builder", fresh_builder)


def test_cli_github_format(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_build):
    app = cli()
    (root / "data" / "csv" / "quotes.csv").write_bytes(
        (root / "data" / "csv" / "quotes.csv").read_bytes() + b"junk\n"
    )
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app, ["check", "--root", str(root), "--seeds", str(root / "seeds"), "--format", "github"]
    )
    assert result.exit_code == 1, result.output
    annotations = [line for line in result.output.splitlines() if line.startswith("::error ")]
    assert 1 <= len(annotations) <= 10
    # the junk row is the problem; the stale file is the same problem, named in "also"
    assert any("file=data/csv/quotes.csv" in a and "stale-data" in a for a in annotations)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n") and "problem(s) ❌" in text and "`cell-count`" in text
    report = json.loads((tmp_path / "dateline-report.json").read_text(encoding="utf-8"))
    assert report["valid"] is False and report["error_count"] == len(report["issues"])


def test_cli_text_and_json_valid(root: Path, fake_build):
    app = cli()
    args = ["check", "--root", str(root), "--seeds", str(root / "seeds")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, [*args, "--format", "json", "--report", str(root / "r.json")])
    assert result.exit_code == 0 and json.loads(result.output)["valid"] is True
    assert json.loads((root / "r.json").read_text())["valid"] is True


def test_cli_usage_error(tmp_path: Path):
    result = CliRunner().invoke(
        cli(), ["check", "--root", str(tmp_path), "--seeds", str(tmp_path / "none")]
    )
    assert result.exit_code == 2 and "seed folder not found" in result.output


def test_real_build_of_the_repository_seeds(tmp_path: Path):
    """End to end with the real extractor, once the build is importable."""
    pytest.importorskip(
        "dateline.build", reason="the build is not importable yet", exc_type=ImportError
    )
    repo = Path(__file__).parents[1]
    shutil.copytree(repo / "seeds", tmp_path / "seeds")
    from dateline.check import default_builder

    default_builder(tmp_path / "seeds", tmp_path)
    result = run_check(tmp_path, tmp_path / "seeds")
    assert result.valid, result.report.issues
