"""The ``aideals`` command. Heavy imports (prefect, great_expectations) happen inside commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="AI-industry deals from news.")


def _fail(message: str) -> None:
    typer.echo(f"aideals: {message}", err=True)
    raise typer.Exit(1)


@app.command()
def run(
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            "-s",
            help="JSON-lines file, folder of pages, or http(s) URL of a feed, sitemap, URL list "
            "or page (repeatable).",
        ),
    ] = None,
    data_dir: Annotated[
        Path | None, typer.Option(help="Folder for raw/, published/, reports/.")
    ] = None,
    config: Annotated[
        Path | None, typer.Option(help="Settings file (default: ./aideals.toml).")
    ] = None,
    allow_private_hosts: Annotated[
        bool | None,
        typer.Option(
            "--allow-private-hosts",
            help="Fetch from loopback, private and link-local addresses (refused by default).",
        ),
    ] = None,
) -> None:
    """Run the pipeline once: read, extract, consolidate, validate, publish, report."""
    from flows.settings import SettingsError, load_settings

    try:
        settings = load_settings(
            config,
            {
                "sources": source,
                "data_dir": data_dir,
                "allow_private_hosts": allow_private_hosts or None,
            },
        )
    except SettingsError as exc:
        _fail(str(exc))
        return
    from flows.locking import RunLocked
    from flows.pipeline import NOTHING_PUBLISHED
    from flows.pipeline import run as run_flow

    try:
        summary = run_flow(settings)
    except NOTHING_PUBLISHED as exc:
        _fail(f"nothing published: {exc}")
        return
    except RunLocked as exc:
        _fail(str(exc))
        return
    for message in summary.fetch_failures:
        typer.echo(f"fetch failed: {message}", err=True)
    for message in summary.rejections:
        typer.echo(f"rejected: {message}", err=True)
    if summary.published:
        typer.echo(f"published version {summary.version} to {settings.data_dir / 'published'}")
    else:
        typer.echo(f"nothing new: version {summary.version} stays current")
    typer.echo(
        f"articles read {summary.articles_parsed}, "
        f"new or changed {summary.articles_new_or_changed}; "
        f"deals {summary.deals_added} new, {summary.deals_changed} updated; "
        f"quarantined {summary.quarantined_new} new rows; "
        f"validation {summary.validation.get('outcome')}"
    )
    typer.echo(f"report: {summary.report_path}")
    typer.echo(f"data quality pages: {summary.data_docs}")
    typer.echo(f"dataset pages: {summary.report_pages}")


@app.command()
def extract(
    articles: Annotated[Path, typer.Argument(help="JSON-lines file of articles.")],
    gazetteer: Annotated[
        list[Path] | None, typer.Option(help="Extra organisations CSV (repeatable).")
    ] = None,
) -> None:
    """Print one JSON deal mention per line; bad lines are reported on stderr and skipped."""
    from flows.resources import load_gazetteer
    from flows.sources import JsonLinesSource, SourceError
    from transforms.articles import Rejection
    from transforms.deals import extract_deals
    from transforms.html import html_to_text
    from transforms.inputs import parse_raw_input

    found = load_gazetteer(tuple(gazetteer or ()))
    out = sys.stdout
    bad = 0
    try:
        for raw in JsonLinesSource(articles).fetch():
            parsed = parse_raw_input(raw, read_html=html_to_text)
            if isinstance(parsed, Rejection):
                bad += 1
                typer.echo(parsed.message(), err=True)
                continue
            for mention in extract_deals(parsed.article, found):
                out.write(json.dumps(mention.to_record(), ensure_ascii=False) + "\n")
    except SourceError as exc:
        _fail(str(exc))
    if bad:
        typer.echo(f"{bad} line(s) skipped", err=True)


@app.command()
def show(
    table: Annotated[
        str, typer.Argument(help="articles, deal_mentions, deals or quarantine")
    ] = "deals",
    data_dir: Annotated[Path, typer.Option(help="Data folder.")] = Path("data"),
    version: Annotated[int | None, typer.Option(help="Release (default: current).")] = None,
    limit: Annotated[int, typer.Option(help="Rows to print.")] = 20,
) -> None:
    """Print a published table as of a release, read through the release manifest."""
    from flows.storage import read_table

    try:
        frame = read_table(data_dir, table, version)
    except (KeyError, LookupError) as exc:
        _fail(str(exc))
        return
    typer.echo(frame.head(limit))


if __name__ == "__main__":
    app()
