"""Who acts and who is acted on, and where: the arguments of one action.

The subject acts and the object is the target; a passive verb swaps them ("Iranian forces were
attacked by Iraqi militias": the militias act). Both stay inside the action's clause ("the
ministry joked, while Kenyan police arrested …": the police act). A noun under another
action's verb takes its actor from its own phrase only ("condemned Russia's strikes"). A
nationality word or a national institution names the actor's country ("Kenyan police": the
Kenyan police; "Nigerian dockworkers": a group of Nigerians), and a country named as subject
or object is its government ("Egypt turned down …", "sanctions on Venezuela").
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from dateline.extract.entities import DocEntities, institution_actor
from dateline.extract.events.frames import Action
from dateline.extract.events.reading import Reading
from dateline.extract.events.words import COOPERATIVE, FORCEFUL, RECIPROCAL, UNDIRECTED, WORDS
from dateline.extract.mentions import WORDS as MENTION_WORDS
from dateline.extract.model import ACTORS, LOCATIONS, Actor, Mention
from dateline.extract.segment import Sentence
from dateline.extract.text import (
    DETERMINERS,
    POSSESSIVES,
    body,
    slug,
    span_text,
    token_bounds,
    words,
    words_before,
)
from dateline.lexicon import Lexicon, Nation

#: Words that may stand between a subject and its verb ("Egypt has since turned down").
VERB_GROUP = frozenset(
    {"will", "would", "has", "have", "had", "did", "does", "do", "not", "also", "then", "since"}
)


@dataclass(frozen=True)
class Clause:
    """The characters of the clause around an action: [start, end)."""

    start: int
    end: int


def participants(
    doc: Doc,
    ents: DocEntities,
    sent: Sentence,
    mentions: list[Mention],
    action: Action,
    reading: Reading,
) -> tuple[str | None, str | None]:
    """(actor id, target id) of ``action``, from the mentions of its sentence. The actor of a
    noun that a support verb governs ("Russia launched a missile attack on Kyiv") is the
    verb's subject; its target is still read from the noun's phrase."""
    if action.support is not None:
        v = action.support
        size = 2 if f"{reading.low(v)} {reading.low(v + 1)}" in WORDS.support_verbs else 1
        verbal = replace(action, i=v, j=v + size, nominal=False, support=None)
        noun = replace(action, support=None)
        actor, target = participants(doc, ents, sent, mentions, noun, reading)
        actor = participants(doc, ents, sent, mentions, verbal, reading)[0] or actor
        return actor, (None if target == actor else target)
    t_start = doc[action.i].idx
    t_end = doc[action.j - 1].idx + len(doc[action.j - 1].text)
    clause = _clause(doc, ents, sent, action, reading)
    inside = [m for m in mentions if clause.start <= m.start and m.end <= clause.end]
    kind = action.coding.event_type
    own_actor, own_target = _own_phrase(doc, ents, inside, action, kind)
    modifier = implicit_actor(doc, ents, sent, action.i, kind)
    if action.own_phrase:
        return modifier or own_actor, own_target
    parsed_passive = None if action.nominal else reading.passive(action.i, action.j)
    passive = not action.nominal and (
        parsed_passive if parsed_passive is not None else _passive(reading, action.i)
    )
    own = _up_to_next_verb(doc, reading, clause, action.j)  # what this verb acts on
    actor, target = _around(doc, inside, t_start, t_end, kind, passive, own.end)
    verb = _verb_group_start(reading, sent, action.i, passive)
    subject = modifier or own_actor
    parsed = None if action.nominal else reading.subject(action.i, action.j)
    if subject is None and parsed is not None:
        actor = _actor_in(doc, ents, mentions, parsed)  # the parse's subject, or no one
        if actor is None and reading.low(parsed[0]) in WORDS.relative_pronouns:
            actor = _antecedent(doc, ents, inside, parsed[0])
        if actor is None:
            actor = _first_conjunct(doc, inside, parsed[0])  # "UNICEF and its partners"
    if subject is None and parsed is None and verb < action.i:
        subject = _national_noun(doc, ents, sent, verb)
    if subject is None and parsed is None and not action.nominal:
        subject = _office_subject(doc, ents, inside, clause, verb)
        subject = subject or _country_subject(doc, ents, mentions, verb)
    if subject is None and parsed is None and reading.low(verb - 1) in WORDS.relative_pronouns:
        actor = _antecedent(doc, ents, inside, verb - 1)  # "Keating, who was killed"
    if passive:
        agent_span = reading.agent(action.i, action.j)
        by = _by_agent(doc, inside, t_end, words=None)
        agent = _actor_in(doc, ents, mentions, agent_span) if agent_span else None
        agent = agent or (by.entity_id if by else _agent_phrase(doc, ents, sent, action.j))
        actor, target = agent, subject or actor
    else:
        objects = [_actor_in(doc, ents, inside, o) for o in reading.objects(action.i, action.j)]
        parsed_target = next((o for o in objects if o is not None), None)
        if kind in UNDIRECTED:
            parsed_target = None
        actor, target = subject or actor, parsed_target or target or own_target
    if actor is None and parsed is None and not passive and not action.nominal:
        actor = _clause_country(doc, ents, inside, clause, t_start)
    if actor is None and not passive and not action.nominal:
        actor = _pronoun_subject(doc, ents, sent, parsed, verb, action.i)
    if target is None and kind not in UNDIRECTED:
        target = _country_object(doc, ents, mentions, own, t_end, kind)
    if target is not None and _destination(doc, ents, mentions, action, target, t_end):
        target = None
    if _visitor_before_name(doc, action) and _person(ents, target):
        actor, target = target, actor  # "Ruto welcomed visiting Chancellor Scholz": Scholz's
    return actor, (None if target == actor else target)


def _person(ents: DocEntities, actor_id: str | None) -> bool:
    actor = ents.actors.get(actor_id) if actor_id is not None else None
    return actor is not None and actor.actor_type == "person"


def _visitor_before_name(doc: Doc, action: Action) -> bool:
    """A participle of ``visitor_participles`` used as an adjective: no form of "be" before
    it and a capitalised word after it ("welcomed visiting German Chancellor Olaf Scholz"), so
    the person after it (the target the other rules read) acts and the one before it is acted
    on; not "Scholz, visiting Nairobi, met Ruto", where a place follows."""
    if action.nominal or action.j - action.i != 1 or action.j >= len(doc):
        return False
    word, after = doc[action.i], doc[action.j]
    aux = action.i > 0 and doc[action.i - 1].lower_ in WORDS.passive_auxiliaries
    return word.lower_ in WORDS.visitor_participles and not aux and after.text[:1].isupper()


def _destination(
    doc: Doc, ents: DocEntities, mentions: list[Mention], action: Action, target: str, t_end: int
) -> bool:
    """Whether ``target`` is only where the people acted on are sent: named after the trigger
    of a mode of ``destination_modes``, right after "to" ("deported 40 migrants to Egypt"),
    as a place or as the government a country's name stands for."""
    if action.coding.event_mode not in WORDS.destination_modes:
        return False
    ids = {target} | {m.entity_id for m in mentions if _government(doc, ents, m) == target}
    after = [m for m in mentions if m.entity_id in ids and m.start >= t_end]
    return bool(after) and all(_preceded_by(doc, m, {"to"}) for m in after)


