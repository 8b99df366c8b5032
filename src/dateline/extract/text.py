"""Small, pure helpers over tokens and strings shared by the extractors."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from operator import add
from typing import ClassVar, TypeVar

from spacy.attrs import IDX, IS_PUNCT, LENGTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from dateline.lexicon.model import FoldedTokens, Openers, folded_key
from dateline.lexicon.rules import rule_words

T = TypeVar("T")


@dataclass(frozen=True)
class TextWords:
    """Word lists shared by the extractors, read from ``lexicon/data/rules/text.yaml``."""

    FILE: ClassVar[str] = "text.yaml"
    determiners: frozenset[str]
    connectors: frozenset[str]


WORDS = rule_words(TextWords)
#: The clitic after a possessor ("the council's", "Syria’s"), as the tokenizer cuts it.
POSSESSIVES = frozenset({"'s", "’s"})
OPEN_QUOTES = frozenset({"“", '"', "‘"})
CLOSE_QUOTES = frozenset({"”", '"', "’"})
DETERMINERS = WORDS.determiners  # the names the other extractors import
CONNECTORS = WORDS.connectors
SLUG_DROP = re.compile(r"[^a-z0-9]+")
#: Initials of a name ("K.C. Maurer", "J. Smith", "John F. Kennedy").
INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")


def slug(text: str) -> str:
    """``"Mohammed Shia al-Sudani"`` → ``"mohammed-shia-al-sudani"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return SLUG_DROP.sub("-", ascii_text.lower().replace("'s", "").replace("’s", "")).strip("-")


def row_id(prefix: str, *parts: object) -> str:
    """A short content-derived id: the same inputs always give the same id."""
    digest = hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:12]
    return f"{prefix}-{digest}"


BODY = "body"  # where a document keeps its text (``doc.user_data``)
THE = frozenset({"the"})  # its ``__contains__`` is a fast C call to map (``str.__eq__`` is not)


def per_doc(doc: Doc, key: str, compute: Callable[[Doc], T]) -> T:
    """``compute(doc)``, computed once per document and kept in ``doc.user_data[key]``. The
    token arrays below, read in every hot loop, first read the kept value themselves."""
    data = doc.user_data
    try:  # computed already, almost always: no call to ``get`` and no sentinel test
        return data[key]
    except KeyError:
        pass
    value = data[key] = compute(doc)  # outside the handler: its errors stand on their own
    return value


def body(doc: Doc) -> str:
    """The document's text, computed once (spaCy's ``Doc.text`` joins every token each call)."""
    try:  # kept, almost always: a subscript, no call
        return doc.user_data[BODY]
    except KeyError:
        return per_doc(doc, BODY, _body)


def _body(doc: Doc) -> str:
    return doc.text


def with_body(doc: Doc, text: str) -> Doc:
    """``doc``, tokenised from ``text``, with ``text`` kept as its :func:`body`: spaCy's
    tokens and their white space make up the text they were cut from, so joining them again
    (a ``Token`` made per token) gives nothing new."""
    doc.user_data[BODY] = text
    return doc


