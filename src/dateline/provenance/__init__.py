"""Where each article comes from and what may be done with its text.

A seed's front matter may name its ``publisher``, ``url`` and ``license``; ``package.yaml`` may
give defaults (``source_defaults``) for seeds that do not. What neither gives stays unknown: a
``sources`` entry of ``datapackage.json`` then says ``"license": "unknown"`` instead of implying
one, and a release bundle leaves the article's text out (see :func:`redistribution`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from dateline.article import Article
from dateline.provenance.licenses import License, license_of, licenses

UNKNOWN = "unknown"
#: What ``package.yaml``'s ``source_defaults`` may set for seeds that do not say it themselves.
SOURCE_DEFAULT_KEYS = ("publisher", "license")

__all__ = [
    "SOURCE_DEFAULT_KEYS",
    "UNKNOWN",
    "License",
    "Redistribution",
    "license_of",
    "licenses",
    "redistribution",
    "source_entry",
    "with_defaults",
]


@dataclass(frozen=True)
class Redistribution:
    """Whether a release bundle may carry an article's text, and why (a sentence for the card)."""

    allowed: bool
    reason: str


def with_defaults(article: Article, defaults: Mapping[str, str] | None) -> Article:
    """``article`` with the ``package.yaml`` defaults filled in where its seed says nothing."""
    given = defaults or {}
    publisher = article.publisher or given.get("publisher")
    license_id = article.license or given.get("license")
    if (publisher, license_id) == (article.publisher, article.license):
        return article
    return replace(article, publisher=publisher, license=license_id)


def source_entry(article: Article) -> dict[str, Any]:
    """The ``sources`` entry of one seed article: what its seed says, and no more."""
    entry: dict[str, Any] = {"title": article.title or article.doc_id, "path": article.seed_path}
    if article.publisher:
        entry["publisher"] = article.publisher
    if article.url:
        entry["url"] = article.url
    entry["license"] = article.license or UNKNOWN
    if article.published:
        entry["published"] = article.published.isoformat()
    return entry


def redistribution(license_id: str | None) -> Redistribution:
    """Whether an article under ``license_id`` (None: unknown) may be redistributed verbatim."""
    if license_id is None or license_id == UNKNOWN:
        return Redistribution(False, "its licence is unknown (the seed names none)")
    known = license_of(license_id)
    if known is None:
        return Redistribution(
            False,
            f"its licence {license_id!r} is not one dateline knows to allow redistribution",
        )
    if not known.redistribute:
        return Redistribution(False, f"its licence {license_id} ({known.title}) forbids it")
    return Redistribution(True, f"{license_id} allows redistribution")
