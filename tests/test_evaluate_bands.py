"""dateline evaluate: a verdict per quote, event and location row, and precision by band."""

from __future__ import annotations

from typing import Any

import pytest

from dateline.article import Article
from dateline.evaluate import evaluate, format_json, format_text, parse_gold
from dateline.evaluate.bands import (
    RIGHT,
    UNJUDGED,
    WRONG,
    Bands,
    Verdicts,
    band_of,
    banded,
    verdicts,
)
from dateline.evaluate.predicted import prediction_from_rows
from fixtures.gold import mention_row, span_at

BODY = (
    '"The dam will hold," engineer Maya Tal said in Lyon. She added that the river was '
    'falling. A "perfect storm" hit Nantes, Ruth Amos wrote. Troops shelled Lyon.\n'
)


def at(text: str, nth: int = 0) -> dict[str, Any]:
    return span_at(BODY, text, nth)


def gold(**extra: Any) -> dict[str, Any]:
    return {
        "id": "b1",
        "entities": [
            {**at("Maya Tal"), "coarse_type": "ACTOR_PERSON"},
            {**at("Lyon"), "coarse_type": "LOCATION", "lat": 45.76, "lon": 4.84},
            {**at("Nantes"), "coarse_type": "LOCATION", "lat": 47.22, "lon": -1.55},
            {**at("Ruth Amos"), "coarse_type": "ACTOR_PERSON"},
        ],
        "quotes": [
            {**at("The dam will hold"), "type": "direct", "speaker": at("Maya Tal")},
            {**at("the river was falling"), "type": "indirect", "speaker": at("Maya Tal")},
        ],
        "quotation_mark_spans": [at('"perfect storm"')],
        "events": [{**at("shelled"), "type": "ASSAULT"}],
        **extra,
    }


def doc(data: dict[str, Any] | None = None):
    article = Article(doc_id="b1", seed_path="b1.txt", body=BODY)
    return parse_gold(data or gold(), article, where="gold/b1.json")


def quote(text: str, speaker: str | None, confidence: float) -> dict[str, Any]:
    q, row = at(text), {"confidence": confidence, "speaker_id": ""}
    row |= {"char_start": q["start"], "char_end": q["end"]}
    if speaker:
        s = at(speaker)
        row |= {"speaker_start": s["start"], "speaker_end": s["end"]}
    return row


def place(lid: str, lat: float | None, confidence: float) -> dict[str, Any]:
    lon = None if lat is None else 4.8
    return {"location_id": lid, "location_type": "city", "latitude": lat, "longitude": lon} | {
        "confidence": confidence
    }


def rows() -> dict[str, list[dict[str, Any]]]:
    s = at("shelled")
    return {
        "quotes": [
            quote("The dam will hold", "Maya Tal", 0.9),  # right
            quote("the river was falling", "Lyon", 0.6),  # wrong speaker
            quote("perfect storm", "Ruth Amos", 0.9),  # on quotation marks only: unjudged
            quote("Troops shelled Lyon", None, 0.2),  # on no quote: wrong
        ],
        "events": [
            {"trigger_start": s["start"], "trigger_end": s["end"], "event_type": "ASSAULT"}
            | {"confidence": 0.5},
            {"trigger_start": 0, "trigger_end": 4, "event_type": "AGREE", "confidence": 0.5},
        ],
        "locations": [
            place("lyon", 45.75, 0.95),  # right
            place("nantes", 45.75, 0.85),  # on Nantes but 500 km off: wrong
            place("dam", None, 0.3),  # no coordinates: wrong
            place("storm", 40.0, 0.6),  # on no gold mention (exhaustive gold): wrong
        ],
        "mentions": [
            mention_row(BODY, "Lyon", "lyon", "locations"),
            mention_row(BODY, "Lyon", "lyon", "locations", nth=1),
            mention_row(BODY, "Nantes", "nantes", "locations"),
            mention_row(BODY, "dam", "dam", "locations"),
            mention_row(BODY, "storm", "storm", "locations"),
        ],
    }


def test_verdicts_of_each_row() -> None:
    v = verdicts(doc(), prediction_from_rows(rows()))
    assert v["quotes"] == [RIGHT, WRONG, UNJUDGED, WRONG]
    assert v["events"] == [RIGHT, WRONG]
    assert v["locations"] == [RIGHT, WRONG, WRONG, WRONG]


def test_not_exhaustive_gold_leaves_rows_on_nothing_unjudged() -> None:
    v = verdicts(doc(gold(exhaustive=False)), prediction_from_rows(rows()))
    assert v["events"] == [RIGHT, UNJUDGED]
    assert v["locations"] == [RIGHT, WRONG, WRONG, UNJUDGED]


def test_layers_without_gold_have_no_verdicts() -> None:
    v = verdicts(doc({"layers": ["quotes"], "quotes": []}), prediction_from_rows(rows()))
    assert v["events"] is None and v["locations"] is None and v["quotes"] == [WRONG] * 4


def test_bands() -> None:
    assert [band_of(c) for c in (0.0, 0.49, 0.5, 0.79, 0.8, 1.0)] == [0, 0, 1, 1, 2, 2]
    b = banded([0.9, 0.6, 0.9, 0.2, None], [RIGHT, WRONG, UNJUDGED, WRONG, RIGHT])
    assert b == Bands(Verdicts(0, 1, 0), Verdicts(0, 1, 0), Verdicts(1, 0, 1), no_confidence=1)
    assert b.high.precision == 1.0 and b.high.lower_bound == 0.5
    assert b.as_dict()["[0.8,1]"]["precision_lower_bound"] == 0.5


def test_report_gives_precision_by_band() -> None:
    evaluation = evaluate([doc()], lambda d: rows())
    overall = evaluation.overall
    assert overall.quote_bands is not None and overall.quote_bands.high == Verdicts(1, 0, 1)
    assert overall.location_bands is not None and overall.location_bands.high == Verdicts(1, 1)
    text = format_text(evaluation)
    assert "Precision by confidence band" in text
    assert "overall locations" in text and "overall events" in text
    import json

    bands = json.loads(format_json(evaluation))["overall"]["confidence_bands"]
    assert bands["quotes"]["[0.8,1]"]["unjudged"] == 1
    assert bands["events"]["[0.5,0.8)"]["precision"] == pytest.approx(0.5)
