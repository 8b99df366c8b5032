"""Metrics: pure functions from gold annotations and predicted rows to counts.

Everything is counted (true positives, gold and predicted totals), so scores add up across
articles (micro-averaging) and a ratio is only taken at the end. See docs/evaluate.md for the
definitions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dateline.evaluate.bands import Bands, confidence_bands
from dateline.evaluate.counts import Additive, ratio, rounded
from dateline.evaluate.events import EventCounts, score_events
from dateline.evaluate.geo import GeoCounts, score_geo
from dateline.evaluate.gold import (
    TABLE_TYPES,
    GoldDoc,
    GoldMention,
    GoldQuote,
    compatible,
)
from dateline.evaluate.names import normalize_name, strip_titles
from dateline.evaluate.predicted import (
    TABLES,
    Prediction,
    PredMention,
    PredQuote,
    best_overlap,
    overlaps,
    prediction_from_rows,
)
from dateline.evaluate.refs import speaker_is_right

__all__ = [
    "PRF",
    "EventCounts",
    "GeoCounts",
    "PredMention",
    "PredQuote",
    "Prediction",
    "QuoteCounts",
    "Score",
    "TableScore",
    "normalize_name",
    "overlaps",
    "prediction_from_rows",
    "score_doc",
    "strip_titles",
    "total",
]


# --- counts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PRF(Additive):
    """Counts for precision (``tp_pred / n_pred``) and recall (``tp_gold / n_gold``).

    The two true-positive counts differ when matching is not one-to-one (names, overlaps).
    A ratio with a zero denominator is ``None``.
    """

    n_gold: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    tp_pred: int = 0
    unjudged: int = 0  # predictions that partial gold cannot judge, left out of ``n_pred``

    @property
    def precision(self) -> float | None:
        return ratio(self.tp_pred, self.n_pred)

    @property
    def recall(self) -> float | None:
        return ratio(self.tp_gold, self.n_gold)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.n_gold,
            "predicted": self.n_pred,
            "tp_gold": self.tp_gold,
            "tp_predicted": self.tp_pred,
            "unjudged": self.unjudged,
            "precision": rounded(self.precision),
            "recall": rounded(self.recall),
            "f1": rounded(self.f1),
        }


@dataclass(frozen=True)
class QuoteCounts(Additive):
    """Quote detection and attribution counts."""

    n_gold: int = 0  # gold quotes
    found: int = 0  # gold quotes overlapped by a predicted quote
    right_speaker: int = 0  # found, and the matched prediction has the right speaker
    n_pred: int = 0  # predicted quotes
    pred_matched: int = 0  # predicted quotes overlapping a gold quote or quotation-mark span

    @property
    def recall(self) -> float | None:
        return ratio(self.found, self.n_gold)

    @property
    def attribution(self) -> float | None:
        return ratio(self.right_speaker, self.found)

    @property
    def end_to_end(self) -> float | None:
        return ratio(self.right_speaker, self.n_gold)

    @property
    def precision(self) -> float | None:
        return ratio(self.pred_matched, self.n_pred)

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.n_gold,
            "found": self.found,
            "right_speaker": self.right_speaker,
            "predicted": self.n_pred,
            "predicted_matched": self.pred_matched,
            "recall": rounded(self.recall),
            "attribution_accuracy": rounded(self.attribution),
            "end_to_end": rounded(self.end_to_end),
            "precision": rounded(self.precision),
        }


@dataclass(frozen=True)
class TableScore(Additive):
    """The three numbers for one table: by name, by chain (None without chains), by mention."""

    name: PRF = PRF()
    mention: PRF = PRF()
    chain: PRF | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "by_name": self.name.as_dict(),
            "by_mention": self.mention.as_dict(),
            "by_chain": None if self.chain is None else self.chain.as_dict(),
        }


@dataclass(frozen=True)
class Score(Additive):
    """One article's scores, or a sum of them (``n_docs`` > 1). A layer the gold does not
    annotate is ``None`` and adds nothing to a sum."""

    actors: TableScore | None = None
    locations: TableScore | None = None
    quotes: QuoteCounts | None = None
    geocoding: GeoCounts | None = None  # gold toponyms with coordinates
    events: EventCounts | None = None
    quote_bands: Bands | None = None  # verdicts of the quote rows by confidence band
    event_bands: Bands | None = None
    location_bands: Bands | None = None
    n_docs: int = 1
    partial: int = 0  # articles whose gold is not exhaustive: precision is a lower bound

    def as_dict(self, *, details: bool = False) -> dict[str, Any]:
        """The counts and ratios; ``details`` adds each article's wrong toponyms."""

        def layer(value: Any) -> Any:
            return None if value is None else value.as_dict()

        geo = self.geocoding
        return {
            "actors": layer(self.actors),
            "locations": layer(self.locations),
            "quotes": layer(self.quotes),
            "geocoding": None if geo is None else geo.as_dict(details=details),
            "events": layer(self.events),
            "confidence_bands": {
                "quotes": layer(self.quote_bands),
                "events": layer(self.event_bands),
                "locations": layer(self.location_bands),
            },
            "articles": self.n_docs,
            "articles_gold_not_exhaustive": self.partial,
        }


