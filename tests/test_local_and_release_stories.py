"""Failure patterns found by running extraction on stories written for these tests (a Senate
vote, a state attorney general's release, a school board meeting, a bus crash abroad, a city
police report, a WHO release, an Indian state election, a private Moon landing), each pinned
here on sentences of its own.
"""

from __future__ import annotations

import pytest

from fixtures.articles import actors_by_name as actors
from fixtures.articles import article, mentions_of, quotes, speaker, table
from fixtures.articles import place_names as places


def places_typed(body: str) -> dict[str, tuple[str, str | None]]:
    return {p["name"]: (p["location_type"], p["country"]) for p in table(body, "locations")}


# -- actors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "name", "party"),
    [
        (
            "Sen. Maria Velez, D-Ariz., voted against the bill.",
            "Maria Velez",
            "usa-democratic-party",
        ),
        (
            "Rep. Tom Hale (R-Texas) said the plan was too costly.",
            "Tom Hale",
            "usa-republican-party",
        ),
        (
            "The bill was opposed by Rep. Lena Ortiz, D-New Mexico, on Friday.",
            "Lena Ortiz",
            "usa-democratic-party",
        ),
        ("Sen. Paul Grady, I-Maine, abstained.", "Paul Grady", None),
    ],
)
def test_a_party_label_after_a_name_gives_the_party_and_the_country(
    body: str, name: str, party: str | None
) -> None:
    person = actors(body)[name]
    assert person["country"] == "USA"
    assert person["affiliation_id"] == party


def test_a_letter_and_hyphen_before_no_us_state_is_no_party_label() -> None:
    assert actors("Engineer Ana Ruiz, B-Team lead, fixed the fault.")["Ana Ruiz"]["country"] is None


@pytest.mark.parametrize(
    ("body", "name", "country"),
    [
        ("Ohio Attorney General Dan Reyes announced a settlement on Monday.", "Dan Reyes", "USA"),
        ("Fairfield County Commissioner Joan Pike said the road would reopen.", "Joan Pike", "USA"),
        ("Federal Minister Bill Carter toured the flooded towns.", "Bill Carter", None),
    ],
)
def test_an_area_before_or_inside_a_title_gives_the_holders_country(
    body: str, name: str, country: str | None
) -> None:
    assert actors(body)[name]["country"] == country


def test_georgia_before_a_governors_title_is_the_us_state_in_a_story_from_atlanta() -> None:
    body = "ATLANTA — Georgia Gov. Ray Tolbert signed the budget. He spoke in Georgia's capital."
    assert actors(body)["Ray Tolbert"]["country"] == "USA"
    assert places_typed(body)["Georgia"] == ("admin1", "USA")


def test_georgia_before_a_ministers_title_is_the_country_in_a_story_from_tbilisi() -> None:
    body = "TBILISI — Georgia Foreign Minister Nino Beridze met envoys on Monday."
    assert actors(body)["Nino Beridze"]["country"] == "GEO"


@pytest.mark.parametrize(
    ("body", "name", "country"),
    [
        (
            "Researchers at the University of Nebraska said the test worked.",
            "University of Nebraska",
            "USA",
        ),
        ("The Kenya Wildlife Trust said the herd had grown.", "Kenya Wildlife Trust", "KEN"),
        (
            "The study appeared in the New England Journal of Medicine.",
            "New England Journal of Medicine",
            None,
        ),
    ],
)
def test_an_area_named_in_an_organisations_name_gives_its_country(
    body: str, name: str, country: str | None
) -> None:
    assert actors(body)[name]["country"] == country


def test_a_city_in_an_organisations_name_gives_no_country_through_a_namesake_area() -> None:
    body = "Scientists at the University of Leeds and University of Manchester wrote the paper."
    assert all(a["country"] != "JAM" for a in table(body, "actors"))


def test_a_business_word_ends_a_companys_name() -> None:
    body = "Brennan Medical Supply agreed to pay the fine, the company said in a statement."
    company = actors(body)["Brennan Medical Supply"]
    assert (company["actor_type"], company["sector"]) == ("organization", "BUS")


def test_a_chain_whose_name_ends_in_mart_is_the_company_that_speaks() -> None:
    body = "TORONTO — Maple Drug Mart will close 40 stores next year, the company said on Tuesday."
    company = actors(body)["Maple Drug Mart"]
    assert (company["actor_type"], company["sector"]) == ("organization", "BUS")
    assert speaker(body)["name"] == "Maple Drug Mart"


