"""``dateline release``: a deterministic bundle with checksums, changelog, data card, figures,
CITATION.cff and croissant.json; article texts only where their licence allows it."""

from __future__ import annotations

import dataclasses
import json
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from dateline.cli import app
from dateline.package.bundle import BundleError, checksums, extracted, zip_bytes
from dateline.release import ReleaseError, release
from dateline.release.card import LOADING, QUALITY, readme_section
from dateline.release.changelog import entry, release_date, with_entry
from dateline.schema import TABLES
from dateline.tables import to_frame
from dateline.write import write_package
from fixtures.minipkg import BODY, DOC, HEADER, META, rows

README = Path(__file__).parents[1] / "README.md"
CFF_SCHEMA = Path(__file__).parent / "fixtures" / "schemas" / "cff-1.2.0-subset.schema.json"
LICENSED = {
    "title": "U.S. begins drawdown in Iraq",
    "path": f"seeds/{DOC}.txt",
    "publisher": "Test Wire",
    "url": "https://example.org/doc1",
    "license": "CC-BY-4.0",
}
UNKNOWN = {
    "title": "U.S. begins drawdown in Iraq",
    "path": f"seeds/{DOC}.txt",
    "license": "unknown",
}
CORRECTION = f"- op: drop\n  table: mentions\n  id: m-2\n# kept for the record of {DOC}\n"


def package(
    root: Path,
    *,
    version: str = "0.1.0",
    source: dict[str, Any] = LICENSED,
    data: dict[str, list[dict[str, Any]]] | None = None,
) -> Path:
    """A small valid package (hand-written rows, one seed, one corrections file) in ``root``."""
    seeds = root / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    (seeds / f"{DOC}.txt").write_text(HEADER + BODY, encoding="utf-8")
    (seeds / f"{DOC}.corrections.yaml").write_text(CORRECTION, encoding="utf-8")
    frames = {t: to_frame(t, r) for t, r in (data or rows()).items()}
    meta = dataclasses.replace(
        META, version=version, sources=[source], id="5f0c1f5e-0000-4000-8000-000000000001"
    )
    write_package(frames, root, metadata=meta)
    shutil.copy(README, root / "README.md")
    return root


def members(bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bundle) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory):
    root = package(tmp_path_factory.mktemp("pkg"))
    return release(root, date="2026-12-01")


# ---------------------------------------------------------------- the bundle


def test_bundle_holds_the_package_card_and_metadata(released):
    assert released.bundle.name == "dateline-0.1.0.zip"
    names = set(members(released.bundle))
    prefix = "dateline-0.1.0/"
    assert all(n.startswith(prefix) for n in names)
    inside = {n.removeprefix(prefix) for n in names}
    desc = json.loads(members(released.bundle)[prefix + "datapackage.json"])
    assert {r["path"] for r in desc["resources"]} <= inside
    assert {f"schemas/{t}.schema.json" for t in TABLES} <= inside
    assert {
        "DATACARD.md",
        "CITATION.cff",
        "croissant.json",
        "CHANGELOG.md",
        "SHA256SUMS",
        "figures/timeline.png",
        "figures/places.png",
        f"seeds/{DOC}.txt",
        f"seeds/{DOC}.corrections.yaml",
    } <= inside


def test_zip_is_deterministic(released, tmp_path: Path):
    entries = zipfile.ZipFile(released.bundle).infolist()
    assert [e.filename for e in entries] == sorted(e.filename for e in entries)
    assert {e.date_time for e in entries} == {(1980, 1, 1, 0, 0, 0)}
    assert {e.external_attr >> 16 for e in entries} == {0o100644}
    again = package(tmp_path / "again")
    second = release(again, date="2026-12-01")
    assert second.bundle.read_bytes() == released.bundle.read_bytes()


def test_a_version_keeps_its_release_date(released, tmp_path: Path):
    """A second release of the same version reads its date from CHANGELOG.md."""
    root = released.changelog.parent
    assert release_date(released.changelog.read_text("utf-8"), "0.1.0") == "2026-12-01"
    before = released.bundle.read_bytes()
    again = release(root, dist=tmp_path)
    assert again.released == "2026-12-01"
    assert again.bundle.read_bytes() == before


