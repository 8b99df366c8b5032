"""Read a gold corpus: ``articles/<id>.txt`` (the article) + ``gold/<id>.json`` (its annotations).

Only the fields the scorer needs are read; any other field is allowed and ignored. Every span is
checked against the article body (``body[start:end] == text``), and a malformed file is reported
with its path and the JSON path of the bad field (``entities[3].end``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.article import Article, read_article, read_file
from dateline.errors import DatelineError, UsageError
from dateline.lexicon import load as load_lexicon
from dateline.lexicon.words import given_names

ACTOR_TYPES = frozenset({"ACTOR_PERSON", "ACTOR_ORG"})
LOCATION_TYPES = frozenset({"LOCATION"})
# The layers a gold file may annotate; ``entities`` in a file's ``layers`` means both actors and
# locations. A layer the file does not annotate is not scored at all.
TABLE_TYPES = {"actors": ACTOR_TYPES, "locations": LOCATION_TYPES}
METONYMIC_TYPE = "ACTOR_ORG"  # a country acting as an agent ("North Korea said")
LAYERS = ("actors", "locations", "quotes", "events")
LAYER_ALIASES = {"entities": ("actors", "locations")}
_PRONOUN_WORDS = (
    "i me my mine myself we us our ours ourselves you your yours yourself he him his himself "
    "she her hers herself it its itself they them their theirs themselves who whom whose "
    "this that these those one"
)
PRONOUNS = frozenset(_PRONOUN_WORDS.split())
PROPER_TAGS = ("NNP", "NNPS")
GOLD_HINT = "see docs/evaluate.md for the gold format"
MAX_GOLD_BYTES = 20_000_000


def compatible(table: str, coarse_type: str) -> bool:
    """Whether a predicted mention in ``table`` may match a gold mention of ``coarse_type``.

    Metonymy: gold ACTOR_ORG (GUM types a country acting as an agent as an organisation) matches
    a predicted actor *or* location; otherwise the coarse type must belong to the table.
    """
    return coarse_type in TABLE_TYPES[table] or (
        table == "locations" and coarse_type == METONYMIC_TYPE
    )


class GoldError(DatelineError):
    """A gold file (or its article) is malformed."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class GoldPoint:
    """Where a gold toponym is: its coordinates and what says whether it is a country."""

    lat: float
    lon: float
    wikipedia: str | None = None  # the page of the place, when the gold gives one
    location_type: str | None = None  # optional: "country" marks a country
    country: str | None = None  # optional ISO 3166-1 alpha-3 of a country toponym


@dataclass(frozen=True)
class GoldMention:
    """One gold entity mention."""

    text: str
    start: int
    end: int
    coarse_type: str
    eid: str | None = None
    is_name: bool = False  # a proper name (see :func:`is_name`), the unit of the name metrics
    name: str = ""  # the name inside the span (see :func:`name_of`); the span text by default
    head: int | None = None  # body offset of the head word, when the gold gives ``head_text``
    point: GoldPoint | None = None  # a toponym's coordinates (``lat``/``lon``), when given


@dataclass(frozen=True)
class GoldSpeaker:
    """Who a span refers to: a quote's speaker, an event's actor or target."""

    text: str
    start: int
    end: int
    eid: str | None = None
    canonical_text: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3 of the actor's country (events only)


@dataclass(frozen=True)
class GoldPlace:
    """Where an event happens: a span, with the place's coordinates when given."""

    text: str
    start: int
    end: int
    point: GoldPoint | None = None


# The attributes of a gold event that may be annotated; a key left out is not scored.
EVENT_ATTRIBUTES = ("type", "actor", "target", "place", "date", "status")


