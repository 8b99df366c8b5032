"""The seed article (BAGHDAD, 2025-10-01) must come out right: the rows the product promises."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from dateline.article import read_article
from dateline.extract import extract

SEED = Path(__file__).parents[1] / "seeds" / "000_a2706479377c0f40.txt"
DOC = "000_a2706479377c0f40"
ANON = f"{DOC}:senior-iraqi-security-official"


@cache
def rows() -> dict[str, list[dict[str, Any]]]:
    return extract(read_article(SEED)).rows


def quote(fragment: str) -> dict[str, Any]:
    found = [q for q in rows()["quotes"] if fragment in q["text"]]
    assert len(found) == 1, f"{fragment!r}: {[q['text'] for q in rows()['quotes']]}"
    return found[0]


def actor(actor_id: str) -> dict[str, Any]:
    return next(a for a in rows()["actors"] if a["actor_id"] == actor_id)


@pytest.mark.parametrize(
    ("fragment", "speaker", "kind"),
    [
        ("will reduce its military mission in Iraq", "sean-parnell", "partial"),
        ("our combined success in fighting ISIS", "sean-parnell", "partial"),
        ("marks an effort to transition", "sean-parnell", None),
        ("Washington will maintain close coordination", "sean-parnell", "partial"),
        ("the U.S. withdrawal began weeks ago", ANON, "indirect"),
        ("Only a very small number of advisers", ANON, "direct"),
        ("some forces have redeployed", ANON, "indirect"),
        ("the drawdown is proceeding", ANON, "indirect"),
        (
            "the U.S. and Iraq will meet by the end of the year",
            "mohammed-shia-al-sudani",
            "partial",
        ),
    ],
)
def test_quotes_and_speakers(fragment: str, speaker: str, kind: str | None):
    q = quote(fragment)
    assert q["speaker_id"] == speaker
    if kind:
        assert q["quote_type"] == kind


def test_two_fragments_are_two_rows_and_no_quote_from_it_did_not():
    assert quote("will reduce")["quote_id"] != quote("our combined success")["quote_id"]
    assert quote("will reduce")["text"] == "will reduce its military mission in Iraq"
    assert not [q for q in rows()["quotes"] if "did not give details" in q["text"]]


def test_pronoun_and_issuer_attribution():
    assert quote("marks an effort")["attribution"] == "pronoun"
    assert quote("some forces have redeployed")["attribution"] == "pronoun"
    assert quote("Washington will maintain")["attribution"] == "issuer"
    assert quote("the U.S. and Iraq will meet")["date"] == dt.date(2025, 7, 1)


def test_actors():
    ids = {a["actor_id"] for a in rows()["actors"]}
    expected = {
        "usa-military",
        "usa-government",
        "irq-government",
        "cjtf-oir",
        "islamic-state",
        "usa-dod",
        "sean-parnell",
        ANON,
        "irq-joint-operations-command",
        "mohammed-shia-al-sudani",
        "ap",
    }
    assert expected <= ids
    assert "ISIS" in actor("islamic-state")["aliases"]
    assert "Washington" in actor("usa-government")["aliases"]
    assert "Baghdad" in actor("irq-government")["aliases"]
    assert actor("sean-parnell")["role"] == "Pentagon spokesman"
    assert actor("sean-parnell")["affiliation_id"] == "usa-dod"
    anon = actor(ANON)
    assert anon["is_anonymous"] and anon["anonymity_reason"] == "not authorized to comment publicly"
    assert actor("mohammed-shia-al-sudani")["country"] == "IRQ"


def test_locations_have_coordinates():
    places = {p["location_id"]: p for p in rows()["locations"]}
    for pid in (
        "iso3166:IRQ",
        "geonames:98182",
        "icao:ORAA",
        "region:IRQ:west",
        "geonames:95446",
        "iso3166-2:IQ-KR",
        "region:IRQ:north",
    ):
        assert places[pid]["latitude"] is not None, pid
    assert "Irbil" in places["geonames:95446"]["aliases"]
    assert rows()["documents"][0]["dateline_location_id"] == "geonames:98182"


def event(trigger: str) -> dict[str, Any]:
    return next(e for e in rows()["events"] if e["trigger"] == trigger)


def test_events():
    assert event("drawing down") | {} and event("drawing down")["status"] == "ongoing"
    agree = event("inked")
    assert (agree["event_type"], agree["date_start"], agree["date_end"]) == (
        "AGREE",
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
    )
    wind = event("wind down")
    assert (wind["status"], wind["date_end"]) == ("planned", dt.date(2025, 9, 30))
    withdrawal = event("withdrawal")
    assert withdrawal["event_type"] == "RETREAT" and withdrawal["date_text"] == "weeks ago"
    assert withdrawal["date_end"] < dt.date(2025, 10, 1)
    assert event("redeployed")["location_id"] == "geonames:95446"
    assert event("left")["location_id"] == "iso3166:IRQ"
    meet = event("meet")
    assert (meet["event_type"], meet["status"], meet["date_end"]) == (
        "CONSULT",
        "planned",
        dt.date(2025, 12, 31),
    )
    assert (meet["actor_id"], meet["target_id"]) == ("usa-government", "irq-government")


def test_every_slice_is_exact():
    body = read_article(SEED).body
    for q in rows()["quotes"]:
        assert body[q["char_start"] : q["char_end"]] == q["text"]
    for e in rows()["events"]:
        assert body[e["char_start"] : e["char_end"]] == e["evidence"]
        assert body[e["trigger_start"] : e["trigger_end"]] == e["trigger"]
    for m in rows()["mentions"]:
        assert body[m["char_start"] : m["char_end"]] == m["text"]
