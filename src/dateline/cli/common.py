"""What the commands share: output formats and turning errors into messages and exit codes.

The command modules import what they run (extraction, pyarrow, polars, pandera, frictionless)
inside the command, so ``dateline --help`` and ``dateline extract`` do not pay for the
validation stack (see ``bench/bench_engine.py``, start-up).
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from dateline.errors import BuildError, DatelineError
from dateline.escape import defuse, printable

if TYPE_CHECKING:
    from dateline.validate import Report

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"


#: ``--no-cache`` of the commands that extract (``build``, ``check``).
class Frictionless(StrEnum):
    """``--frictionless``: the modes of :data:`dateline.validate.frictionless.MODES`."""

    all = "all"
    changed = "changed"
    off = "off"


FrictionlessMode = Annotated[
    Frictionless,
    typer.Option(
        "--frictionless",
        help="Run frictionless-py's row-by-row validation on every resource (all), only on "
        "those it has not passed in the same form on this machine (changed), or not at all (off).",
    ),
]


NoCache = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Extract every article again, neither reading nor filling the extraction cache.",
    ),
]

#: ``--format`` of the commands that print a validation report (``check``, ``validate``).
ReportFormat = Annotated[
    Format, typer.Option("--format", help="Print the report as text, JSON or GitHub annotations.")
]


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
        typer.echo(error_text(err), err=True)
        raise typer.Exit(err.exit_code) from None
    except OSError as err:  # a folder that is a file, a disk that is full: no traceback
        typer.echo(os_error_text(err), err=True)
        raise typer.Exit(EXIT_INVALID) from None


def error_text(err: DatelineError) -> str:
    """``error: file:line:col: message`` and the hint, with every user-given part escaped."""
    where = ":".join(printable(str(p)) for p in (err.file, err.line, err.column) if p is not None)
    message = printable(err.message)
    text = f"error: {where}: {message}" if where else f"error: {message}"
    if err.hint:
        hint = "\n".join(defuse(printable(line)) for line in err.hint.split("\n"))
        text += f"\n  fix: {hint}"
    return text


def os_error_text(err: OSError) -> str:
    """An operating-system error with the file it concerns (when known) and what to do."""
    names = [printable(str(n)) for n in (err.filename, err.filename2) if n]
    reason = printable(err.strerror or str(err))
    text = f"error: {' → '.join(names)}: {reason}" if names else f"error: {reason}"
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        text += "\n  fix: free disk space and run the command again; the old data/ is untouched"
    return text


def github_error(err: DatelineError) -> str:
    from dateline.escape import escape_data, escape_property

    props = ",".join(
        f"{k}={escape_property(str(v))}"
        for k, v in (("file", err.file), ("line", err.line), ("col", err.column))
        if v is not None
    )
    message = escape_data(str(err))
    return f"::error {props}::{message}" if props else f"::error::{message}"
