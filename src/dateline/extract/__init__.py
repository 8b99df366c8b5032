"""Extraction: one article in, its rows of every table out (a pure function of the article).

read → **extract** → resolve → write → validate. Each step lives in its own module:
``segment`` (paragraphs, sentences), ``syntax`` (tags and dependencies of the sentences that
need them), ``mentions`` + ``entities`` (actors, places, coreference), ``quotes``, ``dates``,
``events``; ``rows`` turns them into table rows.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dateline.article import Article

if TYPE_CHECKING:
    from dateline.extract.resources import Resources

Row = dict[str, Any]


@dataclass(frozen=True)
class Extraction:
    """The rows one document contributes to each table, and where its sentences start.

    ``sentences`` holds ``(char_start, sentence_index)`` of every sentence in body order, so that
    later stages (a reviewed correction adding a quote or an event) number a position's sentence
    exactly as extraction did, without segmenting the body again.
    """

    doc_id: str
    rows: dict[str, list[Row]]
    sentences: tuple[tuple[int, int], ...] = ()


def sentence_at(sentences: tuple[tuple[int, int], ...], position: int) -> int:
    """The index of the last sentence in ``sentences`` (``(start, index)`` pairs in body order)
    that starts at or before ``position``; 0 before the first."""
    at = bisect_right(sentences, (position, sys.maxsize))
    return sentences[at - 1][1] if at else 0


def extract(article: Article, res: Resources | None = None) -> Extraction:
    """Extract every table's rows from one article, reading the lexicon, gazetteer and
    tokenizer of ``res`` (by default the packaged ones)."""
    from dateline.extract.docdates import find_doc_dates
    from dateline.extract.entities import build_entities
    from dateline.extract.events import extract_events
    from dateline.extract.quotes import extract_quotes, quoted_in
    from dateline.extract.resources import Resources
    from dateline.extract.rows import to_rows
    from dateline.extract.segment import segment
    from dateline.extract.syntax import syntax

    res = res or Resources.default()
    seg = segment(article, res)
    syntax(seg, res)  # tags and parses once; every rule reads it (``extract/syntax``)
    quoted = quoted_in(seg)
    ents = build_entities(article, seg, quoted, res)
    found = extract_quotes(seg, ents, quoted, syntax(seg, res))
    found.speakers.add_to(ents)  # the speakers quotes created are actors for events and rows
    quotes = found.quotes
    dates = find_doc_dates(seg, article.published)  # once, for events and quote dates
    events = extract_events(seg, ents, quotes, dates)
    sentences = tuple((s.start, s.index) for s in seg.sentences)
    return Extraction(article.doc_id, to_rows(article, ents, quotes, events, dates), sentences)
