"""Turn a document's entities, quotes and events into table rows (column names per schemas/)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from dateline.article import Article
from dateline.extract.calibration import calibrate
from dateline.extract.dates import DateMention, tense_at
from dateline.extract.docdates import DocDates, in_tense
from dateline.extract.entities import DocEntities
from dateline.extract.events import Event
from dateline.extract.model import ACTORS, LOCATIONS
from dateline.extract.quotes import CONFIDENCE, Quote
from dateline.extract.text import row_id

Row = dict[str, Any]


def to_rows(
    article: Article, ents: DocEntities, quotes: list[Quote], events: list[Event], dates: DocDates
) -> dict[str, list[Row]]:
    quote_rows = [quote_row(article, q, dates) for q in quotes]
    quote_ids = {(q.start, q.end): r["quote_id"] for q, r in zip(quotes, quote_rows, strict=True)}
    tables = {
        "documents": [document_row(article, ents)],
        "actors": actor_rows(ents),
        "locations": location_rows(ents),
        "quotes": quote_rows,
        "events": [event_row(article, e, quote_ids) for e in events],
        "mentions": mention_rows(article, ents),
    }
    calibrate(tables, ents.lex)  # confidence of quotes, events, locations: calibration.yaml
    return tables


def document_row(article: Article, ents: DocEntities) -> Row:
    dateline = next((m.entity_id for m in ents.mentions if m.mention_type == "dateline"), None)
    return {
        "doc_id": article.doc_id,
        "title": article.title,
        "published": article.published,
        "dateline": article.dateline,
        "dateline_location_id": dateline,
        "publisher": article.publisher,
        "url": article.url,
        "license": article.license,
        "language": article.language,
        "word_count": article.word_count,
        "char_count": len(article.body),
        "text_sha256": article.text_sha256,
        "seed_path": article.seed_path,
    }


def actor_rows(ents: DocEntities) -> list[Row]:
    counts = Counter(m.entity_id for m in ents.mentions if m.table == ACTORS)
    texts: dict[str, set[str]] = {}
    for m in ents.mentions:
        if m.table == ACTORS and m.mention_type in {"name", "metonym"}:
            texts.setdefault(m.entity_id, set()).add(m.text)
    rows = []
    for a in ents.actors.values():
        if not counts[a.actor_id]:
            continue
        rows.append(
            {
                "actor_id": a.actor_id,
                "name": a.name,
                "actor_type": a.actor_type,
                "sector": a.sector,
                "country": a.country,
                "role": a.role,
                "affiliation_id": a.affiliation_id,
                "is_anonymous": a.is_anonymous,
                "anonymity_reason": a.anonymity_reason,
                "doc_id": a.doc_id,
                "wikidata_id": a.wikidata_id,
                "aliases": alias_list(a.aliases | texts.get(a.actor_id, set()), a.name),
                "mention_count": counts[a.actor_id],
                "method": "rule",
            }
        )
    return rows + affiliations(ents, rows)


def alias_list(names: set[str], name: str) -> list[str]:
    """Other names, sorted; '|' is the CSV list separator, so it never appears in an item."""
    return sorted(x.replace("|", "/") for x in names if x != name)


def affiliations(ents: DocEntities, rows: list[Row]) -> list[Row]:
    """Rows for parents that actors point to but the article never names (so keys resolve)."""
    from dateline.extract.entities import institution_actor, known_actor

    have = {r["actor_id"] for r in rows}
    out: list[Row] = []
    pending = [r["affiliation_id"] for r in rows if r["affiliation_id"]]
    while pending:
        parent_id = pending.pop()
        if parent_id in have:
            continue
        known = ents.lex.actor(parent_id)
        nation = ents.lex.nation(parent_id.split("-")[0]) if "-" in parent_id else None
        if known is not None:
            a = known_actor(known, ents.lex)
        elif nation is not None:
            try:
                a = institution_actor(nation, parent_id.split("-", 1)[1], ents.lex)
            except StopIteration:
                continue
        else:
            continue
        have.add(parent_id)
        out.append(
            {
                **{k: None for k in ("role", "anonymity_reason", "doc_id")},
                "actor_id": a.actor_id,
                "name": a.name,
                "actor_type": a.actor_type,
                "sector": a.sector,
                "country": a.country,
                "affiliation_id": a.affiliation_id,
                "is_anonymous": False,
                "wikidata_id": a.wikidata_id,
                "aliases": [],
                "mention_count": 0,
                "method": "rule",
            }
        )
        if a.affiliation_id:
            pending.append(a.affiliation_id)
    for r in rows + out:
        if r["affiliation_id"] and r["affiliation_id"] not in have:
            r["affiliation_id"] = None
    return out


def location_rows(ents: DocEntities) -> list[Row]:
    counts = Counter(m.entity_id for m in ents.mentions if m.table == LOCATIONS)
    rows = []
    for p in ents.places.values():
        if not counts[p.location_id]:
            continue
        rows.append(
            {
                "location_id": p.location_id,
                "name": p.name,
                "location_type": p.location_type,
                "country": p.country,
                "admin1": p.admin1,
                "latitude": p.latitude,
                "longitude": p.longitude,
                "geo_precision": p.geo_precision,
                "gazetteer": p.gazetteer,
                "gazetteer_id": p.gazetteer_id,
                "aliases": alias_list(
                    {a for a in ents.place_aliases.get(p.location_id, set()) if not a.isupper()},
                    p.name,
                ),
                "mention_count": counts[p.location_id],
                "method": "rule",
            }
        )
    return rows


def quote_row(article: Article, q: Quote, dates: DocDates) -> Row:
    sp = q.speaker
    said = _speech_date(article, q, dates)
    return quote_record(
        article.doc_id,
        article.body,
        (q.start, q.end),
        speaker_id=sp.actor.actor_id if sp.actor else None,
        speaker=(sp.start, sp.end) if sp.actor else None,
        attribution=sp.attribution if sp.actor else "none",
        quote_type=q.quote_type,
        cue=q.cue,
        date=said.date_start if said else None,
        date_precision=said.precision if said else "unknown",
        sentence_index=q.sentence,
        confidence=CONFIDENCE[sp.attribution if sp.actor else "none"],
    )


def quote_record(
    doc_id: str,
    body: str,
    span: tuple[int, int],
    *,
    speaker_id: str | None,
    speaker: tuple[int, int] | None,
    attribution: str,
    quote_type: str,
    cue: str | None,
    date: dt.date | None,
    date_precision: str,
    sentence_index: int,
    confidence: float,
    method: str = "rule",
) -> Row:
    """A quotes row: its id and text come from its span of ``body``, the speaker's text from
    ``speaker`` (the same constructor for extracted quotes and quotes added by a correction)."""
    start, end = span
    return {
        "quote_id": row_id("qu", doc_id, start, end),
        "doc_id": doc_id,
        "speaker_id": speaker_id,
        "text": body[start:end],
        "quote_type": quote_type,
        "cue": cue,
        "speaker_text": body[speaker[0] : speaker[1]] if speaker else None,
        "speaker_start": speaker[0] if speaker else None,
        "speaker_end": speaker[1] if speaker else None,
        "attribution": attribution,
        "date": date,
        "date_precision": date_precision,
        "sentence_index": sentence_index,
        "char_start": start,
        "char_end": end,
        "confidence": confidence,
        "method": method,
    }


def _speech_date(article: Article, q: Quote, dates: DocDates) -> DateMention | None:
    """A date phrase right after the cue ("said Wednesday", "in an interview in July"), read in
    the tense of the attribution rather than of the reported words."""
    lo = q.cue_start
    hi = min(len(article.body), lo + 60)
    if q.start > lo:
        hi = min(hi, q.start)
    window = article.body[lo:hi]
    for found in dates.within(lo, hi):
        d = in_tense(found, tense_at(window, found.start - lo, found.end - lo), article.published)
        if (
            d.kind == "point" and d.date_start is not None and d.date_start == d.date_end
        ) or d.precision == "month":
            return d
    return None


def event_row(article: Article, e: Event, quote_ids: dict[tuple[int, int], str]) -> Row:
    d = e.date
    t = e.trigger
    return event_record(
        article.doc_id,
        article.body,
        (e.sentence.start, e.sentence.end),
        (e.trigger_start, e.trigger_end),
        event_type=t.event_type,
        event_mode=t.event_mode,
        cameo_code=t.cameo,
        actor_id=e.actor_id,
        target_id=e.target_id,
        location_id=e.location_id,
        date_start=d.date_start if d else None,
        date_end=d.date_end if d else None,
        date_precision=d.precision if d else "unknown",
        date_text=d.text if d else None,
        status=e.status,
        reported_by_id=e.reported_by_id,
        quote_id=quote_ids.get((e.quote.start, e.quote.end)) if e.quote else None,
        sentence_index=e.sentence.index,
        confidence=e.confidence,
    )


def event_record(
    doc_id: str,
    body: str,
    evidence: tuple[int, int],
    trigger: tuple[int, int],
    *,
    event_type: str,
    event_mode: str | None,
    cameo_code: str,
    actor_id: str | None,
    target_id: str | None,
    location_id: str | None,
    date_start: dt.date | None,
    date_end: dt.date | None,
    date_precision: str,
    date_text: str | None,
    status: str,
    reported_by_id: str | None,
    quote_id: str | None,
    sentence_index: int,
    confidence: float,
    method: str = "rule",
) -> Row:
    """An events row: its id from its trigger's span and type, its evidence and trigger text
    from their spans of ``body`` (the same constructor for extracted and added events)."""
    (start, end), (t0, t1) = evidence, trigger
    return {
        "event_id": row_id("ev", doc_id, t0, t1, event_type),
        "doc_id": doc_id,
        "event_type": event_type,
        "event_mode": event_mode,
        "cameo_code": cameo_code,
        "actor_id": actor_id,
        "target_id": target_id,
        "location_id": location_id,
        "date_start": date_start,
        "date_end": date_end,
        "date_precision": date_precision,
        "date_text": date_text,
        "status": status,
        "reported_by_id": reported_by_id,
        "quote_id": quote_id,
        "trigger": body[t0:t1],
        "trigger_start": t0,
        "trigger_end": t1,
        "sentence_index": sentence_index,
        "char_start": start,
        "char_end": end,
        "evidence": body[start:end],
        "confidence": confidence,
        "method": method,
    }


def mention_rows(article: Article, ents: DocEntities) -> list[Row]:
    rows = {}
    for m in ents.mentions:
        key = row_id("mn", article.doc_id, m.start, m.end, m.entity_id)
        rows[key] = {
            "mention_id": key,
            "doc_id": article.doc_id,
            "entity_id": m.entity_id,
            "entity_table": m.table,
            "actor_id": m.entity_id if m.table == ACTORS else None,
            "location_id": m.entity_id if m.table == LOCATIONS else None,
            "text": m.text,
            "sentence_index": m.sentence,
            "char_start": m.start,
            "char_end": m.end,
            "mention_type": m.mention_type,
        }
    return list(rows.values())
