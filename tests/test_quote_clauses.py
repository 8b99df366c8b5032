"""Quotes whose clause structure misled word windows, on sentences written for the tests:
coordinated cue verbs ("denied it and said …"), a possessor before an appositive speaker
("The council's leader, X, said") and a cue word after an article ("afford the project")."""

from __future__ import annotations

from fixtures.articles import actor, table


def quotes(body: str) -> list[tuple[str, str, str]]:
    """(speaker text, cue, text) of each quote, in text order."""
    return [(q["speaker_text"], q["cue"], q["text"]) for q in table(body, "quotes")]


def fields(body: str, *keys: str) -> list[object]:
    """Those columns of each quote, in text order: one value per quote for one key, else a
    tuple."""
    rows = table(body, "quotes")
    if len(keys) == 1:
        return [q[keys[0]] for q in rows]
    return [tuple(q[k] for k in keys) for q in rows]


def test_a_coordinated_cue_is_a_second_claim_of_the_same_speaker() -> None:
    body = (
        "Police Chief Dan Moore said the suspect had fled and added that officers were "
        "searching the area."
    )
    assert quotes(body) == [
        ("Dan Moore", "said", "the suspect had fled"),
        ("Dan Moore", "added", "officers were searching the area"),
    ]


def test_a_cue_after_a_bare_and_takes_the_subject_of_the_first_verb() -> None:
    body = "The minister warned that prices would rise and said the government would act."
    assert quotes(body) == [
        ("The minister", "warned", "prices would rise"),
        ("The minister", "said", "the government would act"),
    ]


def test_a_cue_after_an_act_keeps_the_acts_subject() -> None:
    body = "Senator Maria Lopez denied the charges and said she would appeal the ruling."
    assert quotes(body)[-1] == ("Maria Lopez", "said", "she would appeal the ruling")


def test_a_mixed_quote_ends_before_the_coordinated_cue() -> None:
    body = (
        'Councillor Andrew Hale accused the cabinet of "gambling with money it does not have" '
        "and said his group would ask auditors to review the scheme."
    )
    assert quotes(body) == [
        ("Andrew Hale", "accused", "gambling with money it does not have"),
        ("Andrew Hale", "said", "his group would ask auditors to review the scheme"),
    ]


def test_nouns_joined_by_and_do_not_split_the_claim() -> None:
    body = "The mayor said taxes and fees would rise in April."
    assert quotes(body) == [("The mayor", "said", "taxes and fees would rise in April")]


def test_a_possessor_is_not_the_speaker_of_its_appositive() -> None:
    body = (
        "Harwick Town Council met on Monday. The council's leader, James Lowe, said the vote "
        "was historic."
    )
    assert quotes(body) == [("James Lowe", "said", "the vote was historic")]


def test_a_cue_word_after_an_article_is_a_noun() -> None:
    body = (
        "Asked whether the council could afford the project, Lowe said the government had "
        "promised to cover most of the cost."
    )
    assert quotes(body) == [
        ("Lowe", "said", "the government had promised to cover most of the cost")
    ]


def test_a_cue_word_that_modifies_the_subject_is_a_noun() -> None:
    body = "More than 2,000 people were moved to shelters on Friday, state officials said."
    assert fields(body, "cue", "text") == [
        ("said", "More than 2,000 people were moved to shelters on Friday")
    ]


def test_the_council_is_the_council_not_a_councillor() -> None:
    body = (
        "Harwick Town Council approved the budget on Monday. Councillor Ruth Dale voted "
        "against it. Work will begin in May, the council said in a statement."
    )
    assert [q["speaker_id"] for q in table(body, "quotes")][-1].startswith("harwick-town-council")


def test_a_participle_cue_after_a_claim_is_a_second_claim() -> None:
    body = "The minister said the company was failing, adding that jobs were at risk."
    assert fields(body, "cue", "text") == [
        ("said", "the company was failing"),
        ("adding", "jobs were at risk"),
    ]


def test_an_object_before_a_participle_claim_is_not_a_claim() -> None:
    body = (
        "Opposition leader Rita Bose criticised the flood defences, saying the new walls had "
        '"failed at the first test."'
    )
    assert fields(body, "speaker_text", "cue") == [("Rita Bose", "saying")]


def test_a_participle_cue_takes_the_subject_of_the_clause_it_hangs_on() -> None:
    body = (
        'One volunteer admitted to being part of the campaign, writing: "We planned it for '
        'weeks and nobody noticed."'
    )
    assert fields(body, "speaker_text", "cue") == [("One volunteer", "writing")]


