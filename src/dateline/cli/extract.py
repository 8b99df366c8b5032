"""``dateline extract FILE``: print one article's extraction as JSON, for inspection."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from dateline.cli.common import user_errors


def command(
    file: Annotated[
        Path,
        typer.Argument(help="Read the article from this seed file (wire header or front matter)."),
    ],
) -> None:
    """Print one article's rows as JSON.

    The rows of every table that extraction makes from the article, on stdout."""
    with user_errors():
        from dateline.article import read_article
        from dateline.extract.checked import extract_seed

        rows = extract_seed(read_article(file), file.parent).rows
    typer.echo(json.dumps(rows, indent=2, ensure_ascii=False, default=str))


def register(app: typer.Typer) -> None:
    app.command("extract")(command)
