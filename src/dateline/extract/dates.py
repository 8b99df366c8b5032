"""Find date expressions in English news text and resolve them against the article date.

Candidates are found with module-level compiled regexes (never dateparser on whole
sentences); each match is resolved by a small pure function into a :class:`DateMention`
holding an inclusive interval, a precision and a kind (point, deadline, duration,
relative_vague).  dateparser is only used for numeric dates such as ``10/01/2025``.
"""

from __future__ import annotations

import bisect
import calendar
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, datetime, timedelta
from functools import lru_cache
from typing import ClassVar, NamedTuple

from dateline.lexicon.rules import rule_words

__all__ = ["DateMention", "OffCalendar", "find_dates", "resolve", "sentence_tense"]

# =============================================================================
# Lexical tables
# =============================================================================


@dataclass(frozen=True)
class DateWords:
    """The word lists of date finding, read from ``lexicon/data/rules/dates.yaml``."""

    FILE: ClassVar[str] = "dates.yaml"
    ambiguous_months: frozenset[str]
    date_prepositions: frozenset[str]
    season_prepositions: frozenset[str]
    season_not_next: frozenset[str]
    year_not_prev: frozenset[str]
    year_not_next: frozenset[str]
    not_count_nouns: frozenset[str]
    weekday_not_next: frozenset[str]
    weekday_not_prev: frozenset[str]
    past_cues: tuple[str, ...]
    not_past_ed: frozenset[str]
    participle_auxiliaries: frozenset[str]


WORDS = rule_words(DateWords)

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTHS_FULL = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS_ABBR = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip

#: Number words as (low, high) counts; low < high marks a vague quantity.
NUMBER_WORDS: dict[str, tuple[int, int]] = {
    "a": (1, 1), "an": (1, 1), "one": (1, 1), "two": (2, 2), "three": (3, 3),
    "four": (4, 4), "five": (5, 5), "six": (6, 6), "seven": (7, 7), "eight": (8, 8),
    "nine": (9, 9), "ten": (10, 10), "eleven": (11, 11), "twelve": (12, 12),
    "thirteen": (13, 13), "fourteen": (14, 14), "fifteen": (15, 15), "sixteen": (16, 16),
    "seventeen": (17, 17), "eighteen": (18, 18), "nineteen": (19, 19), "twenty": (20, 20),
    "thirty": (30, 30), "forty": (40, 40), "fifty": (50, 50), "sixty": (60, 60),
    "seventy": (70, 70), "eighty": (80, 80), "ninety": (90, 90), "a hundred": (100, 100),
    "a dozen": (12, 12), "half a dozen": (6, 6), "a couple of": (2, 2), "a couple": (2, 2),
    "a few": (2, 4), "few": (2, 4), "several": (3, 7), "some": (2, 6), "many": (5, 20),
    "a number of": (2, 6), "dozens of": (24, 99), "hundreds of": (200, 999),
}  # fmt: skip
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
UNITS_1_9 = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

#: Time units: name -> (days per unit, months per unit, precision of a point at that unit).
UNITS: dict[str, tuple[int, int, str]] = {
    "minute": (0, 0, "day"), "hour": (0, 0, "day"), "day": (1, 0, "day"),
    "week": (7, 0, "week"), "fortnight": (14, 0, "week"), "month": (0, 1, "month"),
    "year": (0, 12, "year"), "decade": (0, 120, "year"), "century": (0, 1200, "year"),
}  # fmt: skip
UNIT_PLURALS: dict[str, str] = {"centuries": "century"}
#: Bare plurals ("weeks ago", "in recent months"): (low, high) count of units.
VAGUE_COUNTS: dict[str, tuple[int, int]] = {
    "minute": (1, 60), "hour": (1, 24), "day": (2, 10), "week": (1, 8), "fortnight": (1, 4),
    "month": (2, 12), "year": (2, 10), "decade": (2, 6), "century": (2, 10),
}  # fmt: skip

QUARTER_WORDS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "final": 4, "last": 4,
}  # fmt: skip
DECADE_WORDS: dict[str, int] = {
    "twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950,
    "sixties": 1960, "seventies": 1970, "eighties": 1980, "nineties": 1990,
}  # fmt: skip
CENTURY_WORDS: dict[str, int] = {
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
}
#: Seasons as (first month, number of months); winter starts in December of its year.
SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "fall": (9, 3), "winter": (12, 3),
}  # fmt: skip


#: Modal and periphrastic future: decisive even in a sentence with past-tense verbs.
FUTURE_CUES = (
    r"will|shall|won't|wo n't|'ll|going to|gonna|plans? to|planning to|intends? to|aims? to|"
    r"is to|are to|is due|are due|expected to|scheduled to|set to"
)
#: Future-leaning words that lose to past-tense evidence ("by the end of the day it was ...").
WEAK_FUTURE_CUES = (
    r"next|tomorrow|upcoming|scheduled|coming (?:days|weeks|months|years)|by the end of|"
    r"later this|later in"
)

HALF_YEAR_DAYS = 183
#: A count longer than this ("10000000000000 days ago") is no date: it leaves any calendar.
MAX_COUNT_DIGITS = 12

# Confidence levels.
CONF_EXACT = 0.95
CONF_DEICTIC = 0.9
CONF_INFERRED = 0.8
CONF_FUZZY = 0.6
CONF_VAGUE = 0.4
CONF_RECENT = 0.3

# =============================================================================
# Regexes (compiled once)
# =============================================================================


def _alt(words: Iterable[str]) -> str:
    """Regex alternation of words, longest first, spaces matching any whitespace."""
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


def _trie(words: Iterable[str]) -> str:
    """Regex alternation of lower-case words factored by their first letters ("b(?:y|efore)"):
    the engine rules a branch out at its first letter, so testing a position takes a few
    comparisons, not one per word."""
    rests: dict[str, list[str]] = {}
    for w in sorted(set(words)):
        if w:
            rests.setdefault(w[0], []).append(w[1:])
    alts = []
    for first, rest in rests.items():
        if len(rest) == 1:
            alts.append(re.escape(first + rest[0]))
        else:
            optional = "?" if "" in rest else ""
            alts.append(f"{re.escape(first)}(?:{_trie(rest)}){optional}")
    return "|".join(alts)


