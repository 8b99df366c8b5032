"""The linguistic layer (extract/syntax.py): its helpers on sentences written for these tests,
which sentences it parses, and purity (a document's parse depends on that document alone)."""

from __future__ import annotations

from functools import cache

import pytest

from dateline.article import Article, read_article
from dateline.extract import extract
from dateline.extract.events.triggers import may_hold_trigger
from dateline.extract.gate import sentences_to_parse
from dateline.extract.quotes import doc_cues, quoted_in
from dateline.extract.resources import Resources
from dateline.extract.segment import Segmented, segment
from dateline.extract.syntax import Mood, Syntax, kept_syntax, syntax
from fixtures.corpus import dev_articles


@cache
def res() -> Resources:
    return Resources.default()


def parse(text: str, resources: Resources | None = None) -> tuple[Segmented, Syntax]:
    resources = resources or res()
    seg = segment(Article("syntax-test", "syntax-test.txt", text), resources)
    return seg, syntax(seg, resources)


def at(seg: Segmented, word: str, nth: int = 0) -> int:
    """The index of the ``nth`` token whose text is ``word``."""
    return [t.i for t in seg.doc if t.text == word][nth]


def text(seg: Segmented, i: int | None) -> str | None:
    return None if i is None else seg.doc[i].text


# -- clauses -------------------------------------------------------------------------------------
def test_subject_and_object_of_a_verb() -> None:
    seg, syn = parse("The army closed the border crossing on Monday.")
    v = at(seg, "closed")
    assert syn.upos(v) == "VERB" and syn.dep(v) == "ROOT" and syn.head(v) is None
    assert text(seg, syn.subject(v)) == "army"
    assert [text(seg, k) for k in syn.objects(v)] == ["crossing"]
    assert syn.governing_verb(at(seg, "crossing")) == v
    assert syn.governing_verb(v) == v
    assert syn.extent(syn.objects(v)[0]) == (at(seg, "the", 0), at(seg, "crossing") + 1)


def test_a_passive_verb_has_its_doer_in_the_by_phrase() -> None:
    seg, syn = parse("The convoy was attacked on Sunday by gunmen.")
    v = at(seg, "attacked")
    assert syn.is_passive(v)
    assert text(seg, syn.subject(v)) == "convoy"
    assert text(seg, syn.agent(v)) == "gunmen"
    assert ("on", at(seg, "Sunday")) in syn.obliques(v)


def test_an_infinitive_shares_the_subject_of_its_verb() -> None:
    seg, syn = parse("The ministers agreed to reopen the talks.")
    agreed, reopen = at(seg, "agreed"), at(seg, "reopen")
    assert syn.complement(agreed) == reopen
    assert text(seg, syn.subject(reopen)) == "ministers"
    assert [text(seg, k) for k in syn.objects(reopen)] == ["talks"]


def test_the_clausal_complement_of_a_speech_verb() -> None:
    seg, syn = parse("The governor said that the bridge would reopen next week.")
    said = at(seg, "said")
    assert text(seg, syn.subject(said)) == "governor"
    assert text(seg, syn.reported_clause(said)) == "reopen"
    assert syn.dep(at(seg, "reopen")) == "ccomp"


def test_a_parenthetical_speech_verb_reports_the_clause_it_hangs_on() -> None:
    seg, syn = parse("“The bridge is safe,” the engineer said.")
    said = at(seg, "said")
    assert text(seg, syn.subject(said)) == "engineer"
    reported = syn.reported_clause(said)
    assert reported is not None and at(seg, "The") <= reported < at(seg, ",")


def test_negation() -> None:
    seg, syn = parse("The union did not accept the offer, and it never signed the deal.")
    assert syn.is_negated(at(seg, "accept"))
    assert syn.is_negated(at(seg, "signed"))
    seg, syn = parse("The union accepted the offer.")
    assert not syn.is_negated(at(seg, "accepted"))


def test_conditional_and_modal_mood() -> None:
    seg, syn = parse("The rebels will leave the talks unless they are paid.")
    leave, paid = at(seg, "leave"), at(seg, "paid")
    assert syn.mood(leave) == Mood(modals=("will",), condition="unless")
    assert syn.mood(paid).marker == "unless"
    assert syn.mood(leave).hypothetical
    seg, syn = parse("If the strike goes ahead, the airport could close.")
    assert syn.mood(at(seg, "goes")).marker == "if"
    assert syn.mood(at(seg, "close")) == Mood(modals=("could",), condition="if")
    seg, syn = parse("The airport closed.")
    assert not syn.mood(at(seg, "closed")).hypothetical


def test_conjuncts() -> None:
    seg, syn = parse("Police arrested Smith, Jones and Brown after the protest.")
    smith, jones, brown = at(seg, "Smith"), at(seg, "Jones"), at(seg, "Brown")
    assert syn.conjuncts(smith) == (jones, brown)
    assert syn.conjuncts(brown) == (smith, jones)


