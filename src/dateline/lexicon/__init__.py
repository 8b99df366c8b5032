"""Curated lexicons for rule-based extraction: nations, known actors, institutions, titles,
speech cues, event triggers, anonymous-source rules and web debris.

>>> from dateline.lexicon import load
>>> lex = load()
>>> lex.actor_by_alias("ISIS").id
'islamic-state'
>>> lex.nation_by_demonym("Iraqi").iso3
'IRQ'
"""

from . import model
from .load import DATA_DIR, FILES, LexiconError, load, load_from
from .model import *  # noqa: F403  (the names in model.__all__)

__all__ = ["DATA_DIR", "FILES", "LexiconError", "load", "load_from", *model.__all__]
