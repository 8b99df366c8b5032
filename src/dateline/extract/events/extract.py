"""One document's events: the actions each sentence reports (``frames``), with their actor and
target (``arguments``), place, date interval and status, and the quote or source that carries
the claim."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import partial

from spacy.tokens import Doc

from dateline.extract.dates import DateMention
from dateline.extract.docdates import DocDates
from dateline.extract.entities import DocEntities
from dateline.extract.events.arguments import participants
from dateline.extract.events.frames import Action, actions
from dateline.extract.events.reading import Reading, nodes_in, reading_of
from dateline.extract.events.status import status
from dateline.extract.events.triggers import trigger_sentences, triggers_in
from dateline.extract.events.words import FORCEFUL, RESTRICTIVE, WORDS
from dateline.extract.model import ACTORS, LOCATIONS, Mention
from dateline.extract.quotes import Quote
from dateline.extract.segment import Segmented, Sentence
from dateline.extract.text import DETERMINERS, body
from dateline.lexicon import Lexicon, Trigger

DATE_KINDS = frozenset({"point", "deadline", "relative_vague"})


@dataclass(frozen=True)
class Event:
    trigger: Trigger  # the coding: PLOVER type and mode, CAMEO root
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
    doc = seg.doc
    maybe = trigger_sentences(seg, ents.lex)  # the others hold no trigger
    for sent in seg.sentences:
        dates = doc_dates.in_sentence(sent.index)
        found = triggers_in(doc, sent, ents) if sent.index in maybe else []
        reading = reading_of(seg, sent, ents.res)
        acts = actions(nodes_in(doc, sent, found), reading)
        if not acts:
            continue
        timed = [
            d for d in dates if d.kind in DATE_KINDS and not _names_a_past_event(doc, d, ents.lex)
        ]
        owned = own_dates(doc, timed, acts)
        prev: Event | None = None  # the sentence's last action, whose subject a verb joined
        for act in acts:
            if _standing(act, owned.get(act.i), reading):
                continue
            event = _event(seg, ents, sent, act, owned.get(act.i, []), quotes, reading, prev)
            prev = event
            if _dated_later(event, doc_dates.published):
                event = replace(event, status="planned")
            if not event.coded or event.key in seen:
                continue
            earlier = _referred_to(doc, act, event, out)
            if earlier is not None:  # "The attack was claimed by JNIM": the attack told before
                out[earlier] = _completed(out[earlier], event)
                continue
            if out and _same_action(doc, out[-1], event):
                if out[-1].date is None and event.date is not None:
                    out[-1] = event
                continue
            cause = next((k for k, e in enumerate(out) if _result_of(doc, e, event)), None)
            if cause is not None:
                if out[cause].date is None and event.date is not None:
                    out[cause] = replace(out[cause], date=event.date)
                continue
            seen.add(event.key)
            out.append(event)
    return out


#: Most words between two verbs of one subject ("rejected the claim and accused").
JOINED_GAP = 12


def _joined(doc: Doc, ents: DocEntities, prev: Event, act: Action) -> bool:
    """A verb joined to the action before it by "and" or "but", with no actor named between,
    shares its subject: "A spokesman, Ahmed Sharif, rejected the claim and accused India of
    …" (the parse may hang "rejected" on the spokesman, and the comma ends the clause)."""
    if act.nominal or doc[act.i].lower_ in DETERMINERS:
        return False  # "the ISIL attack … and the car bomb attacks": two phrases, not verbs
    start = doc[act.i].idx
    between = body(doc)[prev.trigger_end : start]
    words = between.lower().split()
    if not words or words[-1] not in WORDS.verb_coordinators or len(words) > JOINED_GAP:
        return False
    if any(c in between for c in ";:—"):
        return False
    return not any(m.table == ACTORS and prev.trigger_end <= m.start < start for m in ents.mentions)


