"""Loading the packaged gazetteer tables and looking names up."""

from __future__ import annotations

import gzip
import itertools
import json
import unicodedata
from collections.abc import Collection, Iterator, Mapping, Sequence
from functools import cached_property, lru_cache
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

import yaml

from dateline import cache
from dateline.gazetteer import place as _place_module
from dateline.gazetteer.place import (
    _ASCII_KEY,
    _DASHES,
    _QUOTES,
    Place,
    fold,
    make_direction_region,
    normalize,
)

TABLES = (
    "countries.tsv",
    "admin1.tsv",
    "admin2.tsv",
    "cities.tsv.gz",
    "towns.tsv.gz",
    "bases.tsv",
    "continents.tsv",
)
CURATION = ("aliases.yaml", "blocklist.txt", "stopwords.txt")
DATA_DIR = Path(__file__).resolve().parent / "data"
CONTEXT_OVERRIDE_RATIO = 20  # a global best this many times bigger beats a context match
CONTEXT_OVERRIDE_MIN_POP = 1_000_000
AREA_OVERRIDE_RATIO = 100  # a namesake in a context area wins unless the best is this much bigger
_TYPE_RANK = {"country": 0, "region": 1, "water": 1}
_BASE_SUFFIXES = ("base", "air base", "airbase")
#: :func:`normalize` of the names looked up (the same few thousand words and phrases, again and
#: again); the tables are built with the plain function.
_lookup_key = lru_cache(maxsize=1 << 16)(normalize)


FIELDS = (
    "location_id",
    "name",
    "location_type",
    "country",
    "admin1",
    "latitude",
    "longitude",
    "geo_precision",
    "gazetteer",
    "gazetteer_id",
    "population",
    "aliases",
)
Raw = tuple[str, ...]  # a row as strings, in FIELDS order (aliases "|"-joined)
#: How a :class:`Gazetteer` keeps a row: its fields joined by this (a tab, which no field of a
#: table holds), one string per place instead of a tuple of twelve, so that the disk cache's copy
#: unpickles in half the time; a row is split when a place is first read.
SEPARATOR = "\t"
_TYPE, _POP, _ALIASES = 2, 10, 11


AREA_TYPES = frozenset({"country", "admin1", "region"})


