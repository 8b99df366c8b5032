"""Benchmark of the engine (issue 9): throughput, scaling, start-up, the 440-article build and
peak memory, all in one run. Prints figures and the targets; asserts nothing.

    python bench/bench_engine.py [--corpus DIR] [--copies N] [--repeat N]
                                 [--baseline SRC] [--scale-articles N] [--skip SECTION ...]

* throughput: extraction words/s vs the bare spaCy tokenizer (``segment.nlp()``) words/s on the
  same corpus, and their ratio (target: extraction >= 1/30 of the tokenizer);
* scaling: the time to extract the first ``--scale-articles`` articles each made 8x longer
  (the body repeated 8 times) vs the originals (target: <= 10x);
* start-up: a fresh interpreter importing the extraction code and loading the lexicon,
  gazetteer and tokenizer, cold (empty disk cache) and warm (target: <= 1.0 s), median of
  ``--repeat`` runs, wall and CPU; also ``dateline --help`` and ``dateline extract`` wall time,
  and what importing the build/validate stack (polars, pyarrow, pandera, frictionless) adds;
  with ``--baseline``, the baseline's start-up too (same probe, same run);
* build: ``dateline.build.build`` on the corpus x ``--copies`` (default 10: 440 articles), in
  a subprocess with this checkout's ``src``; with ``--baseline /work/base/src`` the same build
  with that ``src`` too, in the same run, and the ratio (target: <= 40 % of the baseline);
* peak RSS of this process (throughput, scaling) and of each build subprocess.

Sections: throughput, scaling, startup, build (``--skip startup build`` for a quick run).
The machine is shared: run it twice and compare; CPU time is steadier than wall time.
Cold start-up uses a temporary ``DATELINE_CACHE_DIR``; nothing is written to the user cache.
Takes a few minutes on 2 cores (most of it the builds).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench_build import DEFAULT, copies, peak_rss_mb

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
SECTIONS = ("throughput", "scaling", "startup", "build")

# Run in a fresh interpreter: each phase of start-up, wall and CPU seconds, as JSON.
STARTUP_PROBE = """
import json, sys, time
out, w, c = {}, time.perf_counter(), time.process_time()
def lap(name):
    global w, c
    out[name] = (time.perf_counter() - w, time.process_time() - c)
    w, c = time.perf_counter(), time.process_time()
import dateline.article, dateline.extract, dateline.extract.segment, dateline.extract.entities
import dateline.extract.events, dateline.extract.quotes, dateline.extract.rows
lap("imports")
from dateline.lexicon import load
load(); lap("lexicon")
from dateline.gazetteer import load
load(); lap("gazetteer")
from dateline.extract.segment import nlp
nlp(); lap("tokenizer")
if "--build-stack" in sys.argv:
    import dateline.build
    lap("build stack")
print(json.dumps(out))
"""

# Run in a fresh interpreter with PYTHONPATH=<some checkout's src>: one timed build.
BUILD_PROBE = """
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from dateline.build import build
t1 = time.perf_counter()
report = build(Path(sys.argv[1]), Path(sys.argv[2]))
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "build": t2 - t1, "rows": sum(report.tables.values()),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def env_for(src: Path, cache_dir: Path | str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(src), "DATELINE_CACHE_DIR": str(cache_dir)}


