"""Name normalisation: how a gold name and a predicted name are compared."""

from __future__ import annotations

import re
import unicodedata

from dateline.lexicon import load as load_lexicon

_POSSESSIVE = re.compile(r"(?<=[\w.])['’]s?(?=\s|$)")
_LEADING_THE = re.compile(r"^the\s+")
_HONORIFIC = re.compile(r"^(?:(?:mr|mrs|ms|dr|prof|professor|sir|dame) )+")


def normalize_name(text: str) -> str:
    """Casefold, drop possessive 's, punctuation, a leading "the" and honorifics; collapse spaces.

    "The U.S.'s" → "us", "Saudi Arabia's" → "saudi arabia", "al-Amr" → "al amr",
    "Mr. Johnson" → "johnson".
    """
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    text = _POSSESSIVE.sub("", text)
    text = "".join(c if c.isalnum() or c.isspace() else "" if c in ".'" else " " for c in text)
    return strip_titles(_HONORIFIC.sub("", _LEADING_THE.sub("", " ".join(text.split()))))


def strip_titles(name: str) -> str:
    """Drop leading titles and the affiliation before them, as dateline names people:
    "foreign secretary boris johnson" → "boris johnson", "us senator john cornyn" →
    "john cornyn". A name that is only a title stays as it is."""
    words = name.split()
    start = 0
    while start < len(words) - 1:
        step = _title_prefix(words, start)
        if not step:
            break
        start += step
    return " ".join(words[start:]) if start < len(words) else name


def _title_prefix(words: list[str], start: int) -> int:
    lex = load_lexicon()
    for n in range(min(5, len(words) - start - 1), 0, -1):
        phrase = " ".join(words[start : start + n])
        if lex.title(phrase) is not None or lex.title(phrase.title()) is not None:
            return n  # "lt gen", "spc" (cased: "Spc")
        affiliation = (
            lex.nation_by_demonym(phrase.upper() if len(phrase) <= 3 else phrase)
            or lex.actor_by_alias(phrase.upper() if len(phrase) <= 4 else phrase)
            or lex.institution(phrase)  # a service: "army", "navy", "air force"
        )
        if affiliation is not None and start + n < len(words) - 1:
            after = _title_prefix(words, start + n)
            if after:
                return n
    return 0
