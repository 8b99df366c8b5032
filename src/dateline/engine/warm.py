"""A warm extractor: one worker process that loads the extractor's models while the build does
the rest of its start (imports, the last build's state, the seeds), then extracts the few
articles the extraction cache lacks.

A build that extracts a handful of articles (one added or edited) would otherwise spend most of
its extraction time loading what extraction reads: spaCy, the lexicon, the gazetteer, the
phrase gate, the tokenizer and the parser (about 2 s of CPU time on the machine here), and it
needs them only after reading its state and parsing its seeds. So the worker is started as
early as a cheap test allows:

* ``dateline build`` calls :func:`early` before it imports the build's machinery (polars,
  pyarrow): when a seed file was modified since the package in the output folder was published
  (:func:`likely`: one ``stat`` per seed, no read), the worker starts at once;
* else the build starts it once the seeds' digests show a new or edited seed file
  (:func:`wanted`), and stops an early one that they show unneeded (a seed touched, not edited).

The engine then hands it the articles the cache misses (:meth:`WarmExtractor.run`). If none are
missing, or more than :data:`MAX_ARTICLES` (then the engine's pool of every core is faster),
the worker is stopped unused. Either way it is stopped once extraction is over, so the build
process never holds the models while it writes and validates.

The worker is a plain ``python -c`` process fed pickled requests on its standard input
(:func:`serve`), not a process pool's: a pool's worker is forked by a server process started
first, and imports the main module of the parent again (``dateline``'s command line); this one
imports only what extraction reads. In it, and only there, spaCy's own command line (which
``import spacy`` loads for ``spacy.info``: typer, weasel, requests, about 0.3 s) is left out
(:func:`defer_spacy_cli`).

Extraction is a pure function of the article, so the worker gives the rows an in-process
extraction gives (``tests/test_incremental.py``). ``--jobs 1`` (extract in the build process)
and the Dask engine never start it.
"""

from __future__ import annotations

import importlib
import json
import os
import pickle
import select
import struct
import subprocess
import sys
import types
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from itertools import chain
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

from dateline.engine import MIN_ARTICLES_PER_JOB, EngineOptions, default_jobs, run_local
from dateline.errors import DatelineError

if TYPE_CHECKING:
    from dateline.engine.seeds import SeedFile

A = TypeVar("A")
R = TypeVar("R")

#: Up to this many articles to extract, the warm worker does it; above, the engine's pool does
#: (it starts one worker per :data:`~dateline.engine.MIN_ARTICLES_PER_JOB` articles).
MAX_ARTICLES = 2 * MIN_ARTICLES_PER_JOB - 1
#: What the worker process runs: ``sys.path`` as the build's (its first argument), then
#: :func:`serve`.
BOOT = (
    "import json, sys; sys.path[:] = json.loads(sys.argv[1]); "
    "from dateline.engine.warm import serve; serve()"
)
#: The modules :func:`~dateline.extract.extract` imports on its first call, imported by the
#: worker while it warms up.
EXTRACTION_MODULES = (
    "dateline.extract.checked",
    "dateline.extract.docdates",
    "dateline.extract.entities",
    "dateline.extract.events",
    "dateline.extract.quotes",
    "dateline.extract.rows",
    "dateline.extract.segment",
    "dateline.extract.syntax",
)
#: The published file whose modification time :func:`likely` compares the seeds' with.
DESCRIPTOR = "datapackage.json"
#: An article the worker extracts while it warms up, and throws away: a first extraction reads
#: word lists, tables and settings that later ones find loaded (about 0.2 s). Its rows are never
#: used; what it leaves behind (memos keyed by content) gives any later article the rows it
#: would get alone (extraction is a pure function of the article: ``tests/test_purity.py``).
WARM_UP_ARTICLE = """date 2026-01-05

LAGOS, Nigeria (Wire) — The Nigerian navy seized a fuel tanker off the coast of Lagos on
Monday, a spokesman said, days after gunmen attacked two ships near Port Harcourt.

"We will not allow criminals to threaten our waters," Rear Admiral Ade Bello told reporters in
Abuja. Officials in Ghana and the United Nations called for calm, and the ministry said talks
would resume in Accra next week.
"""


def warm_up(waiting: Callable[[], bool] = lambda: False) -> None:
    """Load everything an extraction reads (in the worker, before any article comes), and
    extract :data:`WARM_UP_ARTICLE` unless articles are ``waiting`` by then (the first of them
    reads what it would have read). It never raises: a failure here is met again by the
    extraction itself, which reports it against its seed."""
    try:
        for module in EXTRACTION_MODULES:
            importlib.import_module(module)
        from dateline.article import parse_seed
        from dateline.extract.checked import extract_seed
        from dateline.extract.resources import Resources

        resources = Resources.default()
        resources.phrase_gate  # noqa: B018 (built on first use)
        resources.parser  # noqa: B018 (loaded on first use)
        if not waiting():
            extract_seed(parse_seed(Path("warm-up.txt"), WARM_UP_ARTICLE.encode()))
    except Exception:
        pass