def test_proper_nouns_and_offsets() -> None:
    seg, syn = parse("Officials in Nairobi said the storm had passed.")
    nairobi = at(seg, "Nairobi")
    assert syn.is_proper_noun(nairobi) is True
    assert syn.is_proper_noun(at(seg, "storm")) is False
    assert syn.xpos(nairobi) == "NNP"
    assert syn.token_at(seg.doc[nairobi].idx + 2) == nairobi
    assert syn.token_at(seg.doc[nairobi].idx - 1) is None  # the space before it


def test_children_in_text_order_and_by_relation() -> None:
    seg, syn = parse("The court fined the company and banned its owner.")
    fined = at(seg, "fined")
    kids = syn.children(fined)
    assert len(kids) > 2 and list(kids) == sorted(kids)
    assert syn.children(fined, "obj") == (at(seg, "company"),)
    banned = at(seg, "banned")
    assert syn.children(fined, "conj") == (banned,)
    assert text(seg, syn.subject(banned)) == "court"  # a conjunct shares the subject


# -- which sentences are parsed --------------------------------------------------------------------
def test_only_sentences_whose_parse_a_rule_reads_are_parsed() -> None:
    seg, syn = parse(
        "The weather was mild. The minister said the plan works. “We will see.” "
        "Rebels attacked the depot. Rain fell in the park."
    )
    wanted = sentences_to_parse(seg, res())
    # a speech cue, an event trigger, and a common word opening a sentence (the name rules ask
    # the tagger whether "Rain" is a name); not a quotation without a cue, nor plain prose
    assert sorted(wanted) == [1, 3, 4]
    assert syn.sentences == wanted
    mild = at(seg, "mild")
    assert not syn.parsed(mild)
    assert (syn.upos(mild), syn.head(mild), syn.children(mild)) == (None, None, ())
    assert syn.is_proper_noun(mild) is None and syn.governing_verb(mild) is None
    assert syn.parsed(at(seg, "plan")) and not syn.parsed(at(seg, "see"))
    assert syn.is_proper_noun(at(seg, "Rain")) is False


def test_inside_a_quotation_only_a_speech_cue_sends_its_sentence_to_the_parser() -> None:
    # a speech cue inside a quotation may report someone else's claim, which the quote rules
    # read from the parse; a belief there is the speaker's own and reads nothing
    seg = segment(
        Article(
            "gate-test",
            "gate-test.txt",
            "The dean spoke to the board. “We believe the figures are sound.” "
            "“The auditor told us the figures were wrong.”",
        ),
        res(),
    )
    cues = doc_cues(seg, res().lexicon, quoted_in(seg))
    assert [a.cue.kind for a in cues.inside[1]] == ["belief"]
    assert [a.cue.kind for a in cues.inside[2]] == ["speech"]
    assert not cues.claims_inside(1) and cues.claims_inside(2)
    assert sorted(sentences_to_parse(seg, res())) == [2]


def test_the_gate_finds_the_cues_once_for_the_quote_rules() -> None:
    seg = segment(
        Article("gate-test", "gate-test.txt", "The mayor said the road will reopen."), res()
    )
    sentences_to_parse(seg, res())
    cues = doc_cues(seg, res().lexicon, quoted_in(seg))
    assert [seg.doc[a:b].text for a, b, _ in cues.outside[0]] == ["said"]
    assert doc_cues(seg, res().lexicon, quoted_in(seg)) is cues  # kept, not found again


def test_a_trigger_needing_entities_around_it_passes_the_gate_before_they_are_known() -> None:
    # "deployed" is a trigger only near forces or a place ("@place"): before the mentions are
    # found, the gate takes that requirement as met; a sentence without the form does not pass
    text = "The government deployed them to Garissa. The cake was nice."
    seg = segment(Article("gate-test", "gate-test.txt", text), res())
    lex = res().lexicon
    first, second = seg.sentences
    assert may_hold_trigger(seg.doc, first, lex)
    assert not may_hold_trigger(seg.doc, second, lex)


def test_white_space_inside_a_sentence_is_not_parsed() -> None:
    seg, syn = parse("The minister said\nthe plan  works.")
    spaces = [t.i for t in seg.doc if t.is_space]
    assert spaces and not any(syn.parsed(i) for i in spaces)
    assert syn.reported_clause(at(seg, "said")) == at(seg, "works")


def test_without_the_parser_nothing_is_parsed() -> None:
    bare = res().without_parser()
    assert bare.parser is None and res().parser is not None
    seg, syn = parse("The minister said the plan works.", bare)
    assert syn.sentences == frozenset()
    said = at(seg, "said")
    assert syn.subject(said) is None and syn.reported_clause(said) is None
    assert syn.mood(said) == Mood() and not syn.is_negated(said)


def test_the_parse_is_kept_on_the_document_per_resources() -> None:
    seg, syn = parse("The minister said the plan works.")
    assert syntax(seg, res()) is syn
    bare = syntax(seg, res().without_parser())
    assert bare.sentences == frozenset()
    assert syntax(seg, res()).sentences == syn.sentences


