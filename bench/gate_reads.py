"""Which of the sentences the parse gate sends does a rule read (issue 12): over one extraction
of each article, every tag, relation, head and dependent list that a rule looks up is recorded
by sentence; prints, for each combination of the gate's reasons
(:func:`~dateline.extract.gate.reasons_to_parse`), the sentences and words parsed and read.
Asserts nothing.

    python bench/gate_reads.py [--corpus DIR ...]

A sentence counts as read when a rule looked up anything of it beyond whether it was parsed
(``Syntax.parsed``, which the event rules ask of every sentence). A sentence parsed but never
read is parsed for nothing: the floor of the gate is the sentences read.
"""

from __future__ import annotations

import argparse
import sys
from bisect import bisect_right
from collections import Counter
from pathlib import Path
from typing import Any

import dateline.extract.syntax as layer
from dateline.article import read_article
from dateline.extract import extract
from dateline.extract.gate import reasons_to_parse
from dateline.extract.resources import Resources
from dateline.extract.segment import Segmented, segment

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DEFAULT = (CORPUS / "dev" / "articles", CORPUS / "dev-geo" / "articles")


class Reads:
    """The sentences of the document being extracted whose parse a rule has read."""

    def __init__(self) -> None:
        self.starts: list[int] = []  # first token of each sentence
        self.read: set[int] = set()

    def token(self, i: object) -> None:
        if isinstance(i, int) and sys._getframe(2).f_code.co_name != "parsed":
            self.read.add(bisect_right(self.starts, i) - 1)


READS = Reads()


class Recorded(dict[int, Any]):
    """A lookup table of the parse that records, in :data:`READS`, every token looked up."""

    def __getitem__(self, i: int) -> Any:
        READS.token(i)
        return super().__getitem__(i)

    def get(self, i: int, default: Any = None) -> Any:
        READS.token(i)
        return super().get(i, default)

    def __contains__(self, i: object) -> bool:
        READS.token(i)
        return super().__contains__(i)


def recording(parse: Any) -> Any:
    """``parse`` whose result records every lookup of its tables."""

    def parse_and_record(seg: Segmented, res: Resources) -> layer.Syntax:
        syn = parse(seg, res)
        tables = (syn._upos, syn._xpos, syn._dep, syn._head, syn._children)
        return layer.Syntax(syn.doc, syn.sentences, *(Recorded(t) for t in tables))

    return parse_and_record


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, nargs="*", default=list(DEFAULT))
    args = ap.parse_args()
    layer.parse = recording(layer.parse)  # ``syntax`` calls ``parse`` by its module name
    res = Resources.default()
    parsed: Counter[tuple[str, ...]] = Counter()
    parsed_words: Counter[tuple[str, ...]] = Counter()
    read: Counter[tuple[str, ...]] = Counter()
    read_words: Counter[tuple[str, ...]] = Counter()
    for path in (p for d in args.corpus for p in sorted(d.glob("*.txt"))):
        article = read_article(path)
        seg = segment(article, res)
        why = reasons_to_parse(seg, res)
        READS.starts = [s.span.start for s in seg.sentences]
        READS.read = set()
        extract(article, res)
        for s in seg.sentences:
            if not why[s.index]:
                continue
            n = sum(1 for t in s.span if not t.is_space)
            parsed[why[s.index]] += 1
            parsed_words[why[s.index]] += n
            if s.index in READS.read:
                read[why[s.index]] += 1
                read_words[why[s.index]] += n
    print(f"{'reasons':<44} {'parsed':>7} {'words':>7} {'read':>7} {'words':>7}")
    for key in sorted(parsed, key=lambda k: -parsed_words[k]):
        print(
            f"{' + '.join(key):<44} {parsed[key]:>7,} {parsed_words[key]:>7,} "
            f"{read[key]:>7,} {read_words[key]:>7,}"
        )
    total = [sum(c.values()) for c in (parsed, parsed_words, read, read_words)]
    print(f"{'all':<44} {total[0]:>7,} {total[1]:>7,} {total[2]:>7,} {total[3]:>7,}")


if __name__ == "__main__":
    main()
