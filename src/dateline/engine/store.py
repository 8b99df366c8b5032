"""The extraction cache: one document's rows, kept by the content they come from.

A build looks every article up by :func:`entry_key` (its body, its metadata and the
:func:`~dateline.engine.version.extractor_version`) and extracts only the misses, so a rebuild
with nothing changed extracts nothing and one added article extracts one. The cache is only an
optimisation: a build with it gives the same bytes as one without (``tests/test_store.py``).

* One consolidated store, ``extractions.sqlite`` in the cache folder of :mod:`dateline.cache`
  (``$DATELINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/dateline``, else ``~/.cache/dateline``), not
  thousands of small files.
* SQLite in WAL mode: two builds may read and write at once (writers wait up to
  :data:`BUSY_SECONDS` for each other). An entry is a pure function of its key, so two writers of
  one key write the same value.
* Each value carries a BLAKE2 checksum of its bytes; an entry whose checksum, decompression or
  unpickling fails is treated as a miss, recomputed and overwritten.
* A store that cannot be opened (a read-only home, a file that is not a database) is replaced
  once, else the build runs without it.
* Entries of extractor versions other than the :data:`KEEP_VERSIONS` most recently used are
  removed when a build stores new entries.
* The store also keeps, per output folder, the last build's state (its rows as typed frames:
  :mod:`dateline.engine.state`), for the :data:`KEEP_STATES` most recently built folders.

Values are pickles, like :mod:`dateline.cache`: the folder must be writable only by its user.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import sqlite3
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path

from dateline.article import Article
from dateline.cache import cache_dir
from dateline.extract import Extraction

FILE_NAME = "extractions.sqlite"
BUSY_SECONDS = 60.0
KEEP_VERSIONS = 4
KEEP_PASSED = 1000  # frictionless verdicts kept (12 resources a package)
KEEP_STATES = 4  # output folders whose last build's rows are kept (engine/state.py)
LEVEL = 1  # zlib: pickled rows compress about 2.2x at level 1, and level 1 is fast
BATCH = 500  # keys per SELECT (SQLite allows 32k host parameters)

SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    key TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    checksum TEXT NOT NULL,
    value BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_version ON entries (version);
CREATE TABLE IF NOT EXISTS versions (version TEXT PRIMARY KEY, used REAL NOT NULL);
CREATE TABLE IF NOT EXISTS builds (out TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, record TEXT);
CREATE TABLE IF NOT EXISTS passed (key TEXT PRIMARY KEY, used REAL NOT NULL);
CREATE TABLE IF NOT EXISTS states (
    out TEXT NOT NULL,
    part TEXT NOT NULL,
    checksum TEXT NOT NULL,
    value BLOB NOT NULL,
    used REAL NOT NULL,
    PRIMARY KEY (out, part)
);
"""


def store_path() -> Path | None:
    """Where the store lives, or None when the cache is turned off."""
    folder = cache_dir()
    return None if folder is None else folder / FILE_NAME


def entry_key(article: Article, version: str) -> str:
    """The key of one article's extraction: its body and every metadata field, and ``version``."""
    fields = json.dumps(asdict(article), sort_keys=True, default=str, ensure_ascii=False)
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{version}\0".encode())
    h.update(fields.encode("utf-8"))
    return h.hexdigest()


def checksum(blob: bytes) -> str:
    return hashlib.blake2b(blob, digest_size=16).hexdigest()


def part_checksum(blob: bytes) -> str:
    """The checksum of a part of a build state: CRC-32, which finds a corrupt part as surely
    as a hash and reads the state's 18 KB per article (uncompressed Arrow, see
    :mod:`dateline.engine.state`) about five times faster."""
    return f"crc32:{zlib.crc32(blob):08x}"


def encode(extraction: Extraction) -> bytes:
    return zlib.compress(pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL), LEVEL)


def decode(blob: bytes) -> Extraction | None:
    """The extraction in ``blob``, or None when it is not one (corrupt or from elsewhere)."""
    try:
        value = pickle.loads(zlib.decompress(blob))
    except Exception:
        return None
    return value if isinstance(value, Extraction) else None


@dataclass(frozen=True)
class Stats:
    """What ``dateline cache info`` shows about the store."""

    path: Path | None
    bytes: int
    entries: int
    versions: dict[str, int]