def _names_a_past_event(doc: Doc, d: DateMention, lex: Lexicon) -> bool:
    """A year between an article and a noun names an earlier event ("after the 2022 floods"),
    not when an action of the sentence happened; unless the noun phrase holds a trigger ("the
    2001 anthrax attacks" are dated by their year)."""
    text = body(doc)
    before = text[: d.start].split()[-1:] if d.precision == "year" else []
    after = [w.strip(",.;:!?") for w in text[d.end :].split()[:3]]
    phrase = [w for w in after if w.isalpha() and w.islower()]  # "the 2001 anthrax attacks"
    return (
        bool(before)
        and before[0].lower() in DETERMINERS
        and bool(after)
        and after[0].isalpha()
        and after[0].islower()
        and not any(lex.triggers_for(w) for w in phrase)
    )


def _standing(act: Action, dates: list[DateMention] | None, reading: Reading) -> bool:
    """Forces described where they are ("troops stationed on the ship", "soldiers based in
    the north"), with no date of a move: a standing deployment, not a mobilisation."""
    return (
        act.coding.event_type == "MOBILIZE"
        and not act.nominal
        and not dates
        and reading.describes_noun(act.i, act.j)
    )


#: Sentences back that a definite noun ("the attack") may point to an action told before.
ANAPHORA_SENTENCES = 3
ANAPHORIC = frozenset({"the", "this", "that"})


def _referred_to(doc: Doc, act: Action, e: Event, out: list[Event]) -> int | None:
    """The earlier event of the same type and mode, a few sentences back, that a definite
    trigger noun points to ("Gunmen killed 14 soldiers … The attack was claimed by JNIM"): one
    action told twice ("police detained the mayor … the detention", not "… banned rallies").
    Its position in ``out``, else ``None``."""
    if not act.nominal or e.trigger.event_type not in FORCEFUL:
        return None
    first = doc[act.i].lower_
    if first not in ANAPHORIC and (act.i == 0 or doc[act.i - 1].lower_ not in ANAPHORIC):
        return None
    for k in range(len(out) - 1, -1, -1):
        gap = e.sentence.index - out[k].sentence.index
        if gap > ANAPHORA_SENTENCES:
            break
        if gap > 0 and _same_coding(out[k].trigger, e.trigger):
            return k
    return None


def _same_coding(a: Trigger, b: Trigger) -> bool:
    """One type and one mode (a mode left open matches any): "arrest" and "detention" are
    one coding, "arrest" and "ban" are not."""
    if a.event_type != b.event_type:
        return False
    return a.event_mode is None or b.event_mode is None or a.event_mode == b.event_mode


def _completed(e: Event, later: Event) -> Event:
    """``e`` with what a later mention of the same action adds: its actor, target, place and
    date where ``e`` has none."""
    actor = e.actor_id or later.actor_id
    target = e.target_id or later.target_id
    return replace(
        e,
        actor_id=actor,
        target_id=None if target == actor else target,
        location_id=e.location_id or later.location_id,
        date=e.date or later.date,
    )


def _dated_later(e: Event, published: dt.date | None) -> bool:
    """An action dated after the article was published has not occurred yet ("when they meet
    in Tokyo next week"): it is planned, whatever the tense of its verb."""
    return (
        e.status == "occurred"
        and published is not None
        and e.date is not None
        and e.date.date_start is not None
        and e.date.date_start > published
    )


def _same_action(doc: Doc, a: Event, b: Event) -> bool:
    """ "an agreement inked": two triggers of one type, a few words apart, are one action."""
    gap = body(doc)[a.trigger_end : b.trigger_start].split()
    return (
        a.sentence.index == b.sentence.index
        and a.trigger.event_type == b.trigger.event_type
        and a.actor_id == b.actor_id
        and len(gap) <= 2
    )


def _result_of(doc: Doc, a: Event, b: Event) -> bool:
    """ "attacked an army post on Tuesday, killing 12 soldiers", "imposed sanctions, freezing
    assets and banning exports": a participle of the same kind (:func:`_one_kind`) in a phrase
    set off by a comma tells what the action did; it is not another action."""
    text = body(doc)
    gap = text[a.trigger_end : b.trigger_start]
    word = text[b.trigger_start : b.trigger_end]
    return (
        a.sentence.index == b.sentence.index
        and _one_kind(a.trigger.event_type, b.trigger.event_type)
        and b.actor_id in (None, a.actor_id, a.target_id)  # word windows: the object before it
        and word.endswith("ing")
        and " " not in word
        and "," in gap
        and gap.split()[-1].lower() not in DETERMINERS  # not "…, where the meeting"
    )


