"""README.md's generated parts (tables, command help) must match the code."""

from __future__ import annotations

from dateline.docs import README, render


def test_readme_is_current():
    text = README.read_text(encoding="utf-8")
    assert render(text) == text, "README.md is stale: run `python -m dateline.docs`"


def test_every_table_and_command_is_documented():
    text = README.read_text(encoding="utf-8")
    for table in ("documents", "actors", "locations", "events", "quotes", "mentions"):
        assert f"#### `{table}`" in text
    for command in ("build", "validate", "extract", "evaluate"):
        assert f"#### `dateline {command}`" in text
