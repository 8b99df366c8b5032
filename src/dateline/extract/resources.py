"""What extraction reads besides the article: the lexicon, the gazetteer, the tokenizer and the
tagger and parser.

One explicit object, built once per process and passed to every stage, so that a stage's inputs
are visible in its signature and a test (or another corpus) can swap in its own lexicon or
gazetteer without touching module state::

    from dateline.extract import extract
    from dateline.extract.resources import Resources

    rows = extract(article, Resources.default()).rows

The tagger and parser (``extract/syntax``) load on first use, from the package. Extraction
without them (``Resources.default().without_parser()``) is the rules' word-window behaviour:
``dateline evaluate --no-parser`` scores it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache, cached_property
from typing import TYPE_CHECKING

from spacy.language import Language

from dateline.gazetteer import Gazetteer
from dateline.lexicon import Lexicon

if TYPE_CHECKING:
    from dateline.extract.phrases import PhraseGate


@dataclass(frozen=True)
class Resources:
    """The lexicon, gazetteer, tokenizer and (unless ``use_parser`` is false) the tagger and
    parser that one extraction run reads (never writes)."""

    lexicon: Lexicon
    gazetteer: Gazetteer
    nlp: Language
    use_parser: bool = True

    @cached_property
    def parser(self) -> Language | None:
        """The packaged tagger and parser (``extract/syntax``), loaded on first use; ``None``
        when these resources run without it."""
        if not self.use_parser:
            return None
        from dateline.extract.syntax import load_parser

        return load_parser()

    def without_parser(self) -> Resources:
        """These resources with no tagger and parser: every rule keeps to word windows (and
        the same tables, so the same phrase gate, once built)."""
        plain = replace(self, use_parser=False)
        if "phrase_gate" in self.__dict__:
            plain.__dict__["phrase_gate"] = self.phrase_gate
        return plain

    @cached_property
    def phrase_gate(self) -> PhraseGate:
        """The candidate gate over this lexicon's and gazetteer's names (``extract/phrases``),
        built on first use and kept with these resources."""
        from dateline.extract.phrases import build_gate

        return build_gate(self.lexicon, self.gazetteer)

    @staticmethod
    @cache
    def default() -> Resources:
        """The packaged lexicon and gazetteer and dateline's tokenizer, loaded once, with
        their phrase gate read from the disk cache (:func:`~dateline.extract.phrases.packaged_gate`;
        a copy made by ``dataclasses.replace`` builds its own)."""
        from dateline.extract.phrases import packaged_gate
        from dateline.extract.segment import nlp
        from dateline.gazetteer import load as load_gazetteer
        from dateline.lexicon import load as load_lexicon

        res = Resources(load_lexicon(), load_gazetteer(), nlp())
        res.__dict__["phrase_gate"] = packaged_gate()  # where the cached property keeps it
        return res
