"""The build state: the rows of the last build into an output folder, as typed frames keyed by
document, so that the next build reads the unchanged documents' rows in one columnar read.

A build keeps, per output folder, in the extraction store (:mod:`dateline.engine.store`):

* ``keys``: every document's extraction-cache key (:func:`~dateline.engine.store.entry_key`:
  its body, its metadata and the extractor version);
* each document table (``documents``, ``events``, ``quotes``, ``mentions``) as it stood before
  corrections, sorted by primary key;
* each dataset table (``actors``, ``locations``) merged, before corrections, and the rows every
  document gave it before merging (with the document's id in :data:`DOC`, in document order),
  which is what a merge is redone from;
* ``seeds``: every seed file's name and the digest of its bytes, with the article parsed from
  it (before ``package.yaml``'s source defaults), so that the next build parses only the seed
  files that are new or changed (an article is a pure function of its file's name and bytes),
  and ``basis``: what a cache key depends on besides the article (the extractor version and the
  source defaults), so that an unchanged seed keeps its key without hashing its article again.

A document's rows are a pure function of its key, so the rows of a document whose key is
unchanged are its rows now, whatever else changed. The state is only an optimisation, like the
extraction cache: it is used only when it was written by the same dateline (code, data, schemas
and library versions: :func:`~dateline.engine.fingerprint.dateline_digest`), its parts are
checked against their checksums, it is replaced in one transaction, and a build with it gives
the same bytes as a build without it (``tests/test_incremental.py``).

Every frame with a document column is kept in :data:`CHUNKS` parts, one per bucket of document
ids (:func:`buckets_of`), so that a build that changes a few
documents stores again only the parts that hold them (:func:`save_state` with ``touched``):
the rows of a document are a pure function of its cache key, and its seed's row of the file's
name and digest, so a part whose documents all kept theirs holds what it held.
"""

from __future__ import annotations

import hashlib
import io
import json
import secrets
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, cast

import polars as pl

from dateline.article import Article
from dateline.engine.store import Store
from dateline.resolve import DOC_TABLES, ENTITY_KEYS
from dateline.schema import load
from dateline.schema.polars import polars_schema

FORMAT = 5  # 2: the descriptor's sources entries; 3: the parsed seeds; 4: in chunks; 5: raw
#: The parts each frame with a document column is kept in (:func:`chunked`).
CHUNKS = 16
#: The column of a dataset table's unmerged rows that names the document they come from (not a
#: schema field: those have no "__").
DOC = "__doc"
HEADER, KEYS, LISTED, SEEDS = "header", "keys", "listed", "seeds"
KEY_SCHEMA = {"doc_id": pl.String, "key": pl.String}
#: A parsed seed: its file's name and digest (:func:`seed_digest`), then the fields of its
#: :class:`~dateline.article.Article`.
SEED_SCHEMA = {
    "file": pl.String,
    "digest": pl.String,
    "doc_id": pl.String,
    "seed_path": pl.String,
    "body": pl.String,
    "title": pl.String,
    "published": pl.Date,
    "dateline": pl.String,
    "dateline_start": pl.Int64,
    "dateline_end": pl.Int64,
    "publisher": pl.String,
    "url": pl.String,
    "license": pl.String,
    "language": pl.String,
}
ARTICLE_FIELDS = tuple(f.name for f in fields(Article))


@dataclass
class BuildState:
    """What a build keeps of its rows for the next build (see the module docstring)."""

    keys: pl.DataFrame  # doc_id, key
    tables: dict[str, pl.DataFrame]  # every table, before corrections
    sources: dict[str, pl.DataFrame]  # dataset table: its unmerged rows, with DOC
    corrected: bool = False  # the build applied corrections to these rows
    validated: bool = False  # the build validated and published its package
    listed: frozenset[str] = frozenset()  # its descriptor's ``sources`` entries, as JSON
    seeds: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=SEED_SCHEMA))
    basis: str = ""  # what its keys depend on besides the articles (:func:`key_basis`)
    stored: bytes = b""  # its header part as read from the store (:func:`save_state`)

    @classmethod
    def empty(cls) -> BuildState:
        return cls(
            pl.DataFrame(schema=KEY_SCHEMA),
            {t: pl.DataFrame(schema=polars_schema(load(t))) for t in (*DOC_TABLES, *ENTITY_KEYS)},
            {t: source_frame(pl.DataFrame(schema=polars_schema(load(t)))) for t in ENTITY_KEYS},
        )

    @property
    def build_id(self) -> str | None:
        """The id of the build that stored this state (None when not read from the store)."""
        try:
            found = json.loads(self.stored).get("id") if self.stored else None
        except (ValueError, AttributeError):
            return None
        return found if isinstance(found, str) else None

    def key_of(self) -> dict[str, str]:
        """Each document's cache key."""
        return dict(self.keys.iter_rows())

    def parsed(self) -> dict[tuple[str, str], Article]:
        """The article of each seed file, by the file's name and digest."""
        rows = self.seeds.iter_rows()
        return {(row[0], row[1]): Article(*row[2:]) for row in rows}