@dataclass(frozen=True)
class GoldEvent:
    """One gold event: its trigger span and the attributes the annotator gave (``None`` where
    the gold says the article names none: no actor, no date)."""

    text: str
    start: int
    end: int
    annotated: frozenset[str]  # which of EVENT_ATTRIBUTES the gold gives
    type: str | None = None
    actor: GoldSpeaker | None = None
    target: GoldSpeaker | None = None
    place: GoldPlace | None = None
    date: tuple[str, str] | None = None  # ISO first and last day, inclusive
    status: str | None = None


@dataclass(frozen=True)
class GoldQuote:
    text: str
    start: int
    end: int
    type: str
    spans: tuple[Span, ...]  # content_spans when given, else (start, end)
    speaker: GoldSpeaker | None


@dataclass(frozen=True)
class GoldDoc:
    """One annotated article."""

    doc_id: str
    source: str  # gum, re3d, or the gold file's own ``source`` (default "custom")
    article: Article
    mentions: tuple[GoldMention, ...]
    quotes: tuple[GoldQuote, ...] | None  # None: the gold has no quote layer
    quote_marks: tuple[Span, ...] = ()  # GUM quotation_mark_spans
    events: tuple[GoldEvent, ...] | None = None  # None: the gold has no event layer
    has_chains: bool = False  # every actor/location mention carries an eid
    exhaustive: bool = True  # every entity is annotated (see :func:`is_exhaustive`)
    layers: frozenset[str] = frozenset(LAYERS)  # what the file annotates (see :func:`layers_of`)

    @property
    def body(self) -> str:
        return self.article.body


def load_corpus(root: Path) -> list[GoldDoc]:
    """Every ``gold/*.json`` under ``root`` with its ``articles/<id>.txt``, sorted by id.

    ``root`` may also be the ``gold`` folder itself when ``articles`` is its sibling.
    """
    if not root.is_dir():
        raise UsageError(f"gold folder not found: {root}", hint=GOLD_HINT)
    gold_dir = root / "gold"
    if not gold_dir.is_dir() and (root.parent / "articles").is_dir():
        gold_dir, root = root, root.parent
    if not gold_dir.is_dir():
        raise UsageError(f"no 'gold' folder in {root}", hint=GOLD_HINT)
    paths = sorted(gold_dir.glob("*.json"))
    if not paths:
        raise UsageError(f"no gold files (*.json) in {gold_dir}", hint=GOLD_HINT)
    return [load_doc(path, root / "articles" / f"{path.stem}.txt") for path in paths]


def load_doc(gold_path: Path, article_path: Path) -> GoldDoc:
    """One gold file and its article."""
    where = str(gold_path)
    if not article_path.exists():
        raise GoldError(
            f"no article for this gold file: {article_path} is missing",
            file=where,
            hint="put the article next to the gold folder as articles/<id>.txt",
        )
    try:
        data = json.loads(read_file(gold_path, limit=MAX_GOLD_BYTES, error=GoldError).decode())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"cannot read the gold file: {exc}", file=where, hint=GOLD_HINT) from exc
    except RecursionError:
        raise GoldError(
            "cannot read the gold file: JSON nested too deeply", file=where, hint=GOLD_HINT
        ) from None
    return parse_gold(data, read_article(article_path), where=where)


