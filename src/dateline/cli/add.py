"""``dateline add FILE``: check an article, write it to ``seeds/`` with front matter, rebuild."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dateline.cli.common import user_errors


def command(
    file: Annotated[
        Path, typer.Argument(help="The article: plain text, or text with front matter.")
    ],
    title: Annotated[
        str | None, typer.Option(help="Headline (default: from the front matter).")
    ] = None,
    date: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD.")] = None,
    publisher: Annotated[str | None, typer.Option(help="Who published it.")] = None,
    url: Annotated[str | None, typer.Option(help="Where it was published.")] = None,
    license: Annotated[str | None, typer.Option(help="Its license, e.g. CC-BY-4.0.")] = None,
    doc_id: Annotated[
        str | None, typer.Option(help="Document id (default: <date>_<title slug>).")
    ] = None,
    seeds: Annotated[Path, typer.Option(help="Folder of seed articles.")] = Path("seeds"),
    no_build: Annotated[
        bool, typer.Option("--no-build", help="Only write the seed; do not rebuild.")
    ] = False,
) -> None:
    """Add an article; never overwrite a seed; remove it again if the build fails."""
    from dateline.add import Meta, add_article

    meta = Meta(
        title=title, date=date, publisher=publisher, url=url, license=license, doc_id=doc_id
    )
    with user_errors():
        added = add_article(file, meta, seeds=seeds, build=not no_build)
    for note in added.notes:
        typer.echo(f"note: {note}")
    typer.echo(
        f"added {added.path} ({added.article.word_count} words, "
        f"dateline {added.article.dateline or '-'})"
    )
    if added.built:
        typer.echo(f"rebuilt {seeds.parent / 'datapackage.json'}")
    else:
        typer.echo("not rebuilt (--no-build): run `dateline build` before committing")


def register(app: typer.Typer) -> None:
    app.command("add")(command)
