"""The library API: read a built table, or extract the rows of one text.

``import dateline`` stays cheap: :mod:`dateline` loads this module (and pyarrow and the
extractor with it) on first use of :func:`read_table` or :func:`extract_text`.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pyarrow as pa

from dateline.errors import DatelineError, UsageError
from dateline.package.layout import parquet_dir, parquet_path
from dateline.schema import TABLES, load
from dateline.schema.arrow import to_arrow_schema

Rows = dict[str, list[dict[str, Any]]]


def read_table(name: str, root: str | os.PathLike[str] = ".") -> pa.Table:
    """The table ``name`` of the data package in ``root``, from its Parquet file (or the files
    of its hive partitions, in primary-key order as the single file is), with the Arrow types
    its Table Schema declares (dates ``date32``, enums dictionaries, lists ``list<string>``,
    required fields non-nullable, descriptions in the field metadata).

    Raises :class:`~dateline.errors.DatelineError` for an unknown table, a missing file, or a
    file whose columns are not the schema's."""
    import pyarrow.parquet as pq

    if name not in TABLES:
        raise UsageError(f"no table {name!r}", hint=f"pick one of: {', '.join(TABLES)}")
    paths = _parquet_files(Path(root), name)
    expected = to_arrow_schema(load(name))
    tables = []
    for path in paths:
        try:
            tables.append(_typed(pq.read_table(path), expected, name, path))
        except (OSError, pa.ArrowException) as exc:
            raise DatelineError(f"cannot read the Parquet file: {exc}", file=str(path)) from None
    if len(tables) == 1:
        return tables[0]
    key = list(load(name).primary_key) or expected.names[:1]
    return pa.concat_tables(tables).sort_by([(k, "ascending") for k in key])


def _parquet_files(root: Path, name: str) -> list[Path]:
    """The table's Parquet file, or the files of its partitions (their rows are sorted by key
    once read)."""
    single, folder = root / parquet_path(name), root / parquet_dir(name)
    if single.is_file():
        return [single]
    parts = sorted(folder.rglob("*.parquet")) if folder.is_dir() else []
    if not parts:
        raise DatelineError(
            "no such file",
            file=str(single),
            hint="pass root= the folder holding datapackage.json, or run `dateline build` there",
        )
    return parts


def _typed(table: pa.Table, expected: pa.Schema, name: str, path: Path) -> pa.Table:
    """``table`` with exactly the ``expected`` schema, or a DatelineError naming ``path``."""
    if table.schema.equals(expected, check_metadata=False):
        return table.replace_schema_metadata(expected.metadata)
    try:
        return table.select(expected.names).cast(expected)
    except (KeyError, ValueError, pa.ArrowException) as exc:
        raise DatelineError(
            f"the columns are not those of the {name} schema: {exc}",
            file=str(path),
            hint="rebuild the package with `dateline build`",
        ) from None


def extract_text(text: str, *, date: dt.date | str | None = None, doc_id: str = "text") -> Rows:
    """The rows of every table (``documents``, ``actors``, ``locations``, ``quotes``,
    ``events``, ``mentions``) that dateline extracts from one article body ``text``.

    ``date`` is the publication date (a :class:`datetime.date` or ``"YYYY-MM-DD"``) that
    relative dates ("last year", "Wednesday") resolve against; ``doc_id`` names the document
    in the rows. Offsets index ``text`` itself. Raises
    :class:`~dateline.errors.DatelineError` for text that is not a readable article."""
    from dateline.article import DOC_ID, decode, parse_article
    from dateline.extract.checked import extract_seed

    if not isinstance(text, str):
        raise UsageError(f"text must be a str, not {type(text).__name__}")
    if not DOC_ID.match(doc_id):
        raise UsageError(
            f"doc_id {doc_id!r} is not a valid document id",
            hint="use lower-case letters, digits, '_', '.' and '-' (at most 128 characters)",
        )
    where = f"<text {doc_id}>"
    header = f"---\ndate: {_iso(date)}\n---\n" if date is not None else "---\n---\n"
    try:
        data = (header + text).encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate
        raise UsageError(f"text is not valid Unicode: {exc.reason}", file=where) from None
    article = parse_article(
        decode(data, where), doc_id=doc_id, where=where, seed_path=f"seeds/{doc_id}.txt"
    )
    return extract_seed(article).rows


def _iso(date: dt.date | str) -> str:
    """``date`` as YYYY-MM-DD; a string is checked when the header is parsed."""
    if isinstance(date, dt.datetime):
        return date.date().isoformat()
    if isinstance(date, dt.date):
        return date.isoformat()
    if isinstance(date, str) and "\n" not in date:
        return date
    raise UsageError(f"date must be a datetime.date or 'YYYY-MM-DD', not {date!r}")
