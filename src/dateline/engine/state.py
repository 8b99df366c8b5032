"""The build state: the rows of the last build into an output folder, as typed frames keyed by
document, so that the next build reads the unchanged documents' rows in one columnar read.

A build keeps, per output folder, in the extraction store (:mod:`dateline.engine.store`):

* ``keys``: every document's extraction-cache key (:func:`~dateline.engine.store.entry_key`:
  its body, its metadata and the extractor version);
* each document table (``documents``, ``events``, ``quotes``, ``mentions``) as it stood before
  corrections, sorted by primary key;
* each dataset table (``actors``, ``locations``) merged, before corrections, and the rows every
  document gave it before merging (with the document's id in :data:`DOC`, in document order),
  which is what a merge is redone from.

A document's rows are a pure function of its key, so the rows of a document whose key is
unchanged are its rows now, whatever else changed. The state is only an optimisation, like the
extraction cache: it is used only when it was written by the same dateline (code, data, schemas
and library versions: :func:`~dateline.engine.fingerprint.dateline_digest`), its parts are
checked against their checksums, it is replaced in one transaction, and a build with it gives
the same bytes as a build without it (``tests/test_incremental.py``).
"""

from __future__ import annotations

import io
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from dateline.engine.store import Store
from dateline.resolve import DOC_TABLES, ENTITY_KEYS
from dateline.schema import load
from dateline.schema.polars import polars_schema

FORMAT = 2  # 2: the descriptor's sources entries
#: The column of a dataset table's unmerged rows that names the document they come from (not a
#: schema field: those have no "__").
DOC = "__doc"
HEADER, KEYS, LISTED = "header", "keys", "listed"
KEY_SCHEMA = {"doc_id": pl.String, "key": pl.String}


@dataclass
class BuildState:
    """What a build keeps of its rows for the next build (see the module docstring)."""

    keys: pl.DataFrame  # doc_id, key
    tables: dict[str, pl.DataFrame]  # every table, before corrections
    sources: dict[str, pl.DataFrame]  # dataset table: its unmerged rows, with DOC
    corrected: bool = False  # the build applied corrections to these rows
    validated: bool = False  # the build validated and published its package
    listed: frozenset[str] = frozenset()  # its descriptor's ``sources`` entries, as JSON

    @classmethod
    def empty(cls) -> BuildState:
        return cls(
            pl.DataFrame(schema=KEY_SCHEMA),
            {t: pl.DataFrame(schema=polars_schema(load(t))) for t in (*DOC_TABLES, *ENTITY_KEYS)},
            {t: source_frame(pl.DataFrame(schema=polars_schema(load(t)))) for t in ENTITY_KEYS},
        )

    def key_of(self) -> dict[str, str]:
        """Each document's cache key."""
        return dict(self.keys.iter_rows())


def source_frame(typed: pl.DataFrame, docs: Sequence[str] = ()) -> pl.DataFrame:
    """A dataset table's unmerged rows ``typed`` with the document of each row (``docs``) in
    :data:`DOC`."""
    return typed.with_columns(pl.Series(DOC, docs, dtype=pl.String))


def ipc_bytes(frame: pl.DataFrame) -> bytes:
    sink = io.BytesIO()
    frame.write_ipc(sink, compression="lz4")
    return sink.getvalue()


def encode_state(state: BuildState, header: dict[str, Any]) -> dict[str, bytes]:
    """The parts the store keeps: ``header`` (format, dateline's digest, the build's id, and
    whether it corrected its rows) and one Arrow IPC file per frame."""
    parts = {HEADER: header_bytes(header), KEYS: ipc_bytes(state.keys)}
    parts[LISTED] = json.dumps(sorted(state.listed), ensure_ascii=False).encode("utf-8")
    parts |= {f"table:{t}": ipc_bytes(f) for t, f in state.tables.items()}
    parts |= {f"source:{t}": ipc_bytes(f) for t, f in state.sources.items()}
    return parts


def header_bytes(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True).encode()


def decode_state(parts: dict[str, bytes], digest: str) -> BuildState | None:
    """The state in ``parts``, or None when it is from another dateline or incomplete."""
    try:
        header = json.loads(parts[HEADER])
        if header.get("format") != FORMAT or header.get("digest") != digest:
            return None
        keys = pl.read_ipc(io.BytesIO(parts[KEYS]))
        tables = {
            t: pl.read_ipc(io.BytesIO(parts[f"table:{t}"])) for t in (*DOC_TABLES, *ENTITY_KEYS)
        }
        sources = {t: pl.read_ipc(io.BytesIO(parts[f"source:{t}"])) for t in ENTITY_KEYS}
        listed = frozenset(str(s) for s in json.loads(parts[LISTED]))
    except (KeyError, TypeError, ValueError, OSError, AttributeError, pl.exceptions.PolarsError):
        return None
    fresh = BuildState.empty()
    same = keys.schema == fresh.keys.schema and all(
        frames[t].schema == want[t].schema
        for frames, want in ((tables, fresh.tables), (sources, fresh.sources))
        for t in want
    )
    flags = bool(header.get("corrected")), header.get("validated") is True
    return BuildState(keys, tables, sources, *flags, listed) if same else None


def load_state(store: Store | None, out: Path, digest: str) -> BuildState | None:
    """The state of the last build into ``out`` by this dateline, if the store holds it."""
    parts = store.get_state(out) if store is not None else None
    return None if parts is None else decode_state(parts, digest)


def save_state(
    store: Store | None, out: Path, digest: str, state: BuildState, *, corrected: bool
) -> str:
    """Keep ``state`` as the state of ``out`` (replacing the one before), not yet validated;
    return the id that :func:`mark_validated` takes once the build has published."""
    build_id = secrets.token_hex(8)
    if store is not None:
        header = {"format": FORMAT, "digest": digest, "id": build_id, "corrected": corrected}
        store.put_state(out, encode_state(state, header | {"validated": False}))
    return build_id


def mark_validated(store: Store, out: Path, build_id: str) -> None:
    """Record that the build ``build_id`` validated and published (if the state of ``out`` is
    still that build's: another build may have replaced it since)."""
    parts = store.get_state(out)
    if parts is None:
        return
    try:
        header = json.loads(parts[HEADER])
    except (KeyError, ValueError):
        return
    if isinstance(header, dict) and header.get("id") == build_id:
        store.replace_state_part(
            out, HEADER, parts[HEADER], header_bytes(header | {"validated": True})
        )
