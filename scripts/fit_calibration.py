"""Fit the confidence table (src/dateline/extract/calibration.yaml) from annotated corpora.

    PYTHONPATH=src python scripts/fit_calibration.py            # fit and report, write nothing
    PYTHONPATH=src python scripts/fit_calibration.py --write    # and rewrite the table

Every quote, event and location row the extractor makes on the gold corpora (by default
``../shared/corpus/dev`` and ``../shared/corpus/dev-geo``) gets ``dateline evaluate``'s verdict
(right, wrong or unjudged: ``dateline.evaluate.bands``) and the values of its table's features
(``dateline.extract.calibration.FEATURES``). A cell is a prefix of the features' values; its
confidence is the one-sided 90 % Wilson lower bound of its precision over the judged rows,
rounded down to 0.01, so rows are right at least as often as their confidence says. A cell is
kept when at least ``MIN_ROWS`` judged rows fall in it and its bound differs from its parent's
(the empty prefix, every row, is always kept). A table without judged rows (events: there is
no events gold yet) is left as it is.

To show the table is not fitted to the very rows it is checked on, the articles of each source
are split in two halves (alternately, by id): the table is fitted on one half and checked on
the other, both ways, and the report gives precision by confidence band on the held-out half.
Refit after any change to extraction (the verdicts move with it).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from dateline.evaluate import extract_rows, load_corpus
from dateline.evaluate.bands import LABELS, RIGHT, UNJUDGED, WRONG, band_of, verdicts
from dateline.evaluate.predicted import prediction_from_rows
from dateline.extract.calibration import PATH, TABLES, Calibration, Table, load
from dateline.lexicon import load as load_lexicon

ROOT = Path(__file__).resolve().parents[1]
CORPORA = (ROOT.parent / "shared" / "corpus" / "dev", ROOT.parent / "shared" / "corpus" / "dev-geo")
MIN_ROWS = 8
Z = 1.2816  # one-sided 90 %
HIGH = 0.8


@dataclass(frozen=True)
class Sample:
    """One predicted row: its article, table, feature values and verdict."""

    doc_id: str
    source: str
    table: str
    features: tuple[str, ...]
    verdict: str


def lower_bound(right: int, n: int) -> float:
    """One-sided Wilson score lower bound of a proportion (0 when there are no rows)."""
    if n == 0:
        return 0.0
    p = right / n
    centre = p + Z * Z / (2 * n)
    spread = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return max(0.0, (centre - spread) / (1 + Z * Z / n))


def collect(corpora: Sequence[Path], cal: Calibration) -> list[Sample]:
    """Extract every article of the corpora and judge its rows."""
    lex = load_lexicon()
    samples = []
    for corpus in corpora:
        for doc in load_corpus(corpus):
            rows = extract_rows(doc)
            judged = verdicts(doc, prediction_from_rows(rows))
            for table in TABLES:
                for row, verdict in zip(rows.get(table, ()), judged[table] or (), strict=False):
                    features = cal.features(table, row, lex)
                    samples.append(Sample(doc.doc_id, doc.source, table, features, verdict))
    return samples


def fit_cells(samples: Iterable[Sample]) -> dict[str, dict[str, float | int]]:
    """The cells of one table, from the judged rows: a prefix gets a cell of its own when at
    least ``MIN_ROWS`` rows have it; each cell's confidence is estimated on the rows that get
    it, those of no longer cell (a rare combination falls back on a cell fitted on the other
    rare ones, not on the common ones)."""
    judged = [s for s in samples if s.verdict != UNJUDGED]
    cells: dict[str, dict[str, float | int]] = {}
    _grow(cells, (), judged)
    order = sorted(cells, key=lambda k: (k.count("|") if k else -1, k))
    for key in order[1:]:  # a cell that gives what its row would get without it says nothing
        if cells[key]["confidence"] == _inherited(cells, key):
            del cells[key]
    return {k: cells[k] for k in order if k in cells}


def _inherited(cells: dict[str, dict[str, float | int]], key: str) -> float:
    """What a row with this key gets from the cells of its proper prefixes."""
    parts = key.split("|")
    for k in range(len(parts) - 1, -1, -1):
        if (prefix := "|".join(parts[:k])) in cells:
            return float(cells[prefix]["confidence"])
    return -1.0


def _grow(cells: dict[str, dict[str, float | int]], prefix: tuple[str, ...], rows: list[Sample]):
    """The cell of ``prefix`` (``rows`` have it) and those of its longer prefixes."""
    children: dict[str, list[Sample]] = defaultdict(list)
    for s in rows:
        if len(s.features) > len(prefix):
            children[s.features[len(prefix)]].append(s)
    rest = list(rows)
    for value, members in sorted(children.items()):
        if len(members) >= MIN_ROWS:
            _grow(cells, (*prefix, value), members)
            rest = [s for s in rest if s.features[len(prefix)] != value]
    basis = rest or rows  # no row falls back here: the prefix's rows stand for unseen values
    right = sum(s.verdict == RIGHT for s in basis)
    cells["|".join(prefix)] = {
        "confidence": math.floor(lower_bound(right, len(basis)) * 100) / 100,
        "right": right,
        "judged": len(basis),
    }


def fit(samples: list[Sample], base: Calibration) -> Calibration:
    """A table fitted on ``samples`` (tables without judged rows keep ``base``'s cells)."""
    tables = {}
    for table in TABLES:
        mine = [s for s in samples if s.table == table and s.verdict != UNJUDGED]
        cells = fit_cells(mine)
        old = base.tables[table]
        tables[table] = (
            Table(old.features, {k: float(c["confidence"]) for k, c in cells.items()})
            if mine
            else old
        )
    return Calibration(tables, base.neutral_cues)


@dataclass
class Band:
    rows: int = 0
    right: int = 0
    wrong: int = 0
    confidence: float = 0.0

    def line(self) -> str:
        if not self.rows:
            return f"{'–':>22}"
        judged = self.right + self.wrong
        p = f"{self.right / judged:.2f}" if judged else "–"
        return f"{self.rows:>5} rows P {p:>4} c {self.confidence / self.rows:.2f}"


def bands(samples: Iterable[Sample], cal: Calibration) -> dict[str, list[Band]]:
    """Per table, each confidence band's rows, verdicts and mean confidence under ``cal``."""
    out: dict[str, list[Band]] = defaultdict(lambda: [Band(), Band(), Band()])
    for s in samples:
        c = cal.lookup(s.table, s.features)
        b = out[s.table][band_of(c)]
        b.rows += 1
        b.right += s.verdict == RIGHT
        b.wrong += s.verdict == WRONG
        b.confidence += c
    return out


def halves(samples: list[Sample]) -> tuple[set[str], set[str]]:
    """Articles of each source split alternately by id."""
    by_source: dict[str, set[str]] = defaultdict(set)
    for s in samples:
        by_source[s.source].add(s.doc_id)
    first, second = set(), set()
    for ids in by_source.values():
        for i, doc_id in enumerate(sorted(ids)):
            (first if i % 2 == 0 else second).add(doc_id)
    return first, second


def report(title: str, table_bands: dict[str, list[Band]]) -> list[str]:
    lines = [title, f"{'':<10}" + "".join(f"{label:>24}" for label in LABELS)]
    for table in TABLES:
        if table in table_bands:
            cells = "".join(f"{b.line():>24}" for b in table_bands[table])
            lines.append(f"{table:<10}{cells}")
    return lines


def high_precision(table_bands: dict[str, list[Band]], table: str) -> str:
    b = table_bands.get(table, [Band(), Band(), Band()])[2]
    judged = b.right + b.wrong
    return f"{b.right}/{judged} = {b.right / judged:.3f}" if judged else "no rows"


def as_yaml(cal: Calibration, fitted: dict[str, dict], notes: dict[str, str], old: dict) -> str:
    """The table file: the fitted cells with their counts, the other tables as they were; one
    cell a line, strings as JSON (valid YAML), so the file diffs well."""
    lines = [
        "# Calibrated confidence of quote, event and location rows (extract/calibration.py).",
        "# Generated by scripts/fit_calibration.py; edit the features or neutral_cues by hand,",
        "# then refit. A cell key is the '|'-joined values of a prefix of the features.",
        f"about: {json.dumps(old['about'], ensure_ascii=False)}",
        "neutral_cues:",
        f"  about: {json.dumps(old['neutral_cues']['about'], ensure_ascii=False)}",
        f"  words: {json.dumps(old['neutral_cues']['words'])}",
        "tables:",
    ]
    for table in TABLES:
        spec = old["tables"][table]
        cells = fitted.get(table) or spec["cells"]
        lines += [
            f"  {table}:",
            f"    features: {json.dumps(list(cal.tables[table].features))}",
            f"    fit: {json.dumps(notes.get(table) or spec.get('fit', ''), ensure_ascii=False)}",
            "    cells:",
        ]
        for key, cell in cells.items():
            body = ", ".join(f"{k}: {v}" for k, v in cell.items())
            lines.append(f"      {json.dumps(key)}: {{{body}}}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, action="append", help="gold corpus (repeatable)")
    parser.add_argument("--write", action="store_true", help=f"rewrite {PATH.name}")
    args = parser.parse_args(argv)
    base = load()
    samples = collect(args.gold or CORPORA, base)
    first, second = halves(samples)
    out = []
    for name, fit_on, check_on in (("A", first, second), ("B", second, first)):
        cal = fit([s for s in samples if s.doc_id in fit_on], base)
        held = [s for s in samples if s.doc_id in check_on]
        out += report(f"\nFitted on half {name}, checked on the other half:", bands(held, cal))
    final = fit(samples, base)
    all_bands = bands(samples, final)
    out += report("\nFitted on all articles, in sample:", all_bands)
    print("\n".join(out))
    fitted, notes = {}, {}
    for table in TABLES:
        mine = [s for s in samples if s.table == table and s.verdict != UNJUDGED]
        if not mine:
            print(f"{table}: no judged rows (no gold for this layer): table kept as it is")
            continue
        fitted[table] = fit_cells(mine)
        unjudged = sum(s.table == table and s.verdict == UNJUDGED for s in samples)
        held = [
            high_precision(bands([s for s in samples if s.doc_id in part], cal_part), table)
            for part, cal_part in (
                (second, fit([s for s in samples if s.doc_id in first], base)),
                (first, fit([s for s in samples if s.doc_id in second], base)),
            )
        ]
        notes[table] = (
            f"{len(mine)} judged rows ({unjudged} unjudged left out) of "
            f"{len({s.doc_id for s in mine})} articles; rows >= {HIGH} right "
            f"{high_precision(all_bands, table)} in sample, {held[0]} and {held[1]} on held-out "
            "halves"
        )
        print(f"{table}: {notes[table]}")
    if args.write:
        old = yaml.safe_load(PATH.read_text(encoding="utf-8"))
        PATH.write_text(as_yaml(final, fitted, notes, old), encoding="utf-8")
        print(f"wrote {PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