def _gate(phrases: Iterable[str], marks: str = "", the: Iterable[str] | None = None) -> str:
    """A lookahead that holds only where a digit, one of ``marks`` or the first word of one of
    ``phrases`` (any case) opens a word: put after a regex's opening lookbehind, it lets a scan
    pass every other word start without trying the regex's branches there. With ``the`` (the
    words a phrase opening with "the" goes on with), "the" opens one only before a digit, an
    apostrophe or one of them: the commonest word then passes the scan too."""
    firsts = {p.split()[0].lower() for p in phrases} - ({"the"} if the is not None else set())
    after = "" if the is None else rf"|the\s+(?:[\d']|(?:{_trie(the)})\b)"
    return rf"(?=[\d{re.escape(marks)}]|(?:{_trie(firsts)})\b{after})"


_MON_FULL = rf"(?-i:{'|'.join(MONTHS_FULL)})\b"
_MON = rf"(?-i:(?:{'|'.join(MONTHS_FULL)})\b|(?:{'|'.join(MONTHS_ABBR)})(?:\.|\b))"
_WD = rf"(?-i:{'|'.join(w.capitalize() for w in WEEKDAYS)})\b"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?<![\d,.])(?:1[89]\d\d|20\d\d|2100)(?![\d%]|[.,]\d)"
_COMPOUND = rf"(?:{'|'.join(TENS)})[-\s](?:{'|'.join(UNITS_1_9)})"
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_COMPOUND}|{_alt(NUMBER_WORDS)})"
_UNIT = r"(?:minute|hour|day|week|fortnight|month|year|decade|centur(?:y|ies))"
_POD = r"(?:morning|afternoon|evening|night)"
_REL = r"(?:this\s+past|this\s+coming|last|next|this|coming|past)"

_CORES = "|".join(
    (
        r"(?P<iso>(?<![\d-])(?P<iso_y>\d{4})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)(?![\d-]))",
        rf"(?P<mdy>(?:(?P<mdy_wd>{_WD}),?\s+)?(?P<mdy_m>{_MON})\s*(?P<mdy_d>{_DAY})"
        rf"(?:,?\s+(?P<mdy_y>{_YEAR}))?)",
        rf"(?P<dmy>(?:(?P<dmy_wd>{_WD}),?\s+)?(?:the\s+)?(?<!\d)(?P<dmy_d>{_DAY})"
        rf"(?:\s+of)?\s+(?P<dmy_m>{_MON})(?:,?\s+(?P<dmy_y>{_YEAR}))?)",
        rf"(?P<my>(?P<my_m>{_MON})(?:\s+of)?,?\s+(?P<my_y>{_YEAR}))",
        rf"(?P<rel>(?P<rel_w>{_REL})\s+(?P<rel_u>week(?:end)?|month|year|quarter|decade|century)\b)",
        rf"(?P<qtr>(?:the\s+)?(?P<qtr_n>{_alt(QUARTER_WORDS)})\s+quarter"
        rf"(?:\s+of\s+(?:(?P<qtr_y>{_YEAR})|(?P<qtr_rel>this|last|next)\s+year|the\s+year))?"
        rf"|(?-i:Q)(?P<qtr_n2>[1-4])\b(?:\s*(?P<qtr_y2>{_YEAR}))?)",
        rf"(?P<sea>(?:(?P<sea_rel>{_REL})\s+)?(?P<sea_s>spring|summer|autumn|fall|winter)\b"
        rf"(?:\s+(?:of\s+)?(?P<sea_y>{_YEAR}))?)",
        r"(?P<rday>(?P<rday_w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
        rf"today|tonight|yesterday|tomorrow)(?:\s+{_POD})?\b|(?P<rday_ln>last\s+night)\b|"
        rf"this\s+(?:morning|afternoon|evening)\b)",
        rf"(?P<wd>(?:(?P<wd_rel>{_REL})\s+)?(?P<wd_d>{_WD})(?:\s+(?P<wd_pod>{_POD})\b)?)",
        rf"(?P<cent>the\s+(?:(?P<cent_n>\d{{1,2}})(?:st|nd|rd|th)|(?P<cent_w>{_alt(CENTURY_WORDS)}))"
        r"[\s-]+century\b)",
        r"(?P<dec>(?P<dec_the>the\s+)?(?:(?P<dec_p>early|mid|late)[\s-]+)?(?:(?P<dec_y>1[89]\d0|20\d0)"
        rf"'?s|'(?P<dec_2>\d0)s|(?P<dec_w>{_alt(DECADE_WORDS)}))\b)",
        r"(?P<the>the\s+(?P<the_u>week(?:end)?|month|year|quarter|decade|century)\b)",
        rf"(?P<mon>(?:(?P<mon_rel>{_REL})\s+)?(?P<mon_m>{_MON_FULL}))",
        rf"(?P<yr>(?<![\w$£€#])(?P<yr_y>{_YEAR})(?!s\b))",
    )
)
_DEADLINE = r"(?P<dl>by|before|until|till|no\s+later\s+than|not\s+later\s+than)\s+"
_PART = (
    r"(?P<part>earlier|later|early|late|mid(?=[-\s])-?|(?:the\s+)?(?:start|beginning|end|middle|"
    r"close)\s+of|the\s+(?:first|second)\s+half\s+of|the\s+(?:rest|remainder)\s+of)"
)
#: The words a DATE_RE match can open with (besides a digit, an apostrophe ("'90s") and "Q1"):
#: the deadline and part-of prefixes, then the first words of the cores.
_DATE_OPENERS = (
    *("by", "before", "until", "till", "no", "not"),
    *("earlier", "later", "early", "late", "mid", "the", "start", "beginning", "end", "middle"),
    *("close", "this", "last", "next", "coming", "past", "today", "tonight", "yesterday"),
    *("tomorrow", *MONTHS, *WEEKDAYS, *QUARTER_WORDS, *SEASONS, *DECADE_WORDS),
)
#: The words after "the" in a DATE_RE match that opens with it: the part-of phrases ("the end
#: of"), a quarter ("the first quarter"), "the day before yesterday", a century or decade ("the
#: twentieth century", "the early nineties"; a digit or an apostrophe: "the 1990s", "the
#: '90s", "the 5th of May") and "the week", "the year".
_AFTER_THE = (
    *("start", "beginning", "end", "middle", "close", "first", "second", "rest", "remainder"),
    *QUARTER_WORDS,
    *("day", *CENTURY_WORDS, "early", "mid", "late", *DECADE_WORDS),
    *("week", "weekend", "month", "year", "quarter", "decade", "century"),
)
_DATE_GATE = _gate(_DATE_OPENERS, marks="'Q", the=_AFTER_THE)
DATE_RE = re.compile(
    rf"(?<!\w){_DATE_GATE}(?:{_DEADLINE})?(?:{_PART}(?:\s+in)?(?:\s+|(?<=-)))?(?:{_CORES})", re.I
)
AGO_RE = re.compile(
    rf"(?<![\w-])(?:(?P<num>{_NUM})[\s-]+)?(?P<unit>{_UNIT})s?\s+(?P<dir>ago|from\s+now)\b", re.I
)
SPAN_RE = re.compile(
    rf"(?<![\w-])(?P<the>the\s+)?(?P<dir>past|last|next|coming)\s+(?:(?P<num>{_NUM})\s+)?"
    rf"(?P<unit>{_UNIT})s?\b",
    re.I,
)
WITHIN_RE = re.compile(
    rf"(?<![\w-])within\s+(?:the\s+next\s+)?(?:(?P<num>{_NUM})[\s-]+)?(?P<unit>{_UNIT})s?\b", re.I
)
_COUNT_GATE = _gate((*NUMBER_WORDS, *TENS))  # a duration opens with its count
DURATION_RE = re.compile(
    rf"(?<![\w$£€-]){_COUNT_GATE}(?P<num>{_NUM})[\s-]+(?P<unit>{_UNIT})s?(?P<long>-long)?\b"
    r"(?!-old|\s+old\b)"
    r"|(?<=\bfor\s)(?P<bare>(?:minute|hour|day|week|month|year|decade)s|centuries)\b",
    re.I,
)
VAGUE_RE = re.compile(
    r"(?<![\w-])(?:(?P<recent>recently|lately)|in\s+recent\s+(?P<r_unit>day|week|month|year)s"
    r"|in\s+the\s+(?:coming|next\s+few)\s+(?P<c_unit>day|week|month|year)s)\b",
    re.I,
)
NUMERIC_RE = re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2((?:19|20)\d\d)(?![\d/])")