def _pronoun_subject(
    doc: Doc, ents: DocEntities, sent: Sentence, parsed: tuple[int, int] | None, verb: int, i: int
) -> str | None:
    """ "Nika Melia said … He urged supporters to return": a person pronoun as the subject
    (the parse's, else the word before the verb group) of the verb at token ``i`` stands for
    the first person named in its sentence before it, else, when it opens the sentence, for
    the first person named in the sentence before (see :func:`_first_person`). Not across a
    coordinated verb ("he was fined and imprisoned": passive)."""
    k = parsed[0] if parsed is not None and parsed[1] - parsed[0] == 1 else None
    if parsed is None and verb > 0:
        k = verb - 1
    if k is None or doc[k].lower_ not in WORDS.person_pronouns:
        return None
    if any(doc[m].lower_ in WORDS.verb_coordinators for m in range(k + 1, i)):
        return None
    here = _first_person(doc, ents, sent.index, doc[sent.span.start].idx, doc[k].idx)
    opens = all(not doc[m].is_alpha for m in range(sent.span.start, k))
    before = [s for s in ents.sentence_starts if s < sent.span.start]
    if here is None and opens and before:
        here = _first_person(doc, ents, sent.index - 1, doc[max(before)].idx, doc[k].idx)
    return here


def _first_person(
    doc: Doc, ents: DocEntities, sentence: int, start: int, before: int
) -> str | None:
    """The first person (one, not a group) named in a sentence, from character ``start`` to
    ``before``, outside quotations and not after a preposition ("according to X", "by X"):
    none when a person pronoun comes first ("He had alleged that Putin …": a chain of
    pronouns whose person is further back)."""
    text = body(doc)
    people = sorted(
        (
            m
            for m in ents.mentions
            if m.sentence == sentence
            and m.table == ACTORS
            and not m.in_quote
            and m.end <= before
            and (a := ents.actors[m.entity_id]).actor_type == "person"
            and not a.plural
        ),
        key=lambda m: m.start,
    )
    first = next((m for m in people if not _preceded_by(doc, m, OBJECT_WORDS)), None)
    if first is None:
        return None
    words = {w.strip(PUNCTUATION).lower() for w in text[start : first.start].split()}
    return None if words & WORDS.person_pronouns else first.entity_id


