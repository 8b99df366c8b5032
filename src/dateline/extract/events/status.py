"""Whether an action occurred, is under way, planned, hypothetical or negated, from the words
around its trigger."""

from __future__ import annotations

from spacy.tokens import Doc

from dateline.extract.dates import DateMention
from dateline.extract.events.words import WORDS
from dateline.extract.segment import Sentence
from dateline.extract.text import body


def status(doc: Doc, sent: Sentence, i: int, j: int, date: DateMention | None) -> str:
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
