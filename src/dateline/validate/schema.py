"""Schema checks: a frame against the pandera schema, a Parquet file against the Arrow schema."""

from __future__ import annotations

import polars as pl
import pyarrow as pa

from dateline.schema import Field, TableSchema
from dateline.schema.arrow import to_arrow_schema
from dateline.schema.polars import polars_schema
from dateline.validate.issues import Issue
from dateline.validate.table import TableData

# pandera check name (prefix) → our rule code. Frame-level uniqueness is the primary key,
# which dateline.validate.keys reports with the row of the first occurrence, so it is skipped.
CHECK_CODES: tuple[tuple[str, str], ...] = (
    ("isin", "enum"),
    ("str_matches", "pattern"),
    ("greater_than_or_equal_to", "minimum"),
    ("less_than_or_equal_to", "maximum"),
    ("str_length", "length"),
    ("not_nullable", "required"),
    ("field_uniqueness", "unique"),
    ("dtype", "type"),
    ("column_in_schema", "columns"),
    ("column_in_dataframe", "columns"),
    ("column_ordered", "columns"),
)
SKIPPED_CHECKS = ("multiple_fields_uniqueness",)


def check_code(check: str) -> str:
    for prefix, code in CHECK_CODES:
        if check.startswith(prefix):
            return code
    return check.split("(")[0].replace("_", "-")


def explain(code: str, field: Field | None) -> str:
    """What the rule wants, and how to comply."""
    if field is None:
        return "the columns must be the schema's fields, in order"
    return {
        "enum": f"use one of: {', '.join(field.enum or ())}",
        "pattern": f"the value must match {field.pattern}",
        "minimum": f"the value must be ≥ {field.minimum}",
        "maximum": f"the value must be ≤ {field.maximum}",
        "length": f"the length must be within [{field.min_length}, {field.max_length}]",
        "required": "the field is required; fill it in",
        "unique": "the value must be unique in the table",
        "type": f"the column must hold {field.type} values",
    }.get(code, field.description)


def pandera_issues(data: TableData) -> list[Issue]:
    """Validate a typed frame lazily; one Issue per failure case (row = index + 1)."""
    import pandera.errors  # pandera imports pandas: loaded only when a table is validated

    from dateline.schema.pandera import to_pandera

    schema = data.schema
    try:
        to_pandera(schema).validate(data.frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return []
    names = set(schema.field_names)
    issues = []
    for case in cases.iter_rows(named=True):
        if case["check"] in SKIPPED_CHECKS:
            continue
        code = check_code(str(case["check"]))
        column = case["column"] if case["column"] in names else None
        row = None if case["index"] is None else int(case["index"]) + 1
        field = schema.field(column) if column else None
        value = case["failure_case"]
        where = (
            f"{schema.name} row {row}, field {column}" if row else f"{schema.name}, field {column}"
        )
        message = f"{where}: {value!r} breaks the {code} rule; {explain(code, field)}"
        issues.append(data.issue(row, column, code, message, value, "pandera"))
    return issues


def broken(field: Field) -> pl.Expr:
    """True where a value of ``field`` breaks one of the column checks of its pandera schema
    (:func:`dateline.schema.pandera.checks`, nullability and single-field uniqueness), with
    pandera's meaning: a null passes every check but ``required``, a pattern must match at
    the start of the text (pandera's ``str_matches``)."""
    value, out = pl.col(field.name), pl.lit(False)
    if field.enum:
        out = out | ~value.is_in(list(field.enum))
    if field.pattern:
        out = out | ~value.str.contains(
            field.pattern if field.pattern.startswith("^") else f"^{field.pattern}"
        )
    if field.minimum is not None:
        out = out | (value < field.minimum)
    if field.maximum is not None:
        out = out | (value > field.maximum)
    if field.min_length is not None:
        out = out | (value.str.len_chars() < field.min_length)
    if field.max_length is not None:
        out = out | (value.str.len_chars() > field.max_length)
    out = out.fill_null(False)
    if field.required:
        out = out | value.is_null()
    if field.unique:
        out = out | (value.is_duplicated() & value.is_not_null())
    return out


def breaks_schema(data: TableData) -> bool:
    """Whether :func:`pandera_issues` may find a problem in ``data``: its columns or dtypes
    are not the schema's, or a value breaks a column check (:func:`broken`). The same checks
    as pandera's, columnar and without building a pandera schema and its backends for a table
    (about 50 ms a table): what a build runs on the few rows that changed, falling back on
    the full validation (with pandera's report) when this says True; an expression polars
    cannot evaluate on a column says True too."""
    frame, schema = data.frame, data.schema
    if frame.schema != polars_schema(schema):
        return True
    try:
        found = frame.select(pl.any_horizontal([broken(f) for f in schema.fields]).any())
    except pl.exceptions.PolarsError:
        return True
    return bool(found.item())


def describe(field: pa.Field) -> str:
    return f"{field.name}: {field.type}{'' if field.nullable else ' not null'}"


def arrow_schema_issues(actual: pa.Schema, schema: TableSchema, rel: str) -> list[Issue]:
    """Differences between a Parquet file's Arrow schema and the declared one."""
    expected = to_arrow_schema(schema)

    def issue(field: str | None, message: str) -> Issue:
        return Issue(
            schema.name,
            rel,
            None,
            None,
            field,
            "parquet-schema",
            f"{schema.name}: {rel} {message}; rebuild it with `dateline build`",
            None,
            "arrow",
        )

    if actual.names != expected.names:
        return [issue(None, f"has columns {actual.names}, expected {expected.names}")]
    issues = [
        issue(want.name, f"field {describe(got)} should be {describe(want)}")
        for got, want in zip(actual, expected, strict=True)
        if got.type != want.type or got.nullable != want.nullable
    ]
    if not issues and not actual.equals(expected, check_metadata=True):
        issues.append(
            issue(None, "has stale metadata (field descriptions or embedded Table Schema)")
        )
    return issues
