"""The operations of a corrections file, one object each: the keys it takes (:class:`Spec`), the
columns its values are checked against, what else it checks, and what it does to the rows.

Every operation works on rows (``table → list of dicts``) after resolve and before typing, so an
added row goes through :func:`dateline.tables.to_frame` exactly like an extracted one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dateline.corrections.model import HINT_STALE, Correction, Row, Spec, Tables, Texts, as_date
from dateline.corrections.rows import (
    DOC_TABLES,
    ID_COLUMN,
    MATCH_COLUMN,
    clear_references,
    curate,
    doc_text,
    find_by_id,
    published,
    referenced_table,
    rename_references,
    require_ref,
    span_once,
    table,
)
from dateline.extract.rows import event_record, quote_record
from dateline.lexicon.model import PLOVER_CAMEO_ROOTS
from dateline.package.layout import csv_path
from dateline.schema import load


@dataclass(frozen=True)
class Operation:
    """One kind of correction. ``checked`` names the keys whose values are column values of
    ``table`` (checked against the schema); subclasses add checks and the change itself."""

    name: str
    spec: Spec
    table: str | None = None
    checked: tuple[str, ...] = field(default=())

    @property
    def keys(self) -> frozenset[str]:
        """Every key the operation takes, ``op`` included."""
        return self.spec.keys

    def column(self, key: str) -> tuple[str, str] | None:
        """The ``(table, column)`` a value of ``key`` is checked against, if any."""
        return (self.table, key) if self.table is not None and key in self.checked else None

    def check(self, c: Correction) -> None:
        """Checks beyond the keys and their values (none by default)."""

    def apply(self, tables: Tables, c: Correction, texts: Texts) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class Drop(Operation):
    """Remove rows by id or by their ``dateline:match`` text; references to them are cleared."""

    def check(self, c: Correction) -> None:
        if c.values["table"] not in MATCH_COLUMN:
            raise c.error(
                f"cannot drop rows of {c.values['table']!r}",
                key="table",
                hint=f"table must be one of: {', '.join(MATCH_COLUMN)}",
            )
        if c.get("trigger") is not None and c.values["table"] != "events":
            raise c.error(
                "'trigger' only narrows a drop of events", key="trigger", hint="remove 'trigger'"
            )

    def apply(self, tables: Tables, c: Correction, texts: Texts) -> None:
        name = c.get("table")
        rows = table(tables, c, name)
        key = ID_COLUMN[name]
        if c.get("id") is not None:
            hits = [find_by_id(tables, c, name, c.get("id"), "id")]
        else:
            hits = self.matches(rows, c, name)
        removed = {r[key] for r in hits}
        tables[name] = [r for r in rows if r.get(key) not in removed]
        clear_references(tables, name, removed)

    @staticmethod
    def matches(rows: list[Row], c: Correction, name: str) -> list[Row]:
        column = MATCH_COLUMN[name]
        hits = [
            r
            for r in rows
            if r.get(column) == c.get("match")
            and (name not in DOC_TABLES or r.get("doc_id") == c.doc)
            and (c.get("trigger") is None or r.get("trigger") == c.get("trigger"))
        ]
        if not hits:
            where = f" in {c.doc}" if name in DOC_TABLES else ""
            raise c.error(
                f"no {name} row{where} has {column} exactly {c.get('match')!r}",
                key="match",
                hint="copy the text exactly from the CSV, or use 'id'; " + HINT_STALE,
            )
        if len(hits) > 1 and not c.get("all"):
            ids = ", ".join(r[ID_COLUMN[name]] for r in hits)
            raise c.error(
                f"{len(hits)} {name} rows match: {ids}",
                key="match",
                hint="use 'id' to pick one, or add 'all: true' to drop them all",
            )
        return hits


@dataclass(frozen=True)
class SetSpeaker(Operation):
    """Give a quote its speaker."""

    def apply(self, tables: Tables, c: Correction, texts: Texts) -> None:
        require_ref(tables, c, "speaker_id", "actors")
        if c.get("quote_id") is not None:
            quote = find_by_id(tables, c, "quotes", c.get("quote_id"), "quote_id")
        else:
            hits = [
                q
                for q in table(tables, c, "quotes")
                if q.get("text") == c.get("text") and q.get("doc_id") == c.doc
            ]
            if len(hits) != 1:
                found = (
                    "no quote"
                    if not hits
                    else f"{len(hits)} quotes ({', '.join(q['quote_id'] for q in hits)})"
                )
                raise c.error(
                    f"{found} in {c.doc} with text exactly {c.get('text')!r}",
                    key="text",
                    hint=f"copy the quote text exactly from {csv_path('quotes')}, or use "
                    "'quote_id'; " + HINT_STALE,
                )
            quote = hits[0]
        quote["speaker_id"] = c.get("speaker_id")
        curate("quotes", quote)


@dataclass(frozen=True)
class MergeActors(Operation):
    """Fold one actor row into another: references rewritten, counts summed, aliases joined."""

    def apply(self, tables: Tables, c: Correction, texts: Texts) -> None:
        source = find_by_id(tables, c, "actors", c.get("from"), "from")
        target = find_by_id(tables, c, "actors", c.get("into"), "into")
        if source is target:
            raise c.error(
                "'from' and 'into' are the same actor", key="into", hint="name two different actors"
            )
        old, new = source["actor_id"], target["actor_id"]
        rename_references(tables, "actors", old, new)
        if target.get("affiliation_id") == new:
            target["affiliation_id"] = None
        for key, value in source.items():  # fill what the target lacks
            empty = target.get(key) in (None, "", [])
            if empty and value not in (None, "", []) and key != "affiliation_id":
                target[key] = value
        target["mention_count"] = (target.get("mention_count") or 0) + (
            source.get("mention_count") or 0
        )
        names = [*(target.get("aliases") or []), source["name"], *(source.get("aliases") or [])]
        target["aliases"] = sorted({n for n in names if n and n != target["name"]}) or None
        curate("actors", target)
        tables["actors"] = [a for a in tables["actors"] if a["actor_id"] != old]


@dataclass(frozen=True)
class SetFields(Operation):
    """Set any of the fields marked ``dateline:set`` of one row, found by primary key."""

    def check(self, c: Correction) -> None:
        if not set(c.values) & set(self.checked):
            raise c.error("nothing to set", hint=f"give one of: {', '.join(self.checked)}")

    def apply(self, tables: Tables, c: Correction, texts: Texts) -> None:
        assert self.table is not None
        key = ID_COLUMN[self.table]
        row = find_by_id(tables, c, self.table, c.get(key), key)
        for name in self.checked:
            target = referenced_table(self.table, name)
            if target is not None:
                require_ref(tables, c, name, target)
        schema = load(self.table)
        for name in self.checked:
            if name in c.values:
                value = c.get(name)
                if value is not None and schema.field(name).type == "number":
                    value = float(value)
                row[name] = value
        curate(self.table, row)


@dataclass(frozen=True)
class AddQuote(Operation):
    """A quote extraction missed: located by its exact text, id from its span."""

    def apply(self, tables: Tables, c: Correction, texts: Texts) -> None:
        doc, doc_id = doc_text(tables, c, texts), c.doc
        require_ref(tables, c, "speaker_id", "actors")
        start, end = span_once(c, doc.body, c.get("text"), "text")
        quotes = table(tables, c, "quotes")
        same = [
            q["quote_id"]
            for q in quotes
            if q.get("doc_id") == doc_id
            and (q.get("char_start"), q.get("char_end")) == (start, end)
        ]
        if same:
            raise c.error(
                f"extraction already finds this quote as {same[0]}",
                key="text",
                hint="delete this add_quote; use set_speaker to fix its speaker",
            )
        speaker = None
        if c.get("speaker_text") is not None:
            speaker = span_once(c, doc.body, c.get("speaker_text"), "speaker_text")
        date = as_date(c.get("date")) or published(tables, doc_id)
        quotes.append(
            quote_record(
                doc_id,
                doc.body,
                (start, end),
                speaker_id=c.get("speaker_id"),
                speaker=speaker,
                attribution="explicit" if c.get("speaker_id") else "none",
                quote_type=c.get("quote_type", "direct"),
                cue=c.get("cue"),
                date=date,
                date_precision=c.get("date_precision") or ("day" if date else "unknown"),
                sentence_index=doc.sentence_at(start),
                confidence=1.0,
                method="curated",
            )
        )


@dataclass(frozen=True)
class AddEvent(Operation):
    """An event extraction missed: evidence and trigger located in the body, id from the trigger."""

    def apply(self, tables: Tables, c: Correction, texts: Texts) -> None:
        doc, doc_id = doc_text(tables, c, texts), c.doc
        for key in self.checked:
            target = referenced_table("events", key)
            if target is not None and key != "doc_id":
                require_ref(tables, c, key, target)
        start, end = span_once(c, doc.body, c.get("evidence"), "evidence")
        t0, t1 = span_once(c, doc.body, c.get("trigger"), "trigger", start, end)
        event_type = c.get("event_type")
        d0, d1 = as_date(c.get("date_start")), as_date(c.get("date_end"))
        row = event_record(
            doc_id,
            doc.body,
            (start, end),
            (t0, t1),
            event_type=event_type,
            event_mode=c.get("event_mode"),
            cameo_code=c.get("cameo_code") or PLOVER_CAMEO_ROOTS[event_type],
            actor_id=c.get("actor_id"),
            target_id=c.get("target_id"),
            location_id=c.get("location_id"),
            date_start=d0,
            date_end=d1 or d0,
            date_precision=c.get("date_precision") or ("day" if d0 else "unknown"),
            date_text=c.get("date_text"),
            status=c.get("status", "occurred"),
            reported_by_id=c.get("reported_by_id"),
            quote_id=c.get("quote_id"),
            sentence_index=doc.sentence_at(t0),
            confidence=1.0,
            method="curated",
        )
        events = table(tables, c, "events")
        if any(e.get("event_id") == row["event_id"] for e in events):
            raise c.error(
                f"extraction already finds this event as {row['event_id']}",
                key="trigger",
                hint="delete this add_event; drop and re-add it to change its fields",
            )
        events.append(row)


def settable(name: str) -> tuple[str, ...]:
    return load(name).settable_fields


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
QUOTE_OPTIONAL = ("doc_id", "speaker_id", "quote_type", "speaker_text", "date", "date_precision")

OPERATIONS: tuple[Operation, ...] = (
    Drop(
        "drop",
        Spec(
            ("table",),
            ("trigger", "doc_id", "all"),
            (("id", "match"),),
            "- op: drop\n  table: events\n  id: ev-0123456789ab",
        ),
    ),
    SetSpeaker(
        "set_speaker",
        Spec(
            ("speaker_id",),
            ("doc_id",),
            (("quote_id", "text"),),
            "- op: set_speaker\n  text: We will reduce our mission\n  speaker_id: sean-parnell",
        ),
    ),
    MergeActors(
        "merge_actors",
        Spec(("from", "into"), (), (), "- op: merge_actors\n  from: parnell\n  into: sean-parnell"),
    ),
    SetFields(
        "set_actor",
        Spec(
            ("actor_id",),
            settable("actors"),
            (),
            "- op: set_actor\n  actor_id: sean-parnell\n  wikidata_id: Q123",
        ),
        "actors",
        settable("actors"),
    ),
    SetFields(
        "set_location",
        Spec(
            ("location_id",),
            settable("locations"),
            (),
            "- op: set_location\n  location_id: geonames:98182\n  latitude: 33.34\n"
            "  longitude: 44.40",
        ),
        "locations",
        settable("locations"),
    ),
    AddQuote(
        "add_quote",
        Spec(
            ("text", "cue"),
            QUOTE_OPTIONAL,
            (),
            "- op: add_quote\n  text: We will reduce our mission\n  speaker_id: sean-parnell\n"
            "  cue: said",
        ),
        "quotes",
        ("quote_type", "date_precision", "date"),
    ),
    AddEvent(
        "add_event",
        Spec(
            ("evidence", "trigger", "event_type"),
            EVENT_OPTIONAL,
            (),
            "- op: add_event\n  evidence: U.S. troops began withdrawing.\n  trigger: withdrawing\n"
            "  event_type: RETREAT",
        ),
        "events",
        (*EVENT_OPTIONAL, "event_type"),
    ),
)
OPS: dict[str, Operation] = {op.name: op for op in OPERATIONS}
