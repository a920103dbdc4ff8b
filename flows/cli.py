"""The ``aideals`` command. Heavy imports (prefect, great_expectations) happen inside commands."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    from flows.settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="AI-industry deals from news.")

DataDirOption = Annotated[Path | None, typer.Option(help="Folder for raw/, published/, reports/.")]
ConfigOption = Annotated[Path | None, typer.Option(help="Settings file (default: ./aideals.toml).")]


def _fail(message: str) -> NoReturn:
    typer.echo(f"aideals: {message}", err=True)
    raise typer.Exit(1)


def _settings(config: Path | None, overrides: Mapping[str, Any]) -> Settings:
    """The settings for a command, or a clear message and exit status 1."""
    from flows.settings import SettingsError, load_settings

    try:
        return load_settings(config, overrides)
    except SettingsError as exc:
        _fail(str(exc))


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
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    allow_private_hosts: Annotated[
        bool | None,
        typer.Option(
            "--allow-private-hosts",
            help="Fetch from loopback, private and link-local addresses (refused by default).",
        ),
    ] = None,
    wait: Annotated[
        float,
        typer.Option(help="Seconds to wait for a run already holding the data folder (0: exit)."),
    ] = 0.0,
) -> None:
    """Run the pipeline once: read, extract, consolidate, validate, publish, report."""
    settings = _settings(
        config,
        {
            "sources": source,
            "data_dir": data_dir,
            "allow_private_hosts": allow_private_hosts or None,
        },
    )
    from flows.locking import RunLocked
    from flows.pipeline import NOTHING_PUBLISHED
    from flows.pipeline import run as run_flow

    try:
        summary = run_flow(settings, wait_seconds=wait)
    except NOTHING_PUBLISHED as exc:
        _fail(f"nothing published: {exc}")
    except RunLocked as exc:
        _fail(str(exc))
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
    typer.echo(frame.head(limit))


@app.command()
def serve(
    source: Annotated[
        list[Path] | None,
        typer.Option("--source", "-s", help="JSON-lines file or folder of pages (repeatable)."),
    ] = None,
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    port: Annotated[
        int, typer.Option(help="Port of the local Prefect server started when none is set.")
    ] = 4200,
    name: Annotated[str, typer.Option(help="Name of the deployment.")] = "aideals",
) -> None:
    """Serve the pipeline as a Prefect deployment on the schedule in aideals.toml, until stopped.

    Uses the Prefect server in PREFECT_API_URL; when none is set, starts a local one on
    127.0.0.1 (SQLite, with its UI) for as long as this command runs.
    """
    import os
    import signal
    from contextlib import ExitStack, suppress

    from flows.paths import DataPaths
    from flows.prefect_server import ServerError, local_server, wait_until_healthy
    from flows.settings import find_config

    settings = _settings(config, {"sources": source, "data_dir": data_dir})
    config_file = find_config(config)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)  # stop cleanly (and the local server too)
    with ExitStack() as stack:
        api_url = _configured_api_url()
        try:
            if api_url:
                wait_until_healthy(api_url, timeout=60)
                typer.echo(f"using the Prefect server at {api_url}")
            else:
                log = DataPaths(settings.data_dir).server_log
                typer.echo(f"starting a local Prefect server on 127.0.0.1:{port} (log: {log}) ...")
                api_url = stack.enter_context(
                    local_server(port, log, settings.flow_run_retention_days)
                )
                os.environ["PREFECT_API_URL"] = api_url
                typer.echo(
                    f"local Prefect server ready: UI at http://127.0.0.1:{port} "
                    "(stopped when this command ends)"
                )
        except ServerError as exc:
            _fail(str(exc))
        from prefect.settings import PREFECT_API_URL, temporary_settings

        from flows.deployment import FLOW_NAME, schedule_of, serve_deployment

        stack.enter_context(temporary_settings(updates={PREFECT_API_URL: api_url}))
        when = ", ".join(f"{k} {v}" for k, v in schedule_of(settings).items())
        typer.echo(
            f"serving deployment {FLOW_NAME}/{name} ({when}) into {settings.data_dir}\n"
            f"run it now with: PREFECT_API_URL={api_url} "
            f".venv/bin/prefect deployment run '{FLOW_NAME}/{name}'"
        )
        with suppress(KeyboardInterrupt):
            serve_deployment(settings, config_file, name)
    typer.echo("stopped serving")


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _configured_api_url() -> str | None:
    """PREFECT_API_URL from the environment or the active Prefect profile."""
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value() or None


@app.command()
def maintain(
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    keep_releases: Annotated[
        int | None, typer.Option(help="Releases to keep readable (default: from the settings).")
    ] = None,
    prefect: Annotated[
        bool,
        typer.Option(help="Also delete old flow runs from Prefect's database (PREFECT_API_URL)."),
    ] = True,
    wait: Annotated[float, typer.Option(help="Seconds to wait for a running run.")] = 0.0,
) -> None:
    """Compact the current release, vacuum files no kept release needs, prune old runs."""
    settings = _settings(config, {"data_dir": data_dir, "keep_releases": keep_releases})
    from flows.locking import RunLocked, run_lock
    from flows.maintenance import delete_old_flow_runs, maintain_data
    from flows.paths import DataPaths

    paths = DataPaths(settings.data_dir)
    try:
        with run_lock(paths.run_lock, wait_seconds=wait):
            report = maintain_data(paths, settings.keep_releases)
    except RunLocked as exc:
        _fail(str(exc))
    failure = None
    if prefect:
        try:
            report.flow_runs_deleted = delete_old_flow_runs(settings.flow_run_retention_days)
        except Exception as exc:  # an unreachable API: the data folder is done, say what is not
            failure = f"old Prefect flow runs not deleted: {type(exc).__name__}: {exc}"
    for line in report.lines():
        typer.echo(line)
    if failure:
        _fail(failure)


@app.command()
def status(
    data_dir: DataDirOption = None,
    config: ConfigOption = None,
    runs: Annotated[int, typer.Option(help="Recent runs to list.")] = 10,
) -> None:
    """Show the latest releases, the last runs, validation results and quarantined rows."""
    from rich.console import Console

    from flows.paths import DataPaths
    from flows.status import status_report

    settings = _settings(config, {"data_dir": data_dir})
    Console(width=None if sys.stdout.isatty() else 160).print(
        status_report(DataPaths(settings.data_dir), runs=runs)
    )


if __name__ == "__main__":
    app()
