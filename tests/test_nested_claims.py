"""Claims reported inside a quotation (issue 12): a quotation that itself reports what someone
else said holds a second claim, attributed to the inner speaker when an inner speech cue has
its own subject there; otherwise the words stay the outer speaker's. Also: quotations whose
marks mix curly and straight quotes. Every sentence is written for these tests.
"""

from __future__ import annotations

import pytest

from dateline.evaluate.score import content_core
from dateline.extract.quotes import quoted_spans
from fixtures.articles import table

Row = tuple[str, str, str | None]


def quotes(body: str) -> list[Row]:
    """(type, text, speaker text) of each quote, in text order."""
    return [(q["quote_type"], q["text"], q["speaker_text"]) for q in table(body, "quotes")]


def test_a_named_inner_speaker_gets_the_claim_inside_the_quotation() -> None:
    body = (
        "Former aide Mark Hollis fell out with director Jim Carver last year. "
        "Hollis wrote, “Carver "
        "proceeded to lie to the board that the files were never copied, and made a case that "
        "nobody would notice.”"
    )
    assert quotes(body) == [
        (
            "direct",
            "Carver proceeded to lie to the board that the files were never copied, and "
            "made a case that nobody would notice",
            "Hollis",
        ),
        # the claim ends where a predicate coordinated with the cue's clause begins
        ("indirect", "the files were never copied", "Carver"),
    ]


def test_the_agent_of_a_passive_cue_inside_a_quotation_is_the_inner_speaker() -> None:
    body = (
        "Defence lawyer Anne Pryce addressed the jury on Tuesday. “The accounts were a mess, and "
        "it is asserted by the prosecution that both directors knew this,” Pryce said."
    )
    rows = quotes(body)
    assert ("indirect", "both directors knew this", "the prosecution") in rows
    assert rows[0][2] == "Pryce"


def test_a_nominal_inner_speaker_becomes_an_actor_and_the_outer_quote_stays() -> None:
    body = (
        "“The mayor told the council that the bridge was safe, and nobody checked,” engineer "
        "Tom Reyes said."
    )
    rows = quotes(body)
    assert rows == [
        (
            "direct",
            "The mayor told the council that the bridge was safe, and nobody checked",
            "Tom Reyes",
        ),
        ("indirect", "the bridge was safe", "The mayor"),
    ]
    assert "mayor" in [a["name"] for a in table(body, "actors")]


@pytest.mark.parametrize(
    "body",
    [
        # first and second person: the quotation's own speaker or its listener
        "“I told them that the bridge was unsafe,” engineer Tom Reyes said.",
        "“We have warned the council that the bridge is unsafe,” engineer Tom Reyes said.",
        "“You said that the bridge was safe,” engineer Tom Reyes told the mayor.",
        # nobody, a negated cue, a modal: no claim is reported
        "“No one has told us that the bridge is safe,” engineer Tom Reyes said.",
        "“The mayor never told the council that the bridge was safe,” engineer Tom Reyes said.",
        "“The mayor could say that the bridge is safe,” engineer Tom Reyes said.",
        # a finding, or a thing as subject, is the speaker's own reasoning
        "“The tests show that the bridge is unsafe,” engineer Tom Reyes said.",
        "“Initial checks confirm that the bridge is unsafe,” engineer Tom Reyes said.",
        # no marker close to the cue: no reported clause
        "“Testing has ruled out the chance of this being a crack that spreads,” Tom Reyes said.",
    ],
)
def test_the_quotation_stays_the_outer_speakers_without_an_inner_speaker(body: str) -> None:
    assert [speaker for _, _, speaker in quotes(body)] == ["Tom Reyes"]


def test_an_inner_pronoun_that_is_the_outer_speaker_adds_no_row() -> None:
    body = "Tom Reyes spoke on Monday. “He told the council that the bridge was safe,” Reyes said."
    # "He" points back to Tom Reyes, the speaker of the quotation: one row, his
    assert [speaker for _, _, speaker in quotes(body)] == ["Reyes"]


def test_an_event_inside_a_nested_claim_is_reported_by_the_inner_speaker() -> None:
    body = (
        "Opposition leader Maria Lopez spoke to reporters on Monday. “The interior minister told "
        "the press that Venezuelan troops attacked a camp near Maracaibo, and then he denied "
        "it,” Lopez said."
    )
    inner = next(q for q in table(body, "quotes") if q["speaker_text"] == "The interior minister")
    (event,) = [e for e in table(body, "events") if e["trigger"] == "attacked"]
    assert event["quote_id"] == inner["quote_id"]
    assert event["reported_by_id"] == inner["speaker_id"]
    assert event["actor_id"] == "ven-military"


def test_lied_to_is_a_speech_cue_only_with_a_reported_clause() -> None:
    body = "Councillor Jo Platt lied to the committee that the report had been sent."
    assert quotes(body) == [("indirect", "the report had been sent", "Jo Platt")]
    assert quotes("Councillor Jo Platt lied to the committee about her expenses.") == []


@pytest.mark.parametrize(
    "body",
    [
        'Nurse Ann Oduya told the paper that “the water is dirty and the wards are full." Later, '
        "officials said the ward would close.",
        'Nurse Ann Oduya said: "the water is dirty and the wards are full.” Later, officials said '
        "the ward would close.",
    ],
)
def test_mixed_curly_and_straight_marks_close_a_quotation(body: str) -> None:
    text = body
    spans = quoted_spans(text, [(0, len(text))])
    assert len(spans) == 1
    assert text[spans[0][0] + 1 : spans[0][1] - 1] == "the water is dirty and the wards are full."
    assert ("indirect", "the ward would close", "officials") in quotes(body)


@pytest.mark.parametrize(
    ("text", "core"),
    [
        ("that the bridge was safe", "the bridge was safe"),
        ('"The plan is dead ..."', "The plan is dead"),
        ("“We will win,”", "We will win"),
        ("thatched roofs burned", "thatched roofs burned"),
    ],
)
def test_evaluation_compares_gold_content_without_marks_and_that(text: str, core: str) -> None:
    body = f"xx {text} yy"
    a, b = content_core(body, 3, 3 + len(text))
    assert body[a:b] == core
