"""Quotes on short sentences written for the tests: direct, inverted, partial and indirect
quotes, "according to", "X said:" before a quoted paragraph, continuations, pronoun and issuer
attribution, and exact offsets. Articles are dated 2024-03-06 with doc id ``t1``.
"""

from __future__ import annotations

import pytest

from dateline.extract.calibration import load as load_calibration
from dateline.lexicon import load as load_lexicon
from fixtures.articles import DOC_ID, actor, only, rows, table


def calibrated(name: str, row: dict) -> float:
    """The confidence the calibration table gives a row like this one."""
    return load_calibration().confidence(name, row, load_lexicon())


def quotes(body: str) -> list[tuple[str, str, str | None, str | None, str]]:
    """(type, text, speaker id, speaker text, attribution) of each quote, in text order."""
    return [
        (q["quote_type"], q["text"], q["speaker_id"], q["speaker_text"], q["attribution"])
        for q in table(body, "quotes")
    ]


def test_direct_quote_with_pronoun_speaker_after_it() -> None:
    body = (
        "Foreign Minister Dana Petrova spoke in Sofia. “We will not accept these terms,” she said."
    )
    q = only(table(body, "quotes"))
    assert (q["quote_type"], q["text"], q["cue"]) == (
        "direct",
        "We will not accept these terms",
        "said",
    )
    assert (q["speaker_id"], q["speaker_text"], q["attribution"]) == (
        "dana-petrova",
        "she",
        "pronoun",
    )
    assert q["sentence_index"] == 1
    assert q["confidence"] == calibrated("quotes", q)


def test_direct_quote_with_a_full_name_after_it() -> None:
    body = "“We have rebuilt the bridge,” Tom Brandt said."
    assert quotes(body) == [
        ("direct", "We have rebuilt the bridge", "tom-brandt", "Tom Brandt", "explicit")
    ]


def test_inverted_attribution_to_a_definite_description() -> None:
    body = "Mayor Tom Brandt spoke Monday. “The road is open again,” said the mayor."
    assert quotes(body) == [
        ("direct", "The road is open again", "tom-brandt", "the mayor", "nominal")
    ]


def test_inverted_attribution_without_antecedent_is_an_unnamed_source() -> None:
    body = "“The road is open again,” said the spokeswoman."
    q = only(table(body, "quotes"))
    assert (q["quote_type"], q["text"], q["speaker_text"]) == (
        "direct",
        "The road is open again",
        "the spokeswoman",
    )
    a = actor(body, q["speaker_id"])
    assert (a["actor_id"], a["actor_type"], a["doc_id"]) == (
        f"{DOC_ID}:spokeswoman",
        "person",
        DOC_ID,
    )


def test_two_quoted_fragments_in_one_sentence_are_two_partial_quotes() -> None:
    body = "Mayor Tom Brandt said the plan was “reckless” and “a waste of public money.”"
    assert quotes(body) == [
        ("partial", "reckless", "tom-brandt", "Tom Brandt", "explicit"),
        ("partial", "a waste of public money", "tom-brandt", "Tom Brandt", "explicit"),
    ]


def test_fragment_inside_a_long_paraphrase_is_one_partial_quote() -> None:
    body = (
        "Mayor Tom Brandt said the plan was “reckless” for a small town "
        "with many other needs and pressing problems."
    )
    q = only(table(body, "quotes"))
    assert q["quote_type"] == "partial"
    assert q["text"] == (
        "the plan was “reckless” for a small town with many other needs and pressing problems"
    )


def test_indirect_quote_starts_after_that() -> None:
    body = "Colonel Ivan Rusk said that the base would close in May."
    assert quotes(body) == [
        ("indirect", "the base would close in May", "ivan-rusk", "Ivan Rusk", "explicit")
    ]
    assert only(table(body, "quotes"))["cue"] == "said"


def test_according_to_after_the_content() -> None:
    body = "The border will reopen next week, according to Egyptian officials."
    q = only(table(body, "quotes"))
    assert (q["quote_type"], q["text"], q["cue"], q["attribution"]) == (
        "indirect",
        "The border will reopen next week",
        "according to",
        "according_to",
    )
    assert q["speaker_id"] == f"{DOC_ID}:egyptian-officials"
    assert q["speaker_text"] == "Egyptian officials"
    assert q["confidence"] == calibrated("quotes", q)


def test_according_to_before_the_content() -> None:
    body = "According to Colonel Ivan Rusk, the base will close in May."
    q = only(table(body, "quotes"))
    assert (q["quote_type"], q["text"], q["speaker_id"], q["attribution"]) == (
        "indirect",
        "the base will close in May",
        "ivan-rusk",
        "according_to",
    )


