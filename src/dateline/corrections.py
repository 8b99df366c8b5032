"""Reviewed corrections: ``seeds/<doc_id>.corrections.yaml`` fixes what extraction got wrong.

A corrections file is a YAML list of operations ("Reviewed corrections" in README.md). They are
loaded with their file and line, checked against the table schemas, and applied to the typed
frames at build time (:func:`dateline.build.build` calls :func:`apply_corrections`). Corrected
and added rows say ``method: curated`` and ``confidence: 1.0``. A correction that matches nothing
is an error naming its file and line: corrections never go silently stale.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl
import yaml

from dateline.article import MAX_NESTING, bracket_depth, decode, iso_date, parse_article, read_file
from dateline.errors import DatelineError, SeedError
from dateline.lexicon.model import PLOVER_CAMEO_ROOTS
from dateline.schema import TABLES, Field, load, primary_key, references_to
from dateline.tables import sort_frame

SUFFIX = ".corrections.yaml"
HINT_STALE = "update the correction to today's ids or text, or delete it if it is no longer needed"
Rows = dict[str, list[dict[str, Any]]]
Frames = dict[str, pl.DataFrame]


class CorrectionError(DatelineError):
    """A corrections file is malformed, or one of its corrections matches nothing."""


@dataclass(frozen=True)
class Spec:
    """The keys an operation takes: required, optional, and groups of which one is needed."""

    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    one_of: tuple[tuple[str, ...], ...] = ()
    example: str = ""

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(
            {"op", *self.required, *self.optional, *(k for g in self.one_of for k in g)}
        )


ACTOR_FIELDS = load("actors").settable_fields  # dateline:set
LOCATION_FIELDS = load("locations").settable_fields
EVENT_OPTIONAL = (
    "doc_id",
    "cameo_code",
    "event_mode",
    "actor_id",
    "target_id",
    "location_id",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "status",
    "reported_by_id",
    "quote_id",
)
OPS: dict[str, Spec] = {
    "drop": Spec(
        ("table",),
        ("trigger", "doc_id", "all"),
        (("id", "match"),),
        "- op: drop\n  table: events\n  id: ev-0123456789ab",
    ),
    "set_speaker": Spec(
        ("speaker_id",),
        ("doc_id",),
        (("quote_id", "text"),),
        "- op: set_speaker\n  text: We will reduce our mission\n  speaker_id: sean-parnell",
    ),
    "merge_actors": Spec(
        ("from", "into"), (), (), "- op: merge_actors\n  from: parnell\n  into: sean-parnell"
    ),
    "set_actor": Spec(
        ("actor_id",),
        ACTOR_FIELDS,
        (),
        "- op: set_actor\n  actor_id: sean-parnell\n  wikidata_id: Q123",
    ),
    "set_location": Spec(
        ("location_id",),
        LOCATION_FIELDS,
        (),
        "- op: set_location\n  location_id: geonames:98182\n  latitude: 33.34\n  longitude: 44.40",
    ),
    "add_quote": Spec(
        ("text", "cue"),
        ("doc_id", "speaker_id", "quote_type", "speaker_text", "date", "date_precision"),
        (),
        "- op: add_quote\n  text: We will reduce our mission\n  speaker_id: sean-parnell\n"
        "  cue: said",
    ),
    "add_event": Spec(
        ("evidence", "trigger", "event_type"),
        EVENT_OPTIONAL,
        (),
        "- op: add_event\n  evidence: U.S. troops began withdrawing.\n  trigger: withdrawing\n"
        "  event_type: RETREAT",
    ),
}
# Which table and column each correction key is checked against (enum, pattern, range).
KEY_COLUMNS: dict[str, dict[str, tuple[str, str]]] = {
    "set_actor": {k: ("actors", k) for k in ACTOR_FIELDS},
    "set_location": {k: ("locations", k) for k in LOCATION_FIELDS},
    "add_quote": {k: ("quotes", k) for k in ("quote_type", "date_precision", "date")},
    "add_event": {k: ("events", k) for k in (*EVENT_OPTIONAL, "event_type")},
}
NUMBER_KEYS = frozenset({"latitude", "longitude"})
DATE_KEYS = frozenset({"date", "date_start", "date_end"})
BOOL_KEYS = frozenset({"all"})
# The tables a drop may name, each with the field it matches by (dateline:match) ...
MATCH_COLUMN = {t: m for t in TABLES if (m := load(t).match_field) is not None}
# ... and those of them whose rows belong to a document, where a match is narrowed to it.
DOC_TABLES = frozenset(t for t in MATCH_COLUMN if load(t).scope == "document")
ID_COLUMN = {table: primary_key(table) for table in MATCH_COLUMN}
# Columns that reference another table's id (the schemas' foreign keys, reversed).
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    table: references_to(table) for table in MATCH_COLUMN
}


@dataclass(frozen=True)
class Correction:
    """One operation from a corrections file, with where it was written."""

    op: str
    values: Mapping[str, Any]
    file: str
    line: int
    doc_id: str
    lines: Mapping[str, int] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def error(
        self, message: str, *, key: str | None = None, hint: str = HINT_STALE
    ) -> CorrectionError:
        line = self.lines.get(key, self.line) if key else self.line
        return CorrectionError(f"{self.op}: {message}", file=self.file, line=line, hint=hint)


# ---------------------------------------------------------------- loading


def corrections_files(seeds: Path) -> list[Path]:
    """The corrections files in ``seeds``, sorted; a ``.yml`` spelling is an error, not ignored."""
    for wrong in sorted(seeds.glob("*.corrections.yml")):
        raise CorrectionError(
            "corrections files must end in .corrections.yaml",
            file=str(wrong),
            hint=f"rename it to {wrong.name[: -len('.yml')]}.yaml",
        )
    return sorted(seeds.glob(f"*{SUFFIX}"))


def load_corrections(seeds: Path) -> list[Correction]:
    """Every correction in ``seeds/*.corrections.yaml``, in file order then list order."""
    out: list[Correction] = []
    for path in corrections_files(seeds):
        try:
            text = decode(read_file(path, within=seeds, error=CorrectionError), str(path))
        except SeedError as err:
            raise CorrectionError(
                err.message, file=err.file, line=err.line, hint=err.hint
            ) from None
        out += parse_corrections(text, file=str(path), doc_id=path.name[: -len(SUFFIX)])
    return out


def parse_corrections(text: str, *, file: str, doc_id: str) -> list[Correction]:
    """Parse and check one corrections file; any problem is a :class:`CorrectionError`."""
    node, data = _compose(text, file)
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode) or not isinstance(data, list):
        raise CorrectionError(
            "a corrections file must be a YAML list of operations",
            file=file,
            line=node.start_mark.line + 1,
            hint="start each operation with '- op: …', e.g.\n" + OPS["drop"].example,
        )
    return [
        _correction(item_node, item, file, doc_id)
        for item_node, item in zip(node.value, data, strict=True)
    ]


def _compose(text: str, file: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for line numbers) and the plain values of one YAML document."""
    loader: yaml.SafeLoader | None = None
    if bracket_depth(text) > MAX_NESTING:  # PyYAML would take seconds, then overflow the stack
        raise CorrectionError(
            f"brackets nest more than {MAX_NESTING} deep",
            file=file,
            hint="write each operation as '- op: …' with one 'key: value' per line",
        )
    try:
        loader = yaml.SafeLoader(text)  # the reader already refuses control characters
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise CorrectionError(
            f"not valid YAML: {exc.problem or exc.context}",
            file=file,
            line=mark.line + 1 if mark else None,
            hint="write one 'key: value' per line; quote values with ': ' or a leading symbol",
        ) from None
    except yaml.reader.ReaderError as exc:
        raise CorrectionError(
            f"not valid YAML: {exc.reason} (character #x{exc.character:04x})",
            file=file,
            line=text.count("\n", 0, exc.position) + 1,
            hint="remove control characters; a corrections file is plain text",
        ) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise CorrectionError(
            f"not valid YAML: {exc}",
            file=file,
            hint="quote values such as dates or numbers that YAML cannot read",
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    return node, data


def _correction(node: yaml.Node, item: Any, file: str, doc_id: str) -> Correction:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode) or not isinstance(item, dict):
        raise CorrectionError(
            "each operation must be a mapping of 'key: value' lines",
            file=file,
            line=line,
            hint="e.g.\n" + OPS["drop"].example,
        )
    if not all(isinstance(k, str) for k in item):
        raise CorrectionError(
            "keys must be plain words such as 'op' or 'table'",
            file=file,
            line=line,
            hint="e.g.\n" + OPS["drop"].example,
        )
    lines: dict[str, int] = {}
    for key_node, _ in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str):
            raise CorrectionError(
                "keys must be plain words",
                file=file,
                line=key_node.start_mark.line + 1,
                hint="e.g.\n" + OPS["drop"].example,
            )
        if key in lines:
            raise CorrectionError(
                f"key {key!r} is given twice",
                file=file,
                line=key_node.start_mark.line + 1,
                hint="keep one of them",
            )
        lines[key] = key_node.start_mark.line + 1
    if set(item) != set(lines):  # e.g. a merge key '<<' expanded; refuse rather than guess
        raise CorrectionError(
            "YAML merge keys and anchors are not supported here",
            file=file,
            line=line,
            hint="write every key of the operation out in full",
        )
    c = Correction(
        op=str(item.get("op")), values=dict(item), file=file, line=line, doc_id=doc_id, lines=lines
    )
    _check(c)
    return c


def _check(c: Correction) -> None:
    """The operation is known, has exactly the keys it needs, and every value fits its column."""
    spec = OPS.get(c.op) if isinstance(c.values.get("op"), str) else None
    if spec is None:
        raise c.error(
            f"unknown operation {c.values.get('op')!r}",
            key="op",
            hint=f"'op' must be one of: {', '.join(OPS)}",
        )
    unknown = sorted(set(c.values) - spec.keys)
    if unknown:
        raise c.error(
            f"unknown key {unknown[0]!r}",
            key=unknown[0],
            hint=f"{c.op} takes: {', '.join(sorted(spec.keys - {'op'}))}; e.g.\n{spec.example}",
        )
    for key in spec.required:
        if c.values.get(key) is None:
            raise c.error(f"missing {key!r}", hint=f"e.g.\n{spec.example}")
    for group in spec.one_of:
        given = [k for k in group if c.values.get(k) is not None]
        if len(given) != 1:
            raise c.error(
                f"give exactly one of {' or '.join(map(repr, group))}",
                key=given[-1] if given else None,
                hint=f"e.g.\n{spec.example}",
            )
    for key, value in c.values.items():
        problem = _value_problem(c.op, key, value)
        if problem:
            raise c.error(
                f"{key}: {problem}",
                key=key,
                hint="see 'Reviewed corrections' in README.md for the allowed values",
            )
    if c.op == "drop" and c.values["table"] not in MATCH_COLUMN:
        raise c.error(
            f"cannot drop rows of {c.values['table']!r}",
            key="table",
            hint=f"table must be one of: {', '.join(MATCH_COLUMN)}",
        )
    if c.op == "drop" and c.get("trigger") is not None and c.values["table"] != "events":
        raise c.error(
            "'trigger' only narrows a drop of events", key="trigger", hint="remove 'trigger'"
        )
    start, end = _as_date(c.get("date_start")), _as_date(c.get("date_end"))
    if start is not None and end is not None and end < start:
        raise c.error(
            f"date_end {end} is before date_start {start}",
            key="date_end",
            hint="a date interval runs forward: swap the two dates or fix one of them",
        )
    if c.op == "set_actor" and not set(c.values) & set(ACTOR_FIELDS):
        raise c.error("nothing to set", hint=f"give one of: {', '.join(ACTOR_FIELDS)}")
    if c.op == "set_location" and not set(c.values) & set(LOCATION_FIELDS):
        raise c.error("nothing to set", hint=f"give one of: {', '.join(LOCATION_FIELDS)}")


def _value_problem(op: str, key: str, value: Any) -> str | None:
    """Why ``value`` cannot be the value of ``key`` in ``op``, or None."""
    column = KEY_COLUMNS.get(op, {}).get(key)
    f = load(column[0]).field(column[1]) if column else None
    if value is None:
        return (
            "must not be empty (the column is required)" if f is not None and f.required else None
        )
    if key in BOOL_KEYS:
        return None if isinstance(value, bool) else "must be true or false"
    if key in NUMBER_KEYS:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "must be a number"
        if not math.isfinite(value):
            return f"{value} is not a finite number; write a decimal number such as 33.34"
    elif key in DATE_KEYS:
        value = _as_date(value)
        if value is None:
            return "must be a date YYYY-MM-DD"
    elif not isinstance(value, str):
        return f"must be text (got {type(value).__name__}); put it in quotes"
    elif not value.strip():
        return "must not be empty"
    return _field_problem(f, value) if f is not None else None


def _field_problem(f: Field, value: Any) -> str | None:
    if f.enum and value not in f.enum:
        return f"{value!r} is not one of {', '.join(f.enum)}"
    if f.pattern and isinstance(value, str) and not re.search(f.pattern, value):
        return f"{value!r} does not match {f.pattern}"
    if f.minimum is not None and isinstance(value, int | float) and value < f.minimum:
        return f"{value} is below {f.minimum}"
    if f.maximum is not None and isinstance(value, int | float) and value > f.maximum:
        return f"{value} is above {f.maximum}"
    return None


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return iso_date(value)
        except ValueError:
            return None
    return None


# ---------------------------------------------------------------- applying


def apply_corrections(
    frames: Frames, corrections: Iterable[Correction], bodies: Mapping[str, str]
) -> Frames:
    """Apply ``corrections`` in order to typed frames; dtypes and primary-key order are kept."""
    corrections = list(corrections)
    if not corrections:
        return frames
    for c in corrections:
        if c.doc_id not in bodies:
            raise CorrectionError(
                f"there is no seed article {c.doc_id}.txt for this corrections file",
                file=c.file,
                hint=f"name the file after an article (seeds/<doc_id>{SUFFIX}), or delete it",
            )
    rows: Rows = {t: f.to_dicts() for t, f in frames.items()}
    for c in corrections:
        APPLY[c.op](rows, c, bodies)
    return {t: _frame(t, rows[t], frames[t]) for t in frames}


def _frame(table: str, rows: list[dict[str, Any]], like: pl.DataFrame) -> pl.DataFrame:
    columns = like.columns
    data = [{k: r.get(k) for k in columns} for r in rows]
    frame = pl.DataFrame(data, schema=like.schema) if data else like.clear()
    return sort_frame(frame, load(table))


def _table(rows: Rows, c: Correction, table: str) -> list[dict[str, Any]]:
    if table not in rows:
        raise c.error(
            f"the build has no {table} table", hint="this is a bug in the build; report it"
        )
    return rows[table]


def _curate(row: dict[str, Any]) -> None:
    if "method" in row:
        row["method"] = "curated"
    if "confidence" in row:
        row["confidence"] = 1.0


def _doc(c: Correction) -> str:
    return c.get("doc_id") or c.doc_id


def _find_by_id(rows: Rows, c: Correction, table: str, value: str, key: str) -> dict[str, Any]:
    column = ID_COLUMN[table]
    for row in _table(rows, c, table):
        if row[column] == value:
            return row
    raise c.error(
        f"no {table} row has {column} {value!r}",
        key=key,
        hint=f"the current ids are in data/{table}.csv after `dateline build`; " + HINT_STALE,
    )


def _require_ref(rows: Rows, c: Correction, key: str, table: str) -> None:
    value = c.get(key)
    if value is not None:
        _find_by_id(rows, c, table, value, key)


def _clear_references(rows: Rows, table: str, removed: set[str]) -> None:
    """Null every reference to removed ids, and drop mentions of removed entities."""
    for ref_table, column in REFERENCES.get(table, ()):
        for row in rows.get(ref_table, []):
            if row.get(column) in removed:
                row[column] = None
    if table in ("actors", "locations") and "mentions" in rows:
        rows["mentions"] = [
            m
            for m in rows["mentions"]
            if not (m["entity_table"] == table and m["entity_id"] in removed)
        ]


def _drop(rows: Rows, c: Correction, bodies: Mapping[str, str]) -> None:
    table = c.get("table")
    data = _table(rows, c, table)
    if c.get("id") is not None:
        hits = [_find_by_id(rows, c, table, c.get("id"), "id")]
    else:
        column = MATCH_COLUMN[table]
        hits = [
            r
            for r in data
            if r[column] == c.get("match")
            and (table not in DOC_TABLES or r["doc_id"] == _doc(c))
            and (c.get("trigger") is None or r.get("trigger") == c.get("trigger"))
        ]
        if not hits:
            where = f" in {_doc(c)}" if table in DOC_TABLES else ""
            raise c.error(
                f"no {table} row{where} has {column} exactly {c.get('match')!r}",
                key="match",
                hint="copy the text exactly from the CSV, or use 'id'; " + HINT_STALE,
            )
        if len(hits) > 1 and not c.get("all"):
            ids = ", ".join(r[ID_COLUMN[table]] for r in hits)
            raise c.error(
                f"{len(hits)} {table} rows match: {ids}",
                key="match",
                hint="use 'id' to pick one, or add 'all: true' to drop them all",
            )
    removed = {r[ID_COLUMN[table]] for r in hits}
    rows[table] = [r for r in data if r[ID_COLUMN[table]] not in removed]
    _clear_references(rows, table, removed)


def _set_speaker(rows: Rows, c: Correction, bodies: Mapping[str, str]) -> None:
    _require_ref(rows, c, "speaker_id", "actors")
    if c.get("quote_id") is not None:
        quote = _find_by_id(rows, c, "quotes", c.get("quote_id"), "quote_id")
    else:
        hits = [
            q
            for q in _table(rows, c, "quotes")
            if q["text"] == c.get("text") and q["doc_id"] == _doc(c)
        ]
        if len(hits) != 1:
            found = (
                "no quote"
                if not hits
                else f"{len(hits)} quotes ({', '.join(q['quote_id'] for q in hits)})"
            )
            raise c.error(
                f"{found} in {_doc(c)} with text exactly {c.get('text')!r}",
                key="text",
                hint="copy the quote text exactly from data/quotes.csv, or use 'quote_id'; "
                + HINT_STALE,
            )
        quote = hits[0]
    quote["speaker_id"] = c.get("speaker_id")
    _curate(quote)


def _merge_actors(rows: Rows, c: Correction, bodies: Mapping[str, str]) -> None:
    source = _find_by_id(rows, c, "actors", c.get("from"), "from")
    target = _find_by_id(rows, c, "actors", c.get("into"), "into")
    if source is target:
        raise c.error(
            "'from' and 'into' are the same actor", key="into", hint="name two different actors"
        )
    old, new = source["actor_id"], target["actor_id"]
    for ref_table, column in REFERENCES["actors"]:
        for row in rows.get(ref_table, []):
            if row.get(column) == old:
                row[column] = new
    for m in rows.get("mentions", []):
        if m["entity_table"] == "actors" and m["entity_id"] == old:
            m["entity_id"] = new
    if target.get("affiliation_id") == new:
        target["affiliation_id"] = None
    for key, value in source.items():  # fill what the target lacks
        if target.get(key) is None and value is not None and key != "affiliation_id":
            target[key] = value
    if "mention_count" in target:
        target["mention_count"] = (target.get("mention_count") or 0) + (
            source.get("mention_count") or 0
        )
    if "aliases" in target:
        names = [*(target.get("aliases") or []), source["name"], *(source.get("aliases") or [])]
        target["aliases"] = sorted({n for n in names if n and n != target["name"]}) or None
    _curate(target)
    rows["actors"] = [a for a in rows["actors"] if a["actor_id"] != old]


def _set_fields(
    table: str, key: str, fields: tuple[str, ...]
) -> Callable[[Rows, Correction, Mapping[str, str]], None]:
    def apply(rows: Rows, c: Correction, bodies: Mapping[str, str]) -> None:
        row = _find_by_id(rows, c, table, c.get(key), key)
        if table == "actors":
            _require_ref(rows, c, "affiliation_id", "actors")
        for name in fields:
            if name in c.values:
                row[name] = float(c.get(name)) if name in NUMBER_KEYS else c.get(name)
        _curate(row)

    return apply


def _span_once(
    c: Correction, body: str, text: str, key: str, start: int = 0, end: int | None = None
) -> tuple[int, int]:
    """The one place ``text`` occurs in ``body[start:end]``; absent or repeated is an error."""
    end = len(body) if end is None else end
    first = body.find(text, start, end)
    if first < 0:
        raise c.error(
            f"{key} {text!r} does not occur in the article{' evidence' if start else ''}",
            key=key,
            hint=f"copy the text exactly from seeds/{_doc(c)}.txt (same quotes, dashes, line ends)",
        )
    if body.find(text, first + 1, end) >= 0:
        raise c.error(
            f"{key} {text!r} occurs more than once",
            key=key,
            hint="quote a longer passage so that it occurs exactly once",
        )
    return first, first + len(text)


def _body(c: Correction, rows: Rows, bodies: Mapping[str, str]) -> str:
    doc_id = _doc(c)
    known = {d["doc_id"] for d in rows.get("documents", [])}
    if doc_id not in bodies or (rows.get("documents") is not None and doc_id not in known):
        raise c.error(
            f"there is no seed article {doc_id!r}",
            key="doc_id" if c.get("doc_id") else None,
            hint=f"name the file after an article: seeds/<doc_id>{SUFFIX}",
        )
    return bodies[doc_id]


def _published(rows: Rows, doc_id: str) -> dt.date | None:
    return next(
        (d.get("published") for d in rows.get("documents", []) if d["doc_id"] == doc_id), None
    )


def row_id(prefix: str, doc_id: str, start: int, end: int, kind: str) -> str:
    """Deterministic id of an added row: ``prefix-`` + 12 hex of sha1(doc_id|start|end|kind)."""
    return f"{prefix}-{hashlib.sha1(f'{doc_id}|{start}|{end}|{kind}'.encode()).hexdigest()[:12]}"


def sentence_index(doc_id: str, body: str, position: int) -> int:
    """The index of the extractor's sentence that holds ``position`` (or the last one before it)."""
    try:
        from dateline.extract.segment import segment
    except ImportError:  # pragma: no cover - the extractor is part of the package
        return body.count("\n\n", 0, position)
    index = 0
    for start, number in _sentence_starts(doc_id, body, segment):
        if start <= position:
            index = number
    return index


@cache
def _sentence_starts(
    doc_id: str, body: str, segment: Callable[[Any], Any]
) -> tuple[tuple[int, int], ...]:
    article = parse_article(
        "---\n---\n" + body, doc_id=doc_id, where=doc_id, seed_path=f"seeds/{doc_id}.txt"
    )
    return tuple((s.start, s.index) for s in segment(article).sentences)


def _add_quote(rows: Rows, c: Correction, bodies: Mapping[str, str]) -> None:
    body, doc_id = _body(c, rows, bodies), _doc(c)
    _require_ref(rows, c, "speaker_id", "actors")
    start, end = _span_once(c, body, c.get("text"), "text")
    quotes = _table(rows, c, "quotes")
    same = [
        q["quote_id"]
        for q in quotes
        if q["doc_id"] == doc_id and (q["char_start"], q["char_end"]) == (start, end)
    ]
    if same:
        raise c.error(
            f"extraction already finds this quote as {same[0]}",
            key="text",
            hint="delete this add_quote; use set_speaker to fix its speaker",
        )
    speaker = (None, None)
    if c.get("speaker_text") is not None:
        speaker = _span_once(c, body, c.get("speaker_text"), "speaker_text")
    date = _as_date(c.get("date")) or _published(rows, doc_id)
    row = {
        "quote_id": row_id("qu", doc_id, start, end, "quote"),
        "doc_id": doc_id,
        "speaker_id": c.get("speaker_id"),
        "text": c.get("text"),
        "quote_type": c.get("quote_type", "direct"),
        "cue": c.get("cue"),
        "speaker_text": c.get("speaker_text"),
        "speaker_start": speaker[0],
        "speaker_end": speaker[1],
        "attribution": "explicit" if c.get("speaker_id") else "none",
        "date": date,
        "date_precision": c.get("date_precision") or ("day" if date else "unknown"),
        "sentence_index": sentence_index(doc_id, body, start),
        "char_start": start,
        "char_end": end,
        "confidence": 1.0,
        "method": "curated",
    }
    quotes.append(row)


def _add_event(rows: Rows, c: Correction, bodies: Mapping[str, str]) -> None:
    body, doc_id = _body(c, rows, bodies), _doc(c)
    for key, table in (
        ("actor_id", "actors"),
        ("target_id", "actors"),
        ("reported_by_id", "actors"),
        ("location_id", "locations"),
        ("quote_id", "quotes"),
    ):
        _require_ref(rows, c, key, table)
    start, end = _span_once(c, body, c.get("evidence"), "evidence")
    t0, t1 = _span_once(c, body, c.get("trigger"), "trigger", start, end)
    event_type = c.get("event_type")
    event_id = row_id("ev", doc_id, t0, t1, event_type)
    events = _table(rows, c, "events")
    if any(e["event_id"] == event_id for e in events):
        raise c.error(
            f"extraction already finds this event as {event_id}",
            key="trigger",
            hint="delete this add_event; drop and re-add it to change its fields",
        )
    d0, d1 = _as_date(c.get("date_start")), _as_date(c.get("date_end"))
    events.append(
        {
            "event_id": event_id,
            "doc_id": doc_id,
            "event_type": event_type,
            "event_mode": c.get("event_mode"),
            "cameo_code": c.get("cameo_code") or PLOVER_CAMEO_ROOTS[event_type],
            "actor_id": c.get("actor_id"),
            "target_id": c.get("target_id"),
            "location_id": c.get("location_id"),
            "date_start": d0,
            "date_end": d1 or d0,
            "date_precision": c.get("date_precision") or ("day" if d0 else "unknown"),
            "date_text": c.get("date_text"),
            "status": c.get("status", "occurred"),
            "reported_by_id": c.get("reported_by_id"),
            "quote_id": c.get("quote_id"),
            "trigger": c.get("trigger"),
            "trigger_start": t0,
            "trigger_end": t1,
            "sentence_index": sentence_index(doc_id, body, t0),
            "char_start": start,
            "char_end": end,
            "evidence": c.get("evidence"),
            "confidence": 1.0,
            "method": "curated",
        }
    )


APPLY: dict[str, Callable[[Rows, Correction, Mapping[str, str]], None]] = {
    "drop": _drop,
    "set_speaker": _set_speaker,
    "merge_actors": _merge_actors,
    "set_actor": _set_fields("actors", "actor_id", ACTOR_FIELDS),
    "set_location": _set_fields("locations", "location_id", LOCATION_FIELDS),
    "add_quote": _add_quote,
    "add_event": _add_event,
}
