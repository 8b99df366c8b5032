"""Actors named by a place: local government bodies and the forces of a place.

Two recognizers (registered in ``recognizers.RECOGNIZERS``) and one resolver (in
``entities.RESOLVERS``):

- :func:`local_body`: a council, commission or board named by its place, "the City of
  Fremantle council", "Marion County Commission", "Camden Borough Council", "the Springfield
  city council", "Oyster Bay Town Board", and the force of a place below the country, "Nairobi
  police", "the Travis County Sheriff's Office". Each is an actor of its own (a ``LOCAL_BODY``
  mention: government, sector GOV or COP, the country of the place) whose name holds a mention
  of the place, so the actor is linked to it.
- :func:`force_in_place`: "police in Kenya", "security forces in Mali", "authorities in
  Nairobi": the national institution (``INSTITUTION``) of the country the place lies in, the
  place staying a location of its own ("in Kenya"). Troops are left out: "troops in Iraq" are
  as often foreign as the country's own.

The word lists are data: ``lexicon/data/rules/bodies.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from spacy.tokens import Doc, Span

from dateline.extract.mentions import (
    Found,
    MentionKind,
    institution_found,
    modifies_noun,
    story_set,
)
from dateline.extract.model import ACTORS, LOCATIONS, Actor, MentionType
from dateline.extract.phrases import phrase_windows
from dateline.extract.resources import Resources
from dateline.extract.text import before, cap_text, caps, lowers, openers, slug, span_text, words
from dateline.gazetteer import Gazetteer, Place
from dateline.lexicon import Lexicon, Nation
from dateline.lexicon.rules import rule_words

if TYPE_CHECKING:
    from dateline.extract.entities import DocEntities


@dataclass(frozen=True)
class BodyWords:
    """The word lists of place-named actors, read from ``lexicon/data/rules/bodies.yaml``."""

    FILE: ClassVar[str] = "bodies.yaml"
    unit_words: frozenset[str]
    unit_openers: frozenset[str]
    named_units: frozenset[str]
    council_heads: frozenset[str]
    police_heads: frozenset[str]
    place_types: frozenset[str]
    in_place_suffixes: frozenset[str]
    home_forces: frozenset[str]


WORDS = rule_words(BodyWords)
MAX_NAME = 4  # tokens of a place name inside a body's name
REACH = 3 + MAX_NAME + 1  # tokens from a body's first to its head's: "the City of" NAME unit
HEADS = WORDS.council_heads | WORDS.police_heads
MAX_HEAD = max(len(h.split()) for h in HEADS)
HEAD_OPENERS = openers(HEADS)  # what the first token of a head can be ("board", "sheriff")
UNIT_OPENERS = openers(WORDS.unit_openers)  # and of a unit before "of" ("city")
SECTORS = {"council": "GOV", "police": "COP"}


@dataclass(frozen=True)
class Parts:
    """Where the parts of a body's name are, in tokens: the place name, the unit word
    ("City", "County") if any, the head ("council", "police")."""

    name: tuple[int, int]
    unit: str | None
    head: str
    kind: str  # "council" or "police"


# -- recognizing ---------------------------------------------------------------------------------


def local_body_opens(doc: Doc, _: Lexicon) -> list[bool]:
    """Where :func:`local_body` may find a body (its gate, ``recognizers.Recognizer.opens``):
    a head's first word ("council", "board") within ``REACH`` tokens after it (the longest
    run before a head: "the City of", a name of ``MAX_NAME`` words, a unit word), and after
    an optional "the" a capitalised word or a unit's first word ("City of")."""
    low, cap = lowers(doc), caps(doc)
    opens = before(len(low), (h for h, w in enumerate(low) if w in HEAD_OPENERS), REACH)
    for i in (i for i, near in enumerate(opens) if near):
        k = i + (low[i] == "the")
        opens[i] = k < len(low) and (cap[k] or low[k] in UNIT_OPENERS)
    return opens


def force_in_place_opens(doc: Doc, _: Lexicon) -> list[bool]:
    """Where :func:`force_in_place` may find a force: "in" within ``MAX_HEAD`` tokens after
    the head's first word, or a home force ("police")."""
    low = lowers(doc)
    opens = before(len(low), (k for k, w in enumerate(low) if w == "in"), MAX_HEAD)
    for k, word in enumerate(low):
        if word in WORDS.home_forces:
            opens[k] = True
    return opens


