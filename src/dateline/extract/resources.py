"""What extraction reads besides the article: the lexicon, the gazetteer and the tokenizer.

One explicit object, built once per process and passed to every stage, so that a stage's inputs
are visible in its signature and a test (or another corpus) can swap in its own lexicon or
gazetteer without touching module state::

    from dateline.extract import extract
    from dateline.extract.resources import Resources

    rows = extract(article, Resources.default()).rows
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING

from spacy.language import Language

from dateline.gazetteer import Gazetteer
from dateline.lexicon import Lexicon

if TYPE_CHECKING:
    from dateline.extract.phrases import PhraseGate


@dataclass(frozen=True)
class Resources:
    """The lexicon, gazetteer and tokenizer that one extraction run reads (never writes)."""

    lexicon: Lexicon
    gazetteer: Gazetteer
    nlp: Language

    @cached_property
    def phrase_gate(self) -> PhraseGate:
        """The candidate gate over this lexicon's and gazetteer's names (``extract/phrases``),
        built on first use and kept with these resources."""
        from dateline.extract.phrases import build_gate

        return build_gate(self.lexicon, self.gazetteer)

    @staticmethod
    @cache
    def default() -> Resources:
        """The packaged lexicon and gazetteer and dateline's tokenizer, loaded once."""
        from dateline.extract.segment import nlp
        from dateline.gazetteer import load as load_gazetteer
        from dateline.lexicon import load as load_lexicon

        return Resources(load_lexicon(), load_gazetteer(), nlp())
