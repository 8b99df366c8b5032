"""Places read in their context: namesakes, admin-2 units, long official names, compass
regions, names that only look like places, possessives, and coordinates on every row.

Every article here is written for the tests; each pins one rule about English news prose.
"""

from __future__ import annotations

from typing import Any

import pytest

from dateline.article import parse_article
from dateline.extract import extract
from dateline.gazetteer import load
from fixtures.articles import by_id, location, rows, table

Row = dict[str, Any]


def places(body: str) -> list[tuple[str, str]]:
    """(text, location_id) of every place mention, in text order."""
    ms = sorted(rows(body)["mentions"], key=lambda m: m["char_start"])
    return [(m["text"], m["entity_id"]) for m in ms if m["entity_table"] == "locations"]


def place_of(body: str, text: str) -> str:
    """The location_id of the one place mention written ``text``."""
    found = {i for t, i in places(body) if t == text}
    assert len(found) == 1, places(body)
    return found.pop()


def headed(body: str, **header: str) -> dict[str, list[Row]]:
    """Rows of an article with front matter (dateline, publisher ...)."""
    front = "".join(f"{k}: {v}\n" for k, v in {"date": "2024-03-06", **header}.items())
    text = f"---\n{front}---\n{body}"
    art = parse_article(text, doc_id="t2", where="t2.txt", seed_path="seeds/t2.txt")
    return extract(art).rows


# --------------------------------------------------------------------------- namesakes


def test_a_state_named_in_the_story_picks_the_local_namesake() -> None:
    body = "Flu cases rose in Illinois this week. Springfield hospitals added beds."
    springfield = by_id(body, "locations", "location_id")[place_of(body, "Springfield")]
    assert springfield["admin1"] == "US-IL"


def test_without_context_the_best_known_place_wins() -> None:
    body = "Tourists returned to Athens after the strike."
    assert by_id(body, "locations", "location_id")[place_of(body, "Athens")]["country"] == "GRC"


def test_a_county_is_read_in_the_state_of_the_story() -> None:
    body = "Ducks in Fulton County tested positive, officials in Illinois said."
    assert location(body, place_of(body, "Fulton County"))["admin1"] == "US-IL"


def test_the_publisher_and_dateline_set_the_scene() -> None:
    body = "DUBLIN — The school board met on Tuesday to discuss the new bus routes."
    found = headed(body, dateline="DUBLIN, Ohio", publisher="The Columbus Dispatch")
    dublin = [r for r in found["locations"] if r["name"] == "Dublin"]
    assert dublin and all(r["country"] == "USA" for r in dublin)


def test_a_country_name_listed_with_states_is_the_state() -> None:
    body = "Cases were confirmed in Texas, Georgia, Oklahoma and Ohio."
    assert place_of(body, "Georgia") == "iso3166-2:US-GA"
    assert place_of(body, "Oklahoma") == "iso3166-2:US-OK"  # the state, not Oklahoma City


def test_georgia_is_the_country_in_a_story_on_the_caucasus() -> None:
    body = "Armenia and Azerbaijan sent envoys to talks in Georgia."
    assert place_of(body, "Georgia") == "iso3166:GEO"


def test_the_state_of_washington() -> None:
    body = "The first case was found in the state of Washington in December."
    assert place_of(body, "Washington") == "iso3166-2:US-WA"


def test_a_name_before_a_governor_is_the_state() -> None:
    body = "New York Governor Ada Brill signed the order. The New York Mayor objected."
    assert [i for t, i in places(body)] == ["iso3166-2:US-NY", "geonames:5128581"]


def test_a_town_qualified_by_a_state_is_in_that_state() -> None:
    body = "A clinic in Midland, Michigan, closed its doors."
    midland = location(body, place_of(body, "Midland"))
    assert (midland["country"], midland["admin1"]) == ("USA", "US-MI")


# --------------------------------------------------------------------------- admin-2 units


def test_us_county_is_a_place_with_coordinates() -> None:
    body = "Heavy rain flooded roads across Harris County, Texas, on Monday."
    county = location(body, place_of(body, "Harris County"))
    assert (county["location_type"], county["admin1"]) == ("admin2", "US-TX")
    assert 29 < county["latitude"] < 31 and -96.5 < county["longitude"] < -94.5


