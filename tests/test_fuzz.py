"""Bounded fuzzing: bad input ends in success or a clean DatelineError naming the file.

Seeded (``derandomize``), no example database, modest ``max_examples``: the whole module runs
in well under a minute. Crashes found while writing it are kept as explicit ``@example`` cases.
frictionless-py takes about a second a package, so ``validate`` runs without it here; the
descriptor shapes that crashed it are pinned in ``test_hardening.py``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import dateline.validate as validate_module
from dateline.article import read_article
from dateline.corrections import OPS, CorrectionError, apply_corrections, parse_corrections
from dateline.diff import diff
from dateline.errors import DatelineError, SeedError
from dateline.tables import to_frame
from dateline.validate import Report, validate_package
from dateline.validate.report import format_github, format_text
from fixtures.minipkg import BODY, DOC, HEADER, build, rows, texts


def bounded(n: int) -> settings:
    return settings(
        max_examples=n,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("base") / "pkg")


# ---------------------------------------------------------------- the seed reader

HEADERS = st.sampled_from(
    [
        b"",
        HEADER.encode(),
        b"date 2025-02-30\n",
        b"date 99999-01-01\n",
        b"---\n",
        b"---\n---\n",
        b"---\ndate: 2025-10-01\ntitle: [a, b]\n---\n",
        b"---\ndate: 2025-10-01\nlanguage: xx\n---\n",
        b"---\n&a [*a]\n---\n",
        b"---\ndate: !!python/object:os.system x\n---\n",
        b"\xef\xbb\xbfdate 2025-10-01\n",
    ]
)
BODIES = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from(
        [BODY.encode(), b"\r\n", b"\x00", b"\xff\xfe", b"   \n\n", b"BAGHDAD \xe2\x80\x94 "]
    ),
)


@bounded(200)
@given(header=HEADERS, body=BODIES)
@example(header=b"---\n" + b"[" * 5000 + b"\n---\n", body=b"x")
def test_seed_reader(tmp_path: Path, header: bytes, body: bytes) -> None:
    path = tmp_path / "fuzz.txt"
    path.write_bytes(header + body)
    try:
        article = read_article(path)
    except SeedError as err:
        assert err.file == str(path) and err.message
    else:
        assert article.body and article.doc_id == "fuzz"


# ---------------------------------------------------------------- the corrections loader

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["2025-10-01", "2025-02-30", "sean-parnell", "geonames:98182", "RETREAT"]),
    st.sampled_from(["events", "quotes", "actors", "locations", "mentions", "documents"]),
    st.sampled_from(["We will reduce\nour mission,", "withdrawing", "ev-1", "q-1", "m-1", DOC]),
)
VALUES = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=2),
    st.dictionaries(st.text(max_size=3), SCALARS, max_size=2),
)


@st.composite
def operations(draw: st.DrawFn) -> dict[str, Any]:
    op = draw(st.sampled_from([*OPS, "nope"]))
    keys = sorted(OPS[op].keys) if op in OPS else ["table", "id"]
    chosen = draw(st.lists(st.sampled_from(keys), unique=True, max_size=len(keys)))
    return {"op": op, **{k: draw(VALUES) for k in chosen if k != "op"}}


FRAMES = {t: to_frame(t, r) for t, r in rows().items()}
FILE = "seeds/doc1.corrections.yaml"


@bounded(150)
@given(ops=st.lists(operations(), min_size=1, max_size=3))
@example(ops=[{"op": "set_location", "location_id": "geonames:98182", "latitude": float("nan")}])
@example(
    ops=[
        {
            "op": "add_event",
            "evidence": "U.S. troops began withdrawing",
            "trigger": "withdrawing",
            "event_type": "AID",
            "date_start": "2025-10-02",
            "date_end": "2025-10-01",
        }
    ]
)
def test_corrections_loader_and_apply(ops: list[dict[str, Any]]) -> None:
    text = yaml.safe_dump(ops, allow_unicode=True)
    try:
        loaded = parse_corrections(text, file=FILE, doc_id=DOC)
        frames = apply_corrections(FRAMES, loaded, texts())
    except CorrectionError as err:
        assert err.file == FILE and err.message
    else:
        for table, frame in frames.items():
            assert frame.schema == FRAMES[table].schema
        for row in frames["events"].iter_rows(named=True):
            if row["date_start"] and row["date_end"]:
                assert row["date_start"] <= row["date_end"]
        for row in frames["locations"].iter_rows(named=True):
            assert row["latitude"] is None or -90 <= row["latitude"] <= 90


# ---------------------------------------------------------------- validate on mutated packages

FILES = [
    "datapackage.json",
    "data/csv/documents.csv",
    "data/csv/events.csv",
    "data/csv/quotes.csv",
    "data/parquet/actors.parquet",
    "data/parquet/events.parquet",
    "schemas/events.schema.json",
    f"seeds/{DOC}.txt",
]
TOKENS = st.sampled_from(
    [
        *(b"\r\n", b'"', b",", b"\n", b"\x00", b"\xff", b"../", b"NaN", b"-1", b"1e999", b"["),
        *(b"{", b"99999999999999999999999", b"\\u0000", b"null", b"2025-13-01", b"|", b"=cmd"),
    ]
)


@st.composite
def byte_mutations(draw: st.DrawFn) -> tuple[str, str, int, bytes, bool]:
    """(file, kind, position fraction ×1000, bytes, rehash)."""
    return (
        draw(st.sampled_from(FILES)),
        draw(st.sampled_from(["flip", "insert", "replace", "truncate"])),
        draw(st.integers(0, 1000)),
        draw(st.one_of(TOKENS, st.binary(min_size=1, max_size=8))),
        draw(st.booleans()),
    )


def rehash(root: Path) -> None:
    """Make the declared bytes/hash match again, so the checks behind them run too."""
    path = root / "datapackage.json"
    try:
        desc = json.loads(path.read_text(encoding="utf-8"))
        for res in desc["resources"]:
            data = (root / res["path"]).read_bytes()
            res["bytes"], res["hash"] = len(data), "sha256:" + hashlib.sha256(data).hexdigest()
    except (ValueError, KeyError, TypeError, OSError):
        return  # the descriptor itself was mutated
    path.write_text(json.dumps(desc, indent=2), encoding="utf-8")


def mutated(base: Path, to: Path, mutation: tuple[str, str, int, bytes, bool]) -> Path:
    rel, kind, where, data, fix_hash = mutation
    root = to / "pkg"
    shutil.copytree(base, root)
    path = root / rel
    old = path.read_bytes()
    at = len(old) * where // 1000
    new = {
        "flip": old[:at] + bytes([old[at] ^ data[0]]) + old[at + 1 :] if at < len(old) else old,
        "insert": old[:at] + data + old[at:],
        "replace": old[:at] + data + old[at + len(data) :],
        "truncate": old[:at],
    }[kind]
    path.write_bytes(new)
    if fix_hash:
        rehash(root)
    return root


def check_report(report: Report) -> None:
    assert isinstance(report, Report)
    for issue in report.issues:
        assert issue.message and issue.code
    format_text(report)
    format_github(report)


@bounded(15)
@given(mutation=byte_mutations())
@example(mutation=("data/csv/documents.csv", "replace", 500, b"99999999999999999999999", True))
@example(mutation=("data/csv/actors.csv", "insert", 0, b"\r\n", True))
def test_validate_mutated_bytes(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    base: Path,
    mutation: tuple[str, str, int, bytes, bool],
) -> None:
    monkeypatch.setattr(validate_module, "frictionless_issues", lambda *a: [])
    root = mutated(base, tmp_path_factory.mktemp("m"), mutation)
    check_report(validate_package(root))


JSON = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12)
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path (keys and indexes) into a JSON value."""
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += paths(v, (*prefix, i))
    return out


def replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[head] = replaced(value[head], rest, new)
    return copy


@bounded(15)
@given(
    pick=st.integers(0, 10_000),
    new=JSON,
    target=st.sampled_from(["datapackage.json", "schemas/events.schema.json"]),
)
@example(pick=1, new=5, target="datapackage.json")  # "$schema": 5 crashed frictionless-py
@example(pick=0, new=[[[]]], target="datapackage.json")
@example(pick=0, new={"resources": [{"name": ["x"]}, {"name": {}}]}, target="datapackage.json")
def test_validate_and_diff_mutated_json(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    base: Path,
    pick: int,
    new: Any,
    target: str,
) -> None:
    monkeypatch.setattr(validate_module, "frictionless_issues", lambda *a: [])
    root = tmp_path_factory.mktemp("j") / "pkg"
    shutil.copytree(base, root)
    path = root / target
    value = json.loads(path.read_text(encoding="utf-8"))
    choices = paths(value)
    path.write_text(json.dumps(replaced(value, choices[pick % len(choices)], new)), "utf-8")
    check_report(validate_package(root))
    try:
        diff(str(base), str(root))
    except DatelineError as err:
        assert err.file and err.message


@bounded(25)
@given(mutation=byte_mutations())
def test_diff_mutated_bytes(
    tmp_path_factory: pytest.TempPathFactory,
    base: Path,
    mutation: tuple[str, str, int, bytes, bool],
) -> None:
    root = mutated(base, tmp_path_factory.mktemp("d"), mutation)
    try:
        diff(str(base), str(root))
        diff(str(root), str(base))
    except DatelineError as err:
        assert err.file and err.message