_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"“‘'(]?[A-Z0-9])|\n\s*\n")
_CLAUSE_BREAK_RE = re.compile(r"[,;:()\"“”—–]|\s-\s")
_FUTURE_RE = re.compile(rf"(?<![\w'])(?:{FUTURE_CUES})(?![\w'])", re.I)
_WEAK_FUTURE_RE = re.compile(rf"\b(?:{WEAK_FUTURE_CUES})\b", re.I)
_PAST_RE = re.compile(rf"\b(?:{_trie(WORDS.past_cues)})\b|\b(?P<ed>[a-z]{{2,}}ed)\b", re.I)
_WORD_RE = re.compile(r"[\w$£€'.]+")

# =============================================================================
# Data model
# =============================================================================


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text, with its resolved inclusive interval."""

    start: int
    end: int
    text: str
    date_start: date | None
    date_end: date | None
    precision: str
    kind: str
    confidence: float


class Span(NamedTuple):
    """An inclusive date interval with its precision."""

    start: date
    end: date
    precision: str


class _Value(NamedTuple):
    start: date | None
    end: date | None
    precision: str
    kind: str
    confidence: float


class _Ctx(NamedTuple):
    text: str
    anchor: date | None
    tense: str


# =============================================================================
# Calendar helpers (pure)
#
# Every date they build goes through ``ymd`` or ``plus_days``, which raise ``OffCalendar`` when
# the arithmetic leaves the calendar (before 0001-01-01 or after 9999-12-31: "12,000 years ago",
# "next week" said on 9999-12-31). Each ``_*_value`` resolver turns that into "no date".
# =============================================================================


class OffCalendar(ValueError):
    """Date arithmetic left the calendar (years 1 to 9999)."""


def ymd(y: int, m: int, d: int) -> date:
    """``date(y, m, d)``, raising :class:`OffCalendar` for a year outside 1..9999."""
    if not MINYEAR <= y <= MAXYEAR:
        raise OffCalendar(f"year {y} is outside the calendar")
    return date(y, m, d)


def plus_days(d: date, days: int) -> date:
    """``d`` moved by ``days`` days, raising :class:`OffCalendar` when that leaves the calendar."""
    try:
        return d + timedelta(days=days)
    except OverflowError as exc:
        raise OffCalendar(f"{d} {days:+} days is outside the calendar") from exc


def add_months(d: date, months: int) -> date:
    """``d`` shifted by whole months, clamping the day to the month's length."""
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    first = ymd(y, m + 1, 1)
    return first.replace(day=min(d.day, calendar.monthrange(y, m + 1)[1]))


def day_span(d: date) -> Span:
    """One day."""
    return Span(d, d, "day")


def week_span(d: date) -> Span:
    """The Monday-Sunday week containing ``d``."""
    monday = plus_days(d, -d.weekday())
    return Span(monday, plus_days(monday, 6), "week")


def month_span(y: int, m: int) -> Span:
    """A calendar month."""
    first = ymd(y, m, 1)
    return Span(first, first.replace(day=calendar.monthrange(y, m)[1]), "month")


def quarter_span(y: int, q: int) -> Span:
    """A calendar quarter."""
    return Span(ymd(y, 3 * q - 2, 1), month_span(y, 3 * q).end, "quarter")


def year_span(y: int, years: int = 1) -> Span:
    """A calendar year (or run of ``years`` years)."""
    return Span(ymd(y, 1, 1), ymd(y + years - 1, 12, 31), "year")


def season_span(y: int, season: str) -> Span:
    """A meteorological season starting in year ``y``."""
    first, length = SEASONS[season]
    start = ymd(y, first, 1)
    last = add_months(start, length - 1)
    return Span(start, month_span(last.year, last.month).end, "quarter")