def test_uk_county_is_a_place_with_coordinates() -> None:
    body = "Cattle on a farm in Surrey were tested for the virus."
    county = location(body, place_of(body, "Surrey"))
    assert (county["country"], county["location_type"]) == ("GBR", "admin2")
    assert 51 < county["latitude"] < 51.5


def test_county_with_a_possessive_in_its_name() -> None:
    body = "Farmers in Queen Anne's County reported sick birds."
    assert location(body, place_of(body, "Queen Anne's County"))["location_type"] == "admin2"
    assert not any(r["actor_type"] == "person" for r in table(body, "actors"))


def test_a_bare_city_name_is_never_its_county() -> None:
    gaz = load()
    assert all(p.location_type != "admin2" for p in gaz.lookup("Dallas"))
    assert {p.admin1 for p in gaz.lookup("Dallas County")} >= {"US-TX", "US-IA"}


# --------------------------------------------------------------------------- long names


def test_long_official_name_is_not_read_through_a_shorter_one() -> None:
    body = "Officials in the People's Republic of China confirmed the case."
    assert places(body) == [("People's Republic of China", "iso3166:CHN")]


def test_a_place_named_after_a_person_is_the_place() -> None:
    body = "Ferries to Prince Edward Island were cancelled."
    assert not any(r["actor_type"] == "person" for r in table(body, "actors"))


# --------------------------------------------------------------------------- compass regions


def test_compass_region_of_a_named_area_stays_in_that_area() -> None:
    body = "Flooding hit the South East of England on Tuesday."
    region = next(r for r in table(body, "locations") if r["location_type"] == "region")
    assert (region["country"], region["location_type"]) == ("GBR", "region")
    assert 50 < region["latitude"] < 54 and -3 < region["longitude"] < 2


def test_a_district_called_by_a_compass_name_needs_its_country() -> None:
    body = "Schools in the South East reopened on Monday."
    assert not any(r["country"] == "BWA" for r in table(body, "locations"))


def test_a_compass_district_of_an_area_is_a_part_of_that_area() -> None:
    """ "the Northern District of Texas" (a federal court district) and "the Central District"
    after it are parts of Texas and California, not Botswana's districts of those names."""
    body = (
        "Maria Soto, the U.S. attorney for the Northern District of Texas, said the case was "
        "closed. The Central District of California filed charges on Friday."
    )
    rows = table(body, "locations")
    assert not any(r["country"] == "BWA" for r in rows)
    regions = {r["name"]: r["country"] for r in rows if r["location_type"] == "region"}
    assert regions == {"northern Texas": "USA", "central California": "USA"}


def only_location(body: str) -> Row:
    found = table(body, "locations")
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- not places


def test_place_named_given_name_before_a_surname_is_a_person() -> None:
    body = "Jordan Smith, a farmer, said the herd was healthy."
    assert places(body) == []
    assert "jordan-smith" in by_id(body, "actors", "actor_id")


def test_given_name_after_a_title_is_a_person() -> None:
    body = "Queen Elizabeth opened the new hospital wing."
    assert places(body) == []


@pytest.mark.parametrize(
    "body",
    [
        "A Jersey cow on a farm in Iowa was found to be sick.",
        "The Labrador retriever was adopted by a family in Ohio.",
    ],
)
def test_breed_named_after_a_far_place_is_not_a_place(body: str) -> None:
    assert {i for _, i in places(body)} <= {"iso3166-2:US-IA", "iso3166-2:US-OH"}


def test_horse_from_a_town_of_the_story_is_from_that_town() -> None:
    body = "A Dubbo horse tested positive, officials in New South Wales said."
    assert ("Dubbo", place_of(body, "Dubbo")) in places(body)


@pytest.mark.parametrize("disease", ["Marburg virus", "Lyme disease", "West Nile virus"])
def test_disease_named_after_a_place_is_not_a_place(disease: str) -> None:
    body = f"Doctors in Uganda are watching for {disease} in the region."
    assert [t for t, _ in places(body)] == ["Uganda"]


# --------------------------------------------------------------------------- possessives


def test_possessive_is_the_same_place_with_coordinates() -> None:
    body = "Kenya's health ministry said the outbreak in Kenya was spreading to Nairobi's slums."
    assert places(body) == [
        ("Kenya", "iso3166:KEN"),
        ("Kenya", "iso3166:KEN"),
        ("Nairobi", "geonames:184745"),
    ]


