"""Typed records for the curated lexicons, and the code lists they are checked against.

Every record is a frozen dataclass; list-valued fields are tuples so records are hashable and
can be shared between worker processes. The enumerations below are the single place where the
allowed values of PLOVER modes and CAMEO roots live; ``actor_type``, ``sector`` and the PLOVER
event types are read from the table schemas (``constraints.enum``), their single source.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TypeVar

from dateline.lexicon.words import given_names
from dateline.schema.model import enum

T = TypeVar("T")

# What ``dateline.lexicon`` re-exports (``line_key`` stays internal to the loader).
__all__ = [
    "ACTOR_TYPES",
    "CAMEO_ROOTS",
    "CONTEXT_TAGS",
    "CUE_KINDS",
    "DEBRIS_KINDS",
    "EXTENSION_MODES",
    "NATION_STATUSES",
    "PLOVER_CAMEO_ROOTS",
    "PLOVER_MODES",
    "PLOVER_TYPES",
    "SECTORS",
    "SECTOR_LABELS",
    "AnonymityReason",
    "Cue",
    "DebrisRule",
    "DebrisRules",
    "Institution",
    "KnownActor",
    "Lexicon",
    "Nation",
    "Openers",
    "OrgHead",
    "SourceRules",
    "SourceTerm",
    "Title",
    "Trigger",
    "allowed_modes",
    "folded_key",
    "is_case_sensitive",
    "lookup_key",
    "normalize",
]

# --------------------------------------------------------------------------------------------
# Code lists
# --------------------------------------------------------------------------------------------

ACTOR_TYPES: tuple[str, ...] = enum("actors", "actor_type")

#: PLOVER sector codes (plus the CAMEO international generics IGO/NGO), as the actors schema
#: allows them. PLOVER renamed CAMEO's MED (media) to JRN and uses MED for health; we follow
#: PLOVER. CAMEO's MNC (multinational corporation) is not a PLOVER sector: companies are BUS.
SECTORS: tuple[str, ...] = enum("actors", "sector")

#: What each sector code means (one label per code of :data:`SECTORS`; a test checks it).
SECTOR_LABELS: dict[str, str] = {
    "AGR": "agriculture",
    "BUS": "business",
    "COP": "police",
    "CRM": "criminal",
    "CVL": "civilians",
    "EDU": "education",
    "ELI": "elites, former officials, spokespersons without another role",
    "GOV": "government, executive",
    "IGO": "intergovernmental organisation",
    "JRN": "journalists, news media",
    "JUD": "judiciary",
    "LAB": "labour",
    "LEG": "legislature",
    "MED": "health, medical",
    "MIL": "military",
    "NGO": "non-governmental organisation",
    "OPP": "opposition",
    "PRE": "partially recognised entity",
    "PRM": "pro-government paramilitary",
    "PTY": "political party",
    "REB": "rebels, insurgents, non-state armed groups",
    "REF": "refugees",
    "REL": "religious",
    "SOC": "civil society",
    "SPY": "intelligence",
    "UAF": "unidentified armed forces",
    "UNK": "unknown / inherit from affiliation",
}

PLOVER_TYPES: tuple[str, ...] = enum("events", "event_type")

#: Modes defined by the PLOVER manual (as used by POLECAT), one entry per PLOVER type.
PLOVER_MODES: dict[str, tuple[str, ...]] = {
    "AGREE": (),
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "SUPPORT": (),
    "CONCEDE": (),
    "COOPERATE": (),
    "AID": (),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": (
        "seize",
        "restrict",
        "censor",
        "curfew",
        "martial-law",
        "arrest",
        "deport",
        "withhold",
        "misinformation",
        "cyber",
    ),
    "ASSAULT": (
        "abduct",
        "beat",
        "torture",
        "sexual",
        "targeted",
        "destroy",
        "primitive",
        "firearms",
        "explosives",
        "suicide-attack",
        "aerial",
        "drone",
        "heavy-weapons",
        "crowd-control",
        "unconventional",
    ),
}

#: The usual CAMEO root of each PLOVER type (for a curated event that gives no cameo_code).
PLOVER_CAMEO_ROOTS: dict[str, str] = {
    "AGREE": "03",
    "CONSULT": "04",
    "SUPPORT": "05",
    "CONCEDE": "08",
    "COOPERATE": "06",
    "AID": "07",
    "RETREAT": "08",
    "REQUEST": "02",
    "ACCUSE": "11",
    "REJECT": "12",
    "THREATEN": "13",
    "PROTEST": "14",
    "SANCTION": "16",
    "MOBILIZE": "15",
    "COERCE": "17",
    "ASSAULT": "18",
}

#: Modes dateline adds where PLOVER has none but news text distinguishes them clearly.
#: They are kept apart so a consumer can map them back to PLOVER (mode -> null).
EXTENSION_MODES: dict[str, tuple[str, ...]] = {
    "AGREE": ("sign", "settle", "ceasefire"),
    "CONSULT": ("meet",),
    "SUPPORT": ("praise", "endorse"),
    "COOPERATE": ("military", "economic", "intelligence"),
    "AID": ("humanitarian", "military", "economic"),
}


def allowed_modes(event_type: str) -> tuple[str, ...]:
    """PLOVER modes plus dateline extension modes for one event type."""
    return PLOVER_MODES.get(event_type, ()) + EXTENSION_MODES.get(event_type, ())


CAMEO_ROOTS: dict[str, str] = {
    "01": "Make public statement",
    "02": "Appeal",
    "03": "Express intent to cooperate",
    "04": "Consult",
    "05": "Engage in diplomatic cooperation",
    "06": "Engage in material cooperation",
    "07": "Provide aid",
    "08": "Yield",
    "09": "Investigate",
    "10": "Demand",
    "11": "Disapprove",
    "12": "Reject",
    "13": "Threaten",
    "14": "Protest",
    "15": "Exhibit force posture",
    "16": "Reduce relations",
    "17": "Coerce",
    "18": "Assault",
    "19": "Fight",
    "20": "Use unconventional mass violence",
}

NATION_STATUSES: tuple[str, ...] = ("un_member", "un_observer", "partially_recognized", "territory")

CUE_KINDS: tuple[str, ...] = ("speech", "according_to", "belief", "finding")

DEBRIS_KINDS: tuple[str, ...] = (
    "marker",
    "navigation",
    "caption",
    "credit",
    "copyright",
    "social",
    "separator",
)

#: Class tags allowed in a trigger's ``requires``/``excludes`` lists (besides plain words).
CONTEXT_TAGS: tuple[str, ...] = ("@place", "@nation", "@forces", "@actor", "@weapon", "@person")

# --------------------------------------------------------------------------------------------
# Normalisation shared by every lookup
# --------------------------------------------------------------------------------------------

_QUOTES = (("\u2019", "'"), ("\u2018", "'"), ("\u2010", "-"), ("\u2011", "-"))
_SPACES = re.compile(r"\s{2,}|[^\S ]")  # the runs of white space that are not one space
_SHORT_CAPS = re.compile(r"^[A-Z0-9&]{1,5}$")
# Normalisation is memoised by content: extraction looks up the same short surface forms
# (single words and the windows of a few tokens around them) many times per document.
_MEMO_SIZE = 1 << 16


def _squeeze(text: str) -> str:
    """Straight quotes and hyphens, every run of white space one space, none at either end
    (``str.replace`` and a substitution only where a run is not already one space: a whole
    paragraph is read at the speed of a scan)."""
    if text.isascii() and text.isprintable() and "  " not in text:
        return text.strip()  # no curly mark, no white space but single spaces: nothing to do
    for curly, straight in _QUOTES:
        text = text.replace(curly, straight)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=_MEMO_SIZE)
def normalize(text: str) -> str:
    """Canonical key for a surface form: straight quotes, single spaces, no leading "the"."""
    text = _squeeze(text)
    if text[:4].lower() == "the " and len(text) > 4:
        text = text[4:]
    return text


def is_case_sensitive(form: str) -> bool:
    """Short all-capital forms ("US", "IS", "AP", "UN") only match with exactly that casing.

    Dots are ignored when deciding ("U.S." is short and all caps), so "u.s." does not match.
    """
    return bool(_SHORT_CAPS.match(normalize(form).replace(".", "")))


def line_key(line: str) -> str:
    """Key for a whole line (debris): straight quotes, single spaces, case-folded."""
    return _squeeze(line).casefold()


@lru_cache(maxsize=_MEMO_SIZE)
def lookup_key(form: str) -> str:
    """Dictionary key under which a form is stored and looked up."""
    norm = normalize(form)
    return norm if is_case_sensitive(norm) else norm.casefold()


@lru_cache(maxsize=_MEMO_SIZE)
def folded_key(form: str) -> str:
    """Case-folded normal form: the key of the case-insensitive tables (cues, triggers, heads)."""
    return normalize(form).casefold()


@dataclass(frozen=True, eq=False)  # hashed by identity: one per table, a per-document key
class Openers:
    """Which tokens can open a key of one lookup table.

    A window of tokens that opens with token ``t`` normalises to a text that starts with
    ``folded_key(t)`` (for a token that is not white space and not a "the" that normalisation
    drops), so when that is a prefix of no key's first word the window cannot match and a scan
    can skip every window at that position without building their texts. When white space
    follows ``t``, ``folded_key(t)`` is the whole first word of the text, so it must be a
    key's whole first word (``words``), and a window of more tokens can match only a key of
    more words that opens with it (``phrases``). A window whose ``folded_key`` is no leading
    part of a case-folded key (``stems``) cannot be extended into one either (see
    :meth:`extends`).
    """

    prefixes: frozenset[str]
    words: frozenset[str] = frozenset()
    phrases: frozenset[str] = frozenset()
    stems: frozenset[str] = frozenset()

    @classmethod
    def of(cls, keys: Iterable[str]) -> Openers:
        """Openers of a table whose keys are normalised forms (case-folded or not)."""
        out: set[str] = set()
        firsts: set[str] = set()
        phrases: set[str] = set()
        stems: set[str] = set()
        for key in keys:
            for form in (key, key.casefold()):
                first, *rest = form.split(" ", 1)
                firsts.add(first)
                if rest:
                    phrases.add(first)
                out.update(first[:n] for n in range(1, len(first) + 1))
            folded = key.casefold()
            stems.update(folded[:n] for n in range(1, len(folded) + 1))
        return cls(frozenset(out), frozenset(firsts), frozenset(phrases), frozenset(stems))

    def admits(self, token: str) -> bool:
        """Whether a window that opens with the token text ``token`` may match a key."""
        word = folded_key(token)
        return word in self.prefixes or word in _ANY_KEY or " " in word

    def admits_word(self, token: str) -> bool:
        """:meth:`admits` for a token that white space follows."""
        word = folded_key(token)
        return word in self.words or word in _ANY_KEY or " " in word

    def admits_phrase(self, token: str) -> bool:
        """:meth:`admits` for a window of two or more tokens whose first, ``token``, white
        space follows."""
        word = folded_key(token)
        return word in self.phrases or word in _ANY_KEY or " " in word

    def extends(self, window: str) -> bool:
        """Whether a longer window that opens with the text ``window`` (it ends with a token)
        may match a key: its ``folded_key`` opens with that of ``window``, unless
        normalisation drops a "the" that ``window`` holds only the start of."""
        word = folded_key(window)
        return word in self.stems or "the".startswith(word)

    def admitting(self, tokens: FoldedTokens) -> list[bool]:
        """:meth:`admits_word` (white space follows) or :meth:`admits` of each of ``tokens``
        (a whole document at a time; set lookups mapped in C over each group)."""
        flags = [*map(self.words.__contains__, tokens.spaced)]
        flags += map(self.prefixes.__contains__, tokens.joined)
        return tokens.opening_any(flags)

    def extending(self, tokens: FoldedTokens) -> list[bool]:
        """Whether a window of two or more tokens may open with each of ``tokens``: one that
        white space follows only when :meth:`admits_phrase`."""
        flags = [*map(self.phrases.__contains__, tokens.spaced)]
        flags += [True] * len(tokens.joined)
        return tokens.opening_any(flags)


@dataclass(frozen=True)
class FoldedTokens:
    """Distinct tokens of a text as the ``folded_key`` of their word, those that white space
    follows (``spaced``) before the others (``joined``), for :meth:`Openers.admitting` and
    :meth:`Openers.extending` (a flag per token, in that order)."""

    spaced: list[str]
    joined: list[str]

    @cached_property
    def anywhere(self) -> list[int]:
        """The positions of the tokens that may open any key (:data:`_ANY_KEY`, or a word
        with a space)."""
        return [
            k
            for k, w in enumerate(itertools.chain(self.spaced, self.joined))
            if w in _ANY_KEY or " " in w
        ]

    def opening_any(self, flags: list[bool]) -> list[bool]:
        """``flags`` (one per token, in order), set at the tokens that may open any key."""
        for k in self.anywhere:
            flags[k] = True
        return flags


#: Folded first tokens that do not tell which keys a window may match: white space, and a
#: "the" that normalisation drops.
_ANY_KEY = frozenset({"", "the"})


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Nation:
    """A sovereign state (or a listed territory) and the words news prose uses for it."""

    iso3: str
    iso2: str
    name: str
    status: str
    names: tuple[str, ...]  # every name form, including ``name``
    demonyms: tuple[str, ...]  # adjectives: "Iraqi", "U.S.", "British"
    people: tuple[str, ...]  # nouns for citizens: "Iraqis", "Americans", "Briton"
    capitals: tuple[str, ...]  # capital / seat-of-government names used as metonyms
    ambiguous: tuple[str, ...] = ()  # forms that also mean something else; need context

    @property
    def government_id(self) -> str:
        """Generated actor id for the national government, e.g. ``irq-government``."""
        return f"{self.iso3.lower()}-government"

    @property
    def military_id(self) -> str:
        """Generated actor id for the national armed forces, e.g. ``usa-military``."""
        return f"{self.iso3.lower()}-military"

    def actor_id(self, suffix: str) -> str:
        """Generated actor id for any national institution suffix (see institutions.yaml)."""
        return f"{self.iso3.lower()}-{suffix}"


@dataclass(frozen=True, slots=True)
class KnownActor:
    """A named actor with a stable slug id (the dataset's ``actor_id``)."""

    id: str
    name: str
    actor_type: str
    sector: str
    country: str | None = None
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    role: str | None = None
    ambiguous: tuple[str, ...] = ()  # aliases that need context ("the coalition")

    @property
    def forms(self) -> tuple[str, ...]:
        """The name followed by every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Institution:
    """A generic head noun that, with a nation, names a generated national actor.

    "Iraqi troops" -> heads contains "troops", suffix "military" -> actor ``irq-military``.
    """

    suffix: str
    name: str  # display template, "{demonym} military" ({country}: the nation's name)
    actor_type: str
    sector: str
    heads: tuple[str, ...]
    parent: str | None = None  # suffix of the parent institution ("government")
    role: str | None = None  # kept as the mention's role ("foreign ministry")


@dataclass(frozen=True, slots=True)
class OrgHead:
    """Last word of a capitalised organisation name ("Joint Operations *Command*")."""

    word: str
    actor_type: str
    sector: str
    forms: tuple[str, ...] = ()  # plural / abbreviated forms ("Forces", "Corp.")


@dataclass(frozen=True, slots=True)
class Title:
    """A title or role word that introduces or describes a person."""

    title: str  # canonical form, e.g. "Lieutenant General"
    forms: tuple[str, ...]  # every written form, including abbreviations
    sector: str  # UNK = take the sector of the affiliation
    honorific: bool = False  # strip from the person's name ("Gen.", "Dr.", "Mr.")
    role: bool = True  # keep as the actor's role when it precedes a name
    cased: bool = False  # only the forms exactly as written match ("Major", not "major")


@dataclass(frozen=True, slots=True)
class Cue:
    """A speech / attribution cue with all its inflected forms."""

    lemma: str
    forms: tuple[str, ...]
    kind: str
    listener: bool = False  # takes a listener object: "told The Associated Press"
    weak: bool = False  # common non-speech senses; needs a quote or clause to count
    phrase: bool = False  # a multi-word frame ("in a statement", "according to")


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word or phrase that reports an event, with its PLOVER and CAMEO codes."""

    lemma: str
    forms: tuple[str, ...]
    event_type: str
    cameo: str
    event_mode: str | None = None
    noun: bool = False  # nominal trigger ("drawdown", "agreement", "attack")
    requires: tuple[str, ...] = ()  # at least one must occur in the window
    excludes: tuple[str, ...] = ()  # none may occur in the window
    window: int = 8  # tokens either side searched for requires/excludes

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.lemma, self.event_type, self.event_mode)


