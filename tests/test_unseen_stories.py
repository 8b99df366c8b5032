"""Failure patterns found by running extraction on short stories written for these tests
(tests/fixtures/stories: US local politics, a court report, a wire story on a protest abroad,
an official press release), each pinned on a sentence of its own; and the stories themselves,
read end to end.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.article import read_article
from dateline.extract import extract
from fixtures.articles import table

STORIES = Path(__file__).parent / "fixtures" / "stories"


def quotes(body: str) -> list[tuple[str, str | None]]:
    return [(q["text"], q["speaker_text"]) for q in table(body, "quotes")]


@pytest.mark.parametrize(
    "body",
    [
        "Daniel Shore admitted fraud by abuse of position at the crown court on Tuesday.",
        "Opposition leader Ana Reyes denied the claim and called for an independent inquiry.",
    ],
)
def test_a_plea_or_denial_with_a_plain_object_is_no_quote(body: str) -> None:
    assert quotes(body) == []


def test_admitted_and_denied_with_a_clause_are_quotes() -> None:
    assert quotes("Daniel Shore admitted that he had taken the money.") == [
        ("he had taken the money", "Daniel Shore")
    ]
    assert quotes("Ana Reyes denied that her party had paid the gangs.") == [
        ("her party had paid the gangs", "Ana Reyes")
    ]


def test_why_a_source_is_unnamed_is_not_what_the_source_said() -> None:
    body = (
        "A city official, who asked not to be named because he was not authorized to discuss "
        "the budget, said the meters cost more to repair each year."
    )
    assert quotes(body) == [("the meters cost more to repair each year", "A city official")]
    (official,) = table(body, "actors")
    assert official["is_anonymous"] is True
    assert official["anonymity_reason"] == "not authorized to discuss the budget"


def test_a_plural_agent_noun_inside_a_quotation_is_an_inner_speaker() -> None:
    body = "“The tenants told us that the boiler had failed twice,” landlord Ivo Marek said."
    assert ("the boiler had failed twice", "The tenants") in quotes(body)


def test_a_cue_word_read_as_an_object_is_no_cue() -> None:
    body = "The grants, awarded through the program, will fund projects in eight states."
    assert quotes(body) == []


@pytest.mark.parametrize("story", sorted(STORIES.glob("*.txt")), ids=lambda p: p.stem)
def test_each_story_extracts_with_quotes_and_speakers(story: Path) -> None:
    rows = extract(read_article(story)).rows
    assert rows["quotes"]
    assert all(q["speaker_id"] for q in rows["quotes"])
    json.dumps(rows, default=str)  # rows are plain data


def test_the_wire_story_reads_police_and_an_anonymous_spokeswoman() -> None:
    rows = extract(read_article(STORIES / "wire_protest.txt")).rows
    actors = {a["actor_id"]: a for a in rows["actors"]}
    assert actors["ken-police"]["sector"] == "COP"
    arrested = next(e for e in rows["events"] if e["trigger"] == "arrested")
    assert arrested["actor_id"] == "ken-police"
    spokeswoman = next(a for a in actors.values() if a["name"] == "police spokeswoman")
    assert spokeswoman["is_anonymous"] is True


def test_the_local_story_reads_its_commission_and_a_nested_claim() -> None:
    rows = extract(read_article(STORIES / "local_politics.txt")).rows
    bodies = {a["name"]: a for a in rows["actors"] if a["actor_type"] == "government"}
    assert bodies["Dayton City Commission"]["country"] == "USA"
    assert bodies["Montgomery County Board of Commissioners"]["role"] == (
        "county board of commissioners"
    )
    speakers = {q["speaker_text"] for q in rows["quotes"]}
    assert "The merchants" in speakers