def test_said_colon_introduces_the_quoted_paragraph_that_follows() -> None:
    body = "Mayor Tom Brandt said:\n\n“We have rebuilt the bridge and the school.”"
    q = only(table(body, "quotes"))
    assert (q["quote_type"], q["text"], q["speaker_id"], q["sentence_index"]) == (
        "direct",
        "We have rebuilt the bridge and the school",
        "tom-brandt",
        0,
    )


def test_quotation_continuing_in_the_next_paragraph_keeps_the_speaker() -> None:
    body = (
        "“We have rebuilt the bridge and the school,” Tom Brandt said.\n\n"
        "“Next year we will repair the old hospital on the hill.”"
    )
    assert quotes(body) == [
        (
            "direct",
            "We have rebuilt the bridge and the school",
            "tom-brandt",
            "Tom Brandt",
            "explicit",
        ),
        (
            "direct",
            "Next year we will repair the old hospital on the hill",
            "tom-brandt",
            "Tom Brandt",
            "explicit",
        ),
    ]
    assert [q["sentence_index"] for q in table(body, "quotes")] == [0, 1]


def test_quotation_reopened_in_each_paragraph_is_one_speaker() -> None:
    body = (
        "“We have rebuilt the bridge,” Tom Brandt said. “The school comes next.\n\n"
        "“After that we will repair the old hospital on the hill.”"
    )
    # news style: the quotation left open at the paragraph end is reopened with “ and runs on
    assert [(q["quote_type"], q["text"], q["speaker_id"]) for q in table(body, "quotes")] == [
        ("direct", "We have rebuilt the bridge", "tom-brandt"),
        (
            "direct",
            "The school comes next.\n\n“After that we will repair the old hospital on the hill",
            "tom-brandt",
        ),
    ]


def test_he_added_resolves_to_the_latest_person() -> None:
    body = "“We have rebuilt the bridge,” Tom Brandt said. “The school comes next,” he added."
    second = table(body, "quotes")[-1]
    assert (second["text"], second["cue"], second["speaker_id"], second["attribution"]) == (
        "The school comes next",
        "added",
        "tom-brandt",
        "pronoun",
    )


def test_the_statement_added_resolves_to_the_issuer() -> None:
    body = (
        "The Interior Ministry said in a statement that the curfew would end on Friday. "
        "The statement added that schools would reopen."
    )
    assert quotes(body) == [
        (
            "indirect",
            "the curfew would end on Friday",
            "interior-ministry",
            "Interior Ministry",
            "explicit",
        ),
        ("indirect", "schools would reopen", "interior-ministry", "The statement", "issuer"),
    ]
    assert [q["cue"] for q in table(body, "quotes")] == ["said in a statement", "added"]


def test_no_quote_without_a_cue() -> None:
    body = "The river rose sharply overnight. Crews cleared the roads."
    assert table(body, "quotes") == []


def test_quoted_title_without_a_cue_is_no_quote() -> None:
    body = "The theatre staged “The Long Winter” in Sofia on Monday."
    assert table(body, "quotes") == []


def test_speech_date_comes_from_the_phrase_after_the_cue() -> None:
    body = "Colonel Ivan Rusk said Tuesday that the base would close."
    q = only(table(body, "quotes"))
    assert q["text"] == "the base would close"
    assert (str(q["date"]), q["date_precision"]) == ("2024-03-05", "day")


@pytest.mark.parametrize(
    "body",
    [
        "Foreign Minister Dana Petrova spoke in Sofia. “We will not accept these terms,” she "
        "said.\n\nShe added that talks would continue.",
        "Mayor Tom Brandt said the plan was “reckless” and “a waste of public money.”",
        "KYIV, Ukraine (AP) — The border will reopen next week, according to Ukrainian officials.",
        "Mayor Tom Brandt said:\n\n“We have rebuilt the bridge and the school.”",
    ],
)
def test_offsets_slice_the_body_exactly(body: str) -> None:
    found = table(body, "quotes")
    assert found
    for q in found:
        assert body[q["char_start"] : q["char_end"]] == q["text"]
        if q["speaker_id"] is not None:
            assert body[q["speaker_start"] : q["speaker_end"]] == q["speaker_text"]
    for m in rows(body)["mentions"]:
        assert body[m["char_start"] : m["char_end"]] == m["text"]


# --------------------------------------------------------------------------- fixed bugs
# Each case below was a bug found by these tests; they pin the fix.


def test_direct_quote_before_a_titled_speaker() -> None:
    body = "“We have rebuilt the bridge,” Mayor Tom Brandt said."
    assert quotes(body) == [
        ("direct", "We have rebuilt the bridge", "tom-brandt", "Tom Brandt", "explicit")
    ]


def test_inverted_titled_speaker_is_the_person() -> None:
    body = "“We have rebuilt the bridge,” said Mayor Tom Brandt."
    assert only(table(body, "quotes"))["speaker_id"] == "tom-brandt"
    assert [a["actor_id"] for a in table(body, "actors")] == ["tom-brandt"]