def test_a_party_name_ending_in_dal_is_an_organisation() -> None:
    party = actors("The Rashtriya Lok Dal said it would contest every seat.")["Rashtriya Lok Dal"]
    assert (party["actor_type"], party["sector"]) == ("organization", "PTY")


def test_congress_before_a_title_in_a_story_on_india_is_not_the_us_congress() -> None:
    body = "NEW DELHI — Congress leader Arjun Mehta said the party would study the results."
    assert "United States Congress" not in actors(body)
    assert actors(body)["Arjun Mehta"]["country"] != "USA"


def test_a_body_named_without_its_country_after_being_named_with_it_is_the_same_body() -> None:
    body = (
        "The Election Commission of Kenya counted the votes. Turnout was high, the Election "
        "Commission said."
    )
    assert "Election Commission" not in actors(body)
    (quote,) = table(body, "quotes")
    assert quote["speaker_id"] == actors(body)["Election Commission of Kenya"]["actor_id"]


def test_bare_police_in_a_story_on_a_city_force_are_that_force() -> None:
    body = (
        "A 40-year-old man was arrested after a robbery on Friday, police said. The Dayton "
        "Police Department said officers found a handgun in his car."
    )
    force = actors(body)["Dayton Police Department"]
    assert "American police" not in actors(body)
    assert ("police", "nominal") in mentions_of(body, force["actor_id"]) or any(
        q["speaker_id"] == force["actor_id"] and q["speaker_text"] == "police"
        for q in table(body, "quotes")
    )


def test_the_moon_is_no_person_and_no_place() -> None:
    body = "A lander built by a Japanese firm touched down on the Moon on Friday."
    assert "Moon" not in actors(body)
    assert "Moon" not in places(body)


# -- places -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    ["Lawmakers want the bills passed before Christmas.", "The market reopened after Easter."],
)
def test_a_holiday_is_no_place(body: str) -> None:
    assert places(body) == set()


def test_a_holiday_with_a_qualifier_is_a_place() -> None:
    assert places_typed("A storm hit Christmas, Florida, on Monday.")["Christmas"] == (
        "city",
        "USA",
    )


def test_names_listed_before_a_plural_unit_word_are_units_of_that_kind() -> None:
    body = "Flooding closed roads in Dallas and Tarrant counties in Texas on Sunday."
    found = places_typed(body)
    assert found["Dallas County"] == ("admin2", "USA")
    assert found["Tarrant County"] == ("admin2", "USA")


def test_a_county_only_one_state_has_sets_a_namesake_town_in_that_state() -> None:
    body = "A shooting in Springfield left one man hurt. Sangamon County prosecutors filed charges."
    springfield = next(p for p in table(body, "locations") if p["name"] == "Springfield")
    assert springfield["admin1"] == "US-IL"


def test_a_datelines_famous_city_sets_the_area_of_an_ambiguous_name() -> None:
    assert places_typed("ATLANTA — Storms hit Georgia overnight.")["Georgia"] == ("admin1", "USA")


def test_a_state_that_a_smaller_city_names_too_is_the_state() -> None:
    body = "Voters in Bihar chose a new assembly. Turnout in Bihar was the highest ever."
    assert places_typed(body)["Bihar"] == ("admin1", "IND")


def test_a_site_with_no_town_of_its_own_lies_in_the_storys_one_town() -> None:
    body = (
        "A man was shot in Dayton on Friday. He was taken to Grandview Medical Center, and "
        "officers searched a house on North Ninth Street."
    )
    dayton = next(p for p in table(body, "locations") if p["name"] == "Dayton")
    for name in ("Grandview Medical Center", "North Ninth Street"):
        site = next(p for p in table(body, "locations") if p["name"] == name)
        assert (site["latitude"], site["longitude"]) == (dayton["latitude"], dayton["longitude"])


def test_a_release_dateline_names_each_city_of_its_offices() -> None:
    body = "Geneva/Nairobi, 4 May 2026 – The agency said the outbreak was over."
    assert article(body).dateline == "Geneva/Nairobi"
    assert {"Geneva", "Nairobi"} <= places(body)


# -- quotes -----------------------------------------------------------------------------------


def test_a_quotation_after_to_of_a_cue_that_takes_an_infinitive_is_the_speakers() -> None:
    body = 'Mayor Lisa Tran urged residents to "stay off the roads until the ice melts."'
    assert speaker(body)["name"] == "Lisa Tran"