def test_an_empty_or_cue_free_document_parses_to_nothing() -> None:
    for body in ("", "   \n\n  ", "Birds sang in the trees."):
        _, syn = parse(body)
        assert syn.sentences == frozenset()


def test_kept_syntax_reads_the_parse_back_or_nothing() -> None:
    seg = segment(Article("kept", "kept.txt", "The minister said the plan works."), res())
    assert kept_syntax(seg.doc).sentences == frozenset()  # not parsed yet
    syn = syntax(seg, res())
    assert kept_syntax(seg.doc) is syn


# -- names -----------------------------------------------------------------------------------------
def names(body: str, resources: Resources) -> set[tuple[str, str]]:
    rows = extract(Article("names-test", "names-test.txt", body), resources).rows
    return {(m["text"], m["entity_table"]) for m in rows["mentions"]}


def test_a_place_named_given_name_before_a_surname_is_a_person() -> None:
    body = "Jordan Smith, a dairy farmer, said the floods ruined his fields."
    with_parser = names(body, res())
    assert ("Jordan Smith", "actors") in with_parser
    assert ("Jordan", "locations") not in with_parser
    # the word-window rule reads it so too (mentions._nested_places: a place-named given name)
    assert ("Jordan", "locations") not in names(body, res().without_parser())
    assert ("Israel Folau", "actors") in names("Israel Folau said he would appeal.", res())
    assert ("Israel", "locations") not in names("Israel Folau said he would appeal.", res())


def test_a_capitalised_common_word_opening_a_quotation_is_not_a_name() -> None:
    body = "“Given the size of the storm, the port will stay shut,” the harbour master said."
    assert ("Given", "actors") not in names(body, res())
    assert ("Given", "actors") in names(body, res().without_parser())  # word windows


def test_a_surname_that_is_also_a_word_stays_a_name() -> None:
    """The tagger may read a sentence-initial surname as a common noun; the article writes it
    capitalised inside a sentence, so it stays the person's name."""
    body = "The trial was run by Dr. Tom Sambo. Sambo commented that the drug worked."
    rows = extract(Article("names-test", "names-test.txt", body), res()).rows
    later = [m for m in rows["mentions"] if m["char_start"] == body.rindex("Sambo")]
    assert [m["entity_id"] for m in later] == ["tom-sambo"]


# -- purity ----------------------------------------------------------------------------------------
def dump(syn: Syntax, n: int) -> list[tuple[object, ...]]:
    return [(syn.upos(i), syn.xpos(i), syn.dep(i), syn.head(i)) for i in range(n)]


def parse_file(path: object) -> list[tuple[object, ...]]:
    seg = segment(read_article(path), res())  # type: ignore[arg-type]
    return dump(syntax(seg, res()), len(seg.doc))


PATHS = dev_articles()[::4]


@pytest.mark.skipif(not PATHS, reason="needs the dev corpus (../shared/corpus/dev)")
def test_a_documents_parse_does_not_depend_on_the_others() -> None:
    forwards = {p.name: parse_file(p) for p in PATHS}
    backwards = {p.name: parse_file(p) for p in reversed(PATHS)}
    assert forwards == backwards
    again = parse_file(PATHS[0])
    assert again == forwards[PATHS[0].name]
    assert any(any(row[2] for row in rows) for rows in forwards.values())


def test_a_sentence_parses_the_same_in_any_document() -> None:
    """The batch is one document's sentences; what else a document says around a sentence
    (before or after it) does not change that sentence's parse."""
    sentence = "The minister said the talks would resume in March."
    alone_seg, alone = parse(sentence)
    n = len(alone_seg.doc)
    for body in (
        f"Rebels attacked a convoy on Monday. {sentence}",
        f"{sentence} “We are ready,” the envoy said, after the army withdrew.",
    ):
        seg, syn = parse(body)
        k = at(seg, "minister") - 1
        shifted = [
            (u, x, d, None if h is None else h - k) for u, x, d, h in dump(syn, len(seg.doc))[k:]
        ]
        assert shifted[:n] == dump(alone, n)


def test_a_sentence_parses_the_same_whatever_its_batch() -> None:
    alone, syn_alone = parse("The council said the bridge will reopen in May.")
    many, syn_many = parse(
        "Rain flooded the valley road. The council said the bridge will reopen in May. "
        "Engineers told residents they had found cracks in two of its piers last winter."
    )
    offset = at(many, "council") - at(alone, "council")
    for i in range(len(alone.doc)):
        k = i + offset
        assert (syn_alone.upos(i), syn_alone.xpos(i), syn_alone.dep(i)) == (
            syn_many.upos(k),
            syn_many.xpos(k),
            syn_many.dep(k),
        )
        h = syn_alone.head(i)
        assert (h + offset if h is not None else None) == syn_many.head(k)
