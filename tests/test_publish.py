"""Atomic publishing (dateline.publish): a fault after any step of the swap, or a kill at any
instant, leaves the old package or the new one (for dateline and validate), never a mix, and the
next run removes what killed builds left behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from dateline import publish
from dateline.publish import JOURNAL, reading, staging
from dateline.validate import validate_package
from fixtures.minipkg import build as build_package
from fixtures.minipkg import rows

SRC = Path(__file__).resolve().parents[1] / "src"
PRIMITIVES = ("write_journal", "rename", "exchange", "drop_journal")


class Killed(BaseException):
    """A fault: nothing in dateline catches it, as nothing outlives a kill."""


def snapshot(root: Path) -> dict[str, bytes]:
    """``datapackage.json`` and every file under ``data/``, ``schemas/`` and ``seeds/``."""
    files = {"datapackage.json": root / "datapackage.json"}
    for folder in ("data", "schemas", "seeds"):
        files |= {p.relative_to(root).as_posix(): p for p in (root / folder).rglob("*")}
    return {rel: p.read_bytes() for rel, p in files.items() if p.is_file()}


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two valid packages of the same seed whose data differ: the old and the new."""
    base = tmp_path_factory.mktemp("packages")
    old = build_package(base / "old")
    changed = rows()
    changed["actors"][0]["name"] = changed["actors"][0]["name"] + " (renamed)"
    new = build_package(base / "new", changed)
    assert validate_package(old).valid and validate_package(new).valid
    assert snapshot(old) != snapshot(new)
    return old, new


NAMES = ["data", "schemas", "seeds", "datapackage.json"]


def stage(new: Path, staged: Path) -> Path:
    """Copy the new package into a staging folder."""
    for name in NAMES:
        source = new / name
        if source.is_dir():
            shutil.copytree(source, staged / name)
        else:
            shutil.copyfile(source, staged / name)
    return staged


def setup(packages: tuple[Path, Path], out: Path) -> tuple[Path, list[str]]:
    """``out`` holds the old package; a staging folder in it holds the new one."""
    shutil.copytree(packages[0], out)
    staged = Path(tempfile.mkdtemp(prefix=publish.BUILD_PREFIX, dir=out))
    return stage(packages[1], staged), NAMES


def fail_after(monkeypatch: pytest.MonkeyPatch, steps: int) -> list[str]:
    """Make the ``steps``-th primitive step of the swap the last one (then raise Killed)."""
    done: list[str] = []
    for name in PRIMITIVES:
        real: Callable = getattr(publish, name)

        def wrapped(*args, _real=real, _name=name):
            result = _real(*args)
            done.append(_name)
            if len(done) == steps:
                raise Killed(_name)
            return result

        monkeypatch.setattr(publish, name, wrapped)
    return done


