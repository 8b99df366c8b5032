"""``dateline evaluate --gold DIR``: score the extractor against gold annotations."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dateline.cli.common import user_errors
from dateline.progress import on_terminal


class EvalFormat(StrEnum):
    text = "text"
    json = "json"


def command(
    gold: Annotated[
        Path,
        typer.Option(
            "--gold",
            help="Score against the gold corpus in this folder "
            "(articles/<id>.txt and gold/<id>.json).",
        ),
    ],
    format: Annotated[
        EvalFormat,
        typer.Option(
            "--format", help="Print the scores as a text table or as JSON (stable, sorted keys)."
        ),
    ] = EvalFormat.text,
    no_parser: Annotated[
        bool,
        typer.Option(
            "--no-parser",
            help="Extract without the tagger and parser (the rules' word-window fallback).",
        ),
    ] = False,
) -> None:
    """Score extraction against gold annotations.

    Only the layers each gold file annotates are scored (actors, locations, quotes, events,
    geocoding), per article, per source and overall. Progress is shown on stderr when it is a
    terminal.

    Exit 0 when the corpus was scored, 1 on malformed gold or articles, 2 on a usage error.
    """
    from functools import partial

    from dateline.evaluate import evaluate, extract_rows, format_json, format_text, load_corpus
    from dateline.extract.resources import Resources

    res = Resources.default().without_parser() if no_parser else None
    with user_errors(), on_terminal() as progress:
        predict = partial(extract_rows, res=res)
        evaluation = evaluate(load_corpus(gold), predict, progress=progress)
    render = format_json if format is EvalFormat.json else format_text
    typer.echo(render(evaluation).rstrip("\n"))


def register(app: typer.Typer) -> None:
    app.command("evaluate")(command)
