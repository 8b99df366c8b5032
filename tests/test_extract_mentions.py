"""Segmentation, actors and places on short sentences written for the tests.

Each test pins one rule family of ``dateline.extract`` (segment, mentions, entities) on an
article whose right answer is obvious. Articles are dated 2024-03-06 and have the doc id
``t1`` (see ``fixtures/articles.py``).
"""

from __future__ import annotations

import pytest

from dateline.extract.resources import Resources
from dateline.extract.segment import segment
from fixtures.articles import (
    DOC_ID,
    actor,
    article,
    by_id,
    location,
    mentions_of,
    only,
    rows,
    table,
)


def sentences(body: str) -> list[str]:
    return [s.span.text for s in segment(article(body), Resources.default()).sentences]


# --------------------------------------------------------------------------- segmentation


def test_blank_lines_separate_paragraphs_and_sentences_keep_their_paragraph() -> None:
    body = "The river rose overnight. Crews closed the bridge.\n\nSchools stayed open."
    seg = segment(article(body), Resources.default())
    assert [(p.start, p.end) for p in seg.paragraphs] == [(0, 50), (52, 72)]
    assert [(s.span.text, s.paragraph) for s in seg.sentences] == [
        ("The river rose overnight.", 0),
        ("Crews closed the bridge.", 0),
        ("Schools stayed open.", 1),
    ]


def test_debris_line_is_kept_in_the_body_but_not_read() -> None:
    body = "The ministry said schools would reopen.\n\nRELATED\n\nThe army said roads were clear."
    seg = segment(article(body), Resources.default())
    assert [p.is_debris for p in seg.paragraphs] == [False, True, False]
    assert sentences(body) == [
        "The ministry said schools would reopen.",
        "The army said roads were clear.",
    ]
    related = body.index("RELATED")
    spans = [(r["char_start"], r["char_end"]) for r in table(body, "mentions")]
    spans += [(r["char_start"], r["char_end"]) for r in table(body, "quotes")]
    assert spans and not any(a < related + 7 and related < b for a, b in spans)
    assert [q["sentence_index"] for q in table(body, "quotes")] == [0, 1]


def test_abbreviations_do_not_end_sentences() -> None:
    body = (
        "Gen. Sam Ortiz met Lt. Col. Ana Ruiz at the U.S. Embassy on Monday. "
        "They spoke for an hour."
    )
    assert sentences(body) == [
        "Gen. Sam Ortiz met Lt. Col. Ana Ruiz at the U.S. Embassy on Monday.",
        "They spoke for an hour.",
    ]


def test_an_abbreviation_before_a_capitalised_function_word_ends_the_sentence() -> None:
    body = (
        "Shots rang out shortly after 11 p.m. One witness saw two men run. The bus left at "
        "6 a.m. Friday. Prices rose in the U.S. The bank said so."
    )
    assert sentences(body) == [
        "Shots rang out shortly after 11 p.m.",
        "One witness saw two men run.",
        "The bus left at 6 a.m. Friday.",
        "Prices rose in the U.S.",
        "The bank said so.",
    ]


def test_dateline_is_left_out_of_the_first_sentence() -> None:
    body = "KYIV, Ukraine (AP) — The city council met on Tuesday. It voted to rebuild the school."
    assert sentences(body) == [
        "The city council met on Tuesday.",
        "It voted to rebuild the school.",
    ]
    doc = only(table(body, "documents"))
    assert doc["dateline"] == "KYIV, Ukraine"  # the place and the area after it
    assert doc["dateline_location_id"] == "geonames:703448"
    assert ("KYIV", "dateline") in mentions_of(body, "geonames:703448")


# --------------------------------------------------------------------------- actors


def test_title_and_name_with_a_demonym_give_a_person_with_role_and_country() -> None:
    body = "Turkish Defense Minister Kemal Ardan visited the border on Monday."
    a = actor(body, "kemal-ardan")
    assert (a["name"], a["actor_type"], a["sector"], a["country"], a["role"]) == (
        "Kemal Ardan",
        "person",
        "GOV",
        "TUR",
        "Turkish Defense Minister",
    )
    assert a["is_anonymous"] is False and a["doc_id"] is None
    assert mentions_of(body, "kemal-ardan") == [("Kemal Ardan", "name")]


def test_public_finance_offices_are_titles() -> None:
    """Comptrollers, treasurers, auditors and inspectors general hold roles in local news."""
    body = (
        "State Comptroller Thomas Baird said the audit was complete. Inspector General Rosa "
        "Velez opened an inquiry. The former treasurer, Linda Hart, pleaded guilty."
    )
    roles = {a["name"]: (a["role"], a["sector"]) for a in table(body, "actors")}
    assert roles["Thomas Baird"] == ("State Comptroller", "GOV")
    assert roles["Rosa Velez"] == ("Inspector General", "GOV")
    assert roles["Linda Hart"][0] == "former treasurer"


def test_an_ambiguous_national_name_counts_in_a_story_set_in_that_country_alone() -> None:
    """ "the House of Representatives" is the US House in a story set in the US only; in a
    story set in Nigeria it is not."""
    us = "The House of Representatives passed the farm bill, and farmers in Ohio welcomed it."
    ng = "The House of Representatives passed the budget, and farmers in Kano welcomed it."
    assert "usa-house" in by_id(us, "actors", "actor_id")
    assert "usa-house" not in by_id(ng, "actors", "actor_id")


def test_military_title_gives_the_military_sector() -> None:
    body = "Gen. Sam Ortiz inspected the new runway."
    a = actor(body, "sam-ortiz")
    assert (a["name"], a["role"], a["sector"]) == ("Sam Ortiz", "Gen.", "MIL")


