"""The extractor's version: a hash of everything one document's extraction depends on.

Extraction is a pure function of the article and of what it runs and reads, so its rows can be
kept and reused as long as none of that changes. :func:`extractor_version` hashes:

* the source of every ``dateline`` module that extraction imports, found by scanning the source
  of :data:`ENTRY` and of what it imports (imports inside functions included), so an edit to the
  rules, the tokenizer set-up or the row mapping is a new version, and an edit to
  ``validate/`` or ``cli/`` is not;
* the data files of those modules' packages: every non-Python file in a package's folder and in
  its sub-folders that are not packages (the lexicon, the gazetteer, a shipped model);
* the Python version, the versions of the third-party distributions those modules import
  (spaCy, dateparser, PyYAML) and of what those require (thinc, numpy, regex …), and
  :data:`FORMAT`.

It reads about 5 MB once per process (about 0.1 s) and is then kept.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from collections.abc import Iterator
from contextlib import suppress
from functools import cache
from importlib import metadata
from pathlib import Path

from dateline import cache as disk_cache
from dateline.hashing import hash_files

PACKAGE = "dateline"
#: Where a build's extraction starts: the checked extractor every command runs.
ENTRY = "dateline.extract.checked"
#: Bump when the cached form of an extraction changes without a change to the code above.
FORMAT = 1
SKIP_DIRS = {"__pycache__"}


def package_root() -> Path:
    """The folder of the ``dateline`` package."""
    spec = importlib.util.find_spec(PACKAGE)
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations)))


def module_file(root: Path, name: str) -> Path | None:
    """The source file of module ``name`` of the package in ``root`` (None when absent)."""
    parts = name.split(".")[1:]
    base = root.joinpath(*parts)
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(?P<base>\.*[\w.]*)[ \t]+import[ \t]+(?P<names>\([^)]*\)|[^\n]*)"
    r"|import[ \t]+(?P<modules>[^\n]*))",
    re.MULTILINE,
)


def dotted(name: str) -> bool:
    return bool(name) and all(part.isidentifier() for part in name.split("."))


def listed(text: str) -> list[str]:
    """The names of an import list: ``a, b as c`` or ``(a,\n b,)``, comments dropped."""
    text = re.sub(r"#[^\n]*", "", text).strip("()")
    return [n for item in text.split(",") if dotted(n := (item.split() or [""])[0])]


def imported_names(path: Path, name: str) -> Iterator[str]:
    """Every module name ``path`` (module ``name``) may import, anywhere in its code (a line
    scan, not a parse: an import written in a docstring counts too, which only adds files)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for m in IMPORT.finditer(path.read_text(encoding="utf-8")):
        if m["modules"] is not None:
            yield from listed(m["modules"])
            continue
        base = m["base"]
        level = len(base) - len(base.lstrip("."))
        base = base.lstrip(".")
        if level:
            anchor = package.split(".")[: len(package.split(".")) - level + 1]
            base = ".".join([*anchor, base] if base else anchor)
        if not dotted(base):
            continue
        yield base
        yield from (f"{base}.{n}" for n in listed(m["names"]))  # may be submodules


def closure(root: Path, entry: str = ENTRY) -> tuple[dict[str, Path], set[str]]:
    """The ``dateline`` modules reachable from ``entry`` (name → file), with their parent
    packages, and the top-level names of the other modules they import."""
    found: dict[str, Path] = {}
    external: set[str] = set()
    todo = [entry]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        path = module_file(root, name)
        if path is None:
            continue  # ``from pkg import function``: not a module
        found[name] = path
        parent = name.rpartition(".")[0]
        if parent:
            todo.append(parent)  # importing a submodule runs its package's __init__
        for imported in imported_names(path, name):
            if imported == PACKAGE or imported.startswith(PACKAGE + "."):
                todo.append(imported)
            elif imported and imported != "__future__":
                external.add(imported.split(".")[0])
    return found, external


def data_files(folder: Path) -> Iterator[Path]:
    """The non-Python files of a package folder and of its sub-folders that are not packages."""
    for path in sorted(folder.iterdir()):
        if path.name in SKIP_DIRS or path.name.startswith("."):
            continue
        if path.is_dir():
            if not (path / "__init__.py").exists():
                yield from data_files(path)
        elif path.suffix not in (".py", ".pyc"):
            yield path


def distribution_of(module: str) -> str | None:
    """``name==version`` of the installed distribution providing top-level ``module``: the
    distribution of that name, else the one whose ``top_level.txt`` lists it (no import, and no
    scan of every installed distribution's file list)."""
    with suppress(metadata.PackageNotFoundError):
        return f"{module}=={metadata.version(module)}"
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin or not spec.has_location:
        return None
    folder = Path(spec.origin).parent
    site = folder.parent if spec.submodule_search_locations else folder
    for info in sorted(site.glob("*.dist-info")):
        top = info / "top_level.txt"
        if top.is_file() and module in top.read_text(encoding="utf-8").split():
            dist = metadata.PathDistribution(info)
            return f"{dist.metadata['Name']}=={dist.version}"
    return None


def requirement_versions(dist: str) -> set[str]:
    """``name==version`` of the installed distributions that ``dist`` requires (not extras):
    spaCy's thinc and numpy, dateparser's regex."""
    found = set()
    for requirement in metadata.requires(dist) or ():
        if "extra ==" in requirement:
            continue
        name = re.match(r"[A-Za-z0-9._-]+", requirement)
        if name:
            with suppress(metadata.PackageNotFoundError):
                found.add(f"{name[0]}=={metadata.version(name[0])}")
    return found


def distribution_versions(modules: set[str]) -> list[str]:
    """``name==version`` of the installed distributions providing ``modules``, and of the
    distributions those require. Reading them parses some fifty metadata files (half the time
    of :func:`extractor_version`), so they are kept in the disk cache (:mod:`dateline.cache`)
    under what is installed: the metadata folders on ``sys.path``, whose names carry each
    distribution's version and change with any install, upgrade or removal."""

    def read() -> list[str]:
        direct = {d for m in modules if (d := distribution_of(m))}
        return sorted(direct.union(*(requirement_versions(d.split("==")[0]) for d in direct)))

    return disk_cache.remembered("distributions", [*sorted(modules), "", *installed()], read)


def installed() -> list[str]:
    """Every distribution metadata folder on ``sys.path`` (``name-version.dist-info``), by
    path, with its modification time (which a reinstall into a folder of the same name
    moves)."""
    found = []
    for entry in dict.fromkeys(sys.path):
        with suppress(OSError), os.scandir(entry or ".") as names:
            found += sorted(
                f"{n.path}\0{n.stat().st_mtime_ns}"
                for n in names
                if n.name.endswith((".dist-info", ".egg-info"))
            )
    return found


def inputs(root: Path) -> tuple[list[Path], list[str]]:
    """The files and the version strings that :func:`extractor_version` hashes."""
    modules, external = closure(root)
    packages = {p.parent for name, p in modules.items() if p.name == "__init__.py"}
    files = sorted({*modules.values(), *(f for pkg in packages for f in data_files(pkg))})
    stdlib = set(sys.stdlib_module_names)
    return files, distribution_versions(external - stdlib)


@cache
def extractor_version() -> str:
    """A hex digest that changes whenever the code or data extraction runs on changes (computed
    once per process)."""
    return version_of(package_root())


def version_of(root: Path) -> str:
    """The extractor version of the ``dateline`` package in folder ``root``."""
    files, versions = inputs(root)
    header = f"{FORMAT}\0{sys.version}\0{' '.join(versions)}\0"
    return hash_files(header, ((p.relative_to(root).as_posix(), p) for p in files))
