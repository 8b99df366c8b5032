"""``dateline release``: bundle the built package as ``dist/<name>-<version>.zip``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dateline.cli.common import user_errors


def command(
    root: Annotated[
        Path, typer.Option(help="Release the package in this folder (it holds datapackage.json).")
    ] = Path("."),
    dist: Annotated[
        Path | None,
        typer.Option(
            help="Write the bundle and SHA256SUMS into this folder (by default, ROOT/dist)."
        ),
    ] = None,
    previous: Annotated[
        str | None,
        typer.Option(
            help="Compare with this earlier release: a bundle, a package folder or a git revision "
            "(by default, the newest older bundle in the dist folder)."
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            help="Give a new version this release date, YYYY-MM-DD (by default, "
            "$SOURCE_DATE_EPOCH or today; a version already in CHANGELOG.md keeps its date)."
        ),
    ] = None,
    overwrite: Annotated[
        bool,
        typer.Option(
            "--overwrite", help="Replace a bundle of the same version that differs from this one."
        ),
    ] = False,
) -> None:
    """Bundle the package for a release.

    Write dist/<name>-<version>.zip (the data, schemas, seeds, a data card with figures,
    CITATION.cff, croissant.json and the changelog entry) and dist/SHA256SUMS. Article texts
    whose licence is unknown or does not allow redistribution are left out.
    Exit 0 when the bundle was written, 1 when the package cannot be released."""
    with user_errors():
        from dateline.release import release

        done = release(root, dist, previous=previous, date=date, overwrite=overwrite)
    typer.echo(f"released {done.bundle} (version {done.version}, {done.released})")
    typer.echo(
        f"compared with {done.previous}: {done.bump} change"
        if done.previous
        else "first release: no previous bundle to compare with"
    )
    for w in done.withheld:
        typer.echo(f"left out the text of {w.path}: {w.reason}")
    typer.echo(f"checksums: {done.sums}; changelog: {done.changelog}")


def register(app: typer.Typer) -> None:
    app.command("release")(command)
