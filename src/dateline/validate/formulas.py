"""The spreadsheet protection the package declares (``dateline:spreadsheetSafety``): no text
cell is formula-like (:mod:`dateline.package.formula`), with the seed, row and field of each."""

from __future__ import annotations

from dateline.package.formula import formula_cells
from dateline.validate.issues import Issue
from dateline.validate.table import TableData


def formula_issues(tables: dict[str, TableData], only: str | None = None) -> list[Issue]:
    """One ``formula`` issue per formula-like cell of the loaded tables (or of table ``only``:
    see :func:`~dateline.package.formula.formula_cells`)."""
    frames = {name: data.frame for name, data in tables.items()}
    return [
        Issue(
            cell.table,
            tables[cell.table].rel,
            cell.row,
            tables[cell.table].line(cell.row),
            cell.field,
            "formula",
            cell.describe(),
            cell.value,
            "formula",
            seed=cell.seed,
        )
        for cell in formula_cells(frames, only)
    ]
