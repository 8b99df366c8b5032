"""``dateline evaluate --gold DIR``: score the extractor against gold annotations."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dateline.cli.common import user_errors


class EvalFormat(StrEnum):
    text = "text"
    json = "json"


def command(
    gold: Annotated[
        Path,
        typer.Option(
            "--gold",
            help="Gold corpus folder holding articles/<id>.txt and gold/<id>.json.",
        ),
    ],
    format: Annotated[
        EvalFormat, typer.Option("--format", help="text (a table) or json (stable, sorted keys).")
    ] = EvalFormat.text,
    no_parser: Annotated[
        bool,
        typer.Option(
            "--no-parser",
            help="Extract without the tagger and parser (the rules' word-window fallback).",
        ),
    ] = False,
) -> None:
    """Actors, locations and quotes: precision, recall and F1 per article, per source, overall.

    Exit 0 when the corpus was scored, 1 on malformed gold or articles, 2 on a usage error.
    """
    from functools import partial

    from dateline.evaluate import evaluate, extract_rows, format_json, format_text, load_corpus
    from dateline.extract.resources import Resources

    res = Resources.default().without_parser() if no_parser else None
    with user_errors():
        evaluation = evaluate(load_corpus(gold), partial(extract_rows, res=res))
    render = format_json if format is EvalFormat.json else format_text
    typer.echo(render(evaluation).rstrip("\n"))


def register(app: typer.Typer) -> None:
    app.command("evaluate")(command)
