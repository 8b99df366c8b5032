"""``dateline build``: seeds → extract (cached) → resolve → corrections (on rows) → type →
write (in a staging folder) → validate → publish.

The old ``data/`` and ``datapackage.json`` stay untouched unless the new ones validate, and are
replaced as one change (:mod:`dateline.publish`).
"""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import stat
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

import polars as pl

from dateline.article import Article, parse_seed
from dateline.engine import CacheReport, EngineOptions, Runner, counted, iter_extractions
from dateline.engine.fingerprint import build_fingerprint, dateline_digest, manifest, unchanged
from dateline.engine.seeds import SeedFile, known_stamps, read_seeds, stamps_record
from dateline.engine.state import (
    DOC,
    KEY_SCHEMA,
    BuildState,
    key_basis,
    load_state,
    mark_validated,
    save_state,
    seed_frame,
    source_frame,
    touched_documents,
)
from dateline.engine.store import Store, entry_key, open_store
from dateline.engine.warm import WarmExtractor, chosen, uncached
from dateline.engine.warm import wanted as warm_wanted
from dateline.errors import BuildError, SeedError
from dateline.metadata import SETTINGS_FILE, load_settings, package_meta, partition_rows
from dateline.package.layout import csv_path
from dateline.progress import Progress
from dateline.provenance import with_defaults
from dateline.publish import publish, reading, staging
from dateline.resolve import DOC_TABLES, ENTITY_KEYS, merge_entities
from dateline.schema import TABLES, load
from dateline.schema.model import SCHEMA_DIR
from dateline.tables import same_rows, sort_frame, typed_frame

if TYPE_CHECKING:  # imported where used: a build with nothing to do never loads them
    from dateline.corrections import Correction, DocText
    from dateline.extract import Extraction, Row
    from dateline.validate import Report

OUTPUTS = ("data", "datapackage.json", "schemas", "seeds")


def check_unique_bodies(articles: Sequence[Article]) -> None:
    """Two seeds with the same body would give the same rows twice."""
    seen: dict[str, str] = {}  # by the body itself: the same test as by its hash, without one
    for a in articles:
        if (other := seen.setdefault(a.body, a.seed_path)) != a.seed_path:
            raise SeedError(
                f"same body as {other}", file=a.seed_path, hint="remove the duplicate seed"
            )


def extract_all(
    articles: Sequence[Article],
    seeds: Path | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    *,
    options: EngineOptions | None = None,
    report: CacheReport | None = None,
) -> list[Extraction]:
    """Every article's extraction, in order: from the extraction cache, else on up to ``jobs``
    processes (default: every core) of ``options.engine``."""
    from dateline.extract.checked import extract_seed

    options = options or EngineOptions(jobs=jobs)
    work = partial(extract_seed, seeds=seeds)
    return list(counted(iter_extractions(work, articles, options, report), len(articles), progress))


def doc_texts(
    articles: Iterable[Article], sentences: Mapping[str, tuple[tuple[int, int], ...]]
) -> dict[str, DocText]:
    """What corrections read of each document: its body and extraction's sentence starts."""
    from dateline.corrections import DocText

    return {a.doc_id: DocText(a.body, sentences.get(a.doc_id, ())) for a in articles}


#: Documents whose rows are typed into frames at once: the row dicts held stay this few.
FRAME_BATCH = 256


