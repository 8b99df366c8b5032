"""``dateline check``: rebuild and compare, validate, and diff against the base branch (for CI)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from dateline.cli.common import (
    Format,
    Frictionless,
    FrictionlessMode,
    NoCache,
    ReportFormat,
    echo_report,
    exit_code,
    user_errors,
)

DEFAULT_REPORT = Path("dateline-report.json")


def command(
    seeds: Annotated[Path, typer.Option(help="Read the seed articles from this folder.")] = Path(
        "seeds"
    ),
    root: Annotated[
        Path,
        typer.Option(
            help="Check the package in this folder (it holds datapackage.json and data/)."
        ),
    ] = Path("."),
    format: ReportFormat = Format.text,
    base: Annotated[
        str | None,
        typer.Option(help="Compare with this git revision (by default, origin/$GITHUB_BASE_REF)."),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option(
            help="Write the full JSON report to this file "
            "(with --format github, by default dateline-report.json)."
        ),
    ] = None,
    no_cache: NoCache = False,
    frictionless: FrictionlessMode = Frictionless.changed,
) -> None:
    """Check the committed data as CI does.

    Rebuild and compare with the committed data, validate it, and diff it against a base.
    Exit 0 when the committed data is fresh, valid and (against a base) versioned as its changes
    need; 1 when not; 2 on a usage error."""
    from dateline.check import append_summary, run_check, write_report
    from dateline.diff import format_text as diff_text

    with user_errors(format):
        result = run_check(
            root, seeds, base=base, cache=not no_cache, frictionless=frictionless.value
        )
    if format is Format.json:
        typer.echo(json.dumps(result.to_json(), indent=2, sort_keys=True, ensure_ascii=False))
    else:
        if not (format is Format.github and result.valid):
            echo_report(result.report, format)
        if result.diff:
            typer.echo(diff_text(result.diff))
        elif result.diff_note:
            typer.echo(result.diff_note)
    if format is Format.github:
        typer.echo(
            "dateline check: valid"
            if result.valid
            else f"dateline check: {len(result.report.issues)} problem(s)"
        )
        append_summary(result)
    target = report or (DEFAULT_REPORT if format is Format.github else None)
    if target is not None:
        write_report(result, target)
    raise typer.Exit(exit_code(result.valid))


def register(app: typer.Typer) -> None:
    app.command("check")(command)
