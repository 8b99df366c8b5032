"""Calibrated confidence: one table (``calibration.yaml``) maps a row's features to the share of
such rows that were right on the annotated dev corpora.

Each table (quotes, events, locations) lists its features in order; a cell is keyed by the
values of a prefix of them, ``|``-joined (``''`` is every row). A row gets the confidence of the
longest prefix that has a cell, so a rare combination falls back to its more general cell.
``scripts/fit_calibration.py`` fits the cells from ``dateline evaluate``'s verdicts on the dev
corpora (a one-sided lower bound of each cell's precision, so that rows are right at least as
often as their confidence says) and reports the fit on held-out articles. The table is applied
in one place, when rows are built (:func:`calibrate`, called by ``extract/rows.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from dateline.errors import DatelineError
from dateline.lexicon import Lexicon

PATH = Path(__file__).with_name("calibration.yaml")
TABLES = ("quotes", "events", "locations")
Row = dict[str, Any]
Feature = Callable[[Mapping[str, Any], Lexicon, "Calibration"], str]


class CalibrationError(DatelineError):
    """The calibration table is malformed."""


def _field(name: str) -> Feature:
    return lambda row, lex, cal: str(row.get(name) or "none")


def _has(name: str) -> Feature:
    return lambda row, lex, cal: "yes" if row.get(name) not in (None, "") else "no"


def cue_class(row: Mapping[str, Any], lex: Lexicon, cal: Calibration) -> str:
    """``neutral`` when the cue is, or opens with, a plain reporting verb (the table's
    ``neutral_cues``: "said", "told", "said in a statement"), else the cue's kind in the
    lexicon (speech, according_to, belief, finding), else ``other``."""
    text = str(row.get("cue") or "").strip()
    words = text.split()
    first = lex.cue(words[0]) if words else None
    if first is not None and first.lemma in cal.neutral_cues:
        return "neutral"
    cue = lex.cue(text) or first
    return "other" if cue is None else cue.kind


def mention_band(row: Mapping[str, Any], lex: Lexicon, cal: Calibration) -> str:
    """How often the article names the place: ``1`` or ``2+``."""
    return "2+" if (row.get("mention_count") or 0) >= 2 else "1"


# The features a table's ``features`` list may name, per table: small pure functions of a row.
FEATURES: dict[str, dict[str, Feature]] = {
    "quotes": {
        "cue": cue_class,
        "attribution": _field("attribution"),
        "quote_type": _field("quote_type"),
    },
    "events": {
        "actor": _has("actor_id"),
        "target": _has("target_id"),
        "place": _has("location_id"),
        "date": _has("date_start"),
        "status": _field("status"),
        "event_type": _field("event_type"),
    },
    "locations": {
        "location_type": _field("location_type"),
        "coordinates": _has("latitude"),
        "mentions": mention_band,
    },
}


@dataclass(frozen=True)
class Table:
    features: tuple[str, ...]
    cells: Mapping[str, float]  # '|'-joined feature values of a prefix → confidence


@dataclass(frozen=True)
class Calibration:
    tables: Mapping[str, Table]
    neutral_cues: frozenset[str]

    def features(self, table: str, row: Mapping[str, Any], lex: Lexicon) -> tuple[str, ...]:
        """The row's values of the table's features, in order."""
        return tuple(FEATURES[table][f](row, lex, self) for f in self.tables[table].features)

    def confidence(self, table: str, row: Mapping[str, Any], lex: Lexicon) -> float:
        """The confidence of the longest prefix of the row's features that has a cell."""
        return self.lookup(table, self.features(table, row, lex))

    def lookup(self, table: str, values: tuple[str, ...]) -> float:
        """The confidence of the longest prefix of ``values`` that has a cell."""
        cells = self.tables[table].cells
        for k in range(len(values), -1, -1):
            key = "|".join(values[:k])
            if key in cells:
                return cells[key]
        raise CalibrationError(f"{PATH.name}: {table} has no '' cell")  # checked on load


def calibrate(tables: dict[str, list[Row]], lex: Lexicon, cal: Calibration | None = None) -> None:
    """Set ``confidence`` on every quote, event and location row from the table."""
    cal = cal or load()
    for table in TABLES:
        for row in tables.get(table, ()):
            row["confidence"] = cal.confidence(table, row, lex)


@cache
def load(path: Path = PATH) -> Calibration:
    """Read and check the table: every feature known, every confidence in [0, 1], a root cell
    ``''`` per table."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CalibrationError(f"{path}: cannot be read: {exc}") from exc
    return parse(data, str(path))


def parse(data: Any, where: str) -> Calibration:
    if not isinstance(data, dict) or not isinstance(data.get("tables"), dict):
        raise CalibrationError(f"{where}: must be a mapping with 'tables'")
    tables = {}
    for name in TABLES:
        spec = data["tables"].get(name)
        if not isinstance(spec, dict):
            raise CalibrationError(f"{where}: tables.{name} is missing")
        features = tuple(spec.get("features") or ())
        unknown = [f for f in features if f not in FEATURES[name]]
        if unknown:
            raise CalibrationError(f"{where}: tables.{name}: unknown feature {unknown[0]!r}")
        cells = {}
        for key, cell in (spec.get("cells") or {}).items():
            value = cell.get("confidence") if isinstance(cell, dict) else None
            if (
                not isinstance(value, int | float)
                or isinstance(value, bool)
                or not 0 <= value <= 1
                or len(str(key).split("|")) > max(len(features), 1)
            ):
                raise CalibrationError(f"{where}: tables.{name}.cells[{key!r}] is malformed")
            cells[str(key)] = float(value)
        if "" not in cells:
            raise CalibrationError(f"{where}: tables.{name} has no '' (every row) cell")
        tables[name] = Table(features, cells)
    cues = data.get("neutral_cues", {}).get("words") or []
    return Calibration(tables, frozenset(str(c) for c in cues))