class Gazetteer:
    """In-memory gazetteer: raw rows by id (each kept packed, see :data:`SEPARATOR`), a
    normalised-name index, Places built lazily."""

    def __init__(
        self,
        rows: dict[str, Raw],
        index: dict[str, tuple[str, ...]],
        areas: dict[str, int],
        blocked: frozenset[str] = frozenset(),
        preferred: frozenset[str] = frozenset(),
    ) -> None:
        self._rows = {i: pack(i, r) for i, r in rows.items()}
        self._index = index
        self._areas = areas
        self._blocked = blocked
        self._preferred = preferred
        self._cache: dict[str, Place] = {}
        self._iso3 = {r[3]: i for i, r in rows.items() if r[_TYPE] == "country" and r[3]}

    def lookup(self, name: str, *, fold_case: bool = True) -> list[Place]:
        """Places whose surface form matches ``name`` exactly (normalised), best first.

        Order: countries, then curated regions/water, then admin-1 units and cities by
        population (so "Moscow" is the city, not Moscow Oblast), then bases (population 0).
        ``prefer`` entries in aliases.yaml come first ("Washington" is the US capital).
        """
        key = _lookup_key(name)
        ids = self._index.get(key, ())
        if not ids and key.startswith("=") and fold_case:  # "ERBIL" in a dateline
            ids = self._index.get(_lookup_key(name.lower()), ())
        return [self._place(i) for i in ids]

    def preferred(self, name: str) -> bool:
        """Whether aliases.yaml ranks a place first for ``name`` ("Washington" is the US
        capital): context then only picks among countries, never a namesake town."""
        return _lookup_key(name) in self._preferred

    def blocked(self, name: str) -> bool:
        """Whether ``name`` is a word that never names a place (blocklist.txt, stop words)."""
        return _lookup_key(name) in self._blocked

    def resolve(
        self,
        name: str,
        context_countries: Sequence[str] = (),
        context_areas: Collection[str] = (),
    ) -> Place | None:
        """Best place for ``name`` given the ISO3 countries and the first-level areas (admin1
        codes) of the article.

        A smaller place inside a context area wins ("Dublin" in a story that names Ohio,
        "Fulton County" in one on Illinois), unless the best is that area itself ("Bihar"
        the state, not Bihar Sharif in it) or a hundred times bigger
        ("London" in a story on Kentucky is still London). Else a candidate inside a context country
        wins, unless the overall best is a country or a much bigger place (>= 20x and >= 1M
        people: "Paris" in a US story is still Paris, France). Blocked words have no
        candidates and give None.
        """
        candidates = self.lookup(name)
        if not candidates:
            return None
        top = candidates[0]
        itself = top.location_type == "admin1" and top.admin1 in context_areas  # "Bihar"
        if (
            top.location_type != "country"
            and context_areas
            and not itself
            and not self.preferred(name)
        ):
            inside = [
                c
                for c in candidates
                if c.admin1 in context_areas
                and c.location_type not in AREA_TYPES
                and AREA_OVERRIDE_RATIO * max(c.population, 1) >= top.population
            ]
            if inside:
                return inside[0]
        context = {c.upper() for c in context_countries}
        if not context or top.country in context or top.location_type == "country":
            return top
        local = [c for c in candidates if c.country in context]
        if not local:
            return top
        best = local[0]
        big = top.population >= CONTEXT_OVERRIDE_MIN_POP
        if big and top.population >= CONTEXT_OVERRIDE_RATIO * max(best.population, 1):
            return top
        return best

    def area(self, name: str, country: str | None = None) -> Place | None:
        """The country, first-level region or region of that name, in ``country`` when one
        is ("Washington" the state after "Seattle,"; "Georgia" the state after "Macon,")."""
        areas = [p for p in self.lookup(name) if p.location_type in AREA_TYPES]
        return next((p for p in areas if p.country == country), areas[0] if areas else None)

    def qualified(
        self, name: str, qualifier: str, context_countries: Sequence[str] = ()
    ) -> tuple[Place | None, Place | None]:
        """The place "name, qualifier" stands for, and the area the qualifier names:
        "Springfield, Illinois" is the Springfield in Illinois, "Atlanta, Georgia" the one in
        the US state, not in the country."""
        towns = self.lookup(name)
        for region in (p for p in self.lookup(qualifier) if p.location_type in AREA_TYPES):
            key = "admin1" if region.location_type == "admin1" else "country"
            inside = [t for t in towns if getattr(t, key) == getattr(region, key)]
            if inside:
                return inside[0], region
        outer = self.area(qualifier) or self.resolve(qualifier, context_countries)
        within = [outer.country] if outer and outer.country else context_countries
        town = self.resolve(name, within)
        if town is not None and outer is not None and not _inside(town, outer):
            return None, outer  # "Midland, Michigan" is no Midland of Texas
        return town, outer

    def by_id(self, location_id: str) -> Place | None:
        """Place with this location_id."""
        return self._place(location_id) if location_id in self._rows else None

    def country(self, iso3_or_name: str) -> Place | None:
        """Country by ISO3 code ("IRQ") or by any of its names ("Iraq", "U.S.")."""
        code = iso3_or_name.strip().upper()
        if code in self._iso3:
            return self._place(self._iso3[code])
        for place in self.lookup(iso3_or_name):
            if place.location_type == "country":
                return place
        return None

    def names(self) -> list[str]:
        """All indexed surface forms, sorted (for a spaCy PhraseMatcher)."""
        forms = {a for ids in self._index.values() for i in ids for a in self._aliases(i)}
        return sorted(f for f in forms if normalize(f) in self._index)

    @cached_property
    def loose_keys(self) -> frozenset[str]:
        """The :func:`loose` form of every text whose :func:`normalize` key is indexed, so a
        scan can skip the texts whose loose form is not in this set (computed once, from the
        name index). A key is already collapsed and folded: its loose form drops its leading
        "the" words, and an acronym's is its lower case."""
        return frozenset(
            drop_articles(k[1:].casefold() if k.startswith("=") else k) for k in self._index
        )

    def direction_region(self, direction: str, country: Place) -> Place:
        """Synthesise "western Iraq" etc.; see ``place.shifted_point`` for the rule."""
        area = self._areas.get(country.country or "", 0)
        if country.location_type != "country":
            area = 0
        return make_direction_region(direction, country, area)

    def ids(self) -> list[str]:
        """Every location_id, sorted."""
        return sorted(self._rows)

    def __iter__(self) -> Iterator[Place]:
        return (self._place(i) for i in sorted(self._rows))

    def __len__(self) -> int:
        return len(self._rows)

    def _aliases(self, location_id: str) -> list[str]:
        raw = self._raw(location_id)[_ALIASES]
        return raw.split("|") if raw else []

    def _place(self, location_id: str) -> Place:
        place = self._cache.get(location_id)
        if place is None:
            place = raw_to_place(self._raw(location_id))
            self._cache[location_id] = place
        return place

    def _raw(self, location_id: str) -> Raw:
        return tuple(self._rows[location_id].split(SEPARATOR))


