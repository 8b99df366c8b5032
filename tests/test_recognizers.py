"""Mention recognition as data: typed kinds that follow the schema."""

from __future__ import annotations

from dateline.extract.model import MentionType, Table
from dateline.schema import model as schema


def test_mention_enums_equal_the_schema_enums() -> None:
    mentions = schema.load("mentions")
    assert [str(t) for t in MentionType] == list(mentions.field("mention_type").enum or ())
    assert [str(t) for t in Table] == list(mentions.field("entity_table").enum or ())
