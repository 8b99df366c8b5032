"""Quote failure patterns seen on news that no rule was written for (issue 12), each pinned on
sentences written for these tests: adjuncts after the cue, a quotation interrupted by its cue,
round-ups ("Name, Outlet: …"), indirect speech with cues beyond say and tell, mixed quotes,
and junk speaker spans. Articles are dated 2024-03-06 with doc id ``t1``.
"""

from __future__ import annotations

import pytest

from fixtures.articles import DOC_ID, only, table

Row = tuple[str, str, str | None, str | None]


def quotes(body: str) -> list[Row]:
    """(type, text, speaker id, speaker text) of each quote, in text order."""
    return [
        (q["quote_type"], q["text"], q["speaker_id"], q["speaker_text"])
        for q in table(body, "quotes")
    ]


def actor_names(body: str) -> list[str]:
    return [a["name"] for a in table(body, "actors")]


# --------------------------------------------------------------- adjuncts after the cue


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("“We will win this fight,” Senator Ada Quill said to applause from supporters.", "said"),
        ("“The office will close,” Governor Ned Farrow said in a memo to staff.", "said"),
        ("“I will never run,” Governor Ned Farrow told reporters in 2004.", "told reporters"),
        ("“The office will close,” Governor Ned Farrow said during a visit to Lyon.", "said"),
        ("“The office will close,” Governor Ned Farrow told the Valley Herald last week.", "told"),
        ("“The office will close,” Governor Ned Farrow said after meeting the staff.", "said"),
        ("“The office will close,” Governor Ned Farrow said as the crowd cheered.", "said"),
    ],
)
def test_an_adjunct_after_the_cue_is_not_what_was_said(body: str, said: str) -> None:
    q = only(table(body, "quotes"))
    assert q["quote_type"] == "direct"
    assert q["text"] == body[1 : body.index("”") - 1]
    assert q["cue"] == said


def test_a_that_clause_after_an_adjunct_is_what_was_said() -> None:
    body = "Senator Ada Quill said to applause from supporters that taxes would fall."
    assert quotes(body) == [("indirect", "taxes would fall", "ada-quill", "Ada Quill")]
    body = "Governor Ned Farrow said in a memo to staff that the office would close."
    assert quotes(body) == [
        ("indirect", "the office would close", "ned-farrow", "Ned Farrow"),
    ]


def test_a_clause_after_an_adjunct_without_that_is_kept() -> None:
    body = "Governor Ned Farrow said in 2004 he would never run for president."
    q = only(table(body, "quotes"))
    assert q["text"].endswith("he would never run for president")


@pytest.mark.parametrize(
    "body",
    [
        "Governor Ned Farrow said in a memo to staff on Friday.",
        "Senator Ada Quill warned of a looming crisis in the region after the floods.",
        "Senator Ada Quill insisted on a full recount of the votes in the district.",
    ],
)
def test_a_cue_with_only_an_adjunct_after_it_gives_no_quote(body: str) -> None:
    assert table(body, "quotes") == []


def test_a_participle_after_the_attribution_is_a_second_claim() -> None:
    body = "“The virus is under control,” Dr. Ana Ruiz said, adding that no new cases were found."
    assert quotes(body) == [
        ("direct", "The virus is under control", "ana-ruiz", "Ana Ruiz"),
        ("indirect", "no new cases were found", "ana-ruiz", "Ana Ruiz"),
    ]
    assert [q["cue"] for q in table(body, "quotes")] == ["said", "adding"]


# ------------------------------------------------------- a quotation interrupted by its cue


def test_a_quotation_interrupted_by_its_cue_is_one_quote() -> None:
    body = (
        "“We have rebuilt the bridge,” Mayor Tom Brandt said, “and next year we will repair "
        "the hospital.”"
    )
    q = only(table(body, "quotes"))
    assert q["quote_type"] == "direct"
    assert q["text"] == (
        "We have rebuilt the bridge,” Mayor Tom Brandt said, “and next year we will repair "
        "the hospital"
    )
    assert (q["speaker_id"], q["cue"]) == ("tom-brandt", "said")


def test_an_interrupted_quotation_with_an_inverted_or_pronoun_speaker() -> None:
    body = "“The road,” said Mayor Tom Brandt, “will open again in May.”"
    assert quotes(body) == [
        (
            "direct",
            "The road,” said Mayor Tom Brandt, “will open again in May",
            "tom-brandt",
            "Tom Brandt",
        )
    ]
    body = (
        "Mayor Tom Brandt spoke on Monday. “We have rebuilt the bridge,” he said on Monday, "
        "“and the school comes next.”"
    )
    q = only(table(body, "quotes"))
    assert (q["text"], q["speaker_id"], q["speaker_text"]) == (
        "We have rebuilt the bridge,” he said on Monday, “and the school comes next",
        "tom-brandt",
        "he",
    )