class Store:
    """An open extraction store (use :func:`open_store`)."""

    def __init__(self, connection: sqlite3.Connection, version: str) -> None:
        self.db = connection
        self.version = version
        self.hits = 0
        self.corrupt = 0

    def get_many(self, keys: Sequence[str]) -> dict[str, Extraction]:
        """The stored extractions of ``keys`` (a corrupt entry is left out and counted)."""
        found: dict[str, Extraction] = {}
        for start in range(0, len(keys), BATCH):
            chunk = keys[start : start + BATCH]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self.db.execute(
                    f"SELECT key, checksum, value FROM entries WHERE key IN ({marks})", chunk
                ).fetchall()
            except sqlite3.Error:
                return found
            for key, check, blob in rows:
                value = decode(blob) if checksum(blob) == check else None
                if value is None:
                    self.corrupt += 1
                else:
                    found[key] = value
        self.hits += len(found)
        return found

    def present(self, keys: Sequence[str]) -> set[str]:
        """Which of ``keys`` the store holds (their values are not read or checked)."""
        found: set[str] = set()
        for start in range(0, len(keys), BATCH):
            chunk = keys[start : start + BATCH]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self.db.execute(f"SELECT key FROM entries WHERE key IN ({marks})", chunk)
                found.update(k for (k,) in rows)
            except sqlite3.Error:
                return found
        return found

    def put_many(self, items: Iterable[tuple[str, Extraction]]) -> None:
        """Store extractions by key, in one transaction (replacing a corrupt entry)."""
        rows = []
        for key, value in items:
            blob = encode(value)
            rows.append((key, self.version, checksum(blob), blob))
        if not rows:
            return
        with suppress(sqlite3.Error), self.db:
            self.db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", rows)
            self.db.execute(
                "INSERT OR REPLACE INTO versions VALUES (?, ?)", (self.version, time.time())
            )
            self.prune()

    def last_build(self, out: Path) -> tuple[str, dict] | None:
        """The fingerprint and record of the last build published into ``out``."""
        try:
            row = self.db.execute(
                "SELECT fingerprint, record FROM builds WHERE out = ?", (str(out.resolve()),)
            ).fetchone()
            return None if row is None else (row[0], json.loads(row[1]))
        except (sqlite3.Error, ValueError):
            return None

    def record_build(self, out: Path, fingerprint: str, record: dict) -> None:
        """Remember that ``out`` holds what the build of ``fingerprint`` wrote (``record``:
        the hashes of its files and its row counts)."""
        with suppress(sqlite3.Error), self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO builds VALUES (?, ?, ?)",
                (str(out.resolve()), fingerprint, json.dumps(record, sort_keys=True)),
            )

    def passed(self, keys: Sequence[str]) -> set[str]:
        """Which of ``keys`` (of resources, see :mod:`dateline.validate.frictionless`)
        frictionless has validated without an error."""
        try:
            marks = ",".join("?" * len(keys))
            rows = self.db.execute(f"SELECT key FROM passed WHERE key IN ({marks})", list(keys))
            return {k for (k,) in rows}
        except sqlite3.Error:
            return set()

    def record_passed(self, keys: Iterable[str]) -> None:
        """Remember that frictionless validated ``keys`` without an error (all but the
        :data:`KEEP_PASSED` most recent are forgotten)."""
        with suppress(sqlite3.Error), self.db:
            now = time.time()
            self.db.executemany(
                "INSERT OR REPLACE INTO passed VALUES (?, ?)", [(k, now) for k in keys]
            )
            self.db.execute(
                "DELETE FROM passed WHERE key NOT IN "
                "(SELECT key FROM passed ORDER BY used DESC LIMIT ?)",
                (KEEP_PASSED,),
            )

    def get_state(self, out: Path) -> dict[str, bytes] | None:
        """The parts of the build state last stored for ``out`` (see
        :mod:`dateline.engine.state`), or None when there is none or a part is corrupt."""
        try:
            rows = self.db.execute(
                "SELECT part, checksum, value FROM states WHERE out = ?", (str(out.resolve()),)
            ).fetchall()
        except sqlite3.Error:
            return None
        if not rows or any(part_checksum(blob) != check for _, check, blob in rows):
            return None
        return {part: blob for part, _, blob in rows}

    def get_state_part(self, out: Path, part: str) -> bytes | None:
        """One part of the build state of ``out`` (None when absent or corrupt)."""
        try:
            row = self.db.execute(
                "SELECT checksum, value FROM states WHERE out = ? AND part = ?",
                (str(out.resolve()), part),
            ).fetchone()
        except sqlite3.Error:
            return None
        return None if row is None or part_checksum(row[1]) != row[0] else row[1]

    def put_state(self, out: Path, parts: Iterable[tuple[str, bytes]]) -> None:
        """Replace the build state of ``out`` by ``parts`` (name, bytes: each written as it
        comes), in one transaction (all but the :data:`KEEP_STATES` most recently stored
        folders' states are removed)."""
        where, now = str(out.resolve()), time.time()
        rows = ((where, part, part_checksum(blob), blob, now) for part, blob in parts)
        with suppress(sqlite3.Error), self.db:
            self.db.execute("DELETE FROM states WHERE out = ?", (where,))
            self.db.executemany("INSERT INTO states VALUES (?, ?, ?, ?, ?)", rows)
            self.db.execute(
                "DELETE FROM states WHERE out NOT IN (SELECT out FROM states GROUP BY out "
                "ORDER BY max(used) DESC LIMIT ?)",
                (KEEP_STATES,),
            )

    def update_state(
        self, out: Path, parts: Iterable[tuple[str, bytes]], guard: tuple[str, bytes]
    ) -> bool:
        """Replace those ``parts`` (name, bytes) of the build state of ``out`` (every other
        part stays), in one transaction, if its part ``guard[0]`` still holds ``guard[1]``
        (the state these parts update, and one of ``parts``: its new time of use is the
        state's); return whether it did."""
        where, now = str(out.resolve()), time.time()
        rows = ((where, part, part_checksum(blob), blob, now) for part, blob in parts)
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")  # the check and the writes as one
                found = self.db.execute(
                    "SELECT value FROM states WHERE out = ? AND part = ?", (where, guard[0])
                ).fetchone()
                if found is None or found[0] != guard[1]:
                    return False
                self.db.executemany("INSERT OR REPLACE INTO states VALUES (?, ?, ?, ?, ?)", rows)
        except sqlite3.Error:
            return False
        return True

    def replace_state_part(self, out: Path, part: str, old: bytes, new: bytes) -> None:
        """Replace one part of the state of ``out`` if it still holds ``old``."""
        with suppress(sqlite3.Error), self.db:
            self.db.execute(
                "UPDATE states SET value = ?, checksum = ? "
                "WHERE out = ? AND part = ? AND value = ?",
                (new, part_checksum(new), str(out.resolve()), part, old),
            )

    def prune(self) -> None:
        """Drop the entries of all but the :data:`KEEP_VERSIONS` most recently used versions."""
        stale = [
            v
            for (v,) in self.db.execute(
                "SELECT version FROM versions ORDER BY used DESC LIMIT -1 OFFSET ?",
                (KEEP_VERSIONS,),
            )
        ]
        for version in stale:
            self.db.execute("DELETE FROM entries WHERE version = ?", (version,))
            self.db.execute("DELETE FROM versions WHERE version = ?", (version,))


