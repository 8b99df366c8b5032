"""``dateline validate``: check a built data package against its schemas, keys and articles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dateline.cli.common import (
    Format,
    Frictionless,
    FrictionlessMode,
    ReportFormat,
    echo_report,
    exit_code,
    user_errors,
)
from dateline.errors import UsageError


def command(
    root: Annotated[
        Path,
        typer.Argument(help="Validate the package in this folder (it holds datapackage.json)."),
    ] = Path("."),
    seeds: Annotated[
        Path | None,
        typer.Option(
            help="Check evidence against the seeds in this folder (by default, ROOT/seeds)."
        ),
    ] = None,
    format: ReportFormat = Format.text,
    frictionless: FrictionlessMode = Frictionless.all,
) -> None:
    """Validate a built data package.

    Check the schemas, keys and foreign keys, the files, their bytes and hashes, and every
    evidence slice against its seed. Exit 0 when valid, 1 when invalid, 2 on a usage error."""
    from dateline.publish import reading

    with user_errors(format), reading(root):  # never a half-published package
        if not (root / "datapackage.json").exists():
            raise UsageError(
                "no datapackage.json here", file=str(root), hint="pass the package root"
            )
        from dateline.validate import validate_package

        report = validate_package(root, seeds=seeds, frictionless=frictionless.value)
    echo_report(report, format)
    raise typer.Exit(exit_code(report.valid))


def register(app: typer.Typer) -> None:
    app.command("validate")(command)
