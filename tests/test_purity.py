"""Purity: a document's rows depend on that document alone.

Extracting the dev corpus forwards, backwards, one article per fresh process and in a worker pool
gives identical rows (no cache keyed by object identity, no state carried between documents).
The fresh-process and pool runs use a fixed subset to keep the suite quick.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

from fixtures.corpus import ROOT, dev_articles, extract_json
from fixtures.integrity import integrity_problems

PATHS = dev_articles()
pytestmark = pytest.mark.skipif(not PATHS, reason="needs the dev corpus (../shared/corpus/dev)")
FRESH = PATHS[::22]  # 2 articles, each in its own interpreter
POOLED = PATHS[3::7]  # 6 articles over 2 workers


@pytest.fixture(scope="module")
def forwards() -> dict[str, str]:
    return {p.name: extract_json(str(p)) for p in PATHS}


def test_backwards_gives_the_same_rows(forwards: dict[str, str]) -> None:
    backwards = {p.name: extract_json(str(p)) for p in reversed(PATHS)}
    assert [n for n in forwards if forwards[n] != backwards[n]] == []


def test_repeating_an_article_gives_the_same_rows(forwards: dict[str, str]) -> None:
    first = PATHS[0]
    assert extract_json(str(first)) == forwards[first.name]


def test_each_article_in_a_fresh_process_gives_the_same_rows(forwards: dict[str, str]) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")])}
    code = "import sys; from fixtures.corpus import extract_json; print(extract_json(sys.argv[1]))"
    for path in FRESH:
        done = subprocess.run(
            [sys.executable, "-c", code, str(path)],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        )
        assert done.stdout.rstrip("\n") == forwards[path.name], path.name


def test_a_worker_pool_gives_the_same_rows(forwards: dict[str, str]) -> None:
    order = POOLED[::2] + POOLED[1::2][::-1]  # another order than the forward pass
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=spawn) as pool:
        pooled = dict(zip(order, pool.map(extract_json, map(str, order)), strict=True))
    assert [p.name for p in order if pooled[p] != forwards[p.name]] == []


def test_every_dev_article_holds_together_on_its_own(forwards: dict[str, str]) -> None:
    """No document's rows need another document to be valid."""
    problems = {n: integrity_problems(json.loads(rows)) for n, rows in forwards.items()}
    assert {n: found for n, found in problems.items() if found} == {}
