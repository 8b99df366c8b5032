"""dateline evaluate: the events layer (gold format, matching, attributes, report)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dateline.article import Article
from dateline.evaluate import GoldError, evaluate, format_json, format_text, load_corpus, parse_gold
from dateline.evaluate.events import EventCounts, Tally, score_events
from dateline.evaluate.predicted import prediction_from_rows
from dateline.evaluate.score import score_doc
from fixtures.gold import mention_row, span_at
from fixtures.gold import write_corpus as write_gold_corpus

BODY = (
    "Turkish troops shelled the border town of Afrin on Monday, a spokesman said. The Greek "
    "government rejected a Turkish proposal for talks in Athens. Ankara may impose sanctions "
    "on Greece next month.\n"
)


def at(text: str, nth: int = 0) -> dict[str, Any]:
    return span_at(BODY, text, nth)


def gold_events() -> list[dict[str, Any]]:
    return [
        {
            **at("shelled"),
            "type": "ASSAULT",
            "actor": {**at("Turkish troops"), "country": "TUR"},
            "place": {**at("Afrin"), "lat": 36.51, "lon": 36.87},
            "date": "2025-09-29",
            "status": "occurred",
        },
        {
            **at("rejected"),
            "type": "REJECT",
            "actor": {**at("The Greek government"), "country": "GRC"},
            "target": {**at("Turkish", 1), "country": "TUR"},
            "date": None,
            "status": "occurred",
        },
        {
            **at("impose sanctions"),
            "type": "SANCTION",
            "actor": {**at("Ankara"), "canonical_text": "Turkish government"},
            "target": at("Greece"),
            "date": {"start": "2025-11-01", "end": "2025-11-30"},
            "status": "hypothetical",
        },
    ]


def gold(**extra: Any) -> dict[str, Any]:
    return {"id": "e1", "layers": ["events"], "events": gold_events(), **extra}


def doc(data: dict[str, Any] | None = None):
    article = Article(doc_id="e1", seed_path="articles/e1.txt", body=BODY)
    return parse_gold(gold() if data is None else data, article, where="gold/e1.json")


def event(trigger: str, etype: str, **fields: Any) -> dict[str, Any]:
    s = at(trigger)
    row = {"trigger_start": s["start"], "trigger_end": s["end"], "event_type": etype}
    row |= {"actor_id": None, "target_id": None, "location_id": None, "status": "occurred"}
    row |= {"date_start": None, "date_end": None, "confidence": 0.7}
    return row | fields


def rows() -> dict[str, list[dict[str, Any]]]:
    """Shelling right in every attribute (its place by coordinates only); the rejection typed
    REQUEST, without its target; the sanctions missed; talks predicted but not gold."""
    return {
        "actors": [
            {"actor_id": "tur-military", "name": "Turkish military", "country": "TUR"},
            {"actor_id": "grc-government", "name": "Greek government", "country": "GRC"},
        ],
        "locations": [
            {
                "location_id": "geonames:1",
                "location_type": "city",
                "latitude": 36.5,
                "longitude": 36.9,
            }
        ],
        "mentions": [
            mention_row(BODY, "Turkish troops", "tur-military", "actors"),
            mention_row(BODY, "The Greek government", "grc-government", "actors"),
        ],
        "events": [
            event(
                "shelled",
                "ASSAULT",
                actor_id="tur-military",
                location_id="geonames:1",
                date_start="2025-09-29",
                date_end="2025-09-29",
            ),
            event("rejected", "REQUEST", actor_id="grc-government"),
            event("talks", "CONSULT"),
        ],
    }


# --- gold -----------------------------------------------------------------------------------


def test_gold_events_keep_what_was_annotated() -> None:
    events = doc().events
    assert events is not None and len(events) == 3
    first, second, third = events
    assert first.annotated == {"type", "actor", "place", "date", "status"}
    assert first.place is not None and first.place.point is not None
    assert first.date == ("2025-09-29", "2025-09-29")
    assert second.date is None and "date" in second.annotated  # null: the text gives no date
    assert "target" not in first.annotated  # left out: not scored
    assert third.date == ("2025-11-01", "2025-11-30")
    assert second.target is not None and second.target.country == "TUR"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"type": "BOMB"}, r"events\[0\].type: 'BOMB' is not one of AGREE"),
        ({"status": "maybe"}, r"events\[0\].status: 'maybe'"),
        ({"date": "29 September"}, r"events\[0\].date: '29 September' is not a day"),
        ({"date": {"start": "2025-09-30", "end": "2025-09-29"}}, "ends before it starts"),
        ({"actor": {**at("Turkish troops"), "country": "Turkey"}}, "not an ISO 3166-1"),
        ({"place": {"text": "Afrin", "start": 0, "end": 5}}, r"events\[0\].place: body\[0:5\]"),
    ],
)
def test_malformed_events_name_the_field(change: dict[str, Any], message: str) -> None:
    data = gold()
    data["events"][0].update(change)
    with pytest.raises(GoldError, match=message):
        doc(data)


def test_events_are_a_layer_of_their_own() -> None:
    only_events = score_doc(doc(), rows())
    assert only_events.actors is None and only_events.quotes is None
    assert only_events.events is not None
    # Without the layer (an entities file), predicted events are not scored.
    no_events = score_doc(doc({"entities": [], "events": None}), rows())
    assert no_events.events is None and no_events.actors is not None
    # Inferred from the list when `layers` is absent.
    assert doc({"entities": [], "events": gold_events()}).layers >= {"events", "actors"}


# --- scoring --------------------------------------------------------------------------------


def test_events_found_precision_and_attributes() -> None:
    counts = score_events(doc(), prediction_from_rows(rows()))
    assert counts is not None
    assert (counts.n_gold, counts.found, counts.n_pred, counts.pred_matched) == (3, 2, 3, 2)
    assert counts.type == Tally(2, 1)  # REQUEST for REJECT
    assert counts.actor == Tally(2, 2)  # by span overlap
    assert counts.target == Tally(1, 0)  # the rejection's target is missing
    assert counts.place == Tally(1, 1)  # 5 km from the gold point, no mention on "Afrin"
    assert counts.date == Tally(2, 2)  # a day, and no date where the gold has none
    assert counts.status == Tally(2, 2)
    assert counts.actor_country == Tally(2, 2) and counts.target_country == Tally(1, 0)
    assert counts.recall == pytest.approx(2 / 3) and counts.precision == pytest.approx(2 / 3)
    assert counts.type_end_to_end == pytest.approx(1 / 3)


def test_event_actor_by_name_and_wrong_place_and_date() -> None:
    data = rows()
    data["actors"].append({"actor_id": "tur-government", "name": "Turkish government"})
    data["locations"][0] |= {"latitude": 39.9, "longitude": 32.9}  # Ankara, 500 km away
    data["events"] = [
        event(
            "impose sanctions",
            "SANCTION",
            actor_id="tur-government",  # no mention anywhere: right by the gold canonical name
            target_id="tur-military",  # wrong target
            date_start="2025-10-01",
            date_end="2025-12-31",  # wider than the gold month
            status="planned",
        ),
        event("shelled", "ASSAULT", location_id="geonames:1"),
    ]
    counts = score_events(doc(), prediction_from_rows(data))
    assert counts is not None
    assert counts.actor == Tally(2, 1)  # sanctions right by name; shelling has no actor
    assert counts.target == Tally(1, 0)
    assert counts.place == Tally(1, 0)
    assert counts.date == Tally(2, 0)
    assert counts.status == Tally(2, 1)


def test_event_counts_add_up() -> None:
    one = score_events(doc(), prediction_from_rows(rows()))
    assert one is not None
    both = one + one
    assert both.type == Tally(4, 2) and both.n_pred == 6
    assert both.as_dict()["type"] == {"scored": 4, "right": 2, "accuracy": 0.5}
    assert EventCounts().as_dict()["recall"] is None


# --- report ---------------------------------------------------------------------------------


def write_corpus(root: Path, data: dict[str, Any]) -> Path:
    return write_gold_corpus(
        root, "e1", '---\ntitle: "Test"\ndate: 2025-10-01\npublisher: Test\n---\n', BODY, data
    )


def test_report_has_an_events_group(tmp_path: Path) -> None:
    evaluation = evaluate(load_corpus(write_corpus(tmp_path, gold())), lambda d: rows())
    text = format_text(evaluation)
    assert "events" in text.splitlines()[0] and "locations" not in text.splitlines()[0]
    out = json.loads(format_json(evaluation))
    assert out["overall"]["events"]["type"]["accuracy"] == 0.5
    assert out["overall"]["quotes"] is None


def test_events_layer_reads_the_extractor_rows(tmp_path: Path) -> None:
    root = write_corpus(tmp_path, gold())
    [gold_doc] = load_corpus(root)
    from dateline.evaluate import extract_rows

    predicted = extract_rows(gold_doc)
    counts = evaluate([gold_doc]).overall.events
    assert counts is not None
    assert counts.n_gold == 3 and counts.n_pred == len(predicted["events"])
    assert counts.found == sum(
        any(p["trigger_start"] < g.end and g.start < p["trigger_end"] for p in predicted["events"])
        for g in gold_doc.events
    )