def test_possessive_of_a_word_like_city_name() -> None:
    body = "He flew to Libya to help Tripoli's recovery."
    assert place_of(body, "Tripoli") == "geonames:2210247"


# --------------------------------------------------------------------------- coordinates


@pytest.mark.parametrize(
    "body",
    [
        "Soldiers returned to Camp Harlow near the Syrian border.",
        "The convoy stopped in Vermillion, South Dakota, overnight.",
        "Schools near Zumar in Iraq reopened.",
        "Soldiers returned to Camp Harlow near the border.",
    ],
)
def test_every_location_row_has_coordinates(body: str) -> None:
    for row in table(body, "locations"):
        assert row["latitude"] is not None and row["longitude"] is not None, row
        assert row["geo_precision"], row


def test_site_stands_at_its_area_with_that_precision() -> None:
    body = "The convoy stopped in Vorlan Springs, South Dakota, overnight."  # no such town
    site = location(body, "site:vorlan-springs")
    area = location(body, "iso3166-2:US-SD")
    assert (site["latitude"], site["longitude"]) == (area["latitude"], area["longitude"])
    assert (site["location_type"], site["geo_precision"]) == ("site", "admin1")


def test_site_no_area_holds_is_no_location() -> None:
    body = "Soldiers returned to Camp Harlow near the border."
    assert table(body, "locations") == []


# --------------------------------------------------------------------------- towns


def test_small_town_after_a_locative_word_is_the_town() -> None:
    body = "Floodwaters reached Innisfail in far north Queensland."
    town = location(body, place_of(body, "Innisfail"))
    assert (town["location_type"], town["admin1"]) == ("city", "AU-QLD")


def test_town_in_a_named_country_lies_in_that_country() -> None:
    body = "Archaeologists restored a gate at the ancient city of Babylon in Iraq."
    assert location(body, place_of(body, "Babylon"))["country"] == "IRQ"


def test_a_town_does_not_veto_a_name_after_a_title() -> None:
    body = "Professor Eastman said the samples were clean."
    assert places(body) == []


# ------------------------------------------------ places named inside actors' names and roles


@pytest.mark.parametrize(
    ("body", "text", "location_id"),
    [
        ("The Kenyan Army said the Ugandan Army crossed into the camp.", None, None),
        ("The U.S. Navy sent a hospital ship to the port.", "U.S.", "iso3166:USA"),
        ("The government of Peru has closed its schools.", "Peru", "iso3166:PER"),
        ("Canadian officials met Norway health officials on Monday.", "Norway", "iso3166:NOR"),
        ("The prime minister of Ireland, Mary Doyle, spoke first.", "Ireland", "iso3166:IRL"),
        ("Ontario Premier Maria Kowalski closed the beaches.", "Ontario", "iso3166-2:CA-ON"),
    ],
)
def test_an_actor_keeps_the_place_its_name_or_role_names(
    body: str, text: str | None, location_id: str | None
) -> None:
    found = places(body)
    if text is None:
        assert found == []  # a demonym ("Kenyan") names no place
    else:
        assert (text, location_id) in found
        assert any(m["entity_table"] == "actors" for m in rows(body)["mentions"])


def test_a_person_s_own_name_is_not_searched_for_places() -> None:
    body = "Team captain Chad Morris scored twice in the second half."
    assert places(body) == []


def test_a_city_in_a_role_counts_only_after_of() -> None:
    assert ("Denver", "geonames:5419384") in places("The Mayor of Denver, Ann Lee, spoke.")
    assert places("The Washington Post reported the fire.") == []


# ------------------------------------------------------------ a list of names is one phrase


def test_every_country_of_a_list_after_a_preposition_is_a_place() -> None:
    body = "The outbreak reached Spain after Portugal, Morocco, Algeria and Tunisia."
    assert [t for t, _ in places(body)] == ["Spain", "Portugal", "Morocco", "Algeria", "Tunisia"]


def test_a_list_with_a_long_official_name_stays_one_list() -> None:
    body = "Refugees came from Burundi, the Democratic Republic of the Congo and Tanzania."
    assert [t for t, _ in places(body)] == [
        "Burundi",
        "Democratic Republic of the Congo",
        "Tanzania",
    ]


def test_a_list_of_countries_before_a_verb_are_governments() -> None:
    body = "Norway and Denmark have pledged more aid to the region."
    assert places(body) == []
    ids = {m["entity_id"] for m in rows(body)["mentions"] if m["entity_table"] == "actors"}
    assert {"nor-government", "dnk-government"} <= ids