class TableFolder:
    """Extractions folded into typed frames as they arrive, in document-id order: row dicts of
    at most :data:`FRAME_BATCH` documents exist at a time (a typed frame holds the same data in
    a fraction of the memory). The rows of the dataset tables are kept unmerged, each with its
    document (:data:`~dateline.engine.state.DOC`): :func:`combine` merges them."""

    def __init__(self) -> None:
        self.pending: dict[str, list[Row]] = {t: [] for t in TABLES}
        self.origins: dict[str, list[str]] = {t: [] for t in ENTITY_KEYS}
        self.chunks: dict[str, list[pl.DataFrame]] = {t: [] for t in TABLES}
        self.sentences: dict[str, tuple[tuple[int, int], ...]] = {}
        self.last: str | None = None

    def add(self, ex: Extraction) -> None:
        if self.last is not None and ex.doc_id < self.last:
            raise ValueError(f"extractions out of document order: {ex.doc_id} after {self.last}")
        self.last = ex.doc_id
        for table, rows in self.pending.items():
            rows.extend(ex.rows[table])
        for table, origins in self.origins.items():
            origins.extend([ex.doc_id] * len(ex.rows[table]))
        self.sentences[ex.doc_id] = ex.sentences
        if len(self.sentences) % FRAME_BATCH == 0:
            self.flush()

    def flush(self) -> None:
        for table, rows in self.pending.items():
            if rows:
                typed = typed_frame(table, rows)
                if table in self.origins:
                    typed = source_frame(typed, self.origins[table])
                    self.origins[table] = []
                self.chunks[table].append(typed)
            self.pending[table] = []

    def fresh(self) -> dict[str, pl.DataFrame]:
        """Every table's rows in document order: the document tables typed, the dataset
        tables typed and unmerged, with their documents."""
        self.flush()
        empty = BuildState.empty()
        out = {}
        for table, chunks in self.chunks.items():
            nothing = empty.sources[table] if table in ENTITY_KEYS else empty.tables[table]
            out[table] = pl.concat(chunks, rechunk=True) if chunks else nothing
            self.chunks[table] = []
        return out


def combine(
    previous: BuildState,
    keep: Collection[str],
    fresh: Mapping[str, pl.DataFrame],
    keys: pl.DataFrame,
) -> BuildState:
    """The rows of this build: those of the documents in ``keep`` from ``previous`` (the last
    build's state), and the ``fresh`` rows (:meth:`TableFolder.fresh`) of every other document.

    A document table is the kept rows and the fresh ones, sorted by primary key. A dataset
    table is merged by id (:func:`~dateline.resolve.merge_entities`, over the unmerged rows in
    document order); a merged row depends only on the rows with its id, so only the ids of
    documents dropped, changed or added are merged again, and every other row is the previous
    one. Either way the result is the clean build's, byte for byte (``tests/test_incremental``)."""
    kept = pl.Series("kept", list(keep), dtype=pl.String)
    tables: dict[str, pl.DataFrame] = {}
    sources: dict[str, pl.DataFrame] = {}
    for table in DOC_TABLES:
        old = previous.tables[table].filter(pl.col("doc_id").is_in(kept.implode()))
        tables[table] = sort_frame(pl.concat([old, fresh[table]], rechunk=True), load(table))
    for table, key in ENTITY_KEYS.items():
        old, stays = previous.sources[table], pl.col(DOC).is_in(kept.implode())
        source = pl.concat([old.filter(stays), fresh[table]], rechunk=True)
        source = source.sort(DOC, maintain_order=True)  # document order, rows in theirs
        affected = pl.concat([old.filter(~stays).get_column(key), fresh[table].get_column(key)])
        again = pl.col(key).is_in(affected.unique().implode())
        rows = source.filter(again).drop(DOC).to_dicts()
        merged = typed_frame(table, merge_entities(rows, key))
        same = previous.tables[table].filter(~again)
        tables[table] = sort_frame(pl.concat([same, merged], rechunk=True), load(table))
        sources[table] = source
    return BuildState(keys, {t: tables[t] for t in TABLES}, sources)


def frames(
    extractions: Iterable[Extraction],
    corrections: Sequence[Correction] = (),
    texts: Mapping[str, DocText] | None = None,
) -> dict[str, pl.DataFrame]:
    """Typed, sorted tables: extractions → resolve → typing → corrections."""
    folder = TableFolder()
    for ex in sorted(extractions, key=lambda e: e.doc_id):
        folder.add(ex)
    state = combine(BuildState.empty(), (), folder.fresh(), BuildState.empty().keys)
    return corrected(state.tables, corrections, texts or {})


def corrected(
    tables: dict[str, pl.DataFrame], corrections: Sequence[Correction], texts: Mapping[str, DocText]
) -> dict[str, pl.DataFrame]:
    """The reviewed corrections applied (on rows: only when there are corrections do the
    tables pass through row dicts)."""
    if not corrections:
        return tables
    from dateline.corrections import apply_corrections

    return dict(apply_corrections(tables, corrections, texts))


