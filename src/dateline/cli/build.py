"""``dateline build``: turn ``seeds/`` into ``data/`` and ``datapackage.json``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dateline.cli.common import Format, user_errors
from dateline.progress import on_terminal


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
) -> None:
    """Build the data package from the seed articles.

    Extract every seed article, validate the result, and only then replace the old data.
    Progress is shown on stderr when it is a terminal."""
    with user_errors(format), on_terminal() as progress:
        from dateline.build import build as run_build

        report = run_build(seeds, out, jobs, progress)
    counts = ", ".join(f"{t} {n}" for t, n in report.tables.items())
    typer.echo(f"built {out / 'datapackage.json'}: {counts}")


def register(app: typer.Typer) -> None:
    app.command("build")(command)
