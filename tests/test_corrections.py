"""Reviewed corrections: loading with lines, each operation, stale corrections, and fuzzed input."""

from __future__ import annotations

import contextlib
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.corrections import (
    CorrectionError,
    apply_corrections,
    load_corrections,
    parse_corrections,
)
from dateline.extract.text import row_id
from dateline.tables import to_frame
from fixtures.minipkg import BODY, DOC, rows, texts

FILE = f"seeds/{DOC}.corrections.yaml"


@pytest.fixture
def frames() -> dict[str, pl.DataFrame]:
    return {table: to_frame(table, table_rows) for table, table_rows in rows().items()}


def parse(text: str):
    return parse_corrections(text, file=FILE, doc_id=DOC)


def apply(frames, text: str):
    return apply_corrections(frames, parse(text), texts())


def column(frame: pl.DataFrame, name: str) -> list:
    return frame.get_column(name).to_list()


def test_loader_remembers_file_and_line(tmp_path: Path):
    (tmp_path / f"{DOC}.corrections.yaml").write_text(
        "# fixes\n- op: drop\n  table: events\n  id: ev-1\n\n- op: set_actor\n  actor_id: x\n"
        "  wikidata_id: Q42\n",
        encoding="utf-8",
    )
    loaded = load_corrections(tmp_path)
    assert [(c.op, c.line, c.doc_id) for c in loaded] == [("drop", 2, DOC), ("set_actor", 6, DOC)]
    assert loaded[1].lines["wikidata_id"] == 8
    assert loaded[0].file.endswith(f"{DOC}.corrections.yaml")


def test_empty_file_and_no_files(tmp_path: Path):
    assert load_corrections(tmp_path) == []
    (tmp_path / "a.corrections.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert load_corrections(tmp_path) == []


def test_yml_spelling_is_refused(tmp_path: Path):
    (tmp_path / "a.corrections.yml").write_text("[]\n", encoding="utf-8")
    with pytest.raises(CorrectionError, match=r"\.corrections\.yaml"):
        load_corrections(tmp_path)


@pytest.mark.parametrize(
    "data", [b"\xef\xbb\xbf- op: drop\n", b"- op: drop\r\n", b"- op: \xff\n", b"\x00"]
)
def test_bad_bytes_are_correction_errors(tmp_path: Path, data: bytes):
    (tmp_path / "a.corrections.yaml").write_bytes(data)
    with pytest.raises(CorrectionError) as err:
        load_corrections(tmp_path)
    assert err.value.file and err.value.file.endswith("a.corrections.yaml")


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("op: drop\n", "must be a YAML list", 1),
        ("- just text\n", "must be a mapping", 1),
        ("- op: drop\n  table: [unclosed\n", "not valid YAML", 3),
        ("- op: frobnicate\n", "unknown operation 'frobnicate'", 1),
        ("- op: drop\n  table: events\n  id: ev-1\n  colour: red\n", "unknown key 'colour'", 4),
        ("- op: drop\n  table: events\n", "exactly one of 'id' or 'match'", 1),
        ("- op: drop\n  table: events\n  id: a\n  match: b\n", "exactly one of", 4),
        ("- op: drop\n  table: documents\n  id: doc1\n", "cannot drop rows of 'documents'", 2),
        (
            "- op: drop\n  table: quotes\n  match: x\n  trigger: y\n",
            "only narrows a drop of events",
            4,
        ),
        ("- op: set_speaker\n  quote_id: q-1\n", "missing 'speaker_id'", 1),
        ("- op: set_actor\n  actor_id: a\n  actor_type: wizard\n", "'wizard' is not one of", 3),
        ("- op: set_actor\n  actor_id: a\n  wikidata_id: 42\n", "must be text", 3),
        ("- op: set_actor\n  actor_id: a\n  name: null\n", "must not be empty", 3),
        ("- op: set_actor\n  actor_id: a\n", "nothing to set", 1),
        ("- op: set_location\n  location_id: l\n  latitude: 123\n", "above 90", 3),
        ("- op: set_location\n  location_id: l\n  latitude: north\n", "must be a number", 3),
        (
            "- op: add_event\n  evidence: e\n  trigger: t\n  event_type: PARTY\n",
            "'PARTY' is not one of",
            4,
        ),
        (
            "- op: add_event\n  evidence: e\n  trigger: t\n  event_type: AID\n  date_start: soon\n",
            "must be a date",
            5,
        ),
        ("- op: drop\n  op: drop\n  table: events\n  id: x\n", "given twice", 2),
        ("- op: drop\n  1: x\n", "plain words", 1),
        ("- op: add_quote\n  text: x\n  cue: said\n  date: 2025-13-45\n", "not valid YAML", None),
    ],
)
def test_malformed_corrections_name_the_line(text: str, message: str, line: int | None):
    with pytest.raises(CorrectionError) as err:
        parse(text)
    assert message in str(err.value)
    assert err.value.line == line
    assert err.value.file == FILE
    assert err.value.hint


