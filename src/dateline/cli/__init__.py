"""The ``dateline`` command line: one module per command, registered here.

Command modules are light: each imports the machinery it runs inside its command function.
The commands are thin: each parses its options, calls the library and prints the result.
Help is plain text (no box drawing), so that a flag shows no value type and the help reads
the same in a terminal, a pipe and the README.
"""

from __future__ import annotations

from typing import Annotated

import typer

from dateline import __version__
from dateline.cli import add, build, cache, check, diff, evaluate, extract, release, validate

HELP = "News articles in, a validated data package of events, actors, locations and quotes out."

app = typer.Typer(
    name="dateline",
    help=HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
for module in (build, validate, check, extract, evaluate, add, diff, release, cache):
    module.register(app)


def show_version(value: bool) -> None:
    if value:
        typer.echo(f"dateline {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=show_version,
            is_eager=True,
            help="Print the version of dateline and exit.",
        ),
    ] = False,
) -> None:
    """News articles in, a validated data package of events, actors, locations and quotes out."""


def main() -> None:
    app()