def parse_gold(data: Any, article: Article, *, where: str = "<gold>") -> GoldDoc:
    """Check one gold JSON object against its article and keep what the scorer needs."""
    if not isinstance(data, dict):
        raise GoldError("the gold file must hold a JSON object", file=where, hint=GOLD_HINT)
    body = article.body
    doc_id = data.get("id", article.doc_id)
    if doc_id != article.doc_id:
        raise GoldError(
            f"id: {doc_id!r} does not match the file name ({article.doc_id!r})", file=where
        )
    layers = layers_of(data, where)
    mentions = tuple(
        _mention(e, body, where, f"entities[{i}]")
        for i, e in enumerate(_list(data, "entities", where, required="layers" not in data) or [])
    )
    raw_quotes = _list(data, "quotes", where, required=False)
    quotes = (
        None
        if "quotes" not in layers
        else tuple(_quote(q, body, where, f"quotes[{i}]") for i, q in enumerate(raw_quotes or []))
    )
    events = (
        None
        if "events" not in layers
        else tuple(
            _event(e, body, where, f"events[{i}]")
            for i, e in enumerate(_list(data, "events", where, required=False) or [])
        )
    )
    marks = tuple(
        _span(m, body, where, f"quotation_mark_spans[{i}]")
        for i, m in enumerate(_list(data, "quotation_mark_spans", where, required=False) or [])
    )
    typed = [m for m in mentions if m.coarse_type in ACTOR_TYPES | LOCATION_TYPES]
    return GoldDoc(
        doc_id=article.doc_id,
        source=source_of(data, article.doc_id),
        article=article,
        mentions=mentions,
        quotes=quotes,
        quote_marks=marks,
        events=events,
        has_chains=bool(typed) and all(m.eid is not None for m in typed),
        exhaustive=is_exhaustive(data, where),
        layers=layers,
    )


def layers_of(data: dict[str, Any], where: str) -> frozenset[str]:
    """The layers a gold file annotates: its ``layers`` list when given (``entities`` stands for
    actors and locations), else inferred from which lists it holds: ``entities`` → actors and
    locations, ``quotes`` → quotes, ``events`` → events (``null`` or absent: not annotated, as
    re3d's ``"quotes": null`` in the dev corpus)."""
    if "layers" not in data:
        inferred = [*LAYER_ALIASES["entities"]] if isinstance(data.get("entities"), list) else []
        inferred += [k for k in ("quotes", "events") if isinstance(data.get(k), list)]
        return frozenset(inferred)
    value = data["layers"]
    known = (*LAYERS, *LAYER_ALIASES)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GoldError(
            f"layers: must be a list of layer names ({', '.join(known)})",
            file=where,
            hint=GOLD_HINT,
        )
    unknown = sorted(set(value) - set(known))
    if unknown:
        raise GoldError(
            f"layers: unknown layer {unknown[0]!r} (known: {', '.join(known)})",
            file=where,
            hint=GOLD_HINT,
        )
    return frozenset(x for v in value for x in LAYER_ALIASES.get(v, (v,)))


def is_exhaustive(data: dict[str, Any], where: str) -> bool:
    """Whether the entity layer annotates every entity: the optional ``exhaustive`` field, else
    false when the file reports entities dropped for low confidence (re3d), true otherwise."""
    value = data.get("exhaustive")
    if value is None:
        return not data.get("entities_dropped_low_confidence")
    if not isinstance(value, bool):
        raise GoldError(f"exhaustive: {value!r} is not true or false", file=where, hint=GOLD_HINT)
    return value


def source_of(data: dict[str, Any], doc_id: str) -> str:
    """The file's ``source`` field; else the first word of its ``source_corpus``, in lower case
    (``gum``, ``re3d``, ``geovirus`` in the dev corpora); else ``gum`` / ``re3d`` from the id's
    prefix; else ``custom``."""
    source = data.get("source")
    if isinstance(source, str) and source:
        return source
    corpus = re.match(r"[A-Za-z0-9]+", str(data.get("source_corpus") or ""))
    if corpus:
        return corpus.group().lower()
    return next((n for n in ("gum", "re3d") if doc_id.startswith(f"{n}_")), "custom")


def is_name(entity: dict[str, Any]) -> bool:
    """Whether a gold mention is a proper name.

    GUM's ``proper`` is also true for descriptions with a Wikipedia identity ("the mosque", "I"),
    so the head tag decides when it is given (NNP/NNPS, or a role noun before a name: "actor
    Dennis Hopper"), then ``proper`` when given, then
    whether the head word (:func:`head_index`) is capitalised: "Palmyra" and "the Foreign
    Secretary" are names, "ISIL-held buildings" and "the city of Raqqah" are not. In every case
    the text must hold an upper-case letter after a leading "the", and must not be a pronoun.
    """
    text = entity["text"]
    if entity.get("head_xpos") is not None:
        words = _words(text)
        at = head_index(words, entity.get("head_text"))
        if entity["head_xpos"] not in PROPER_TAGS and not _appositive(words, at):
            return False
    elif entity.get("proper") is not None:
        if not entity["proper"]:
            return False
    elif not head_is_capitalised(text):
        return False
    rest = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    return any(c.isupper() for c in rest) and rest.casefold() not in PRONOUNS