def count_steps(packages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    out = tmp_path / "count"
    shutil.copytree(packages[0], out)
    with monkeypatch.context() as m, staging(out) as staged:
        done = fail_after(m, -1)
        publish.publish(stage(packages[1], staged), out, NAMES)
    return len(done)


@pytest.mark.parametrize("atomic_exchange", [True, False], ids=["exchange", "two-renames"])
def test_a_fault_after_each_step_leaves_old_or_new(
    packages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, atomic_exchange: bool
):
    if not atomic_exchange:
        monkeypatch.setattr(publish, "RENAMEAT2", None)
    elif publish.RENAMEAT2 is None:
        pytest.skip("no renameat2 on this system")
    old, new = snapshot(packages[0]), snapshot(packages[1])
    steps = count_steps(packages, tmp_path, monkeypatch)
    assert steps >= 6  # journal, 4 paths (two renames each without exchange), drop journal
    seen, mixed = set(), 0
    for k in range(1, steps + 1):
        out = tmp_path / f"out{k}"
        shutil.copytree(packages[0], out)
        with monkeypatch.context() as m:
            done = fail_after(m, k)
            with pytest.raises(Killed), staging(out) as staged:  # as a build: Ctrl-C, a crash
                publish.publish(stage(packages[1], staged), out, NAMES)
        if atomic_exchange:  # other readers never find a path missing
            assert (out / "data").is_dir() and (out / "datapackage.json").is_file(), done
        on_disk = snapshot(out) if (out / "datapackage.json").exists() else None
        mixed += on_disk not in (old, new)
        with reading(out):  # what dateline and validate see (both packages are valid)
            state = snapshot(out)
            assert state in (old, new), f"a mix after {done}"
            seen.add("new" if state == new else "old")
        assert not (out / JOURNAL).exists()
        with staging(out):  # the next build removes every leftover
            pass
        assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []
    assert seen == {"old", "new"}  # faults before the commit roll back, after it finish
    assert mixed  # what the journal is for: some faults leave a mix until recovered


def test_a_fault_during_recovery_is_recovered_next_time(
    packages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    old, new = snapshot(packages[0]), snapshot(packages[1])
    out = tmp_path / "out"
    staged, names = setup(packages, out)
    with monkeypatch.context() as m:
        fail_after(m, 3)  # journal, data, schemas: not committed
        with pytest.raises(Killed):
            publish.publish(staged, out, names)
    with monkeypatch.context() as m:
        fail_after(m, 1)  # the rollback is killed after its first move
        with pytest.raises(Killed), reading(out):
            pass
    assert (out / JOURNAL).exists()
    with reading(out):
        assert snapshot(out) == old
    assert snapshot(out) != new


def test_leftovers_of_killed_builds_are_removed_but_not_a_live_build(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    for name in (".dateline-build-dead1", ".dateline-old-dead2"):
        (out / name / "data").mkdir(parents=True)
        (out / name / "data" / "big.csv").write_text("x\n", "utf-8")
    with staging(out) as live:
        assert not (out / ".dateline-build-dead1").exists()
        assert not (out / ".dateline-old-dead2").exists()
        with staging(out) as other:  # a second build at the same time keeps the first's
            assert live.is_dir() and other.is_dir() and other != live
    assert not [p for p in out.iterdir()]


KILLER = """
import os, signal, sys
from pathlib import Path
from dateline import publish
steps = int(sys.argv[3])
done = []
def wrap(name):
    real = getattr(publish, name)
    def wrapped(*args):
        result = real(*args)
        done.append(name)
        if len(done) == steps:
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    setattr(publish, name, wrapped)
for name in ("write_journal", "rename", "exchange", "drop_journal"):
    wrap(name)
staged, out = Path(sys.argv[1]), Path(sys.argv[2])
publish.publish(staged, out, ["data", "schemas", "seeds", "datapackage.json"])
"""


def test_a_killed_process_leaves_a_valid_package(packages, tmp_path: Path):
    """SIGKILL after each step, in a real process: then `dateline validate` says valid and sees
    the old package or the new one, and the next build leaves nothing behind."""
    old, new = snapshot(packages[0]), snapshot(packages[1])
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    results = []
    for k in range(1, 7):
        out = tmp_path / f"out{k}"
        staged, _ = setup(packages, out)
        proc = subprocess.run(
            [sys.executable, "-c", KILLER, str(staged), str(out), str(k)],
            env=env,
            capture_output=True,
            timeout=120,
        )
        assert proc.returncode == -signal.SIGKILL, proc.stderr
        assert (out / JOURNAL).exists() or k == 6
        if k in (2, 5):  # before and after the commit point: the command itself recovers
            check = subprocess.run(
                [sys.executable, "-m", "dateline", "validate", str(out)],
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert check.returncode == 0, check.stdout + check.stderr
        with reading(out):
            state = snapshot(out)
        assert state in (old, new)
        results.append("new" if state == new else "old")
    assert results[0] == "old" and results[-1] == "new"