def _actor_in(
    doc: Doc, ents: DocEntities, mentions: list[Mention], span: tuple[int, int]
) -> str | None:
    """The actor that tokens ``span`` name, before any preposition or clause in it ("Iraqi
    militias near Basra", not "its mission in Iraq"): an actor mention, else a nationality
    phrase, else a country named as its government."""
    whole, span = span, (span[0], _core_end(doc, span))
    if span[1] <= span[0]:
        return None
    a, b = doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1].text)
    named = [m for m in mentions if a <= m.start and m.end <= b]
    # "Lithuania's foreign minister, Kestutis Budrys, welcomed", "hosted his South Korean
    # counterpart, Cho Tae-yul": a role noun's apposition names who holds it
    apposed = _apposed(doc, mentions, span[1], whole[1]) if doc[span[1] - 1].is_lower else None
    actor = apposed or next((m for m in named if m.table == ACTORS), None)
    if actor is None:  # the parse cut a name: "The Camden | Borough Council rejected"
        actor = next((m for m in mentions if m.table == ACTORS and a <= m.start < b), None)
    if actor is None and span[1] == whole[1]:  # "Ontario Premier | Doug Ford suspended"
        actor = _named_after_title(doc, mentions, span[1], b)
    if actor is not None:
        return actor.entity_id
    for k in range(span[0], span[1] - 1):
        if found := _national_phrase(doc, ents, k, _noun_run_end(doc, k + 1, span[1])):
            return found
    places = [m for m in named if not _preceded_by(doc, m, NOT_SUBJECT)]  # not "visiting X"
    found = next((g for m in places if (g := _government(doc, ents, m))), None)
    return found or _office_of_country(doc, ents, mentions, span, whole[1])


def _named_after_title(doc: Doc, mentions: list[Mention], k: int, end: int) -> Mention | None:
    """The actor named right after a subject that the parse cut before its holder's name
    ("Ontario Premier | Doug Ford"): a capitalised title, then the name with no word between."""
    if k == 0 or not doc[k - 1].text[:1].isupper():
        return None
    text = body(doc)
    return next(
        (
            m
            for m in mentions
            if m.table == ACTORS and m.start >= end and not text[end : m.start].strip()
        ),
        None,
    )


def _office_subject(
    doc: Doc, ents: DocEntities, mentions: list[Mention], clause: Clause, verb: int
) -> str | None:
    """Word windows: the national office that opens the clause before the verb ("Mali's
    military government expelled", "the foreign ministers of Poland and Hungary met")."""
    start = min(bisect_left(token_bounds(doc)[0], clause.start), verb)  # its first token
    named = any(m.table == ACTORS and m.end <= doc[verb].idx for m in mentions)
    if start >= verb or named:  # "Estonia's minister, Hanno Pevkur, welcomed": the person
        return None
    return _office_of_country(doc, ents, mentions, (start, _core_end(doc, (start, verb))), verb)


def _apposed(doc: Doc, mentions: list[Mention], k: int, end: int) -> Mention | None:
    """The actor named in an apposition right after a role ("the foreign minister, X,")."""
    if k >= end or doc[k].text != ",":
        return None
    at = doc[k].idx + 1
    text = body(doc)
    return next(
        (
            m
            for m in mentions
            if m.table == ACTORS and m.start >= at and not text[at : m.start].strip()
        ),
        None,
    )


def _office_of_country(
    doc: Doc, ents: DocEntities, mentions: list[Mention], span: tuple[int, int], end: int
) -> str | None:
    """A national office named by its country: "Mali's military government", "the foreign
    ministers of Japan and South Korea": that country's institution."""
    text = body(doc)
    a, b = doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1].text)
    for m in mentions:
        owner = m.table == LOCATIONS and a <= m.start < b and text[m.end : m.end + 2] in POSSESSIVES
        if not owner:
            continue
        suffix = _office(ents.lex, text[m.end + 2 : b].split())
        if suffix is not None:
            return _national(doc, ents, m, suffix)
    if span[1] >= end or doc[span[1]].lower_ != "of":
        return None
    suffix = _office(ents.lex, [w for w in text[a:b].split() if w.lower() not in DETERMINERS])
    after = [m for m in mentions if m.table == LOCATIONS and m.start > doc[span[1]].idx]
    if suffix is None or not after or not _preceded_by(doc, after[0], {"of"}):
        return None
    return _national(doc, ents, after[0], suffix)


def _office(lex: Lexicon, head: list[str]) -> str | None:
    """The institution a role phrase belongs to ("military government": the government;
    "foreign ministers": the government; "troops": the military), from its last words."""
    for k in range(len(head)):
        phrase = " ".join(head[k:])
        if (inst := lex.institution(phrase)) is not None:
            return inst.suffix
        title = lex.title(phrase) or lex.title(phrase.removesuffix("s"))
        if title is not None and title.sector in OFFICE_SECTORS:
            return OFFICE_SECTORS[title.sector]
    return None


def _core_end(doc: Doc, span: tuple[int, int]) -> int:
    """Where the noun phrase of ``span`` ends: at its first preposition, relative pronoun or
    punctuation."""
    for k in range(span[0] + 1, span[1]):
        low = doc[k].lower_
        if low in WORDS.prepositions or low in WORDS.relative_pronouns or doc[k].is_punct:
            return k
    return span[1]


