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
) -> None:
    """Score extraction against gold annotations.

    Actors, locations and quotes: precision, recall and F1 per article, per source and
    overall. Progress is shown on stderr when it is a terminal.

    Exit 0 when the corpus was scored, 1 on malformed gold or articles, 2 on a usage error.
    """
    from dateline.evaluate import evaluate, format_json, format_text, load_corpus

    with user_errors(), on_terminal() as progress:
        evaluation = evaluate(load_corpus(gold), progress=progress)
    render = format_json if format is EvalFormat.json else format_text
    typer.echo(render(evaluation).rstrip("\n"))


def register(app: typer.Typer) -> None:
    app.command("evaluate")(command)
