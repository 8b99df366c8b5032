"""``dateline diff OLD NEW``: what changed between two data packages, and the SemVer bump it needs.

OLD and NEW are package folders (holding ``datapackage.json``), release bundles (``.zip``) or
git revisions. Tables are read from their Parquet resources and compared by primary key; table
schemas are compared field by field; resources by the path of their file (a partitioned table's
by the glob of its folder: how many files it has is no change). The bump follows the
Data Package version recipe: **major** for removed, renamed, retyped or re-ordered fields,
tightened constraints, a changed primary key, a removed table, or a file that moved or went away
(the layout: a reader that opens ``data/events.csv`` breaks when it becomes
``data/csv/events.csv``, or ``data/parquet/events.parquet`` the hive partitions under
``data/parquet/events/``); **minor** for new rows, tables, fields or files and loosened
constraints; **patch** for changed or removed rows (corrections) and documentation-only schema
edits.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

import polars as pl

from dateline.article import read_file
from dateline.errors import DatelineError, UsageError
from dateline.escape import printable
from dateline.package.bundle import extracted
from dateline.package.layout import (
    DESCRIPTOR,
    PACKAGE_FILES,
    PARQUET_SUFFIX,
    location,
    resource_paths,
)
from dateline.package.paths import inside

Bump = Literal["major", "minor", "patch", "none"]
BUMPS: tuple[Bump, ...] = ("none", "patch", "minor", "major")
EXAMPLES = 5
MAX_JSON_BYTES = 50_000_000


class DiffError(DatelineError):
    """A side of the diff cannot be read."""


@dataclass
class Package:
    """The parts of a data package the diff reads."""

    version: str | None
    schemas: dict[str, dict[str, Any]]
    frames: dict[str, pl.DataFrame]
    paths: dict[str, str] = field(default_factory=dict)  # resource name → path of its file


@dataclass
class SchemaChange:
    table: str
    kind: str  # table_added, table_removed, field_added, field_removed, field_renamed, ...
    field: str | None
    detail: str
    bump: Bump


@dataclass
class TableDiff:
    table: str
    added: int = 0
    removed: int = 0
    changed: int = 0
    changed_fields: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)

    @property
    def bump(self) -> Bump:
        if self.added:
            return "minor"
        return "patch" if self.removed or self.changed else "none"


@dataclass
class PackageDiff:
    old_version: str | None
    new_version: str | None
    tables: list[TableDiff]
    schema: list[SchemaChange]
    layout: list[SchemaChange] = field(default_factory=list)  # files moved, added or removed

    @property
    def bump(self) -> Bump:
        levels = [t.bump for t in self.tables] + [c.bump for c in self.schema + self.layout]
        return max(levels, key=BUMPS.index, default="none")

    @property
    def suggested_version(self) -> str | None:
        return bump_version(self.old_version, self.bump)

    @property
    def version_ok(self) -> bool:
        """Whether NEW's version is at least the suggested one (always true with no bump)."""
        want, have = _semver(self.suggested_version), _semver(self.new_version)
        return self.bump == "none" or (want is not None and have is not None and have >= want)

    def to_json(self) -> dict[str, Any]:
        return {
            "old_version": self.old_version,
            "new_version": self.new_version,
            "bump": self.bump,
            "suggested_version": self.suggested_version,
            "version_ok": self.version_ok,
            "tables": [{**asdict(t), "bump": t.bump} for t in self.tables],
            "schema": [asdict(c) for c in self.schema],
            "layout": [asdict(c) for c in self.layout],
        }


# ---------------------------------------------------------------- reading


def _semver(version: str | None) -> tuple[int, int, int] | None:
    m = re.match(r"^(\d+)\.(\d+)\.(\d+)", version or "")
    return (int(m[1]), int(m[2]), int(m[3])) if m else None


def bump_version(version: str | None, bump: Bump) -> str | None:
    """``1.4.2`` bumped: major 2.0.0, minor 1.5.0, patch 1.4.3."""
    v = _semver(version)
    if v is None:
        return None
    major, minor, patch = v
    return {
        "major": f"{major + 1}.0.0",
        "minor": f"{major}.{minor + 1}.0",
        "patch": f"{major}.{minor}.{patch + 1}",
        "none": f"{major}.{minor}.{patch}",
    }[bump]


def safe_path(root: Path, ref: object, where: str) -> Path:
    """A resource path inside the package; URLs, absolute paths and ``..`` are refused."""
    path, reason = inside(root, ref)
    if path is None:
        raise DiffError(
            f"path {str(ref)!r} points outside the package ({reason})",
            file=where,
            hint="resource and schema paths must be relative paths inside the package",
        )
    return path.resolve()


