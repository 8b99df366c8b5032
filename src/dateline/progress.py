"""Progress of a long command, shown on a terminal and nowhere else.

The library reports progress through a :data:`Progress` callback, ``progress(stage, done,
total)``; the command line passes one that redraws a single status line on stderr when stderr
is a terminal, and passes none otherwise (CI logs, pipes and files stay quiet). The status
line is cleared when the command ends, so what the command prints stays as it was.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

#: ``progress(stage, done, total)``: ``done`` of ``total`` items of ``stage`` (``total`` 0: a
#: stage without a count, such as validation).
Progress = Callable[[str, int, int], None]

CLEAR_LINE = "\r\x1b[K"


def is_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is an interactive terminal that can redraw a line."""
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def status_line(stage: str, done: int, total: int) -> str:
    """``extracting 12/440 (2%)``, or ``validating…`` for a stage without a count."""
    if total <= 0:
        return f"{stage}…"
    return f"{stage} {done}/{total} ({100 * done // total}%)"


@contextmanager
def on_terminal(stream: TextIO | None = None) -> Iterator[Progress | None]:
    """A :data:`Progress` that redraws a status line on ``stream`` (default: stderr) when it is
    a terminal, else ``None``; the line is cleared on the way out, error or not."""
    out = stream if stream is not None else sys.stderr
    if not is_terminal(out):
        yield None
        return
    shown = False

    def show(stage: str, done: int, total: int) -> None:
        nonlocal shown
        shown = True
        out.write(CLEAR_LINE + status_line(stage, done, total))
        out.flush()

    try:
        yield show
    finally:
        if shown:
            out.write(CLEAR_LINE)
            out.flush()
