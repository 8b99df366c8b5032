"""The date phrases of one document, found once and read by every stage that dates something.

Events date a trigger with a phrase of its sentence; quotes date the speech with a phrase right
after the cue. Both read this index, so a phrase is found and resolved once per document, with
the same text and anchor whoever asks.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date

from dateline.extract.dates import DateMention, find_dates, resolve
from dateline.extract.segment import Segmented


@dataclass(frozen=True)
class DocDates:
    """The date mentions of each sentence (found in the sentence's text), by sentence index."""

    by_sentence: tuple[tuple[DateMention, ...], ...]
    published: date | None = None  # the date they were resolved against
    _all: tuple[DateMention, ...] = field(init=False, repr=False, compare=False)
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        flat = tuple(d for found in self.by_sentence for d in found)
        object.__setattr__(self, "_all", flat)
        object.__setattr__(self, "_starts", tuple(d.start for d in flat))

    def in_sentence(self, index: int) -> tuple[DateMention, ...]:
        """The date mentions of sentence ``index``, in text order."""
        return self.by_sentence[index]

    def within(self, lo: int, hi: int) -> list[DateMention]:
        """The date mentions that lie wholly inside characters ``lo``-``hi``, in text order."""
        out: list[DateMention] = []
        for d in self._all[bisect_left(self._starts, lo) :]:
            if d.start >= hi:
                break
            if d.end <= hi:
                out.append(d)
        return out


def in_tense(d: DateMention, tense: str, anchor: date | None) -> DateMention:
    """``d`` read again in ``tense``: a phrase's year can hang on the clause that governs it
    ("told AP in an interview in July that they will meet": the telling is past, so July is
    the last one, though the sentence's tense is future). ``d`` itself when the phrase alone
    does not read as the same date phrase."""
    again = resolve(d.text, anchor, tense=tense)
    if again is None or (again.start, again.end) != (0, len(d.text)):
        return d
    return replace(
        d,
        date_start=again.date_start,
        date_end=again.date_end,
        precision=again.precision,
        kind=again.kind,
        confidence=again.confidence,
    )


def find_doc_dates(seg: Segmented, published: date | None) -> DocDates:
    """Every sentence's date mentions, resolved against the publication date."""
    return DocDates(
        tuple(tuple(find_dates(sent.text, published, offset=sent.start)) for sent in seg.sentences),
        published,
    )
