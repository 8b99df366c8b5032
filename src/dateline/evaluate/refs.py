"""Whether a predicted entity is the gold one a span refers to (a speaker, an actor, a target)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dateline.evaluate.gold import GoldDoc, GoldMention, GoldQuote, GoldSpeaker, head_offset
from dateline.evaluate.names import normalize_name
from dateline.evaluate.predicted import Prediction, PredMention, PredQuote, overlap_size, overlaps


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


def refers_to(
    ref: GoldSpeaker,
    entity_id: str | None,
    spans: Sequence[tuple[int, int]],
    doc: GoldDoc,
    prediction: Prediction,
) -> bool:
    """Whether a predicted entity (its id and the spans where it is written) is the gold one:
    by chain (gold ``eid``), else by span overlap, or by the same name."""
    if ref.eid is not None and any(m.eid == ref.eid for m in doc.mentions):
        if any(ref.eid in aligned_eids(s, doc.mentions, doc.body) for s in spans):
            return True
    elif any(overlaps(s, e, ref.start, ref.end) for s, e in spans):
        return True
    target = normalize_name(ref.canonical_text or ref.text)
    return bool(target) and target in prediction.actor_names.get(entity_id or "", ())


def speaker_spans(quote: PredQuote, mentions: Iterable[PredMention]) -> list[tuple[int, int]]:
    """Where the predicted speaker is: its mentions, plus the quote's speaker span."""
    spans = [
        (m.start, m.end) for m in mentions if quote.speaker_id and m.entity_id == quote.speaker_id
    ]
    if quote.speaker_span is not None:
        spans.append(quote.speaker_span)
    return spans


def speaker_is_right(
    gold: GoldQuote, pred: PredQuote, doc: GoldDoc, prediction: Prediction
) -> bool:
    """See :func:`refers_to`; a gold quote without a speaker wants none predicted."""
    if gold.speaker is None:
        return pred.speaker_id is None and pred.speaker_span is None
    return refers_to(
        gold.speaker, pred.speaker_id, speaker_spans(pred, prediction.mentions), doc, prediction
    )
