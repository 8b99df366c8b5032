"""What a correction is: one operation from a corrections file, with where it was written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dateline.article import iso_date
from dateline.errors import DatelineError
from dateline.extract import sentence_at

SUFFIX = ".corrections.yaml"
HINT_STALE = "update the correction to today's ids or text, or delete it if it is no longer needed"
Row = dict[str, Any]
Tables = dict[str, list[Row]]


@dataclass(frozen=True)
class DocText:
    """A document as corrections see it: its body, and where extraction's sentences start
    (``(char_start, sentence_index)`` pairs, :attr:`dateline.extract.Extraction.sentences`), so
    that an added row is numbered like an extracted one without segmenting the body again."""

    body: str
    sentences: tuple[tuple[int, int], ...] = ()

    def sentence_at(self, position: int) -> int:
        return sentence_at(self.sentences, position)


Texts = Mapping[str, DocText]


class CorrectionError(DatelineError):
    """A corrections file is malformed, or one of its corrections matches nothing."""


@dataclass(frozen=True)
class Spec:
    """The keys an operation takes: required, optional, and groups of which one is needed."""

    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    one_of: tuple[tuple[str, ...], ...] = ()
    example: str = ""

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(
            {"op", *self.required, *self.optional, *(k for g in self.one_of for k in g)}
        )


@dataclass(frozen=True)
class Correction:
    """One operation from a corrections file, with where it was written."""

    op: str
    values: Mapping[str, Any]
    file: str
    line: int
    doc_id: str
    lines: Mapping[str, int] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    @property
    def doc(self) -> str:
        """The document the correction is about: its ``doc_id`` key, else its file's."""
        return self.get("doc_id") or self.doc_id

    def error(
        self, message: str, *, key: str | None = None, hint: str = HINT_STALE
    ) -> CorrectionError:
        line = self.lines.get(key, self.line) if key else self.line
        return CorrectionError(f"{self.op}: {message}", file=self.file, line=line, hint=hint)


def as_date(value: Any) -> dt.date | None:
    """A date given as a YAML date or as YYYY-MM-DD text, else None."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return iso_date(value)
        except ValueError:
            return None
    return None
