"""README.md's generated parts (tables, command help) must match the code, and every "Load the
data" snippet must run, give the Table Schema's types, and read the same values from the CSV and
the Parquet file (on the committed package and on one full of traps for readers)."""

from __future__ import annotations

import datetime as dt
import decimal
import importlib.util
import math
import re
from pathlib import Path
from typing import Any

import pytest

from dateline.docs import README, render
from dateline.schema import TABLES, load
from dateline.schema.arrow import to_arrow_schema
from fixtures.minipkg import build, rows

REPO = README.parent
SNIPPET = re.compile(r"<!-- load: (\w+) -->\n```python\n(.*?)```", re.DOTALL)
SNIPPETS = dict(SNIPPET.findall(README.read_text(encoding="utf-8")))
# What each snippet needs installed (Spark also needs Java: it is skipped where it is missing).
NEEDS = {
    "pandas": "pandas",
    "polars": "polars",
    "duckdb": "duckdb",
    "pyarrow": "pyarrow",
    "frictionless": "frictionless",
    "spark": "pyspark",
}


def test_readme_is_current():
    text = README.read_text(encoding="utf-8")
    assert render(text) == text, "README.md is stale: run `python -m dateline.docs`"


def test_every_table_and_command_is_documented():
    text = README.read_text(encoding="utf-8")
    for table in ("documents", "actors", "locations", "events", "quotes", "mentions"):
        assert f"#### `{table}`" in text
    for command in ("build", "validate", "extract", "evaluate"):
        assert f"#### `dateline {command}`" in text


def test_every_reader_has_a_snippet():
    assert set(SNIPPETS) == set(NEEDS)


# ---------------------------------------------------------------- a package full of traps


def traps(root: Path) -> Path:
    """A valid package whose text looks like null, numbers, booleans, formulas and padding to
    careless readers: each must come back as written."""
    data = rows()
    data["actors"][0] |= {"role": "NA", "anonymity_reason": "null"}
    data["actors"][1] |= {"role": "  two spaces  ", "anonymity_reason": 'He said "yes", then'}
    data["actors"][2] |= {"role": "TRUE", "aliases": ["-5 degrees", "+1 555 0100", "nan"]}
    data["locations"][0] |= {"admin1": "0123"}
    data["locations"][1] |= {"admin1": "N/A", "aliases": ["@handle", "1e5"]}
    data["quotes"][0] |= {"speaker_text": None, "speaker_start": None, "speaker_end": None}
    data["events"][0] |= {"cameo_code": "05", "date_text": "2025-10-01"}
    return build(root, data)


@pytest.fixture(scope="module")
def trap_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return traps(tmp_path_factory.mktemp("traps"))