@pytest.mark.parametrize(
    ("body", "name", "kind"),
    [
        (
            "The Lagos Chamber of Commerce said imports fell in March.",
            "Lagos Chamber of Commerce",
            "organization",
        ),
        (
            "The Georgia Association of Realtors said sales rose in March.",
            "Georgia Association of Realtors",
            "organization",
        ),
        (
            "The National Confederation of Bus Owners said fares would rise.",
            "National Confederation of Bus Owners",
            "organization",
        ),
        (
            "Paul Banks, a spokesman for the council, said the road would reopen.",
            "Paul Banks",
            "person",
        ),
    ],
)
def test_an_organisations_head_before_of_types_the_name_and_a_surname_is_no_head(
    body: str, name: str, kind: str
) -> None:
    """ "Chamber", "Association", "Confederation" before "of" head an organisation's name, even
    after a word that is also a given name ("Georgia", "Lagos"); a given name and a surname
    written like a head's plural ("Banks") name a person."""
    found = [(a["name"], a["actor_type"]) for a in table(body, "actors")]
    assert (name, kind) in found


def test_known_actor_and_its_alias_are_one_actor() -> None:
    body = "ISIS claimed the bombing. The Islamic State has lost most of its territory."
    a = actor(body, "islamic-state")
    assert a["name"] == "Islamic State group"
    assert (a["actor_type"], a["sector"], a["wikidata_id"]) == ("armed_group", "REB", "Q2429253")
    assert a["aliases"] == ["ISIS", "Islamic State"]
    assert a["mention_count"] == 2
    assert a["doc_id"] is None


def test_demonym_and_military_noun_give_the_national_military() -> None:
    body = "Turkish troops crossed the border."
    a = actor(body, "tur-military")
    assert (a["actor_type"], a["sector"], a["country"]) == ("military", "MIL", "TUR")
    assert a["affiliation_id"] == "tur-government"
    assert mentions_of(body, "tur-military") == [("Turkish troops", "name")]
    # the parent is written too, so the foreign key resolves, but it was never mentioned
    parent = actor(body, "tur-government")
    assert parent["mention_count"] == 0


def test_demonym_and_government_give_the_national_government() -> None:
    body = "The French government protested."
    a = actor(body, "fra-government")
    assert (a["actor_type"], a["sector"], a["country"]) == ("government", "GOV", "FRA")
    assert mentions_of(body, "fra-government") == [("The French government", "name")]


def test_capital_cities_acting_are_their_governments() -> None:
    body = "Ankara and Athens agreed to resume talks."
    assert mentions_of(body, "tur-government") == [("Ankara", "metonym")]
    assert mentions_of(body, "grc-government") == [("Athens", "metonym")]
    assert actor(body, "grc-government")["aliases"] == ["Athens"]
    assert table(body, "locations") == []


def test_capital_city_after_a_locative_verb_is_a_place() -> None:
    body = "The last troops left Ankara."
    assert "tur-government" not in by_id(body, "actors", "actor_id")
    assert mentions_of(body, "geonames:323786") == [("Ankara", "name")]


def test_anonymous_source_carries_the_reason_and_is_scoped_to_the_document() -> None:
    body = (
        "A senior Egyptian official, who spoke on condition of anonymity because he was not "
        "authorized to brief reporters, said the crossing would reopen."
    )
    a = actor(body, f"{DOC_ID}:senior-egyptian-official")
    assert a["is_anonymous"] is True
    assert a["anonymity_reason"] == "not authorized to brief reporters"
    assert a["doc_id"] == DOC_ID
    assert (a["actor_type"], a["country"]) == ("person", "EGY")
    assert mentions_of(body, a["actor_id"]) == [("A senior Egyptian official", "nominal")]


def test_bare_plural_subject_of_said_is_an_anonymous_group() -> None:
    body = "Officials said the bridge was closed."
    a = actor(body, f"{DOC_ID}:officials")
    assert (a["actor_type"], a["is_anonymous"], a["doc_id"]) == ("group", True, DOC_ID)
    assert mentions_of(body, a["actor_id"]) == [("Officials", "nominal")]


def test_bare_plural_that_is_not_a_subject_of_said_is_no_source() -> None:
    body = "He met officials in Cairo."
    assert table(body, "actors") == []


def test_demonym_source_keeps_its_country() -> None:
    body = "Two Iraqi officials said the talks would resume."
    a = actor(body, f"{DOC_ID}:iraqi-officials")
    assert (a["actor_type"], a["country"], a["is_anonymous"]) == ("group", "IRQ", True)
    assert mentions_of(body, a["actor_id"]) == [("Two Iraqi officials", "nominal")]


def test_surname_later_points_back_to_the_full_name() -> None:
    body = "Turkish Defense Minister Kemal Ardan visited the border. Ardan said the army was ready."
    assert mentions_of(body, "kemal-ardan") == [("Kemal Ardan", "name"), ("Ardan", "name")]
    a = actor(body, "kemal-ardan")
    assert a["aliases"] == ["Ardan"]
    assert a["mention_count"] == 2
    assert "ardan" not in by_id(body, "actors", "actor_id")


def test_definite_description_points_back_to_the_earlier_holder_of_the_title() -> None:
    body = "Health Minister Lina Farouk arrived in Cairo. The minister said supplies were short."
    assert mentions_of(body, "lina-farouk") == [
        ("Lina Farouk", "name"),
        ("The minister", "nominal"),
    ]
    assert [a["actor_id"] for a in table(body, "actors")] == ["lina-farouk"]


def test_ordinal_unit_name_is_one_military_unit() -> None:
    body = "Airmen of the 158th Fighter Wing arrived on Monday."
    a = only(table(body, "actors"))
    assert (a["name"], a["actor_type"]) == ("158th Fighter Wing", "military")


