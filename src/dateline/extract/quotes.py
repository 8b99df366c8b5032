"""Quotes: find attribution cues, their speaker and their content; type each as direct, partial
or indirect. Two quoted fragments in one sentence are two rows; "he said", "the official said"
and "the statement added" resolve to the actor they point back to.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, replace
from itertools import accumulate, islice
from operator import itemgetter
from typing import ClassVar, NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from dateline.extract.entities import DocEntities
from dateline.extract.mentions import WORDS as MENTION_WORDS
from dateline.extract.model import ACTORS, Actor, Mention
from dateline.extract.segment import Segmented, Sentence
from dateline.extract.syntax import Syntax
from dateline.extract.text import (
    DETERMINERS,
    POSSESSIVES,
    admitted,
    body,
    key_windows,
    lowers,
    per_doc,
    puncts,
    spaced,
    span_text,
    token_bounds,
    words,
)
from dateline.lexicon import Cue, Lexicon
from dateline.lexicon.rules import rule_words


@dataclass(frozen=True)
class QuoteWords:
    """The word lists of quote attribution, read from ``lexicon/data/rules/quotes.yaml``."""

    FILE: ClassVar[str] = "quotes.yaml"
    skip_left: frozenset[str]
    participle_followers: frozenset[str]
    day_words: frozenset[str]
    one_speaker_pronouns: frozenset[str]
    many_speaker_pronouns: frozenset[str]
    issuer_words: frozenset[str]
    document_nouns: frozenset[str]
    prepositions: frozenset[str]
    np_breaks: frozenset[str]
    passive: frozenset[str]
    per_units: frozenset[str]
    subject_breaks: frozenset[str]
    second_claim_cues: frozenset[str]
    title_prepositions: frozenset[str]
    sentence_adverbs: frozenset[str]
    ly_nouns: frozenset[str]
    adjunct_openers: frozenset[str]
    question_words: frozenset[str]
    finite_markers: frozenset[str]
    relative_pronouns: frozenset[str]
    example_markers: frozenset[str]
    post_modifiers: frozenset[str]
    time_nouns: frozenset[str]
    time_determiners: frozenset[str]
    noun_followers: frozenset[str]
    infinitive_cues: frozenset[str]
    object_cues: frozenset[str]
    inner_self_subjects: frozenset[str]
    noun_prepositions: frozenset[str]
    speaking_bodies: frozenset[str]


WORDS = rule_words(QuoteWords)
PRONOUN_NUMBER = {
    **dict.fromkeys(WORDS.one_speaker_pronouns, "one"),
    **dict.fromkeys(WORDS.many_speaker_pronouns, "many"),
}
CUES = "cues"  # where a document keeps its cues (``doc.user_data``)
QUOTED = "quoted"  # and its quotations
CUE_WINDOWS = "cue_windows"  # and the windows of its text that are cue forms
PAIRS = {"“": "”", '"': '"'}
CLOSERS = frozenset(PAIRS.values())
QUOTE_MARKS = re.compile("[" + "".join(sorted({*PAIRS, *CLOSERS})) + "]")
TRIM = " \t\n,;:.—–-"
CONFIDENCE = {
    "explicit": 0.9,
    "nominal": 0.8,
    "pronoun": 0.75,
    "issuer": 0.7,
    "according_to": 0.85,
    "none": 0.3,
}
MAJORITY = 0.6  # quoted share of a clause above which each fragment is its own row
AGENT_NOUN = re.compile(r"\w{3}(?:er|or|ist|ian|ant|ee|(?<!m)ent)s$")  # "merchants", "residents"
CONTENT_WORD = re.compile(r"[A-Za-z0-9’']+")  # a word of quoted content, for ``_thin``


@dataclass(frozen=True)
class Speaker:
    actor: Actor | None
    start: int  # chars
    end: int
    attribution: str
    pending: tuple[int, int] | None = None  # tokens of a speaker to create once a quote is made


class CueAt(NamedTuple):
    """A cue and its tokens in the document."""

    start: int
    end: int
    cue: Cue


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    quote_type: str
    cue: str
    speaker: Speaker
    sentence: int
    cue_start: int


@dataclass(frozen=True)
class Speakers:
    """What the quote stage adds to a document's entities: actors for speakers no earlier stage
    named ("the researchers", "Kevin Allton") and their mentions, in the order they were made;
    an actor the entities already hold appears again when a speaker filled in one of its fields.
    """

    actors: tuple[Actor, ...]
    mentions: tuple[Mention, ...]

    def add_to(self, ents: DocEntities) -> None:
        """Merge into ``ents``: the actors (filling fields of known ones), then the mentions."""
        for actor in self.actors:
            ents.add_actor(actor)
        ents.mentions.extend(self.mentions)


@dataclass(frozen=True)
class FoundQuotes:
    """The quote stage's output: the quotes in text order and the speakers they created."""

    quotes: list[Quote]
    speakers: Speakers


