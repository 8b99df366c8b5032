"""Every code list in ``src/`` equals its schema enum: the schemas are the single source.

Two checks: the known code lists equal their ``constraints.enum`` (same values, same order),
and a scan of every module finds no other constant that restates part of an enum with a value
the schema does not allow (the way the lexicon once allowed the sector ``MNC``).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Collection, Iterator
from types import ModuleType

import pytest

import dateline
from dateline.gazetteer.place import GEO_PRECISIONS, LOCATION_TYPES
from dateline.lexicon.model import (
    ACTOR_TYPES,
    EXTENSION_MODES,
    PLOVER_CAMEO_ROOTS,
    PLOVER_MODES,
    PLOVER_TYPES,
    SECTOR_LABELS,
    SECTORS,
)
from dateline.schema import TABLES, enum, load

# (code list, table, field): the code list must equal the enum, in order.
CODE_LISTS: list[tuple[str, Collection[str], str, str]] = [
    ("lexicon ACTOR_TYPES", ACTOR_TYPES, "actors", "actor_type"),
    ("lexicon SECTORS", SECTORS, "actors", "sector"),
    ("lexicon PLOVER_TYPES", PLOVER_TYPES, "events", "event_type"),
    ("lexicon PLOVER_MODES", tuple(PLOVER_MODES), "events", "event_type"),
    ("lexicon PLOVER_CAMEO_ROOTS", tuple(PLOVER_CAMEO_ROOTS), "events", "event_type"),
    ("gazetteer LOCATION_TYPES", LOCATION_TYPES, "locations", "location_type"),
    ("gazetteer GEO_PRECISIONS", GEO_PRECISIONS, "locations", "geo_precision"),
]


@pytest.mark.parametrize(("name", "values", "table", "field"), CODE_LISTS)
def test_code_list_equals_schema_enum(
    name: str, values: Collection[str], table: str, field: str
) -> None:
    assert tuple(values) == enum(table, field), f"{name} drifted from {table}.{field}"


def test_sector_labels_cover_the_sector_enum() -> None:
    assert set(SECTOR_LABELS) == set(enum("actors", "sector"))


def test_extension_modes_are_for_plover_types() -> None:
    assert set(EXTENSION_MODES) <= set(PLOVER_TYPES)


# Constants that share words with an enum but are not code lists (time units in article text,
# the words after "the" in a date phrase).
NOT_CODE_LISTS = frozenset(
    {
        "dateline.extract.dates.UNITS",
        "dateline.extract.dates.VAGUE_COUNTS",
        "dateline.extract.dates._AFTER_THE",
    }
)


def modules() -> Iterator[ModuleType]:
    for info in pkgutil.walk_packages(dateline.__path__, "dateline."):
        if info.name.endswith("__main__"):
            continue
        yield importlib.import_module(info.name)


def string_constants(module: ModuleType) -> Iterator[tuple[str, set[str]]]:
    """Module-level collections of strings (dict keys for mappings)."""
    for name, value in vars(module).items():
        if not name.isupper() or isinstance(value, str):
            continue
        if isinstance(value, tuple | list | set | frozenset | dict):
            items = list(value)
            if items and all(isinstance(i, str) for i in items):
                yield name, set(items)


def test_no_module_restates_an_enum_with_other_values() -> None:
    enums = {(t, f.name): set(f.enum) for t in TABLES for f in load(t).fields if f.enum is not None}
    drifted = []
    for module in modules():
        for name, items in string_constants(module):
            if f"{module.__name__}.{name}" in NOT_CODE_LISTS or items in enums.values():
                continue
            for (table, field), allowed in enums.items():
                shared = items & allowed
                # A list sharing most of an enum is a restatement of it; extra values drift.
                if len(shared) >= max(3, len(allowed) // 2 + 1) and items - allowed:
                    extra = sorted(items - allowed)
                    drifted.append(f"{module.__name__}.{name} vs {table}.{field}: {extra}")
    assert drifted == []
