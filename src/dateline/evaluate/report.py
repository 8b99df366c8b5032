"""Evaluation results: per article, per source and overall, as JSON or a compact text table."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dateline.evaluate.score import Score, total


@dataclass(frozen=True)
class DocResult:
    doc_id: str
    source: str
    score: Score


@dataclass(frozen=True)
class Evaluation:
    """Scores of every article; ``overall`` and ``by_source`` are micro-averages."""

    docs: tuple[DocResult, ...]

    @property
    def overall(self) -> Score:
        return total(d.score for d in self.docs)

    @property
    def by_source(self) -> dict[str, Score]:
        sources = sorted({d.source for d in self.docs})
        return {s: total(d.score for d in self.docs if d.source == s) for s in sources}

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": {d.doc_id: {"source": d.source, **d.score.as_dict()} for d in self.docs},
            "by_source": {s: score.as_dict() for s, score in self.by_source.items()},
            "overall": self.overall.as_dict(),
        }


def format_json(evaluation: Evaluation) -> str:
    """Stable JSON: sorted keys, ratios rounded to 4 places, null where a ratio is 0/0."""
    return json.dumps(evaluation.as_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


Getter = Callable[[Score], float | int | None]


def _table_columns(table: str) -> list[tuple[str, Getter]]:
    def get(s: Score) -> Any:
        return getattr(s, table)

    return [
        ("P", lambda s: get(s).name.precision),
        ("R", lambda s: get(s).name.recall),
        ("F1", lambda s: get(s).name.f1),
        ("chR", lambda s: None if get(s).chain is None else get(s).chain.recall),
        ("chP", lambda s: None if get(s).chain is None else get(s).chain.precision),
        ("mF1", lambda s: get(s).mention.f1),
    ]


COLUMNS: list[tuple[str, list[tuple[str, Getter]]]] = [
    ("actors", _table_columns("actors")),
    ("locations", _table_columns("locations")),
    (
        "quotes",
        [
            ("n", lambda s: None if s.quotes is None else s.quotes.n_gold),
            ("R", lambda s: None if s.quotes is None else s.quotes.recall),
            ("attr", lambda s: None if s.quotes is None else s.quotes.attribution),
            ("e2e", lambda s: None if s.quotes is None else s.quotes.end_to_end),
            ("P", lambda s: None if s.quotes is None else s.quotes.precision),
        ],
    ),
]
CELL = 5
LEGEND = (
    "Percentages. P/R/F1: distinct names (P leaves out names that non-exhaustive gold never "
    "annotated: see 'unjudged' in the JSON);\nchR/chP: coreference chains (GUM only); "
    "mF1: mention span overlap.\nquotes: n gold, R found, attr right speaker among found, "
    "e2e found with the right speaker, P predicted quotes on gold quotes or quotation marks.\n"
    "–: not applicable (no gold layer, or 0/0). See docs/evaluate.md."
)


def _cell(value: float | int | None) -> str:
    if value is None:
        return f"{'–':>{CELL}}"
    if isinstance(value, int):
        return f"{value:>{CELL}d}"
    return f"{value * 100:>{CELL}.0f}"


def format_text(evaluation: Evaluation) -> str:
    """A compact table: one line per article, then per source and overall."""
    rows: list[tuple[str, str, Score]] = [(d.doc_id, d.source, d.score) for d in evaluation.docs]
    summary = [(f"[{src}]", src, s) for src, s in evaluation.by_source.items()]
    summary.append(("overall", "", evaluation.overall))
    width = max(len(label) for label, _, _ in rows + summary)
    src_width = max([3, *(len(src) for _, src, _ in rows)])
    lead = " " * (width + src_width + 2)
    groups = "".join(f" {name:<{CELL * len(cols) - 1}}" for name, cols in COLUMNS)
    heads = "".join(f"{label:>{CELL}}" for _, cols in COLUMNS for label, _ in cols)
    lines = [lead + groups.rstrip(), f"{'article':<{width}}  {'src':<{src_width}}{heads}"]

    def line(label: str, src: str, score: Score) -> str:
        cells = "".join(_cell(get(score)) for _, cols in COLUMNS for _, get in cols)
        return f"{label:<{width}}  {src:<{src_width}}{cells}"

    lines += [line(*r) for r in rows]
    lines.append("")
    lines += [line(*r) for r in summary]
    lines += ["", LEGEND]
    return "\n".join(lines) + "\n"
