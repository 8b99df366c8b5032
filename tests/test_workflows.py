"""The CI workflow: every supported Python, and every action pinned by a commit SHA."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

WORKFLOWS = sorted((Path(__file__).parents[1] / ".github" / "workflows").glob("*.yml"))
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(?P<action>\S+?)@(?P<ref>\S+)(?P<rest>.*)$")


def test_there_is_a_workflow():
    assert WORKFLOWS


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_sha_with_their_tag(path: Path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        m = USES.match(line)
        assert m, line
        assert re.fullmatch(r"[0-9a-f]{40}", m["ref"]), f"not pinned by commit SHA: {line}"
        assert re.search(r"#\s*v\d+\.\d+\.\d+", m["rest"]), f"say which tag the SHA is: {line}"


def test_one_sha_per_action():
    """The same action is pinned to the same commit everywhere."""
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if m := USES.match(line):
                pins.setdefault(m["action"], set()).add(m["ref"])
    assert all(len(refs) == 1 for refs in pins.values()), pins


def test_tests_run_on_every_supported_python():
    jobs = {
        name: job
        for path in WORKFLOWS
        for name, job in (yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"]).items()
    }
    versions = jobs["tests"]["strategy"]["matrix"]["python-version"]
    assert versions == ["3.11", "3.12", "3.13"]
    setup = next(s for s in jobs["tests"]["steps"] if "setup-python" in s.get("uses", ""))
    assert setup["with"]["python-version"] == "${{ matrix.python-version }}"
