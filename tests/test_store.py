"""The extraction cache (dateline.engine.store): keyed by content and extractor version, one
SQLite store, corrupt entries recomputed, and builds byte-identical with and without it."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline import cache
from dateline.article import parse_article
from dateline.build import build
from dateline.cli import app
from dateline.engine import CacheReport, EngineOptions, extract_articles, store
from dateline.engine.version import closure, extractor_version, inputs, package_root, version_of
from dateline.extract import Extraction
from fixtures.corpus import dev_articles

ROOT = Path(__file__).parents[1]
SRC = ROOT / "src"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(folder))
    return folder


def article(body: str, doc_id: str = "story", **meta: object):
    path = f"seeds/{doc_id}.txt"
    found = parse_article(f"date 2025-03-01\n{body}", doc_id=doc_id, where=path, seed_path=path)
    return replace(found, **meta)


def fake_extract(a) -> Extraction:
    """A stand-in extractor that counts its calls in the rows it returns."""
    fake_extract.calls += 1  # type: ignore[attr-defined]
    return Extraction(a.doc_id, {"documents": [{"doc_id": a.doc_id, "title": a.body[:10]}]})


def run(articles, **options) -> tuple[list[Extraction], CacheReport, int]:
    fake_extract.calls = 0  # type: ignore[attr-defined]
    report = CacheReport()
    got = extract_articles(fake_extract, articles, EngineOptions(jobs=1, **options), report)
    return got, report, fake_extract.calls  # type: ignore[attr-defined]


# -- the extractor version ----------------------------------------------------------------------


def test_version_covers_extraction_code_and_data_but_not_the_rest():
    root = package_root()
    modules, external = closure(root)
    assert {
        "dateline.extract.entities",
        "dateline.lexicon.load",
        "dateline.gazetteer.store",
    } <= set(modules)
    assert not {m for m in modules if m.startswith(("dateline.validate", "dateline.cli"))}
    assert "spacy" in external
    files, versions = inputs(root)
    names = {p.relative_to(root).as_posix() for p in files}
    assert "lexicon/data/rules" not in names and any(n.startswith("lexicon/data/") for n in names)
    assert any(n.startswith("gazetteer/data/") for n in names)
    assert any(v.startswith("spacy==") for v in versions)
    assert extractor_version() == extractor_version() == version_of(root)


def test_version_changes_with_extraction_code_or_data_only(tmp_path: Path):
    copy = tmp_path / "dateline"
    shutil.copytree(package_root(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = version_of(copy)
    (copy / "validate" / "keys.py").write_text("# not on the extraction path\n", "utf-8")
    assert version_of(copy) == before
    rules = sorted((copy / "lexicon" / "data").rglob("*.yaml"))[0]
    rules.write_text(rules.read_text("utf-8") + "\n# edited\n", "utf-8")
    edited_data = version_of(copy)
    assert edited_data != before
    segment = copy / "extract" / "segment.py"
    segment.write_text(segment.read_text("utf-8") + "\n# edited\n", "utf-8")
    assert version_of(copy) != edited_data


def test_installed_distributions_are_read_once_until_one_changes(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The versions the extractor version hashes are kept under the names and times of the
    metadata folders on ``sys.path``: installing, upgrading or removing one reads them again."""
    from dateline.engine import version

    site = tmp_path / "site"
    (site / "yaml-6.0.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(site))
    reads = []
    real = version.distribution_of
    monkeypatch.setattr(version, "distribution_of", lambda m: reads.append(m) or real(m))
    first = version.distribution_versions({"spacy"})
    assert reads and any(v.startswith("spacy==") for v in first)
    reads.clear()
    assert version.distribution_versions({"spacy"}) == first and not reads
    (site / "yaml-6.0.dist-info").rename(site / "yaml-6.1.dist-info")
    assert version.distribution_versions({"spacy"}) == first and reads == ["spacy"]


# -- the store --------------------------------------------------------------------------------


def test_miss_then_hit_keyed_by_body_and_metadata(cache_dir: Path):
    a, b = article("First story."), article("Second story.", doc_id="other")
    first, report, calls = run([a, b])
    assert (calls, report.hits, report.extracted) == (2, 0, 2)
    assert (cache_dir / store.FILE_NAME).is_file()
    again, report, calls = run([a, b])
    assert (calls, report.hits) == (0, 2) and again == first
    retitled = article("First story.", title="A new headline")
    _, report, calls = run([retitled, b])
    assert (calls, report.hits) == (1, 1)


def test_no_cache_neither_reads_nor_writes(cache_dir: Path):
    _, report, calls = run([article("A story.")], cache=False)
    assert calls == 1 and report.hits == 0
    assert not cache_dir.exists()


@pytest.mark.parametrize("damage", ["checksum", "value"])
def test_a_corrupt_entry_is_detected_and_recomputed(cache_dir: Path, damage: str):
    a = article("A story that will be damaged.")
    first, _, _ = run([a])
    with sqlite3.connect(cache_dir / store.FILE_NAME) as db:
        if damage == "checksum":
            db.execute("UPDATE entries SET checksum = 'x'")
        else:  # a flipped byte inside the stored value
            (blob,) = db.execute("SELECT value FROM entries").fetchone()
            bad = blob[:10] + bytes([blob[10] ^ 0xFF]) + blob[11:]
            db.execute("UPDATE entries SET value = ?", (bad,))
    got, report, calls = run([a])
    assert (calls, report.corrupt, got) == (1, 1, first)
    _, report, calls = run([a])  # rewritten
    assert (calls, report.hits, report.corrupt) == (0, 1, 0)


def test_a_store_that_is_not_a_database_is_replaced(cache_dir: Path):
    cache_dir.mkdir()
    (cache_dir / store.FILE_NAME).write_bytes(b"this is not SQLite" * 100)
    _, _, calls = run([article("A story.")])
    _, report, calls = run([article("A story.")])
    assert (calls, report.hits) == (0, 1)


def test_an_unusable_cache_folder_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be", "utf-8")
    monkeypatch.setenv(cache.ENV, str(blocker / "cache"))
    for _ in range(2):
        _, report, calls = run([article("A story.")])
        assert (calls, report.hits) == (1, 0)


def test_old_versions_are_pruned(cache_dir: Path, monkeypatch: pytest.MonkeyPatch):
    for i in range(store.KEEP_VERSIONS + 2):
        with store.open_store(f"v{i}") as s:
            assert s is not None
            s.put_many([(f"k{i}", Extraction("d", {}))])
    assert set(store.stats().versions) == {f"v{i}" for i in range(2, store.KEEP_VERSIONS + 2)}


WRITER = """
import sys
from dateline.engine import store
from dateline.extract import Extraction
with store.open_store("v") as s:
    for n in range(40):
        s.put_many((f"k{i}", Extraction(str(i), {"rows": [{"n": i}]})) for i in range(n, n + 25))
        s.get_many([f"k{i}" for i in range(50)])
print("ok")
"""


def test_two_builds_write_at_once(cache_dir: Path):
    env = {"PYTHONPATH": str(SRC), cache.ENV: str(cache_dir), "PATH": "/usr/bin:/bin"}
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER], env=env, stdout=subprocess.PIPE)
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0] and outs == [b"ok\n", b"ok\n"]
    with store.open_store("v") as s:
        assert s is not None
        got = s.get_many([f"k{i}" for i in range(64)])
    assert len(got) == 64 and got["k7"].rows == {"rows": [{"n": 7}]}