def token_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end character of every token, computed once per document (read in one array:
    no ``Token`` object is made)."""
    try:  # kept, almost always: a subscript, no call
        return doc.user_data["bounds"]
    except KeyError:
        return per_doc(doc, "bounds", _bounds)


def _bounds(doc: Doc) -> tuple[list[int], list[int]]:
    starts, lengths = doc.to_array([IDX, LENGTH]).T.tolist() if len(doc) else ([], [])
    return starts, list(map(add, starts, lengths))  # mapped in C


def words(doc: Doc) -> list[str]:
    """The text of every token (slices of the body), computed once per document."""
    try:  # kept, almost always: a subscript, no call
        return doc.user_data["words"]
    except KeyError:
        return per_doc(doc, "words", _words)


def _words(doc: Doc) -> list[str]:
    text = body(doc)
    return [text[s:e] for s, e in zip(*token_bounds(doc), strict=True)]


def spaced(doc: Doc) -> list[bool]:
    """Whether white space follows each token (``Token.whitespace_``), computed once per
    document: a token and its white space make up the body, so it is the gap to the next."""
    try:  # kept, almost always: a subscript, no call
        return doc.user_data["spaced"]
    except KeyError:
        return per_doc(doc, "spaced", _spaced)


def _spaced(doc: Doc) -> list[bool]:
    starts, ends = token_bounds(doc)
    nexts = [*starts[1:], len(body(doc))][: len(starts)]
    return [end < nxt for end, nxt in zip(ends, nexts, strict=True)]


def puncts(doc: Doc) -> list[bool]:
    """``Token.is_punct`` of every token, read in one array once per document."""
    return per_doc(doc, "puncts", _puncts)


def _puncts(doc: Doc) -> list[bool]:
    return [bool(x) for x in doc.to_array(IS_PUNCT).tolist()] if len(doc) else []


def lowers(doc: Doc) -> list[str]:
    """The lower-case text of every token (``Token.lower_``, which is ``str.lower``), computed
    once per document."""
    try:  # kept, almost always: a subscript, no call
        return doc.user_data["lowers"]
    except KeyError:
        return per_doc(doc, "lowers", _lowers)


def _lowers(doc: Doc) -> list[str]:
    return [w.lower() for w in words(doc)]


def caps(doc: Doc) -> list[bool]:
    """:func:`is_cap` of every token, computed once per document."""
    try:  # kept, almost always: a subscript, no call
        return doc.user_data["caps"]
    except KeyError:
        return per_doc(doc, "caps", _caps)


def _caps(doc: Doc) -> list[bool]:
    tokens = words(doc)
    capital = {w for w in set(tokens) if cap_text(w)}  # each distinct word tested once
    return list(map(capital.__contains__, tokens))


def admitted(doc: Doc, openers: Openers) -> list[bool]:
    """Whether a window from each token may match a key of the table that ``openers`` gates
    (``openers.admits_word`` of a token that white space follows, else ``openers.admits``),
    computed once per document and table, each distinct folded word and spacing tested once."""
    kept = per_doc(doc, "admitted", _Admitted.of)
    flags = kept.tables.get(openers)
    if flags is None:
        flags = kept.tables[openers] = list(map(kept.distinct(openers).__getitem__, kept.ids))
    return flags


def extended(doc: Doc, openers: Openers) -> list[bool]:
    """Whether a window of two or more tokens from each token may match a key of the table
    that ``openers`` gates (``Openers.extending``): a token that white space follows and that
    opens no key of several words opens a window of one token only. Computed once per document
    and table, each distinct folded word and spacing tested once."""
    kept = per_doc(doc, "admitted", _Admitted.of)
    flags = kept.longer.get(openers)
    if flags is None:
        flags = kept.longer[openers] = list(map(openers.extending(kept.keys).__getitem__, kept.ids))
    return flags


def word_flags(
    doc: Doc, test: Callable[[str, bool], bool], table: Openers, *tables: Openers
) -> list[bool]:
    """For each token, whether ``test`` holds of its text and whether white space follows it,
    or a table admits it (see
    :func:`admitted`), each distinct word and spacing judged once."""
    kept = per_doc(doc, "admitted", _Admitted.of)
    admits = map(any, zip(*(kept.distinct(t) for t in (table, *tables)), strict=True))
    flags = [a or test(w, space) for a, (w, space) in zip(admits, kept.tokens, strict=True)]
    return list(map(flags.__getitem__, kept.ids))


def admitted_through(doc: Doc, openers: Openers) -> list[bool]:
    """:func:`admitted`, read through the tokens that normalisation drops at a window's start
    (white space; "the" and the space after it): a window from such a token matches a key
    only where one from the next token may (``Openers`` admits them all)."""
    flags = list(admitted(doc, openers))
    for k in per_doc(doc, "dropped", _dropped):
        flags[k] = k + 1 < len(flags) and flags[k + 1]
    return flags


def _dropped(doc: Doc) -> list[int]:
    """The tokens that normalisation drops at a window's start, last first."""
    space = spaced(doc)
    low = lowers(doc)
    return [
        k for k in range(len(low) - 1, -1, -1) if (low[k] == "the" and space[k]) or low[k].isspace()
    ]