def total(scores: Iterable[Score]) -> Score:
    """Micro-average: add the counts."""
    result = None
    for s in scores:
        result = s if result is None else result + s
    return result if result is not None else Score(n_docs=0)


# --- actors and locations -------------------------------------------------------------------


def score_names(
    gold: Sequence[GoldMention],
    pred: Sequence[PredMention],
    table: str,
    *,
    exhaustive: bool = True,
) -> PRF:
    """Distinct normalised names: gold name mentions of the table's types vs predicted
    name/metonym/dateline mentions of the table (metonymy: see :func:`compatible`). When the
    gold is not exhaustive, a predicted name that no gold mention has and none of whose mentions
    overlaps a gold mention is unjudged, not wrong."""
    gold_pairs = {(normalize_name(g.name or g.text), g.coarse_type) for g in gold if g.is_name}
    pred_pairs = {(normalize_name(p.name), p.table) for p in pred if p.is_name}
    gold_pairs = {(n, c) for n, c in gold_pairs if n}
    gold_names = {n for n, c in gold_pairs if c in TABLE_TYPES[table]}
    pred_names = {n for n, t in pred_pairs if t == table and n}
    known = {n for n, c in gold_pairs if compatible(table, c)}
    unjudged = set() if exhaustive else pred_names - known - _judged_names(gold, pred, table)
    pred_names -= unjudged
    found = {
        n
        for n, c in gold_pairs
        if c in TABLE_TYPES[table] and any((n, t) in pred_pairs for t in TABLES if compatible(t, c))
    }
    correct = pred_names & known
    return PRF(len(gold_names), len(pred_names), len(found), len(correct), len(unjudged))


def _judged_names(gold: Sequence[GoldMention], pred: Sequence[PredMention], table: str) -> set[str]:
    """Names of the table's predicted names that overlap some gold mention, of any type."""
    return {
        normalize_name(p.name)
        for p in pred
        if p.table == table
        and p.is_name
        and any(overlaps(p.start, p.end, g.start, g.end) for g in gold)
    }


def score_mentions(gold: Sequence[GoldMention], pred: Sequence[PredMention], table: str) -> PRF:
    """Span overlap. Recall: gold name mentions of the table's types overlapped by a compatible
    predicted name mention. Precision: predicted name mentions of the table overlapping any
    compatible gold mention (a name or not)."""
    names = [p for p in pred if p.is_name]
    targets = [g for g in gold if g.is_name and g.coarse_type in TABLE_TYPES[table]]
    found = sum(
        any(
            compatible(p.table, g.coarse_type) and overlaps(p.start, p.end, g.start, g.end)
            for p in names
        )
        for g in targets
    )
    mine = [p for p in names if p.table == table]
    correct = sum(
        any(
            compatible(table, g.coarse_type) and overlaps(p.start, p.end, g.start, g.end)
            for g in gold
        )
        for p in mine
    )
    return PRF(len(targets), len(mine), found, correct)