def name_of(entity: dict[str, Any]) -> str:
    """The name a mention holds: its ``name`` field, else the proper-noun run around its head.

    Gold spans are often whole noun phrases, so "actor Dennis Hopper" names "Dennis Hopper",
    "Northwestern University in Evanston, Illinois" names "Northwestern University", "about
    100,000 Greeks" names "Greeks", "Saudi Arabia's Civil Defense Authority" names "Civil
    Defense Authority" and "Palmyra, Syria" names "Palmyra". A person's mention that ends in a
    name names it from its given name on ("US Secretary of State John Kerry" → "John Kerry").
    The run grows from the head over capitalised words and ordinals, and over "of", "and", "&",
    "for" between them (only name particles such as "de" or "al" for a person) and over "and
    the" before a capitalised word ("Islamic State of Iraq and the Levant"); a possessive, a
    comma or any other "the" ends it.
    """
    text = entity["text"]
    if entity.get("name"):
        return str(entity["name"]).strip()
    tokens = list(NAME_TOKEN.finditer(text))
    words = [t.group() for t in tokens]
    head = entity.get("head_text")
    person = entity.get("coarse_type") == "ACTOR_PERSON"
    if person and (first := _trailing_person(words)) is not None:
        return text[tokens[first].start() :]  # "Deputy Secretary of State Antony Blinken"
    at = head_index(words, head if isinstance(head, str) and head else None)
    if _appositive(words, at):
        at = at + 1  # type: ignore[operator]
    if at is None or not _name_word(words[at]):
        return text
    joins = _PARTICLES if entity.get("coarse_type") == "ACTOR_PERSON" else _JOINS
    end = at
    while end + 1 < len(words) and not _possessive(words[end]):
        if _name_word(words[end + 1]):
            end += 1
        elif _joins(words, end + 1, end + 2, joins):
            end += 2
        elif _joined_by_the(words, end, joins):
            end += 3
        else:
            break
    start = at
    while start > 0 and not _possessive(words[start - 1]):
        if _name_word(words[start - 1]):
            start -= 1
        elif _joins(words, start - 1, start - 2, joins) and not _possessive(words[start - 2]):
            start -= 2
        else:
            break
    if joins is _PARTICLES:  # "Governor of Washington Chris Gregoire": the office's place
        while end - start >= 2 and load_lexicon().nation_by_any(words[start]) is not None:
            start += 1
    return text[tokens[start].start() : tokens[end].end()]


def _trailing_person(words: list[str]) -> int | None:
    """Where a person's name that ends the mention starts, when two words or more follow: right
    after a title ("NASA Administrator | Charles Bolden", "Secretary of State | John Kerry"), or
    at a given name after places only ("Governor of Washington | Chris Gregoire"); never inside
    a name ("Farouk Ben Mustapha", "L. Ron Hubbard")."""
    k = len(words)
    while k > 0 and _name_word(words[k - 1]):
        k -= 1
    lex = load_lexicon()
    for p in range(max(k, 1), len(words) - 1):
        if any(lex.title(" ".join(words[i:p])) for i in range(p)):
            return p
        given = words[p] in given_names() and words[p].lower() not in _PARTICLES  # not "Al"
        if given and all(lex.nation_by_any(w) or _acronym(w) for w in words[k:p]):
            return p
    return None