def shift(anchor: date, unit: str, n: int) -> date:
    """``anchor`` moved by ``n`` units (negative: into the past)."""
    days, months, _ = UNITS[unit]
    if unit == "hour":
        return plus_days(anchor, round(n / 24))
    if unit == "minute":
        return plus_days(anchor, round(n / 1440))
    if months:
        return add_months(anchor, months * n)
    return plus_days(anchor, days * n)


def unit_span(d: date, unit: str) -> Span:
    """The calendar unit containing ``d`` at the unit's precision."""
    precision = UNITS[unit][2]
    if precision == "week":
        return week_span(d)
    if precision == "month":
        return month_span(d.year, d.month)
    if precision == "year":
        return year_span(d.year)
    return day_span(d)


def pick_instance(make: Callable[[int], Span], anchor: date, tense: str, rel: str = "") -> Span:
    """Choose the year of a yearly recurring span ("July", "Q1", "summer") from tense/modifier."""
    spans = [s for k in (-2, -1, 0, 1) for s in _on_calendar(make, anchor.year + k)]
    month_start = anchor.replace(day=1)
    month_end = month_span(anchor.year, anchor.month).end
    if rel in ("last", "past", "this past"):
        return _first([s for s in spans if s.end < month_start][-1:])
    if rel in ("next", "coming", "this coming"):
        return _first([s for s in spans if s.start > month_end])
    if rel == "this":
        inside = [s for s in spans if s.start <= anchor <= s.end]
        return inside[0] if inside else make(anchor.year)
    if tense == "past":
        return _first([s for s in spans if s.start <= anchor][-1:])
    if tense == "future":
        return _first([s for s in spans if s.end >= anchor])
    return _first(sorted(spans, key=lambda s: _distance(s, anchor))[:1])


def _on_calendar(make: Callable[[int], Span], year: int) -> Iterable[Span]:
    """``make(year)``, or nothing when that year's span leaves the calendar."""
    try:
        yield make(year)
    except OffCalendar:
        return


def _first(spans: list[Span]) -> Span:
    """The first span, or :class:`OffCalendar` when the choice would lie outside the calendar."""
    if not spans:
        raise OffCalendar("no such span inside the calendar")
    return spans[0]


def _distance(span: Span, d: date) -> int:
    """Days between ``d`` and the nearest day of ``span`` (0 inside)."""
    if d < span.start:
        return (span.start - d).days
    if d > span.end:
        return (d - span.end).days
    return 0


def weekday_date(anchor: date, weekday: int, tense: str, rel: str = "") -> date:
    """Resolve a weekday name: latest on/before the anchor, or next on/after when future."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if rel in ("last", "past", "this past"):
        return plus_days(anchor, -(back or 7))
    if rel in ("next", "coming", "this coming"):
        return plus_days(anchor, ahead or 7)
    if rel == "this":
        return plus_days(week_span(anchor).start, weekday)
    if tense == "future":
        return plus_days(anchor, ahead)
    return plus_days(anchor, -back)


def weekend_span(anchor: date, tense: str, rel: str) -> Span:
    """Saturday-Sunday weekend chosen by modifier and tense."""
    sat_back = plus_days(anchor, -((anchor.weekday() - 5) % 7))
    if rel in ("last", "past", "this past"):
        sat = plus_days(sat_back, -7) if anchor.weekday() >= 5 else sat_back
    elif rel in ("next", "coming", "this coming"):
        sat = plus_days(sat_back, 7)
    elif anchor.weekday() >= 5:
        sat = sat_back
    else:
        sat = plus_days(sat_back, 7) if tense == "future" else sat_back
    return Span(sat, plus_days(sat, 1), "week")


def relative_period(anchor: date, unit: str, rel: str, tense: str) -> Span:
    """this/last/next week, month, year, quarter, decade, century, weekend."""
    step = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1}
    k = step.get(rel, 0)
    if unit == "weekend":
        return weekend_span(anchor, tense, rel)
    if unit == "week":
        return week_span(plus_days(anchor, 7 * k))
    if unit == "month":
        d = add_months(anchor.replace(day=1), k)
        return month_span(d.year, d.month)
    if unit == "quarter":
        idx = anchor.year * 4 + (anchor.month - 1) // 3 + k
        return quarter_span(idx // 4, idx % 4 + 1)
    if unit == "decade":
        return year_span(anchor.year // 10 * 10 + 10 * k, 10)
    if unit == "century":
        return year_span(anchor.year // 100 * 100 + 100 * k, 100)
    return year_span(anchor.year + k)


def part_of(span: Span, part: str, anchor: date | None) -> Span:
    """Apply early/mid/late/earlier/later/start of/end of/first half of to a span."""
    p = re.sub(r"\s+", " ", part.lower()).removeprefix("the ").rstrip("-")
    s, e, prec = span
    if p == "earlier" and anchor and s <= anchor <= e:
        return Span(s, anchor, prec)
    if p == "later" and anchor and s <= anchor <= e:
        return Span(anchor, e, prec)
    if p in ("start of", "beginning of"):
        return Span(s, s, prec)
    if p in ("end of", "close of"):
        return Span(e, e, prec)
    if p in ("rest of", "remainder of"):
        return Span(max(s, anchor), e, prec) if anchor and anchor <= e else span
    sub = {"year": "quarter", "quarter": "month", "month": "week", "week": "day"}.get(prec, prec)
    third = {"earlier": 0, "early": 0, "mid": 1, "middle of": 1, "later": 2, "late": 2}
    if p in third:
        if prec == "year" and s.year == e.year:
            m0 = 1 + 4 * third[p]
            return Span(date(s.year, m0, 1), month_span(s.year, m0 + 3).end, sub)
        if prec == "month":
            d0 = 1 + 10 * third[p]
            return Span(s.replace(day=d0), e if third[p] == 2 else s.replace(day=d0 + 9), sub)
        return _fraction(span, third[p], 3, sub)
    if p in ("first half of", "second half of"):
        half = 0 if p.startswith("first") else 1
        if prec == "year" and s.year == e.year:
            return Span(date(s.year, 1 + 6 * half, 1), date(s.year, 6 + 6 * half, 30 + half), sub)
        return _fraction(span, half, 2, sub)
    return span


def _fraction(span: Span, index: int, parts: int, precision: str) -> Span:
    """The ``index``-th of ``parts`` equal slices of a span (by days)."""
    total = (span.end - span.start).days + 1
    a = span.start + timedelta(days=total * index // parts)
    b = span.start + timedelta(days=total * (index + 1) // parts - 1)
    return Span(a, b, precision)


# =============================================================================
# Tense
# =============================================================================


def sentence_tense(sentence: str) -> str:
    """Cheap tense guess: "future", "past" or "present".

    Modal future (will, plans to, is to) wins; then past evidence (was, did, -ed verbs,
    irregular past forms; not reporting verbs like "said"); then weak future cues (next,
    by the end of); otherwise present.
    """
    if _FUTURE_RE.search(sentence):
        return "future"
    for m in _PAST_RE.finditer(sentence):
        ed = m.group("ed")
        if ed is None or (ed.islower() and ed.lower() not in WORDS.not_past_ed):
            return "past"
    return "future" if _WEAK_FUTURE_RE.search(sentence) else "present"


def _sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start."""
    return [0] + [m.end() for m in _SENTENCE_END_RE.finditer(text)]