def _inside(place: Place, area: Place) -> bool:
    """Whether a place lies in an area: its first-level unit, or its country."""
    if area.location_type == "admin1":
        return place.admin1 == area.admin1
    return area.location_type != "country" or place.country == area.country


# --------------------------------------------------------------------------- loose keys


def key_chars(text: str) -> str:
    """The character-by-character part of :func:`normalize` (quotes, dashes, accents,
    apostrophes, case), without its acronym rule, space collapsing or "the" dropping: the key
    of a text is the concatenation of the ``key_chars`` of its pieces, collapsed."""
    if not text.isascii():
        text = fold(_DASHES.sub(" ", unicodedata.normalize("NFKC", text).translate(_QUOTES)))
    return text.translate(_ASCII_KEY).casefold()


def drop_articles(key: str) -> str:
    """A collapsed key without its leading "the" words ("the the x" -> "x", "the" -> "")."""
    while key == "the" or key.startswith("the "):
        key = key[4:]
    return key


def loose(text: str) -> str:
    """A coarser key than :func:`normalize`: no acronym case, every leading "the" dropped.
    Texts with the same ``normalize`` key have the same ``loose`` key."""
    return drop_articles(" ".join(key_chars(text).split()))


# --------------------------------------------------------------------------- loading


def open_table(path: Path) -> IO[str]:
    """A generated table for reading as text (gzip-compressed when it ends in ``.gz``)."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def read_table(path: Path) -> Iterator[Raw]:
    """Rows of one generated TSV in FIELDS order; ``#const`` supplies constant columns."""
    with open_table(path) as fh:
        const = dict(item.split("=", 1) for item in fh.readline().split()[1:])
        header = fh.readline().rstrip("\n").split("\t")
        consts = [const.get(f, "") for f in FIELDS]
        width = len(header)
        positions = [header.index(f) if f in header else width + k for k, f in enumerate(FIELDS)]
        positions[FIELDS.index("gazetteer_id")] = width + len(FIELDS)  # derived, see below
        pick = itemgetter(*positions)
        named = const.get("aliases_with") == "name"  # the name is an alias, left out of the cell
        for line in fh:
            cells = line.rstrip("\n").split("\t")
            gid = cells[0].split(":", 1)[1]
            row = pick([*cells, *consts, gid])
            if named:
                forms = {row[1], *row[_ALIASES].split("|")} - {""}
                row = (*row[:_ALIASES], "|".join(sorted(forms)))
            yield row


def read_extra(path: Path, column: str) -> dict[str, str]:
    """One extra column of a table (e.g. ``area_km2``) keyed by location_id."""
    with path.open(encoding="utf-8") as fh:
        fh.readline()
        header = fh.readline().rstrip("\n").split("\t")
        if column not in header:
            return {}
        pos = header.index(column)
        return {c[0]: c[pos] for c in (line.rstrip("\n").split("\t") for line in fh)}


