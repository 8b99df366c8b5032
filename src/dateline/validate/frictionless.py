"""Run frictionless-py on each CSV resource and map its errors to Issues.

frictionless 5.21 cannot read our Parquet files (its reader needs pandas and mistypes lists), so
only the CSV resources are validated, one at a time; foreign keys still resolve against the
other CSV resources of the package (also ``"resource": ""`` self-references).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from dateline.package.layout import DESCRIPTOR
from dateline.validate.issues import Issue

LineOf = Callable[[str, int | None], int | None]


def error_issue(table: str, rel: str, error: dict[str, Any], line_of: LineOf) -> Issue:
    """One frictionless error (descriptor form) as an Issue; rowNumber 2 is data row 1."""
    row_number = error.get("rowNumber")
    row = row_number - 1 if isinstance(row_number, int) else None
    field = error.get("fieldName") or next(iter(error.get("fieldNames") or []), None)
    value = error.get("cell", error.get("fieldCells"))
    where = f"{table} row {row}" if row else table
    if field:
        where += f", field {field}"
    message = f"{where}: {error.get('message', error.get('title', 'error'))}"
    code = f"frictionless:{error.get('type', 'error')}"
    return Issue(table, rel, row, line_of(table, row), field, code, message, value, "frictionless")


def frictionless_issues(root: Path, resources: dict[str, str], line_of: LineOf) -> list[Issue]:
    """Validate the CSV resources (name → relative path) of ``root/datapackage.json``."""
    from frictionless import FrictionlessException, Package, system

    issues: list[Issue] = []
    with system.use_context(trusted=False):
        try:
            package = Package(str(root / DESCRIPTOR))
        except FrictionlessException as exc:
            msg = f"frictionless cannot load {DESCRIPTOR}: {exc.error.message}"
            return [
                Issue(None, DESCRIPTOR, None, None, None, "descriptor", msg, None, "frictionless")
            ]
        except (RecursionError, TypeError, ValueError, AttributeError) as exc:
            # frictionless-py crashes on some malformed descriptors; report, never a traceback
            msg = f"frictionless cannot load {DESCRIPTOR}: {type(exc).__name__}: {exc}"
            return [
                Issue(None, DESCRIPTOR, None, None, None, "descriptor", msg, None, "frictionless")
            ]
        for name, rel in resources.items():
            try:
                report = package.get_resource(name).validate()
            except (FrictionlessException, RecursionError, TypeError, ValueError) as exc:
                reason = (
                    exc.error.message
                    if isinstance(exc, FrictionlessException)
                    else f"{type(exc).__name__}: {exc}"
                )
                msg = f"{name}: frictionless cannot validate {rel}: {reason}"
                issues.append(
                    Issue(name, rel, None, None, None, "descriptor", msg, None, "frictionless")
                )
                continue
            for task in report.tasks:
                issues += [error_issue(name, rel, e.to_descriptor(), line_of) for e in task.errors]
            issues += [error_issue(name, rel, e.to_descriptor(), line_of) for e in report.errors]
    return issues