def _local_tense(text: str, starts: list[int], start: int, end: int) -> str:
    """Tense of the clause around [start, end), falling back to its sentence."""
    i = bisect.bisect_right(starts, start) - 1
    s0 = starts[i]
    s1 = starts[i + 1] if i + 1 < len(starts) else len(text)
    sentence = text[s0:s1]
    a, b = start - s0, end - s0
    breaks = [m.start() for m in _CLAUSE_BREAK_RE.finditer(sentence)]
    lo = max([x + 1 for x in breaks if x < a], default=0)
    hi = min([x for x in breaks if x >= b], default=len(sentence))
    before = last_tense(sentence[lo:a])
    if before is not None:
        return before
    clause = sentence_tense(sentence[lo:a] + " " + sentence[b:hi])
    return clause if clause != "present" else sentence_tense(sentence[:a] + " " + sentence[b:])


def last_tense(text: str) -> str | None:
    """The tense of the last verb marker in ``text``, the clause before a date: the verb a
    date follows is the one it dates ("clashed on Tuesday over a plan to raise tariffs" is
    past; "met on Monday and will meet again on Friday" is future for Friday). A past form
    after an auxiliary or "to" is a participle or an infinitive ("will be held"), no marker.
    ``None`` when the text holds no marker."""
    marks = [(m.start(), "future") for m in _FUTURE_RE.finditer(text)]
    for m in _PAST_RE.finditer(text):
        ed = m.group("ed")
        if ed is not None and (not ed.islower() or ed.lower() in WORDS.not_past_ed):
            continue
        if _prev_word(text, m.start()) not in WORDS.participle_auxiliaries:
            marks.append((m.start(), "past"))
    return max(marks)[1] if marks else None


def tense_at(text: str, start: int, end: int) -> str:
    """The tense ``find_dates(text, …)`` reads a phrase at ``text[start:end]`` in."""
    return _local_tense(text, _sentence_starts(text), start, end)


# =============================================================================
# Small lexical helpers
# =============================================================================


def _norm(s: str) -> str:
    """Lower-case, single-spaced."""
    return re.sub(r"\s+", " ", s.strip().lower())


def _prev_word(text: str, pos: int) -> str:
    """The word just before ``pos`` (lower-case), or ""."""
    words = _WORD_RE.findall(text[max(0, pos - 40) : pos])
    return words[-1].lower() if words else ""


def _next_word(text: str, pos: int) -> str:
    """The word just after ``pos`` (original case), or ""."""
    m = re.match(r"\s+([\w$£€']+)", text[pos : pos + 40])
    return m.group(1) if m else ""


def _number(word: str | None) -> tuple[int, int] | None:
    """(low, high) count for a digit string or number word; None if absent."""
    if not word:
        return None
    w = _norm(word).replace(",", "")
    if w.isdigit():
        return (int(w), int(w)) if len(w) <= MAX_COUNT_DIGITS else None
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    parts = re.split(r"[-\s]", w)
    if len(parts) == 2 and parts[0] in TENS and parts[1] in UNITS_1_9:
        n = NUMBER_WORDS[parts[0]][0] + NUMBER_WORDS[parts[1]][0]
        return n, n
    return None


def _unit(word: str) -> str:
    """Singular unit name."""
    w = word.lower()
    return UNIT_PLURALS.get(w, w.rstrip("s") if w.endswith("s") else w)


def _year(s: str | None) -> int | None:
    """Year from a matched group."""
    return int(s) if s else None


def _month(s: str) -> int:
    """Month number from a name or abbreviation."""
    return MONTHS[s.rstrip(".").lower()]


def _is_year_context(text: str, start: int, end: int) -> bool:
    """Whether a bare 4-digit number at [start, end) reads as a year."""
    prev = _prev_word(text, start)
    nxt = _next_word(text, end)
    range_after = re.match(r"\s*[-–]\s*(?:1[89]|20)\d\d\b", text[end : end + 10])
    range_before = re.search(r"\b(?:1[89]|20)\d\d\s*[-–]\s*$", text[max(0, start - 10) : start])
    if range_after or range_before:
        return True
    if prev in WORDS.year_not_prev or nxt.lower() in WORDS.year_not_next:
        return False
    if prev in WORDS.date_prepositions:
        return True
    plural = (
        nxt.islower() and len(nxt) > 3 and nxt.endswith("s") and nxt not in WORDS.not_count_nouns
    )
    return not plural


# =============================================================================
# Core resolution (DATE_RE)
# =============================================================================


