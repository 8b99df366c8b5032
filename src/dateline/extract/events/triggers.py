"""Trigger words: the lexicon's event forms found in a sentence, each with the entry whose
context holds (``strike`` of workers or of aircraft)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

from spacy.tokens import Doc

from dateline.extract.entities import DocEntities
from dateline.extract.model import ACTORS, LOCATIONS, MentionType
from dateline.extract.segment import Segmented, Sentence
from dateline.extract.text import (
    DETERMINERS,
    admitted,
    key_windows,
    longest_matches,
    lowers,
    spaced,
    span_text,
    token_bounds,
    words,
)
from dateline.lexicon import Lexicon, Trigger

#: Punctuation that ends a word of a context ("a heart attack, after …"); hyphens and
#: apostrophes stay inside words ("cease-fire").
PUNCTUATION = re.compile(r"([,.;:!?()\[\]\"“”‘])")
#: Longest trigger form, in tokens ("agreed to a cease-fire": 6).
TRIGGER_SIZE = 6

Found = tuple[int, int, Trigger]  # start token, end token, the entry
TRIGGER_SENTENCES = "trigger_sentences"  # where a document keeps them (``doc.user_data``)
TRIGGER_FORMS = "trigger_forms"  # where it keeps :func:`form_windows`


def triggers_in(doc: Doc, sent: Sentence, ents: DocEntities) -> list[Found]:
    """(start token, end token, trigger) for each trigger in the sentence, longest match first."""
    return list(_matches(doc, sent, ents.lex, ents))


def trigger_sentences(seg: Segmented, lex: Lexicon) -> frozenset[int]:
    """The indices of the sentences of ``seg`` that :func:`may_hold_trigger`, found once per
    document: the parse gate (``extract/gate``) parses them, and the event rules look for
    triggers only in them."""
    kept = seg.doc.user_data.get(TRIGGER_SENTENCES)
    if kept is None or kept[0] is not lex:
        found = frozenset(s.index for s in seg.sentences if may_hold_trigger(seg.doc, s, lex))
        kept = seg.doc.user_data[TRIGGER_SENTENCES] = (lex, found)
    return kept[1]


def may_hold_trigger(doc: Doc, sent: Sentence, lex: Lexicon) -> bool:
    """Whether the sentence may hold a trigger before its entities are known: a trigger form
    stands free in it whose entry's context holds, taking a requirement on the entities
    around it ("@place", "@actor") as met and an exclusion by them as unmet. Every sentence
    where :func:`triggers_in` finds a trigger passes; the parse gate (``extract/gate``) reads
    it before the mentions are found."""
    return next(_matches(doc, sent, lex, None), None) is not None  # the first will do


def _matches(doc: Doc, sent: Sentence, lex: Lexicon, ents: DocEntities | None) -> Iterator[Found]:
    """The longest free trigger forms of the sentence whose entry's context holds, each with
    that entry (``ents`` unknown: see :func:`may_hold_trigger`)."""
    forms = form_windows(doc, lex)

    def match(i: int, j: int) -> Trigger | None:
        if not _free_word(doc, sent, i, j) or _in_name(doc, i, j, ents):
            return None
        return _choose(doc, sent, i, j, forms[i][j], ents)

    # only the ends of the forms from ``i`` (longest first) are tried
    return longest_matches(sent.span, TRIGGER_SIZE, match, forms.__contains__, forms.__getitem__)


def form_windows(doc: Doc, lex: Lexicon) -> dict[int, dict[int, tuple[Trigger, ...]]]:
    """Every window of up to :data:`TRIGGER_SIZE` tokens whose text is a trigger form, as start
    token -> end token -> the form's entries; found once per document and lexicon (the parse
    gate and the event rules both read them) from the tokens that ``lex.trigger_openers``
    admits (see ``text.key_windows``)."""
    kept = doc.user_data.get(TRIGGER_FORMS)
    if kept is not None and kept[0] is lex:
        return kept[1]
    gate = lex.trigger_openers
    opening = [i for i, ok in enumerate(admitted(doc, gate)) if ok]
    found = key_windows(doc, opening, gate, TRIGGER_SIZE, lambda text: _entries(text, lex))
    doc.user_data[TRIGGER_FORMS] = (lex, found)
    return found


def _entries(text: str, lex: Lexicon) -> tuple[Trigger, ...] | None:
    """The entries of the trigger form ``text`` (in any case), ``None`` when it is none."""
    return lex.triggers_for(text.lower()) or None


def _free_word(doc: Doc, sent: Sentence, i: int, j: int) -> bool:
    """Not part of a name ("Framework Agreement", "the Cessation of Hostilities") nor of a
    compound ("agreed-upon")."""
    low, text = lowers(doc), words(doc)
    k = i
    while k < j - 1 and low[k] in DETERMINERS:
        k += 1
    if text[k][:1].isupper() and k != sent.span.start and text[k - 1] not in {"“", '"'}:
        return False
    return not (j < sent.span.end and text[j] == "-" and not spaced(doc)[j - 1])


def _in_name(doc: Doc, i: int, j: int, ents: DocEntities | None) -> bool:
    """Inside a longer name ("Amnesty International" opening a sentence, "the Peace and
    Reconciliation Commission"): the words name an organisation, not an action. Unknown
    before the entities (``ents`` None): not in a name, so the sentence may hold a trigger."""
    if ents is None:
        return False
    starts, ends = token_bounds(doc)
    start, end = starts[i], ends[j - 1]
    return any(
        m.mention_type == MentionType.NAME and (m.start, m.end) != (start, end)
        for m in ents.index.covering(start, end)
    )


def _choose(
    doc: Doc,
    sent: Sentence,
    i: int,
    j: int,
    choices: tuple[Trigger, ...],
    ents: DocEntities | None,
) -> Trigger | None:
    """An entry whose context requirement holds beats one without; unmet requirements never
    fire. Without ``ents``, a requirement on entities counts as met, an exclusion as unmet."""
    plain = None
    contexts: dict[tuple[int, int], Context] = {}  # entries with the same window share one
    for t in choices:
        window = getattr(t, "window", 8) or 8
        lo, hi = max(sent.span.start, i - window), min(sent.span.end, j + window)
        context = contexts.setdefault((lo, hi), Context(doc, lo, hi))
        if t.excludes and any(_holds(x, context, ents) is True for x in t.excludes):
            continue
        if t.requires:
            if any(_holds(r, context, ents) is not False for r in t.requires):
                return t
        elif plain is None:
            plain = t
    return plain


class Context:
    """Tokens ``lo``-``hi`` of ``doc`` around a trigger, where its entry's required and
    excluded words are looked for; the texts are built on first use, once."""

    def __init__(self, doc: Doc, lo: int, hi: int) -> None:
        self.doc, self.lo, self.hi = doc, lo, hi

    @cached_property
    def chars(self) -> tuple[int, int]:
        """Start and end character of the context."""
        starts, ends = token_bounds(self.doc)
        return starts[self.lo], ends[self.hi - 1]

    @cached_property
    def words(self) -> list[str]:
        return words(self.doc)[self.lo : self.hi]

    @cached_property
    def padded(self) -> str:
        """The lower-case text with punctuation set apart and a space at either end, so a
        word or phrase is found as `` word ``."""
        return " " + PUNCTUATION.sub(r" \1 ", span_text(self.doc, self.lo, self.hi).lower()) + " "


#: The tables whose mentions satisfy an entity class of a trigger's context; any other class
#: ("@weapon") never holds.
CLASS_TABLES = {
    "@place": (LOCATIONS,),
    "@nation": (LOCATIONS, ACTORS),
    "@actor": (ACTORS,),
    "@person": (ACTORS,),
    "@forces": (ACTORS,),
}


#: Actors that can strike, shell or raid: armies, armed groups, police, intelligence services.
ARMED_TYPES = frozenset({"military", "armed_group"})
ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "SPY", "UAF", "PRM"})


def _armed(ents: DocEntities, actor_id: str) -> bool:
    actor = ents.actors.get(actor_id)
    return actor is not None and (actor.actor_type in ARMED_TYPES or actor.sector in ARMED_SECTORS)


def _holds(word: str, context: Context, ents: DocEntities | None) -> bool | None:
    """Whether ``word`` stands in the context; for an entity class ("@place"), whether a
    mention of it starts there: ``None`` (unknown) without ``ents``."""
    if word.startswith("@"):
        tables = CLASS_TABLES.get(word, ())
        if ents is None:
            return None if tables else False
        found = [m for m in ents.index.starting(*context.chars) if m.table in tables]
        if word == "@forces":  # armed forces, not any actor: "the strike" near a union leader
            return any(_armed(ents, m.entity_id) for m in found) or any(
                (inst := ents.lex.institution(w)) is not None
                and (inst.actor_type in ARMED_TYPES or inst.sector in ARMED_SECTORS)
                for w in context.words
            )  # "police", "troops"; not "civilians" or "protesters"
        return bool(found)
    return f" {word.lower()} " in context.padded
