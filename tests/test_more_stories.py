"""Failure patterns found by running extraction on stories written for these tests (a port
strike in Portugal, a Brazilian court ruling, an EU tech fine, a football federation
corruption case, a climate summit, a rescue in the Mediterranean, a drug merger, a cyclone in
Bangladesh), each pinned here on sentences of its own.
"""

from __future__ import annotations

import pytest

from fixtures.articles import actors_by_name as actors
from fixtures.articles import only, table
from fixtures.articles import place_names as places


def speaker_names(body: str) -> list[tuple[str, str]]:
    """(speaker's name, quote text) of every quote, in text order."""
    names = {a["actor_id"]: a["name"] for a in table(body, "actors")}
    return [(names[q["speaker_id"]], q["text"]) for q in table(body, "quotes")]


# -- quotes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "speaker", "claim"),
    [
        ("In Kandla, a crane toppled onto a ship, police said.", "police", "a crane toppled"),
        (
            "On Monday, two ferries collided off the coast, the navy said.",
            "navy",
            "two ferries collided off the coast",
        ),
        (
            "In the coastal district of Bhola, a fisherman drowned when a wave swept his boat "
            "away, district administrator Rafiq Hasan said.",
            "Rafiq Hasan",
            "a fisherman drowned",
        ),
    ],
)
def test_a_claim_after_an_opening_adverbial_is_what_was_said(
    body: str, speaker: str, claim: str
) -> None:
    ((name, text),) = speaker_names(body)
    assert name == speaker
    assert claim in text
    # an opening adverbial right before the speaker is still no claim
    assert [t for _, t in speaker_names("In Chile, police said roads were shut.")] == [
        "roads were shut"
    ]


def test_a_cue_that_ends_a_paragraph_yields_to_the_next_quotations_own_speaker() -> None:
    body = (
        "Marco Bellini has denied wrongdoing.\n\n"
        '"The league will cooperate fully," league president Tomas Ferreira told reporters.'
    )
    assert speaker_names(body) == [("Tomas Ferreira", "The league will cooperate fully")]


def test_he_is_the_person_named_last_not_a_speaker_named_earlier() -> None:
    body = (
        "A spokeswoman for the port said ships were being diverted.\n\n"
        "Transport Minister Pedro Lobo urged both sides to talk. The state would not allow a "
        "long dispute, he said."
    )
    assert speaker_names(body)[-1] == ("Pedro Lobo", "The state would not allow a long dispute")


@pytest.mark.parametrize(
    ("body", "claim"),
    [
        (
            "According to Ana Lima, the city's chief planner, the bridge will reopen in May.",
            "the bridge will reopen in May",
        ),
        (
            "According to Rui Costa, a lawyer at a firm in Recife, courts will now act faster.",
            "courts will now act faster",
        ),
    ],
)
def test_an_apposition_after_according_to_x_is_not_what_x_said(body: str, claim: str) -> None:
    assert only(table(body, "quotes"))["text"] == claim
    # a subject with commas inside is no apposition: it opens what was said
    subject = "According to the ministry, the ban on farms in Tarlac, Pampanga has been lifted."
    assert only(table(subject, "quotes"))["text"].startswith("the ban on farms")


# -- actors -----------------------------------------------------------------------------------


def test_a_surname_opened_by_its_particles_is_the_person_named_in_full_before() -> None:
    body = (
        "Health Minister Lotte van den Berg announced the plan. The plan is sound, van den "
        "Berg said."
    )
    assert "van" not in actors(body)
    assert speaker_names(body) == [("Lotte van den Berg", "The plan is sound")]


def test_portuguese_do_joins_the_parts_of_a_name() -> None:
    body = "Joana Lima do Rosario said the talks would resume."
    assert "Joana Lima do Rosario" in actors(body)


def test_a_name_ending_in_act_is_a_law_not_an_actor() -> None:
    body = "The regulator said the firm had breached the Online Safety Act."
    assert "Online Safety Act" not in actors(body)


# -- places -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "water"),
    [
        ("Cyclones in the Bay of Bengal are growing stronger.", "Bay of Bengal"),
        ("Two tankers were seized in the Strait of Hormuz.", "Strait of Hormuz"),
        ("A fishing boat sank in the South China Sea on Sunday.", "South China Sea"),
        ("Grain ships left ports on the Black Sea.", "Black Sea"),
    ],
)
def test_a_named_sea_strait_or_bay_is_one_water_body(body: str, water: str) -> None:
    (place,) = [p for p in table(body, "locations") if p["name"] == water]
    assert place["location_type"] == "water"
    assert places(body) == {water}


def test_the_firm_after_analysts_at_is_no_place() -> None:
    body = (
        "Shares of Brightwell rose 5% in New York on Monday. Analysts at Harlow Brothers said "
        "the price was fair. Ann Kerr, an economist at Tamsin Capital, agreed."
    )
    assert places(body) == {"New York City"}


# -- events -----------------------------------------------------------------------------------


