"""``DATACARD.md``: what a release holds, covers, measures, may be used for, and how to load it.

Everything on the card is read from the package itself (``datapackage.json`` and the tables)
or, for extraction quality, from the measured figures checked in with the code (the "How good
is it?" section of the README): nothing is evaluated or estimated at release time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl
import pyarrow as pa

from dateline.errors import DatelineError
from dateline.package.layout import csv_path, parquet_path
from dateline.release.figures import Interval, Place

TOP = 10
#: The README sections the card copies: measured quality, and how to load the tables.
QUALITY = "### How good is it?"
LOADING = "## Load the data"
LINK = re.compile(r"\[([^\]]+)\]\((?!https?://)[^)]+\)")
TIMELINE = "figures/timeline.png"
MAP = "figures/places.png"


@dataclass(frozen=True)
class Withheld:
    """A seed whose text the bundle leaves out, and why."""

    doc_id: str
    path: str
    license: str
    reason: str


@dataclass(frozen=True)
class Coverage:
    """What the tables cover."""

    rows: dict[str, int]
    published: tuple[dt.date | None, dt.date | None]
    event_dates: tuple[dt.date | None, dt.date | None]
    top_actors: list[tuple[str, int]]
    top_places: list[tuple[str, int]]
    event_types: list[tuple[str, int]]
    intervals: list[Interval]
    undated_events: int
    places: list[Place]
    places_without_coordinates: int


def coverage(tables: Mapping[str, pa.Table]) -> Coverage:
    """Rows per table, date ranges, the most mentioned actors and places, events by type."""
    frames = {t: pl.DataFrame(table) for t, table in tables.items()}
    docs, events = _frame(frames, "documents"), _frame(frames, "events")
    actors, places = _frame(frames, "actors"), _frame(frames, "locations")
    dated = events.filter(pl.col("date_start").is_not_null() & pl.col("date_end").is_not_null())
    located = places.filter(pl.col("latitude").is_not_null() & pl.col("longitude").is_not_null())
    return Coverage(
        rows={t: f.height for t, f in frames.items()},
        published=_range(docs, "published", "published"),
        event_dates=_range(events, "date_start", "date_end"),
        top_actors=_top(actors, "name", "mention_count"),
        top_places=_top(places, "name", "mention_count"),
        event_types=_counts(events, "event_type"),
        intervals=[
            Interval(str(t), s, e)
            for t, s, e in dated.select("event_type", "date_start", "date_end").iter_rows()
        ],
        undated_events=events.height - dated.height,
        places=[
            Place(str(n), float(lat), float(lon), int(m))
            for n, lat, lon, m in located.select(
                "name", "latitude", "longitude", "mention_count"
            ).iter_rows()
        ],
        places_without_coordinates=places.height - located.height,
    )


def _frame(frames: Mapping[str, pl.DataFrame], table: str) -> pl.DataFrame:
    if table not in frames:
        raise DatelineError(f"the package has no {table} table", hint="rebuild the package")
    return frames[table]


def _range(frame: pl.DataFrame, low: str, high: str) -> tuple[dt.date | None, dt.date | None]:
    return frame.get_column(low).min(), frame.get_column(high).max()  # type: ignore[return-value]


def _top(frame: pl.DataFrame, name: str, count: str) -> list[tuple[str, int]]:
    """The ``TOP`` rows by ``count`` (ties by name), as (name, count)."""
    ranked = frame.select(pl.col(name).cast(pl.String), count).sort(
        [count, name], descending=[True, False]
    )
    return [(str(n), int(c)) for n, c in ranked.head(TOP).iter_rows()]


def _counts(frame: pl.DataFrame, column: str) -> list[tuple[str, int]]:
    counted = (
        frame.select(pl.col(column).cast(pl.String))
        .group_by(column)
        .len()
        .sort(["len", column], descending=[True, False])
    )
    return [(str(v), int(n)) for v, n in counted.iter_rows()]


def readme_section(readme: str, heading: str, where: str) -> str:
    """The README section under ``heading`` (up to the next heading of its level or above),
    verbatim but for links into the source tree (a bundle does not hold them), which become
    plain text."""
    start = readme.find(f"\n{heading}\n")
    if start < 0:
        raise DatelineError(
            f"no {heading!r} section",
            file=where,
            hint="the data card copies it from the README: keep the section",
        )
    level = len(heading) - len(heading.lstrip("#"))
    lines = readme[start + len(heading) + 2 :].split("\n")
    fenced = False
    for number, line in enumerate(lines):
        fenced ^= line.startswith("```")
        if not fenced and re.match(rf"#{{1,{level}}} ", line):
            lines = lines[:number]
            break
    return LINK.sub(r"\1", "\n".join(lines)).strip()


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "unknown"


def _table(head: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    """A Markdown table; columns of numbers are right-aligned."""
    numeric = [bool(rows) and all(isinstance(r[i], int) for r in rows) for i in range(len(head))]
    align = ["---:" if n else "---" for n in numeric]
    out = [f"| {' | '.join(head)} |", f"| {' | '.join(align)} |"]
    out += [f"| {' | '.join(_cell(v) for v in row)} |" for row in rows]
    return out


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def datacard(
    desc: dict[str, Any],
    cover: Coverage,
    readme: Mapping[str, str],
    withheld: Sequence[Withheld],
    bundle: str,
) -> str:
    """The data card of the package ``desc`` as Markdown."""
    name, version = desc["name"], desc["version"]
    lines = [
        f"# {desc.get('title') or name} — version {version}",
        "",
        desc.get("description", "").strip(),
        "",
        f"This is the data card of the release bundle `{bundle}`. The data package is described "
        "by `datapackage.json` (Frictionless Data Package v2); the same metadata is in "
        "`croissant.json` (Croissant 1.0) and `CITATION.cff`.",
        "",
        "## Contents",
        "",
        "- `datapackage.json`: the package descriptor (resources with bytes and SHA-256, "
        "sources, licences);",
        f"- `{csv_path('<table>')}` and `{parquet_path('<table>')}`: each table as CSV and as "
        "Parquet;",
        "- `schemas/<table>.schema.json`: the Table Schema of each table (types, keys, "
        "descriptions);",
        "- `seeds/`: the articles whose licence allows redistribution, and every reviewed "
        "correction (`*.corrections.yaml`);",
        f"- `{TIMELINE}`, `{MAP}`: the figures below;",
        "- `CHANGELOG.md`: what changed since the previous release;",
        "- `CITATION.cff`, `croissant.json`: citation and dataset-search metadata;",
        "- `SHA256SUMS`: the checksum of every file; check them with `sha256sum -c SHA256SUMS`.",
        "",
        "## Coverage",
        "",
        *_table(["table", "rows"], list(cover.rows.items())),
        "",
        f"- Articles published from {_date(cover.published[0])} to {_date(cover.published[1])}.",
        f"- Events dated from {_date(cover.event_dates[0])} to {_date(cover.event_dates[1])} "
        f"({len(cover.intervals)} with a date interval, {cover.undated_events} without).",
        "",
        "Most mentioned actors:",
        "",
        *_table(["actor", "mentions"], cover.top_actors),
        "",
        "Most mentioned places:",
        "",
        *_table(["place", "mentions"], cover.top_places),
        "",
        "Events by type (PLOVER):",
        "",
        *_table(["event type", "events"], cover.event_types),
        "",
        f"![Events over time: one bar per event, from its first to its last possible day]"
        f"({TIMELINE})",
        "",
        f"![Places with coordinates on a longitude/latitude frame, sized by mentions]({MAP})",
        "",
        "## Extraction quality",
        "",
        "Rows are extracted automatically, not by hand, and carry errors. These figures come "
        "from the README of the dateline code that built this release; they were measured on "
        "annotated articles, not on this data:",
        "",
        readme[QUALITY],
        "",
        "## Licences",
        "",
        *_licences(desc),
        "",
        *_sources(desc, withheld),
        "",
        "## How to load",
        "",
        readme[LOADING],
        "",
    ]
    return "\n".join(lines)


def _licences(desc: dict[str, Any]) -> list[str]:
    out = ["The data (the tables) and the data it was made with:", ""]
    for lic in desc.get("licenses", []):
        title = lic.get("title") or lic.get("name", "")
        link = f" <{lic['path']}>" if lic.get("path") else ""
        out.append(f"- {lic.get('name', '')}: {title}{link}")
    return out


def _sources(desc: dict[str, Any], withheld: Sequence[Withheld]) -> list[str]:
    """Each article's publisher and licence, and whether its text is in the bundle."""
    left_out = {w.path: w for w in withheld}
    rows = []
    for src in desc.get("sources", []):
        gone = left_out.get(src.get("path", ""))
        rows.append(
            [
                src.get("title", ""),
                src.get("publisher", "unknown"),
                src.get("license", "unknown"),
                f"no: {gone.reason}" if gone else "yes",
            ]
        )
    out = [
        "Each article keeps its own licence. The bundle holds an article's text only when its "
        "licence is known to allow redistribution; for the others it holds the rows extracted "
        "from them (with short evidence excerpts) and `documents.text_sha256`, so anyone who "
        "holds the article can check every offset.",
        "",
        *_table(["article", "publisher", "licence", "text in this bundle"], rows),
    ]
    if withheld:
        out += [
            "",
            f"{len(withheld)} of {len(rows)} article texts are left out. "
            "`dateline validate` reports them as missing seeds unless `--seeds` points to a "
            "folder that holds them.",
        ]
    return out
