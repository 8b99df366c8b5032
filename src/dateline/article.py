"""Read a seed article: its header (wire form or YAML front matter), metadata and body.

The body is everything after the header, byte for byte; every offset in the dataset indexes it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dateline.errors import DatelineError, SeedError, UsageError

MAX_BYTES = 2_000_000
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DOC_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,127}$")
FRONT_MATTER_KEYS = ("title", "date", "dateline", "publisher", "url", "license", "language")
WIRE_HEADER = re.compile(r"\A[ \t]*date[ \t]+(?P<date>\S+)[ \t]*(?:\n[ \t]*)?")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*\n", re.DOTALL)
# "BAGHDAD —", "WASHINGTON (AP) —", "KYIV, Ukraine —", a press release's "ABUJA, 19 August
# 2026 –", a wire's "KYIV, Nov 18 (Reuters) -": an upper-case place, its area, the date (the
# year optional), the agency, then a dash.
DATELINE = re.compile(
    r"\A(?P<place>[A-Z][A-Z'’.\- ]*[A-Z.])(?:,[ ](?P<area>[A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)*))?"
    r"(?:,[ ](?:\d{1,2}[ ][A-Z][a-z]+\.?(?:[ ]\d{4})?|[A-Z][a-z]+\.?[ ]\d{1,2}(?:,[ ]\d{4})?))?"
    r"(?:[ ]\([A-Za-z ]+\))?[ ]*[—–-]{1,2}[ ]"
)
# A press release's title-case dateline, always with its date: "Geneva, 13 March 2026 –",
# "Geneva/Dar es Salaam, 13 March 2026 –" (offices in several cities, split by a slash).
RELEASE_DATELINE = re.compile(
    r"\A(?P<place>[A-Z][a-z]+(?:[ '’\-][A-Za-z]+)*(?:/[A-Z][a-z]+(?:[ '’\-][A-Za-z]+)*)*)"
    r",[ ](?:\d{1,2}[ ][A-Z][a-z]+[ ]\d{4}|[A-Z][a-z]+[ ]\d{1,2},[ ]\d{4})[ ]*[—–-]{1,2}[ ]"
)
HINT_ENCODING = "save the file as UTF-8 (without a byte-order mark)"
#: libyaml's BaseLoader where PyYAML was built with it: the same all-strings reading, about ten
#: times faster (front matter is read for every seed of every build).
FRONT_MATTER_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


@dataclass(frozen=True)
class Article:
    """One seed article."""

    doc_id: str
    seed_path: str  # relative to the package root: seeds/<doc_id>.txt
    body: str
    title: str | None = None
    published: dt.date | None = None
    dateline: str | None = None
    dateline_start: int | None = None
    dateline_end: int | None = None
    publisher: str | None = None
    url: str | None = None
    license: str | None = None
    language: str = "en"

    @property
    def text_sha256(self) -> str:
        return sha256_text(self.body)

    @property
    def word_count(self) -> int:
        return len(self.body.split())


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_article(path: Path, *, seed_dir: str = "seeds", within: Path | None = None) -> Article:
    """Read and check one seed file; raise :class:`SeedError` saying where and how to fix it.

    With ``within``, a seed that is a symlink to a file outside that folder is refused.
    """
    return parse_seed(path, read_seed_file(path, within=within), seed_dir=seed_dir)


def read_seed_file(path: Path, *, within: Path | None = None) -> bytes:
    """The bytes of one seed file, once its name is checked to be a document id."""
    if not DOC_ID.match(path.stem):
        raise SeedError(
            f"file name {path.name!r} is not a valid document id",
            file=str(path),
            hint="use lower-case letters, digits, '_', '.' and '-' (at most 128 characters), "
            "e.g. 2025-10-01_baghdad.txt",
        )
    return read_file(path, limit=MAX_BYTES, within=within)


def parse_seed(path: Path, data: bytes, *, seed_dir: str = "seeds") -> Article:
    """The article in ``data``, the bytes of seed file ``path``."""
    return parse_article(
        decode(data, str(path)),
        doc_id=path.stem,
        where=str(path),
        seed_path=f"{seed_dir}/{path.name}",
    )


def outside(path: Path, folder: Path) -> bool:
    """Whether ``path``, with every symlink resolved, lies outside ``folder``. An entry of
    ``folder`` itself that is not a symlink lies inside without resolving anything (a build
    reads thousands of seeds)."""
    if path.parent == folder and path.name not in ("", ".", "..") and not path.is_symlink():
        return False
    return not path.resolve().is_relative_to(folder.resolve())


def read_file(
    path: Path,
    *,
    limit: int | None = MAX_BYTES,
    within: Path | None = None,
    error: type[DatelineError] = SeedError,
) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them; anything else is an ``error``.

    FIFOs, devices, sockets and folders are refused without blocking (the file is opened
    non-blocking and checked with fstat before a byte is read), so ``/dev/zero`` or a named pipe
    called ``x.txt`` neither hangs nor fills memory. With ``within``, a path that resolves
    outside that folder (a symlink pointing elsewhere) is refused before it is opened.
    """
    where = str(path)
    if within is not None and outside(path, within):
        raise error(
            f"is a symlink to {path.resolve()}, outside {within}",
            file=where,
            hint=f"copy the file into {within} instead of linking to it",
        )
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise error(f"cannot read the file: {exc.strerror}", file=where) from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise error(
                f"is not a regular file (it is {_kind(mode)})",
                file=where,
                hint="pass a plain file; pipes, devices and folders are not read",
            )
        chunks: list[bytes] = []
        size = os.fstat(fd).st_size  # what it claims; what is read counts too (it may grow)
        read = 0
        while limit is None or size <= limit:
            if not (chunk := os.read(fd, 1 << 20)):
                break
            chunks.append(chunk)
            read += len(chunk)
            size = max(size, read)
        if limit is not None and size > limit:
            raise error(
                f"file is {size:,} bytes; the limit is {limit:,}",
                file=where,
                hint="split the article, or check that this is the right file",
            )
    except OSError as exc:
        raise error(f"cannot read the file: {exc.strerror}", file=where) from exc
    finally:
        os.close(fd)
    return b"".join(chunks)


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "a special file"


