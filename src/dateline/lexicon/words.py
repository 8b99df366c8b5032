"""Word lists shipped with the lexicon: common English words and given names."""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources


@cache
def common_words() -> frozenset[str]:
    """Lower-case English words (Webster's Second, public domain); see
    scripts/build_common_words.py."""
    data = (resources.files("dateline.lexicon") / "data" / "common_words.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode().split())


@cache
def given_names() -> frozenset[str]:
    """Given names (US Census 1990, public domain, plus curated international names); see
    scripts/build_given_names.py."""
    text = (resources.files("dateline.lexicon") / "data" / "given_names.txt").read_text("utf-8")
    return frozenset(w for w in text.split() if not w.startswith("#"))
