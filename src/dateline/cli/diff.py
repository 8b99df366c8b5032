"""``dateline diff OLD NEW``: rows and schema changes between two packages, and the SemVer bump."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dateline.cli.common import user_errors


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


def command(
    old: Annotated[
        str,
        typer.Argument(
            help="Compare from this package folder, release bundle (.zip) or git revision, "
            "for example origin/main."
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            help="Compare to this package folder, release bundle (.zip) or git revision."
        ),
    ] = ".",
    root: Annotated[
        Path,
        typer.Option(help="Read revisions from the package in this folder of the git repository."),
    ] = Path("."),
    format: Annotated[
        DiffFormat, typer.Option("--format", help="Print the changes as text, JSON or Markdown.")
    ] = DiffFormat.text,
) -> None:
    """Compare two packages and suggest a version.

    Show the rows added, removed and changed per table (by key), the schema changes, and the
    version bump they call for."""
    from dateline.diff import diff, format_markdown, format_text

    with user_errors():
        result = diff(old, new, root)
    if format is DiffFormat.json:
        typer.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        typer.echo(
            (format_markdown if format is DiffFormat.markdown else format_text)(result).rstrip("\n")
        )


def register(app: typer.Typer) -> None:
    app.command("diff")(command)
