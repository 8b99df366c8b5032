"""What the scorer reads from the extractor's rows (``extract(article).rows``), and span
helpers shared by the metrics."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from dateline.evaluate.gold import head_is_capitalised, name_of
from dateline.evaluate.names import normalize_name

TABLES = ("actors", "locations")
NAME_MENTION_TYPES = frozenset({"name", "metonym", "dateline"})
Rows = Mapping[str, Sequence[Mapping[str, Any]]]
T = TypeVar("T")


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Whether two end-exclusive spans share at least one character."""
    return a_start < b_end and b_start < a_end


def overlap_size(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def best_overlap(
    spans: Sequence[tuple[int, int]],
    candidates: Iterable[T],
    span_of: Callable[[T], tuple[int, int]],
) -> T | None:
    """The candidate that shares the most characters with ``spans``, and of those sharing as
    many, the tightest (highest intersection over union); the first one on a tie."""
    best, best_key = None, (0, 0.0)
    size = sum(e - s for s, e in spans)
    for c in candidates:
        start, end = span_of(c)
        inter = sum(overlap_size(start, end, s, e) for s, e in spans)
        key = (inter, inter / (size + (end - start) - inter) if inter else 0.0)
        if key > best_key:
            best, best_key = c, key
    return best


@dataclass(frozen=True)
class PredMention:
    entity_id: str
    table: str
    text: str
    start: int
    end: int
    mention_type: str
    person: bool = False

    @property
    def name(self) -> str:
        """The name inside the span, found as for gold spans ("northern Syria" → "Syria")."""
        coarse = "ACTOR_PERSON" if self.person else ""
        return name_of({"text": self.text, "coarse_type": coarse})

    @property
    def is_name(self) -> bool:
        """A name, metonym or dateline whose head word is capitalised, as gold names without a
        head tag are judged ("Iraqi security forces" is not a name); or a description of two
        words or more whose last word is capitalised ("the Foreign Secretary")."""
        if self.mention_type in NAME_MENTION_TYPES:
            return head_is_capitalised(self.text)
        words = self.text.split()
        return self.mention_type == "nominal" and len(words) > 1 and words[-1][:1].isupper()


@dataclass(frozen=True)
class PredQuote:
    start: int
    end: int
    speaker_id: str | None
    speaker_span: tuple[int, int] | None
    confidence: float | None = None


@dataclass(frozen=True)
class PredPlace:
    """A predicted ``locations`` row: where it is and whether it is a country."""

    location_id: str
    location_type: str | None
    country: str | None
    lat: float | None
    lon: float | None
    confidence: float | None = None

    @property
    def country_code(self) -> str | None:
        """The ISO 3166-1 alpha-3 code when the place is a country, else ``None``."""
        if self.location_type != "country":
            return None
        if self.country:
            return self.country.upper()
        prefix, _, code = self.location_id.partition(":")
        return code.upper() if prefix == "iso3166" and code else None


@dataclass(frozen=True)
class PredEvent:
    """A predicted ``events`` row."""

    start: int  # the trigger
    end: int
    event_type: str
    actor_id: str | None
    target_id: str | None
    location_id: str | None
    date: tuple[str, str] | None  # ISO first and last day
    status: str
    confidence: float | None = None


@dataclass(frozen=True)
class Prediction:
    mentions: tuple[PredMention, ...]
    quotes: tuple[PredQuote, ...]
    actor_names: Mapping[str, frozenset[str]]  # actor_id → normalised name and aliases
    places: Mapping[str, PredPlace] = field(default_factory=dict)  # location_id → its row
    events: tuple[PredEvent, ...] = ()
    actor_countries: Mapping[str, str | None] = field(default_factory=dict)  # actor_id → ISO3

    def spans_of(self, entity_id: str | None) -> list[tuple[int, int]]:
        """Where the entity is mentioned."""
        return [(m.start, m.end) for m in self.mentions if entity_id and m.entity_id == entity_id]


def _day(value: Any) -> str | None:
    """A date cell (``datetime.date`` from extraction, or an ISO string) as ISO text."""
    return None if value in (None, "") else str(value)[:10]


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def prediction_from_rows(rows: Rows) -> Prediction:
    """Keep what the scorer reads from ``extract(article).rows``."""
    people = {r["actor_id"] for r in rows.get("actors", ()) if r.get("actor_type") == "person"}
    mentions = tuple(
        PredMention(
            str(r["entity_id"]),
            r["entity_table"],
            r.get("text") or "",
            r["char_start"],
            r["char_end"],
            r.get("mention_type") or "name",
            r["entity_id"] in people,
        )
        for r in rows.get("mentions", ())
        if r.get("entity_table") in TABLES
    )
    quotes = tuple(
        PredQuote(
            r["char_start"],
            r["char_end"],
            r.get("speaker_id") or None,
            (r["speaker_start"], r["speaker_end"])
            if isinstance(r.get("speaker_start"), int) and isinstance(r.get("speaker_end"), int)
            else None,
            _number(r.get("confidence")),
        )
        for r in rows.get("quotes", ())
    )
    names = {
        str(r["actor_id"]): frozenset(
            normalize_name(n) for n in [r.get("name") or "", *(r.get("aliases") or [])] if n
        )
        for r in rows.get("actors", ())
    }
    places = {
        str(r["location_id"]): PredPlace(
            str(r["location_id"]),
            r.get("location_type"),
            r.get("country"),
            _number(r.get("latitude")),
            _number(r.get("longitude")),
            _number(r.get("confidence")),
        )
        for r in rows.get("locations", ())
    }
    events = tuple(
        PredEvent(
            r["trigger_start"],
            r["trigger_end"],
            r.get("event_type") or "",
            r.get("actor_id") or None,
            r.get("target_id") or None,
            r.get("location_id") or None,
            _interval(_day(r.get("date_start")), _day(r.get("date_end"))),
            r.get("status") or "",
            _number(r.get("confidence")),
        )
        for r in rows.get("events", ())
    )
    countries = {str(r["actor_id"]): r.get("country") or None for r in rows.get("actors", ())}
    return Prediction(mentions, quotes, names, places, events, countries)


def _interval(start: str | None, end: str | None) -> tuple[str, str] | None:
    if start is None and end is None:
        return None
    return (start or end or "", end or start or "")