def test_a_comma_closing_a_relative_clause_does_not_invert_the_cue() -> None:
    body = (
        "According to the Ohio Transit Board, bus fares will rise in June.\n\n"
        "Rider groups, which opposed the plan in April, said they were disappointed."
    )
    assert quotes(body)[-1] == ("Rider groups", "said", "they were disappointed")


def test_the_parsers_subject_speaks_when_the_words_before_the_cue_are_places() -> None:
    body = "Hospital officials in Leeds and York said the wards remained open."
    assert quotes(body) == [("Hospital officials", "said", "the wards remained open")]


def test_an_attribution_set_off_before_an_adjunct_reports_what_came_before() -> None:
    body = (
        "Chile and Peru agreed on Friday to reopen the border crossing, the two governments "
        "said, in a sign of warming ties."
    )
    assert quotes(body) == [
        (
            "the two governments",
            "said",
            "Chile and Peru agreed on Friday to reopen the border crossing",
        )
    ]


def test_a_cue_word_after_a_preposition_is_a_noun() -> None:
    body = "The truce held overnight, officials said, amid fears of renewed fighting."
    assert quotes(body) == [("officials", "said", "The truce held overnight")]


def test_a_finding_in_the_infinitive_is_no_claim() -> None:
    """ "before doctors were able to determine that she had the virus" reports no finding."""
    body = (
        "The girl died on Monday before doctors were able to determine that she had the virus. "
        "Tests determined that she had the virus."
    )
    assert fields(body, "cue") == ["determined"]


def test_a_name_opening_a_sentence_before_a_title_in_commas_is_a_person() -> None:
    body = "Okafor, Nigeria's health minister, said that 12 cases were confirmed."
    quotes = table(body, "quotes")
    actors = {a["actor_id"]: a for a in table(body, "actors")}
    assert actors[quotes[0]["speaker_id"]]["name"] == "Okafor"
    assert actors[quotes[0]["speaker_id"]]["actor_type"] == "person"


def test_a_weak_cue_before_a_noun_phrase_reports_nothing_said() -> None:
    """ "declared a state of emergency", "pledged 3 million euros …, while Britain said": the
    clause after the comma is Britain's, and the noun phrases are no one's words."""
    body = (
        "The governor declared a state of emergency across the eastern counties on Friday. "
        "The European Union pledged 3 million euros in emergency aid on Tuesday, while "
        "Britain said it would send medical teams."
    )
    quotes = table(body, "quotes")
    assert [(q["cue"], q["text"]) for q in quotes] == [("said", "it would send medical teams")]


def test_a_disclosure_verb_with_a_plain_object_reports_nothing_said() -> None:
    """ "announced the deal", "confirmed the deaths": a noun phrase after the verb is what was
    made known, not a claim; with a clause after it ("confirmed two soldiers had been
    killed"), it is one."""
    body = (
        "The mayor announced the deal late on Tuesday after talks with the union, which had "
        "blocked roads. Police confirmed the deaths of two climbers. The ministry revealed the "
        "plan at a news conference. The army confirmed two soldiers had been killed."
    )
    assert quotes(body) == [("The army", "confirmed", "two soldiers had been killed")]


def test_a_role_set_off_before_the_speaker_is_no_claim() -> None:
    """ "The union's lawyer, Ana Diaz, had asked for a delay" and "Minister for Trade, Paul
    Obi said:": the words before the name are who speaks, not what was said; "Profits
    rose, the company said" is what was said."""
    body = (
        "The union's lawyer, Ana Diaz, had asked for a delay, arguing that the members had not "
        'been consulted. Minister for Trade, Paul Obi said: "We will not reopen the deal." '
        "Profits rose, the company said."
    )
    assert quotes(body) == [
        ("Ana Diaz", "arguing", "the members had not been consulted"),
        ("Paul Obi", "said", "We will not reopen the deal"),
        ("the company", "said", "Profits rose"),
    ]


def test_a_cue_phrase_after_a_speech_verb_is_no_second_speaker() -> None:
    """ "Okafor said at a news conference": where the words were said; "Okafor said" is no
    organisation that spoke."""
    body = (
        "Senator Ada Okafor opposed the bill. "
        '"This bill raises costs for families," Okafor said at a news conference.'
    )
    assert quotes(body) == [
        ("Okafor", "said", "This bill raises costs for families"),
    ]
    assert [a["name"] for a in table(body, "actors")] == ["Ada Okafor"]


