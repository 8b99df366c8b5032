"""The table schemas in ``schemas/`` and the forms derived from them.

``schemas/<table>.schema.json`` (Frictionless Table Schema v2) is the single source of truth;
:mod:`dateline.schema.arrow`, :mod:`dateline.schema.pandera` and :mod:`dateline.schema.polars`
derive the Arrow, pandera and polars forms from it.
"""

from dateline.schema.model import (
    TABLES,
    Field,
    ForeignKey,
    TableSchema,
    enum,
    load,
    load_all,
    primary_key,
    references_to,
    schema_path,
)

__all__ = [
    "TABLES",
    "Field",
    "ForeignKey",
    "TableSchema",
    "enum",
    "load",
    "load_all",
    "primary_key",
    "references_to",
    "schema_path",
]
