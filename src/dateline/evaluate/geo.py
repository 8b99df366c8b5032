"""The geocoding layer: gold toponyms with ``lat``/``lon`` against the predicted places.

A gold toponym is *found* when a predicted ``locations`` mention overlaps it (the best fitting
one is its match), *resolved* when the matched place has coordinates, and *right* when the
coordinates are within 161 km (100 miles, the standard geoparsing threshold) of the gold ones,
or, for a country, when a country toponym is resolved to that same country whatever centroid
either side uses (country centroids differ between sources by hundreds of km). Both readings
are counted: ``within`` with the country rule, ``within_strict`` by distance alone.
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import unquote

from dateline.evaluate.counts import Additive, ratio, rounded
from dateline.evaluate.gold import GoldDoc, GoldMention, GoldPoint
from dateline.evaluate.predicted import Prediction, PredMention, PredPlace, best_overlap

ACCURACY_KM = 161.0  # 100 miles
EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)
_QUALIFIER = re.compile(r"\s*\(([^()]*)\)$")  # "Georgia (U.S. state)", "Georgia (country)"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) on a spherical Earth."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def page_title(url: str | None) -> str | None:
    """ "https://en.wikipedia.org/wiki/Democratic_Republic_of_the_Congo" → "Democratic Republic of
    the Congo"; ``None`` for anything that is not a wiki page address ("N/A")."""
    if not url or "/wiki/" not in url:
        return None
    title = unquote(url.rsplit("/wiki/", 1)[1]).replace("_", " ").strip()
    return title or None


@cache
def country_named(name: str) -> str | None:
    """ISO 3166-1 alpha-3 of the country ``name`` names (the gazetteer's country names and
    aliases, then the lexicon's nation names: "Zaire"), or ``None``."""
    from dateline.gazetteer import load as load_gazetteer
    from dateline.lexicon import load as load_lexicon

    for place in load_gazetteer().lookup(name):
        if place.location_type == "country" and place.country:
            return place.country
    nation = load_lexicon().nation_by_name(name)
    return nation.iso3 if nation is not None else None


def gold_country(point: GoldPoint, text: str) -> str | None:
    """The country a gold toponym is, or ``None`` when it is not a country.

    ``location_type`` decides when the gold gives it ("country": the ``country`` code, else the
    country the page title or the text names). Otherwise the Wikipedia page decides: its title
    names a country ("Kenya", "Democratic Republic of the Congo"); a title with a qualifier is a
    country only when the qualifier is "country" ("Georgia (country)", not "Georgia (U.S.
    state)"). Without either, the toponym is not a country and the 161 km rule applies.
    """
    title = page_title(point.wikipedia)
    if point.location_type is not None:
        if point.location_type != "country":
            return None
        if point.country:
            return point.country.upper()
        return country_named(_QUALIFIER.sub("", title or text)) or country_named(text)
    if title is None:
        return None
    qualifier = _QUALIFIER.search(title)
    if qualifier and qualifier.group(1).strip().casefold() != "country":
        return None
    return country_named(_QUALIFIER.sub("", title))


@dataclass(frozen=True)
class Miss:
    """A gold toponym the prediction did not get right, for the per-article report."""

    text: str
    start: int
    predicted: str | None  # the matched location_id, None when not found
    km: float | None  # distance to the gold point, None when not found or not resolved

    def as_dict(self) -> dict[str, Any]:
        km = None if self.km is None else round(self.km, 1)
        return {"text": self.text, "start": self.start, "predicted": self.predicted, "km": km}