def test_a_compass_region_names_its_country_too() -> None:
    found = places("Floods hit northern Chile and the east of Bolivia on Sunday.")
    assert ("northern Chile", "region:CHL:north") in found
    assert ("Chile", "iso3166:CHL") in found
    assert ("Bolivia", "iso3166:BOL") in found


def test_a_name_after_a_place_noun_and_of_is_a_place() -> None:
    # "acapulco" is also an English dictionary word: "the resort of" makes it the city
    body = "Gunmen attacked a bar in the beach resort of Acapulco on Friday."
    assert location(body, place_of(body, "Acapulco"))["country"] == "MEX"


def test_kenya_s_former_provinces_and_indonesia_s_islands_are_places() -> None:
    body = "Cholera spread in Nyanza Province, Kenya, and on the island of Sumatra."
    nyanza = location(body, place_of(body, "Nyanza Province"))
    assert (nyanza["country"], nyanza["location_type"]) == ("KEN", "region")
    assert location(body, place_of(body, "Sumatra"))["country"] == "IDN"


def test_a_name_before_a_lower_case_unit_word_is_that_unit() -> None:
    body = "Police in Iraq said the bombs were made in the Karrada district of the capital."
    assert place_of(body, "Karrada").startswith("site:")
    assert places("The Xinhua state news agency reported the floods.") == []


def test_names_listed_after_a_plural_unit_word_are_units_of_that_kind() -> None:
    body = (
        "Kenya counted new cholera cases this week. Most were in the provinces of Nyanza, "
        "North Eastern and Western."
    )
    assert place_of(body, "North Eastern") == "curated:kenya-north-eastern-province"
    assert place_of(body, "Western") == "curated:kenya-western-province"
    counties = "Schools closed in the counties of Fulton and Cobb on Monday."
    assert location(counties, place_of(counties, "Cobb"))["location_type"] == "admin2"
    shires = "Rain fell across the counties of Essex and Norfolk overnight."
    assert location(shires, place_of(shires, "Essex"))["country"] == "GBR"
    # a country after "of" holds the units; a list after a word that is no unit keeps its
    # usual reading
    assert place_of("Fires hit the counties of Chile.", "Chile") == "iso3166:CHL"
    assert places("The departments of Justice and Defense met on Tuesday.") == []


def test_names_a_plural_place_noun_and_a_colon_announce_are_places() -> None:
    body = "Officials in Zambia said the flu had reached four villages: Ntoki, Lubaro and Mwalo."
    assert place_of(body, "Ntoki").startswith("site:")
    assert place_of(body, "Mwalo").startswith("site:")


def test_a_name_before_area_is_the_place_the_area_lies_around() -> None:
    body = "Floods hit Queensland on Monday. Crews began rebuilding the Innisfail area."
    assert location(body, place_of(body, "Innisfail"))["country"] == "AUS"
    assert places("The Microsoft area manager quit.") == []


def test_a_site_lies_in_the_country_its_sentence_names() -> None:
    body = (
        "China reported bird flu on Monday. Romania confirmed another outbreak in the "
        "Kolvara Marsh area."
    )
    assert location(body, place_of(body, "Kolvara Marsh"))["country"] == "ROU"


def test_a_countrys_district_before_a_title_is_part_of_the_office() -> None:
    body = "U.S. District Judge Amy Lorne ruled on Friday that the county must reopen the office."
    names = [loc["name"] for loc in table(body, "locations")]
    assert names == ["United States"]


def test_a_site_named_after_a_town_lies_in_that_town() -> None:
    body = (
        "HALIFAX, Nova Scotia — Two patients were moved to Halifax Infirmary Hospital on "
        "Tuesday, officials said."
    )
    sites = {loc["name"]: loc for loc in table(body, "locations") if loc["location_type"] == "site"}
    site = sites["Halifax Infirmary Hospital"]
    halifax = location(body, place_of(body, "HALIFAX"))
    assert (site["latitude"], site["longitude"]) == (halifax["latitude"], halifax["longitude"])
    assert site["geo_precision"] == "city"


