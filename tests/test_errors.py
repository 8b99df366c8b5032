"""Errors keep where and how-to-fix across a process boundary (a build's worker pool)."""

from __future__ import annotations

import pickle

import pytest

from dateline.errors import BuildError, DatelineError, SeedError
from dateline.lexicon.load import LexiconError


@pytest.mark.parametrize(
    "err",
    [
        SeedError("not UTF-8", file="seeds/a.txt", line=3, column=7, hint="save it as UTF-8"),
        BuildError("extraction failed", file="seeds/b.txt", hint="report it"),
        LexiconError("cues.yaml", "said", "kind", "'x' is not a kind", line=12),
    ],
)
def test_errors_pickle_with_their_location(err: DatelineError) -> None:
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is type(err)
    assert str(back) == str(err)
    assert (back.file, back.line, back.column, back.hint) == (
        err.file,
        err.line,
        err.column,
        err.hint,
    )
