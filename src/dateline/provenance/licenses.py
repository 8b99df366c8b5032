"""The licences dateline knows (``data/licenses.yaml``): title, text, and redistribution."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from dateline.errors import DatelineError

DATA = "licenses.yaml"


@dataclass(frozen=True)
class License:
    """One licence an article text may carry."""

    id: str  # SPDX id, or the Open Definition id where SPDX has none
    title: str
    path: str | None  # where the licence text is
    redistribute: bool  # may a release bundle carry the text unchanged?
    spdx: bool = True  # is ``id`` an SPDX licence id?

    def as_descriptor(self) -> dict[str, str]:
        """The licence as a Data Package ``licenses`` item."""
        out = {"name": self.id, "title": self.title}
        return {**out, "path": self.path} if self.path else out


@cache
def licenses() -> dict[str, License]:
    """Every licence of ``data/licenses.yaml``, by id (read once; the file is package data)."""
    text = resources.files("dateline.provenance").joinpath("data", DATA).read_text("utf-8")
    raw = yaml.safe_load(text)
    return {key: _license(key, value) for key, value in raw["licenses"].items()}


def _license(key: str, value: Any) -> License:
    if not isinstance(value, dict) or not isinstance(value.get("redistribute"), bool):
        raise DatelineError(
            f"licence {key!r} needs 'title' and 'redistribute: true|false'", file=DATA
        )
    spdx = value.get("spdx", True)
    return License(key, str(value["title"]), value.get("path"), value["redistribute"], spdx)


def license_of(license_id: str | None) -> License | None:
    """The known licence ``license_id`` (exact id, or the same id in another case)."""
    if not license_id:
        return None
    known = licenses()
    if license_id in known:
        return known[license_id]
    folded = {k.casefold(): v for k, v in known.items()}
    return folded.get(license_id.casefold())
