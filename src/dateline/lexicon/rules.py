"""Word lists that the extraction rules consult, kept as data rather than in code.

Each extraction stage declares the lists it reads as a frozen dataclass whose fields are
``frozenset[str]`` (membership) or ``tuple[str, ...]`` (where order matters, e.g. longest
first); ``data/rules/<FILE>`` holds one entry per field::

    locative:
      about: Words after which a capitalised name is a place ("in Mosul", "near Kirkuk").
      words: [in, at, near, from, ...]

``rule_words(MentionWords)`` reads and checks the file once per process. The check is strict,
so that an edit to a list can never silently break a rule: the file has exactly the declared
lists, each with an ``about`` sentence and a non-empty list of distinct strings, and a list is
lower case unless its field is declared ``cased`` (``field(metadata={"cased": True})``).
"""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, Protocol, TypeVar

import yaml

from dateline.lexicon.load import DATA_DIR, LexiconError

RULES_DIR = DATA_DIR / "rules"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class WordLists(Protocol):
    """A stage's word lists: a dataclass with a ``FILE`` under ``data/rules/``."""

    FILE: ClassVar[str]
    __dataclass_fields__: ClassVar[dict[str, Any]]


W = TypeVar("W", bound=WordLists)


@cache
def rule_words(cls: type[W], rules_dir: Path = RULES_DIR) -> W:
    """The word lists ``cls`` declares, read from ``rules_dir / cls.FILE`` and checked."""
    path = rules_dir / cls.FILE
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LexiconError(cls.FILE, None, None, f"cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise LexiconError(cls.FILE, None, None, "must be a mapping of list name to list")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    if unknown := sorted(set(data) - set(fields)):
        raise LexiconError(cls.FILE, unknown[0], None, f"is not a list {cls.__name__} declares")
    if missing := sorted(set(fields) - set(data)):
        raise LexiconError(cls.FILE, missing[0], None, "is declared but missing")
    values = {name: _words(cls.FILE, name, data[name], f) for name, f in fields.items()}
    return cls(**values)


def _words(file: str, name: str, entry: object, f: dataclasses.Field[Any]) -> object:
    if not isinstance(entry, dict) or set(entry) != {"about", "words"}:
        raise LexiconError(file, name, None, "needs exactly the keys 'about' and 'words'")
    if not isinstance(entry["about"], str) or not entry["about"].strip():
        raise LexiconError(file, name, "about", "must say what the list is for")
    words = entry["words"]
    if not isinstance(words, list) or not words:
        raise LexiconError(file, name, "words", "must be a non-empty list")
    seen: set[str] = set()
    for word in words:
        if not isinstance(word, str) or not word.strip() or word != word.strip():
            raise LexiconError(file, name, "words", f"{word!r} is not a trimmed, non-empty string")
        if word in seen:
            raise LexiconError(file, name, "words", f"{word!r} is listed twice")
        if not f.metadata.get("cased") and word != word.lower():
            raise LexiconError(file, name, "words", f"{word!r} must be lower case")
        seen.add(word)
    ordered = str(f.type).startswith("tuple")
    return tuple(words) if ordered else frozenset(words)