def test_cache_info_and_clear(cache_dir: Path):
    run([article("A story."), article("Another one.", doc_id="two")])
    runner = CliRunner()
    info = runner.invoke(app, ["cache", "info"])
    assert info.exit_code == 0, info.output
    assert "2 article(s) in all" in info.output and str(cache_dir) in info.output
    cleared = runner.invoke(app, ["cache", "clear"])
    assert cleared.exit_code == 0 and "2 extraction(s)" in cleared.output
    assert "0 article(s) in all" in runner.invoke(app, ["cache", "info"]).output
    _, report, calls = run([article("A story.")])
    assert (calls, report.hits) == (1, 0)


# -- whole builds -------------------------------------------------------------------------------


def package_bytes(root: Path) -> dict[str, bytes]:
    files = [p for p in sorted((root / "data").rglob("*")) if p.is_file()]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files} | {
        "datapackage.json": (root / "datapackage.json").read_bytes()
    }


@pytest.mark.skipif(not dev_articles(), reason="needs ../shared/corpus")
def test_warm_build_is_byte_identical_to_cold_and_uncached(cache_dir: Path, tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in dev_articles()[:5]:
        shutil.copyfile(path, seeds / path.name)
    reports = {}
    for name, use in (("cold", True), ("warm", True), ("uncached", False)):
        reports[name] = CacheReport()
        options = EngineOptions(jobs=1, cache=use)
        build(seeds, tmp_path / name, options=options, cache_report=reports[name])
    assert (reports["cold"].hits, reports["cold"].extracted) == (0, 5)
    assert (reports["warm"].hits, reports["warm"].extracted) == (5, 0)
    cold = package_bytes(tmp_path / "cold")
    assert package_bytes(tmp_path / "warm") == cold == package_bytes(tmp_path / "uncached")
    result = CliRunner().invoke(
        app, ["build", "--seeds", str(seeds), "--out", str(tmp_path / "cli"), "--jobs", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "extracted 0 article(s), 5 from the cache" in result.output


@pytest.mark.skipif(not dev_articles(), reason="needs ../shared/corpus")
def test_a_rebuild_of_unchanged_inputs_into_an_unchanged_package_is_skipped(
    cache_dir: Path, tmp_path: Path
):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in dev_articles()[:2]:
        shutil.copyfile(path, seeds / path.name)
    out = tmp_path / "out"

    def run_build() -> CacheReport:
        report = CacheReport()
        build(seeds, out, options=EngineOptions(jobs=1), cache_report=report)
        return report

    assert not run_build().up_to_date
    built = package_bytes(out)
    assert run_build().up_to_date
    events = next(p for p in (out / "data").rglob("events.csv"))
    events.write_bytes(events.read_bytes() + b"edited by hand\n")
    report = run_build()  # an edited file: built again, and the file restored
    assert not report.up_to_date and report.extracted == 0
    assert package_bytes(out) == built
    (seeds / "note.corrections.yaml").write_text("[]\n", "utf-8")  # a new input
    assert not run_build().up_to_date
    assert run_build().up_to_date
