"""``dateline add FILE``: check an article, write it to ``seeds/`` with front matter, rebuild."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dateline.cli.common import user_errors


def command(
    file: Annotated[
        Path,
        typer.Argument(
            help="Read the article from this file: plain text, or text with front matter."
        ),
    ],
    title: Annotated[
        str | None,
        typer.Option(help="Use this headline (by default, the one in the front matter)."),
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="Give the publication date as YYYY-MM-DD.")
    ] = None,
    publisher: Annotated[str | None, typer.Option(help="Name who published the article.")] = None,
    url: Annotated[
        str | None, typer.Option(help="Give the URL where the article was published.")
    ] = None,
    license: Annotated[
        str | None,
        typer.Option(
            help="Give the licence of the article text as an SPDX id, for example CC-BY-4.0."
        ),
    ] = None,
    doc_id: Annotated[
        str | None,
        typer.Option(help="Use this document id (by default, the date and a slug of the title)."),
    ] = None,
    seeds: Annotated[
        Path, typer.Option(help="Add the article to this folder of seed articles.")
    ] = Path("seeds"),
    no_build: Annotated[
        bool, typer.Option("--no-build", help="Only write the seed; do not rebuild the package.")
    ] = False,
) -> None:
    """Add an article to the seeds.

    The article is checked, written to the seed folder with front matter, and the package is
    rebuilt; an existing seed is never overwritten, and the new one is removed again if the
    build fails."""
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
