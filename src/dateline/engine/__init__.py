"""How a build runs extraction over its articles: the engines, and the extraction cache.

Extraction is a pure function of one article (``tests/test_purity.py``), so the order in which
articles are worked on does not matter, and results come back in the order of the articles:
every way of running gives the same rows, and so the same bytes in ``data/``.

* :func:`run_all` runs a function over items in this process or on a pool of processes (the
  ``local`` engine, ``build --jobs N``);
* :mod:`dateline.engine.distributed` runs it on a Dask cluster (``build --engine dask``);
* :func:`extract_articles` looks every article up in the extraction cache
  (:mod:`dateline.engine.store`) first and hands only the misses to the engine.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from dateline.progress import Progress

if TYPE_CHECKING:
    from dateline.article import Article
    from dateline.extract import Extraction

A = TypeVar("A")
R = TypeVar("R")

#: Below this many articles per worker, starting a worker costs more than it saves.
MIN_ARTICLES_PER_JOB = 8
#: Results are stored in the cache in batches of this many, as they arrive.
STORE_BATCH = 200


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def iter_all(
    work: Callable[[A], R],
    items: Sequence[A],
    jobs: int | None = None,
    *,
    min_per_job: int = MIN_ARTICLES_PER_JOB,
) -> Iterator[R]:
    """``work(item)`` for each item, in order, on up to ``jobs`` processes (default: every
    core), yielded as they are ready (so the caller can store or fold them as they come).

    ``work`` must be picklable (a module-level function, or a ``functools.partial`` of one). An
    exception raised by ``work`` reaches the caller as it would serially (a
    :class:`~dateline.errors.DatelineError` keeps its file, line and hint)."""
    workers = min(jobs or default_jobs(), len(items) // max(1, min_per_job))
    if workers <= 1:
        yield from (work(item) for item in items)
        return
    # A fresh server process forks the workers: never fork this one, which may run threads
    # (polars, pyarrow). The server imports the extractor once, so each worker starts warm.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["dateline.extract", "dateline.build"])
    chunk = max(1, min(32, len(items) // (workers * 4)))
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from pool.map(work, items, chunksize=chunk)


def run_all(
    work: Callable[[A], R],
    items: Sequence[A],
    jobs: int | None = None,
    *,
    min_per_job: int = MIN_ARTICLES_PER_JOB,
    progress: Progress | None = None,
    stage: str = "extracting",
) -> list[R]:
    """``[work(item) for item in items]``, on up to ``jobs`` processes (see :func:`iter_all`);
    ``progress`` hears ``(stage, done, len(items))`` as results come back, in order."""
    results = iter_all(work, items, jobs, min_per_job=min_per_job)
    return list(counted(results, len(items), progress, stage))


def counted(
    results: Iterable[R], total: int, progress: Progress | None, stage: str = "extracting"
) -> Iterator[R]:
    """``results``, telling ``progress`` how many have come back."""
    if progress is None:
        yield from results
        return
    progress(stage, 0, total)
    for done, result in enumerate(results, start=1):
        progress(stage, done, total)
        yield result


@dataclass(frozen=True)
class EngineOptions:
    """How to run extraction: which engine, on how many processes, with or without the cache."""

    engine: str = "local"
    jobs: int | None = None
    scheduler: str | None = None  # dask: the address of a running scheduler
    cache: bool = True


Runner = Callable[[Callable[[A], R], Sequence[A], EngineOptions], Iterator[R]]


def run_local(work: Callable[[A], R], items: Sequence[A], options: EngineOptions) -> Iterator[R]:
    return iter_all(work, items, options.jobs)


def run_dask(work: Callable[[A], R], items: Sequence[A], options: EngineOptions) -> Iterator[R]:
    from dateline.engine.distributed import run_on_dask

    return run_on_dask(work, items, jobs=options.jobs, scheduler=options.scheduler)


#: The engines ``build --engine`` accepts: each yields ``work(item)`` in the order of ``items``.
ENGINES: dict[str, Runner] = {"local": run_local, "dask": run_dask}


@dataclass
class CacheReport:
    """How many articles came from the cache, were extracted, or had a corrupt entry."""

    hits: int = 0
    extracted: int = 0
    corrupt: int = 0
    up_to_date: bool = False  # the package already held what this build would write


def extract_articles(
    work: Callable[[Article], Extraction],
    articles: Sequence[Article],
    options: EngineOptions = EngineOptions(),
    report: CacheReport | None = None,
) -> list[Extraction]:
    """``work(article)`` for every article, in order (see :func:`iter_extractions`)."""
    return list(iter_extractions(work, articles, options, report))


def iter_extractions(
    work: Callable[[Article], Extraction],
    articles: Sequence[Article],
    options: EngineOptions = EngineOptions(),
    report: CacheReport | None = None,
    runner: Runner | None = None,
) -> Iterator[Extraction]:
    """``work(article)`` for every article, yielded in order as they are ready: from the
    extraction cache where it holds the article's key, else from ``options.engine`` (or
    ``runner``: a build's warm worker, :mod:`dateline.engine.warm`), which gets every miss at
    once, stored as they arrive. Only a window of cached entries is read at a time, so memory
    does not grow with the number of articles."""
    from dateline.engine.store import entry_key, open_store
    from dateline.engine.version import extractor_version

    report = report if report is not None else CacheReport()
    version = extractor_version() if options.cache else ""
    with open_store(version, enabled=options.cache) as store:
        keys = [entry_key(a, version) for a in articles] if store else []
        present = store.present(keys) if store else set()
        missing = [i for i in range(len(articles)) if not store or keys[i] not in present]
        engine = runner or ENGINES[options.engine]
        results = engine(work, [articles[i] for i in missing], options)
        report.hits, report.extracted = len(articles) - len(missing), len(missing)
        window: dict[str, Extraction] = {}
        fresh: list[tuple[str, Extraction]] = []
        for i, article in enumerate(articles):
            if store is None or keys[i] not in present:
                value = next(results)
            else:
                if keys[i] not in window:  # the next window of cached entries, in one query
                    ahead = [k for k in keys[i : i + STORE_BATCH] if k in present]
                    window = store.get_many(ahead)
                value = window.pop(keys[i], None)
                if value is None:  # corrupt: recompute here
                    value = work(article)
                    report.hits, report.extracted = report.hits - 1, report.extracted + 1
                    report.corrupt += 1
                else:
                    yield value
                    continue
            if store is not None:
                fresh.append((keys[i], value))
                if len(fresh) >= STORE_BATCH:
                    store.put_many(fresh)
                    fresh = []
            yield value
        if store is not None:
            store.put_many(fresh)


def batched(items: Iterable[tuple[int, R]], size: int) -> Iterator[list[tuple[int, R]]]:
    """Consecutive lists of ``size`` items (the last one shorter)."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch
