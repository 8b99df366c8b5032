"""Load ``seeds/*.corrections.yaml``: YAML with the line of every operation and key, checked
at once (:mod:`dateline.corrections.check`) so a bad file fails before any row is read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from dateline.article import MAX_NESTING, bracket_depth, decode, read_file
from dateline.corrections.check import check
from dateline.corrections.model import SUFFIX, Correction, CorrectionError
from dateline.corrections.ops import OPS
from dateline.errors import SeedError

EXAMPLE = OPS["drop"].spec.example


def corrections_files(seeds: Path) -> list[Path]:
    """The corrections files in ``seeds``, sorted; a ``.yml`` spelling is an error, not ignored."""
    for wrong in sorted(seeds.glob("*.corrections.yml")):
        raise CorrectionError(
            "corrections files must end in .corrections.yaml",
            file=str(wrong),
            hint=f"rename it to {wrong.name[: -len('.yml')]}.yaml",
        )
    return sorted(seeds.glob(f"*{SUFFIX}"))


def load_corrections(seeds: Path) -> list[Correction]:
    """Every correction in ``seeds/*.corrections.yaml``, in file order then list order."""
    out: list[Correction] = []
    for path in corrections_files(seeds):
        try:
            text = decode(read_file(path, within=seeds, error=CorrectionError), str(path))
        except SeedError as err:
            raise CorrectionError(
                err.message, file=err.file, line=err.line, hint=err.hint
            ) from None
        out += parse_corrections(text, file=str(path), doc_id=path.name[: -len(SUFFIX)])
    return out


def parse_corrections(text: str, *, file: str, doc_id: str) -> list[Correction]:
    """Parse and check one corrections file; any problem is a :class:`CorrectionError`."""
    node, data = _compose(text, file)
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode) or not isinstance(data, list):
        raise CorrectionError(
            "a corrections file must be a YAML list of operations",
            file=file,
            line=node.start_mark.line + 1,
            hint="start each operation with '- op: …', e.g.\n" + EXAMPLE,
        )
    return [
        _correction(item_node, item, file, doc_id)
        for item_node, item in zip(node.value, data, strict=True)
    ]


def _compose(text: str, file: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for line numbers) and the plain values of one YAML document."""
    loader: yaml.SafeLoader | None = None
    if bracket_depth(text) > MAX_NESTING:  # PyYAML would take seconds, then overflow the stack
        raise CorrectionError(
            f"brackets nest more than {MAX_NESTING} deep",
            file=file,
            hint="write each operation as '- op: …' with one 'key: value' per line",
        )
    try:
        loader = yaml.SafeLoader(text)  # the reader already refuses control characters
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise CorrectionError(
            f"not valid YAML: {exc.problem or exc.context}",
            file=file,
            line=mark.line + 1 if mark else None,
            hint="write one 'key: value' per line; quote values with ': ' or a leading symbol",
        ) from None
    except yaml.reader.ReaderError as exc:
        raise CorrectionError(
            f"not valid YAML: {exc.reason} (character #x{exc.character:04x})",
            file=file,
            line=text.count("\n", 0, exc.position) + 1,
            hint="remove control characters; a corrections file is plain text",
        ) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise CorrectionError(
            f"not valid YAML: {exc}",
            file=file,
            hint="quote values such as dates or numbers that YAML cannot read",
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    return node, data


def _correction(node: yaml.Node, item: Any, file: str, doc_id: str) -> Correction:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode) or not isinstance(item, dict):
        raise CorrectionError(
            "each operation must be a mapping of 'key: value' lines",
            file=file,
            line=line,
            hint="e.g.\n" + EXAMPLE,
        )
    if not all(isinstance(k, str) for k in item):
        raise CorrectionError(
            "keys must be plain words such as 'op' or 'table'",
            file=file,
            line=line,
            hint="e.g.\n" + EXAMPLE,
        )
    lines: dict[str, int] = {}
    for key_node, _ in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str):
            raise CorrectionError(
                "keys must be plain words",
                file=file,
                line=key_node.start_mark.line + 1,
                hint="e.g.\n" + EXAMPLE,
            )
        if key in lines:
            raise CorrectionError(
                f"key {key!r} is given twice",
                file=file,
                line=key_node.start_mark.line + 1,
                hint="keep one of them",
            )
        lines[key] = key_node.start_mark.line + 1
    if set(item) != set(lines):  # e.g. a merge key '<<' expanded; refuse rather than guess
        raise CorrectionError(
            "YAML merge keys and anchors are not supported here",
            file=file,
            line=line,
            hint="write every key of the operation out in full",
        )
    c = Correction(
        op=str(item.get("op")), values=dict(item), file=file, line=line, doc_id=doc_id, lines=lines
    )
    check(c, OPS)
    return c
