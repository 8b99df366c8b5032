"""Metrics: pure functions from gold annotations and predicted rows to counts.

Everything is counted (true positives, gold and predicted totals), so scores add up across
articles (micro-averaging) and a ratio is only taken at the end. See docs/evaluate.md for the
definitions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from dateline.evaluate.gold import (
    ACTOR_TYPES,
    LOCATION_TYPES,
    GoldDoc,
    GoldMention,
    GoldQuote,
    head_is_capitalised,
    head_offset,
    name_of,
)
from dateline.lexicon import load as load_lexicon

TABLES = ("actors", "locations")
TABLE_TYPES = {"actors": ACTOR_TYPES, "locations": LOCATION_TYPES}
METONYMIC_TYPE = "ACTOR_ORG"  # a country acting as an agent ("North Korea said")
NAME_MENTION_TYPES = frozenset({"name", "metonym", "dateline"})

_POSSESSIVE = re.compile(r"(?<=[\w.])['’]s?(?=\s|$)")
_LEADING_THE = re.compile(r"^the\s+")
_HONORIFIC = re.compile(r"^(?:(?:mr|mrs|ms|dr|prof|professor|sir|dame) )+")


# --- small helpers --------------------------------------------------------------------------


def normalize_name(text: str) -> str:
    """Casefold, drop possessive 's, punctuation, a leading "the" and honorifics; collapse spaces.

    "The U.S.'s" → "us", "Saudi Arabia's" → "saudi arabia", "al-Amr" → "al amr",
    "Mr. Johnson" → "johnson".
    """
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    text = _POSSESSIVE.sub("", text)
    text = "".join(c if c.isalnum() or c.isspace() else "" if c in ".'" else " " for c in text)
    return strip_titles(_HONORIFIC.sub("", _LEADING_THE.sub("", " ".join(text.split()))))


def strip_titles(name: str) -> str:
    """Drop leading titles and the affiliation before them, as dateline names people:
    "foreign secretary boris johnson" → "boris johnson", "us senator john cornyn" →
    "john cornyn". A name that is only a title stays as it is."""
    words = name.split()
    start = 0
    while start < len(words) - 1:
        step = _title_prefix(words, start)
        if not step:
            break
        start += step
    return " ".join(words[start:]) if start < len(words) else name


def _title_prefix(words: list[str], start: int) -> int:
    lex = load_lexicon()
    for n in range(min(5, len(words) - start - 1), 0, -1):
        phrase = " ".join(words[start : start + n])
        if lex.title(phrase) is not None or lex.title(phrase.title()) is not None:
            return n  # "lt gen", "spc" (cased: "Spc")
        affiliation = (
            lex.nation_by_demonym(phrase.upper() if len(phrase) <= 3 else phrase)
            or lex.actor_by_alias(phrase.upper() if len(phrase) <= 4 else phrase)
            or lex.institution(phrase)  # a service: "army", "navy", "air force"
        )
        if affiliation is not None and start + n < len(words) - 1:
            after = _title_prefix(words, start + n)
            if after:
                return n
    return 0


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Whether two end-exclusive spans share at least one character."""
    return a_start < b_end and b_start < a_end


def overlap_size(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def compatible(table: str, coarse_type: str) -> bool:
    """Whether a predicted mention in ``table`` may match a gold mention of ``coarse_type``.

    Metonymy: gold ACTOR_ORG (GUM types a country acting as an agent as an organisation) matches
    a predicted actor *or* location; otherwise the coarse type must belong to the table.
    """
    return coarse_type in TABLE_TYPES[table] or (
        table == "locations" and coarse_type == METONYMIC_TYPE
    )


# --- counts ---------------------------------------------------------------------------------


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass(frozen=True)
class PRF:
    """Counts for precision (``tp_pred / n_pred``) and recall (``tp_gold / n_gold``).

    The two true-positive counts differ when matching is not one-to-one (names, overlaps).
    A ratio with a zero denominator is ``None``.
    """

    n_gold: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    tp_pred: int = 0
    unjudged: int = 0  # predictions that partial gold cannot judge, left out of ``n_pred``

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp_pred, self.n_pred)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp_gold, self.n_gold)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.n_gold,
            "predicted": self.n_pred,
            "tp_gold": self.tp_gold,
            "tp_predicted": self.tp_pred,
            "unjudged": self.unjudged,
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
        }


