"""Run frictionless-py on every table resource, CSV and Parquet, and map its errors to Issues.

What ``frictionless validate datapackage.json`` says is part of the package's promise, so
``dateline validate`` runs it too, one resource at a time (foreign keys resolve against the other
resources of the package). The Parquet resources are described so that frictionless can read
them through pandas (:mod:`dateline.package.parquet`); dateline's own checks of those files use
the Table Schema itself. What both report about one cell or file is merged in the report.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from dateline.package.layout import DESCRIPTOR, parquet_resource
from dateline.schema import load
from dateline.validate.issues import Issue

#: ``validate --frictionless`` / ``check --frictionless``: run frictionless on every resource, on
#: the resources it has not already passed in the same form (see :func:`verdict_key`), or not.
MODES = ("all", "changed", "off")

LineOf = Callable[[str, int | None], int | None]


@dataclass(frozen=True)
class Target:
    """A resource to validate: its name, its table and its file."""

    name: str
    table: str
    rel: str
    line_of: LineOf  # the physical line of a data row (CSV), or always None (Parquet)


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


def frictionless_issues(root: Path, targets: list[Target]) -> list[Issue]:
    """Validate the given resources of ``root/datapackage.json``."""
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
        for target in targets:
            name, rel, table = target.name, target.rel, target.table
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
                    Issue(table, rel, None, None, None, "descriptor", msg, None, "frictionless")
                )
                continue
            errors = [e for task in report.tasks for e in task.errors] + list(report.errors)
            issues += [error_issue(table, rel, e.to_descriptor(), target.line_of) for e in errors]
    return issues


def verdict_key(target: Target, descriptor: dict[str, Any]) -> str:
    """What frictionless' verdict on one resource depends on: frictionless' and dateline's
    versions (dateline's own schemas included), the package's properties (all but ``sources``,
    which frictionless does not read for a resource), the resource's descriptor (its file's
    hash and inline schema) and the descriptors of the resources its foreign keys read."""
    from dateline.engine.fingerprint import dateline_digest

    resources = {r.get("name"): r for r in descriptor.get("resources", []) if isinstance(r, dict)}
    parents = sorted({fk.reference_table for fk in load(target.table).foreign_keys})
    read = [target.name] + [n for t in parents for n in (t, parquet_resource(t))]
    package = {k: v for k, v in descriptor.items() if k not in ("resources", "sources")}
    state: list[Any] = [metadata.version("frictionless"), dateline_digest(), package]
    state += [resources.get(name) for name in read]
    text = json.dumps(state, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=20).hexdigest()


def changed_issues(
    root: Path, targets: Sequence[Target], descriptor: dict[str, Any], flagged: set[str]
) -> list[Issue]:
    """frictionless on the resources it has not passed in this form before (and on those with
    a file other checks flag: ``flagged`` files); remember the ones it passes now."""
    from dateline.engine.store import open_store

    keys = {t.name: verdict_key(t, descriptor) for t in targets}
    with open_store("") as store:
        done = store.passed(list(keys.values())) if store else set()
    todo = [t for t in targets if keys[t.name] not in done or t.rel in flagged]
    issues = frictionless_issues(root, todo)
    failed = {i.file for i in issues}
    with open_store("") as store:
        if store:
            store.record_passed(keys[t.name] for t in todo if t.rel not in failed | flagged)
    return issues
