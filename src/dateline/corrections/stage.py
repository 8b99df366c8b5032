"""Corrections as a build stage on rows: after resolve, before typing.

:func:`correct` applies the operations in order to the resolved rows; the build then types the
result with :func:`dateline.tables.to_frame`, so corrected and added rows are checked exactly
like extracted ones. :func:`apply_corrections` is the same stage for callers holding frames.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import polars as pl

from dateline.corrections.model import SUFFIX, Correction, CorrectionError, Tables, Texts
from dateline.corrections.ops import OPS
from dateline.tables import to_frame


def correct(tables: Tables, corrections: Iterable[Correction], texts: Texts) -> Tables:
    """Apply ``corrections`` in order to resolved rows.

    Returns new per-table lists; rows that a correction changes are changed in place (the build
    hands over the rows it got from resolve and keeps no other reference to them).
    """
    corrections = list(corrections)
    if not corrections:
        return tables
    for c in corrections:
        if c.doc_id not in texts:
            raise CorrectionError(
                f"there is no seed article {c.doc_id}.txt for this corrections file",
                file=c.file,
                hint=f"name the file after an article (seeds/<doc_id>{SUFFIX}), or delete it",
            )
    out: Tables = {name: list(rows) for name, rows in tables.items()}
    for c in corrections:
        OPS[c.op].apply(out, c, texts)
    return out


def apply_corrections(
    frames: Mapping[str, pl.DataFrame], corrections: Iterable[Correction], texts: Texts
) -> Mapping[str, pl.DataFrame]:
    """:func:`correct` for typed frames (tests, tools): dtypes and primary-key order are kept."""
    corrections = list(corrections)
    if not corrections:
        return frames
    rows = correct({t: f.to_dicts() for t, f in frames.items()}, corrections, texts)
    return {t: to_frame(t, rows[t]) for t in frames}
