"""Benchmark of the linguistic layer (issue 12): extraction words/s with and without the tagger
and parser, the tokenizer alone, the parser alone, and the share of sentences it parses.
Prints figures; asserts nothing.

    python bench/bench_syntax.py [--corpus DIR ...] [--repeat N] [--profile OUT.prof]

* tokenizer: ``segment.nlp()`` on every body;
* extraction without the parser: ``extract(article, Resources.default().without_parser())``;
* extraction with the parser: ``extract(article, Resources.default())``, which parses right
  after segmenting (the target: >= 10,000 words/s on one core);
* parse gate alone: :func:`~dateline.extract.gate.sentences_to_parse` on segmented documents
  (it finds the speech cues, which the quote rules then read again from the document);
* parser alone: ``syntax(seg, res)`` on segmented documents, gate included, per word of the
  corpus, with the share of sentences (and of their words) that the gate sends to the parser.

Every timing is the best of ``--repeat`` passes over the corpus (default 3), wall and CPU
time apart: on a shared machine CPU time is the steadier measure of one core's speed (run with
``OMP_NUM_THREADS=1`` so that the parser's matrix products stay on one core). ``--profile``
writes a cProfile of one pass of extraction with the parser.

On the 144 dev and dev-geo articles (43,943 words; 2026-12-06, a shared machine, best of 3 CPU
times): extraction about 6,200 words/s with the parser (7.0 s) and 10,500 without (4.1-4.3 s);
the parser alone, gate included, about 14,000 words of the corpus per second (3.1-3.2 s); the
gate sends 1,276 of 2,012 sentences (63 %; 35,477 of 50,610 words, 70 %). The model's share of
that time and what would cut it: ``training/README.md``.
"""

from __future__ import annotations

import argparse
import cProfile
import time
from collections.abc import Callable
from pathlib import Path

from dateline.article import Article, read_article
from dateline.extract import extract
from dateline.extract.events.triggers import TRIGGER_FORMS, TRIGGER_SENTENCES
from dateline.extract.gate import sentences_to_parse
from dateline.extract.quotes import CUES, QUOTED
from dateline.extract.resources import Resources
from dateline.extract.segment import Segmented, segment
from dateline.extract.syntax import KEY, syntax

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DEFAULT = (CORPUS / "dev" / "articles", CORPUS / "dev-geo" / "articles")


Timing = tuple[float, float]  # wall and CPU seconds


def best(repeat: int, run: Callable[[], object]) -> Timing:
    """The shortest wall and CPU time of ``repeat`` calls of ``run``."""
    times = []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        run()
        times.append((time.perf_counter() - w, time.process_time() - c))
    return min(t[0] for t in times), min(t[1] for t in times)


def line(label: str, words: int, t: Timing) -> None:
    wall, cpu = t
    print(
        f"{label:<32} wall {wall:6.2f} s {words / wall:>8,.0f} words/s   "
        f"cpu {cpu:6.2f} s {words / cpu:>8,.0f} words/s"
    )


def share(res: Resources, segs: list[Segmented]) -> tuple[int, int, int, int]:
    """Sentences and sentence words in all, and those the gate sends to the parser."""
    sents = words = parsed_sents = parsed_words = 0
    for seg in segs:
        wanted = sentences_to_parse(seg, res)
        for s in seg.sentences:
            n = sum(1 for t in s.span if not t.is_space)
            sents += 1
            words += n
            if s.index in wanted:
                parsed_sents += 1
                parsed_words += n
    return sents, words, parsed_sents, parsed_words


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, nargs="*", default=list(DEFAULT))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", type=Path)
    args = ap.parse_args()

    articles: list[Article] = [
        read_article(p) for d in args.corpus for p in sorted(d.glob("*.txt"))
    ]
    words = sum(a.word_count for a in articles)
    with_parser = Resources.default()
    without = with_parser.without_parser()
    for a in articles[:3]:  # warm: lazy imports, first-use caches, the model
        extract(a, with_parser)
        extract(a, without)
        syntax(segment(a, with_parser), with_parser)
    print(f"{len(articles)} articles, {words:,} words; best of {args.repeat}")

    tokenizer = with_parser.nlp
    line("tokenizer", words, best(args.repeat, lambda: [tokenizer(a.body) for a in articles]))
    no_parse = best(args.repeat, lambda: [extract(a, without) for a in articles])
    line("extraction without the parser", words, no_parse)
    full = best(args.repeat, lambda: [extract(a, with_parser) for a in articles])
    line("extraction with the parser", words, full)

    segs = [segment(a, with_parser) for a in articles]

    def forget(seg: Segmented) -> Segmented:
        """``seg`` without its kept parse, cues, quotations, trigger sentences and trigger
        forms: computed again, not read."""
        for key in (KEY, CUES, QUOTED, TRIGGER_SENTENCES, TRIGGER_FORMS):
            seg.doc.user_data.pop(key, None)
        return seg

    def gate_all() -> None:
        for seg in segs:
            sentences_to_parse(forget(seg), with_parser)

    def parse_all() -> None:
        for seg in segs:
            syntax(forget(seg), with_parser)

    line("parse gate alone", words, best(args.repeat, gate_all))
    parse = best(args.repeat, parse_all)
    line("parser alone (gated sentences)", words, parse)
    sents, sent_words, parsed_sents, parsed_words = share(with_parser, segs)
    print(
        f"parsed: {parsed_sents:,} of {sents:,} sentences ({parsed_sents / sents:.0%}), "
        f"{parsed_words:,} of {sent_words:,} words ({parsed_words / sent_words:.0%})"
    )
    print("target: extraction with the parser >= 10,000 words/s on one core")

    if args.profile:
        prof = cProfile.Profile()
        prof.runcall(lambda: [extract(a, with_parser) for a in articles])
        prof.dump_stats(args.profile)
        print(f"profile of one pass with the parser: {args.profile}")


if __name__ == "__main__":
    main()
