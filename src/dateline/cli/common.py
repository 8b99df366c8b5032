"""What the commands share: output formats and turning errors into messages and exit codes.

The command modules import what they run (extraction, pyarrow, polars, pandera, frictionless)
inside the command, so ``dateline --help`` and ``dateline extract`` do not pay for the
validation stack (see ``bench/bench_engine.py``, start-up).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from dateline.errors import BuildError, DatelineError

if TYPE_CHECKING:
    from dateline.validate import Report

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"


#: ``--format`` of the commands that print a validation report (``check``, ``validate``).
ReportFormat = Annotated[Format, typer.Option("--format", help="text, json or github annotations.")]


def formatter(fmt: Format) -> Callable[[Report], str]:
    """The function that renders a validation report in ``fmt``."""
    from dateline.validate.report import format_github, format_json, format_text

    return {Format.text: format_text, Format.json: format_json, Format.github: format_github}[fmt]


def exit_code(valid: bool) -> int:
    """The exit code of a command that checks something: 0 when valid, 1 when not."""
    return EXIT_VALID if valid else EXIT_INVALID


def echo_report(report: Report, fmt: Format) -> None:
    typer.echo(formatter(fmt)(report).rstrip("\n"))


@contextmanager
def user_errors(fmt: Format = Format.text) -> Iterator[None]:
    """Print a :class:`DatelineError` (and any report it carries) and exit with its code."""
    try:
        yield
    except DatelineError as err:
        if isinstance(err, BuildError) and err.report is not None:
            from dateline.validate import Report

            if isinstance(err.report, Report):
                echo_report(err.report, fmt)
        if fmt is Format.github:
            typer.echo(github_error(err))
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(err.exit_code) from None
    except OSError as err:  # a folder that is a file, a disk that is full: no traceback
        typer.echo(f"error: {err.filename or ''}: {err.strerror or err}", err=True)
        raise typer.Exit(EXIT_INVALID) from None


def github_error(err: DatelineError) -> str:
    from dateline.validate.report import escape_data, escape_property

    props = ",".join(
        f"{k}={escape_property(str(v))}"
        for k, v in (("file", err.file), ("line", err.line), ("col", err.column))
        if v is not None
    )
    message = escape_data(str(err))
    return f"::error {props}::{message}" if props else f"::error::{message}"
