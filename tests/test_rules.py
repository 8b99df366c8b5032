"""The rule word lists (lexicon/data/rules/*.yaml): strict loading with clean errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import pytest

from dateline.errors import DatelineError
from dateline.lexicon.rules import rule_words


@dataclass(frozen=True)
class Sample:
    FILE: ClassVar[str] = "sample.yaml"
    verbs: frozenset[str]
    order: tuple[str, ...]
    names: frozenset[str] = field(metadata={"cased": True})


GOOD = """
verbs: {about: Verbs., words: [said, told]}
order: {about: Longest first., words: [no later than, by]}
names: {about: Cased names., words: [Easter, Eid]}
"""


def _load(tmp_path: Path, text: str) -> Sample:
    (tmp_path / "sample.yaml").write_text(text, encoding="utf-8")
    return rule_words(Sample, tmp_path)


def test_lists_load_typed(tmp_path: Path) -> None:
    words = _load(tmp_path, GOOD)
    assert words.verbs == frozenset({"said", "told"})
    assert words.order == ("no later than", "by")
    assert "Easter" in words.names


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (GOOD + "extra: {about: X., words: [x]}\n", "extra: is not a list Sample declares"),
        (GOOD.replace("order:", "#order:"), "order: is declared but missing"),
        (GOOD.replace("[said, told]", "[said, said]"), "'said' is listed twice"),
        (GOOD.replace("[said, told]", "[Said]"), "'Said' must be lower case"),
        (GOOD.replace("[said, told]", "[]"), "must be a non-empty list"),
        (GOOD.replace("{about: Verbs., ", "{"), "needs exactly the keys"),
        ("- a\n- b\n", "must be a mapping"),
        ("verbs: [unclosed\n", "cannot be read"),
    ],
)
def test_bad_lists_are_clean_errors(tmp_path: Path, text: str, problem: str) -> None:
    with pytest.raises(DatelineError, match=r"sample\.yaml") as err:
        _load(tmp_path, text)
    assert problem in str(err.value)


def test_the_packaged_stage_lists_load() -> None:
    from dateline.extract import dates, events, quotes, segment, text

    for module in (dates, events, quotes, segment, text):
        words = module.WORDS
        assert all(getattr(words, f) for f in words.__dataclass_fields__), module.__name__
    assert "Lt." in segment.WORDS.abbreviations
    assert quotes.PRONOUN_NUMBER["they"] == "many"
