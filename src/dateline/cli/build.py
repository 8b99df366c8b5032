"""``dateline build``: turn ``seeds/`` into ``data/`` and ``datapackage.json``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dateline.cli.common import Format, NoCache, user_errors
from dateline.engine import ENGINES
from dateline.errors import UsageError
from dateline.progress import on_terminal

#: ``--engine``: the names of the engine registry.
Engine = StrEnum("Engine", {name: name for name in ENGINES})  # type: ignore[misc]


def command(
    seeds: Annotated[
        Path, typer.Option(help="Read the seed articles (*.txt) from this folder.")
    ] = Path("seeds"),
    out: Annotated[
        Path, typer.Option(help="Write data/, schemas/ and datapackage.json into this folder.")
    ] = Path("."),
    format: Annotated[
        Format, typer.Option("--format", help="Print problems as text, JSON or GitHub annotations.")
    ] = Format.text,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Extract on this many processes (by default, one per core); "
            "the output is the same.",
        ),
    ] = None,
    engine: Annotated[
        Engine,
        typer.Option(
            help="Extract with this engine: local (processes on this machine) or dask (a Dask "
            "cluster, with pip install 'dateline[dask]'); the output is the same."
        ),
    ] = Engine.local,  # type: ignore[attr-defined]
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Use the Dask scheduler at this address, e.g. tcp://scheduler:8786 (by default, "
            "--engine dask starts a local cluster of --jobs workers)."
        ),
    ] = None,
    no_cache: NoCache = False,
) -> None:
    """Build the data package from the seed articles.

    Extract every seed article, validate the result, and only then replace the old data.
    Progress is shown on stderr when it is a terminal."""
    with user_errors(format), on_terminal() as progress:
        from dateline.engine import CacheReport, EngineOptions
        from dateline.engine.warm import early

        if scheduler and engine.value != "dask":
            raise UsageError("--scheduler needs --engine dask", hint="add --engine dask")
        options = EngineOptions(engine.value, jobs, scheduler, cache=not no_cache)
        cached = CacheReport()
        # a warm worker, when one is likely needed, loads the models from now on, while the
        # build's own imports load (see engine/warm.py)
        with early(seeds, out, options) as worker:
            from dateline.build import build as run_build

            report = run_build(
                seeds, out, progress=progress, options=options, cache_report=cached, worker=worker
            )
    counts = ", ".join(f"{t} {n}" for t, n in report.tables.items())
    typer.echo(f"built {out / 'datapackage.json'}: {counts}")
    typer.echo(f"extracted {cached.extracted} article(s), {cached.hits} from the cache")
    if cached.up_to_date:
        typer.echo("up to date: the package already holds what these seeds build")


def register(app: typer.Typer) -> None:
    app.command("build")(command)
