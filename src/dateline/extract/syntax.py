"""The linguistic layer: part of speech and dependencies, the one place rules read syntax from.

dateline's tagger and parser (``src/dateline/models/ud_ewt``, trained here on the UD English
Web Treebank by ``scripts/train_parser.py``) read the sentences whose parse a rule reads:
those with a speech cue or an event trigger, and those where a name rule asks about a word
(``extract/gate``). They read the extraction document's own tokens (no second tokenisation),
all of one document in one batch and never with another document's, so a parse is a pure
function of the document. The result is kept on the document (``doc.user_data``), so every
rule of one extraction shares one parse::

    from dateline.extract.syntax import syntax

    syn = syntax(seg, res)          # seg = segment(article, res); parsed once per document
                                    # (extract() parses right after segmenting;
                                    # kept_syntax(doc) reads that parse back)
    v = syn.governing_verb(i)       # i, v: token indices of ``seg.doc``
    if v is not None and syn.is_negated(v): ...

Every helper takes and returns token indices of the extraction document (``seg.doc``); a token
of a sentence that was not parsed (or every token, with ``Resources.without_parser()``) has no
tags and no relations (``None``, ``()`` or ``False``), so a rule checks :meth:`Syntax.parsed`
and falls back to its word-window behaviour.

=============================  ==============================================================
``parsed(i)``                  whether token ``i``'s sentence was parsed
``upos(i)`` / ``xpos(i)``      universal / Penn part of speech ("PROPN" / "NNP")
``head(i)`` / ``dep(i)``       the head's index (``None`` at the root) and the UD relation
``children(i, *deps)``         dependents in text order, optionally only those with ``deps``
``extent(i)``                  (start, end) token range of ``i`` and everything under it
``token_at(char)``             the token holding body offset ``char``
``governing_verb(i)``          ``i`` if it is a verb, else its nearest verb ancestor
``subject(v)``                 nsubj / nsubj:pass / csubj, else the subject ``v`` shares
                               with the verb it is an xcomp or a conjunct of
``objects(v)``                 obj and iobj dependents
``obliques(v)``                (preposition, noun) of each obl dependent ("out of the talks")
``agent(v)``                   the "by" phrase of a passive verb
``is_passive(v)``              nsubj:pass or aux:pass under ``v``
``complement(v)``              a clausal complement: ccomp, else xcomp, else parataxis
``reported_clause(v)``         for a speech verb: its complement, or the clause it is a
                               parenthetical of ("X, he said" attaches "said" as parataxis)
``conjuncts(i)``               the other members of ``i``'s coordination
``is_negated(v)``              a negating adverb under ``v`` ("not", "never")
``mood(v)``                    :class:`Mood`: modal auxiliaries, and "if"/"unless" conditions
``is_proper_noun(i)``          PROPN / NNP(S); ``None`` where not parsed
=============================  ==============================================================

The word lists (negators, modals, condition marks) are in ``lexicon/data/rules/syntax.yaml``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import numpy
from spacy.attrs import DEP, HEAD
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import registry

from dateline.extract.inference import layers_of, tag_and_parse
from dateline.extract.text import per_doc, spaced, token_bounds, words
from dateline.lexicon.rules import rule_words

if TYPE_CHECKING:
    from spacy.language import Language

    from dateline.extract.resources import Resources
    from dateline.extract.segment import Segmented

#: The shipped model: ``scripts/train_parser.py`` writes it, ``Resources.parser`` loads it.
MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "ud_ewt"
KEY = "syntax"  # where a document keeps its parse (``doc.user_data``)
SUBJECTS = ("nsubj", "nsubj:pass", "csubj", "csubj:pass")
OBJECTS = ("obj", "iobj")
OBLIQUES = ("obl", "obl:agent", "obl:unmarked", "obl:tmod", "obl:npmod")
COMPLEMENTS = ("ccomp", "xcomp", "parataxis")
SHARES_SUBJECT = ("xcomp", "conj")  # "agreed to withdraw", "arrived and said"
VERBS = frozenset({"VERB"})
PROPER = frozenset({"PROPN"})
PROPER_TAGS = frozenset({"NNP", "NNPS"})
ATTRS = [DEP, HEAD]  # what the parser gives each token, read in one array


@dataclass(frozen=True)
class SyntaxWords:
    """The word lists of the linguistic layer, read from ``lexicon/data/rules/syntax.yaml``."""

    FILE: ClassVar[str] = "syntax.yaml"
    negators: frozenset[str]
    modals: frozenset[str]
    conditions: frozenset[str]


WORDS = rule_words(SyntaxWords)


@dataclass(frozen=True)
class Mood:
    """How a verb is qualified: ``modals`` under it ("will", "could"), ``marker`` when its own
    clause is a condition ("if they attack": "if"), ``condition`` when a condition clause hangs
    on it ("will leave unless paid": "unless")."""

    modals: tuple[str, ...] = ()
    marker: str | None = None
    condition: str | None = None

    @property
    def hypothetical(self) -> bool:
        """Not reported as fact: a modal, or either side of a condition."""
        return bool(self.modals or self.marker or self.condition)


@dataclass(frozen=True, eq=False)
class Syntax:
    """Tags and dependencies of the parsed sentences of one document, by token index of the
    extraction document; see the module docstring for the helpers."""

    doc: Doc
    sentences: frozenset[int] = frozenset()  # indices of the parsed sentences
    _upos: dict[int, str] = field(default_factory=dict, repr=False)
    _xpos: dict[int, str] = field(default_factory=dict, repr=False)
    _dep: dict[int, str] = field(default_factory=dict, repr=False)
    _head: dict[int, int] = field(default_factory=dict, repr=False)  # root: itself
    _children: dict[int, tuple[int, ...]] = field(default_factory=dict, repr=False)

    # -- tokens ---------------------------------------------------------------------------
    def parsed(self, i: int) -> bool:
        """Whether token ``i`` was parsed (its sentence needed syntax; it is not white space)."""
        return i in self._dep

    def upos(self, i: int) -> str | None:
        """Universal part of speech ("PROPN", "VERB", ...)."""
        return self._upos.get(i)

    def xpos(self, i: int) -> str | None:
        """Penn Treebank tag ("NNP", "VBD", ...)."""
        return self._xpos.get(i)

    def dep(self, i: int) -> str | None:
        """UD relation to the head ("nsubj", "obj", ...; "ROOT" at the root)."""
        return self._dep.get(i)

    def head(self, i: int) -> int | None:
        """The head's token index; ``None`` at the root or where not parsed."""
        h = self._head.get(i)
        return None if h is None or h == i else h

    def children(self, i: int, *deps: str) -> tuple[int, ...]:
        """Dependents of ``i`` in text order (only those whose relation is in ``deps``, if
        given)."""
        kids = self._children.get(i, ())
        return tuple(k for k in kids if self._dep[k] in deps) if deps else kids

    def _child(self, i: int, deps: Sequence[str]) -> int | None:
        """The first dependent with the first relation of ``deps`` that ``i`` has."""
        kids = self._children.get(i, ())
        for dep in deps:
            for k in kids:
                if self._dep[k] == dep:
                    return k
        return None

    def ancestors(self, i: int) -> Iterator[int]:
        """Heads of ``i``, nearest first."""
        h = self.head(i)
        while h is not None:
            yield h
            h = self.head(h)

    def extent(self, i: int) -> tuple[int, int]:
        """(start, end) token range covering ``i`` and every token under it."""
        lo = hi = i
        stack = [i]
        while stack:
            k = stack.pop()
            lo, hi = min(lo, k), max(hi, k)
            stack.extend(self._children.get(k, ()))
        return lo, hi + 1

    def token_at(self, char: int) -> int | None:
        """The token whose characters hold body offset ``char``."""
        starts, ends = token_bounds(self.doc)
        k = bisect_right(starts, char) - 1
        return k if k >= 0 and char < ends[k] else None

    def is_proper_noun(self, i: int) -> bool | None:
        """Whether the tagger reads token ``i`` as a proper noun; ``None`` where not parsed."""
        if not self.parsed(i):
            return None
        return self._upos[i] in PROPER or self._xpos[i] in PROPER_TAGS

    # -- clauses --------------------------------------------------------------------------
    def governing_verb(self, i: int) -> int | None:
        """``i`` if it is a verb, else its nearest verb ancestor ("eased" for "blockade" in
        "eased the blockade")."""
        if self._upos.get(i) in VERBS:
            return i
        return next((h for h in self.ancestors(i) if self._upos[h] in VERBS), None)

    def subject(self, v: int) -> int | None:
        """The subject of ``v``; a verb without one takes the subject of the verb it is an
        xcomp or a conjunct of ("they agreed to withdraw", "he arrived and said")."""
        seen = {v}
        while True:
            s = self._child(v, SUBJECTS)
            h = self.head(v)
            if s is not None or h is None or self._dep[v] not in SHARES_SUBJECT or h in seen:
                return s
            v = h
            seen.add(v)

    def objects(self, v: int) -> tuple[int, ...]:
        """Direct and indirect objects of ``v`` (obj, iobj), in text order."""
        return self.children(v, *OBJECTS)

    def obliques(self, v: int) -> tuple[tuple[str, int], ...]:
        """(preposition in lower case, or "" when none, noun) of each oblique of ``v``:
        "pulled out of the talks" gives ("of", talks)."""
        out = []
        for k in self.children(v, *OBLIQUES):
            case = self.children(k, "case")
            out.append((" ".join(words(self.doc)[c].lower() for c in case), k))
        return tuple(out)

    def is_passive(self, v: int) -> bool:
        """A passive verb: a passive subject or auxiliary under it ("was attacked")."""
        return bool(self.children(v, "nsubj:pass", "aux:pass"))

    def agent(self, v: int) -> int | None:
        """The doer of a passive verb: its "by" phrase ("attacked by militants")."""
        agent = self._child(v, ("obl:agent",))
        if agent is not None or not self.is_passive(v):
            return agent
        return next((k for prep, k in self.obliques(v) if prep == "by"), None)

    def complement(self, v: int) -> int | None:
        """The head of ``v``'s clausal complement: ccomp ("said that ..."), else xcomp
        ("agreed to ..."), else parataxis ("said: ...")."""
        return self._child(v, COMPLEMENTS)

    def reported_clause(self, v: int) -> int | None:
        """For a speech verb: the clause reported. Its complement, else the clause that
        ``v`` is a parenthetical of ("Talks failed, he said": "failed")."""
        found = self.complement(v)
        if found is None and self._dep.get(v) == "parataxis":
            return self.head(v)
        return found

    def conjuncts(self, i: int) -> tuple[int, ...]:
        """The other members of ``i``'s coordination, in text order ("Iraq and Syria")."""
        first = i
        while self._dep.get(first) == "conj" and self.head(first) is not None:
            first = self._head[first]
        members = {first}
        stack = [first]
        while stack:
            for k in self.children(stack.pop(), "conj"):
                members.add(k)
                stack.append(k)
        members.discard(i)
        return tuple(sorted(members))

    def is_negated(self, v: int) -> bool:
        """A negating adverb under ``v`` ("did not sign", "never agreed", "won't")."""
        lower = words(self.doc)
        return any(
            self._dep[k] == "neg" or (self._dep[k] == "advmod" and lower[k].lower() in NEGATORS)
            for k in self._children.get(v, ())
        )

    def mood(self, v: int) -> Mood:
        """The modal auxiliaries of ``v`` and the conditions on either side of it."""
        text = words(self.doc)
        modals = tuple(
            text[k].lower() for k in self.children(v, "aux") if text[k].lower() in MODALS
        )
        marker = next(
            (text[k].lower() for k in self.children(v, "mark") if text[k].lower() in CONDITIONS),
            None,
        )
        condition = next(
            (
                text[m].lower()
                for k in self.children(v, "advcl")
                for m in self.children(k, "mark")
                if text[m].lower() in CONDITIONS
            ),
            None,
        )
        return Mood(modals, marker, condition)


