"""The events layer: gold events (a trigger span and the attributes the annotator gave) against
the predicted ``events`` rows.

A gold event is *found* when a predicted event's trigger overlaps its trigger; the predicted
event sharing the most characters (then the tightest) is its match. Each attribute the gold
gives is then scored on the matched events: type, actor, target, place, date, status, and the
actor's and target's country when the gold gives one. See docs/evaluate.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from dateline.evaluate.counts import Additive, ratio, rounded
from dateline.evaluate.geo import judge_point
from dateline.evaluate.gold import GoldDoc, GoldEvent, GoldPlace, GoldSpeaker
from dateline.evaluate.predicted import PredEvent, Prediction, best_overlap, overlaps
from dateline.evaluate.refs import refers_to


@dataclass(frozen=True)
class Tally(Additive):
    """How many matched events had the attribute scored, and how many had it right."""

    scored: int = 0
    right: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "scored": self.scored,
            "right": self.right,
            "accuracy": rounded(ratio(self.right, self.scored)),
        }


@dataclass(frozen=True)
class EventCounts(Additive):
    n_gold: int = 0
    found: int = 0  # gold events whose trigger a predicted trigger overlaps
    n_pred: int = 0
    pred_matched: int = 0  # predicted events whose trigger overlaps a gold trigger
    type: Tally = Tally()
    actor: Tally = Tally()
    target: Tally = Tally()
    place: Tally = Tally()
    date: Tally = Tally()
    status: Tally = Tally()
    actor_country: Tally = Tally()
    target_country: Tally = Tally()

    @property
    def recall(self) -> float | None:
        return ratio(self.found, self.n_gold)

    @property
    def precision(self) -> float | None:
        return ratio(self.pred_matched, self.n_pred)

    @property
    def type_end_to_end(self) -> float | None:
        """Gold events found with the right type, among all gold events."""
        return ratio(self.type.right, self.n_gold)

    def as_dict(self) -> dict[str, Any]:
        tallies = {f.name: getattr(self, f.name) for f in fields(self)}
        return {
            "gold": self.n_gold,
            "found": self.found,
            "predicted": self.n_pred,
            "predicted_matched": self.pred_matched,
            "recall": rounded(self.recall),
            "precision": rounded(self.precision),
            "type_end_to_end": rounded(self.type_end_to_end),
            **{k: v.as_dict() for k, v in tallies.items() if isinstance(v, Tally)},
        }


def best_event(gold: GoldEvent, pred: tuple[PredEvent, ...]) -> PredEvent | None:
    return best_overlap([(gold.start, gold.end)], pred, lambda p: (p.start, p.end))


def _ref_is_right(
    ref: GoldSpeaker | None, actor_id: str | None, doc: GoldDoc, pred: Prediction
) -> bool:
    if ref is None:
        return actor_id is None
    return actor_id is not None and refers_to(ref, actor_id, pred.spans_of(actor_id), doc, pred)


def _place_is_right(gold: GoldPlace | None, location_id: str | None, pred: Prediction) -> bool:
    """A mention of the predicted place overlaps the gold place, or the predicted place is
    within 161 km of the gold point (a country: the same country)."""
    if gold is None:
        return location_id is None
    if location_id is None:
        return False
    if any(overlaps(s, e, gold.start, gold.end) for s, e in pred.spans_of(location_id)):
        return True
    place = pred.places.get(location_id)
    if gold.point is None or place is None:
        return False
    judged = judge_point(gold.point, gold.text, place)
    return judged is not None and judged.right


def _country_tally(ref: GoldSpeaker | None, actor_id: str | None, pred: Prediction) -> Tally:
    if ref is None or ref.country is None:
        return Tally()
    return Tally(1, int(actor_id is not None and pred.actor_countries.get(actor_id) == ref.country))


def judge_event(gold: GoldEvent, match: PredEvent, doc: GoldDoc, pred: Prediction) -> EventCounts:
    """The attribute tallies of one found gold event."""
    checks: dict[str, Callable[[], bool]] = {
        "type": lambda: match.event_type == gold.type,
        "actor": lambda: _ref_is_right(gold.actor, match.actor_id, doc, pred),
        "target": lambda: _ref_is_right(gold.target, match.target_id, doc, pred),
        "place": lambda: _place_is_right(gold.place, match.location_id, pred),
        "date": lambda: match.date == gold.date,
        "status": lambda: match.status == gold.status,
    }
    tallies = {k: Tally(1, int(check())) for k, check in checks.items() if k in gold.annotated}
    return EventCounts(
        n_gold=1,
        found=1,
        actor_country=_country_tally(gold.actor, match.actor_id, pred),
        target_country=_country_tally(gold.target, match.target_id, pred),
        **tallies,  # type: ignore[arg-type]
    )


def event_is_right(gold: GoldEvent, match: PredEvent, doc: GoldDoc, pred: Prediction) -> bool:
    """A predicted event is right when it is on a gold event and has its type (when given),
    actor and target (when given)."""
    counts = judge_event(gold, match, doc, pred)
    return all(t.right == t.scored for t in (counts.type, counts.actor, counts.target))


def score_events(doc: GoldDoc, pred: Prediction) -> EventCounts | None:
    if doc.events is None:
        return None
    total = EventCounts(n_pred=len(pred.events))
    for g in doc.events:
        match = best_event(g, pred.events)
        total = total + (
            EventCounts(n_gold=1) if match is None else judge_event(g, match, doc, pred)
        )
    matched = sum(
        any(overlaps(p.start, p.end, g.start, g.end) for g in doc.events) for p in pred.events
    )
    return total + EventCounts(pred_matched=matched)