def test_a_quotation_after_a_full_stop_is_not_the_same_quote() -> None:
    body = "“We have rebuilt the bridge,” Tom Brandt said. “The school comes next.”"
    assert quotes(body) == [
        ("direct", "We have rebuilt the bridge", "tom-brandt", "Tom Brandt"),
        ("direct", "The school comes next", "tom-brandt", "Tom Brandt"),
    ]


# ------------------------------------------------------------------------------ round-ups


def test_round_up_lines_name_outlet_colon_are_quotes() -> None:
    body = (
        "Reaction came from across the region.\n\n"
        "Anna Berg, The Nordic Times: “This is a turning point for the region.”\n\n"
        "Paul Duval, Le Quotidien: “Nobody expected the vote to pass so easily.”\n\n"
        "- Omar Haddad (Gulf Post): Markets will calm down within a week."
    )
    assert quotes(body) == [
        ("direct", "This is a turning point for the region", "anna-berg", "Anna Berg"),
        ("direct", "Nobody expected the vote to pass so easily", "paul-duval", "Paul Duval"),
        ("indirect", "Markets will calm down within a week", "omar-haddad", "Omar Haddad"),
    ]
    assert {q["cue"] for q in table(body, "quotes")} == {":"}


@pytest.mark.parametrize(
    "body",
    [
        "Venue: Madison Square Garden, New York.",
        "UPDATE: The road has reopened after the storm.",
        "Maria Kowalski: a life in politics and the long road to power.",
        "Senator Ada Quill said: the vote is over.",  # a cue, not a round-up
    ],
)
def test_a_label_or_headline_before_a_colon_is_not_a_round_up(body: str) -> None:
    assert all(q["cue"] != ":" for q in table(body, "quotes"))


# ------------------------------------------------------ indirect speech beyond say and tell


@pytest.mark.parametrize(
    ("body", "text", "cue"),
    [
        (
            "Opposition leader Karen Oduya criticised the government for failing to fund schools.",
            "the government for failing to fund schools",
            "criticised",
        ),
        (
            "Finance Minister Karen Oduya insisted the budget was balanced.",
            "the budget was balanced",
            "insisted",
        ),
        (
            "Finance Minister Karen Oduya warned that inflation would rise next year.",
            "inflation would rise next year",
            "warned",
        ),
        (
            "Finance Minister Karen Oduya denied that the ministry had hidden the debt.",
            "the ministry had hidden the debt",
            "denied",
        ),
        (
            "Finance Minister Karen Oduya acknowledged the response had been slow.",
            "the response had been slow",
            "acknowledged",
        ),
        (
            "Finance Minister Karen Oduya argued that the contract had been broken.",
            "the contract had been broken",
            "argued",
        ),
        (
            "Finance Minister Karen Oduya conceded the deficit was larger than planned.",
            "the deficit was larger than planned",
            "conceded",
        ),
        (
            "Finance Minister Karen Oduya asked why the agency had waited so long.",
            "why the agency had waited so long",
            "asked",
        ),
        (
            "Finance Minister Karen Oduya questioned whether the agency had acted in time.",
            "whether the agency had acted in time",
            "questioned",
        ),
        (
            "Finance Minister Karen Oduya explained how the new tax would be collected.",
            "how the new tax would be collected",
            "explained",
        ),
    ],
)
def test_indirect_speech_with_cues_beyond_say_and_tell(body: str, text: str, cue: str) -> None:
    q = only(table(body, "quotes"))
    assert (q["quote_type"], q["text"], q["cue"], q["speaker_id"]) == (
        "indirect",
        text,
        cue,
        "karen-oduya",
    )


def test_a_participle_cue_after_a_comma_has_the_subject_of_the_sentence() -> None:
    body = "Finance Minister Karen Oduya rejected the plan, warning that it would fail."
    q = only(table(body, "quotes"))
    assert (q["text"], q["cue"], q["speaker_id"]) == ("it would fail", "warning", "karen-oduya")