@dataclass(frozen=True, slots=True)
class SourceTerm:
    """A noun or modifier of an unnamed source ("a senior *security* *official*")."""

    form: str
    sector: str
    forms: tuple[str, ...] = ()  # inflections ("officials")
    qualified: bool = False  # only a source with a qualifier ("people familiar with ...")


@dataclass(frozen=True, slots=True)
class AnonymityReason:
    """A phrase that explains why a source is unnamed."""

    reason: str
    pattern: str
    regex: re.Pattern[str] = field(compare=False, repr=False, hash=False)


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    """One case-insensitive regex that finds a match wherever one of ``patterns`` does (as
    each is compiled for :class:`AnonymityReason`); ``None`` when they cannot be joined."""
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.I) if patterns else None
    except re.error:  # e.g. a group name used twice
        return None


def _term_forms(terms: tuple[SourceTerm, ...]) -> dict[str, SourceTerm]:
    """Case-folded form -> the first term (in lexicon order) whose form or inflections match."""
    out: dict[str, SourceTerm] = {}
    for term in terms:
        for form in (term.form, *term.forms):
            out.setdefault(form.casefold(), term)
    return out


@dataclass(frozen=True, slots=True)
class SourceRules:
    """How unnamed and anonymous sources are written."""

    determiners: frozenset[str]  # tested for a token at every position: a set
    qualifiers: tuple[str, ...]
    nouns: tuple[SourceTerm, ...]
    modifiers: tuple[SourceTerm, ...]
    demonym_modifiers: bool  # any nation demonym/name may modify a source noun
    actor_modifiers: bool  # any known actor alias may modify a source noun ("Pentagon")
    reasons: tuple[AnonymityReason, ...]
    # Every case-folded form -> the first term that lists it (built from the tuples above).
    _noun_forms: dict[str, SourceTerm] = field(init=False, repr=False, compare=False)
    _modifier_forms: dict[str, SourceTerm] = field(init=False, repr=False, compare=False)
    # Every reason pattern in one alternation: a text it finds nothing in has no reason.
    _any_reason: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_noun_forms", _term_forms(self.nouns))
        object.__setattr__(self, "_modifier_forms", _term_forms(self.modifiers))
        object.__setattr__(self, "_any_reason", _alternation([r.pattern for r in self.reasons]))

    def noun(self, word: str) -> SourceTerm | None:
        """The source noun for ``word`` (any inflection, case-insensitive)."""
        return self._noun_forms.get(word.casefold())

    def modifier(self, word: str) -> SourceTerm | None:
        """The modifier entry for ``word`` (case-insensitive)."""
        return self._modifier_forms.get(folded_key(word))

    def anonymity_reason(self, text: str) -> AnonymityReason | None:
        """The first anonymity reason whose pattern occurs in ``text``."""
        if self._any_reason is not None and self._any_reason.search(text) is None:
            return None  # one scan instead of one per reason: most sentences have none
        for reason in self.reasons:
            if reason.regex.search(text):
                return reason
        return None

    def anonymity_reasons(self, text: str) -> tuple[tuple[AnonymityReason, re.Match[str]], ...]:
        """Every reason pattern found in ``text`` with its match, in priority order."""
        if self._any_reason is not None and self._any_reason.search(text) is None:
            return ()  # as in anonymity_reason: one scan finds that there is none
        out = []
        for reason in self.reasons:
            m = reason.regex.search(text)
            if m:
                out.append((reason, m))
        return tuple(out)

    def opens_with_reason(self, text: str) -> bool:
        """Whether an anonymity reason's pattern matches at the start of ``text`` ("asked not
        to be named because …")."""
        if self._any_reason is not None:  # one match at the start instead of one per reason
            return self._any_reason.match(text) is not None
        return any(reason.regex.match(text) for reason in self.reasons)

    def qualifier_at(self, text: str) -> str | None:
        """The qualifier that ``text`` starts with ("familiar with the matter ..."), if any."""
        low = line_key(text)
        for q in sorted(self.qualifiers, key=len, reverse=True):
            if low.startswith(q.casefold()):
                return q
        return None