def _absolute_core(g: dict[str, str | None], ctx: _Ctx) -> tuple[Span | None, float] | None:
    """Cores naming a calendar date or period; None if no such core matched."""
    a, t = ctx.anchor, ctx.tense
    y: int | None  # the year the core names, if it names one
    if g["iso"]:
        y, m, d = int(g["iso_y"] or 0), int(g["iso_m"] or 0), int(g["iso_d"] or 0)
        return (day_span(date(y, m, d)), CONF_EXACT) if _valid(y, m, d) else (None, 0)
    for key in ("mdy", "dmy"):
        if g[key]:
            m, d = _month(g[f"{key}_m"] or ""), int(re.sub(r"\D", "", g[f"{key}_d"] or ""))
            y = _year(g[f"{key}_y"])
            if y is not None:
                return (day_span(date(y, m, d)), CONF_EXACT) if _valid(y, m, d) else (None, 0)
            if a is None or not _valid(2000, m, d):
                return (None, CONF_INFERRED) if _valid(2000, m, d) else (None, 0)
            wd = g[f"{key}_wd"]
            years = [a.year + k for k in (-1, 0, 1) if _valid(a.year + k, m, d)]
            years = years or [a.year + k for k in range(-4, 5) if _valid(a.year + k, m, d)]
            spans = [day_span(date(yy, m, d)) for yy in years]
            if not spans:
                return None, 0
            if wd:
                hits = [s for s in spans if s.start.weekday() == WEEKDAYS[wd.lower()]]
                spans = hits or spans
            return min(spans, key=lambda s: _pick_key(s, a, t)), CONF_INFERRED
    if g["my"]:
        return month_span(int(g["my_y"] or 0), _month(g["my_m"] or "")), CONF_EXACT
    if g["qtr"]:
        q = QUARTER_WORDS.get((g["qtr_n"] or "").lower()) or int(g["qtr_n2"] or 1)
        y = _year(g["qtr_y"] or g["qtr_y2"])
        if y is not None:
            return quarter_span(y, q), CONF_EXACT
        if a is None:
            return None, CONF_INFERRED
        if g["qtr_rel"]:
            k = {"this": 0, "last": -1, "next": 1}[g["qtr_rel"].lower()]
            return quarter_span(a.year + k, q), CONF_DEICTIC
        return pick_instance(lambda yy: quarter_span(yy, q), a, t), CONF_INFERRED
    if g["cent"]:
        n = int(g["cent_n"]) if g["cent_n"] else CENTURY_WORDS[_norm(g["cent_w"] or "")]
        return year_span((n - 1) * 100, 100), CONF_DEICTIC
    if g["dec"]:
        if g["dec_w"] and not g["dec_the"]:
            return None, 0  # "in his forties" is an age
        y0 = int(g["dec_y"] or 0) or (DECADE_WORDS.get(_norm(g["dec_w"] or "")) or 0)
        if g["dec_2"]:
            y0 = 1900 + int(g["dec_2"]) if int(g["dec_2"]) >= 30 else 2000 + int(g["dec_2"])
        century = y0 % 100 == 0 and y0 < 2000  # "the 1800s" is the century
        span = year_span(y0, 100 if century else 10)
        if g["dec_p"]:
            span = _fraction(span, {"early": 0, "mid": 1, "late": 2}[g["dec_p"].lower()], 3, "year")
        return span, CONF_DEICTIC
    if g["yr"]:
        return year_span(int(g["yr_y"] or 0)), CONF_DEICTIC
    return None


def _pick_key(span: Span, anchor: date, tense: str) -> tuple[int, int]:
    """Sort key choosing the year of a month-day: the nearest one that fits the tense within
    half a year, else the nearest ("is to run from January 23" said on January 28)."""
    distance = _distance(span, anchor)
    fits = (tense == "past" and span.start <= anchor) or (tense == "future" and span.end >= anchor)
    return (0 if fits and distance <= HALF_YEAR_DAYS else 1, distance)


def _valid(y: int, m: int, d: int) -> bool:
    """Whether y-m-d is a real calendar day in the accepted year range."""
    return 1800 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _relative_core(g: dict[str, str | None], ctx: _Ctx) -> tuple[Span | None, float] | None:
    """Cores that need the anchor: weekdays, today, this week, bare months, seasons."""
    a, t = ctx.anchor, ctx.tense
    if g["rday"]:
        if a is None:
            return None, CONF_DEICTIC
        word = _norm(g["rday_w"] or "")
        delta = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2}.get(word, 0)
        delta = 2 if word == "the day after tomorrow" else delta
        delta = -1 if g["rday_ln"] else delta
        return day_span(plus_days(a, delta)), CONF_DEICTIC
    if g["wd"]:
        if a is None:
            return None, CONF_INFERRED
        rel = _norm(g["wd_rel"] or "")
        d = weekday_date(a, WEEKDAYS[(g["wd_d"] or "").lower()], t, rel)
        return day_span(d), CONF_DEICTIC if rel else CONF_INFERRED
    if g["rel"]:
        if a is None:
            return None, CONF_DEICTIC
        rel, unit = _norm(g["rel_w"] or ""), (g["rel_u"] or "").lower()
        return relative_period(a, unit, rel, t), CONF_DEICTIC
    if g["the"]:
        unit = (g["the_u"] or "").lower()
        if a is None:
            return None, CONF_INFERRED
        return relative_period(a, unit, "", t), CONF_INFERRED
    if g["sea"]:
        season, rel = (g["sea_s"] or "").lower(), _norm(g["sea_rel"] or "")
        y = _year(g["sea_y"])
        if y is not None:
            return season_span(y, season), CONF_EXACT
        if a is None:
            return None, CONF_INFERRED
        span = pick_instance(lambda yy: season_span(yy, season), a, t, rel)
        return span, CONF_DEICTIC if rel else CONF_INFERRED
    if g["mon"]:
        m, rel = _month(g["mon_m"] or ""), _norm(g["mon_rel"] or "")
        if a is None:
            return None, CONF_INFERRED
        span = pick_instance(lambda yy: month_span(yy, m), a, t, rel)
        return span, CONF_DEICTIC if rel else CONF_INFERRED
    return None


Resolver = Callable[[re.Match[str], _Ctx], _Value | None]


def _total(resolve: Resolver) -> Resolver:
    """A resolver that gives no date, instead of raising, when its arithmetic leaves the
    calendar ("12,000 years ago", "next year" in an article dated 9999-12-31)."""

    @functools.wraps(resolve)
    def total(m: re.Match[str], ctx: _Ctx) -> _Value | None:
        try:
            return resolve(m, ctx)
        except OffCalendar:
            return None

    return total


