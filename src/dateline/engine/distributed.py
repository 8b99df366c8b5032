"""The Dask engine (``build --engine dask``): the same per-article extraction, over partitions of
the articles, on a Dask cluster.

By default a local cluster of ``--jobs`` worker processes (one thread each) is started for the
build and closed after it; ``--scheduler ADDRESS`` uses a running cluster instead (see the README,
"Running on a Dask cluster"). Partitions are submitted at once and their results are gathered in
order, partition by partition, so the caller gets ``work(item)`` in the order of the items (and
the same bytes as the local engine) while later partitions still run. Before any work, every
worker's extractor version must equal this process's: a worker with another dateline, Python or
spaCy could extract differently, and would silently break "same seeds, same bytes".

Needs the optional extra: ``pip install 'dateline[dask]'``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from typing import Any, TypeVar

from dateline.errors import BuildError, UsageError

A = TypeVar("A")
R = TypeVar("R")

#: Articles per partition: enough to amortise a task's overhead, small enough to balance load.
MAX_PARTITION = 32
INSTALL_HINT = "install the extra: pip install 'dateline[dask]'"


def partitions(items: Sequence[A], workers: int) -> list[Sequence[A]]:
    """``items`` cut into consecutive partitions: about four per worker, at most
    :data:`MAX_PARTITION` items each."""
    if not items:
        return []
    size = max(1, min(MAX_PARTITION, -(-len(items) // (4 * max(1, workers)))))
    return [items[i : i + size] for i in range(0, len(items), size)]


def run_partition(work: Callable[[A], R], part: Sequence[A]) -> list[R]:
    """What one Dask task runs: ``work`` on each item of one partition, in order."""
    return [work(item) for item in part]


def worker_version() -> str:
    from dateline.engine.version import extractor_version

    return extractor_version()


def check_versions(client: Any) -> None:
    """Refuse workers whose extractor version differs from this process's."""
    from dateline.engine.version import extractor_version

    mine = extractor_version()
    theirs = client.run(worker_version)
    wrong = sorted(address for address, version in theirs.items() if version != mine)
    if wrong:
        raise BuildError(
            f"Dask worker(s) {', '.join(wrong)} run another extractor version than this "
            f"process ({mine}): their rows could differ",
            hint="install the same dateline (and Python, spaCy) on the workers as here",
        )


def local_cluster(workers: int) -> Any:
    """A cluster of ``workers`` processes on this machine, one thread each, no dashboard."""
    from dask.distributed import LocalCluster

    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )


def client_for(stack: ExitStack, scheduler: str | None, workers: int) -> Any:
    """A client of the scheduler at ``scheduler``, or of a new local cluster (both closed when
    ``stack`` closes)."""
    try:
        from dask.distributed import Client
    except ImportError as exc:
        raise UsageError("--engine dask needs dask.distributed", hint=INSTALL_HINT) from exc
    if scheduler:
        try:
            return stack.enter_context(Client(scheduler, timeout="30s"))
        except (OSError, TimeoutError) as exc:
            raise UsageError(
                f"no Dask scheduler answers at {scheduler} ({exc})",
                hint="start one (dask scheduler) or leave out --scheduler for a local cluster",
            ) from exc
    cluster = stack.enter_context(local_cluster(workers))
    return stack.enter_context(Client(cluster))


def run_on_dask(
    work: Callable[[A], R],
    items: Sequence[A],
    *,
    jobs: int | None = None,
    scheduler: str | None = None,
) -> Iterator[R]:
    """``work(item)`` for each item, in order, computed on a Dask cluster."""
    if not items:
        return
    from dateline.engine import default_jobs

    with ExitStack() as stack:
        client = client_for(stack, scheduler, jobs or default_jobs())
        check_versions(client)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        futures = [
            client.submit(run_partition, work, part, pure=False)
            for part in partitions(items, workers)
        ]
        try:
            for future in futures:
                yield from future.result()
                future.release()
        finally:
            client.cancel(futures)
