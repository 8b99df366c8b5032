"""``dateline add``: check an article, write ``seeds/<doc_id>.txt`` with front matter, rebuild.

Nothing is written unless every check passes, an existing seed is never overwritten, and when the
rebuild fails the new seed is removed again, so the committed data stays as it was. One check
extracts the article first: a text cell it would put in the package that a spreadsheet would run
as a formula (:mod:`dateline.package.formula`) is refused with its table, row and field.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from dateline.article import (
    DOC_ID,
    FRONT_MATTER,
    MAX_BYTES,
    WIRE_HEADER,
    Article,
    decode,
    iso_date,
    parse_article,
    read_article,
    read_file,
    sha256_text,
)
from dateline.errors import DatelineError, SeedError, UsageError

BOM = b"\xef\xbb\xbf"
MAX_DOC_ID = 60
SAFE_DOC_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
SLUG_WORDS = 8
HINT_WRITE = "free disk space or fix the folder's permissions, then run the command again"
HINT_DATE = "give the publication date with --date YYYY-MM-DD (or 'date:' in the front matter)"


@dataclass(frozen=True)
class Meta:
    """Metadata for the new seed; None means 'not given'."""

    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    url: str | None = None
    license: str | None = None
    doc_id: str | None = None


@dataclass
class Added:
    """What ``add_article`` did."""

    doc_id: str
    path: Path
    article: Article
    notes: list[str] = field(default_factory=list)
    built: bool = False


def normalise(data: bytes, where: str) -> tuple[str, list[str]]:
    """Strict UTF-8 text with a BOM removed and CRLF/CR turned into LF; notes say what changed."""
    if not data.strip():
        raise SeedError(
            "the file is empty", file=where, hint="pass a file that holds the article text"
        )
    if len(data) > MAX_BYTES:
        raise SeedError(
            f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,}",
            file=where,
            hint="split the article or check that this is really one news article",
        )
    notes = []
    if data.startswith(BOM):
        data = data[len(BOM) :]
        notes.append("removed a UTF-8 byte-order mark")
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        notes.append("converted CRLF/CR line ends to LF")
    return decode(data, where), notes


def split_input(text: str, where: str) -> tuple[dict[str, str | None], str]:
    """Metadata and body of the input: front matter, a wire header, or plain text."""
    if text.startswith("---") and not FRONT_MATTER.match(text):
        raise SeedError(
            "front matter is not closed: no line '---' after the metadata",
            file=where,
            line=1,
            hint="end the front matter with a line '---' before the article text",
        )
    if FRONT_MATTER.match(text) or WIRE_HEADER.match(text):
        a = parse_article(text, doc_id="input", where=where, seed_path="seeds/input.txt")
        meta = {
            "title": a.title,
            "date": a.published.isoformat() if a.published else None,
            "publisher": a.publisher,
            "url": a.url,
            "license": a.license,
            "dateline": a.dateline if FRONT_MATTER.match(text) else None,
        }
        return meta, a.body
    body = text.lstrip("\n")
    if not body.strip():
        raise SeedError("the file holds no article text", file=where, hint="paste the article text")
    return {}, body


def check_date(value: str | None, where: str) -> str:
    """A real calendar date YYYY-MM-DD, not in the future."""
    if not value:
        raise SeedError("the article has no publication date", file=where, hint=HINT_DATE)
    try:
        day = iso_date(value)
    except ValueError as exc:
        raise SeedError(f"bad date {value!r}: {exc}", file=where, hint=HINT_DATE) from None
    if day > dt.date.today() + dt.timedelta(days=1):
        raise SeedError(f"date {value} is in the future", file=where, hint=HINT_DATE)
    return value


def slug(text: str, limit: int) -> str:
    """Lower-case ASCII words joined by '-', at most ``limit`` characters, cut at a word end."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())[:SLUG_WORDS]
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or (words[0][:limit] if words else "article")


def make_doc_id(date: str, title: str | None, body: str) -> str:
    """``<date>_<slug of the title, or of the first words>``, at most 60 characters."""
    return f"{date}_{slug(title or body, MAX_DOC_ID - len(date) - 1)}"


def check_doc_id(doc_id: str, where: str) -> str:
    """Refuse names that are unsafe as file names or document ids."""
    problem = None
    if "/" in doc_id or "\\" in doc_id or ".." in doc_id:
        problem = "must not contain '/', '\\' or '..'"
    elif any(c.isspace() for c in doc_id):
        problem = "must not contain spaces"
    elif len(doc_id) > MAX_DOC_ID:
        problem = f"is longer than {MAX_DOC_ID} characters"
    elif not SAFE_DOC_ID.match(doc_id) or not DOC_ID.match(doc_id):
        problem = (
            "may only hold lower-case letters, digits, '_', '.' and '-', "
            "starting with a letter or digit"
        )
    if problem:
        raise UsageError(
            f"document id {doc_id!r} {problem}",
            file=where,
            hint="use e.g. --doc-id 2025-10-01_baghdad-drawdown",
        )
    return doc_id