def test_two_attributions_in_one_sentence_are_two_quotes() -> None:
    body = "Officials said the bridge was closed, and the mayor said it would reopen."
    assert [q["text"] for q in table(body, "quotes")] == [
        "the bridge was closed",
        "it would reopen",
    ]


def test_a_noun_cue_without_a_quote_adds_no_actor() -> None:
    body = "The USI report was published in Ohio."
    assert table(body, "quotes") == []
    assert table(body, "actors") == []


def test_quoted_title_after_on_is_not_what_was_said() -> None:
    body = '"The old browser is gone. It is time to move on," Vexa says on "The Orion Page".'
    q = only(table(body, "quotes"))
    assert q["text"] == "The old browser is gone. It is time to move on"
    assert q["speaker_text"] == "Vexa"


def test_named_speaker_after_a_role_noun() -> None:
    body = "The security firm Lantix.com, has said that the flaw was patched."
    q = only(table(body, "quotes"))
    assert q["speaker_id"] == "lantix-com"
    assert actor(body, "lantix-com")["actor_type"] == "organization"
    body = "The magazine Vantage Weekly said the ban would hurt sales."
    assert actor(body, "vantage-weekly")["actor_type"] == "media"


def test_sentence_ending_on_the_cue_does_not_fail() -> None:
    assert table("The minister said", "quotes") == []


def test_demonym_after_the_is_the_speaker() -> None:
    q = only(table('"The strikes must stop," the Syrian said.', "quotes"))
    assert (q["text"], q["speaker_text"]) == ("The strikes must stop", "the Syrian")


def test_weekday_between_speaker_and_cue() -> None:
    q = only(table('"We will not stop," a senior official Wednesday said.', "quotes"))
    assert q["speaker_text"] == "a senior official"


def test_the_quote_stage_returns_the_speakers_it_creates_and_leaves_the_entities_alone() -> None:
    from dateline.extract.entities import build_entities
    from dateline.extract.quotes import extract_quotes, quoted_spans
    from dateline.extract.resources import Resources
    from dateline.extract.segment import segment
    from fixtures.articles import article

    doc = article("The researchers found that the river had risen by two metres.")
    seg = segment(doc, Resources.default())
    quoted = quoted_spans(doc.body, [(p.start, p.end) for p in seg.paragraphs])
    ents = build_entities(doc, seg, quoted)
    before = (dict(ents.actors), list(ents.mentions))
    found = extract_quotes(seg, ents, quoted)
    assert (dict(ents.actors), list(ents.mentions)) == before
    assert [a.actor_id for a in found.speakers.actors] == [f"{DOC_ID}:researcher"]
    assert [m.text for m in found.speakers.mentions] == ["researchers"]
    assert found.quotes[0].speaker.actor is found.speakers.actors[0]
    found.speakers.add_to(ents)
    assert f"{DOC_ID}:researcher" in ents.actors


def test_a_working_copy_of_the_entities_indexes_its_mentions_as_a_fresh_index_does() -> None:
    from dataclasses import replace

    from dateline.extract.entities import MentionIndex, build_entities
    from dateline.extract.model import Mention, MentionType
    from dateline.extract.quotes import quoted_spans
    from dateline.extract.resources import Resources
    from dateline.extract.segment import segment
    from fixtures.articles import article

    doc = article(
        "Mayor Ana Ruiz of Ostrava met Jan Novak. Ruiz said the Ostrava Council would vote."
    )
    seg = segment(doc, Resources.default())
    quoted = quoted_spans(doc.body, [(p.start, p.end) for p in seg.paragraphs])
    ents = build_entities(doc, seg, quoted)
    work = ents.working_copy()
    last = work.mentions[-1]
    work.mentions.append(replace(last, start=last.start + 1, mention_type=MentionType.NAME))
    fresh, copied, kept = MentionIndex(work.mentions), work.index, ents.index

    def answers(index: MentionIndex, mentions: list[Mention]) -> list[object]:
        ends = sorted({m.end for m in mentions})
        return [
            *(index.starting(m.start, m.end) for m in mentions),
            *(index.covering(m.start, m.end) for m in mentions),
            *(index.ending(end) for end in ends),
            *(index.names(m.text) for m in mentions),
            index.first_ending(ends),
        ]

    assert len(work.mentions) == len(ents.mentions) + 1
    assert answers(copied, work.mentions) == answers(fresh, work.mentions)
    assert answers(kept, ents.mentions) == answers(MentionIndex(ents.mentions), ents.mentions)


def test_a_speech_date_reads_in_the_tense_of_the_attribution_not_of_the_reported_words() -> None:
    body = (
        "Prime Minister Dana Petrova told reporters in an interview in January that the two "
        "countries will meet by the end of the year."
    )
    q = only(table(body, "quotes"))
    assert (str(q["date"]), q["date_precision"]) == ("2024-01-01", "month")
