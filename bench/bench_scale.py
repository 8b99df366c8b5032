"""Benchmark of builds that scale (issue 13). Prints figures and the targets; asserts nothing.

    python bench/bench_scale.py [--articles N] [--jobs J] [--dask] [--work DIR] [--repeat R]

Makes a corpus of N articles (default 10,000) from the dev corpora (``../shared/corpus/dev`` and
``dev-geo``, 144 articles) copied with unique bodies (a last line "Copy i of this article."),
then runs, each in a fresh process with its own empty extraction cache:

1. the first build (cold cache): wall time, the time spent in extraction and the share outside
   it (target <= 20 %), the build process's peak RSS (target < 1 GB) and the largest worker's;
2. a rebuild with nothing changed (target <= 10 s);
3. a rebuild after adding one article (target <= 5 s), after editing it, and after removing it
   (incremental builds: README, "Incremental builds"), each by phase with its peak RSS, and
   with ``--repeat R`` R times over (the summary gives each one's median and range);
4. with ``--dask``: the first build again on a local Dask cluster of J workers, into another
   folder with another empty cache (target: within 1.5x of the first build).

The machine running it may be shared: the figures are wall times, and the user + system CPU
time of the build and its workers is printed beside them. Run with a smaller N on a loaded
machine and scale: extraction and everything after it are linear in the number of articles.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SOURCES = (CORPUS / "dev" / "articles", CORPUS / "dev-geo" / "articles")
MB = 1024  # ru_maxrss is in kB on Linux


def make_corpus(seeds: Path, n: int) -> int:
    """``n`` articles with unique bodies in ``seeds``; return their words."""
    originals = sorted(p for folder in SOURCES for p in folder.glob("*.txt"))
    if not originals:
        sys.exit(f"no articles in {', '.join(map(str, SOURCES))}")
    seeds.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(n):
        source = originals[i % len(originals)]
        copy = i // len(originals)
        text = (
            source.read_text(encoding="utf-8").rstrip("\n") + f"\n\nCopy {copy} of this article.\n"
        )
        (seeds / f"{source.stem.lower()}.c{copy}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


# -- the child: one build, timed by phase -------------------------------------------------------


#: The CPU time (this process, every thread) of each phase, beside its wall time in
#: ``phases``: a phase whose wall time is far above its CPU time waits (on a worker, the disk,
#: or a core the other jobs hold).
CPU: dict[str, float] = {}


def timed(phases: dict[str, float], name: str, function: Any) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            phases[name] = phases.get(name, 0.0) + time.perf_counter() - t0
            CPU[name] = CPU.get(name, 0.0) + time.process_time() - c0

    return wrapper


def timed_iter(phases: dict[str, float], name: str, function: Any) -> Any:
    """``function`` returning an iterator, with the time spent inside ``next`` counted."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        it = iter(function(*args, **kwargs))
        while True:
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                item = next(it)
            except StopIteration:
                return
            finally:
                phases[name] = phases.get(name, 0.0) + time.perf_counter() - t0
                CPU[name] = CPU.get(name, 0.0) + time.process_time() - c0
            yield item

    return wrapper