def _one_kind(a: str, b: str) -> bool:
    """Two types of which one may tell what the other did: the same type, or a penalty and
    the restriction it imposes ("imposed sanctions, … banning them from travelling")."""
    return a == b or {a, b} <= RESTRICTIVE


def own_dates(
    doc: Doc, dates: list[DateMention], acts: list[Action]
) -> dict[int, list[DateMention]]:
    """Give each date phrase to one action (by its first token): a deadline to the nearest
    planned action ("agreed last year to wind down … by September 2025"), any other to the
    nearest action."""
    owned: dict[int, list[DateMention]] = {}
    spans = [(a.i, a.j) for a in acts]
    if not spans:
        return owned
    for d in dates:
        pool = spans
        if d.kind == "deadline":
            planned = [s for s in spans if s[0] > 0 and doc[s[0] - 1].lower_ in WORDS.future]
            pool = planned or spans
        owner = min(pool, key=partial(_distance, doc, d=d))
        owned.setdefault(owner[0], []).append(d)
    return owned


def _distance(doc: Doc, span: tuple[int, int], d: DateMention) -> float:
    """Characters between a trigger and a date; a date after its verb ("agreed on Tuesday")
    wins a tie against the next verb ("… on Tuesday to withdraw")."""
    start, end = doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1].text)
    if d.start >= end:
        return d.start - end
    if d.end <= start:
        return start - d.end + 0.5
    return 0


def _event(
    seg: Segmented,
    ents: DocEntities,
    sent: Sentence,
    act: Action,
    dates: list[DateMention],
    quotes: list[Quote],
    reading: Reading,
    prev: Event | None = None,
) -> Event:
    """The event of ``act``; ``prev`` is the sentence's action before it, whose actor a verb
    joined to it by "and" or "but" shares (:func:`_joined`)."""
    doc = seg.doc
    t_start, t_end = doc[act.i].idx, doc[act.j - 1].idx + len(doc[act.j - 1].text)
    holding = [q for q in quotes if q.start <= t_start and t_end <= q.end]
    # the innermost: a claim reported inside a quotation is its own speaker's
    quote = min(holding, key=lambda q: q.end - q.start, default=None)
    if quote is None:
        quote = next((q for q in quotes if q.sentence == sent.index), None)
        carrier = quote
        quote = quote if quote and quote.start <= t_start < quote.end else None
    else:
        carrier = quote
    speaker = None
    if carrier is not None and _is_cue(carrier, t_start, t_end):
        # the speech is the act ("asked Algeria to release him", '"…," complained Joncret')
        speaker = carrier.speaker.actor.actor_id if carrier.speaker.actor else None
        carrier = quote = None
    mentions = _mentions(ents, sent, quote)
    actor_id, target_id = participants(doc, ents, sent, mentions, act, reading)
    if actor_id is None and prev is not None and _joined(doc, ents, prev, act):
        actor_id = prev.actor_id
    if actor_id is None and quote is not None and not act.nominal:
        actor_id = _speaker_as_pronoun(doc, quote, t_start)
        target_id = None if target_id == actor_id else target_id
    if speaker is not None:
        actor_id, target_id = speaker, (None if target_id == speaker else target_id)
    mentions = _mentions(ents, sent, quote)  # an implied actor may have joined the sentence
    if act.own_phrase:  # "the attack on Kabul on Monday", not "Under the blockade, … in Gaza"
        mentions = [m for m in mentions if _in_phrase(doc, t_start, t_end, m.start, m.end)]
        dates = [d for d in dates if _in_phrase(doc, t_start, t_end, d.start, d.end)]
    location_id = _the_country(doc, ents, sent, t_end) or _location(doc, mentions, t_start)
    date = _date(dates, t_start, t_end, carrier)
    # a noun's status is its support verb's: "will hold an emergency meeting" is planned
    verb = (act.support, act.support + 1) if act.support is not None else (act.i, act.j)
    said = act.status or status(doc, sent, *verb, date, ents.lex)
    reported = carrier.speaker.actor.actor_id if carrier and carrier.speaker.actor else None
    confidence = 0.5 + 0.15 * bool(actor_id) + 0.1 * bool(location_id) + 0.1 * bool(date)
    return Event(
        act.coding,
        t_start,
        t_end,
        sent,
        actor_id,
        target_id,
        location_id,
        date,
        said,
        quote,
        reported,
        round(confidence, 2),
    )