def _noun_run_end(doc: Doc, k: int, end: int) -> int:
    """Where a run of lower-case words starting at ``k`` ends (at most two, before ``end``)."""
    stop = k
    while stop < min(end, k + 2) and doc[stop].is_alpha and doc[stop].is_lower:
        stop += 1
    return stop


def _verb_group_start(reading: Reading, sent: Sentence, i: int, passive: bool) -> int:
    """Where the verb group before token ``i`` starts ("has since", "were reportedly"): the
    subject ends there."""
    skip = VERB_GROUP | WORDS.passive_auxiliaries if passive else VERB_GROUP
    k = i
    while k > sent.span.start and (reading.low(k - 1) in skip or reading.low(k - 1).endswith("ly")):
        k -= 1
    return k


def _clause(
    doc: Doc, ents: DocEntities, sent: Sentence, action: Action, reading: Reading
) -> Clause:
    """From the last clause break before the action (a conjunction, or a speech verb: "said
    that …") to the first comma or break after it. A break right before the verb group joins
    two verbs of one subject ("confirmed the raid but denied …") and is passed over."""
    start, end = sent.start, sent.end
    shared = False  # a conjunction just before the verb: the first verb's subject is ours
    infinitive = reading.low(_verb_group_start(reading, sent, action.i, False) - 1) == "to"
    for k in range(action.i - 1, sent.span.start - 1, -1):
        low = reading.low(k)
        cue = ents.lex.cue(low) if doc[k].is_lower else None  # not "the United States"
        speech = cue is not None and not cue.weak and not infinitive  # "agreed … to wind down"
        if low not in WORDS.clause_breaks and not speech and not _subordinate(reading, k, action):
            continue
        if all(
            reading.low(m) in SAME_SUBJECT or reading.low(m).endswith("ly")
            for m in range(k + 1, action.i)
        ):
            shared = True
            continue
        if speech and shared:
            shared = False  # "confirmed the raid but denied …": the first verb, not a break
            continue
        start = token_bounds(doc)[1][k]
        break
    for k in range(action.j, sent.span.end):
        if reading.low(k) == "," or reading.low(k) in WORDS.clause_breaks:
            end = token_bounds(doc)[0][k]
            break
    return Clause(start, end)


def _up_to_next_verb(doc: Doc, reading: Reading, clause: Clause, j: int) -> Clause:
    """The clause up to a coordinated verb after token ``j`` ("condemned the measures and
    threatened to cut off gas to Lithuania": Lithuania is not what was condemned)."""
    starts = token_bounds(doc)[0]
    for k in range(j, len(doc)):
        if starts[k] >= clause.end:
            break
        if reading.opens_verb(k):
            return Clause(clause.start, doc[k].idx)
    return clause


def _subordinate(reading: Reading, k: int, action: Action) -> bool:
    """Token ``k`` opens a clause of the verb ``action`` ("as thousands of students marched"),
    not a phrase ("such as", "as well as", "after the raid")."""
    if action.nominal or reading.low(k) not in WORDS.subordinators:
        return False
    return reading.low(k - 1) not in {"such", "well", "as"} and reading.low(k + 1) != "well"


def _antecedent(doc: Doc, ents: DocEntities, mentions: list[Mention], pronoun: int) -> str | None:
    """The actor a relative pronoun stands for: a mention ending right before it, a country
    as its government ("Qatar and Egypt, which brokered the truce")."""
    end = doc[pronoun - 1].idx
    if doc[pronoun - 1].text == "," and pronoun >= 2:
        end = doc[pronoun - 2].idx + len(doc[pronoun - 2].text)
    else:
        end += len(doc[pronoun - 1].text)
    m = next((m for m in mentions if m.table == ACTORS and m.end == end), None)
    if m is not None:
        return m.entity_id
    place = next((m for m in mentions if m.table == LOCATIONS and m.end == end), None)
    if place is None:
        return None
    first = _coordinated_before(doc, mentions, place)  # "Qatar and Egypt": the first acts
    return _government(doc, ents, first or place)


def _coordinated_before(doc: Doc, mentions: list[Mention], m: Mention) -> Mention | None:
    """The place joined to ``m`` by "and" right before it ("Qatar and Egypt")."""
    text = body(doc)
    return next(
        (
            a
            for a in mentions
            if a.table == LOCATIONS
            and a.end <= m.start
            and text[a.end : m.start].strip().lower() in WORDS.coordinators
        ),
        None,
    )