def test_acronym_in_brackets_names_the_entity_before_it() -> None:
    body = "The Joint Border Authority (JBA) closed the crossing. Later, JBA officials reopened it."
    assert mentions_of(body, "joint-border-authority") == [
        ("Joint Border Authority", "name"),
        ("JBA", "name"),
        ("JBA", "name"),
    ]


def test_a_lone_acronym_names_nothing() -> None:
    body = "Crews cleared an IED near the road."
    assert table(body, "actors") == []


def test_person_name_stops_before_of_and_an_affiliation() -> None:
    body = "She met musician Nick Rhodes of Duran Duran."
    assert mentions_of(body, "nick-rhodes") == [("Nick Rhodes", "name")]


def test_cue_word_after_a_demonym_is_a_noun() -> None:
    body = "Rebels shelled the town on Monday, Syrian state media said."
    q = only(table(body, "quotes"))
    assert (q["cue"], q["speaker_text"]) == ("said", "Syrian state media")
    assert "syrian" not in by_id(body, "actors", "actor_id")
    body = "Rebels shelled the town on Monday, Syrian reports said."
    assert [q["cue"] for q in table(body, "quotes")] == ["said"]


def test_title_carries_over_its_jurisdiction() -> None:
    body = "Governor of Ohio Jane Moreau signed the bill."
    a = only(table(body, "actors"))
    assert (a["name"], a["actor_type"]) == ("Jane Moreau", "person")


def test_title_carries_over_for_and_a_region() -> None:
    body = "The Minister for the Middle East Jo Hale arrived in Cairo."
    assert only(table(body, "actors"))["name"] == "Jo Hale"


def test_name_opening_with_a_place_is_not_a_person() -> None:
    body = "The Toronto Lantern Festival drew crowds."
    assert table(body, "actors") == []
    assert [p["name"] for p in table(body, "locations")] == ["Toronto"]
    person = only(table("Berlin Hadley wrote the report.", "actors"))  # a given name first
    assert (person["name"], person["actor_type"]) == ("Berlin Hadley", "person")


def test_service_and_long_rating_before_a_name() -> None:
    body = "Navy Special Warfare Operator 1st Class Dana R. Hale was wounded."
    a = only(table(body, "actors"))
    assert (a["name"], a["sector"]) == ("Dana R. Hale", "MIL")


def test_people_noun_before_a_noun_is_an_adjective() -> None:
    body = "The decision was made with the American public in mind."
    assert table(body, "actors") == []
    assert only(table("An American was detained.", "actors"))["country"] == "USA"


def test_capitalised_office_without_a_holder_is_a_person_of_the_document() -> None:
    body = "The Foreign Secretary met his counterpart today. The Foreign Secretary urged calm."
    assert mentions_of(body, f"{DOC_ID}:foreign-secretary") == [
        ("The Foreign Secretary", "nominal"),
        ("The Foreign Secretary", "nominal"),
    ]
    assert actor(body, f"{DOC_ID}:foreign-secretary")["actor_type"] == "person"


def test_demonym_name_before_a_verb_is_the_actor() -> None:
    body = "The U.S. condemns the attack."
    assert mentions_of(body, "usa-government") == [("U.S.", "metonym")]


def test_capitalised_short_form_points_back_to_the_named_organisation() -> None:
    body = "The Harbor Authority of Tonga sued. The Authority said the video was edited."
    a = only(table(body, "actors"))
    assert mentions_of(body, a["actor_id"])[-1] == ("The Authority", "nominal")
    body = "She studied at the University of Sheffield."
    assert only(table(body, "actors"))["name"] == "University of Sheffield"


def test_acronym_used_before_it_is_spelled_out() -> None:
    body = "The JBA reopened the crossing. The Joint Border Authority (JBA) had closed it."
    assert [t for t, _ in mentions_of(body, "joint-border-authority")] == [
        "JBA",
        "Joint Border Authority",
        "JBA",
    ]


def test_unknown_name_listed_with_an_organisation_is_one() -> None:
    body = "Vextron, Microsoft and Lumora showed new games."
    kinds = {a["name"]: a["actor_type"] for a in table(body, "actors")}
    assert kinds == {
        "Vextron": "organization",
        "Microsoft": "organization",
        "Lumora": "organization",
    }


# --------------------------------------------------------------------------- places


def test_gazetteer_city_and_country_centroid() -> None:
    body = "Fighting spread to Aleppo and across Syria."
    city = location(body, "geonames:170063")
    assert (city["name"], city["location_type"], city["country"], city["geo_precision"]) == (
        "Aleppo",
        "city",
        "SYR",
        "city",
    )
    assert city["latitude"] == pytest.approx(36.20124)
    assert city["longitude"] == pytest.approx(37.16117)
    assert city["gazetteer_id"] == "170063"
    country = location(body, "iso3166:SYR")
    assert (country["location_type"], country["geo_precision"]) == ("country", "country")
    assert (country["latitude"], country["longitude"]) == pytest.approx((35.01261, 38.54424))


def test_city_state_qualifier_names_the_state_too() -> None:
    body = "The convoy reached Houston, Texas on Friday."
    assert mentions_of(body, "geonames:4699066") == [("Houston", "name")]
    assert mentions_of(body, "iso3166-2:US-TX") == [("Texas", "name")]
    assert location(body, "iso3166-2:US-TX")["location_type"] == "admin1"


def test_province_suffix_gives_the_first_level_division() -> None:
    body = "Clashes erupted in Diyala Province overnight."
    p = location(body, "iso3166-2:IQ-DI")
    assert (p["name"], p["location_type"], p["country"], p["geo_precision"]) == (
        "Diyala",
        "admin1",
        "IRQ",
        "admin1",
    )
    assert p["aliases"] == ["Diyala Province"]
    assert mentions_of(body, "iso3166-2:IQ-DI") == [("Diyala Province", "name")]