@dataclass(frozen=True)
class _Admitted:
    """Per document: each distinct word and whether white space follows it (``tokens``), the
    ``folded_key`` of each such pair (``keys``), the pair of each token (an index into both),
    :func:`admitted` by table, of each pair and of each token, and :func:`extended` of each
    token by table."""

    tokens: list[tuple[str, bool]]
    keys: FoldedTokens
    ids: list[int]
    tables: dict[Openers, list[bool]]
    pairs: dict[Openers, list[bool]]
    longer: dict[Openers, list[bool]]

    @classmethod
    def of(cls, doc: Doc) -> _Admitted:
        tokens = list(zip(words(doc), spaced(doc), strict=True))
        distinct = dict.fromkeys(tokens)
        pairs = [pair for pair in distinct if pair[1]]  # those white space follows first
        n = len(pairs)
        pairs += [pair for pair in distinct if not pair[1]]
        folded = [folded_key(word) for word, _ in pairs]
        keys = FoldedTokens(folded[:n], folded[n:])
        ids = {pair: k for k, pair in enumerate(pairs)}
        return cls(pairs, keys, list(map(ids.__getitem__, tokens)), {}, {}, {})

    def distinct(self, openers: Openers) -> list[bool]:
        """Whether ``openers`` admits each distinct pair, tested once per table."""
        flags = self.pairs.get(openers)
        if flags is None:
            flags = self.pairs[openers] = openers.admitting(self.keys)
        return flags


def before(n: int, marks: Iterable[int], reach: int) -> list[bool]:
    """For each of ``n`` tokens, whether one of the tokens ``marks`` lies 1 to ``reach``
    tokens after it (a gate set from the few tokens a rule needs ahead, not token by token)."""
    out = [False] * n
    for m in marks:
        out[max(0, m - reach) : m] = [True] * (m - max(0, m - reach))
    return out


def key_windows(
    doc: Doc, opening: Iterable[int], openers: Openers, size: int, lookup: Callable[[str], T | None]
) -> dict[int, dict[int, T]]:
    """The windows of up to ``size`` tokens from the tokens ``opening`` whose text ``lookup``
    finds, as start token -> end token (longest first) -> what it found, looking up only the
    windows of :func:`key_ends` (a token that opens no window of several tokens,
    :func:`extended`, only its own text)."""
    text, (starts, ends), tokens = body(doc), token_bounds(doc), words(doc)
    longer = extended(doc, openers)
    out: dict[int, dict[int, T]] = {}
    for i in opening:
        if not longer[i]:  # the window of one token: key_ends gives ``[i + 1]``
            value = lookup(tokens[i])
            if value is not None:
                out[i] = {i + 1: value}
            continue
        found: dict[int, T] = {}
        for j in _key_ends(text, starts, ends, i, min(len(doc), i + size), openers):
            value = lookup(text[starts[i] : ends[j - 1]])  # span_text(doc, i, j)
            if value is not None:
                found[j] = value
        if found:
            out[i] = found
    return out


def key_ends(doc: Doc, i: int, end: int, size: int, openers: Openers) -> list[int]:
    """The ends ``j`` (longest first, by ``end`` and ``i + size``) of the windows from token
    ``i`` that may match a key of the table ``openers`` gates, when ``i`` may open one: a token
    that opens no window of several tokens (:func:`extended`: white space follows it and it
    opens no key of several words, "said", "attacked") opens a window of one token only, and
    a window that no key opens with ends the scan (``Openers.extends``)."""
    last = min(end, i + size)
    if not extended(doc, openers)[i]:
        last = min(last, i + 1)
    starts, ends = token_bounds(doc)
    return list(_key_ends(body(doc), starts, ends, i, last, openers))


