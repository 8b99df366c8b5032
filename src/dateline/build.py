"""``dateline build``: seeds → extract (cached) → resolve → corrections (on rows) → type →
write (in a staging folder) → validate → publish.

The old ``data/`` and ``datapackage.json`` stay untouched unless the new ones validate, and are
replaced as one change (:mod:`dateline.publish`).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path

import polars as pl

from dateline.article import Article, read_seeds
from dateline.corrections import Correction, DocText, correct, load_corrections
from dateline.engine import CacheReport, EngineOptions, extract_articles
from dateline.engine.fingerprint import build_fingerprint, manifest, unchanged
from dateline.engine.store import open_store
from dateline.errors import BuildError, SeedError
from dateline.extract import Extraction
from dateline.extract.checked import extract_seed
from dateline.metadata import SETTINGS_FILE, load_settings, package_meta
from dateline.publish import publish, reading, staging
from dateline.resolve import resolve
from dateline.schema import TABLES
from dateline.schema.model import SCHEMA_DIR
from dateline.tables import to_frame
from dateline.validate import Report, validate_package
from dateline.write import write_package

OUTPUTS = ("data", "datapackage.json", "schemas", "seeds")
SEED_FILES = ("*.txt", "*.corrections.yaml")


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
    *,
    options: EngineOptions | None = None,
    report: CacheReport | None = None,
) -> list[Extraction]:
    """Every article's extraction, in order: from the extraction cache, else on up to ``jobs``
    processes (default: every core) of ``options.engine``."""
    options = options or EngineOptions(jobs=jobs)
    return extract_articles(partial(extract_seed, seeds=seeds), articles, options, report)


def doc_texts(articles: Iterable[Article], extractions: Iterable[Extraction]) -> dict[str, DocText]:
    """What corrections read of each document: its body and extraction's sentence starts."""
    sentences = {e.doc_id: e.sentences for e in extractions}
    return {a.doc_id: DocText(a.body, sentences.get(a.doc_id, ())) for a in articles}


def frames(
    extractions: Iterable[Extraction],
    corrections: Sequence[Correction] = (),
    texts: Mapping[str, DocText] | None = None,
) -> dict[str, pl.DataFrame]:
    """Typed, sorted tables: extractions → resolve → corrections (on rows) → typing."""
    tables = correct(resolve(extractions), corrections, texts or {})
    return {t: to_frame(t, tables[t]) for t in TABLES}


def build(
    seeds: Path,
    out: Path,
    jobs: int | None = None,
    *,
    options: EngineOptions | None = None,
    cache_report: CacheReport | None = None,
) -> Report:
    """Build ``seeds`` into ``out``, extracting on up to ``jobs`` processes (default: every
    core) or as ``options`` say; raise :class:`BuildError` when the result does not validate."""
    options = options or EngineOptions(jobs=jobs)
    articles = read_seeds(seeds)
    if not articles:
        raise SeedError(
            "no seed articles (*.txt) found",
            file=str(seeds),
            hint="add an article with `dateline add`",
        )
    check_unique_bodies(articles)
    settings_file = seeds.resolve().parent / SETTINGS_FILE
    settings = load_settings(settings_file)
    fingerprint = build_fingerprint(articles, [*inputs(seeds), settings_file], seeds, out)
    if options.cache and (current := up_to_date(out, fingerprint)) is not None:
        if cache_report is not None:
            cache_report.hits, cache_report.up_to_date = len(articles), True
        return current
    extractions = extract_all(articles, seeds, options=options, report=cache_report)
    tables = frames(extractions, load_corrections(seeds), doc_texts(articles, extractions))
    with staging(out) as staged:
        write_package(tables, staged, metadata=package_meta(articles, settings))
        if (out / "seeds").resolve() != seeds.resolve():
            copy_seeds(seeds, staged / "seeds")  # the package carries the articles it cites
        report = validate_package(staged, seeds=seeds)
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
    return Report([], record["tables"])


def remember(out: Path, fingerprint: str, names: Sequence[str], report: Report) -> None:
    """Record what this build published into ``out`` (see :func:`up_to_date`)."""
    with open_store("") as store, reading(out):
        if store:
            record = {"files": manifest(out, names), "tables": report.tables}
            store.record_build(out, fingerprint, record)


def is_current(seeds: Path, out: Path) -> bool:
    """Whether ``out`` holds exactly what building ``seeds`` into it would write now."""
    articles = read_seeds(seeds)
    settings_file = seeds.resolve().parent / SETTINGS_FILE
    fingerprint = build_fingerprint(articles, [*inputs(seeds), settings_file], seeds, out)
    return up_to_date(out, fingerprint) is not None


def copy_seeds(seeds: Path, to: Path) -> None:
    to.mkdir()
    for pattern in SEED_FILES:
        for path in sorted(seeds.glob(pattern)):
            shutil.copyfile(path, to / path.name)


def outputs(staged: Path, out: Path) -> list[str]:
    """What a build publishes: the staged package's paths, except the sources themselves when
    building in the repository (``schemas/`` is dateline's own, ``seeds/`` are the seeds)."""
    names = [n for n in OUTPUTS if (staged / n).exists()]
    if (out / "schemas").resolve() == SCHEMA_DIR.resolve():
        names.remove("schemas")
    return names