@dataclass(frozen=True, slots=True)
class DebrisRule:
    """A web-debris line (exact text or a regular expression over the whole line)."""

    kind: str
    text: str | None = None
    pattern: str | None = None
    regex: re.Pattern[str] | None = field(default=None, compare=False, repr=False, hash=False)
    case_sensitive: bool = False


@dataclass(frozen=True, slots=True)
class DebrisRules:
    rules: tuple[DebrisRule, ...]
    exact: frozenset[str]  # casefolded, whitespace-collapsed lines

    def match(self, line: str) -> DebrisRule | None:
        """The rule that makes ``line`` debris, or None."""
        text = _squeeze(line)
        if not text:
            return None
        key = text.casefold()
        if key in self.exact:
            return next(r for r in self.rules if r.text is not None and line_key(r.text) == key)
        for rule in self.rules:
            if rule.regex is not None and rule.regex.fullmatch(text):
                return rule
        return None

    def is_debris(self, line: str) -> bool:
        return self.match(line) is not None


# --------------------------------------------------------------------------------------------
# The whole lexicon
# --------------------------------------------------------------------------------------------


def _one(table: dict[str, T], text: str) -> T | None:
    key, folded = _keys(text)
    hits = table.get(key)
    if hits is None and folded != key:
        # an all-caps query ("IRAQ" in a headline) may still match a case-insensitive form
        hits = table.get(folded)
    return hits