@dataclass(frozen=True)
class QuoteCounts:
    """Quote detection and attribution counts."""

    n_gold: int = 0  # gold quotes
    found: int = 0  # gold quotes overlapped by a predicted quote
    right_speaker: int = 0  # found, and the matched prediction has the right speaker
    n_pred: int = 0  # predicted quotes
    pred_matched: int = 0  # predicted quotes overlapping a gold quote or quotation-mark span

    @property
    def recall(self) -> float | None:
        return _ratio(self.found, self.n_gold)

    @property
    def attribution(self) -> float | None:
        return _ratio(self.right_speaker, self.found)

    @property
    def end_to_end(self) -> float | None:
        return _ratio(self.right_speaker, self.n_gold)

    @property
    def precision(self) -> float | None:
        return _ratio(self.pred_matched, self.n_pred)

    def __add__(self, other: QuoteCounts) -> QuoteCounts:
        return QuoteCounts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.n_gold,
            "found": self.found,
            "right_speaker": self.right_speaker,
            "predicted": self.n_pred,
            "predicted_matched": self.pred_matched,
            "recall": _round(self.recall),
            "attribution_accuracy": _round(self.attribution),
            "end_to_end": _round(self.end_to_end),
            "precision": _round(self.precision),
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _add_optional(a: Any, b: Any) -> Any:
    if a is None:
        return b
    return a if b is None else a + b


@dataclass(frozen=True)
class TableScore:
    """The three numbers for one table: by name, by chain (None without chains), by mention."""

    name: PRF = PRF()
    mention: PRF = PRF()
    chain: PRF | None = None

    def __add__(self, other: TableScore) -> TableScore:
        return TableScore(
            self.name + other.name,
            self.mention + other.mention,
            _add_optional(self.chain, other.chain),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "by_name": self.name.as_dict(),
            "by_mention": self.mention.as_dict(),
            "by_chain": None if self.chain is None else self.chain.as_dict(),
        }


@dataclass(frozen=True)
class Score:
    """One article's scores, or a sum of them (``n_docs`` > 1)."""

    actors: TableScore = TableScore()
    locations: TableScore = TableScore()
    quotes: QuoteCounts | None = None  # None: no gold quote layer
    n_docs: int = 1

    def __add__(self, other: Score) -> Score:
        return Score(
            self.actors + other.actors,
            self.locations + other.locations,
            _add_optional(self.quotes, other.quotes),
            self.n_docs + other.n_docs,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "actors": self.actors.as_dict(),
            "locations": self.locations.as_dict(),
            "quotes": None if self.quotes is None else self.quotes.as_dict(),
            "articles": self.n_docs,
        }


def total(scores: Iterable[Score]) -> Score:
    """Micro-average: add the counts."""
    result = None
    for s in scores:
        result = s if result is None else result + s
    return result if result is not None else Score(n_docs=0)


# --- predictions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PredMention:
    entity_id: str
    table: str
    text: str
    start: int
    end: int
    mention_type: str
    person: bool = False

    @property
    def name(self) -> str:
        """The name inside the span, found as for gold spans ("northern Syria" → "Syria")."""
        coarse = "ACTOR_PERSON" if self.person else ""
        return name_of({"text": self.text, "coarse_type": coarse})

    @property
    def is_name(self) -> bool:
        """A name, metonym or dateline whose head word is capitalised, as gold names without a
        head tag are judged ("Iraqi security forces" is not a name); or a description of two
        words or more whose last word is capitalised ("the Foreign Secretary")."""
        if self.mention_type in NAME_MENTION_TYPES:
            return head_is_capitalised(self.text)
        words = self.text.split()
        return self.mention_type == "nominal" and len(words) > 1 and words[-1][:1].isupper()


@dataclass(frozen=True)
class PredQuote:
    start: int
    end: int
    speaker_id: str | None
    speaker_span: tuple[int, int] | None


@dataclass(frozen=True)
class Prediction:
    mentions: tuple[PredMention, ...]
    quotes: tuple[PredQuote, ...]
    actor_names: Mapping[str, frozenset[str]]  # actor_id → normalised name and aliases


