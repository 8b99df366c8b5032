"""Honest provenance: every source names what its seed (or package.yaml) gives, and an unknown
licence says so."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest

from dateline.article import Article
from dateline.build import build
from dateline.errors import SeedError
from dateline.metadata import load_settings, package_meta
from dateline.provenance import (
    UNKNOWN,
    license_of,
    licenses,
    redistribution,
    source_entry,
    with_defaults,
)
from dateline.write.package import descriptor

ROOT = Path(__file__).parents[1]
SEED = ROOT / "seeds" / "000_a2706479377c0f40.txt"


def article(**meta: str | None) -> Article:
    return Article(
        doc_id="d1",
        seed_path="seeds/d1.txt",
        body="The minister said so.",
        published=dt.date(2026, 1, 2),
        **meta,  # type: ignore[arg-type]
    )


def test_source_names_what_the_seed_gives():
    entry = source_entry(
        article(
            title="Talks resume",
            publisher="Wikinews",
            url="https://en.wikinews.org/wiki/Talks",
            license="CC-BY-2.5",
        )
    )
    assert entry == {
        "title": "Talks resume",
        "path": "seeds/d1.txt",
        "publisher": "Wikinews",
        "url": "https://en.wikinews.org/wiki/Talks",
        "license": "CC-BY-2.5",
        "published": "2026-01-02",
    }


def test_source_without_a_licence_says_unknown_and_claims_nothing_else():
    entry = source_entry(article())
    assert entry["license"] == UNKNOWN == "unknown"
    assert "publisher" not in entry and "url" not in entry


def test_defaults_fill_only_what_the_seed_leaves_out():
    given = article(publisher="Reuters", license=None)
    filled = with_defaults(given, {"publisher": "Wikinews", "license": "CC-BY-2.5"})
    assert (filled.publisher, filled.license) == ("Reuters", "CC-BY-2.5")
    assert with_defaults(given, None) is given
    assert with_defaults(given, {"url": "https://example.org"}) is given  # not a default key


@pytest.mark.parametrize(
    ("license_id", "allowed", "reason"),
    [
        (None, False, "unknown"),
        ("unknown", False, "unknown"),
        ("CC-BY-4.0", True, "allows"),
        ("cc-by-sa-4.0", True, "allows"),
        ("other-pd", True, "allows"),
        ("all-rights-reserved", False, "forbids it"),
        ("LicenseRef-house-terms", False, "not one dateline knows"),
    ],
)
def test_redistribution(license_id, allowed, reason):
    verdict = redistribution(license_id)
    assert verdict.allowed is allowed
    assert reason in verdict.reason


def test_licence_registry_is_complete():
    known = licenses()
    assert {"CC-BY-4.0", "CC0-1.0", "other-pd", "all-rights-reserved"} <= set(known)
    for key, lic in known.items():
        assert lic.id == key and lic.title
        assert lic.path is None or lic.path.startswith("https://"), key
        assert license_of(key.lower()) == lic
    assert license_of("CC-BY-4.0").as_descriptor() == {  # type: ignore[union-attr]
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    }


# ---------------------------------------------------------------- package.yaml


def settings(tmp_path: Path, text: str) -> dict:
    path = tmp_path / "package.yaml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path)


def test_package_yaml_sets_id_homepage_and_source_defaults(tmp_path: Path):
    given = settings(
        tmp_path,
        'version: "1.0.0"\nid: "10.5281/zenodo.1"\nhomepage: https://example.org/data\n'
        "source_defaults:\n  publisher: Wikinews\n  license: CC-BY-2.5\n",
    )
    meta = package_meta([article()], given)
    desc = descriptor(meta, [])
    assert list(desc)[:3] == ["$schema", "name", "id"]
    assert (desc["id"], desc["homepage"]) == ("10.5281/zenodo.1", "https://example.org/data")
    (source,) = desc["sources"]
    assert (source["publisher"], source["license"]) == ("Wikinews", "CC-BY-2.5")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("homepage: example.org\n", "'homepage' must be an http(s) URL"),
        ("id: ''\n", "'id' must be non-empty text"),
        ("source_defaults: CC-BY-4.0\n", "'source_defaults' must be a mapping"),
        ("source_defaults:\n  url: https://x.org\n", "unknown key(s) ['url']"),
    ],
)
def test_package_yaml_refuses_bad_values(tmp_path: Path, text: str, problem: str):
    with pytest.raises(SeedError) as err:
        settings(tmp_path, text)
    assert problem in err.value.message
    assert err.value.hint


def test_committed_descriptor_says_the_seed_licence_is_unknown():
    desc = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    for source in desc["sources"]:
        assert "license" in source, source
    wire = next(s for s in desc["sources"] if s["path"] == "seeds/000_a2706479377c0f40.txt")
    assert wire["license"] == "unknown" and "publisher" not in wire


def test_build_applies_source_defaults_to_documents_and_sources(tmp_path: Path):
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds")
    (tmp_path / "package.yaml").write_text(
        "source_defaults:\n  publisher: Test Wire\n  license: all-rights-reserved\n",
        encoding="utf-8",
    )
    build(tmp_path / "seeds", tmp_path, jobs=1)
    desc = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    (source,) = desc["sources"]
    assert (source["publisher"], source["license"]) == ("Test Wire", "all-rights-reserved")
    csv_file = next(tmp_path.rglob("documents.csv"))
    (row,) = csv.DictReader(io.StringIO(csv_file.read_text(encoding="utf-8")))
    assert (row["publisher"], row["license"]) == ("Test Wire", "all-rights-reserved")
