"""How the words of one sentence relate, as event coding needs it: which trigger governs
which, whether a trigger is a noun, whether it sits in a condition.

:class:`Reading` answers from word windows; :class:`ParsedReading` answers from the dependency
parse (``extract/syntax``) wherever the sentence was parsed, and from the windows elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from dateline.extract.events.triggers import Found
from dateline.extract.events.words import REVERSAL_SIZE, WORDS
from dateline.extract.segment import Segmented, Sentence
from dateline.extract.syntax import Syntax, syntax
from dateline.extract.text import (
    DETERMINERS,
    POSSESSIVES,
    longest_matches,
    lowers,
    openers,
    span_text,
    words,
)
from dateline.lexicon import Lexicon, Trigger

if TYPE_CHECKING:
    from dateline.extract.resources import Resources

#: Words that may stand between a verb and the action it governs ("asked Algeria to release",
#: "turned down the request", "lifted sanctions on", "rejected India's offer of talks").
GAP = 5
#: Most words from an allegation's "of" to the action it alleges ("of corruption and aiding").
ALLEGED_REACH = 4
#: Most words from an allegation word to its "of" ("accused the city's mayor of": 4).
ALLEGED_OBJECT = 4
#: A possessive clitic or determiner: "Iraq's", "its", "their".
OWNERS = POSSESSIVES | {"its", "their", "his", "her", "our", "your", "my"}
COORDINATORS = frozenset({"and", "but", "or"})
LINKING_PREPOSITIONS = frozenset({"of", "for", "on", "to", "against", "with", "from"})
#: Prepositions that never open a clause ("to troops stationed on", but "after troops
#: deployed": a clause with its subject).
PURE_PREPOSITIONS = (WORDS.prepositions - WORDS.subordinators - {"since"}) | {"to"}
NOUN_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "al", "ure", "age", "ade", "ship")
#: Tokens that may open a reversal verb or a conditional (the scans skip every other token).
REVERSAL_OPENERS = openers(WORDS.reversal_verbs | WORDS.ending_verbs)
CONDITION_OPENERS = openers(WORDS.conditionals)
CONDITION_SIZES = (3, 2, 1)  # tokens of a conditional ("as long as", "unless"), longest first


@dataclass(frozen=True)
class Node:
    """A word that reports or undoes an action: a trigger (``trigger``), a reversal verb
    (``reversal``: "reverse" or "end"), or both ("lifted" is a trigger of the lexicon's
    ``ease restrictions`` and a reversal verb)."""

    i: int
    j: int
    trigger: Trigger | None
    reversal: str | None


def nodes_in(doc: Doc, sent: Sentence, found: list[Found]) -> list[Node]:
    """The triggers of a sentence and its reversal verbs, in text order."""
    out = [Node(i, j, t, _reversal(span_text(doc, i, j))) for i, j, t in found]
    taken = {k for i, j, _ in found for k in range(i, j)}
    low = lowers(doc)

    def match(i: int, j: int) -> str | None:
        if any(k in taken for k in range(i, j)):
            return None
        return _reversal(span_text(doc, i, j))

    def opens(i: int) -> bool:
        return low[i] in REVERSAL_OPENERS

    for i, j, kind in longest_matches(sent.span, REVERSAL_SIZE, match, opens):
        out.append(Node(i, j, None, kind))
    return sorted(out, key=lambda n: n.i)


def _same_type(a: Node, b: Node) -> bool:
    return (
        a.trigger is not None
        and b.trigger is not None
        and (a.trigger.event_type == b.trigger.event_type)
    )


def _reversal(text: str) -> str | None:
    low = text.lower()
    if low in WORDS.reversal_verbs:
        return "reverse"
    return "end" if low in WORDS.ending_verbs else None


class Reading:
    """Word-window answers about one sentence."""

    def __init__(self, doc: Doc, sent: Sentence, lex: Lexicon) -> None:
        self.doc = doc
        self.sent = sent
        self.lex = lex
        self._lower = lowers(doc)[sent.span.start : sent.span.end]

    def low(self, k: int) -> str:
        """Token ``k`` in lower case ('' outside the sentence)."""
        at = k - self.sent.span.start
        return self._lower[at] if 0 <= at < len(self._lower) else ""

    # -- structure ------------------------------------------------------------------------
    def governs(self, a: Node, b: Node) -> bool:
        """``b`` is what ``a`` acts on. After it: at most :data:`GAP` words apart, none of which
        opens another clause, and a noun only through a preposition ("the request for talks").
        Before it: the subject of a passive ("the sanctions were lifted")."""
        if b.j <= a.i:
            gap = range(b.j, a.i)
            return 0 < len(gap) <= 3 and all(self.low(k) in WORDS.passive_auxiliaries for k in gap)
        gap = range(a.j, b.i)
        if len(gap) > GAP or any(self._breaks(k) for k in gap):
            return False
        if not self.nominal(a):
            return True
        if not gap:
            return _same_type(a, b)  # "offensive attacks"
        return self.low(a.j) in LINKING_PREPOSITIONS  # "the request for talks"

    def _breaks(self, k: int) -> bool:
        tok = self.doc[k]
        low = tok.lower_
        if low in OWNERS or low == "-":
            return False
        if tok.is_punct or low in WORDS.clause_breaks or low in {"and", "or", "that", "which"}:
            return True
        return low in {"who", "where", "when", "after", "before", "said", "says"}

    def nominal(self, n: Node) -> bool:
        """The trigger names the action as a noun ("the attack", "sanctions", "Russian
        strikes", "an end to"), not as a verb ("attacked", "to strike", "they attack")."""
        if n.trigger is not None and not n.trigger.noun:
            return False
        first, last, prev = self.low(n.i), self.low(n.j - 1), self.low(n.i - 1)
        if first in DETERMINERS or prev in DETERMINERS or prev in OWNERS:
            return True  # "the talks", "its withdrawal"
        if n.j - n.i > 1 and first.endswith("ed"):
            return False  # a phrase that opens with its verb: "imposed sanctions"
        if n.trigger is None:
            return last.endswith(("tion", "sion", "al"))  # "suspension", but "called off"
        if prev[:1].isdigit():
            return True  # "34 strikes"
        if last.endswith("ed") or prev in WORDS.verb_markers or prev in WORDS.passive_auxiliaries:
            return False
        if last.endswith(NOUN_SUFFIXES):
            return True
        if n.i == self.sent.span.start or not self.doc[n.i - 1].is_alpha:
            return n.trigger is not None  # "Attacks continued …"
        if last.endswith("ing") and (prev in {"and", "or"} or prev in WORDS.prepositions):
            return False  # "advising and assisting", "in supporting"
        before = self.doc[n.i - 1].text
        if before[:1].isupper():
            return self.lex.nation_by_demonym(before) is not None  # "Russian strikes"
        return True  # "horrific attacks", "launched strikes"

    def modifies_noun(self, n: Node) -> bool:
        """The trigger noun only modifies the noun after it ("the sanctions regime")."""
        return self.low(n.j) in WORDS.modified_heads and not self.low(n.j - 1).endswith("ed")

    def after_preposition(self, n: Node) -> bool:
        """The noun is the object of a preposition ("under the sanctions", "in multiple
        bombings") or of a verb whose subject only reports or suffers it ("confirmed the
        raid"), past its articles, possessives and adjectives."""
        k = n.i - 1
        while k >= self.sent.span.start and k >= n.i - 4:
            low = self.low(k)
            if low in WORDS.prepositions or low in WORDS.observer_verbs:
                return True
            tok = self.doc[k]
            if not (low in DETERMINERS or low in OWNERS or (tok.is_alpha and tok.is_lower)):
                return False
            if low in WORDS.verb_markers or low.endswith("ed"):
                return False
            k -= 1
        return False

    def names_people(self, n: Node) -> bool:
        """A participle after "those" names people, not an action ("those detained")."""
        return self.low(n.i - 1) in WORDS.people_before_participle and self.low(n.i).endswith("ed")

    def alleged(self, n: Node) -> bool:
        """The trigger names what an allegation or verdict alleges ("on charges of conspiring
        to hack", "accused him of corruption and aiding"): an allegation word, at most
        :data:`ALLEGED_OBJECT` words, then "of" or "with", then at most :data:`ALLEGED_REACH`
        words before the trigger, with no punctuation between."""
        marker = self._back_to(n.i, ALLEGED_REACH + 1, WORDS.allegation_markers)
        return marker is not None and (
            self._back_to(marker, ALLEGED_OBJECT + 1, WORDS.allegation_words) is not None
        )

    def _back_to(self, i: int, reach: int, found: frozenset[str]) -> int | None:
        """The nearest of the ``reach`` tokens before ``i`` that is one of ``found``, with no
        punctuation between; else ``None``."""
        for k in range(i - 1, max(self.sent.span.start, i - reach) - 1, -1):
            if self.low(k) in found:
                return k
            if self.doc[k].is_punct:
                return None
        return None

    def support_verb(self, n: Node) -> int | None:
        """The verb whose object the trigger noun is and whose subject does the action it
        names ("launched a missile attack", "carried out 34 raids"): its first token."""
        return self._verb_on(n, WORDS.support_verbs)

    def held(self, n: Node) -> bool:
        """The trigger noun is what a subject has ("which has a defence treaty with"): a
        state, not an action (not after "have" as an auxiliary: "has signed a treaty")."""
        return self._verb_on(n, WORDS.possession_verbs) is not None

    def _verb_on(self, n: Node, forms: frozenset[str]) -> int | None:
        """The first token of a verb of ``forms`` whose object the trigger noun is, past its
        articles, possessives, numbers and adjectives; else ``None``. Word windows only: the
        parse hangs too many nouns on a distant verb ("lodged a protest after vessels fired
        water cannon")."""
        k = n.i - 1
        while k >= self.sent.span.start and k >= n.i - 4:
            low = self.low(k)
            if low in forms:
                return k
            if f"{self.low(k - 1)} {low}" in forms:
                return k - 1  # "carried out"
            if not self._in_noun_phrase(k):
                return None
            k -= 1
        return None

    def _in_noun_phrase(self, k: int) -> bool:
        """Token ``k`` may stand inside a noun phrase before its head: an article, a
        possessive, a number or a lower-case word that is no verb form ("a mutual defence",
        not "been investigating" or "has signed")."""
        tok, low = self.doc[k], self.low(k)
        if low in DETERMINERS or low in OWNERS or tok.like_num or low == "%":
            return True  # "a 25% tariff"
        verbal = low.endswith(("ed", "ing")) or low in WORDS.verb_markers
        return tok.is_alpha and tok.is_lower and not verbal and low not in WORDS.passive_auxiliaries

    def opens_verb(self, k: int) -> bool:
        """Token ``k`` is a coordinator before a verb of its own ("condemned the measures and
        threatened …") or before another reported clause ("… and that …"): what follows is
        another action's."""
        if self.low(k) not in COORDINATORS or k + 1 >= self.sent.span.end:
            return False
        if self.low(k + 1) in WORDS.complementizers:
            return True  # "said officers had arrested 43 people and that 12 were injured"
        return self._verb_word(k + 1)

    def _verb_word(self, k: int) -> bool:
        """A lower-case trigger or speech verb in the past tense ("threatened", "said"), or a
        speech verb in the present ("says")."""
        low = self.low(k)
        if low.endswith("ed") and self.lex.triggers_for(low):
            return True
        cue = self.lex.cue(low)
        return cue is not None and low != cue.lemma and not low.endswith("ing")

    # -- mood -----------------------------------------------------------------------------
    def condition(self, i: int, j: int) -> str | None:
        """ "inside" a condition clause ("if they attack"), in the "main" clause of a sentence
        that has one, or ``None``."""
        spans = self._conditions
        if not spans:
            return None
        if any(a < i and j <= b for a, b in spans):
            return "inside"
        return "main"

    @cached_property
    def _conditions(self) -> list[tuple[int, int]]:
        """Token ranges of the condition clauses: from "if"/"unless" to the next comma,
        semicolon or the end of the sentence (found once per sentence)."""
        start, end = self.sent.span.start, self.sent.span.end
        text = words(self.doc)
        out = []
        for k in range(start, end):
            if self._lower[k - start] not in CONDITION_OPENERS:
                continue
            for n in CONDITION_SIZES:
                if k + n <= end and span_text(self.doc, k, k + n).lower() in WORDS.conditionals:
                    stop = next((m for m in range(k + n, end) if text[m] in {",", ";", "—"}), end)
                    out.append((k, stop))
                    break
        return out

    # -- arguments (the parse only; word windows leave them to ``arguments``) ------------
    def subject(self, i: int, j: int) -> tuple[int, int] | None:
        """Token range of the subject of the verb of tokens ``i``-``j``."""
        return None

    def passive(self, i: int, j: int) -> bool | None:
        """Whether that verb is passive; ``None`` when the reading cannot tell."""
        return None

    def agent(self, i: int, j: int) -> tuple[int, int] | None:
        """Token range of the "by" phrase of that passive verb."""
        return None

    def objects(self, i: int, j: int) -> list[tuple[int, int]]:
        """Token ranges of that verb's objects and of its obliques marked as targets ("with",
        "against", "on", "to")."""
        return []

    def describes_noun(self, i: int, j: int) -> bool:
        """The verb of tokens ``i``-``j`` is a participle that describes the noun before it
        ("troops stationed on the ship"), not a clause of its own: here, a noun that follows a
        preposition ("to troops stationed on"), which cannot be the subject of a verb."""
        k = i - 1
        if not self.low(i).endswith("ed") or k <= self.sent.span.start or not self._noun_word(k):
            return False
        k -= 1
        while k > self.sent.span.start and k >= i - 4 and self._in_noun_phrase(k):
            k -= 1
        return self.low(k) in PURE_PREPOSITIONS

    def _noun_word(self, k: int) -> bool:
        tok = self.doc[k]
        return tok.is_alpha and tok.is_lower and self.low(k) not in WORDS.verb_markers

    def future(self, i: int) -> bool:
        """A future or conditional modal in the three words before token ``i``."""
        lo = max(self.sent.span.start, i - 3)
        return any(self.low(k) in WORDS.future_modals for k in range(lo, i))


#: Relations by which a word is what its head acts on: "eased the blockade" (obj), "pull out of
#: the talks" (obl), "asked them to release" (xcomp), "the sanctions were lifted"
#: (nsubj:pass), "an end to the fighting" (nmod), "offensive attacks" (amod).
GOVERNED = frozenset(
    {"obj", "iobj", "obl", "nmod", "xcomp", "ccomp", "nsubj:pass", "acl", "compound", "amod"}
)
NOUNS = frozenset({"NOUN", "PROPN"})
FUNCTION = frozenset({"DET", "ADP", "PART", "PUNCT", "CCONJ", "SCONJ"})
VERBS = frozenset({"VERB", "AUX"})
TARGET_PREPOSITIONS = frozenset({"with", "against", "on", "to"})
#: Finite verb tags: a verb of one of them heads a clause with a subject of its own.
FINITE = frozenset({"VBD", "VBZ", "VBP"})
#: Verb tags that open a trigger phrase as its verb (not "VBG": "fighting group").
VERB_FORMS = FINITE | {"VBN", "VB"}


class ParsedReading(Reading):
    """Answers from the dependency parse where the sentence was parsed, else from the word
    windows of :class:`Reading`. Where a window rule beats the parse it stays: a trigger noun
    before a listed head noun ("the sanctions regime") modifies it however it was tagged."""

    def __init__(self, doc: Doc, sent: Sentence, lex: Lexicon, syn: Syntax) -> None:
        super().__init__(doc, sent, lex)
        self.syn = syn
        self.parsed = syn.parsed(sent.span.start) or any(
            syn.parsed(k) for k in range(sent.span.start, sent.span.end)
        )

    def head(self, i: int, j: int) -> int:
        """The content word of ``i``-``j`` whose head lies outside it (the phrase's head: in
        "the sanctions", "sanctions", though "the" may hang on the noun after them)."""
        for k in range(i, j):
            h = self.syn.head(k)
            if (h is None or not i <= h < j) and self.syn.upos(k) not in FUNCTION:
                return k
        return j - 1

    def governs(self, a: Node, b: Node) -> bool:
        return super().governs(a, b) or (self.parsed and self._governs(a, b))

    def _governs(self, a: Node, b: Node) -> bool:
        """``b``'s head reaches ``a`` in at most three steps of :data:`GOVERNED` relations,
        through no other verb."""
        k = self.head(b.i, b.j)
        for _ in range(3):
            h = self.syn.head(k)
            if h is None or self.syn.dep(k) not in GOVERNED:
                return False
            if a.i <= h < a.j:
                return True
            if self.syn.upos(h) in VERBS:
                return False  # the argument of another verb
            k = h
        return False

    def nominal(self, n: Node) -> bool:
        if not self.parsed or (n.trigger is not None and not n.trigger.noun):
            return super().nominal(n)
        if self._opens_with_verb(n.i, n.j):
            return False  # "imposed sanctions": the verb, though "imposed" may hang on the noun
        if self._gerund(n):
            return False  # "success in fighting ISIS": tagged a noun, read as a verb
        return self.syn.upos(self.head(n.i, n.j)) in NOUNS

    def _verb_word(self, k: int) -> bool:
        if not self.parsed or not self.syn.parsed(k):
            return super()._verb_word(k)
        return self.syn.upos(k) == "VERB" and self.syn.dep(k) == "conj"

    def _gerund(self, n: Node) -> bool:
        return self.low(n.j - 1).endswith("ing") and self.low(n.i - 1) in WORDS.prepositions

    def modifies_noun(self, n: Node) -> bool:
        if not self.parsed:
            return super().modifies_noun(n)
        k = self.head(n.i, n.j)
        h = self.syn.head(k)
        if self.syn.dep(k) == "compound" and h is not None and self.syn.upos(h) in NOUNS:
            return True
        return super().modifies_noun(n) and self.syn.upos(n.j) in NOUNS

    def describes_noun(self, i: int, j: int) -> bool:
        if not self.parsed or super().describes_noun(i, j):
            return super().describes_noun(i, j)
        v = self._verb(i, j)
        h = self.syn.head(v) if v is not None else None
        return (
            v is not None
            and h is not None
            and h < v
            and self.syn.dep(v) == "acl"
            and self.syn.xpos(v) == "VBN"
            and self.syn.upos(h) in NOUNS
        )

    def after_preposition(self, n: Node) -> bool:
        if not self.parsed or super().after_preposition(n):
            return super().after_preposition(n)
        k = self.head(n.i, n.j)
        if self.syn.children(k, "case"):
            return True
        h = self.syn.head(k)
        return self.syn.dep(k) == "obj" and h is not None and self.low(h) in WORDS.observer_verbs

    def condition(self, i: int, j: int) -> str | None:
        window = super().condition(i, j)
        v = self.syn.governing_verb(self.head(i, j)) if self.parsed else None
        if v is None:
            return window
        for u in (v, *self.syn.ancestors(v)):
            if self.syn.upos(u) in VERBS and self.syn.mood(u).marker:
                return "inside"
        return "main" if self.syn.mood(v).condition else window

    def future(self, i: int) -> bool:
        if not self.parsed or super().future(i):
            return super().future(i)
        v = self.syn.governing_verb(i)
        while v is not None:
            if any(m in WORDS.future_modals for m in self.syn.mood(v).modals):
                return True
            h = self.syn.head(v)
            v = h if self.syn.dep(v) == "xcomp" else None  # "will continue to strike"
        return False

    def _verb(self, i: int, j: int) -> int | None:
        if self._opens_with_verb(i, j):
            return i
        k = self.head(i, j)
        return k if self.syn.upos(k) in VERBS else None

    def _opens_with_verb(self, i: int, j: int) -> bool:
        """A trigger phrase whose first word is a finite verb or participle ("imposed
        sanctions", "agreed to a ceasefire"): the phrase is that verb's, whatever the parse
        hangs it on."""
        return j - i > 1 and self.syn.xpos(i) in VERB_FORMS

    def subject(self, i: int, j: int) -> tuple[int, int] | None:
        v = self._verb(i, j) if self.parsed else None
        if v is None:
            return None
        h = self.syn.head(v)
        if self.syn.subject(v) is None and h is not None and self._shares_subject(v):
            v = h  # "agreed last year to wind down": the one who agreed
        s = self.syn.subject(v)
        if s is not None:
            return self.syn.extent(s)
        return self._clause_on_noun(v)

    def _clause_on_noun(self, v: int) -> tuple[int, int] | None:
        """A finite verb parsed as a clause on the noun before it ("as thousands of protesters
        marched"): that noun phrase is its subject (words before the verb only)."""
        h = self.syn.head(v)
        if self.syn.dep(v) != "acl" or h is None or h > v or self.syn.xpos(v) not in FINITE:
            return None
        return self.syn.extent(h)[0], v

    def _shares_subject(self, v: int) -> bool:
        """An infinitive ("agreed … to wind down") or a participle clause ("imposed sanctions,
        freezing assets") without a subject: the subject of the verb it hangs on acts."""
        if self.syn.dep(v) not in {"advcl", "xcomp"}:
            return False
        to = any(self.low(k) == "to" for k in self.syn.children(v, "mark"))
        return to or (self.syn.xpos(v) == "VBG" and not self.syn.children(v, "mark"))

    def passive(self, i: int, j: int) -> bool | None:
        v = self._verb(i, j) if self.parsed else None
        return self.syn.is_passive(v) if v is not None else None

    def agent(self, i: int, j: int) -> tuple[int, int] | None:
        v = self._verb(i, j) if self.parsed else None
        a = self.syn.agent(v) if v is not None else None
        return self.syn.extent(a) if a is not None else None

    def objects(self, i: int, j: int) -> list[tuple[int, int]]:
        v = self._verb(i, j) if self.parsed else None
        if v is None:
            return []
        found = list(self.syn.objects(v))
        found += [k for prep, k in self.syn.obliques(v) if prep in TARGET_PREPOSITIONS]
        return [self.syn.extent(k) for k in sorted(found)]


def reading_of(seg: Segmented, sent: Sentence, res: Resources) -> Reading:
    """The reading of one sentence under ``res``: from its parse when ``res`` has the parser
    and the sentence was parsed, else from word windows."""
    if res.parser is None:
        return Reading(seg.doc, sent, res.lexicon)
    syn = syntax(seg, res)
    reading = ParsedReading(seg.doc, sent, res.lexicon, syn)
    return reading if reading.parsed else Reading(seg.doc, sent, res.lexicon)
