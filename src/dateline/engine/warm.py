"""A warm extractor: one worker process that loads the extractor's models while the build does
the rest of its start (imports, the last build's state, the seeds), then extracts the few
articles the extraction cache lacks.

A build that extracts a handful of articles (one added or edited) spends most of its extraction
time loading what extraction reads: spaCy, the lexicon, the gazetteer, the phrase gate and the
parser (about 4 s on the machine here), and it needs them only after reading its state and
parsing its seeds. So when a seed file is new or edited since the last build into the folder
(:func:`wanted`), the build starts this worker at once; the engine then hands it the articles
the cache misses (:meth:`WarmExtractor.run`). If none are missing, or more than
:data:`MAX_ARTICLES` (then the engine's pool of every core is faster), the worker is stopped
unused. Either way it is stopped once extraction is over, so the build process never holds the
models while it writes and validates.

Extraction is a pure function of the article, so the worker gives the rows an in-process
extraction gives (``tests/test_incremental.py``). ``--jobs 1`` (extract in the build process)
and the Dask engine never start it.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from dateline.engine import MIN_ARTICLES_PER_JOB, EngineOptions, default_jobs, run_local

A = TypeVar("A")
R = TypeVar("R")

#: Up to this many articles to extract, the warm worker does it; above, the engine's pool does
#: (it starts one worker per :data:`~dateline.engine.MIN_ARTICLES_PER_JOB` articles).
MAX_ARTICLES = 2 * MIN_ARTICLES_PER_JOB - 1
#: What the worker imports before it loads the models (no polars, no pyarrow: extraction reads
#: neither).
PRELOAD = ["dateline.extract.checked"]


def warm_up() -> None:
    """Load everything an extraction reads (in the worker, before any article comes). It never
    raises: a failure here is met again by the extraction itself, which reports it against its
    seed."""
    try:
        from dateline.extract.resources import Resources

        resources = Resources.default()
        resources.phrase_gate  # noqa: B018 (built on first use)
        resources.parser  # noqa: B018 (loaded on first use)
    except Exception:
        pass


def wanted(
    options: EngineOptions, seeds: Mapping[str, str], last: Mapping[str, str] | None
) -> bool:
    """Whether a build with ``options`` should start the warm worker: it extracts on the local
    engine in worker processes, with the cache, and a seed file (``seeds``: digest by file name)
    is not one the last build read (``last``; None when unknown: then it is not started)."""
    local = options.engine == "local" and options.cache
    pooled = (options.jobs or default_jobs()) > 1
    new = last is not None and any(last.get(name) != d for name, d in seeds.items())
    return local and pooled and new


class WarmExtractor:
    """One worker process (forkserver), loading the extractor's models from the start. A
    worker that dies (or cannot start) fails the build with ``BrokenProcessPool``, as the
    engine's pool does; it never hangs it."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        self.pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            1, mp_context=context, initializer=warm_up
        )
        self.pool.submit(int)  # the pool starts its worker with its first task: now

    def run(
        self, work: Callable[[A], R], items: Sequence[A], options: EngineOptions
    ) -> Iterator[R]:
        """An engine (:data:`~dateline.engine.Runner`): ``work`` over ``items`` in order, on
        the warm worker when they are few, else on the local engine."""
        if not items or len(items) > MAX_ARTICLES or self.pool is None:
            self.stop()
            return run_local(work, items, options)
        return self.results(self.pool, work, items)

    def results(
        self, pool: ProcessPoolExecutor, work: Callable[[A], R], items: Sequence[A]
    ) -> Iterator[R]:
        try:
            yield from pool.map(work, items)
        finally:
            self.stop()

    def stop(self) -> None:
        """End the worker at once (it may still be loading the models)."""
        if self.pool is None:
            return
        # the executor has no public way to end a busy worker (Python 3.14 adds
        # terminate_workers); its processes are in ``_processes``
        for process in list((getattr(self.pool, "_processes", None) or {}).values()):
            process.terminate()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = None

    def __enter__(self) -> WarmExtractor:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()