def readable(stream: IO[bytes]) -> bool:
    """Whether ``stream`` (a pipe) has bytes to read now."""
    try:
        return bool(select.select([stream], [], [], 0)[0])
    except (OSError, ValueError):
        return False


def pooled(options: EngineOptions) -> bool:
    """Whether a build with ``options`` extracts on the local engine in worker processes, with
    the cache: the builds that may use a warm worker."""
    local = options.engine == "local" and options.cache
    return local and (options.jobs or default_jobs()) > 1


def wanted(
    options: EngineOptions, seeds: Mapping[str, str], last: Mapping[str, str] | None
) -> bool:
    """Whether a build with ``options`` should have the warm worker: it may use one
    (:func:`pooled`) and a seed file (``seeds``: digest by file name) is not one the last build
    read (``last``; None when unknown: then it is not started)."""
    new = last is not None and any(last.get(name) != d for name, d in seeds.items())
    return pooled(options) and new


def uncached(files: Sequence[SeedFile], last: Mapping[str, str] | None, settings: Path) -> bool:
    """Whether a seed file that is not one the last build read (``last``: digest by file
    name) holds an article the extraction cache lacks: the worker's only work. Else it is
    stopped now, not once the build reaches extraction, about two seconds of its CPU time
    later (a seed added again, a branch checked out again, a shared CI cache). ``settings``:
    ``package.yaml``, whose source defaults are part of an article's cache key. A seed that
    cannot be parsed counts as lacking (the build reports it where it parses the seeds)."""
    from dateline.article import parse_seed
    from dateline.engine.store import entry_key, open_store
    from dateline.engine.version import extractor_version
    from dateline.metadata import load_settings
    from dateline.provenance import with_defaults

    fresh = [f for f in files if last is None or last.get(f.name) != f.digest]
    try:
        defaults = load_settings(settings).get("source_defaults")
        articles = [with_defaults(parse_seed(f.path, f.read()), defaults) for f in fresh]
    except DatelineError:
        return True
    version = extractor_version()
    keys = [entry_key(a, version) for a in articles]
    with open_store(version) as store:
        return store is None or len(store.present(keys)) < len(set(keys))


def likely(seeds: Path, out: Path, options: EngineOptions) -> bool:
    """Whether a seed article (``*.txt`` in ``seeds``) was modified since the package in
    ``out`` was published (its descriptor's modification time), read from the file system
    alone: a cheap guess at :func:`wanted` before the seeds are read. A wrong guess costs time,
    never bytes: the build checks :func:`wanted` and stops or starts the worker."""
    if not pooled(options):
        return False
    try:
        published = (out / DESCRIPTOR).stat().st_mtime_ns
        with os.scandir(seeds) as entries:
            return any(
                e.name.endswith(".txt") and e.stat().st_mtime_ns >= published for e in entries
            )
    except OSError:
        return False


@contextmanager
def early(seeds: Path, out: Path, options: EngineOptions) -> Iterator[WarmExtractor | None]:
    """A warm worker started now when :func:`likely`, for ``build(worker=...)``; stopped on
    exit."""
    worker = WarmExtractor() if likely(seeds, out, options) else None
    try:
        yield worker
    finally:
        if worker is not None:
            worker.stop()


def chosen(started: WarmExtractor | None, want: bool) -> WarmExtractor | None:
    """The build's warm worker: ``started`` (by :func:`early`) or a new one when ``want``
    (:func:`wanted`); ``started`` is stopped when not wanted."""
    if not want:
        if started is not None:
            started.stop()
        return None
    return started if started is not None and started.alive() else WarmExtractor()


# -- the protocol: length-prefixed pickles on the worker's standard input and output ----------

LENGTH = struct.Struct("<Q")


