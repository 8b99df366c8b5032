"""The token helpers of ``extract/text`` that the scans lean on for speed read the same text as
spaCy's own objects."""

from __future__ import annotations

import itertools

from spacy.tokenizer import Tokenizer

from dateline.extract.segment import PieceTaught, nlp
from dateline.extract.text import admitted, key_windows, longest_matches, lowers, openers, span_text
from dateline.lexicon.model import Openers


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

    found = list(longest_matches(doc[:], 3, match))
    assert [m[2] for m in found] == ["called off", "unless", "as long as", "talks"]
    assert list(longest_matches(doc[:], 3, match, lambda i: low[i] in gate)) == found
    assert next(longest_matches(doc[:], 3, match)) == found[0]  # a scan read as far as needed
    # told the only ends worth trying from each token (longest first), the scan finds the same
    ends = {i: [j for j in range(i + 3, i, -1) if match(i, j) is not None] for i in range(len(doc))}
    assert list(longest_matches(doc[:], 3, match, None, ends.__getitem__)) == found
    cut = doc[:12]  # "... and as long": "as long as" runs past its end, which is not tried
    assert list(longest_matches(cut, 3, match, None, ends.__getitem__)) == found[:2]
    assert list(longest_matches(cut, 3, match)) == found[:2]


def test_spacy_tokens_make_up_the_text_they_were_cut_from() -> None:
    """``segment`` keeps the article's body as the document's text (``text.with_body``)
    instead of joining the tokens again: the two are the same text."""
    for text in (
        "",
        "  Two  spaces,\ttabs\n\nand blank lines.  ",
        "“Curly” quotes — dashes… and U.S. forces' 1,200 troops\u00a0(ISF).",
        "\n\u2003Ünïcödé, العربية and 中文 mixed.\n",
    ):
        assert nlp()(text).text == text


def _fresh(tokenizer: Tokenizer) -> Tokenizer:
    """A tokenizer of the same rules as ``tokenizer``, with a cache of its own."""
    return Tokenizer(
        tokenizer.vocab,
        rules=tokenizer.rules,
        prefix_search=tokenizer.prefix_search,
        suffix_search=tokenizer.suffix_search,
        infix_finditer=tokenizer.infix_finditer,
        token_match=tokenizer.token_match,
        url_match=tokenizer.url_match,
    )


def test_a_tokenizer_shown_each_piece_cuts_the_tokens_spacy_cuts() -> None:
    """``PieceTaught`` shows spaCy's tokenizer each new piece alone before the text: the
    tokens, their offsets and their white space are spaCy's own, for pieces before and after
    a special case, pieces that hold one, and a text tokenised again."""
    packaged = nlp().tokenizer
    assert isinstance(packaged, PieceTaught)
    taught, plain = PieceTaught(_fresh(packaged.inner)), _fresh(packaged.inner)
    texts = (
        "Gen. Ray Odom (Ret.) said: “Don't go,” and left U.S.-led talks at 5 p.m.; others stayed.",
        "(Sen. Hale's aides) wrote, \"We can't\" — the U.N. said so.\n\nMr. Li agreed...",
        "Gen. Ray Odom (Ret.) said: “Don't go,” and left U.S.-led talks at 5 p.m.; others stayed.",
    )
    for text in texts:
        ours, theirs = taught(text), plain(text)
        assert [(t.text, t.idx, t.whitespace_) for t in ours] == [
            (t.text, t.idx, t.whitespace_) for t in theirs
        ]
    assert {"(Ret.)", "U.S.-led", "Li"} <= taught.shown


def test_admitted_and_key_windows_find_what_every_window_looked_up_finds() -> None:
    doc = nlp()("Officials said the cease-fire held; the  Foreign Ministry agreed to talks.")
    keys = {"cease-fire", "foreign ministry", "agreed to", "talks", "said"}
    gate = Openers.of(keys)

    def lookup(text: str) -> str | None:
        key = " ".join(text.lower().split())
        return key if key in keys else None

    flags = admitted(doc, gate)
    found = key_windows(doc, [i for i, ok in enumerate(flags) if ok], gate, 4, lookup)
    every = {
        i: {
            j: key
            for j in range(min(len(doc), i + 4), i, -1)
            if (key := lookup(span_text(doc, i, j)))
        }
        for i in range(len(doc))
    }
    assert found == {i: ends for i, ends in every.items() if ends}
    assert {v for ends in found.values() for v in ends.values()} == keys
