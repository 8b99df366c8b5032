"""One way to hash files for a cache key: a header, then each file's label, size and bytes.

Used by the lexicon/gazetteer cache (:mod:`dateline.cache`), the extractor version
(:mod:`dateline.engine.version`) and the build fingerprint (:mod:`dateline.engine.fingerprint`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def hash_files(header: str, files: Iterable[tuple[str, Path]]) -> str:
    """A 32-hex blake2b digest of ``header`` and every ``(label, path)`` in order."""
    h = hashlib.blake2b(digest_size=16)
    h.update(header.encode())
    for label, path in files:
        data = path.read_bytes()
        h.update(f"{label}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()