def read_package(root: Path) -> Package:
    """Read ``root/datapackage.json``, the table schemas and the Parquet tables."""
    where = str(root / DESCRIPTOR)
    if not (root / DESCRIPTOR).exists():
        raise DiffError(
            "no datapackage.json", file=str(root), hint="pass a package folder or a git revision"
        )
    desc = read_json(safe_path(root, DESCRIPTOR, where), where)
    if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list):
        raise DiffError("datapackage.json has no list of resources", file=where)
    version = desc.get("version")
    if version is not None and not isinstance(version, str):
        raise DiffError(f"'version' {version!r} is not text", file=where, hint="rebuild NEW")
    schemas: dict[str, dict[str, Any]] = {}
    frames: dict[str, pl.DataFrame] = {}
    paths = {
        str(r["name"]): location(r["path"])
        for r in desc["resources"]
        if isinstance(r, dict) and isinstance(r.get("name"), str) and resource_paths(r.get("path"))
    }
    for res in desc["resources"]:
        files = resource_paths(res.get("path")) if isinstance(res, dict) else []
        if not files or not all(f.endswith(".parquet") for f in files):
            continue
        table = parquet_table(res, files)
        # the Table Schema the file follows (the inline 'schema' is frictionless' reading of it)
        schemas[table] = _schema(root, res.get("dateline:schema", res.get("schema")), where)
        frames[table] = read_parquet_files(root, files, where)
        missing = [f["name"] for f in schemas[table]["fields"] if f["name"] not in frames[table]]
        if missing:
            raise DiffError(
                f"{location(res['path'])!r} lacks the schema's fields {missing}",
                file=where,
                hint=REBUILD,
            )
    return Package(version, schemas, frames, paths)


REBUILD = "rebuild that package with `dateline build`"


def parquet_table(res: dict[str, Any], files: list[str]) -> str:
    """The table of a Parquet resource: its file's name, or for partitions its resource name."""
    if isinstance(res.get("path"), str):
        return PurePosixPath(files[0]).name.removesuffix(".parquet")
    return str(res.get("name", "")).removesuffix(PARQUET_SUFFIX)


def read_parquet_files(root: Path, files: list[str], where: str) -> pl.DataFrame:
    """A table from its Parquet file, or from the files of its partitions (in their order;
    rows are matched by key, so their order does not matter)."""
    frames = []
    for rel in files:
        path = safe_path(root, rel, where)
        if not path.is_file():
            raise DiffError(
                f"resource path {rel!r} is not a regular file", file=where, hint=REBUILD
            )
        try:
            frames.append(pl.read_parquet(path, hive_partitioning=False))
        except (OSError, pl.exceptions.PolarsError) as exc:
            raise DiffError(f"cannot read {rel!r}: {exc}", file=where) from None
    return frames[0] if len(frames) == 1 else pl.concat(frames)


def read_json(path: Path, where: str) -> Any:
    """A JSON file of the package: a regular file, capped, not nested beyond Python's stack."""
    try:
        return json.loads(read_file(path, limit=MAX_JSON_BYTES, error=DiffError).decode())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DiffError(f"cannot read {path.name}: {exc}", file=where, hint=REBUILD) from None
    except RecursionError:
        raise DiffError(
            f"cannot read {path.name}: JSON nested too deeply", file=where, hint=REBUILD
        ) from None


def _schema(root: Path, ref: object, where: str) -> dict[str, Any]:
    schema = ref if isinstance(ref, dict) else read_json(safe_path(root, ref, where), where)
    problem = schema_problem(schema)
    if problem:
        raise DiffError(f"schema {ref!r}: {problem}", file=where, hint=REBUILD)
    return schema


def schema_problem(schema: Any) -> str | None:
    """What makes a Table Schema unreadable to the diff (None when it can be compared)."""
    if not isinstance(schema, dict):
        return "is not a JSON object"
    fields = schema.get("fields")
    if not isinstance(fields, list) or not all(
        isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields
    ):
        return "'fields' must be a list of objects with a 'name'"
    if any(not isinstance(f.get("constraints", {}), dict) for f in fields):
        return "'constraints' must be an object"
    key = schema.get("primaryKey", [])
    if not isinstance(key, list) or not all(isinstance(k, str) for k in key):
        return "'primaryKey' must be a list of field names"
    fks = schema.get("foreignKeys", [])
    if not isinstance(fks, list):
        return "'foreignKeys' must be a list"
    return None