def _around(
    doc: Doc,
    mentions: list[Mention],
    t_start: int,
    t_end: int,
    kind: str,
    passive: bool,
    limit: int,
) -> tuple[str | None, str | None]:
    """The subject before the trigger acts; the object after it (a marked one, "talks with
    Iran", for a cooperative action) is the target, if it comes before ``limit``, where a verb
    of its own begins ("accused the government of … and said they would summon Lagos": not
    Lagos); "signed by Greece and Turkey": both act. Before a passive verb: (its subject,
    None)."""
    actors = [m for m in mentions if m.table == ACTORS]
    before = [
        m
        for m in actors
        if m.end <= t_start
        and (not _object(doc, m) or _adjacent(doc, m, t_start))
        and not _in_relative_aside(doc, m, t_start)
        and not _in_apposition(doc, mentions, m, t_start)
    ]
    after = [m for m in actors if m.start >= t_end]
    actor = before[-1] if before else None
    if actor is not None and _pronoun_between(doc, actor.end, t_start):
        actor = None  # "where they have stationed troops": the pronoun is the subject
    if passive:
        return (actor.entity_id if actor else None), None
    target = None
    first = _coordinated_with(doc, actors, actor) if actor is not None else None
    if first is not None:
        actor, target = first, (actor if _reciprocal(doc, t_start, t_end, kind) else None)
    venue = WORDS.venue_markers if kind not in FORCEFUL else frozenset()  # "fired at X"
    acted_on = [m for m in after if m.start < limit and not _preceded_by(doc, m, venue)]
    if target is None and acted_on:
        with_obj = next((m for m in acted_on if _preceded_by(doc, m, WORDS.target_markers)), None)
        if kind in COOPERATIVE:
            target = with_obj
        elif kind not in UNDIRECTED:
            target = with_obj or acted_on[0]
    by = next((m for m in after if _preceded_by(doc, m, {"by"})), None)
    gap = body(doc)[t_end : by.start].split() if by is not None else []
    if by is not None and (gap[:1] == ["by"] or (actor is None and len(gap) <= 3)):
        actor = by  # passive: "an agreement signed by Greece and Turkey"
        partner = _coordinated_after(doc, after, by)
        if partner is not None and kind in COOPERATIVE:
            target = partner
    if target is not None and actor is not None and target.entity_id == actor.entity_id:
        target = None
    return (actor.entity_id if actor else None, target.entity_id if target else None)


def _reciprocal(doc: Doc, t_start: int, t_end: int, kind: str) -> bool:
    """Whether the action is done with one another, so that the second of two coordinated
    subjects is the first's target: a meeting or a deal, or a reciprocal verb ("clashed")."""
    if kind in RECIPROCAL:
        return True
    return any(w in WORDS.reciprocal_verbs for w in body(doc)[t_start:t_end].lower().split())


def _past_relative_aside(between: str) -> str:
    """The words between a subject and its verb past a relative clause set off by commas
    (", which has a treaty with Denmark, "); ``between`` itself when there is none."""
    if not between.lstrip().startswith(","):
        return between
    opening = between.lstrip(" ,").split()[:1]
    close = between.rfind(",")
    if opening and opening[0].lower() in WORDS.relative_pronouns and close > between.find(","):
        return between[close + 1 :]
    return between


def _in_relative_aside(doc: Doc, m: Mention, t_start: int) -> bool:
    """ "Norway, which has a treaty with Denmark, criticised …": a mention inside a relative
    clause set off by commas before the trigger is not its subject."""
    _, opening = _aside_opening(doc, m)
    return opening in WORDS.relative_pronouns and "," in body(doc)[m.end : t_start]


def _aside_opening(doc: Doc, m: Mention) -> tuple[int, str]:
    """The last comma before a mention and the first word after it, lower-cased ("" when no
    comma): where an aside the mention may stand in opens."""
    text = body(doc)
    comma = text.rfind(",", 0, m.start)
    words = text[comma + 1 : m.start].split()[:1] if comma >= 0 else []
    return comma, words[0].lower() if words else ""


#: Most words between an apposition's closing comma and the trigger ("has been coordinating").
APPOSITION_VERB_GROUP = 3


def _in_apposition(doc: Doc, mentions: list[Mention], m: Mention, t_start: int) -> bool:
    """ "Norway, the largest donor to the Amazon Fund, welcomed …": a mention inside a noun
    phrase set off by commas after another name, right before the trigger's verb group, is
    not its subject (but "In Britain, the committee, …, has been coordinating": the name
    before is in a phrase of its own)."""
    text = body(doc)
    comma, opening = _aside_opening(doc, m)
    closing = text.find(",", m.end, t_start)
    if opening not in DETERMINERS or closing < 0:
        return False
    verb_group = text[closing + 1 : t_start].lower().split()  # "has been", not "and our …"
    if len(verb_group) > APPOSITION_VERB_GROUP or set(verb_group) & WORDS.coordinators:
        return False
    host = next((n for n in mentions if n.end <= comma and not text[n.end : comma].strip()), None)
    return host is not None and not _preceded_by(doc, host, WORDS.prepositions)


