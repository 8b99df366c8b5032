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
  A recognizer that starts only at some tokens ("the", a capitalised word) may also have a
  gate of its own (``Recognizer.opens``: where it may find a mention, as a per-document
  array), so that ``find`` does not ask it elsewhere (``tests/test_recognizers.py`` checks
  that it finds nothing where its gate is shut).
- **A new word** for a rule: the rule word lists are data, in
  ``lexicon/data/rules/mentions.yaml`` (``MentionWords``) and ``entities.yaml``
  (``EntityWords``); names of actors, nations, titles, sources are in the lexicon proper.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import compress
from operator import or_

from spacy.tokens import Doc, Span

from dateline.extract.bodies import (
    force_in_place,
    force_in_place_opens,
    local_body,
    local_body_opens,
)
from dateline.extract.mentions import (
    AFFILIATION_SIZE,
    INSTITUTION_QUALIFIERS,
    LIST_MARKS,
    MODIFIER_SIZE,
    NOMINAL_NOUNS,
    ORDINAL,
    Found,
    MentionKind,
    _capitalised,
    _direction_region,
    _institution_of,
    _lexicon_phrase,
    _listed_unit,
    _may_open,
    _nested_places,
    _next_source_noun,
    _nominal,
    _opening_tables,
    _particle_surname,
    _source,
    _stands_alone,
    _titled_person,
    _units_before_plural,
    surname_particles,
    unit_plural_opens,
)
from dateline.extract.mentions import WORDS as MENTION_WORDS
from dateline.extract.resources import Resources
from dateline.extract.text import (
    THE,
    admitted,
    admitted_through,
    before,
    caps,
    lowers,
    per_doc,
    spaced,
    word_flags,
    words,
)
from dateline.lexicon import Lexicon

Detector = Callable[[Doc, int, Span, Resources], Found | None]
Gate = Callable[[Doc, Lexicon], list[bool]]
"""The tokens of a document where a detector may find a mention (it finds none elsewhere)."""

K = MentionKind
UNIT_LISTING = frozenset({"of", *LIST_MARKS})  # what a unit listed after a unit word follows


def _titles(doc: Doc, lex: Lexicon) -> list[bool]:
    """A title opens (``_title_at``), or the source modifiers before one ("company president":
    ``_source_modifiers``), or a capitalised name or institution before one
    (``_affiliation_prefix``); and a title may open where ``_titled_person`` looks for one: at
    the token, at the end of an affiliation of up to ``AFFILIATION_SIZE`` tokens after it, or
    at the end of a run of source modifiers from it (:func:`_after_modifiers`)."""
    title_at = admitted_through(doc, lex.title_openers)
    near = before(len(title_at), (k for k, ok in enumerate(title_at) if ok), AFFILIATION_SIZE)
    ahead = list(map(or_, _after_modifiers(doc, lex, title_at), near))
    title, modifier, name, inst = (
        admitted(doc, t)
        for t in (
            lex.title_openers,
            lex.source_modifier_openers,
            lex.name_openers,
            lex.institution_openers,
        )
    )
    cap, demonyms = caps(doc), lex.sources.demonym_modifiers  # a modifier may be a demonym
    portfolio = _before_portfolio_head(doc)
    tenure = [w in MENTION_WORDS.title_modifiers for w in lowers(doc)]  # "Acting Director"
    for k in [k for k, ok in enumerate(ahead) if ok]:
        ahead[k] = (
            title[k]
            or modifier[k]
            or (name[k] and (cap[k] or demonyms))
            or (cap[k] and (inst[k] or portfolio[k]))
            or (tenure[k] and k + 1 < len(title) and title[k + 1])
        )
    return ahead


def _before_portfolio_head(doc: Doc) -> list[bool]:
    """Whether a portfolio head ("Minister", "Secretary") follows within three tokens: where
    ``mentions._portfolio`` may find a portfolio ("Competition Commissioner X")."""
    tokens, heads = words(doc), MENTION_WORDS.portfolio_heads
    return before(len(tokens), (k for k, w in enumerate(tokens) if w in heads), 3)


