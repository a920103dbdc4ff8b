"""What ``aideals status`` shows: releases, recent runs, validation and quarantine, as rich tables.

Reads only finished files (manifests, the run ledger, the quarantine table of the current
release), so it is safe to call while a run is publishing.
"""

from __future__ import annotations

from typing import Any

import polars as pl
from rich.console import Group
from rich.table import Table
from rich.text import Text

from flows.ledger import read_runs
from flows.paths import DataPaths
from flows.storage import read_manifest, read_table, release_versions

__all__ = ["status_report"]


def status_report(
    paths: DataPaths, releases: int = 5, runs: int = 10, quarantined: int = 5
) -> Group:
    """Everything an operator checks first, newest first."""
    parts: list[Any] = [Text(f"aideals data folder {paths.root}", style="bold")]
    versions = release_versions(paths)
    manifests = [read_manifest(paths, v) or {} for v in versions[-releases:]][::-1]
    parts += [_heading(f"Latest releases ({len(versions)} kept)"), _releases_table(manifests)]
    parts += [_heading("Last runs"), _runs_table(read_runs(paths)[-runs:][::-1])]
    if manifests:
        current = manifests[0]
        outcome = current.get("validation", {}).get("outcome", "-")
        parts += [_heading(f"Validation of release {current['version']}: {outcome}")]
        parts += [_validation_table(current)]
        quarantine = read_table(paths.root, "quarantine")
        parts += [_heading(f"Quarantined rows: {quarantine.height} in the current release")]
        if quarantine.height:
            by_reason, latest = _quarantine_tables(quarantine, quarantined)
            parts += [by_reason, _heading(f"Newest {quarantined} quarantined rows"), latest]
    return Group(*parts)


def _heading(text: str) -> Text:
    return Text("\n" + text, style="bold")


def _releases_table(manifests: list[dict[str, Any]]) -> Table:
    table = Table()
    for column in ("version", "created (UTC)", "articles", "mentions", "deals", "quarantine"):
        table.add_column(column, justify="right" if column != "created (UTC)" else "left")
    table.add_column("deals +/~/-")
    table.add_column("validation")
    if not manifests:
        table.add_row("-", "nothing published yet", "", "", "", "", "", "")
    for m in manifests:
        rows = {name: str(t["rows"]) for name, t in m["tables"].items()}
        change = m.get("changelog", {})
        table.add_row(
            str(m["version"]),
            m["created_at"][:19].replace("T", " "),
            rows.get("articles", "-"),
            rows.get("deal_mentions", "-"),
            rows.get("deals", "-"),
            rows.get("quarantine", "-"),
            f"+{change.get('added', 0)} ~{change.get('changed', 0)} -{change.get('removed', 0)}",
            str(m.get("validation", {}).get("outcome", "-")),
        )
    return table


OUTCOME_STYLES = {"released": "green", "unchanged": "cyan", "failed": "red", "locked": "yellow"}


def _runs_table(runs: list[dict[str, Any]]) -> Table:
    table = Table()
    for column in ("run", "finished (UTC)", "outcome", "version", "articles new", "deals +/~/-"):
        table.add_column(column)
    table.add_column("message", overflow="fold")
    if not runs:
        table.add_row("-", "no run recorded yet", "", "", "", "", "")
    for r in runs:
        outcome = str(r.get("outcome", "?"))
        deals = (
            f"+{r.get('deals_added', 0)} ~{r.get('deals_changed', 0)} -{r.get('deals_removed', 0)}"
            if outcome in ("released", "unchanged")
            else ""
        )
        table.add_row(
            str(r.get("run_name", "?")),
            str(r.get("finished_at", ""))[:19].replace("T", " "),
            Text(outcome, style=OUTCOME_STYLES.get(outcome, "")),
            "" if r.get("version") is None else str(r["version"]),
            str(r.get("articles_new_or_changed", "")),
            deals,
            Text(str(r.get("error") or r.get("validation") or "")),  # plain: no rich markup
        )
    return table


def _validation_table(manifest: dict[str, Any]) -> Table:
    validation = manifest.get("validation", {})
    table = Table()
    for column in ("table", "expectations", "failed expectations", "rows quarantined"):
        table.add_column(column)
    for name, t in validation.get("tables", {}).items():
        failed = ", ".join(t.get("failed", [])) or "-"
        table.add_row(name, str(t.get("expectations", "")), failed, str(t.get("quarantined", "")))
    return table


def _quarantine_tables(quarantine: pl.DataFrame, newest: int) -> tuple[Table, Table]:
    by_reason = Table()
    for column in ("table", "expectation", "rows"):
        by_reason.add_column(column)
    counts = (
        quarantine.group_by("table_name", "expectation")
        .len()
        .sort(["len", "table_name", "expectation"], descending=[True, False, False])
    )
    for row in counts.iter_rows(named=True):
        by_reason.add_row(Text(row["table_name"]), Text(row["expectation"]), str(row["len"]))
    latest = Table()
    for column in ("quarantined (UTC)", "table", "location", "reason"):
        latest.add_column(column, overflow="fold")
    recent = quarantine.sort(["quarantined_at", "quarantine_id"], descending=True).head(newest)
    for row in recent.iter_rows(named=True):
        latest.add_row(
            row["quarantined_at"].isoformat(timespec="seconds")[:19].replace("T", " "),
            Text(row["table_name"]),
            Text(row["location"]),  # from the inputs: shown as plain text, never as markup
            Text(row["reason"]),
        )
    return by_reason, latest