def test_a_coordinated_cue_shares_the_subject_of_the_first() -> None:
    body = (
        "Posts on the forum of the rail workers theorized that a signal had failed, and wrote "
        "that the trains were running late."
    )
    found = table(body, "quotes")
    assert [(q["text"], q["cue"]) for q in found] == [
        ("a signal had failed", "theorized"),
        ("the trains were running late", "wrote"),
    ]
    assert found[0]["speaker_id"] == found[1]["speaker_id"] == f"{DOC_ID}:post"
    assert found[0]["speaker_text"] == "Posts"


def test_the_agent_of_a_passive_cue_is_the_speaker() -> None:
    body = "At the trial, it was claimed by the defence that the witness had lied."
    q = only(table(body, "quotes"))
    assert (q["text"], q["cue"], q["speaker_text"]) == (
        "the witness had lied",
        "claimed",
        "the defence",
    )


@pytest.mark.parametrize(
    "body",
    [
        "The square was lit by a laser light show and theme music.",
        "The light show can be seen from the steps of the old hall.",
        "Later she came upon a blog written by the former director of the club.",
    ],
)
def test_a_cue_word_used_as_a_noun_or_participle_is_no_cue(body: str) -> None:
    assert table(body, "quotes") == []


# ----------------------------------------------------------------------------- mixed quotes


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            "Senator Ada Quill said the plan was “a disaster for farmers” and should be scrapped.",
            "the plan was “a disaster for farmers” and should be scrapped",
        ),
        (
            "Senator Ada Quill described the plan as “a disaster for farmers”.",
            "the plan as “a disaster for farmers”",
        ),
        (
            "According to Senator Ada Quill, the cuts were “a disaster for farmers”.",
            "the cuts were “a disaster for farmers”",
        ),
    ],
)
def test_a_quoted_fragment_inside_indirect_speech_is_partial(body: str, text: str) -> None:
    q = only(table(body, "quotes"))
    assert (q["quote_type"], q["text"], q["speaker_id"]) == ("partial", text, "ada-quill")


def test_an_uncued_fragment_after_a_quote_is_partial_not_direct() -> None:
    body = (
        "“We rebuilt the bridge,” Mayor Tom Brandt said. The new school, by contrast, was "
        "“a gift to the next generation of children here”."
    )
    assert quotes(body) == [
        ("direct", "We rebuilt the bridge", "tom-brandt", "Tom Brandt"),
        ("partial", "a gift to the next generation of children here", "tom-brandt", "Tom Brandt"),
    ]


# -------------------------------------------------------------------------- junk speakers


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("However analysts said the deal would collapse.", "analysts"),
        ("Meanwhile analysts said the deal would collapse.", "analysts"),
        ("Instead critics said the plan would fail.", "critics"),
        ("Reportedly the company said the factory would close.", "the company"),
        ("Separately, the company said the factory would close.", "the company"),
    ],
)
def test_a_sentence_adverb_is_not_part_of_the_speaker(body: str, speaker: str) -> None:
    q = only(table(body, "quotes"))
    assert q["speaker_text"] == speaker
    for name in actor_names(body):
        assert not {"however", "meanwhile", "instead", "reportedly", "separately"} & set(
            name.lower().split()
        ), name


@pytest.mark.parametrize("adverb", ["angrily", "bluntly", "quietly"])
def test_a_manner_adverb_after_the_speaker_is_not_part_of_it(adverb: str) -> None:
    body = f"Senator Ada Quill spoke on Monday. “The vote was rigged,” the senator {adverb} said."
    q = only(table(body, "quotes"))
    assert (q["speaker_id"], q["speaker_text"]) == ("ada-quill", "the senator")
    assert all(adverb not in name for name in actor_names(body))


def test_a_noun_in_ly_stays_the_speaker() -> None:
    q = only(table("The family said the search would continue.", "quotes"))
    assert q["speaker_text"] == "The family"


def test_a_bracketed_acronym_between_speaker_and_cue() -> None:
    body = "The World Trade Body (WTB) recommends that every country should cut tariffs."
    q = only(table(body, "quotes"))
    assert (q["speaker_text"], q["text"]) == (
        "The World Trade Body",
        "every country should cut tariffs",
    )


def test_a_relative_pronoun_speaker_is_its_antecedent() -> None:
    body = (
        "“We did nothing wrong,” said Lena Ortiz, the police chief, who denied that officers "
        "had used force."
    )
    assert quotes(body) == [
        ("direct", "We did nothing wrong", "lena-ortiz", "Lena Ortiz"),
        ("indirect", "officers had used force", "lena-ortiz", "Lena Ortiz"),
    ]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("Groups such as the Red Cross have said that the camps are overcrowded.", "Groups"),
        (
            "Rights groups, including Amnesty International, said the trial was unfair.",
            "Rights groups",
        ),
    ],
)
def test_an_example_inside_the_subject_is_not_the_speaker(body: str, speaker: str) -> None:
    assert only(table(body, "quotes"))["speaker_text"] == speaker


