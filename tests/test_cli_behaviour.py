"""The command line behaves like its peers: ``--version``, ``-h``, help in full sentences with
no value type on flags, and progress on a terminal only."""

from __future__ import annotations

import io
import re
import typing

import pytest
import typer
from typer.testing import CliRunner

import dateline
from dateline import progress as progress_module
from dateline.cli import app
from dateline.engine import run_all
from dateline.progress import CLEAR_LINE, on_terminal, status_line

COMMAND = typer.main.get_command(app)
NAMES = sorted(COMMAND.commands)  # type: ignore[attr-defined]


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "100", "NO_COLOR": "1"})


def test_version():
    result = invoke("--version")
    assert (result.exit_code, result.output) == (0, f"dateline {dateline.__version__}\n")


@pytest.mark.parametrize("args", [[], *([n] for n in NAMES)])
def test_short_help_is_the_long_help(args: list[str]):
    short, long = invoke(*args, "-h"), invoke(*args, "--help")
    assert short.exit_code == long.exit_code == 0
    assert short.output == long.output
    assert short.output.startswith("Usage: ")


def test_every_command_is_listed():
    listing = invoke("-h").output
    for name in NAMES:
        assert re.search(rf"^  {name} +[A-Z].*\.$", listing, re.MULTILINE), name


@pytest.mark.parametrize("name", NAMES)
def test_flags_show_no_value_type(name: str):
    text = invoke(name, "--help").output
    assert "<bool>" not in text
    for param in COMMAND.commands[name].params:  # type: ignore[attr-defined]
        if getattr(param, "is_flag", False):
            line = next(line for line in text.splitlines() if param.opts[0] in line)
            assert "<" not in line.split(param.opts[-1])[-1].split("  ")[0], line


def sentence(text: str) -> bool:
    """One or more sentences: a capital (or a quoted name) first, a full stop last."""
    text = " ".join(text.split())
    return bool(re.match(r"^[A-Z$`]", text)) and text.endswith(".")


@pytest.mark.parametrize("name", NAMES)
def test_help_texts_are_sentences(name: str):
    command = COMMAND.commands[name]  # type: ignore[attr-defined]
    assert sentence(command.help or ""), command.help
    for param in command.params:
        assert sentence(param.help or ""), (name, param.name, param.help)


def test_root_help_is_a_sentence():
    assert sentence(COMMAND.help or "")
    for param in COMMAND.params:
        assert sentence(param.help or ""), param.name


# ---------------------------------------------------------------- progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_redraws_one_line_and_clears_it(monkeypatch):
    monkeypatch.delenv("TERM", raising=False)
    out = Terminal()
    with on_terminal(out) as show:
        assert show is not None
        show("extracting", 1, 4)
        show("extracting", 4, 4)
        show("validating", 0, 0)
    assert out.getvalue() == (
        f"{CLEAR_LINE}extracting 1/4 (25%){CLEAR_LINE}extracting 4/4 (100%)"
        f"{CLEAR_LINE}validating…{CLEAR_LINE}"
    )


def test_progress_line_is_cleared_on_error():
    out = Terminal()
    with pytest.raises(RuntimeError), on_terminal(out) as show:
        assert show is not None
        show("extracting", 1, 2)
        raise RuntimeError("boom")
    assert out.getvalue().endswith(CLEAR_LINE)


def test_no_progress_off_a_terminal(monkeypatch):
    with on_terminal(io.StringIO()) as show:
        assert show is None
    monkeypatch.setenv("TERM", "dumb")
    with on_terminal(Terminal()) as show:
        assert show is None


def test_status_line():
    assert status_line("scoring", 3, 12) == "scoring 3/12 (25%)"
    assert status_line("writing", 0, 0) == "writing…"


def square(n: int) -> int:
    return n * n


@pytest.mark.parametrize("jobs", [1, 2])
def test_engine_reports_every_result_in_order(jobs: int):
    heard: list[tuple[str, int, int]] = []
    out = run_all(square, list(range(6)), jobs, min_per_job=1, progress=lambda *a: heard.append(a))
    assert out == [0, 1, 4, 9, 16, 25]
    assert heard == [("extracting", i, 6) for i in range(7)]


def test_evaluate_reports_progress():
    from dateline.article import parse_article
    from dateline.evaluate import evaluate
    from dateline.evaluate.gold import parse_gold

    text = "date 2026-05-08\nA spokesman said the talks would go on.\n"
    docs = [
        parse_gold({"entities": []}, parse_article(text, doc_id=d, where=d, seed_path=f"{d}.txt"))
        for d in ("a", "b")
    ]
    heard: list[tuple[str, int, int]] = []
    evaluate(docs, lambda doc: {}, progress=lambda *a: heard.append(a))
    assert heard == [("scoring", 0, 2), ("scoring", 1, 2)]


@pytest.mark.parametrize("terminal", [True, False])
def test_build_shows_progress_only_on_a_terminal(monkeypatch, tmp_path, terminal: bool):
    """The command passes a progress callback exactly when stderr is a terminal."""
    import dateline.build

    def fake_build(seeds, out, jobs=None, progress=None, **engine_options):
        if progress is not None:
            progress("extracting", 1, 1)

        class Report:
            tables: typing.ClassVar = {"events": 0}

        return Report()

    monkeypatch.setattr(dateline.build, "build", fake_build)
    monkeypatch.setattr(progress_module, "is_terminal", lambda stream: terminal)
    monkeypatch.delenv("TERM", raising=False)
    result = CliRunner().invoke(app, ["build", "--seeds", str(tmp_path), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert ("extracting 1/1" in result.stderr) is terminal
    assert "extracting" not in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "shown"),
    [(["--version"], 0, "dateline "), (["--help"], 0, "Commands:"), (["nosuch"], 2, "nosuch")],
)
def test_the_command_leaves_with_its_whole_output_and_code(
    args: list[str], code: int, shown: str
) -> None:
    """``dateline`` ends with ``os._exit`` when nothing is left to do at exit: its output is
    flushed first, and its exit code is the command's."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "dateline", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == code
    assert shown in done.stdout + done.stderr
    assert done.stdout.endswith("\n") or not done.stdout


def test_the_command_exits_as_usual_while_another_thread_runs() -> None:
    import threading

    from dateline.cli import leave, quiet_at_exit

    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert not quiet_at_exit()
        with pytest.raises(SystemExit) as done:
            leave(3)  # not os._exit: the other thread would be cut off
        assert done.value.code == 3
        with pytest.raises(SystemExit):
            leave("a message")  # not an exit code: the interpreter prints it
    finally:
        stop.set()
        worker.join()
