"""The flow: sources -> articles -> deal mentions -> deals -> validation -> release -> report.

Incremental: an article already published with the same content hash is not extracted again; a
changed article replaces its earlier mentions. A run whose tables come out identical to the
current release publishes nothing.
"""

from __future__ import annotations

import html
import logging
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import polars as pl
from prefect import flow, get_run_logger

from expectations.common import TableLevelFailure, TableValidation, ValidationSession
from flows import storage, tasks
from flows.faults import pause_point
from flows.ledger import append_run
from flows.locking import RunLocked, run_lock
from flows.paths import DataPaths
from flows.settings import Settings
from transforms.deals import EXTRACTOR_VERSION
from transforms.fetching import fetch_log_frame
from transforms.releases import (
    changed_article_ids,
    diff_deals,
    merge_articles,
    merge_fetch_log,
    merge_mentions,
    merge_quarantine,
    rejection_rows,
    same_tables,
)
from transforms.schemas import QUARANTINE

__all__ = ["NOTHING_PUBLISHED", "RunSummary", "aideals_flow", "run"]

MIN_MENTIONS_FOR_FRACTION = 20  # below this, a quarantine fraction says little


class NoReadableSource(RuntimeError):
    """Not one configured source could be read: publishing an empty release would mislead."""


class QuarantineThresholdExceeded(RuntimeError):
    """Too large a share of the new rows failed validation: something upstream is broken."""


# Failures that stop a run before publishing, with a message for the operator.
NOTHING_PUBLISHED = (TableLevelFailure, QuarantineThresholdExceeded, NoReadableSource)


