"""The ``Place`` record, name normalisation and directional sub-regions."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from dateline.schema.model import enum

LOCATION_TYPES: tuple[str, ...] = enum("locations", "location_type")
GEO_PRECISIONS: tuple[str, ...] = enum("locations", "geo_precision")
GAZETTEERS = ("geonames", "naturalearth", "iso3166-2", "icao", "fips", "curated")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry (a row of the ``locations`` table)."""

    location_id: str
    name: str
    location_type: str
    country: str | None
    admin1: str | None
    latitude: float
    longitude: float
    geo_precision: str
    gazetteer: str
    gazetteer_id: str
    population: int = 0
    aliases: tuple[str, ...] = ()


_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'"})
_ASCII_KEY = str.maketrans({"'": None, "`": None, "-": " ", "_": " ", ",": " "})
_DASHES = re.compile(r"[‐‑‒–—―]")
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")


def fold(text: str) -> str:
    """Strip diacritics (``Irbīl`` -> ``Irbil``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(name: str) -> str:
    """Lookup key: case-insensitive, accents, apostrophes and hyphen/space variants folded.

    A leading "the " is dropped and commas count as spaces. Short all-capital acronyms
    ("US", "UK") keep their case behind a ``=`` prefix so they never match the words "us"
    or "uk".
    """
    text = name.strip()
    if not text.isascii():
        text = fold(_DASHES.sub(" ", unicodedata.normalize("NFKC", text).translate(_QUOTES)))
    if len(text) <= 5 and text.isupper() and _ACRONYM.match(text):
        return "=" + text
    text = " ".join(text.translate(_ASCII_KEY).casefold().split())
    if text.startswith("the "):
        text = text[4:]
    return text


# Directions: canonical key -> (adjective, unit east, unit north).
_D = 1 / math.sqrt(2)
DIRECTIONS: dict[str, tuple[str, float, float]] = {
    "north": ("northern", 0.0, 1.0),
    "north-east": ("north-eastern", _D, _D),
    "east": ("eastern", 1.0, 0.0),
    "south-east": ("south-eastern", _D, -_D),
    "south": ("southern", 0.0, -1.0),
    "south-west": ("south-western", -_D, -_D),
    "west": ("western", -1.0, 0.0),
    "north-west": ("north-western", -_D, _D),
    "central": ("central", 0.0, 0.0),
}
DEFAULT_AREA_KM2 = 50_000
KM_PER_DEGREE = 111.32


def direction_key(direction: str) -> str:
    """Canonical direction: ``Northwestern``/``north west``/``NW`` -> ``north-west``."""
    text = re.sub(r"[\s_-]+", "", direction.strip().lower())
    text = {"n": "north", "s": "south", "e": "east", "w": "west", "centre": "central"}.get(
        text, text
    )
    text = {"ne": "northeast", "nw": "northwest", "se": "southeast", "sw": "southwest"}.get(
        text, text
    )
    text = text.removesuffix("ern").removesuffix("erly")
    if text in ("center", "centr", "middle", "mid"):
        text = "central"
    for vertical in ("north", "south"):
        for side in ("east", "west"):
            if text == vertical + side:
                return f"{vertical}-{side}"
    if text in DIRECTIONS:
        return text
    raise ValueError(f"unknown direction: {direction!r}")


def shifted_point(
    latitude: float, longitude: float, area_km2: float, east: float, north: float
) -> tuple[float, float]:
    """Move a centroid toward one side of an area.

    Rule: the offset is a quarter of the side of a square with the same area
    (``sqrt(area) / 4`` km), i.e. half way from the centre to the edge of that square,
    converted to degrees at the centroid's latitude and clamped to valid coordinates.
    """
    offset_km = math.sqrt(max(area_km2, 1.0)) / 4
    dlat = north * offset_km / KM_PER_DEGREE
    cos_lat = max(math.cos(math.radians(latitude)), 0.05)
    dlon = east * offset_km / (KM_PER_DEGREE * cos_lat)
    lat = max(-90.0, min(90.0, latitude + dlat))
    lon = (longitude + dlon + 180.0) % 360.0 - 180.0
    return round(lat, 5), round(lon, 5)


def region_key(place: Place) -> str:
    """Short key used in synthetic region ids: ISO3 for countries, else the id."""
    if place.location_type == "country" and place.country:
        return place.country
    return place.location_id.replace(":", "-")


def make_direction_region(direction: str, parent: Place, area_km2: float | None) -> Place:
    """Synthesise ``western Iraq`` as a region Place shifted from the parent's centroid."""
    key = direction_key(direction)
    adjective, east, north = DIRECTIONS[key]
    area = area_km2 if area_km2 else DEFAULT_AREA_KM2
    lat, lon = shifted_point(parent.latitude, parent.longitude, area, east, north)
    name = f"{adjective} {parent.name}"
    location_id = f"region:{region_key(parent)}:{key}"
    return Place(
        location_id=location_id,
        name=name,
        location_type="region",
        country=parent.country,
        admin1=parent.admin1,
        latitude=lat,
        longitude=lon,
        geo_precision="region",
        gazetteer="curated",
        gazetteer_id=location_id.split(":", 1)[1],
        population=0,
        aliases=(name,),
    )
