"""One candidate pass for name lookups: which windows of tokens can name anything that the
lexicon's name tables or the gazetteer know.

The rules in ``mentions`` try every window of up to seven tokens at a position against the
nation and actor tables and the gazetteer. Almost none of those windows is a key. Every key
of those tables is kept here in one coarse form (:func:`dateline.gazetteer.store.loose`:
accents, apostrophes, hyphens, case and leading "the" words folded away), together with
every leading run of its words. A window whose loose form is no key cannot match any of the
lookups, and a window whose loose form opens no key cannot be extended into one, so a scan
from a token only tries the windows that end where :func:`phrase_ends` says.

Why the gate only ever lets through more than the lookups could match: every lookup key is
a function of the window's text that loses at most what ``loose`` loses (the lexicon's
:func:`~dateline.lexicon.model.normalize` straightens apostrophes, collapses white space and
drops one leading "the"; its keys are case-folded or exact; the gazetteer's
:func:`~dateline.gazetteer.place.normalize` also folds accents, hyphens and commas and marks
short acronyms), so texts with equal keys have equal loose forms. ``loose`` works character by
character, so the loose form of a window is built from the loose pieces of its tokens; a token
whose characters fold differently once case-folded (a few Greek letters) makes every window
over it a candidate.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from dateline.extract.text import body, per_doc, spaced, token_bounds, words
from dateline.gazetteer.store import drop_articles, key_chars, loose

if TYPE_CHECKING:
    from dateline.extract.resources import Resources
    from dateline.gazetteer import Gazetteer
    from dateline.lexicon import Lexicon

MAX_WINDOW = 7


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per table pair
class PhraseGate:
    """Loose forms of every key (``keys``) and of every leading run of a key's words
    (``stems``, the keys included)."""

    keys: frozenset[str]
    stems: frozenset[str]

    @classmethod
    def of(cls, keys: Iterable[str]) -> PhraseGate:
        """The gate over loose keys."""
        keyset = frozenset(keys)
        stems = set(keyset)
        for key in keyset:
            cut = key.find(" ")
            while cut != -1:
                stems.add(key[:cut])
                cut = key.find(" ", cut + 1)
        return cls(keyset, frozenset(stems))


def gate(res: Resources) -> PhraseGate:
    """The gate over the nation, actor and institution tables of ``res.lexicon`` and the names
    of ``res.gazetteer``: built once per :class:`Resources` and kept on it (see
    :attr:`Resources.phrase_gate`)."""
    return res.phrase_gate


def build_gate(lex: Lexicon, gaz: Gazetteer) -> PhraseGate:
    """A new gate over the keys of ``lex`` and ``gaz`` (about 0.3 s for the packaged ones)."""
    return PhraseGate.of([*(loose(k) for k in lex.name_keys()), *gaz.loose_keys])


def packaged_gate() -> PhraseGate:
    """The gate over the packaged lexicon and gazetteer, kept in the disk cache
    (:mod:`dateline.cache`) keyed by their files, the code that reads them and this module's:
    a fresh process reads it (about 0.08 s) instead of building it."""
    from dateline import cache
    from dateline.gazetteer import load as load_gazetteer
    from dateline.gazetteer.store import DATA_DIR, sources
    from dateline.lexicon import load as load_lexicon
    from dateline.lexicon.load import sources as lexicon_sources

    files = [*lexicon_sources(), *sources(DATA_DIR), Path(__file__)]
    return cache.cached("phrase-gate", files, lambda: build_gate(load_lexicon(), load_gazetteer()))


@dataclass(frozen=True)
class _Pieces:
    """Per document: each token's loose characters, whether white space follows it, and
    whether its characters fold the same way in any case (when not, no window over it is
    ruled out)."""

    chars: list[str]
    spaced: list[bool]
    plain: list[bool]
    # gate -> start token -> candidate window ends, longest first
    ends: dict[PhraseGate, dict[int, tuple[int, ...]]]


def _plain(text: str) -> bool:
    if text.isascii():
        return True
    key = " ".join(key_chars(text).split())
    return all(" ".join(key_chars(t).split()) == key for t in (text.casefold(), text.lower()))


@lru_cache(maxsize=1 << 16)
def _piece(text: str) -> tuple[str, bool]:
    """A token's loose characters and whether they are :func:`_plain` (memoised by content)."""
    return key_chars(text), _plain(text)


def _pieces(doc: Doc) -> _Pieces:
    tokens = words(doc)
    distinct = list(dict.fromkeys(tokens))  # each distinct word once, mapped in C
    pieces = list(map(_piece, distinct))
    chars = dict(zip(distinct, map(itemgetter(0), pieces), strict=True))
    plain = dict(zip(distinct, map(itemgetter(1), pieces), strict=True))
    return _Pieces(
        list(map(chars.__getitem__, tokens)), spaced(doc), list(map(plain.__getitem__, tokens)), {}
    )


def phrase_ends(doc: Doc, i: int, res: Resources) -> tuple[int, ...]:
    """Ends ``j`` (longest first, at most :data:`MAX_WINDOW` tokens on) of the windows
    ``doc[i:j]`` that may name something the tables of ``res`` know (see :func:`gate`)."""
    pieces = per_doc(doc, "phrase_pieces", _pieces)
    g = gate(res)
    known = pieces.ends.get(g)
    if known is None:
        known = pieces.ends[g] = {}
    ends = known.get(i)
    if ends is None:
        ends = known[i] = _scan(pieces, i, min(len(doc), i + MAX_WINDOW), g)
    return ends


def _scan(p: _Pieces, i: int, limit: int, g: PhraseGate) -> tuple[int, ...]:
    found: list[int] = []
    raw = ""
    for j in range(i + 1, limit + 1):
        k = j - 1
        if not p.plain[k]:
            found.extend(range(j, limit + 1))
            break
        if k > i and p.spaced[k - 1]:
            raw += " "
        raw += p.chars[k]
        key = drop_articles(" ".join(raw.split()))
        if key in g.keys:
            found.append(j)
        if not key or key in g.stems:
            continue  # a key may go on after this word
        if not p.spaced[k]:  # the next token may go on with this word ("Iraq" "'s")
            cut = key.rfind(" ")
            if cut == -1 or key[:cut] in g.stems:
                continue
        break
    return tuple(reversed(found))


def phrase_windows(
    doc: Doc, i: int, end: int, res: Resources, size: int = MAX_WINDOW
) -> Iterator[tuple[int, str]]:
    """Like ``mentions.windows``: (end token, text) of the windows from ``i`` that stop by
    ``end`` and ``i + size``, longest first, but only those :func:`phrase_ends` lets through
    for the tables of ``res``.
    A scan that looks each window up in the gate's tables and nothing else sees the same
    matches, in the same order."""
    last = min(end, i + size)
    ends = [j for j in phrase_ends(doc, i, res) if j <= last]
    if not ends:
        return
    text = body(doc)
    starts, stops = token_bounds(doc)
    for j in ends:
        yield j, text[starts[i] : stops[j - 1]]
