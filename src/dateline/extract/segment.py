"""Split an article body into paragraphs, sentences and tokens (spaCy's blank English tokenizer).

Offsets are code-point offsets into the body. Web debris ("RELATED") and the dateline are kept in
the body but left out of the sentences that extraction reads.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import compress
from typing import ClassVar

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from dateline.article import MAX_BYTES, Article
from dateline.errors import SeedError
from dateline.extract.resources import Resources
from dateline.extract.text import INITIALS, body, per_doc, spaced, span_text, with_body, words
from dateline.lexicon import Lexicon
from dateline.lexicon import load as load_lexicon
from dateline.lexicon.rules import rule_words
from dateline.lexicon.words import given_names

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
SENTENCE_END = frozenset({".", "!", "?", "...", "…"})
CLOSERS = frozenset({"”", '"', "’", "'", ")", "]"})
OPENERS = frozenset({"“", '"', "‘", "'", "(", "["})


@dataclass(frozen=True)
class SegmentWords:
    """The word lists of segmentation, read from ``lexicon/data/rules/segment.yaml``."""

    FILE: ClassVar[str] = "segment.yaml"
    abbreviations: frozenset[str] = field(metadata={"cased": True})
    letter_names: frozenset[str] = field(metadata={"cased": True})


WORDS = rule_words(SegmentWords)


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int
    is_debris: bool


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int
    span: Span  # tokens of the sentence (dateline excluded)

    @property
    def start(self) -> int:
        return self.span.start_char

    @property
    def end(self) -> int:
        return self.span.end_char

    @property
    def text(self) -> str:
        """``span.text`` as a slice of the body (spaCy joins every token's text each call)."""
        return body(self.span.doc)[self.span.start_char : self.span.end_char]


@dataclass(frozen=True)
class Segmented:
    doc: Doc
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, char: int) -> Sentence | None:
        """The sentence that holds character ``char`` (sentences are in order and disjoint)."""
        k = bisect_right(self._sentence_starts, char) - 1
        if k >= 0 and char < self.sentences[k].end:
            return self.sentences[k]
        return None


@cache
def nlp() -> Language:
    """spaCy's blank English pipeline with extra abbreviation rules; built once per process."""
    lang = spacy.blank("en")
    # The reader accepts any seed up to MAX_BYTES, so a body has at most that many characters;
    # spaCy's default limit (1,000,000, meant for parsers and NER) would refuse a longer one.
    # This pipeline only tokenises, which needs memory linear in the text.
    lang.max_length = max(lang.max_length, MAX_BYTES)
    tokenizer = lang.tokenizer
    assert isinstance(tokenizer, Tokenizer)  # Language types it as any callable: a blank's is this
    for abbr in sorted({*WORDS.abbreviations, *_title_forms()}):
        if " " not in abbr:
            tokenizer.add_special_case(abbr, [{"ORTH": abbr}])
    lang.tokenizer = PieceTaught(tokenizer)
    return lang


class PieceTaught:
    """spaCy's tokenizer (``inner``), shown each new piece of text between white space on its
    own before it tokenises a text: the same tokens, cut without the affix rules where spaCy
    would cut them again.

    spaCy keeps the tokens of a piece in a cache, but once a text has met a special case
    ("Mr.", "U.S.", "don't") it caches no piece of the rest of that text (the flag is the
    whole text's), so most pieces after an article's first abbreviation were cut by the affix
    rules again in every article (about 3,700 pieces a pass over the dev corpora, half the
    tokenizer's time). A piece tokenised alone is cached unless it holds a special case
    itself; its tokens do not depend on what surrounds it (the special cases that span
    pieces are matched over the whole text afterwards either way). ``shown`` grows with the
    distinct pieces a process meets, as spaCy's cache does (it stops at its own limit); the
    tokens never depend on either."""

    def __init__(self, inner: Tokenizer) -> None:
        self.inner = inner
        self.shown: set[str] = set()

    def __call__(self, text: str) -> Doc:
        shown = self.shown
        if len(shown) < self.inner.max_cache_size:  # once the cache is full, showing is no use
            for piece in [p for p in dict.fromkeys(text.split()) if p not in shown]:
                self.inner(piece)
                shown.add(piece)
        return self.inner(text)


