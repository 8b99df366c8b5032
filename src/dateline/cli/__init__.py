"""The ``dateline`` command line: one module per command, registered here.

Command modules are light: each imports the machinery it runs inside its command function.
"""

from __future__ import annotations

import typer

from dateline.cli import add, build, cache, check, diff, evaluate, extract, validate

app = typer.Typer(
    name="dateline",
    help="News articles in, a validated data package of events, actors, locations and quotes out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
for module in (build, validate, check, extract, evaluate, add, diff, cache):
    module.register(app)


def main() -> None:
    app()
