"""Failure patterns found by running extraction on stories written for these tests (a port
deal in Ghana, a central bank rate rise in Asia, a mine collapse in Chile, a disputed
election in Africa, a drug approval, a cyberattack on a hospital chain, a U.N. Security
Council vote), each pinned here on sentences of its own.
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


# -- actors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Analysts at Goldman Sachs expect two more cuts this year.", "Goldman Sachs"),
        ("Morgan Stanley raised its forecast for copper on Friday.", "Morgan Stanley"),
        ("Eli Lilly will sell the new pill in Europe from June.", "Eli Lilly"),
        ("Novo Nordisk is testing the drug in a larger trial.", "Novo Nordisk"),
        ("In Spain, the Guardia Civil seized a boat carrying cocaine.", "Guardia Civil"),
        ("The merger was advised by Harlan Securities and a law firm.", "Harlan Securities"),
    ],
)
def test_a_well_known_company_or_force_is_no_person(body: str, name: str) -> None:
    assert actors(body)[name]["actor_type"] != "person"


@pytest.mark.parametrize(
    "body",
    [
        "Four workers were trapped at the Tarsis Norte mine on Friday.",
        "Output fell at the Rio Seco smelter in Chile after a strike.",
    ],
)
def test_a_name_before_mine_or_smelter_is_a_site_not_a_person(body: str) -> None:
    assert all(a["actor_type"] != "person" for a in table(body, "actors"))


def test_an_uncommon_word_opening_a_sentence_before_said_is_an_organisations_name() -> None:
    found = actors("Freight rates rose again. Norvolt said it would cut 1,600 jobs.")
    assert found["Norvolt"]["actor_type"] == "organization"
    # a common noun opening the sentence is no name
    assert "Crews" not in actors("Crews said the fire was out.")


def test_a_company_by_its_head_word_before_a_title_leaves_the_name_its_own_actor() -> None:
    body = (
        "Kofi Marine Shipping Chief Executive Officer Yaw Boateng said fees would rise next year."
    )
    found = actors(body)
    assert found["Yaw Boateng"]["actor_type"] == "person"
    assert found["Kofi Marine Shipping"]["actor_type"] == "organization"
    assert speaker_names(body) == [("Yaw Boateng", "fees would rise next year")]


@pytest.mark.parametrize(
    ("body", "name", "country"),
    [
        ("Bank Indonesia raised its benchmark rate on Wednesday.", "Bank Indonesia", "IDN"),
        ("Bank Negara Malaysia left rates on hold.", "Bank Negara Malaysia", "MYS"),
    ],
)
def test_an_organisation_word_before_a_nations_name_is_that_nations_body(
    body: str, name: str, country: str
) -> None:
    found = actors(body)[name]
    assert (found["actor_type"], found["country"]) == ("organization", country)


@pytest.mark.parametrize(
    ("body", "name"),
    [
        (
            "The Alliance of Small Island States called the pledge too weak.",
            "Alliance of Small Island States",
        ),
        (
            "A report by the Center for the Study of Hate and Extremism counted more attacks.",
            "Center for the Study of Hate and Extremism",
        ),
        (
            "The study was paid for by the National Institute on Aging.",
            "National Institute on Aging",
        ),
        ("Lawmakers from the Popular Front walked out of parliament.", "Popular Front"),
        ("The Serious Fraud Office opened an inquiry into the lender.", "Serious Fraud Office"),
    ],
)
def test_an_organisations_whole_name_is_kept(body: str, name: str) -> None:
    assert name in actors(body)
    # "and" before another name does not join two organisations
    both = "The Bank of England and Barclays both cut their forecasts."
    assert {"Bank of England", "Barclays"} <= set(actors(both))


# -- quotes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "claim"),
    [
        ("The company said profits rose.", "profits rose"),
        ("The ministry said prices fell.", "prices fell"),
    ],
)
def test_a_claim_of_a_subject_and_its_verb_is_long_enough(body: str, claim: str) -> None:
    assert only(table(body, "quotes"))["text"] == claim
    assert not table("The ministry said Monday.", "quotes")


@pytest.mark.parametrize(
    ("body", "first"),
    [
        ("Google and Meta said they would remove the advertisements.", "Google"),
        ("Morgan Stanley and Citigroup said they now expect one more hike.", "Morgan Stanley"),
    ],
)
def test_two_named_subjects_give_the_first_as_the_speaker(body: str, first: str) -> None:
    ((name, _),) = speaker_names(body)
    assert name == first


def test_the_company_is_the_one_the_story_names_most_not_the_last_named() -> None:
    body = (
        "Regulators approved a pill made by Halvern Pharma on Tuesday. Halvern Pharma said it "
        "would cost $900 a month. Osk Therapeutics is testing a similar drug.\n\n"
        "The company said sales would start in June."
    )
    assert speaker_names(body)[-1] == ("Halvern Pharma", "sales would start in June")


def test_the_name_set_off_after_a_role_is_the_speaker_not_the_body_in_the_role() -> None:
    body = "Chad's U.N. ambassador, Idriss Mahamat, said the government would cooperate."
    assert speaker_names(body) == [("Idriss Mahamat", "the government would cooperate")]


def test_a_company_set_off_with_its_owner_is_the_speaker_not_the_owner() -> None:
    body = "Corvant, a security firm owned by Google, said attacks on clinics doubled last year."
    assert speaker_names(body) == [("Corvant", "attacks on clinics doubled last year")]
    body = "TMB Lumen, the Dutch-owned operator of the grain terminal, said it would appeal."
    assert actors(body)["TMB Lumen"]["actor_type"] == "organization"


@pytest.mark.parametrize(
    ("body", "issuer"),
    [
        ("Exports will slow, according to a statement from the central bank.", "central bank"),
        ("According to a report by the labour ministry, jobless claims fell.", "labour ministry"),
    ],
)
def test_according_to_a_document_from_x_is_what_x_said(body: str, issuer: str) -> None:
    ((name, _),) = speaker_names(body)
    assert name == issuer


# -- places -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Meta did not respond to a request for comment.",
        "Meta declined to comment on the report.",
        "Meta did not immediately respond to questions from Reuters.",
        "Meta and Google said they would appeal the ruling.",
    ],
)
def test_a_company_that_answers_a_reporter_is_no_place(body: str) -> None:
    assert actors(body)["Meta"]["actor_type"] == "organization"
    assert "Meta" not in places(body)


def test_a_nation_joined_to_owned_is_not_where_a_site_lies() -> None:
    body = "The firm bought a Singapore-owned terminal at the port of Sines."
    assert all(p["country"] != "SGP" for p in table(body, "locations"))


def test_a_distance_and_a_direction_of_a_city_are_not_a_region_of_it() -> None:
    body = (
        "SANTIAGO, Chile (AP) — The mine lies about 70 kilometers south of Santiago, "
        "officials said."
    )
    assert places(body) == {"Santiago"}
    assert {p["country"] for p in table(body, "locations")} == {"CHL"}
    # "the north of" a country is still a region of it
    assert "northern Iraq" in places("Fighting raged in the north of Iraq.")
