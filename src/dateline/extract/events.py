"""Events: trigger words coded to PLOVER (with CAMEO roots), their actor, target, place, date
interval and status, and the quote or source that carries the claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from spacy.tokens import Doc

from dateline.extract.dates import DateMention
from dateline.extract.docdates import DocDates
from dateline.extract.entities import DocEntities, institution_actor
from dateline.extract.model import ACTORS, LOCATIONS, Mention
from dateline.extract.quotes import Quote
from dateline.extract.segment import Segmented, Sentence
from dateline.extract.text import (
    DETERMINERS,
    body,
    longest_matches,
    spaced,
    span_text,
    words,
    words_before,
)
from dateline.lexicon import Trigger
from dateline.lexicon.rules import rule_words


@dataclass(frozen=True)
class EventWords:
    """The word lists of event coding, read from ``lexicon/data/rules/events.yaml``."""

    FILE: ClassVar[str] = "events.yaml"
    negation: frozenset[str]
    future: frozenset[str]
    hedges: frozenset[str]
    ongoing_before: frozenset[str]
    ongoing_words: frozenset[str]
    ongoing_after: tuple[str, ...]
    object_markers: frozenset[str]
    target_markers: frozenset[str]
    subject_pronouns: frozenset[str]
    coordinators: frozenset[str]


WORDS = rule_words(EventWords)
FORCEFUL = frozenset({"RETREAT", "MOBILIZE", "ASSAULT", "COERCE"})
UNDIRECTED = frozenset({"RETREAT", "MOBILIZE"})
COOPERATIVE = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "AID", "CONCEDE"})
DATE_KINDS = frozenset({"point", "deadline", "relative_vague"})


@dataclass(frozen=True)
class Event:
    trigger: Trigger
    trigger_start: int
    trigger_end: int
    sentence: Sentence
    actor_id: str | None
    target_id: str | None
    location_id: str | None
    date: DateMention | None
    status: str
    quote: Quote | None
    reported_by_id: str | None
    confidence: float

    @property
    def key(self) -> tuple:
        d = self.date
        return (
            self.trigger.event_type,
            self.actor_id,
            self.target_id,
            self.location_id,
            d.date_start if d else None,
            d.date_end if d else None,
            self.status,
        )

    @property
    def coded(self) -> bool:
        """Something besides the type is known: an event with no who, where or when is dropped."""
        return any((self.actor_id, self.target_id, self.location_id, self.date))


def extract_events(
    seg: Segmented, ents: DocEntities, quotes: list[Quote], doc_dates: DocDates
) -> list[Event]:
    """One event per distinct coded action (repeats of the same action are merged); a trigger's
    date comes from the date mentions of its sentence in ``doc_dates``."""
    out: list[Event] = []
    seen: set[tuple] = set()
    by_sentence = _mentions_by_sentence(seg, ents)
    for sent in seg.sentences:
        dates = doc_dates.in_sentence(sent.index)
        found = triggers_in(seg.doc, sent, ents)
        owned = own_dates(seg.doc, [d for d in dates if d.kind in DATE_KINDS], found)
        for i, j, trigger in found:
            known = len(ents.mentions)
            event = _event(
                seg.doc, ents, sent, i, j, trigger, owned.get(i, []), quotes, by_sentence
            )
            if len(ents.mentions) != known:  # an implied actor's mention joined this sentence
                by_sentence[sent.index] = ents.index.starting(sent.start, sent.end)
            if not event.coded or event.key in seen:
                continue
            if out and _same_action(seg.doc, out[-1], event):
                if out[-1].date is None and event.date is not None:
                    out[-1] = event
                continue
            seen.add(event.key)
            out.append(event)
    return out


def _mentions_by_sentence(seg: Segmented, ents: DocEntities) -> dict[int, list[Mention]]:
    """Sentence index -> the mentions that start inside it, in the order of ``ents.mentions``."""
    out: dict[int, list[Mention]] = {}
    for m in ents.mentions:
        sent = seg.sentence_at(m.start)
        if sent is not None:
            out.setdefault(sent.index, []).append(m)
    return out


def _same_action(doc: Doc, a: Event, b: Event) -> bool:
    """ "an agreement inked": two triggers of one type, a few words apart, are one action."""
    gap = body(doc)[a.trigger_end : b.trigger_start].split()
    return (
        a.sentence.index == b.sentence.index
        and a.trigger.event_type == b.trigger.event_type
        and a.actor_id == b.actor_id
        and len(gap) <= 2
    )


def triggers_in(doc: Doc, sent: Sentence, ents: DocEntities) -> list[tuple[int, int, Trigger]]:
    """(start token, end token, trigger) for each trigger in the sentence, longest match first."""
    lex = ents.lex
    tokens = words(doc)

    def match(i: int, j: int) -> Trigger | None:
        choices = lex.triggers_for(span_text(doc, i, j).lower())
        if not choices or not _free_word(doc, sent, i, j):
            return None
        return _choose(doc, sent, i, j, choices, ents)

    space = spaced(doc)

    def opens(i: int) -> bool:
        if space[i]:
            return lex.trigger_openers.admits_word(tokens[i])
        return lex.trigger_openers.admits(tokens[i])

    return longest_matches(sent.span, 3, match, opens)


def _free_word(doc: Doc, sent: Sentence, i: int, j: int) -> bool:
    """Not part of a name ("Framework Agreement") nor of a compound ("agreed-upon")."""
    if doc[i].text[:1].isupper() and i != sent.span.start and doc[i - 1].text not in {"“", '"'}:
        return False
    return not (j < sent.span.end and doc[j].text == "-" and not doc[j - 1].whitespace_)


def own_dates(
    doc: Doc, dates: list[DateMention], found: list[tuple[int, int, Trigger]]
) -> dict[int, list[DateMention]]:
    """Give each date phrase to one trigger: a deadline to the nearest planned action
    ("agreed last year to wind down … by September 2025"), any other to the nearest trigger."""
    owned: dict[int, list[DateMention]] = {}
    if not found:
        return owned
    for d in dates:
        pool = found
        if d.kind == "deadline":
            planned = [f for f in found if f[0] > 0 and doc[f[0] - 1].lower_ in WORDS.future]
            pool = planned or found
        owner = min(pool, key=lambda f, d=d: _distance(doc, f, d))
        owned.setdefault(owner[0], []).append(d)
    return owned


def _distance(doc: Doc, found: tuple[int, int, Trigger], d: DateMention) -> float:
    """Characters between a trigger and a date; a date after its verb ("agreed on Tuesday")
    wins a tie against the next verb ("… on Tuesday to withdraw")."""
    start, end = doc[found[0]].idx, doc[found[1] - 1].idx + len(doc[found[1] - 1].text)
    if d.start >= end:
        return d.start - end
    if d.end <= start:
        return start - d.end + 0.5
    return 0


def _choose(
    doc: Doc, sent: Sentence, i: int, j: int, choices: tuple[Trigger, ...], ents: DocEntities
) -> Trigger | None:
    """An entry whose context requirement holds beats one without; unmet requirements never fire."""
    plain = None
    for t in choices:
        window = getattr(t, "window", 8) or 8
        lo, hi = max(sent.span.start, i - window), min(sent.span.end, j + window)
        context = doc[lo:hi]
        if t.excludes and any(_holds(x, context, ents) for x in t.excludes):
            continue
        if t.requires:
            if any(_holds(r, context, ents) for r in t.requires):
                return t
        elif plain is None:
            plain = t
    return plain


def _holds(word: str, context, ents: DocEntities) -> bool:
    a, b = context.start_char, context.end_char
    if word.startswith("@"):
        tables = {
            "@place": (LOCATIONS,),
            "@nation": (LOCATIONS, ACTORS),
            "@actor": (ACTORS,),
            "@person": (ACTORS,),
            "@forces": (ACTORS,),
        }.get(word, ())
        return any(m.table in tables for m in ents.index.starting(a, b)) or (
            word == "@forces" and any(ents.lex.institution(t.text) for t in context)
        )
    text = f" {context.text.lower()} "
    return f" {word.lower()} " in text


def _event(
    doc: Doc,
    ents: DocEntities,
    sent: Sentence,
    i: int,
    j: int,
    trigger: Trigger,
    dates: list[DateMention],
    quotes: list[Quote],
    by_sentence: dict[int, list[Mention]],
) -> Event:
    t_start, t_end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    quote = next((q for q in quotes if q.start <= t_start and t_end <= q.end), None)
    if quote is None:
        quote = next((q for q in quotes if q.sentence == sent.index), None)
        carrier = quote
        quote = quote if quote and quote.start <= t_start < quote.end else None
    else:
        carrier = quote
    mentions = [
        m
        for m in by_sentence.get(sent.index, [])
        if not (carrier and (m.start, m.end) == (carrier.speaker.start, carrier.speaker.end))
    ]
    actor_id, target_id = _participants(doc, mentions, t_start, t_end, trigger)
    actor_id = _implicit_actor(doc, ents, sent, i, trigger) or actor_id
    location_id = _the_country(doc, ents, sent, t_end) or _location(doc, mentions, t_start)
    date = _date(dates, t_start, t_end, carrier)
    status = _status(doc, sent, i, j, date)
    reported = carrier.speaker.actor.actor_id if carrier and carrier.speaker.actor else None
    confidence = 0.5 + 0.15 * bool(actor_id) + 0.1 * bool(location_id) + 0.1 * bool(date)
    return Event(
        trigger,
        t_start,
        t_end,
        sent,
        actor_id,
        target_id,
        location_id,
        date,
        status,
        quote,
        reported,
        round(confidence, 2),
    )


def _implicit_actor(
    doc: Doc, ents: DocEntities, sent: Sentence, i: int, trigger: Trigger
) -> str | None:
    """``U.S. withdrawal`` → the U.S. military; ``some forces have redeployed`` → the latest
    military actor named so far.

    A nationality word before the trigger names an actor of the document: the actor it already
    names ("The Japanese attacked": the people), else the national institution, added with its
    mention on that word, so the event never points at an actor the document lacks."""
    lex = ents.lex
    forceful = trigger.event_type in FORCEFUL
    for n in (2, 1):
        if i - n >= sent.span.start and (nation := lex.nation_by_demonym(doc[i - n : i].text)):
            start = i - n
            while start < i - 1 and doc[start].lower_ in DETERMINERS:
                start += 1  # "the U.S. withdrawal": the mention is "U.S."
            a, b = doc[start].idx, doc[i - 1].idx + len(doc[i - 1].text)
            named = [m for m in ents.mentions if m.table == ACTORS and m.start < b and a < m.end]
            if named:
                return named[0].entity_id
            actor = institution_actor(nation, "military" if forceful else "government", lex)
            return ents.implied_actor(doc, start, i, actor).actor_id
    window = [t for t in doc[max(0, i - 3) : i]]
    if forceful and any(
        (inst := lex.institution(t.text)) and inst.suffix == "military" for t in window
    ):
        for _, actor in reversed(ents.actor_mentions_before(doc[i].idx)):
            if actor.actor_type == "military":
                return actor.actor_id
    return None


def _the_country(doc: Doc, ents: DocEntities, sent: Sentence, t_end: int) -> str | None:
    """ "left the country": the country the article is about (the first one it names)."""
    rest = body(doc)[t_end : sent.end].lower()
    at = rest.find("the country")
    if at < 0 or "," in rest[:at] or len(rest[:at].split()) > 4:
        return None
    for m in ents.mentions:
        if m.table == LOCATIONS and ents.places[m.entity_id].location_type == "country":
            return m.entity_id
    return None


def _participants(
    doc: Doc, mentions: list[Mention], t_start: int, t_end: int, trigger: Trigger
) -> tuple[str | None, str | None]:
    actors = [m for m in mentions if m.table == ACTORS]
    before = [
        m
        for m in actors
        if m.end <= t_start and (not _object(doc, m) or _adjacent(doc, m, t_start))
    ]
    clause_end = body(doc).find(",", t_end)
    after = [m for m in actors if m.start >= t_end and (clause_end < 0 or m.start < clause_end)]
    actor = before[-1] if before else None
    if actor is not None and _pronoun_between(doc, actor.end, t_start):
        actor = None  # "where they have stationed troops": the pronoun is the subject
    target = None
    first = _coordinated_with(doc, actors, actor) if actor is not None else None
    if first is not None:
        actor, target = first, (actor if trigger.event_type not in UNDIRECTED else None)
    if target is None and after:
        with_obj = next((m for m in after if _preceded_by(doc, m, WORDS.target_markers)), None)
        if trigger.event_type in COOPERATIVE:
            target = with_obj
        elif trigger.event_type not in UNDIRECTED:
            target = with_obj or after[0]
    by = next((m for m in after if _preceded_by(doc, m, {"by"})), None)
    right_after = by is not None and body(doc)[t_end : by.start].split()[:1] == ["by"]
    if by is not None and (actor is None or right_after):
        actor = by  # passive: "an agreement signed by Greece and Turkey"
        partner = _coordinated_after(doc, after, by)
        if partner is not None and trigger.event_type in COOPERATIVE:
            target = partner
    if target is not None and actor is not None and target.entity_id == actor.entity_id:
        target = None
    return (actor.entity_id if actor else None, target.entity_id if target else None)


def _coordinated_after(doc: Doc, after: list[Mention], m: Mention) -> Mention | None:
    """``by Greece and Turkey``: the second conjunct."""
    return next(
        (a for a in after if a.start > m.end and body(doc)[m.end : a.start].strip() == "and"), None
    )


def _pronoun_between(doc: Doc, a: int, b: int) -> bool:
    return any(w.lower() in WORDS.subject_pronouns for w in body(doc)[a:b].split())


def _adjacent(doc: Doc, m: Mention, t_start: int) -> bool:
    """At most one word between the mention and the trigger ("U.S. forces departing")."""
    return len(body(doc)[m.end : t_start].split()) <= 1


def _object(doc: Doc, m: Mention) -> bool:
    return _preceded_by(doc, m, WORDS.object_markers)


def _preceded_by(doc: Doc, m: Mention, words: frozenset[str] | set[str]) -> bool:
    """The last word before the mention, skipping articles, is one of ``words``."""
    for word in words_before(body(doc), m.start):
        if word.lower() not in DETERMINERS:
            return word.lower() in words
    return False


def _coordinated_with(doc: Doc, actors: list[Mention], m: Mention) -> Mention | None:
    """``Washington and Baghdad agreed``: the first conjunct acts, the second is the target."""
    between = lambda a: body(doc)[a.end : m.start].strip().lower()  # noqa: E731
    return next((a for a in actors if a.end <= m.start and between(a) in WORDS.coordinators), None)


def _location(doc: Doc, mentions: list[Mention], t_start: int) -> str | None:
    """The first place after the trigger, else one before it in the same clause."""
    places = [m for m in mentions if m.table == LOCATIONS and m.mention_type != "dateline"]
    after = [m for m in places if m.start >= t_start]
    if after:
        return after[0].entity_id
    before = [m for m in places if m.end <= t_start and "," not in body(doc)[m.end : t_start]]
    return before[-1].entity_id if before else None


def _date(
    dates: list[DateMention], t_start: int, t_end: int, carrier: Quote | None
) -> DateMention | None:
    """The nearest date phrase this trigger owns, leaving out the one that dates the speech."""
    usable = list(dates)
    if carrier is not None:
        usable = [
            d
            for d in usable
            if not (
                carrier.cue_start <= d.start <= carrier.cue_start + 40
                and not carrier.start <= d.start < carrier.end
            )
        ]
    if not usable:
        return None
    return min(usable, key=lambda d: min(abs(d.start - t_end), abs(t_start - d.end)))


def _status(doc: Doc, sent: Sentence, i: int, j: int, date: DateMention | None) -> str:
    window = [t.lower_ for t in doc[max(sent.span.start, i - 4) : i]]
    after = body(doc)[doc[j - 1].idx + len(doc[j - 1].text) : sent.end].lower().lstrip()
    near = window[-3:]
    if any(w in WORDS.negation for w in near):
        return "negated"
    if any(w in WORDS.hedges for w in window):
        return "hypothetical"
    if any(w in WORDS.future for w in near) or (date is not None and date.kind == "deadline"):
        return "planned"
    if "would" in near:
        return "hypothetical"
    if any(w in WORDS.ongoing_before for w in near[-2:]) and doc[i].text.endswith("ing"):
        return "ongoing"
    if any(w in WORDS.ongoing_words for w in near) or after.startswith(WORDS.ongoing_after):
        return "ongoing"
    return "occurred"