def decode(data: bytes, where: str) -> str:
    """A seed file's bytes as strict UTF-8 text, refusing binary data, BOMs, CR line ends and
    huge files."""
    if len(data) > MAX_BYTES:
        raise SeedError(
            f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,}",
            file=where,
            hint="split the article or check that this is really one news article",
        )
    if b"\x00" in data:
        line, col = _line_col(data, data.index(b"\x00"))
        raise SeedError(
            "file holds binary data (a NUL byte)",
            file=where,
            line=line,
            column=col,
            hint="seeds must be plain UTF-8 text",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        raise SeedError(
            "file starts with a UTF-8 byte-order mark",
            file=where,
            line=1,
            column=1,
            hint=HINT_ENCODING,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        raise SeedError(
            f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded",
            file=where,
            line=line,
            column=col,
            hint=HINT_ENCODING,
        ) from exc
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        raise SeedError(
            "file has CR (Windows or old Mac) line ends",
            file=where,
            line=line,
            hint="convert the line ends to LF ('\\n'); `dateline add` does this for you",
        )
    return text


def parse_article(text: str, *, doc_id: str, where: str, seed_path: str) -> Article:
    """Split the header from the body and check the metadata."""
    if m := FRONT_MATTER.match(text):
        meta = _front_matter(m.group("yaml") or "", where)
        body = text[m.end() :]
    elif m := WIRE_HEADER.match(text):
        meta = {"date": _date(m.group("date"), where, line=1, column=text.index("date") + 6)}
        body = text[m.end() :]
    else:
        raise SeedError(
            "no header: the file must start with 'date YYYY-MM-DD' or with front matter ('---')",
            file=where,
            line=1,
            column=1,
            hint="add a first line 'date 2025-10-01', or front matter with title, date, publisher, "
            "url and license",
        )
    if not body.strip():
        raise SeedError(
            "the article has no body text after its header",
            file=where,
            line=text[: len(text) - len(body)].count("\n") + 1,
            hint="paste the article text after the header",
        )
    place = meta.get("dateline")
    span = _dateline_span(body, place)
    if place is None and span:
        place = _dateline_text(body) or body[span[0] : span[1]]
    return Article(
        doc_id=doc_id,
        seed_path=seed_path,
        body=body,
        title=meta.get("title"),
        published=meta.get("date"),
        dateline=place,
        dateline_start=span[0] if span else None,
        dateline_end=span[1] if span else None,
        publisher=meta.get("publisher"),
        url=meta.get("url"),
        license=meta.get("license"),
        language=meta.get("language") or "en",
    )


MAX_NESTING = 20


def bracket_depth(source: str) -> int:
    """How deep ``[``/``{`` brackets nest (quotes ignored): PyYAML's scanner takes seconds, then
    overflows the stack, on a few thousand levels, and front matter values are plain text."""
    depth = deepest = 0
    for char in source:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(depth - 1, 0)
    return deepest


def _front_matter(source: str, where: str) -> dict[str, Any]:
    if bracket_depth(source) > MAX_NESTING:
        raise SeedError(
            f"front matter nests brackets more than {MAX_NESTING} deep",
            file=where,
            line=2,
            hint="write one 'key: value' per line; quote values that hold brackets",
        )
    try:
        raw = yaml.load(source, Loader=FRONT_MATTER_LOADER) if source.strip() else {}  # strings
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SeedError(
            f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}",
            file=where,
            line=mark.line + 2 if mark else None,
            column=mark.column + 1 if mark else None,
            hint="write one 'key: value' per line; quote values that contain ': '",
        ) from exc
    except RecursionError:
        raise SeedError(
            "front matter is nested too deeply to read",
            file=where,
            line=2,
            hint="write one 'key: value' per line",
        ) from None
    if not isinstance(raw, dict):
        raise SeedError("front matter must be a mapping of 'key: value' lines", file=where, line=2)
    lines = source.split("\n")
    meta: dict[str, Any] = {}
    for key, value in raw.items():
        line = next((i + 2 for i, s in enumerate(lines) if s.startswith(f"{key}:")), None)
        if key not in FRONT_MATTER_KEYS:
            raise SeedError(
                f"unknown front matter key {key!r}",
                file=where,
                line=line,
                hint=f"use only: {', '.join(FRONT_MATTER_KEYS)}",
            )
        if not isinstance(value, str):
            raise SeedError(
                f"front matter key {key!r} must be plain text",
                file=where,
                line=line,
                hint=f"write '{key}: <text>' on one line",
            )
        value = None if value.strip() in {"", "null", "~"} else value.strip()
        if key == "date" and value is not None:
            meta[key] = _date(value, where, line=line, column=len("date: ") + 1)
        elif value is not None:
            meta[key] = value
    if meta.get("language") and not re.fullmatch(r"[a-z]{2}", meta["language"]):
        raise SeedError(
            f"language {meta['language']!r} is not an ISO 639-1 code",
            file=where,
            hint="write a two-letter code such as 'en'",
        )
    return meta


def iso_date(text: str) -> dt.date:
    """A calendar date written YYYY-MM-DD; ValueError otherwise (2025-02-30, 2025-W40-3, …)."""
    if not ISO_DATE.fullmatch(text):
        raise ValueError("not YYYY-MM-DD")
    return dt.date.fromisoformat(text)


def _date(value: object, where: str, *, line: int | None, column: int | None) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    try:
        return iso_date(text)
    except ValueError as exc:
        raise SeedError(
            f"bad date {text!r}: {exc}",
            file=where,
            line=line,
            column=column,
            hint="write the publication date as YYYY-MM-DD, e.g. 2025-10-01",
        ) from exc


def _dateline_match(body: str) -> re.Match[str] | None:
    return DATELINE.match(body) or RELEASE_DATELINE.match(body)


def _dateline_span(body: str, place: str | None) -> tuple[int, int] | None:
    """Where the dateline place stands at the head of the body, if it does."""
    m = _dateline_match(body)
    if m:
        return m.start("place"), m.end("place")
    if place and body.startswith(place):
        return 0, len(place)
    return None


def _dateline_text(body: str) -> str | None:
    """The body's dateline with the area it names after the place ("SPRINGFIELD, Ill."), as
    a ``dateline`` header would give it."""
    m = _dateline_match(body)
    if m is None:
        return None
    area = m.groupdict().get("area")
    return body[m.start("place") : m.end("area") if area else m.end("place")]


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def read_seeds(seeds: Path) -> list[Article]:
    """Every ``*.txt`` seed in a folder, sorted by document id."""
    return [parse_seed(path, data) for path, data in read_seed_files(seeds)]


def read_seed_files(seeds: Path) -> list[tuple[Path, bytes]]:
    """The path and bytes of every ``*.txt`` seed in a folder, sorted by document id (read
    once: a build hashes them to see whether anything changed, and parses them only then)."""
    if not seeds.is_dir():
        raise UsageError(
            "seed folder not found", file=str(seeds), hint="pass --seeds DIR with the articles"
        )
    # one scandir, sorted by name (what sorting the glob's paths gives, without comparing 10,000
    # Path objects), and a symlink's target is checked only for a symlink (the entry says which
    # without a stat): a build reads every seed
    with os.scandir(seeds) as found:
        entries = sorted((e for e in found if e.name.endswith(".txt")), key=lambda e: e.name)
    named = [(seeds / e.name, e.is_symlink()) for e in entries]
    return [(path, read_seed_file(path, within=seeds if link else None)) for path, link in named]