def local_body(doc: Doc, i: int, sent: Span, res: Resources) -> Found | None:
    """A council, commission or board named by its place, or the police of a place below the
    country: "[the] [City of] NAME [unit] HEAD". The name must be a city or county of the
    gazetteer, or stand with a unit word ("Oyster Bay Town Board"); a head followed by "of"
    names another body ("Board of Education")."""
    parts = _parts(doc, i, sent)
    if parts is None:
        return None
    place = _named_place(doc, parts, sent, res)
    if place is None and parts.unit is None:
        return None
    if place is not None and place.location_type not in WORDS.place_types:
        return None  # "the Kenya police" is the nation's (``mentions._institution_after``)
    start = i + (lowers(doc)[i] == "the")
    return Found(
        start,
        _end(doc, parts),
        MentionKind.LOCAL_BODY,
        place=place,
        role=_role(parts),
        suffix=SECTORS[parts.kind],
        name_start=parts.name[0],
    )


def _parts(doc: Doc, i: int, sent: Span) -> Parts | None:
    low, text, cap = lowers(doc), words(doc), caps(doc)
    k = i + (low[i] == "the")
    unit = None
    opens = k + 2 <= sent.end and low[k] in UNIT_OPENERS
    opener = span_text(doc, k, k + 2).lower() if opens else ""
    if opener in WORDS.unit_openers:  # "City of Fremantle"
        unit, k = low[k], k + 2
    n = k
    while (
        n < min(sent.end, k + MAX_NAME)
        and cap[n]
        and text[n].isalpha()  # ``Token.is_alpha``
        and low[n] not in WORDS.unit_words
        and _head_at(doc, n, sent) is None
    ):
        n += 1
    if n == k or n >= sent.end:
        return None
    h = n
    if unit is None and low[h] in WORDS.unit_words:
        unit, h = low[h], h + 1
    head = _head_at(doc, h, sent)
    if head is None:
        return None
    kind = "police" if head in WORDS.police_heads else "council"
    if kind == "police" and unit is not None and opener in WORDS.unit_openers:
        return None  # "City of X police": not a phrase of news English
    return Parts((k, n), unit, head, kind)


def _head_at(doc: Doc, h: int, sent: Span) -> str | None:
    """The longest head starting at token ``h`` ("board of supervisors", "council"), not
    followed by "of" ("Board of Education" is another body)."""
    low = lowers(doc)
    if h >= sent.end or low[h] not in HEAD_OPENERS:
        return None  # no head starts with this token
    for size in range(MAX_HEAD, 0, -1):
        if h + size > sent.end:
            continue
        text = span_text(doc, h, h + size).lower()
        if text in HEADS:
            after = low[h + size] if h + size < sent.end else ""
            return None if after == "of" else text
    return None


def _end(doc: Doc, parts: Parts) -> int:
    return (
        parts.name[1]
        + (parts.unit is not None and not _unit_first(doc, parts))
        + len(parts.head.split())
    )


def _unit_first(doc: Doc, parts: Parts) -> bool:
    """Whether the unit opens the name ("City of Fremantle") rather than follows it."""
    start = parts.name[0]
    return start >= 2 and lowers(doc)[start - 1] == "of" and lowers(doc)[start - 2] == parts.unit


def _role(parts: Parts) -> str:
    """ "city council", "county commission", "police"."""
    if parts.kind == "police" or parts.unit is None:
        return parts.head
    return f"{parts.unit} {parts.head}"


def _named_place(doc: Doc, parts: Parts, sent: Span, res: Resources) -> Place | None:
    """The place the body is named for, read in the story's countries: "Marion County" for a
    county's body (a unit the gazetteer names places with), else the name ("Fremantle")."""
    name = span_text(doc, *parts.name)
    forms = [name]
    if parts.unit is not None and parts.unit in WORDS.named_units:
        forms.insert(0, f"{name} {parts.unit.capitalize()}")
    countries = sorted(story_set(doc, res))
    for form in forms:
        if res.lexicon.nation_by_name(form) is not None:
            return None
        place = res.gazetteer.resolve(form, countries)
        if place is not None:
            return place
    return None