@dataclass
class RunSummary:
    run_name: str
    started_at: datetime
    data_dir: str
    sources: list[str]
    inputs_read: int = 0
    raw_new: int = 0
    articles_parsed: int = 0
    articles_new_or_changed: int = 0
    mentions_extracted: int = 0
    deals_added: int = 0
    deals_changed: int = 0
    deals_removed: int = 0
    quarantined_new: int = 0
    rejections: list[str] = field(default_factory=list)
    addresses_fetched: int = 0  # web addresses tried (robots.txt, listings, pages)
    fetch_failures: list[str] = field(default_factory=list)
    validation: dict[str, Any] = field(default_factory=dict)
    version: int | None = None
    published: bool = False
    report_path: str | None = None
    data_docs: str | None = None
    report_pages: str | None = None  # the dataset pages' index
    error: str | None = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start

    def markdown(self) -> str:
        lines = [
            f"# aideals run {self.run_name}",
            "",
            f"- started: {self.started_at.isoformat(timespec='seconds')}",
            f"- sources: {_md(', '.join(self.sources))}",
            f"- inputs read: {self.inputs_read} ({self.raw_new} new in the raw store)",
            f"- articles read: {self.articles_parsed}, "
            f"new or changed: {self.articles_new_or_changed}",
            f"- deal mentions extracted: {self.mentions_extracted}",
            f"- web addresses tried: {self.addresses_fetched}, "
            f"failed: {len(self.fetch_failures)} (see fetch_log)",
            f"- deals: {self.deals_added} new, {self.deals_changed} updated, "
            f"{self.deals_removed} removed",
            f"- quarantined rows (new): {self.quarantined_new}",
            f"- validation: {self.validation.get('outcome', 'not run')}",
        ]
        if self.published:
            lines.append(f"- version published: {self.version}")
        else:
            lines.append(f"- version published: none (current release: {self.version})")
        lines.append(f"- data quality report: {self.data_docs or 'not built'}")
        lines.append(f"- dataset pages: {self.report_pages or 'not built'}")
        lines.append(f"- this report: {self.report_path}")
        if self.timings:
            spent = ", ".join(f"{k} {v:.1f} s" for k, v in self.timings.items())
            lines.append(f"- time per stage: {spent}")
        if self.error:
            lines += ["", "## Failure", "", self.error]
        if self.fetch_failures:
            lines += ["", "## Failed fetches", ""]
            lines += [f"- {_md(r)}" for r in self.fetch_failures[:200]]
            if len(self.fetch_failures) > 200:
                lines.append(f"- ... and {len(self.fetch_failures) - 200} more (see fetch_log)")
        if self.rejections:
            lines += ["", "## Rejected inputs", ""]
            lines += [f"- {_md(r)}" for r in self.rejections[:200]]
            if len(self.rejections) > 200:
                lines.append(f"- ... and {len(self.rejections) - 200} more (see quarantine)")
        tables = self.validation.get("tables", {})
        if tables:
            lines += [
                "",
                "## Validation",
                "",
                "| table | expectations | failed | rows quarantined |",
            ]
            lines.append("| --- | --- | --- | --- |")
            for name, t in tables.items():
                lines.append(
                    f"| {name} | {t['expectations']} | {', '.join(t['failed']) or '-'} | "
                    f"{t['quarantined']} |"
                )
        return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text from inputs (web pages, URLs) in the markdown report, which Prefect renders as HTML:
    escaped so that it shows as text and never as markup or a link."""
    return html.escape(text, quote=False).replace("[", "&#91;").replace("]", "&#93;")


def _outcome(results: list[TableValidation]) -> dict[str, Any]:
    tables = {
        v.table: {
            "expectations": len(v.results),
            "failed": sorted({r["expectation"] for r in v.failed}),
            "quarantined": v.quarantine.height,
        }
        for v in results
    }
    passed = all(v.success for v in results)
    return {
        "outcome": "passed" if passed else "passed with rows quarantined",
        "tables": tables,
    }


@flow(name="aideals", validate_parameters=False, log_prints=False)
def aideals_flow(settings: Settings, run_name: str | None = None) -> RunSummary:
    logger = get_run_logger()
    started = datetime.now(UTC)
    today = started.date()
    run_name = run_name or started.strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]
    paths = DataPaths(settings.data_dir)
    summary = RunSummary(
        run_name, started, str(settings.data_dir), [str(s) for s in settings.sources]
    )
    try:
        _run(settings, paths, summary, logger, today=today, started=started)
    except NOTHING_PUBLISHED as exc:
        summary.error = str(exc)
        summary.validation["outcome"] = "failed"
        logger.error("nothing published: %s", exc)
        summary.report_path = str(tasks.write_report(paths, run_name, summary.markdown()))
        raise
    with summary.stage("report pages"):
        rebuild = (summary.version,) if summary.published and summary.version is not None else ()
        pages = tasks.write_pages(paths, rebuild)
    summary.report_pages = str(pages[-1]) if pages else None
    summary.report_path = str(paths.run_report(run_name))
    tasks.write_report(paths, run_name, summary.markdown())
    return summary


def _run(
    settings: Settings,
    paths: DataPaths,
    summary: RunSummary,
    logger: logging.Logger | logging.LoggerAdapter[logging.Logger],
    *,
    today: Any,
    started: datetime,
) -> None:
    with summary.stage("read"):
        inputs = tasks.read_sources(settings.file_sources)
        web = None
        pending_log = storage.read_pending_fetch_log(paths)
        if settings.web_sources:
            web = tasks.fetch_web(paths, settings.web_sources, settings)
            inputs = tasks.Inputs(inputs.raw + web.raw, inputs.rejections + web.rejections)
            summary.addresses_fetched = len(web.records)
            summary.fetch_failures = [r.message() for r in web.failures]
            pending_log = pl.concat([pending_log, fetch_log_frame(web.records)])
            tasks.keep_pending_fetch_log(paths, pending_log)  # kept even if the run fails
        summary.inputs_read = len(inputs.raw)
        if len(inputs.rejections) == len(settings.sources):
            raise NoReadableSource(
                "no source could be read: " + "; ".join(r.message() for r in inputs.rejections)
            )
        pause_point(paths, "fetch")
        summary.raw_new = tasks.store_raw(paths, inputs.raw)
    with summary.stage("parse"):
        parsed, rejected = tasks.parse_inputs(inputs.raw, today)
        rejected = inputs.rejections + rejected
        summary.articles_parsed = len(parsed)
        previous = tasks.load_release(paths)
        summary.version = previous.version
        candidates = tasks.build_articles(parsed, started)
        changed = changed_article_ids(previous.tables["articles"], candidates)
    with summary.stage("validate"):
        session = ValidationSession(paths.data_docs)
        merged = tasks.link_copies(merge_articles(previous.tables["articles"], changed))
        articles_check = tasks.validate_articles(session, merged, today, started)
    articles = articles_check.valid
    changed = changed.join(articles.select("article_id"), on="article_id", how="semi")
    summary.articles_new_or_changed = changed.height

    with summary.stage("extract"):
        by_id = {p.article.article_id: p.article for p in parsed}
        to_extract = [by_id[i] for i in changed.get_column("article_id").to_list()]
        new_mentions = [previous.tables["deal_mentions"].clear()]
        for start in range(0, len(to_extract), settings.batch_size):
            frame, failures = tasks.extract_batch(
                to_extract[start : start + settings.batch_size], settings.gazetteer_files
            )
            new_mentions.append(frame)
            rejected += failures
            pause_point(paths, "extract")
        extracted = pl.concat(new_mentions)
    summary.mentions_extracted = extracted.height

    with summary.stage("validate"):
        mentions_check = tasks.validate_mentions(
            session,
            merge_mentions(previous.tables["deal_mentions"], changed, extracted),
            articles,
            settings.min_confidence,
            started,
        )
        pause_point(paths, "validate")
    new_bad = mentions_check.quarantine.join(
        previous.tables["quarantine"].select("quarantine_id"), on="quarantine_id", how="anti"
    ).height
    if (
        extracted.height >= MIN_MENTIONS_FOR_FRACTION
        and new_bad / extracted.height > settings.max_quarantine_fraction
    ):
        raise QuarantineThresholdExceeded(
            f"deal_mentions: {new_bad} of {extracted.height} new mentions failed validation, "
            f"over max_quarantine_fraction={settings.max_quarantine_fraction}"
        )
    mentions = mentions_check.valid

    with summary.stage("consolidate"):
        consolidated = tasks.consolidate_deals(mentions, articles)
    with summary.stage("validate"):
        deals_check = tasks.validate_deals(session, consolidated, started)
    deals = deals_check.valid

    for r in rejected:
        logger.warning("rejected %s", r.message())
    summary.rejections = [r.message() for r in rejected]
    payloads = {(raw.source, raw.location): raw.payload for raw in inputs.raw}
    new_quarantine = pl.concat(
        [
            QUARANTINE.empty(),
            rejection_rows(rejected, payloads, started),
            articles_check.quarantine,
            mentions_check.quarantine,
            deals_check.quarantine,
        ]
    )
    quarantine = merge_quarantine(previous.tables["quarantine"], new_quarantine)
    with summary.stage("validate"):
        quarantine_check = tasks.validate_quarantine(session, quarantine, started)
    summary.quarantined_new = quarantine.height - previous.tables["quarantine"].height
    fetch_log = merge_fetch_log(previous.tables["fetch_log"], pending_log)
    with summary.stage("validate"):
        fetch_log_check = tasks.validate_fetch_log(session, fetch_log, started)
    checks = [articles_check, mentions_check, deals_check, quarantine_check, fetch_log_check]
    summary.validation = _outcome(checks)
    with summary.stage("data docs"):
        docs = tasks.build_data_docs(session)
    summary.data_docs = str(docs) if docs else None

    frames = {
        "articles": articles,
        "deal_mentions": mentions,
        "deals": deals,
        "quarantine": quarantine,
        "fetch_log": fetch_log_check.valid,
    }
    if previous.version is not None and same_tables(previous.tables, frames):
        logger.info("nothing changed since release %s: no new version", previous.version)
        if web is not None:  # its fetch_log rows wait in the pending file for the next release
            tasks.save_web_state(paths, web.state)
        return
    changes = diff_deals(previous.tables["deals"], deals)
    summary.deals_added = len(changes["added"])
    summary.deals_changed = len(changes["changed"])
    summary.deals_removed = len(changes["removed"])
    with summary.stage("publish"):
        manifest = tasks.publish(
            paths, frames, started, summary.validation, changes, EXTRACTOR_VERSION
        )
    summary.version = manifest["version"]
    summary.published = True
    tasks.keep_pending_fetch_log(paths, pending_log.clear())
    if web is not None:
        tasks.save_web_state(paths, web.state)
    logger.info("published release %s", manifest["version"])


def run(settings: Settings, run_name: str | None = None, wait_seconds: float = 0.0) -> RunSummary:
    """Run the flow once (Prefect's embedded ephemeral API unless PREFECT_API_URL is set).

    Raises flows.locking.RunLocked, before Prefect starts, when another run still holds the
    folder after ``wait_seconds``. Every outcome goes to the run ledger (flows.ledger).
    """
    paths = DataPaths(settings.data_dir)
    started = datetime.now(UTC)
    run_name = run_name or started.strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]
    entry: dict[str, Any] = {
        "run_name": run_name,
        "started_at": started.isoformat(),
        "pid": os.getpid(),
    }
    try:
        with run_lock(paths.run_lock, wait_seconds=wait_seconds):
            try:
                summary = aideals_flow(settings, run_name)
            except BaseException as exc:
                append_run(paths, {**entry, "outcome": "failed", "error": _error_text(exc)})
                raise
            append_run(paths, {**entry, **_ledger_fields(summary)})
            return summary
    except RunLocked as exc:
        append_run(paths, {**entry, "outcome": "locked", "error": str(exc)})
        raise


def _error_text(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if isinstance(exc, NOTHING_PUBLISHED) else f"{type(exc).__name__}: {text}"


def _ledger_fields(summary: RunSummary) -> dict[str, Any]:
    return {
        "outcome": "released" if summary.published else "unchanged",
        "version": summary.version,
        "articles_read": summary.articles_parsed,
        "articles_new_or_changed": summary.articles_new_or_changed,
        "deals_added": summary.deals_added,
        "deals_changed": summary.deals_changed,
        "deals_removed": summary.deals_removed,
        "quarantined_new": summary.quarantined_new,
        "validation": summary.validation.get("outcome"),
        "report": summary.report_path,
    }