def score_chains(gold: Sequence[GoldMention], pred: Sequence[PredMention], table: str) -> PRF:
    """Coreference chains (gold with ``eid``). Recall: gold chains with a name mention of the
    table's types that some compatible predicted mention overlaps. Precision: predicted entities
    of the table with a name mention, any of whose mentions overlaps a compatible gold mention."""
    chains: dict[str, list[GoldMention]] = {}
    for g in gold:
        if g.eid is not None and g.is_name and g.coarse_type in TABLE_TYPES[table]:
            chains.setdefault(g.eid, []).append(g)
    found = sum(
        any(
            compatible(p.table, g.coarse_type) and overlaps(p.start, p.end, g.start, g.end)
            for g in members
            for p in pred
        )
        for members in chains.values()
    )
    entities: dict[str, list[PredMention]] = {}
    for p in pred:
        if p.table == table:
            entities.setdefault(p.entity_id, []).append(p)
    named = {e: ms for e, ms in entities.items() if any(p.is_name for p in ms)}
    correct = sum(
        any(
            compatible(table, g.coarse_type) and overlaps(p.start, p.end, g.start, g.end)
            for p in ms
            for g in gold
        )
        for ms in named.values()
    )
    return PRF(len(chains), len(named), found, correct)


def score_table(doc: GoldDoc, pred: Prediction, table: str) -> TableScore:
    return TableScore(
        name=score_names(doc.mentions, pred.mentions, table, exhaustive=doc.exhaustive),
        mention=score_mentions(doc.mentions, pred.mentions, table),
        chain=score_chains(doc.mentions, pred.mentions, table) if doc.has_chains else None,
    )


# --- quotes ---------------------------------------------------------------------------------


EDGE = frozenset(" \t\n\"“”‘’'.,;:!?…")
MARKER = "that "


def content_core(body: str, start: int, end: int) -> tuple[int, int]:
    """A gold content span as the gold format defines content: without the quotation marks,
    edge punctuation and opening "that" that some annotations keep (GUM's spans do), so that
    a claim reported inside a quotation is matched by its own row, not by the quotation's."""
    a, b = start, end
    while a < b and body[a] in EDGE:
        a += 1
    if body[a : a + len(MARKER)].lower() == MARKER:
        a += len(MARKER)
    while b > a and body[b - 1] in EDGE:
        b -= 1
    return (a, b) if b > a else (start, end)


def best_quote(gold: GoldQuote, pred: Sequence[PredQuote], body: str) -> PredQuote | None:
    """The predicted quote that fits the gold content (its :func:`content_core`) best: most
    shared characters, and of nested quotes sharing as many, the tightest (highest
    intersection over union)."""
    spans = [content_core(body, s.start, s.end) for s in gold.spans]
    return best_overlap(spans, pred, lambda p: (p.start, p.end))


def score_quotes(doc: GoldDoc, prediction: Prediction) -> QuoteCounts | None:
    if doc.quotes is None:
        return None
    found = right = 0
    for q in doc.quotes:
        match = best_quote(q, prediction.quotes, doc.body)
        if match is not None:
            found += 1
            right += speaker_is_right(q, match, doc, prediction)
    targets = [s for q in doc.quotes for s in q.spans] + list(doc.quote_marks)
    matched = sum(
        any(overlaps(p.start, p.end, s.start, s.end) for s in targets) for p in prediction.quotes
    )
    return QuoteCounts(len(doc.quotes), found, right, len(prediction.quotes), matched)


# --- one article ----------------------------------------------------------------------------


def score_doc(doc: GoldDoc, rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> Score:
    """Every metric of the layers the gold annotates, for one article and its predicted rows."""
    pred = prediction_from_rows(rows)
    bands = confidence_bands(doc, pred)
    actors, locations = (
        score_table(doc, pred, t) if t in doc.layers else None for t in ("actors", "locations")
    )
    return Score(
        actors=actors,
        locations=locations,
        quotes=score_quotes(doc, pred),
        geocoding=score_geo(doc, pred) if "locations" in doc.layers else None,
        events=score_events(doc, pred),
        quote_bands=bands["quotes"],
        event_bands=bands["events"],
        location_bands=bands["locations"],
        partial=int(not doc.exhaustive),
    )