def head_index(words: list[str], head: str | None) -> int | None:
    """The head word: the gold ``head_text`` when given, else the last word before the first
    comma, bracket or post-modifier ("of", "in", "near", "who"…): English noun phrases put
    their head there."""
    if head is not None:  # "singer-songwriter" holds the head "songwriter"
        return next(
            (i for i, w in enumerate(words) if _holds_head(_strip_possessive(w), head)), None
        )
    end = next(
        (
            i
            for i, w in enumerate(words)
            if i and (w.lower() in _POST_MODIFIERS or not w[0].isalnum())
        ),
        len(words),
    )
    return end - 1 if end else None


def head_is_capitalised(text: str) -> bool:
    """Whether the guessed head word (:func:`head_index`) is a name word: "Palmyra", "the
    Foreign Secretary", not "ISIL-held buildings" or "Iraqi security forces"."""
    words = _words(text)
    at = head_index(words, None)
    return at is not None and _name_word(words[at])


def _holds_head(word: str, head: str) -> bool:
    return word == head or head in word.split("-")


def _appositive(words: list[str], at: int | None) -> bool:
    """A role noun head followed by a name: "actor Dennis Hopper", "coauthor Colette Heald"."""
    return (
        at is not None
        and at + 1 < len(words)
        and words[at][:1].islower()
        and words[at + 1][:1].isupper()
    )


def _words(text: str) -> list[str]:
    return NAME_TOKEN.findall(text)


NAME_TOKEN = re.compile(r"[\w.&'’-]+|[^\w\s]")
_PARTICLES = frozenset({"al", "bin", "da", "de", "del", "della", "di", "du", "el", "ibn", "la"})
_PARTICLES |= {"le", "van", "von"}
_JOINS = _PARTICLES | {"of", "and", "&", "for"}
_POST_MODIFIERS = frozenset({"of", "in", "at", "near", "on", "from", "for", "with", "by"})
_POST_MODIFIERS |= {"surrounding", "who", "which", "that", "whose", "where", "located"}
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)$")
_JOINED_PARTICLE = re.compile(r"(?:al|el|bin|ibn|de|da|di|du|le|la)[-'’][A-Z]")


def _name_word(word: str) -> bool:
    """Capitalised ("Sheffield"), an ordinal ("158th") or a particle joined to a name
    ("al-Amr")."""
    return (
        (word[:1].isupper() and word != "The")
        or bool(_ORDINAL.match(word))
        or bool(_JOINED_PARTICLE.match(word))
    )


def _possessive(word: str) -> bool:
    return len(word) > 1 and word.endswith(("'s", "’s", "'", "’"))


def _strip_possessive(word: str) -> str:
    return re.sub(r"['’]s?$", "", word)


def _joins(words: list[str], join: int, other: int, joins: frozenset[str]) -> bool:
    """Whether ``words[join]`` joins two name words ("University *of* Sheffield")."""
    return 0 <= other < len(words) and words[join].lower() in joins and _name_word(words[other])


def _joined_by_the(words: list[str], end: int, joins: frozenset[str]) -> bool:
    """Whether "and the" joins the next name word ("Islamic State of Iraq *and the* Levant";
    "of the" stays ambiguous: "University of Sheffield of the UK")."""
    return (
        joins is _JOINS
        and end + 3 < len(words)
        and words[end + 1].lower() == "and"
        and words[end + 2] == "the"
        and _name_word(words[end + 3])
    )


def _list(data: dict[str, Any], key: str, where: str, *, required: bool) -> list[Any] | None:
    value = data.get(key)
    if value is None:
        if required:
            raise GoldError(
                f"{key}: missing (use [] when there are none, or list the annotated `layers`)",
                file=where,
                hint=GOLD_HINT,
            )
        return None
    if not isinstance(value, list):
        raise GoldError(
            f"{key}: must be a list, not {type(value).__name__}", file=where, hint=GOLD_HINT
        )
    return value