def quoted_spans(body: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each quotation, marks included.

    A quotation may run over paragraphs: news style reopens it at each paragraph, some
    writers do not; a closing mark with no opening one ends the quotation left open before.
    Web text mixes curly and straight marks (“…" and "…”): either closing mark ends a
    quotation, whichever mark opened it.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    dangling = False  # the last span was cut at a paragraph end, not closed
    for p, (a, b) in enumerate(paragraphs):
        for mark in QUOTE_MARKS.finditer(body, a, b):  # only these characters open or close
            i, ch = mark.start(), mark.group()
            if open_at is None and ch in PAIRS and _opens(body, i, a, b):
                open_at = i
            elif (
                open_at is not None and ch in CLOSERS and i > open_at and not _opens(body, i, a, b)
            ):
                spans.append((open_at, i + 1))
                open_at, dangling = None, False
            elif open_at is None and ch in {"”", '"'} and dangling and spans:
                spans[-1] = (spans[-1][0], i + 1)  # the quotation left open ends here
                dangling = False
        if open_at is not None:
            nxt = paragraphs[p + 1][0] if p + 1 < len(paragraphs) else None
            if nxt is None or body[nxt] not in PAIRS:
                spans.append((open_at, b))
                open_at, dangling = None, True
    return spans


def _opens(body: str, i: int, a: int, b: int) -> bool:
    """A curly “ always opens; a straight quote opens at a word start (space before, text after)."""
    if body[i] == "“":
        return True
    if body[i] != '"':
        return False
    before = body[i - 1] if i > a else " "
    after = body[i + 1] if i + 1 < b else " "
    return (before.isspace() or before in "([—–-") and not after.isspace()


def extract_quotes(
    seg: Segmented,
    ents: DocEntities,
    quoted: list[tuple[int, int]],
    syn: Syntax | None = None,
) -> FoundQuotes:
    """Every quote of a document, in text order, and the speakers they created.

    ``ents`` is read, never changed: the stage works on its own copy (a speaker made for one
    quote can be "he" of the next), and hands back what it added as :class:`Speakers`.
    ``syn`` is the document's parse (``extract/syntax``); without it, or where a sentence was
    not parsed, every rule keeps to word windows.
    """
    syn = syn if syn is not None else Syntax(seg.doc)
    work = ents.working_copy()
    quotes = _quotes(seg, work, quoted, syn)
    speaking = {q.speaker.actor.actor_id for q in quotes if q.speaker.actor is not None}
    new = {k for k in work.actors if k not in ents.actors}
    dropped = new - speaking  # made for a cue whose quote a later step dropped ("the vote")
    made = tuple(a for k, a in work.actors.items() if ents.actors.get(k) != a and k not in dropped)
    mentions = tuple(m for m in work.mentions[len(ents.mentions) :] if m.entity_id not in dropped)
    return FoundQuotes(quotes, Speakers(made, mentions))


def _quotes(
    seg: Segmented, ents: DocEntities, quoted: list[tuple[int, int]], syn: Syntax
) -> list[Quote]:
    out: list[Quote] = []
    inner: list[Quote] = []
    cues = doc_cues(seg, ents.lex, quoted)
    for sent in seg.sentences:
        here: list[Quote] = []
        for at in cues.outside[sent.index]:
            if _parsed_noun(syn, at):
                continue  # "will fund projects in Alabama": a noun, not "projects" (forecasts)
            inside = any(q.start <= seg.doc[at.start].idx < q.end for q in here)
            own = _introduces_quotation(seg.doc, at) or _agentive(seg.doc, at.start, at.end)
            if inside and at.cue.kind == "speech" and not own:
                continue  # "X said Y said Z" is rare; "X noted the findings show Z" is nested,
                # and so is "a message stating, “…”" inside a report
            here.extend(_quotes_for_cue(seg, ents, sent, at, quoted, out + here, syn))
        out.extend(here + _roundup(seg, ents, sent, quoted))
        inner.extend(_claims_in_quotation(seg, ents, sent, quoted, syn, out, cues))
    out.extend(_continuations(seg, quoted, out))
    kept = _unique([q for q in out if not _speaks_inside(q)], body(seg.doc))
    return _with_inner_claims(kept, inner)


def _speaks_inside(q: Quote) -> bool:
    """A speaker found inside the words it is said to have said, its cue outside them: a
    misreading of the sentence ("Governors of Texas and Arizona, both Republicans, have asked
    …"), never a quote. (A quotation interrupted by its cue holds both: '"…," says Lee, "…"'.)"""
    s = q.speaker
    interrupted = q.start <= q.cue_start < q.end
    return not interrupted and s.start < s.end and q.start < s.end and s.start < q.end


def _weak_cue_holds(
    doc: Doc,
    ents: DocEntities,
    sent: Sentence,
    at: CueAt,
    speaker: Speaker,
    content: Content,
    quoted: list[tuple[int, int]],
) -> bool:
    """A cue word with common other senses ("called", "showed", "found") reports speech or a
    finding only next to a quotation, a complement marker ("that", "why") or a clause; a
    named speaker with a long content also counts for speech verbs that report no act
    ("agreed to …" is an act)."""
    i, j, cue = at
    a, b = _widen_to_quotes(content.start, content.end, quoted)
    if content.marked or _has_that(doc, sent, j) or any(a <= s and e <= b + 1 for s, e in quoted):
        return True
    if cue.kind != "speech":
        return True
    first, last = _token_at(doc, a), _token_at(doc, max(a, b - 1))
    if any(t.lower_ in WORDS.finite_markers for t in _opening(doc, first, last)):
        return True  # a clause: "conceded the deficit was larger", not "conceded a penalty"
    return (
        speaker.attribution == "explicit"
        and _words(body(doc)[a:b]) >= 6
        and not ents.lex.triggers_for(span_text(doc, i, j).lower())
    )


#: Tokens of a content in which the verb of a clause that opens it must show.
CLAUSE_OPENING = 8


def _opening(doc: Doc, first: int, last: int) -> Span:
    """The opening of a content, up to :data:`CLAUSE_OPENING` tokens and its first comma: a
    clause said must start there ("pledged 3 million euros in aid, while Britain said it
    would …" holds a clause only after the comma, and it is Britain's)."""
    end = min(last + 1, first + CLAUSE_OPENING)
    comma = next((k for k in range(first, end) if doc[k].text == ","), end)
    return doc[first:comma]


def _after_verb_cue(doc: Doc, lex: Lexicon, i: int) -> bool:
    """A cue phrase right after a speech verb ("said at a news conference", "told reporters in
    a statement") says where the verb's words were said; it reports nothing of its own."""
    before = lex.cue(doc[i - 1].lower_) if i > 0 else None
    return before is not None and not before.phrase


def _states_anonymity(doc: Doc, lex: Lexicon, i: int) -> bool:
    """Whether an anonymity reason of the lexicon starts at the cue ``i`` ("asked not to be
    named", "declined to be identified")."""
    start = token_bounds(doc)[0][i]
    return lex.sources.opens_with_reason(body(doc)[start : start + 80])


def _parsed_noun(syn: Syntax, at: CueAt) -> bool:
    """A one-word cue with a noun homograph ("projects", "reports", "estimates") that the
    parser reads as the object of the verb right before it ("will fund projects in Alabama"):
    the word is not a cue here. A noun reading elsewhere is too often a misread verb after a
    name ("WHO reports", "doctors fear"): the rules decide those."""
    i, j, cue = at
    if _modifies_subject(syn, i, j) or _modified_plural(syn, i, j):
        return True
    homograph = cue.weak or cue.kind in {"finding", "belief"}
    return (
        j == i + 1
        and homograph
        and syn.upos(i) in {"NOUN", "PROPN"}
        and syn.dep(i) in {"obj", "iobj"}
        and syn.head(i) == i - 1
        and syn.upos(i - 1) == "VERB"
    )


def _modified_plural(syn: Syntax, i: int, j: int) -> bool:
    """A one-word cue that the tagger reads as a plural noun after an adjective modifying it
    ("the individual states affected", "two main suspects"): a noun. A noun before it is too
    often a misread subject ("the agency estimates")."""
    return (
        j == i + 1
        and i > 0
        and syn.xpos(i) == "NNS"
        and syn.head(i - 1) == i
        and syn.dep(i - 1) == "amod"
        and syn.doc[i - 1].is_lower
    )


def _modifies_subject(syn: Syntax, i: int, j: int) -> bool:
    """A one-word cue that the parser reads as a modifier of the noun right after it, the
    subject of a verb ("state officials said", "report authors found"): a noun, not a cue."""
    return (
        j == i + 1
        and syn.dep(i) in {"compound", "amod"}
        and syn.head(i) == j
        and syn.upos(j) in {"NOUN", "PROPN"}
        and syn.dep(j) in {"nsubj", "nsubj:pass"}
    )


def _introduces_quotation(doc: Doc, at: CueAt) -> bool:
    """A quotation opens right after the cue (a comma or colon between): ``stating, “…”``."""
    text, k = words(doc), at.end
    while k < len(text) and text[k] in {",", ":"}:
        k += 1
    return k < len(text) and text[k] in PAIRS


def _agentive(doc: Doc, i: int, j: int) -> bool:
    """A passive cue with its speaker in a "by" phrase and a "that" clause after it ("it was
    claimed by the defence that …")."""
    low = lowers(doc)
    return (
        i > 0
        and low[i - 1] in WORDS.passive
        and j < len(doc)
        and low[j] == "by"
        and "that" in low[j + 1 : j + 9]
    )


def quoted_in(seg: Segmented) -> list[tuple[int, int]]:
    """The quotations of ``seg``'s prose paragraphs (:func:`quoted_spans`), found once per
    document."""
    prose = [(p.start, p.end) for p in seg.paragraphs if not p.is_debris]
    return per_doc(seg.doc, QUOTED, lambda doc: quoted_spans(body(doc), prose))


@dataclass(frozen=True)
class DocCues:
    """The cues of every sentence of one document (:func:`cues_in`), by sentence index, outside
    and inside quotation marks: found once, read by the parse gate (``extract/gate``: a
    sentence with a cue is parsed) and by the quote rules."""

    lex: Lexicon
    quoted: list[tuple[int, int]]
    outside: dict[int, list[CueAt]]
    inside: dict[int, list[CueAt]]

    def claims_inside(self, index: int) -> bool:
        """Whether sentence ``index`` has a cue inside a quotation that may report someone
        else's claim (:func:`_claims_in_quotation`, which reads the parse): a speech cue; a
        finding or a belief there is the speaker's own reasoning."""
        return any(at.cue.kind in CLAIM_KINDS for at in self.inside[index])


#: The kinds of cue inside a quotation that may report someone else's claim there.
CLAIM_KINDS = frozenset({"speech"})


def doc_cues(seg: Segmented, lex: Lexicon, quoted: list[tuple[int, int]]) -> DocCues:
    """The cues of ``seg`` under ``lex`` and the quotations ``quoted``, found on first use and
    kept on the document (``doc.user_data``)."""
    kept = seg.doc.user_data.get(CUES)
    if kept is None or kept.lex is not lex or kept.quoted != quoted:
        outside = {s.index: cues_in(s, lex, quoted) for s in seg.sentences}
        inside = {s.index: cues_in(s, lex, quoted, inside=True) for s in seg.sentences}
        kept = seg.doc.user_data[CUES] = DocCues(lex, list(quoted), outside, inside)
    return kept


def cues_in(
    sent: Sentence, lex: Lexicon, quoted: list[tuple[int, int]], inside: bool = False
) -> list[CueAt]:
    """(first token, end token, cue) of each cue outside quotation marks (``inside``: of each
    cue inside them), longest match first: scanning the sentence left to right, the longest
    window that holds at a token is taken and the scan goes on after it."""
    doc, span = sent.span.doc, sent.span
    windows = cue_windows(doc, lex)
    starts = token_bounds(doc)[0]
    out: list[CueAt] = []
    for i in windows.opening_in(span.start, span.end):
        if (out and i < out[-1].end) or _inside(starts[i], quoted) != inside:
            continue  # every window at i lies inside quotation marks or none does
        for j, cue in windows.ends[i].items():  # longest first
            if j <= span.end and _cue_holds(doc, span, lex, i, j, cue):
                out.append(CueAt(i, j, cue))
                break
    return out


def _cue_holds(doc: Doc, sent: Span, lex: Lexicon, i: int, j: int, cue: Cue) -> bool:
    """Whether the cue form at tokens ``i``-``j`` is a cue here: a verb of the clause, not a
    noun after a modifier, nor a frame opening with "in" ("in a statement" is an adjunct;
    "in the words of X" names who speaks), nor a finding in the infinitive ("were able to
    determine that …" reports no finding made; "proceeded to lie to" is speech)."""
    low = lowers(doc)
    adjunct = cue.phrase and cue.kind != "according_to" and low[i] == "in"
    infinitive = cue.kind == "finding" and i > sent.start and low[i - 1] == "to"
    return (
        not adjunct
        and not infinitive
        and not (cue.kind == "belief" and _describes_noun(doc, sent, i, j))
        and not _describes_adjunct(doc, sent, i)
        and _verbal(doc, i, j)
        and not _after_modifier(doc, i, sent, lex)
    )


def _describes_noun(doc: Doc, sent: Span, i: int, j: int) -> bool:
    """A verb in -ed right after a common noun and before a word of time or "to" describes
    that noun ("heavy rains expected next month could spread"): no one believes anything."""
    if not doc[i].lower_.endswith("ed") or i <= sent.start or j >= sent.end:
        return False
    noun = doc[i - 1]
    return (
        noun.is_alpha
        and noun.is_lower
        and noun.lower_ not in WORDS.finite_markers
        and not noun.lower_.endswith("ly")
        and doc[j].lower_ in WORDS.participle_followers
    )


def _describes_adjunct(doc: Doc, sent: Span, i: int) -> bool:
    """A participle right after a document noun in an adjunct describes that document: "The
    rebels, in a statement posted on Telegram, said …", "in a letter sent to staff": the
    speaker's verb comes later (but "Adults from the area reported that …")."""
    low = lowers(doc)
    if i - 3 < sent.start or not low[i].endswith(("ed", "en", "wn")):
        return False
    noun, article, prep = low[i - 1], low[i - 2], low[i - 3]
    return noun in WORDS.document_nouns and article in DETERMINERS and prep in WORDS.prepositions


CUE_SIZE = 4  # tokens in the longest cue window


class CueWindows(NamedTuple):
    """The windows of a document whose text is a cue form of ``lex``."""

    lex: Lexicon
    starts: list[int]  # their first tokens, in order
    ends: dict[int, dict[int, Cue]]  # first token -> end token -> cue, longest first

    def opening_in(self, start: int, end: int) -> list[int]:
        """The first tokens that lie in tokens ``start``-``end``, in order."""
        return self.starts[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


def cue_windows(doc: Doc, lex: Lexicon) -> CueWindows:
    """Every window of up to :data:`CUE_SIZE` tokens whose text is a cue form, found once per
    document and lexicon (the scans outside and inside quotation marks read the same windows).
    None opens with "the": the lexicon's keys drop a leading "the", but "afford the project"
    holds no cue."""
    kept = doc.user_data.get(CUE_WINDOWS)
    if kept is not None and kept.lex is lex:
        return kept
    low = lowers(doc)
    opening = [i for i, ok in enumerate(admitted(doc, lex.cue_openers)) if ok and low[i] != "the"]
    out = key_windows(doc, opening, lex.cue_openers, CUE_SIZE, lex.cue)
    kept = doc.user_data[CUE_WINDOWS] = CueWindows(lex, list(out), out)
    return kept


def _verbal(doc: Doc, i: int, j: int) -> bool:
    """A cue is an active verb of the clause, not part of a name, a compound or a passive
    ("Said Ahmed", "say-so", "iodine is added", "10 per cent")."""
    low, text, space = lowers(doc), words(doc), spaced(doc)
    after = low[j] if j < len(low) else ""
    if i > 0 and low[i - 1] in WORDS.passive and not low[i].startswith("accord"):
        return _agentive(doc, i, j)  # "it is asserted by the Crown that …" names who says it
    if i > 1 and low[i - 1] in {"not", "n't", "never"} and low[i - 2] in WORDS.passive:
        return False  # "the cause is not known"
    if i > 0 and doc[i - 1].like_num:
        return False  # a noun after a number: "in 24 states", "two reports"
    if low[i] == "per" and after in WORDS.per_units:
        return False
    if (
        text[i][:1].isupper()
        and low[i] not in {"according"}
        and i > 0
        and text[i - 1] not in {"“", '"', "."}
    ):
        return False
    if after in WORDS.noun_followers:
        return False  # "a laser light show and theme music", "the report is due"
    if after == "by" and low[j - 1].endswith("en"):
        return False  # a participle: "a blog written by X", "words spoken by X"
    if after == "as" and low[j - 1].endswith(("ed", "wn", "en")):
        return False  # a name, not speech: "the hangar, known as Facility-1", "described as"
    return not (j < len(text) and text[j] == "-" and not space[j - 1])


def _after_modifier(doc: Doc, i: int, sent: Span, lex: Lexicon) -> bool:
    """A cue word after an article, a preposition or a demonym is a noun: "the report", "amid
    fears", "Syrian state media" (a demonym after an article is the speaker: "the Syrian
    said")."""
    if i == sent.start:
        return False
    low = lowers(doc)
    prev = low[i - 1]
    if prev in DETERMINERS:
        return True
    if prev in WORDS.noun_prepositions and not low[i].endswith("ing"):
        return True  # "amid fears of", "despite warnings", "over claims" (but "after saying")
    if (
        low[i].endswith("ing")
        and lex.cue(words(doc)[i - 1]) is not None
        and not (i > 1 and low[i - 2] in DETERMINERS)
    ):
        return True  # a gerund object of a verb cue: "authorities deny finding …" ("a report
        # warning" is a noun and its participle)
    before = low[i - 2] if i - 2 >= sent.start else ""
    return (  # "Syrian state media said", but "the Syrian said"
        i - 1 > sent.start
        and before not in DETERMINERS
        and lex.nation_by_demonym(words(doc)[i - 1]) is not None
    )


def _inside(char: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``char`` lies in one of ``spans`` (in text order and disjoint, as
    :func:`quoted_spans` gives them)."""
    k = bisect_right(spans, char, key=itemgetter(0)) - 1
    return k >= 0 and char < spans[k][1]


def _quotes_for_cue(
    seg: Segmented,
    ents: DocEntities,
    sent: Sentence,
    at: CueAt,
    quoted: list[tuple[int, int]],
    before: list[Quote],
    syn: Syntax,
) -> list[Quote]:
    doc = seg.doc
    i, j, cue = at
    if cue.kind == "according_to":
        return _according_to(doc, ents, sent, at, quoted, syn)
    if _states_anonymity(doc, ents.lex, i):
        return []  # "who asked not to be named because …": why a source is unnamed, no claim
    if cue.phrase and _after_verb_cue(doc, ents.lex, i):
        return []  # "Jeffries said at a news conference": the verb's attribution, not a second
    if cue.weak and _object_relative(doc, sent, i):
        return []  # "charity ships, which it accuses of …": the ships are accused, no claim
    inverted = (
        i > sent.span.start
        and doc[i - 1].text in {",", "”", '"'}
        and not _closes_relative(doc, sent, i - 1)
    )
    if _agentive(doc, i, j):
        speaker = _right_speaker(doc, ents, sent, j + 1, before) or _right_noun_phrase(
            doc, ents, sent, j + 1, agent=True
        )  # "asserted by the Crown that"
    else:
        speaker = (
            _coordinated_speaker(doc, ents, sent, i, before, syn)
            or _parenthetical_speaker(doc, ents, sent, at, before)
            or _left_speaker(doc, ents, sent, i, before)
            or (_right_speaker(doc, ents, sent, j, before) if inverted else None)
            or _shared_subject(doc, sent, i, before)
            or _parsed_subject(doc, ents, sent, i, syn)
            or _subject_phrase(doc, ents, sent, i)
        )
    if speaker is None:
        return []
    cue_text = span_text(doc, i, j)
    content = _content(seg, ents.lex, sent, at, speaker, quoted, syn)
    if content is None:
        return []
    a, b = _widen_to_quotes(content.start, content.end, quoted)
    if cue.weak and not _weak_cue_holds(doc, ents, sent, at, speaker, content, quoted):
        return []
    text = body(seg.doc)
    rows = _interrupted(text, a, b) if content.interrupted else split_content(text, a, b, quoted)
    if _in_preposition(doc, syn, speaker) and (subject := _cue_subject(doc, ents, sent, i, syn)):
        speaker = subject  # "officials in Hamilton and Ottawa said": not Ottawa
    real = _realise(doc, ents, speaker) if rows else None
    if real is None:
        return []
    return [Quote(s, e, t, cue_text, real, sent.index, doc[i].idx) for s, e, t in rows]


class Content(NamedTuple):
    """What a cue reports, in body characters: ``marked`` when a complement marker opens it
    ("that", "why", a colon or a quotation mark); ``interrupted`` for one quotation that the
    attribution interrupts ("…,” he said, “…")."""

    start: int
    end: int
    marked: bool = False
    interrupted: bool = False


OBJECT_ONLY = Content(-1, -1)  # the parse puts an object after the cue and no clause


def _content(
    seg: Segmented,
    lex: Lexicon,
    sent: Sentence,
    at: CueAt,
    speaker: Speaker,
    quoted: list[tuple[int, int]],
    syn: Syntax,
) -> Content | None:
    """The content of a cue: the quotation or clause before the attribution ("“Q,” X said"),
    the complement after it ("X said that Q"), both halves of an interrupted quotation, or the
    quotation that an "X said:" sentence introduces.

    After a quotation, the words after the cue are an adjunct ("said to applause", "said in a
    memo to staff"), not a second content, unless a marker opens them.
    """
    doc = seg.doc
    i, j, _ = at
    before = _content_before(doc, sent, i, speaker)
    if before is not None and _apposition_before(doc, syn, lex, before, (speaker, i)):
        before = None  # "Harwell's lawyer, Mark Eisen, had asked": an apposition, no claim
    after = _content_after(doc, sent, at, speaker, lex, syn)
    if after is OBJECT_ONLY:  # "H5N1 was found in a marsh": a verb with its object, no claim
        if before is None or not _ends_quotation(body(doc), before[1]):
            return None
        after = None
    if before is not None and _ends_quotation(body(doc), before[1]):
        resumed = _resumed_quotation(body(doc), _attribution_end(doc, j, speaker), quoted)
        if resumed is not None:
            return Content(before[0], resumed[1], marked=True, interrupted=True)
        if after is None or not after.marked:
            return Content(*before, marked=True)
    if (
        before is not None
        and (after is None or _thin(doc, after) or _adjunct_after_comma(doc, j, after))
        and not (_opening_phrase(doc, before[0]) and not _clause_after_opening(syn, before))
    ):
        return Content(*before)
    if after is not None and (not _thin(doc, after) or _bare_clause(syn, after)):
        return after
    following = _next_quotation(seg, sent, quoted)
    return None if following is None else Content(*following, marked=True)


def _apposition_before(
    doc: Doc, syn: Syntax, lex: Lexicon, before: tuple[int, int], at: tuple[Speaker, int]
) -> bool:
    """The words before a speaker who comes ahead of the cue are the speaker's apposition, not
    what was said, when the parser finds no verb in them and either the speaker is set off by
    commas ("Harwell's lawyer, Mark Eisen, had asked") or they hold a title ("Minister for the
    Middle East, Tobias Ellwood said:"); "Profits rose, the company said" is a claim."""
    speaker, cue = at
    text = body(doc)
    if speaker.end > doc[cue].idx or _ends_quotation(text, before[1]):
        return False
    set_off = "," in text[speaker.end : doc[cue].idx]
    titled = any(lex.title(w.strip(",")) for w in text[before[0] : before[1]].split())
    return (set_off or titled) and _verbless(syn, before)


def _verbless(syn: Syntax, span: tuple[int, int]) -> bool:
    """Whether the parser read the body characters ``span`` and found no verb in them: a noun
    phrase, not a clause that could be what was said."""
    starts, _ = token_bounds(syn.doc)
    tokens = range(bisect_left(starts, span[0]), bisect_left(starts, span[1]))
    if not tokens or not all(syn.parsed(k) for k in tokens if not syn.doc[k].is_space):
        return False
    return not any(syn.upos(k) in {"VERB", "AUX"} for k in tokens)


def _adjunct_after_comma(doc: Doc, j: int, after: Content) -> bool:
    """A comma, then an adjunct or a coordinator right after the cue: the attribution is set
    off inside the sentence ("Q, the two governments said, in a sign of warming ties";
    "Districts nearby adopted it, he said, and several teachers left"), and what was said
    came before it."""
    k = j + 1 if j < len(doc) and doc[j].text == "," else None
    return (
        k is not None
        and not after.marked
        and k < len(doc)
        and (doc[k].lower_ in WORDS.adjunct_openers or doc[k].lower_ in CLAIM_JOINS)
        and doc[k].lower_ not in {"to", "that"}
    )


def _opening_phrase(doc: Doc, start: int) -> bool:
    """Whether the text before an attribution is an opening adverbial, not what was said:
    "However,", "In France,", "Speaking yesterday,", "Following the update,"."""
    first = doc[_token_at(doc, start)]
    word = first.lower_
    return word in WORDS.sentence_adverbs or word in WORDS.adjunct_openers or word.endswith("ing")


#: Most tokens of the subject between an object's relative pronoun and the cue.
RELATIVE_SUBJECT_SIZE = 3


def _object_relative(doc: Doc, sent: Sentence, i: int) -> bool:
    """Whether the cue ``i`` is the verb of a relative clause whose pronoun is its object: a
    relative pronoun after a comma, then a short subject without punctuation, then the cue
    ("ships, which it accuses of …", "the man, whom police accuse of …")."""
    for k in range(i - 2, max(sent.span.start, i - 2 - RELATIVE_SUBJECT_SIZE), -1):
        if doc[k].is_punct:
            return False
        if doc[k].lower_ in WORDS.relative_pronouns:
            return k > sent.span.start and doc[k - 1].text == ","
    return False


def _clause_after_opening(syn: Syntax, span: tuple[int, int]) -> bool:
    """Whether a clause follows the opening adverbial of the text before an attribution: a
    verb in the past or present tense after its first comma that modifies no noun ("In Dhaka,
    a man drowned, police said"; "On Monday, the storm hit the coast, officials said"; the
    tagger may read a past tense as a participle). Then the text is what was said, its
    opening phrase included; "In France, police said" is not."""
    doc = syn.doc
    first = _token_at(doc, span[0])
    comma = next((k for k in range(first, len(doc)) if doc[k].text == ","), None)
    if comma is None or doc[comma].idx >= span[1] - 1:
        return False
    for k in range(comma + 1, len(doc)):
        if doc[k].idx >= span[1]:
            break
        if not syn.parsed(k) or syn.xpos(k) not in FINITE_TAGS | {"VBN"}:
            continue
        v = k if syn.upos(k) == "VERB" else (syn.head(k) or k)
        if syn.dep(v) not in MODIFIER_CLAUSES | {"amod"}:
            return True
    return False


def _ends_quotation(text: str, end: int) -> bool:
    """Whether the text before ``end`` closes a quotation with the punctuation that hands over
    to an attribution (``…,”`` ``…”,`` ``…?”``), not a quoted name (``The "History" section``)."""
    tail = text[:end].rstrip()
    if tail.endswith((",”", ',"')):
        return True
    return tail.endswith(("”", '"')) and tail[-2:-1] in {",", ".", "?", "!", "—", "–"}


def _attribution_end(doc: Doc, j: int, speaker: Speaker) -> int:
    """Where the attribution clause ends: after the cue, or after an inverted speaker."""
    return max(doc[j - 1].idx + len(doc[j - 1].text), speaker.end)


def _resumed_quotation(
    text: str, attribution_end: int, quoted: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The quotation that resumes after an attribution that interrupts one (“…,” he said on
    Monday, “…”): only a comma, short adjuncts and abbreviations stand between them."""
    k = bisect_left(quoted, attribution_end, key=itemgetter(0))
    if k == len(quoted):
        return None
    s, e = quoted[k]
    gap = text[attribution_end:s]
    if (
        not gap.rstrip().endswith(",")
        or len(gap.split()) > 12
        or any(c in gap for c in '\n“”"!?;:')
        or re.search(r"\w{4,}\.\s", gap)  # a sentence ended between them
    ):
        return None
    return s, e


def _interrupted(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    """One row for a quotation interrupted by its attribution: from the first quoted word to
    the last, the attribution inside (a quote is one span of the body)."""
    a, b = _trim(text, a, b)
    kind = "direct" if a < b and text[a] in PAIRS else "partial"
    if kind == "direct":
        a += 1
    if b > a and text[b - 1] in '”"':
        b -= 1
    a, b = _trim(text, a, b)
    return [(a, b, kind)] if b > a else []


def _next_quotation(
    seg: Segmented, sent: Sentence, quoted: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """``Professor X said:`` (or said.) at a paragraph end introduces the quotation that follows."""
    text = body(seg.doc)
    tail = text[sent.end : sent.end + 3]
    last = sent.text.rstrip()[-1:]
    if last not in {":", ".", ","} or ("\n" not in tail and last != ":"):
        return None
    # quotations are in text order: only the first one after the sentence can follow it
    k = bisect_left(quoted, sent.end, key=itemgetter(0))
    if k < len(quoted) and not text[sent.end : quoted[k][0]].strip():
        return quoted[k]
    if last == ":":
        nxt = next((p for p in seg.paragraphs if p.start >= sent.end and not p.is_debris), None)
        return (nxt.start, nxt.end) if nxt else None
    return None


def _source_like(np: Span, ents: DocEntities) -> bool:
    """Can this noun phrase hold a claim? A name, a person or institution noun, or a document."""
    head = np[-1]
    lex = ents.lex
    return (
        head.text[:1].isupper()
        or head.lower_ in WORDS.document_nouns
        or lex.sources.noun(head.text) is not None
        or lex.title(head.text) is not None
        or lex.institution(head.text) is not None
        or lex.org_head(head.text) is not None
    )


def _subject_phrase(doc: Doc, ents: DocEntities, sent: Sentence, i: int) -> Speaker | None:
    """No known actor says it: the noun phrase before the cue ("The researchers found",
    "Recent reports have revealed", "Hernan Dario Gomez, Panama coach, said") becomes an
    unnamed actor of the document, or a person when it is a capitalised name."""

    k = _skip_left(doc, sent, i - 1)
    if k >= sent.span.start and doc[k].text == ",":  # "X, an appositive, said"
        if _participle(doc[i]):
            return None  # "…, warning that": the subject is the sentence's, not the words before
        c = k - 1
        while c > sent.span.start and doc[c].text != ",":
            c -= 1
        k = c - 1 if doc[c].text == "," else k - 1  # a lone comma: "The firm X, has said"
    return _noun_phrase_ending(doc, ents, sent, k + 1, i)


def _noun_phrase_ending(
    doc: Doc, ents: DocEntities, sent: Sentence, end: int, cue: int
) -> Speaker | None:
    """The noun phrase that ends at token ``end``, read leftwards to a break, as a speaker to
    create: without the connectors and sentence adverbs before it ("However analysts",
    "Reportedly the company"), without "with" before a participle ("with one poster
    writing"), and cut before its post-modifier ("Posts on the message board …", "recent
    analysis of its own statistics"), whose nouns are not who speaks."""
    start = _phrase_start(doc, ents, sent, end, _participle(doc[cue]))
    if start < end and (example := _example_marker(doc, sent, doc[start].idx)) is not None:
        return _noun_phrase_ending(doc, ents, sent, example, cue)  # "sites such as X said"
    while start < end and (
        doc[start].lower_ in WORDS.sentence_adverbs or _manner_adverb(doc[start])
    ):
        start += 1
    if start < end and doc[start].lower_ == "with" and _participle(doc[cue]):
        start += 1
    if start < end and (
        doc[start].lower_ in WORDS.prepositions or doc[start].lower_ in WORDS.post_modifiers
    ):
        return None  # "in a blog, X said", "of the scene showed": not who speaks
    end = _post_modifier(doc, sent, start, end)
    head = doc[end - 1] if end > start else None
    if head is None or not any(c.isalpha() for c in head.text) or head.lower_ in STOP_WORDS:
        return None
    if end - start == 1 and head.lower_.endswith("ing"):
        return None  # a participle, not a noun: "Writing in a blog post, X said"
    named = all(t.text[:1].isupper() for t in doc[start:end] if t.is_alpha)
    return _pending(doc, start, end, "explicit" if named else "nominal")


def _phrase_start(
    doc: Doc, ents: DocEntities, sent: Sentence, end: int, participle: bool = False
) -> int:
    """Where the phrase that ends at ``end`` starts, read leftwards: at punctuation, a clause
    word ("that", "and") or a cue; a long subject counts only when it reaches such a break or
    the sentence start, else its last eight tokens. Before a participle the phrase is a
    determiner and its noun ("all they get is a message stating …")."""
    start = end
    while start > sent.span.start and end - start < 20:
        tok = doc[start - 1]
        if participle and tok.lower_ in DETERMINERS:
            return start - 1
        if tok.text.endswith(".") and len(tok.text) > 1 and doc[start].text[:1].isupper():
            return start  # a sentence the segmenter missed: "… Concepts Inc. Mr Ryan said"
        verb = sent.span.start < tok.i < end - 1 and (
            ents.lex.cue(tok.text) is not None or ents.lex.triggers_for(tok.lower_)
        )  # the head, or a cue opening the sentence, is a noun ("reports", "Posts on …")
        if (
            (tok.is_punct and tok.text not in {"-", "'s", "’s", "."})
            or tok.lower_ in WORDS.subject_breaks
            or verb
        ):
            return start
        start -= 1
    return start if start == sent.span.start else max(start, end - 8)


def _post_modifier(doc: Doc, sent: Sentence, start: int, end: int) -> int:
    """Where the head noun of ``doc[start:end]`` ends: before a preposition or participle that
    follows a common noun ("results of the study", "Posts on the board", "photos released
    of the scene", "a new study documenting iodine levels"); a name keeps its "of" ("Bank of
    England"), a noun in -ing keeps its place ("the ruling party", "the evening meeting of")."""
    for p in range(start + 1, end - 1):
        word, before, after = doc[p].lower_, doc[p - 1], doc[p + 1]
        if word not in WORDS.post_modifiers and not _participle_modifier(doc, p):
            continue
        common = before.is_lower or (before.i == sent.span.start and after.is_lower)
        if common and before.is_alpha:
            return p
    return end


def _participle_modifier(doc: Doc, p: int) -> bool:
    """An -ing participle with its object after a common noun ("a study documenting iodine
    levels"), not an -ing noun ("the ruling party", "a meeting of ministers")."""
    word, before, after = doc[p], doc[p - 1], doc[p + 1]
    return (
        word.is_lower
        and len(word.text) > 5
        and word.lower_.endswith("ing")
        and before.is_lower
        and before.is_alpha
        and before.lower_ not in DETERMINERS
        and after.is_lower
        and after.is_alpha
        and after.lower_ not in WORDS.prepositions
        and after.lower_ not in WORDS.post_modifiers
    )


def _pending(doc: Doc, start: int, end: int, attribution: str) -> Speaker:
    """A speaker that becomes an actor only if the cue yields a quote."""
    last = doc[end - 1]
    return Speaker(None, doc[start].idx, last.idx + len(last.text), attribution, (start, end))


def _realise(doc: Doc, ents: DocEntities, speaker: Speaker) -> Speaker | None:
    if speaker.pending is None:
        return speaker
    from dateline.extract.entities import unnamed_speaker

    actor = unnamed_speaker(ents, doc[speaker.pending[0] : speaker.pending[1]])
    return None if actor is None else replace(speaker, actor=actor, pending=None)


def _thin(doc: Doc, span: tuple[int, ...]) -> bool:  # (start, end, …): a Content too
    """Fewer than three words in the span (the scan stops at the third)."""
    words = CONTENT_WORD.finditer(body(doc), span[0], span[1])
    return next(islice(words, 2, None), None) is None


def _bare_clause(syn: Syntax, span: tuple[int, ...]) -> bool:  # (start, end, …)
    """Two words after the cue that the parser reads as a subject and the verb it hangs on
    ("the company said profits rose", "he said talks collapsed"): a whole claim, however
    short; "said Monday" or "said yes" is none."""
    starts, _ = token_bounds(syn.doc)
    tokens = [
        k
        for k in range(bisect_left(starts, span[0]), bisect_left(starts, span[1]))
        if CONTENT_WORD.fullmatch(syn.doc[k].text)
    ]
    if len(tokens) != 2 or not all(syn.parsed(k) for k in tokens):
        return False
    subject, verb = tokens
    return syn.dep(subject) == "nsubj" and syn.head(subject) == verb and verb == subject + 1


def _has_that(doc: Doc, sent: Sentence, j: int) -> bool:
    return any(t.lower_ == "that" for t in doc[j : min(sent.span.end, j + 12)])


def _skip_left(doc: Doc, sent: Sentence, k: int) -> int:
    """Step left over adverbs, auxiliaries, days and a bracketed acronym between a subject and
    its cue: "X has also said", "a senior official Wednesday said", "the senator angrily said",
    "the World Health Organisation (WHO) recommends"."""
    while k >= sent.span.start:
        tok = doc[k]
        if tok.lower_ in WORDS.time_nouns and k > sent.span.start:
            k -= 1 + (doc[k - 1].lower_ in WORDS.time_determiners)  # "this week", "last year"
        elif tok.lower_ in WORDS.skip_left or tok.lower_ in WORDS.day_words or _manner_adverb(tok):
            k -= 1
            if tok.lower_ in WORDS.day_words and k >= sent.span.start:
                k -= doc[k].lower_ in WORDS.adjunct_openers  # "posts from Friday said"
        elif tok.text == ")" and (opening := _bracket_opening(doc, sent, k)) is not None:
            k = opening - 1
        else:
            break
    return k


def _manner_adverb(tok: Token) -> bool:
    """A lower-case -ly adverb ("angrily", "bluntly"); not a noun in -ly ("the family")."""
    word = tok.lower_
    return (
        tok.is_lower
        and tok.is_alpha
        and len(word) > 4
        and word.endswith("ly")
        and word not in WORDS.ly_nouns
    )


def _bracket_opening(doc: Doc, sent: Sentence, close: int) -> int | None:
    """The "(" of a short bracket that ``close`` ends ("(WHO)", "(D-Texas)")."""
    for k in range(close - 1, max(sent.span.start, close - 5) - 1, -1):
        if doc[k].text == "(":
            return k
        if doc[k].text in {")", ",", ":", ";"}:
            return None
    return None


def _left_speaker(
    doc: Doc, ents: DocEntities, sent: Sentence, i: int, before: list[Quote]
) -> Speaker | None:
    """The subject before the cue: ``X said``, ``X, who …, said``, ``he added``; ``X, who
    said`` is X; a participle after a comma (``…, adding that``) has the sentence's subject."""
    k = _skip_left(doc, sent, i - 1)
    if k < sent.span.start:
        return None
    if doc[k].lower_ in WORDS.relative_pronouns and k > sent.span.start and doc[k - 1].text == ",":
        return _speaker_ending(doc, ents, k - 1, before) or _sentence_subject(
            doc, ents, sent, k - 1
        )
    if doc[k].text == ",":  # "X, an appositive or a relative clause, said"
        opening = _appositive_opening(doc, sent, k)
        example = next(
            (
                c.i
                for c in doc[sent.span.start : k]
                if c.text == "," and _starts_example(doc, c.i + 1)
            ),
            None,
        )
        if example is not None:  # "groups, including X, said"
            return _noun_phrase_ending(doc, ents, sent, example, i)
        subject = _sentence_subject(doc, ents, sent, k)
        if _participle(doc[i]) or (subject is not None and opening is not None):
            return subject
        if (
            subject is not None
            and subject.actor is not None
            and subject.actor.actor_type == "person"
        ):
            return subject  # "Lydia Buchtmann for Food Standards Australia, says"
        k -= 1  # a lone comma: "The results of the study published in X this week, revealed"
        k = _skip_left(doc, sent, k)
        if k < sent.span.start:
            return subject
    found = _speaker_ending(doc, ents, k + 1, before)
    if found is None or found.attribution == "pronoun":
        return found
    if (first := _first_conjunct(doc, ents, sent, found, before)) is not None:
        return first  # "Google and Meta said": the first of two named subjects
    if (example := _example_marker(doc, sent, found.start)) is not None:
        return _noun_phrase_ending(doc, ents, sent, example, i)  # "groups such as X said"
    if _after_preposition(doc, sent, found.start):  # "the results of a study in X revealed"
        outer = _noun_phrase_ending(doc, ents, sent, k + 1, i)
        if (
            outer is not None
            and outer.start < found.start
            and _source_like(
                doc[outer.pending[0] : outer.pending[1]] if outer.pending else doc[k : k + 1], ents
            )
        ):
            return outer
    return found


def _first_conjunct(
    doc: Doc, ents: DocEntities, sent: Sentence, last: Speaker, before: list[Quote]
) -> Speaker | None:
    """Two named subjects joined by "and" before a cue ("Google and Meta said", "Morgan
    Stanley and Citigroup said"): the quote row has one speaker, the first named, as the
    parser reads it (the second is its conjunct). Not after a preposition ("officials in
    Hamilton and Ottawa said") and not for pronouns or unnamed nouns ("he and his wife")."""
    k = _token_at(doc, last.start) - 1
    if last.actor is None or k <= sent.span.start or doc[k].lower_ != "and":
        return None
    first = _speaker_ending(doc, ents, k, before)
    if first is None or first.actor is None or first.attribution != last.attribution:
        return None
    if _after_preposition(doc, sent, first.start) or first.actor is last.actor:
        return None
    return first


def _after_preposition(doc: Doc, sent: Sentence, char: int) -> bool:
    """Whether a preposition stands before ``char`` (a determiner and two lower-case modifiers
    may follow it): the mention there is inside a post-modifier ("published in the Journal",
    "posts on the forum of the rail workers")."""
    k = _token_at(doc, char) - 1
    modifiers = 0
    while k > sent.span.start and (
        doc[k].lower_ in DETERMINERS or (doc[k].is_lower and doc[k].is_alpha and modifiers < 2)
    ):
        modifiers += doc[k].lower_ not in DETERMINERS
        if doc[k].lower_ in WORDS.post_modifiers:
            return True
        k -= 1
    return k > sent.span.start and doc[k].lower_ in WORDS.post_modifiers


def _appositive_opening(doc: Doc, sent: Sentence, comma: int) -> int | None:
    """The comma that opens the appositive closed by ``comma`` ("X, the police chief, said")."""
    text, c = words(doc), comma - 1
    while c > sent.span.start and text[c] != ",":
        c -= 1
    return c if c > sent.span.start and text[c] == "," else None


def _closes_relative(doc: Doc, sent: Sentence, comma: int) -> bool:
    """``comma`` closes a relative clause set off by commas ("groups, which sued in March,
    said …"): the cue after it has its subject on the left, it is not inverted."""
    opening = _appositive_opening(doc, sent, comma)
    return (
        doc[comma].text == ","
        and opening is not None
        and doc[opening + 1].lower_ in WORDS.relative_pronouns
    )


def _starts_example(doc: Doc, k: int) -> bool:
    """Whether "such as", "including" or "like" starts at token ``k``."""
    return any(span_text(doc, k, k + n).lower() in WORDS.example_markers for n in (1, 2))


def _participle(tok: Token) -> bool:
    """A cue in -ing ("adding", "saying"): after a comma, its subject is the sentence's."""
    return tok.lower_.endswith("ing")


def _example_marker(doc: Doc, sent: Sentence, char: int) -> int | None:
    """The first token of "such as", "including" or "like" before the speaker at ``char``
    (a determiner may stand between), when a noun stands before it ("groups such as the Red
    Cross said"): the speaker is that noun, not the example."""
    k = _token_at(doc, char) - 1
    while k > sent.span.start and doc[k].lower_ in DETERMINERS:
        k -= 1
    for size in (2, 1):
        first = k - size + 1
        if (
            first > sent.span.start
            and span_text(doc, first, k + 1).lower() in WORDS.example_markers
        ):
            return first
    return None


def _token_at(doc: Doc, char: int) -> int:
    """The token that starts at or holds body offset ``char``."""
    return bisect_right(token_bounds(doc)[0], char) - 1


def _sentence_subject(doc: Doc, ents: DocEntities, sent: Sentence, comma: int) -> Speaker | None:
    """``Lydia Buchtmann for Food Standards Australia, says``: the subject before the comma,
    a person first ("Civil Defense Authority director General X, in remarks to …, said")."""
    first_comma = body(doc).find(",", sent.start, doc[comma].idx + 1)
    text = body(doc)
    found = [
        m
        for m in ents.index.starting(sent.start, doc[comma].idx)
        if m.table == ACTORS and not m.in_quote and text[m.end : m.end + 2] not in POSSESSIVES
    ]  # a possessor is not the subject: "The council's leader, James Lewis, said"
    people = [
        m for m in found if ents.actors[m.entity_id].actor_type == "person" and m.end <= first_comma
    ]
    if not people and _role_before(doc, ents.lex, first_comma):
        # "Sudan's U.N. ambassador, Ali Osman, said": the name set off after the role
        people = [m for m in found if ents.actors[m.entity_id].actor_type == "person"]
    for m in people[:1] or found[:1]:
        return Speaker(ents.actors[m.entity_id], m.start, m.end, _attribution(m.mention_type))
    return None


#: Prepositions after a document noun before whoever issued it ("a statement from the bank").
ISSUER_PREPOSITIONS = frozenset({"from", "by", "of"})


def _document_issuer(doc: Doc, j: int, end: int) -> int:
    """Where the noun phrase after "according to" (tokens ``j``-``end``) names who speaks: after
    a document and "from", "by" or "of" ("according to a statement from the central bank":
    the bank), else at ``j``."""
    for k in range(j, min(end - 1, j + 3)):
        if doc[k].lower_ in WORDS.document_nouns and doc[k + 1].lower_ in ISSUER_PREPOSITIONS:
            return k + 2 if k + 2 < end else j
    return j


def _role_before(doc: Doc, lex: Lexicon, comma_char: int) -> bool:
    """A title ends the words before the comma at body offset ``comma_char`` ("Sudan's U.N.
    ambassador,"): the name after the comma is its holder, whatever body the role names."""
    k = _token_at(doc, comma_char) - 1
    return k >= 0 and doc[k].is_lower and lex.title(doc[k].text) is not None


def _right_speaker(
    doc: Doc, ents: DocEntities, sent: Sentence, j: int, before: list[Quote]
) -> Speaker | None:
    """Inverted attribution: ``…,” said the official``, ``said Mayor Tom Brandt``."""
    if j >= sent.span.end:
        return None
    limit = doc[min(sent.span.end, j + 5) - 1].idx
    for m in ents.index.starting_through(doc[j].idx, limit):
        if m.table == ACTORS and _only_titles(doc, j, m.start, ents):
            return Speaker(ents.actors[m.entity_id], m.start, m.end, _attribution(m.mention_type))
    if doc[j].text[:1].isupper() and doc[j].is_alpha:
        end = j
        while end < sent.span.end and doc[end].text[:1].isupper() and doc[end].is_alpha:
            end += 1
        return _pending(doc, j, end, "explicit")
    if j + 1 < sent.span.end and doc[j + 1].lower_ in WORDS.finite_markers:
        return None  # "…, said it had not been consulted": the pronoun opens what was said
    if _pronoun_opens_clause(doc, sent, j):
        return None  # "X, the port's operator, said it regretted …": the clause's subject
    return _pronoun(doc, ents, j, before) or _right_noun_phrase(doc, ents, sent, j)


def _pronoun_opens_clause(doc: Doc, sent: Sentence, j: int) -> bool:
    """A subject pronoun right after a cue, then a lower-case word that is no preposition
    ("said it regretted the walkout", "said they hoped"): the subject of what was said. An
    inverted pronoun speaker ends the sentence or meets an adjunct ("…, said he.")."""
    return (
        (doc[j].lower_ in PRONOUN_NUMBER or doc[j].lower_ == "it")
        and j + 1 < sent.span.end
        and doc[j + 1].is_alpha
        and doc[j + 1].is_lower
        and doc[j + 1].lower_ not in WORDS.prepositions
    )


def _parsed_subject(
    doc: Doc, ents: DocEntities, sent: Sentence, i: int, syn: Syntax
) -> Speaker | None:
    """A participle cue after a comma has the subject of the verb it hangs on ("The minister
    rejected the plan, warning that …"): the actor mentioned there, else its noun phrase up
    to the head."""
    if not (_participle(doc[i]) and i > sent.span.start and doc[i - 1].text == ","):
        return None
    return _head_subject(doc, ents, sent, i, syn)


def _head_subject(
    doc: Doc, ents: DocEntities, sent: Sentence, i: int, syn: Syntax
) -> Speaker | None:
    """The subject of the verb a participle or a conjoined cue hangs on."""
    # the nearest head with a subject: "admitted to being part of it, writing …" hangs on
    # "part", "joined the effort, writing …" may be read as a modifier of "effort"
    rel = syn.dep(i)
    modified = syn.head(i) if rel == "acl" else None  # a participle inside the subject is an
    aside = modified is not None and syn.dep(modified) in {"nsubj", "nsubj:pass"}  # aside
    heads = syn.ancestors(i) if rel in {"advcl", "xcomp", "conj", "acl"} and not aside else iter(())
    s = next((s for h in heads if (s := syn.subject(h)) is not None), None)
    return _speaker_at(doc, ents, sent, s, i, syn)


def _cue_subject(
    doc: Doc, ents: DocEntities, sent: Sentence, i: int, syn: Syntax
) -> Speaker | None:
    """The parser's subject of the cue itself ("Hospital officials in Hamilton and Ottawa
    said"), for when the words right before the cue name no one who can speak."""
    return _speaker_at(doc, ents, sent, syn.subject(i), i, syn)


def _in_preposition(doc: Doc, syn: Syntax, speaker: Speaker) -> bool:
    """The parser puts the speaker's last word inside a prepositional phrase (a conjunct of
    one too): "officials in Leeds and York said" names places, not the speaker."""
    t = _token_at(doc, max(speaker.start, speaker.end - 1))
    while syn.dep(t) == "conj" and (h := syn.head(t)) is not None:
        t = h
    return syn.dep(t) in {"nmod", "obl"} and bool(syn.children(t, "case"))


def _speaker_at(
    doc: Doc, ents: DocEntities, sent: Sentence, s: int | None, i: int, syn: Syntax
) -> Speaker | None:
    """The speaker whose head noun is token ``s`` (before the cue ``i``): the actor mentioned
    there, else its noun phrase up to the head; a personal pronoun's antecedent ("He visited
    the camp and said …")."""
    if s is None or not sent.span.start <= s < i:
        return None
    if syn.upos(s) == "PRON" and doc[s].lower_ in PRONOUN_NUMBER:
        return _pronoun(doc, ents, s, [])
    if syn.upos(s) not in {"NOUN", "PROPN"}:
        return None
    tok = doc[s]
    for m in ents.index.covering(tok.idx, tok.idx + len(tok.text)):
        if m.table == ACTORS and not m.in_quote:
            return Speaker(ents.actors[m.entity_id], m.start, m.end, _attribution(m.mention_type))
    if s + 1 < i and (titled := _named_after(ents, doc[s + 1])) is not None:
        return titled  # "Opposition leader Giorgos Androulis": the head noun is his title
    return _pending(doc, syn.extent(s)[0], s + 1, "nominal")


def _named_after(ents: DocEntities, tok: Token) -> Speaker | None:
    """The person whose name starts at ``tok``, right after a title noun the parser took as
    the head of the subject."""
    for m in ents.index.covering(tok.idx, tok.idx + len(tok.text)):
        actor = ents.actors[m.entity_id] if m.table == ACTORS else None
        if actor is not None and actor.actor_type == "person" and m.start == tok.idx:
            return Speaker(actor, m.start, m.end, _attribution(m.mention_type))
    return None


def _parenthetical_speaker(
    doc: Doc, ents: DocEntities, sent: Sentence, at: CueAt, before: list[Quote]
) -> Speaker | None:
    """``X, said curator Ana Ruiz, Y``: a cue between commas with its subject after it (the
    speaker phrase ends at a comma or the sentence end) is an inverted attribution."""
    i, j, cue = at
    if i <= sent.span.start or doc[i - 1].text != "," or _participle(doc[i]) or cue.listener:
        return None  # "…, told UPI": after a cue that takes a listener stands the listener
    speaker = _right_speaker(doc, ents, sent, j, before)
    if speaker is None or speaker.attribution == "pronoun":
        return None
    rest = body(doc)[speaker.end : sent.end].lstrip()
    return speaker if not rest or rest[0] in ",.;" else None


def _right_noun_phrase(
    doc: Doc, ents: DocEntities, sent: Sentence, j: int, agent: bool = False
) -> Speaker | None:
    """An inverted speaker no rule named: ``said the post by an unknown author`` is "the
    post", when its head can hold a claim (a document, a person or institution noun); the
    agent of a passive cue is the speaker whatever its head ("claimed by the defence")."""
    if doc[j].lower_ not in DETERMINERS:
        return None
    end = j + 1
    while (
        end < min(sent.span.end, j + 6)
        and not doc[end].is_punct
        and doc[end].lower_ not in WORDS.post_modifiers
        and doc[end].lower_ not in WORDS.subject_breaks
    ):
        end += 1
    np = doc[j:end]
    if end == j + 1 or not (agent or _source_like(np, ents)):
        return None
    return _pending(doc, j, end, "nominal")


def _only_titles(doc: Doc, j: int, char: int, ents: DocEntities) -> bool:
    """Between the cue and a mention stand only a determiner, titles ("the", "Mayor") and at
    most two lower-case role nouns ("curator", "museum curator")."""
    words = body(doc)[doc[j].idx : char].split()
    titled = [w for w in words if w.lower() not in DETERMINERS | MENTION_WORDS.title_modifiers]
    if titled and ents.lex.title(" ".join(titled)) is not None:
        return True  # "said Acting Assistant Attorney General X"
    roles = [w for w in words if w.lower() not in DETERMINERS and ents.lex.title(w) is None]
    return len(roles) <= 2 and all(
        w.isalpha()
        and w.islower()
        and w not in WORDS.post_modifiers
        and w not in WORDS.prepositions
        and w not in STOP_WORDS
        for w in roles
    )


def _speaker_ending(
    doc: Doc, ents: DocEntities, end_tok: int, before: list[Quote]
) -> Speaker | None:
    """An actor mention, pronoun or issuer noun that ends at token ``end_tok``."""
    end_char = doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
    best = None
    for m in ents.index.ending(end_char):
        if m.table == ACTORS and (best is None or m.start < best.start):
            best = m
    if best is not None:
        return Speaker(
            ents.actors[best.entity_id], best.start, best.end, _attribution(best.mention_type)
        )
    return _pronoun(doc, ents, end_tok - 1, before)


def _attribution(mention_type: str) -> str:
    return "nominal" if mention_type == "nominal" else "explicit"


def _pronoun(doc: Doc, ents: DocEntities, k: int, before: list[Quote]) -> Speaker | None:
    """``he``/``she`` → the person mentioned last in the text; ``they`` → the latest fitting
    actor, speakers of the quotes before first; ``the statement`` → its issuer."""
    tok = doc[k]
    word = tok.lower_
    if word in PRONOUN_NUMBER:
        want = PRONOUN_NUMBER[word]
        for _, actor in ents.actor_mentions_back(tok.idx, text_order=want != "many"):
            many = actor.plural or actor.actor_type not in {"person"}
            if (want == "many") == many:
                return Speaker(actor, tok.idx, tok.idx + len(tok.text), "pronoun")
        return None
    if word == "it" and (subject := _previous_subject(ents, k)) is not None:
        return Speaker(subject, tok.idx, tok.idx + len(tok.text), "pronoun")
    if word in WORDS.issuer_words:
        start = doc[k - 1].idx if k > 0 and doc[k - 1].lower_ == "the" else tok.idx
        issuer = _issuer(doc, word, before)
        if issuer is not None:
            return Speaker(issuer, start, tok.idx + len(tok.text), "issuer")
    return None


def _previous_subject(ents: DocEntities, k: int) -> Actor | None:
    """The organisation that opens the sentence before token ``k``'s, which "It said" goes on
    about ("The Office for Budget Responsibility cut its forecast. It said …"); None when a
    person or a group opens it."""
    sentence = ents.sentence_index.get(k)
    if not sentence:
        return None
    first = next(
        (
            m
            for m in ents.mentions
            if m.sentence == sentence - 1 and m.table == ACTORS and not m.in_quote
        ),
        None,
    )
    actor = ents.actor_of(first) if first is not None else None
    if actor is None or actor.actor_type == "person" or actor.plural:
        return None
    return actor


def _issuer(doc: Doc, word: str, before: list[Quote]) -> Actor | None:
    """The speaker of the latest quote whose attribution mentions the same document kind."""
    for q in reversed(before):
        sentence = body(doc)[q.cue_start - 200 if q.cue_start > 200 else 0 : q.cue_start + 60]
        if word != "it" and word in sentence.lower() and q.speaker.actor is not None:
            return q.speaker.actor
    return before[-1].speaker.actor if before else None


def _content_after(
    doc: Doc, sent: Sentence, at: CueAt, speaker: Speaker, lex: Lexicon, syn: Syntax
) -> Content | None:
    """What follows the cue: skip a listener, adjuncts and "that"; stop at the sentence end.

    A reported question keeps its question word ("asked why …"). With no marker ("that", a
    question word, a colon or a quotation), the parser decides where the reported clause
    starts (after a listener: "told Montalvo he would …") and whether there is one at all
    ("conceded a penalty", "warned of a crisis": an object or an adjunct, no clause). Without
    a parse, words after the cue that open with a preposition ("said to applause from
    supporters"), or a listener with no clause after it ("told the Gazette in an interview"),
    are an adjunct: no content unless a subject pronoun or an auxiliary shows a clause ("said
    in 2004 the base would close").
    """
    _, j, cue = at
    end = _sentence_end(doc, sent)
    last = sent.span.end
    low, text = lowers(doc), words(doc)
    second = next(  # where a second claim of the same subject starts, if one does
        (
            k
            for k in range(j + 1, last)
            if low[k - 1] in CLAIM_JOINS  # what both kinds of second claim follow
            and (_participle_claim(doc, k, lex) or _coordinated_cue(doc, k, lex, syn))
        ),
        last,
    )
    that = next((k for k in range(j, min(second, j + 14)) if low[k] == "that"), None)
    if that is not None and _finite_before(syn, j, that):
        that = None  # "said the package relied on tax rises that would …": a relative "that"
    stop = next((k for k in range(j, last) if text[k] in {",", "“", '"', ":"}), last)
    agent = that is not None and that < stop  # "asserted by the Crown that …"
    if speaker.start >= doc[j - 1].idx and not agent:  # "said the official": nothing follows
        return None
    titled = span_text(doc, j, j + 1).lower() in WORDS.title_prepositions
    if titled and span_text(doc, j + 1, j + 2) in {"“", '"'} and that is None:
        return None  # 'Microsoft says on "The IE6 Countdown"': a title, not what was said
    k = _skip_days(doc, j, last)
    question = _question_word(doc, k, stop, cue)
    marked = True
    if that is not None and (that < stop or _aside_before(doc, j, that)):
        k = that + 1
    elif question is not None:
        k = question
    else:
        while (
            k < last and doc[k].text in {":", ","} and span_text(doc, k + 1, k + 2) in {*PAIRS, ":"}
        ):
            k += 1  # "wrote, “…”", "said: “…”"
        while k < last and doc[k].text == ":":
            k += 1
        marked = (k > j and doc[k - 1].text == ":") or (k < last and doc[k].text in PAIRS)
        clause = _parsed_clause(syn, at, last) if not marked else None
        if clause is not None and clause < 0 and _object_sense(cue) and not _infinitive(syn, at):
            return OBJECT_ONLY  # "showed numerous bodies", "found a wallet": no clause
        if clause is not None and clause >= 0 and cue.listener:
            k = clause + (doc[clause].lower_ == "that")  # after the listener: "told X he …"
        elif k < last and not marked and _adjunct_only(doc, k, second, cue):
            return None
    if k >= last:
        return None
    starts = token_bounds(doc)[0]
    for n in range(k + 3, last):  # "…, and the mayor said it would reopen": a second claim
        if low[n] in WORDS.second_claim_cues:
            comma = max(
                body(doc).rfind(", and", starts[k], starts[n]),
                body(doc).rfind(", but", starts[k], starts[n]),
            )
            if comma > starts[k]:
                return Content(starts[k], comma, marked)
        if low[n - 1] not in CLAIM_JOINS:
            continue  # neither kind of second claim
        if _participle_claim(doc, n, lex):  # "criticised X, saying …"
            if not (marked or any(w in WORDS.finite_markers for w in low[k:n])):
                return None  # an object, then the claim: "pointed out the flaws, noting …"
            return Content(starts[k], starts[n - 1], marked)
        if _coordinated_cue(doc, n, lex, syn):  # "…, and wrote that …"
            return Content(starts[k], starts[n - 1 - (text[n - 2] == ",")], marked)
    return Content(starts[k], end, marked)


def _finite_before(syn: Syntax, j: int, that: int) -> bool:
    """The parser reads a verb between the cue and a "that": the claim has begun, and the
    "that" opens a relative clause inside it. A finite verb anywhere; a past participle when
    a noun phrase opens right after the cue ("said the package relied on tax rises that …",
    which the parser may tag as a participle), not an adjunct ("said in a statement issued
    on Tuesday that …")."""
    if not syn.parsed(j):
        return False
    tags = FINITE_TAGS | ({"VBN"} if syn.xpos(j) in CLAUSE_OPENING_TAGS else set())
    depth = 0  # a verb in brackets is an aside's: "saying (before X had been found) that"
    for k in range(j + 1, that):
        depth += {"(": 1, ")": -1}.get(syn.doc[k].text, 0)
        if depth == 0 and syn.parsed(k) and syn.xpos(k) in tags:
            return True
    return False


#: Tags of a word that opens a noun phrase (a clause's subject) right after a cue.
CLAUSE_OPENING_TAGS = frozenset({"DT", "NN", "NNS", "NNP", "NNPS", "PRP", "PRP$", "CD", "JJ"})


CLAIM_JOINS = frozenset({",", "and", "but"})
"""The word before a second claim: a comma (:func:`_participle_claim`), "and" or "but"
(:func:`_coordinated_cue`)."""


def _coordinated_cue(doc: Doc, i: int, lex: Lexicon, syn: Syntax) -> bool:
    """A cue right after ", and" or ", but", or after a bare "and" or "but" when the parser
    tags it a finite verb ("denied the charges and said she would appeal"): a second claim of
    the same subject."""
    text = words(doc)
    return (
        i > 1
        and lowers(doc)[i - 1] in {"and", "but"}
        and (text[i - 2] == "," or _conjoined_verb(syn, i))
        and (cue := lex.cue(text[i])) is not None
        and not cue.phrase
    )


def _shared_subject(doc: Doc, sent: Sentence, i: int, before: list[Quote]) -> Speaker | None:
    """``X said …, and added that …``: a cue with no subject after "and" or "but" has the
    speaker of the claim before it in the same sentence."""
    if i - 1 <= sent.span.start or doc[i - 1].lower_ not in {"and", "but"}:
        return None
    last = before[-1] if before else None
    if last is None or last.sentence != sent.index or last.end > doc[i].idx:
        return None
    return last.speaker


def _participle_claim(doc: Doc, i: int, lex: Lexicon) -> bool:
    """A speech cue in -ing after a comma ("…, saying …", "…, adding that …"): a claim of its
    own, with the subject of the verb before it."""
    text = words(doc)
    return (
        text[i - 1] == ","
        and lowers(doc)[i].endswith("ing")  # ``_participle``
        and (cue := lex.cue(text[i])) is not None
        and cue.kind == "speech"
        and not cue.phrase
    )


def _conjoined_verb(syn: Syntax, i: int) -> bool:
    """The parser reads ``i`` as a finite verb conjoined to a predicate, not to a noun
    ("denied it and said", not "study of the samples and estimate of the rate")."""
    head = syn.head(i)
    return (
        syn.xpos(i) in FINITE_TAGS
        and syn.dep(i) == "conj"
        and head is not None
        and syn.upos(head) not in {"NOUN", "PROPN", "PRON", "NUM"}
    )


def _coordinated_speaker(
    doc: Doc, ents: DocEntities, sent: Sentence, i: int, before: list[Quote], syn: Syntax
) -> Speaker | None:
    """A coordinated cue ("…, and added", "denied it and said") has its first verb's subject:
    the speaker of the claim before it, else the parser's subject."""
    if not _coordinated_cue(doc, i, ents.lex, syn):
        return None
    return (
        _shared_subject(doc, sent, i, before)
        or _head_subject(doc, ents, sent, i, syn)
        or _name_before_head(doc, ents, sent, i, syn)
    )


def _name_before_head(
    doc: Doc, ents: DocEntities, sent: Sentence, i: int, syn: Syntax
) -> Speaker | None:
    """The name right before the verb a conjoined cue hangs on, when the parse gives that verb
    no subject ("Opposition leader Nikos Androulakis accused …, and asked why …", the name
    misread as a clause of its own)."""
    head = syn.head(i)
    if head is None or syn.dep(i) != "conj" or syn.subject(head) is not None:
        return None
    return _speaker_at(doc, ents, sent, head - 1, i, syn) if syn.upos(head - 1) == "PROPN" else None


def _aside_before(doc: Doc, j: int, that: int) -> bool:
    """An aside between commas stands between the cue and "that" ("explains, in a satirical
    fashion, that …")."""
    return (
        doc[j].text == ","
        and doc[that - 1].text == ","
        and not any(t.text in PAIRS or t.text in {"”", ":"} for t in doc[j:that])
    )


def _object_sense(cue: Cue) -> bool:
    """A cue whose word often takes a plain object instead of a claim ("showed the damage",
    "found a body", "conceded a penalty"): a weak cue, or a finding or belief, unless its
    content may be an object ("criticised the plan")."""
    return (cue.weak or cue.kind in {"finding", "belief"}) and cue.lemma not in WORDS.object_cues


def _parsed_clause(syn: Syntax, at: CueAt, last: int) -> int | None:
    """Where the parser puts the clause a cue reports: the first token of its clausal
    complement after the cue, or of an object just before it that the parser took from the
    clause ("revealed many are not getting …"; a listener stays out: "told Montalvo he …");
    -1 when the cue's verb has no complement after it; ``None`` when the cue was not parsed
    as a verb."""
    i, j, cue = at
    if not syn.parsed(i) or syn.upos(i) != "VERB":
        return None
    c = syn.complement(i)
    if c is None or c < j:
        return None if _finite_verb_after(syn, i, j, last) else -1
    start = max(j, syn.extent(c)[0])
    objects = [syn.extent(o)[0] for o in syn.objects(i) if j <= o < start]
    if objects and not cue.listener:
        start = min(objects)
    return start


def _infinitive(syn: Syntax, at: CueAt) -> bool:
    """A to-infinitive that the parser hung on a cue that takes one as an adverbial clause,
    not as its complement: a quotation mark after "to" misleads it ("urged colleagues to
    “stop the brinkmanship”"), and the infinitive is what was urged."""
    i, _, cue = at
    return cue.lemma in WORDS.infinitive_cues and any(
        c > i and any(syn.doc[m].lower_ == "to" for m in syn.children(c, "mark"))
        for c in syn.children(i, "advcl")
    )


FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD"})
MODIFIER_CLAUSES = frozenset({"acl", "acl:relcl"})


def _finite_verb_after(syn: Syntax, i: int, j: int, end: int) -> bool:
    """A finite verb after the cue ``i`` that heads no relative clause, no clause with its own
    subordinator ("since the outbreak began") and not the clause the cue hangs on ("after
    police found the bag, she could be …"): the parse may have missed a bare reported clause
    ("observed the exhibit identifies …"), so the rules decide."""
    above = set(syn.ancestors(i))
    for k in range(j, end):
        if not syn.parsed(k):
            break
        if syn.xpos(k) not in FINITE_TAGS:
            continue
        v = k if syn.upos(k) == "VERB" else (syn.head(k) or k)
        marks = [m for m in syn.children(v, "mark") if syn.doc[m].lower_ != "that"]
        if syn.dep(v) not in MODIFIER_CLAUSES and not marks and v not in above:
            return True
    return False


def _skip_days(doc: Doc, k: int, last: int) -> int:
    """Step over a day after a cue ("said Wednesday", "said on Monday"); "on" alone is a
    preposition ("insisted on a recount")."""
    while k < last and doc[k].lower_ in WORDS.day_words:
        if doc[k].lower_ == "on" and not (k + 1 < last and doc[k + 1].lower_ in WORDS.day_words):
            break
        k += 1
    return k


def _question_word(doc: Doc, k: int, stop: int, cue: Cue) -> int | None:
    """The word that opens a reported question: right after the cue ("asked why", "explained
    how"), or after the listener of a cue that takes one ("asked the minister whether")."""
    if k < len(doc) and doc[k].lower_ in WORDS.question_words:
        return k
    if not cue.listener:
        return None
    return next(
        (
            t.i
            for t in doc[k : min(stop, k + 6)]
            if t.lower_ in WORDS.question_words and t.lower_ not in WORDS.relative_pronouns
        ),
        None,
    )


def _adjunct_only(doc: Doc, k: int, last: int, cue: Cue) -> bool:
    """Words after a cue that open with a preposition, or with the listener of a cue that takes
    one, and hold no clause: an adjunct ("said to applause", "told the Gazette last week").
    After a cue that takes an infinitive, "to" opens a clause ("vowed to rebuild", "warned
    residents to boil water")."""
    infinitive = cue.lemma in WORDS.infinitive_cues
    if infinitive and doc[k].lower_ == "to":
        return False
    if doc[k].lower_ not in WORDS.adjunct_openers and not cue.listener:
        return False
    return not any(
        t.lower_ in WORDS.finite_markers or (infinitive and t.lower_ == "to")
        for t in doc[k + 1 : last]
    )


def _content_before(doc: Doc, sent: Sentence, i: int, speaker: Speaker) -> tuple[int, int] | None:
    """``CONTENT, X said.`` / ``“Q,” X said.``: the text before the attribution clause."""
    first = min(speaker.start, doc[i].idx)
    head = body(doc)[sent.start : first].rstrip()
    cut = max(head.rfind(","), head.rfind("”"), head.rfind('"'))
    if cut > 0 and len(head[cut + 1 :].split()) <= 4:  # "…,” Mayor Tom Brandt said."
        head = head[: cut + 1]
    if not head.endswith((",", ",”", ',"', "”", '"', "?”", "!”")):
        return None
    return sent.start, sent.start + len(head)


def _sentence_end(doc: Doc, sent: Sentence) -> int:
    return sent.end


def _widen_to_quotes(a: int, b: int, quoted: list[tuple[int, int]]) -> tuple[int, int]:
    """A content edge inside a quotation moves out to the quotation's marks (the quotations
    are in text order and disjoint, so only the last one that opens before an edge can hold
    it)."""
    k = bisect_left(quoted, a, key=itemgetter(0)) - 1
    if k >= 0 and a < quoted[k][1]:
        a = quoted[k][0]
    k = bisect_left(quoted, b, key=itemgetter(0)) - 1
    if k >= 0 and b < quoted[k][1]:
        b = quoted[k][1]
    return a, b


def split_content(
    body: str, a: int, b: int, quoted: list[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """(start, end, type) rows for content ``body[a:b]``.

    No quotation marks: one indirect row. Quotations that carry most of the clause: one row
    per quotation (direct when it is the whole clause, else partial). A quotation inside a
    paraphrase: one partial row for the whole clause.
    """
    inner = [(s, e) for s, e in quoted if a <= s and e <= b + 1]
    a, b = _trim(body, a, b)
    if b <= a:
        return []
    if not inner:
        return [(a, b, "indirect")]
    total = _words(body[a:b])
    in_quotes = sum(_words(body[s:e]) for s, e in inner)
    if total and in_quotes / total >= MAJORITY:
        rows = []
        for s, e in inner:
            cs, ce = _trim(body, s + 1, e - 1 if body[e - 1] in '”"' else e)
            if ce > cs:
                kind = "direct" if len(inner) == 1 and in_quotes / total >= 0.9 else "partial"
                rows.append((cs, ce, kind))
        return rows
    return [(a, b, "partial")]


def _trim(body: str, a: int, b: int) -> tuple[int, int]:
    while a < b and body[a] in TRIM:
        a += 1
    while b > a and body[b - 1] in TRIM:
        b -= 1
    if b > a and body[a] in PAIRS and body[b - 1] in CLOSERS and body.count(body[a], a, b) == 1:
        return _trim(body, a + 1, b - 1)
    return a, b


def _words(text: str) -> int:
    return len(re.findall(r"[\w’']+", text))


def _according_to(
    doc: Doc,
    ents: DocEntities,
    sent: Sentence,
    at: CueAt,
    quoted: list[tuple[int, int]],
    syn: Syntax,
) -> list[Quote]:
    """``According to X, CONTENT`` and ``CONTENT, according to X``: X must be an actor. An
    apposition after X is not the content ("According to Ana Lima, a lawyer in Recife, the
    law …")."""
    i, j, _ = at
    if j >= sent.span.end:
        return []
    start = doc[j].idx
    stop = next(
        (
            t.idx
            for t in doc[j : sent.span.end]
            if t.is_punct and t.text not in {"-", "'s", "’s", "."}
        ),
        sent.end,
    )
    mention = next((m for m in ents.index.starting(start, stop) if m.table == ACTORS), None)
    if mention is not None:
        speaker = Speaker(
            ents.actors[mention.entity_id], mention.start, mention.end, "according_to"
        )
    else:
        from dateline.extract.entities import unnamed_speaker

        np_end = next((t.i for t in doc[j : sent.span.end] if t.idx >= stop), sent.span.end)
        modifier = next(  # "an Internet posting made just over 24 hours ago": cut the modifier
            (
                t.i
                for t in doc[j + 1 : np_end]
                if t.is_lower and (t.lower_ in WORDS.np_breaks or t.lower_.endswith("ed"))
            ),
            None,
        )
        np_end = modifier or np_end
        while np_end > j and doc[np_end - 1].is_punct:
            np_end -= 1
        np_start = _document_issuer(doc, j, np_end)
        np = doc[np_start:np_end]
        actor = unnamed_speaker(ents, np) if 0 < len(np) <= 10 and _source_like(np, ents) else None
        if actor is None:
            return []
        speaker = Speaker(
            actor,
            doc[np_start].idx,
            doc[np_end - 1].idx + len(doc[np_end - 1].text),
            "according_to",
        )
    comma = next(
        (t.idx for t in doc[j : sent.span.end] if t.text == "," and t.idx >= speaker.end), None
    )
    after = (comma + 1 if comma is not None else speaker.end, sent.end)
    previous = doc[i - 1].lower_ if i > sent.span.start else ""
    opening = (
        doc[i].idx == sent.start
        or previous == "that"  # "… has learned that according to X, CONTENT."
        or (  # "…, and in the words of X, “CONTENT”"
            previous in {",", "and", "but"}
            and any(after[0] <= s < after[1] for s, _ in quoted)
            and not _thin(doc, after)
        )
    )
    if opening:
        after = _past_apposition(doc, syn, after, speaker)
    content = after if opening else (sent.start, doc[i].idx)
    a, b = _widen_to_quotes(*content, quoted)
    return [
        Quote(s, e, t, span_text(doc, i, j), speaker, sent.index, doc[i].idx)
        for s, e, t in split_content(body(doc), a, b, quoted)
    ]


#: How the parser may attach an apposition to the noun it describes.
APPOSITION_DEPS = frozenset({"appos", "conj"})


def _past_apposition(
    doc: Doc, syn: Syntax, span: tuple[int, int], speaker: Speaker
) -> tuple[int, int]:
    """``span`` past an apposition to ``speaker`` that opens it: a noun phrase with a
    determiner, set off by a comma, that the parser attaches to the speaker and finds no verb
    in ("a lawyer at the Institute for Technology in
    Rio, platforms will …" → "platforms will …"); ``span`` itself when none opens it or
    nothing but a few words would be left."""
    text = body(doc)
    words = text[span[0] : span[1]].split()
    comma = text.find(",", span[0], span[1])
    if not words or words[0].lower() not in DETERMINERS or comma < 0:
        return span
    rest = (comma + 1, span[1])
    if _thin(doc, rest) or not _verbless(syn, (span[0], comma)):
        return span
    k = _token_at(doc, span[0])
    while k < len(doc) and doc[k].idx < comma:
        head = syn.head(k)
        if (
            syn.dep(k) in APPOSITION_DEPS
            and head is not None
            and speaker.start <= doc[head].idx < speaker.end
        ):
            return rest
        k += 1
    return span


def _roundup(
    seg: Segmented, ents: DocEntities, sent: Sentence, quoted: list[tuple[int, int]]
) -> list[Quote]:
    """A round-up line with no speech verb: ``Name, Outlet: “…”`` or ``Name (Role): …``. The
    sentence opens with an actor (a person first), only a short description without a verb
    stands before the colon, and what follows the colon is what they said: a quotation, or a
    clause (a headline such as "Name: a life in politics" is not a quote)."""
    doc = seg.doc
    first = sent.span.start
    tokens, low, punct = words(doc), lowers(doc), puncts(doc)
    while first < sent.span.end and punct[first] and tokens[first] not in PAIRS:
        first += 1  # a bullet: "- ", "• "
    colon = next(
        (
            k
            for k in range(first, min(sent.span.end, first + 12))
            if tokens[k].endswith(":") and punct[k]  # ":" or "):"
        ),
        None,
    )
    if colon is None or colon + 1 >= sent.span.end or _inside(doc[colon].idx, quoted):
        return []
    if any(
        tokens[k].islower()  # ``Token.is_lower``
        and (
            low[k] in WORDS.finite_markers
            or ents.lex.cue(tokens[k])
            or ents.lex.triggers_for(low[k])
        )
        for k in range(first, colon)
    ):
        return []  # a clause before the colon ("He said:"); names may hold one ("Gulf Post")
    found = [m for m in ents.index.starting(doc[first].idx, doc[colon].idx) if m.table == ACTORS]
    if not found or found[0].start != doc[first].idx:
        return []
    people = [m for m in found if ents.actors[m.entity_id].actor_type == "person"]
    m = (people or found)[0]
    speaker = Speaker(ents.actors[m.entity_id], m.start, m.end, _attribution(m.mention_type))
    a, b = _widen_to_quotes(doc[colon + 1].idx, sent.end, quoted)
    rows = split_content(body(doc), a, b, quoted)
    clause = any(t.lower_ in WORDS.finite_markers for t in doc[colon + 1 : sent.span.end])
    if not rows or _words(body(doc)[a:b]) < 3 or not (clause or rows[0][2] != "indirect"):
        return []  # "Maria Kowalski: a life in politics" is a headline
    return [Quote(s, e, t, ":", speaker, sent.index, doc[colon].idx) for s, e, t in rows]


def _continuations(seg: Segmented, quoted: list[tuple[int, int]], rows: list[Quote]) -> list[Quote]:
    """A quotation with no cue right after an attributed one continues the same speaker's words."""
    out: list[Quote] = []
    # Rows by start, with the furthest end among the rows that start so far, and the
    # quotation rows by end, with the latest list position among the rows that end so far.
    by_start = sorted(rows, key=lambda q: q.start)
    starts = [q.start for q in by_start]
    reach = list(accumulate((q.end for q in by_start), max))
    said = sorted((q.end, k) for k, q in enumerate(rows) if q.quote_type in {"direct", "partial"})
    said_ends = [end for end, _ in said]
    latest = list(accumulate((k for _, k in said), max))
    for s, e in quoted:
        n = bisect_right(starts, s + 1)  # rows with q.start <= s + 1
        if n and reach[n - 1] > s + 1:
            continue  # a row holds the quotation, or its start ('“…,” he said, “not by far.”')
        if bisect_left(starts, e) > bisect_left(starts, s):
            continue  # a row starts inside it
        n = bisect_right(said_ends, s)  # quotation rows with q.end <= s
        if not n or s - rows[latest[n - 1]].end > 400 or _words(body(seg.doc)[s:e]) < 4:
            continue
        last = rows[latest[n - 1]]
        sent = seg.sentence_at(s)
        if sent is None:
            continue
        whole = "partial" if _inside_paraphrase(seg, sent, s, e) else "direct"
        for a, b, kind in split_content(body(seg.doc), s, e, quoted):
            out.append(
                Quote(
                    a,
                    b,
                    whole if kind != "indirect" else kind,
                    last.cue,
                    last.speaker,
                    sent.index,
                    last.cue_start,
                )
            )
    return out


def _inside_paraphrase(seg: Segmented, sent: Sentence, s: int, e: int) -> bool:
    """Whether the quotation ``s:e`` is a fragment of a sentence in the writer's words ("The
    school, by contrast, was “a gift to the town”"): a partial quote, not a direct one."""
    text = body(seg.doc)
    last = seg.sentence_at(e - 1) or sent
    return _words(text[sent.start : s]) + _words(text[e : last.end]) >= 3


def _unique(quotes: list[Quote], text: str) -> list[Quote]:
    """Overlapping quotes: the better-attributed one stays, except that a claim nested inside
    another's content with its own speaker ("X noted the findings show Z") is kept too. Of two
    as well attributed, the one whose cue is in the quotation's own paragraph stays: a cue
    that reached ahead to the next paragraph's quotation (:func:`_next_quotation`) yields to
    that quotation's own attribution ("Pique denied wrongdoing." then "“…,” Louzan said")."""
    ranked = sorted(
        quotes,
        key=lambda q: (-CONFIDENCE[q.speaker.attribution], _reached_ahead(q, text), q.start, q.end),
    )
    kept: list[Quote] = []
    by_start: list[tuple[int, int]] = []  # (start, position in kept), sorted
    longest = 0
    for q in ranked:
        # a kept quote that overlaps q starts before q ends and at most ``longest`` before q
        lo = bisect_right(by_start, (q.start - longest, len(kept)))
        hi = bisect_left(by_start, (q.end, -1))
        near = (kept[k] for _, k in by_start[lo:hi])
        if not any(q.start < k.end and k.start < q.end and not _nested(q, k) for k in near):
            insort(by_start, (q.start, len(kept)))
            kept.append(q)
            longest = max(longest, q.end - q.start)
    return sorted(kept, key=lambda q: (q.start, q.end))


def _reached_ahead(q: Quote, text: str) -> bool:
    """Whether the cue of ``q`` is in an earlier paragraph than its content."""
    return q.cue_start < q.start and "\n" in text[q.cue_start : q.start]


def _nested(a: Quote, b: Quote) -> bool:
    """One quote lies strictly inside the other and a different actor says it."""
    inside = (b.start <= a.start and a.end <= b.end) or (a.start <= b.start and b.end <= a.end)
    return (
        inside and (a.start, a.end) != (b.start, b.end) and a.speaker.actor is not b.speaker.actor
    )


# -- claims reported inside a quotation --------------------------------------------------------


def _claims_in_quotation(
    seg: Segmented,
    ents: DocEntities,
    sent: Sentence,
    quoted: list[tuple[int, int]],
    syn: Syntax,
    before: list[Quote],
    cues: DocCues,
) -> list[Quote]:
    """Claims that a quotation reports from someone else: in “Then Moxon lied to him that the
    files were lost,” the lawyer wrote, the lawyer's quotation holds Moxon's claim that the
    files were lost. A speech cue inside a quotation, asserted (not negated, no modal or
    condition: "nobody could say that" reports no claim), whose own subject stands in the
    quotation (the parser's subject of the cue, or the "by" agent of a passive one: "it is
    asserted by the prosecution that …") and whose content opens with a marker ("that", a
    question word, a colon) gives a nested indirect row with that speaker, from the marker to
    the end of the
    claim: the quotation's end, or a predicate coordinated with the cue's clause ("…, and
    made a case that …"). A first or second person subject ("I told them that", "we showed
    that") is the quotation's own speaker or its listener: the words stay the outer
    speaker's, and so do claims whose speaker resolves to the outer speaker
    (:func:`_with_inner_claims`). A finding or a belief inside a quotation ("the tests show
    that …", "experts believe that …") is the speaker's own reasoning: no nested row. Without
    a parse of the sentence there is no nested row."""
    doc = seg.doc
    out: list[Quote] = []
    for at in cues.inside[sent.index]:
        i, j, cue = at
        quotation = _quotation_at(doc[i].idx, quoted)
        s = _own_subject(syn, i, sent) if cue.kind in CLAIM_KINDS else None
        if s is None or not quotation[0] < doc[s].idx < quotation[1]:
            continue
        speaker = _inner_speaker(doc, ents, syn, sent, s, before)
        if speaker is None:
            continue
        content = _content_after(doc, sent, at, speaker, ents.lex, syn)
        if content is None or content is OBJECT_ONLY or not _marked_near(doc, syn, j, content):
            continue
        end = min(content.end, quotation[1] - 1, _coordinated_predicate(doc, syn, i, j))
        a, b = _trim(body(doc), content.start, end)
        real = _realise(doc, ents, speaker) if _words(body(doc)[a:b]) >= 3 else None
        if real is not None:
            out.append(Quote(a, b, "indirect", span_text(doc, i, j), real, sent.index, doc[i].idx))
    return out


def _marked_near(doc: Doc, syn: Syntax, j: int, content: Content) -> bool:
    """A marked content that opens right after the cue ``j``, or after only a listener or an
    agent ("told the board that", "asserted by the prosecution that"): at most six words, no
    punctuation and no verb between ("ruled out the possibility of this being a strain that
    …" reports no claim)."""
    if not content.marked:
        return False
    k = _token_at(doc, content.start)
    gap = doc[j:k]
    if gap and gap[-1].lower_ in WORDS.question_words | {"that"}:
        gap = gap[:-1]
    return len(gap) <= 6 and not any(t.is_punct or syn.upos(t.i) in {"VERB", "AUX"} for t in gap)


def _quotation_at(char: int, quoted: list[tuple[int, int]]) -> tuple[int, int]:
    """The quotation that holds ``char`` (one does: see :func:`_inside`)."""
    return quoted[bisect_right(quoted, char, key=itemgetter(0)) - 1]


def _own_subject(syn: Syntax, i: int, sent: Sentence) -> int | None:
    """The parser's subject of cue ``i`` (the agent of a passive cue), when it is a noun, a
    capitalised word (the tagger may read a name as an adjective: "by the Crown") or a third
    person pronoun of the sentence: not the quotation's speaker or listener ("I", "we",
    "you"), an empty "it" or "there", nobody ("no one", "none"), or a relative pronoun ("a
    man who knows that …": the parse of such a clause is too often wrong to tell whose claim
    follows)."""
    if not syn.parsed(i) or syn.upos(i) != "VERB" or syn.is_negated(i) or syn.mood(i).hypothetical:
        return None
    s = syn.agent(i) if syn.is_passive(i) else syn.subject(i)
    if s is None or not sent.span.start <= s < sent.span.end or syn.dep(s) == "expl":
        return None
    tok = syn.doc[s]
    nominal = syn.upos(s) in {"NOUN", "PROPN", "PRON"} or (tok.is_alpha and tok.text[0].isupper())
    said = {tok.lower_, *(syn.doc[d].lower_ for d in syn.children(s, "det"))}
    own = said & (WORDS.inner_self_subjects | WORDS.relative_pronouns)
    return s if nominal and not own else None


def _inner_speaker(
    doc: Doc, ents: DocEntities, syn: Syntax, sent: Sentence, s: int, before: list[Quote]
) -> Speaker | None:
    """Who says a claim inside a quotation: the actor mentioned at its subject ``s``, the actor
    a pronoun points back to, else the subject's noun phrase up to its head (without the "by"
    of an agent) when it names who can speak (:func:`_speaker_noun`), to be made an actor if
    the claim is kept."""
    tok = doc[s]
    for m in ents.index.covering(tok.idx, tok.idx + len(tok.text)):
        if m.table == ACTORS:
            return Speaker(ents.actors[m.entity_id], m.start, m.end, _attribution(m.mention_type))
    if tok.lower_ in PRONOUN_NUMBER:
        return _pronoun(doc, ents, s, before)
    if not _speaker_noun(doc, ents.lex, s, sent.span.start):
        return None
    start = syn.extent(s)[0]
    while start < s and (syn.dep(start) == "case" or doc[start].is_punct):
        start += 1
    named = all(t.text[:1].isupper() for t in doc[start : s + 1] if t.is_alpha)
    return _pending(doc, start, s + 1, "explicit" if named else "nominal")


def _speaker_noun(doc: Doc, lex: Lexicon, s: int, first: int) -> bool:
    """A head noun that names who can speak: a person, institution or party noun ("the mayor",
    "officials", "the prosecution"), a plural agent noun ("the merchants", "residents"), or a
    name, capitalised where a sentence or quotation does not
    open ("the Crown"); not a thing or a finding ("Initial tests confirm that …", "Testing
    has shown that …"); ``first`` is the sentence's first token."""
    tok = doc[s]
    word = tok.text
    if tok.lower_ in WORDS.speaking_bodies or lex.title(word) or lex.sources.noun(word):
        return True
    if tok.is_lower and AGENT_NOUN.search(tok.lower_):
        return True  # a noun for people by what they do: "merchants", "tenants", "voters"
    if lex.institution(word) or lex.org_head(word):
        return True
    opening = s == first or doc[s - 1].text in PAIRS.keys() | CLOSERS
    return tok.is_alpha and tok.text[0].isupper() and not opening


def _coordinated_predicate(doc: Doc, syn: Syntax, i: int, j: int) -> int:
    """Where a predicate coordinated with the cue's clause starts, after the cue (at its
    "and" or "but"): "Moxon lied that the files were lost, and made a case that …" ends the
    claim before ", and made"; the body's end when there is none."""
    clause = {i, *syn.ancestors(i)}
    for k in range(j, len(doc)):
        if not syn.parsed(k):
            break
        if syn.dep(k) == "conj" and syn.head(k) in clause and syn.upos(k) in {"VERB", "AUX"}:
            cc = syn.children(k, "cc")
            return doc[cc[0] if cc else k].idx
    return len(body(doc))


def _with_inner_claims(kept: list[Quote], inner: list[Quote]) -> list[Quote]:
    """The quotes with the claims reported inside their quotations added: a claim is kept when
    every quote it overlaps holds it strictly and has another speaker, and no claim kept
    before overlaps it."""
    out = list(kept)
    taken: list[Quote] = []
    for q in sorted(inner, key=lambda q: (q.start, q.end)):
        near = [k for k in kept if q.start < k.end and k.start < q.end]
        if not near or any(not _nested(q, k) or _same_speaker(q, k) for k in near):
            continue
        if any(q.start < t.end and t.start < q.end for t in taken):
            continue
        taken.append(q)
    out.extend(taken)
    return sorted(out, key=lambda q: (q.start, q.end))


def _same_speaker(a: Quote, b: Quote) -> bool:
    x, y = a.speaker.actor, b.speaker.actor
    return x is not None and y is not None and x.actor_id == y.actor_id