def _own_phrase(
    doc: Doc, ents: DocEntities, mentions: list[Mention], action: Action, kind: str
) -> tuple[str | None, str | None]:
    """A noun's own actor and target: "Russia's strikes", "an end to the regime's bombing",
    "strikes by Russia", "strikes on Kyiv", "the killing of X", "an agreement between A and
    B"."""
    if not action.nominal:
        return None, None
    text = body(doc)
    t_end = doc[action.j - 1].idx + len(doc[action.j - 1].text)
    actors = [m for m in mentions if m.table == ACTORS]
    heads = {doc[action.i].idx, doc[action.core[0]].idx}
    actor = next(
        (
            m
            for m in reversed(actors)
            if text[m.end : m.end + 2] in POSSESSIVES
            and any(m.end <= h and len(text[m.end + 2 : h].split()) <= 2 for h in heads)
        ),
        None,
    )
    if actor is None:
        actor = _by_agent(doc, mentions, t_end)
    if actor is None and (owner := _country_owner(doc, ents, mentions, heads, kind)):
        return owner, None
    near = [m for m in actors if m.start >= t_end and len(text[t_end : m.start].split()) <= 3]
    between = next((m for m in near if _preceded_by(doc, m, {"between"})), None)
    if between is not None and actor is None:
        return between.entity_id, (
            p.entity_id if (p := _coordinated_after(doc, actors, between)) else None
        )
    if actor is None and kind in OF_ACTOR:
        asker = _of_phrase(doc, ents, mentions, t_end)
        if asker is not None:  # "at the request of the Beninese government"
            return asker, None
    target = None
    if kind not in UNDIRECTED:
        target = next((m for m in near if _preceded_by(doc, m, OWN_TARGET_MARKERS)), None)
    return (actor.entity_id if actor else None, target.entity_id if target else None)


def _of_phrase(doc: Doc, ents: DocEntities, mentions: list[Mention], t_end: int) -> str | None:
    """The actor of an "of" phrase right after a noun (at most three words on): an actor, or a
    country as its government ("the request of Algeria")."""
    text = body(doc)
    for m in mentions:
        if m.start < t_end or len(text[t_end : m.start].split()) > 3:
            continue
        if not _preceded_by(doc, m, {"of"}):
            continue
        return m.entity_id if m.table == ACTORS else _government(doc, ents, m)
    return None


def _country_owner(
    doc: Doc, ents: DocEntities, mentions: list[Mention], heads: set[int], kind: str
) -> str | None:
    """ "Russia's airstrikes": the national institution of a country named as the owner."""
    text = body(doc)
    suffix = "military" if kind in FORCEFUL else "government"
    for m in mentions:
        if m.table != LOCATIONS or text[m.end : m.end + 2] not in POSSESSIVES:
            continue
        owns = any(m.end <= h and len(text[m.end + 2 : h].split()) <= 2 for h in heads)
        if owns and (owner := _national(doc, ents, m, suffix)) is not None:
            return owner
    return None


def _by_agent(
    doc: Doc, mentions: list[Mention], t_end: int, words: int | None = 4
) -> Mention | None:
    """The actor of a "by" phrase after the trigger ("attacked by militants"), at most
    ``words`` words after it (anywhere in the clause for a passive verb)."""
    text = body(doc)
    return next(
        (
            m
            for m in mentions
            if m.table == ACTORS
            and m.start >= t_end
            and _preceded_by(doc, m, {"by"})
            and (words is None or len(text[t_end : m.start].split()) <= words)
        ),
        None,
    )


def _passive(reading: Reading, i: int) -> bool:
    """A form of be or get just before a participle ("were attacked", "got arrested")."""
    if reading.low(i).endswith("ing"):
        return False
    k = i - 1
    while reading.low(k).endswith("ly") or reading.low(k) in {"not", "also", "reportedly"}:
        k -= 1
    return reading.low(k) in WORDS.passive_auxiliaries


def _coordinated_after(doc: Doc, after: list[Mention], m: Mention) -> Mention | None:
    """``by Greece and Turkey``, ``between Libya and the European Union``: the second
    conjunct."""
    text = body(doc)
    return next(
        (
            a
            for a in after
            if a.start > m.end and text[m.end : a.start].strip().lower() in WORDS.coordinators
        ),
        None,
    )


def _first_conjunct(doc: Doc, mentions: list[Mention], start: int) -> str | None:
    """The actor named right before "and" at the head of a subject the parse cut after it:
    "UNICEF and its partners have delivered" (the parse's subject: "its partners")."""
    if start < 2 or doc[start - 1].lower_ != "and":
        return None
    end = doc[start - 2].idx + len(doc[start - 2].text)
    m = next((m for m in mentions if m.table == ACTORS and m.end == end), None)
    return m.entity_id if m else None


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


