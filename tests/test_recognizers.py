"""Mention recognition as data: typed kinds that follow the schema, an ordered registry of
recognizers and a resolver entry for every kind."""

from __future__ import annotations

import inspect
import re
from dataclasses import fields, is_dataclass
from types import ModuleType

import pytest

from dateline.extract import entities, mentions, recognizers
from dateline.extract.entities import RESOLVERS
from dateline.extract.mentions import MentionKind
from dateline.extract.model import MentionType, Table
from dateline.extract.recognizers import NESTED_KINDS, RECOGNIZERS
from dateline.extract.resources import Resources
from dateline.extract.segment import segment
from dateline.schema import model as schema
from fixtures.articles import article


def test_mention_enums_equal_the_schema_enums() -> None:
    mentions = schema.load("mentions")
    assert [str(t) for t in MentionType] == list(mentions.field("mention_type").enum or ())
    assert [str(t) for t in Table] == list(mentions.field("entity_table").enum or ())


def test_every_kind_is_recognized_and_has_a_resolver_entry() -> None:
    produced = set(NESTED_KINDS).union(*(r.kinds for r in RECOGNIZERS))
    assert produced == set(MentionKind)
    assert set(RESOLVERS) == set(MentionKind)
    assert RECOGNIZERS[-1].name == "capitalised"  # the fallback for any capitalised word


BODY = (
    "Pentagon spokesman Sean Parnell said U.S. forces and the Iraqi government met in "
    "western Iraq. A senior Iraqi official said the spokesman visited Mosul, where Iraqis "
    "greeted the magazine Vorla Weekly and Gloria at Kennedy Space Center. Washington agreed. "
    "The USS Cole left Houston, Texas for the Ministry of Culture of Quill Society of Norway."
)


def test_recognizers_return_only_their_declared_kinds() -> None:
    seg = segment(article(BODY), Resources.default())
    seen: set[MentionKind] = set()
    for sent in seg.sentences:
        for i in range(sent.span.start, sent.span.end):
            for r in RECOGNIZERS:
                found = r.detect(seg.doc, i, sent.span, Resources.default())
                if found is not None:
                    assert found.kind in r.kinds, (r.name, found)
                    seen.add(found.kind)
    assert len(seen) >= 14  # the sentences exercise all kinds but UNKNOWN


GATED = (
    BODY + " The federal government of Iraq and the armed forces of Ukraine met the provinces of "
    "Nyanza and Western. Officials said northern Iraq and the north of Syria were calm; the "
    "158th Fighter Wing and Prime Minister Ana Silva of Tonga said so. Police in Kenya agreed. "
    "Company president Jo Hale and foreign ministry spokesman Lin Tao spoke. The City of Fremantle "
    "council, Marion County Commission and the Springfield city council met Nairobi police."
)


def test_a_recognizer_finds_nothing_where_its_gate_is_shut() -> None:
    """``find`` skips a recognizer at a token its gate (``Recognizer.opens``) does not admit:
    the recognizer finds nothing there."""
    res = Resources.default()
    seg = segment(article(GATED), res)
    opened = 0
    for r in RECOGNIZERS:
        if r.opens is None:
            continue
        gate = r.opens(seg.doc, res.lexicon)
        assert len(gate) == len(seg.doc)
        for sent in seg.sentences:
            for i in range(sent.span.start, sent.span.end):
                found = r.detect(seg.doc, i, sent.span, res)
                assert gate[i] or found is None, (r.name, seg.doc[i].text, found)
                opened += found is not None
    assert opened >= 20


@pytest.mark.parametrize("module", [mentions, entities])
def test_every_rule_word_list_is_read_and_used(module: ModuleType) -> None:
    """The loader checks that the file has exactly the declared lists; each list is also
    read somewhere in its module (``WORDS.<list>``, or ``MENTION_WORDS.<list>`` elsewhere)."""
    words = module.WORDS
    assert is_dataclass(words)
    code = "\n".join(inspect.getsource(m) for m in (mentions, entities, recognizers))
    for f in fields(words):
        assert getattr(words, f.name), f.name
        assert re.search(rf"WORDS\.{f.name}\b", code), f"{f.name} is never used"
