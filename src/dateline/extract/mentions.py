"""Find the actors and places a sentence names: lexicon phrases, titles + names, capitalised
names, anonymous sources, national institutions, capital-city metonymy and gazetteer places.

Everything here is a rule about English news prose; the data comes from ``dateline.lexicon``
and ``dateline.gazetteer``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import compress
from operator import and_
from typing import ClassVar

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from dateline.extract.geocontext import (
    COMPASS_UNITS,
    is_compass,
    is_compass_name,
    namesake,
    settled_countries,
)
from dateline.extract.phrases import MAX_WINDOW, phrase_ends, phrase_windows
from dateline.extract.resources import Resources
from dateline.extract.syntax import kept_syntax
from dateline.extract.text import (
    CONNECTORS,
    DETERMINERS,
    INITIALS,
    POSSESSIVES,
    admitted,
    body,
    cap_text,
    caps,
    content_word,
    is_cap,
    joined,
    key_ends,
    lowers,
    opens_sentence,
    per_doc,
    puncts,
    singular,
    spaced,
    span_text,
    token_bounds,
    words,
)
from dateline.gazetteer import Gazetteer, Place
from dateline.gazetteer.store import CONTEXT_OVERRIDE_MIN_POP
from dateline.lexicon import KnownActor, Lexicon, Nation
from dateline.lexicon.model import Institution, Openers, OrgHead
from dateline.lexicon.rules import rule_words
from dateline.lexicon.words import common_words, given_names


@dataclass(frozen=True)
class MentionWords:
    """The word lists of the mention rules, read from ``lexicon/data/rules/mentions.yaml``
    (each list's ``about`` there says what it is for)."""

    FILE: ClassVar[str] = "mentions.yaml"
    locative: frozenset[str]
    place_nouns: frozenset[str]
    place_of: frozenset[str]
    directions: frozenset[str]
    base_words: tuple[str, ...] = field(metadata={"cased": True})
    agent_words: frozenset[str]
    place_suffixes: frozenset[str]
    unit_plurals: frozenset[str]
    area_nouns: frozenset[str]
    site_heads: frozenset[str]
    languages: frozenset[str] = field(metadata={"cased": True})
    vehicle_prefixes: frozenset[str] = field(metadata={"cased": True})
    feature_heads: frozenset[str]
    irregular_verbs: frozenset[str]
    site_prefixes: frozenset[str]
    holidays: frozenset[str] = field(metadata={"cased": True})
    celestial_bodies: frozenset[str] = field(metadata={"cased": True})
    title_modifiers: frozenset[str]
    not_names: frozenset[str] = field(metadata={"cased": True})
    place_name_prefixes: frozenset[str] = field(metadata={"cased": True})
    name_starts_place: frozenset[str]
    disease_heads: frozenset[str]
    breed_heads: frozenset[str]
    area_titles: frozenset[str]
    company_nouns: frozenset[str]
    placed_titles: frozenset[str]
    portfolio_heads: frozenset[str] = field(metadata={"cased": True})
    hyphen_suffixes: frozenset[str]
    adjective_endings: tuple[str, ...]
    surname_particles: frozenset[str]
    employee_nouns: frozenset[str]
    law_heads: frozenset[str]
    reply_words: frozenset[str]
    works_nouns: frozenset[str]
    storm_prefixes: frozenset[str] = field(metadata={"cased": True})


WORDS = rule_words(MentionWords)

# Every token that a base word can start with (its prefixes, in case a tokenizer cuts one up).
BASE_OPENERS = frozenset(w[:n] for w in WORDS.base_words for n in range(1, len(w) + 1))
SMALL_CITY = 100_000
TOWN = 15_000  # below this a gazetteer place is a town (towns.tsv.gz): weaker evidence of a place
# Words between "the" and an institution: "the federal government of Iraq".
INSTITUTION_QUALIFIERS = frozenset({"federal", "central", "interim", "transitional"})
AFFILIATION_SIZE = 5  # tokens of an affiliation before a title: "Pentagon", "U.S. Army"
MODIFIER_SIZE = 3  # tokens of one source modifier: "senior", "foreign ministry"
AGENT_NOUN = re.compile(r"(?:er|or|ist|ian|ant|ee)s?$")  # "publisher", "musician"
CAMEL_CASE = re.compile(r"^(?!Mc|Mac)\w*[a-z][A-Z]")  # "YouTube", "PlayStation"
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
# Nouns that "the" makes a nominal mention of its own ("the statement said").
NOMINAL_NOUNS = frozenset({"statement", "report", "announcement", "study", "ministry"})
INNER_MARKS = frozenset({",", "(", "-", "&", "/"})  # marks a word inside a sentence may follow
NOT_NAMES = frozenset(w.capitalize() for w in STOP_WORDS) | WORDS.not_names | WORDS.holidays
SURNAME_PARTICLES = WORDS.surname_particles
#: Capitalised words that carry no name on (``_continues_name``): "May" does ("Theresa May").
NOT_INNER_NAMES = NOT_NAMES - {"May"}


class MentionKind(StrEnum):
    """What a detected mention is, before resolution; ``recognizers`` says which recognizer
    finds each kind and how it is resolved."""

    ACTOR = "actor"  # a known actor of the lexicon ("the Pentagon")
    NATION = "nation"  # a country's name ("Iraq")
    CAPITAL = "capital"  # a capital city, maybe for its government ("Baghdad")
    INSTITUTION = "institution"  # a nation's institution ("Iraqi security forces")
    PLACE = "place"  # a gazetteer place ("Mosul", "Houston, Texas")
    PERSON = "person"  # a person's name, maybe after a title ("spokesman Sean Parnell")
    ORG = "org"  # an organisation by its head word or role noun ("Vorla Weekly Magazine")
    SOURCE = "source"  # an unnamed source ("a senior Iraqi official")
    NOMINAL = "nominal"  # a definite description pointing back ("the spokesman")
    REGION = "region"  # a direction and a country ("western Iraq")
    UNIT = "unit"  # an administrative unit listed after its kind ("the provinces of Nyanza")
    SITE = "site"  # a named place no gazetteer holds ("Kennedy Space Center")
    PEOPLE = "people"  # a nation's people ("Iraqis")
    SINGLE = "single"  # one capitalised word no rule knows ("Gloria", "ISF")
    UNKNOWN = "unknown"  # a longer capitalised name no rule knows
    OBJECT = "object"  # a named craft ("USS Cole"): not an actor, never a mention
    LOCAL_BODY = "local_body"  # a place's council or police ("Marion County Commission")


@dataclass(frozen=True)
class Found:
    """A detected mention before entity resolution."""

    start: int  # token index (doc)
    end: int
    kind: MentionKind
    actor: KnownActor | None = None
    nation: Nation | None = None
    place: Place | None = None
    suffix: str | None = None  # institution suffix
    role: str | None = None  # title/role words
    name_start: int | None = None  # where the bare name starts (after titles)
    plural: bool = False


def _nested_places(doc: Doc, found: Found, sent: Span, res: Resources) -> list[Found]:
    """Places named inside a longer name: "Massachusetts Institute of Technology",
    "University of Sheffield", "the Malaysia Tourism board" (countries, first-level regions
    and big cities only); in the name of an actor or a person's role, see
    :func:`_places_in_role`."""
    lex, gaz = res.lexicon, res.gazetteer
    if found.kind in ROLE_KINDS:
        return _places_in_role(doc, found, res)
    if found.kind == MentionKind.REGION:
        return _region_area(doc, found, res)
    if (
        found.kind not in {MentionKind.ORG, MentionKind.SITE, MentionKind.UNKNOWN}
        or found.end - found.start < 2
    ):
        return []
    out: list[Found] = []
    headed = _org_head(doc, found.start, found.end, lex) is not None  # "Jordan Armed Forces"
    punct, low = puncts(doc), lowers(doc)
    k = found.start
    while k < found.end:
        place = None
        for j, text in phrase_windows(doc, k, found.end, res, 4):
            if punct[j - 1] or low[j - 1] in POSSESSIVES:
                continue
            nation = lex.nation_by_name(text)
            place = gaz.country(nation.iso3) if nation else _place(text, gaz)
            after_of = k > found.start and low[k - 1] in {"of", "in", "at", "for"}
            given = j - k == 1 and text in given_names() and not text.isupper() and not after_of
            one_word = j - k == 1 and (
                text.lower() in common_words() or given or (j == found.end and not after_of)
            )  # the last word heads the name ("Convention Centre"), unless after "of"
            if place is not None and nation is None and (not text[:1].isalpha() or one_word):
                place = None  # "Batman Beyond", "Convention Centre"
            if nation is not None and given and text in nation.ambiguous and not headed:
                place = None  # "Jordan Smith", "Chad Hurley": a first name
            if place is not None and _after_given_name(doc, found.start, k):
                place = None  # "John F. Kennedy Airport", "George Washington University"
            if place is not None and not in_story_countries(
                doc, place, res, min_pop=CONTEXT_OVERRIDE_MIN_POP
            ):
                place = None  # "Kennedy Space Center" in a US story is not Kennedy, Bogotá
            if place is not None and _capitals_only(text, gaz):
                place = None  # "USI Art Collections": an acronym, not Wuxi (but "NSW")
            if (
                place is not None
                and is_compass_name(text)
                and place.country not in story_set(doc, res)
            ):
                place = None  # "the South East": Botswana's district only in a story on it
            if place is not None and _stands_alone(Found(k, j, MentionKind.PLACE, place=place)):
                out.append(Found(k, j, MentionKind.PLACE, place=place))
                k = j
                break
            place = None
        if place is None:
            k += 1
    return out


def _after_given_name(doc: Doc, start: int, k: int) -> bool:
    """Token ``k`` of a name opened at ``start`` follows a given name or an initial: a
    surname, whatever town shares it ("John F. Kennedy Airport")."""
    prev = words(doc)[k - 1] if k > start else ""
    return prev in given_names() or INITIALS.fullmatch(prev) is not None


ROLE_KINDS = frozenset(
    {MentionKind.ACTOR, MentionKind.INSTITUTION, MentionKind.PERSON, MentionKind.SOURCE}
)
"""Actors whose name or role may name the country or area they belong to."""


def _places_in_role(doc: Doc, found: Found, res: Resources) -> list[Found]:
    """The country or first-level area an actor's name or a person's role names: "the U.S.
    Army", "the government of Chad", "New Zealand authorities", "US health officials", "the
    president of France", "Queensland Premier Anna Bligh", "the Mayor of Boston". The actor
    stays the actor; the place is named too, as a reader (and an analyst asking which articles
    concern Chad) takes it. A person's own name is not searched ("Chad Hurley"), and a city
    counts only after "of"/"for" in a role ("Mayor of Boston", not "Washington Post")."""
    stop = found.name_start if found.kind == MentionKind.PERSON else found.end
    if stop is None:
        return []
    lex, gaz = res.lexicon, res.gazetteer
    out: list[Found] = []
    punct, low = puncts(doc), lowers(doc)
    k = found.start
    while k < stop:
        hit = None
        for j, text in phrase_windows(doc, k, stop, res, 4):
            if punct[j - 1] or low[j - 1] in POSSESSIVES or not caps(doc)[k]:
                continue
            nation = lex.nation_by_name(text)
            place = gaz.country(nation.iso3) if nation is not None else _place(text, gaz)
            after_of = k > found.start and low[k - 1] in {"of", "for"}
            if place is None or (nation is None and _word_alias(text)):
                continue  # "Federal Minister": not the Federal District
            hit = Found(k, j, MentionKind.PLACE, place=place)
            if nation is None and (
                lex.nation_by_demonym(text) is not None  # "Iraqi forces"
                or not (place.location_type == "admin1" or (after_of and _stands_alone(hit)))
            ):
                hit = None
                continue
            break
        if hit is None:
            k += 1
        else:
            out.append(hit)
            k = hit.end
    return out


def _word_alias(text: str) -> bool:
    """An English word that names a place too ("Federal", "Central", "Capital"): no evidence
    of the place inside a title ("Federal Minister X", "Central Minister X")."""
    return text.lower() in common_words()


def _stands_alone(found: Found) -> bool:
    """Inside an unknown name only nations and well-known places count as their own mentions."""
    if found.kind in {MentionKind.NATION, MentionKind.ACTOR, MentionKind.INSTITUTION}:
        return True
    place = found.place
    return place is not None and (
        place.location_type in {"country", "admin1", "region"} or place.population >= SMALL_CITY
    )


def _may_open(word: str, low: str, lex: Lexicon) -> bool:
    """Whether a mention can start at a token with text ``word`` (lower case ``low``), or at
    one that a table of :func:`_opening_tables` admits: the union of what the recognizers
    (``recognizers.RECOGNIZERS``) first ask of that token. A title or the name or
    institution before one (``_titled_person``), a determiner, modifier or noun of a source
    (``_source``), a capitalised word or an ordinal (``_lexicon_phrase``, ``_capitalised``),
    "the" or an institution's first word (``_institution_of``, ``_nominal``), a direction
    (``_direction_region``), a surname's particle (``_particle_surname``). Anything else is
    skipped without trying the rules, so a new recognizer (or a new first-token condition of
    one) must be admitted here too."""
    if cap_text(word) or low == "the" or low in WORDS.directions or low in lex.sources.determiners:
        return True
    if word in SURNAME_PARTICLES:
        return True
    if low in INSTITUTION_QUALIFIERS or (word[:1].isdigit() and ORDINAL.fullmatch(word)):
        return True
    return lex.sources.noun(word) is not None


def _opening_tables(lex: Lexicon) -> list[Openers]:
    """The tables a recognizer looks a window up in from its first token (see
    :func:`_may_open`): titles, institutions, source modifiers and, when sources take them,
    the names of nations and actors."""
    tables = [lex.title_openers, lex.institution_openers, lex.source_modifier_openers]
    if lex.sources.demonym_modifiers:
        tables.append(lex.name_openers)
    return tables


def _admits(openers: Openers, doc: Doc, k: int) -> bool:
    """Whether a window from token ``k`` may match a key of the table ``openers`` gates (a
    whole first word when white space follows the token, else its start)."""
    return admitted(doc, openers)[k]


def windows(doc: Doc, i: int, end: int, size: int = MAX_WINDOW) -> Iterator[tuple[int, str]]:
    """(end token, text) of the windows starting at ``i``, longest first."""
    text = body(doc)
    starts, ends = token_bounds(doc)
    for j in range(min(end, i + size), i, -1):
        yield j, text[starts[i] : ends[j - 1]]


def _table_windows(
    openers: Openers, doc: Doc, i: int, end: int, size: int
) -> Iterator[tuple[int, str]]:
    """The :func:`windows` from ``i`` that may match a key of the table ``openers`` gates:
    none when token ``i`` opens no key, else those of ``text.key_ends``."""
    if not admitted(doc, openers)[i]:
        return iter(())
    text = body(doc)
    starts, ends = token_bounds(doc)
    return ((j, text[starts[i] : ends[j - 1]]) for j in key_ends(doc, i, end, size, openers))


def _lexicon_phrase(doc: Doc, i: int, sent: Span, res: Resources) -> Found | None:
    lex, gaz = res.lexicon, res.gazetteer
    tokens = words(doc)
    word = tokens[i]
    if not cap_text(word) or word == "I":
        return None
    if i - 1 > sent.start and tokens[i - 1] == "-" and not spaced(doc)[i - 2]:
        return None  # "Joo-Ho": the second half of a hyphenated name
    if word in NOT_NAMES and opens_sentence(doc, i, sent):
        return None
    punct, low = puncts(doc), lowers(doc)
    for j, text in _phrase_windows(doc, i, sent.end, res):
        if punct[j - 1] or low[j - 1] in POSSESSIVES:
            continue  # "Nairobi's" is Nairobi, not a place GeoNames spells "Nairobis"
        if (branch := _national_branch(doc, i, j, sent, text, lex)) is not None:
            return branch  # "Greenpeace Brazil", "Amnesty International Kenya"
        if not (_ends_cleanly(doc, j, sent) or _before_placed_title(doc, j, sent)):
            continue
        if (inst := _institution_after(doc, i, j, sent, lex)) is not None:
            return inst
        if (
            (actor := lex.actor_by_alias(text))
            and cased_as_listed(actor, text)
            and (
                text not in actor.ambiguous
                or at_home(actor, text, doc, res)
                or _company_speaks(doc, i, j, sent, actor, lex)
            )
            and not _opens_longer_name(doc, j, sent, text, actor)
        ):
            return Found(i, j, MentionKind.ACTOR, actor=actor)
        if _eponym(doc, j, sent, text, res):
            continue  # "Marburg virus", "a Jersey cow": a germ or a breed, not a place
        nation = lex.nation_by_name(text)
        if nation and (text not in nation.ambiguous or _clear_use(doc, i, j, sent, res)):
            return Found(i, j, MentionKind.NATION, nation=nation)
        if nation and (other := _namesake(text, nation, doc, res)) is not None:
            return Found(i, j, MentionKind.PLACE, place=other)  # "Georgia" listed with Texas
        if (people := lex.nation_by_people(text)) and not _adjective(doc, j, sent, text, lex):
            return Found(i, j, MentionKind.PEOPLE, nation=people)  # "Greeks", "Iraqis"
        capital = lex.nation_by_capital(text)
        if capital and (text not in capital.ambiguous or _clear_use(doc, i, j, sent, res)):
            return Found(i, j, MentionKind.CAPITAL, nation=capital)
        if base := _base(doc, i, j, sent, gaz):
            return base
        if j - i <= 4 and (place := _place(text, gaz)):
            if lex.nation_by_demonym(text) or not _plausible_place(doc, i, j, sent, place, res):
                continue
            if j == i + 1 and _common_opener(doc, i, sent):
                continue  # "Reading the report, ...": a verb, not the town
            return Found(i, _qualified(doc, j, sent, place, res), MentionKind.PLACE, place=place)
    return None


#: Most words in the country name that ends a national branch's name ("Papua New Guinea").
BRANCH_COUNTRY_SIZE = 3


def _national_branch(doc: Doc, i: int, j: int, sent: Span, text: str, lex: Lexicon) -> Found | None:
    """A known organisation's name followed by a country's is its branch in that country, a
    part of it: "Greenpeace Brazil", "Amnesty International Kenya", "Oxfam Australia" (not
    the country's government)."""
    actor = lex.actor_by_alias(text)
    if actor is None or actor.actor_type != "organization" or not cased_as_listed(actor, text):
        return None
    for k in range(min(sent.end, j + BRANCH_COUNTRY_SIZE), j, -1):
        if lex.nation_by_name(span_text(doc, j, k)) is not None and _ends_cleanly(doc, k, sent):
            return Found(i, k, MentionKind.ACTOR, actor=actor)
    return None


def _phrase_windows(doc: Doc, i: int, end: int, res: Resources) -> Iterator[tuple[int, str]]:
    """The windows from ``i`` (longest first) where a rule of :func:`_lexicon_phrase` may
    match: a nation, actor or gazetteer name (see ``phrases``), or a name before a base word."""
    last = min(end, i + MAX_WINDOW)
    tokens = words(doc)
    based = [j for j in range(last, i, -1) if j < end and tokens[j] in BASE_OPENERS]
    ends = [j for j in phrase_ends(doc, i, res) if j <= last]  # longest first already
    if based:  # rarely: merge the two, longest first
        ends = sorted({*based, *ends}, reverse=True)
    text = body(doc)
    starts, stops = token_bounds(doc)
    for j in ends:
        yield j, text[starts[i] : stops[j - 1]]


def _namesake(text: str, nation: Nation, doc: Doc, res: Resources) -> Place | None:
    """The other place an ambiguous nation name stands for in this article (see
    ``geocontext.namesake``), judged by the countries and first-level areas it names."""
    settled = settled_countries(doc, res)
    return namesake(text, nation.iso3, settled, named_countries(doc, res), res.gazetteer)


def _eponym(doc: Doc, j: int, sent: Span, text: str, res: Resources) -> bool:
    """A place name that a noun after it turns into the name of a disease ("Marburg virus",
    "Lyme disease") or, for a place outside the countries the story names, of a breed ("a
    Jersey cow" in a story on Iowa, "the Labrador retriever")."""
    if j >= sent.end or not words(doc)[j].islower():  # ``Token.is_lower``
        return False
    word = lowers(doc)[j]
    if word in WORDS.disease_heads:
        return True
    if word not in WORDS.breed_heads:
        return False
    places = res.gazetteer.lookup(text)
    nation = res.lexicon.nation_by_name(text)
    countries = {p.country for p in places} | ({nation.iso3} if nation else set())
    return not countries & story_set(doc, res)


def _opens_longer_name(doc: Doc, j: int, sent: Span, text: str, actor: KnownActor) -> bool:
    """A generic name of a known actor ("Coalition", "Alliance") followed by "for" or "of" and
    a capitalised word opens another organisation's name: "the Coalition for Change"."""
    if text.lower() not in {a.lower() for a in actor.ambiguous} or j + 1 >= sent.end:
        return False
    return lowers(doc)[j] in {"for", "of"} and caps(doc)[j + 1]


def cased_as_listed(actor: KnownActor, text: str) -> bool:
    """A name written all in lower case stands for a known actor only where the lexicon lists
    it so ("the alliance"): "the economist Lars Berg" is no newspaper."""
    if text != text.lower():
        return True
    return any(form == form.lower() for form in (actor.name, *actor.aliases))


def _company_speaks(doc: Doc, i: int, j: int, sent: Span, actor: KnownActor, lex: Lexicon) -> bool:
    """A company's ambiguous name (tokens ``i``-``j``) right before a speech verb, or a verb of
    answering a reporter ("declined to comment", "did not respond"), with only auxiliaries
    and adverbs between ("has said", "did not immediately respond") or a second name joined by
    "and" ("Amazon and Apple declined"), and after no word of place ("Apple said", "Meta
    says"; not "farmers in Meta said"): the company, which speaks where a fruit, a river or a
    Colombian department does not."""
    if actor.sector != "BUS" or j >= sent.end:
        return False
    low = lowers(doc)
    if i > sent.start and low[i - 1] in WORDS.locative:
        return False
    k = j
    if low[k] == "and" and k + 1 < sent.end and caps(doc)[k + 1]:  # "Amazon and Apple said"
        k = _name_run(doc, k + 1, sent, lex)
    while k + 1 < sent.end and low[k] in WORDS.reply_words and low[k] not in REPLY_VERBS:
        k += 1  # "Meta did not immediately respond", "Apple has said"
    if low[k] in REPLY_VERBS:
        return True  # "Meta declined to comment", "Meta did not respond to a request"
    cue = lex.cue(low[k])
    return cue is not None and cue.kind == "speech" and not cue.weak


def at_home(actor: KnownActor, text: str, doc: Doc, res: Resources) -> bool:
    """An ambiguous name of a national actor ("House of Representatives") in a story set in
    its country alone; a party's plural (:func:`_home_party`) in a story that names it."""
    home = actor.country is not None and story_set(doc, res) == {actor.country}
    return home or _home_party(actor, text, doc, res)


def _home_party(actor: KnownActor, text: str, doc: Doc, res: Resources) -> bool:
    """ "Democrats", "Republicans": a party's members, in a story set in its country (the
    name means other parties elsewhere: "Sweden Democrats")."""
    return actor.sector == "PTY" and text.endswith("s") and actor.country in story_set(doc, res)


def _party_members(doc: Doc, i: int, j: int, res: Resources) -> KnownActor | None:
    """The party whose members a capitalised run ending in their plural names ("Senate
    Republicans", "House Democrats"), in a story set in its country."""
    last = words(doc)[j - 1]
    actor = res.lexicon.actor_by_alias(last) if j - i >= 2 else None
    return actor if actor is not None and _home_party(actor, last, doc, res) else None


def story_set(doc: Doc, res: Resources) -> frozenset[str]:
    """The countries the story names, or names first-level areas of ("Texas": USA)."""
    return named_countries(doc, res) | settled_countries(doc, res)


def _possessive(tok: Token) -> bool:
    return tok.lower_ in POSSESSIVES


def _adjective(doc: Doc, j: int, sent: Span, text: str, lex: Lexicon) -> bool:
    """A people noun that is also the adjective ("American", "Chinese") before a noun:
    "the American public", "British businesses"."""
    if lex.nation_by_demonym(text) is None or j >= sent.end:
        return False
    return content_word(doc[j]) and not _verb(doc[j], lex)


def _verb(tok: Token, lex: Lexicon) -> bool:
    """A word that reads as the verb after a subject: a cue or trigger, a past tense in -ed, or
    a common irregular verb ("The British won", "the Japanese attacked")."""
    word = tok.lower_
    return (
        lex.cue(word) is not None
        or bool(lex.triggers_for(word))
        or word.endswith("ed")
        or word in WORDS.irregular_verbs
    )


def _admin_place(name: str, gaz: Gazetteer) -> Place | None:
    """``Diyala Province``: the first-level division of that name."""
    for form in (f"{name} Governorate", f"{name} Province", name):
        place = _place(form, gaz)
        if place is not None and place.location_type in {"admin1", "region"}:
            return place
    return None


def _plausible_place(doc: Doc, i: int, j: int, sent: Span, place: Place, res: Resources) -> bool:
    """A one-word town that is small ("Evansville") or also an English word ("Batman",
    "Enterprise") needs a locative word before it or a qualifier after it ("Evansville,
    Indiana"); a small town that is no word also stands alone in a story that names its
    country (Tikrit in a story on Iraq); other places stand on their own. Never a town: an
    acronym ("USI"), a name with a number ("Vostok 1") or a craft's name, "the Sams" (a
    family), a word before a colon title ("Batman: The Animated Series")."""
    gaz = res.gazetteer
    text = span_text(doc, i, j)
    if is_compass_name(text) and place.country not in story_set(doc, res):
        return False  # "the South East" is Botswana's district only in a story on Botswana
    city = place.location_type == "city"
    if city and (_capitals_only(text, gaz) or text in _craft(doc)):
        return False
    if j < sent.end and _digits(doc[j]):
        return False  # "Vostok 1", "Apollo 11": craft and products
    if text in WORDS.holidays:  # "finished before Christmas": a date, unless qualified
        return _qualified(doc, j, sent, place, res) > j  # ("Christmas, Florida")
    if city and j - i == 1 and span_text(doc, i - 1, i).lower() == "the" and text.endswith("s"):
        return False  # "the Sams continued": a family, not a town (but "the Azores")
    # a capitalised word before a possessive is a name, whatever else it means ("Tripoli's")
    common = text.lower() in common_words() and not (j < sent.end and _possessive(doc[j]))
    if common and j + 1 < sent.end and doc[j].text == ":" and is_cap(doc[j + 1]):
        return False  # "Batman: The Animated Series": a title
    if j - i > 1 or not city or (place.population >= SMALL_CITY and not common):
        return True
    return (
        _locative_before(doc, i, sent, strict=True)
        or _qualified(doc, j, sent, place, res) > j
        or _before_placed_title(doc, j, sent)  # "Samara governor X"
        or (not common and text not in given_names() and place.country in story_set(doc, res))
    )


def in_story_countries(
    doc: Doc, place: Place, res: Resources, *, min_pop: int, also: Iterable[str] = ()
) -> bool:
    """Whether a city lies in a country the story names (or in ``also``), when it names any;
    cities of ``min_pop`` people or more always do ("Westminster International University" in
    a story on Britain is not Westminster, CO; the "Volgograd Arena" is Volgograd whatever the
    teams)."""
    countries = named_countries(doc, res) | set(also)
    return (
        place.location_type != "city"
        or place.population >= min_pop
        or not countries
        or place.country in countries
    )


def named_countries(doc: Doc, res: Resources) -> frozenset[str]:
    """ISO3 codes of the nations an article names unambiguously ("Iraq", "Iraqi", "Iraqis")."""
    return per_doc(doc, "countries", lambda d: _countries_named(d, res))


def _countries_named(doc: Doc, res: Resources) -> frozenset[str]:
    lex = res.lexicon
    found = set()
    opens = admitted(doc, lex.name_openers)  # a nation's name, demonym or people noun
    for i in compress(range(len(opens)), map(and_, caps(doc), opens)):  # mapped in C
        for j, text in phrase_windows(doc, i, len(doc), res, 3):
            nation = (
                lex.nation_by_name(text)
                or lex.nation_by_demonym(text)
                or lex.nation_by_people(text)
            )
            if nation is not None and text not in nation.ambiguous:
                if not hyphen_compound(doc, j, len(doc)):  # "a Singapore-owned terminal"
                    found.add(nation.iso3)
                break
    return frozenset(found)


def hyphen_compound(doc: Doc, j: int, end: int) -> bool:
    """A name that ends at token ``j`` joined by a hyphen to a word of
    ``hyphen_suffixes`` ("a Singapore-owned terminal", "Chinese-built"): it says who owns or
    made a thing, not where the thing lies."""
    return (
        j + 1 < end
        and doc[j].text == "-"
        and not doc[j - 1].whitespace_
        and not doc[j].whitespace_
        and doc[j + 1].lower_ in WORDS.hyphen_suffixes
    )


def _qualified(doc: Doc, j: int, sent: Span, place: Place, res: Resources) -> int:
    """Extend a place over its qualifier: "Houston, Texas", "Anbar Province"."""
    gaz = res.gazetteer
    if j < sent.end and doc[j].lower_ in WORDS.place_suffixes:
        return j + 1
    small = place.location_type in {"city", "site", "military_base"}
    if small and j + 1 < sent.end and doc[j].text == "," and is_cap(doc[j + 1]):
        for k, text in phrase_windows(doc, j + 1, sent.end, res, 3):
            if not _ends_cleanly(doc, k, sent) or doc[k - 1].is_punct:
                continue
            outer = gaz.area(text, place.country)  # "Seattle, Washington"
            if outer and outer.country == place.country and outer.location_id != place.location_id:
                return k
    return j


def _clear_use(doc: Doc, i: int, j: int, sent: Span, res: Resources) -> bool:
    """An ambiguous name ("Washington", "Jordan") counts after a locative word, before a verb
    of saying or acting, or next to another nation ("Washington and Baghdad")."""
    lex = res.lexicon
    if _locative_before(doc, i, sent):
        return True
    nxt = doc[j].lower_ if j < sent.end else ""
    if nxt in WORDS.agent_words and nxt != "and":
        return True
    if nxt == "and" and j + 1 < sent.end:
        return any(lex.nation_by_any(t) for _, t in phrase_windows(doc, j + 1, sent.end, res, 3))
    prev = doc[i - 1].lower_ if i > sent.start else ""
    return prev == "and" and i - 2 >= sent.start and bool(lex.nation_by_any(doc[i - 2].text))


def _before_placed_title(doc: Doc, j: int, sent: Span) -> bool:
    """A name right before a title held in one place ends there, a place: "Kharkiv Mayor
    Ihor Terekhov", "Samara governor X", "West Bengal Chief Minister X" (a title of one or
    two words)."""
    low = lowers(doc)
    if j >= sent.end:
        return False
    two = f"{low[j]} {low[j + 1]}" if j + 1 < sent.end else ""
    return low[j] in WORDS.placed_titles or two in WORDS.placed_titles


def _ends_cleanly(doc: Doc, j: int, sent: Span) -> bool:
    """A name does not stop in the middle of a hyphenated or capitalised word run."""
    if j >= sent.end:
        return True
    text, cap, space = words(doc), caps(doc), spaced(doc)
    prev, nxt = text[j - 1], text[j]
    if not space[j - 1] and (nxt == "-" or prev == "-"):
        return False
    if nxt == "&" and j + 1 < sent.end and cap[j + 1]:
        return False  # "Mary & Leigh Block Museum"
    return not (cap[j] and nxt not in NOT_NAMES and cap[j - 1] and space[j - 1])


def _institution_after(doc: Doc, i: int, j: int, sent: Span, lex: Lexicon) -> Found | None:
    """``Iraqi government``, ``U.S. forces``, ``Iraqi security forces``, ``Syria's foreign
    ministry`` (a country's name and its possessive)."""
    text = span_text(doc, i, j)
    nation = lex.nation_by_demonym(text) or lex.nation_by_name(text)
    if nation is None or j >= sent.end:
        return None
    possessive = _possessive(doc[j]) and lex.nation_by_name(text) is not None
    j += possessive
    if j >= sent.end:
        return None
    for k, head in _table_windows(lex.institution_openers, doc, j, sent.end, 3):
        inst = lex.institution(head)
        if inst is not None:
            if possessive and modifies_noun(doc, k, sent, lex):
                return None  # "Mali's military government": a modifier, not the military
            return institution_found(doc, i, k, nation, inst)
    return None


def modifies_noun(doc: Doc, k: int, sent: Span, lex: Lexicon) -> bool:
    """The word at ``k`` is a lower-case noun that the words before it modify ("police
    station", "military government"), not the verb of their clause ("police arrested")."""
    if k >= sent.end:
        return False
    syn = kept_syntax(doc)
    if syn.parsed(k - 1):
        return syn.dep(k - 1) in {"compound", "amod"} and syn.head(k - 1) == k
    tok, word = doc[k], doc[k].lower_
    verb = word.endswith("ed") or word in WORDS.irregular_verbs or lex.cue(word) is not None
    return tok.is_lower and tok.is_alpha and word not in STOP_WORDS and not verb


def institution_found(doc: Doc, i: int, k: int, nation: Nation, inst: Institution) -> Found:
    """The mention of ``nation``'s institution ``inst`` on tokens ``i:k``, plural when its
    last word is ("Iraqi security forces")."""
    return Found(
        i,
        k,
        MentionKind.INSTITUTION,
        nation=nation,
        suffix=inst.suffix,
        role=inst.role,
        plural=doc[k - 1].text.endswith("s"),
    )


def _institution_of(doc: Doc, i: int, sent: Span, res: Resources) -> Found | None:
    """``the (federal) government of Iraq``, ``the armed forces of Ukraine``."""
    lex = res.lexicon
    low = lowers(doc)
    k = i + (low[i] == "the")
    if k < sent.end and low[k] in INSTITUTION_QUALIFIERS:
        k += 1
    if k >= sent.end:
        return None
    for h, head in _table_windows(lex.institution_openers, doc, k, sent.end, 2):
        inst = lex.institution(head) if head.islower() else None
        if inst is None or h >= sent.end or doc[h].lower_ != "of":
            continue
        for j, text in phrase_windows(doc, h + 1, sent.end, res, 4):
            if (nation := lex.nation_by_name(text)) is not None:
                return Found(
                    i, j, MentionKind.INSTITUTION, nation=nation, suffix=inst.suffix, role=inst.role
                )
    return None


def _base(doc: Doc, i: int, j: int, sent: Span, gaz: Gazetteer) -> Found | None:
    """``Ain al-Asad base``, ``Al Asad Air Base``: the name plus a base word."""
    for word in WORDS.base_words:
        n = len(word.split())
        k = j + n
        if k <= sent.end and span_text(doc, j, k) == word:
            place = _place(span_text(doc, i, k), gaz) or _place(
                span_text(doc, i, j) + " Air Base", gaz
            )
            if place is not None and place.location_type == "military_base":
                return Found(i, k, MentionKind.PLACE, place=place)
    return None


def _place(text: str, gaz: Gazetteer) -> Place | None:
    candidates = gaz.lookup(text)
    return candidates[0] if candidates else None


def _locative_before(doc: Doc, i: int, sent: Span, *, strict: bool = False) -> bool:
    """A locative word before the name; ``strict`` leaves out "of" ("the voice of Batman")
    unless a word of place or motion comes before it ("out of Kobane", "the towns of Jabla")."""
    k = i - 1
    while k >= sent.start and doc[k].lower_ in DETERMINERS:
        k -= 1
    if k < sent.start:
        return False
    if strict and doc[k].lower_ == "of":
        return _place_of(doc, k, sent)
    return doc[k].lower_ in WORDS.locative


def _place_of(doc: Doc, k: int, sent: Span) -> bool:
    """Whether the "of" at ``k`` follows a word of place or motion ("the towns of", "out of"),
    so that a name after it is a place (unlike "the voice of", "Ministry of")."""
    return k > sent.start and doc[k - 1].lower_ in WORDS.place_of


def after_inner_the(doc: Doc, i: int) -> bool:
    """Whether a capital "The" that does not open a sentence comes right before token ``i``:
    it opens a title or a group's name ("such bands as The Velvet Underground", "of The
    Globe and Mail"), not a person's."""
    text = words(doc)  # ``Token.is_alpha`` is ``str.isalpha``
    return i > 1 and text[i - 1] == "The" and (text[i - 2].isalpha() or text[i - 2] == ",")


def _title_at(doc: Doc, i: int, end: int, lex: Lexicon) -> int:
    """End of the longest run of title words starting at ``i`` (``i`` when none), after an
    optional modifier of tenure ("Acting Assistant Attorney General", "interim president")."""
    start = i + (i + 1 < end and lowers(doc)[i] in WORDS.title_modifiers)
    k = _portfolio(doc, start, end, lex)
    while k < end:  # up to six words: "Special Warfare Operator 1st Class"
        for j, text in _table_windows(lex.title_openers, doc, k, end, 6):
            if lex.title(text) is not None and not (j < end and words(doc)[j] == "-"):
                k = j
                break
        else:
            break
    return i if k == start else k


def _portfolio(doc: Doc, i: int, end: int, lex: Lexicon) -> int:
    """Where the title word after a portfolio starting at ``i`` stands ("Energy Minister",
    "Veterans Affairs Secretary": one to three capitalised words, none a title or a given
    name, before a portfolio head); ``i`` when none does."""
    text, cap = words(doc), caps(doc)
    for k in range(i, min(i + 3, end - 1)):
        if not cap[k] or not text[k].isalpha() or text[k] in given_names():
            return i
        if lex.title(text[k]) is not None:
            return i
        if text[k + 1] in WORDS.portfolio_heads:
            return k + 1
    return i


def _titled_person(doc: Doc, i: int, sent: Span, res: Resources) -> Found | None:
    """``Pentagon spokesman Sean Parnell``, ``Iraqi Prime Minister X``, ``Gen. Joseph L. Votel``."""
    lex = res.lexicon
    k = i
    prefix = _affiliation_prefix(doc, i, sent, res)
    if prefix is not None:
        k = prefix
    elif (not caps(doc)[i] or i == sent.start) and lowers(doc)[i] not in lex.sources.determiners:
        k = _source_modifiers(doc, i, sent, lex)  # "company president", "foreign ministry …"
    t = _title_at(doc, k, sent.end, lex)
    if t == k:
        return None
    t = _jurisdiction(doc, t, sent, res)
    name_end = _person_before_of(doc, t, _name_run(doc, t, sent, lex), lex)  # "… of Iowa"
    if name_end == t or not _looks_like_name(doc, t, name_end, res):
        return None
    if _place_through(doc, i, name_end, sent, res):
        return None  # "Queen Anne's County", "Prince Edward Island": a place named for one
    first = i + (lowers(doc)[i] in DETERMINERS and t > i + 1)  # "The UN … coordinator"
    role = span_text(doc, first, t).rstrip(" ,")  # "coordinator for South Sudan, Eugene Owusu"
    return Found(i, name_end, MentionKind.PERSON, role=role, name_start=t)


def _place_through(doc: Doc, i: int, end: int, sent: Span, res: Resources) -> bool:
    """Whether a gazetteer name starts at ``i`` (a title) and runs to ``end`` or past it: the
    place's name wins over the person's inside it."""
    return any(
        j >= end and not _possessive(doc[j - 1]) and _place(text, res.gazetteer) is not None
        for j, text in phrase_windows(doc, i, sent.end, res, MAX_WINDOW)
    )


def _jurisdiction(doc: Doc, t: int, sent: Span, res: Resources) -> int:
    """Carry a title over "of"/"for" and a place: "Governor of Washington Chris Gregoire",
    "Minister for the Middle East Tobias Ellwood"."""
    lex = res.lexicon
    low = lowers(doc)
    if t + 2 >= sent.end or low[t] not in {"of", "for"}:
        return t
    k = t + 1 + (low[t + 1] == "the")
    for j, text in phrase_windows(doc, k, sent.end - 1, res, 3):
        if caps(doc)[j] and (lex.nation_by_name(text) or _place(text, res.gazetteer)):
            return j
    return _portfolio_end(doc, k, sent) or t


def _portfolio_end(doc: Doc, k: int, sent: Span) -> int | None:
    """Where a portfolio after "of"/"for" ends: capitalised words (joined by "and") up to a
    given name that opens the holder's name ("Secretary of Energy Chris Wright", "Minister
    for Mines and Energy Ana Silva")."""
    text, low, cap = words(doc), lowers(doc), caps(doc)
    m = k
    while m < min(sent.end - 1, k + 6) and (cap[m] or (m > k and low[m] in {"and", "&"})):
        if m > k and text[m] in given_names() and cap[m + 1]:
            return m
        m += 1
    return None


def _affiliation_prefix(doc: Doc, i: int, sent: Span, res: Resources) -> int | None:
    """End of a demonym or known organisation right before a title (``Pentagon`` spokesman)."""
    lex = res.lexicon
    first = words(doc)[i]
    if not cap_text(first):
        return None
    if not (_admits(lex.name_openers, doc, i) or _admits(lex.institution_openers, doc, i)):
        return None
    for j, text in phrase_windows(doc, i, sent.end, res, AFFILIATION_SIZE):
        if (
            lex.nation_by_demonym(text)
            or lex.nation_by_name(text)
            or lex.actor_by_alias(text)
            or lex.institution(text.lower())  # a service: "Navy", "Air Force"
        ):
            return j if _title_at(doc, j, sent.end, lex) > j else None
    return None


def _name_run(doc: Doc, i: int, sent: Span, lex: Lexicon) -> int:
    """End of a run of capitalised words, initials, particles and hyphens from ``i``."""
    k = i
    while k < sent.end and _continues_name(doc, i, k, sent, lex):
        k += 1
    low = lowers(doc)
    while k > i and (low[k - 1] == "-" or low[k - 1] in CONNECTORS):
        k -= 1
    return k


def _continues_name(doc: Doc, i: int, k: int, sent: Span, lex: Lexicon) -> bool:
    text, low, cap, space = words(doc), lowers(doc), caps(doc), spaced(doc)
    word = text[k]
    if cap[k]:
        return (
            word not in NOT_INNER_NAMES
            or _inner_name_word(doc, i, k, sent)
            or (k > i and cap[k - 1] and lex.org_head(word) is not None)  # "Patriotic Front"
            or (k == i and _opens_headed_name(doc, i, sent, lex))  # "the Serious Fraud Office"
        )
    if ORDINAL.fullmatch(word):  # "158th Fighter Wing", "3rd Battalion"
        return k + 1 < sent.end and cap[k + 1]
    inner = i < k < sent.end - 1
    if word == "-":
        return (
            inner
            and not space[k - 1]
            and not space[k]
            and (cap[k + 1] or _name_syllable(doc, i, k + 1, sent))
        )
    if k > i + 1 and text[k - 1] == "-" and _name_syllable(doc, i, k, sent):
        return True  # "Lee Jae-myung", "Kim Jong-un"
    if word in {"'", "’"}:  # a plural possessive inside a name: "Ontario Nurses' Association"
        return inner and not space[k - 1] and _plural_noun(doc[k - 1]) and cap[k + 1]
    if word == "&":  # "Mary & Leigh Block Museum", "Procter & Gamble"
        return inner and cap[k + 1]
    if low[k] == "for" and inner and (cap[k + 1] or _the_pursuit_of(doc, k + 1, sent)):
        # "Centre for Disease Control", "Institute for the Study of War"
        return low[k - 1] in WORDS.site_heads or lex.org_head(text[k - 1]) is not None
    if low[k] == "on" and inner and _topic_word(text[k + 1]):
        # "National Institute on Aging", "Committee on Foreign Relations"; not "Kennedy Space
        # Center on STS-1" (a site)
        return lex.org_head(text[k - 1]) is not None and low[k - 1] not in WORDS.site_heads
    if low[k] == "the" and inner and k - 1 > i and low[k - 1] == "for":
        head = text[k - 2]
        ruled = low[k - 2] in WORDS.site_heads or lex.org_head(head) is not None
        return ruled and _the_pursuit_of(doc, k, sent)
    chained = k + 2 < sent.end and low[k + 1] in CONNECTORS and cap[k + 2]  # "von der Leyen"
    return inner and low[k] in CONNECTORS and (not space[k] or cap[k + 1] or chained)


def _topic_word(word: str) -> bool:
    """A capitalised word of letters that may name a field ("Aging", "Foreign"): not a code
    ("STS-1", "UN"), a day or a month."""
    return word.isalpha() and word.istitle() and word not in NOT_INNER_NAMES


def _the_pursuit_of(doc: Doc, k: int, sent: Span) -> bool:
    """ "the", a capitalised noun and "of" from token ``k``: the aim an organisation's name
    gives after "for" ("Centre for the Study of Civil Conflict", "Office for the Coordination
    of Humanitarian Affairs"); "Foundation for the Visual Arts" names none this way."""
    low, cap = lowers(doc), caps(doc)
    return k + 3 < sent.end and low[k] == "the" and cap[k + 1] and low[k + 2] == "of"


def _name_syllable(doc: Doc, i: int, k: int, sent: Span) -> bool:
    """A short lower-case syllable after a hyphen that ends a name of two or more words: the
    second part of a hyphenated given name ("Lee Jae-myung", "Kim Jong-un", "Ahn Gyu-back"),
    not a compound suffix ("Al-Qaeda-linked", "Obama-era")."""
    tok = doc[k]
    return (
        k - 3 >= i
        and doc[k - 1].text == "-"
        and joined(doc[k - 1])
        and is_cap(doc[k - 2])
        and is_cap(doc[k - 3])
        and tok.is_lower
        and tok.is_alpha
        and len(tok.text) <= 5
        and tok.lower_ not in WORDS.hyphen_suffixes
        and (k + 1 >= sent.end or not joined(tok) or doc[k + 1].is_punct)
    )


def _plural_noun(tok: Token) -> bool:
    """A capitalised plural of a common noun ("Nurses", "Workers"), not a name ending in s
    ("the Red Cross' Rosine Jourdain", "Jones' lawyer")."""
    w = tok.lower_
    return (
        is_cap(tok) and w.endswith("s") and not w.endswith("ss") and singular(w) in common_words()
    )


def _inner_name_word(doc: Doc, i: int, k: int, sent: Span) -> bool:
    """A capitalised small word between two name words is part of the name ("Doctor Who
    Society", "Make-A-Wish Foundation"); so is a holiday after a given name ("Johnnie
    Christmas"). Not in a title-cased heading, where every word is capitalised."""
    text, low, cap, space = words(doc), lowers(doc), caps(doc), spaced(doc)
    if text[k] in WORDS.holidays:
        return k > i and text[k - 1] in given_names()
    if k + 2 >= sent.end or opens_sentence(doc, k, sent):
        return False
    hyphened = text[k + 1] == "-" and not space[k] and not space[k + 1] and cap[k + 2]
    if not hyphened and (k == i or not (cap[k - 1] or text[k - 1] == "-") or not cap[k + 1]):
        return False
    # any content word (``content_word``) in the sentence
    return any(
        text[n].islower() and text[n].isalpha() and low[n] not in STOP_WORDS
        for n in range(sent.start, sent.end)
    )


def _looks_like_name(doc: Doc, i: int, j: int, res: Resources) -> bool:
    lex = res.lexicon
    text = span_text(doc, i, j)
    place = _place(text, res.gazetteer) if text not in given_names() else None
    if place is not None and place.location_type == "city" and place.population < TOWN:
        place = None  # "Professor Eastman": a town this small never vetoes a name
    if lex.nation_by_any(text) or lex.actor_by_alias(text) or place:
        return False  # but "Queen Elizabeth": a given name after a title is the person's
    return lex.org_head(doc[j - 1].text) is None


def _source(doc: Doc, i: int, sent: Span, res: Resources) -> Found | None:
    """Unnamed sources: ``a senior Iraqi security official``, ``U.S. officials``, ``officials``."""
    lex = res.lexicon
    if _next_source_noun(doc, lex)[i] >= sent.end:
        return None  # no source noun ahead in the sentence to head one
    k = i
    tokens, low = words(doc), lowers(doc)
    if low[k] in lex.sources.determiners:
        k += 1
    start_mod = k
    k = _source_modifiers(doc, k, sent, lex)
    noun = lex.sources.noun(tokens[k]) if k < sent.end else None
    if noun is None or (tokens[k][0].isupper() and k > start_mod):
        return None
    cap = caps(doc)
    if cap[k] and k + 1 < sent.end and cap[k + 1]:
        return None  # "the Doctor Who Club": a name goes on
    if cap[k] and k + 2 < sent.end and low[k + 1] in POSSESSIVES and cap[k + 2]:
        return None  # "the People's Republic of China": a name goes on past the possessive
    if k + 1 < sent.end and tokens[k + 1] == "-":
        return None
    if _modifies_plural(doc, k, sent, lex):
        return None  # "member states were divided", "official figures show"
    if (
        k == start_mod
        and low[i] not in lex.sources.determiners
        and (k + 1 >= sent.end or lex.cue(tokens[k + 1]) is None)
    ):
        return None  # a bare "officials" is a source only as the subject of "said"
    definite = low[i] == "the"
    if lex.actor_by_alias(span_text(doc, start_mod, k + 1)) is not None:
        return None  # a known actor ("Police", "the Pentagon"), not an unnamed source
    word = low[k]
    plural = word in {"people", "police", "staff"} or (
        word.endswith("s") and not word.endswith("ss")
    )
    if definite and k == start_mod:
        return Found(i, k + 1, MentionKind.NOMINAL, role=word, plural=plural)
    return Found(i, k + 1, MentionKind.SOURCE, role=span_text(doc, start_mod, k + 1), plural=plural)


def _modifies_plural(doc: Doc, k: int, sent: Span, lex: Lexicon) -> bool:
    """A singular source noun before a lower-case plural modifies that plural, which names no
    person: "member states", "official figures"; a cue form there is the verb ("the spokesman
    says") unless the tagger reads a plural noun ("member states")."""
    if k + 1 >= sent.end or lowers(doc)[k].endswith("s"):
        return False
    after = words(doc)[k + 1]
    return (
        after.isalpha()
        and after.islower()
        and after.endswith("s")
        and not after.endswith("ss")
        and after not in STOP_WORDS
        and (lex.cue(after) is None or kept_syntax(doc).xpos(k + 1) == "NNS")
    )


def _source_modifiers(doc: Doc, k: int, sent: Span, lex: Lexicon) -> int:
    """End of the run of source modifiers from ``k`` ("senior Iraqi security", "foreign
    ministry", "company"): the words that say whose an official or a title is."""
    while k < sent.end and (
        _admits(lex.source_modifier_openers, doc, k)
        or (lex.sources.demonym_modifiers and _admits(lex.name_openers, doc, k))
    ):
        for j, text in windows(doc, k, sent.end, MODIFIER_SIZE):
            if lex.sources.modifier(text) or (
                lex.sources.demonym_modifiers
                and (lex.nation_by_demonym(text) or lex.nation_by_name(text))
            ):
                k = j
                break
        else:
            break
    return k


def _next_source_noun(doc: Doc, lex: Lexicon) -> list[int]:
    """For every token, the first token at or after it that is a source noun ("official",
    "sources"), or ``len(doc)``; computed once per document."""
    return per_doc(doc, "next_source_noun", lambda d: _source_nouns_ahead(d, lex))


def _source_nouns_ahead(doc: Doc, lex: Lexicon) -> list[int]:
    text = words(doc)
    nouns = {w for w in set(text) if lex.sources.noun(w) is not None}
    ahead: list[int] = []
    for noun in compress(range(len(text)), map(nouns.__contains__, text)):
        ahead += [noun] * (noun + 1 - len(ahead))  # the tokens up to it, and itself
    return ahead + [len(text)] * (len(text) - len(ahead))


def _nominal(doc: Doc, i: int, sent: Span, res: Resources) -> Found | None:
    """Definite descriptions that point back: ``the spokesman``, ``the ministry``, ``the
    Church`` (after "the Church of Scientology")."""
    lex = res.lexicon
    if lowers(doc)[i] != "the" or i + 1 >= sent.end:
        return None
    low, cap = lowers(doc), caps(doc)
    for j, text in windows(doc, i + 1, sent.end, 3):
        short = (  # "the Church said", not "the Coalition" (a name the lexicon knows)
            j == i + 2
            and not (j < sent.end and (cap[j] or low[j] in {"of", "for", "&"}))
            and lex.actor_by_alias(text) is None
        )
        org_noun = lex.org_head(text) is not None and (short or not cap[j - 1])
        if lex.title(text) is not None or org_noun:
            if j < sent.end and (cap[j] or low[j] == "-"):
                return None  # "the Prime Minister Y": a titled name, handled elsewhere
            return Found(i, j, MentionKind.NOMINAL, role=text.lower())
    if low[i + 1] in NOMINAL_NOUNS:
        return Found(i, i + 2, MentionKind.NOMINAL, role=low[i + 1])
    return None


def _direction_region(doc: Doc, i: int, sent: Span, res: Resources) -> Found | None:
    """``western Iraq``: a direction word before a country ("North America" is a name);
    ``the South East of England``, ``the north of Iraq``: a direction and "of" an area."""
    lex, gaz = res.lexicon, res.gazetteer
    low = lowers(doc)[i]
    if (of := _compass_of(doc, i, sent, res)) is not None:
        return of
    if low not in WORDS.directions or (words(doc)[i][:1].isupper() and not low.endswith("ern")):
        return None
    for j, text in phrase_windows(doc, i + 1, sent.end, res, 4):
        nation = lex.nation_by_name(text)
        if nation is not None:
            country = gaz.country(nation.iso3)
            if country is None:
                return None
            region = gaz.direction_region(doc[i].lower_, country)
            return Found(i, j, MentionKind.REGION, place=region, nation=nation)
    return None


def _compass_of(doc: Doc, i: int, sent: Span, res: Resources) -> Found | None:
    """A direction of one or two words, maybe a unit noun, "of" and an area: "the South East of
    England", "the north of Iraq", "the Southern District of Ohio" (a region of that area,
    wherever else a place is called "South East" or "Southern District")."""
    low = lowers(doc)
    if low[i] not in WORDS.directions or _bearing(doc, i, sent):
        return None
    for k in (i + 4, i + 3, i + 2, i + 1):  # "South - East", "South East", "South"
        if k + 1 >= sent.end or low[k] != "of":
            continue
        direction = k - (low[k - 1] in COMPASS_UNITS and k - 1 > i)  # "Southern | District"
        if not is_compass(span_text(doc, i, direction)):
            continue
        start = k + 1 + (doc[k + 1].lower_ == "the")
        for j, text in phrase_windows(doc, start, sent.end, res, 4):
            area = _compass_area(text, res) if not doc[j - 1].is_punct else None
            if area is not None:
                region = res.gazetteer.direction_region(span_text(doc, i, direction), area)
                return Found(i, j, MentionKind.REGION, place=region)
        return None
    return None


def _bearing(doc: Doc, i: int, sent: Span) -> bool:
    """A lower-case direction with no "the" before it ("70 kilometers south of Santiago",
    "just north of the border"): where something lies from a place, outside it, not a region
    of it ("the north of Iraq")."""
    low = lowers(doc)
    k = i - 1 - (i - 1 > sent.start and low[i - 1] in {"far", "deep", "extreme"})  # "the far north"
    return words(doc)[i].islower() and (k < sent.start or low[k] != "the")


def _region_area(doc: Doc, found: Found, res: Resources) -> list[Found]:
    """The country or area a compass region names ("northern China", "the east of France"):
    the region is a place of its own, and the article names the area too."""
    for k in range(found.start + 1, found.end):
        area = _compass_area(span_text(doc, k, found.end), res)
        if area is not None and is_cap(doc[k]):
            return [Found(k, found.end, MentionKind.PLACE, place=area)]
    return []


def _compass_area(text: str, res: Resources) -> Place | None:
    """The country or area a compass region lies in ("England", "Iraq", "Queensland")."""
    nation = res.lexicon.nation_by_name(text)
    if nation is not None:
        return res.gazetteer.country(nation.iso3)
    return next(
        (p for p in res.gazetteer.lookup(text) if p.location_type in {"country", "admin1"}),
        None,
    )


def _capitalised(doc: Doc, i: int, sent: Span, res: Resources) -> Found | None:
    """A capitalised name no lexicon knows: a craft, a site, a place, an organisation by its
    head word or the role noun before it ("the magazine Vantage Weekly"), a person, or an
    unknown name."""
    lex, gaz = res.lexicon, res.gazetteer
    word = words(doc)[i]
    if not (caps(doc)[i] or ORDINAL.fullmatch(word)):  # "158th Fighter Wing"
        return None
    if puncts(doc)[i]:
        return None
    if (
        word in NOT_NAMES
        and not _inner_name_word(doc, i, i, sent)  # "Make-A-Wish"
        and not _opens_headed_name(doc, i, sent, lex)  # "the Serious Fraud Office"
    ):
        return None
    if _opening_word(doc, i, sent):
        return None  # "Later Gloria cried": the name starts after "Later"
    k = i - 1  # the word before, inside the sentence
    inside = k >= sent.start and caps(doc)[k] and spaced(doc)[k] and words(doc)[k] not in NOT_NAMES
    if inside and not _opening_word(doc, k, sent):
        return None
    prev = k >= sent.start  # a word before, in the sentence
    prev_word = words(doc)[k] if prev else ""
    prev_lower = prev and prev_word.islower()  # ``Token.is_lower``
    j = _before_title(doc, i, _person_before_of(doc, i, _name_run(doc, i, sent, lex), lex), res)
    if j == i or (j == i + 1 and _common_opener(doc, i, sent)):
        return None
    j = _and_name(doc, i, j, sent, lex)
    low = lowers(doc)
    if j + 1 < sent.end and low[j] in {"base", "airbase"}:
        return None
    if (party := _party_members(doc, i, j, res)) is not None:
        return Found(i, j, MentionKind.ACTOR, actor=party)  # "Senate Republicans"
    if span_text(doc, i, min(j, i + 2)) in WORDS.vehicle_prefixes or word in WORDS.vehicle_prefixes:
        return Found(
            i, j, MentionKind.OBJECT
        )  # "Space Shuttle Atlantis", "USS Cole": craft, not actors
    if _storm_name(doc, i, j, sent):
        return Found(i, j, MentionKind.OBJECT)  # "Cyclone Remal", "Hurricane Helene": weather
    if j - i >= 2 and low[j - 1] in WORDS.feature_heads:
        return Found(i, j, MentionKind.OBJECT)  # "the Indus River": no one, and no point
    if j - i >= 2 and low[j - 1] in WORDS.law_heads:
        return Found(i, j, MentionKind.OBJECT)  # "the Digital Markets Act": a law, no one
    if (ward := _place_part(doc, i, j, sent, res)) is not None:
        return Found(i, j, MentionKind.PLACE, place=ward)  # "Knaresborough East": a ward
    if j == i + 1 and word in WORDS.celestial_bodies and prev and low[k] == "the":
        return Found(i, j, MentionKind.OBJECT)  # "the Moon": no one, and no point on Earth
    role = lex.org_head(prev_word) if prev_lower else None
    if role is not None and low[k] not in WORDS.site_heads:
        return Found(
            i, j, MentionKind.ORG, role=role.actor_type, suffix=role.sector
        )  # "the band X"
    if (prev_lower and low[k] in WORDS.company_nouns) or (_company_set_off(doc, j, sent)):
        return Found(i, j, MentionKind.ORG, role="organization", suffix="BUS")  # "brokerage X"
    numbered = any(c.isdigit() for c in span_text(doc, i, j))  # "STS-1, the first … mission"
    if not numbered and (head := _set_off_head(doc, j, sent, lex)) is not None:
        return Found(i, j, MentionKind.ORG, role=head.actor_type, suffix=head.sector)
    if j - i >= 2 and _site_name(doc, i, j):
        return Found(i, j, MentionKind.SITE)
    if _before_works_noun(doc, i, j, sent):
        return Found(i, j, MentionKind.SITE)  # "the El Teniente mine": a site, no one
    if j - i >= 2 and low[j - 1] in WORDS.place_suffixes:
        place = _admin_place(span_text(doc, i, j - 1), gaz)
        if place is not None:
            return Found(i, j, MentionKind.PLACE, place=place)
        if not (lex.nation_by_name(span_text(doc, i, j - 1)) and _title_after(doc, j, lex)):
            return Found(i, j, MentionKind.SITE)
    if _before_unit_word(doc, i, j, sent, lex):
        around = low[j] in WORDS.area_nouns  # "the Innisfail area": the town and around
        name = span_text(doc, i, j)
        place = _place(name, gaz) if around else _admin_place(name, gaz)
        return (
            Found(i, j, MentionKind.PLACE, place=place) if place else Found(i, j, MentionKind.SITE)
        )
    if (
        low[i] in WORDS.directions
        and j - i >= 2
        and (place := _place(span_text(doc, i + 1, j), gaz))
    ):
        return Found(i, j, MentionKind.PLACE, place=place)  # "East Mosul", "Central Asia"
    if (area := _area_after(doc, i, j, sent, res)) is not None:
        return Found(i, area[0], MentionKind.SITE, place=area[1])  # "Vermillion, South Dakota"
    if _unknown_place(doc, i, j, sent, res):
        return Found(i, j, MentionKind.SITE)  # "near Tel Tamer": a place no gazetteer holds
    head = _org_head(doc, i, j, lex)
    if head is not None and j - i >= 2:
        return Found(i, j, MentionKind.ORG, role=head.actor_type, suffix=head.sector)
    width = _name_width(doc, i, j)
    if (
        prev
        and head is None
        and width <= 3
        and _person_noun(doc, k, lex)
        and not modifies_noun(doc, j, sent, lex)  # "smaller European rivals": an adjective
    ):
        return Found(i, j, MentionKind.PERSON, name_start=i)  # "fashion designer Halston"
    if head is None and 2 <= width <= 5 and _person_evidence(doc, i, j, sent, res):
        return Found(i, j, MentionKind.PERSON, name_start=i)
    return Found(i, j, MentionKind.SINGLE if j - i == 1 else MentionKind.UNKNOWN)


def _opens_headed_name(doc: Doc, i: int, sent: Span, lex: Lexicon) -> bool:
    """A capitalised common small word after "the" that opens an organisation's name by its
    head word ("the Serious Fraud Office", "the All India Institute of Hygiene"; "Serious" and
    "All" are stop words, never a name alone)."""
    word = words(doc)[i]
    if i == sent.start or lowers(doc)[i - 1] != "the" or word in WORDS.not_names:
        return False
    j = _name_run(doc, i + 1, sent, lex)
    return j > i + 1 and _org_head(doc, i + 1, j, lex) is not None


def _particle_surname(doc: Doc, i: int, sent: Span, res: Resources) -> Found | None:
    """A surname that opens with its lower-case particles, without the given name ("van der
    Kamp said", "as da Silva put it"): the particles and the one word after them, a person,
    when no capitalised word comes right before (that would be the given name, which
    ``_capitalised`` reads with the particles inside)."""
    low, cap = lowers(doc), caps(doc)
    if not _opens_surname(doc, i, sent):
        return None
    k = i + 1 + (low[i + 1] in CONNECTORS and low[i + 1] != "of")
    j = _name_run(doc, k, sent, res.lexicon)
    if j == k or _name_width(doc, k, j) > 1 or (i > sent.start and cap[i - 1]):
        return None  # "… e da Actividade Logistica": a longer name, not a surname
    return Found(i, j, MentionKind.PERSON, name_start=i)


def _opens_surname(doc: Doc, i: int, sent: Span) -> bool:
    """Whether token ``i`` is a surname's particle followed by a capitalised word, or by one
    more particle ("der", "la") and one."""
    low, cap = lowers(doc), caps(doc)
    if low[i] not in SURNAME_PARTICLES or doc[i].text != low[i] or i + 2 >= sent.end:
        return False
    k = i + 1 + (low[i + 1] in CONNECTORS and low[i + 1] != "of")
    return k < sent.end and cap[k] and spaced(doc)[i]


def surname_particles(doc: Doc, _: Lexicon) -> list[bool]:
    """Where ``_particle_surname`` may find one: a lower-case particle."""
    return [w in SURNAME_PARTICLES for w in words(doc)]


#: The verbs of ``MentionWords.reply_words``: a reporter's question answered or not.
REPLY_VERBS = frozenset({"respond", "responded", "reply", "replied", "declined", "comment"})

#: Most tokens of a noun phrase set off after a name that says what the name is.
SET_OFF_SIZE = 6


def _company_set_off(doc: Doc, j: int, sent: Span) -> bool:
    """A name followed by a noun phrase for a business, set off by a comma ("CloudGrid, a
    French cloud provider,"), maybe with its owner or seat after a participle ("Mandiant, a
    cybersecurity firm owned by Google,", "a bank based in Oslo,"): an organisation."""
    low = lowers(doc)
    if j + 2 >= sent.end or low[j] != "," or low[j + 1] not in {"a", "an", "the"}:
        return False
    for k in range(j + 2, min(sent.end, j + 2 + SET_OFF_SIZE)):
        if low[k] in {",", ".", ";", "which", "who", "that"}:
            return False
        if low[k] in WORDS.company_nouns and (k + 1 >= sent.end or low[k + 1] in {",", ".", ";"}):
            return True
        if low[k] in WORDS.company_nouns and k + 1 < sent.end and low[k + 1] in COMPANY_PARTICIPLES:
            return _set_off_end(doc, k + 2, sent)
    return False


#: Words after a business noun that give its owner or its seat ("a firm owned by X", "a unit of X").
COMPANY_PARTICIPLES = frozenset({"owned", "based", "backed", "controlled", "headquartered", "of"})


def _set_off_end(doc: Doc, k: int, sent: Span) -> bool:
    """A comma or the sentence's end within a few words from token ``k``, and no clause
    between ("by Google,", "in Oslo."; not "by Google, which …" nor "by X and Y")."""
    low = lowers(doc)
    for n in range(k, min(sent.end, k + 5)):
        if low[n] in {",", ".", ";"}:
            return True
        if low[n] in {"which", "who", "that", "and"}:
            return False
    return False


def _storm_name(doc: Doc, i: int, j: int, sent: Span) -> bool:
    """A named storm: a name run that opens with a word of ``storm_prefixes`` ("Cyclone
    Remal", "Tropical Storm Nicole"), or a name right after one ("Hurricane | Helene", where
    the given name starts the run): neither a person nor a place."""
    text = words(doc)
    if text[i] in WORDS.storm_prefixes or span_text(doc, i, min(j, i + 2)) in WORDS.storm_prefixes:
        return j - i >= 2
    return i > sent.start and text[i - 1] in WORDS.storm_prefixes


#: Words that end the noun phrase set off after a name: its punctuation or a relative clause.
SET_OFF_ENDS = frozenset({",", ".", ";", "which", "that", "who"})


def _set_off_head(doc: Doc, j: int, sent: Span, lex: Lexicon) -> OrgHead | None:
    """The head noun of an organisation that a noun phrase set off after a name ends in
    ("Sea-Watch, a German charity that runs a rescue ship", "Kolt, a Danish network,"): the
    name is that organisation. None when a preposition comes first ("Ana Ruiz, a lawyer for
    the charity,": the charity is someone else)."""
    low, text = lowers(doc), words(doc)
    if j + 2 >= sent.end or low[j] != "," or low[j + 1] not in {"a", "an", "the"}:
        return None
    for k in range(j + 2, min(sent.end - 1, j + 2 + SET_OFF_SIZE)):
        if low[k] in SET_OFF_ENDS or low[k] in WORDS.locative or low[k] in {"of", "for", "with"}:
            return None
        head = lex.org_head(text[k]) if text[k].islower() else None
        if head is not None and low[k + 1] in SET_OFF_ENDS:
            return head
    return None


def _name_width(doc: Doc, i: int, j: int) -> int:
    """How many words tokens ``i``-``j`` of a name hold: a hyphenated part is one word with the
    part before it ("Ahn Gyu-back" is two words, as "Ahn Gyu" was)."""
    text = words(doc)
    return sum(1 for k in range(i, j) if text[k] != "-" and not (k > i and text[k - 1] == "-"))


def _before_title(doc: Doc, i: int, j: int, res: Resources) -> int:
    """End a name before a title and the person it introduces ("Museum of Flight | CEO Doug
    King", "Acme Corp | President Jo Hale", "Kharkiv | Mayor Ihor Terekhov": a place before a
    title and a name; "Volta Shipping | Chief Executive Officer Kwame Mensah": an organisation
    by its head word before a title and a short name, whatever the given name), or before a
    closing title in capitals ("Museum of Flight | CEO")."""
    text, lex = words(doc), res.lexicon
    for k in range(i + 1, j - 1):
        title = lex.title(text[k])
        if title is None or not title.role:
            continue
        after = _title_end(doc, k, j, lex)  # "Pfizer | Chief Executive Officer | Albert Bourla"
        if (
            (after < j and text[after] in given_names())
            or (j - k >= 3 and _place(span_text(doc, i, k), res.gazetteer) is not None)
            or (1 <= j - after <= 3 and k - i >= 2 and lex.name_head(text[i:k]) is not None)
        ):
            return k
    last = text[j - 1]
    if j - i > 1 and last.isupper() and (title := lex.title(last)) and title.role:
        return j - 1  # "[former Museum of Flight CEO] Bonnie Dunbar"
    return j


#: Most words of a title written inside a capitalised run ("Chief Executive Officer").
RUN_TITLE_SIZE = 3


def _title_end(doc: Doc, k: int, j: int, lex: Lexicon) -> int:
    """Where the longest title that opens at token ``k`` ends, inside a run that ends at
    ``j``: "Chief Executive Officer", "Chief Executive", or "Chief" alone."""
    for n in range(min(RUN_TITLE_SIZE, j - k - 1), 1, -1):
        title = lex.title(span_text(doc, k, k + n))
        if title is not None and title.role:
            return k + n
    return k + 1


def _and_name(doc: Doc, i: int, j: int, sent: Span, lex: Lexicon) -> int:
    """Carry a name of two words or more (one after "the") over "and"/"&" when a short run
    ending in a site or organisation word follows: "National Air and Space Museum", "Tang
    Teaching Museum and Art Gallery", "the Disaster and Emergency Management Authority" (not
    "Brown and Green Party"); after a capital "The" inside a sentence, carry a name over "and"
    and one more word ("of The Globe and Mail")."""
    titled = after_inner_the(doc, i)
    the = not titled and j - i == 1 and i > sent.start and lowers(doc)[i - 1] == "the"
    if j - i < 2 - (titled or the) or j + 1 >= sent.end or doc[j].lower_ not in {"and", "&"}:
        return j
    if not is_cap(doc[j + 1]):
        return j
    k = _name_run(doc, j + 1, sent, lex)
    # "Space Museum", not "Colorado State University"; after "the", up to four words: "the
    # Disaster and Emergency Management Authority"
    first = doc[j + 1 : min(k, j + 3 + 2 * the - titled)]
    heads = titled or any(t.lower_ in WORDS.site_heads or lex.org_head(t.text) for t in first)
    name = span_text(doc, j + 1, k)
    known = lex.nation_by_any(name) or lex.actor_by_alias(name)
    topic = _topic_after_of(doc, i, j, k, lex)
    return k if k > j + 1 and (heads or topic) and not known else j


def _topic_after_of(doc: Doc, i: int, j: int, k: int, lex: Lexicon) -> bool:
    """An organisation's name whose field after "of" runs over "and" (token ``j``) into one or
    two capitalised common nouns that end the name (tokens ``j + 1``-``k``): "Center for the
    Study of Hate and Extremism", "Department of Health and Human Services"; not another name
    ("Bank of England and Barclays") or another organisation ("… and Interior Ministry")."""
    low, text = lowers(doc), words(doc)
    if not 1 <= k - j - 1 <= 2 or "of" not in low[i + 1 : j - 1]:
        return False
    if not (
        low[i] in WORDS.site_heads
        or lex.org_head(text[i]) is not None
        or any(
            lex.org_head(text[m]) is not None for m in range(i, j) if low[m + 1] in {"of", "for"}
        )
    ):
        return False
    common = common_words()
    return all(
        low[m] in common and text[m] not in given_names() and lex.org_head(text[m]) is None
        for m in range(j + 1, k)
    )


def _opening_word(doc: Doc, i: int, sent: Span) -> bool:
    """A common word capitalised only because it opens the sentence, before a given name:
    "Later Gloria cried", "Yesterday Maria said"."""
    text = words(doc)
    return (
        i == sent.start
        and lowers(doc)[i] in common_words()
        and text[i] not in given_names()
        and i + 1 < sent.end
        and text[i + 1] in given_names()
    )


def _person_noun(doc: Doc, k: int, lex: Lexicon) -> bool:
    """Token ``k`` is a lower-case noun for a person: a title, a source noun or an agent noun
    ("designer", "illustrator", "spokesman")."""
    text, word = words(doc)[k], lowers(doc)[k]  # ``content_word`` read from the arrays
    if not (text.islower() and text.isalpha()) or word in STOP_WORDS:
        return False
    return bool(lex.title(word) or lex.sources.noun(word) or AGENT_NOUN.search(word))


def _works_at(doc: Doc, k: int) -> bool:
    """Token ``k`` is a noun for someone who works for an organisation (``employee_nouns``,
    singular or plural, any case): "at" after it names the employer ("Analysts at Jefferies
    said", "an economist at Kolt Partners"), not a place."""
    return singular(lowers(doc)[k]) in WORDS.employee_nouns


def _person_before_of(doc: Doc, i: int, j: int, lex: Lexicon) -> int:
    """Cut "Nick Rhodes of Duran Duran" after the person: two or three capitalised words
    before "of" name a person, then where they work, when they open with a given name or
    follow a noun for a person ("publisher Jann Wenner of Rolling Stone", not "attacked Royal
    Bank of Scotland")."""
    of = next((k for k in range(i + 2, min(j, i + 4)) if doc[k].lower_ == "of"), None)
    if of is None or not all(is_cap(t) for t in doc[i:of]) or lex.org_head(doc[of - 1].text):
        return j  # "Kenya Association of Manufacturers": an organisation's head before "of"
    person = i > 0 and (_person_noun(doc, i - 1, lex) or lex.title(words(doc)[i - 1]) is not None)
    return of if doc[i].text in given_names() or person else j  # "Analyst Rupesh Parikh of X"


def _area_after(doc: Doc, i: int, j: int, sent: Span, res: Resources) -> tuple[int, Place] | None:
    """An unknown short name qualified by a region or country, the way towns are written:
    "Vermillion, South Dakota", "Qamenas, Syria", "Urem al-Kubra, northern Syria"; after a
    locative word, by a town too ("in Orlando East, Soweto"). Not a person's name ("Ana Ruiz,
    Texas"), an area's possessive ("…, Syria's") or a title ("Hernan Gomez, Panama coach")."""
    lex = res.lexicon
    tokens = words(doc)
    if _name_width(doc, i, j) > 3 or j + 2 >= sent.end or tokens[j] != ",":
        return None
    a = j + 1 + (tokens[j + 1] in WORDS.directions)  # "Urem al-Kubra, northern Syria"
    if not caps(doc)[a]:
        return None
    located = _locative_before(doc, i, sent, strict=True)  # "in Orlando East, Soweto"
    if tokens[i] in given_names() and not located:
        return None
    if any(lex.org_head(w) for w in tokens[i:j]):
        return None  # "the University of California, San Diego"
    for k, text in phrase_windows(doc, a, sent.end, res, 3):
        if doc[k - 1].is_punct or not _ends_cleanly(doc, k, sent):
            continue
        area = res.gazetteer.area(text) or (_town(text, res.gazetteer) if located else None)
        if area is None:
            continue
        after = doc[k] if k < sent.end else None  # "…, Panama coach, said": a title
        if after is not None and after.text in POSSESSIVES:
            return None  # "Supari, Indonesia's health minister"
        clean = after is None or after.is_punct
        return (k, area) if clean or (after is not None and after.lower_ in STOP_WORDS) else None
    return None


def _town(text: str, gaz: Gazetteer) -> Place | None:
    """The city a name stands for, if any."""
    place = _place(text, gaz)
    return place if place is not None and place.location_type == "city" else None


LIST_MARKS = frozenset({"and", "or", ","})


def _inside_name(doc: Doc, sent: Span, k: int) -> bool:
    """An "of" or "the" between capitalised words of one name: "Democratic Republic of the
    Congo", "Isle of Man"."""
    low, cap = lowers(doc), caps(doc)
    if low[k] not in {"of", "the"} or not sent.start < k < sent.end - 1:
        return False
    return (cap[k - 1] or low[k - 1] == "of") and (cap[k + 1] or low[k + 1] == "the")


def list_bounds(doc: Doc, sent: Span, start: int, end: int) -> tuple[int, int]:
    """The tokens of the list of names that the name ``doc[start:end]`` belongs to ("Austria,
    Germany, Greece and Italy", "the DRC and Angola"), or the name itself: a list is read as
    one phrase, so each of its names has the same use."""
    low, cap = lowers(doc), caps(doc)
    first, last = start, end
    k = first - 1
    while k > sent.start and low[k] in LIST_MARKS:
        j = k - 1
        if not (cap[j] or low[j] == "."):
            break
        while j > sent.start and (cap[j - 1] or _inside_name(doc, sent, j - 1)):
            j -= 1
        first = j - (j - 1 >= sent.start and low[j - 1] == "the")
        k = first - 1
    k = last
    while k + 1 < sent.end and low[k] in LIST_MARKS:
        j = k + 1 + (low[k + 1] in LIST_MARKS)  # ", and"
        j += j < sent.end and low[j] == "the"
        if j >= sent.end or not cap[j]:
            break
        while j + 1 < sent.end and (cap[j + 1] or _inside_name(doc, sent, j + 1)):
            j += 1
        last = j + 1
        k = last
    return first, last


def listed_after_locative(doc: Doc, sent: Span, k: int) -> bool:
    """Whether the list that ``doc[k]`` ("and", "or", ",") continues opens after a locative
    word: "in Syria and Iraq", "across Syria, Iraq and Libya", "from Angola, the Democratic
    Republic of the Congo and Zambia"."""
    low, cap = lowers(doc), caps(doc)
    while k >= sent.start and (
        low[k] in LIST_MARKS or low[k] in DETERMINERS or cap[k] or _inside_name(doc, sent, k)
    ):
        k -= 1
    if k >= sent.start and low[k] == "of":  # "the towns of X and Y", not "Ministry of"
        return _place_of(doc, k, sent)
    return k >= sent.start and low[k] in WORDS.locative


def _place_example(doc: Doc, i: int, sent: Span) -> bool:
    """A name in a list given as examples of places: "key towns in northern Iraq including
    Rabiyah and Zumar", "villages such as Tel Tamer", or that a plural place noun and a colon
    announce ("four villages: Amba, Kolo and Tesi")."""
    low, cap = lowers(doc), caps(doc)
    k = i - 1
    while k > sent.start and (low[k] in {",", "and", "or"} or cap[k]):
        k -= 1
    if low[k] == ":" and k > sent.start:
        return low[k - 1] in WORDS.place_nouns
    if low[k] == "as" and k > sent.start and low[k - 1] == "such":
        k -= 1
    elif low[k] != "including":
        return False
    return any(w in WORDS.place_nouns for w in low[max(sent.start, k - 5) : k])


def _unknown_place(doc: Doc, i: int, j: int, sent: Span, res: Resources) -> bool:
    """A short unknown name right after a locative word ("near Tel Tamer", "in Zumar"), unless
    it reads as a person, an organisation or a demonym ("according to Rathbun", "in English")."""
    lex = res.lexicon
    if i == sent.start or j - i > 4:
        return False
    low, text = lowers(doc), words(doc)
    prev = low[i - 1]
    starts = prev in WORDS.name_starts_place or (prev == "of" and _place_of(doc, i - 1, sent))
    listed = prev in {",", "and", "or"} and listed_after_locative(doc, sent, i - 1)
    if not (starts or listed or _place_example(doc, i, sent)):
        return False
    if i >= 2 and low[i - 2] == "according":
        return False
    if prev == "at" and i >= 2 and _works_at(doc, i - 2):
        return False  # "analysts at Jefferies", "an economist at Kolt Partners": an employer
    if lex.nation_by_demonym(text[i]) or text[i] in WORDS.languages:
        return False
    if _name_adjective(doc, i, j, sent):
        return False  # "against European pork"
    if res.gazetteer.blocked(span_text(doc, i, j)):
        return False  # "at Islam's most holy site"
    if j < sent.end and low[j] in POSSESSIVES:
        return False  # "from Eden Hazard's assist": a person's, not a place's
    if _org_head(doc, i, j, lex) is not None:
        return False  # "State Board of Antiquities"
    if any(CAMEL_CASE.search(t) for t in text[i:j]):
        return False  # "from YouTube": a brand (but "McAllen")
    if "-" in span_text(doc, i, j) and any(t.is_upper and len(t) > 1 for t in doc[i:j]):
        return False  # "in Counter-IED training": a field, not a place
    alpha = [t.lower_ for t in doc[i:j] if t.is_alpha]
    if alpha and all(w in common_words() for w in alpha):
        return False  # "in English", "in Counter-Strike"
    return _place_name_start(doc, i) or text[i] not in given_names()


def _name_adjective(doc: Doc, i: int, j: int, sent: Span) -> bool:
    """One capitalised word with an adjective's ending before a lower-case content word
    modifies that word and names no place: "into European dairy products", "Asian markets",
    "Balkan routes"."""
    if j - i != 1 or j >= sent.end or not words(doc)[i].lower().endswith(WORDS.adjective_endings):
        return False
    after = words(doc)[j]
    return after.isalpha() and after.islower() and after not in STOP_WORDS


UNIT_TYPES = frozenset({"admin1", "admin2", "region"})


def _listed_unit(doc: Doc, i: int, sent: Span, res: Resources) -> Found | None:
    """A name listed after a plural word for an administrative unit and "of" is a unit of
    that kind, in the countries the story names: "the provinces of Nyanza, North Eastern and
    Western" (Western Province), "the states of Georgia and Ohio" (the US states); a country
    alone after "of" holds the units ("the counties of Taiwan")."""
    if not (sent.start < i and caps(doc)[i]) or lowers(doc)[i - 1] not in {"of", *LIST_MARKS}:
        return None
    unit = _unit_listing(doc, i - 1, sent)
    if unit is None:
        return None
    j = i + 1
    while j < sent.end and (is_cap(doc[j]) or _inside_name(doc, sent, j)):
        j += 1
    name = span_text(doc, i, j)
    gaz = res.gazetteer
    named = gaz.lookup(name)
    alone = doc[i - 1].lower_ == "of" and (j == sent.end or doc[j].lower_ not in LIST_MARKS)
    if alone and any(p.location_type == "country" for p in named):
        return None  # "the counties of Taiwan": the country that holds them
    units = [
        p for p in (*named, *gaz.lookup(f"{name} {unit.title()}")) if p.location_type in UNIT_TYPES
    ]
    story = story_set(doc, res)
    place = next((p for p in units if p.country in story), units[0] if units else None)
    return None if place is None else Found(i, j, MentionKind.UNIT, place=place)


#: Most tokens from a listed name to the plural unit word after its list ("Dallas, Tarrant
#: and Collin counties").
UNIT_LIST_SIZE = 8


def unit_plural_opens(doc: Doc) -> list[bool]:
    """Where :func:`_units_before_plural` may find a unit: a capitalised word at most
    :data:`UNIT_LIST_SIZE` tokens before a lower-case plural unit word."""
    cap, text = caps(doc), words(doc)
    opens = [False] * len(cap)
    for k, w in enumerate(text):
        if w in WORDS.unit_plurals:  # lower case, as listed
            for i in range(max(0, k - UNIT_LIST_SIZE), k):
                opens[i] = opens[i] or cap[i]
    return opens


def _units_before_plural(doc: Doc, i: int, sent: Span, res: Resources) -> Found | None:
    """A name listed before a lower-case plural unit word is a unit of that kind: "Hocking
    and Vinton counties" (Hocking County, Vinton County), "the Kherson and Zaporizhzhia
    regions"; the list needs "and" or "or", and each name a unit the gazetteer knows, in the
    countries the story names first."""
    low, cap = lowers(doc), caps(doc)
    j = i + 1
    while j < sent.end and (cap[j] or _inside_name(doc, sent, j)):
        j += 1
    k, joined = j, False
    while k < sent.end and (low[k] in LIST_MARKS or cap[k] or _inside_name(doc, sent, k)):
        joined = joined or low[k] in {"and", "or"}
        k += 1
    if not (joined or (i > sent.start and low[i - 1] in {"and", "or"})) or k >= sent.end:
        return None
    word = words(doc)[k]
    if word not in WORDS.unit_plurals:
        return None
    unit = word[:-3] + "y" if word.endswith("ies") else word[:-1]
    gaz, name = res.gazetteer, span_text(doc, i, j)
    units = [p for p in gaz.lookup(f"{name} {unit.title()}") if p.location_type in UNIT_TYPES]
    units = units or [p for p in gaz.lookup(name) if p.location_type in UNIT_TYPES]
    story = story_set(doc, res)
    place = next((p for p in units if p.country in story), units[0] if units else None)
    return None if place is None else Found(i, j, MentionKind.UNIT, place=place)


#: Compass words that end the name of a part of a town ("Knaresborough East", "Leeds North
#: West"): a ward or a constituency.
COMPASS_ENDS = frozenset({"north", "south", "east", "west", "central"})


def _place_part(doc: Doc, i: int, j: int, sent: Span, res: Resources) -> Place | None:
    """A town of the story's countries and compass words after it name a part of the town, a
    ward or a constituency ("who represents Knaresborough East"): a place in that town, not a
    person (a qualifier after it names the town it lies in: "Orlando East, Soweto")."""
    low = lowers(doc)
    k = j
    while k > i + 1 and low[k - 1] in COMPASS_ENDS:
        k -= 1
    if k == j or (j + 1 < sent.end and low[j] == "," and caps(doc)[j + 1]):
        return None
    town = _place(span_text(doc, i, k), res.gazetteer)
    if town is None or town.location_type != "city":
        return None
    return town if town.country in story_set(doc, res) else None


def _unit_listing(doc: Doc, k: int, sent: Span) -> str | None:
    """The unit (singular) of the list that ``doc[k]`` ("of", ",", "and") belongs to, when
    the list follows a lower-case plural unit word and "of" ("the districts of A and B":
    "district"), else ``None``."""
    low, cap = lowers(doc), caps(doc)
    while k > sent.start and (low[k] in LIST_MARKS or cap[k] or _inside_name(doc, sent, k)):
        k -= 1
    if k <= sent.start or low[k] != "of":
        return None
    word = low[k - 1]
    if not words(doc)[k - 1].islower() or word not in WORDS.unit_plurals:  # ``Token.is_lower``
        return None
    return word[:-3] + "y" if word.endswith("ies") else word[:-1]


def _before_unit_word(doc: Doc, i: int, j: int, sent: Span, lex: Lexicon) -> bool:
    """A short name before a lower-case word for an administrative unit is that unit: "the
    Somme region", "Orientale province", "the Adhamiyah district of Baghdad" (not "state",
    which also reads "the Xinhua state news agency"); before "area" it is the place the area
    is around ("the Innisfail area")."""
    if j >= sent.end or j - i > 3 or not words(doc)[j].islower():  # ``Token.is_lower``
        return False
    unit = lowers(doc)[j]
    if unit not in WORDS.place_suffixes | WORDS.area_nouns or unit == "state":
        return False
    return not (lex.nation_by_demonym(span_text(doc, i, j)) or _org_head(doc, i, j, lex))


def _title_after(doc: Doc, j: int, lex: Lexicon) -> bool:
    """A capitalised title right after a unit word (after a country's name: "U.S. District
    Judge") makes it part of an office, not a site of its own."""
    return j < len(doc) and doc[j].text[:1].isupper() and lex.title(doc[j].text) is not None


def _before_works_noun(doc: Doc, i: int, j: int, sent: Span) -> bool:
    """A name between "the" and a lower-case noun of ``works_nouns`` ("the El Teniente mine",
    "the Kashagan oilfield"): the name of that mine or plant, not a person's."""
    low = lowers(doc)
    return (
        i > sent.start
        and low[i - 1] == "the"
        and j < sent.end
        and words(doc)[j].islower()
        and low[j] in WORDS.works_nouns
    )


def _site_name(doc: Doc, i: int, j: int) -> bool:
    """ "Kennedy Space Center", "Camp Hurriya", "Museum of Flight": a named place by its words."""
    text, low = words(doc), lowers(doc)
    last = next((k for k in range(j - 1, i - 1, -1) if text[k].isalpha()), j - 1)  # "Facility-1"
    if low[last] in WORDS.site_heads or low[i] in WORDS.site_prefixes:
        return True
    return any(low[k] in WORDS.site_heads and low[k + 1] == "of" for k in range(i, j - 1))


def _org_head(doc: Doc, i: int, j: int, lex: Lexicon) -> OrgHead | None:
    """The organisation word of a name: its last word (not a surname: "Jim Banks"), its first
    before a nation's name ("Bank Indonesia"), or the word before "of", "for" or "on"
    ("Ministry of Culture", "University of NSW", "Commission for Refugees", "Institute on
    Aging")."""
    text, low = words(doc), lowers(doc)
    head = lex.name_head(text[i:j])
    if head is not None:
        return head
    if j - i >= 2 and lex.nation_by_name(text[j - 1]) and (head := lex.org_head(text[i])):
        return head  # "Bank Indonesia", "Bank Negara Malaysia"
    for k in range(i, j - 1):
        on = low[k + 1] == "on" and low[k] not in WORDS.site_heads  # not "Space Center on"
        if (low[k + 1] in {"of", "for"} or on) and (head := lex.org_head(text[k])) is not None:
            return head
    return None


def _person_evidence(doc: Doc, i: int, j: int, sent: Span, res: Resources) -> bool:
    """A capitalised run is a person's name when it starts with a given name, or when a verb
    of saying follows it, or an appositive role does ("X, a spokesman")."""
    lex = res.lexicon
    text, low = words(doc), lowers(doc)  # ``Token.is_alpha``, ``is_lower``: ``str`` tests
    if lex.nation_by_demonym(span_text(doc, i, j)) is not None:
        return False  # "his South Korean counterpart": an adjective, not a name
    if any(w.isupper() and len(w) > 3 and "." not in w for w in text[i:j]):
        return False
    if any(
        lex.nation_by_demonym(text[k]) or lex.nation_by_name(text[k])
        for k in range(i, j)
        if k > i or not _given_name_before_surname(doc, i, j)
    ):
        return False
    if span_text(doc, i, j) in _numbered(doc):
        return False  # "Internet Explorer 9", "Vostok 1": products and craft
    if text[i] in given_names() or INITIALS.fullmatch(text[i]):
        return True
    if i > 1 and low[i - 1] == "of" and caps(doc)[i - 2]:
        return False  # "Mary Hale of Vorla Weekly": where a person works
    if after_inner_the(doc, i):
        return False  # "as The Vorla Weekly": a title, not a person
    if _set_off_after_role(doc, i, j, sent, lex):
        return True
    if _opens_with_place(doc, i, res.gazetteer):
        return False  # "Taipei City Lantern Festival", "The Ontario Ghostbusters"
    if _proper_only(doc, i, j):
        return True
    nxt = low[j] if j < sent.end else ""
    if lex.cue(nxt) is not None:
        return True
    if nxt != ",":
        return False
    k = j + 1 + (j + 1 < sent.end and low[j + 1] in {"a", "an", "the"})
    return any(lex.title(w) is not None for w in text[k : min(sent.end, k + 4)])


def _set_off_after_role(doc: Doc, i: int, j: int, sent: Span, lex: Lexicon) -> bool:
    """Tokens ``i``-``j`` are set off in commas right after a noun for a person ("its foreign
    policy chief, Kaja Kallas, said"): the holder's name, whatever town shares its first word."""
    low = lowers(doc)
    if i < sent.start + 2 or low[i - 1] != "," or not (j < sent.end and low[j] in {",", "said"}):
        return False
    return _person_noun(doc, i - 2, lex)


def _given_name_before_surname(doc: Doc, i: int, j: int) -> bool:
    """A place-named given name opening a person's name ("Jordan Smith", "Israel Folau"): a
    given name that the parser joins to the next capitalised word as one name (``flat``; a
    place before a noun is a ``compound``: "the Jordan River")."""
    if j - i < 2 or words(doc)[i] not in given_names():
        return False
    syn = kept_syntax(doc)
    return syn.dep(i + 1) == "flat" and syn.head(i + 1) == i


def _common_opener(doc: Doc, i: int, sent: Span) -> bool:
    """A common word capitalised only because it opens the sentence ("Given the risks",
    "Overall, ..."): the tagger does not read it as a proper noun and the article never writes
    it capitalised inside a sentence (as "Cherry" in "James Cherry")."""
    return _may_be_common_opener(doc, i, sent) and kept_syntax(doc).is_proper_noun(i) is False


def _may_be_common_opener(doc: Doc, i: int, sent: Span) -> bool:
    """:func:`_common_opener` but for the tagger's reading."""
    word = words(doc)[i]
    return (
        not word.isupper()  # an acronym: "PAHO"
        and word.lower() in common_words()
        and opens_sentence(doc, i, sent)
        and word not in _inner_capitals(doc)
    )


def reads_syntax(doc: Doc, sent: Span, res: Resources) -> bool:
    """Whether a name rule may read the parse of ``sent``: a common word opening it (or a
    quotation in it) that :func:`_common_opener` asks the tagger about (a capitalised word
    that is not a stop word: the name rules stop at those first), or a given name that is also a
    country's name or demonym before another word, which :func:`_given_name_before_surname`
    asks the parser about ("Jordan Smith"). The parse gate (``extract/gate``) parses these
    sentences before the mentions are found."""
    text, cap, names = words(doc), caps(doc), given_names()
    lex = res.lexicon
    return any(
        (
            cap[i]
            and text[i] not in NOT_NAMES  # where either caller reads it
            and _may_be_common_opener(doc, i, sent)
        )
        or (
            i + 1 < sent.end
            and text[i] in names
            and bool(lex.nation_by_demonym(text[i]) or lex.nation_by_name(text[i]))
        )
        for i in range(sent.start, sent.end)
    )


def _inner_capitals(doc: Doc) -> frozenset[str]:
    """Capitalised words the article writes inside a sentence (after a word, a number, a comma
    or a bracket: "James Cherry", "(PAHO)"), computed once per document."""
    return per_doc(doc, "inner_capitals", _inner_capitalised)


def _inner_capitalised(doc: Doc) -> frozenset[str]:
    tokens, cap = words(doc), caps(doc)
    return frozenset(
        w
        for k, w in enumerate(tokens[1:], 1)
        if cap[k] and (tokens[k - 1].isalnum() or tokens[k - 1] in INNER_MARKS)
    )


def _numbered(doc: Doc) -> frozenset[str]:
    """Capitalised names that the article writes with a number after them ("Internet Explorer
    9", "Apollo 11")."""
    return per_doc(doc, "numbered", _numbered_names)


def _numbered_names(doc: Doc) -> frozenset[str]:
    names: set[str] = set()
    tokens, cap = words(doc), caps(doc)
    numbers = {  # each distinct word tested once; a word of letters holds no digit
        w for w in set(tokens) if not w.isalpha() and any(c.isdigit() for c in w)
    }
    for i in compress(range(len(tokens)), map(numbers.__contains__, tokens)):
        if i == 0 or not cap[i - 1]:
            continue
        if doc[i].is_punct:  # not _digits(doc[i])
            continue
        k = i - 1
        while k > 0 and cap[k - 1] and i - k < 3:
            k -= 1
        names.update(span_text(doc, m, i) for m in range(k, i))
    return frozenset(names)


def _digits(tok: Token) -> bool:
    """A number written with digits ("9", "1,200"), not a number word ("two")."""
    return any(c.isdigit() for c in tok.text) and not tok.is_punct


def _capitals_only(text: str, gaz: Gazetteer) -> bool:
    """ "USI", "USI's": an acronym the gazetteer only knows as a word ("Usi", in GeoNames an
    alternate name of Wuxi), not one it lists in capitals ("NYC", "NSW")."""
    base = re.sub(r"['’]s?$", "", text)
    acronym = base.isupper() and base.isalpha() and len(base) <= 5
    return acronym and not gaz.lookup(base, fold_case=False)


def _craft(doc: Doc) -> frozenset[str]:
    """Names the article gives to craft ("Space Shuttle Columbia", "USS Cole")."""
    return per_doc(doc, "craft", _craft_names)


def _craft_names(doc: Doc) -> frozenset[str]:
    text = body(doc)
    return frozenset(
        m.group(1).strip()
        for prefix in WORDS.vehicle_prefixes
        if prefix in text  # the scan finds nothing without it
        for m in re.finditer(rf"\b{re.escape(prefix)} ((?:[A-Z][\w-]*\s?)+)", text)
    )


def _opens_with_place(doc: Doc, i: int, gaz: Gazetteer) -> bool:
    """Whether the run opens with a country, a first-level region or a big city (not with a
    word or a given name: "Park Joo-ho", "Paris Hilton")."""
    word = doc[i].text
    if not doc[i].is_alpha or word.lower() in common_words() or word in given_names():
        return False
    place = _place(word, gaz)
    return place is not None and _stands_alone(Found(i, i + 1, MentionKind.PLACE, place=place))


def _place_name_start(doc: Doc, i: int) -> bool:
    """Arabic place names open with an article or a landform word written apart: "Al Huwayjah",
    "Tel Tamer", "Ayn Issa" (a person's "al-" is joined: "al-Abadi")."""
    return doc[i].text in WORDS.place_name_prefixes and bool(doc[i].whitespace_)


def _proper_only(doc: Doc, i: int, j: int) -> bool:
    """No word of the run ``i``-``j`` is used in lower case anywhere in the article ("Romelu
    Lukaku", but not "Strategic Framework Agreement" next to "the agreement") and none is a
    common word."""
    text, low = words(doc), lowers(doc)
    alpha = [  # a lower-case syllable after a hyphen is part of the word before ("Gyu-back")
        k
        for k in range(i, j)
        if text[k].isalpha() and not (text[k].islower() and text[k - 1] == "-")
    ]
    if len(alpha) < 2 or any(low[k] in STOP_WORDS or text[k].isupper() for k in alpha):
        return False
    if _place_name_start(doc, i):
        return False
    lower = _lower_words(doc)
    common = common_words()
    return not any(low[k] in lower for k in alpha) and not all(low[k] in common for k in alpha)


def _lower_words(doc: Doc) -> frozenset[str]:
    """The document's lower-case words, computed once per document (kept on the document)."""
    return per_doc(doc, "lower_words", _lower_only)


def _lower_only(doc: Doc) -> frozenset[str]:
    return frozenset(w for w in set(words(doc)) if w.islower() and w.isalpha())  # ``is_lower``
