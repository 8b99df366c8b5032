"""Is a predicted row right? One verdict per quote, event and location row, and precision by
confidence band: what an analyst who filters rows by ``confidence`` gets.

A row is *right*, *wrong* or *unjudged* (the gold can neither confirm nor refute it):

* a quote: on a gold quote (the one it shares most characters with) with the right speaker;
  wrong with another speaker, or on no gold quote; unjudged on a quotation-mark span only
  (the GUM quote layer misses some quotations, see the dev corpus README);
* an event: on a gold event (trigger overlap) with its type, actor and target where the gold
  gives them; on no gold event it is wrong, or unjudged when the gold is not exhaustive;
* a location: wrong without coordinates (a location row must be placed); else right when
  every gold toponym its mentions fall on is placed right (the geocoding rule), or, without
  coordinates in the gold, when a mention falls on a gold place (or a country acting as an
  agent); wrong when a mention falls only on other gold mentions or a toponym is misplaced; on
  no gold mention it is wrong, or unjudged when the gold is not exhaustive.

``precision`` leaves unjudged rows out; ``precision_lower_bound`` counts them as wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from dateline.evaluate.counts import Additive, ratio, rounded
from dateline.evaluate.events import event_is_right
from dateline.evaluate.geo import judge_point
from dateline.evaluate.gold import GoldDoc, compatible
from dateline.evaluate.predicted import Prediction, best_overlap, overlaps
from dateline.evaluate.refs import speaker_is_right

RIGHT, WRONG, UNJUDGED = "right", "wrong", "unjudged"
BANDS = ((0.0, 0.5), (0.5, 0.8), (0.8, 1.0))  # [lo, hi); the last band includes 1
LABELS = ("[0,0.5)", "[0.5,0.8)", "[0.8,1]")
BAND_TABLES = ("quotes", "events", "locations")


class Spanned(Protocol):
    """A predicted or gold item with character offsets in the body."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


P = TypeVar("P", bound=Spanned)
G = TypeVar("G", bound=Spanned)


@dataclass(frozen=True)
class Verdicts(Additive):
    right: int = 0
    wrong: int = 0
    unjudged: int = 0

    @property
    def precision(self) -> float | None:
        return ratio(self.right, self.right + self.wrong)

    @property
    def lower_bound(self) -> float | None:
        return ratio(self.right, self.right + self.wrong + self.unjudged)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.right + self.wrong + self.unjudged,
            "right": self.right,
            "wrong": self.wrong,
            "unjudged": self.unjudged,
            "precision": rounded(self.precision),
            "precision_lower_bound": rounded(self.lower_bound),
        }

    @classmethod
    def of(cls, verdict: str) -> Verdicts:
        return cls(**{verdict: 1})


@dataclass(frozen=True)
class Bands(Additive):
    """Verdicts of the rows in each confidence band ([0,0.5), [0.5,0.8), [0.8,1])."""

    low: Verdicts = Verdicts()
    mid: Verdicts = Verdicts()
    high: Verdicts = Verdicts()
    no_confidence: int = 0  # rows without a confidence value

    def as_dict(self) -> dict[str, Any]:
        out = {label: v.as_dict() for label, v in zip(LABELS, self.bands(), strict=True)}
        return {**out, "no_confidence": self.no_confidence}

    def bands(self) -> tuple[Verdicts, Verdicts, Verdicts]:
        return (self.low, self.mid, self.high)


def band_of(confidence: float) -> int:
    """The index of the band holding ``confidence`` (clamped into [0, 1])."""
    return next((i for i, (_, hi) in enumerate(BANDS[:-1]) if confidence < hi), len(BANDS) - 1)


def banded(confidences: Sequence[float | None], verdicts: Sequence[str]) -> Bands:
    """Add each row's verdict to the band of its confidence."""
    counts = [Verdicts(), Verdicts(), Verdicts()]
    missing = 0
    for c, v in zip(confidences, verdicts, strict=True):
        if c is None:
            missing += 1
        else:
            counts[band_of(c)] = counts[band_of(c)] + Verdicts.of(v)
    low, mid, high = counts
    return Bands(low, mid, high, no_confidence=missing)


# --- verdicts per table (aligned with the rows of the table) --------------------------------


def _on_gold(
    preds: Sequence[P],
    golds: Sequence[G],
    judge: Callable[[G, P], bool],
    elsewhere: Callable[[P], str],
) -> list[str]:
    """Each prediction against the gold item it overlaps most: right or wrong by ``judge``; on
    no gold item, ``elsewhere`` says."""
    out = []
    for p in preds:
        gold = best_overlap([(p.start, p.end)], golds, lambda g: (g.start, g.end))
        out.append(elsewhere(p) if gold is None else RIGHT if judge(gold, p) else WRONG)
    return out


def quote_verdicts(doc: GoldDoc, pred: Prediction) -> list[str] | None:
    if doc.quotes is None:
        return None
    marks = doc.quote_marks
    return _on_gold(
        pred.quotes,
        doc.quotes,
        lambda g, p: speaker_is_right(g, p, doc, pred),
        lambda p: (
            UNJUDGED if any(overlaps(p.start, p.end, m.start, m.end) for m in marks) else WRONG
        ),
    )


def event_verdicts(doc: GoldDoc, pred: Prediction) -> list[str] | None:
    if doc.events is None:
        return None
    return _on_gold(
        pred.events,
        doc.events,
        lambda g, p: event_is_right(g, p, doc, pred),
        lambda p: WRONG if doc.exhaustive else UNJUDGED,
    )


def location_verdicts(doc: GoldDoc, pred: Prediction) -> list[str] | None:
    if "locations" not in doc.layers:
        return None
    out = []
    for place in pred.places.values():
        spans = [
            (m.start, m.end)
            for m in pred.mentions
            if m.table == "locations" and m.entity_id == place.location_id
        ]
        touched = [g for g in doc.mentions if any(overlaps(s, e, g.start, g.end) for s, e in spans)]
        toponyms = [g for g in touched if g.point is not None]
        if place.lat is None or place.lon is None:
            out.append(WRONG)
        elif toponyms:
            judged = [judge_point(g.point, g.text, place) for g in toponyms]  # type: ignore[arg-type]
            out.append(RIGHT if all(j is not None and j.right for j in judged) else WRONG)
        elif any(compatible("locations", g.coarse_type) for g in touched):
            out.append(RIGHT)
        elif touched:
            out.append(WRONG)
        else:
            out.append(WRONG if doc.exhaustive else UNJUDGED)
    return out


def verdicts(doc: GoldDoc, pred: Prediction) -> dict[str, list[str] | None]:
    """Every quote, event and location row's verdict, in row order (``None``: the gold does
    not annotate the layer)."""
    return {
        "quotes": quote_verdicts(doc, pred),
        "events": event_verdicts(doc, pred),
        "locations": location_verdicts(doc, pred),
    }


def confidence_bands(doc: GoldDoc, pred: Prediction) -> dict[str, Bands | None]:
    judged = verdicts(doc, pred)
    confidences = {
        "quotes": [q.confidence for q in pred.quotes],
        "events": [e.confidence for e in pred.events],
        "locations": [p.confidence for p in pred.places.values()],
    }
    return {
        t: None if judged[t] is None else banded(confidences[t], judged[t])  # type: ignore[arg-type]
        for t in BAND_TABLES
    }