def seed_digest(data: bytes) -> str:
    """The digest of a seed file's bytes (BLAKE2b, 160 bits)."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def seed_frame(
    names: Sequence[str], digests: Sequence[str], articles: Sequence[Article]
) -> pl.DataFrame:
    """The parsed seeds: each file's name and digest, and its article (:data:`SEED_SCHEMA`)."""
    columns: dict[str, Sequence[object]] = {"file": names, "digest": digests}
    columns |= {name: [getattr(a, name) for a in articles] for name in ARTICLE_FIELDS}
    return pl.DataFrame(columns, schema=SEED_SCHEMA)


def key_basis(version: str, defaults: Mapping[str, str] | None) -> str:
    """What the cache key of an article parsed from an unchanged seed depends on besides
    that article: the extractor version and the source defaults filled into it."""
    return json.dumps([version, sorted((defaults or {}).items())])


def source_frame(typed: pl.DataFrame, docs: Sequence[str] = ()) -> pl.DataFrame:
    """A dataset table's unmerged rows ``typed`` with the document of each row (``docs``) in
    :data:`DOC`."""
    return typed.with_columns(pl.Series(DOC, docs, dtype=pl.String))


def ipc_bytes(frame: pl.DataFrame) -> bytes:
    """``frame`` as an Arrow IPC file, uncompressed: :func:`frame_of` reads it back without
    decoding or copying a column (lz4 took about 0.4 s to decompress at 10,000 articles, for
    three times less room in the store)."""
    sink = io.BytesIO()
    frame.write_ipc(sink, compression="uncompressed")
    return sink.getvalue()


def frame_of(blob: bytes) -> pl.DataFrame:
    """The frame in ``blob`` (:func:`ipc_bytes`), its columns pointing into ``blob``."""
    import pyarrow as pa

    table = pa.ipc.open_file(pa.py_buffer(blob)).read_all()
    return cast(pl.DataFrame, pl.from_arrow(table))  # a table gives a frame


def doc_column(name: str) -> str | None:
    """The document column of the frame kept as part ``name`` (None: kept whole)."""
    if name == SEEDS or name in (f"table:{t}" for t in DOC_TABLES):
        return "doc_id"
    return DOC if name.startswith("source:") else None


def buckets_of(docs: pl.Series) -> pl.Series:
    """The part (of :data:`CHUNKS`) of each document id in ``docs``: polars' hash, with a
    fixed seed (the state is read only by the same dateline and polars that wrote it)."""
    return (docs.hash(seed=0) % CHUNKS).cast(pl.Int64)


def chunked(
    name: str, frame: pl.DataFrame, only: Collection[int] | None
) -> Iterator[tuple[str, bytes]]:
    """The parts of the frame kept as ``name``: whole, or one per bucket of its documents
    (``only``: just those buckets), each with its rows in the frame's order, made one at a
    time."""
    column = doc_column(name)
    if column is None:
        yield name, ipc_bytes(frame)
        return
    bucket = buckets_of(frame.get_column(column))
    for b in range(CHUNKS) if only is None else sorted(only):
        yield f"{name}#{b}", ipc_bytes(frame.filter(bucket == b))


#: The frames of a state, by name (:func:`frames_of`).
FRAMES = (
    KEYS,
    SEEDS,
    *(f"table:{t}" for t in (*DOC_TABLES, *ENTITY_KEYS)),
    *(f"source:{t}" for t in ENTITY_KEYS),
)


def frames_of(state: BuildState) -> dict[str, pl.DataFrame]:
    """The frames of ``state`` by name (:data:`FRAMES`)."""
    out = {KEYS: state.keys, SEEDS: state.seeds}
    out |= {f"table:{t}": f for t, f in state.tables.items()}
    return out | {f"source:{t}": f for t, f in state.sources.items()}


def encode_state(
    state: BuildState, header: dict[str, Any], only: Collection[int] | None = None
) -> Iterator[tuple[str, bytes]]:
    """The parts the store keeps, by name: ``header`` (format, dateline's digest, the build's
    id, and whether it corrected its rows) and one Arrow IPC file per frame, or per bucket of
    documents (:func:`chunked`; ``only``: just those buckets). Made one at a time, as the
    store writes them: the state's bytes (about 18 KB an article) are never all held at once
    beside its frames."""
    yield HEADER, header_bytes(header)
    yield LISTED, json.dumps(sorted(state.listed), ensure_ascii=False).encode("utf-8")
    for name, frame in frames_of(state).items():
        yield from chunked(name, frame, only)