def build(
    seeds: Path,
    out: Path,
    jobs: int | None = None,
    progress: Progress | None = None,
    *,
    options: EngineOptions | None = None,
    cache_report: CacheReport | None = None,
    worker: WarmExtractor | None = None,
) -> Report:
    """Build ``seeds`` into ``out``, extracting on up to ``jobs`` processes (default: every
    core) or as ``options`` say; raise :class:`BuildError` when the result does not validate.
    ``progress`` hears each stage (see :mod:`dateline.progress`); ``worker``: a warm worker
    started before (:func:`dateline.engine.warm.early`), used if a seed is new or edited, else
    stopped."""
    options = options or EngineOptions(jobs=jobs)
    tell = progress or (lambda stage, done, total: None)
    tell("reading seeds", 0, 0)
    last = last_build(out) if options.cache else None
    files = seed_files(seeds, known_stamps(last[1] if last else None, seeds))
    fingerprint = fingerprint_of(seeds, out, files)
    if last is not None and (current := up_to_date(out, fingerprint, last)) is not None:
        if cache_report is not None:
            cache_report.hits, cache_report.up_to_date = len(files), True
        return current
    digests = [f.digest for f in files]
    index = {f.name: f.digest for f in files}
    known = last[1].get("seeds") if last else None
    warm = warm_wanted(options, index, known) and uncached(files, known, settings_file(seeds))
    with (
        staging(out) as staged,
        frozen_later() as freeze,
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="dateline-state") as background,
    ):
        with chosen(worker, warm) or nullcontext() as worker:  # see engine/warm.py
            from dateline.validate import validate_package
            from dateline.validate.changes import changed_rows, validate_changes
            from dateline.validate.profiles import source_text
            from dateline.write import write_package
            from dateline.write.csv import csv_bytes

            written: dict[str, str] = {}
            # while a warm worker extracts: work that does not need the rows (the seeds'
            # copy, the last state); an incremental build no longer imports pandera at all
            # (the changed rows are checked columnar: validate.schema.breaks_schema)
            if (out / "seeds").resolve() != seeds.resolve():
                # the package carries the articles it cites
                copies = published_copies(last[1] if last else None)
                written |= copy_seeds(files, seeds, staged / "seeds", out / "seeds", copies)
            digest = dateline_digest() if options.cache else ""
            previous = last_state(out, digest) if options.cache else None
            parsed, unchanged = parse_seeds(files, previous.parsed() if previous else {})
            seen = pl.DataFrame(schema={c: pl.String for c in ("file", "digest", "doc_id")})
            if previous is not None:  # parsed: the articles hold the bodies
                seen = previous.seeds.select(seen.columns)
                previous.seeds = previous.seeds.clear()
            articles, settings = parse_inputs(seeds, files, parsed)
            state, sentences = extract_rows(
                articles,
                seeds,
                previous,
                options,
                cache_report,
                progress,
                settings,
                unchanged,
                runner=worker.run if worker is not None else None,
            )
        freeze()  # what extraction left is kept to the end: no collection walks it again
        state.seeds = seed_frame(list(index), digests, parsed)
        tell("resolving and correcting", 0, 0)
        corrections = reviewed_corrections(seeds)
        texts = correction_texts(articles, corrections, sentences, seeds, options)
        tables = corrected(state.tables, corrections, texts)
        # the frames of the last validated build, when it wrote its rows uncorrected, as this
        # one does: then only the rows that differ from them are checked row by row
        meta = package_meta(articles, settings)
        listed = [source_text(s) for s in meta.sources]  # the profile check reads them too
        state.listed = frozenset(listed)
        changed, passed, pairs = None, frozenset[str](), paired(tables, previous)
        if validated_uncorrected(previous) and not corrections:
            changed, passed = changed_rows(tables, previous.tables, pairs), previous.listed
        saving = None
        if options.cache:
            touched = touched_documents(previous, state, seen) if previous else None
            stored = previous.stored if previous else b""
            save = partial(
                save_state,
                out=out,
                digest=digest,
                state=state,
                corrected=bool(corrections),
                stored=stored,
                touched=touched,
            )
            saving = state_saved(background, save, whole=not stored)
        before = last_csv(out, last[1] if last else None, previous, pairs)
        del state, texts, previous  # what validation holds at its peak is the files it reads
        tell("writing", 0, 0)
        written |= write_package(
            tables,
            staged,
            metadata=meta,
            partition_rows=partition_rows(settings),
            before=before,
        )
        tell("validating", 0, 0)
        # frictionless' row-by-row pass is left to `validate` and `check` (README, "Validation
        # in builds"): the build's own checks are columnar and cover the same constraints. The
        # evidence check reads the bodies of the articles just parsed, not the seeds again.
        bodies = {a.doc_id: a.body for a in articles}
        report = None
        if changed is not None:  # README, "Incremental builds": what is checked again
            report = validate_changes(
                staged,
                tables,
                changed,
                seeds,
                bodies,
                passed,
                render=csv_bytes,
                sources=(meta.sources, listed),
                hashed=written,
            )
        del tables, changed, before, pairs
        if report is None:
            report = validate_package(
                staged, seeds=seeds, frictionless="off", bodies=bodies, hashed=written
            )
        if not report.valid:
            raise BuildError(
                f"the built package does not validate ({len(report.issues)} problem(s)); "
                "the old data is untouched",
                hint="see the problems listed above",
                report=report,
            )
        build_id = saving.result() if saving is not None else None  # stored before publishing
        names = outputs(staged, out)
        publish(staged, out, names)
    if build_id is not None:
        stamps = stamps_record(files, seeds)
        remember(out, fingerprint, names, report, build_id, written, index, stamps)
    return report


