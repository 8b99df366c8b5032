"""End to end: `dateline build` on the seeds, determinism, and failures that keep old data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.build import build
from dateline.cli import app
from dateline.errors import SeedError
from dateline.package.layout import DUCKDB_VIEWS, csv_path, parquet_path

ROOT = Path(__file__).parents[1]
SEEDS = ROOT / "seeds"


def files(root: Path) -> dict[str, bytes]:
    data = (root / "data").rglob("*")
    out = {p.relative_to(root).as_posix(): p.read_bytes() for p in data if p.is_file()}
    out["datapackage.json"] = (root / "datapackage.json").read_bytes()
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pkg")
    build(SEEDS, out)
    return out


def test_build_writes_every_table_twice(built: Path):
    names = {p.relative_to(built).as_posix() for p in (built / "data").rglob("*")}
    for table in ("documents", "actors", "locations", "events", "quotes", "mentions"):
        assert {csv_path(table), parquet_path(table)} <= names
    assert (built / "schemas" / "events.schema.json").is_file()
    assert (built / DUCKDB_VIEWS).is_file()


def test_builds_are_byte_identical(built: Path, tmp_path: Path):
    build(SEEDS, tmp_path)
    assert files(tmp_path) == files(built)


def test_committed_data_is_current(built: Path):
    """data/ and datapackage.json in the repository are what the seeds build."""
    assert files(ROOT) == files(built)


def test_validate_cli_exit_codes(built: Path, tmp_path: Path):
    runner = CliRunner()
    ok = runner.invoke(app, ["validate", str(built), "--seeds", str(SEEDS)])
    assert ok.exit_code == 0, ok.output
    broken = tmp_path / "pkg"
    shutil.copytree(built, broken)
    csv = broken / "data" / "csv" / "quotes.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("partial", "sarcastic", 1), "utf-8")
    bad = runner.invoke(app, ["validate", str(broken), "--seeds", str(SEEDS), "--format", "json"])
    assert bad.exit_code == 1
    assert '"code": "enum"' in bad.output
    usage = runner.invoke(app, ["validate", "--format", "yaml"])
    assert usage.exit_code == 2


def test_bad_seed_leaves_old_data_untouched(built: Path, tmp_path: Path):
    out = tmp_path / "pkg"
    shutil.copytree(built, out)
    before = files(out)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "bad.txt").write_bytes(b"date 2025-02-30 BAGHDAD \xe2\x80\x94 Text.")
    with pytest.raises(SeedError, match="bad date"):
        build(seeds, out)
    assert files(out) == before
    result = CliRunner().invoke(app, ["build", "--seeds", str(seeds), "--out", str(out)])
    assert result.exit_code == 1
    assert "bad.txt:1" in result.output
    assert files(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".dateline-")]


def test_extract_cli_prints_json():
    result = CliRunner().invoke(app, ["extract", str(SEEDS / "000_a2706479377c0f40.txt")])
    assert result.exit_code == 0
    assert '"speaker_id": "sean-parnell"' in result.output


def test_package_yaml_sets_the_version(tmp_path: Path):
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEEDS / "000_a2706479377c0f40.txt", tmp_path / "seeds")
    (tmp_path / "package.yaml").write_text('version: "1.2.3"\n', encoding="utf-8")
    build(tmp_path / "seeds", tmp_path)
    assert '"version": "1.2.3"' in (tmp_path / "datapackage.json").read_text(encoding="utf-8")
    (tmp_path / "package.yaml").write_text("version: 1.2\n", encoding="utf-8")
    with pytest.raises(SeedError, match=r"MAJOR\.MINOR\.PATCH"):
        build(tmp_path / "seeds", tmp_path)
