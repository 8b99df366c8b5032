"""The official Data Package v2 JSON Schema profiles, vendored, and checks against them.

``profiles/datapackage.json``, ``tableschema.json`` and ``tabledialect.json`` are the profiles
published at ``https://datapackage.org/profiles/2.0/`` (frictionlessdata/datapackage, MIT licence;
see ``profiles/README.md``), kept byte for byte, so nothing is fetched at run time. The Data
Package profile holds the resource, dialect and Table Schema profiles inline (it has no ``$ref``).

One known defect of the 2.0 profiles is amended, in code and in one place (:data:`LIST_FIELD`):
they leave out the ``list`` field type that the v2 standard defines (frictionlessdata/datapackage
issue 1089, fixed for 2.1), so every ``list`` field would fail the profile's ``oneOf`` of field
types. The amendment adds a ``List Field`` branch as the standard's text defines the type.

Format assertions (``uri``, ``email``, ``date-time``) are not checked: jsonschema checks them
only when optional packages are installed, and a check must give the same answer everywhere.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError, best_match

PROFILE_DIR = Path(__file__).parent / "profiles"
PROFILES = ("datapackage", "tableschema", "tabledialect")
MAX_MESSAGE = 300

#: The ``list`` field type of Table Schema v2 (``delimiter``, ``itemType``), missing from the
#: 2.0 profile's field types (datapackage issue 1089).
LIST_FIELD: dict[str, Any] = {
    "type": "object",
    "title": "List Field",
    "description": "The field contains lists of primitive values, written with a delimiter.",
    "required": ["name", "type"],
    "properties": {
        "name": {"type": "string"},
        "title": {"type": "string"},
        "description": {"type": "string"},
        "example": {"type": "string"},
        "type": {"enum": ["list"]},
        "format": {"enum": ["default"]},
        "delimiter": {"type": "string"},
        "itemType": {
            "enum": ["string", "integer", "boolean", "number", "datetime", "date", "time"]
        },
        "constraints": {
            "type": "object",
            "properties": {
                "required": {"type": "boolean"},
                "unique": {"type": "boolean"},
                "minLength": {"type": "integer"},
                "maxLength": {"type": "integer"},
                "enum": {"type": "array", "minItems": 1, "uniqueItems": True},
            },
        },
        "rdfType": {"type": "string"},
    },
}


def profile_path(name: str) -> Path:
    """The vendored file of profile ``name`` (``datapackage``, ``tableschema``, ...)."""
    return PROFILE_DIR / f"{name}.json"


def profile_url(name: str) -> str:
    """The ``$schema`` URL of a vendored profile."""
    return f"https://datapackage.org/profiles/2.0/{name}.json"


def _with_list_field(table_schema: dict[str, Any]) -> None:
    """Add :data:`LIST_FIELD` to the field types of a Table Schema profile (in place)."""
    kinds = table_schema["properties"]["fields"]["items"]["oneOf"]
    string = next(k for k in kinds if k["properties"]["type"].get("enum") == ["string"])
    missing = {"missingValues": string["properties"]["missingValues"]}
    kinds.append(LIST_FIELD | {"properties": LIST_FIELD["properties"] | missing})


@cache
def profile(name: str) -> dict[str, Any]:
    """A vendored profile as JSON Schema, with the ``list`` amendment applied."""
    raw = json.loads(profile_path(name).read_text(encoding="utf-8"))
    if name == "tableschema":
        _with_list_field(raw)
    elif name == "datapackage":
        _with_list_field(raw["properties"]["resources"]["items"]["properties"]["schema"])
    return raw


@cache
def _validator(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(copy.deepcopy(profile(name)))


def _reasons(error: ValidationError) -> list[ValidationError]:
    """The errors that say what is wrong. Inside a ``oneOf`` (the field types) they are those of
    the branches whose ``type`` matched, not the ``type`` mismatch of every other branch."""
    if not error.context:
        return [error]
    branches: dict[Any, list[ValidationError]] = {}
    for child in error.context:
        branches.setdefault(child.schema_path[0] if child.schema_path else None, []).append(child)
    matched = [
        errors
        for errors in branches.values()
        if not any(c.validator == "enum" and list(c.relative_path)[-1:] == ["type"] for c in errors)
    ]
    if len(matched) != 1:  # no branch, or several, fits the type: the best single guess
        return _reasons(best_match(error.context))
    return [r for child in matched[0] for r in _reasons(child)]


def where(error: ValidationError) -> str:
    """The JSON path of an error, e.g. ``resources/3/schema/fields/11/example``."""
    return "/".join(str(p) for p in error.absolute_path) or "(top level)"


def _path_order(error: ValidationError) -> list[str]:
    return [f"{p:08d}" if isinstance(p, int) else str(p) for p in error.absolute_path]


def profile_problems(instance: Any, name: str) -> list[str]:
    """What profile ``name`` rejects in ``instance``: one ``path: reason`` line each, in path
    order."""
    problems = []
    reasons = [r for e in _validator(name).iter_errors(instance) for r in _reasons(e)]
    for reason in sorted(reasons, key=_path_order):
        message = reason.message
        if len(message) > MAX_MESSAGE:
            message = message[:MAX_MESSAGE] + " …"
        problems.append(f"{where(reason)}: {message}")
    return problems