def prediction_from_rows(rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> Prediction:
    """Keep what the scorer reads from ``extract(article).rows``."""
    people = {r["actor_id"] for r in rows.get("actors", ()) if r.get("actor_type") == "person"}
    mentions = tuple(
        PredMention(
            str(r["entity_id"]),
            r["entity_table"],
            r.get("text") or "",
            r["char_start"],
            r["char_end"],
            r.get("mention_type") or "name",
            r["entity_id"] in people,
        )
        for r in rows.get("mentions", ())
        if r.get("entity_table") in TABLES
    )
    quotes = tuple(
        PredQuote(
            r["char_start"],
            r["char_end"],
            r.get("speaker_id") or None,
            (r["speaker_start"], r["speaker_end"])
            if isinstance(r.get("speaker_start"), int) and isinstance(r.get("speaker_end"), int)
            else None,
        )
        for r in rows.get("quotes", ())
    )
    names = {
        str(r["actor_id"]): frozenset(
            normalize_name(n) for n in [r.get("name") or "", *(r.get("aliases") or [])] if n
        )
        for r in rows.get("actors", ())
    }
    return Prediction(mentions, quotes, names)


# --- actors and locations -------------------------------------------------------------------


def score_names(
    gold: Sequence[GoldMention],
    pred: Sequence[PredMention],
    table: str,
    *,
    exhaustive: bool = True,
) -> PRF:
    """Distinct normalised names: gold name mentions of the table's types vs predicted
    name/metonym/dateline mentions of the table (metonymy: see :func:`compatible`). When the
    gold is not exhaustive, a predicted name that no gold mention has and none of whose mentions
    overlaps a gold mention is unjudged, not wrong."""
    gold_pairs = {(normalize_name(g.name or g.text), g.coarse_type) for g in gold if g.is_name}
    pred_pairs = {(normalize_name(p.name), p.table) for p in pred if p.is_name}
    gold_pairs = {(n, c) for n, c in gold_pairs if n}
    gold_names = {n for n, c in gold_pairs if c in TABLE_TYPES[table]}
    pred_names = {n for n, t in pred_pairs if t == table and n}
    known = {n for n, c in gold_pairs if compatible(table, c)}
    unjudged = set() if exhaustive else pred_names - known - _judged_names(gold, pred, table)
    pred_names -= unjudged
    found = {
        n
        for n, c in gold_pairs
        if c in TABLE_TYPES[table] and any((n, t) in pred_pairs for t in TABLES if compatible(t, c))
    }
    correct = pred_names & known
    return PRF(len(gold_names), len(pred_names), len(found), len(correct), len(unjudged))


def _judged_names(gold: Sequence[GoldMention], pred: Sequence[PredMention], table: str) -> set[str]:
    """Names of the table's predicted names that overlap some gold mention, of any type."""
    return {
        normalize_name(p.name)
        for p in pred
        if p.table == table
        and p.is_name
        and any(overlaps(p.start, p.end, g.start, g.end) for g in gold)
    }


def score_mentions(gold: Sequence[GoldMention], pred: Sequence[PredMention], table: str) -> PRF:
    """Span overlap. Recall: gold name mentions of the table's types overlapped by a compatible
    predicted name mention. Precision: predicted name mentions of the table overlapping any
    compatible gold mention (a name or not)."""
    names = [p for p in pred if p.is_name]
    targets = [g for g in gold if g.is_name and g.coarse_type in TABLE_TYPES[table]]
    found = sum(
        any(
            compatible(p.table, g.coarse_type) and overlaps(p.start, p.end, g.start, g.end)
            for p in names
        )
        for g in targets
    )
    mine = [p for p in names if p.table == table]
    correct = sum(
        any(
            compatible(table, g.coarse_type) and overlaps(p.start, p.end, g.start, g.end)
            for g in gold
        )
        for p in mine
    )
    return PRF(len(targets), len(mine), found, correct)


def score_chains(gold: Sequence[GoldMention], pred: Sequence[PredMention], table: str) -> PRF:
    """Coreference chains (gold with ``eid``). Recall: gold chains with a name mention of the
    table's types that some compatible predicted mention overlaps. Precision: predicted entities
    of the table with a name mention, any of whose mentions overlaps a compatible gold mention."""
    chains: dict[str, list[GoldMention]] = {}
    for g in gold:
        if g.eid is not None and g.is_name and g.coarse_type in TABLE_TYPES[table]:
            chains.setdefault(g.eid, []).append(g)
    found = sum(
        any(
            compatible(p.table, g.coarse_type) and overlaps(p.start, p.end, g.start, g.end)
            for g in members
            for p in pred
        )
        for members in chains.values()
    )
    entities: dict[str, list[PredMention]] = {}
    for p in pred:
        if p.table == table:
            entities.setdefault(p.entity_id, []).append(p)
    named = {e: ms for e, ms in entities.items() if any(p.is_name for p in ms)}
    correct = sum(
        any(
            compatible(table, g.coarse_type) and overlaps(p.start, p.end, g.start, g.end)
            for p in ms
            for g in gold
        )
        for ms in named.values()
    )
    return PRF(len(chains), len(named), found, correct)


def score_table(doc: GoldDoc, pred: Prediction, table: str) -> TableScore:
    return TableScore(
        name=score_names(doc.mentions, pred.mentions, table, exhaustive=doc.exhaustive),
        mention=score_mentions(doc.mentions, pred.mentions, table),
        chain=score_chains(doc.mentions, pred.mentions, table) if doc.has_chains else None,
    )


# --- quotes ---------------------------------------------------------------------------------


def best_quote(gold: GoldQuote, pred: Sequence[PredQuote]) -> PredQuote | None:
    """The predicted quote that fits the gold content best: most shared characters, and of
    nested quotes sharing as many, the tightest (highest intersection over union)."""
    best, best_key = None, (0, 0.0)
    gold_size = sum(s.end - s.start for s in gold.spans)
    for p in pred:
        size = sum(overlap_size(p.start, p.end, s.start, s.end) for s in gold.spans)
        key = (size, size / (gold_size + (p.end - p.start) - size) if size else 0.0)
        if key > best_key:
            best, best_key = p, key
    return best


def speaker_spans(quote: PredQuote, mentions: Iterable[PredMention]) -> list[tuple[int, int]]:
    """Where the predicted speaker is: its mentions, plus the quote's speaker span."""
    spans = [
        (m.start, m.end) for m in mentions if quote.speaker_id and m.entity_id == quote.speaker_id
    ]
    if quote.speaker_span is not None:
        spans.append(quote.speaker_span)
    return spans


def aligned_eids(span: tuple[int, int], gold: Iterable[GoldMention], body: str) -> set[str]:
    """The chains of the gold mentions that best fit ``span``: among the overlapping mentions
    with the same head word as ``span`` (all overlapping ones when none has), the highest
    character Jaccard.

    Mentions nest ("Civil Defense Authority director General Suleiman al-Amr" holds "Civil Defense
    Authority"), so the tightest fit, not any overlap, decides which chain a span refers to; the
    head keeps "Results of the studies" with "Results of the studies, published in 1989", not
    with the nested "the studies".
    """
    near = [g for g in gold if g.eid is not None and overlaps(*span, g.start, g.end)]
    head = head_offset(body[span[0] : span[1]], span[0])
    same_head = [g for g in near if g.head is not None and g.head == head]
    best, eids = 0.0, set()
    for g in same_head or near:
        inter = overlap_size(span[0], span[1], g.start, g.end)
        jaccard = inter / (max(span[1], g.end) - min(span[0], g.start))
        if jaccard > best:
            best, eids = jaccard, {g.eid}
        elif jaccard == best:
            eids.add(g.eid)
    return eids  # type: ignore[return-value]


def speaker_is_right(
    gold: GoldQuote, pred: PredQuote, doc: GoldDoc, prediction: Prediction
) -> bool:
    """Chain (gold speaker eid), else span overlap with the gold speaker, or the same name."""
    if gold.speaker is None:
        return pred.speaker_id is None and pred.speaker_span is None
    spk = gold.speaker
    spans = speaker_spans(pred, prediction.mentions)
    if spk.eid is not None and any(m.eid == spk.eid for m in doc.mentions):
        if any(spk.eid in aligned_eids(s, doc.mentions, doc.body) for s in spans):
            return True
    elif any(overlaps(s, e, spk.start, spk.end) for s, e in spans):
        return True
    target = normalize_name(spk.canonical_text or spk.text)
    return bool(target) and target in prediction.actor_names.get(pred.speaker_id or "", ())


def score_quotes(doc: GoldDoc, prediction: Prediction) -> QuoteCounts | None:
    if doc.quotes is None:
        return None
    found = right = 0
    for q in doc.quotes:
        match = best_quote(q, prediction.quotes)
        if match is not None:
            found += 1
            right += speaker_is_right(q, match, doc, prediction)
    targets = [s for q in doc.quotes for s in q.spans] + list(doc.quote_marks)
    matched = sum(
        any(overlaps(p.start, p.end, s.start, s.end) for s in targets) for p in prediction.quotes
    )
    return QuoteCounts(len(doc.quotes), found, right, len(prediction.quotes), matched)


# --- one article ----------------------------------------------------------------------------


def score_doc(doc: GoldDoc, rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> Score:
    """Every metric for one article and its predicted rows."""
    pred = prediction_from_rows(rows)
    return Score(
        actors=score_table(doc, pred, "actors"),
        locations=score_table(doc, pred, "locations"),
        quotes=score_quotes(doc, pred),
    )
