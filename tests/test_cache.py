"""The disk cache of parsed data (dateline.cache): keyed by content, never required."""

from __future__ import annotations

import os
import pickle
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from dateline import cache
from dateline.gazetteer import store
from dateline.lexicon import load as load_lexicon

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(d))
    return d


@pytest.fixture
def data(tmp_path) -> list[Path]:
    files = []
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(name, encoding="utf-8")
        files.append(tmp_path / name)
    return files


class Counter:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[str, int]:
        self.calls += 1
        return {"value": 42}


def test_miss_then_hit(cache_dir, data):
    build = Counter()
    assert cache.cached("t", data, build) == {"value": 42}
    assert cache.cached("t", data, build) == {"value": 42}
    assert build.calls == 1
    assert [p.name.startswith("t-") for p in cache_dir.iterdir()] == [True]


def test_changed_file_is_a_new_key(cache_dir, data):
    build = Counter()
    cache.cached("t", data, build)
    data[1].write_text("changed", encoding="utf-8")
    cache.cached("t", data, build)
    assert build.calls == 2


def test_remembered_is_keyed_by_the_texts_given(cache_dir):
    build = Counter()
    assert cache.remembered("r", ["spacy-3.8.dist-info", "1"], build) == {"value": 42}
    assert cache.remembered("r", ["spacy-3.8.dist-info", "1"], build) == {"value": 42}
    assert build.calls == 1
    cache.remembered("r", ["spacy-3.9.dist-info", "1"], build)
    cache.remembered("r", ["spacy-3.8.dist-info1"], build)  # the parts are kept apart
    assert build.calls == 3


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", pickle.dumps({"value": 1})[:-3]])
def test_corrupt_entry_is_rebuilt(cache_dir, data, garbage):
    build = Counter()
    cache.cached("t", data, build)
    (entry,) = cache_dir.iterdir()
    entry.write_bytes(garbage)
    assert cache.cached("t", data, build) == {"value": 42}
    assert build.calls == 2
    assert pickle.loads(entry.read_bytes()) == {"value": 42}  # and rewritten


def test_unwritable_cache_dir_is_skipped(tmp_path, monkeypatch, data):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv(cache.ENV, str(blocker / "cache"))
    build = Counter()
    assert cache.cached("t", data, build) == {"value": 42}
    assert cache.cached("t", data, build) == {"value": 42}
    assert build.calls == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_cache_dir_is_skipped(cache_dir, data):
    cache_dir.mkdir()
    cache_dir.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert cache.cached("t", data, Counter()) == {"value": 42}
    finally:
        cache_dir.chmod(stat.S_IRWXU)


def test_empty_env_var_turns_the_cache_off(monkeypatch, data):
    monkeypatch.setenv(cache.ENV, "")
    assert cache.cache_dir() is None
    build = Counter()
    cache.cached("t", data, build)
    cache.cached("t", data, build)
    assert build.calls == 2


def test_default_location(monkeypatch, tmp_path):
    monkeypatch.delenv(cache.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "dateline"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert cache.cache_dir() == Path.home() / ".cache" / "dateline"


def test_old_entries_are_pruned(cache_dir, data):
    for i in range(cache.KEEP + 3):
        data[0].write_text(str(i), encoding="utf-8")
        cache.cached("t", data, Counter())
    assert len(list(cache_dir.glob("t-*.pickle"))) == cache.KEEP
    assert not list(cache_dir.glob(".*"))  # no temporary files left behind


def test_missing_file_builds_without_cache(cache_dir, data, tmp_path):
    build = Counter()
    assert cache.cached("t", [*data, tmp_path / "missing"], build) == {"value": 42}
    assert not cache_dir.exists()


def test_cached_gazetteer_equals_parsed(cache_dir):
    parsed = store.load_from(store.DATA_DIR)
    for _ in range(2):  # cold (writes), then warm (reads)
        got = cache.cached("gazetteer", store.sources(store.DATA_DIR), lambda: parsed)
        assert got._rows == parsed._rows and got._index == parsed._index
        assert got._areas == parsed._areas and got._blocked == parsed._blocked
    assert got is not parsed
    assert got.resolve("Irbil").location_id == "geonames:95446"


def test_cached_lexicon_equals_parsed(cache_dir, tmp_path):
    data = tmp_path / "lexicon"
    shutil.copytree(sys.modules["dateline.lexicon.load"].DATA_DIR, data)
    uncached = load_lexicon.__wrapped__  # past functools.cache, to the disk cache
    first = uncached(data)  # writes the cache
    assert len(list(cache_dir.glob("lexicon-*.pickle"))) == 1
    second = uncached(data)  # reads it back
    assert second is not first
    assert second == first
    assert second.actor_by_alias("ISIS").id == "islamic-state"
    assert second.sources.anonymity_reason("he was not authorized to speak") is not None


def test_fresh_process_cold_and_warm_give_the_same_output(cache_dir):
    """The CLI output does not depend on whether the cache exists."""
    seed = Path(__file__).resolve().parents[1] / "seeds" / "000_a2706479377c0f40.txt"
    env = {**os.environ, "PYTHONPATH": str(SRC), cache.ENV: str(cache_dir)}
    cmd = [sys.executable, "-m", "dateline", "extract", str(seed)]
    cold = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300, check=True)
    names = {p.name.rsplit("-", 1)[0] for p in cache_dir.glob("*.pickle")}
    assert names == {"gazetteer", "lexicon", "phrase-gate"}
    warm = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300, check=True)
    assert cold.stdout == warm.stdout and cold.stdout.startswith("{")
