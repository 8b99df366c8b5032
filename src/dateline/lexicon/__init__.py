"""Curated lexicons for rule-based extraction: nations, known actors, institutions, titles,
speech cues, event triggers, anonymous-source rules and web debris.

>>> from dateline.lexicon import load
>>> lex = load()
>>> lex.actor_by_alias("ISIS").id
'islamic-state'
>>> lex.nation_by_demonym("Iraqi").iso3
'IRQ'
"""

from .load import DATA_DIR, FILES, LexiconError, load, load_from
from .model import (
    ACTOR_TYPES,
    CAMEO_ROOTS,
    CONTEXT_TAGS,
    CUE_KINDS,
    DEBRIS_KINDS,
    EXTENSION_MODES,
    NATION_STATUSES,
    PLOVER_MODES,
    PLOVER_TYPES,
    SECTORS,
    AnonymityReason,
    Cue,
    DebrisRule,
    DebrisRules,
    Institution,
    KnownActor,
    Lexicon,
    Nation,
    OrgHead,
    SourceRules,
    SourceTerm,
    Title,
    Trigger,
    allowed_modes,
    is_case_sensitive,
    lookup_key,
    normalize,
)

__all__ = [
    "ACTOR_TYPES",
    "CAMEO_ROOTS",
    "CONTEXT_TAGS",
    "CUE_KINDS",
    "DATA_DIR",
    "DEBRIS_KINDS",
    "EXTENSION_MODES",
    "FILES",
    "NATION_STATUSES",
    "PLOVER_MODES",
    "PLOVER_TYPES",
    "SECTORS",
    "AnonymityReason",
    "Cue",
    "DebrisRule",
    "DebrisRules",
    "Institution",
    "KnownActor",
    "Lexicon",
    "LexiconError",
    "Nation",
    "OrgHead",
    "SourceRules",
    "SourceTerm",
    "Title",
    "Trigger",
    "allowed_modes",
    "is_case_sensitive",
    "load",
    "load_from",
    "lookup_key",
    "normalize",
]