def forkserver_cpu() -> float:
    """The user + system CPU time of this process's fork server and of the workers it has
    reaped (the warm worker, the pool's): getrusage counts neither while the server lives."""
    from multiprocessing import forkserver

    pid = getattr(forkserver._forkserver, "_forkserver_pid", None)
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return sum(int(t) for t in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def waited() -> float:
    """The seconds the threads of this process have spent runnable but waiting for a core
    (the kernel's run-queue delay, ``/proc/self/task/*/schedstat``): on a shared machine,
    most of a build's wall time above its CPU time (0.0 where the kernel does not say)."""
    total = 0
    for task in Path("/proc/self/task").glob("*/schedstat"):
        try:
            total += int(task.read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total / 1e9


def child(seeds: Path, out: Path, engine: str, jobs: int) -> None:
    """Run one build in this process and print its figures as JSON (as ``dateline build``
    does: the warm worker, when likely needed, starts before the build's imports)."""
    t0 = time.perf_counter()
    from dateline.engine import EngineOptions
    from dateline.engine.warm import early

    with early(seeds, out, EngineOptions(engine, jobs)) as worker:
        child_build(seeds, out, engine, jobs, t0, worker)


def child_build(seeds: Path, out: Path, engine: str, jobs: int, t0: float, worker: Any) -> None:
    import dateline.build as b
    import dateline.validate as v
    import dateline.validate.changes as vc
    import dateline.write as w
    from dateline.engine import CacheReport, EngineOptions

    phases: dict[str, float] = {}
    b.iter_extractions = timed_iter(phases, "extract", b.iter_extractions)
    # the build imports these where it uses them (a build with nothing to do never loads them)
    w.write_package = timed(phases, "write", w.write_package)
    v.validate_package = timed(phases, "validate", v.validate_package)
    vc.validate_changes = timed(phases, "validate changes", vc.validate_changes)
    for name in ("seed_files", "parse_seeds", "parse_inputs", "last_state", "combine"):
        setattr(b, name, timed(phases, name, getattr(b, name)))
    for name in ("keep_state", "corrected", "paired", "publish", "copy_seeds", "remember"):
        setattr(b, name, timed(phases, name, getattr(b, name)))
    b.TableFolder.add = timed(phases, "fold", b.TableFolder.add)
    b.TableFolder.fresh = timed(phases, "frames", b.TableFolder.fresh)
    cached = CacheReport()
    t_built = time.perf_counter()
    options = EngineOptions(engine, jobs)
    report = b.build(seeds, out, options=options, cache_report=cached, worker=worker)
    wall = time.perf_counter() - t0
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    figures = {
        "wall": wall,
        "startup": t_built - t0,
        "phases": phases,
        "phase_cpu": CPU,
        "build_cpu": me.ru_utime + me.ru_stime,
        "waited": waited(),
        "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime + forkserver_cpu(),
        "rss_mb": me.ru_maxrss / MB,
        "worker_rss_mb": kids.ru_maxrss / MB,
        "hits": cached.hits,
        "extracted": cached.extracted,
        "rows": sum(report.tables.values()),
    }
    print(json.dumps(figures))


def run_child(seeds: Path, out: Path, cache: Path, engine: str = "local", jobs: int = 2) -> dict:
    env = {**os.environ, "DATELINE_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, __file__, "--child", str(seeds), str(out), engine, str(jobs)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"build failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the parent ---------------------------------------------------------------------------------


def show(name: str, f: dict, target: str = "") -> None:
    print(
        f"{name}: {f['wall']:.1f} s wall, {f['cpu']:.1f} s CPU (build + workers); "
        f"extracted {f['extracted']}, cached {f['hits']}; peak RSS {f['rss_mb']:.0f} MB "
        f"(largest worker {f['worker_rss_mb']:.0f} MB){'; ' + target if target else ''}"
    )
    print(f"    start-up (Python and imports before the build): {f['startup']:.1f} s")
    cpu = f.get("phase_cpu", {})
    phases = ", ".join(f"{k} {v:.1f}/{cpu.get(k, 0.0):.1f} s" for k, v in f["phases"].items())
    print(f"    phases (wall/CPU of the build process): {phases}")
    print(
        f"    CPU of the build process {f['build_cpu']:.1f} s, of its workers "
        f"{f['cpu'] - f['build_cpu']:.1f} s; the build's threads waited for a core "
        f"{f.get('waited', 0.0):.1f} s"
    )


def rebuilds(
    seeds: Path,
    work: Path,
    jobs: int,
    n: int,
    figures: dict[str, dict],
    fresh: bool = False,
    repeat: int = 1,
) -> None:
    """Time the rebuilds of the package in ``work``: nothing changed, one article added, then
    edited, then removed (``repeat`` times over); print them with ``figures`` (the first
    build's) in a summary, each rebuild's median wall time over the repeats and its range.
    ``fresh``: the added article says when it was added, so that no extraction cache holds
    it (else a run after the first finds it in the cache)."""
    again = run_child(seeds, work / "out", work / "cache", jobs=jobs)
    show("rebuild, nothing changed", again, "target <= 10 s")
    runs: dict[str, list[dict]] = {"one added": [], "one edited": [], "one removed": []}
    extra = sorted(seeds.glob("*.txt"))[0]
    for _ in range(repeat):
        text = extra.read_text(encoding="utf-8") + "\nOne more line makes this a new article.\n"
        if fresh:
            text += f"\nIt was added at {time.time_ns()}.\n"
        (seeds / "zz-added.txt").write_text(text, encoding="utf-8")
        runs["one added"].append(run_child(seeds, work / "out", work / "cache", jobs=jobs))
        show("rebuild, one article added", runs["one added"][-1], "target <= 5 s")
        (seeds / "zz-added.txt").write_text(text + "And one more.\n", encoding="utf-8")
        runs["one edited"].append(run_child(seeds, work / "out", work / "cache", jobs=jobs))
        show("rebuild, that article edited", runs["one edited"][-1])
        (seeds / "zz-added.txt").unlink()
        runs["one removed"].append(run_child(seeds, work / "out", work / "cache", jobs=jobs))
        show("rebuild, that article removed again", runs["one removed"][-1])
    print(f"\nsummary at {n:,} articles (wall s / CPU s / peak RSS MB; medians of {repeat}):")
    middle = {name: median_run(found) for name, found in runs.items()}
    for name, f in (*figures.items(), ("nothing changed", again), *middle.items()):
        spread = ""
        if name in runs and repeat > 1:
            walls = sorted(r["wall"] for r in runs[name])
            spread = f"   (wall {walls[0]:.1f} to {walls[-1]:.1f})"
        print(f"  {name:16s} {f['wall']:7.1f} {f['cpu']:7.1f} {f['rss_mb']:6.0f}{spread}")


def median_run(found: list[dict]) -> dict:
    """The run of median wall time (the lower middle one of an even number)."""
    return sorted(found, key=lambda f: f["wall"])[(len(found) - 1) // 2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--dask", action="store_true", help="also time the Dask engine")
    parser.add_argument("--work", type=Path, help="keep the corpus and packages here")
    parser.add_argument(
        "--rebuilds",
        action="store_true",
        help="only the rebuilds, on the corpus, package and cache a run with --work left there "
        "(after one build, unmeasured, that brings them to this dateline)",
    )
    parser.add_argument(
        "--fresh-article",
        action="store_true",
        help="make the added article one no extraction cache holds (it says when it was added)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="time the added, edited and removed rebuilds this many times (medians printed)",
    )
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        seeds, out, engine, jobs = args.child
        child(Path(seeds), Path(out), engine, int(jobs))
        return

    work = args.work or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    seeds = work / "seeds"
    if args.rebuilds:
        if not args.work or not (work / "out").is_dir():
            sys.exit("--rebuilds needs --work DIR holding a package that a run built")
        (seeds / "zz-added.txt").unlink(missing_ok=True)
        run_child(seeds, work / "out", work / "cache", jobs=args.jobs)
        rebuilds(seeds, work, args.jobs, args.articles, {}, args.fresh_article, args.repeat)
        return
    if seeds.exists():
        shutil.rmtree(seeds)
    words = make_corpus(seeds, args.articles)
    n = args.articles
    print(f"corpus: {n} articles, {words:,} words; {args.jobs} jobs; work folder {work}")
    for folder in ("out", "cache", "out-dask", "cache-dask"):
        shutil.rmtree(work / folder, ignore_errors=True)

    first = run_child(seeds, work / "out", work / "cache", jobs=args.jobs)
    outside = first["wall"] - first["phases"]["extract"]
    share = outside / first["wall"]
    show("first build", first, f"outside extraction {outside:.1f} s = {share:.0%} (target <= 20 %)")
    print(f"    extraction: {words / first['phases']['extract']:,.0f} words/s on {args.jobs} jobs")
    if n != 10_000:
        scale = 10_000 / n
        print(
            f"    scaled to 10,000 articles (linear): {first['wall'] * scale:.0f} s, "
            f"outside extraction {outside * scale:.0f} s"
        )

    rebuilds(seeds, work, args.jobs, n, {"first build": first}, args.fresh_article, args.repeat)

    if args.dask:
        dask = run_child(seeds, work / "out-dask", work / "cache-dask", "dask", args.jobs)
        ratio = dask["wall"] / first["wall"]
        show("first build, Dask local cluster", dask, f"{ratio:.2f}x the local engine (<= 1.5x)")
        same = all(
            (work / "out" / p.relative_to(work / "out-dask")).read_bytes() == p.read_bytes()
            for p in (work / "out-dask").rglob("*")
            if p.is_file() and "seeds" not in p.parts
        )
        print(f"    same bytes as the local engine: {same}")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
