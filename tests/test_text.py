"""The token helpers of ``extract/text`` that the scans lean on for speed read the same text as
spaCy's own objects."""

from __future__ import annotations

import itertools

from dateline.extract.segment import nlp
from dateline.extract.text import longest_matches, lowers, openers, span_text


def test_span_text_is_the_slice_text_for_every_bound() -> None:
    doc = nlp()("The mayor  said:\n“We will reopen the bridge.” It rained.")
    n = len(doc)
    for start, end in itertools.product(range(-n - 2, n + 3), repeat=2):
        assert span_text(doc, start, end) == doc[start:end].text, (start, end)


def test_openers_hold_the_first_token_of_every_phrase() -> None:
    phrases = {"as long as", "unless", "Called off"}
    gate = openers(phrases)
    assert {"as", "unless", "called"} <= gate
    assert "long" not in gate and "lessen" not in gate


def test_a_scan_gated_by_openers_finds_what_the_full_scan_finds() -> None:
    doc = nlp()("They called off the strike unless pay rises, and as long as talks go on.")
    phrases = {"called off", "unless", "as long as", "talks"}
    gate, low = openers(phrases), lowers(doc)

    def match(i: int, j: int) -> str | None:
        text = span_text(doc, i, j).lower()
        return text if text in phrases else None

    found = longest_matches(doc[:], 3, match)
    assert [m[2] for m in found] == ["called off", "unless", "as long as", "talks"]
    assert longest_matches(doc[:], 3, match, lambda i: low[i] in gate) == found
