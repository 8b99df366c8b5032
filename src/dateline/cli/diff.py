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
        str, typer.Argument(help="A package folder or a git revision (e.g. origin/main).")
    ],
    new: Annotated[str, typer.Argument(help="A package folder or a git revision.")] = ".",
    root: Annotated[
        Path, typer.Option(help="Where the package lives in the git repository.")
    ] = Path("."),
    format: Annotated[
        DiffFormat, typer.Option("--format", help="text, json or markdown.")
    ] = DiffFormat.text,
) -> None:
    """Rows added, removed and changed per table (by key), schema changes, the version bump."""
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