def test_checksums_verify_with_sha256sum(released, tmp_path: Path):
    if shutil.which("sha256sum") is None:
        pytest.skip("sha256sum is not installed")
    subprocess.run(
        ["sha256sum", "-c", "--strict", "SHA256SUMS"], cwd=released.sums.parent, check=True
    )
    with zipfile.ZipFile(released.bundle) as archive:
        archive.extractall(tmp_path)
    subprocess.run(
        ["sha256sum", "-c", "--strict", "SHA256SUMS"], cwd=tmp_path / "dateline-0.1.0", check=True
    )


def test_checksums_list_every_other_file(released):
    files = {n.removeprefix("dateline-0.1.0/"): b for n, b in members(released.bundle).items()}
    listed = files.pop("SHA256SUMS").decode()
    assert listed == checksums(files)


def test_release_refuses_an_invalid_package(tmp_path: Path):
    root = package(tmp_path)
    path = root / "data"
    victim = next(p for p in sorted(path.rglob("*.csv")))
    victim.write_text(victim.read_text("utf-8") + "junk\n", encoding="utf-8")
    with pytest.raises(Exception, match="does not validate"):
        release(root, date="2026-12-01")
    assert not (root / "dist").exists()


def test_release_refuses_to_overwrite_a_different_bundle(released, tmp_path: Path):
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / released.bundle.name).write_bytes(b"an older bundle of the same version")
    with pytest.raises(ReleaseError, match="exists and differs"):
        release(released.changelog.parent, dist=dist)
    assert release(released.changelog.parent, dist=dist, overwrite=True).bundle.is_file()


# ---------------------------------------------------------------- licences


def test_unknown_licence_leaves_the_text_out(tmp_path: Path):
    root = package(tmp_path, source=UNKNOWN)
    done = release(root, date="2026-12-01")
    inside = members(done.bundle)
    assert f"dateline-0.1.0/seeds/{DOC}.txt" not in inside
    assert f"dateline-0.1.0/seeds/{DOC}.corrections.yaml" in inside
    assert [w.doc_id for w in done.withheld] == [DOC]
    card = inside["dateline-0.1.0/DATACARD.md"].decode()
    assert "no: its licence is unknown" in card
    documents = inside["dateline-0.1.0/data/csv/documents.csv"].decode()
    assert BODY_HASH in documents  # the hash stays, so the article can still be checked


BODY_HASH = rows()["documents"][0]["text_sha256"]


def test_licence_that_forbids_redistribution(tmp_path: Path):
    root = package(tmp_path, source={**LICENSED, "license": "all-rights-reserved"})
    done = release(root, date="2026-12-01")
    assert "forbids it" in done.withheld[0].reason
    assert f"dateline-0.1.0/seeds/{DOC}.txt" not in members(done.bundle)


# ---------------------------------------------------------------- changelog


def test_changelog_entry_from_the_diff_against_the_previous_bundle(released, tmp_path: Path):
    dist = tmp_path / "dist"
    dist.mkdir()
    shutil.copy(released.bundle, dist)
    data = rows()
    data["actors"].append({**data["actors"][1], "actor_id": "usa-army", "name": "U.S. Army"})
    patch = package(tmp_path / "patch", version="0.1.1", data=data)
    with pytest.raises(ReleaseError, match=r"needs version 0\.2\.0"):
        release(patch, dist=dist, date="2026-12-02")
    new = package(tmp_path / "new", version="0.2.0", data=data)
    shutil.copy(released.changelog, new)  # the repository keeps CHANGELOG.md between releases
    done = release(new, dist=dist, date="2026-12-02")
    assert (done.previous, done.bump) == (str(dist / "dateline-0.1.0.zip"), "minor")
    log = done.changelog.read_text("utf-8")
    assert log.index("## 0.2.0 — 2026-12-02") < log.index("## 0.1.0 — 2026-12-01")
    assert "Compared with 0.1.0: a minor change." in log
    assert "| actors | 4 | 1 | 0 | 0 |  |" in log
    sums = (dist / "SHA256SUMS").read_text()
    assert "dateline-0.1.0.zip" in sums and "dateline-0.2.0.zip" in sums
    same = package(tmp_path / "same", version="0.1.0", data=data)
    with pytest.raises(ReleaseError, match="not above the previous release"):
        release(same, dist=dist, previous=str(dist / "dateline-0.2.0.zip"))


def test_diff_reads_release_bundles(released):
    result = CliRunner().invoke(app, ["diff", str(released.bundle), str(released.bundle)])
    assert result.exit_code == 0, result.output
    assert "no changes" in result.output