def run_snippet(name: str, root: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    if importlib.util.find_spec(NEEDS[name]) is None:
        pytest.skip(f"the {name} snippet needs {NEEDS[name]}, which is not installed here")
    monkeypatch.chdir(root)
    namespace: dict[str, Any] = {"__name__": f"readme_{name}"}
    exec(compile(SNIPPETS[name], f"README.md ({name})", "exec"), namespace)
    return namespace


# ---------------------------------------------------------------- types per reader


def kind_of(tool: str, value: Any) -> str:
    """The reader's type of a column (or, for frictionless rows, of a value)."""
    if tool == "pandas":
        return str(value)
    if tool == "polars":
        return repr(value)
    if tool == "duckdb":
        return str(value)
    return type(value).__name__


# Per reader and Table Schema type: a pattern every column of that type must match.
EXPECTED = {
    "pandas": {
        "string": r"string|dictionary<values=string",
        "integer": r"int64\[pyarrow\]",
        "number": r"double\[pyarrow\]",
        "boolean": r"bool\[pyarrow\]",
        "date": r"date32\[day\]\[pyarrow\]",
        "list": r"list<\w+: string>\[pyarrow\]",
    },
    "polars": {
        "string": r"String|Categorical|Enum",
        "integer": r"Int64",
        "number": r"Float64",
        "boolean": r"Boolean",
        "date": r"Date",
        "list": r"List\(String\)",
    },
    "duckdb": {
        "string": r"VARCHAR|ENUM",
        "integer": r"BIGINT",
        "number": r"DOUBLE",
        "boolean": r"BOOLEAN",
        "date": r"DATE",
        "list": r"VARCHAR\[\]",
    },
    "frictionless": {
        "string": r"str",
        "integer": r"int",
        "number": r"Decimal|float",
        "boolean": r"bool",
        "date": r"date",
        "list": r"list",
    },
}


def column_kinds(tool: str, result: Any) -> dict[str, list[str]]:
    """Column name → the reader's types of it."""
    if tool == "pandas":
        return {c: [kind_of(tool, t)] for c, t in result.dtypes.items()}
    if tool == "polars":
        return {c: [kind_of(tool, t)] for c, t in result.schema.items()}
    if tool == "duckdb":
        return {c: [kind_of(tool, t)] for c, t in zip(result.columns, result.types, strict=True)}
    kinds: dict[str, list[str]] = {}
    for row in result:
        for name, value in row.items():
            if value is not None:
                kinds.setdefault(name, []).append(kind_of(tool, value))
    return kinds


def assert_schema_types(tool: str, table: str, result: Any) -> None:
    schema = load(table)
    if tool == "pyarrow":
        assert result.schema.equals(to_arrow_schema(schema), check_metadata=True)
        return
    kinds = column_kinds(tool, result)
    if tool != "frictionless":
        assert list(kinds) == schema.field_names
    for field in schema.fields:
        for kind in kinds.get(field.name, []):
            assert re.fullmatch(EXPECTED[tool][field.type], kind), (table, field.name, kind)


@pytest.mark.parametrize("tool", sorted(NEEDS))
def test_snippet_runs_on_the_committed_package_with_the_schema_types(tool, monkeypatch):
    namespace = run_snippet(tool, REPO, monkeypatch)
    if tool != "spark":
        assert_schema_types(tool, "events", namespace["events"])
    for table in TABLES:
        if tool != "spark" and "read_csv" in namespace:
            assert_schema_types(tool, table, namespace["read_csv"](table))
        if tool == "pyarrow":
            assert_schema_types(tool, table, namespace["read_parquet"](table))


# ---------------------------------------------------------------- one set of values


def plain(value: Any) -> Any:
    """A reader's value as plain Python: null → None, arrays → lists, numbers → float."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    if hasattr(value, "tolist") and not isinstance(value, str):  # numpy arrays and scalars
        return plain(value.tolist())
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, decimal.Decimal | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) else value
    return value


def records(tool: str, result: Any) -> list[dict[str, Any]]:
    """The rows a reader returned, as plain Python dicts."""
    if tool == "pandas":
        rows_ = result.astype(object).to_dict("records")
    elif tool == "polars":
        rows_ = result.to_dicts()
    elif tool == "duckdb":
        rows_ = [dict(zip(result.columns, r, strict=True)) for r in result.fetchall()]
    elif tool == "pyarrow":
        rows_ = result.to_pylist()
    else:
        rows_ = [r.to_dict() for r in result]
    return [{k: plain(v) for k, v in r.items()} for r in rows_]


@pytest.mark.parametrize("tool", sorted(set(NEEDS) - {"pyarrow", "spark"}))
def test_csv_and_parquet_give_the_same_values(tool, trap_package, monkeypatch):
    """Text that looks like null ("NA", "null", "nan", "N/A"), a number ("0123", "1e5", "05"),
    a boolean ("TRUE"), a formula-like sign, padding, quotes and line breaks comes back as
    written, from the CSV file as from the Parquet file."""
    namespace = run_snippet(tool, trap_package, monkeypatch)
    from dateline.validate.frames import read_parquet as dateline_parquet

    for table in TABLES:
        csv = records(tool, namespace["read_csv"](table))
        parquet = records(tool, namespace["read_parquet"](table))
        assert csv == parquet, table
        path = trap_package / "data" / "parquet" / f"{table}.parquet"
        data, _ = dateline_parquet(path, load(table), "x")
        assert data is not None
        assert csv == [{k: plain(v) for k, v in r.items()} for r in data.frame.to_dicts()], table
    actors = records(tool, namespace["read_csv"]("actors"))
    assert [a["role"] for a in actors] == ["NA", "  two spaces  ", "TRUE"]
    assert records(tool, namespace["read_csv"]("events"))[0]["cameo_code"] == "05"