def test_direction_before_a_country_is_a_region_of_it() -> None:
    body = "Militants were active in eastern Syria."
    r = location(body, "region:SYR:east")
    assert (r["name"], r["location_type"], r["country"], r["geo_precision"]) == (
        "eastern Syria",
        "region",
        "SYR",
        "region",
    )
    assert r["latitude"] is not None and r["longitude"] is not None
    # the article names Syria too: the country is a mention nested in the region's
    assert mentions_of(body, "iso3166:SYR") == [("Syria", "name")]


def test_exonyms_and_spellings_resolve_to_one_place() -> None:
    body = "The delegation flew to Irbil. Aid also reached Erbil."
    p = only(table(body, "locations"))
    assert (p["location_id"], p["name"], p["aliases"]) == ("geonames:95446", "Erbil", ["Irbil"])
    assert p["mention_count"] == 2


def test_old_spelling_of_kyiv() -> None:
    body = "Protesters gathered in Kiev."
    p = only(table(body, "locations"))
    assert (p["location_id"], p["name"], p["aliases"]) == ("geonames:703448", "Kyiv", ["Kiev"])


def test_named_site_stands_at_the_point_of_its_country() -> None:
    body = "Soldiers returned to Camp Harlow near the Iraqi border."
    p = location(body, "site:camp-harlow")
    assert (p["name"], p["location_type"], p["country"]) == ("Camp Harlow", "site", "IRQ")
    iraq = Resources.default().gazetteer.country("IRQ")
    assert iraq is not None
    assert (p["latitude"], p["longitude"], p["geo_precision"], p["gazetteer"]) == (
        iraq.latitude,
        iraq.longitude,
        "country",
        None,
    )


def test_blocked_words_are_never_places() -> None:
    body = "Police said the march in March was peaceful."
    assert table(body, "locations") == []
    # "Police said": an unnamed source of this article, not a world-wide "police" actor
    assert mentions_of(body, f"{DOC_ID}:police") == [("Police", "nominal")]


def test_all_caps_acronym_is_not_geocoded() -> None:
    # "USI" is an alternate name of Wuxi in GeoNames; an acronym is never a town
    body = "USI staff met in Ohio."
    assert [p["location_id"] for p in table(body, "locations")] == ["iso3166-2:US-OH"]
    body = "The show opened at USI's art gallery in Ohio."
    assert [p["location_id"] for p in table(body, "locations")] == ["iso3166-2:US-OH"]


def test_small_town_stands_alone_when_the_story_names_its_country() -> None:
    assert table("Rebels shelled Saraqib on Monday, state media said.", "locations") == []
    body = "Rebels shelled Saraqib on Monday, Syrian state media said."
    assert only(table(body, "locations"))["country"] == "SYR"


def test_name_followed_by_a_number_is_a_craft_not_a_town() -> None:
    assert table("Cosmonauts flew aboard Vostok 1 in April.", "locations") == []


def test_the_plural_surname_is_a_family_not_a_town() -> None:
    assert table("The Sams refused treatment for their daughter.", "locations") == []


def test_head_word_of_a_venue_is_not_a_place_inside_it() -> None:
    body = "The fair was held at the Metro Toronto Convention Centre."
    ids = set(by_id(body, "locations", "location_id"))
    assert "geonames:6167865" in ids  # Toronto
    assert not any(i.startswith("iso3166-2:") for i in ids)  # not Centre, a Burkinabe region
    body = "She studied at the University of Sheffield."
    assert "geonames:2638077" in by_id(body, "locations", "location_id")


def test_and_joins_a_venue_name() -> None:
    body = "American visitors crowded the National Air and Space Museum."
    assert only(table(body, "locations"))["name"] == "National Air and Space Museum"


def test_religion_after_a_locative_is_not_a_place() -> None:
    assert table("Pilgrims gathered at Islam's holiest site.", "locations") == []


def test_country_listed_after_a_locative_is_a_place() -> None:
    body = "Jets struck targets in Libya and Chad on Monday."
    assert {p["location_id"] for p in table(body, "locations")} == {"iso3166:LBY", "iso3166:TCD"}
    assert table(body, "actors") == []
    body = "Rome and Paris agreed on a plan."
    assert {a["actor_id"] for a in table(body, "actors")} == {"ita-government", "fra-government"}


def test_state_qualifier_that_is_also_a_capital() -> None:
    body = "The plane flew to Spokane, Washington on Friday."
    assert mentions_of(body, "iso3166-2:US-WA") == [("Washington", "name")]


def test_name_ends_before_a_title_and_its_person() -> None:
    body = "The Harbor Museum CEO Doug Vance said the British ship would stay."
    assert only(table(body, "actors"))["name"] == "Doug Vance"
    assert only(table(body, "locations"))["name"] == "Harbor Museum"


def test_ampersand_joins_a_name() -> None:
    body = "The prints went to the Mary & Leigh Block Museum of Art in May."
    assert only(table(body, "locations"))["name"] == "Mary & Leigh Block Museum of Art"


def test_the_pronoun_i_is_never_a_place() -> None:
    assert table("This is the fifth time I've been at a final.", "locations") == []


def test_craft_name_is_not_a_town_later_either() -> None:
    body = "In 1981, Space Shuttle Columbia lifted off. Columbia was lost in 2003."
    assert table(body, "locations") == []


def test_word_town_before_a_colon_title_is_no_place() -> None:
    assert table("He voiced the Joker in Batman: The Animated Series.", "locations") == []
    assert only(table("Troops reached Mosul: The city fell.", "locations"))["country"] == "IRQ"


def test_possessive_country_is_a_place_mention() -> None:
    body = "Chad's goalkeeper saved a penalty."
    assert mentions_of(body, "iso3166:TCD") == [("Chad", "name")]
    assert table(body, "actors") == []