def test_with_entry_replaces_and_orders():
    log = with_entry(None, "0.1.0", "## 0.1.0 — 2026-01-01\n\nFirst release.\n")
    log = with_entry(log, "0.10.0", "## 0.10.0 — 2026-03-01\n\nLater.\n")
    log = with_entry(log, "0.2.0", "## 0.2.0 — 2026-02-01\n\nMiddle.\n")
    log = with_entry(log, "0.2.0", "## 0.2.0 — 2026-02-01\n\nMiddle, again.\n")
    heads = [line for line in log.splitlines() if line.startswith("## ")]
    assert heads == ["## 0.10.0 — 2026-03-01", "## 0.2.0 — 2026-02-01", "## 0.1.0 — 2026-01-01"]
    assert "Middle, again." in log and "Middle.\n" not in log
    assert with_entry(log, "0.2.0", "## 0.2.0 — 2026-02-01\n\nMiddle, again.\n") == log


def test_first_release_entry_lists_rows():
    text = entry("1.0.0", "2026-12-01", {"events": 3}, None)
    assert text.startswith("## 1.0.0 — 2026-12-01\n\nFirst release.")
    assert "| events | 3 |" in text


# ---------------------------------------------------------------- bundles read back


def test_unsafe_bundle_is_refused(tmp_path: Path):
    bad = tmp_path / "dateline-9.9.9.zip"
    bad.write_bytes(zip_bytes({"dateline-9.9.9/../../evil.txt": b"x"}))
    with pytest.raises(BundleError, match="outside the bundle"), extracted(bad):
        pass
    two = tmp_path / "two.zip"
    two.write_bytes(zip_bytes({"a/datapackage.json": b"{}", "b/datapackage.json": b"{}"}))
    with pytest.raises(BundleError, match="one folder"), extracted(two):
        pass
    corrupt = bytearray(zip_bytes({"dateline-9.9.9/datapackage.json": b"{}" * 50}))
    corrupt[corrupt.index(b"PK\x01\x02") + 16] ^= 0xFF  # the CRC in the central directory
    (tmp_path / "crc.zip").write_bytes(bytes(corrupt))
    with pytest.raises(BundleError, match="cannot unpack"), extracted(tmp_path / "crc.zip"):
        pass
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    with pytest.raises(BundleError, match="cannot open"), extracted(junk):
        pass


# ---------------------------------------------------------------- card and figures


def test_data_card_sections(released):
    card = members(released.bundle)["dateline-0.1.0/DATACARD.md"].decode()
    for heading in ("## Coverage", "## Extraction quality", "## Licences", "## How to load"):
        assert heading in card
    assert "| documents | 1 |" in card and "| events | 1 |" in card
    assert "Articles published from 2025-10-01 to 2025-10-01." in card
    assert "| Sean Parnell | 1 |" in card and "| Baghdad | 1 |" in card
    assert "| RETREAT | 1 |" in card
    quality = readme_section(README.read_text("utf-8"), QUALITY, "README.md")
    assert quality in card and "| precision | recall | F1 |" in quality
    assert readme_section(README.read_text("utf-8"), LOADING, "README.md") in card
    assert "](docs/" not in card  # links into the source tree become plain text
    assert (
        "| doc1 |" not in card
        and "| U.S. begins drawdown in Iraq | Test Wire | CC-BY-4.0 | yes |" in card
    )


def test_readme_section_stops_at_the_next_heading_outside_code():
    text = "# T\n\n## A\n\n```python\n# a comment\n```\n\nmore\n\n## B\n\nb\n"
    assert readme_section(text, "## A", "x") == "```python\n# a comment\n```\n\nmore"
    with pytest.raises(Exception, match="no '## C' section"):
        readme_section(text, "## C", "x")


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        chunks.append(data[at + 4 : at + 8])
        at += 12 + length
    return chunks


def test_figures_are_png_without_metadata(released):
    files = members(released.bundle)
    for name in ("figures/timeline.png", "figures/places.png"):
        chunks = png_chunks(files[f"dateline-0.1.0/{name}"])
        assert chunks[0] == b"IHDR" and chunks[-1] == b"IEND" and b"IDAT" in chunks
        assert not {b"tEXt", b"iTXt", b"zTXt", b"tIME"} & set(chunks), name