def test_a_parenthetical_cue_before_and_reports_the_clause_before_it() -> None:
    body = (
        "Superintendent Carl Voss spoke first. Nearby districts cut the week to four days, he "
        "said, and several teachers left for those jobs."
    )
    assert quotes(body) == [("he", "said", "Nearby districts cut the week to four days")]


def test_connectors_of_spanish_names_join_the_name() -> None:
    assert "Banco del Sur" in actors("Banco del Sur said it would lend the money.")


# -- a federal release, a UK planning row, a Nigerian attack, an earnings report ---------------


def test_a_tenure_word_before_a_title_belongs_to_the_role() -> None:
    body = '"We will act," said Acting Assistant Attorney General Rosa Dunn of the department.'
    person = actors(body)["Rosa Dunn"]
    assert (person["role"], person["sector"]) == ("Acting Assistant Attorney General", "JUD")
    assert speaker(body)["name"] == "Rosa Dunn"


def test_a_name_set_off_after_a_source_with_a_phrase_naming_a_body_is_that_source() -> None:
    body = "A spokesman for the state police command, Musa Bello, said six suspects were held."
    assert speaker(body)["name"] == "Musa Bello"
    assert actors(body)["Musa Bello"]["role"] == "spokesman"


def test_a_town_and_a_compass_word_name_a_ward_not_a_person() -> None:
    body = (
        "HARROGATE, England — Councillor Ann Pike, who represents Harrogate West, said the "
        "plan was wrong. She told the council that the roads were full."
    )
    assert "Harrogate West" not in actors(body)
    assert [q["speaker_id"] for q in table(body, "quotes")] == ["ann-pike", "ann-pike"]


def test_a_title_before_a_name_and_of_leaves_the_employer_out_of_the_name() -> None:
    assert "Rupa Shah" in actors("Analyst Rupa Shah of Oppenheimer said the results were strong.")


# -- a protest in Belgrade, a wildfire in Oregon ----------------------------------------------


def test_particles_inside_a_name_join_it_and_open_its_surname() -> None:
    body = (
        "Commission President Ursula von der Leyen said the deal was fair. Von der Leyen added "
        "that talks would go on."
    )
    person = actors(body)["Ursula von der Leyen"]
    assert person["role"].endswith("President")
    assert {q["speaker_id"] for q in table(body, "quotes")} == {person["actor_id"]}


def test_a_state_body_named_without_its_country_is_of_the_storys_one_country() -> None:
    body = "Protesters marched in Belgrade, Serbia. The Interior Ministry said 56 people were hurt."
    assert actors(body)["Interior Ministry"]["country"] == "SRB"


def test_balkan_is_no_province_of_turkmenistan() -> None:
    body = "BELGRADE, Serbia (Balkan Wire) — The Interior Ministry said 56 people were hurt."
    assert actors(body)["Interior Ministry"]["country"] == "SRB"
    assert "Balkan" not in places(body)


def test_a_commission_of_the_state_named_without_its_country_is_of_the_storys_country() -> None:
    body = "NAIROBI, Kenya — The Ethics and Anti-Corruption Commission welcomed the ruling."
    assert actors(body)["Ethics and Anti-Corruption Commission"]["country"] == "KEN"


def test_a_coalition_command_in_a_one_country_story_gets_no_country_from_it() -> None:
    body = "MOSUL, Iraq — The Combined Joint Forces Land Component Command delivered gas masks."
    assert actors(body)["Combined Joint Forces Land Component Command"]["country"] != "IRQ"


# -- a State Department readout, a hostage release ---------------------------------------------


def test_a_title_and_a_surname_name_the_earlier_holder() -> None:
    body = (
        "Secretary of State Dana Whitfield met the envoy today. Secretary Whitfield thanked "
        "him for his help."
    )
    assert set(actors(body)) == {"Dana Whitfield"}


def test_a_persons_office_speaks_for_the_person() -> None:
    body = "Prime Minister Lena Haddad's office said the prisoners would be freed on Sunday."
    assert speaker(body)["name"] == "Lena Haddad"


def test_an_institution_after_a_places_possessive_is_of_that_places_country() -> None:
    body = "Troops left Gaza on Monday. Gaza's health ministry said 46 people had been killed."
    assert speaker(body)["country"] == "PSE"