def test_small_town_abroad_in_a_story_on_another_country_is_a_site() -> None:
    body = "Aid reached Madaya on Monday, Syrian officials said."
    place = only(table(body, "locations"))
    syria = Resources.default().gazetteer.country("SYR")
    assert syria is not None  # a site of the story's country, at that country's point
    assert (place["location_type"], place["country"], place["latitude"]) == (
        "site",
        "SYR",
        syria.latitude,
    )
    body = "Aid reached Madaya on Monday."  # no context: the gazetteer's Madaya
    assert only(table(body, "locations"))["location_type"] == "city"


def test_city_inside_a_name_must_lie_in_a_country_of_the_story() -> None:
    body = "British students of Westminster International University in Tashkent met."
    ids = {p["name"] for p in table(body, "locations")}
    assert "Westminster" not in ids and "Tashkent" in ids


def test_compass_word_is_no_place() -> None:
    assert table("They plot attacks against the West.", "locations") == []


def test_unknown_name_with_a_possessive_after_from_is_no_place() -> None:
    body = "The third goal came from Eden Hazard's assist."
    assert table(body, "locations") == []


# --------------------------------------------------------------------------- fixed bugs
# Each case below was a bug found by these tests; they pin the fix.


def test_us_officials_is_one_source_with_a_country() -> None:
    body = "U.S. officials said the talks would resume."
    a = actor(body, f"{DOC_ID}:u-s-officials")
    assert a["country"] == "USA"


def test_state_qualifier_picks_the_city_in_that_state() -> None:
    body = "The convoy reached Springfield, Illinois."
    assert location(body, "geonames:4250542")["admin1"] == "US-IL"


def test_qualifier_mention_stops_before_a_comma() -> None:
    body = "The convoy reached Houston, Texas, on Friday."
    assert mentions_of(body, "geonames:4699066") == [("Houston", "name")]
    assert mentions_of(body, "iso3166-2:US-TX") == [("Texas", "name")]


def test_the_rebels_are_a_group() -> None:
    body = "The rebels did not withdraw from Kherson."
    assert only(table(body, "actors"))["actor_type"] == "group"


def test_number_words_do_not_make_products() -> None:
    body = "In Aleppo two civilians were killed."
    assert only(table(body, "locations"))["location_type"] == "city"


def test_people_noun_before_a_verb_is_the_people() -> None:
    assert only(table("The British won the match.", "actors"))["actor_id"] == "gbr-people"
    assert only(table("The Japanese attacked the base.", "actors"))["actor_id"] == "jpn-people"


def test_of_after_a_verb_does_not_cut_a_name() -> None:
    body = "Protesters attacked Royal Bank of Scotland branches."
    names = [a["name"] for a in table(body, "actors")]
    assert names == ["British protesters", "Royal Bank of Scotland"]


def test_and_does_not_join_a_single_name_to_an_organisation() -> None:
    body = "Smith met Brown and Green Party leaders."
    assert "green-party" in by_id(body, "actors", "actor_id")


def test_plural_islands_after_the_are_places() -> None:
    body = "Ships sailed to the Azores on Monday."
    assert only(table(body, "locations"))["name"] == "Azores"


def test_acronym_before_its_definition_is_not_a_list_member() -> None:
    body = "The ISF and Hezbollah fought. Iraqi security forces (ISF) won."
    assert [t for t, _ in mentions_of(body, "irq-military")] == [
        "ISF",
        "Iraqi security forces",
        "ISF",
    ]


def test_state_qualifier_shared_with_a_country() -> None:
    body = "The convoy reached Macon, Georgia."
    assert mentions_of(body, "iso3166-2:US-GA") == [("Georgia", "name")]
    assert "iso3166:GEO" not in by_id(body, "locations", "location_id")


def test_names_given_as_examples_of_people_or_groups() -> None:
    body = "Villagers still honour old spirits, such as Vorla, Ketu and Amsar."
    assert table(body, "actors") == []  # "spirits" is no noun for people
    body = "Villagers still honour the old gods, such as Vorla, Ketu and Amsar."
    assert {a["name"]: a["actor_type"] for a in table(body, "actors")} == {
        "Vorla": "person",
        "Ketu": "person",
        "Amsar": "person",
    }
    body = "Rebel groups including Vorla and Ketu rejected the deal."
    assert {a["actor_type"] for a in table(body, "actors")} == {"organization"}
    assert table("Browsers such as Vorla and Ketu gained share.", "actors") == []


def test_single_name_after_a_noun_for_a_person() -> None:
    body = "The party drew fashion designer Halvorn and the band."
    assert only(table(body, "actors"))["name"] == "Halvorn"


def test_capitals_are_no_given_name() -> None:
    found = table("The winner was US team Cloud9.", "actors")  # "US" is no person
    assert [(a["name"], a["actor_type"]) for a in found] == [("Cloud9", "organization")]


def test_a_comma_alone_makes_no_list() -> None:
    body = "He speaks Vorlish, Ana Ruiz said."
    assert [a["name"] for a in table(body, "actors")] == ["Ana Ruiz"]


def test_curated_abbreviations_are_places() -> None:
    assert only(table("Crowds filled NYC streets.", "locations"))["name"] == "New York City"
    assert only(table("Fires burned across NSW.", "locations"))["location_type"] == "admin1"
    assert only(table("He moved to L.A. in May.", "locations"))["name"] == "Los Angeles"


def test_sentence_opening_word_is_not_part_of_a_name() -> None:
    assert only(table("Later Gloria cried.", "actors"))["name"] == "Gloria"
    assert only(table("Grant Shapps said so.", "actors"))["name"] == "Grant Shapps"


