"""``dateline cache info|clear``: inspect or empty dateline's disk cache."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class Action(StrEnum):
    info = "info"
    clear = "clear"


def size_text(n: int) -> str:
    """A byte count for people: ``512 B``, ``3.4 MB``."""
    value = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


def command(
    action: Annotated[
        Action,
        typer.Argument(
            help="Show where the cache is and what it holds (info), or empty it (clear)."
        ),
    ] = Action.info,
) -> None:
    """Show or empty dateline's cache.

    The cache holds the extraction of every article built (keyed by its content and the
    extractor's version) and the parsed lexicon and gazetteer. Builds refill it as they go;
    `build --no-cache` bypasses it."""
    from dateline import cache
    from dateline.engine import store
    from dateline.engine.version import extractor_version

    folder = cache.cache_dir()
    if folder is None:
        typer.echo(f"the cache is off (${cache.ENV} is set to an empty value)")
        return
    if action is Action.clear:
        removed = store.clear()
        files = cache.clear()
        typer.echo(f"cleared {folder}: {removed} extraction(s), {files} parsed-data file(s)")
        return
    s = store.stats()
    current = extractor_version()
    typer.echo(f"cache folder: {folder}")
    typer.echo(f"extractions: {s.path} ({size_text(s.bytes)})")
    typer.echo(f"  {s.entries} article(s) in all; {s.versions.get(current, 0)} for this version")
    typer.echo(f"  extractor version: {current}")
    others = {v: n for v, n in s.versions.items() if v != current}
    for version, count in sorted(others.items()):
        typer.echo(f"  other version {version}: {count} article(s)")
    for path, size in cache.entries():
        typer.echo(f"parsed data: {path.name} ({size_text(size)})")


def register(app: typer.Typer) -> None:
    app.command("cache")(command)
