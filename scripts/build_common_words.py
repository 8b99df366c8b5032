"""Regenerate src/dateline/lexicon/data/common_words.txt.gz: lower-case English words.

Source: Webster's Second International (1934, public domain), the ``web2`` list shipped in the
PyPI package ``english-words`` (MIT; ``pip install english-words==2.0.2``). Only entries written
in lower case are kept (capitalised entries are proper nouns). The extractor uses the list to
tell a person's name ("Romelu Lukaku") from a capitalised phrase of common words ("Space
Shuttle Atlantis").
"""

from __future__ import annotations

import gzip
from pathlib import Path

from english_words import get_english_words_set  # type: ignore[import-untyped]

OUT = Path(__file__).parents[1] / "src" / "dateline" / "lexicon" / "data" / "common_words.txt.gz"


def main() -> None:
    words = sorted(
        w for w in get_english_words_set(["web2"], lower=False) if w.islower() and w.isalpha()
    )
    data = ("\n".join(words) + "\n").encode()
    OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


if __name__ == "__main__":
    main()
