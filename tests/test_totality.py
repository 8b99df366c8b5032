"""Totality: extraction gives rows for every article the reader accepts.

A date phrase whose arithmetic leaves the calendar gives no date (it never raises); the reader's
size limit and the tokenizer's agree; cells of any length survive CSV, Parquet and validation
(ours and frictionless's); a failure that can still happen names the seed, line and column.
Every body here is written for the tests.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from dateline.article import MAX_BYTES, Article, decode, parse_article
from dateline.build import build
from dateline.errors import BuildError, SeedError
from dateline.extract import Extraction, extract
from dateline.extract.dates import (
    DateMention,
    OffCalendar,
    add_months,
    find_dates,
    month_span,
    shift,
    week_span,
    year_span,
)
from dateline.extract.segment import nlp
from dateline.schema import load
from dateline.validate.frames import read_csv
from fixtures.articles import article, rows
from fixtures.integrity import integrity_problems

D = dt.date
FIRST, LAST = D(1, 1, 1), D(9999, 12, 31)
ANCHORS = [FIRST, D(1, 3, 15), D(2024, 3, 6), D(9999, 6, 15), LAST, None]
PYTHON_CSV_DEFAULT = 131_072

#: Relative and absolute phrases, ordinary and extreme ("ago" a long way, counts too long for
#: any calendar, centuries before year 1).
PHRASES = [
    "12,000 years ago",
    "for the next 100,000 years",
    "3,000,000 days ago",
    "99999999999999 days ago",
    "99999999999999 hours ago",
    "1" * 5000 + " weeks ago",
    "in 20,000 years",
    "within 50,000 years",
    "the past 5,000 decades",
    "in the 1st century",
    "in the 0th century",
    "next week",
    "last week",
    "last year",
    "next year",
    "tomorrow",
    "yesterday",
    "last night",
    "last July",
    "next July",
    "in July",
    "next summer",
    "last winter",
    "this winter",
    "next quarter",
    "in the first quarter",
    "last weekend",
    "next weekend",
    "next Monday",
    "on Friday",
    "the last decade",
    "next century",
    "by the end of next year",
    "early next month",
    "in the coming months",
    "in recent weeks",
    "recently",
    "two weeks ago",
    "three days from now",
    "in the 1990s",
    "on March 3",
    "10/01/2025",
]


def _in_order(d: DateMention) -> bool:
    return d.date_start is None or d.date_end is None or d.date_start <= d.date_end


@pytest.mark.parametrize("anchor", ANCHORS, ids=str)
@pytest.mark.parametrize("phrase", PHRASES, ids=lambda p: p[:30])
def test_date_phrases_never_raise(phrase: str, anchor: dt.date | None) -> None:
    for text in (phrase, f"Officials said the talks began {phrase}, and will end {phrase}."):
        found = find_dates(text, anchor)
        assert all(_in_order(d) for d in found), found


@pytest.mark.parametrize(
    ("phrase", "anchor"),
    [
        ("12,000 years ago", D(2024, 3, 6)),
        ("3,000,000 days ago", D(2024, 3, 6)),
        ("99999999999999 days ago", D(2024, 3, 6)),
        ("next week", LAST),
        ("tomorrow", LAST),
        ("next July", LAST),
        ("last year", FIRST),
        ("yesterday", FIRST),
        ("in the 1st century", D(2024, 3, 6)),
    ],
)
def test_off_calendar_phrase_gives_no_date(phrase: str, anchor: dt.date) -> None:
    assert [d for d in find_dates(phrase, anchor) if d.date_start or d.date_end] == []


def test_on_calendar_phrases_near_the_edges_still_resolve() -> None:
    (d,) = find_dates("yesterday", LAST)
    assert (d.date_start, d.precision) == (D(9999, 12, 30), "day")
    (d,) = find_dates("next year", FIRST)
    assert (d.date_start, d.date_end) == (D(2, 1, 1), D(2, 12, 31))


@pytest.mark.parametrize(
    "call",
    [
        lambda: add_months(FIRST, -1),
        lambda: add_months(LAST, 1),
        lambda: shift(D(2024, 3, 6), "year", -12_000),
        lambda: shift(D(2024, 3, 6), "day", -3_000_000),
        lambda: shift(D(2024, 3, 6), "day", 10**15),
        lambda: week_span(LAST),
        lambda: month_span(0, 1),
        lambda: year_span(9999, 2),
    ],
)
def test_calendar_helpers_raise_off_calendar(call: Callable[[], object]) -> None:
    with pytest.raises(OffCalendar):
        call()


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_article_on_the_calendar_edge_extracts(published: str) -> None:
    body = (
        "Greece and Turkey agreed last year to reopen the border next week. "
        "Iraqi forces withdrew from the town two weeks ago, and will return within 100,000 "
        "years, a senior official said on Monday.\n\n"
        "“We will talk again tomorrow,” the minister told reporters last night."
    )
    found = rows(body, published)
    assert found["events"]
    assert integrity_problems(found) == []
    for e in found["events"]:
        assert e["date_start"] is None or e["date_start"] <= e["date_end"]


def test_extreme_relative_dates_in_an_article() -> None:
    body = (
        "Iraqi forces withdrew from the valley 12,000 years ago, officials said. "
        "The government agreed to keep the border closed for the next 100,000 years. "
        "Rebels attacked the town 3,000,000 days ago."
    )
    found = rows(body)
    assert [e["trigger"] for e in found["events"]]
    assert all(e["date_start"] is None for e in found["events"])
    assert integrity_problems(found) == []


# --------------------------------------------------------------------------- size limits


def test_tokenizer_takes_every_body_the_reader_accepts() -> None:
    assert nlp().max_length >= MAX_BYTES


def test_body_over_a_million_characters_extracts() -> None:
    """spaCy refuses texts over 1,000,000 characters by default (E088); the reader accepts 2 MB."""
    head = "---\ndate: 2024-03-06\n---\n"
    first = "Greece and Turkey agreed on Tuesday to reopen the border. "
    last = "Iraqi forces withdrew from the town last week."
    text = head + first + "\n\n" * 500_001 + last
    assert 1_000_000 < len(text.encode()) <= MAX_BYTES
    art = parse_article(decode(text.encode(), "big.txt"), doc_id="big", where="big.txt",
                        seed_path="seeds/big.txt")  # fmt: skip
    found = extract(art).rows
    triggers = [e["trigger"] for e in found["events"]]
    assert (triggers[0], triggers[-1]) == ("agreed", "withdrew")  # first and last paragraph
    assert found["events"][-1]["char_start"] > 1_000_000
    assert integrity_problems(found) == []


def test_body_over_the_tokenizer_limit_names_the_seed() -> None:
    art = article("x" * (nlp().max_length + 1), doc_id="huge")
    with pytest.raises(SeedError) as err:
        extract(art)
    assert err.value.file == "seeds/huge.txt"


# --------------------------------------------------------------------------- long cells

LONG_WORDS = " ".join(["x" * 4000] * 35)  # 140,034 characters: over Python csv's default limit


def _write_seed(seeds: Path, name: str, body: str, date: str = "2024-03-06") -> Path:
    seeds.mkdir(parents=True, exist_ok=True)
    path = seeds / name
    path.write_text(f"---\ndate: {date}\n---\n{body}", encoding="utf-8")
    return path


def test_cells_longer_than_the_csv_default_round_trip(tmp_path: Path) -> None:
    body = (
        f"Greece and Turkey agreed on Tuesday to reopen the border, citing {LONG_WORDS}.\n\n"
        f"“We will reopen it in {LONG_WORDS},” the minister said."
    )
    seeds = tmp_path / "seeds"
    _write_seed(seeds, "long.txt", body)
    old = csv.field_size_limit(PYTHON_CSV_DEFAULT)  # as in a process that never saw frictionless
    try:
        report = build(seeds, tmp_path)
        assert report.valid, report.issues
        csv.field_size_limit(PYTHON_CSV_DEFAULT)
        data, issues = read_csv(tmp_path / "data/csv/quotes.csv", load("quotes"), "quotes.csv")
    finally:
        csv.field_size_limit(max(old, csv.field_size_limit()))
    assert issues == []
    quote = data.frame.get_column("text")[0]
    assert len(quote) > PYTHON_CSV_DEFAULT
    parquet = pl.read_parquet(tmp_path / "data/parquet/quotes.parquet")
    assert parquet.get_column("text")[0] == quote
    events = pl.read_parquet(tmp_path / "data/parquet/events.parquet")
    assert max(len(e) for e in events.get_column("evidence")) > PYTHON_CSV_DEFAULT


# --------------------------------------------------------------------------- errors name the seed

BODY = "Greece and Turkey agreed on Tuesday to reopen the border."


def test_a_failing_extraction_names_the_seed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = tmp_path / "seeds"
    _write_seed(seeds, "boom.txt", BODY)

    def fail(_article: Article, _res: object = None) -> Extraction:
        raise RuntimeError("rule exploded")

    monkeypatch.setattr("dateline.extract.checked.extract", fail)
    with pytest.raises(BuildError, match="RuntimeError: rule exploded") as err:
        build(seeds, tmp_path / "out")
    assert err.value.file == "seeds/boom.txt"
    assert not (tmp_path / "out" / "data").exists()


def test_a_dangling_reference_names_the_seed_line_and_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = tmp_path / "seeds"
    _write_seed(seeds, "dangle.txt", "A first line.\n\n" + BODY)

    def dangling(art: Article, res: object = None) -> Extraction:
        found = extract(art, res)
        found.rows["events"][0]["actor_id"] = "nowhere-military"
        return Extraction(found.doc_id, found.rows)

    monkeypatch.setattr("dateline.extract.checked.extract", dangling)
    with pytest.raises(BuildError, match="nowhere-military") as err:
        build(seeds, tmp_path / "out")
    # front matter is lines 1-3; BODY is line 6 and "agreed" starts at its column 19
    assert (err.value.file, err.value.line, err.value.column) == ("seeds/dangle.txt", 6, 19)
    assert "dangle.txt:6:19" in str(err.value)
