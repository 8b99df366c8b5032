"""Evaluation results: per article, per source and overall, as JSON or a compact text table."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dateline.evaluate.bands import LABELS, Verdicts
from dateline.evaluate.counts import ratio
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
            "articles": {
                d.doc_id: {"source": d.source, **d.score.as_dict(details=True)} for d in self.docs
            },
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

    def col(read: Callable[[Any], float | None]) -> Getter:
        return lambda s: None if get(s) is None else read(get(s))

    return [
        ("P", col(lambda t: t.name.precision)),
        ("R", col(lambda t: t.name.recall)),
        ("F1", col(lambda t: t.name.f1)),
        ("chR", col(lambda t: None if t.chain is None else t.chain.recall)),
        ("chP", col(lambda t: None if t.chain is None else t.chain.precision)),
        ("mF1", col(lambda t: t.mention.f1)),
    ]


def _layer_columns(layer: str, columns: list[tuple[str, Callable[[Any], Any]]]) -> list:
    def col(read: Callable[[Any], Any]) -> Getter:
        return lambda s: None if getattr(s, layer) is None else read(getattr(s, layer))

    return [(label, col(read)) for label, read in columns]


def _km(value: float | None) -> int | None:
    return None if value is None else round(value)


COLUMNS: list[tuple[str, list[tuple[str, Getter]]]] = [
    ("actors", _table_columns("actors")),
    ("locations", _table_columns("locations")),
    (
        "quotes",
        _layer_columns(
            "quotes",
            [
                ("n", lambda q: q.n_gold),
                ("R", lambda q: q.recall),
                ("attr", lambda q: q.attribution),
                ("e2e", lambda q: q.end_to_end),
                ("P", lambda q: q.precision),
            ],
        ),
    ),
    (
        "geocoding",
        _layer_columns(
            "geocoding",
            [
                ("n", lambda g: g.n_gold),
                ("R", lambda g: g.recall),
                ("@161", lambda g: g.accuracy),
                ("e2e", lambda g: g.end_to_end),
                ("km", lambda g: _km(g.median_km)),
            ],
        ),
    ),
    (
        "events",
        _layer_columns(
            "events",
            [
                ("n", lambda e: e.n_gold),
                ("R", lambda e: e.recall),
                ("P", lambda e: e.precision),
                ("type", lambda e: ratio(e.type.right, e.type.scored)),
                ("act", lambda e: ratio(e.actor.right, e.actor.scored)),
                ("plc", lambda e: ratio(e.place.right, e.place.scored)),
                ("date", lambda e: ratio(e.date.right, e.date.scored)),
                ("stat", lambda e: ratio(e.status.right, e.status.scored)),
            ],
        ),
    ),
]
CELL = 5
LEGEND = {  # the layers (column groups) a line explains → the line
    "actors locations": "actors/locations: P/R/F1 distinct names (P leaves out names that "
    "non-exhaustive gold never annotated: see 'unjudged' in the JSON);\n  chR/chP coreference "
    "chains (GUM only); mF1 mention span overlap.",
    "quotes": "quotes: n gold, R found, attr right speaker among found, e2e found with the "
    "right speaker, P predicted quotes on gold quotes or quotation marks.",
    "geocoding": "geocoding: n gold toponyms with coordinates, R found, @161 found within 161 km "
    "(a country: the right country), e2e right among all, km median error.",
    "events": "events: n gold, R found, P predicted on a gold trigger; type, act(or), pl(a)c(e), "
    "date, stat(us): right among found events whose gold gives it.",
}
LEGEND_END = "–: not applicable (layer not annotated, or 0/0). See docs/evaluate.md."


def _cell(value: float | int | None) -> str:
    if value is None:
        return f"{'–':>{CELL}}"
    if isinstance(value, int):
        return f"{value:>{CELL}d}"
    return f"{value * 100:>{CELL}.0f}"


def format_text(evaluation: Evaluation) -> str:
    """A compact table: one line per article, then per source and overall, with a column group
    for each layer that some article's gold annotates."""
    columns = [(n, c) for n, c in COLUMNS if getattr(evaluation.overall, n) is not None]
    rows: list[tuple[str, str, Score]] = [(d.doc_id, d.source, d.score) for d in evaluation.docs]
    summary = [(f"[{src}]", src, s) for src, s in evaluation.by_source.items()]
    summary.append(("overall", "", evaluation.overall))
    width = max(len(label) for label, _, _ in rows + summary)
    src_width = max([3, *(len(src) for _, src, _ in rows)])
    lead = " " * (width + src_width + 2)
    groups = "".join(f" {name:<{CELL * len(cols) - 1}}" for name, cols in columns)
    heads = "".join(f"{label:>{CELL}}" for _, cols in columns for label, _ in cols)
    lines = [lead + groups.rstrip(), f"{'article':<{width}}  {'src':<{src_width}}{heads}"]

    def line(label: str, src: str, score: Score) -> str:
        cells = "".join(_cell(get(score)) for _, cols in columns for _, get in cols)
        return f"{label:<{width}}  {src:<{src_width}}{cells}"

    lines += [line(*r) for r in rows]
    lines.append("")
    lines += [line(*r) for r in summary]
    names = {n for n, _ in columns}
    lines += ["", "Percentages."]
    lines += [text for keys, text in LEGEND.items() if names.intersection(keys.split())]
    lines += _partial_note(evaluation)
    lines.append(LEGEND_END)
    return "\n".join(lines + _band_lines(evaluation, summary)) + "\n"


BAND_FIELDS = (
    ("quotes", "quote_bands"),
    ("events", "event_bands"),
    ("locations", "location_bands"),
)


def _band_lines(evaluation: Evaluation, summary: list[tuple[str, str, Score]]) -> list[str]:
    """Precision by confidence band, per source and overall, for the layers with verdicts."""
    found = [
        (f"{label} {table}", bands)
        for label, _, score in summary
        for table, attr in BAND_FIELDS
        if (bands := getattr(score, attr)) is not None
    ]
    if not found:
        return []
    width = max(len(label) for label, _ in found)
    head = "".join(f"{label:>16}" for label in LABELS)
    lines = [
        "",
        "Precision by confidence band: rows, precision % (lower bound % with unjudged rows)",
    ]
    lines.append(f"{'':<{width}}{head}")
    for label, bands in found:
        cells = "".join(_band_cell(v) for v in bands.bands())
        lines.append(f"{label:<{width}}{cells}")
    return lines


def _band_cell(v: Verdicts) -> str:
    rows = v.right + v.wrong + v.unjudged
    if not rows:
        return f"{'–':>16}"

    def pct(x: float | None) -> str:
        return "–" if x is None else f"{x * 100:.0f}"

    return f"{rows:>6} {pct(v.precision):>3} ({pct(v.lower_bound):>3})"


def _partial_note(evaluation: Evaluation) -> list[str]:
    """Which sources have gold that is not exhaustive, where precision is a lower bound."""
    parts = [
        f"{src} ({s.partial} of {s.n_docs} articles)"
        for src, s in evaluation.by_source.items()
        if s.partial
    ]
    if not parts:
        return []
    return [
        f"Gold not exhaustive for {', '.join(parts)}: a prediction the gold lacks may be right, so"
        " precision there is a lower bound\n  (by name, names on no gold mention are left out "
        "instead: 'unjudged')."
    ]