def test_for_joins_an_organisation_name() -> None:
    body = "She chairs the Institute for Fiscal Studies in London."
    assert only(table(body, "actors"))["name"] == "Institute for Fiscal Studies"
    body = "Posters backed Ana Ruiz for Congress."  # "for" after a person's name joins nothing
    assert [a["name"] for a in table(body, "actors")] == ["Ana Ruiz"]


def test_capitalised_small_word_inside_a_name() -> None:
    body = "Donations went to the Give-A-Book Trust and the Doctor Who Club of Leeds."
    assert [a["name"] for a in table(body, "actors")] == [
        "Give-A-Book Trust",
        "Doctor Who Club of Leeds",
    ]
    body = "She came with illustrator Annie Christmas on Monday."
    assert only(table(body, "actors"))["name"] == "Annie Christmas"
    assert table("Shops closed at Christmas.", "actors") == []


def test_capitalised_small_word_in_a_heading_ends_the_name() -> None:
    body = "Troops Move To Border"  # a title-cased heading: no lower-case content word
    assert "Troops Move To Border" not in [a["name"] for a in table(body, "actors")]


def test_acronym_of_an_earlier_name_by_its_initials() -> None:
    body = "The Northern Valley Militia advanced. Later the NVM took the bridge."
    assert mentions_of(body, "northern-valley-militia") == [
        ("Northern Valley Militia", "name"),
        ("NVM", "name"),
    ]
    body = "Mary Ellen Voss spoke. Later the MEV report came out."  # a person has no acronym
    assert [t for t, _ in mentions_of(body, "mary-ellen-voss")] == ["Mary Ellen Voss"]


def test_unknown_names_take_the_kind_of_a_list_past_nested_places() -> None:
    body = "Sponsors included The Oslo Dreamers, Quill Society of Norway, and Tarn Holding Group."
    kinds = {a["name"]: a["actor_type"] for a in table(body, "actors")}
    assert kinds["Oslo Dreamers"] == kinds["Quill Society of Norway"] == "organization"


def test_plural_organisation_word_heads_a_name() -> None:
    body = "Aid came from the Governments of Norway and Chile."
    assert {a["actor_type"] for a in table(body, "actors")} == {"government"}
    body = "The band Quill Harbour played, then the team Vorla United."
    assert {a["name"] for a in table(body, "actors")} == {"Quill Harbour", "Vorla United"}


@pytest.mark.parametrize(
    "body",
    [
        "Mary Hale of Vorla Weekly wrote the piece.",  # where a person works
        "A spokesman told VL Weekly on Monday.",  # whom someone told
        "VL Weekly's recent survey found a rise.",  # whose report it is
        "It drew such bands as The Vorla Weekly.",  # an example of a noun for groups
    ],
)
def test_unknown_name_made_an_organisation_by_its_context(body: str) -> None:
    names = {a["name"]: a["actor_type"] for a in table(body, "actors")}
    assert "organization" in {names.get("Vorla Weekly"), names.get("VL Weekly")}


def test_unknown_name_alone_is_no_actor() -> None:
    assert table("VL Weekly reached the shops on Monday.", "actors") == []


def test_capital_the_carries_a_name_over_and() -> None:
    body = "Mary Hale of The Lark and Quill wrote the piece."
    assert "Lark and Quill" in [a["name"] for a in table(body, "actors")]
    body = "Mary Hale read The Guardian and Reuters."  # known names stay apart
    assert {"Reuters", "The Guardian"} <= {a["name"] for a in table(body, "actors")}


def test_unknown_town_qualified_by_its_region_is_a_site_in_it() -> None:
    body = "Ana Ruiz, a native of Brookvale, South Dakota, spoke."
    places = {p["name"]: p for p in table(body, "locations")}
    assert places["Brookvale"]["location_type"] == "site"
    assert places["Brookvale"]["country"] == "USA"
    assert "South Dakota" in places
    body = "After the match, Ruben Dario Alves, Panama coach, spoke."  # a title, not a town
    assert "Ruben Dario Alves" not in {p["name"] for p in table(body, "locations")}


@pytest.mark.parametrize(
    "body",
    [
        "Shells fell on the Syrian towns of Qarvan and Sillit.",  # a place word before "of"
        "Syrian fighters were pushed out of Qarvan and Sillit.",  # motion before "of"
        "Attacks in Qarvan, Sillit and Tomar killed nine Syrians.",  # listed after a locative
        "Syrian troops retook key towns in the north including Qarvan and Sillit.",  # examples
    ],
)
def test_unknown_names_read_as_places_from_their_context(body: str) -> None:
    names = {p["name"] for p in table(body, "locations")}
    assert {"Qarvan", "Sillit"} <= names
    assert not {"Qarvan", "Sillit"} & {a["name"] for a in table(body, "actors")}


def test_the_voice_of_a_name_is_no_place() -> None:
    assert table("He is the voice of Qarvan in the film.", "locations") == []


def test_visiting_is_a_locative_word() -> None:
    body = "The minister will fly on, visiting Saudi Arabia on Monday."
    assert only(table(body, "locations"))["name"] == "Saudi Arabia"
    assert table(body, "actors") == []


def test_curated_english_names_of_towns() -> None:
    assert only(table("Troops fought near Palmyra.", "locations"))["name"] == "Tadmur"


def test_a_list_after_of_in_an_organisation_name_is_no_place_list() -> None:
    body = "Ana Ruiz of the Ministry of Culture, State Board of Relics and Tombs spoke."
    assert table(body, "locations") == []
    body = "The SDF closed on the capital of Raqqah, Dec. 10."  # a date, not a town
    assert {p["name"] for p in table(body, "locations")} <= {"Ar Raqqah", "Raqqa"}


def test_brands_and_fields_after_a_locative_are_no_places() -> None:
    assert table("The clip was taken down from VidTube.", "locations") == []
    assert table("Troops help in Counter-IED training.", "locations") == []
    assert only(table("Canadian aid went to McAllister.", "locations"))["name"] == "McAllister"