def pack(location_id: str, row: Raw) -> str:
    """A row as the gazetteer keeps it (:data:`SEPARATOR`)."""
    if any(SEPARATOR in cell for cell in row):
        raise ValueError(f"gazetteer row {location_id!r} holds a tab")
    return SEPARATOR.join(row)


def raw_to_place(row: Raw) -> Place:
    """Materialise a Place from a raw row."""
    aliases = row[_ALIASES]
    return Place(
        location_id=row[0],
        name=row[1],
        location_type=row[2],
        country=row[3] or None,
        admin1=row[4] or None,
        latitude=round(float(row[5]), 5),
        longitude=round(float(row[6]), 5),
        geo_precision=row[7],
        gazetteer=row[8] or "curated",
        gazetteer_id=row[9],
        population=int(row[10] or 0),
        aliases=tuple(sorted(set(aliases.split("|")))) if aliases else (),
    )


def curated_raw(entry: dict[str, Any]) -> Raw:
    """Raw row from an aliases.yaml ``places`` entry."""
    location_id = str(entry["location_id"])
    values = {
        **{f: "" for f in FIELDS},
        "gazetteer": "curated",
        "gazetteer_id": location_id.split(":", 1)[1],
        "population": "0",
    }
    values.update({k: str(v) for k, v in entry.items() if k in FIELDS and k != "aliases"})
    forms = {str(entry["name"]), *(str(a) for a in entry.get("aliases") or [])}
    values["aliases"] = "|".join(sorted(forms))
    values["location_id"] = location_id
    return tuple(values[f] for f in FIELDS)


def read_words(path: Path) -> frozenset[str]:
    """One normalised word per line; ``#`` starts a comment."""
    words = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return frozenset(normalize(w) for w in words if w)


def base_forms(alias: str) -> list[str]:
    """``Ain al-Asad`` -> ``Ain al-Asad``, ``Ain al-Asad base``, ``Ain al-Asad air base``."""
    if alias.lower().endswith(_BASE_SUFFIXES):
        return [alias]
    return [alias, *(f"{alias} {suffix}" for suffix in _BASE_SUFFIXES)]


def rank_key(location_id: str, row: Raw) -> tuple[int, int, str]:
    """Countries, then curated regions, then the most populous; ties by id."""
    return (_TYPE_RANK.get(row[_TYPE], 2), -int(row[_POP] or 0), location_id)


Abbreviations = Mapping[str, tuple[str, ...]]  # a word of a name -> all its written forms


