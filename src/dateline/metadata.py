"""What ``datapackage.json`` says about the whole dataset: title, version, licences, sources."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dateline.article import Article
from dateline.gazetteer import attribution
from dateline.write.package import PackageMeta

DATASET_VERSION = "0.1.0"  # SemVer of the data package; `dateline diff` says which part to bump
TITLE = "dateline: events, actors, locations and quotes from news articles"
DESCRIPTION = (
    "Who did what to whom, when and where, and who said what, extracted from news articles. "
    "Every row carries code-point offsets into its article's body (documents.text_sha256) and "
    "the exact text it was read from. Events are coded to PLOVER with CAMEO roots; dates are "
    "intervals with a precision and the raw phrase; quotes are typed direct, partial or indirect; "
    "anonymous sources are flagged with the reason the article gives."
)
DATA_LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 (the extracted data; "
    "article texts keep their own licences)",
}
CONTRIBUTORS = [{"title": "dateline developers", "roles": ["creator", "dataCurator"]}]


def source(article: Article) -> dict[str, Any]:
    """One ``sources`` entry per seed article."""
    entry: dict[str, Any] = {"title": article.title or article.doc_id, "path": article.seed_path}
    if article.url:
        entry["url"] = article.url
    if article.publisher:
        entry["publisher"] = article.publisher
    if article.license:
        entry["license"] = article.license
    if article.published:
        entry["published"] = article.published.isoformat()
    return entry


def package_meta(articles: Sequence[Article], *, version: str = DATASET_VERSION) -> PackageMeta:
    return PackageMeta(
        title=TITLE,
        version=version,
        description=DESCRIPTION,
        licenses=[DATA_LICENSE, *attribution()],
        sources=[source(a) for a in sorted(articles, key=lambda a: a.doc_id)],
        contributors=CONTRIBUTORS,
    )
