"""The date phrases of one document, found once and read by every stage that dates something.

Events date a trigger with a phrase of its sentence; quotes date the speech with a phrase right
after the cue. Both read this index, so a phrase is found and resolved once per document, with
the same text and anchor whoever asks.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date

from dateline.extract.dates import DateMention, find_dates
from dateline.extract.segment import Segmented


@dataclass(frozen=True)
class DocDates:
    """The date mentions of each sentence (found in the sentence's text), by sentence index."""

    by_sentence: tuple[tuple[DateMention, ...], ...]
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


def find_doc_dates(seg: Segmented, published: date | None) -> DocDates:
    """Every sentence's date mentions, resolved against the publication date."""
    return DocDates(
        tuple(
            tuple(find_dates(sent.span.text, published, offset=sent.start))
            for sent in seg.sentences
        )
    )
