"""Write a table as Parquet with the explicit Arrow schema of its Table Schema.

Same frame in, same bytes out (for one pinned pyarrow): the schema is built by
:func:`dateline.schema.arrow.to_arrow_schema`, dictionaries list the enum values in schema order,
and nothing time-dependent (no pandas metadata, no build time) goes into the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dateline.package.layout import PARTITION_FIELD, doc_bucket, parquet_paths
from dateline.schema import Field, TableSchema
from dateline.schema.arrow import to_arrow_schema

WRITE_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 1,
    "version": "2.6",
    "use_dictionary": True,
    "write_statistics": True,
    "store_schema": True,
}


def arrow_column(field: Field, arrow_field: pa.Field, column: pl.Series) -> pa.Array:
    """One column as an Arrow array of exactly the declared type, converted in Arrow (no
    Python values: the same array as building it value by value, ``tests/test_write.py``).

    Enum dictionaries hold the schema's values in schema order (then any value outside the
    enum, sorted, so that invalid data can still be written and then reported by validation).
    """
    values = column.to_arrow()
    if pa.types.is_dictionary(arrow_field.type):
        values = values.cast(pa.string())
        present = pc.unique(values.drop_null()).to_pylist()
        extra = sorted(set(present) - set(field.enum or ()))
        dictionary = string_array([*(field.enum or ()), *extra])
        indices = pc.index_in(values, value_set=dictionary).cast(pa.int32())
        return pa.DictionaryArray.from_arrays(indices, dictionary)
    return values.cast(arrow_field.type)


def string_array(values: list[str]) -> pa.Array:
    """``values`` as an Arrow string array, built through polars: ``pa.array`` on a list asks
    pandas whether the list is array-like, and so imports it (0.45 s of CPU in a build that
    otherwise never loads pandas)."""
    return pl.Series(values, dtype=pl.String).to_arrow().cast(pa.string())


def to_arrow_table(frame: pl.DataFrame, schema: TableSchema) -> pa.Table:
    """The frame as an Arrow table with the table's declared Arrow schema."""
    arrow_schema = to_arrow_schema(schema)
    arrays = [
        arrow_column(f, arrow_schema.field(f.name), frame.get_column(f.name)) for f in schema.fields
    ]
    return pa.Table.from_arrays(arrays, schema=arrow_schema)


def parquet_bytes(frame: pl.DataFrame, schema: TableSchema) -> bytes:
    """The Parquet file (zstd, format 2.6, statistics on) as bytes."""
    sink = pa.BufferOutputStream()
    pq.write_table(to_arrow_table(frame, schema), sink, **WRITE_OPTIONS)
    return sink.getvalue().to_pybytes()


def parquet_parts(
    frame: pl.DataFrame, schema: TableSchema, buckets: int
) -> Iterator[tuple[str, bytes]]:
    """The table's Parquet files as (path, bytes), one at a time: one file, or one per
    partition (:func:`dateline.package.layout.doc_bucket`), each with the rows of its bucket in
    the frame's order and the same schema and metadata; an empty bucket is an empty file."""
    paths = parquet_paths(schema.name, buckets)
    if buckets == 1:
        yield paths[0], parquet_bytes(frame, schema)
        return
    ids = frame.get_column(PARTITION_FIELD)
    mapping = {d: doc_bucket(d, buckets) for d in ids.unique().drop_nulls().to_list()}
    bucket = ids.replace_strict(mapping, default=0, return_dtype=pl.Int64)
    for b, rel in enumerate(paths):
        yield rel, parquet_bytes(frame.filter(bucket == b), schema)
