"""Score extraction against gold annotations (``dateline evaluate``).

``gold`` reads a corpus (``articles/<id>.txt`` + ``gold/<id>.json``), ``score`` holds the pure
metric functions, ``report`` prints the results. The metrics are defined in docs/evaluate.md.

    docs = load_corpus(Path("corpus/dev"))
    evaluation = evaluate(docs, extract_rows)
    print(format_text(evaluation))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from dateline.evaluate.gold import GoldDoc, GoldError, load_corpus, load_doc, parse_gold
from dateline.evaluate.report import DocResult, Evaluation, format_json, format_text
from dateline.evaluate.score import Score, score_doc
from dateline.progress import Progress

if TYPE_CHECKING:
    from dateline.extract.resources import Resources

Rows = Mapping[str, Sequence[Mapping[str, Any]]]
Predict = Callable[[GoldDoc], Rows]

__all__ = [
    "DocResult",
    "Evaluation",
    "GoldDoc",
    "GoldError",
    "Predict",
    "Score",
    "evaluate",
    "extract_rows",
    "format_json",
    "format_text",
    "load_corpus",
    "load_doc",
    "parse_gold",
    "score_doc",
]


def extract_rows(doc: GoldDoc, res: Resources | None = None) -> Rows:
    """The extractor's rows for one gold article (with ``res``, by default the packaged
    resources)."""
    from dateline.extract.checked import extract_seed

    return extract_seed(doc.article, res=res).rows


def evaluate(
    docs: Iterable[GoldDoc], predict: Predict = extract_rows, progress: Progress | None = None
) -> Evaluation:
    """Predict every article once and score it; ``progress`` hears each article scored."""
    todo = list(docs)
    results: list[DocResult] = []
    for doc in todo:
        if progress is not None:
            progress("scoring", len(results), len(todo))
        results.append(DocResult(doc.doc_id, doc.source, score_doc(doc, predict(doc))))
    return Evaluation(tuple(results))
