"""Errors that reach the user: what is wrong, where, and how to fix it."""

from __future__ import annotations


class DatelineError(Exception):
    """Base class: a problem with the user's input or data, reported without a traceback."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.hint = hint

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.line, self.column) if p is not None)
        text = f"{where}: {self.message}" if where else self.message
        return f"{text}\n  fix: {self.hint}" if self.hint else text

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle by state, whatever the subclass's constructor takes, so that an error raised
        in a worker process reaches the parent with its file, line, column and hint."""
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(
    cls: type[DatelineError], args: tuple[object, ...], state: dict[str, object]
) -> DatelineError:
    err = cls.__new__(cls)
    err.args = args
    err.__dict__.update(state)
    return err


class SeedError(DatelineError):
    """A seed article cannot be read."""


class SchemaError(DatelineError):
    """A table schema is malformed or uses what dateline cannot enforce."""


class BuildError(DatelineError):
    """The build produced data that does not validate; ``report`` says why."""

    def __init__(self, message: str, *, report: object = None, **where: object) -> None:
        super().__init__(message, **where)  # type: ignore[arg-type]
        self.report = report


class UsageError(DatelineError):
    """The command was called wrongly (exit 2)."""

    exit_code = 2