@contextmanager
def frozen_later() -> Iterator[Callable[[], None]]:
    """``gc.freeze`` to call once the bulk of a build's objects exist (the seeds, the state,
    the rows): the cyclic collector then skips them for the rest of the build, as it would
    walk them again and again for nothing (0.2 to 0.4 s of an incremental build at 10,000
    articles). Undone on leaving, so the objects are collected as usual afterwards."""
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()


def validated_uncorrected(state: BuildState | None) -> TypeGuard[BuildState]:
    """Whether ``state`` is of a build that validated its package and wrote its rows
    uncorrected (then a build without corrections checks only the rows that differ)."""
    return state is not None and state.validated and not state.corrected


def paired(
    tables: Mapping[str, pl.DataFrame], previous: BuildState | None
) -> dict[str, pl.Series] | None:
    """Per table, the row of ``previous`` (the last build's state, when it validated and wrote
    its rows uncorrected) equal to each row of ``tables`` (:func:`~dateline.tables.same_rows`),
    with ``previous``' tables sorted by primary key as they were written; else None."""
    if not validated_uncorrected(previous):
        return None
    previous.tables = {t: sort_frame(f, load(t)) for t, f in previous.tables.items()}
    return {t: same_rows(tables[t], previous.tables[t], load(t).primary_key) for t in TABLES}


def last_csv(
    out: Path,
    record: Mapping[str, Any] | None,
    previous: BuildState | None,
    pairs: Mapping[str, pl.Series] | None,
) -> Callable[[str], tuple[pl.DataFrame, bytes, pl.Series] | None] | None:
    """What :func:`~dateline.write.package.write_package` splices each CSV file from: the
    table's frame in ``previous`` (sorted by :func:`paired`, which gave ``pairs``), the bytes
    of its published CSV file and the pairs of rows, when ``record`` (the last build's:
    :func:`remember`) is that state's and lists the file with that SHA-256. Each table is
    handed over once, then dropped (the last build's frames are freed as the new ones are
    written)."""
    if pairs is None or previous is None or not record or previous.build_id is None:
        return None
    if record.get("state") != previous.build_id:
        return None
    files, old = record.get("files") or {}, dict(previous.tables)

    def before(table: str) -> tuple[pl.DataFrame, bytes, pl.Series] | None:
        frame, rel = old.pop(table, None), csv_path(table)
        try:
            data = (out / rel).read_bytes()
        except OSError:
            return None
        if frame is None or hashlib.sha256(data).hexdigest() != files.get(rel):
            return None
        return frame, data, pairs[table]

    return before


def last_state(out: Path, digest: str) -> BuildState | None:
    """The state of the last build into ``out`` (see :mod:`dateline.engine.state`)."""
    with open_store("") as store:
        return load_state(store, out, digest)


def keep_state(save: Callable[[Store | None], str]) -> str:
    """Store the state of this build with ``save`` (a partial
    :func:`~dateline.engine.state.save_state`); return its build id."""
    with open_store("") as store:
        return save(store)


