"""Reviewed corrections: ``seeds/<doc_id>.corrections.yaml`` fixes what extraction got wrong.

A corrections file is a YAML list of operations ("Reviewed corrections" in README.md). They are
loaded with their file and line (:mod:`.load`), checked against the table schemas
(:mod:`.check`), and applied as a build stage on rows between resolve and typing (:mod:`.stage`,
one object per operation in :mod:`.ops`). Corrected and added rows say ``method: curated`` and
``confidence: 1.0``. A correction that matches nothing is an error naming its file and line:
corrections never go silently stale.
"""

from dateline.corrections.load import corrections_files, load_corrections, parse_corrections
from dateline.corrections.model import SUFFIX, Correction, CorrectionError, DocText, Spec
from dateline.corrections.ops import OPS, Operation
from dateline.corrections.stage import apply_corrections, correct

__all__ = [
    "OPS",
    "SUFFIX",
    "Correction",
    "CorrectionError",
    "DocText",
    "Operation",
    "Spec",
    "apply_corrections",
    "correct",
    "corrections_files",
    "load_corrections",
    "parse_corrections",
]
