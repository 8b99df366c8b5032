"""Corrections as a stage on rows (between resolve and typing): same result as on frames, one
object per operation, added rows shaped by the schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.article import read_seeds
from dateline.build import doc_texts, extract_all, frames
from dateline.corrections import (
    OPS,
    DocText,
    Operation,
    apply_corrections,
    correct,
    parse_corrections,
)
from dateline.corrections.rows import MATCH_COLUMN, REFERENCES
from dateline.resolve import resolve
from dateline.schema import load
from dateline.tables import to_frame

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
DOC = "000_a2706479377c0f40"
CORRECTIONS = """\
- op: drop
  table: mentions
  match: Pentagon
  all: true
- op: set_actor
  actor_id: irq-government
  wikidata_id: Q42
  role: null
- op: merge_actors
  from: irq-joint-operations-command
  into: irq-military
- op: add_quote
  text: "Washington and Baghdad agreed last year"
  cue: agreed
  quote_type: indirect
- op: add_event
  evidence: "Washington and Baghdad agreed last year to wind down the military mission"
  trigger: wind down
  event_type: CONCEDE
  actor_id: irq-government
"""


@pytest.fixture(scope="module")
def seeded() -> tuple[list, dict[str, DocText]]:
    articles = [a for a in read_seeds(SEEDS) if a.doc_id == DOC]
    extractions = extract_all(articles)
    return extractions, doc_texts(articles, {e.doc_id: e.sentences for e in extractions})


def test_rows_stage_equals_the_frames_form(seeded: tuple[list, dict[str, DocText]]) -> None:
    extractions, bodies = seeded
    corrections = parse_corrections(CORRECTIONS, file="c.yaml", doc_id=DOC)
    rows = correct(resolve(extractions), corrections, bodies)  # on the resolved rows
    on_rows = {t: to_frame(t, rows[t]) for t in rows}
    on_frames = frames(extractions, corrections, bodies)  # as the build does: on typed frames
    again = apply_corrections(frames(extractions), corrections, bodies)
    assert all(again[t].equals(f) for t, f in on_frames.items())
    for table, frame in on_rows.items():
        assert frame.equals(on_frames[table]), table
    curated = on_rows["events"].filter(on_rows["events"]["method"] == "curated")
    assert curated.height == 1 and curated["trigger"].to_list() == ["wind down"]


def test_correct_works_on_rows_and_leaves_the_input_lists(
    seeded: tuple[list, dict[str, DocText]],
) -> None:
    extractions, bodies = seeded
    rows = resolve(extractions)
    before = len(rows["quotes"])
    corrections = parse_corrections(CORRECTIONS, file="c.yaml", doc_id=DOC)
    out = correct(rows, corrections, bodies)
    assert len(out["quotes"]) == before + 1 and len(rows["quotes"]) == before
    added = out["quotes"][-1]
    assert list(added) == load("quotes").field_names  # every column, schema order


def test_one_object_per_operation_and_set_fields_follow_the_schema() -> None:
    assert all(isinstance(op, Operation) and op.name == name for name, op in OPS.items())
    assert OPS["set_actor"].spec.optional == load("actors").settable_fields
    assert OPS["set_location"].spec.optional == load("locations").settable_fields
    assert {t: load(t).match_field for t in MATCH_COLUMN} == MATCH_COLUMN
    assert ("events", "quote_id") in REFERENCES["quotes"]


def test_added_rows_are_numbered_and_built_like_extracted_ones(
    seeded: tuple[list, dict[str, DocText]],
) -> None:
    """An added quote gets the id, sentence index and columns extraction gives the same span."""
    extractions, texts = seeded
    rows = resolve(extractions)
    extracted = next(q for q in rows["quotes"] if q["sentence_index"] > 0)
    span = (extracted["char_start"], extracted["char_end"])
    dropped = [q for q in rows["quotes"] if q is not extracted]
    text = texts[DOC].body[span[0] : span[1]]
    add = f"- op: add_quote\n  text: {json.dumps(text)}\n  cue: said\n"
    corrections = parse_corrections(add, file="c.yaml", doc_id=DOC)
    out = correct({**rows, "quotes": dropped}, corrections, texts)
    added = out["quotes"][-1]
    assert (added["quote_id"], added["sentence_index"], list(added)) == (
        extracted["quote_id"],
        extracted["sentence_index"],
        list(extracted),
    )
    event = out["events"][0]
    assert list(event) == load("events").field_names