def test_figures_render_the_same_bytes_twice():
    import datetime as dt

    from dateline.release.figures import Interval, Place, map_png, timeline_png

    events = [
        Interval("RETREAT", dt.date(2025, 9, 1), dt.date(2025, 9, 30)),
        Interval("ASSAULT", dt.date(2025, 10, 2), dt.date(2025, 10, 2)),
    ]
    places = [Place("Kyiv", 50.45, 30.52, 4), Place("Lviv", 49.84, 24.03, 1)]
    assert timeline_png(events, 1) == timeline_png(events, 1)
    assert map_png(places, 0, [("UKR", 49.0, 31.0)]) == map_png(places, 0, [("UKR", 49.0, 31.0)])
    assert timeline_png([], 0) != timeline_png(events, 0)
    assert map_png([], 2)[:8] == b"\x89PNG\r\n\x1a\n"


# ---------------------------------------------------------------- CITATION.cff


def test_citation_cff_is_valid_cff_1_2(released):
    import jsonschema

    cff = yaml.safe_load(members(released.bundle)["dateline-0.1.0/CITATION.cff"])
    schema = json.loads(CFF_SCHEMA.read_text("utf-8"))
    jsonschema.validate(cff, schema, format_checker=jsonschema.FormatChecker())
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert (cff["version"], cff["date-released"], cff["license"]) == (
        "0.1.0",
        "2026-12-01",
        "CC-BY-4.0",
    )
    assert cff["authors"] == [{"name": "Tests"}]
    assert cff["identifiers"] == [
        {"type": "other", "value": "5f0c1f5e-0000-4000-8000-000000000001"}
    ]


def test_citation_identifier_kinds():
    from dateline.release.citation import identifier

    assert identifier("https://doi.org/10.5281/zenodo.1234") == {
        "type": "doi",
        "value": "10.5281/zenodo.1234",
    }
    assert identifier("https://example.org/data") == {
        "type": "url",
        "value": "https://example.org/data",
    }


# ---------------------------------------------------------------- croissant.json


def test_croissant_describes_every_file_and_table(released):
    files = members(released.bundle)
    meta = json.loads(files["dateline-0.1.0/croissant.json"])
    desc = json.loads(files["dateline-0.1.0/datapackage.json"])
    assert meta["conformsTo"] == "http://mlcommons.org/croissant/1.0"
    assert meta["@type"] == "sc:Dataset" and meta["version"] == "0.1.0"
    objects = {o["contentUrl"]: o for o in meta["distribution"]}
    for res in desc["resources"]:
        assert objects[res["path"]]["sha256"] == res["hash"].removeprefix("sha256:")
        assert objects[res["path"]]["@type"] == "cr:FileObject"
    record_sets = {r["name"]: r for r in meta["recordSet"]}
    assert set(record_sets) == set(TABLES)
    events = {f["name"]: f for f in record_sets["events"]["field"]}
    assert events["date_start"]["dataType"] == "sc:Date"
    assert events["confidence"]["dataType"] == "sc:Float"
    assert events["sentence_index"]["dataType"] == "sc:Integer"
    assert events["cameo_code"]["dataType"] == "sc:Text"
    assert record_sets["events"]["key"] == {"@id": "events/event_id"}
    aliases = {f["name"]: f for f in record_sets["actors"]["field"]}["aliases"]
    assert aliases["repeated"] is True


def test_croissant_validates_and_loads_with_mlcroissant(released, tmp_path: Path):
    mlc = pytest.importorskip("mlcroissant")
    with zipfile.ZipFile(released.bundle) as archive:
        archive.extractall(tmp_path)
    dataset = mlc.Dataset(jsonld=str(tmp_path / "dateline-0.1.0" / "croissant.json"))
    assert not dataset.metadata.ctx.issues.errors
    events = list(dataset.records(record_set="events"))
    assert len(events) == 1
    assert events[0]["events/cameo_code"] == b"08"  # the leading zero survives
    actors = list(dataset.records(record_set="actors"))
    assert sorted(a["actors/actor_id"] for a in actors) == [
        b"sean-parnell",
        b"usa-military",
        b"usa-pentagon",
    ]


# ---------------------------------------------------------------- command line


def test_release_cli(tmp_path: Path):
    root = package(tmp_path, source=UNKNOWN)
    result = CliRunner().invoke(app, ["release", "--root", str(root), "--date", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert "released" in result.output and "dateline-0.1.0.zip" in result.output
    assert f"left out the text of seeds/{DOC}.txt: its licence is unknown" in result.output
    bad = CliRunner().invoke(app, ["release", "--root", str(tmp_path / "nowhere")])
    assert bad.exit_code == 1 and "no datapackage.json" in bad.output
    date = CliRunner().invoke(app, ["release", "--root", str(root), "--date", "2026-02-30"])
    assert date.exit_code == 2 and "is not a date" in date.output