def _after_modifiers(doc: Doc, lex: Lexicon, target: list[bool]) -> list[bool]:
    """Whether ``target`` holds at each token or at the end of a run of source modifiers from
    it (``_source_modifiers``: each of up to ``MODIFIER_SIZE`` tokens, opening with a
    modifier, or with a nation's name where sources take them; read through a "the" that
    normalisation drops, ``text.admitted_through``)."""
    out = [*target, *[False] * MODIFIER_SIZE]
    for k in per_doc(doc, "modifier_runs", lambda d: _modifier_runs(d, lex)):
        out[k] = out[k] or any(out[k + 1 : k + 1 + MODIFIER_SIZE])
    return out[: len(target)]


def _modifier_runs(doc: Doc, lex: Lexicon) -> list[int]:
    """The tokens where a step of a run of source modifiers may start, last first."""
    modifier = admitted_through(doc, lex.source_modifier_openers)
    if lex.sources.demonym_modifiers:
        name = admitted_through(doc, lex.name_openers)
        modifier = list(map(or_, modifier, name))
    return [k for k in range(len(modifier) - 1, -1, -1) if modifier[k]]


def _sources(doc: Doc, lex: Lexicon) -> list[bool]:
    """Where ``_source`` may find a source: a source noun at the end of a run of modifiers from
    the token (none, or "senior Iraqi security"), or from the next after a determiner."""
    noun = _next_source_noun(doc, lex)  # ``k`` at a source noun
    headed = _after_modifiers(doc, lex, [noun[k] == k for k in range(len(noun))])
    headed.append(False)
    determiners = lex.sources.determiners
    return [
        h or (w in determiners and headed[k + 1])
        for k, (w, h) in enumerate(zip(lowers(doc), headed, strict=False))
    ]


def _listed(doc: Doc, _: Lexicon) -> list[bool]:
    """A capitalised word after "of" or a list mark (``_listed_unit``)."""
    low, cap = lowers(doc), caps(doc)
    return [k > 0 and cap[k] and low[k - 1] in UNIT_LISTING for k in range(len(cap))]


def _capitals(doc: Doc, _: Lexicon) -> list[bool]:
    """A capitalised word (``_lexicon_phrase``)."""
    return caps(doc)


def _institutions(doc: Doc, lex: Lexicon) -> list[bool]:
    """An institution's first word, after an optional "the" and qualifier, with "of" one or
    two tokens after it (``_institution_of``: "the federal government of"); worked out only
    at the tokens up to two before such a head."""
    heads = admitted(doc, lex.institution_openers)
    low = lowers(doc)
    n = len(low)
    ofs = [k for k, w in enumerate(low) if w == "of"]
    good = {h for k in ofs for h in (k - 2, k - 1) if h >= 0 and heads[h]}  # "government of"
    opens = [False] * n
    for i in {i for h in good for i in (h - 2, h - 1, h) if i >= 0}:
        k = i + (low[i] == "the")
        k += k < n and low[k] in INSTITUTION_QUALIFIERS
        opens[i] = k in good
    return opens


def _directions(doc: Doc, _: Lexicon) -> list[bool]:
    """A direction word (``_direction_region``)."""
    directions = MENTION_WORDS.directions
    return [w in directions for w in lowers(doc)]


def _articles(doc: Doc, lex: Lexicon) -> list[bool]:
    """ "the" before a title, an organisation's head or a noun of ``NOMINAL_NOUNS``
    (``_nominal``): a word that white space follows ends a window of one word, which must be
    one of these, or opens a window of several, whose text must open a title or a head of
    several words."""
    title, text, space = admitted(doc, lex.title_openers), words(doc), spaced(doc)
    heads = lex.org_head_openers

    def opens(k: int) -> bool:
        word = text[k]
        return (
            title[k]
            or not space[k]
            or word.lower() in NOMINAL_NOUNS
            or lex.org_head(word) is not None
            or heads.admits_phrase(word)
        )

    low = lowers(doc)
    out = [False] * len(low)
    for k in compress(range(len(low) - 1), map(THE.__contains__, low)):  # a "the" before a word
        out[k] = opens(k + 1)
    return out


