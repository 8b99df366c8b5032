"""``CITATION.cff`` (Citation File Format 1.2.0) for a release, from ``datapackage.json``."""

from __future__ import annotations

import re
from typing import Any

import yaml

from dateline.provenance import license_of

CFF_VERSION = "1.2.0"
MESSAGE = "If you use this dataset, please cite it using the metadata from this file."
DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}(?:\.\d+)?/\S+)$")
URL = re.compile(r"^(https|http|ftp|sftp)://.+")


def citation(desc: dict[str, Any], released: str | None) -> dict[str, Any]:
    """The citation metadata of the package ``desc`` (released on ``released``, YYYY-MM-DD)."""
    out: dict[str, Any] = {
        "cff-version": CFF_VERSION,
        "message": MESSAGE,
        "type": "dataset",
        "title": desc.get("title") or desc["name"],
        "version": desc["version"],
        "abstract": desc.get("description") or desc.get("title") or desc["name"],
        "authors": authors(desc.get("contributors", [])),
    }
    if released:
        out["date-released"] = released
    out |= _license(desc.get("licenses", []))
    if desc.get("homepage"):
        out["url"] = desc["homepage"]
    if desc.get("id"):
        out["identifiers"] = [identifier(desc["id"])]
    if desc.get("keywords"):
        out["keywords"] = list(dict.fromkeys(desc["keywords"]))
    return out


def authors(contributors: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The creators among the contributors (else all of them), as CFF entities."""
    creators = [c for c in contributors if "creator" in c.get("roles", [])] or contributors
    names = list(dict.fromkeys(str(c["title"]) for c in creators if c.get("title")))
    return [{"name": n} for n in names] or [{"name": "dateline developers"}]


def identifier(value: str) -> dict[str, str]:
    """A CFF identifier: a DOI, a URL, or any other id (a UUID)."""
    if m := DOI.match(value):
        return {"type": "doi", "value": m[1]}
    if URL.match(value):
        return {"type": "url", "value": value}
    return {"type": "other", "value": value}


def _license(licenses: list[dict[str, Any]]) -> dict[str, str]:
    """The data licence (the package's first): an SPDX id when dateline knows it as one, else
    the URL of its text."""
    if not licenses:
        return {}
    first = licenses[0]
    known = license_of(first.get("name"))
    if known is not None and known.spdx:
        return {"license": known.id}
    path = first.get("path")
    return {"license-url": path} if isinstance(path, str) and URL.match(path) else {}


def citation_cff(desc: dict[str, Any], released: str | None) -> bytes:
    """``CITATION.cff`` as UTF-8 YAML, keys in the order above."""
    text = yaml.safe_dump(citation(desc, released), sort_keys=False, allow_unicode=True, width=100)
    return text.encode("utf-8")