def _date_guard(m: re.Match[str], ctx: _Ctx) -> bool:
    """Reject matches that are ordinary words: "may be", "Sunday Times", "2000 people"."""
    g, text = m.groupdict(), ctx.text
    modified = bool(g["dl"] or g["part"])
    if g["mon"]:
        month = (g["mon_m"] or "").lower()
        nxt = _next_word(text, m.end())
        if not (g["mon_rel"] or modified):
            prev = _prev_word(text, m.start())
            if month in WORDS.ambiguous_months and prev not in WORDS.date_prepositions:
                return False
            if nxt[:1].isupper() and nxt.lower() not in MONTHS:
                return False
    if g["wd"] and not g["wd_pod"]:
        if _next_word(text, m.end()).lower() in WORDS.weekday_not_next:
            return False
        if not g["wd_rel"] and _prev_word(text, m.start()) in WORDS.weekday_not_prev:
            return False
    if g["yr"] and not _is_year_context(text, m.start("yr"), m.end("yr")):
        return False
    if g["sea"] and not (g["sea_rel"] or g["sea_y"] or modified):
        if _prev_word(text, m.start()) not in WORDS.season_prepositions:
            return False
        if _next_word(text, m.end()).lower() in WORDS.season_not_next:
            return False
    if (g["sea_s"] or "").lower() == "fall" and not (g["sea_rel"] or g["sea_y"]):
        return False
    if g["the"] and not modified and (g["the_u"] or "").lower() != "weekend":
        return False
    is_today = (g["rday_w"] or "").lower() == "today"
    return not (is_today and _prev_word(text, m.start()) == "usa")  # "USA Today"