def test_and_joins_a_long_venue_name_that_opens_with_its_head() -> None:
    body = "American crews left the National Rail and Space Museum Pia F. Orlo Center last week."
    assert only(table(body, "locations"))["name"] == (
        "National Rail and Space Museum Pia F. Orlo Center"
    )


def test_a_plural_possessive_inside_a_name_keeps_the_name_whole() -> None:
    body = (
        "The Alberta Teachers' Federation said talks had failed. The Dutch Red Cross' Anna "
        "Visser said roads were closed."
    )
    names = {a["name"] for a in table(body, "actors")}
    assert "Alberta Teachers' Federation" in names
    assert "Anna Visser" in names


def test_a_hyphenated_given_name_keeps_its_lower_case_second_syllable() -> None:
    body = (
        "Prime Minister Han Min-seok met Foreign Minister Yoon Ji-won in Seoul. An "
        "Al-Qaeda-linked group and a Pierre Dubois-led panel were also discussed."
    )
    names = {a["name"] for a in table(body, "actors")}
    assert {"Han Min-seok", "Yoon Ji-won"} <= names
    assert not any(n.endswith(("-linked", "-led")) for n in names)


def test_a_title_over_of_and_a_portfolio_introduces_the_holder() -> None:
    body = (
        '"Rural towns deserve reliable power," said U.S. Secretary of Energy Chris Dalton. '
        "Minister for Foreign Affairs Penny Wong said the talks were useful."
    )
    people = {a["name"]: a["role"] for a in table(body, "actors") if a["actor_type"] == "person"}
    assert people["Chris Dalton"] == "U.S. Secretary of Energy"
    assert people["Penny Wong"] == "Minister for Foreign Affairs"


def test_a_hyphenated_given_name_after_a_role_noun_is_a_person() -> None:
    body = "Defence Minister Aiko Mori and her counterpart Ahn Gyu-back met in Tokyo on Friday."
    names = {a["name"]: a["actor_type"] for a in table(body, "actors")}
    assert names.get("Ahn Gyu-back") == "person"


def test_a_hyphenated_single_word_is_no_persons_name() -> None:
    body = "Officials in Vest-Agder said the farms were closed."
    assert "Vest-Agder" not in {a["name"] for a in table(body, "actors")}


def test_a_countrys_possessive_before_an_institution_names_that_countrys_institution() -> None:
    body = "Peru's foreign ministry said the talks failed. Chile's military denied it."
    actors = {a["actor_id"]: a for a in table(body, "actors")}
    assert actors["per-government"]["country"] == "PER"
    assert actors["chl-military"]["country"] == "CHL"
    speakers = [q["speaker_id"] for q in table(body, "quotes")]
    assert speakers[0] == "per-government"


def test_a_demonym_before_a_role_noun_is_no_persons_name() -> None:
    body = "The minister and his South Korean counterpart Ahn Gyu-back met in Tokyo."
    assert "South Korean" not in {a["name"] for a in table(body, "actors")}


def test_a_lower_case_body_before_a_title_is_part_of_the_role() -> None:
    """ "foreign ministry spokeswoman Rin Tao": one person, whose role names the ministry and
    whose sector comes from it; "company president" is business, though "president" alone
    is government."""
    body = (
        "In Hanoi, foreign ministry spokeswoman Rin Tao said the talks went well. "
        "Company president Dale Brooks said the mill would reopen."
    )
    people = {a["name"]: a for a in table(body, "actors") if a["actor_type"] == "person"}
    assert set(people) == {"Rin Tao", "Dale Brooks"}
    assert (people["Rin Tao"]["role"], people["Rin Tao"]["sector"]) == (
        "foreign ministry spokeswoman",
        "GOV",
    )
    assert (people["Dale Brooks"]["role"], people["Dale Brooks"]["sector"]) == (
        "Company president",
        "BUS",
    )


def test_a_role_holds_no_article_and_no_comma_that_sets_off_the_name() -> None:
    body = "The UN refugee coordinator for Chad, Mila Horvat, said camps were full."
    roles = {a["name"]: a["role"] for a in table(body, "actors") if a["actor_type"] == "person"}
    assert roles["Mila Horvat"] == "UN refugee coordinator for Chad"


def test_an_unnamed_source_and_the_name_set_off_after_it_are_one_person() -> None:
    """ "A spokesman for the port authority, Omar Diallo, said": the quote is Omar Diallo's,
    who takes the role; a source with no name after it stays unnamed."""
    body = (
        "A spokesman for the port authority, Omar Diallo, said the docks would reopen. "
        "Another resident, retired nurse Greta Lind, said she was afraid. "
        "A police officer, who asked not to be named, said two men were held."
    )
    speakers = [q["speaker_id"] for q in table(body, "quotes")]
    assert speakers[:2] == ["omar-diallo", "greta-lind"]
    assert speakers[2].endswith(":police-officer")
    people = {a["actor_id"]: a for a in table(body, "actors")}
    assert people["omar-diallo"]["role"] == "spokesman"
    assert not any(i.endswith(":spokesman") or i.endswith(":resident") for i in people)


def test_a_name_set_off_at_the_end_of_the_sentence_is_the_unnamed_source() -> None:
    body = "The depot will close in March, said a spokeswoman for the council, Ines Moreau."
    assert [q["speaker_id"] for q in table(body, "quotes")] == ["ines-moreau"]
    assert actor(body, "ines-moreau")["role"] == "spokeswoman"


