"""``dateline build``: seeds → extract (cached) → resolve → corrections (on rows) → type →
write (in a staging folder) → validate → publish.

The old ``data/`` and ``datapackage.json`` stay untouched unless the new ones validate, and are
replaced as one change (:mod:`dateline.publish`).
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from dateline.article import Article, parse_seed, read_seed_files
from dateline.engine import CacheReport, EngineOptions, counted, iter_extractions
from dateline.engine.fingerprint import build_fingerprint, manifest, unchanged
from dateline.engine.store import open_store
from dateline.errors import BuildError, SeedError
from dateline.metadata import SETTINGS_FILE, load_settings, package_meta, partition_rows
from dateline.progress import Progress
from dateline.provenance import with_defaults
from dateline.publish import publish, reading, staging
from dateline.resolve import DOC_TABLES, Resolver
from dateline.schema import TABLES, load
from dateline.schema.model import SCHEMA_DIR
from dateline.tables import sort_frame, to_frame

if TYPE_CHECKING:  # imported where used: a build with nothing to do never loads them
    from dateline.corrections import Correction, DocText
    from dateline.extract import Extraction, Row
    from dateline.validate import Report

OUTPUTS = ("data", "datapackage.json", "schemas", "seeds")


def check_unique_bodies(articles: Sequence[Article]) -> None:
    """Two seeds with the same body would give the same rows twice."""
    seen: dict[str, str] = {}
    for a in articles:
        if (other := seen.setdefault(a.text_sha256, a.seed_path)) != a.seed_path:
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
    a fraction of the memory); actors and places are merged as they come."""

    def __init__(self) -> None:
        self.resolver = Resolver()
        self.pending: dict[str, list[Row]] = {t: [] for t in DOC_TABLES}
        self.chunks: dict[str, list[pl.DataFrame]] = {t: [] for t in DOC_TABLES}
        self.sentences: dict[str, tuple[tuple[int, int], ...]] = {}

    def add(self, ex: Extraction) -> None:
        for table, rows in self.resolver.add(ex).items():
            self.pending[table].extend(rows)
        self.sentences[ex.doc_id] = ex.sentences
        if len(self.sentences) % FRAME_BATCH == 0:
            self.flush()

    def flush(self) -> None:
        for table, rows in self.pending.items():
            if rows:
                self.chunks[table].append(to_frame(table, rows))
            self.pending[table] = []

    def frames(self) -> dict[str, pl.DataFrame]:
        """Every table, typed and sorted by primary key (as :func:`to_frame` sorts)."""
        self.flush()
        out = {}
        for table, chunks in self.chunks.items():
            whole = pl.concat(chunks, rechunk=True) if chunks else to_frame(table, [])
            self.chunks[table] = []
            out[table] = sort_frame(whole, load(table))
        for table, rows in self.resolver.entity_rows().items():
            out[table] = to_frame(table, rows)
        return {t: out[t] for t in TABLES}