@lru_cache(maxsize=_MEMO_SIZE)
def _keys(text: str) -> tuple[str, str]:
    """``lookup_key(text)`` and ``folded_key(text)``, memoised together: a lookup that misses
    reads both."""
    return lookup_key(text), folded_key(text)


@dataclass(frozen=True)
class Lexicon:
    """All curated lexicons plus lookup tables. Build it with :func:`dateline.lexicon.load`."""

    nations: tuple[Nation, ...]
    actors: tuple[KnownActor, ...]
    institutions: tuple[Institution, ...]
    org_heads: tuple[OrgHead, ...]
    titles: tuple[Title, ...]
    cues: tuple[Cue, ...]
    triggers: tuple[Trigger, ...]
    sources: SourceRules
    debris: DebrisRules
    _nations_by_iso3: dict[str, Nation] = field(repr=False, compare=False)
    _nation_names: dict[str, Nation] = field(repr=False, compare=False)
    _nation_demonyms: dict[str, Nation] = field(repr=False, compare=False)
    _nation_people: dict[str, Nation] = field(repr=False, compare=False)
    _nation_capitals: dict[str, Nation] = field(repr=False, compare=False)
    _actors_by_id: dict[str, KnownActor] = field(repr=False, compare=False)
    _actor_aliases: dict[str, KnownActor] = field(repr=False, compare=False)
    _institution_heads: dict[str, Institution] = field(repr=False, compare=False)
    _org_heads: dict[str, OrgHead] = field(repr=False, compare=False)
    _title_forms: dict[str, Title] = field(repr=False, compare=False)
    _cue_forms: dict[str, Cue] = field(repr=False, compare=False)
    _trigger_forms: dict[str, tuple[Trigger, ...]] = field(repr=False, compare=False)

    # -- nations ------------------------------------------------------------------------------
    def nation(self, iso3: str) -> Nation | None:
        """Nation by ISO 3166-1 alpha-3 code."""
        return self._nations_by_iso3.get(iso3.upper())

    def nation_by_name(self, text: str) -> Nation | None:
        """ "Iraq", "the U.S.", "United States", "Britain" -> Nation."""
        return _one(self._nation_names, text)

    def nation_by_demonym(self, text: str) -> Nation | None:
        """ "Iraqi", "U.S.", "British" -> Nation."""
        return _one(self._nation_demonyms, text)

    def nation_by_people(self, text: str) -> Nation | None:
        """ "Iraqis", "Americans", "Briton" -> Nation."""
        return _one(self._nation_people, text)

    def nation_by_capital(self, text: str) -> Nation | None:
        """ "Washington", "Baghdad", "Kyiv"/"Kiev" -> Nation (for metonymy)."""
        return _one(self._nation_capitals, text)

    def nation_by_any(self, text: str) -> Nation | None:
        """Name, demonym, people noun, then capital."""
        return (
            self.nation_by_name(text)
            or self.nation_by_demonym(text)
            or self.nation_by_people(text)
            or self.nation_by_capital(text)
        )

    def is_ambiguous_nation_form(self, text: str) -> bool:
        """True when ``text`` is listed as ambiguous by the nation it resolves to."""
        nation = self.nation_by_any(text)
        if nation is None:
            return False
        key = lookup_key(text)
        return any(lookup_key(a) == key for a in nation.ambiguous)

    # -- actors -------------------------------------------------------------------------------
    def actor(self, actor_id: str) -> KnownActor | None:
        return self._actors_by_id.get(actor_id)

    def actor_by_alias(self, text: str) -> KnownActor | None:
        """Known actor by name or alias.

        Short all-capital aliases ("ISIS", "AP", "UN") match case-sensitively, everything else
        case-insensitively; a leading "the" and curly apostrophes are ignored.
        """
        return _one(self._actor_aliases, text)

    def actor_ancestors(self, actor_id: str) -> tuple[KnownActor, ...]:
        """Parents of an actor, nearest first."""
        out: list[KnownActor] = []
        current = self._actors_by_id.get(actor_id)
        while current is not None and current.parent:
            current = self._actors_by_id.get(current.parent)
            if current is None or current in out:
                break
            out.append(current)
        return tuple(out)

    # -- institutions and titles --------------------------------------------------------------
    def institution(self, head: str) -> Institution | None:
        """National institution for a head noun ("troops", "foreign ministry")."""
        return self._institution_heads.get(folded_key(head))

    def institution_heads(self) -> dict[str, Institution]:
        return dict(self._institution_heads)

    def org_head(self, word: str) -> OrgHead | None:
        """Organisation type for the last word of a capitalised name ("Command"), or of its
        plural ("the Governments of Iraq and Syria")."""
        key = folded_key(word).rstrip(".")
        head = self._org_heads.get(key)
        if head is None and len(key) > 4 and key.endswith("s"):
            stem = key[:-3] + "y" if key.endswith("ies") else key[:-1]
            head = self._org_heads.get(stem)
        return head

    def name_head(self, words: Sequence[str]) -> OrgHead | None:
        """:meth:`org_head` of a capitalised name's last word, unless the name is a given name
        and a surname written like a head's plural ("Jim Banks", "Ray Chambers": people)."""
        head = self.org_head(words[-1])
        plural = head is not None and words[-1] != head.word and words[-1].endswith("s")
        person = len(words) == 2 and words[0] in given_names()
        return None if plural and person else head

    def title(self, text: str) -> Title | None:
        """Title by any written form ("Gen.", "general", "Lt. Gen.").

        Forms of ``cased`` titles ("Major", "Justice") match only exactly as written.
        """
        return self._title_forms.get(normalize(text)) or self._title_forms.get(folded_key(text))

    def title_forms(self) -> dict[str, Title]:
        return dict(self._title_forms)

    # -- cues and triggers --------------------------------------------------------------------
    def cue(self, form: str) -> Cue | None:
        return self._cue_forms.get(folded_key(form))

    def cue_forms(self) -> dict[str, Cue]:
        """Every cue form (lower case; phrases space-separated) -> Cue."""
        return dict(self._cue_forms)

    def triggers_for(self, form: str) -> tuple[Trigger, ...]:
        return self._trigger_forms.get(folded_key(form), ())

    def trigger_forms(self) -> dict[str, tuple[Trigger, ...]]:
        """Every trigger form (lower case; phrases space-separated) -> its Triggers."""
        return dict(self._trigger_forms)

    def name_keys(self) -> tuple[str, ...]:
        """Every key of the nation (name, demonym, people, capital), actor alias and
        institution head tables, for a gate over the windows a scan looks up."""
        tables = (
            self._nation_names,
            self._nation_demonyms,
            self._nation_people,
            self._nation_capitals,
            self._actor_aliases,
            self._institution_heads,
        )
        return tuple(key for table in tables for key in table)

    # -- first-token gates ----------------------------------------------------------------------
    @cached_property
    def cue_openers(self) -> Openers:
        """Tokens that can open a cue form (see :class:`Openers`)."""
        return Openers.of(self._cue_forms)

    @cached_property
    def trigger_openers(self) -> Openers:
        """Tokens that can open a trigger form."""
        return Openers.of(self._trigger_forms)

    @cached_property
    def institution_openers(self) -> Openers:
        """Tokens that can open a national institution's head ("foreign ministry")."""
        return Openers.of(self._institution_heads)

    @cached_property
    def title_openers(self) -> Openers:
        """Tokens that can open a title form ("Lt. Gen.", "spokesman")."""
        return Openers.of(self._title_forms)

    @cached_property
    def org_head_openers(self) -> Openers:
        """Tokens that can open an organisation head as listed ("air lines"; :meth:`org_head`
        also reads plurals and a final full stop)."""
        return Openers.of(self._org_heads)

    @cached_property
    def nation_name_openers(self) -> Openers:
        """Tokens that can open a nation's name ("United States", "Iraq")."""
        return Openers.of(self._nation_names)

    @cached_property
    def name_openers(self) -> Openers:
        """Tokens that can open a nation's name, demonym, people noun or capital, or a known
        actor's name or alias."""
        return Openers.of(
            [
                *self._nation_names,
                *self._nation_demonyms,
                *self._nation_people,
                *self._nation_capitals,
                *self._actor_aliases,
            ]
        )

    @cached_property
    def source_modifier_openers(self) -> Openers:
        """Tokens that can open a modifier of an unnamed source ("senior", "security")."""
        return Openers.of(
            f.casefold() for term in self.sources.modifiers for f in (term.form, *term.forms)
        )

    # -- counts -------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {
            "nations": len(self.nations),
            "actors": len(self.actors),
            "institutions": len(self.institutions),
            "org_heads": len(self.org_heads),
            "titles": len(self.titles),
            "cues": len(self.cues),
            "triggers": len(self.triggers),
            "source_nouns": len(self.sources.nouns),
            "source_modifiers": len(self.sources.modifiers),
            "anonymity_reasons": len(self.sources.reasons),
            "debris": len(self.debris.rules),
        }
