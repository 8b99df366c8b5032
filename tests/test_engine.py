"""A build's extraction on a process pool gives the same rows, in the same order, as serially."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from dateline.article import read_article, read_seeds
from dateline.build import build, extract_all
from dateline.engine import run_all
from dateline.errors import SeedError
from fixtures.corpus import canonical, dev_articles

pytestmark = pytest.mark.skipif(not dev_articles(), reason="needs ../shared/corpus")


def _seeds(tmp_path: Path, n: int) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in dev_articles()[:n]:
        shutil.copyfile(path, seeds / path.name)
    return seeds


def test_pool_extraction_equals_serial(tmp_path: Path) -> None:
    articles = read_seeds(_seeds(tmp_path, 6))
    serial = [canonical(e.rows) for e in extract_all(articles, jobs=1)]
    pooled = run_all(extract_all_one, articles, jobs=2, min_per_job=1)
    assert pooled == serial


def extract_all_one(article: object) -> str:
    """One article's extraction as canonical JSON (module level, so the pool can pickle it)."""
    return canonical(extract_all([article], jobs=1)[0].rows)  # type: ignore[list-item]


def test_pool_raises_the_workers_error_with_its_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"date 2025-01-01\n\xff\xfe not UTF-8\n")
    with pytest.raises(SeedError) as err:
        run_all(read_article, [bad, bad], jobs=2, min_per_job=1)
    assert err.value.file is not None and "bad.txt" in err.value.file


def test_build_on_two_processes_is_byte_identical(tmp_path: Path) -> None:
    seeds = _seeds(tmp_path, 16)

    def digest(out: Path) -> dict[str, str]:
        files = [*sorted((out / "data").rglob("*")), out / "datapackage.json"]
        return {
            str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in files
            if p.is_file()
        }

    build(seeds, tmp_path / "one", jobs=1)
    build(seeds, tmp_path / "two", jobs=2)
    assert digest(tmp_path / "one") == digest(tmp_path / "two")


@pytest.mark.parametrize("command", ["extract", "evaluate"])
def test_an_unexpected_extraction_failure_names_the_seed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """``extract`` and ``evaluate`` report an extraction bug as ``build`` does: a clean error
    naming the article, not a traceback."""
    from typer.testing import CliRunner

    from dateline.cli import app
    from dateline.extract import checked

    def broken(article: object, res: object = None) -> None:
        raise RuntimeError("a bug in a rule")

    monkeypatch.setattr(checked, "extract", broken)
    corpus = tmp_path / "gold"
    (corpus / "articles").mkdir(parents=True)
    (corpus / "gold").mkdir()
    seed = corpus / "articles" / "story.txt"
    seed.write_text("date 2025-03-01\nThe minister said talks would resume.\n", encoding="utf-8")
    (corpus / "gold" / "story.json").write_text('{"entities": []}', encoding="utf-8")
    args = ["extract", str(seed)] if command == "extract" else ["evaluate", "--gold", str(corpus)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert "extraction failed on this article (RuntimeError: a bug in a rule)" in result.output
    assert "story.txt" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
