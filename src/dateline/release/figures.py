"""The data card's figures: a timeline of events and a map of places, as PNG.

Rendered offline with matplotlib's Agg backend on a bare :class:`~matplotlib.figure.Figure`
(no pyplot state), with matplotlib's default style whatever the user's ``matplotlibrc`` says,
its bundled DejaVu font, and no PNG text chunks (no ``Software``, no time): the same data and
the same pinned matplotlib give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.errors import DatelineError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DPI = 100
SIZE = (9.0, 5.0)  # inches
LABELLED_PLACES = 12
#: The PNG metadata matplotlib writes by default, switched off.
NO_METADATA: dict[str, str | None] = {"Software": None}


@dataclass(frozen=True)
class Interval:
    """One dated event: its type and the days it may have happened on."""

    event_type: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Place:
    """One place with coordinates, and how often the articles mention it."""

    name: str
    latitude: float
    longitude: float
    mentions: int


def _png(draw: Callable[[Figure], None]) -> bytes:
    """Render ``draw(figure)`` to PNG bytes with the default style and no metadata; without
    matplotlib, a clean error naming the extra that installs it."""
    try:
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise DatelineError(
            "the data card's figures need matplotlib, which is not installed",
            hint="pip install 'dateline[release]'",
        ) from None
    with matplotlib.rc_context(matplotlib.rcParamsDefault):
        matplotlib.rcParams["font.family"] = "DejaVu Sans"  # bundled with matplotlib
        figure = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
        FigureCanvasAgg(figure)
        draw(figure)
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=DPI, metadata=NO_METADATA)
    return out.getvalue()


def timeline_png(events: Sequence[Interval], undated: int) -> bytes:
    """Each dated event as a bar from its first to its last possible day, one row per type."""

    def draw(figure: Figure) -> None:
        from matplotlib import dates as mdates

        ax = figure.add_subplot()
        types = sorted({e.event_type for e in events})
        row = {t: i for i, t in enumerate(types)}
        for e in sorted(events, key=lambda e: (e.start, e.end, e.event_type)):
            start = mdates.date2num(e.start)
            width = max(mdates.date2num(e.end) + 1 - start, 0.8)
            ax.broken_barh([(start, width)], (row[e.event_type] - 0.35, 0.7), alpha=0.45)
        ax.set_yticks(range(len(types)), types)
        ax.set_ylim(-0.8, max(len(types), 1) - 0.2)
        if events:
            first = min(e.start for e in events)
            last = max(e.end for e in events)
            pad = max((last - first).days * 0.03, 1.0)
            ax.set_xlim(mdates.date2num(first) - pad, mdates.date2num(last) + 1 + pad)
        else:
            ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes)
        locator = mdates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.grid(axis="x", alpha=0.3)
        ax.set_xlabel("date interval of the event (first to last possible day)")
        ax.set_title(
            f"Events over time: {len(events)} dated"
            + (f", {undated} without a date (not shown)" if undated else "")
        )

    return _png(draw)


def map_png(
    places: Sequence[Place],
    without_coordinates: int,
    countries: Sequence[tuple[str, float, float]] = (),
) -> bytes:
    """Places on a plain longitude/latitude frame (equirectangular), sized by mentions, the most
    named labelled; ``countries`` (ISO3, latitude, longitude of a centroid) are drawn faintly
    for orientation."""

    def draw(figure: Figure) -> None:
        ax = figure.add_subplot()
        west, east, south, north = _extent(places)
        ax.set_xlim(west, east)
        ax.set_ylim(south, north)
        ax.set_aspect("equal")
        ax.grid(alpha=0.3)
        for code, lat, lon in sorted(countries):
            if west <= lon <= east and south <= lat <= north:
                ax.text(lon, lat, code, color="0.6", fontsize=7, ha="center", va="center")
        ordered = sorted(places, key=lambda p: (-p.mentions, p.name, p.longitude, p.latitude))
        if ordered:
            ax.scatter(
                [p.longitude for p in ordered],
                [p.latitude for p in ordered],
                s=[20 + 12 * min(p.mentions, 40) for p in ordered],
                alpha=0.5,
                edgecolors="black",
                linewidths=0.5,
            )
        for (lon, lat), names in _labels(ordered[:LABELLED_PLACES]):
            ax.annotate(
                " / ".join(names),
                (lon, lat),
                xytext=(4, 4),
                textcoords="offset points",
                fontsize=8,
            )
        ax.set_xlabel("longitude (°E)")
        ax.set_ylabel("latitude (°N)")
        ax.set_title(
            f"Places: {len(places)} with coordinates, sized by mentions"
            + (f"; {without_coordinates} without (not shown)" if without_coordinates else "")
        )

    return _png(draw)


def _labels(places: Sequence[Place]) -> list[tuple[tuple[float, float], list[str]]]:
    """One label per spot: the names of places within a tenth of a degree of each other."""
    spots: dict[tuple[float, float], list[str]] = {}
    for p in places:
        spot = (round(p.longitude, 1), round(p.latitude, 1))
        spots.setdefault(spot, []).append(p.name)
    return list(spots.items())


def _extent(places: Sequence[Place]) -> tuple[float, float, float, float]:
    """West, east, south, north: the places with a margin, in the figure's proportions (at
    least 20° high), inside the globe."""
    if not places:
        return -180.0, 180.0, -90.0, 90.0
    lons = [p.longitude for p in places]
    lats = [p.latitude for p in places]
    ratio = SIZE[0] / SIZE[1]
    half_height = max(max(lats) - min(lats), (max(lons) - min(lons)) / ratio, 20.0) * 0.6
    half_width = min(half_height * ratio, 180.0)
    half_height = min(half_height, 90.0)
    mid_lon = min(max((max(lons) + min(lons)) / 2, -180.0 + half_width), 180.0 - half_width)
    mid_lat = min(max((max(lats) + min(lats)) / 2, -90.0 + half_height), 90.0 - half_height)
    return mid_lon - half_width, mid_lon + half_width, mid_lat - half_height, mid_lat + half_height


def country_centroids() -> list[tuple[str, float, float]]:
    """(ISO3, latitude, longitude) of every country in dateline's gazetteer."""
    from dateline.gazetteer.store import DATA_DIR, FIELDS, read_table

    code, lat, lon = (FIELDS.index(f) for f in ("country", "latitude", "longitude"))
    return [
        (row[code], float(row[lat]), float(row[lon]))
        for row in read_table(DATA_DIR / "countries.tsv")
        if row[code] and row[lat] and row[lon]
    ]