def test_drop_by_id_clears_references(frames):
    out = apply(frames, "- op: drop\n  table: quotes\n  id: q-1\n")
    assert out["quotes"].height == 0
    assert column(out["events"], "quote_id") == [None]


def test_drop_actor_removes_its_mentions_and_references(frames):
    out = apply(frames, "- op: drop\n  table: actors\n  match: Sean Parnell\n")
    assert "sean-parnell" not in column(out["actors"], "actor_id")
    assert column(out["quotes"], "speaker_id") == [None]
    assert column(out["mentions"], "mention_id") == ["m-1"]


def test_drop_by_match_must_be_unique_unless_all(frames):
    extra = rows()
    extra["mentions"].append({**extra["mentions"][0], "mention_id": "m-3"})
    two = {t: to_frame(t, r) for t, r in extra.items()}
    with pytest.raises(CorrectionError, match="2 mentions rows match: m-1, m-3"):
        apply(two, "- op: drop\n  table: mentions\n  match: BAGHDAD\n")
    out = apply(two, "- op: drop\n  table: mentions\n  match: BAGHDAD\n  all: true\n")
    assert column(out["mentions"], "mention_id") == ["m-2"]


def test_set_speaker_by_text_marks_curated(frames):
    out = apply(
        frames,
        '- op: set_speaker\n  text: "We will reduce\\nour mission,"\n  speaker_id: usa-pentagon\n',
    )
    q = out["quotes"].row(0, named=True)
    assert (q["speaker_id"], q["method"], q["confidence"]) == ("usa-pentagon", "curated", 1.0)


def test_merge_actors_rewrites_everything(frames):
    out = apply(frames, "- op: merge_actors\n  from: usa-pentagon\n  into: usa-military\n")
    actors = {a["actor_id"]: a for a in out["actors"].to_dicts()}
    assert "usa-pentagon" not in actors
    assert actors["sean-parnell"]["affiliation_id"] == "usa-military"
    assert actors["usa-military"]["aliases"] == ["Pentagon"]
    assert actors["usa-military"]["mention_count"] == 1
    assert actors["usa-military"]["method"] == "curated"


def test_set_actor_and_location(frames):
    out = apply(
        frames,
        "- op: set_actor\n  actor_id: sean-parnell\n  wikidata_id: Q42\n  role: null\n"
        "- op: set_location\n  location_id: geonames:99237\n  latitude: 33\n  longitude: 44.5\n",
    )
    actor = out["actors"].filter(pl.col("actor_id") == "sean-parnell").row(0, named=True)
    assert (actor["wikidata_id"], actor["role"], actor["method"]) == ("Q42", None, "curated")
    place = out["locations"].filter(pl.col("location_id") == "geonames:99237").row(0, named=True)
    assert (place["latitude"], place["longitude"], place["method"]) == (33.0, 44.5, "curated")