def frames(
    extractions: Iterable[Extraction],
    corrections: Sequence[Correction] = (),
    texts: Mapping[str, DocText] | None = None,
) -> dict[str, pl.DataFrame]:
    """Typed, sorted tables: extractions → resolve → typing → corrections."""
    folder = TableFolder()
    for ex in sorted(extractions, key=lambda e: e.doc_id):
        folder.add(ex)
    return corrected(folder.frames(), corrections, texts or {})


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
) -> Report:
    """Build ``seeds`` into ``out``, extracting on up to ``jobs`` processes (default: every
    core) or as ``options`` say; raise :class:`BuildError` when the result does not validate.
    ``progress`` hears each stage (see :mod:`dateline.progress`)."""
    options = options or EngineOptions(jobs=jobs)
    tell = progress or (lambda stage, done, total: None)
    tell("reading seeds", 0, 0)
    files = seed_files(seeds)
    fingerprint = fingerprint_of(seeds, out, files)
    if options.cache and (current := up_to_date(out, fingerprint)) is not None:
        if cache_report is not None:
            cache_report.hits, cache_report.up_to_date = len(files), True
        return current
    from dateline.corrections import load_corrections
    from dateline.extract.checked import extract_seed
    from dateline.validate import validate_package
    from dateline.write import write_package

    articles, settings = parse_inputs(seeds, files)
    folder = TableFolder()
    work = partial(extract_seed, seeds=seeds)
    extractions = iter_extractions(work, articles, options, cache_report)
    for extraction in counted(extractions, len(articles), progress):
        folder.add(extraction)
    tell("resolving and correcting", 0, 0)
    texts = doc_texts(articles, folder.sentences)
    tables = corrected(folder.frames(), load_corrections(seeds), texts)
    del folder, texts  # what validation holds at its peak is the files it reads, not these
    with staging(out) as staged:
        tell("writing", 0, 0)
        write_package(
            tables,
            staged,
            metadata=package_meta(articles, settings),
            partition_rows=partition_rows(settings),
        )
        del tables
        if (out / "seeds").resolve() != seeds.resolve():
            # the package carries the articles it cites
            copy_seeds(files, seeds, staged / "seeds", out / "seeds")
        tell("validating", 0, 0)
        # frictionless' row-by-row pass is left to `validate` and `check` (README, "Validation
        # in builds"): the build's own checks are columnar and cover the same constraints. The
        # evidence check reads the bodies of the articles just parsed, not the seeds again.
        bodies = {a.doc_id: a.body for a in articles}
        report = validate_package(staged, seeds=seeds, frictionless="off", bodies=bodies)
        if not report.valid:
            raise BuildError(
                f"the built package does not validate ({len(report.issues)} problem(s)); "
                "the old data is untouched",
                hint="see the problems listed above",
                report=report,
            )
        names = outputs(staged, out)
        publish(staged, out, names)
    if options.cache:
        remember(out, fingerprint, names, report)
    return report


def inputs(seeds: Path) -> list[Path]:
    """The seed files other than articles that a build reads (corrections)."""
    return sorted(seeds.glob("*.corrections.yaml"))


def up_to_date(out: Path, fingerprint: str) -> Report | None:
    """The report of the last build into ``out`` when it had this fingerprint and its files
    are unchanged (so this build would write the same bytes); else None."""
    with open_store("") as store:
        last = store.last_build(out) if store else None
    if last is None or last[0] != fingerprint:
        return None
    record = last[1]
    with reading(out):
        if not unchanged(out, record["files"]):
            return None
    from dateline.validate.issues import Report

    return Report([], record["tables"])


def remember(out: Path, fingerprint: str, names: Sequence[str], report: Report) -> None:
    """Record what this build published into ``out`` (see :func:`up_to_date`)."""
    with open_store("") as store, reading(out):
        if store:
            record = {"files": manifest(out, names), "tables": report.tables}
            store.record_build(out, fingerprint, record)


def seed_files(seeds: Path) -> list[tuple[Path, bytes]]:
    """Every seed article's path and bytes (raise :class:`SeedError` when there is none)."""
    files = read_seed_files(seeds)
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


def parse_inputs(
    seeds: Path, files: Sequence[tuple[Path, bytes]]
) -> tuple[list[Article], dict[str, Any]]:
    """The articles of ``files`` (in document-id order, the order resolve merges in, with the
    source defaults of ``package.yaml``) and the settings."""
    articles = sorted((parse_seed(path, data) for path, data in files), key=lambda a: a.doc_id)
    check_unique_bodies(articles)
    settings = load_settings(settings_file(seeds))
    defaults = settings.get("source_defaults")  # documents rows and sources entries agree
    return [with_defaults(a, defaults) for a in articles], settings


def is_current(seeds: Path, out: Path) -> bool:
    """Whether ``out`` holds exactly what building ``seeds`` into it would write now."""
    return up_to_date(out, fingerprint_of(seeds, out, seed_files(seeds))) is not None


def fingerprint_of(seeds: Path, out: Path, files: Sequence[tuple[Path, bytes]]) -> str:
    """The build fingerprint of ``files`` (the seeds), the corrections and the settings."""
    return build_fingerprint(files, [*inputs(seeds), settings_file(seeds)], seeds, out)


def copy_seeds(files: Sequence[tuple[Path, bytes]], seeds: Path, to: Path, published: Path) -> None:
    """The seed articles (``files``: their paths and the bytes read) and corrections in ``to``.
    An article whose copy in the published package (``published``) has the same bytes is linked
    to that copy, not written again: the old package is deleted once the new one is in place."""
    to.mkdir()
    for path, data in files:
        if not link_same(published / path.name, to / path.name, data):
            (to / path.name).write_bytes(data)
    for path in inputs(seeds):
        shutil.copyfile(path, to / path.name)


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
