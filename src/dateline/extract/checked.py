"""Extraction as every command runs it: checked, so that a failure names its seed.

An unexpected exception, or a row that references an id its own document lacks, becomes a
:class:`~dateline.errors.BuildError` naming the seed file (and, for a row, the line and column
of its evidence), never a traceback or a foreign-key error in ``data/csv/*.csv``. ``build``,
``extract`` and ``evaluate`` all go through :func:`extract_seed`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dateline.article import Article
from dateline.errors import BuildError, DatelineError
from dateline.extract import Extraction, extract
from dateline.extract.integrity import dangling_references

if TYPE_CHECKING:
    from dateline.extract.resources import Resources


def extract_seed(
    article: Article, seeds: Path | None = None, res: Resources | None = None
) -> Extraction:
    """``extract(article, res)``, checked: a failure, or a row referencing an id the document's own
    rows lack, is a :class:`BuildError` naming the seed (and the line and column of the row),
    never a traceback or a foreign-key error in ``data/csv/*.csv``."""
    hint = "this is a bug in dateline's extraction: please report it with this seed"
    try:
        found = extract(article, res)
    except DatelineError:
        raise
    except Exception as exc:  # any failure is reported against its seed
        raise BuildError(
            f"extraction failed on this article ({type(exc).__name__}: {exc})",
            file=article.seed_path,
            hint=hint,
        ) from exc
    dangling = dangling_references(found.rows)
    if dangling:
        first = dangling[0]
        line, column = seed_position(article, first.char, seeds)
        more = f" (and {len(dangling) - 1} more)" if len(dangling) > 1 else ""
        raise BuildError(
            f"extraction made rows that do not hold together: {first}{more}",
            file=article.seed_path,
            line=line,
            column=column,
            hint=hint,
        )
    return found


def seed_position(
    article: Article, char: int | None, seeds: Path | None
) -> tuple[int | None, int | None]:
    """1-based line and column in the seed file of body offset ``char`` (None if unknown)."""
    if char is None or seeds is None:
        return None, None
    try:
        text = (seeds / Path(article.seed_path).name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None, None
    if not text.endswith(article.body):
        return None, None
    at = len(text) - len(article.body) + char
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