NEGATORS = WORDS.negators
MODALS = WORDS.modals
CONDITIONS = WORDS.conditions


# -- parsing the sentences the gate chooses ------------------------------------------------
#: The tokenizer the parser is loaded with: it parses Docs made of the extraction's own tokens
#: (:func:`parse`) and never tokenizes a text, so it gets a tokenizer without rules (white space
#: only) instead of spaCy's English one, whose 1,300 special cases take a third of its load.
BARE_TOKENIZER = "dateline.bare_tokenizer.v1"


@registry.tokenizers(BARE_TOKENIZER)
def bare_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's tokenizer with no prefixes, suffixes, infixes or special cases."""

    def create(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return create


@cache
def load_parser(path: Path = MODEL_DIR) -> Language:
    """The tagger and parser in ``path``, loaded once per process (offline: a folder). Its
    tokenizer is :data:`BARE_TOKENIZER`: it reads Docs, never texts."""
    import spacy

    tokenizer = {"nlp.tokenizer.@tokenizers": BARE_TOKENIZER}
    return spacy.load(path, exclude=["tokenizer"], config=tokenizer)


def syntax(seg: Segmented, res: Resources) -> Syntax:
    """The syntax of ``seg``'s document under ``res``: parsed on first use, then kept on the
    document (``doc.user_data``) for every later rule of the same extraction."""
    kept = per_doc(seg.doc, KEY, lambda _: (res, parse(seg, res)))
    if kept[0] is res:
        return kept[1]
    seg.doc.user_data[KEY] = kept = (res, parse(seg, res))  # another resources' parse
    return kept[1]


def kept_syntax(doc: Doc) -> Syntax:
    """The syntax that :func:`syntax` kept on ``doc`` (``extract`` parses right after
    segmenting), for rules that see the document but not its segmentation (the mention
    detectors); nothing parsed when it has not run."""
    kept = doc.user_data.get(KEY)
    return kept[1] if kept is not None else Syntax(doc)


def parse(seg: Segmented, res: Resources) -> Syntax:
    """Tag and parse, in one batch, the sentences of ``seg`` whose parse a rule reads
    (``extract/gate``).

    The model reads the whole batch at once (``extract/inference``: ``Language.pipe`` would
    have the parser cut it again into quarter-size sub-batches, and every model call has a
    fixed cost). The parser writes its trees on the batch's documents, read back in one array;
    the tagger's and the morphologizer's guesses come back as labels without being written
    there, since nothing reads them from the batch. A sentence's tags and tree do not depend
    on the batch it is parsed in (``tests/test_syntax.py``)."""
    from dateline.extract.gate import sentences_to_parse  # the gate reads the rules' modules

    doc = seg.doc
    parser = res.parser
    if parser is None:
        return Syntax(doc)
    wanted = sentences_to_parse(seg, res)
    chosen: list[int] = []
    tokens: list[Sequence[int]] = []
    batch: list[Doc] = []
    for sent in seg.sentences:
        if sent.index in wanted:
            kept = _kept(doc, sent.span.start, sent.span.end)
            if kept:
                chosen.append(sent.index)
                tokens.append(kept)
                batch.append(_batch_doc(doc, kept, parser))
    if not tokens:
        return Syntax(doc)
    guesses = tag_and_parse(layers_of(parser), batch)
    index = list(chain.from_iterable(tokens))
    deps, heads = _relations(batch, index)
    children: dict[int, list[int]] = {}
    for i, head in zip(index, heads, strict=True):
        if head != i:
            children.setdefault(head, []).append(i)
    return Syntax(
        doc,
        frozenset(chosen),
        dict(zip(index, guesses.upos, strict=True)),
        dict(zip(index, guesses.tags, strict=True)),
        dict(zip(index, deps, strict=True)),
        dict(zip(index, heads, strict=True)),
        {h: tuple(ks) for h, ks in children.items()},
    )


def _kept(doc: Doc, start: int, end: int) -> Sequence[int]:
    """The tokens of ``doc[start:end]`` that are not white space (``str.isspace`` is
    ``Token.is_space``): all of them, almost always."""
    text = words(doc)
    if not any(map(str.isspace, text[start:end])):
        return range(start, end)
    return [i for i in range(start, end) if not text[i].isspace()]


def _batch_doc(doc: Doc, kept: Sequence[int], parser: Language) -> Doc:
    """A document of the model's vocabulary holding the tokens ``kept`` of ``doc``."""
    text, space = words(doc), spaced(doc)
    return Doc(parser.vocab, words=[text[i] for i in kept], spaces=[space[i] for i in kept])


def _relations(batch: list[Doc], index: list[int]) -> tuple[list[str], list[int]]:
    """The relation and the head of every token of the parsed ``batch``, in batch order, the
    head as an index of the extraction document (``index[k]`` is that of batch token ``k``)."""
    array = numpy.concatenate([parsed.to_array(ATTRS) for parsed in batch])
    offsets = array[:, 1].view("int64")  # the head's offset, negative to the left
    heads = numpy.asarray(index)[numpy.arange(len(index)) + offsets].tolist()
    dep = array[:, 0].tolist()
    strings = batch[0].vocab.strings
    names = {h: strings[h] for h in set(dep)}
    return list(map(names.__getitem__, dep)), heads
