"""Shared test set-up: keep the disk cache (gazetteer, lexicon) out of the user's home."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory):
    """Every test (and every subprocess it starts) caches into a fresh temporary folder."""
    old = os.environ.get("DATELINE_CACHE_DIR")
    os.environ["DATELINE_CACHE_DIR"] = str(tmp_path_factory.mktemp("dateline-cache"))
    yield
    if old is None:
        os.environ.pop("DATELINE_CACHE_DIR", None)
    else:
        os.environ["DATELINE_CACHE_DIR"] = old