@_total
def _date_value(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    """Resolve a DATE_RE match (with optional deadline and part-of prefixes)."""
    if not _date_guard(m, ctx):
        return None
    g = m.groupdict()
    dl = _norm(g["dl"] or "")
    tense = ctx.tense
    if dl and tense != "past":
        tense = "future"
    ctx = ctx._replace(tense=tense)
    found = _absolute_core(g, ctx) or _relative_core(g, ctx)
    if found is None:
        return None
    span, conf = found
    if span is None and conf == 0:
        return None
    if span is not None and g["part"]:
        span = part_of(span, g["part"], ctx.anchor)
    if dl:
        if span is None:
            return _Value(None, None, "unknown", "deadline", conf)
        start = ctx.anchor if ctx.anchor and ctx.anchor <= span.end else None
        return _Value(start, span.end, span.precision, "deadline", conf)
    if span is None:
        return _Value(None, None, "unknown", "point", conf)
    return _Value(span.start, span.end, span.precision, "point", conf)


# =============================================================================
# Other families: "ago", "the past N years", "within", durations, vague, numeric
# =============================================================================


def _count(num: str | None, unit_word: str, ctx: _Ctx) -> tuple[str, int, int] | None:
    """(unit, low, high) for an optional number and a unit word."""
    unit = _unit(unit_word)
    if unit not in UNITS:
        return None
    if num is None:
        lo, hi = VAGUE_COUNTS[unit]
        return unit, lo, hi
    rng = _number(num)
    return (unit, *rng) if rng else None


@_total
def _ago_value(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    """ "two weeks ago", "weeks ago", "a few years ago", "three days from now"."""
    c = _count(m.group("num"), m.group("unit"), ctx)
    if c is None:
        return None
    unit, lo, hi = c
    sign = 1 if m.group("dir").lower().startswith("from") else -1
    precise = lo == hi
    kind = "point" if precise else "relative_vague"
    conf = CONF_INFERRED if precise else (CONF_FUZZY if m.group("num") else CONF_VAGUE)
    prec = UNITS[unit][2]
    if ctx.anchor is None:
        return _Value(None, None, "unknown", kind, conf)
    if precise:
        span = unit_span(shift(ctx.anchor, unit, sign * lo), unit)
        return _Value(span.start, span.end, span.precision, kind, conf)
    a, b = sorted((shift(ctx.anchor, unit, sign * hi), shift(ctx.anchor, unit, sign * lo)))
    return _Value(a, b, prec, kind, conf)


@_total
def _span_value(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    """ "the past two decades", "the next five years", "the last 30 days" (durations)."""
    if not m.group("the") and not m.group("num"):
        return None  # "last year" is a calendar period, handled by DATE_RE
    plural = m.group(0).lower().endswith("s")
    if not plural and not m.group("num") and _unit(m.group("unit")) in ("day", "minute", "hour"):
        return None  # "the next day" is anaphoric
    num = m.group("num") or (None if plural else "one")
    c = _count(num, m.group("unit"), ctx)
    if c is None:
        return None
    unit, lo, hi = c
    conf = CONF_DEICTIC if lo == hi else CONF_FUZZY
    prec = UNITS[unit][2]
    if ctx.anchor is None:
        return _Value(None, None, "unknown", "duration", conf)
    if m.group("dir").lower() in ("next", "coming"):
        return _Value(ctx.anchor, shift(ctx.anchor, unit, hi), prec, "duration", conf)
    return _Value(shift(ctx.anchor, unit, -hi), ctx.anchor, prec, "duration", conf)


@_total
def _within_value(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    """ "within two weeks": a deadline from the anchor."""
    c = _count(m.group("num"), m.group("unit"), ctx)
    if c is None:
        return None
    unit, lo, hi = c
    conf = CONF_DEICTIC if lo == hi else CONF_VAGUE
    prec = UNITS[unit][2]
    if ctx.anchor is None:
        return _Value(None, None, "unknown", "deadline", conf)
    return _Value(ctx.anchor, shift(ctx.anchor, unit, hi), prec, "deadline", conf)


@_total
def _duration_value(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    """ "two decades", "six-year", "a two-decade-long"; "in two weeks" (future) is a point."""
    num = m.group("num")
    c = _count(num, m.group("unit") or m.group("bare"), ctx)
    if c is None:
        return None
    unit, lo, hi = c
    prev = _prev_word(ctx.text, m.start())
    if num and _norm(num) in ("a", "an") and prev not in ("for", "over", "within", "in", "than"):
        return None  # "twice a year", "a day after"
    if num and _norm(num) in ("some", "many") and prev not in ("for", "over", "in"):
        return None
    prec = UNITS[unit][2]
    conf = CONF_DEICTIC if lo == hi else CONF_FUZZY
    after = ctx.text[m.end() : m.end() + 8].lower()
    future_in = prev == "in" and (ctx.tense == "future" or re.match(r"'s?\s+time", after))
    if future_in and lo == hi and num:
        if ctx.anchor is None:
            return _Value(None, None, "unknown", "point", CONF_INFERRED)
        span = unit_span(shift(ctx.anchor, unit, lo), unit)
        return _Value(span.start, span.end, span.precision, "point", CONF_INFERRED)
    return _Value(None, None, prec, "duration", conf)


@_total
def _vague_value(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    """ "recently", "in recent weeks", "in the coming months"."""
    a = ctx.anchor
    if m.group("recent"):
        if a is None:
            return _Value(None, None, "unknown", "relative_vague", CONF_RECENT)
        return _Value(shift(a, "month", -2), a, "month", "relative_vague", CONF_RECENT)
    unit = (m.group("r_unit") or m.group("c_unit")).lower()
    hi = VAGUE_COUNTS[unit][1]
    prec = UNITS[unit][2]
    if a is None:
        return _Value(None, None, "unknown", "relative_vague", CONF_VAGUE)
    if m.group("r_unit"):
        return _Value(shift(a, unit, -hi), a, prec, "relative_vague", CONF_VAGUE)
    return _Value(a, shift(a, unit, hi), prec, "relative_vague", CONF_VAGUE)


@_total
def _numeric_value(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    """ "10/01/2025" (month first) or "01.10.2025" (day first), parsed by dateparser."""
    order = "MDY" if m.group(2) == "/" else "DMY"
    d = _dateparser_day(m.group(0), order)
    return None if d is None else _Value(d, d, "day", "point", CONF_INFERRED)


@lru_cache(maxsize=1024)
def _dateparser_day(phrase: str, order: str) -> date | None:
    """Parse an absolute numeric date with dateparser (imported lazily: it is slow)."""
    import dateparser

    settings = {"DATE_ORDER": order, "REQUIRE_PARTS": ["day", "month", "year"]}
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date() if isinstance(parsed, datetime) else None


@dataclass(frozen=True)
class _Cue:
    """A family's literal cue: every match of the family holds one of ``words`` (lower case),
    which ``regex`` finds the same case-insensitive way. In an ASCII text, where ignoring
    case is lower-casing, a plain substring test of ``words`` stands for the search."""

    words: tuple[str, ...]
    regex: re.Pattern[str]

    @classmethod
    def of(cls, *words: str, regex: str | None = None) -> _Cue:
        return cls(words, re.compile(regex or "|".join(words), re.I))

    def found(self, text: str, low: str | None) -> bool:
        """Whether the cue may be in ``text`` (``low``: the text lower-cased, when ASCII)."""
        if low is not None and self.words:
            return any(map(low.__contains__, self.words))  # mapped in C
        return self.regex.search(text) is not None


@dataclass(frozen=True)
class _Family:
    """A family of date phrases: its regex, the reading of a match, and its literal cue
    (``None``: none, always searched)."""

    regex: re.Pattern[str]
    value: Callable[[re.Match[str], _Ctx], _Value | None]
    cue: _Cue | None = None


# Literal cues: a family's regex cannot match a text in which its cue finds nothing (every
# match of the family holds one of these words, compared the same case-insensitive way), so
# find_dates skips the family there. DATE_RE has too many shapes to have a cue. Each family
# holds its cue (a dict keyed by the regex would hash the whole compiled pattern per lookup).
_FAMILIES: tuple[_Family, ...] = (
    _Family(DATE_RE, _date_value),
    _Family(AGO_RE, _ago_value, _Cue.of("ago", "now", regex=r"ago|from\s+now")),  # not "from"
    _Family(SPAN_RE, _span_value, _Cue.of("past", "last", "next", "coming")),
    _Family(WITHIN_RE, _within_value, _Cue.of("within")),
    _Family(
        DURATION_RE,
        _duration_value,
        _Cue.of("minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "centur"),
    ),
    _Family(VAGUE_RE, _vague_value, _Cue.of("recent", "lately", "coming", "next")),
    _Family(NUMERIC_RE, _numeric_value, _Cue((), re.compile(r"\d[/.]\d"))),  # always searched
)

# =============================================================================
# Public API
# =============================================================================


def _match_span(m: re.Match[str]) -> tuple[int, int]:
    """Span of a match, excluding a bare-plural lookbehind context."""
    # ``groupindex`` names the regex's groups (``groupdict`` builds a dict of them per match)
    return m.span("bare") if "bare" in m.re.groupindex and m.group("bare") else m.span()


def find_dates(
    text: str, anchor: date | None, *, offset: int = 0, tense: str | None = None
) -> list[DateMention]:
    """All date mentions in ``text``, resolved against ``anchor``, in text order.

    ``tense`` forces the tense used for ambiguous phrases; by default it is guessed per
    clause/sentence.  Offsets are code points into ``text`` plus ``offset``.
    """
    candidates: list[tuple[int, int, re.Match[str], Callable[..., _Value | None]]] = []
    low = text.lower() if text.isascii() else None
    for family in _FAMILIES:
        if family.cue is not None and not family.cue.found(text, low):
            continue
        for m in family.regex.finditer(text):
            s, e = _match_span(m)
            candidates.append((s, e, m, family.value))
    if not candidates:
        return []
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    starts = _sentence_starts(text) if tense is None else []
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for s, e, m, handler in candidates:
        if any(s < te and ts < e for ts, te in taken):
            continue
        t = tense or _local_tense(text, starts, s, e)
        value = handler(m, _Ctx(text, anchor, t))
        if value is None:
            continue
        taken.append((s, e))
        out.append(DateMention(s + offset, e + offset, text[s:e], *value))
    return sorted(out, key=lambda d: d.start)


def resolve(phrase: str, anchor: date | None, *, tense: str | None = None) -> DateMention | None:
    """Resolve one phrase ("last year", "by September 2025"); None if it holds no date.

    Returns the longest mention found in the phrase (offsets relative to ``phrase``).
    """
    found = find_dates(phrase, anchor, tense=tense or sentence_tense(phrase))
    return max(found, key=lambda d: d.end - d.start, default=None)
