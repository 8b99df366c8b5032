"""``dateline build``: seeds → extract → resolve → corrections (on rows) → type → write (in a
temporary folder) → validate → swap.

The old ``data/`` and ``datapackage.json`` stay untouched unless the new ones validate.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path

import polars as pl

from dateline.article import Article, read_seeds
from dateline.corrections import Correction, DocText, correct, load_corrections
from dateline.engine import run_all
from dateline.errors import BuildError, SeedError
from dateline.extract import Extraction
from dateline.extract.checked import extract_seed
from dateline.metadata import SETTINGS_FILE, load_settings, package_meta
from dateline.progress import Progress
from dateline.provenance import with_defaults
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
    progress: Progress | None = None,
) -> list[Extraction]:
    """Every article's extraction, in order, on up to ``jobs`` processes (default: every core)."""
    return run_all(partial(extract_seed, seeds=seeds), articles, jobs, progress=progress)


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
    seeds: Path, out: Path, jobs: int | None = None, progress: Progress | None = None
) -> Report:
    """Build ``seeds`` into ``out``, extracting on up to ``jobs`` processes (default: every
    core); raise :class:`BuildError` when the result does not validate. ``progress`` hears
    each stage (see :mod:`dateline.progress`)."""
    tell = progress or (lambda stage, done, total: None)
    tell("reading seeds", 0, 0)
    articles = read_seeds(seeds)
    if not articles:
        raise SeedError(
            "no seed articles (*.txt) found",
            file=str(seeds),
            hint="add an article with `dateline add`",
        )
    check_unique_bodies(articles)
    settings = load_settings(seeds.resolve().parent / SETTINGS_FILE)
    defaults = settings.get("source_defaults")  # documents rows and sources entries agree
    articles = [with_defaults(a, defaults) for a in articles]
    extractions = extract_all(articles, seeds, jobs, progress)
    tell("resolving and correcting", 0, 0)
    tables = frames(extractions, load_corrections(seeds), doc_texts(articles, extractions))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".dateline-build-", dir=out) as tmp:
        staged = Path(tmp)
        tell("writing", 0, 0)
        write_package(tables, staged, metadata=package_meta(articles, settings))
        if (out / "seeds").resolve() != seeds.resolve():
            copy_seeds(seeds, staged / "seeds")  # the package carries the articles it cites
        tell("validating", 0, 0)
        report = validate_package(staged, seeds=seeds)
        if not report.valid:
            raise BuildError(
                f"the built package does not validate ({len(report.issues)} problem(s)); "
                "the old data is untouched",
                hint="see the problems listed above",
                report=report,
            )
        swap(staged, out)
    return report


def copy_seeds(seeds: Path, to: Path) -> None:
    to.mkdir()
    for pattern in SEED_FILES:
        for path in sorted(seeds.glob(pattern)):
            shutil.copyfile(path, to / path.name)


def swap(staged: Path, out: Path) -> None:
    """Move the staged outputs into ``out``, restoring the old ones if a move fails."""
    backup = Path(tempfile.mkdtemp(prefix=".dateline-old-", dir=out))
    moved: list[str] = []
    try:
        for name in OUTPUTS:
            target = out / name
            if not (staged / name).exists():
                continue  # building in the repository: seeds/ and schemas/ are the sources
            if name == "schemas" and target.resolve() == SCHEMA_DIR.resolve():
                continue
            if target.exists():
                os.replace(target, backup / name)
            moved.append(name)
            os.replace(staged / name, target)
    except OSError:
        for name in moved:
            if (backup / name).exists():
                if (out / name).is_dir():
                    shutil.rmtree(out / name)
                os.replace(backup / name, out / name)
        raise
    finally:
        shutil.rmtree(backup, ignore_errors=True)
