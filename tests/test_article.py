"""The seed reader: both header forms, body offsets, datelines and clear errors on bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.article import decode, parse_article, read_article, sha256_text
from dateline.errors import SeedError

SEED = Path(__file__).parents[1] / "seeds" / "000_a2706479377c0f40.txt"


def parse(text: str):
    return parse_article(text, doc_id="t", where="t.txt", seed_path="seeds/t.txt")


def test_wire_header_body_starts_at_dateline():
    a = read_article(SEED)
    assert a.published == dt.date(2025, 10, 1)
    assert a.body.startswith("BAGHDAD — The U.S. military")
    assert (a.dateline, a.dateline_start, a.dateline_end) == ("BAGHDAD", 0, 7)
    assert a.text_sha256 == sha256_text(a.body)
    assert a.seed_path == "seeds/000_a2706479377c0f40.txt"


@pytest.mark.parametrize(
    "head",
    [
        "NAIROBI, 19 August 2026 – ",
        "NEW YORK, N.Y., Aug. 19, 2026 – ",
        "LIMA, Peru, May 4, 2026 — ",
    ],
)
def test_a_press_release_dateline_holds_its_date(head: str):
    a = parse(
        f"---\ndate: 2026-08-19\n---\n{head}Floods displaced 2,000 people, the agency said.\n"
    )
    assert (a.dateline_start, a.body[a.dateline_start : a.dateline_end]) == (0, head.split(",")[0])


def test_front_matter_keeps_body_byte_for_byte():
    body = "KYIV, Ukraine — Officials met.\n\nRELATED\n\nThey left.\n"
    a = parse(
        f'---\ntitle: "A headline: with colon"\ndate: 2024-02-29\nlicense: CC-BY-4.0\n---\n{body}'
    )
    assert a.body == body
    assert a.title == "A headline: with colon"
    assert a.published == dt.date(2024, 2, 29)
    assert a.dateline == "KYIV, Ukraine"  # the place and the area written after it


def test_front_matter_without_date_is_allowed():
    assert parse("---\ntitle: x\n---\nSome text here.\n").published is None


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("date 2025-13-01 BAGHDAD — x", "bad date", 1),
        ("---\ndate: 2025-02-30\n---\nbody\n", "bad date", 2),
        ("---\ntitle: [unclosed\n---\nbody\n", "not valid YAML", 3),
        ("---\ntitel: x\n---\nbody\n", "unknown front matter key 'titel'", 2),
        ("---\ntitle: x\n---\n\n  \n", "no body", 4),
        ("Just text with no header.", "no header", 1),
        ("---\nlanguage: english\n---\nbody\n", "ISO 639-1", None),
    ],
)
def test_bad_headers_say_what_and_where(text: str, message: str, line: int | None):
    with pytest.raises(SeedError) as err:
        parse(text)
    assert message in str(err.value)
    assert err.value.line == line


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xef\xbb\xbfdate 2025-10-01 x", "byte-order mark"),
        (b"date 2025-10-01 caf\xe9", "not UTF-8"),
        (b"date 2025-10-01 a\x00b", "binary"),
        (b"date 2025-10-01 a\r\nb", "CR"),
    ],
)
def test_bad_bytes_are_refused(data: bytes, message: str):
    with pytest.raises(SeedError) as err:
        decode(data, "x.txt")
    assert message in str(err.value)
    assert err.value.file == "x.txt"


def test_non_utf8_error_points_at_line_and_column():
    with pytest.raises(SeedError) as err:
        decode(b"date 2025-10-01\nok\nbad \xff here", "x.txt")
    assert (err.value.line, err.value.column) == (3, 5)


def test_bad_file_name_is_refused(tmp_path: Path):
    path = tmp_path / "Bad Name.txt"
    path.write_text("date 2025-10-01 x", encoding="utf-8")
    with pytest.raises(SeedError, match="not a valid document id"):
        read_article(path)


# --------------------------------------------------------------------------- properties

BODY_TEXT = st.text(
    alphabet=st.characters(blacklist_characters="\r\x00", blacklist_categories=("Cs",)),
    min_size=1,
).filter(lambda t: t.strip() and not t.lstrip(" \t").startswith(("---", "date")))


@settings(max_examples=200, deadline=None)
@given(BODY_TEXT)
def test_front_matter_body_round_trips(body: str):
    article = parse(f"---\ntitle: x\ndate: 2024-01-02\n---\n{body}")
    assert article.body == body
    assert article.text_sha256 == sha256_text(body)


@settings(max_examples=200, deadline=None)
@given(BODY_TEXT.filter(lambda t: not t[0].isspace()))
def test_wire_header_body_round_trips(body: str):
    assert parse(f"date 2024-01-02 {body}").body == body


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_an_article_or_a_seed_error(data: bytes):
    try:
        text = decode(data, "x.txt")
        parse_article(text, doc_id="x", where="x.txt", seed_path="seeds/x.txt")
    except SeedError as err:
        assert err.file == "x.txt"