def test_a_name_inside_a_whose_clause_does_not_act_for_the_main_verb() -> None:
    body = "Former minister Paolo Greco, whose firm Alto brokered the deal, has denied wrongdoing."
    names = {a["actor_id"]: a["name"] for a in table(body, "actors")}
    denial = next(e for e in table(body, "events") if e["trigger"] == "denied")
    assert names[denial["actor_id"]] == "Paolo Greco"


def test_the_adjective_free_reports_no_release() -> None:
    body = "Maria Duarte runs the free clinic for refugees in the old town."
    assert not [e for e in table(body, "events") if e["event_type"] == "RETREAT"]


def test_a_pronoun_after_the_cue_opens_the_claim_and_is_no_inverted_speaker() -> None:
    body = (
        "Dockers at the port of Varna walked out on Monday, union leaders said.\n\n"
        "KTV Varna, the Danish-owned operator of the terminal, said it regretted the strike."
    )
    assert speaker_names(body)[-1] == ("KTV Varna", "it regretted the strike")


def test_delegates_are_a_source() -> None:
    body = (
        "Two countries blocked the text on coal, according to three delegates who spoke on "
        "condition of anonymity because the talks were private."
    )
    quote = only(table(body, "quotes"))
    source = next(a for a in table(body, "actors") if a["actor_id"] == quote["speaker_id"])
    assert (source["name"], source["is_anonymous"]) == ("delegates", True)


def test_a_centre_for_the_study_of_x_keeps_its_whole_name() -> None:
    body = "Lena Ortmann, a researcher at the Centre for the Study of Rural Violence, spoke first."
    assert "Centre for the Study of Rural Violence" in actors(body)


def test_the_country_people_are_deported_to_is_no_target() -> None:
    body = "Italy deported 40 migrants to Egypt on Tuesday."
    deportation = only(table(body, "events"))
    assert deportation["target_id"] is None


def test_a_visiting_leader_is_the_one_who_visits() -> None:
    body = "Kenyan President Amos Kirui welcomed visiting German Chancellor Lena Vogt in Nairobi."
    names = {a["actor_id"]: a["name"] for a in table(body, "actors")}
    visit = next(e for e in table(body, "events") if e["trigger"] == "visiting")
    assert (names[visit["actor_id"]], names[visit["target_id"]]) == ("Lena Vogt", "Amos Kirui")


@pytest.mark.parametrize(
    ("body", "company"),
    [
        ("Apple said it would appeal the fine.", "apple"),
        ("Meta said it would change its advertising model.", "meta"),
    ],
)
def test_a_companys_ambiguous_name_before_said_is_the_company(body: str, company: str) -> None:
    assert only(table(body, "quotes"))["speaker_id"] == company
    assert not places(body)


def test_a_title_of_several_words_inside_a_capitalised_run_ends_the_company_before_it() -> None:
    body = "Corvex Chief Executive Anna Berg said sales had risen 4% in the quarter."
    assert set(actors(body)) == {"Anna Berg"}
    assert actors(body)["Anna Berg"]["role"] == "Chief Executive"


def test_a_name_set_off_by_a_phrase_ending_in_an_organisations_noun_is_that_organisation() -> None:
    body = "Mare Aperto, an Italian charity that runs a rescue ship, said its crew saved 40 people."
    charity = actors(body)["Mare Aperto"]
    assert (charity["actor_type"], charity["sector"]) == ("organization", "NGO")
    person = "Ana Ruiz, a lawyer for the charity, said the ruling was wrong."
    assert actors(person)["Ana Ruiz"]["actor_type"] == "person"


@pytest.mark.parametrize(
    "body",
    [
        "Cyclone Osei made landfall near Chittagong on Monday, killing 12 people.",
        "Hurricane Delia flooded the coast of Belize on Sunday.",
        "Tropical Storm Ruben forced 5,000 people from their homes.",
    ],
)
def test_a_named_storm_is_no_actor(body: str) -> None:
    assert not [a for a in table(body, "actors") if a["actor_type"] == "person"]


def test_a_name_set_off_as_the_state_broadcaster_is_a_media_organisation() -> None:
    body = "TVK, the state broadcaster, said the interview had been cut short."
    assert actors(body)["TVK"]["actor_type"] == "media"


def test_a_weak_cue_whose_object_is_a_relative_pronoun_reports_no_claim() -> None:
    body = (
        "Mare Aperto said its crew had alerted the authorities. According to spokeswoman Ida "
        "Ferro, the call went unanswered.\n\n"
        "The government has tightened rules on rescue ships, which it accuses of helping "
        "smugglers."
    )
    assert [text for _, text in speaker_names(body)] == [
        "its crew had alerted the authorities",
        "the call went unanswered",
    ]


def test_a_region_before_chief_minister_is_the_place_the_title_is_held_in() -> None:
    body = "Madhya Pradesh Chief Minister Ravi Sharma said 2,000 people had been moved to shelters."
    assert "Madhya Pradesh" not in actors(body)
    assert "Madhya Pradesh" in places(body)
    assert actors(body)["Ravi Sharma"]["country"] == "IND"
