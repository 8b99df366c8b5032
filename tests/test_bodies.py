"""Actors named by a place (issue 12): local government bodies ("the City of X council", "X
County Commission") are government actors of their place, the place named inside them; "police
in X", "security forces in X" and "X police" are police actors of the place's country; the
events that follow pick them up. Every sentence is written for these tests.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from dateline.extract.bodies import local_actor
from dateline.extract.mentions import Found, MentionKind
from dateline.extract.resources import Resources
from fixtures.articles import table

Actor = tuple[str, str, str, str | None, str | None]


def actors(body: str) -> dict[str, Actor]:
    """actor id -> (name, type, sector, country, role)."""
    return {
        a["actor_id"]: (a["name"], a["actor_type"], a["sector"], a["country"], a["role"])
        for a in table(body, "actors")
    }


def mentions(body: str) -> list[tuple[str, str]]:
    return [(m["text"], m["entity_id"]) for m in table(body, "mentions")]


def event(body: str, trigger: str) -> dict:
    (found,) = [e for e in table(body, "events") if e["trigger"] == trigger]
    return found


@pytest.mark.parametrize(
    ("body", "name", "role", "country", "place"),
    [
        (
            "The City of Fremantle council voted on Tuesday to suspend the parking levy.",
            "City of Fremantle council",
            "city council",
            "AUS",
            "Fremantle",
        ),
        (
            "The Marion County Commission rejected the budget on Tuesday.",
            "Marion County Commission",
            "county commission",
            "USA",
            "Marion County",
        ),
        (
            "The Oyster Bay Town Board met on Monday to discuss the marina.",
            "Oyster Bay Town Board",
            "town board",
            "USA",
            "Oyster Bay",
        ),
        (
            "The Stellenbosch Municipality council voted on Thursday to close the landfill.",
            "Stellenbosch Municipality council",
            "municipality council",
            "ZAF",
            "Stellenbosch",
        ),
        (
            "Residents packed the hall as the Springfield city council debated the budget.",
            "Springfield city council",
            "city council",
            "USA",
            "Springfield",
        ),
    ],
)
def test_a_local_body_is_a_government_actor_of_its_place(
    body: str, name: str, role: str, country: str, place: str
) -> None:
    (found,) = [a for a in actors(body).values() if a[0] == name]
    assert found[1:] == ("government", "GOV", country, role)
    # the place is named inside the body's name, so the actor is linked to it
    places = {loc["name"]: loc["location_id"] for loc in table(body, "locations")}
    assert place in places
    assert (place, places[place]) in mentions(body)


def test_two_towns_of_one_name_have_two_councils() -> None:
    gaz = Resources.default().gazetteer
    illinois, massachusetts = (
        next(p for p in gaz.lookup("Springfield") if p.admin1 == area)
        for area in ("US-IL", "US-MA")
    )
    council = Found(0, 3, MentionKind.LOCAL_BODY, role="city council", suffix="GOV")
    ents = SimpleNamespace(countries=["USA"], article=SimpleNamespace(doc_id="t1"))
    a = local_actor("the Springfield city council", council, illinois, ents)  # type: ignore[arg-type]
    b = local_actor("the Springfield city council", council, massachusetts, ents)  # type: ignore[arg-type]
    assert a.name == b.name == "Springfield city council"
    assert a.actor_id != b.actor_id


@pytest.mark.parametrize(
    "body",
    [
        "The Security Council met in New York on Monday.",  # no place: another body
        "The Chicago Board of Education closed the schools.",  # "Board of …" is another body
        "The European Council met in Brussels on Monday.",
    ],
)
def test_a_body_not_named_by_a_local_place_is_no_local_body(body: str) -> None:
    assert not [a for a in actors(body).values() if a[4] in {"council", "city council", "board"}]


def test_the_event_after_a_local_body_has_it_as_actor() -> None:
    body = "The Camden Borough Council rejected the housing plan on Tuesday."
    council = next(k for k, v in actors(body).items() if v[0] == "Camden Borough Council")
    assert event(body, "rejected")["actor_id"] == council


@pytest.mark.parametrize(
    ("body", "actor_id", "trigger"),
    [
        (
            "Police in Kenya arrested a dozen students in Kisumu on Monday.",
            "ken-police",
            "arrested",
        ),
        ("Security forces in Mali killed three militants near Gao.", "mli-police", "killed"),
        ("Riot police in Nairobi fired tear gas at the marchers.", "ken-police", "tear gas"),
    ],
)
def test_police_in_a_place_are_the_police_of_its_country(
    body: str, actor_id: str, trigger: str
) -> None:
    found = actors(body)
    assert found[actor_id][1:3] == ("government", "COP")
    assert event(body, trigger)["actor_id"] == actor_id
    # the place stays a location of its own
    assert table(body, "locations")


def test_troops_in_a_place_are_not_taken_for_its_army() -> None:
    body = "Troops in Iraq will leave the base by September."
    assert "irq-military" not in actors(body)


def test_a_citys_police_is_a_police_actor_of_that_city() -> None:
    body = "Nairobi police detained two reporters outside the court on Monday."
    (police,) = [k for k, v in actors(body).items() if v[0] == "Nairobi police"]
    assert actors(body)[police][1:] == ("government", "COP", "KEN", "police")
    assert event(body, "detained")["actor_id"] == police
    assert ("Nairobi", "geonames:184745") in mentions(body)
