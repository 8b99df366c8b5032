"""``write/``, ``validate/`` and ``diff`` share ``dateline.package`` and import nothing of each
other; ``dateline.package`` imports none of them; validate's modules import in one direction."""

from __future__ import annotations

import ast
from pathlib import Path

import dateline

SRC = Path(dateline.__file__).parent
LAYERS = {"write": SRC / "write", "validate": SRC / "validate", "diff": SRC / "diff.py"}


def imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def files(path: Path) -> list[Path]:
    return sorted(path.glob("*.py")) if path.is_dir() else [path]


def layer(module: str) -> str | None:
    for name in LAYERS:
        if module == f"dateline.{name}" or module.startswith(f"dateline.{name}."):
            return name
    return None


def test_write_validate_and_diff_do_not_import_each_other() -> None:
    crossings = [
        f"{path.relative_to(SRC)} imports {module}"
        for name, root in LAYERS.items()
        for path in files(root)
        for module in imports(path)
        if layer(module) not in (None, name)
    ]
    assert crossings == []


def test_the_package_layer_imports_none_of_its_users() -> None:
    for path in files(SRC / "package"):
        assert not {m for m in imports(path) if layer(m)}, path


def test_validate_modules_form_no_cycle() -> None:
    graph = {
        f"dateline.validate.{p.stem}": {m for m in imports(p) if m.startswith("dateline.validate.")}
        for p in files(SRC / "validate")
        if p.stem != "__init__"
    }
    seen: set[str] = set()

    def visit(module: str, stack: tuple[str, ...]) -> None:
        assert module not in stack, " -> ".join((*stack, module))
        if module in seen:
            return
        for dep in graph.get(module, ()):
            visit(dep, (*stack, module))
        seen.add(module)

    for module in graph:
        visit(module, ())
