"""What extraction builds for one document before it becomes rows: mentions and entities."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Table(StrEnum):
    """The table a mention's entity lives in (``entity_table`` of schemas/mentions)."""

    ACTORS = "actors"
    LOCATIONS = "locations"


ACTORS, LOCATIONS = Table.ACTORS, Table.LOCATIONS


class MentionType(StrEnum):
    """How a mention refers to its entity (``mention_type`` of schemas/mentions)."""

    NAME = "name"  # "Sean Parnell", "Mosul"
    NOMINAL = "nominal"  # "the spokesman", "a senior official"
    PRONOUN = "pronoun"  # "he"
    METONYM = "metonym"  # "Washington" for the U.S. government
    DATELINE = "dateline"  # the place of the dateline


@dataclass
class Actor:
    """An actor seen in one document (merged across documents later, by id)."""

    actor_id: str
    name: str
    actor_type: str
    sector: str | None = None
    country: str | None = None
    role: str | None = None
    affiliation_id: str | None = None
    is_anonymous: bool = False
    anonymity_reason: str | None = None
    doc_id: str | None = None
    wikidata_id: str | None = None
    aliases: set[str] = field(default_factory=set)
    plural: bool = False


@dataclass(frozen=True)
class Mention:
    """A span of the body that names, describes or points to an entity."""

    start: int
    end: int
    text: str
    sentence: int
    table: Table
    entity_id: str
    mention_type: MentionType
    in_quote: bool = False
