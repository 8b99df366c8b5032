"""Where an article is, for telling a place from its namesakes.

A name that several places share ("Springfield", "Athens", "Fulton County", "Georgia") is
read in the article's context, the way a reader does: the countries the article names, the
first-level areas it names (a state named anywhere in a local story, a big city standing for
its state, the county of a county seat), its dateline and its publisher ("The Columbus
Dispatch" writes from Ohio). Everything here is computed once per document (``per_doc``) and
is a function of the article and the resources alone.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace
from functools import lru_cache
from itertools import compress
from operator import gt

from spacy.tokens import Doc, Span

from dateline.extract.model import LOCATIONS, Mention
from dateline.extract.phrases import phrase_windows
from dateline.extract.resources import Resources
from dateline.extract.text import body, caps, per_doc, words
from dateline.gazetteer import Gazetteer, Place, direction_key
from dateline.lexicon.words import common_words

AREA_EVIDENCE_MIN_POP = 100_000  # a city this big names its first-level area ("Denver")
DOMINANCE = 10  # times the population of its biggest namesake: a dateline's "ATLANTA"
AREA_WORDS = frozenset({"state", "states", "province", "provinces", "county", "counties"})
#: Unit nouns after a direction that leave it a part of the area named after it ("the Southern
#: District of Ohio", a federal court district), wherever else a unit is called so (Botswana's).
COMPASS_UNITS = frozenset({"district", "division", "region"})


def area_of(places: list[Place], dominant: bool = False) -> str | None:
    """The first-level area a name stands for as evidence, from its places best first: the
    unit itself for an admin-1 name ("Texas"), the unit of a county no other unit shares
    the name of ("Sangamon County"), the unit of a big city that no other city
    shares the name of ("Denver"); none for a country, a county, a town or a name that
    several cities bear ("Springfield": the ambiguous thing, not the evidence). With
    ``dominant`` (a dateline or a publisher's name), a big city that dwarfs its namesakes
    counts too: a dateline names a city alone only when it is the famous one ("ATLANTA",
    not Atlanta, Texas; AP style)."""
    top = places[0]
    if top.location_type == "admin1":
        return top.admin1
    if top.location_type == "admin2":  # "Sangamon County": one state has it; "Orange County": many
        return (
            top.admin1
            if len({p.admin1 for p in places if p.location_type == "admin2"}) == 1
            else None
        )
    cities = [p for p in places if p.location_type == "city"]
    if top.location_type != "city" or top.population < AREA_EVIDENCE_MIN_POP:
        return None
    others = [p.population for p in cities if p is not top]
    if not others or (dominant and top.population >= DOMINANCE * max(others)):
        return top.admin1
    return None


def text_areas(doc: Doc, res: Resources) -> frozenset[str]:
    """Codes of the first-level areas that the article's capitalised names stand for, each
    name read as its best-known place (``Gazetteer.lookup`` order: "Georgia" is the country,
    so it is no evidence for the US state; "Texas", "Atlanta" and "Dallas County" are)."""
    return per_doc(doc, "text_areas", lambda d: _text_areas(d, res))


def _text_areas(doc: Doc, res: Resources) -> frozenset[str]:
    found: set[str] = set()
    gaz = res.gazetteer
    cap = caps(doc)
    # where a name starts, not inside a longer one: capitalised after a word that is not
    for i in compress(range(len(cap)), map(gt, cap, [False, *cap[:-1]])):
        for j, text in phrase_windows(doc, i, len(doc), res, 4):
            places = gaz.lookup(text)
            if places and j == i + 1 and before_surname(doc, j, res):
                break  # "Kaja Kallas": a given name that a town shares
            if places and not is_compass_name(text):  # "South East": Botswana's only there
                if (code := area_of(places)) is not None:
                    found.add(code)
                break
    return frozenset(found)


def before_surname(doc: Doc, j: int, res: Resources) -> bool:
    """Whether the capitalised word at token ``j`` reads as a surname: a word that no
    dictionary, title list, lexicon or gazetteer knows ("Kallas" after "Kaja", unlike
    "Governor" after "Texas" or "Post" after "Washington")."""
    if j >= len(doc) or not caps(doc)[j]:
        return False
    word = words(doc)[j]
    lex = res.lexicon
    return (
        word.isalpha()
        and word.lower() not in common_words()
        and lex.title(word) is None
        and lex.org_head(word) is None
        and lex.nation_by_name(word) is None
        and lex.nation_by_demonym(word) is None
        and lex.actor_by_alias(word) is None
        and not res.gazetteer.lookup(word)
    )


def settled_countries(doc: Doc, res: Resources) -> frozenset[str]:
    """ISO3 codes of the countries whose first-level areas the article names."""
    return per_doc(doc, "settled", lambda d: area_countries(text_areas(d, res), res.gazetteer))


def is_compass_name(text: str) -> bool:
    """A direction, maybe with a unit noun: "South East", "Southern District" (no evidence of
    Botswana, whose districts are called so: a part of whatever area follows)."""
    if text[:4].lower() == "the ":
        text = text[4:]  # "the South East", "The Central District"
    head, _, unit = text.rpartition(" ")
    return is_compass(text) or (unit.lower() in COMPASS_UNITS and is_compass(head))


@lru_cache(maxsize=1 << 12)
def is_compass(text: str) -> bool:
    """Whether a text only names a direction ("South East", "Western", "north"); memoised by
    content (every name the gazetteer knows that opens a capitalised run is asked)."""
    try:
        direction_key(text)
    except ValueError:
        return False
    return True


def named_areas(gaz: Gazetteer, texts: Iterable[str | None]) -> frozenset[str]:
    """Codes of the first-level areas that header texts stand for: a dateline ("DUBLIN,
    Ohio": by its area when it names one), a publisher ("The Columbus Dispatch"), by the
    longest run of their words that the gazetteer knows."""
    found: set[str] = set()
    for text in (part for t in texts for part in (t or "").split("/")):  # "Geneva/Dar es Salaam"
        place, comma, area = text.partition(",")
        words = (area if comma else place).split()  # "PARIS, Ky.": Kentucky, not Paris's area
        k = 0
        while k < len(words):
            for j in range(min(len(words), k + 4), k, -1):
                places = gaz.lookup(" ".join(words[k:j]))
                if places and words[k][:1].isupper():
                    if (code := area_of(places, dominant=True)) is not None:
                        found.add(code)
                    k = j - 1
                    break
            k += 1
    return frozenset(found)


def area_countries(areas: Iterable[str], gaz: Gazetteer) -> frozenset[str]:
    """ISO3 codes of the countries of first-level area codes ("US-TX" -> USA)."""
    found = set()
    for code in areas:
        place = gaz.by_id(f"iso3166-2:{code}") or gaz.by_id(f"geonames-admin1:{code}")
        if place is not None and place.country:
            found.add(place.country)
    return frozenset(found)


def namesake(
    text: str,
    avoid: str,
    settled: Collection[str],
    named: Collection[str],
    gaz: Gazetteer,
    areas: Collection[str] = (),
) -> Place | None:
    """The place other than the country ``avoid`` that ``text`` names in an article that
    names areas inside the countries ``settled`` (one in the first-level ``areas`` it names
    first): "Georgia" in a story that names Texas and no Georgian place is the US state,
    "Georgetown" in a story on Kentucky the town there. None when the article names
    ``avoid`` itself (in ``named`` or ``settled``) or no other reading fits."""
    if avoid in named or avoid in settled:
        return None
    others = [p for p in gaz.lookup(text) if p.location_type != "country" and p.country in settled]
    return next((p for p in others if p.admin1 in areas), others[0] if others else None)


def area_reading(text: str, country: str | None, gaz: Gazetteer) -> Place | None:
    """The first-level unit called ``text`` in ``country`` ("Washington" the state, "New
    York" the state), if there is one."""
    return next(
        (
            p
            for p in gaz.lookup(text)
            if p.location_type == "admin1" and (country is None or p.country == country)
        ),
        None,
    )


def listed_areas(
    doc: Doc,
    sent: Span,
    made: list[Mention],
    places: dict[str, Place],
    gaz: Gazetteer,
    titles: frozenset[str] = frozenset(),
) -> dict[int, Place]:
    """Places of a sentence to read as first-level units, by position in ``made`` (the
    sentence's place mentions in text order): a name listed with first-level units of one
    country ("Michigan, Oregon, New York and Utah": the state, not the city) or after
    "the state(s) of" ("the states of Texas and Georgia") or before the title of a unit's head
    in ``titles`` ("New York Governor")."""
    current = [places[m.entity_id] for m in made]
    out: dict[int, Place] = {}
    changed = True
    while changed:  # a unit found makes its neighbours units: "Georgia, Oklahoma, Texas"
        changed = False
        for k in range(len(made)):
            if current[k].location_type == "admin1":
                continue
            area = _listed_area(doc, sent, made, current, k, gaz, titles)
            if area is not None:
                out[k] = current[k] = area
                changed = True
    return out


def _listed_area(
    doc: Doc,
    sent: Span,
    made: list[Mention],
    current: list[Place],
    k: int,
    gaz: Gazetteer,
    titles: frozenset[str],
) -> Place | None:
    neighbours = [
        current[n]
        for n in (k - 1, k + 1)
        if 0 <= n < len(made) and _listed(doc, made[min(k, n)], made[max(k, n)])
    ]
    place = current[k]
    countries = {p.country for p in neighbours if p.location_type == "admin1"}
    if place.location_type == "country":  # "Taiwan" among its counties stays the country
        countries -= {place.country}
    elif not countries and (
        _after_area_word(doc, sent, made[k], made[:k]) or _before_title(doc, made[k], titles)
    ):
        countries = {place.country}
    for country in sorted(c for c in countries if c):
        if (area := area_reading(made[k].text, country, gaz)) is not None:
            return area
    return None


def repoint(mention: Mention, place: Place) -> Mention:
    """The same mention, naming ``place``."""
    return replace(mention, table=LOCATIONS, entity_id=place.location_id)


def _listed(doc: Doc, left: Mention, right: Mention) -> bool:
    """Only list punctuation between two mentions: ", ", " and ", ", and ", " or "."""
    gap = body(doc)[left.end : right.start].split()
    words = [w for g in gap for w in g.replace(",", " , ").split()]
    return bool(words) and all(w in {",", "and", "or"} for w in words)


def _before_title(doc: Doc, m: Mention, titles: frozenset[str]) -> bool:
    """ "New York Governor Andrew Cuomo", "Queensland Premier": a state's head after its name."""
    after = body(doc)[m.end : m.end + 24].split()
    return bool(after) and after[0].lower() in titles


def _after_area_word(doc: Doc, sent: Span, m: Mention, before: list[Mention]) -> bool:
    """ "the state of Washington", "the states of Texas and Georgia" (the list's first name
    follows the area word)."""
    start = m.start
    for prev in reversed(before):
        if _listed(doc, prev, m):
            start, m = prev.start, prev
    head = body(doc)[sent.start_char : start].split()
    return len(head) >= 2 and head[-1] == "of" and head[-2].lower() in AREA_WORDS