def send(stream: IO[bytes], value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(LENGTH.pack(len(data)))
    stream.write(data)
    stream.flush()


def receive(stream: IO[bytes]) -> Any:
    """The next value on ``stream``; raise EOFError when it ends (the other side is gone)."""
    head = stream.read(LENGTH.size)
    if len(head) < LENGTH.size:
        raise EOFError
    size = LENGTH.unpack(head)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def outcome(work: Callable[[A], R], item: A) -> tuple[bool, object]:
    """``(True, work(item))``, or ``(False, the exception)`` as it can be pickled."""
    try:
        return True, work(item)
    except Exception as exc:  # the build raises it, as it would have raised it itself
        try:
            pickle.dumps(exc)
        except Exception:
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        return False, exc


def serve() -> None:
    """The worker process: warm up, then answer each request (a function and its items) with
    one outcome per item, in order, until its standard input closes."""
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the replies
    defer_spacy_cli()
    defer_module("langcodes")
    index_entry_points()
    warm_up(lambda: readable(requests))
    while True:
        try:
            work, items = receive(requests)
        except EOFError:
            return
        for item in items:
            send(replies, outcome(work, item))


class Deferred(types.ModuleType):
    """A stand-in for a module, in :data:`sys.modules`, that imports the real one on the first
    read of a public name (and reads every later name from it)."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # what the import system probes (``__path__``)
            raise AttributeError(name)
        real = self.__dict__.get("_real")
        if real is None:
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
            real = self.__dict__["_real"] = importlib.import_module(self.__name__)
        return getattr(real, name)


def defer_module(name: str) -> None:
    """Let ``import name`` give a :class:`Deferred` stand-in until a name is read from it. For
    the worker only, and only for what ``import spacy`` loads and extraction never calls:
    ``langcodes`` (spaCy matches an unknown language code with it; dateline's is ``en``), whose
    import compiles a regular expression of every language tag (about 0.07 s)."""
    if name not in sys.modules:
        sys.modules[name] = Deferred(name)


class GroupedEntryPoints:
    """The installed entry points, found by group in a dict: catalogue (spaCy's registries)
    selects its group from all of them on every registry look-up, about a hundred times while
    spaCy loads a pipeline (0.05 to 0.1 s). The same entry points, in the same order."""

    def __init__(self, found: Any) -> None:
        from importlib.metadata import EntryPoints

        every = found if isinstance(found, EntryPoints) else chain.from_iterable(dict.values(found))
        groups: dict[str, list[Any]] = {}
        for entry in every:
            groups.setdefault(entry.group, []).append(entry)
        self.found = found
        self.groups = {group: EntryPoints(entries) for group, entries in groups.items()}

    def select(self, **params: Any) -> Any:
        from importlib.metadata import EntryPoints

        if params.keys() == {"group"}:
            return self.groups.get(params["group"], EntryPoints(()))
        return self.found.select(**params)


def index_entry_points() -> None:
    """Give catalogue its entry points by group (:class:`GroupedEntryPoints`); worker only."""
    import catalogue  # type: ignore[import-untyped]  # spaCy's, untyped

    if not isinstance(catalogue.AVAILABLE_ENTRY_POINTS, GroupedEntryPoints):
        catalogue.AVAILABLE_ENTRY_POINTS = GroupedEntryPoints(catalogue.AVAILABLE_ENTRY_POINTS)


def defer_spacy_cli() -> None:
    """Let ``import spacy`` skip spaCy's command line: ``spacy/__init__`` imports
    ``spacy.cli.info`` for ``spacy.info`` only, and that module imports every command. A
    :class:`Deferred` ``spacy.cli.info`` stands in, whose ``info`` imports the real one when
    called (as does any other name read from it). For the worker process only: extraction
    never runs a spaCy command."""
    if "spacy" in sys.modules or "spacy.cli.info" in sys.modules:
        return
    stand_in = Deferred("spacy.cli.info")

    def info(*args: Any, **kwargs: Any) -> Any:
        sys.modules.pop("spacy.cli.info", None)
        return importlib.import_module("spacy.cli.info").info(*args, **kwargs)

    stand_in.info = info  # type: ignore[attr-defined]
    sys.modules["spacy.cli.info"] = stand_in


class WarmExtractor:
    """One worker process (:func:`serve`), loading the extractor's models from the start. A
    worker that dies (or cannot start) fails the build with ``BrokenProcessPool``, as the
    engine's pool does; it never hangs it."""

    def __init__(self) -> None:
        command = [sys.executable, "-c", BOOT, json.dumps(sys.path)]
        self.process: subprocess.Popen[bytes] | None = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def run(
        self, work: Callable[[A], R], items: Sequence[A], options: EngineOptions
    ) -> Iterator[R]:
        """An engine (:data:`~dateline.engine.Runner`): ``work`` over ``items`` in order, on
        the warm worker when they are few, else on the local engine."""
        if not items or len(items) > MAX_ARTICLES or self.process is None:
            self.stop()
            return run_local(work, items, options)
        return self.results(self.process, work, items)

    def results(
        self, process: subprocess.Popen[bytes], work: Callable[[A], R], items: Sequence[A]
    ) -> Iterator[R]:
        requests, replies = process.stdin, process.stdout
        assert requests is not None and replies is not None
        try:
            self.exchange(process, lambda: send(requests, (work, list(items))))
            for _ in items:
                ok, value = self.exchange(process, lambda: receive(replies))
                if not ok:
                    raise value
                yield value
        finally:
            self.stop()

    @staticmethod
    def exchange(process: subprocess.Popen[bytes], talk: Callable[[], Any]) -> Any:
        """``talk()``, a worker that died meanwhile (a broken pipe, its output ended) raising
        ``BrokenProcessPool``."""
        try:
            return talk()
        except (EOFError, OSError) as exc:
            code = process.wait()
            raise BrokenProcessPool(f"the warm worker ended (exit code {code})") from exc

    def stop(self) -> None:
        """End the worker at once (it may still be loading the models)."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with suppress(OSError):
                    stream.close()

    def __enter__(self) -> WarmExtractor:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()
