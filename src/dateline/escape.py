"""Escaping of user-given text (file names, cells, messages) for terminals, CI logs and GitHub
workflow commands. No dependencies, so the CLI can use it without loading the validators."""

from __future__ import annotations

ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` on one line, safe for a terminal or a CI log: control characters, line and
    paragraph separators and format characters (bidi overrides) are escaped as Python does
    (``\\n``, ``\\x1b``, ``\\u202e``), so a file name or a cell can never start a new line that
    GitHub would run as a ``::error`` workflow command."""
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() else ESCAPES.get(c) or repr(c)[1:-1] or f"\\u{ord(c):04x}"
        for c in text
    )


def defuse(line: str) -> str:
    """A line that cannot be a workflow command (those are lines that start with ``::``)."""
    return "\\" + line if line.lstrip().startswith("::") else line


def escape_data(text: str) -> str:
    """Escape a workflow-command message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow-command property value (file, title)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