def _names(doc: Doc, _: Lexicon) -> list[bool]:
    """A capitalised word or an ordinal (``_capitalised``)."""
    return [  # an ordinal opens with a digit
        c or (w[:1].isdigit() and ORDINAL.fullmatch(w) is not None)
        for c, w in zip(caps(doc), words(doc), strict=True)
    ]


@dataclass(frozen=True)
class Recognizer:
    """One rule family that detects mentions starting at a token."""

    name: str
    kinds: frozenset[MentionKind]  # what ``detect`` may return
    detect: Detector
    opens: Gate | None = None  # where ``detect`` may find one (``None``: wherever ``find`` asks)


RECOGNIZERS: tuple[Recognizer, ...] = (
    Recognizer("titled person", frozenset({K.PERSON}), _titled_person, _titles),
    Recognizer("local body", frozenset({K.LOCAL_BODY}), local_body, local_body_opens),
    Recognizer(
        "force in a place", frozenset({K.INSTITUTION}), force_in_place, force_in_place_opens
    ),
    Recognizer("source", frozenset({K.SOURCE, K.NOMINAL}), _source, _sources),
    Recognizer("listed unit", frozenset({K.UNIT}), _listed_unit, _listed),
    Recognizer(
        "units before plural",
        frozenset({K.UNIT}),
        _units_before_plural,
        lambda doc, _: unit_plural_opens(doc),
    ),
    Recognizer(
        "lexicon phrase",
        frozenset({K.INSTITUTION, K.ACTOR, K.NATION, K.PEOPLE, K.CAPITAL, K.PLACE}),
        _lexicon_phrase,
        _capitals,
    ),
    Recognizer("institution of", frozenset({K.INSTITUTION}), _institution_of, _institutions),
    Recognizer("direction region", frozenset({K.REGION}), _direction_region, _directions),
    Recognizer("nominal", frozenset({K.NOMINAL}), _nominal, _articles),
    Recognizer("particle surname", frozenset({K.PERSON}), _particle_surname, surname_particles),
    Recognizer(
        "capitalised",
        frozenset({K.OBJECT, K.ORG, K.SITE, K.PLACE, K.PERSON, K.SINGLE, K.UNKNOWN}),
        _capitalised,
        _names,
    ),
)
"""Tried in this order at every token that their gates (``opens``) admit; the first match
wins."""

OPENINGS = "mention_openings"  # where a document keeps ``_openings`` (``doc.user_data``)
GATES = "recognizer_gates"  # and ``_gates``
NESTED_KINDS = frozenset({K.PLACE})
"""What ``find`` adds for places nested inside a longer name."""


def find(sent: Span, res: Resources) -> list[Found]:
    """All mentions in a sentence, left to right; places nested in a name follow the name."""
    doc = sent.doc
    out: list[Found] = []
    i = sent.start
    inside_name = sent.start  # tokens before this belong to an unknown capitalised name
    may_open = _openings(doc, res)
    gates = _gates(doc, res.lexicon)
    while i < sent.end:
        if not may_open[i]:
            i += 1  # no recognizer can start a mention at this token
            continue
        found = _at(doc, i, sent, res, gates)
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
    flags = word_flags(doc, lambda w, _: _may_open(w, w.lower(), lex), *_opening_tables(lex))
    doc.user_data[OPENINGS] = (res.lexicon, flags)
    return flags


Gated = list[tuple[Detector, list[bool] | None]]
"""Each recognizer's detector with its gate on a document, in ``RECOGNIZERS`` order."""


def _gates(doc: Doc, lex: Lexicon) -> Gated:
    """Each recognizer's detector and gate (``Recognizer.opens``) on ``doc``, worked out once
    per document and lexicon."""
    kept = doc.user_data.get(GATES)
    if kept is not None and kept[0] is lex:
        return kept[1]
    gates = [(r.detect, None if r.opens is None else r.opens(doc, lex)) for r in RECOGNIZERS]
    doc.user_data[GATES] = (lex, gates)
    return gates


def _at(doc: Doc, i: int, sent: Span, res: Resources, gates: Gated) -> Found | None:
    """The mention the first recognizer whose gate admits token ``i`` finds there."""
    for detect, gate in gates:
        if gate is not None and not gate[i]:
            continue
        if (found := detect(doc, i, sent, res)) is not None:
            return found
    return None