def abbreviations(spec: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """aliases.yaml ``abbreviations``: each word of a group -> every form of the group
    ("st." -> ("saint", "st", "st."))."""
    groups = (spec.get("abbreviations") or {}).get("groups") or []
    return {str(w): tuple(str(f) for f in group) for group in groups for w in group}


def spellings(key: str, forms: Abbreviations) -> Iterator[str]:
    """A normalised key and its other spellings: every word before the last that has
    written forms takes each of them ("saint marc" -> "saint marc", "st marc", "st. marc").
    The last word keeps its form ("main st" is a street); acronym keys have none."""
    words = key.split(" ")
    if not forms or len(words) < 2 or key.startswith("="):
        yield key
        return
    choices = [forms.get(w, (w,)) for w in words[:-1]]
    for head in itertools.product(*choices):
        yield " ".join((*head, words[-1]))


def build_index(
    rows: dict[str, Raw],
    curated: dict[str, set[str]],
    blocked: frozenset[str],
    prefer: dict[str, str],
    forms: Abbreviations,
) -> dict[str, tuple[str, ...]]:
    """Normalised form -> ranked ids. Blocked forms are skipped unless curated for that id;
    a name is also indexed under its other :func:`spellings` ("St." for "Saint")."""
    buckets: dict[str, list[str]] = {}
    empty: set[str] = set()
    for location_id, row in rows.items():
        if not row[_ALIASES]:
            continue
        allowed = curated.get(location_id, empty)
        for alias in row[_ALIASES].split("|"):
            written = normalize(alias)
            if written in blocked and written not in allowed:
                continue
            for key in spellings(written, forms):
                bucket = buckets.get(key)
                if bucket is None:
                    buckets[key] = [location_id]
                elif bucket[-1] != location_id:
                    bucket.append(location_id)
    index: dict[str, tuple[str, ...]] = {}
    for key, ids in buckets.items():
        if len(ids) > 1:
            ids = sorted(set(ids), key=lambda i: rank_key(i, rows[i]))
        chosen = prefer.get(key)
        if chosen and chosen in ids:
            ids = [chosen, *(i for i in ids if i != chosen)]
        index[key] = tuple(ids)
    return index


def apply_curation(
    rows: dict[str, Raw], spec: dict[str, Any]
) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Merge aliases.yaml into ``rows``; return curated keys per id and preferences."""
    curated: dict[str, set[str]] = {}
    for entry in spec.get("places") or []:
        place = curated_raw(entry)
        rows[place[0]] = place
        curated[place[0]] = {normalize(a) for a in place[_ALIASES].split("|") if a}
    for location_id, extra in (spec.get("aliases") or {}).items():
        row = rows.get(location_id)
        if row is None:
            raise KeyError(f"aliases.yaml refers to unknown location_id {location_id!r}")
        forms = [str(a) for a in extra]
        if row[_TYPE] == "military_base":
            forms = [f for alias in forms for f in base_forms(alias)]
        merged = "|".join(sorted({*(row[_ALIASES].split("|") if row[_ALIASES] else []), *forms}))
        rows[location_id] = (*row[:_ALIASES], merged)
        curated.setdefault(location_id, set()).update(normalize(f) for f in forms)
    for location_id in (spec.get("prefer") or {}).values():
        if location_id not in rows:
            raise KeyError(f"aliases.yaml prefers unknown location_id {location_id!r}")
    prefer = {normalize(k): v for k, v in (spec.get("prefer") or {}).items()}
    return curated, prefer


def load_from(data_dir: Path) -> Gazetteer:
    """Load a gazetteer from a data directory (tests may point at a copy)."""
    rows: dict[str, Raw] = {}
    for table in TABLES:
        rows.update((row[0], row) for row in read_table(data_dir / table))
    extra = read_extra(data_dir / "countries.tsv", "area_km2")
    areas = {rows[i][3]: int(a) for i, a in extra.items() if a}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it
    spec = yaml.load((data_dir / "aliases.yaml").read_text("utf-8"), Loader=loader) or {}
    curated, prefer = apply_curation(rows, spec)
    blocked = read_words(data_dir / "blocklist.txt") | read_words(data_dir / "stopwords.txt")
    index = build_index(rows, curated, blocked, prefer, abbreviations(spec))
    return Gazetteer(rows, index, areas, blocked, frozenset(prefer))


def sources(data_dir: Path) -> list[Path]:
    """What a parsed gazetteer depends on: its data files and the code that reads them."""
    code = [Path(__file__), Path(_place_module.__file__ or "")]
    return [*(data_dir / f for f in (*TABLES, *CURATION)), *code]


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The packaged gazetteer, loaded once per process. Parsing takes about a second, so the
    result is kept in the disk cache (see :mod:`dateline.cache`), keyed by :func:`sources`."""
    return cache.cached("gazetteer", sources(DATA_DIR), lambda: load_from(DATA_DIR))


def attribution() -> list[dict[str, str]]:
    """Licence entries (name, path, title) for datapackage.json ``licenses``."""
    sources = json.loads((DATA_DIR / "sources.json").read_text("utf-8"))
    seen: dict[tuple[str, str, str], None] = {}
    for source in sources["sources"]:
        if source.get("attribution_required", True):
            lic = source["license"]
            seen[(lic["name"], lic["path"], f"{source['title']} ({lic['title']})")] = None
    return [{"name": n, "path": p, "title": t} for n, p, t in seen]
