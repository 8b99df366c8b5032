"""Events on short sentences written for the tests: trigger coding (PLOVER type and mode,
CAMEO root), actor and target, status, date intervals, the quote that carries the claim, and
one event per action. Articles are dated 2024-03-06 (a Wednesday) with doc id ``t1``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from fixtures.articles import DOC_ID, only, table

D = dt.date


def events(body: str) -> list[dict]:
    return table(body, "events")


def coding(e: dict) -> tuple[str, str | None, str]:
    return e["event_type"], e["event_mode"], e["cameo_code"]


def agreed(body: str) -> dict:
    """The AGREE event of a sentence whose agreed action ("to reopen the border") is a planned
    event of its own."""
    first, *rest = events(body)
    assert first["event_type"] == "AGREE"
    assert [(e["event_type"], e["status"]) for e in rest] == [("RETREAT", "planned")]
    return first


def when(e: dict) -> tuple[dt.date | None, dt.date | None, str, str | None]:
    return e["date_start"], e["date_end"], e["date_precision"], e["date_text"]


# --------------------------------------------------------------------------- coding


@pytest.mark.parametrize(
    ("body", "trigger", "code"),
    [
        ("Greece and Turkey agreed to reopen the border.", "agreed", ("AGREE", None, "03")),
        (
            "Turkish and Greek ministers will meet in Athens next week.",
            "meet",
            ("CONSULT", "meet", "04"),
        ),
        (
            "The troops withdrew from Kherson on Friday.",
            "withdrew",
            ("RETREAT", "withdraw", "08"),
        ),
        (
            "Rebels shelled the village last week.",
            "shelled",
            ("ASSAULT", "heavy-weapons", "19"),
        ),
        (
            "Turkey accused Greece of violating its airspace.",
            "accused",
            ("ACCUSE", "allege", "11"),
        ),
    ],
)
def test_trigger_is_coded_to_plover_and_cameo(
    body: str, trigger: str, code: tuple[str, str | None, str]
) -> None:
    e = events(body)[0]
    assert e["trigger"] == trigger
    assert coding(e) == code
    assert body[e["trigger_start"] : e["trigger_end"]] == trigger
    assert e["evidence"] == body[e["char_start"] : e["char_end"]] == body


def test_coordinated_subjects_are_actor_and_target() -> None:
    e = agreed("Greece and Turkey agreed to reopen the border.")
    assert (e["actor_id"], e["target_id"]) == ("grc-government", "tur-government")
    assert e["status"] == "occurred"


def test_capital_metonyms_are_actor_and_target() -> None:
    e = events("Ankara and Athens agreed to resume talks.")[0]
    assert (e["event_type"], e["actor_id"], e["target_id"]) == (
        "AGREE",
        "tur-government",
        "grc-government",
    )


def test_titled_person_is_the_actor_and_a_named_site_the_place() -> None:
    e = only(events("Gen. Sam Ortiz visited Camp Harlow, Iraq, on Monday."))
    assert coding(e) == ("CONSULT", "visit", "04")
    assert (e["actor_id"], e["location_id"]) == ("sam-ortiz", "site:camp-harlow")
    assert when(e) == (D(2024, 3, 4), D(2024, 3, 4), "day", "Monday")


def test_withdrawal_has_its_place_and_day() -> None:
    e = only(events("The troops withdrew from Kherson on Friday."))
    assert e["location_id"] == "geonames:706448"
    assert when(e) == (D(2024, 3, 1), D(2024, 3, 1), "day", "Friday")
    assert e["status"] == "occurred"


# --------------------------------------------------------------------------- status


def test_will_meet_is_planned() -> None:
    e = only(events("Turkish and Greek ministers will meet in Athens next week."))
    assert e["status"] == "planned"
    assert e["location_id"] == "geonames:264371"
    assert when(e) == (D(2024, 3, 11), D(2024, 3, 17), "week", "next week")


def test_did_not_withdraw_is_negated() -> None:
    e = only(events("The troops did not withdraw from Kherson."))
    assert (e["event_type"], e["status"]) == ("RETREAT", "negated")


@pytest.mark.parametrize(
    "body",
    [
        "The troops are withdrawing from Kherson.",
        "The troops have begun withdrawing from Kherson.",
    ],
)
def test_withdrawing_under_way_is_ongoing(body: str) -> None:
    e = only(events(body))
    assert (e["event_type"], e["trigger"], e["status"]) == ("RETREAT", "withdrawing", "ongoing")


def test_past_action_is_occurred() -> None:
    e = only(events("Rebels shelled the village last week."))
    assert e["status"] == "occurred"


# --------------------------------------------------------------------------- dates


def test_last_week_is_the_previous_monday_to_sunday() -> None:
    e = only(events("Rebels shelled the village last week."))
    assert when(e) == (D(2024, 2, 26), D(2024, 3, 3), "week", "last week")


def test_deadline_goes_to_the_planned_action_and_makes_it_planned() -> None:
    body = "The rebels met last week and will withdraw from Kherson by the end of the month."
    met, withdraw = events(body)
    assert (met["trigger"], met["status"]) == ("met", "occurred")
    assert when(met) == (D(2024, 2, 26), D(2024, 3, 3), "week", "last week")
    assert (withdraw["trigger"], withdraw["status"]) == ("withdraw", "planned")
    assert when(withdraw) == (D(2024, 3, 6), D(2024, 3, 31), "month", "by the end of the month")


def test_no_date_phrase_leaves_the_date_unknown() -> None:
    e = agreed("Greece and Turkey agreed to reopen the border.")
    assert when(e) == (None, None, "unknown", None)


# --------------------------------------------------------------------------- reported claims


def test_claim_inside_a_quote_is_reported_by_its_speaker() -> None:
    body = (
        "Ukrainian officials said the troops would withdraw from Kherson by the end of the month."
    )
    q = only(table(body, "quotes"))
    e = only(events(body))
    assert e["reported_by_id"] == f"{DOC_ID}:ukrainian-officials" == q["speaker_id"]
    assert e["quote_id"] == q["quote_id"]
    assert (e["event_type"], e["status"], e["location_id"]) == (
        "RETREAT",
        "planned",
        "geonames:706448",
    )
    assert when(e) == (D(2024, 3, 6), D(2024, 3, 31), "month", "by the end of the month")


def test_claim_reported_by_a_named_person() -> None:
    body = "Foreign Minister Marko Ilic said Serbia will meet Croatia in Zagreb next week."
    q = only(table(body, "quotes"))
    e = only(events(body))
    assert (e["event_type"], e["actor_id"], e["status"]) == ("CONSULT", "srb-government", "planned")
    assert (e["reported_by_id"], e["quote_id"]) == ("marko-ilic", q["quote_id"])


def test_subject_of_agreed_to_is_the_actor_not_a_reporter() -> None:
    body = "France agreed to pull its troops out of Mali."
    assert table(body, "quotes") == []
    e = events(body)[0]
    assert (e["event_type"], e["actor_id"], e["reported_by_id"]) == (
        "AGREE",
        "fra-government",
        None,
    )


def test_event_outside_any_quote_has_no_reporter() -> None:
    e = agreed("Greece and Turkey agreed to reopen the border.")
    assert (e["reported_by_id"], e["quote_id"]) == (None, None)


# --------------------------------------------------------------------------- one per action


def test_signed_an_agreement_is_one_agree_event() -> None:
    e = only(events("Greece and Turkey signed an agreement in Ankara on Tuesday."))
    assert e["event_type"] == "AGREE"
    assert (e["actor_id"], e["target_id"], e["location_id"]) == (
        "grc-government",
        "tur-government",
        "geonames:323786",
    )
    assert when(e) == (D(2024, 3, 5), D(2024, 3, 5), "day", "Tuesday")


def test_agreement_signed_is_one_agree_event() -> None:
    e = only(events("Greece and Turkey reached an agreement signed in Ankara on Tuesday."))
    assert coding(e) == ("AGREE", "sign", "05")
    assert (e["actor_id"], e["target_id"]) == ("grc-government", "tur-government")


def test_event_with_no_who_where_or_when_is_dropped() -> None:
    assert events("Crews said the attack was over.") == []


def test_event_ids_are_stable_and_unique() -> None:
    body = "The rebels met last week and will withdraw from Kherson by the end of the month."
    ids = [e["event_id"] for e in events(body)]
    assert len(set(ids)) == 2
    assert all(i.startswith("ev-") and len(i) == 15 for i in ids)


# --------------------------------------------------------------------------- fixed bugs
# Each case below was a bug found by these tests; they pin the fix.


def test_national_troops_withdrawing_is_retreat_not_sanction() -> None:
    e = only(events("Russian troops withdrew from Kherson on Friday."))
    assert (coding(e), e["actor_id"]) == (("RETREAT", "withdraw", "08"), "rus-military")


def test_date_between_two_triggers_goes_to_the_one_before_it() -> None:
    body = "The rebels agreed on Tuesday to withdraw from Kherson by the end of the month."
    agreed, withdraw = events(body)
    assert when(agreed)[3] == "Tuesday"
    assert when(withdraw)[3] == "by the end of the month"


def test_object_country_is_the_target() -> None:
    e = only(events("Turkey accused Greece of violating its airspace."))
    assert (e["actor_id"], e["target_id"], e["location_id"]) == (
        "tur-government",
        "grc-government",
        None,
    )


def test_agreement_signed_by_two_parties() -> None:
    e = only(events("An agreement signed by Greece and Turkey ended the dispute."))
    assert (e["event_type"], e["actor_id"], e["target_id"]) == (
        "AGREE",
        "grc-government",
        "tur-government",
    )
