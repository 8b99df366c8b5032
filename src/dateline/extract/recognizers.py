"""Mention recognition as data: the recognizers, in the order they are tried, and the kinds
(``MentionKind``) each one produces.

``find`` walks a sentence token by token and asks each recognizer of ``RECOGNIZERS`` in turn;
the first that returns a ``Found`` wins and the walk goes on after it. Order matters: a titled
person ("spokesman Sean Parnell") before the lexicon ("Sean" might be a place), the lexicon
before the capitalised-name fallback, which must come last. Names no rule knows
(``UNKNOWN``, ``OBJECT``) are searched for places nested inside them ("University of
Sheffield").

Each kind is resolved into actors, places and mentions by ``entities.RESOLVERS``, a table
``MentionKind → resolver`` with one entry per kind (``None`` for a kind that is never turned
into a mention on its own). ``tests/test_recognizers.py`` checks that every kind has a
recognizer that produces it and an entry in ``RESOLVERS``.

Where a change goes:

- **A new kind**: add the value to ``mentions.MentionKind``, list it in the ``kinds`` of the
  recognizer that produces it here, and add its resolver to ``entities.RESOLVERS``.
- **A new recognizer**: write ``detect(doc, i, sent, res) -> Found | None`` in ``mentions``
  (look at token ``i`` of ``sent``; return the mention that starts there, or ``None``) and add
  a ``Recognizer`` at the right place in ``RECOGNIZERS``. ``find`` only tries the recognizers
  at a token that ``mentions._may_open`` admits (a first-token gate, the union of what every
  recognizer first asks of its token): admit there what the new recognizer can start with.
- **A new word** for a rule: the rule word lists are data, in
  ``lexicon/data/rules/mentions.yaml`` (``MentionWords``) and ``entities.yaml``
  (``EntityWords``); names of actors, nations, titles, sources are in the lexicon proper.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from dateline.extract.bodies import force_in_place, local_body
from dateline.extract.mentions import (
    Found,
    MentionKind,
    _capitalised,
    _direction_region,
    _institution_of,
    _lexicon_phrase,
    _listed_unit,
    _may_open,
    _nested_places,
    _nominal,
    _opening_tables,
    _source,
    _stands_alone,
    _titled_person,
)
from dateline.extract.resources import Resources
from dateline.extract.text import admitted, lowers, words

Detector = Callable[[Doc, int, Span, Resources], Found | None]

K = MentionKind


@dataclass(frozen=True)
class Recognizer:
    """One rule family that detects mentions starting at a token."""

    name: str
    kinds: frozenset[MentionKind]  # what ``detect`` may return
    detect: Detector


RECOGNIZERS: tuple[Recognizer, ...] = (
    Recognizer("titled person", frozenset({K.PERSON}), _titled_person),
    Recognizer("local body", frozenset({K.LOCAL_BODY}), local_body),
    Recognizer("force in a place", frozenset({K.INSTITUTION}), force_in_place),
    Recognizer("source", frozenset({K.SOURCE, K.NOMINAL}), _source),
    Recognizer("listed unit", frozenset({K.UNIT}), _listed_unit),
    Recognizer(
        "lexicon phrase",
        frozenset({K.INSTITUTION, K.ACTOR, K.NATION, K.PEOPLE, K.CAPITAL, K.PLACE}),
        _lexicon_phrase,
    ),
    Recognizer("institution of", frozenset({K.INSTITUTION}), _institution_of),
    Recognizer("direction region", frozenset({K.REGION}), _direction_region),
    Recognizer("nominal", frozenset({K.NOMINAL}), _nominal),
    Recognizer(
        "capitalised",
        frozenset({K.OBJECT, K.ORG, K.SITE, K.PLACE, K.PERSON, K.SINGLE, K.UNKNOWN}),
        _capitalised,
    ),
)
"""Tried in this order at every token; the first match wins."""

OPENINGS = "mention_openings"  # where a document keeps ``_openings`` (``doc.user_data``)
NESTED_KINDS = frozenset({K.PLACE})
"""What ``find`` adds for places nested inside a longer name."""


def find(sent: Span, res: Resources) -> list[Found]:
    """All mentions in a sentence, left to right; places nested in a name follow the name."""
    doc = sent.doc
    out: list[Found] = []
    i = sent.start
    inside_name = sent.start  # tokens before this belong to an unknown capitalised name
    may_open = _openings(doc, res)
    while i < sent.end:
        if not may_open[i]:
            i += 1  # no recognizer can start a mention at this token
            continue
        found = _at(doc, i, sent, res)
        if found is None:
            i += 1
        elif found.kind in {MentionKind.UNKNOWN, MentionKind.OBJECT}:
            inside_name = found.end
            if found.kind == MentionKind.UNKNOWN:
                out.append(found)  # entities may type it from its context
            out.extend(_nested_places(doc, found, sent, res))
            i = found.end
        elif i < inside_name and not _stands_alone(found):
            i += 1  # "Fan Expo Canada": keep Canada, not a small town or a surname inside a name
        else:
            out.append(found)
            out.extend(_nested_places(doc, found, sent, res))
            i = found.end
    return out


def _openings(doc: Doc, res: Resources) -> list[bool]:
    """``mentions._may_open`` of every token, worked out once per document and lexicon (and
    once per distinct word: "the", "," and "said" recur), or a table of
    ``mentions._opening_tables`` admits it."""
    kept = doc.user_data.get(OPENINGS)
    if kept is not None and kept[0] is res.lexicon:
        return kept[1]
    lex = res.lexicon
    tables = list(map(any, zip(*(admitted(doc, t) for t in _opening_tables(lex)), strict=True)))
    memo: dict[str, bool] = {}
    flags = []
    for word, low, table in zip(words(doc), lowers(doc), tables, strict=True):
        flag = memo.get(word)
        if flag is None:
            flag = memo[word] = _may_open(word, low, lex)
        flags.append(flag or table)
    doc.user_data[OPENINGS] = (res.lexicon, flags)
    return flags


def _at(doc: Doc, i: int, sent: Span, res: Resources) -> Found | None:
    """The mention the first recognizer finds at token ``i``."""
    for recognizer in RECOGNIZERS:
        if (found := recognizer.detect(doc, i, sent, res)) is not None:
            return found
    return None
