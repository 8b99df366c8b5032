"""Formula-like text: the spreadsheet protection the package declares and ``validate`` enforces.

A spreadsheet that opens a CSV file runs a cell as a formula when its text starts with ``=``
(and, in Excel, with ``+``, ``-`` or ``@``), after leading tabs or line breaks. dateline does not
rewrite such text (a leading ``'`` would make the CSV and the Parquet file disagree); it refuses
it. The rule, precise so that ordinary news text passes:

A cell's text (a list cell: its items joined with the field's delimiter, as the CSV writes it)
is **formula-like** when, after any leading spaces, tabs, carriage returns and line feeds,

1. it starts with ``=`` (or the full-width ``＝``): every spreadsheet evaluates it; or
2. it starts with ``+``, ``-`` or ``@`` (or ``＋ － ＠``) and further on holds a function call (a
   name followed at once by ``(``, as in ``+HYPERLINK(``, ``@SUM(``, ``-2+cmd(``) or a DDE link
   (a ``|`` followed later by ``!``, as in ``-2+3+cmd|' /C calc'!A0``).

So ``-5 degrees``, ``+1 555 0100``, ``@dateline_news``, ``- the minister said (twice)`` and the
list cell ``-5 degrees|@handle`` pass: a sign or handle with no function or link behind it
cannot fetch, link or run anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import polars as pl

from dateline.schema import TABLES, TableSchema, load

#: The rule as one regular expression (Python ``re`` and Rust ``regex`` read it alike).
FORMULA_PATTERN = r"^[\t\r\n ]*(?:[=＝]|[-+@－＋＠][\s\S]*(?:[A-Za-z_][A-Za-z0-9_.]*\(|\|[\s\S]*!))"
FORMULA = re.compile(FORMULA_PATTERN)

#: The package-level custom property that declares the protection (``validate`` enforces it).
PROPERTY = "dateline:spreadsheetSafety"
DECLARATION: dict[str, Any] = {
    "rule": "no-formula-like-text",
    "pattern": FORMULA_PATTERN,
    "description": (
        "No text cell of any table, in CSV or Parquet, matches 'pattern' (after leading spaces, "
        "tabs or line breaks: '=', or '+', '-', '@' followed later by a function call 'NAME(' or "
        "a DDE link '|...!'), so a spreadsheet never runs a cell as a formula. A list cell is "
        "checked as the CSV writes it (items joined with the delimiter). Values are never "
        "rewritten: the CSV and the Parquet file hold the same text. `dateline validate` "
        "enforces this."
    ),
}
FIX = (
    "drop or correct that row with a reviewed correction (seeds/<doc_id>.corrections.yaml), "
    "or fix the article"
)


@dataclass(frozen=True)
class FormulaCell:
    """One formula-like cell: where it is (1-based row) and the article it comes from."""

    table: str
    row: int
    field: str
    value: str
    seed: str | None

    def describe(self) -> str:
        origin = f" (from {self.seed})" if self.seed else ""
        return (
            f"{self.table} row {self.row}, field {self.field}: {self.value!r} starts like a "
            f"spreadsheet formula{origin}; the package declares that no text cell does "
            f"({PROPERTY}) — {FIX}"
        )


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would run ``text`` as a formula that can call something."""
    return FORMULA.match(text) is not None


def cell_text(schema: TableSchema, name: str) -> pl.Expr | None:
    """The CSV text of a text column (list items joined), or None for other types."""
    field = schema.field(name)
    if field.type == "string":
        return pl.col(name)
    if field.type == "list":
        return pl.col(name).list.join(field.delimiter)
    return None


#: The columns of other tables that :func:`seeds_of` reads: a checker that frees each table
#: once checked keeps these, and checks these tables before the others.
SEED_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "seed_path"),
    "mentions": ("doc_id", "entity_table", "entity_id"),
}


def seeds_of(frames: dict[str, pl.DataFrame], table: str, frame: pl.DataFrame) -> list[str | None]:
    """The seed each row of ``table`` comes from: its document's, or (for actors and places,
    merged across documents) that of the first document that mentions it."""
    documents = frames.get("documents")
    paths: dict[str, str] = {}
    if documents is not None:
        paths = dict(zip(documents["doc_id"], documents["seed_path"], strict=True))
    docs = frame["doc_id"].to_list() if "doc_id" in frame.columns else [None] * frame.height
    mentions = frames.get("mentions")
    key = load(table).primary_key
    if mentions is not None and table in ("actors", "locations") and len(key) == 1:
        first = dict(
            mentions.filter(pl.col("entity_table") == table)
            .group_by("entity_id")
            .agg(pl.col("doc_id").min())
            .iter_rows()
        )
        docs = [d or first.get(k) for d, k in zip(docs, frame[key[0]], strict=True)]
    return [paths.get(d) if d else None for d in docs]


def formula_cells(frames: dict[str, pl.DataFrame], only: str | None = None) -> list[FormulaCell]:
    """Every formula-like cell of the typed tables in ``frames`` (or of table ``only``, the
    others giving only :data:`SEED_COLUMNS`), in table, row, field order."""
    found: list[FormulaCell] = []
    for table in (t for t in TABLES if t in frames and only in (None, t)):
        schema, frame = load(table), frames[table]
        texts = {n: e for n in schema.field_names if (e := cell_text(schema, n)) is not None}
        hits = frame.select(
            pl.int_range(1, pl.len() + 1).alias("__row"),
            *(e.str.contains(FORMULA_PATTERN).fill_null(False).alias(n) for n, e in texts.items()),
        ).filter(pl.any_horizontal(list(texts)) if texts else pl.lit(False))
        if not hits.height:
            continue
        rows = hits["__row"].to_list()
        seeds = seeds_of(frames, table, frame[[r - 1 for r in rows]])
        values = frame[[r - 1 for r in rows]].select(*(e.alias(n) for n, e in texts.items()))
        for i, rec in enumerate(hits.iter_rows(named=True)):
            for name in texts:
                if rec[name]:
                    found.append(FormulaCell(table, rec["__row"], name, values[name][i], seeds[i]))
    return found