def paragraphs(body: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blank lines separate them; surrounding space is trimmed."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in [*PARAGRAPH_BREAK.finditer(body), None]:
        end = m.start() if m else len(body)
        chunk = body[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if chunk.strip():
            out.append((pos + lead, pos + trail))
        pos = m.end() if m else len(body)
    return out


def is_debris(text: str, lex: Lexicon) -> bool:
    """A paragraph that is web furniture, not prose."""
    return lex.debris.is_debris(text)


def segment(article: Article, res: Resources) -> Segmented:
    """Tokenise the whole body once with ``res.nlp``, then cut sentences inside each prose
    paragraph."""
    body = article.body
    if len(body) > res.nlp.max_length:  # only an Article built without the reader gets here
        raise SeedError(
            f"the body has {len(body):,} characters; the tokenizer takes at most "
            f"{res.nlp.max_length:,}",
            file=article.seed_path,
            hint="split the article",
        )
    doc = with_body(res.nlp(body), body)
    paras: list[Paragraph] = []
    sents: list[Sentence] = []
    skip_to = article.dateline_end or 0
    for i, (start, end) in enumerate(paragraphs(body)):
        debris = is_debris(body[start:end], res.lexicon)
        paras.append(Paragraph(i, start, end, debris))
        if debris:
            continue
        span = doc.char_span(
            max(start, _after_dateline(body, skip_to) if i == 0 else start),
            end,
            alignment_mode="expand",
        )
        if span is None:
            continue
        for piece in split_sentences(span):
            sents.append(Sentence(len(sents), i, piece))
    return Segmented(doc, tuple(paras), tuple(sents))


def _after_dateline(body: str, dateline_end: int) -> int:
    """Where the prose starts after a dateline such as 'BAGHDAD (AP) — '."""
    if not dateline_end:
        return 0
    m = re.compile(r"(?:,[^—–\n]*?)?(?:\s*\([^)]*\))?\s*[—–-]{1,2}\s*").match(body, dateline_end)
    return m.end() if m else dateline_end


def split_sentences(span: Span) -> list[Span]:
    """Sentence spans: a break after . ! ? (and closing quotes) before a capital, digit or quote."""
    doc = span.doc
    text = words(doc)  # token texts, read without making Token objects
    out: list[tuple[int, int]] = []
    start = span.start
    i = span.start  # the scan goes on from here
    ending = per_doc(doc, "sentence_marks", _sentence_marks).__contains__
    marks = compress(range(span.start, span.end), map(ending, text[span.start : span.end]))
    for k in marks:  # only a full stop or a sentence-ending mark can end a sentence
        if k < i:
            continue
        word = text[k]
        if word in SENTENCE_END or _final_abbreviation(text, k, span.end, span.start):
            j = k + 1
            while j < span.end and (_closes(doc, j) or text[j].isspace()):
                j += 1
            if j >= span.end or _starts_sentence(text[j]):
                out.append((start, j))
                start = j
                i = j
    if start < span.end:
        out.append((start, span.end))
    return [_trim(doc, a, b) for a, b in out if span_text(doc, a, b).strip()]


def _sentence_marks(doc: Doc) -> frozenset[str]:
    """The words of a document that may end a sentence: a sentence-ending mark or a word that
    ends with a full stop (each distinct word tested once)."""
    return frozenset(w for w in set(words(doc)) if w[-1:] == "." or w in SENTENCE_END)


def _final_abbreviation(text: list[str], i: int, end: int, start: int = 0) -> bool:
    """An abbreviation's full stop that also ends the sentence: the next word is a
    capitalised function word ("… shortly after 11 p.m. One witness said", "… in the U.S.
    The company"), which no name after "p.m." or "U.S." starts with, or the abbreviation is a
    letter after a lower-case word (:func:`_final_letter`). A title's full stop never ends one
    ("Dr. Who")."""
    word = text[i]
    if len(word) < 2 or not word.endswith(".") or word in _title_forms():
        return False
    k = i + 1
    while k < end and text[k].isspace():
        k += 1
    if k >= end or not text[k][:1].isupper():
        return False
    return text[k].lower() in STOP_WORDS or _final_letter(text, i, k, start)


def _final_letter(text: list[str], i: int, k: int, start: int) -> bool:
    """A capital letter and its full stop after a lower-case word end the sentence: the
    letter names something ("said in a post on X. Aid convoys", "low in vitamin D. Doctors"),
    where an initial follows a given name or opens a name ("John F. Kennedy", "J. K.
    Rowling"), so an initial or a given name after it keeps it an initial ("founder L. Ron
    Hubbard"), unless the letter is a name of its own ("a post on X. Mario Marcel said")."""
    h = i - 1
    while h >= start and text[h].isspace():
        h -= 1
    return (
        len(text[i]) == 2
        and text[i][0].isupper()
        and h >= start
        and text[h][:1].islower()
        and not INITIALS.fullmatch(text[k])
        and (text[k] not in given_names() or text[i] in WORDS.letter_names)
    )


@cache
def _title_forms() -> frozenset[str]:
    """The lexicon's titles written with a full stop ("Gen.", "Sen.")."""
    return frozenset(f for t in load_lexicon().titles for f in t.forms if f.endswith("."))


def _closes(doc: Doc, j: int) -> bool:
    """A closing mark: curly closers always, straight quotes only when attached ('."')."""
    text = words(doc)[j]
    if text in {'"', "'"}:
        return not spaced(doc)[j - 1]
    return text in CLOSERS


def _starts_sentence(text: str) -> bool:
    return text[:1].isupper() or text[:1].isdigit() or text[:1] in OPENERS


def _trim(doc: Doc, start: int, end: int) -> Span:
    """Tokens ``start``-``end`` without the white space at either end."""
    text = words(doc)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return doc[start:end]