def force_in_place(doc: Doc, i: int, sent: Span, res: Resources) -> Found | None:
    """ "police in Kenya", "security forces in Mali": the institution of the country the place
    after "in" lies in (the mention is the institution's words; the place is its own)."""
    low = lowers(doc)
    for size in range(MAX_HEAD, 0, -1):
        j = i + size
        if j + 1 >= sent.end or low[j] != "in":
            continue
        inst = res.lexicon.institution(span_text(doc, i, j).lower())
        if inst is None or inst.suffix not in WORDS.in_place_suffixes:
            continue
        nation = _country_of(doc, j + 1, sent, res)
        if nation is None:
            return None
        return institution_found(doc, i, j, nation, inst)
    return _home_police(doc, i, sent, res)


def _home_police(doc: Doc, i: int, sent: Span, res: Resources) -> Found | None:
    """Bare "police" ("Police arrested two men") in a story set in one country only: that
    country's police, as a reader takes it. Another word before it names whose police they
    are ("Kenyan police", "the Nairobi police"), and a story of two countries stays unread."""
    low = lowers(doc)
    if low[i] not in WORDS.home_forces or (i > sent.start and cap_text(doc[i - 1].text)):
        return None
    inst = res.lexicon.institution(low[i])
    countries = story_set(doc, res)
    if inst is None or len(countries) != 1 or modifies_noun(doc, i + 1, sent, res.lexicon):
        return None  # "a police station", "police officers" (a longer head) are not this
    nation = res.lexicon.nation(next(iter(countries)))
    return institution_found(doc, i, i + 1, nation, inst) if nation is not None else None


def _country_of(doc: Doc, k: int, sent: Span, res: Resources) -> Nation | None:
    """The nation of the place named at token ``k`` (after "in" and maybe "the")."""
    lex, gaz = res.lexicon, res.gazetteer
    k += lowers(doc)[k] == "the" and k + 1 < sent.end
    if not cap_text(doc[k].text):
        return None
    countries = sorted(story_set(doc, res))
    for _, text in phrase_windows(doc, k, sent.end, res, MAX_NAME):
        nation = lex.nation_by_name(text)
        if nation is not None:
            return nation
        place = gaz.resolve(text, countries)
        if place is not None and place.country:
            return lex.nation(place.country)
    return None


# -- resolving -----------------------------------------------------------------------------------


def resolve_local_body(
    ents: DocEntities, doc: Doc, sent: Span, index: int, f: Found, quoted: bool
) -> None:
    """The body as an actor of its place (government, the place's country), the body's name
    as its mention, and the place named inside it as a location mention."""
    place = _placed(ents, f)
    actor = ents.add_actor(local_actor(span_text(doc, f.start, f.end), f, place, ents))
    ents.mention(doc, f.start, f.end, index, ACTORS, actor.actor_id, MentionType.NAME, quoted)
    parts = _parts(doc, f.start, sent)
    if place is not None and parts is not None:
        start, end = _place_span(doc, parts, place)
        ents.add_place(place, span_text(doc, start, end))
        ents.mention(doc, start, end, index, LOCATIONS, place.location_id, MentionType.NAME, quoted)


def _placed(ents: DocEntities, f: Found) -> Place | None:
    """The body's place read in the article's countries and areas as resolved so far."""
    if f.place is None:
        return None
    gaz: Gazetteer = ents.res.gazetteer
    countries = [*ents.countries, *sorted(ents.setting - set(ents.countries))]
    return gaz.resolve(f.place.name, countries, ents.areas) or f.place


def _place_span(doc: Doc, parts: Parts, place: Place) -> tuple[int, int]:
    """The tokens of the place's name inside the body's name: the name, and the unit after it
    when the place is named with it ("Marion County")."""
    start, end = parts.name
    unit_after = parts.unit is not None and not _unit_first(doc, parts)
    if unit_after and place.name.lower().endswith(f" {parts.unit}"):
        end += 1
    return start, end


def local_actor(text: str, f: Found, place: Place | None, ents: DocEntities) -> Actor:
    """A body of a place: named as written without "the", one id per place (its first-level
    area and country), so two Springfields' councils are two actors."""
    name = text[4:] if text.lower().startswith("the ") else text
    where = place.admin1 or place.country if place else None
    country = place.country if place else next(iter(ents.countries), None)
    scope = where or country or ents.article.doc_id
    return Actor(
        f"{slug(name)}-{slug(scope)}",
        name,
        "government",
        sector=f.suffix,
        country=country,
        role=f.role,
    )