def state_saved(
    background: Executor, save: Callable[[Store | None], str], *, whole: bool
) -> Future[str]:
    """The build id of the state ``save`` (a partial
    :func:`~dateline.engine.state.save_state`) stores: on ``background`` when it updates a few
    parts of the stored state (stored while the build writes and validates), at once when it
    is ``whole`` (a first build's: its frames are then freed before the files are written, the
    peak memory of such a build)."""
    saving = background.submit(keep_state, save)
    if whole:
        saving.result()
    return saving


def extract_rows(
    articles: Sequence[Article],
    seeds: Path,
    previous: BuildState | None,
    options: EngineOptions,
    report: CacheReport | None = None,
    progress: Progress | None = None,
    settings: Mapping[str, Any] | None = None,
    unchanged: Collection[str] = (),
    *,
    runner: Runner | None = None,
) -> tuple[BuildState, dict[str, tuple[tuple[int, int], ...]]]:
    """The rows of every article, before corrections, and the sentences of the articles
    extracted (or read from the extraction cache). The rows of the articles whose cache key is
    the one they had in ``previous`` (the last build's state) are its rows; the others come
    from the extraction cache or the engine. ``settings``: those of ``package.yaml``, whose
    source defaults the articles were given; ``unchanged``: the documents whose seed file is
    the one ``previous`` parsed (their key is the one they had, if its basis is the same);
    ``runner``: the engine of the misses, when not ``options.engine`` (a warm worker)."""
    from dateline.engine.version import extractor_version
    from dateline.extract.checked import extract_seed

    version = extractor_version() if options.cache else ""
    previous = previous or BuildState.empty()
    known = previous.key_of()
    basis = key_basis(version, (settings or {}).get("source_defaults"))
    same = known if previous.basis == basis else {}
    keys = pl.DataFrame(
        {
            "doc_id": [a.doc_id for a in articles],
            "key": [
                same[a.doc_id]
                if a.doc_id in unchanged and a.doc_id in same
                else entry_key(a, version)
                for a in articles
            ],
        },
        schema=KEY_SCHEMA,
    )
    keep = {d for d, k in keys.iter_rows() if known.get(d) == k}
    todo = [a for a in articles if a.doc_id not in keep]
    folder = TableFolder()
    work = partial(extract_seed, seeds=seeds)
    report = report if report is not None else CacheReport()
    extractions = iter_extractions(work, todo, options, report, runner)
    for extraction in counted(extractions, len(todo), progress):
        folder.add(extraction)
    report.hits += len(keep)
    state = combine(previous, keep, folder.fresh(), keys)
    state.basis = basis
    return state, folder.sentences


def correction_texts(
    articles: Sequence[Article],
    corrections: Sequence[Correction],
    found: Mapping[str, tuple[tuple[int, int], ...]],
    seeds: Path,
    options: EngineOptions,
) -> dict[str, DocText]:
    """The text of each document a correction names: its body and the sentence starts its
    extraction found (from this build's extractions, else from the extraction cache)."""
    if not corrections:
        return {}
    from dateline.extract.checked import extract_seed

    named = {d for c in corrections for d in (c.doc_id, c.doc)}
    chosen = [a for a in articles if a.doc_id in named]
    sentences = dict(found)
    missing = [a for a in chosen if a.doc_id not in sentences]
    work = partial(extract_seed, seeds=seeds)
    for ex in iter_extractions(work, missing, replace(options, jobs=1)):
        sentences[ex.doc_id] = ex.sentences
    return doc_texts(chosen, sentences)


def reviewed_corrections(seeds: Path) -> list[Correction]:
    """The corrections in ``seeds``. The corrections package (which imports the extractor's row
    mapping, and so spaCy) is loaded only when there is a corrections file (either spelling:
    a ``.yml`` one is an error it reports)."""
    if not any(seeds.glob("*.corrections.y*ml")):
        return []
    from dateline.corrections import load_corrections

    return load_corrections(seeds)


def inputs(seeds: Path) -> list[Path]:
    """The seed files other than articles that a build reads (corrections)."""
    return sorted(seeds.glob("*.corrections.yaml"))


def last_build(out: Path) -> tuple[str, dict[str, Any]] | None:
    """The fingerprint and record of the last build published into ``out`` (see
    :func:`remember`)."""
    with open_store("") as store:
        return store.last_build(out) if store else None


