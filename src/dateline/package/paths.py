"""Which paths a descriptor may name: relative, local, POSIX, inside the package folder."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Any

URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def unsafe_reason(rel: Any) -> str | None:
    """Why a descriptor path must not be opened, or None when it is a plain relative path."""
    if not isinstance(rel, str) or not rel:
        return "is not a non-empty string"
    if URL.match(rel) or "://" in rel:
        return "is a URL (or has a drive letter); package files must be local"
    if rel.startswith(("/", "\\")) or "\\" in rel:
        return "is absolute or uses backslashes; use a relative POSIX path"
    if ".." in PurePosixPath(rel).parts:
        return "contains '..'"
    return None


def inside(root: Path, rel: Any) -> tuple[Path | None, str | None]:
    """``root/rel`` and None, or None and why it is refused (symlinks are resolved)."""
    reason = unsafe_reason(rel)
    if reason:
        return None, reason
    path = root / rel
    if not path.resolve().is_relative_to(root.resolve()):
        return None, "leaves the package folder (through a symlink)"
    return path, None
