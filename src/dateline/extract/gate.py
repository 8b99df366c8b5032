"""Which sentences the tagger and parser read: those whose parse a rule reads.

The parse is read in three places, and the gate asks each what it will read, before the
mentions are found (the name rules read the parse while finding them):

* the quote rules read it at a cue outside quotation marks, and at a speech cue inside them
  (:func:`~dateline.extract.quotes.doc_cues`, found here once per document and read again by
  the quote rules; a finding or a belief inside a quotation reports no one else's claim:
  :meth:`~dateline.extract.quotes.DocCues.claims_inside`);
* the event rules read it in a sentence with an event trigger
  (:func:`~dateline.extract.events.triggers.trigger_sentences`: a trigger form whose context
  holds, a requirement on the entities around it, found later, taken as met; the event rules
  look for triggers only in these sentences);
* the name rules read it at a common word opening a sentence and at a given name that is also
  a country's name (:func:`~dateline.extract.mentions.reads_syntax`).

A sentence's tags and tree do not depend on the other sentences parsed with it
(``tests/test_syntax.py``), so a rule reads the same parse whichever other sentences pass.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from dateline.extract.events.triggers import trigger_sentences
from dateline.extract.mentions import reads_syntax
from dateline.extract.quotes import doc_cues, quoted_in

if TYPE_CHECKING:
    from dateline.extract.resources import Resources
    from dateline.extract.segment import Segmented, Sentence

Test = Callable[["Sentence"], bool]


def _reasons(seg: Segmented, res: Resources) -> dict[str, Test]:
    """Each reader of the parse, by name, with its test of whether it may read a sentence's."""
    lex = res.lexicon
    cues = doc_cues(seg, lex, quoted_in(seg))
    triggers = trigger_sentences(seg, lex)
    return {
        "cue": lambda s: bool(cues.outside[s.index]),
        "claim inside a quotation": lambda s: cues.claims_inside(s.index),
        "trigger": lambda s: s.index in triggers,
        "name": lambda s: reads_syntax(seg.doc, s.span, res),
    }


def sentences_to_parse(seg: Segmented, res: Resources) -> frozenset[int]:
    """The indices of the sentences of ``seg`` whose parse some rule reads."""
    tests = _reasons(seg, res).values()
    return frozenset(s.index for s in seg.sentences if any(test(s) for test in tests))


def reasons_to_parse(seg: Segmented, res: Resources) -> dict[int, tuple[str, ...]]:
    """Why each sentence of ``seg`` is parsed: the readers that may read its parse ("cue",
    "claim inside a quotation", "trigger", "name"); none for a sentence left unparsed."""
    tests = _reasons(seg, res)
    return {s.index: tuple(n for n, test in tests.items() if test(s)) for s in seg.sentences}
