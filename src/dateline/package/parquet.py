"""How a Parquet resource is described so that stock frictionless-py (5.21) accepts it.

frictionless reads a Parquet file through pandas (``pyarrow.Table.to_pandas``), which changes
three things on the way, measured with frictionless 5.21.0 and pandas 3.1.1:

- it cannot count the bytes of a Parquet file (``stats.bytes`` stays None), so a declared
  ``bytes`` is always a ``byte-count`` error: the Parquet resources give their size as
  ``dateline:bytes`` instead (``hash`` stays: frictionless skips a hash it cannot compute);
- a ``list<string>`` column arrives as numpy arrays, which neither a ``list`` nor an ``array``
  field accepts: such a field is described as ``any`` here;
- a null integer or number arrives as a float NaN, whose text ``"nan"`` breaks ``type``,
  ``minimum`` and ``maximum``; a null datetime as ``NaT``: those fields list these texts as
  missing values (frictionless compares ``str(cell)`` with them).

A partitioned table's Parquet resource lists its files in ``path`` (Data Package v2: a resource
in several files). frictionless-py 5.21 reads only the first of them (its Parquet parser opens
``path[0]``; measured: 0 of 13 rows read when the first part was empty), and it skips their hash.
So a foreign key that points to a partitioned table references that table's CSV resource,
which holds every row, instead of its Parquet resource; dateline checks every file itself.

The Parquet resource therefore carries this reader's schema inline, and names the table's Table
Schema, the one the file follows, in ``dateline:schema``. dateline itself checks the Parquet
files against the Table Schema and their embedded Arrow schema (pyarrow, pandera), their hash and
size, and that they hold the same values as the CSV files.
"""

from __future__ import annotations

import copy
from typing import Any

from dateline.package.layout import parquet_resource
from dateline.schema import TableSchema

#: Where a resource declares the size of its file: CSV ``bytes``, Parquet ``dateline:bytes``.
BYTES_PROPERTIES = ("bytes", "dateline:bytes")


def declared_bytes(resource: dict[str, Any]) -> Any:
    """The size a resource declares for its file (``bytes``, or ``dateline:bytes`` for a
    Parquet resource), or None."""
    return next((resource[k] for k in BYTES_PROPERTIES if k in resource), None)


#: The text of a null cell after pandas, per field type (``str(float("nan"))``, ``str(NaT)``).
PANDAS_NULLS = {"integer": "nan", "number": "nan", "datetime": "NaT"}
#: A field type that frictionless cannot read from Parquet, and the type it is described as.
READER_TYPES = {"list": "any"}
LIST_KEYS = ("delimiter", "itemType")


def reader_field(field: dict[str, Any]) -> dict[str, Any]:
    """One field of the Table Schema as frictionless can read it from Parquet."""
    out = copy.deepcopy(field)
    kind = out["type"]
    if kind in READER_TYPES:
        out["type"] = READER_TYPES[kind]
        for key in LIST_KEYS:
            out.pop(key, None)
        out["description"] += f" (In Parquet: a list<string> column; described as '{out['type']}'"
        out["description"] += " because frictionless-py reads Parquet lists as numpy arrays.)"
    if kind in PANDAS_NULLS:
        out["missingValues"] = ["", PANDAS_NULLS[kind]]
    return out


def reader_schema(schema: TableSchema, partitioned: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The inline schema of ``schema``'s Parquet resource: its Table Schema without dateline's
    own properties, with the reader changes above, and foreign keys to Parquet resources (to
    the CSV resource of a table in ``partitioned``, which frictionless reads whole)."""
    out = schema.published
    out["fields"] = [reader_field(f) for f in out["fields"]]
    for fk in out.get("foreignKeys", []):
        target = fk["reference"].get("resource")
        if target and target not in partitioned:  # a self-reference names no resource
            fk["reference"]["resource"] = parquet_resource(target)
    return out