def test_party_members_in_a_story_set_in_the_partys_country_are_the_party() -> None:
    """ "Democrats", "Senate Republicans" in a story set in the United States are the US
    parties; elsewhere the plural names no US party."""
    us = "Democrats in Ohio accused Senate Republicans of stalling the bill on Tuesday."
    ids = [e["actor_id"] for e in table(us, "events")] + [
        e["target_id"] for e in table(us, "events")
    ]
    assert ids == ["usa-democratic-party", "usa-republican-party"]
    abroad = "In Stockholm, Democrats and Moderates argued over the budget on Tuesday."
    assert "usa-democratic-party" not in {a["actor_id"] for a in table(abroad, "actors")}


def test_a_speaker_inside_the_words_it_is_said_to_have_said_is_no_quote() -> None:
    body = (
        "Senate Democrats on Monday blocked the bill.\n\n"
        "Mayors of Dayton and Akron, both Democrats, have asked the state for more money."
    )
    assert table(body, "quotes") == []


def test_a_lower_case_common_noun_is_no_known_actor_of_that_name() -> None:
    """ "the economist Lars Berg": a person's role, not The Economist newspaper."""
    body = "Writing on Monday, the economist Lars Berg said the rally would not last."
    actors = {a["actor_id"]: a for a in table(body, "actors")}
    assert "the-economist" not in actors
    assert actors["lars-berg"]["affiliation_id"] is None


def test_a_title_set_off_before_a_name_is_the_persons_role_and_country() -> None:
    body = (
        "Kenya's foreign minister, Ama Wekesa, said talks would resume. "
        "He was in a coma which his lawyer, Ravi Nair, said was induced."
    )
    people = {a["name"]: a for a in table(body, "actors") if a["actor_type"] == "person"}
    assert (people["Ama Wekesa"]["role"], people["Ama Wekesa"]["country"]) == (
        "foreign minister",
        "KEN",
    )
    assert people["Ravi Nair"]["role"] == "lawyer"


def test_a_name_ending_in_a_business_head_is_a_company() -> None:
    body = "Copper miner Andes Metals made a bid for rival Pacifico Mining on Tuesday."
    kinds = {a["name"]: (a["actor_type"], a["sector"]) for a in table(body, "actors")}
    assert kinds["Andes Metals"] == ("organization", "BUS")
    assert kinds["Pacifico Mining"] == ("organization", "BUS")


@pytest.mark.parametrize(
    "body",
    [
        "The carmaker Velantra said sales had fallen.",
        "Shares in the drugmaker Velantra rose on Monday.",
        "Buyers turned to producers such as Velantra and Orbisco.",
    ],
)
def test_a_company_noun_before_a_name_makes_it_a_company(body: str) -> None:
    found = actor(body, "velantra")
    assert (found["actor_type"], found["sector"]) in {
        ("organization", "BUS"),
        ("organization", None),
    }


def test_a_letter_after_a_lower_case_word_ends_the_sentence() -> None:
    body = (
        "The minister announced the plan in a post on X. Aid groups welcomed it. Many "
        "children lack vitamin D. Doctors urged parents to act. The church founder L. Ron "
        "Hubbard wrote it."
    )
    assert sentences(body) == [
        "The minister announced the plan in a post on X.",
        "Aid groups welcomed it.",
        "Many children lack vitamin D.",
        "Doctors urged parents to act.",
        "The church founder L. Ron Hubbard wrote it.",
    ]


def test_the_army_points_back_to_the_military_not_its_spokesman() -> None:
    body = (
        "Chad's army said it had retaken the town. Army spokesman Idriss Kalla said troops "
        "had seized weapons. The rebels accused the army of shelling homes."
    )
    army = [m for m in rows(body)["mentions"] if m["text"] == "the army"]
    assert [m["entity_id"] for m in army] == ["tcd-military"]


def test_an_inner_name_of_a_long_name_points_back_to_the_person() -> None:
    body = (
        "President Andrés Manuel López Obrador opened the refinery on Monday. "
        "Critics said Manuel had ignored the cost."
    )
    ids = {m["entity_id"] for m in rows(body)["mentions"] if m["text"] == "Manuel"}
    assert ids == {"andres-manuel-lopez-obrador"}


def test_a_majority_leader_is_a_lawmaker() -> None:
    body = "Senate Majority Leader Ruth Calder told reporters the vote would be close."
    found = actor(body, "ruth-calder")
    assert (found["role"], found["sector"]) == ("Senate Majority Leader", "LEG")


def test_a_known_organisation_and_a_country_name_its_branch_there() -> None:
    body = (
        "Amnesty International Kenya urged the police to free the marchers. "
        "Greenpeace Chile called the ruling a victory."
    )
    ids = {a["actor_id"] for a in table(body, "actors")}
    assert {"amnesty-international", "greenpeace"} <= ids
    assert "ken-government" not in ids


def test_a_title_set_off_after_a_name_is_the_persons_role() -> None:
    body = (
        "“Prices will ease,” said Marta Solis, Peru's finance minister. “We need water now,” "
        "said Joel Amani, UNICEF Representative in Kenya. Ines Kahn, 52, fled the town."
    )
    solis, amani, kahn = (actor(body, i) for i in ("marta-solis", "joel-amani", "ines-kahn"))
    assert (solis["role"], solis["sector"], solis["country"]) == ("finance minister", "GOV", "PER")
    assert (amani["role"], amani["sector"]) == ("UNICEF Representative", "IGO")
    assert kahn["role"] is None


def test_a_title_after_a_name_may_open_with_an_abbreviation() -> None:
    body = '"The case is closed," said Dana Fox, the U.S. attorney for the District of Utah.'
    fox = actor(body, "dana-fox")
    assert (fox["role"], fox["sector"]) == ("U.S. attorney", "JUD")


def test_a_post_on_x_ends_the_sentence_before_a_name() -> None:
    body = "The minister replied in a post on X. Mario Vela, the mayor, said he agreed."
    assert sentences(body) == [
        "The minister replied in a post on X.",
        "Mario Vela, the mayor, said he agreed.",
    ]