def test_a_belief_verb_describing_the_noun_before_it_is_no_cue() -> None:
    body = "Aid groups warned that heavy rains expected next month could flood the camps."
    assert fields(body, "cue") == ["warned"]


def test_a_pronoun_subject_of_a_first_verb_speaks_the_coordinated_claim() -> None:
    """ "He urged donors to give and said stocks were low": he, the person named before."""
    body = (
        "Dr. Rosa Mendes spoke in Lisbon on Monday. "
        "She urged donors to fund the appeal and said vaccine stocks were running low."
    )
    quotes = table(body, "quotes")
    assert [(q["speaker_id"], q["text"]) for q in quotes] == [
        ("rosa-mendes", "vaccine stocks were running low")
    ]


def test_a_state_after_a_name_is_no_cue() -> None:
    """ "Assam state, upstream of the city, recorded …": the noun, not the verb "to state"."""
    body = "India's Assam state, upstream of the city, recorded 300 mm of rain, officials said."
    assert fields(body, "cue") == ["said"]


def test_a_country_possessive_before_an_unnamed_body_gives_its_country() -> None:
    body = "Peru's weather agency warned that more rain was expected through Thursday."
    quotes = table(body, "quotes")
    actors = {a["actor_id"]: a for a in table(body, "actors")}
    speaker = actors[quotes[0]["speaker_id"]]
    assert (speaker["name"], speaker["country"]) == ("weather agency", "PER")


def test_a_think_tank_is_a_noun_not_a_belief() -> None:
    body = "Researchers at the Lisbon-based think tank Ordem Nova said the reform had stalled."
    assert fields(body, "speaker_text", "cue", "text") == [
        ("Ordem Nova", "said", "the reform had stalled")
    ]
    assert actor(body, "ordem-nova")["actor_type"] == "organization"


def test_a_plural_noun_after_an_adjective_is_no_cue() -> None:
    body = (
        "The agency will review the case with the individual states concerned and the "
        "regional health boards."
    )
    assert quotes(body) == []


def test_a_source_noun_before_a_plural_names_no_speaker() -> None:
    body = (
        "The envoy, Lena Varga, conceded that member states were divided. “We will keep "
        "talking,” she told reporters."
    )
    assert fields(body, "speaker_id") == ["lena-varga", "lena-varga"]
    assert "member" not in {a["name"] for a in table(body, "actors")}


def test_a_participle_describing_a_document_in_an_adjunct_is_no_cue() -> None:
    body = (
        "Police Chief Ana Lima said officers had cleared the square. The FNL, in a statement "
        "posted on Telegram, said its fighters had pulled back “for tactical reasons”."
    )
    assert fields(body, "speaker_text", "cue") == [("Ana Lima", "said"), ("The FNL", "said")]


def test_a_cue_joined_to_an_accusation_is_the_accusers_question() -> None:
    body = (
        "Opposition leader Giorgos Androulis accused the cabinet of making concessions, and asked "
        "why parliament had not been consulted."
    )
    assert fields(body, "speaker_id", "cue", "text") == [
        ("giorgos-androulis", "asked", "why parliament had not been consulted")
    ]


def test_the_speaker_of_a_later_claim_still_acts_before_it() -> None:
    body = (
        "Finance Minister Lia Moreno called on the regulator to publish its studies, and told "
        "reporters: “This is costing us dearly.”"
    )
    assert [e["actor_id"] for e in table(body, "events")] == ["lia-moreno"]


def test_the_end_of_an_interrupted_quotation_is_no_quote_of_an_earlier_speaker() -> None:
    body = (
        "“Nobody wins a strike,” union chief Ada Holm told reporters after the vote.\n\n"
        "Mayor Leo Brandt said the city would keep talking. “This is not over,” he said in a "
        "council speech, “not by a long shot.”"
    )
    assert fields(body, "speaker_id") == ["ada-holm", "leo-brandt", "leo-brandt"]


def test_a_cue_word_after_after_is_a_noun() -> None:
    body = (
        "Officers were called to the bakery on Main Street at about 2.30pm after reports "
        "that two men had broken a window."
    )
    assert quotes(body) == []


def test_a_pronoun_after_a_set_off_cue_opens_the_claim() -> None:
    body = (
        "Mayor Ines Roth said the depot would close. The drivers' union, in a statement "
        "posted on its website, said it had not been consulted."
    )
    assert fields(body, "cue", "text") == [
        ("said", "the depot would close"),
        ("said", "it had not been consulted"),
    ]