def part_names(name: str) -> list[str]:
    """The parts the frame kept as ``name`` is stored in."""
    return [name] if doc_column(name) is None else [f"{name}#{b}" for b in range(CHUNKS)]


def read_frame(parts: dict[str, bytes], name: str) -> pl.DataFrame:
    """The frame kept as ``name`` (its chunks concatenated, in bucket order)."""
    chunks = [frame_of(parts[n]) for n in part_names(name)]
    return chunks[0] if len(chunks) == 1 else pl.concat(chunks, rechunk=False)


def header_bytes(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True).encode()


def decode_state(parts: dict[str, bytes], digest: str) -> BuildState | None:
    """The state in ``parts``, or None when it is from another dateline or incomplete."""
    try:
        header = json.loads(parts[HEADER])
        if header.get("format") != FORMAT or header.get("digest") != digest:
            return None
        names = {n for frame in FRAMES for n in part_names(frame)} | {HEADER, LISTED}
        if parts.keys() != names:  # stored in other parts: another layout
            return None
        keys = read_frame(parts, KEYS)
        tables = {t: read_frame(parts, f"table:{t}") for t in (*DOC_TABLES, *ENTITY_KEYS)}
        sources = {t: read_frame(parts, f"source:{t}") for t in ENTITY_KEYS}
        listed = frozenset(str(s) for s in json.loads(parts[LISTED]))
        seeds = read_frame(parts, SEEDS)
        basis = str(header["basis"])
    except (KeyError, TypeError, ValueError, OSError, AttributeError, pl.exceptions.PolarsError):
        return None
    fresh = BuildState.empty()
    same = keys.schema == fresh.keys.schema and seeds.schema == pl.Schema(SEED_SCHEMA)
    same = same and all(
        frames[t].schema == want[t].schema
        for frames, want in ((tables, fresh.tables), (sources, fresh.sources))
        for t in want
    )
    if not same:
        return None
    flags = bool(header.get("corrected")), header.get("validated") is True
    # the chunked frames come back in bucket order: a build reads them only by key and by
    # document (combine sorts what it keeps)
    return BuildState(keys, tables, sources, *flags, listed, seeds, basis, parts[HEADER])


def load_state(store: Store | None, out: Path, digest: str) -> BuildState | None:
    """The state of the last build into ``out`` by this dateline, if the store holds it."""
    parts = store.get_state(out) if store is not None else None
    return None if parts is None else decode_state(parts, digest)


def save_state(
    store: Store | None,
    out: Path,
    digest: str,
    state: BuildState,
    *,
    corrected: bool,
    stored: bytes = b"",
    touched: pl.Series | None = None,
) -> str:
    """Keep ``state`` as the state of ``out`` (replacing the one before), not yet validated;
    return the id that :func:`mark_validated` takes once the build has published. With the
    header part of the state this build read (``stored``: :attr:`BuildState.stored`), and the
    documents ``touched`` since (whose key or seed file changed, added or removed), only the
    parts of their buckets and the parts kept whole are stored again, if the store still holds
    that state."""
    build_id = secrets.token_hex(8)
    if store is None:
        return build_id
    header = {"format": FORMAT, "digest": digest, "id": build_id, "corrected": corrected}
    header = header | {"basis": state.basis, "validated": False}
    if stored and touched is not None:
        only = set(buckets_of(touched).to_list())
        if store.update_state(out, encode_state(state, header, only), (HEADER, stored)):
            return build_id
    store.put_state(out, encode_state(state, header))
    return build_id


def touched_documents(previous: BuildState, state: BuildState, seen: pl.DataFrame) -> pl.Series:
    """The documents whose rows or seed may differ between ``previous`` and ``state``: those
    whose cache key is new, changed or gone, and whose seed file's name and digest are
    (``seen``: the file, digest and doc_id of ``previous``' seeds)."""
    keys = pl.concat([previous.keys, state.keys]).unique(keep="none")
    files = ["file", "digest", "doc_id"]
    seeds = pl.concat([seen.select(files), state.seeds.select(files)]).unique(keep="none")
    return pl.concat([keys.get_column("doc_id"), seeds.get_column("doc_id")]).unique()


def mark_validated(store: Store, out: Path, build_id: str) -> None:
    """Record that the build ``build_id`` validated and published (if the state of ``out`` is
    still that build's: another build may have replaced it since)."""
    part = store.get_state_part(out, HEADER)
    if part is None:
        return
    try:
        header = json.loads(part)
    except ValueError:
        return
    if isinstance(header, dict) and header.get("id") == build_id:
        store.replace_state_part(out, HEADER, part, header_bytes(header | {"validated": True}))
