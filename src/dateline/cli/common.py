"""What the commands share: output formats and turning errors into messages and exit codes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated

import typer

from dateline.errors import BuildError, DatelineError
from dateline.validate import Report
from dateline.validate.report import (
    escape_data,
    escape_property,
    format_github,
    format_json,
    format_text,
)

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"


#: ``--format`` of the commands that print a validation report (``check``, ``validate``).
ReportFormat = Annotated[Format, typer.Option("--format", help="text, json or github annotations.")]


FORMATTERS: dict[Format, Callable[[Report], str]] = {
    Format.text: format_text,
    Format.json: format_json,
    Format.github: format_github,
}


def exit_code(valid: bool) -> int:
    """The exit code of a command that checks something: 0 when valid, 1 when not."""
    return EXIT_VALID if valid else EXIT_INVALID


def echo_report(report: Report, fmt: Format) -> None:
    typer.echo(FORMATTERS[fmt](report).rstrip("\n"))


@contextmanager
def user_errors(fmt: Format = Format.text) -> Iterator[None]:
    """Print a :class:`DatelineError` (and any report it carries) and exit with its code."""
    try:
        yield
    except DatelineError as err:
        if isinstance(err, BuildError) and isinstance(err.report, Report):
            echo_report(err.report, fmt)
        if fmt is Format.github:
            typer.echo(github_error(err))
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(err.exit_code) from None
    except OSError as err:  # a folder that is a file, a disk that is full: no traceback
        typer.echo(f"error: {err.filename or ''}: {err.strerror or err}", err=True)
        raise typer.Exit(EXIT_INVALID) from None


def github_error(err: DatelineError) -> str:
    props = ",".join(
        f"{k}={escape_property(str(v))}"
        for k, v in (("file", err.file), ("line", err.line), ("col", err.column))
        if v is not None
    )
    message = escape_data(str(err))
    return f"::error {props}::{message}" if props else f"::error::{message}"