@dataclass(frozen=True)
class GeoCounts(Additive):
    """Counts for the geocoding layer; the error lists keep one distance per resolved
    toponym so that means and medians add up across articles."""

    n_gold: int = 0  # gold toponyms with coordinates
    found: int = 0  # overlapped by a predicted location mention
    resolved: int = 0  # found, and the matched place has coordinates
    within: int = 0  # right: within 161 km, or the right country (country rule)
    within_strict: int = 0  # within 161 km of the gold point, whatever the type
    errors: tuple[float, ...] = ()  # km per resolved toponym; 0 for a right country
    errors_strict: tuple[float, ...] = ()  # km per resolved toponym, centroid to point
    misses: tuple[Miss, ...] = ()  # not found, not resolved, or wrong (with the country rule)

    @property
    def recall(self) -> float | None:
        return ratio(self.found, self.n_gold)

    @property
    def accuracy(self) -> float | None:
        """accuracy@161 km with the country rule, among found toponyms."""
        return ratio(self.within, self.found)

    @property
    def accuracy_strict(self) -> float | None:
        return ratio(self.within_strict, self.found)

    @property
    def end_to_end(self) -> float | None:
        return ratio(self.within, self.n_gold)

    @property
    def median_km(self) -> float | None:
        return statistics.median(self.errors) if self.errors else None

    def as_dict(self, *, details: bool = False) -> dict[str, Any]:
        def mean(xs: tuple[float, ...]) -> float | None:
            return round(math.fsum(xs) / len(xs), 1) if xs else None

        def median(xs: tuple[float, ...]) -> float | None:
            return round(statistics.median(xs), 1) if xs else None

        out: dict[str, Any] = {
            "gold": self.n_gold,
            "found": self.found,
            "resolved": self.resolved,
            "within_161km": self.within,
            "within_161km_strict": self.within_strict,
            "recall": rounded(self.recall),
            "accuracy_161km": rounded(self.accuracy),
            "accuracy_161km_strict": rounded(self.accuracy_strict),
            "end_to_end": rounded(self.end_to_end),
            "mean_error_km": mean(self.errors),
            "median_error_km": median(self.errors),
            "mean_error_km_strict": mean(self.errors_strict),
            "median_error_km_strict": median(self.errors_strict),
        }
        if details:
            out["misses"] = [m.as_dict() for m in sorted(self.misses, key=lambda m: m.start)]
        return out


@dataclass(frozen=True)
class Judged:
    """One predicted point against a gold one."""

    right: bool  # with the country rule
    right_strict: bool  # within 161 km
    km: float  # centroid to point
    error: float  # km, 0 for a country right by the country rule


def judge_point(point: GoldPoint, text: str, place: PredPlace) -> Judged | None:
    """The 161 km rule, or for a country toponym predicted as a country, the same country;
    ``None`` when the place has no coordinates."""
    if place.lat is None or place.lon is None:
        return None
    km = distance_km(point.lat, point.lon, place.lat, place.lon)
    code, mine = gold_country(point, text), place.country_code
    both_countries = code is not None and mine is not None
    right = code == mine if both_countries else km <= ACCURACY_KM
    return Judged(right, km <= ACCURACY_KM, km, 0.0 if both_countries and right else km)


def toponym_counts(
    gold: GoldMention, match: PredMention | None, place: PredPlace | None
) -> GeoCounts:
    """The counts of one gold toponym and the predicted mention that matches it."""
    assert gold.point is not None
    if match is None:
        return GeoCounts(n_gold=1, misses=(Miss(gold.text, gold.start, None, None),))
    judged = None if place is None else judge_point(gold.point, gold.text, place)
    if judged is None:
        miss = Miss(gold.text, gold.start, match.entity_id, None)
        return GeoCounts(n_gold=1, found=1, misses=(miss,))
    return GeoCounts(
        n_gold=1,
        found=1,
        resolved=1,
        within=int(judged.right),
        within_strict=int(judged.right_strict),
        errors=(judged.error,),
        errors_strict=(judged.km,),
        misses=() if judged.right else (Miss(gold.text, gold.start, match.entity_id, judged.km),),
    )


def score_geo(doc: GoldDoc, pred: Prediction) -> GeoCounts | None:
    """Every gold toponym with coordinates against the best fitting predicted location mention;
    ``None`` when the gold has none."""
    toponyms = [g for g in doc.mentions if g.point is not None]
    if not toponyms:
        return None
    places = [m for m in pred.mentions if m.table == "locations"]
    total = GeoCounts()
    for g in toponyms:
        match = best_overlap([(g.start, g.end)], places, lambda m: (m.start, m.end))
        place = pred.places.get(match.entity_id) if match is not None else None
        total = total + toponym_counts(g, match, place)
    return total
