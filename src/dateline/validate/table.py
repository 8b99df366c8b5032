"""A table file read into a typed frame, and Issues located in it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from dateline.schema import TableSchema
from dateline.validate.issues import Issue, Validator


@dataclass(frozen=True)
class TableData:
    """A table file read into a typed frame, with the physical line on which each row starts
    (``lines`` is empty for Parquet files)."""

    schema: TableSchema
    rel: str
    frame: pl.DataFrame
    lines: tuple[int, ...] = ()

    @property
    def name(self) -> str:
        return self.schema.name

    def line(self, row: int | None) -> int | None:
        """The physical line of 1-based data row ``row``."""
        if row is None or not 1 <= row <= len(self.lines):
            return None
        return self.lines[row - 1]

    def issue(
        self,
        row: int | None,
        field: str | None,
        code: str,
        message: str,
        value: Any,
        validator: Validator,
    ) -> Issue:
        """An Issue located in this file."""
        return Issue(
            self.name, self.rel, row, self.line(row), field, code, message, value, validator
        )