def one_line(value: str | None) -> str | None:
    """Metadata values on one line, trimmed; empty means not given."""
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def render(meta: dict[str, str | None], body: str) -> str:
    """The seed text: YAML front matter (JSON-quoted values), then the body byte for byte."""
    lines = ["---"]
    for key in ("title", "date", "dateline", "publisher", "url", "license"):
        value = meta.get(key)
        if value is not None:
            lines.append(
                f"{key}: {value}"
                if key == "date"
                else f"{key}: {json.dumps(value, ensure_ascii=False)}"
            )
    lines += ["language: en", "---", ""]
    return "\n".join(lines) + body


def duplicate_of(body: str, seeds: Path) -> str | None:
    """The existing seed whose body has the same SHA-256, if any."""
    digest = sha256_text(body)
    for path in sorted(seeds.glob("*.txt")):
        try:
            if read_article(path, within=seeds).text_sha256 == digest:
                return str(path)
        except SeedError:
            continue
    return None


def prepare(
    data: bytes, meta: Meta, seeds: Path, where: str
) -> tuple[str, str, Article, list[str]]:
    """Every check, no writing: doc id, seed text, the article as it reads back, notes."""
    text, notes = normalise(data, where)
    found, body = split_input(text, where)
    values = {
        k: one_line(getattr(meta, k)) or one_line(found.get(k))
        for k in ("title", "date", "publisher", "url", "license")
    }
    values["date"] = date = check_date(values["date"], where)
    doc_id = check_doc_id(meta.doc_id or make_doc_id(date, values["title"], body), where)
    probe = parse_article(
        render(values, body), doc_id=doc_id, where=where, seed_path=f"seeds/{doc_id}.txt"
    )
    values["dateline"] = one_line(found.get("dateline")) or probe.dateline
    seed_text = render(values, body)
    article = parse_article(seed_text, doc_id=doc_id, where=where, seed_path=f"seeds/{doc_id}.txt")
    if (
        article.body != body
        or article.title != values["title"]
        or str(article.published) != values["date"]
    ):
        raise SeedError(
            "the seed would not read back as given",
            file=where,
            hint="report this as a bug, with the file",
        )
    if (target := seeds / f"{doc_id}.txt").exists():
        raise SeedError(
            f"{target} already exists; dateline add never overwrites a seed",
            file=where,
            hint="pick another --doc-id or --title, or edit the existing seed",
        )
    if other := duplicate_of(body, seeds):
        raise SeedError(
            f"the same article text is already in {other}",
            file=where,
            hint="this article is already in the dataset; nothing to add",
        )
    return doc_id, seed_text, article, notes


def write_new(path: Path, text: str) -> None:
    """Write via a temporary file, then link it into place: fails rather than overwrite."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:  # e.g. the disk is full: name the file, leave nothing behind
        tmp.unlink(missing_ok=True)
        raise SeedError(
            f"cannot write the seed: {exc.strerror or exc}", file=str(path), hint=HINT_WRITE
        ) from None
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise SeedError(
            f"{path} already exists; dateline add never overwrites a seed",
            file=str(path),
            hint="pick another --doc-id",
        ) from None
    finally:
        tmp.unlink(missing_ok=True)


def add_article(
    file: Path, meta: Meta, *, seeds: Path = Path("seeds"), build: bool = True
) -> Added:
    """Check ``file``, write the new seed and (unless ``build`` is False) rebuild the package."""
    if not seeds.is_dir():
        raise UsageError("seed folder not found", file=str(seeds), hint="pass --seeds DIR")
    data = read_file(file, limit=MAX_BYTES)  # a regular file: no FIFO, no /dev/zero
    doc_id, text, article, notes = prepare(data, meta, seeds, str(file))
    check_formulas(article, seeds)
    path = seeds / f"{doc_id}.txt"
    write_new(path, text)
    added = Added(doc_id, path, article, notes)
    if build:
        rebuild(path, seeds)
        added.built = True
    return added


def check_formulas(article: Article, seeds: Path) -> None:
    """Refuse an article whose rows (with its reviewed corrections, if any) would hold
    formula-like text: the package declares that none does, and ``validate`` enforces it."""
    from dateline.build import doc_texts, frames
    from dateline.corrections import load_corrections
    from dateline.extract.checked import extract_seed
    from dateline.package.formula import formula_cells

    own = [c for c in load_corrections(seeds) if c.doc_id == article.doc_id]
    extracted = extract_seed(article)
    texts = doc_texts([article], {article.doc_id: extracted.sentences})
    cells = formula_cells(frames([extracted], own, texts))
    if cells:
        found = "\n".join(f"  {c.describe()}" for c in cells)
        raise SeedError(
            f"{len(cells)} cell(s) of this article's rows would start like a spreadsheet "
            f"formula (rows counted in this article's own rows):\n{found}",
            file=article.seed_path,
            hint=f"write seeds/{article.doc_id}.corrections.yaml with a `drop` (or another "
            "correction) for each row, then add the article again",
        )


def rebuild(path: Path, seeds: Path) -> None:
    """Build the package next to ``seeds``; on failure remove the new seed and say why."""
    from dateline.build import build as run_build

    try:
        run_build(seeds, seeds.parent)
    except BaseException as exc:
        path.unlink(missing_ok=True)
        if isinstance(exc, DatelineError):
            exc.message = f"the build failed, so {path} was removed again: {exc.message}"
            exc.args = (exc.message,)
        raise
