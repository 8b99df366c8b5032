"""Turn the mentions found in each sentence into document entities: actors and places with
stable ids, plus the coreference that points "the official" back to its source.
"""

from __future__ import annotations

import bisect
import calendar
import copy
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import attrgetter
from typing import ClassVar

from spacy.tokens import Doc, Span, Token

from dateline.article import Article
from dateline.extract.bodies import resolve_local_body
from dateline.extract.geocontext import (
    area_countries,
    is_compass,
    listed_areas,
    named_areas,
    namesake,
    repoint,
    text_areas,
)
from dateline.extract.mentions import (
    AGENT_NOUN,
    LIST_MARKS,
    SMALL_CITY,
    TOWN,
    Found,
    MentionKind,
    _verb,
    after_inner_the,
    at_home,
    cased_as_listed,
    hyphen_compound,
    in_story_countries,
    list_bounds,
    listed_after_locative,
    named_countries,
    story_set,
)
from dateline.extract.mentions import WORDS as MENTION_WORDS
from dateline.extract.model import ACTORS, LOCATIONS, Actor, Mention, MentionType, Table
from dateline.extract.phrases import phrase_windows
from dateline.extract.recognizers import find
from dateline.extract.resources import Resources
from dateline.extract.segment import Segmented
from dateline.extract.text import (
    CONNECTORS,
    DETERMINERS,
    INITIALS,
    POSSESSIVES,
    body,
    caps,
    content_word,
    is_cap,
    lowers,
    singular,
    slug,
    spaced,
    span_text,
    token_bounds,
    words,
)
from dateline.gazetteer import Gazetteer, Place
from dateline.lexicon import KnownActor, Lexicon, Nation
from dateline.lexicon.rules import rule_words
from dateline.lexicon.words import common_words, given_names


@dataclass(frozen=True)
class EntityWords:
    """The word lists of entity resolution, read from ``lexicon/data/rules/entities.yaml``."""

    FILE: ClassVar[str] = "entities.yaml"
    person_nouns: frozenset[str]
    org_nouns: frozenset[str]
    generic_name_openers: frozenset[str]
    business_nominals: frozenset[str]
    legal_forms: frozenset[str]
    home_institutions: frozenset[str]
    party_labels: frozenset[str] = field(metadata={"cased": True})
    offices: frozenset[str]
    issued: frozenset[str]


WORDS = rule_words(EntityWords)
PARTIES = {label.split()[0]: label.partition(" ")[2] or None for label in WORDS.party_labels}
#: ", D-N.Y.," or " (R-Texas)" right after a name: a party letter, a hyphen and a state.
PARTY_LABEL = re.compile(r",? \(?([A-Z])-([A-Z][A-Za-z.]*)(?: ([A-Z][A-Za-z.]*))?")


class MentionIndex:
    """A document's mentions by start and by end character, for the scans that run once the
    mentions are in their final order (after :func:`build_entities`): quotes and events.
    Answers come in list order, as a scan of ``mentions`` gives them. Mentions added later
    (``unnamed_speaker``) are only appended; :meth:`sync` picks them up."""

    def __init__(self, mentions: list[Mention]) -> None:
        self._mentions = mentions
        self._count = 0
        self._by_start: list[tuple[int, int]] = []  # (start char, list position), sorted
        self._by_end: dict[int, list[int]] = {}  # end char -> list positions, ascending
        self._longest = 0  # characters in the longest mention
        self._names: dict[str, list[int]] = {}  # text of a name mention -> list positions
        self._initialled: dict[str, list[int]] = {}  # initials of a name mention -> positions
        self.sync()

    def sync(self) -> None:
        """Index the mentions appended since the last call."""
        if self._count == len(self._mentions):
            return
        fresh = range(self._count, len(self._mentions))
        mentions = self._mentions
        self._by_start += [(mentions[k].start, k) for k in fresh]
        self._by_start.sort()  # a run of new pairs onto a sorted list: merged in one pass
        by_end, names, initialled = self._by_end, self._names, self._initialled
        for k in fresh:
            m = mentions[k]
            by_end.setdefault(m.end, []).append(k)
            self._longest = max(self._longest, m.end - m.start)
            if m.mention_type == MentionType.NAME:
                names.setdefault(m.text, []).append(k)
                if initials := _initials(m.text):
                    initialled.setdefault(initials, []).append(k)
        self._count = len(self._mentions)

    def copy(self, mentions: list[Mention]) -> MentionIndex:
        """This index over ``mentions``, a list that opens with the mentions indexed here (a
        copy of this index's list), without indexing them again."""
        out = MentionIndex([])
        out._mentions, out._count, out._longest = mentions, self._count, self._longest
        out._by_start = self._by_start.copy()
        out._by_end = {end: list(ks) for end, ks in self._by_end.items()}
        out._names = {text: list(ks) for text, ks in self._names.items()}
        out._initialled = {text: list(ks) for text, ks in self._initialled.items()}
        out.sync()
        return out

    def starting(self, a: int, b: int) -> list[Mention]:
        """Mentions with ``a <= start < b``, in list order."""
        lo = bisect_left(self._by_start, (a, -1))
        hi = bisect_left(self._by_start, (b, -1))
        return [self._mentions[k] for k in sorted(k for _, k in self._by_start[lo:hi])]

    def starting_through(self, a: int, b: int) -> list[Mention]:
        """Mentions with ``a <= start <= b``, in list order."""
        return self.starting(a, b + 1)

    def covering(self, start: int, end: int) -> list[Mention]:
        """Mentions with ``m.start <= start and end <= m.end``, in list order (they start at
        most the longest mention's length before ``end``)."""
        return [m for m in self.starting_through(end - self._longest, start) if end <= m.end]

    def names(self, text: str) -> list[Mention]:
        """Name mentions written ``text``, in list order."""
        return [self._mentions[k] for k in self._names.get(text, ())]

    def initialled(self, acronym: str) -> list[Mention]:
        """Name mentions of two words or more whose initials are ``acronym``, in list order."""
        return [self._mentions[k] for k in self._initialled.get(acronym, ())]

    def first_ending(self, ends: Iterable[int], name_only: bool = False) -> Mention | None:
        """The first mention (in list order) that ends at one of ``ends``."""
        hits = [
            k
            for end in ends
            for k in self._by_end.get(end, ())
            if not name_only or self._mentions[k].mention_type == MentionType.NAME
        ]
        return self._mentions[min(hits)] if hits else None

    def ending(self, end: int) -> list[Mention]:
        """Mentions that end at character ``end``, in list order."""
        return [self._mentions[k] for k in self._by_end.get(end, ())]


def _particle_key(parts: tuple[str, ...]) -> tuple[str, ...]:
    """A surname's words with a leading particle in lower case: "Von der Leyen" opening a
    sentence is the "von der Leyen" of "Ursula von der Leyen"."""
    if parts and parts[0].lower() in CONNECTORS:
        return (parts[0].lower(), *parts[1:])
    return parts


class _People:
    """The named (not anonymous) persons of a document by whole name and by the leading and
    trailing runs of their name's words, each with its place in the actors' order."""

    def __init__(self) -> None:
        self.count = 0
        self.by_name: dict[str, tuple[int, Actor]] = {}
        self.by_part: dict[tuple[str, ...], tuple[int, Actor]] = {}

    def add(self, actor: Actor) -> None:
        order = self.count
        self.count += 1
        if actor.actor_type != "person" or actor.is_anonymous:
            return
        self.by_name.setdefault(actor.name, (order, actor))
        full = tuple(actor.name.split())
        for n in range(1, len(full)):
            self.by_part.setdefault(full[:n], (order, actor))
            self.by_part.setdefault(_particle_key(full[-n:]), (order, actor))
        for word in _inner_names(full):
            self.by_part.setdefault((word,), (order, actor))

    def first(self, name: str) -> Actor | None:
        """The first person (in the actors' order) named ``name`` or whose name has more
        words and ends or starts with the words of ``name``."""
        parts = tuple(name.split())
        hits = [
            self.by_name.get(name),
            self.by_part.get(parts),
            self.by_part.get(_particle_key(parts)),
        ]
        found = [h for h in hits if h is not None]
        return min(found, key=lambda h: h[0])[1] if found else None


