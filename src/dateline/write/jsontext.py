"""JSON text indented as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it, faster.

The standard library encodes indented JSON in pure Python, a generator step per value (its C
encoder serves only unindented output): about 0.11 s for the descriptor of a package of 10,000
articles, whose ``sources`` list holds a flat object of text per article. Here an object whose
keys and values are all text is joined in one comprehension, each string escaped by the C
function the standard encoder uses (0.05 s). ``tests/test_write.py`` holds the output to
``json.dumps``' on generated values.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C escaper (ensure_ascii=False)
from typing import Any

INDENT = "  "
#: How ``json.dumps`` writes the constants (numbers it writes itself, with its float rules).
CONSTANTS = {None: "null", True: "true", False: "false"}


def indented(value: Any, level: int = 0) -> str:
    """``value`` as ``json.dumps(value, indent=2, ensure_ascii=False)`` gives it."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None or value is True or value is False:
        return CONSTANTS[value]
    items = members(value, level) if value and isinstance(value, dict | list | tuple) else None
    if items is None:  # a number, an empty container, keys other than text: as json.dumps
        text = json.dumps(value, indent=len(INDENT), ensure_ascii=False)
        return text.replace("\n", "\n" + INDENT * level)
    inner = "\n" + INDENT * (level + 1)
    opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
    return opening + inner + ("," + inner).join(items) + "\n" + INDENT * level + closing


def members(value: dict[Any, Any] | list[Any] | tuple[Any, ...], level: int) -> list[str] | None:
    """The text of each member of a non-empty container (None: keys other than text)."""
    if not isinstance(value, dict):
        try:  # a list of objects of text (the descriptor's sources): one comprehension
            return [text_object(v, level + 1) for v in value]
        except (TypeError, AttributeError):  # a member that is not an object of text
            return [indented(v, level + 1) for v in value]
    try:
        return text_members(value)
    except TypeError:  # a key or a value that is not text
        pass
    if not all(isinstance(k, str) for k in value):
        return None
    return [encode_basestring(k) + ": " + indented(v, level + 1) for k, v in value.items()]


def text_members(value: dict[Any, Any]) -> list[str]:
    """The members of an object whose keys and values are all text (TypeError otherwise)."""
    return [encode_basestring(k) + ": " + encode_basestring(v) for k, v in value.items()]


def text_object(value: dict[Any, Any], level: int) -> str:
    """An object whose keys and values are all text, at ``level`` (TypeError or
    AttributeError for anything else)."""
    if type(value) is not dict:
        raise TypeError("not an object")
    if not value:
        return "{}"
    inner = "\n" + INDENT * (level + 1)
    return "{" + inner + ("," + inner).join(text_members(value)) + "\n" + INDENT * level + "}"
