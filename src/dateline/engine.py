"""How a build runs extraction over its articles: in this process, or in a pool of processes.

Extraction is a pure function of one article (``tests/test_purity.py``), so the order in which
articles are worked on does not matter, and results come back in the order of the articles:
every way of running gives the same rows, and so the same bytes in ``data/``.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from dateline.progress import Progress

A = TypeVar("A")
R = TypeVar("R")

#: Below this many articles per worker, starting a worker costs more than it saves.
MIN_ARTICLES_PER_JOB = 8


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_all(
    work: Callable[[A], R],
    items: Sequence[A],
    jobs: int | None = None,
    *,
    min_per_job: int = MIN_ARTICLES_PER_JOB,
    progress: Progress | None = None,
    stage: str = "extracting",
) -> list[R]:
    """``[work(item) for item in items]``, on up to ``jobs`` processes (default: every core).

    ``work`` must be picklable (a module-level function, or a ``functools.partial`` of one). An
    exception raised by ``work`` reaches the caller as it would serially (a
    :class:`~dateline.errors.DatelineError` keeps its file, line and hint). ``progress`` hears
    ``(stage, done, len(items))`` as results come back, in order."""
    workers = min(jobs or default_jobs(), len(items) // max(1, min_per_job))
    if workers <= 1:
        return counted((work(item) for item in items), len(items), progress, stage)
    # A fresh server process forks the workers: never fork this one, which may run threads
    # (polars, pyarrow). The server imports the extractor once, so each worker starts warm.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["dateline.extract", "dateline.build"])
    chunk = max(1, len(items) // (workers * 4))
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return counted(pool.map(work, items, chunksize=chunk), len(items), progress, stage)


def counted(results: Iterable[R], total: int, progress: Progress | None, stage: str) -> list[R]:
    """``list(results)``, telling ``progress`` how many have come back."""
    if progress is None:
        return list(results)
    out: list[R] = []
    progress(stage, 0, total)
    for result in results:
        out.append(result)
        progress(stage, len(out), total)
    return out
