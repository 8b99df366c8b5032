"""Formula-like text: one precise rule, flagged by ``add`` and ``validate`` (seed, row, field)
and never rewritten, so the CSV and the Parquet file hold the same value."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from dateline.add import Meta, add_article
from dateline.errors import SeedError
from dateline.package.formula import DECLARATION, FORMULA_PATTERN, PROPERTY, formula_like
from dateline.validate import validate_package
from fixtures.minipkg import build, rows

FORMULAS = [
    "=SUM(A1)",
    "＝1+1",
    " \t=1",
    '\r\n+HYPERLINK("https://example.org")',
    '+HYPERLINK("x")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "-IMPORTXML(A1)",
]
TEXT = [
    "-5 degrees",
    "+1 555 0100",
    "@dateline_news",
    "- the minister said (twice)",
    "-5 degrees|@handle|+1 555 0100",  # a list cell: items joined with '|', no DDE '!'
    "a = b",
    "Reuters(AP)",
    "'=quoted by a spreadsheet user",
    "",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_formulas_are_formula_like(text: str) -> None:
    assert formula_like(text)


@pytest.mark.parametrize("text", TEXT)
def test_news_text_is_not(text: str) -> None:
    assert not formula_like(text)


def test_python_and_polars_read_the_rule_alike() -> None:
    texts = FORMULAS + TEXT
    assert pl.Series(texts).str.contains(FORMULA_PATTERN).to_list() == [
        formula_like(t) for t in texts
    ]


def test_validate_flags_the_cell_with_its_seed(tmp_path: Path) -> None:
    data = rows()
    data["actors"][0]["role"] = '=HYPERLINK("https://example.org","spokesman")'
    data["locations"][0]["aliases"] = ["@SUM(1+1)", "Bagdad"]
    root = build(tmp_path / "pkg", data)
    text = (root / "data" / "csv" / "actors.csv").read_text(encoding="utf-8")
    assert '"=HYPERLINK(""https://example.org"",""spokesman"")"' in text  # written as it is
    report = validate_package(root)
    found = {(i.table, i.row, i.field, i.seed) for i in report.issues if i.code == "formula"}
    assert found == {
        ("actors", 1, "role", "seeds/doc1.txt"),  # sean-parnell, mentioned in doc1
        ("locations", 1, "aliases", "seeds/doc1.txt"),
    }
    assert len(report.issues) == 2
    issue = next(i for i in report.issues if i.table == "actors")
    assert "actors row 1, field role" in issue.message and "seeds/doc1.txt" in issue.message
    assert issue.line == 2 and issue.file == "data/csv/actors.csv"


def test_the_declared_protection_is_enforced(tmp_path: Path) -> None:
    root = build(tmp_path / "pkg")
    path = root / "datapackage.json"
    desc = json.loads(path.read_text())
    assert desc[PROPERTY] == DECLARATION
    desc[PROPERTY] = {**DECLARATION, "pattern": "^$"}  # a weaker promise than dateline keeps
    path.write_text(json.dumps(desc))
    (issue,) = [i for i in validate_package(root).issues if i.field == PROPERTY]
    assert issue.code == "descriptor"


def test_add_refuses_an_article_with_a_formula_cell(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    article = tmp_path / "in.txt"
    article.write_text(
        "BAGHDAD — Officials met on Tuesday.\n\n"
        '"=SUM(A1) is how he counted the votes," the accountant said.\n',
        encoding="utf-8",
    )
    with pytest.raises(SeedError) as err:
        add_article(article, Meta(date="2025-10-01", title="Votes"), seeds=seeds, build=False)
    assert "quotes row 1, field text" in err.value.message
    assert "seeds/2025-10-01_votes.txt" in err.value.message
    assert "corrections.yaml" in (err.value.hint or "")
    assert list(seeds.iterdir()) == []  # nothing written