def _key_ends(
    text: str, starts: list[int], ends: list[int], i: int, last: int, openers: Openers
) -> range:
    """:func:`key_ends` up to ``last``, read from the body and the token bounds."""
    j = i + 1
    while j < last and openers.extends(text[starts[i] : ends[j - 1]]):
        j += 1
    # ``j`` is ``last`` or the first window that cannot match (nor can any longer one)
    return range(j if j == last else j - 1, i, -1)


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` as a slice of the body, without building a ``Span``.

    Out-of-range and negative bounds are clipped the way spaCy clips a slice.
    """
    n = len(doc)
    if not 0 <= start < end <= n:  # clip only when the bounds need it (rarely)
        start = min(n, max(0, start + n if start < 0 else start))
        end = min(n, max(start, end + n if end < 0 else end))
        if start == end:
            return ""
    starts, ends = token_bounds(doc)
    return body(doc)[starts[start] : ends[end - 1]]


def content_word(tok: Token) -> bool:
    """A lower-case word that is not a stop word: "public", "firm", "publisher"."""
    return tok.is_lower and tok.is_alpha and tok.lower_ not in STOP_WORDS


def is_cap(tok: Token) -> bool:
    """Capitalised word ("Iraq", "U.S.", "ISIS"), not a number or punctuation."""
    return cap_text(tok.text)


def cap_text(t: str) -> bool:
    """:func:`is_cap` of a token's text."""
    # an upper-case first character is almost always a letter: the scan is for "Ⅳ", "Ⓐ"
    return t[:1].isupper() and (t[0].isalpha() or any(c.isalpha() for c in t))


def joined(tok: Token) -> bool:
    """No space between this token and the next ("al" "-" "Sudani")."""
    return not tok.whitespace_


def sentence_initial(tok: Token, sent: Span) -> bool:
    """First word of the sentence, or first word inside an opening quotation mark."""
    return opens_sentence(tok.doc, tok.i, sent)


def opens_sentence(doc: Doc, i: int, sent: Span) -> bool:
    """:func:`sentence_initial` of token ``i``, read from the per-document words."""
    if i == sent.start:
        return True
    prev = words(doc)[i - 1]
    return prev in OPEN_QUOTES or prev in {":", "(", "—", "–"}


def words_before(text: str, end: int) -> Iterator[str]:
    """The words of ``text[:end]`` as ``str.split()`` cuts them, last first (without splitting
    the whole prefix)."""
    k = end
    while k > 0:
        while k > 0 and text[k - 1].isspace():
            k -= 1
        stop = k
        while k > 0 and not text[k - 1].isspace():
            k -= 1
        if k < stop:
            yield text[k:stop]


@lru_cache(maxsize=1 << 14)
def singular(word: str) -> str:
    """The lower-case singular of an English plural noun ("witnesses", "parties", "rebels")."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes")) and len(w) > 5:
        return w[:-2]  # "witnesses", "coaches", "taxes"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def openers(phrases: Iterable[str]) -> frozenset[str]:
    """Every prefix of every phrase (lower case): a window of tokens whose lower-case text is
    one of ``phrases`` opens with a token whose lower-case text is in this set, so a scan for
    them skips every other token (``longest_matches(..., opens=...)``)."""
    return frozenset(p.lower()[:n] for p in phrases for n in range(1, len(p) + 1))


def longest_matches(
    span: Span,
    size: int,
    match: Callable[[int, int], T | None],
    opens: Callable[[int], bool] | None = None,
    ends: Callable[[int], Iterable[int]] | None = None,
) -> Iterator[tuple[int, int, T]]:
    """Scan ``span`` left to right; at each token take the longest window (up to ``size``
    tokens) that ``match(start, end)`` accepts, and go on after it. Positions where
    ``opens(start)`` is false cannot start a match and are skipped; ``ends(start)``, when
    given, lists the only ends (longest first, by ``size``) where ``match`` may accept a
    window from ``start``, so the others are not asked. The matches come as the scan finds
    them: a reader that needs only the first stops the scan there."""
    i, end = span.start, span.end
    while i < end:
        if opens is not None:  # the next opening position (``filter`` steps over the others)
            i = next(filter(opens, range(i, end)), end)
            if i == end:
                break
        tried = range(min(end, i + size), i, -1) if ends is None else ends(i)
        for j in tried:
            if j > end:
                continue  # past the span: only an ``ends`` list holds such an end
            found = match(i, j)
            if found is not None:
                yield i, j, found
                i = j
                break
        else:
            i += 1
