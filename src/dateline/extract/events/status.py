"""Whether an action occurred, is under way, planned, hypothetical or negated, from the words
around its trigger."""

from __future__ import annotations

from spacy.tokens import Doc

from dateline.extract.dates import DateMention
from dateline.extract.events.words import WORDS
from dateline.extract.segment import Sentence
from dateline.extract.text import body, lowers, token_bounds, words
from dateline.lexicon import Lexicon

#: What joins the numbers of a vote's tally ("4-1", "4–1").
TALLY_MARKS = frozenset({"-", "–", "to"})
#: Words between a speech verb and the "would" it reports ("said the ministry would").
REPORT_GAP = 4


def status(doc: Doc, sent: Sentence, i: int, j: int, date: DateMention | None, lex: Lexicon) -> str:
    window = lowers(doc)[max(sent.span.start, i - 4) : i]
    after = body(doc)[token_bounds(doc)[1][j - 1] : sent.end].lower().lstrip()
    near = window[-3:]
    if any(w in WORDS.negation for w in near) or _failed(near):
        return "negated"
    if any(w in WORDS.hedges for w in window):
        return "hypothetical"
    if _planned(doc, i, near) or (
        date is not None and date.kind == "deadline" and not _past(doc, j)
    ):
        return "planned"
    if "would" in near:
        return "planned" if _reported_would(doc, sent, i, lex) else "hypothetical"
    if any(w in WORDS.ongoing_before for w in near[-2:]) and words(doc)[i].endswith("ing"):
        return "ongoing"
    if any(w in WORDS.ongoing_words for w in near) or after.startswith(WORDS.ongoing_after):
        return "ongoing"
    return "occurred"


def _past(doc: Doc, j: int) -> bool:
    """A trigger that ends in a past form ("accused", "signed"): what it reports has been done,
    so a time limit near it ("within weeks") is no deadline still to come."""
    return lowers(doc)[j - 1].endswith("ed")


def _failed(near: list[str]) -> bool:
    """An action something failed to do did not happen: "talks that failed to halt the
    fighting", "the council failed to approve the budget"."""
    return len(near) >= 2 and near[-1] == "to" and near[-2] in WORDS.failure_verbs


def _planned(doc: Doc, i: int, near: list[str]) -> bool:
    """A future word just before the trigger at token ``i``, but not the "to" of a decision
    taken ("voted to suspend the strike", "voted 4-1 to convict": the vote does it)."""
    start = i - len(near)
    return any(
        w in WORDS.future and not (w == "to" and _decided(doc, start + k))
        for k, w in enumerate(near)
    )


def _decided(doc: Doc, to: int) -> bool:
    """A decision verb before the "to" at token ``to``, past a vote's tally ("4-1")."""
    k = to - 1
    while k >= 0 and (doc[k].like_num or doc[k].text in TALLY_MARKS):
        k -= 1
    return k >= 0 and doc[k].lower_ in WORDS.decision_verbs


def _reported_would(doc: Doc, sent: Sentence, i: int, lex: Lexicon) -> bool:
    """ "said he would visit", "said it would appeal": the "would" of reported speech is a
    reported "will", not a condition."""
    would = next(
        (k for k in range(i - 1, max(sent.span.start, i - 4) - 1, -1) if doc[k].lower_ == "would"),
        None,
    )
    if would is None:
        return False
    lo = max(sent.span.start, would - REPORT_GAP - 1)
    return any(
        (cue := lex.cue(doc[k].lower_)) is not None and not cue.weak for k in range(lo, would)
    )