def git(args: list[str], cwd: Path) -> bytes:
    """Run git; a failure is a :class:`DiffError` carrying git's message."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise DiffError(
            f"cannot run git: {exc.strerror}", hint="install git or pass two folders"
        ) from None
    if done.returncode:
        raise DiffError(
            f"git {' '.join(args)}: {done.stderr.decode(errors='replace').strip()}",
            hint="pass a folder with datapackage.json or a git revision such as origin/main",
        )
    return done.stdout


def export_revision(rev: str, root: Path, target: Path) -> Path:
    """Write the package files of ``rev`` (at ``root`` inside the repository) into ``target``."""
    if rev.startswith("-"):
        raise UsageError(f"{rev!r} is not a revision", hint="pass a branch, tag or commit")
    top = Path(git(["rev-parse", "--show-toplevel"], root).decode().strip())
    prefix = root.resolve().relative_to(top.resolve()).as_posix()
    commit = git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top).decode().strip()
    tree = commit if prefix == "." else f"{commit}:{prefix}"
    names = set(git(["ls-tree", "--name-only", tree], top).decode().splitlines())
    if DESCRIPTOR not in names:
        raise DiffError(
            f"revision {rev} has no {'' if prefix == '.' else prefix + '/'}datapackage.json",
            hint="pick a revision that holds a built package",
        )
    archive = git(["archive", "--format=tar", tree, "--", *sorted(names & set(PACKAGE_FILES))], top)
    try:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")
    except (tarfile.TarError, OSError) as exc:  # e.g. data/ is a symlink out of the tree
        raise DiffError(
            f"revision {rev} cannot be read safely: {exc}",
            file=f"{rev}:{prefix}",
            hint="package files in git must be plain files inside the package, not symlinks",
        ) from None
    return target


@contextmanager
def opened(spec: str, root: Path = Path(".")):
    """A readable package for ``spec``: a folder as is, a release bundle (``.zip``) unpacked, or
    a git revision exported to a temp dir."""
    path = Path(spec)
    if path.is_file() and path.suffix == ".zip":
        with extracted(path) as folder:
            yield read_package(folder)
        return
    if path.is_dir():
        if not (path / DESCRIPTOR).is_file():
            raise DiffError(
                "no datapackage.json in this folder",
                file=spec,
                hint="pass a package folder or a git revision",
            )
        yield read_package(path)
        return
    with tempfile.TemporaryDirectory(prefix="dateline-diff-") as tmp:
        yield read_package(export_revision(spec, root, Path(tmp)))


# ---------------------------------------------------------------- comparing


def diff_packages(old: Package, new: Package) -> PackageDiff:
    """Rows and schema changes from ``old`` to ``new``."""
    changes: list[SchemaChange] = []
    tables: list[TableDiff] = []
    for table in sorted(set(old.schemas) | set(new.schemas)):
        if table not in new.schemas:
            changes.append(SchemaChange(table, "table_removed", None, "table removed", "major"))
            tables.append(TableDiff(table, removed=old.frames[table].height))
        elif table not in old.schemas:
            changes.append(SchemaChange(table, "table_added", None, "new table", "minor"))
            tables.append(TableDiff(table, added=new.frames[table].height))
        else:
            changes += diff_schema(table, old.schemas[table], new.schemas[table])
            key = [
                k
                for k in new.schemas[table].get("primaryKey", [])
                if k in old.frames[table].columns
            ]
            tables.append(diff_rows(table, old.frames[table], new.frames[table], key))
    return PackageDiff(old.version, new.version, tables, changes, diff_layout(old.paths, new.paths))


def diff_layout(old: dict[str, str], new: dict[str, str]) -> list[SchemaChange]:
    """Resources whose file moved (major: readers open files by path), went away (major) or
    is new (minor), by resource name."""
    out: list[SchemaChange] = []
    for name in sorted(set(old) | set(new)):
        table = name.removesuffix(PARQUET_SUFFIX)
        if name not in new:
            out.append(SchemaChange(table, "file_removed", None, f"{old[name]} removed", "major"))
        elif name not in old:
            out.append(SchemaChange(table, "file_added", None, f"new file {new[name]}", "minor"))
        elif old[name] != new[name]:
            detail = f"{name}: {old[name]} moved to {new[name]}"
            out.append(SchemaChange(table, "file_moved", None, detail, "major"))
    return out


def diff_rows(table: str, old: pl.DataFrame, new: pl.DataFrame, key: list[str]) -> TableDiff:
    """Rows added, removed and changed, matched by primary key ``key``."""
    out = TableDiff(table)
    if not key:  # no key: compare whole rows
        key = [c for c in new.columns if c in old.columns]
    added = new.join(old.select(key), on=key, how="anti", nulls_equal=True)
    removed = old.join(new.select(key), on=key, how="anti", nulls_equal=True)
    out.added, out.removed = added.height, removed.height
    out.examples = {
        k: _keys(f, key) for k, f in (("added", added), ("removed", removed)) if f.height
    }
    common = [c for c in new.columns if c in old.columns and c not in key]
    both = old.select(key + common).join(
        new.select(key + common), on=key, how="inner", suffix="__new", nulls_equal=True
    )
    masks = {c: m for c in common if (m := _differs(both, c)) is not None}
    for c, m in masks.items():
        if n := int(both.select(m.sum()).item()):
            out.changed_fields[c] = n
    if masks:
        changed = both.filter(pl.any_horizontal(list(masks.values())))
        out.changed = changed.height
        if changed.height:
            out.examples["changed"] = _keys(changed, key)
    return out


def _differs(frame: pl.DataFrame, column: str) -> pl.Expr | None:
    a, b = pl.col(column), pl.col(f"{column}__new")
    if frame.schema[column] != frame.schema[f"{column}__new"]:
        try:
            a, b = a.cast(pl.String), b.cast(pl.String)
            frame.select(a.ne_missing(b))
        except pl.exceptions.PolarsError:
            return None  # retyped beyond comparison; the schema diff reports it
    return a.ne_missing(b)


def _keys(frame: pl.DataFrame, key: list[str]) -> list[str]:
    rows = frame.select(key).head(EXAMPLES).rows()
    return ["|".join("" if v is None else str(v) for v in row) for row in rows]


TIGHTER = {  # constraint → (tightened(old, new), what it means)
    "required": lambda o, n: bool(n) and not o,
    "unique": lambda o, n: bool(n) and not o,
    "enum": lambda o, n: n is not None and (o is None or not set(n) >= set(o)),
    "pattern": lambda o, n: n is not None and o != n,
    "minimum": lambda o, n: n is not None and (o is None or n > o),
    "minLength": lambda o, n: n is not None and (o is None or n > o),
    "maximum": lambda o, n: n is not None and (o is None or n < o),
    "maxLength": lambda o, n: n is not None and (o is None or n < o),
}


def diff_schema(table: str, old: dict[str, Any], new: dict[str, Any]) -> list[SchemaChange]:
    """Field and constraint changes of one table, each with its bump."""
    of = {f["name"]: f for f in old.get("fields", [])}
    nf = {f["name"]: f for f in new.get("fields", [])}
    removed = [n for n in of if n not in nf]
    added = [n for n in nf if n not in of]
    out: list[SchemaChange] = []
    for old_name, new_name in _renames(removed, added, of, nf):
        removed.remove(old_name)
        added.remove(new_name)
        out.append(
            SchemaChange(
                table,
                "field_renamed",
                old_name,
                f"renamed to {new_name!r} (guess: same type and place or description)",
                "major",
            )
        )
    out += [SchemaChange(table, "field_removed", n, "field removed", "major") for n in removed]
    out += [
        SchemaChange(table, "field_added", n, f"new {nf[n].get('type')} field", "minor")
        for n in added
    ]
    common = [n for n in of if n in nf]
    if common != [n for n in nf if n in of]:
        out.append(SchemaChange(table, "fields_reordered", None, "fields re-ordered", "major"))
    for name in common:
        out += _field_changes(table, name, of[name], nf[name])
    if old.get("primaryKey") != new.get("primaryKey"):
        out.append(
            SchemaChange(
                table,
                "primary_key_changed",
                None,
                f"primary key {old.get('primaryKey')} → {new.get('primaryKey')}",
                "major",
            )
        )
    ofk, nfk = _fks(old), _fks(new)
    out += [
        SchemaChange(table, "foreign_key_added", None, f"new foreign key {k}", "major")
        for k in sorted(nfk - ofk)
    ]
    out += [
        SchemaChange(table, "foreign_key_removed", None, f"foreign key {k} removed", "minor")
        for k in sorted(ofk - nfk)
    ]
    return out


def _fks(schema: dict[str, Any]) -> set[str]:
    """Foreign keys as comparable text; a self-reference is the same written either way
    (``"resource": ""`` of Data Package v1, or no ``resource`` as v2 asks)."""
    out = set()
    for fk in schema.get("foreignKeys", []):
        ref = fk.get("reference") if isinstance(fk, dict) else None
        if isinstance(ref, dict) and ref.get("resource") == "":
            fk = {**fk, "reference": {k: v for k, v in ref.items() if k != "resource"}}
        out.add(json.dumps(fk, sort_keys=True))
    return out


def _renames(removed: list[str], added: list[str], of: dict, nf: dict) -> list[tuple[str, str]]:
    """(old, new) pairs that look like one renamed field: same type, and place or description."""
    pairs: list[tuple[str, str]] = []
    old_pos = {n: i for i, n in enumerate(of)}
    new_pos = {n: i for i, n in enumerate(nf)}
    free = list(added)
    for o in removed:
        for n in free:
            same_type = of[o].get("type") == nf[n].get("type")
            same_desc = of[o].get("description") and of[o].get("description") == nf[n].get(
                "description"
            )
            if same_type and (same_desc or old_pos[o] == new_pos[n]):
                pairs.append((o, n))
                free.remove(n)
                break
    return pairs


def _field_changes(
    table: str, name: str, old: dict[str, Any], new: dict[str, Any]
) -> list[SchemaChange]:
    out: list[SchemaChange] = []
    if old.get("type") != new.get("type"):
        out.append(
            SchemaChange(
                table, "field_retyped", name, f"type {old.get('type')} → {new.get('type')}", "major"
            )
        )
    oc, nc = old.get("constraints", {}), new.get("constraints", {})
    for key in sorted(set(oc) | set(nc)):
        o, n = oc.get(key), nc.get(key)
        if o == n:
            continue
        try:
            tighter = TIGHTER.get(key, lambda o, n: False)(o, n)
        except TypeError:  # values of different types (e.g. minimum 1 → "1"): assume the worst
            tighter = True
        kind = "constraint_tightened" if tighter else "constraint_loosened"
        out.append(
            SchemaChange(
                table, kind, name, f"{key}: {o!r} → {n!r}", "major" if tighter else "minor"
            )
        )
    for key in ("description", "title", "example", "format"):
        if old.get(key) != new.get(key):
            out.append(SchemaChange(table, "field_documented", name, f"{key} changed", "patch"))
    return out


# ---------------------------------------------------------------- output


def format_text(d: PackageDiff) -> str:
    """A short human summary."""
    verdict = (
        "no changes"
        if d.bump == "none"
        else f"{d.bump} change (suggested version {d.suggested_version})"
    )
    lines = [f"dataset version {d.old_version} → {d.new_version}: {verdict}"]
    if d.bump != "none" and not d.version_ok:
        lines.append(
            f"  note: NEW's version {d.new_version} is below the suggested {d.suggested_version}"
        )
    for t in d.tables:
        if t.bump == "none":
            continue
        fields = ", ".join(f"{k} {v}" for k, v in sorted(t.changed_fields.items()))
        lines.append(
            f"  {t.table}: +{t.added} added, -{t.removed} removed, ~{t.changed} changed"
            + (f" ({fields})" if fields else "")
        )
        for kind, keys in t.examples.items():
            lines.append(f"      {kind}: {', '.join(keys)}{' …' if len(keys) == EXAMPLES else ''}")
    for c in d.schema:
        lines.append(f"  schema {c.table}{'.' + c.field if c.field else ''}: {c.detail} [{c.bump}]")
    lines += [f"  layout {c.table}: {c.detail} [{c.bump}]" for c in d.layout]
    return "\n".join(printable(line) for line in lines)  # keys and names come from the data


def format_markdown(d: PackageDiff) -> str:
    """A Markdown table for a CI step summary."""
    out = [
        f"**Data changes: {d.bump}** (version {d.old_version} → {d.new_version}"
        + (f", suggested {d.suggested_version})" if d.bump != "none" else ")"),
        "",
        "| table | added | removed | changed | fields changed |",
        "|---|---:|---:|---:|---|",
    ]
    for t in d.tables:
        fields = ", ".join(f"{k} ({v})" for k, v in sorted(t.changed_fields.items()))
        out.append(f"| {t.table} | {t.added} | {t.removed} | {t.changed} | {fields} |")
    out += [
        f"- schema `{c.table}{'.' + c.field if c.field else ''}`: {c.detail} (**{c.bump}**)"
        for c in d.schema
    ]
    out += [f"- layout `{c.table}`: {c.detail} (**{c.bump}**)" for c in d.layout]
    return "\n".join(printable(line) for line in out) + "\n"


def diff(old: str, new: str, root: Path = Path(".")) -> PackageDiff:
    """Diff two folders or git revisions (revisions are read from the repository at ``root``)."""
    with opened(old, root) as a, opened(new, root) as b:
        return diff_packages(a, b)