def _span(obj: Any, body: str, where: str, path: str) -> Span:
    """Check ``{text, start, end}`` against the body."""
    if not isinstance(obj, dict):
        raise GoldError(
            f"{path}: must be an object with text, start and end", file=where, hint=GOLD_HINT
        )
    for key in ("start", "end"):
        value = obj.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise GoldError(
                f"{path}.{key}: must be a non-negative integer, got {value!r}",
                file=where,
                hint=GOLD_HINT,
            )
    start, end = obj["start"], obj["end"]
    if not start < end <= len(body):
        raise GoldError(
            f"{path}: span {start}-{end} is empty or beyond the body ({len(body)} characters)",
            file=where,
            hint=GOLD_HINT,
        )
    text = obj.get("text")
    if not isinstance(text, str):
        raise GoldError(f"{path}.text: missing", file=where, hint=GOLD_HINT)
    if body[start:end] != text:
        raise GoldError(
            f"{path}: body[{start}:{end}] is {body[start:end]!r}, not {text!r}",
            file=where,
            hint="offsets index the body after the front matter, in code points, end exclusive",
        )
    return Span(start, end)


def _mention(obj: Any, body: str, where: str, path: str) -> GoldMention:
    span = _span(obj, body, where, path)
    coarse = obj.get("coarse_type")
    if not isinstance(coarse, str) or not coarse:
        raise GoldError(
            f"{path}.coarse_type: missing (ACTOR_PERSON, ACTOR_ORG, LOCATION, …)",
            file=where,
            hint=GOLD_HINT,
        )
    name = obj.get("name")
    if name is not None and not (isinstance(name, str) and name.strip() and name in obj["text"]):
        raise GoldError(
            f"{path}.name: {name!r} is not a name inside the mention text {obj['text']!r}",
            file=where,
            hint="give the name as written in the span, or leave `name` out",
        )
    eid = obj.get("eid")
    return GoldMention(
        text=obj["text"],
        start=span.start,
        end=span.end,
        coarse_type=coarse,
        eid=None if eid is None else str(eid),
        is_name=coarse in ACTOR_TYPES | LOCATION_TYPES and is_name(obj),
        name=name_of(obj),
        head=_head_offset(obj, span.start),
        point=_point(obj, where, path),
    )


def _point(obj: dict[str, Any], where: str, path: str) -> GoldPoint | None:
    """``lat``/``lon`` (both or neither, in degrees), with the optional ``wikipedia`` page,
    ``location_type`` and ``country`` that say whether the toponym is a country."""
    if obj.get("lat") is None and obj.get("lon") is None:
        return None
    for key, limit in (("lat", 90), ("lon", 180)):
        value = obj.get(key)
        if not isinstance(value, int | float) or isinstance(value, bool) or abs(value) > limit:
            raise GoldError(
                f"{path}.{key}: must be a number from -{limit} to {limit}, got {value!r}",
                file=where,
                hint="give both lat and lon in decimal degrees (WGS84), or neither",
            )
    extra = {k: obj.get(k) for k in ("wikipedia", "location_type", "country")}
    for key, value in extra.items():
        if value is not None and not isinstance(value, str):
            raise GoldError(f"{path}.{key}: must be a string", file=where, hint=GOLD_HINT)
    return GoldPoint(float(obj["lat"]), float(obj["lon"]), **extra)


def _head_offset(entity: dict[str, Any], start: int) -> int | None:
    head = entity.get("head_text")
    if not isinstance(head, str) or not head:
        return None
    return head_offset(entity["text"], start, head)


def head_offset(text: str, start: int, head: str | None = None) -> int | None:
    """Offset of the head word of ``text`` (which starts at ``start``); see
    :func:`head_index`."""
    tokens = list(NAME_TOKEN.finditer(text))
    at = head_index([t.group() for t in tokens], head)
    return None if at is None else start + tokens[at].start()