def test_a_speaker_phrase_ends_before_its_post_modifier() -> None:
    body = (
        "The results of the national survey published in the Medical Journal of Ruritania this "
        "week revealed that children lack iodine."
    )
    q = only(table(body, "quotes"))
    assert (q["speaker_text"], q["speaker_id"]) == ("The results", f"{DOC_ID}:result")
    body = "Recent analysis of its own traffic figures concluded that the browser was in decline."
    assert only(table(body, "quotes"))["speaker_text"] == "Recent analysis"


# ------------------------------------------------- cues whose content is an infinitive, nouns


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            "Speaking on Monday, Ada Quill vowed to rebuild the old bridge.",
            "to rebuild the old bridge",
        ),
        ("Health officials warned residents to boil their water.", "residents to boil their water"),
        (
            "In France, the ministry asked for all imported cattle to be tested.",
            "for all imported cattle to be tested",
        ),
    ],
)
def test_a_to_infinitive_after_a_cue_that_takes_one_is_the_content(body: str, text: str) -> None:
    assert only(table(body, "quotes"))["text"] == text


def test_an_opening_adverbial_is_never_the_content() -> None:
    body = "However, the union insisted on a new vote in every district of the region."
    assert all(q["text"] != "However" for q in table(body, "quotes"))


@pytest.mark.parametrize(
    "body",
    [
        "While nine deaths have been confirmed, the total number is not known.",
        "The disease has been found in 24 states, including Ohio and Texas.",
        "Local health authorities deny finding the bacteria in the town water supply.",
        "Writing in a blog post, the columnist called the dispute a long war of attrition.",
    ],
)
def test_no_quote_from_a_negated_passive_a_counted_noun_or_a_gerund(body: str) -> None:
    for q in table(body, "quotes"):
        assert q["cue"] not in {"known", "states", "finding", "post"}, q


def test_a_parenthetical_inverted_attribution_keeps_the_words_before_it() -> None:
    body = "Museums, said curator Ana Ruiz, must show the prints every ten years."
    q = only(table(body, "quotes"))
    assert (q["text"], q["speaker_id"]) == ("Museums", "ana-ruiz")


# ------------------------------------------------------------- where the parser decides


def parsed_and_not(body: str) -> tuple[list[Row], list[Row]]:
    """The quotes of ``body`` with the parser and with word windows only."""
    from dateline.extract import extract
    from dateline.extract.resources import Resources
    from fixtures.articles import article

    def rows(res: Resources) -> list[Row]:
        found = extract(article(body), res).rows["quotes"]
        return [(q["quote_type"], q["text"], q["speaker_id"], q["speaker_text"]) for q in found]

    return rows(Resources.default()), rows(Resources.default().without_parser())


def test_the_parse_leaves_the_listener_out_of_a_bare_reported_clause() -> None:
    parsed, windows = parsed_and_not("Mayor Tom Brandt told Ivo Marek he would fund the school.")
    assert parsed == [("indirect", "he would fund the school", "tom-brandt", "Tom Brandt")]
    assert windows == [
        ("indirect", "Ivo Marek he would fund the school", "tom-brandt", "Tom Brandt")
    ]


@pytest.mark.parametrize(
    "body",
    [
        "The patrol found a leather wallet near the old river bank this morning.",
        "Photos of the harbour showed several damaged boats and a lot of scattered debris.",
    ],
)
def test_a_finding_verb_with_an_object_and_no_clause_is_no_quote(body: str) -> None:
    parsed, _ = parsed_and_not(body)
    assert parsed == []


def test_a_bare_clause_after_a_finding_verb_is_kept() -> None:
    parsed, _ = parsed_and_not("The researchers found crop yields fell by a tenth in dry years.")
    assert [q[1] for q in parsed] == ["crop yields fell by a tenth in dry years"]


def test_a_participle_cue_takes_the_subject_of_its_verb_from_the_parse() -> None:
    parsed, windows = parsed_and_not(
        "The harbour master rejected the plan, warning that it would fail."
    )
    assert parsed == [
        ("indirect", "it would fail", f"{DOC_ID}:harbour-master", "The harbour master")
    ]
    assert windows == []