def test_a_site_opening_with_a_big_city_of_the_story_lies_in_that_city() -> None:
    """ "the Kazan Arena": in Kazan (Russia), though the sentence names two other countries."""
    body = (
        "The World Cup in Russia went on. Iceland faced Peru at the Kazan Arena on Sunday, "
        "officials said."
    )
    sites = {loc["name"]: loc for loc in table(body, "locations") if loc["location_type"] == "site"}
    assert sites["Kazan Arena"]["country"] == "RUS"


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Egypt reported a new H5N1 case in Cairo on Monday.", "H5N1"),
        ("Kenya pledged US$ 2 million in aid to Uganda on Monday.", "US$"),
        ("Yesterday, Chile's president toured the port.", "Yesterday"),
    ],
)
def test_a_code_a_currency_or_a_common_word_is_no_site(body: str, name: str) -> None:
    assert name not in {loc["name"] for loc in table(body, "locations")}


def test_a_town_qualified_by_a_direction_and_a_country_lies_in_that_country() -> None:
    """ "Kafr Nabl, northern Syria": in Syria, though Russia is named first."""
    body = "Russia denied that its jets hit a school in Deir al-Bahr, northern Syria, on Monday."
    sites = {loc["name"]: loc for loc in table(body, "locations") if loc["location_type"] == "site"}
    assert sites["Deir al-Bahr"]["country"] == "SYR"


def test_a_name_after_in_qualified_by_a_town_is_a_site_in_that_town() -> None:
    """ "in Orlando East, Soweto": a suburb of Soweto, though "Orlando" is a given name; not
    an organisation qualified by its campus ("the University of Ohio, Dayton")."""
    body = (
        "JOHANNESBURG, South Africa — Two men were shot dead in Orlando East, Soweto, on "
        "Friday. A doctor at the University of Limpopo, Polokwane, treated them."
    )
    places = {loc["name"]: loc for loc in table(body, "locations")}
    assert places["Orlando East"]["location_type"] == "site"
    assert places["Orlando East"]["latitude"] == places["Soweto"]["latitude"]
    assert "Orlando East" not in {a["name"] for a in table(body, "actors")}
    assert "University of Limpopo" not in places


def test_a_river_or_a_mountain_range_is_no_person() -> None:
    """ "the Indus River", "the Ural Mountains": no actor (and, with no point, no location);
    a surname such as "Rivers" stays a person's."""
    body = (
        "Floods along the Indus River killed 12 people near the Ural Mountains, officials "
        "said. Coach Tom Rivers said the match would go ahead."
    )
    names = {a["name"] for a in table(body, "actors")}
    assert "Indus River" not in names and "Ural Mountains" not in names
    assert "Tom Rivers" in names


def test_a_site_said_to_be_in_a_town_lies_in_that_town() -> None:
    body = "Flights were halted at Oliver Tambo Airport in Johannesburg on Sunday, police said."
    sites = {loc["name"]: loc for loc in table(body, "locations") if loc["location_type"] == "site"}
    site = sites["Oliver Tambo Airport"]
    town = location(body, place_of(body, "Johannesburg"))
    assert (site["latitude"], site["longitude"], site["geo_precision"]) == (
        town["latitude"],
        town["longitude"],
        "city",
    )


@pytest.mark.parametrize(
    ("body", "surname"),
    [
        ("Protesters marched to John F. Kennedy Airport in New York on Friday.", "Kennedy"),
        ("Students at George Washington University held a vigil on Friday.", "George"),
    ],
)
def test_a_town_sharing_a_persons_name_inside_a_site_is_no_place(body: str, surname: str) -> None:
    assert surname not in {text for text, _ in places(body)}
    assert surname not in {loc["name"] for loc in table(body, "locations")}


@pytest.mark.parametrize(
    "body",
    [
        "Canada said on Monday that it would open an inquiry into European timber imports.",
        "Chile responded by opening an inquiry into Asian coffee exports on Monday.",
    ],
)
def test_an_adjective_made_from_a_name_before_a_noun_is_no_place(body: str) -> None:
    assert all(loc["location_type"] != "site" for loc in table(body, "locations"))


@pytest.mark.parametrize("dateline", ["SPRINGFIELD, Ill.", "SPRINGFIELD, Illinois"])
def test_a_body_dateline_with_its_state_picks_the_local_namesake(dateline: str) -> None:
    body = f"{dateline} — The city council voted on Tuesday to close two libraries in Springfield."
    found = headed(body)
    springfield = [r for r in found["locations"] if r["name"] == "Springfield"]
    assert springfield and all(r["admin1"] == "US-IL" for r in springfield)
