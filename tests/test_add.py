"""``dateline add``: every bad input is refused with a clear message, and nothing is written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from dateline.add import Meta, add_article, make_doc_id, slug
from dateline.article import read_article
from dateline.errors import DatelineError

BODY = "BAGHDAD — U.S. troops began withdrawing from bases in Iraq, officials said.\n\nThey left.\n"
EXISTING = "date 2025-09-30\nWASHINGTON — An older story about something else entirely.\n"


def app() -> typer.Typer:
    add_cli = pytest.importorskip(
        "dateline.cli.add", reason="dateline.cli is not importable yet", exc_type=ImportError
    )
    a = typer.Typer()
    add_cli.register(a)
    a.command("noop")(lambda: None)  # two commands, so 'add' is a sub-command as in dateline
    return a


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "old.txt").write_text(EXISTING, encoding="utf-8")
    return folder


def run(seeds: Path, data: bytes, *args: str):
    file = seeds.parent / "input.txt"
    file.write_bytes(data)
    before = sorted(p.name for p in seeds.iterdir())
    result = CliRunner().invoke(
        app(), ["add", str(file), "--seeds", str(seeds), "--no-build", *args]
    )
    return result, before


OPTIONS = {
    "--date": "date",
    "--title": "title",
    "--doc-id": "doc_id",
    "--publisher": "publisher",
    "--url": "url",
    "--license": "license",
}


def add(seeds: Path, data: bytes, *args: str) -> str:
    """Run the core of ``dateline add`` without building; the error text, or '' on success."""
    file = seeds.parent / "input.txt"
    file.write_bytes(data)
    meta = Meta(**{OPTIONS[k]: v for k, v in zip(args[::2], args[1::2], strict=True)})
    try:
        add_article(file, meta, seeds=seeds, build=False)
    except DatelineError as err:
        assert err.exit_code != 0
        return str(err)
    return ""


def seed_names(seeds: Path) -> list[str]:
    return sorted(p.name for p in seeds.iterdir())


def test_plain_text_with_options(seeds: Path):
    error = add(
        seeds,
        BODY.encode(),
        "--date",
        "2025-10-01",
        "--title",
        "U.S. starts Iraq drawdown!",
        "--publisher",
        "AP",
        "--url",
        "https://example.org/x",
        "--license",
        "CC-BY-4.0",
    )
    assert error == ""
    path = seeds / "2025-10-01_u-s-starts-iraq-drawdown.txt"
    assert path.is_file()
    a = read_article(path)
    assert (a.body, a.title, a.published, a.dateline, a.publisher, a.license, a.language) == (
        BODY,
        "U.S. starts Iraq drawdown!",
        dt.date(2025, 10, 1),
        "BAGHDAD",
        "AP",
        "CC-BY-4.0",
        "en",
    )
    assert path.read_text(encoding="utf-8").startswith(
        '---\ntitle: "U.S. starts Iraq drawdown!"\ndate: 2025-10-01\n'
    )
    assert not list(seeds.glob(".*"))  # no temporary file left behind


def test_front_matter_input_and_title_from_first_words(seeds: Path):
    text = f"---\ndate: 2025-10-01\npublisher: 'Wire: One'\n---\n{BODY}"
    assert add(seeds, text.encode()) == ""
    (path,) = [p for p in seeds.glob("2025-10-01_*.txt")]
    assert path.name == "2025-10-01_baghdad-u-s-troops-began-withdrawing-from-bases.txt"
    a = read_article(path)
    assert (a.body, a.publisher, a.title) == (BODY, "Wire: One", None)


def test_wire_header_input(seeds: Path):
    assert add(seeds, f"date 2025-10-01\n{BODY}".encode(), "--doc-id", "2025-10-01_wire") == ""
    assert read_article(seeds / "2025-10-01_wire.txt").body == BODY


def test_bom_and_crlf_are_normalised_and_reported(seeds: Path):
    file = seeds.parent / "in.txt"
    file.write_bytes(b"\xef\xbb\xbf" + BODY.replace("\n", "\r\n").encode())
    added = add_article(file, Meta(date="2025-10-01", title="crlf"), seeds=seeds, build=False)
    assert added.notes == ["removed a UTF-8 byte-order mark", "converted CRLF/CR line ends to LF"]
    assert read_article(seeds / "2025-10-01_crlf.txt").body == BODY


def test_cli_says_what_it_normalised(seeds: Path):
    data = b"\xef\xbb\xbf" + BODY.replace("\n", "\r\n").encode()
    result, _ = run(seeds, data, "--date", "2025-10-01", "--title", "crlf")
    assert result.exit_code == 0, result.output
    assert "byte-order mark" in result.output and "CRLF" in result.output


@pytest.mark.parametrize(
    ("data", "args", "message"),
    [
        (b"", (), "empty"),
        (b"  \n\n", (), "empty"),
        (b"x" * 2_000_001, ("--date", "2025-10-01"), "the limit is 2,000,000"),
        (b"BAGHDAD \x00\x01\x02 binary", ("--date", "2025-10-01"), "binary data"),
        (b"caf\xe9 au lait", ("--date", "2025-10-01"), "not UTF-8"),
        (BODY.encode(), (), "no publication date"),
        (BODY.encode(), ("--date", "2025-02-30"), "bad date '2025-02-30'"),
        (BODY.encode(), ("--date", "1 Oct 2025"), "bad date"),
        (BODY.encode(), ("--date", "2999-01-01"), "in the future"),
        (f"---\ndate: 2025-13-01\n---\n{BODY}".encode(), (), "bad date"),
        (f"---\ntitle: [unclosed\ndate: 2025-10-01\n---\n{BODY}".encode(), (), "not valid YAML"),
        (f"---\ntitel: x\ndate: 2025-10-01\n---\n{BODY}".encode(), (), "unknown front matter key"),
        (f"---\ndate: 2025-10-01\n{BODY}".encode(), (), "front matter is not closed"),
        (b"---\ndate: 2025-10-01\n---\n\n\n", (), "no body"),
        (BODY.encode(), ("--date", "2025-10-01", "--doc-id", "../escape"), "must not contain '/'"),
        (BODY.encode(), ("--date", "2025-10-01", "--doc-id", "a..b"), "'..'"),
        (
            BODY.encode(),
            ("--date", "2025-10-01", "--doc-id", "my article"),
            "must not contain spaces",
        ),
        (BODY.encode(), ("--date", "2025-10-01", "--doc-id", "Upper"), "lower-case"),
        (BODY.encode(), ("--date", "2025-10-01", "--doc-id", "x" * 61), "longer than 60"),
        (EXISTING.encode(), (), "already in"),
        (EXISTING.encode(), ("--doc-id", "old"), "already exists"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(
    seeds: Path, data: bytes, args: tuple[str, ...], message: str
):
    before = seed_names(seeds)
    error = add(seeds, data, *args)
    assert message in error
    assert "fix:" in error or "input.txt" in error
    assert seed_names(seeds) == before
    assert (seeds / "old.txt").read_text(encoding="utf-8") == EXISTING


@pytest.mark.parametrize(
    ("data", "args", "message", "code"),
    [
        (b"", (), "empty", 1),
        (b"caf\xe9", ("--date", "2025-10-01"), "not UTF-8", 1),
        (BODY.encode(), ("--date", "2025-10-01", "--doc-id", "../x"), "must not contain", 2),
        (EXISTING.encode(), (), "old.txt", 1),
    ],
)
def test_cli_exits_non_zero_with_the_message(
    seeds: Path, data: bytes, args: tuple[str, ...], message: str, code: int
):
    result, before = run(seeds, data, *args)
    assert result.exit_code == code
    assert message in result.output and "error:" in result.output
    assert seed_names(seeds) == before


def test_missing_file_and_folder(tmp_path: Path):
    with pytest.raises(DatelineError, match="cannot read the file") as err:
        add_article(tmp_path / "nope.txt", Meta(), seeds=tmp_path, build=False)
    assert err.value.exit_code == 1
    with pytest.raises(DatelineError, match="seed folder not found") as err:
        add_article(tmp_path / "nope.txt", Meta(), seeds=tmp_path / "x", build=False)
    assert err.value.exit_code == 2


def test_slug_and_doc_id():
    assert slug("Ça va? Öl & Gas — 2025!", 40) == "ca-va-ol-gas-2025"
    assert slug("!!!", 40) == "article"
    doc_id = make_doc_id("2025-10-01", "word " * 50, "")
    assert len(doc_id) <= 60 and doc_id.startswith("2025-10-01_word-word")
    assert make_doc_id("2025-10-01", None, "x" * 100) == "2025-10-01_" + "x" * 49


def test_failed_build_removes_the_seed(seeds: Path, monkeypatch: pytest.MonkeyPatch):
    pytest.importorskip(
        "dateline.build", reason="the build is not importable yet", exc_type=ImportError
    )
    import dateline.build
    from dateline.errors import BuildError

    def broken(*args, **kwargs):
        raise BuildError("the built package does not validate (1 problem(s))")

    monkeypatch.setattr(dateline.build, "build", broken)
    file = seeds.parent / "in.txt"
    file.write_text(BODY, encoding="utf-8")
    with pytest.raises(BuildError, match="was removed again"):
        add_article(file, Meta(date="2025-10-01", title="t"), seeds=seeds)
    assert seed_names(seeds) == ["old.txt"]
