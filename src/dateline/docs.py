"""Parts of README.md generated from code: the table reference (from schemas/) and the command
reference (from the CLI's own help). ``python -m dateline.docs`` rewrites them;
``tests/test_docs.py`` fails when they are stale.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from typer.testing import CliRunner

from dateline.schema import TABLES, load

README = Path(__file__).parents[2] / "README.md"
BLOCK = re.compile(r"(<!-- BEGIN (?P<name>[a-z-]+) -->\n).*?(<!-- END (?P=name) -->)", re.DOTALL)


def tables_markdown() -> str:
    """One section per table: its description, keys and fields."""
    out: list[str] = []
    for name in TABLES:
        t = load(name)
        out.append(f"#### `{name}`\n\n{t.description}\n")
        out.append(f"Primary key: `{', '.join(t.primary_key)}`.")
        for fk in t.foreign_keys:
            out.append(f"`{', '.join(fk.fields)}` → `{fk.reference_table}`.")
        out.append("\n| field | type | required | description |\n|---|---|---|---|")
        for f in t.fields:
            kind = f"{f.type} ({', '.join(f.enum)})" if f.enum else f.type
            out.append(f"| `{f.name}` | {kind} | {'yes' if f.required else ''} | {f.description} |")
        out.append("")
    return "\n".join(out)


def cli_markdown() -> str:
    """``dateline COMMAND --help`` for every command."""
    from dateline.cli import app

    runner = CliRunner()
    names = sorted(c.name or c.callback.__name__ for c in app.registered_commands)  # type: ignore[union-attr]
    parts = []
    for name in names:
        text = runner.invoke(
            app,
            [name, "--help"],
            terminal_width=100,
            env={"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"},
        ).output
        parts.append(f"#### `dateline {name}`\n\n```\n{_plain(text).strip()}\n```\n")
    return "\n".join(parts)


def _plain(text: str) -> str:
    return "\n".join(line.rstrip() for line in re.sub(r"\x1b\[[0-9;]*m", "", text).splitlines())


GENERATORS = {"tables": tables_markdown, "cli": cli_markdown}


def render(readme: str) -> str:
    """README text with every generated block brought up to date."""
    return BLOCK.sub(lambda m: m.group(1) + GENERATORS[m.group("name")]() + m.group(3), readme)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    new = render(text)
    if "--check" in sys.argv[1:]:
        sys.exit(0 if new == text else "README.md is stale: run `python -m dateline.docs`")
    README.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
