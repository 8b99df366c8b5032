"""Tests for dateline.extract.dates (anchor 2025-10-01 is a Wednesday)."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from dateline.extract.dates import DateMention, find_dates, resolve, sentence_tense

ANCHOR = date(2025, 10, 1)
D = date


def one(text: str, anchor: date | None = ANCHOR, **kw: object) -> DateMention:
    """The single mention expected in ``text``."""
    found = find_dates(text, anchor, **kw)  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


def interval(m: DateMention) -> tuple[date | None, date | None, str]:
    return m.date_start, m.date_end, m.precision


# --------------------------------------------------------------------------- weekdays


@pytest.mark.parametrize(
    ("sentence", "phrase", "day"),
    [
        ("The ministry confirmed the figures on Wednesday.", "Wednesday", D(2025, 10, 1)),
        ("Protesters gathered outside the court on Tuesday.", "Tuesday", D(2025, 9, 30)),
        (
            "The council voted on Thursday night to close the depot.",
            "Thursday night",
            D(2025, 9, 25),
        ),
        ("Delegates will meet on Friday in the capital.", "Friday", D(2025, 10, 3)),
        ("The two leaders are to hold talks on Monday.", "Monday", D(2025, 10, 6)),
        ("The bridge reopened last Friday after repairs.", "last Friday", D(2025, 9, 26)),
        ("The vote is expected next Tuesday.", "next Tuesday", D(2025, 10, 7)),
        (
            "Officials spoke on Wednesday, October 1, 2025.",
            "Wednesday, October 1, 2025",
            D(2025, 10, 1),
        ),
    ],
)
def test_weekdays(sentence: str, phrase: str, day: date) -> None:
    m = one(sentence)
    assert m.text == phrase
    assert sentence[m.start : m.end] == phrase
    assert interval(m) == (day, day, "day")
    assert m.kind == "point"


@pytest.mark.parametrize(
    ("sentence", "phrase", "day"),
    [
        # a future cue later in the clause belongs to another verb than the one dated
        (
            "Farmers protested on Tuesday against a government plan to cut subsidies.",
            "Tuesday",
            D(2025, 9, 30),
        ),
        (
            "Ministers who arrived on Monday are expected to sign the accord.",
            "Monday",
            D(2025, 9, 29),
        ),
        # the last verb before the date decides, a participle after an auxiliary is no verb
        ("The ministers met in Oslo and will meet again on Friday.", "Friday", D(2025, 10, 3)),
        ("The summit will be held on Thursday in Rome.", "Thursday", D(2025, 10, 2)),
        ("The summit was held on Thursday in Rome.", "Thursday", D(2025, 9, 25)),
    ],
)
def test_weekday_reads_the_verb_it_follows(sentence: str, phrase: str, day: date) -> None:
    m = one(sentence)
    assert (m.text, m.date_start) == (phrase, day)


def test_weekday_tense_argument_overrides_guess() -> None:
    m = one("Friday", tense="future")
    assert m.date_start == D(2025, 10, 3)
    assert one("Friday", tense="past").date_start == D(2025, 9, 26)


# --------------------------------------------------------------------------- deictic words


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        ("today", D(2025, 10, 1), D(2025, 10, 1), "day"),
        ("yesterday", D(2025, 9, 30), D(2025, 9, 30), "day"),
        ("tomorrow", D(2025, 10, 2), D(2025, 10, 2), "day"),
        ("last night", D(2025, 9, 30), D(2025, 9, 30), "day"),
        ("yesterday afternoon", D(2025, 9, 30), D(2025, 9, 30), "day"),
        ("this week", D(2025, 9, 29), D(2025, 10, 5), "week"),
        ("last week", D(2025, 9, 22), D(2025, 9, 28), "week"),
        ("next week", D(2025, 10, 6), D(2025, 10, 12), "week"),
        ("this past week", D(2025, 9, 22), D(2025, 9, 28), "week"),
        ("this month", D(2025, 10, 1), D(2025, 10, 31), "month"),
        ("last month", D(2025, 9, 1), D(2025, 9, 30), "month"),
        ("next month", D(2025, 11, 1), D(2025, 11, 30), "month"),
        ("earlier this month", D(2025, 10, 1), D(2025, 10, 1), "month"),
        ("later this month", D(2025, 10, 1), D(2025, 10, 31), "month"),
        ("this year", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("last year", D(2024, 1, 1), D(2024, 12, 31), "year"),
        ("Last Year", D(2024, 1, 1), D(2024, 12, 31), "year"),
        ("next year", D(2026, 1, 1), D(2026, 12, 31), "year"),
        ("earlier this year", D(2025, 1, 1), D(2025, 10, 1), "year"),
        ("last quarter", D(2025, 7, 1), D(2025, 9, 30), "quarter"),
        ("last summer", D(2025, 6, 1), D(2025, 8, 31), "quarter"),
    ],
)
def test_relative_periods(phrase: str, start: date, end: date, precision: str) -> None:
    m = resolve(phrase, ANCHOR)
    assert m is not None
    assert m.text == phrase
    assert interval(m) == (start, end, precision)
    assert m.kind == "point"


def test_weekend_follows_tense() -> None:
    past = one("The fair drew large crowds this weekend.")
    assert interval(past) == (D(2025, 9, 27), D(2025, 9, 28), "week")
    future = one("The fair will draw large crowds this weekend.")
    assert interval(future) == (D(2025, 10, 4), D(2025, 10, 5), "week")


# --------------------------------------------------------------------------- months, years


def test_month_past_and_future() -> None:
    assert interval(one("The plant closed in July.")) == (D(2025, 7, 1), D(2025, 7, 31), "month")
    assert interval(one("The plant will close in July.")) == (
        D(2026, 7, 1),
        D(2026, 7, 31),
        "month",
    )
    assert interval(one("The plant closed in November.")) == (
        D(2024, 11, 1),
        D(2024, 11, 30),
        "month",
    )
    assert interval(one("The plant will close in October.")).__getitem__(0) == D(2025, 10, 1)


@pytest.mark.parametrize(
    ("phrase", "text", "start", "end", "precision"),
    [
        ("in July 2025", "July 2025", D(2025, 7, 1), D(2025, 7, 31), "month"),
        ("September 2025", "September 2025", D(2025, 9, 1), D(2025, 9, 30), "month"),
        ("July 4", "July 4", D(2025, 7, 4), D(2025, 7, 4), "day"),
        ("July 4, 2025", "July 4, 2025", D(2025, 7, 4), D(2025, 7, 4), "day"),
        ("4 July 2025", "4 July 2025", D(2025, 7, 4), D(2025, 7, 4), "day"),
        ("the 4th of July 2025", "the 4th of July 2025", D(2025, 7, 4), D(2025, 7, 4), "day"),
        ("Sept. 30", "Sept. 30", D(2025, 9, 30), D(2025, 9, 30), "day"),
        ("2025-10-01", "2025-10-01", D(2025, 10, 1), D(2025, 10, 1), "day"),
        ("10/01/2025", "10/01/2025", D(2025, 10, 1), D(2025, 10, 1), "day"),
        ("in 2019", "2019", D(2019, 1, 1), D(2019, 12, 31), "year"),
        ("in the 1990s", "the 1990s", D(1990, 1, 1), D(1999, 12, 31), "year"),
        ("the sixties", "the sixties", D(1960, 1, 1), D(1969, 12, 31), "year"),
        ("the 20th century", "the 20th century", D(1900, 1, 1), D(1999, 12, 31), "year"),
        ("Q3 2024", "Q3 2024", D(2024, 7, 1), D(2024, 9, 30), "quarter"),
        (
            "the third quarter of 2024",
            "the third quarter of 2024",
            D(2024, 7, 1),
            D(2024, 9, 30),
            "quarter",
        ),
        ("mid-2024", "mid-2024", D(2024, 5, 1), D(2024, 8, 31), "quarter"),
        ("late 2023", "late 2023", D(2023, 9, 1), D(2023, 12, 31), "quarter"),
        ("early next year", "early next year", D(2026, 1, 1), D(2026, 4, 30), "quarter"),
        ("in mid-July 2025", "mid-July 2025", D(2025, 7, 11), D(2025, 7, 20), "week"),
        ("summer 2024", "summer 2024", D(2024, 6, 1), D(2024, 8, 31), "quarter"),
    ],
)
def test_calendar_expressions(
    phrase: str, text: str, start: date, end: date, precision: str
) -> None:
    m = resolve(phrase, ANCHOR)
    assert m is not None
    assert m.text == text
    assert interval(m) == (start, end, precision)


def test_quarter_without_year_uses_tense() -> None:
    m = one("Profits fell in the first quarter.")
    assert interval(m) == (D(2025, 1, 1), D(2025, 3, 31), "quarter")


def test_month_day_without_year_prefers_nearby_date() -> None:
    # A run that started five days before the article, described with "is to".
    m = one("The show is to run from September 26.", D(2025, 10, 1))
    assert m.date_start == D(2025, 9, 26)


# --------------------------------------------------------------------------- ago / vague


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision", "kind"),
    [
        ("two weeks ago", D(2025, 9, 15), D(2025, 9, 21), "week", "point"),
        ("3 days ago", D(2025, 9, 28), D(2025, 9, 28), "day", "point"),
        ("a month ago", D(2025, 9, 1), D(2025, 9, 30), "month", "point"),
        ("two years ago", D(2023, 1, 1), D(2023, 12, 31), "year", "point"),
        ("a decade ago", D(2015, 1, 1), D(2015, 12, 31), "year", "point"),
        ("a couple of days ago", D(2025, 9, 29), D(2025, 9, 29), "day", "point"),
        ("weeks ago", D(2025, 8, 6), D(2025, 9, 24), "week", "relative_vague"),
        ("a few weeks ago", D(2025, 9, 3), D(2025, 9, 17), "week", "relative_vague"),
        ("several months ago", D(2025, 3, 1), D(2025, 7, 1), "month", "relative_vague"),
    ],
)
def test_ago(phrase: str, start: date, end: date, precision: str, kind: str) -> None:
    m = resolve(phrase, ANCHOR)
    assert m is not None and m.text == phrase
    assert interval(m) == (start, end, precision)
    assert m.kind == kind


@pytest.mark.parametrize("phrase", ["weeks ago", "days ago", "months ago", "recently"])
def test_vague_phrases_are_before_anchor_and_low_confidence(phrase: str) -> None:
    m = resolve(phrase, ANCHOR)
    assert m is not None
    assert m.kind == "relative_vague"
    assert m.date_start is not None and m.date_end is not None
    assert m.date_start < m.date_end <= ANCHOR
    assert m.confidence <= 0.5


def test_in_recent_and_coming_weeks() -> None:
    recent = one("Fighting has intensified in recent weeks.")
    assert recent.kind == "relative_vague" and recent.date_end == ANCHOR
    coming = one("More aid is expected in the coming weeks.")
    assert coming.kind == "relative_vague" and coming.date_start == ANCHOR


# --------------------------------------------------------------------------- deadlines


@pytest.mark.parametrize(
    ("sentence", "phrase", "end", "precision"),
    [
        (
            "The road will be finished by September 2026.",
            "by September 2026",
            D(2026, 9, 30),
            "month",
        ),
        (
            "Troops are to leave by the end of the year.",
            "by the end of the year",
            D(2025, 12, 31),
            "year",
        ),
        (
            "A report is due by the end of the month.",
            "by the end of the month",
            D(2025, 10, 31),
            "month",
        ),
        ("The plant should open by next year.", "by next year", D(2026, 12, 31), "year"),
        ("Emissions must halve by 2030.", "by 2030", D(2030, 12, 31), "year"),
        ("A decision is due within two weeks.", "within two weeks", D(2025, 10, 15), "week"),
        (
            "They hope to sign before the end of the year.",
            "before the end of the year",
            D(2025, 12, 31),
            "year",
        ),
        ("Talks will continue until Friday.", "until Friday", D(2025, 10, 3), "day"),
    ],
)
def test_deadlines(sentence: str, phrase: str, end: date, precision: str) -> None:
    m = one(sentence)
    assert m.text == phrase
    assert m.kind == "deadline"
    assert m.date_end == end
    assert m.date_start in (None, ANCHOR)
    assert m.precision == precision


def test_past_deadline_has_no_start() -> None:
    m = one("Work was meant to end by September 2025.")
    assert m.kind == "deadline"
    assert (m.date_start, m.date_end) == (None, D(2025, 9, 30))


# --------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("The conflict has lasted two decades.", "two decades"),
        ("It ended a two-decade-long presence in the region.", "two-decade-long"),
        ("He served as mayor for six years.", "six years"),
        ("The siege lasted 14 months.", "14 months"),
        ("She waited for years.", "years"),
    ],
)
def test_durations_have_no_dates(sentence: str, phrase: str) -> None:
    m = one(sentence)
    assert m.text == phrase
    assert m.kind == "duration"
    assert (m.date_start, m.date_end) == (None, None)


def test_past_n_units_is_an_interval_ending_at_anchor() -> None:
    m = one("Prices rose sharply over the past two decades.")
    assert m.text == "the past two decades"
    assert m.kind == "duration"
    assert interval(m) == (D(2005, 10, 1), ANCHOR, "year")
    m = one("Cases doubled in the last 30 days.")
    assert (m.date_start, m.date_end) == (D(2025, 9, 1), ANCHOR)


def test_in_n_weeks_future_is_a_point() -> None:
    m = one("The ship will dock in two weeks.")
    assert m.kind == "point"
    assert m.date_start <= D(2025, 10, 15) <= m.date_end  # type: ignore[operator]


# --------------------------------------------------------------------------- anchor None


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("Wednesday", "point"),
        ("last year", "point"),
        ("weeks ago", "relative_vague"),
        ("two weeks ago", "point"),
        ("by the end of the year", "deadline"),
        ("the past two decades", "duration"),
        ("in July", "point"),
        ("July 4", "point"),
    ],
)
def test_relative_phrases_without_anchor(phrase: str, kind: str) -> None:
    m = resolve(phrase, None)
    assert m is not None
    assert (m.date_start, m.date_end, m.precision) == (None, None, "unknown")
    assert m.kind == kind


def test_absolute_dates_without_anchor() -> None:
    found = find_dates("The treaty of 4 July 2025 replaced one signed in 2019.", None)
    assert [(m.text, m.date_start, m.precision) for m in found] == [
        ("4 July 2025", D(2025, 7, 4), "day"),
        ("2019", D(2019, 1, 1), "year"),
    ]
    assert resolve("by September 2025", None).date_end == D(2025, 9, 30)  # type: ignore[union-attr]


# --------------------------------------------------------------------------- non-matches


@pytest.mark.parametrize(
    "sentence",
    [
        "The ruling may be appealed.",
        "May I ask a question?",
        "Thousands will march through the city.",
        "March on, the crowd chanted.",
        "The Sunday Times published the letter.",
        "At least 107 killed and 238 wounded.",
        "The fund raised $ 50,000 for the victims.",
        "Some 2000 people fled the fighting.",
        "Resolution 2170 was adopted unanimously.",
        "The storm hit at 1800 GMT.",
        "A 15-year-old boy was arrested.",
        "They meet twice a year.",
        "The number 12345 is not a year, nor is 1700 or 2200.",
        "The farmers planted winter wheat.",
        "Soldiers fought in the fall of the city.",
        "The summit was held in the ninth round of talks.",
    ],
)
def test_non_matches(sentence: str) -> None:
    assert find_dates(sentence, ANCHOR) == []


def test_year_used_as_modifier_is_consistently_a_year() -> None:
    m = one("Fans recalled the 2018 FIFA World Cup.")
    assert m.text == "2018"
    assert interval(m) == (D(2018, 1, 1), D(2018, 12, 31), "year")


def test_year_range() -> None:
    found = find_dates("Yields were modelled over 2000 - 2050.", ANCHOR)
    assert [m.text for m in found] == ["2000", "2050"]


# --------------------------------------------------------------------------- API details


def test_offsets_and_offset_argument() -> None:
    text = "Officials said on Tuesday that talks would resume next month."
    found = find_dates(text, ANCHOR, offset=100)
    assert [m.text for m in found] == ["Tuesday", "next month"]
    for m in found:
        assert text[m.start - 100 : m.end - 100] == m.text


def test_mentions_in_text_order_without_overlap() -> None:
    text = (
        "Two weeks ago the mayor said that by the end of the year the line would open; "
        "in 2019 it was delayed, and yesterday officials met again."
    )
    found = find_dates(text, ANCHOR)
    assert [m.text for m in found] == [
        "Two weeks ago",
        "by the end of the year",
        "2019",
        "yesterday",
    ]
    assert all(a.end <= b.start for a, b in pairwise(found))


def test_resolve_returns_none_without_date() -> None:
    assert resolve("the meeting", ANCHOR) is None


def test_confidence_range() -> None:
    for m in find_dates("Last year, recently, on 4 July 2025 and weeks ago.", ANCHOR):
        assert 0.0 <= m.confidence <= 1.0


@pytest.mark.parametrize(
    ("sentence", "tense"),
    [
        ("The minister will travel to Paris.", "future"),
        ("The company plans to open a plant.", "future"),
        ("The president is to visit the region next week.", "future"),
        ("Police arrested three men.", "past"),
        ("The building was destroyed.", "past"),
        ("The festival runs through the city.", "present"),
        ("By the end of the day the site was down.", "past"),
    ],
)
def test_sentence_tense(sentence: str, tense: str) -> None:
    assert sentence_tense(sentence) == tense


def test_long_article() -> None:
    paragraph = (
        "Officials said on Tuesday that the talks, which began two weeks ago in Geneva, "
        "would resume next month. The ministry expects an agreement by the end of the year, "
        "after 14 months of negotiations that started in July 2024. Witnesses said 107 people "
        "were killed last year when fighting spread to the north; weeks ago the UN warned that "
        "aid would run out by September. "
    )
    text = paragraph * 17  # about 1,000 words; its speed: bench/bench_build.py
    found = find_dates(text, ANCHOR)
    assert len(found) > 100


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("the first half of next year", D(2026, 1, 1), D(2026, 6, 30)),
        ("the second half of 2024", D(2024, 7, 1), D(2024, 12, 31)),
        ("the 1800s", D(1800, 1, 1), D(1899, 12, 31)),
        ("the 2000s", D(2000, 1, 1), D(2009, 12, 31)),
        ("February 29", D(2024, 2, 29), D(2024, 2, 29)),
    ],
)
def test_halves_centuries_and_leap_days(phrase: str, start: date, end: date) -> None:
    m = resolve(phrase, ANCHOR)
    assert m is not None and m.text == phrase
    assert (m.date_start, m.date_end) == (start, end)


def test_invalid_calendar_dates_are_not_days() -> None:
    assert all(m.precision != "day" for m in find_dates("It was 30 February 2024.", ANCHOR))


def test_doc_dates_are_found_once_per_sentence_and_read_by_window() -> None:
    from dateline.extract.docdates import find_doc_dates
    from dateline.extract.resources import Resources
    from dateline.extract.segment import segment
    from fixtures.articles import article

    body = "Talks resumed on Monday. The deal, the minister said, runs for three months."
    seg = segment(article(body), Resources.default())
    dates = find_doc_dates(seg, ANCHOR)
    assert [[d.text for d in dates.in_sentence(s.index)] for s in seg.sentences] == [
        ["Monday"],
        ["three months"],
    ]
    end = body.index("months")
    assert [d.text for d in dates.within(0, len(body))] == ["Monday", "three months"]
    assert dates.within(body.index("Talks"), end) == [dates.in_sentence(0)[0]]  # never a cut phrase


def test_trie_matches_exactly_its_words() -> None:
    import re

    from dateline.extract.dates import _trie

    words = ["by", "before", "beginning", "the", "this", "then", "a", "an", "mid"]
    pattern = re.compile(rf"(?:{_trie(words)})\b")
    for w in words:
        assert pattern.fullmatch(w), w
    for other in ["b", "bef", "th", "thee", "ann", "middle", "midday", ""]:
        assert not pattern.fullmatch(other), other


GATED_TEXTS = (
    "By mid-2026, no later than Sept. 5 or the start of next year, the 1990s and '90s ended.",
    "On Tuesday, 3 March 2025, and on March 3rd, the first quarter of 2024 and Q2 2023 closed.",
    "Early last week, later this month, late summer, the end of the decade and the 21st century.",
    "Tonight, yesterday evening, this morning, the day after tomorrow and last night it rained.",
    "Until 2030, till July, in the eighties, the nineteenth century, on 2025-09-30 they met.",
    "Twenty-one days, three weeks, a couple of months, half a dozen years, dozens of hours.",
    "Several decades, some years, many months, 12 minutes and 1,000 days after the war.",
)


def test_gates_skip_only_word_starts_that_cannot_open_a_match() -> None:
    """The lookaheads in front of DATE_RE and DURATION_RE change no match: the regexes without
    them find the same spans."""
    import re

    from dateline.extract import dates

    for gated, gate in ((dates.DATE_RE, dates._DATE_GATE), (dates.DURATION_RE, dates._COUNT_GATE)):
        assert gate in gated.pattern
        plain = re.compile(gated.pattern.replace(gate, ""), gated.flags)
        for text in GATED_TEXTS:
            found = [m.span() for m in gated.finditer(text)]
            assert found == [m.span() for m in plain.finditer(text)], text
        assert any(gated.search(text) for text in GATED_TEXTS)


@pytest.mark.parametrize(
    "text",
    [
        "Talks resumed two Weeks AGO in Oslo.",
        "The truce holds from now on, the envoy said.",
        "Nothing was dated in this sentence at all.",
        "Within the Next Few Months the DECADE ends.",
        "On 4/5/2024 the board met.",
        "The ſpan of the Kelvin-K scale is not a date.",
    ],
)
def test_a_family_cue_read_by_lower_casing_finds_what_its_search_finds(text: str) -> None:
    """In an ASCII text a cue is looked for by lower-casing and substring tests: it finds a
    cue wherever its case-insensitive search does, so no family is skipped that could match
    (a text with other letters is searched)."""
    from dateline.extract.dates import _FAMILIES

    low = text.lower() if text.isascii() else None
    for cue in (f.cue for f in _FAMILIES if f.cue is not None):
        assert cue.found(text, low) or cue.regex.search(text) is None


@pytest.mark.parametrize(
    "phrase",
    [
        "the 1990s",
        "the '90s",
        "the mid-1990s",
        "the first quarter of 2024",
        "the day before yesterday",
        "the twentieth century",
        "the end of March",
        "the rest of the year",
        "the 5th of May",
        "the weekend",
    ],
)
def test_the_date_gate_lets_a_phrase_open_with_the(phrase: str) -> None:
    """DATE_RE's gate lets "the" open a phrase only before the words its phrases go on with:
    each of these is still found whole (the commonest word is skipped elsewhere)."""
    from dateline.extract.dates import DATE_RE

    text = f"Officials looked back on {phrase} at the meeting."
    starts = [m.start() for m in DATE_RE.finditer(text)]
    assert text.index(phrase) in starts
