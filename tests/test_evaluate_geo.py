"""dateline evaluate: per-layer gold (``layers``) and the geocoding layer (gold ``lat``/``lon``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dateline.article import Article
from dateline.evaluate import GoldError, evaluate, format_json, format_text, load_corpus, parse_gold
from dateline.evaluate.geo import distance_km, gold_country, page_title, score_geo
from dateline.evaluate.gold import GoldPoint, layers_of
from dateline.evaluate.predicted import prediction_from_rows
from dateline.evaluate.score import score_doc
from fixtures.gold import mention_row, span_at
from fixtures.gold import write_corpus as write_gold_corpus

BODY = (
    "Cholera has killed twelve people in Kisumu, Kenya, and two in Tbilisi, Georgia, Dr. Ann "
    'Lee said. "We are worried," the Atlanta, Georgia agency said of the cases in Springfield.\n'
)
WIKI = "https://en.wikipedia.org/wiki/"


def at(text: str, nth: int = 0) -> dict[str, Any]:
    return span_at(BODY, text, nth)


def place(text: str, lat: float, lon: float, page: str | None = None, nth: int = 0) -> dict:
    row = {**at(text, nth), "coarse_type": "LOCATION", "lat": lat, "lon": lon}
    if page is not None:
        row["wikipedia"] = WIKI + page
    return row


def geo_gold(**extra: Any) -> dict[str, Any]:
    return {
        "id": "g1",
        "layers": ["locations"],
        "exhaustive": False,
        "entities": [
            place("Kisumu", -0.1, 34.75, "Kisumu"),
            place("Kenya", 1.0, 38.0, "Kenya"),
            place("Tbilisi", 41.72, 44.79, "Tbilisi"),
            place("Georgia", 42.0, 43.5, "Georgia_(country)"),
            place("Atlanta", 33.75, -84.39, "Atlanta"),
            place("Georgia", 32.7, -83.4, "Georgia_(U.S._state)", nth=1),
            place("Springfield", 39.8, -89.65, "Springfield,_Illinois"),
        ],
        **extra,
    }


def doc(data: dict[str, Any] | None = None):
    article = Article(doc_id="g1", seed_path="articles/g1.txt", body=BODY)
    return parse_gold(data or geo_gold(), article, where="gold/g1.json")


def loc(lid: str, lat: float | None, lon: float | None, ltype: str = "city", country: str = ""):
    return {
        "location_id": lid,
        "location_type": ltype,
        "country": country or None,
        "latitude": lat,
        "longitude": lon,
    }


def mention(text: str, eid: str, table: str = "locations", nth: int = 0) -> dict[str, Any]:
    return mention_row(BODY, text, eid, table, nth=nth)


def rows() -> dict[str, list[dict[str, Any]]]:
    """Kisumu right; Kenya a country on another centroid; Tbilisi 30 km off; Georgia (the
    country) right; Atlanta missed; the US state Georgia read as the country; Springfield
    without coordinates."""
    return {
        "locations": [
            loc("geonames:1", -0.1, 34.76),
            loc("iso3166:KEN", 0.6, 37.8, "country", "KEN"),
            loc("geonames:2", 41.9, 45.1),
            loc("iso3166:GEO", 42.3, 43.4, "country", "GEO"),
            loc("site:springfield", None, None, "site"),
        ],
        "actors": [{"actor_id": "ann-lee", "name": "Ann Lee", "actor_type": "person"}],
        "mentions": [
            mention("Kisumu", "geonames:1"),
            mention("Kenya", "iso3166:KEN"),
            mention("Tbilisi", "geonames:2"),
            mention("Georgia", "iso3166:GEO"),
            mention("Georgia", "iso3166:GEO", nth=1),
            mention("Springfield", "site:springfield"),
            mention("Ann Lee", "ann-lee", "actors"),
        ],
        "quotes": [{"char_start": at("We are worried")["start"], "char_end": 1, "speaker_id": ""}],
    }


# --- layers ---------------------------------------------------------------------------------


def test_layers_are_inferred_from_the_lists_a_file_holds() -> None:
    assert layers_of({"entities": [], "quotes": None}, "g") == {"actors", "locations"}
    assert layers_of({"entities": [], "quotes": [], "events": []}, "g") == {
        "actors",
        "locations",
        "quotes",
        "events",
    }
    assert layers_of({"layers": ["entities"]}, "g") == {"actors", "locations"}
    assert layers_of({"layers": ["locations", "quotes"], "entities": []}, "g") == {
        "locations",
        "quotes",
    }


@pytest.mark.parametrize(
    ("layers", "message"),
    [("locations", "layers: must be a list"), (["places"], "unknown layer 'places'")],
)
def test_bad_layers_name_the_field(layers: Any, message: str) -> None:
    with pytest.raises(GoldError, match=message):
        doc(geo_gold(layers=layers))


def test_a_places_only_file_scores_no_actors_and_no_quotes() -> None:
    score = score_doc(doc(), rows())
    assert score.actors is None and score.quotes is None
    assert score.locations is not None and score.geocoding is not None
    assert score.partial == 1  # exhaustive: false
    data = score.as_dict()
    assert data["actors"] is None and data["quotes"] is None


def test_a_listed_layer_without_its_list_is_annotated_and_empty() -> None:
    data = {"layers": ["quotes"]}  # no entities, no quotes: nothing to find, all predictions
    score = score_doc(doc(data), rows())
    assert score.actors is None and score.locations is None and score.geocoding is None
    assert score.quotes is not None and (score.quotes.n_gold, score.quotes.n_pred) == (0, 1)


def test_without_layers_the_entities_list_is_still_required() -> None:
    with pytest.raises(GoldError, match="entities: missing"):
        doc({"quotes": []})


# --- geocoding ------------------------------------------------------------------------------


def test_distance_km() -> None:
    assert distance_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(343.6, abs=0.5)
    assert distance_km(10, 20, 10, 20) == 0.0
    assert distance_km(0, 0, 0, 180) == pytest.approx(20015.1, abs=0.5)


def test_page_title() -> None:
    assert page_title(WIKI + "Democratic_Republic_of_the_Congo") == (
        "Democratic Republic of the Congo"
    )
    assert page_title(WIKI + "C%C3%B4te_d%27Ivoire") == "Côte d'Ivoire"
    assert page_title("N/A") is None and page_title(None) is None


@pytest.mark.parametrize(
    ("point", "text", "country"),
    [
        (GoldPoint(1, 38, WIKI + "Kenya"), "Kenya", "KEN"),
        (GoldPoint(42, 43.5, WIKI + "Georgia_(country)"), "Georgia", "GEO"),
        (GoldPoint(32.7, -83.4, WIKI + "Georgia_(U.S._state)"), "Georgia", None),
        (GoldPoint(-0.1, 34.75, WIKI + "Kisumu"), "Kisumu", None),
        (GoldPoint(-5.2, 21.4, "N/A"), "Kenya", None),  # no page: the 161 km rule
        (GoldPoint(1, 38, None, "country"), "Kenya", "KEN"),  # the gold says so
        (GoldPoint(1, 38, None, "country", "ken"), "the republic", "KEN"),
        (GoldPoint(1, 38, WIKI + "Kenya", "city"), "Kenya", None),
    ],
)
def test_gold_country(point: GoldPoint, text: str, country: str | None) -> None:
    assert gold_country(point, text) == country


def test_geocoding_counts_found_resolved_and_right() -> None:
    geo = score_geo(doc(), prediction_from_rows(rows()))
    assert geo is not None
    assert (geo.n_gold, geo.found, geo.resolved) == (7, 6, 5)
    # Kisumu, Kenya (country rule), Tbilisi (about 30 km), Georgia the country: right. The US
    # state read as the country is wrong both ways; Kenya's centroids are 50 km apart, so it is
    # right strictly too; Georgia's are 35 km apart.
    assert geo.within == 4
    assert geo.within_strict == 4
    assert geo.accuracy == pytest.approx(4 / 6)
    assert geo.end_to_end == pytest.approx(4 / 7)
    assert geo.errors[1] == 0.0 and geo.errors_strict[1] > 40  # Kenya: 0 km by the country rule
    assert [(m.text, m.predicted) for m in geo.misses] == [
        ("Atlanta", None),
        ("Georgia", "iso3166:GEO"),
        ("Springfield", "site:springfield"),
    ]


def test_country_rule_counts_the_right_country_whatever_its_centroid() -> None:
    data = geo_gold(entities=[place("Kenya", 1.0, 38.0, "Kenya")])
    far = {
        "locations": [loc("iso3166:KEN", -1.5, 35.5, "country", "KEN")],  # 390 km away
        "mentions": [mention("Kenya", "iso3166:KEN")],
    }
    geo = score_geo(doc(data), prediction_from_rows(far))
    assert (geo.within, geo.within_strict) == (1, 0)
    assert geo.errors == (0.0,) and geo.errors_strict[0] > 161
    # A city read for the country is judged by distance: the rule needs a country on both sides.
    far["locations"] = [loc("geonames:9", -1.5, 35.5)]
    geo = score_geo(doc(data), prediction_from_rows(far))
    assert (geo.within, geo.within_strict) == (0, 0)


def test_neighbouring_countries_are_wrong_even_within_161_km() -> None:
    data = geo_gold(entities=[place("Georgia", 42.0, 43.5, "Georgia_(country)")])
    near = {
        "locations": [loc("iso3166:ARM", 41.2, 44.5, "country", "ARM")],  # about 120 km
        "mentions": [mention("Georgia", "iso3166:ARM")],
    }
    geo = score_geo(doc(data), prediction_from_rows(near))
    assert (geo.within, geo.within_strict) == (0, 1)


def test_mean_and_median_add_up_across_articles() -> None:
    one = score_geo(doc(), prediction_from_rows(rows()))
    both = one + one
    assert both.n_gold == 14 and len(both.errors) == 10
    assert both.median_km == one.median_km
    d = both.as_dict()
    assert d["mean_error_km"] == one.as_dict()["mean_error_km"]
    assert "misses" not in d and len(one.as_dict(details=True)["misses"]) == 3


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"lat": 91}, "entities[0].lat: must be a number from -90 to 90"),
        ({"lon": "east"}, "entities[0].lon"),
        ({"lon": None}, "entities[0].lon"),
        ({"wikipedia": 3}, "entities[0].wikipedia: must be a string"),
    ],
)
def test_bad_coordinates_name_the_field(change: dict[str, Any], message: str) -> None:
    data = geo_gold()
    data["entities"][0].update(change)
    with pytest.raises(GoldError, match=message.replace("[", r"\[").replace("]", r"\]")):
        doc(data)


def test_no_coordinates_no_geocoding_layer() -> None:
    data = geo_gold()
    for e in data["entities"]:
        e.pop("lat"), e.pop("lon")
    assert score_doc(doc(data), rows()).geocoding is None


# --- report ---------------------------------------------------------------------------------


def write_corpus(root: Path, data: dict[str, Any]) -> Path:
    return write_gold_corpus(
        root, "g1", '---\ntitle: "Cholera"\npublisher: Test\n---\n', BODY, data
    )


def test_report_shows_only_the_annotated_layers(tmp_path: Path) -> None:
    data = {**geo_gold(), "source_corpus": "GeoTest (a corpus of mine)"}
    docs = load_corpus(write_corpus(tmp_path, data))
    evaluation = evaluate(docs, lambda d: rows())
    text = format_text(evaluation)
    assert "geocoding" in text and "@161" in text
    assert "actors " not in text.splitlines()[0] and "quotes" not in text.splitlines()[0]
    assert "Gold not exhaustive for geotest (1 of 1 articles)" in text
    out = json.loads(format_json(evaluation))
    assert out["by_source"]["geotest"]["geocoding"]["accuracy_161km"] == pytest.approx(4 / 6, 1e-3)
    assert out["overall"]["actors"] is None
    assert out["overall"]["articles_gold_not_exhaustive"] == 1
    assert len(out["articles"]["g1"]["geocoding"]["misses"]) == 3


def test_geocoding_of_the_extractor_on_a_composed_article(tmp_path: Path) -> None:
    """The real extractor's location rows carry what the layer reads (type, country, point)."""
    data = geo_gold(
        entities=[place("Kisumu", -0.1, 34.75, "Kisumu"), place("Kenya", 1, 38, "Kenya")]
    )
    evaluation = evaluate(load_corpus(write_corpus(tmp_path, data)))
    geo = evaluation.overall.geocoding
    assert geo is not None and geo.n_gold == 2
    assert geo.within == 2, geo.misses