def run_json(code: str, args: Sequence[str], env: dict[str, str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def wall(cmd: Sequence[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, capture_output=True, check=True)
    return time.perf_counter() - t0


def med(values: Sequence[float]) -> str:
    return f"{statistics.median(values):.2f} s" + (
        f" (min {min(values):.2f}, max {max(values):.2f})" if len(values) > 1 else ""
    )


# ------------------------------------------------------------------------------------ sections


def bench_throughput(articles: list) -> None:
    from dateline.extract import extract
    from dateline.extract.segment import nlp

    words = sum(a.word_count for a in articles)
    tokenizer = nlp()
    extract(articles[0])  # warm: lazy imports, first-use caches
    t0 = time.perf_counter()
    for a in articles:
        tokenizer(a.body)
    tok = time.perf_counter() - t0
    t0 = time.perf_counter()
    for a in articles:
        extract(a)
    ext = time.perf_counter() - t0
    for label, dt in (("tokenizer ", tok), ("extraction", ext)):
        print(f"{label}: {len(articles)} articles, {words:,} words in {dt:.2f} s", end="")
        print(f" = {words / dt:,.0f} words/s")
    print(f"  ratio extraction/tokenizer: 1/{ext / tok:.0f} (target >= 1/30)")


def bench_scaling(articles: list, n: int) -> None:
    from dateline.extract import extract

    sample = articles[:n]
    t1 = t8 = 0.0
    for a in sample:
        long = dataclasses.replace(
            a,
            doc_id=f"{a.doc_id}x8",
            body="\n\n".join([a.body] * 8),
        )
        t0 = time.perf_counter()
        extract(a)
        t1 += time.perf_counter() - t0
        t0 = time.perf_counter()
        extract(long)
        t8 += time.perf_counter() - t0
    words = sum(a.word_count for a in sample)
    print(
        f"scaling: {len(sample)} articles ({words:,} words) x1 {t1:.2f} s, x8 {t8:.2f} s "
        f"= {t8 / t1:.1f}x for 8x the text (target <= 10x)"
    )


def bench_startup(repeat: int, article: Path, baseline: Path | None) -> None:
    env_warm = None
    labels = ["cold", "warm", *(["baseline"] if baseline else [])]
    for label in labels:
        runs: list[dict] = []
        for _ in range(repeat):
            if label == "cold":
                cold_dir = tempfile.mkdtemp(prefix="dateline-bench-cache-")
                env = env_for(SRC, cold_dir)
                env_warm = env
            elif label == "warm":
                env = env_warm or env_for(SRC, tempfile.mkdtemp())
            else:
                env = env_for(baseline or SRC, tempfile.mkdtemp(prefix="dateline-bench-cache-"))
            runs.append(run_json(STARTUP_PROBE, ["--build-stack"], env))
        phases = [p for p in runs[0] if p != "build stack"]
        total_wall = [sum(r[p][0] for p in phases) for r in runs]
        total_cpu = [sum(r[p][1] for p in phases) for r in runs]
        detail = ", ".join(f"{p} {statistics.median(r[p][0] for r in runs):.2f}" for p in phases)
        print(
            f"start-up {label}: wall {med(total_wall)}, cpu {med(total_cpu)} "
            f"[{detail}] (target <= 1.0 s)"
        )
        stack = [r["build stack"][0] for r in runs]
        print(f"  + importing the build/validate stack: {med(stack)}")
    assert env_warm is not None
    dateline = [sys.executable, "-m", "dateline"]
    helps = [wall([*dateline, "--help"], env_warm) for _ in range(repeat)]
    print(f"dateline --help: {med(helps)}")
    extracts = [wall([*dateline, "extract", str(article)], env_warm) for _ in range(repeat)]
    print(f"dateline extract {article.name} (warm cache): {med(extracts)}")


def bench_build(corpus: Path, n_copies: int, baseline: Path | None) -> None:
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        copies(corpus, seeds, n_copies)
        n = len(list(seeds.glob("*.txt")))
        cache_dir = os.environ["DATELINE_CACHE_DIR"]  # warmed by the sections above
        results = {}
        for label, src in (("this", SRC), ("baseline", baseline)):
            if src is None:
                continue
            out = Path(tmp) / f"out-{label}"
            t0 = time.perf_counter()
            r = run_json(BUILD_PROBE, [str(seeds), str(out)], env_for(src, cache_dir))
            total = time.perf_counter() - t0
            results[label] = r["build"]
            print(
                f"build {label} ({src}): {n} articles, build {r['build']:.2f} s "
                f"(+ import {r['import']:.2f} s; process {total:.2f} s), rows {r['rows']}, "
                f"peak RSS {r['rss_mb']:.0f} MB"
            )
        if "baseline" in results:
            ratio = results["this"] / results["baseline"]
            print(f"  build time vs baseline: {ratio:.0%} (target <= 40 %)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes per start-up")
    parser.add_argument("--baseline", type=Path, help="another checkout's src, e.g. /work/base/src")
    parser.add_argument("--scale-articles", type=int, default=6)
    parser.add_argument("--skip", nargs="*", default=[], choices=SECTIONS)
    args = parser.parse_args()

    sys.path.insert(0, str(SRC))
    os.environ.setdefault("DATELINE_CACHE_DIR", tempfile.mkdtemp(prefix="dateline-bench-cache-"))
    from dateline.article import read_seeds

    articles = read_seeds(args.corpus)
    if "throughput" not in args.skip:
        bench_throughput(articles)
    if "scaling" not in args.skip:
        bench_scaling(articles, args.scale_articles)
    print(f"peak RSS (this process): {peak_rss_mb():.0f} MB")
    if "startup" not in args.skip:
        first = Path(sorted(args.corpus.glob("*.txt"))[0])
        bench_startup(args.repeat, first, args.baseline)
    if "build" not in args.skip:
        bench_build(args.corpus, args.copies, args.baseline)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS (largest subprocess): {children:.0f} MB")


if __name__ == "__main__":
    main()