def connect(path: Path) -> sqlite3.Connection:
    """Open (and create) the store at ``path`` in WAL mode; raise sqlite3.Error or OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(SCHEMA)
        # transactions again: ``with db`` commits or rolls back ("DEFERRED" is what the
        # default "" stands for: a plain BEGIN)
        db.isolation_level = "DEFERRED"
    except sqlite3.Error:
        db.close()
        raise
    return db


def reset(path: Path) -> None:
    """Remove the store's files (the database, its WAL and shared-memory files)."""
    for suffix in ("", "-wal", "-shm"):
        with suppress(OSError):
            path.with_name(path.name + suffix).unlink()


@contextmanager
def open_store(version: str, *, enabled: bool = True) -> Iterator[Store | None]:
    """The extraction store for ``version``, or None when the cache is off or unusable."""
    path = store_path() if enabled else None
    if path is None:
        yield None
        return
    db = None
    for attempt in range(2):
        try:
            db = connect(path)
            break
        except sqlite3.DatabaseError:  # not a database (or a damaged one): start afresh, once
            if attempt == 0:
                reset(path)
        except (sqlite3.Error, OSError):
            break
    if db is None:
        yield None
        return
    with closing(db):
        yield Store(db, version)


def stats() -> Stats:
    """Size, entries and entries per extractor version of the store (zeros when absent)."""
    path = store_path()
    if path is None or not path.exists():
        return Stats(path, 0, 0, {})
    size = sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)) as db:
            versions = dict(
                db.execute("SELECT version, count(*) FROM entries GROUP BY version").fetchall()
            )
    except sqlite3.Error:
        versions = {}
    return Stats(path, size, sum(versions.values()), versions)


def clear() -> int:
    """Empty the store (other builds may hold it open: rows are deleted, not the file);
    return how many entries were removed."""
    path = store_path()
    if path is None or not path.exists():
        return 0
    try:
        with closing(connect(path)) as db, db:
            removed = db.execute("DELETE FROM entries").rowcount
            db.execute("DELETE FROM versions")
            db.execute("DELETE FROM builds")
            db.execute("DELETE FROM passed")
            db.execute("DELETE FROM states")
    except sqlite3.DatabaseError:
        reset(path)
        return 0
    with suppress(sqlite3.Error), closing(connect(path)) as db:
        db.isolation_level = None
        db.execute("VACUUM")
    return removed
