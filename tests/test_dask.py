"""The Dask engine (``build --engine dask``): the same bytes as the local engine, on a local
cluster of two worker processes."""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.build import build
from dateline.cli import app
from dateline.engine import CacheReport, EngineOptions
from dateline.engine.distributed import check_versions, partitions
from dateline.errors import BuildError
from fixtures.corpus import dev_articles


def test_partitions_keep_order_and_balance():
    items = list(range(100))
    parts = partitions(items, workers=2)
    assert [i for p in parts for i in p] == items
    assert len(parts) == 8 and {len(p) for p in parts} <= {13, 9}
    assert partitions(items[:3], workers=2) == [[0], [1], [2]]
    assert max(len(p) for p in partitions(list(range(10_000)), workers=2)) == 32
    assert partitions([], workers=2) == []


class Workers:
    """A stand-in for a Dask client whose workers report extractor versions."""

    def __init__(self, versions: dict[str, str]) -> None:
        self.versions = versions

    def run(self, function):
        return self.versions


def test_workers_with_another_extractor_version_are_refused():
    from dateline.engine.version import extractor_version

    mine = extractor_version()
    check_versions(Workers({"tcp://a:1": mine, "tcp://b:1": mine}))
    with pytest.raises(BuildError, match=r"tcp://b:1 run another extractor version"):
        check_versions(Workers({"tcp://a:1": mine, "tcp://b:1": "0" * 32}))


def digest(out: Path) -> dict[str, str]:
    files = [*sorted((out / "data").rglob("*")), out / "datapackage.json"]
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in files
        if p.is_file()
    }


def copy_seeds(tmp_path: Path, n: int) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in dev_articles()[:n]:
        shutil.copyfile(path, seeds / path.name)
    return seeds


needs_dask = pytest.mark.skipif(
    not dev_articles() or importlib.util.find_spec("distributed") is None,
    reason="needs ../shared/corpus and the dask extra",
)


@needs_dask
def test_dask_build_with_a_scheduler_address_is_byte_identical(tmp_path: Path):
    """`build --engine dask --scheduler ADDRESS` on a running (in-process) cluster."""
    from dask.distributed import LocalCluster

    seeds = copy_seeds(tmp_path, 6)
    build(seeds, tmp_path / "local", options=EngineOptions(jobs=1, cache=False))
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        args = ["build", "--seeds", str(seeds), "--out", str(tmp_path / "dask"), "--no-cache"]
        args += ["--engine", "dask", "--scheduler", cluster.scheduler_address]
        result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "extracted 6 article(s), 0 from the cache" in result.output
    assert digest(tmp_path / "dask") == digest(tmp_path / "local")


@needs_dask
def test_dask_build_on_its_own_local_cluster_is_byte_identical(tmp_path: Path):
    """The default: a local cluster of --jobs worker processes, started and closed by the build
    (the articles and the extractor travel to other processes)."""
    seeds = copy_seeds(tmp_path, 3)
    build(seeds, tmp_path / "local", options=EngineOptions(jobs=1, cache=False))
    report = CacheReport()
    options = EngineOptions("dask", jobs=2, cache=False)
    build(seeds, tmp_path / "dask", options=options, cache_report=report)
    assert report.extracted == 3
    assert digest(tmp_path / "dask") == digest(tmp_path / "local")


def test_scheduler_without_the_dask_engine_is_a_usage_error(tmp_path: Path):
    result = CliRunner().invoke(app, ["build", "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "--scheduler needs --engine dask" in result.output
