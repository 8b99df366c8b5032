"""The library API: ``dateline.__version__``, ``read_table``, ``extract_text``, and the README's
examples of it."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import importlib.resources
import os
import re
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import dateline
from dateline.errors import DatelineError, UsageError
from dateline.package.layout import parquet_path
from dateline.schema import TABLES, load
from dateline.schema.arrow import to_arrow_schema

ROOT = Path(__file__).parents[1]
# Composed for these tests: a dateline, a named speaker with a title, a relative date, a place.
TEXT = (
    "LISBON, Portugal — Portugal's prime minister said on Friday that the government would "
    "send firefighters to Madrid next week."
)


def test_version_is_the_installed_one():
    assert dateline.__version__ == importlib.metadata.version("dateline")
    assert re.fullmatch(r"\d+\.\d+\.\d+", dateline.__version__)


def test_public_names():
    assert {"__version__", "read_table", "extract_text"} <= set(dir(dateline))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = dateline.nothing  # type: ignore[attr-defined]


def test_typed_marker_is_shipped():
    assert importlib.resources.files("dateline").joinpath("py.typed").is_file()


def test_import_is_cheap():
    """``import dateline`` loads neither the API nor pyarrow, polars or the extractor."""
    code = (
        "import sys, dateline; dateline.__version__; "
        "heavy = [m for m in ('dateline.api', 'pyarrow', 'polars', 'spacy', 'dateline.extract') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------- read_table


@pytest.mark.parametrize("table", TABLES)
def test_read_table_has_the_schema_types(table: str):
    read = dateline.read_table(table, root=ROOT)
    assert isinstance(read, pa.Table)
    assert read.schema.equals(to_arrow_schema(load(table)), check_metadata=True)
    assert read.num_rows == pq.read_metadata(ROOT / parquet_path(table)).num_rows


def test_read_table_keeps_codes_and_dates():
    events = dateline.read_table("events", root=str(ROOT))
    assert pa.types.is_string(events.schema.field("cameo_code").type)
    assert all(len(code) == 2 for code in events.column("cameo_code").to_pylist())
    assert events.schema.field("date_start").type == pa.date32()
    assert pa.types.is_dictionary(events.schema.field("event_type").type)


def test_read_table_refuses_unknown_tables_and_missing_files(tmp_path: Path):
    with pytest.raises(UsageError, match="no table 'event'") as err:
        dateline.read_table("event", root=ROOT)
    assert "events" in (err.value.hint or "")
    with pytest.raises(DatelineError, match="no such file") as err:
        dateline.read_table("events", root=tmp_path)
    assert "dateline build" in (err.value.hint or "")


def test_read_table_refuses_a_file_of_another_table(tmp_path: Path):
    target = tmp_path / parquet_path("events")
    target.parent.mkdir(parents=True)
    target.write_bytes((ROOT / parquet_path("quotes")).read_bytes())
    with pytest.raises(DatelineError, match="not those of the events schema"):
        dateline.read_table("events", root=tmp_path)
    target.write_bytes(b"PAR1 not really parquet")
    with pytest.raises(DatelineError, match="cannot read the Parquet file"):
        dateline.read_table("events", root=tmp_path)


def test_read_table_casts_a_file_written_without_dictionaries(tmp_path: Path):
    """Another writer's file (plain strings for enums) comes back with the schema's types."""
    original = pq.read_table(ROOT / parquet_path("events"))
    plain = original.cast(
        pa.schema(
            [
                f.with_type(pa.string()) if pa.types.is_dictionary(f.type) else f
                for f in original.schema
            ]
        )
    )
    target = tmp_path / parquet_path("events")
    target.parent.mkdir(parents=True)
    pq.write_table(plain, target)
    read = dateline.read_table("events", root=tmp_path)
    assert read.schema.equals(to_arrow_schema(load("events")))
    assert read.column("event_type").to_pylist() == original.column("event_type").to_pylist()


# ---------------------------------------------------------------- extract_text


@pytest.fixture(scope="module")
def extracted() -> dict[str, list[dict]]:
    return dateline.extract_text(TEXT, date="2026-05-11", doc_id="lisbon-fires")


def test_extract_text_gives_rows_of_every_table(extracted):
    assert sorted(extracted) == sorted(TABLES)
    (document,) = extracted["documents"]
    assert (document["doc_id"], document["published"]) == ("lisbon-fires", dt.date(2026, 5, 11))
    assert document["dateline"] == "LISBON, Portugal"
    names = {a["name"] for a in extracted["actors"]}
    assert any("Portugal" in n or "prime minister" in n for n in names), names
    assert {loc["name"] for loc in extracted["locations"]} >= {"Lisbon", "Madrid"}


def test_extract_text_offsets_index_the_text(extracted):
    for table in ("quotes", "events", "mentions"):
        for row in extracted[table]:
            text = row.get("evidence") or row["text"]
            assert TEXT[row["char_start"] : row["char_end"]] == text


def test_extract_text_resolves_relative_dates_against_date(extracted):
    """Published on Monday 2026-05-11, "said on Friday" is 2026-05-08."""
    (quote,) = extracted["quotes"]
    assert (quote["date"], quote["date_precision"]) == (dt.date(2026, 5, 8), "day")


def test_extract_text_takes_a_date_object_and_defaults():
    text = "A spokesman said the talks would go on."
    by_str = dateline.extract_text(text, date="2026-05-08")
    by_date = dateline.extract_text(text, date=dt.date(2026, 5, 8))
    assert by_str == by_date
    undated = dateline.extract_text(text)
    assert undated["documents"][0]["published"] is None
    assert undated["documents"][0]["doc_id"] == "text"


def test_extract_text_keeps_leading_white_space_and_dashes():
    text = "  ---\nThe minister said the border would reopen."
    rows = dateline.extract_text(text, date="2026-05-08")
    assert rows["documents"][0]["char_count"] == len(text)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"text": "Fine text.", "doc_id": "Not An Id"}, "not a valid document id"),
        ({"text": "Fine text.", "date": "8 May 2026"}, "bad date"),
        ({"text": "Fine text.", "date": "2026-05-08\nx"}, "date must be"),
        ({"text": "   \n"}, "no body text"),
        ({"text": "nul \x00 byte"}, "NUL"),
        ({"text": "carriage\r\nreturn"}, "CR"),
        ({"text": "lone \ud800 surrogate"}, "not valid Unicode"),
        ({"text": b"bytes"}, "must be a str"),
    ],
)
def test_extract_text_errors_are_clean(kwargs, error):
    with pytest.raises(DatelineError, match=error):
        dateline.extract_text(**kwargs)


# ---------------------------------------------------------------- the README's examples


def python_blocks(section: str) -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(f"\n{section}\n")
    end = readme.find("\n## ", start + 1)
    return re.findall(r"```python\n(.*?)```", readme[start:end], re.DOTALL)


def test_readme_api_examples_run():
    (code,) = python_blocks("## Use dateline from Python")
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == dateline.__version__
    assert lines[1].endswith("date32[day]")
    assert "said: talks between the two delegations would resume in Geneva next month" in out.stdout
    assert lines[-1] == str(sorted(TABLES))


def test_importing_dateline_sets_polars_allocator_unless_the_environment_does() -> None:
    """``import dateline`` asks polars' allocator to return freed pages at once (a build's
    peak memory), and leaves a setting of the user's alone."""
    code = "import os, dateline; print(os.environ.get(dateline.ALLOCATOR[0]))"
    env = {k: v for k, v in os.environ.items() if k != "_RJEM_MALLOC_CONF"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert run.stdout.strip() == "dirty_decay_ms:0,muzzy_decay_ms:0"
    env["_RJEM_MALLOC_CONF"] = "dirty_decay_ms:5000"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert run.stdout.strip() == "dirty_decay_ms:5000"
