"""Benchmark: extraction speed, full build time and peak memory. Prints figures; asserts nothing.

    python bench/bench_build.py [--corpus DIR] [--copies N]

The corpus defaults to ../shared/corpus/dev/articles (44 articles, 14.6k words). ``--copies``
builds a larger corpus of N renamed copies (each body gets a unique last line, so ids and
hashes differ) to show how the build scales.

``bench/bench_engine.py`` (which reuses these helpers) measures start-up cold and warm in fresh
processes, extraction vs tokenizer throughput, scaling, and the build against a baseline checkout.
The start-up line here is in-process and counts the build/validate imports too.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

DEFAULT = Path(__file__).parents[1].parent / "shared" / "corpus" / "dev" / "articles"


# Nine date phrases in 65 words; 17 copies make an article of about 1,100 words.
DATE_PARAGRAPH = (
    "Officials said on Tuesday that the talks, which began two weeks ago in Geneva, "
    "would resume next month. The ministry expects an agreement by the end of the year, "
    "after 14 months of negotiations that started in July 2024. Witnesses said 107 people "
    "were killed last year when fighting spread to the north; weeks ago the UN warned that "
    "aid would run out by September. "
)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def copies(src: Path, dst: Path, n: int) -> None:
    for i in range(n):
        for p in sorted(src.glob("*.txt")):
            text = p.read_text(encoding="utf-8").rstrip("\n") + f"\n\nCopy {i} of this article.\n"
            (dst / f"{p.stem}.c{i}.txt").write_text(text, encoding="utf-8")


def time_gazetteer_load() -> None:
    """Cold import and load of the packaged gazetteer, in a fresh interpreter (empty cache)."""
    code = (
        "import time; t = time.perf_counter(); import dateline.gazetteer as g; g.load();"
        "print(time.perf_counter() - t)"
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    with tempfile.TemporaryDirectory() as cache:
        out = subprocess.run(
            [sys.executable, "-c", code],
            check=True,
            capture_output=True,
            text=True,
            env={"PYTHONPATH": src, "DATELINE_CACHE_DIR": cache},
        )
    print(f"gazetteer cold load (fresh process): {float(out.stdout):.2f} s")


def time_find_dates(repeat: int = 20) -> None:
    """Date finding on one long article dense with dates (mean of ``repeat`` warm runs)."""
    from dateline.extract.dates import find_dates

    text = DATE_PARAGRAPH * 17
    find_dates(text, date(2025, 10, 1))
    t0 = time.perf_counter()
    for _ in range(repeat):
        found = find_dates(text, date(2025, 10, 1))
    dt = (time.perf_counter() - t0) / repeat
    print(f"find_dates: {len(text.split())} words, {len(found)} dates in {dt * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()

    t0 = time.perf_counter()
    from dateline.article import read_seeds
    from dateline.build import build
    from dateline.extract import extract
    from dateline.extract.segment import nlp
    from dateline.gazetteer import load as load_gazetteer

    nlp()
    load_gazetteer()
    print(f"start-up (imports, lexicon, gazetteer, tokenizer): {time.perf_counter() - t0:.2f} s")
    time_gazetteer_load()
    time_find_dates()

    articles = read_seeds(args.corpus)
    words = sum(a.word_count for a in articles)
    t0 = time.perf_counter()
    for a in articles:
        extract(a)
    dt = time.perf_counter() - t0
    print(
        f"extract: {len(articles)} articles, {words} words in {dt:.2f} s "
        f"= {len(articles) / dt:.1f} articles/s, {words / dt:,.0f} words/s"
    )

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        report = build(args.corpus, Path(tmp))
        print(
            f"build + validate ({len(articles)} articles): {time.perf_counter() - t0:.2f} s, "
            f"rows {sum(report.tables.values())}"
        )

    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        copies(args.corpus, seeds, args.copies)
        n = len(list(seeds.glob("*.txt")))
        t0 = time.perf_counter()
        report = build(seeds, Path(tmp) / "out")
        dt = time.perf_counter() - t0
        print(
            f"build + validate ({n} articles, {words * args.copies:,} words): {dt:.2f} s "
            f"= {n / dt:.1f} articles/s, rows {sum(report.tables.values())}"
        )
        shutil.rmtree(seeds)
    print(f"peak memory (RSS): {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