def up_to_date(
    out: Path, fingerprint: str, last: tuple[str, dict[str, Any]] | None = None
) -> Report | None:
    """The report of the last build into ``out`` (``last``: its fingerprint and record, read
    here when not given) when it had this fingerprint and its files are unchanged (so this
    build would write the same bytes); else None."""
    last = last or last_build(out)
    if last is None or last[0] != fingerprint:
        return None
    record = last[1]
    with reading(out):
        if not unchanged(out, record["files"]):
            return None
    from dateline.validate.issues import Report

    return Report([], record["tables"])


def remember(
    out: Path,
    fingerprint: str,
    names: Sequence[str],
    report: Report,
    build_id: str,
    written: Mapping[str, str] | None = None,
    seeds: Mapping[str, str] | None = None,
    stamps: Mapping[str, Any] | None = None,
) -> None:
    """Record what this build published into ``out`` (see :func:`up_to_date`), and that its
    state (build ``build_id``) is of a validated, published package. ``written``: the SHA-256
    of the files the build wrote, by path (the others are read and hashed); ``seeds``: the
    digest of every seed file the build read, by name (:func:`~dateline.engine.warm.wanted`);
    ``stamps``: their stamps (:func:`~dateline.engine.seeds.stamps_record`), so that the next
    build reads only the files changed since."""
    with open_store("") as store, reading(out):
        if store:
            record = {"files": manifest(out, names, written), "tables": report.tables}
            record["seeds"] = dict(seeds or {})
            record["seed_stamps"] = dict(stamps or {})
            record["state"] = build_id
            if "seeds" in names:
                record["stamps"] = file_stamps(out / "seeds")
            store.record_build(out, fingerprint, record)
            mark_validated(store, out, build_id)


def seed_files(
    seeds: Path, known: Mapping[str, tuple[list[int], str]] | None = None
) -> list[SeedFile]:
    """Every seed article file, read unless ``known`` gives its stamp and digest
    (:func:`~dateline.engine.seeds.read_seeds`); raise :class:`SeedError` when there is none."""
    files = read_seeds(seeds, known)
    if not files:
        raise SeedError(
            "no seed articles (*.txt) found",
            file=str(seeds),
            hint="add an article with `dateline add`",
        )
    return files


def settings_file(seeds: Path) -> Path:
    """``package.yaml`` beside the seed folder."""
    return seeds.resolve().parent / SETTINGS_FILE


def parse_seeds(
    files: Sequence[SeedFile], known: Mapping[tuple[str, str], Article]
) -> tuple[list[Article], set[str]]:
    """The article of each seed file, parsed, or from ``known`` (the last build's, by file name
    and digest: an article is a pure function of its file's name and bytes); and the documents
    taken from ``known``."""
    articles, unchanged = [], set()
    for file in files:
        article = known.get((file.name, file.digest))
        if article is None:
            article = parse_seed(file.path, file.read())
        else:
            unchanged.add(article.doc_id)
        articles.append(article)
    return articles, unchanged


def parse_inputs(
    seeds: Path, files: Sequence[SeedFile], parsed: Sequence[Article] | None = None
) -> tuple[list[Article], dict[str, Any]]:
    """The articles of ``files`` (``parsed``: already parsed, in the order of ``files``), in
    document-id order (the order resolve merges in), with the source defaults of
    ``package.yaml``; and the settings."""
    if parsed is None:
        parsed = [parse_seed(f.path, f.read()) for f in files]
    articles = sorted(parsed, key=lambda a: a.doc_id)
    check_unique_bodies(articles)
    settings = load_settings(settings_file(seeds))
    defaults = settings.get("source_defaults")  # documents rows and sources entries agree
    return [with_defaults(a, defaults) for a in articles], settings


def is_current(seeds: Path, out: Path) -> bool:
    """Whether ``out`` holds exactly what building ``seeds`` into it would write now."""
    last = last_build(out)
    files = seed_files(seeds, known_stamps(last[1] if last else None, seeds))
    return up_to_date(out, fingerprint_of(seeds, out, files), last) is not None


def fingerprint_of(seeds: Path, out: Path, files: Sequence[SeedFile]) -> str:
    """The build fingerprint of ``files`` (the seeds), the corrections and the settings."""
    seeds_read = [(f.name, f.digest) for f in files]
    return build_fingerprint(seeds_read, [*inputs(seeds), settings_file(seeds)], seeds, out)


