"""``dateline build``: turn ``seeds/`` into ``data/`` and ``datapackage.json``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dateline.cli.common import Format, NoCache, user_errors


def command(
    seeds: Annotated[Path, typer.Option(help="Folder of seed articles (*.txt).")] = Path("seeds"),
    out: Annotated[
        Path, typer.Option(help="Package root: gets data/, schemas/ and datapackage.json.")
    ] = Path("."),
    format: Annotated[
        Format, typer.Option("--format", help="How to print problems.")
    ] = Format.text,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Extract on this many processes (default: every core). The output is the same.",
        ),
    ] = None,
    no_cache: NoCache = False,
) -> None:
    """Extract every seed article, validate the result, and only then replace the old data."""
    with user_errors(format):
        from dateline.build import build as run_build
        from dateline.engine import CacheReport, EngineOptions

        options = EngineOptions(jobs=jobs, cache=not no_cache)
        cached = CacheReport()
        report = run_build(seeds, out, options=options, cache_report=cached)
    counts = ", ".join(f"{t} {n}" for t, n in report.tables.items())
    typer.echo(f"built {out / 'datapackage.json'}: {counts}")
    typer.echo(f"extracted {cached.extracted} article(s), {cached.hits} from the cache")


def register(app: typer.Typer) -> None:
    app.command("build")(command)