# -- actors the words imply --------------------------------------------------------------------
def implicit_actor(doc: Doc, ents: DocEntities, sent: Sentence, i: int, kind: str) -> str | None:
    """``U.S. withdrawal`` → the U.S. military; ``Kenyan police arrested`` → the Kenyan police;
    ``Nigerian dockworkers walked off`` → a group of Nigerian dockworkers; ``some forces have
    redeployed`` → the latest military actor named so far.

    A nationality word names an actor of the document: the actor it already names ("The
    Japanese attacked": the people), else the national institution or group, added with its
    mention on those words, so the event never points at an actor the document lacks."""
    lex = ents.lex
    forceful = kind in FORCEFUL
    for n in (2, 1):
        if i - n >= sent.span.start and (nation := lex.nation_by_demonym(span_text(doc, i - n, i))):
            start = i - n
            while start < i - 1 and doc[start].lower_ in DETERMINERS:
                start += 1  # "the U.S. withdrawal": the mention is "U.S."
            named = _named_on(ents, doc, start, i)
            if named is not None:
                return named
            actor = institution_actor(nation, "military" if forceful else "government", lex)
            return ents.implied_actor(doc, start, i, actor).actor_id
    if (group := _national_noun(doc, ents, sent, i)) is not None:
        return group
    window = words(doc)[max(0, i - 3) : i]
    if forceful and any((inst := lex.institution(w)) and inst.suffix == "military" for w in window):
        for _, actor in reversed(ents.actor_mentions_before(doc[i].idx)):
            if actor.actor_type == "military":
                return actor.actor_id
    return None


def _named_on(ents: DocEntities, doc: Doc, start: int, end: int) -> str | None:
    """The actor a mention on tokens ``start``-``end`` already names."""
    a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    named = [m for m in ents.mentions if m.table == ACTORS and m.start < b and a < m.end]
    return named[0].entity_id if named else None


def _national_noun(doc: Doc, ents: DocEntities, sent: Sentence, i: int) -> str | None:
    """A nationality word and a noun of one or two words right before token ``i``: a national
    institution ("Kenyan police") or a group of that nation ("Nigerian dockworkers")."""
    for size in (1, 2):
        k = i - size - 1
        if k < sent.span.start:
            return None
        found = _national_phrase(doc, ents, k, i)
        if found is not None:
            return found
    return None


def _agent_phrase(doc: Doc, ents: DocEntities, sent: Sentence, j: int) -> str | None:
    """The nationality phrase of a "by" phrase right after a passive verb ("attacked by Iraqi
    militias")."""
    if j >= sent.span.end or doc[j].lower_ != "by":
        return None
    k = j + 1
    while k < sent.span.end and doc[k].lower_ in DETERMINERS:
        k += 1
    for size in (2, 1):
        end = k + 1 + size
        if end <= sent.span.end and (found := _national_phrase(doc, ents, k, end)):
            return found
    return None


def _national_phrase(doc: Doc, ents: DocEntities, k: int, end: int) -> str | None:
    """Token ``k`` a nationality word and ``k+1``-``end`` lower-case nouns: the institution or
    national group they name (with its mention), or the actor a mention there already names."""
    lex = ents.lex
    nation = lex.nation_by_demonym(words(doc)[k])
    head = words(doc)[k + 1 : end]
    if nation is None or not head or not all(w.isalpha() and w.islower() for w in head):
        return None  # ``Token.is_alpha``, ``Token.is_lower``
    last = head[-1]  # lower case already
    action = lex.triggers_for(last)
    if action:  # "Israeli airstrikes": the nation's forces, named by "Israeli"
        suffix = "military" if action[0].event_type in FORCEFUL else "government"
        named = _named_on(ents, doc, k, k + 1)
        made = institution_actor(nation, suffix, lex)
        return named or ents.implied_actor(doc, k, k + 1, made).actor_id
    named = _named_on(ents, doc, k, end)
    if named is not None:
        return named
    inst = lex.institution(span_text(doc, k + 1, end))
    if inst is not None:
        made = institution_actor(nation, inst.suffix, lex)
    elif last.endswith("s") and last not in WORDS.passive_auxiliaries:
        made = national_group(ents, nation, span_text(doc, k, end), lex)
    else:
        return None
    return ents.implied_actor(doc, k, end, made).actor_id


def national_group(ents: DocEntities, nation: Nation, text: str, lex: Lexicon) -> Actor:
    """ "Nigerian dockworkers": a group of this document, of that nation."""
    head = text.split()[-1]
    term = lex.sources.noun(head)
    doc_id = ents.article.doc_id
    return Actor(
        f"{doc_id}:{slug(text)}",
        text.lower(),
        "group",
        sector=term.sector if term else "UNK",
        country=nation.iso3,
        doc_id=doc_id,
        plural=True,
        role=text.lower(),
    )


# -- countries named as subject or object ------------------------------------------------------
def _country_subject(doc: Doc, ents: DocEntities, mentions: list[Mention], verb: int) -> str | None:
    """A country named right before the verb group, as its subject ("Egypt has turned down",
    "Syria was attacked"): its government."""
    if verb == 0:
        return None
    end = doc[verb - 1].idx + len(doc[verb - 1].text)
    m = next((m for m in mentions if m.end == end and m.table == LOCATIONS), None)
    if m is None or _preceded_by(doc, m, NOT_SUBJECT):
        return None
    return _government(doc, ents, m)