#: Words from a claim's opening pronoun to the trigger it is the subject of ("it had not").
PRONOUN_REACH = 4


def _speaker_as_pronoun(doc: Doc, quote: Quote, t_start: int) -> str | None:
    """The speaker, when the claim opens with a pronoun for them as the active trigger's
    subject: "Sudan's army said it had recaptured the town" (reported: "he" or "she" for a
    person, "it" or "they" for a body), "“We will retake the town,” the commander said"
    (direct: we, I). Not "the nurses said they had been tortured" (passive), nor "they
    suffered torture" (a noun: its verb may make the subject the one it is done to)."""
    speaker = quote.speaker.actor
    words = [w.lower() for w in body(doc)[quote.start : t_start].split()]
    if speaker is None or not 0 < len(words) <= PRONOUN_REACH:
        return None
    person = speaker.actor_type == "person"
    if quote.quote_type == "direct":
        own = WORDS.speaker_pronouns
    else:
        own = WORDS.person_pronouns if person else WORDS.subject_pronouns - WORDS.person_pronouns
    if words[0] not in own or any(w in WORDS.passive_auxiliaries for w in words[1:]):
        return None
    if any(c in w for w in words for c in ',;:“”"'):
        return None
    return speaker.actor_id


def _in_phrase(doc: Doc, t_start: int, t_end: int, start: int, end: int) -> bool:
    """A span within the noun phrase of a trigger: at most four words after it, or right
    before it ("Monday's attack")."""
    text = body(doc)
    gap = text[t_end:start] if start >= t_end else text[end:t_start] if end <= t_start else ""
    if any(c in gap for c in ",;:()—"):
        return False
    return len(gap.split()) <= (4 if start >= t_end else 2)


def _is_cue(q: Quote, t_start: int, t_end: int) -> bool:
    return q.cue_start < t_end and t_start < q.cue_start + len(q.cue)


def _mentions(ents: DocEntities, sent: Sentence, carrier: Quote | None) -> list[Mention]:
    """The mentions that start in the sentence, but the speaker of the quote that carries it."""
    speaker = (carrier.speaker.start, carrier.speaker.end) if carrier else None
    return [m for m in ents.index.starting(sent.start, sent.end) if (m.start, m.end) != speaker]


def _the_country(doc: Doc, ents: DocEntities, sent: Sentence, t_end: int) -> str | None:
    """ "left the country": the country the article is about (the first one it names)."""
    rest = body(doc)[t_end : sent.end].lower()
    at = rest.find("the country")
    if at < 0 or "," in rest[:at] or len(rest[:at].split()) > 4:
        return None
    for m in ents.mentions:
        country = m.table == LOCATIONS and ents.places[m.entity_id].location_type == "country"
        if country and not _in_actor_name(m, ents.mentions):
            return m.entity_id
    return None


def _in_actor_name(m: Mention, mentions: list[Mention]) -> bool:
    """A place named inside an actor's name or role ("the U.S. Army", "the president of
    France") says whose the actor is, not where anything happens."""
    return any(
        a.table != LOCATIONS
        and a.start <= m.start
        and m.end <= a.end
        and a.end - a.start > m.end - m.start
        for a in mentions
    )


def _location(doc: Doc, mentions: list[Mention], t_start: int) -> str | None:
    """The first place after the trigger, else one before it in the same clause."""
    places = [
        m
        for m in mentions
        if m.table == LOCATIONS and m.mention_type != "dateline" and not _in_actor_name(m, mentions)
    ]
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