def test_add_quote_and_event_offsets_and_ids(frames):
    out = apply(
        frames,
        "- op: add_quote\n  text: officials said\n  cue: said\n  quote_type: indirect\n"
        "- op: add_event\n"
        "  evidence: U.S. troops began withdrawing from bases in Iraq, officials said.\n"
        "  trigger: began\n  event_type: RETREAT\n  actor_id: usa-military\n",
    )
    start = BODY.index("officials said")
    quote = out["quotes"].filter(pl.col("method") == "curated").row(0, named=True)
    assert quote["quote_id"] == row_id("qu", DOC, start, start + 14)  # as extraction numbers it
    assert BODY[quote["char_start"] : quote["char_end"]] == "officials said"
    assert (quote["date"].isoformat(), quote["confidence"], quote["attribution"]) == (
        "2025-10-01",
        1.0,
        "none",
    )
    event = out["events"].filter(pl.col("method") == "curated").row(0, named=True)
    assert BODY[event["trigger_start"] : event["trigger_end"]] == "began"
    assert BODY[event["char_start"] : event["char_end"]] == event["evidence"]
    assert (event["cameo_code"], event["status"], event["sentence_index"]) == ("08", "occurred", 0)
    assert event["event_id"].startswith("ev-") and len(event["event_id"]) == 15
    for table, frame in out.items():  # dtypes kept, primary-key order kept
        assert frame.schema == frames[table].schema
        key = frame.columns[0]
        assert column(frame, key) == sorted(column(frame, key))


def test_added_rows_are_deterministic(frames):
    text = "- op: add_quote\n  text: officials said\n  cue: said\n"
    assert apply(frames, text)["quotes"].equals(apply(frames, text)["quotes"])


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("- op: drop\n  table: events\n  id: ev-gone\n", "no events row has event_id 'ev-gone'", 3),
        ("- op: drop\n  table: quotes\n  match: nobody said this\n", "no quotes row in doc1", 3),
        ("- op: set_speaker\n  text: nope\n  speaker_id: sean-parnell\n", "no quote in doc1", 2),
        (
            "- op: set_speaker\n  quote_id: q-1\n  speaker_id: ghost\n",
            "no actors row has actor_id 'ghost'",
            3,
        ),
        ("- op: merge_actors\n  from: ghost\n  into: sean-parnell\n", "'ghost'", 2),
        ("- op: merge_actors\n  from: sean-parnell\n  into: sean-parnell\n", "same actor", 3),
        ("- op: set_location\n  location_id: geonames:1\n  latitude: 1\n", "geonames:1", 2),
        ("- op: add_quote\n  text: not in the article\n  cue: said\n", "does not occur", 2),
        ("- op: add_quote\n  text: in\n  cue: said\n", "more than once", 2),
        (
            '- op: add_quote\n  text: "We will reduce\\nour mission,"\n  cue: said\n',
            "already finds this quote as q-1",
            2,
        ),
        (
            "- op: add_event\n  evidence: officials said\n  trigger: troops\n  event_type: AID\n",
            "trigger",
            3,
        ),
        (
            "- op: add_quote\n  doc_id: other\n  text: x\n  cue: said\n",
            "no seed article 'other'",
            2,
        ),
    ],
)
def test_stale_corrections_name_file_and_line(frames, text: str, message: str, line: int):
    with pytest.raises(CorrectionError) as err:
        apply(frames, text)
    assert message in str(err.value)
    assert (err.value.file, err.value.line) == (FILE, line)
    assert err.value.hint


def test_no_corrections_returns_frames_unchanged(frames):
    assert apply_corrections(frames, [], {}) is frames


YAMLISH = st.text(
    alphabet=st.sampled_from(list("- :\n\t'\"[]{}!&*#|>%@`,?ab01.opdrtblesQ\\")), max_size=80
)
OP_LINES = st.lists(
    st.sampled_from(
        [
            "- op: drop",
            "  table: events",
            "  id: ev-1",
            "  match: x",
            "- op: set_actor",
            "  actor_id: a",
            "  wikidata_id: Q1",
            "  latitude: 1e999",
            "  date: 2025-02-30",
            "- op: add_quote",
            "  text: ''",
            "  all: yes",
            "  <<: *a",
            "- &a {op: drop}",
            "  cue: !!binary x",
            "- op: [1]",
            "  ? [a]",
            "  : b",
            "- !!python/object:os.system {}",
            "  table: ~",
            "\t- op: drop",
        ]
    ),
    max_size=8,
).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(YAMLISH, OP_LINES))
def test_loader_only_raises_correction_errors(text: str):
    try:
        parse(text)
    except CorrectionError as err:
        assert err.file == FILE
        assert str(err)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=60))
def test_loader_on_random_bytes(tmp_path_factory, data: bytes):
    folder = tmp_path_factory.mktemp("c")
    (folder / "x.corrections.yaml").write_bytes(data)
    with contextlib.suppress(CorrectionError):
        load_corrections(folder)