@dataclass
class DocEntities:
    """Actors, places and mentions of one document, built sentence by sentence."""

    article: Article
    res: Resources
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    place_aliases: dict[str, set[str]] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    sentence_index: dict[int, int] = field(default_factory=dict)  # token → sentence
    sentence_starts: frozenset[int] = frozenset()  # first token of each sentence
    quoted: list[tuple[int, int]] = field(default_factory=list)  # quoted spans of the body
    areas: frozenset[str] = frozenset()  # first-level areas the article names (geocontext)
    setting: frozenset[str] = frozenset()  # countries the article names or is set in
    # per-document indexes: a copy (``dataclasses.replace``) builds its own, ``working_copy``
    # copies the mention index
    _index: MentionIndex | None = field(default=None, init=False, repr=False, compare=False)
    _people: _People = field(default_factory=_People, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for actor in self.actors.values():
            self._people.add(actor)

    @property
    def lex(self) -> Lexicon:
        return self.res.lexicon

    def working_copy(self) -> DocEntities:
        """A copy with its own actors (each copied) and mention list, that a stage can add to
        and change without touching this one; its mention index is copied, not built again."""
        work = replace(
            self,
            actors={k: copy.copy(a) for k, a in self.actors.items()},
            mentions=list(self.mentions),
        )
        work._index = self.index.copy(work.mentions)
        return work

    @property
    def index(self) -> MentionIndex:
        """The mentions by position (see :class:`MentionIndex`): for use once
        :func:`build_entities` has put them in order. Appended mentions are picked up here;
        a change anywhere else in the list must drop the index (see :meth:`implied_actor`)."""
        if (
            self._index is None
            or self._index._mentions is not self.mentions
            or self._index._count > len(self.mentions)
        ):
            self._index = MentionIndex(self.mentions)
        else:
            self._index.sync()
        return self._index

    # -- adding ---------------------------------------------------------------------------
    def add_actor(self, actor: Actor) -> Actor:
        have = self.actors.get(actor.actor_id)
        if have is None:
            self.actors[actor.actor_id] = actor
            self._people.add(actor)
            return actor
        for name in ("role", "country", "sector", "affiliation_id", "anonymity_reason"):
            if getattr(have, name) is None and getattr(actor, name) is not None:
                setattr(have, name, getattr(actor, name))
        return have

    def add_place(self, place: Place, alias: str) -> Place:
        self.places.setdefault(place.location_id, place)
        if place.country and place.country not in self.countries:
            self.countries.append(place.country)
        self.place_aliases.setdefault(place.location_id, set()).add(alias)
        return place

    def mention(
        self,
        doc: Doc,
        start: int,
        end: int,
        sent: int,
        table: Table,
        entity_id: str,
        kind: MentionType,
        quoted: bool,
    ) -> None:
        if 0 <= start < end <= len(doc):  # read from the body, without building a ``Span``
            starts, ends = token_bounds(doc)
            first, last = starts[start], ends[end - 1]
            text = body(doc)[first:last]
        else:
            span = doc[start:end]
            first, last, text = span.start_char, span.end_char, span.text
        self.mentions.append(Mention(first, last, text, sent, table, entity_id, kind, quoted))

    def implied_actor(self, doc: Doc, start: int, end: int, actor: Actor) -> Actor:
        """An actor that tokens ``start``-``end`` imply after the mentions were sorted (``Israeli``
        in "Israeli airstrikes"): a real actor, with a metonym mention on those tokens, inserted
        in text order."""
        actor = self.add_actor(actor)
        span = doc[start:end]
        a, b = span.start_char, span.end_char
        if any((m.start, m.end, m.entity_id) == (a, b, actor.actor_id) for m in self.mentions):
            return actor
        inside = any(q0 <= a and b <= q1 for q0, q1 in self.quoted)
        sentence = self.sentence_index.get(start, 0)
        made = Mention(
            a, b, span.text, sentence, ACTORS, actor.actor_id, MentionType.METONYM, inside
        )
        bisect.insort(self.mentions, made, key=lambda m: m.start)
        self._index = None  # list positions after the new mention moved: index them again
        return actor

    # -- lookups used by coreference ------------------------------------------------------
    def actor_mentions_before(
        self, char: int, *, outside_quotes: bool = True
    ) -> list[tuple[Mention, Actor]]:
        """Actor mentions ending before ``char``, nearest last."""
        out = []
        for m in self.mentions:
            if m.table == ACTORS and m.end <= char and not (outside_quotes and m.in_quote):
                out.append((m, self.actors[m.entity_id]))
        return out

    def actor_mentions_back(
        self, char: int, *, text_order: bool = False
    ) -> Iterator[tuple[Mention, Actor]]:
        """``reversed(actor_mentions_before(char))``, lazily: nearest first in the list, where
        a stage's own mentions come after the mentions it was given (the quote stage's "a
        spokeswoman", "officials": the latest speakers first). With ``text_order``, nearest
        first by where they end in the text ("A spokeswoman said … Minister Miguel Luz urged
        … , he said": the minister)."""
        if not text_order:
            for m in reversed(self.mentions):
                if m.table == ACTORS and m.end <= char and not m.in_quote:
                    yield m, self.actors[m.entity_id]
            return
        before = [
            m for m in self.mentions if m.table == ACTORS and m.end <= char and not m.in_quote
        ]
        before.sort(key=attrgetter("end"))  # stable: of two ending together, the later made
        for m in reversed(before):
            yield m, self.actors[m.entity_id]

    def actor_of(self, m: Mention) -> Actor | None:
        """The actor a mention names, if it is an actor mention."""
        return self.actors.get(m.entity_id) if m.table == ACTORS else None

    def last_matching(self, char: int, word: str) -> Actor | None:
        """The latest actor before ``char`` whose role or name holds ``word`` ("official"),
        or, for the head word of armed forces, the latest military ("the army" after
        "Sudan's army", whatever a spokesman's role says)."""
        word = singular(word)
        head = self.lex.org_head(word)
        kind = "military" if head is not None and head.actor_type == "military" else None
        business = word in WORDS.business_nominals
        for m in reversed(self.mentions):  # nearest first, as in actor_mentions_before
            if m.table != ACTORS or m.end > char:
                continue
            actor = self.actors[m.entity_id]
            if _names_word(actor.role, actor.name, word) or actor.actor_type == kind:
                return actor
            if business and actor.actor_type == "organization" and actor.sector == "BUS":
                return self._main_company(char) or actor  # "the company" after "Vantor Inc."
        return None

    def _main_company(self, char: int) -> Actor | None:
        """The company a story is about, before ``char``: the one named most often so far, the
        first named of those tied ("Eli Lilly's drug …; Novo Nordisk is testing another. The
        company said …": Eli Lilly, not the company named last in passing)."""
        counts: dict[str, int] = {}
        for m in self.mentions:
            if m.table != ACTORS or m.end > char:
                continue
            actor = self.actors[m.entity_id]
            if actor.actor_type == "organization" and actor.sector == "BUS":
                counts[actor.actor_id] = counts.get(actor.actor_id, 0) + 1
        if not counts:
            return None
        top = max(counts.values())
        return self.actors[next(a for a, n in counts.items() if n == top)]


@lru_cache(maxsize=1 << 14)
def _names_word(role: str | None, name: str, word: str) -> bool:
    """Whether an actor's name holds ``word`` (singular) as a word or at a word's end, or its
    role does as its head ("spokesman" in "chief spokesman", "minister" in "prime-minister",
    "secretary" in "undersecretary"; but "council" is not in "councillor", and "army" not in
    "Army spokesman")."""
    head = (role or "").lower().partition(" of ")[0].replace("-", " ").split()[-1:]
    words = {singular(w) for w in [*name.lower().replace("-", " ").split(), *head]}
    return any(w.endswith(word) for w in words)


def build_entities(
    article: Article,
    seg: Segmented,
    quoted: list[tuple[int, int]],
    res: Resources | None = None,
) -> DocEntities:
    """Find and resolve every actor and place mention of a document."""
    ents = DocEntities(article, res or Resources.default(), quoted=list(quoted))
    ents.sentence_starts = frozenset(s.span.start for s in seg.sentences)
    ents.sentence_index = {
        t: s.index for s in seg.sentences for t in range(s.span.start, s.span.end)
    }
    ents.areas = _article_areas(ents, seg.doc)
    _dateline(ents, seg)
    ents.setting = (
        named_countries(seg.doc, ents.res)
        | area_countries(ents.areas, ents.res.gazetteer)
        | {p.country for p in ents.places.values() if p.country}
    )
    quote_starts = [a for a, _ in quoted]  # quotations are in text order and disjoint
    starts, ends = token_bounds(seg.doc)
    early: list[tuple[Found, int, bool]] = []  # acronyms used before the article spells them
    for sent in seg.sentences:
        done: list[tuple[Found, Mention | None, bool]] = []
        for found in find(sent.span, ents.res):
            k = bisect_right(quote_starts, starts[found.start]) - 1
            inside = k >= 0 and ends[found.end - 1] <= quoted[k][1]
            before = len(ents.mentions)
            _resolve(ents, seg.doc, sent.span, sent.index, found, inside)
            made = ents.mentions[before] if len(ents.mentions) > before else None
            if found.kind == MentionKind.SINGLE and made is None:
                early.append((found, sent.index, inside))
            done.append((found, made, inside))
        _listed_names(ents, seg.doc, sent.index, done)
        _listed_areas(ents, seg.doc, sent.span, done)
        _named_by_context(ents, seg.doc, sent.index, done)
        _appositions(ents, seg.doc, done)
    _early_acronyms(ents, seg.doc, early)
    _local_police(ents)
    ents.mentions.sort(key=lambda m: m.start)  # text order; stable, so nested ones stay after
    ents._index = None  # positions changed: index them again when asked
    _anonymity(ents, seg)
    return ents


#: A city this large that opens a site's name locates the site (a smaller namesake does not).
CITY = 250_000

#: Between an unnamed source and the name set off after it: an optional phrase on its body,
#: then the comma ("A spokesman for the ministry, Ali Hassan, said").
APPOSITION = re.compile(r"(?:\s+(?:for|of|at|with|from|in)\s[^,;:\"“”()]{1,80})?,\s*")


def _appositions(
    ents: DocEntities, doc: Doc, done: list[tuple[Found, Mention | None, bool]]
) -> None:
    """ "A spokesman for the ministry, Ali Hassan, said", "Another resident, retired teacher
    Don Weller, said", "according to the city's budget director, Tom Reid.": an unnamed
    source and the person named in the commas after it (or between a comma and the end of
    the sentence) are one person. The source's mention points to the named person, who takes
    its role."""
    text = body(doc)
    for k, (f, m, _) in enumerate(done):
        if f.kind == MentionKind.PERSON and m is not None and text[m.end : m.end + 1] == ",":
            _role_set_off(ents, doc, f, m)
            _role_after(ents, doc, f, m)
        if f.kind != MentionKind.SOURCE or f.plural or m is None:
            continue
        source = ents.actor_of(m)
        before = next(((g, n) for g, n, _ in reversed(done[:k]) if n is not None), None)
        if source is not None and source.is_anonymous and before is not None:
            _source_after_name(ents, m, source, *before)
        nxt = next(  # past names inside the source's own phrase ("for the state police,")
            ((g, n) for g, n, _ in done[k + 1 :] if n is not None and g.kind == MentionKind.PERSON),
            None,
        )
        if source is None or not source.is_anonymous or nxt is None:
            continue
        g, n = nxt
        person = ents.actor_of(n)
        if person is None or person.is_anonymous:
            continue
        if (
            not APPOSITION.fullmatch(text, m.end, doc[g.start].idx)
            or text[n.end : n.end + 1] not in APPOSITION_ENDS
        ):
            continue
        person.role = person.role or source.role
        if person.sector is None and source.sector not in (None, "UNK"):
            person.sector = source.sector
        at = next(i for i, x in enumerate(ents.mentions) if x is m)
        ents.mentions[at] = replace(m, entity_id=person.actor_id)


def _source_after_name(ents: DocEntities, m: Mention, source: Actor, g: Found, n: Mention) -> None:
    """ "said Paolo Ferri, an analyst at X": an unnamed source set off right after a named
    person is that person; the source's mention points to them."""
    person = ents.actor_of(n)
    if g.kind != MentionKind.PERSON or person is None or person.is_anonymous:
        return
    if not SOURCE_AFTER_NAME.fullmatch(ents.article.body, n.end, m.start):
        return
    person.role = person.role or source.role
    at = next(i for i, x in enumerate(ents.mentions) if x is m)
    ents.mentions[at] = replace(m, entity_id=person.actor_id)


#: Between a person's name and an unnamed source set off after it: the comma.
SOURCE_AFTER_NAME = re.compile(r",\s*")
#: What closes a name set off after an unnamed source: a comma, or the sentence's end.
APPOSITION_ENDS = frozenset({",", ".", "!", "?"})
#: What may follow a role set off after a name: its closing comma, the sentence's end.
ROLE_ENDS = frozenset({",", ".", ";"})
#: Words that end a role set off after a name ("Representative in Nigeria").
ROLE_PREPOSITIONS = frozenset({"in", "at", "of", "for", "with", "from"})
#: Words a role set off before a name does not reach past ("a coma which his lawyer, X,").
ROLE_STOPS = DETERMINERS | {"his", "her", "their", "its", "our", "which", "who", "that", "whose"}


def _role_set_off(ents: DocEntities, doc: Doc, f: Found, m: Mention) -> None:
    """ "Kenya's foreign minister, Musalia Mudavadi, said": the title before the commas is the
    named person's role, and the country in the possessive before it theirs."""
    person = ents.actor_of(m)
    k = f.start - 1
    if person is None or person.role is not None or k < 1 or doc[k].text != ",":
        return
    first = k
    while (
        first > max(0, k - 4)
        and doc[first - 1].is_alpha
        and doc[first - 1].is_lower
        and doc[first - 1].lower_ not in ROLE_STOPS
    ):
        first -= 1
    role = doc[first:k].text
    title = ents.lex.title(_last_title(role, ents.lex)) if role else None
    if title is None or not title.role:
        return
    person.role = role
    person.sector = person.sector or (None if title.sector == "UNK" else title.sector)
    if first >= 2 and doc[first - 1].text in POSSESSIVES:
        nation = ents.lex.nation_by_name(doc[first - 2].text)
        person.country = person.country or (nation.iso3 if nation else None)


#: Most tokens of a role set off after a name ("the agency's deputy executive director").
ROLE_AFTER_SIZE = 7


def _role_after(ents: DocEntities, doc: Doc, f: Found, m: Mention) -> None:
    """ "said Mario Marcel, Chile's finance minister.", "Cristian Munduate, UNICEF
    Representative in Nigeria": a title set off after a name, up to a preposition, is the
    person's role, and the country in a possessive before it theirs."""
    person = ents.actor_of(m)
    k = f.end + 1  # past the comma
    if person is None or person.role is not None or k >= len(doc):
        return
    k += doc[k].lower_ in DETERMINERS
    end = k
    limit = min(len(doc), k + ROLE_AFTER_SIZE)
    while end < limit and (
        doc[end].is_alpha or doc[end].text in POSSESSIVES or INITIALS.fullmatch(doc[end].text)
    ):  # "the U.S. attorney for …"
        if doc[end].lower_ in ROLE_PREPOSITIONS:
            break
        end += 1
    closed = end < len(doc) and (doc[end].text in ROLE_ENDS or doc[end].lower_ in ROLE_PREPOSITIONS)
    if end == k or not closed:
        return
    cut = max((n + 1 for n in range(k, end) if doc[n].text in POSSESSIVES), default=k)
    role = doc[cut:end].text
    title = ents.lex.title(_last_title(role, ents.lex)) if role else None
    if title is None or not title.role:
        return
    body = next(
        (
            a
            for w in _prefix_words(role)
            if (a := ents.lex.actor_by_alias(w)) and cased_as_listed(a, w)
        ),
        None,
    )  # "UNICEF Representative": UNICEF's sector, not a lawmaker's
    person.role = role
    sector = body.sector if body is not None else title.sector
    person.sector = person.sector or (None if sector == "UNK" else sector)
    if cut - k >= 2:
        nation = ents.lex.nation_by_name(doc[cut - 2].text)
        person.country = person.country or (nation.iso3 if nation else None)


def _dateline(ents: DocEntities, seg: Segmented) -> None:
    """The dateline's place, or each of its places ("Geneva/Dar es Salaam": a release from
    two offices)."""
    a = ents.article
    if a.dateline_start is None or a.dateline_end is None:
        return
    whole = a.body[a.dateline_start : a.dateline_end]
    if "/" not in whole:
        _dateline_place(ents, a.dateline or whole, a.dateline_start, a.dateline_end)
        return
    start = a.dateline_start
    for part in whole.split("/"):
        _dateline_place(ents, part, start, start + len(part))
        start += len(part) + 1


def _dateline_place(ents: DocEntities, name: str, start: int, end: int) -> None:
    text = ents.article.body[start:end]
    # "DUBLIN" in Ohio; "PARIS, Ky.": the Paris in Kentucky, a town the gazetteer may lack
    place, outer = _resolve_place(name, [], ents.res.gazetteer, ents.areas)
    if place is None and outer is not None:
        place = site_place(text.title() if text.isupper() else text, outer)
    if place is None:
        return
    ents.add_place(place, place.name)
    ents.mentions.append(
        Mention(start, end, text, 0, LOCATIONS, place.location_id, MentionType.DATELINE)
    )


def _article_areas(ents: DocEntities, doc: Doc) -> frozenset[str]:
    """The first-level areas the article is set in: those its names, its dateline and its
    publisher stand for (see ``geocontext``)."""
    a = ents.article
    return text_areas(doc, ents.res) | named_areas(ents.res.gazetteer, (a.dateline, a.publisher))


def _story_countries(ents: DocEntities) -> list[str]:
    """The countries of the places seen so far, then the rest of the article's setting."""
    return [*ents.countries, *sorted(ents.setting - set(ents.countries))]


def _listed_areas(
    ents: DocEntities, doc: Doc, sent: Span, done: list[tuple[Found, Mention | None, bool]]
) -> None:
    """Names listed with first-level units, or after "the state of", are units themselves:
    "Michigan, Oregon, New York and Utah" (the state of New York, not the city)."""
    made = [m for _, m, _ in done if m is not None and m.table == LOCATIONS]
    if len(made) < 1:
        return
    titles = MENTION_WORDS.area_titles  # "New York Governor": the state
    for k, area in listed_areas(doc, sent, made, ents.places, ents.res.gazetteer, titles).items():
        old = made[k]
        at = next(n for n, m in enumerate(ents.mentions) if m is old)
        ents.add_place(area, old.text)
        ents.mentions[at] = repoint(old, area)


Resolver = Callable[[DocEntities, Doc, Span, int, Found, bool], None]
"""Turn one found mention into entities and mentions: ``(ents, doc, sent, sentence index,
found, inside a quotation)``."""


def _resolve(ents: DocEntities, doc: Doc, sent: Span, index: int, f: Found, quoted: bool) -> None:
    resolver = RESOLVERS[f.kind]
    if resolver is not None:
        resolver(ents, doc, sent, index, f, quoted)


def _known(ents: DocEntities, doc: Doc, sent: Span, index: int, f: Found, quoted: bool) -> None:
    """A lexicon actor: "the Pentagon", "Islamic State"."""
    if f.actor:
        actor = ents.add_actor(known_actor(f.actor, ents.lex))
        ents.mention(doc, f.start, f.end, index, ACTORS, actor.actor_id, MentionType.NAME, quoted)


def _institution(
    ents: DocEntities, doc: Doc, sent: Span, index: int, f: Found, quoted: bool
) -> None:
    """A nation's institution: "the Iraqi government", "U.S. forces"."""
    if f.nation and f.suffix:
        actor = ents.add_actor(institution_actor(f.nation, f.suffix, ents.lex, plural=f.plural))
        start = (
            f.start - 1 if f.start > sent.start and doc[f.start - 1].lower_ == "the" else f.start
        )
        ents.mention(doc, start, f.end, index, ACTORS, actor.actor_id, MentionType.NAME, quoted)


def _site(ents: DocEntities, doc: Doc, sent: Span, index: int, f: Found, quoted: bool) -> None:
    """A place no gazetteer holds ("Kennedy Space Center"), unless it is an earlier person's
    name."""
    text = span_text(doc, f.start, f.end)
    if person := _person_by_part(ents, text):
        ents.mention(doc, f.start, f.end, index, ACTORS, person.actor_id, MentionType.NAME, quoted)
    elif _no_site_name(text.partition(",")[0]):  # "Yesterday, Indonesia's president"
        return
    elif f.place:  # "Vermillion, South Dakota": a town in that area
        comma = next(t.i for t in doc[f.start : f.end] if t.text == ",")
        name = span_text(doc, f.start, comma)
        site = site_place(name, f.place)
        ents.add_place(site, name)
        ents.mention(
            doc, f.start, comma, index, LOCATIONS, site.location_id, MentionType.NAME, quoted
        )
        _qualifier(ents, doc, index, (comma + 1, f.end), f.place, quoted)
    elif city := _town_after(ents, doc, sent, f) or _city_opening_name(ents, doc, f):
        site = site_place(text, city)  # "the Volgograd Arena", "Al-Amal Hospital in Mosul"
        ents.add_place(site, text)
        ents.mention(
            doc, f.start, f.end, index, LOCATIONS, site.location_id, MentionType.NAME, quoted
        )
    elif around := _sentence_country(ents, doc, sent, f.start) or _story_country(ents):
        site = site_place(text, _site_town(ents, doc, f, around) or around)
        ents.add_place(site, text)
        ents.mention(
            doc, f.start, f.end, index, LOCATIONS, site.location_id, MentionType.NAME, quoted
        )


def _site_town(ents: DocEntities, doc: Doc, f: Found, around: Place) -> Place | None:
    """The town a site with no qualifier lies in: the one its name opens with, unless that is
    a small town elsewhere and the story names one town only ("Grandview Medical Center" in
    a story on Dayton is in Dayton, not in Grandview, Missouri); else the story's town."""
    named, home = _town_in_name(ents, doc, f, around), _story_town(ents, around)
    if named is None or home is None or named.location_id in ents.places:
        return named or home
    far = named.admin1 != home.admin1 and named.population < SMALL_CITY
    return home if far else named


def _story_town(ents: DocEntities, country: Place) -> Place | None:
    """The one town of ``country`` that the story has named so far, where a site with no town
    of its own lies ("North Ninth Street", "Memorial Medical Center" in a story on
    Springfield); none when it names several."""
    towns = {p.location_id: p for p in ents.places.values() if p.location_type == "city"}
    if len(towns) != 1:
        return None
    town = next(iter(towns.values()))
    return town if town.country == country.country else None


def _place(ents: DocEntities, doc: Doc, sent: Span, index: int, f: Found, quoted: bool) -> None:
    """A gazetteer place ("Mosul", "Houston, Texas") or a region ("western Iraq"); a place's
    name may be an earlier person's ("Parnell")."""
    kind = f.kind
    text = span_text(doc, f.start, f.end)
    if kind == MentionKind.PLACE and (person := _person_by_part(ents, text)):
        ents.mention(doc, f.start, f.end, index, ACTORS, person.actor_id, MentionType.NAME, quoted)
    elif f.place:
        place, outer = f.place, None
        text_of = words(doc)
        comma = next((k for k in range(f.start, f.end) if text_of[k] == ","), f.end)
        if kind == MentionKind.PLACE:
            countries = _story_countries(ents)
            town = place.location_type == "city"
            if town and comma == f.end and (within := _in_area(doc, f.end, sent, ents)):
                text = f"{text}, {within}"  # "Babylon in Iraq" reads as "Babylon, Iraq"
            resolved, outer = _resolve_place(text, countries, ents.res.gazetteer, ents.areas)
            resolved = _dateline_namesake(ents, text) or resolved  # "Paris" after "PARIS, Ky."
            if resolved is None and outer is not None:  # a town the gazetteer lacks, in outer
                resolved = site_place(span_text(doc, f.start, comma), outer)
            place = resolved or place
            nation = ents.lex.nation_by_name(text) if place.location_type == "country" else None
            if nation is not None and text in nation.ambiguous:  # "Georgia Gov." in Atlanta
                place = _local_namesake(ents, text, nation) or place
            if _far_town(place, ents, doc):  # "Madaya" in a story on Syria is not in Myanmar
                around = _story_country(ents)
                if around is None:
                    return
                place = site_place(span_text(doc, f.start, comma), around)
        ents.add_place(place, span_text(doc, f.start, comma))
        ents.mention(
            doc, f.start, comma, index, LOCATIONS, place.location_id, MentionType.NAME, quoted
        )
        if comma < f.end and outer is not None:
            _qualifier(ents, doc, index, (comma + 1, f.end), outer, quoted)


def _dateline_namesake(ents: DocEntities, text: str) -> Place | None:
    """The dateline's place when the body names a place as the dateline does: the story's own
    town ("a Republican from Paris" under "PARIS, Ky."), not a namesake elsewhere."""
    folded = text.casefold()
    for m in ents.mentions:
        if m.mention_type == MentionType.DATELINE and m.text.casefold() == folded:
            return ents.places.get(m.entity_id)
    return None


def _people(ents: DocEntities, doc: Doc, sent: Span, index: int, f: Found, quoted: bool) -> None:
    """A nation's people: "Greeks", "Iraqis"."""
    if f.nation:
        actor = ents.add_actor(people_actor(f.nation))
        ents.mention(doc, f.start, f.end, index, ACTORS, actor.actor_id, MentionType.NAME, quoted)


def _org(ents: DocEntities, doc: Doc, sent: Span, index: int, f: Found, quoted: bool) -> None:
    """An organisation by its head word or the role noun before it."""
    text = span_text(doc, f.start, f.end)
    actor = _longer_org(ents, text)
    if actor is None:
        country = (
            _owner_country(ents, doc, f.start)
            or _named_area_country(ents, doc, f.start, f.end)
            or _home_country(ents, doc, f.role, f.suffix)
        )
        actor = ents.add_actor(
            Actor(slug(text), text, f.role or "organization", sector=f.suffix, country=country)
        )
    ents.mention(doc, f.start, f.end, index, ACTORS, actor.actor_id, MentionType.NAME, quoted)


def _home_country(ents: DocEntities, doc: Doc, kind: str | None, sector: str | None) -> str | None:
    """The country of a state body named without one ("the Interior Ministry", "the National
    Assembly", "the Ethics and Anti-Corruption Commission") in a story set in one country
    only: that country's, as a reader takes it."""
    state = kind == "government" or sector in STATE_SECTORS
    countries = story_set(doc, ents.res)
    return next(iter(countries)) if state and len(countries) == 1 else None


#: Sectors of bodies of a state: a body of one of them named without a country belongs to
#: the one country a story is set in.
STATE_SECTORS = frozenset({"GOV", "LEG", "JUD"})


def _longer_org(ents: DocEntities, text: str) -> Actor | None:
    """The organisation named before with its country after "of": "the Election Commission"
    after "the Election Commission of India" is that body, not another."""
    prefix = f"{text} of "
    return next(
        (
            a
            for a in ents.actors.values()
            if a.actor_type != "person"
            and a.name.startswith(prefix)
            and ents.lex.nation_by_name(a.name[len(prefix) :]) is not None
        ),
        None,
    )


def _resolve_place(
    text: str, countries: list[str], gaz: Gazetteer, areas: frozenset[str] = frozenset()
) -> tuple[Place | None, Place | None]:
    """The place a name stands for, and the area of its qualifier ("Springfield, Illinois"
    picks the Springfield in Illinois, and Illinois); an unqualified name is read in the
    article's countries and first-level areas."""
    name, _, qualifier = (part.strip() for part in text.partition(","))
    if not qualifier:
        return gaz.resolve(name, countries, areas), None
    return gaz.qualified(name, qualifier, countries)


def _in_area(doc: Doc, end: int, sent: Span, ents: DocEntities) -> str | None:
    """The country or first-level unit named by "in X" right after a place ("the ancient city
    of Babylon in Iraq", "Springfield in Illinois"), which the place lies in."""
    if end + 1 >= sent.end or doc[end].lower_ != "in":
        return None
    for j, text in phrase_windows(doc, end + 1, sent.end, ents.res, 4):
        area = ents.res.gazetteer.area(text)
        if area is None or area.location_type not in {"country", "admin1"} or is_compass(text):
            continue
        if j >= sent.end or not (is_cap(doc[j]) or doc[j].text == "-"):
            return text  # the whole name ("in New South Wales"), not "in North-Western Sydney"
    return None


def _far_town(place: Place, ents: DocEntities, doc: Doc) -> bool:
    """A town under 100,000 people outside every country the story names or places; a
    village under 15,000 outside the countries of the places named so far and the story's
    areas ("Babylon" in a story on Iraq that names the U.S. government is no village of New
    York)."""
    if place.location_type == "city" and place.population < TOWN:
        placed = {p.country for p in ents.places.values()}
        if place.admin1 not in ents.areas and place.country not in placed:
            return True
    return not in_story_countries(doc, place, ents.res, min_pop=SMALL_CITY, also=ents.countries)


def _qualifier(
    ents: DocEntities, doc: Doc, index: int, span: tuple[int, int], outer: Place, quoted: bool
) -> None:
    """ "Houston, Texas" names Texas too."""
    ents.add_place(outer, doc[span[0] : span[1]].text)
    ents.mention(
        doc, span[0], span[1], index, LOCATIONS, outer.location_id, MentionType.NAME, quoted
    )


def people_actor(nation: Nation) -> Actor:
    """ "Greeks", "Iraqis": the people of a nation, as a group."""
    name = nation.people[0] if nation.people else f"{_demonym(nation)} people"
    return Actor(f"{nation.iso3.lower()}-people", name, "group", sector="CVL", country=nation.iso3)


def site_place(name: str, area: Place) -> Place:
    """A named site no gazetteer holds ("Kennedy Space Center", "Vermillion, South Dakota"),
    placed at the point of the area the article puts it in, with that area's precision: every
    location has coordinates that say how precise they are."""
    return Place(
        f"site:{slug(name)}",
        name,
        "site",
        area.country,
        area.admin1,
        area.latitude,
        area.longitude,
        area.geo_precision,
        "",
        "",
    )


def _town_in_name(ents: DocEntities, doc: Doc, f: Found, around: Place) -> Place | None:
    """The town a site is named after, in the country the article puts it in: "Toronto
    General Hospital" lies in Toronto, "Baghdad International Airport" by Baghdad: a town of
    at least :data:`TOWN` people, or one the article has named. The name's last word is its
    head ("Hospital"), never the town."""
    if around.country is None:
        return None
    countries = [around.country]
    for _, text in phrase_windows(doc, f.start, f.end - 1, ents.res, 3):
        place, _ = _resolve_place(text, countries, ents.res.gazetteer, ents.areas)
        if (
            place is not None
            and place.location_type == "city"
            and place.country == around.country
            and (place.population >= TOWN or place.location_id in ents.places)
        ):
            return place  # not a village that shares a person's name ("Kennedy Space Center")
    return None


#: A word of letters and digits ("H5N1", "A(H1N1"), or a currency ("US$"): no place's name.
CODE_WORD = re.compile(r"\S*(?:[A-Za-z]\S*\d|\d\S*[A-Za-z]|\$)\S*")


def _no_site_name(text: str) -> bool:
    """A name no gazetteer holds that names no site: a code or a currency ("H5N1", "US$"), or
    one common word capitalised ("Health", "Women", "Yesterday")."""
    words = text.split()
    if any(CODE_WORD.fullmatch(w) for w in words):
        return True
    return len(words) == 1 and text.lower() in common_words()


def _city_opening_name(ents: DocEntities, doc: Doc, f: Found) -> Place | None:
    """A city of at least :data:`CITY` people, in a country the article names or is set in,
    whose own name opens a site's ("the Nizhny Novgorod Stadium", "Volgograd Arena"): the
    site lies in it, whichever country the sentence names."""
    for _, text in phrase_windows(doc, f.start, f.end - 1, ents.res, 3):
        place = None if text.isupper() else ents.res.gazetteer.resolve(text, [], ents.areas)
        if (  # not an acronym ("USI Art Collections")
            place is not None
            and place.location_type == "city"
            and place.population >= CITY
            and place.country in ents.setting
        ):
            return place
    return None


def _town_after(ents: DocEntities, doc: Doc, sent: Span, f: Found) -> Place | None:
    """The town or area a site is said to be in right after its name ("John F. Kennedy
    Airport in New York", "the Al-Amal Hospital in Mosul"): the site lies there."""
    if f.end + 1 >= sent.end or doc[f.end].lower_ != "in" or not is_cap(doc[f.end + 1]):
        return None
    for _, text in phrase_windows(doc, f.end + 1, sent.end, ents.res, 4):
        place = ents.res.gazetteer.resolve(text, [], ents.areas)
        if place is not None and place.location_type in {"city", "admin1", "admin2"}:
            return place
    return None


def _sentence_country(ents: DocEntities, doc: Doc, sent: Span, end: int) -> Place | None:
    """The last country named by name in the sentence before a site, which the site lies in
    ("Romania confirmed another outbreak in the Kolvara Marsh area"), or ``None``."""
    lex, gaz = ents.lex, ents.res.gazetteer
    last = None
    cap = caps(doc)
    for i in range(sent.start, end):
        if not cap[i]:
            continue
        for j, text in phrase_windows(doc, i, end, ents.res, 3):
            nation = lex.nation_by_name(text)
            if nation is not None and text not in nation.ambiguous:
                last = last if hyphen_compound(doc, j, end) else nation
                break
    return gaz.country(last.iso3) if last is not None else None


def _story_country(ents: DocEntities) -> Place | None:
    """The country a site with no qualifier lies in: the first country of the article's places
    so far (its dateline's first), else of its setting; with none, the site is no location."""
    gaz = ents.res.gazetteer
    return next((p for c in _story_countries(ents) if (p := gaz.country(c))), None)


def known_actor(k: KnownActor, lex: Lexicon) -> Actor:
    return Actor(
        k.id,
        k.name,
        k.actor_type,
        sector=k.sector,
        country=k.country,
        role=k.role,
        affiliation_id=k.parent,
        wikidata_id=k.wikidata,
    )


def institution_actor(nation: Nation, suffix: str, lex: Lexicon, *, plural: bool = False) -> Actor:
    inst = next(i for i in lex.institutions if i.suffix == suffix)
    parent = nation.actor_id(inst.parent) if inst.parent else None
    return Actor(
        nation.actor_id(suffix),
        inst.name.format(country=nation.name, demonym=_demonym(nation)),
        inst.actor_type,
        sector=inst.sector,
        country=nation.iso3,
        affiliation_id=parent,
        plural=plural,
    )


def _nation(ents: DocEntities, doc: Doc, sent: Span, index: int, f: Found, quoted: bool) -> None:
    """A nation or its capital: the country ("in Iraq"), its government ("Baghdad said"), or
    nothing when it only modifies a noun ("U.S.-led")."""
    nation = f.nation
    if nation is None:
        return
    text = span_text(doc, f.start, f.end)
    home = _dateline_namesake(ents, text) if f.kind == MentionKind.CAPITAL else None
    if home is not None and home.country != nation.iso3:
        ents.add_place(home, text)  # "from Paris" under "PARIS, Ky.": the story's own town
        ents.mention(
            doc, f.start, f.end, index, LOCATIONS, home.location_id, MentionType.NAME, quoted
        )
        return
    use = _use(doc, sent, f, ents.lex)
    if use == "modifier":
        return
    if use == "place":
        gaz = ents.res.gazetteer
        place = (
            gaz.country(nation.iso3)
            if f.kind == MentionKind.NATION
            else gaz.resolve(text, [nation.iso3])
        )
        if text in nation.ambiguous or f.kind == MentionKind.CAPITAL:
            place = _local_namesake(ents, text, nation) or place
        if place is not None:
            ents.add_place(place, text)
            ents.mention(
                doc, f.start, f.end, index, LOCATIONS, place.location_id, MentionType.NAME, quoted
            )
        return
    actor = ents.add_actor(institution_actor(nation, "government", ents.lex))
    actor.aliases.add(text)
    ents.mention(doc, f.start, f.end, index, ACTORS, actor.actor_id, MentionType.METONYM, quoted)
    if nation.iso3 not in ents.countries:
        ents.countries.append(nation.iso3)


def _local_namesake(ents: DocEntities, text: str, nation: Nation) -> Place | None:
    """The place other than the nation that its name stands for in this story: "Georgia"
    in a story set in the United States, "Georgetown" in one on Kentucky (see
    :func:`namesake`)."""
    settled = area_countries(ents.areas, ents.res.gazetteer)
    return namesake(text, nation.iso3, settled, ents.setting, ents.res.gazetteer, ents.areas)


def _demonym(nation: Nation) -> str:
    return nation.demonyms[0] if nation.demonyms else nation.name


def _use(doc: Doc, sent: Span, f: Found, lex: Lexicon) -> str:
    """place (after a locative word, or possessive: "Iraq's"), modifier ("U.S. national
    interests", "U.S.-led") or actor
    (metonymy: "Washington and Baghdad agreed", "the U.S. will", "coordination with Baghdad").
    A list of names is read as one phrase: "following Austria, Greece and Italy" are places,
    "Canada and Australia have bought" actors."""
    first, last = list_bounds(doc, sent, f.start, f.end)
    low, text = lowers(doc), words(doc)
    k = first - 1
    while k >= sent.start and low[k] in DETERMINERS:
        k -= 1
    prev = low[k] if k >= sent.start else ""
    if prev in MENTION_WORDS.locative or (
        prev in LIST_MARKS and listed_after_locative(doc, sent, k)
    ):
        return "place"
    nxt = text[f.end] if f.end < sent.end else ""  # the word after the name
    joined_hyphen = nxt == "-" and not spaced(doc)[f.end]
    if f.end < sent.end and low[f.end] in POSSESSIVES:
        return "place"  # "Tunisia's goalkeeper", "Iraq's oil": the country, not its government
    if joined_hyphen:
        return "modifier"
    after = doc[last] if last < sent.end else None
    after = _past_apposition(doc, sent, last) or after  # "Norway, the largest donor, pledged"
    if after is not None and after.is_alpha and after.is_lower:
        verb = after.lower_.endswith(("s", "ed")) and bool(
            lex.triggers_for(after.lower_) or lex.cue(after.lower_)
        )
        verb = verb or ((first, last) != (f.start, f.end) and _verb(after, lex))  # "X and Y met"
        if after.lower_ in MENTION_WORDS.agent_words or verb:
            return "actor"  # "the U.S. condemns", not "the Iraq war"
        if lex.nation_by_demonym(span_text(doc, f.start, f.end)) is not None:
            return "modifier"
    if nxt in {"“", '"'}:
        return "actor"
    if prev in {"with", "and", "between", "against", "by"} or (
        k >= sent.start
        and (lex.triggers_for(prev) or lex.cue(prev))
        and prev not in MENTION_WORDS.locative
    ):
        return "actor"  # "Turkey accused Greece", "will meet Croatia"
    return "place"


#: Most tokens in a noun phrase set off by commas after a name ("the largest donor to the fund").
APPOSITION_SIZE = 12


def _past_apposition(doc: Doc, sent: Span, k: int) -> Token | None:
    """The word after a noun phrase set off by commas at token ``k`` (", the largest donor to
    the fund, "), which opens with an article; ``None`` when none is there."""
    if k + 1 >= sent.end or doc[k].text != "," or doc[k + 1].lower_ not in DETERMINERS:
        return None
    close = next(
        (j for j in range(k + 2, min(sent.end, k + APPOSITION_SIZE)) if doc[j].text == ","), None
    )
    return doc[close + 1] if close is not None and close + 1 < sent.end else None


def _person(ents: DocEntities, doc: Doc, sent: Span, index: int, f: Found, quoted: bool) -> None:
    name_start = f.name_start if f.name_start is not None else f.start
    name = span_text(doc, name_start, f.end)
    role_text = f.role or None
    country = affiliation = sector = None
    if role_text:
        for word in _prefix_words(role_text):
            if n := ents.lex.nation_by_demonym(word) or ents.lex.nation_by_name(word):
                local = _local_namesake(ents, word, n) if word in n.ambiguous else None
                country = local.country if local is not None else n.iso3  # "Georgia Gov."
            elif k := _role_actor(ents, doc, word):
                affiliation, country = k.id, country or k.country
        title = ents.lex.title(_last_title(role_text, ents.lex))
        country = country or _placed_title_country(ents, doc, f.start, name_start)
        country = country or _owner_country(ents, doc, f.start)  # "Ukraine's President X"
        if affiliation:
            prefix = next(w for w in _prefix_words(role_text) if _role_actor(ents, doc, w))
            s0 = doc[f.start].idx
            ents.mentions.append(
                Mention(
                    s0,
                    s0 + len(prefix),
                    prefix,
                    index,
                    ACTORS,
                    affiliation,
                    MentionType.NAME,
                    quoted,
                )
            )
            if affiliation not in ents.actors and (k := ents.lex.actor(affiliation)):
                ents.add_actor(known_actor(k, ents.lex))
        if title is not None:
            sector = None if title.sector == "UNK" else title.sector
            if title.honorific and not title.role:
                role_text = None
        body_sector = _modifier_sector(role_text or "", ents.lex)
        if body_sector is not None and (sector is None or body_sector == "BUS"):
            sector = body_sector  # "army chief"; "company president", though "Defense Minister"
    if (label := _party_label(ents, doc, f.end)) is not None:
        party, country = label
        affiliation = affiliation or party
        if party is not None and party not in ents.actors and (k := ents.lex.actor(party)):
            ents.add_actor(known_actor(k, ents.lex))
    existing = _person_by_part(ents, name)
    actor_id = existing.actor_id if existing else slug(name)
    actor = ents.add_actor(
        Actor(
            actor_id,
            existing.name if existing else name,
            "person",
            sector=sector,
            country=country,
            role=role_text,
            affiliation_id=affiliation,
        )
    )
    if affiliation and actor.sector is None and (aff := ents.lex.actor(affiliation)):
        actor.sector = aff.sector
    ents.mention(doc, name_start, f.end, index, ACTORS, actor.actor_id, MentionType.NAME, quoted)


def _role_actor(ents: DocEntities, doc: Doc, word: str) -> KnownActor | None:
    """The known actor a title's prefix names ("Pentagon spokesman", "Congress leader"): an
    ambiguous name only in a story set at the actor's home or in no country ("Congress" is
    the US Congress in a story on the United States, not in one on India)."""
    k = ents.lex.actor_by_alias(word)
    if k is None or not cased_as_listed(k, word):
        return None
    if word not in k.ambiguous or not story_set(doc, ents.res):
        return k  # a story naming no country reads it as the lexicon does
    return k if at_home(k, word, doc, ents.res) else None


def _party_label(ents: DocEntities, doc: Doc, end: int) -> tuple[str | None, str] | None:
    """The party and country a US party label after a name gives ("Chuck Schumer, D-N.Y.":
    the Democratic Party, USA): a party letter of ``party_labels`` and a US state by its
    name or AP abbreviation. ``None`` when no label follows."""
    text = body(doc)
    m = PARTY_LABEL.match(text, token_bounds(doc)[1][end - 1])
    if m is None or m.group(1) not in PARTIES:
        return None
    gaz, first, second = ents.res.gazetteer, m.group(2), m.group(3)
    names = [f"{first} {second}", first] if second else [first]  # "D-New York", "D-Minn. Sen."
    for name in (n for full in names for n in (full, full.rstrip(".,"))):  # "R-Texas."
        state = gaz.area(name, "USA")
        if state is not None and state.country == "USA" and state.location_type == "admin1":
            return PARTIES[m.group(1)], "USA"
    return None


def _modifier_sector(role: str, lex: Lexicon) -> str | None:
    """The sector of the body a title belongs to, from the source modifiers before it
    ("company president": business; "foreign ministry spokeswoman": government). It decides
    for a title of no sector, and for a company's officer ("company president")."""
    words = role.lower().split()[:-1]
    for n in (2, 1):
        for k in range(len(words) - n + 1):
            term = lex.sources.modifier(" ".join(words[k : k + n]))
            if term is not None and term.sector != "UNK":
                return term.sector
    return None


def _prefix_words(role: str) -> list[str]:
    words = role.split()
    return [" ".join(words[:n]) for n in range(len(words), 0, -1)]


def _last_title(role: str, lex: Lexicon) -> str:
    words = role.split()
    for n in range(len(words)):
        candidate = " ".join(words[n:])
        if lex.title(candidate) is not None:
            return candidate
    return role


def _person_by_part(ents: DocEntities, name: str) -> Actor | None:
    """An earlier person whose name ends or starts with ``name`` ("Parnell", "Mr. Parnell"),
    or with ``name`` less a title before it ("Secretary Rubio" after "Secretary of State
    Marco Rubio")."""
    found = _person_by_words(ents, name)
    first, _, rest = name.partition(" ")
    if found is None and rest and (first in MENTION_WORDS.portfolio_heads or ents.lex.title(first)):
        found = _person_by_words(ents, rest)
    return found


def _person_by_words(ents: DocEntities, name: str) -> Actor | None:
    parts = name.split()
    if parts and len(ents.actors) == ents._people.count:
        return ents._people.first(name)
    for actor in ents.actors.values():
        if actor.actor_type != "person" or actor.is_anonymous:
            continue
        full = actor.name.split()
        tail = list(_particle_key(tuple(full[-len(parts) :])))
        if actor.name == name or (
            len(parts) < len(full)
            and (tail == list(_particle_key(tuple(parts))) or full[: len(parts)] == parts)
        ):
            return actor
        if len(parts) == 1 and parts[0] in _inner_names(tuple(full)):
            return actor
    return None


def _org_by_first_word(ents: DocEntities, word: str) -> Actor | None:
    """An earlier organisation of this story, named in two or more words, whose first word
    ``word`` is and no dictionary word: the short name a story goes on with ("Meridian" for
    "Meridian Cloud", "Vorla" for "Vorla Weekly"; not "General" for "General Court")."""
    lex = ents.lex
    if word.lower() in WORDS.generic_name_openers or lex.nation_by_demonym(word):
        return None
    if lex.nation_by_name(word) or lex.actor_by_alias(word):
        return None
    for actor in ents.actors.values():
        first, _, rest = actor.name.partition(" ")
        if (
            first == word
            and rest
            and actor.actor_type in {"organization", "media"}
            and lex.actor(actor.actor_id) is None  # a lexicon actor has its own aliases
        ):
            return actor
    return None


#: Words in a name from which an inner name may stand for the whole ("Luiz Inácio Lula da Silva").
LONG_NAME = 4


#: Kinds of place a title may be qualified by ("Ohio Attorney General", "Scioto County
#: Commissioner", "Iran Foreign Minister"): an area that has officials, not a town.
TITLE_AREAS = frozenset({"country", "admin1", "admin2"})


def _placed_title_country(ents: DocEntities, doc: Doc, start: int, name: int) -> str | None:
    """The country of a place named right before a title or inside it ("Samara governor",
    "Ohio Attorney General X", "Scioto County Commissioner X"), from that place's mention:
    a title qualified by a place is held there."""
    starts, ends = token_bounds(doc)
    before = ends[start - 1] if start > 0 else -1
    first, last = starts[start], starts[name] if name < len(starts) else len(body(doc))
    for m in reversed(ents.mentions):
        if m.table == LOCATIONS and (m.end == before or first <= m.start < m.end <= last):
            place = ents.places.get(m.entity_id)
            return place.country if place is not None else None
    runs = [(max(0, start - n), start) for n in (3, 2, 1)]  # not yet a mention
    return _area_country(ents, doc, [*runs, *((start, k) for k in range(name - 1, start, -1))])


def _area_country(ents: DocEntities, doc: Doc, runs: Iterable[tuple[int, int]]) -> str | None:
    """The country of the first run of capitalised tokens that names an area with officials
    of its own (:data:`TITLE_AREAS`), read in the story's areas and countries first
    ("Georgia" in a story from Atlanta is the US state)."""
    for a, b in runs:
        if a < b and all(doc[k].is_title or doc[k].is_upper for k in range(a, b)):
            word = doc[a].text
            if b - a == 1 and word.lower() in common_words() and not ents.lex.nation_by_name(word):
                continue  # "Federal Minister": a word, not Brazil's Federal District ("Japan")
            found = ents.res.gazetteer.lookup(span_text(doc, a, b))
            areas = [p for p in found if p.location_type in TITLE_AREAS]
            if areas and found[0].location_type in TITLE_AREAS:  # not "Manchester"'s parish
                local = [p for p in areas if p.admin1 in ents.areas]
                held = local or [p for p in areas if p.country in ents.setting] or areas
                return held[0].country
    return None


def _named_area_country(ents: DocEntities, doc: Doc, start: int, end: int) -> str | None:
    """The country of an area named inside an organisation's name ("Ohio University",
    "Scioto County Common Pleas Court", "University of Texas", "Hitwise UK"), longest name
    first; a name that opens it, ends it or follows a lower-case word."""
    runs = sorted(
        (
            (a, b)
            for a in range(start, end)
            for b in range(a + 1, min(end, a + 4) + 1)
            if a == start or b == end or not is_cap(doc[a - 1])  # not "New England Journal"
        ),
        key=lambda r: (r[0] - r[1], r[0]),
    )
    return _area_country(ents, doc, runs)


def _owner_country(ents: DocEntities, doc: Doc, start: int) -> str | None:
    """The country of the place or actor in the possessive right before a name ("Taiwan's
    Ministry of National Defense", "the People's Liberation Army's Eastern Theater Command")."""
    if start < 2 or doc[start - 1].text not in POSSESSIVES:
        return None
    return _country_ending_at(ents, doc, start - 2, (LOCATIONS, ACTORS))


def _country_ending_at(
    ents: DocEntities, doc: Doc, last: int, tables: tuple[Table, ...]
) -> str | None:
    """The country of the latest mention (of ``tables``) that ends with token ``last``."""
    end = token_bounds(doc)[1][last]
    for m in reversed(ents.mentions):
        if m.end == end and m.table in tables:
            entity = ents.places.get(m.entity_id) if m.table == LOCATIONS else ents.actor_of(m)
            return entity.country if entity is not None else None
    return None


def _inner_names(full: tuple[str, ...]) -> tuple[str, ...]:
    """The capitalised words inside a long name that a story may call the person by: "Lula"
    for "Luiz Inácio Lula da Silva" (names of four words or more; the first and last words
    are already parts of their own)."""
    if len(full) < LONG_NAME:
        return ()
    return tuple(w for w in full[1:-1] if w[:1].isupper() and w.isalpha())


def _source(ents: DocEntities, doc: Doc, sent: Span, index: int, f: Found, quoted: bool) -> None:
    descriptor = f.role or span_text(doc, f.start, f.end)
    words = descriptor.split()
    country = None
    for w in words:
        if n := ents.lex.nation_by_demonym(w) or ents.lex.nation_by_name(w):
            country = n.iso3
    key = " ".join([*words[:-1], singular(words[-1])]) if not f.plural else descriptor
    actor = ents.add_actor(
        Actor(
            f"{ents.article.doc_id}:{slug(key)}",
            descriptor.lower() if not country else descriptor,
            "group" if f.plural else "person",
            sector=_source_sector(words, ents.lex),
            country=country,
            is_anonymous=True,
            doc_id=ents.article.doc_id,
            plural=f.plural,
            role=key,
        )
    )
    ents.mention(doc, f.start, f.end, index, ACTORS, actor.actor_id, MentionType.NOMINAL, quoted)


def _source_sector(words: list[str], lex: Lexicon) -> str | None:
    for w in reversed(words):
        term = lex.sources.modifier(w) or lex.sources.noun(w)
        if term is not None and term.sector != "UNK":
            return term.sector
    return "UNK"


def _nominal(ents: DocEntities, doc: Doc, sent: Span, index: int, f: Found, quoted: bool) -> None:
    word = f.role or ""
    if word in {"statement", "report", "announcement", "study"}:
        return  # issuers are resolved by the quote extractor
    start = doc[f.start : f.end].start_char
    actor = ents.last_matching(start, word.split()[-1])
    if actor is None and ents.lex.sources.noun(word):
        plural_source = Found(f.start, f.end, MentionKind.SOURCE, role=word, plural=f.plural)
        _source(ents, doc, sent, index, plural_source, quoted)
        return
    if actor is None and doc[f.end - 1].text[:1].isupper():
        actor = _office_holder(ents, span_text(doc, f.start + 1, f.end))  # "The Foreign Secretary"
    if actor is None and f.end - f.start == 2:
        actor = _home_institution(ents, doc, word)
    if actor is not None:
        ents.mention(
            doc, f.start, f.end, index, ACTORS, actor.actor_id, MentionType.NOMINAL, quoted
        )


def _local_police(ents: DocEntities) -> None:
    """Bare "police" in a story that names one local force are that force ("police said" in
    a story on the Springfield Police Department), not the nation's nor a group of their own:
    the mentions read as the country's police (no demonym, no country's name in them) or as
    unnamed police move to the local force."""
    national = {
        a.actor_id
        for a in ents.actors.values()
        if (a.country and a.actor_id == f"{a.country.lower()}-police")
        or (a.doc_id == ents.article.doc_id and a.name.lower() == "police")
    }
    local = _local_force(ents)
    if (
        local is None
        or not national
        or any(a.affiliation_id in national for a in ents.actors.values())
    ):
        return
    bare = {"police", "the police"}
    moved = [m for m in ents.mentions if m.entity_id in national and m.table == ACTORS]
    if not moved or any(m.text.lower() not in bare for m in moved):
        return
    target = local.actor_id
    ents.mentions[:] = [
        replace(m, entity_id=target) if m.entity_id in national and m.table == ACTORS else m
        for m in ents.mentions
    ]
    for actor_id in national:
        del ents.actors[actor_id]


def _local_force(ents: DocEntities) -> Actor | None:
    """The one police force below the nation that the story names ("Dayton Police
    Department"), if it names exactly one."""
    forces = [
        a
        for a in ents.actors.values()
        if a.sector == "COP"
        and a.actor_type == "government"
        and a.doc_id is None
        and not (a.country and a.actor_id == f"{a.country.lower()}-police")
    ]
    return forces[0] if len(forces) == 1 else None


def _home_institution(ents: DocEntities, doc: Doc, word: str) -> Actor | None:
    """ "The government said" in a story set in one country only, before any government is
    named: that country's, as a reader takes it (a story of two countries stays unread)."""
    inst = ents.lex.institution(word)
    countries = story_set(doc, ents.res)
    if inst is None or inst.suffix not in WORDS.home_institutions or len(countries) != 1:
        return None
    nation = ents.lex.nation(next(iter(countries)))
    return ents.add_actor(institution_actor(nation, inst.suffix, ents.lex)) if nation else None


def _office_holder(ents: DocEntities, office: str) -> Actor | None:
    """The unnamed holder of a capitalised office no one in the article held yet: a person of
    this document ("The Foreign Secretary pressed for…")."""
    title = ents.lex.title(office)
    if title is None or not title.role:
        return None
    doc_id = ents.article.doc_id
    sector = None if title.sector == "UNK" else title.sector
    return ents.add_actor(
        Actor(
            f"{doc_id}:{slug(office)}",
            office,
            "person",
            sector=sector,
            role=office.lower(),
            doc_id=doc_id,
        )
    )


def _single(ents: DocEntities, doc: Doc, sent: Span, index: int, f: Found, quoted: bool) -> None:
    text = span_text(doc, f.start, f.end)
    named = _acronym_of(ents, doc, f)
    if named is not None:
        ents.mention(
            doc, f.start, f.end, index, named.table, named.entity_id, MentionType.NAME, quoted
        )
        return
    actor = _person_by_part(ents, text) or _org_by_first_word(ents, text)
    given = text in given_names() and not text.isupper()  # "Gloria", not "US"
    if actor is None and given and f.start not in ents.sentence_starts:
        actor = ents.add_actor(Actor(slug(text), text, "person"))  # "Gloria", "Mary"
    if actor is not None:
        ents.mention(doc, f.start, f.end, index, ACTORS, actor.actor_id, MentionType.NAME, quoted)


RESOLVERS: dict[MentionKind, Resolver | None] = {
    MentionKind.ACTOR: _known,
    MentionKind.NATION: _nation,
    MentionKind.CAPITAL: _nation,
    MentionKind.INSTITUTION: _institution,
    MentionKind.LOCAL_BODY: resolve_local_body,
    MentionKind.PLACE: _place,
    MentionKind.PERSON: _person,
    MentionKind.ORG: _org,
    MentionKind.SOURCE: _source,
    MentionKind.NOMINAL: _nominal,
    MentionKind.REGION: _place,
    MentionKind.UNIT: _place,
    MentionKind.SITE: _site,
    MentionKind.PEOPLE: _people,
    MentionKind.SINGLE: _single,
    MentionKind.UNKNOWN: None,  # typed later from its context: _listed_names, _named_by_context
    MentionKind.OBJECT: None,  # a craft's name: find() never returns it
}
"""How each kind becomes entities and mentions (see ``recognizers``); ``None``: not resolved
on its own."""


def _acronym_of(ents: DocEntities, doc: Doc, f: Found) -> Mention | None:
    """The mention an acronym stands for: the name right before it in brackets ("Iraqi
    security forces (ISF)"), else the last name the acronym already stood for."""
    text = span_text(doc, f.start, f.end)
    if not _is_acronym(text):
        return None
    bracketed = f.start > 0 and f.end < len(doc) and (doc[f.start - 1].text, doc[f.end].text)
    if bracketed == ("(", ")"):
        return _spelled_out(ents, text)
    same = ents.index.names(text)  # the latest name written the same
    if same:
        return same[-1]
    # else the latest name of a group that the acronym abbreviates
    return next((m for m in reversed(ents.index.initialled(text)) if _is_group(ents, m)), None)


@lru_cache(maxsize=1 << 14)
def _initials(name: str) -> str:
    """ "Iraqi security forces" → "ISF", "Islamic State of Iraq and the Levant" → "ISIL"."""
    words = [
        w
        for w in re.split(r"[\s-]+", name)
        if w and w.lower() not in {"of", "and", "the", "for", "&"}
    ]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


def _is_group(ents: DocEntities, m: Mention) -> bool:
    actor = ents.actor_of(m)
    return actor is not None and actor.actor_type != "person"


def _spelled_out(ents: DocEntities, acronym: str) -> Mention | None:
    """The name written right before "(ACRONYM)" in the body, if it is a mention."""
    text = ents.article.body
    written = f" ({acronym})"
    ends = []
    at = text.find(written)
    while at != -1:
        ends.append(at)
        at = text.find(written, at + 1)
    return ents.index.first_ending(ends, name_only=True) if ends else None


def _is_acronym(text: str) -> bool:
    return text.isupper() and text.isalpha() and 2 <= len(text) <= 8


def _listed_names(
    ents: DocEntities, doc: Doc, index: int, done: list[tuple[Found, Mention | None, bool]]
) -> None:
    """Names no rule knew, listed with an actor, are actors of its kind: "Ubisoft, Microsoft
    and Sony" (Microsoft is an organisation, so are the others)."""
    items = [d for d in done if not _nested(d[0], done)]  # "Society of Canada", not Canada
    changed = True
    while changed:
        changed = False
        for k, (f, made, inside) in enumerate(items):
            if (
                made is not None
                or f.kind not in {MentionKind.SINGLE, MentionKind.UNKNOWN}
                or not _listable(doc, f)
            ):
                continue
            kind = _neighbour_kind(ents, doc, items, k) or _example_kind(ents, doc, items, k)
            if kind is None:
                continue
            _add_named(ents, doc, index, f, kind, inside)
            items[k] = (f, ents.mentions[-1], inside)
            changed = True


def _named_by_context(
    ents: DocEntities, doc: Doc, index: int, done: list[tuple[Found, Mention | None, bool]]
) -> None:
    """Unknown names of two words or more that their context makes organisations: where a
    person works ("Ana Ruiz of Vorla Weekly"), whom someone told ("told Vorla Weekly"), whose
    report it is ("Vorla Weekly's new survey")."""
    count = len(ents.mentions)  # where a person's name ends, among the mentions made so far
    people: set[int] | None = None  # computed only when a name follows "of"
    for f, made, inside in done:
        if made is not None or f.kind != MentionKind.UNKNOWN or _nested(f, done):
            continue
        i = f.start - (f.start > 0 and doc[f.start - 1].lower_ == "the")
        before = doc[i - 1].lower_ if i > 0 else ""
        employer = False
        if before == "of" and i > 1:
            if people is None:
                people = {
                    m.end
                    for m in ents.mentions[:count]
                    if (a := ents.actor_of(m)) and a.actor_type == "person"
                }
            employer = doc[i - 2 : i - 1].end_char in people
        if employer or before in {"told", "informed"} or _issues(doc, f.end):
            _add_named(ents, doc, index, f, "organization", inside)


def _issues(doc: Doc, end: int) -> bool:
    """A possessive before a report noun, maybe after one adjective: "'s recent analysis"."""
    if end >= len(doc) or doc[end].lower_ not in POSSESSIVES:
        return False
    return any(t.lower_ in WORDS.issued for t in doc[end + 1 : end + 3])


def _add_named(ents: DocEntities, doc: Doc, index: int, f: Found, kind: str, inside: bool) -> None:
    text = span_text(doc, f.start, f.end)
    actor = ents.add_actor(Actor(slug(text), text, kind))
    ents.mention(doc, f.start, f.end, index, ACTORS, actor.actor_id, MentionType.NAME, inside)


def _nested(f: Found, done: list[tuple[Found, Mention | None, bool]]) -> bool:
    return any(
        o.start <= f.start and f.end <= o.end and (o.start, o.end) != (f.start, f.end)
        for o, _, _ in done
    )


def _neighbour_kind(
    ents: DocEntities, doc: Doc, done: list[tuple[Found, Mention | None, bool]], k: int
) -> str | None:
    """The kind of the person or organisation listed right before or after item ``k``, in a
    list joined by "and"/"or" ("in English, Warhol was" is no list)."""
    if not _joined_by_and(doc, done, k):
        return None
    for n in (k - 1, k + 1):
        if not 0 <= n < len(done) or (other := done[n][1]) is None:
            continue
        left, right = sorted((done[n][0], done[k][0]), key=lambda x: x.start)
        kind = ents.actors[other.entity_id].actor_type if other.table == ACTORS else None
        if kind in {"person", "organization", "media"} and _list_gap(doc, left.end, right.start):
            return kind
    return None


def _joined_by_and(doc: Doc, done: list[tuple[Found, Mention | None, bool]], k: int) -> bool:
    """Whether item ``k`` is in a list whose items are joined by "and" or "or" somewhere."""
    first = last = k
    while first > 0 and _list_gap(doc, done[first - 1][0].end, done[first][0].start):
        first -= 1
    while last + 1 < len(done) and _list_gap(doc, done[last][0].end, done[last + 1][0].start):
        last += 1
    return any(
        t.lower_ in {"and", "or"}
        for n in range(first, last)
        for t in doc[done[n][0].end : done[n + 1][0].start]
    )


def _example_kind(
    ents: DocEntities, doc: Doc, done: list[tuple[Found, Mention | None, bool]], k: int
) -> str | None:
    """Names given as examples of a plural noun for people or organisations are of that
    kind: "the ancient gods, such as Zeus, Hera and Athena", "groups including X and Y",
    "such bands as X"."""
    while k > 0 and _list_gap(doc, done[k - 1][0].end, done[k][0].start):
        k -= 1
    low = lowers(doc)
    i = done[k][0].start
    i -= i > 0 and low[i - 1] == "the"
    if i >= 2 and (low[i - 2], low[i - 1]) == ("such", "as"):
        j = i - 2
    elif i >= 1 and low[i - 1] == "including":
        j = i - 1
    elif i >= 3 and (low[i - 3], low[i - 1]) == ("such", "as"):
        j = i - 1  # "such bands as X"
    else:
        return None
    j -= j > 0 and low[j - 1] == ","
    noun = doc[j - 1] if j > 0 else None
    if noun is None or not content_word(noun) or not noun.lower_.endswith("s"):
        return None
    one = singular(noun.lower_)
    if (head := ents.lex.org_head(one)) is not None or one in WORDS.org_nouns:
        return head.actor_type if head else "organization"
    human = ents.lex.sources.noun(one) or ents.lex.title(one) or AGENT_NOUN.search(one)
    return "person" if human or one in WORDS.person_nouns else None


def _listable(doc: Doc, f: Found) -> bool:
    """A name that may take the kind of its neighbours in a list: not an acronym (it may be
    spelled out later), and not only common words unless a capital "The" inside the sentence
    opens it ("such bands as The Velvet Underground")."""
    alpha = [w.lower() for w in words(doc)[f.start : f.end] if w.isalpha()]  # ``Token.is_alpha``
    if not alpha or _is_acronym(span_text(doc, f.start, f.end)):
        return False
    return after_inner_the(doc, f.start) or not all(w in common_words() for w in alpha)


def _list_gap(doc: Doc, end: int, start: int) -> bool:
    """Only list punctuation between two names: ", ", " and ", ", and ", " or "."""
    gap = lowers(doc)[end:start]
    return bool(gap) and all(w in {",", "and", "or"} for w in gap) and gap.count(",") <= 1


def _early_acronyms(ents: DocEntities, doc: Doc, early: list[tuple[Found, int, bool]]) -> None:
    for f, index, inside in early:
        if (named := _defined_later(ents, doc, f)) is not None:
            ents.mention(
                doc, f.start, f.end, index, named.table, named.entity_id, MentionType.NAME, inside
            )


def _defined_later(ents: DocEntities, doc: Doc, f: Found) -> Mention | None:
    """The name an acronym stands for when the article spells it out only later: "The ISF
    advanced … Iraqi security forces (ISF) held the town"."""
    text = span_text(doc, f.start, f.end)
    return _spelled_out(ents, text) if _is_acronym(text) else None


def _anonymity(ents: DocEntities, seg: Segmented) -> None:
    """Attach "on condition of anonymity because …" to the anonymous source in that sentence
    (the first of its anonymous actors without a reason yet; only a sentence with one is
    searched for a reason)."""
    anonymous: dict[int, list[Actor]] = {}  # sentence index -> its anonymous actors, in order
    for m in ents.mentions:
        actor = ents.actor_of(m)
        if actor is not None and actor.is_anonymous:
            anonymous.setdefault(m.sentence, []).append(actor)
    for sent in seg.sentences:
        if sent.index not in anonymous:
            continue
        text = sent.text
        reason = ents.lex.sources.anonymity_reason(text)
        if reason is None:
            continue
        m0 = reason.regex.search(text)
        assert m0 is not None
        tail = text[m0.start() :]
        said = min((tail.find(c) for c in (",", ".", ";", "—") if c in tail), default=len(tail))
        phrase = re.sub(r"^(?:(?:was|were|is|are|being|he|she|they)\s+)+", "", tail[:said].strip())
        source = next((a for a in anonymous[sent.index] if not a.anonymity_reason), None)
        if source is not None:
            source.anonymity_reason = phrase


def unnamed_speaker(ents: DocEntities, span: Span) -> Actor | None:
    """A speaker no rule named: a capitalised run is a person or organisation ("Kevin Allton",
    "Secunia"); anything else ("the researchers", "an Internet posting", "Crews" opening a
    sentence) an unnamed actor of this document."""
    words = [t for t in span if not (t.lower_ in DETERMINERS or (t.is_punct and t.text != "-"))]
    if not words:
        return None
    doc = span.doc
    text = doc[words[0].i : words[-1].i + 1].text
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    if any(m.table == LOCATIONS for m in ents.index.covering(start, end)):
        return None  # a place already ("in Qamenas, Sarmin and Talamenes")
    sentence_initial = (
        len(words) == 1
        and words[0].i in ents.sentence_starts
        and not _titled_apposition(doc, words[0].i + 1, ents.lex)
        and not _uncommon_name(words[0])
    )
    sentence_name = (  # "Maersk said"; not "Supari, Indonesia's health minister, stated"
        len(words) == 1
        and words[0].i in ents.sentence_starts
        and not _titled_apposition(doc, words[0].i + 1, ents.lex)
    )
    actor: Actor | None
    if not sentence_initial and all(
        t.text[:1].isupper() or t.text == "-" or t.lower_ in {"al", "of", "bin"} for t in words
    ):
        head = ents.lex.name_head([w.text for w in words])
        kind = head.actor_type if head else "organization" if sentence_name else "person"
        actor = _company_without_suffix(ents, text) or ents.add_actor(
            Actor(slug(text), text, kind, sector=head.sector if head else None)
        )
        mtype = MentionType.NAME
    elif (at := _appositive_name(words)) is not None:
        words, actor = words[at:], _appositive_actor(ents, words[at - 1], words[at:])
        text, mtype = doc[words[0].i : words[-1].i + 1].text, MentionType.NAME
    else:
        actor = _unnamed_group(ents, words, text)
        if actor is None:
            return None
        mtype = MentionType.NOMINAL
    end = words[-1].idx + len(words[-1].text)  # the words may have been narrowed
    sentence = ents.sentence_index.get(span.start, 0)
    ents.mentions.append(Mention(words[0].idx, end, text, sentence, ACTORS, actor.actor_id, mtype))
    return actor


def _uncommon_name(word: Token) -> bool:
    """A capitalised word that opens a sentence and is no common English word nor a given name
    ("Maersk said", "Codelco said"; not "Crews said"): a name, which a story that had named a
    person would have given in full before, so an organisation's."""
    return (
        word.text[:1].isupper()
        and word.is_alpha
        and not word.is_upper
        and word.lower_ not in common_words()
        and singular(word.lower_) not in common_words()  # "Crews"
        and word.text not in given_names()
    )


def _company_without_suffix(ents: DocEntities, text: str) -> Actor | None:
    """An earlier organisation of this story whose name is ``text`` and a legal form after it
    ("Bluegrass Solar" for "Bluegrass Solar LLC", "Vantor" for "Vantor Inc.")."""
    for actor in ents.actors.values():
        stem, _, form = actor.name.rpartition(" ")
        if stem == text and form.rstrip(".,").lower() in WORDS.legal_forms:
            return actor
    return None


def _country_word(ents: DocEntities, word: Token) -> Nation | None:
    """The nation "the country's" points back to: the latest country the story named before
    it ("an earthquake struck Turkey, the country's disaster agency said")."""
    if word.lower_ not in {"country", "nation"}:
        return None
    for m in reversed(ents.mentions):
        place = ents.places.get(m.entity_id) if m.table == LOCATIONS else None
        if m.end <= word.idx and place is not None and place.location_type == "country":
            return ents.lex.nation(place.country) if place.country else None
    return None


def _place_nation(ents: DocEntities, word: Token) -> Nation | None:
    """The nation of the place a possessive names ("Gaza's health ministry": Palestine's),
    from that place's mention."""
    for m in ents.index.covering(word.idx, word.idx + len(word.text)):
        place = ents.places.get(m.entity_id) if m.table == LOCATIONS else None
        if place is not None and place.country:
            return ents.lex.nation(place.country)
    return None


def _person_ending(ents: DocEntities, word: Token) -> Actor | None:
    """The named person whose mention ends with ``word``."""
    end = word.idx + len(word.text)
    for m in ents.index.covering(word.idx, end):
        actor = ents.actor_of(m) if m.table == ACTORS else None
        if actor is not None and actor.actor_type == "person" and m.end == end:
            return actor
    return None


def _titled_apposition(doc: Doc, k: int, lex: Lexicon) -> bool:
    """Tokens from ``k`` set off a title in commas ("Supari, Indonesia's health minister,
    said"): the capitalised word before them names a person, even opening a sentence."""
    if k >= len(doc) or doc[k].text != ",":
        return False
    for t in doc[k + 1 : min(len(doc), k + 9)]:
        if t.text == ",":
            return False
        if (title := lex.title(t.text)) is not None and title.role:
            return True
    return False


CALENDAR_WORDS = frozenset(
    w.lower() for w in (*calendar.day_name, *calendar.month_name, *calendar.day_abbr) if w
)


def _appositive_name(words: list[Token]) -> int | None:
    """Where a name after a role noun starts: "the Internet security firm Secunia.com",
    "the magazine PC World"."""
    k = len(words)
    while k > 0 and words[k - 1].text[:1].isupper():
        k -= 1
    role = words[k - 1] if 0 < k < len(words) else None
    if role is None or not content_word(role) or words[k].lower_ in CALENDAR_WORDS:
        return None  # not '"…," a senior official Wednesday said'
    return k


def _appositive_actor(ents: DocEntities, role: Token, name: list[Token]) -> Actor:
    text = name[0].doc[name[0].i : name[-1].i + 1].text
    head = ents.lex.org_head(role.text)
    sector: str | None
    if head is not None:
        kind, sector = head.actor_type, head.sector
    else:
        kind, sector = (
            ("organization", "BUS") if role.lower_ in WORDS.org_nouns else ("person", None)
        )
    return ents.add_actor(Actor(slug(text), text, kind, sector=sector))


def _unnamed_group(ents: DocEntities, words: list[Token], text: str) -> Actor | None:
    """ "the researchers" → a group of this document; "the mayor" → a person of this document;
    "Bangladesh's meteorological agency" → an organisation of Bangladesh."""
    if len(words) > 6 or not words[-1].is_alpha:
        return None
    nation = None
    owner = next((k for k, w in enumerate(words) if w.text in POSSESSIVES), 0)
    if (
        0 < owner < len(words) - 1
        and words[-1].lower_ in WORDS.offices
        and (holder := _person_ending(ents, words[owner - 1])) is not None
    ):
        return holder  # "Prime Minister Benjamin Netanyahu's office said": the holder
    if len(words) > 2 and words[1].text in POSSESSIVES:
        nation = (
            ents.lex.nation_by_name(words[0].text)
            or _country_word(ents, words[0])
            or _place_nation(ents, words[0])
        )
        if nation is not None:
            words = words[2:]
            text = " ".join(w.text for w in words)
    head = words[-1]
    plural = head.lower_.endswith("s") and not head.lower_.endswith("ss")
    key = " ".join(
        [*(w.lower_ for w in words[:-1]), singular(head.text) if plural else head.lower_]
    )
    human = ents.lex.title(head.text) is not None or ents.lex.sources.noun(head.text) is not None
    kind = "group" if plural else "person" if human else "organization"
    own = f"{nation.iso3.lower()} {key}" if nation else key
    if own == "police" and (force := _local_force(ents)) is not None:
        return force  # "police said" in a story on the Dayton Police Department
    return ents.add_actor(
        Actor(
            f"{ents.article.doc_id}:{slug(own)}",
            text.lower(),
            kind,
            sector="UNK",
            country=nation.iso3 if nation else None,
            doc_id=ents.article.doc_id,
            plural=plural,
            role=key,
        )
    )