def _clause_country(
    doc: Doc, ents: DocEntities, mentions: list[Mention], clause: Clause, t_start: int
) -> str | None:
    """A country that opens the clause, as its subject ("The U.S. on Tuesday imposed …",
    "The U.S. reaffirms its commitment to support …"): its government."""
    text = body(doc)
    first = min((m for m in mentions if m.start < t_start), key=lambda m: m.start, default=None)
    if first is None or first.table != LOCATIONS:
        return None
    if any(w.lower() not in DETERMINERS for w in text[clause.start : first.start].split()):
        return None
    between = _past_relative_aside(text[first.end : t_start])
    partner = _coordinated_country(doc, ents, mentions, first, t_start)
    if partner is not None:  # "Britain and the United States on Wednesday blamed …"
        between = text[partner.end : t_start]
    if "," in between or " and " in f" {between} ":
        return None  # "Iraq faces …, and all communities must cooperate"
    return _government(doc, ents, first)


def _coordinated_country(
    doc: Doc, ents: DocEntities, mentions: list[Mention], first: Mention, t_start: int
) -> Mention | None:
    """The country joined to ``first`` by "and" before the verb ("Britain and the United
    States"): both act, and the first speaks for the pair."""
    text = body(doc)
    for m in mentions:
        if m.table != LOCATIONS or not first.end < m.start < t_start:
            continue
        joined = text[first.end : m.start].strip().lower() in WORDS.coordinators
        place = ents.places.get(m.entity_id)
        return m if joined and place is not None and place.location_type == "country" else None
    return None


def _country_object(
    doc: Doc, ents: DocEntities, mentions: list[Mention], clause: Clause, t_end: int, kind: str
) -> str | None:
    """A country after the trigger marked as the one acted on ("sanctions on Venezuela", "talks
    with Iraq", "a campaign against Syria"): its government; so is a national capital but for
    force, which strikes the city itself ("aid to Minsk", not "shelling of Kyiv")."""
    for m in mentions:
        if m.table != LOCATIONS or not (t_end <= m.start and m.end <= clause.end):
            continue
        if _preceded_by(doc, m, TARGET_COUNTRY_MARKERS):
            found = _government(doc, ents, m)
            if found is None and kind not in FORCEFUL:
                found = _capital_government(doc, ents, m)
            return found
    return None


def _capital_government(doc: Doc, ents: DocEntities, m: Mention) -> str | None:
    """The government of the nation whose capital a place mention names ("aid to Minsk")."""
    place = ents.places.get(m.entity_id)
    nation = ents.lex.nation_by_capital(body(doc)[m.start : m.end])
    if place is None or nation is None or place.country != nation.iso3:
        return None
    if body(doc)[m.end : m.end + 2] in POSSESSIVES:
        return None
    return _institution_on(doc, ents, m, nation, "government")


def _government(doc: Doc, ents: DocEntities, m: Mention) -> str | None:
    """The government of the country a place mention names (None for any other place, and for
    an owner: "Iraq's oil" is the country's)."""
    if body(doc)[m.end : m.end + 2] in POSSESSIVES:
        return None
    return _national(doc, ents, m, "government")


def _national(doc: Doc, ents: DocEntities, m: Mention, suffix: str) -> str | None:
    """The ``suffix`` institution of the country a place mention names, added with a metonym
    mention on it (None for any other place)."""
    place = ents.places.get(m.entity_id)
    nation = ents.lex.nation(place.country) if place and place.country else None
    if place is None or place.location_type != "country" or nation is None:
        return None
    return _institution_on(doc, ents, m, nation, suffix)


def _institution_on(
    doc: Doc, ents: DocEntities, m: Mention, nation: Nation, suffix: str
) -> str | None:
    """The ``suffix`` institution of ``nation``, added with a metonym mention on ``m``."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    actor = institution_actor(nation, suffix, ents.lex)
    return ents.implied_actor(doc, span.start, span.end, actor).actor_id


#: Characters stripped from a word's ends before it is compared ("He," → "he").
PUNCTUATION = "\"'“”‘’,.;:!?()"
#: The institution a titled official of each sector acts for.
OFFICE_SECTORS = {"GOV": "government", "MIL": "military"}
TARGET_COUNTRY_MARKERS = frozenset({"on", "against", "with", "to"})
OWN_TARGET_MARKERS = WORDS.target_markers | {"of"}
#: Verbal acts whose noun's "of" phrase names who acts, not whom it is done to: "the request
#: of Algeria", "the agreement of both parties" (where "the killing of X", "the release of X"
#: and "in support of X" name the one it is done to).
OF_ACTOR = frozenset({"REQUEST", "AGREE"})
#: Words between a break and the verb that keep the subject before the break ("confirmed …
#: but denied", "agreed to withdraw").
SAME_SUBJECT = VERB_GROUP | WORDS.passive_auxiliaries | {"to", "then", "later"}
NOT_SUBJECT = MENTION_WORDS.locative | WORDS.object_markers
#: Words before a person that make them no subject ("according to X", "met with X").
OBJECT_WORDS = WORDS.prepositions | {"to"}