def _quote(obj: Any, body: str, where: str, path: str) -> GoldQuote:
    span = _span(obj, body, where, path)
    qtype = obj.get("type")
    if not isinstance(qtype, str):
        raise GoldError(
            f"{path}.type: missing (direct, partial or indirect)", file=where, hint=GOLD_HINT
        )
    pieces = obj.get("content_spans")
    spans = (
        tuple(_span(p, body, where, f"{path}.content_spans[{i}]") for i, p in enumerate(pieces))
        if isinstance(pieces, list) and pieces
        else (span,)
    )
    speaker = _ref(obj.get("speaker"), body, where, f"{path}.speaker")
    return GoldQuote(obj["text"], span.start, span.end, qtype, spans, speaker)


def _ref(obj: Any, body: str, where: str, path: str) -> GoldSpeaker | None:
    """A speaker, actor or target: ``{text, start, end, eid?, canonical_text?, country?}``."""
    if obj is None:
        return None
    s = _span(obj, body, where, path)
    eid, canonical, country = obj.get("eid"), obj.get("canonical_text"), obj.get("country")
    if country is not None and not (isinstance(country, str) and len(country) == 3):
        raise GoldError(
            f"{path}.country: {country!r} is not an ISO 3166-1 alpha-3 code", file=where
        )
    return GoldSpeaker(
        text=obj["text"],
        start=s.start,
        end=s.end,
        eid=None if eid is None else str(eid),
        canonical_text=canonical if isinstance(canonical, str) else None,
        country=country.upper() if country else None,
    )


def _event(obj: Any, body: str, where: str, path: str) -> GoldEvent:
    """``{text, start, end}`` (the trigger) and any of type, actor, target, place, date,
    status."""
    span = _span(obj, body, where, path)
    annotated = frozenset(k for k in EVENT_ATTRIBUTES if k in obj)
    place = None
    if obj.get("place") is not None:
        p = _span(obj["place"], body, where, f"{path}.place")
        place = GoldPlace(
            obj["place"]["text"], p.start, p.end, _point(obj["place"], where, f"{path}.place")
        )
    return GoldEvent(
        text=obj["text"],
        start=span.start,
        end=span.end,
        annotated=annotated,
        type=_code(obj, "type", "event_type", where, path),
        actor=_ref(obj.get("actor"), body, where, f"{path}.actor"),
        target=_ref(obj.get("target"), body, where, f"{path}.target"),
        place=place,
        date=_interval(obj.get("date"), where, f"{path}.date"),
        status=_code(obj, "status", "status", where, path),
    )


def _code(obj: dict[str, Any], key: str, field: str, where: str, path: str) -> str | None:
    """A code from the events schema's enum for ``field`` (PLOVER type, status), or None."""
    from dateline.schema.model import enum

    value = obj.get(key)
    allowed = enum("events", field)
    if value is not None and value not in allowed:
        raise GoldError(
            f"{path}.{key}: {value!r} is not one of {', '.join(allowed)}",
            file=where,
            hint=GOLD_HINT,
        )
    return value


def _interval(value: Any, where: str, path: str) -> tuple[str, str] | None:
    """A day ``"2025-10-01"`` or ``{"start": …, "end": …}`` (inclusive) as ISO strings."""
    if value is None:
        return None
    start, end = (value, value) if isinstance(value, str) else (None, None)
    if isinstance(value, dict):
        start, end = value.get("start"), value.get("end")
    try:
        first, last = (dt.date.fromisoformat(d) for d in (start, end))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise GoldError(
            f"{path}: {value!r} is not a day (YYYY-MM-DD) or {{start, end}} days",
            file=where,
            hint=GOLD_HINT,
        ) from None
    if last < first:
        raise GoldError(f"{path}: ends before it starts", file=where, hint=GOLD_HINT)
    return first.isoformat(), last.isoformat()


def _acronym(word: str) -> bool:
    return len(word) > 1 and word.isalpha() and word.isupper()