#: A published seed copy as the last build left it: its stamp (:func:`file_stamp`), the digest
#: of its bytes (:func:`~dateline.engine.state.seed_digest`) and their SHA-256.
Copy = tuple[list[int], str, str]


def file_stamp(st: os.stat_result) -> list[int]:
    """What tells a file's bytes unchanged without reading them: its inode, size, modification
    and change times (any write moves the change time, which no call can set back)."""
    return [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def file_stamps(folder: Path) -> dict[str, list[int]]:
    """The stamp of every regular file in ``folder``, by name."""
    try:
        with os.scandir(folder) as entries:
            return {
                e.name: file_stamp(e.stat(follow_symlinks=False))
                for e in entries
                if e.is_file(follow_symlinks=False)
            }
    except OSError:
        return {}


def published_copies(record: Mapping[str, Any] | None) -> dict[str, Copy]:
    """The published seed copies the last build's ``record`` (:func:`remember`) stamped, by
    file name, with the digest it read them with and the SHA-256 its manifest gives them."""
    if not record:
        return {}
    hashes, stamps = record.get("files") or {}, record.get("stamps") or {}
    digests = record.get("seeds") or {}
    return {
        name: (stamp, digest, sha)
        for name, stamp in stamps.items()
        if isinstance(sha := hashes.get(f"seeds/{name}"), str)
        and isinstance(digest := digests.get(name), str)
    }


def copy_seeds(
    files: Sequence[SeedFile],
    seeds: Path,
    to: Path,
    published: Path,
    copies: Mapping[str, Copy] | None = None,
) -> dict[str, str]:
    """The seed articles (``files``) and corrections in ``to``; return the SHA-256 of each
    article, by path in the package (``seeds/<name>``). An article whose copy in the published
    package (``published``) has the same bytes is linked to that copy, not written again: the
    old package is deleted once the new one is in place. A copy in ``copies``
    (:func:`published_copies`) whose stamp is unchanged and whose digest is that of the seed
    file now is linked without reading or hashing it again; the others are read and
    compared."""
    to.mkdir()
    hashes, copies = {}, copies or {}
    with opened(published) as src, opened(to) as dst:
        for file in files:
            name, known = file.name, copies.get(file.name)
            if known and known[1] == file.digest and link_known(name, src, dst, known[0]):
                hashes[f"{to.name}/{name}"] = known[2]
                continue
            old, new, data = published / name, to / name, file.read()
            if not link_same(old, new, data):
                new.write_bytes(data)
            hashes[f"{to.name}/{name}"] = hashlib.sha256(data).hexdigest()
    for path in inputs(seeds):
        shutil.copyfile(path, to / path.name)
    return hashes


@contextmanager
def opened(folder: Path) -> Iterator[int | None]:
    """A descriptor of ``folder`` (None when it cannot be opened), to name its files by."""
    try:
        fd: int | None = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        fd = None
    try:
        yield fd
    finally:
        if fd is not None:
            os.close(fd)


def link_known(name: str, src: int | None, dst: int | None, stamp: list[int]) -> bool:
    """Hard-link file ``name`` of folder ``dst`` to file ``name`` of folder ``src`` (open
    descriptors) when that file has ``stamp`` (:func:`file_stamp`: it holds the bytes it held
    when stamped)."""
    if src is None or dst is None:
        return False
    try:
        if file_stamp(os.stat(name, dir_fd=src, follow_symlinks=False)) != stamp:
            return False
        os.link(name, name, src_dir_fd=src, dst_dir_fd=dst, follow_symlinks=False)
    except OSError:
        return False
    return True


def link_same(old: Path, new: Path, data: bytes) -> bool:
    """Hard-link ``new`` to ``old`` when ``old`` is a regular file holding ``data``."""
    try:
        st = old.lstat()  # a symlink, pipe or device is never read, only replaced
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(data) or old.read_bytes() != data:
            return False
        os.link(old, new)
    except OSError:
        return False
    return True


def outputs(staged: Path, out: Path) -> list[str]:
    """What a build publishes: the staged package's paths, except the sources themselves when
    building in the repository (``schemas/`` is dateline's own, ``seeds/`` are the seeds)."""
    names = [n for n in OUTPUTS if (staged / n).exists()]
    if (out / "schemas").resolve() == SCHEMA_DIR.resolve():
        names.remove("schemas")
    return names
