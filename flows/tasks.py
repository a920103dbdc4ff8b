"""Prefect tasks: thin wrappers over transforms, expectations and storage, one batch each.

Retries sit on the tasks that touch the disk. No task caches its inputs (hashing large batches
costs more than the work; see STACK-NOTES), and no task runs per article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

from expectations import articles as articles_suite
from expectations import deal_mentions as mentions_suite
from expectations import deals as deals_suite
from expectations import fetch_log as fetch_log_suite
from expectations import quarantine as quarantine_suite
from expectations.common import TableValidation, ValidationSession
from flows import storage
from flows.faults import pause_point
from flows.pages import write_report_pages
from flows.paths import DataPaths
from flows.resources import load_gazetteer
from flows.settings import Settings
from flows.sources import SourceError, source_for
from flows.web import FetchPolicy, WebFetch, run_crawl
from transforms.articles import Article, Rejection
from transforms.consolidate import consolidate, mentions_frame
from transforms.deals import extract_deals
from transforms.dedup import link_near_duplicates
from transforms.html import html_to_text
from transforms.inputs import ParsedArticle, RawInput, articles_frame, parse_raw_input

IO_RETRIES = {"retries": 2, "retry_delay_seconds": 1}


@dataclass(frozen=True)
class Inputs:
    raw: list[RawInput]
    rejections: list[Rejection]  # whole sources that could not be read


@task(name="read sources", cache_policy=NO_CACHE, **IO_RETRIES)
def read_sources(sources: Sequence[Path | str]) -> Inputs:
    raw: list[RawInput] = []
    rejections: list[Rejection] = []
    for path in sources:
        try:
            raw.extend(source_for(Path(path)).fetch())
        except (SourceError, OSError) as exc:
            rejections.append(Rejection(str(path), "source", str(exc)))
    return Inputs(raw, rejections)


@task(name="fetch web sources", cache_policy=NO_CACHE)
def fetch_web(paths: DataPaths, sources: Sequence[str], settings: Settings) -> WebFetch:
    """Every web source of the run in one task (one pooled client, never a task per URL).

    No Prefect retries here: the fetcher retries each address itself, politely, and a failed
    address is recorded, never raised.
    """
    state = storage.read_web_state(paths)
    fetched = run_crawl(sources, FetchPolicy.from_settings(settings), state)
    storage.store_payloads(paths, fetched.listings)
    return fetched


@task(name="keep fetch state", cache_policy=NO_CACHE, **IO_RETRIES)
def save_web_state(paths: DataPaths, state: dict[str, Any]) -> None:
    storage.write_web_state(paths, state)


@task(name="keep pending fetch log", cache_policy=NO_CACHE, **IO_RETRIES)
def keep_pending_fetch_log(paths: DataPaths, frame: pl.DataFrame) -> None:
    storage.write_pending_fetch_log(paths, frame)


@task(name="store raw inputs", cache_policy=NO_CACHE, **IO_RETRIES)
def store_raw(paths: DataPaths, raw: list[RawInput]) -> int:
    return storage.store_raw(paths, raw)


@task(name="parse inputs", cache_policy=NO_CACHE)
def parse_inputs(raw: list[RawInput], today: date) -> tuple[list[ParsedArticle], list[Rejection]]:
    reader = partial(html_to_text, max_date=today)
    parsed: list[ParsedArticle] = []
    rejected: list[Rejection] = []
    for item in raw:
        result = parse_raw_input(item, read_html=reader)
        (rejected if isinstance(result, Rejection) else parsed).append(result)  # type: ignore[arg-type]
    return parsed, rejected


@task(name="load current release", cache_policy=NO_CACHE, **IO_RETRIES)
def load_release(paths: DataPaths) -> storage.Release:
    return storage.read_release(paths)


@task(name="build articles", cache_policy=NO_CACHE)
def build_articles(parsed: list[ParsedArticle], at: datetime) -> pl.DataFrame:
    return articles_frame(parsed, at)


@task(name="link syndicated copies", cache_policy=NO_CACHE)
def link_copies(articles: pl.DataFrame) -> pl.DataFrame:
    return link_near_duplicates(articles)


@task(name="extract deal mentions", cache_policy=NO_CACHE)
def extract_batch(
    articles: list[Article], gazetteer_files: tuple[Path, ...]
) -> tuple[pl.DataFrame, list[Rejection]]:
    gazetteer = load_gazetteer(tuple(gazetteer_files))
    mentions = []
    failures = []
    for article in articles:
        try:
            mentions.extend(extract_deals(article, gazetteer))
        except Exception as exc:  # one article's failure must not stop the others
            failures.append(
                Rejection(
                    article.source, article.url, f"extraction failed: {type(exc).__name__}: {exc}"
                )
            )
    return mentions_frame(mentions), failures


@task(name="consolidate deals", cache_policy=NO_CACHE)
def consolidate_deals(mentions: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    return consolidate(mentions, articles)


@task(name="validate articles", cache_policy=NO_CACHE)
def validate_articles(
    session: ValidationSession, articles: pl.DataFrame, today: date, at: datetime
) -> TableValidation:
    prepared = articles_suite.prepare(articles, today=today)
    return session.validate(
        "articles", prepared, articles_suite.checks(), at=at, source_column="source"
    )


@task(name="validate deal mentions", cache_policy=NO_CACHE)
def validate_mentions(
    session: ValidationSession,
    mentions: pl.DataFrame,
    articles: pl.DataFrame,
    min_confidence: float,
    at: datetime,
) -> TableValidation:
    prepared = mentions_suite.prepare(mentions, articles, min_confidence=min_confidence)
    return session.validate(
        "deal_mentions", prepared, mentions_suite.checks(), at=at, source_column="article_url"
    )


@task(name="validate deals", cache_policy=NO_CACHE)
def validate_deals(
    session: ValidationSession, deals: pl.DataFrame, at: datetime
) -> TableValidation:
    return session.validate("deals", deals_suite.prepare(deals), deals_suite.checks(), at=at)


@task(name="validate quarantine", cache_policy=NO_CACHE)
def validate_quarantine(
    session: ValidationSession, quarantine: pl.DataFrame, at: datetime
) -> TableValidation:
    prepared = quarantine_suite.prepare(quarantine)
    return session.validate("quarantine", prepared, quarantine_suite.checks(), at=at)


@task(name="validate fetch log", cache_policy=NO_CACHE)
def validate_fetch_log(
    session: ValidationSession, fetch_log: pl.DataFrame, at: datetime
) -> TableValidation:
    prepared = fetch_log_suite.prepare(fetch_log)
    return session.validate("fetch_log", prepared, fetch_log_suite.checks(), at=at)


@task(name="build data docs", cache_policy=NO_CACHE, **IO_RETRIES)
def build_data_docs(session: ValidationSession) -> Path | None:
    return session.build_docs()


@task(name="publish release", cache_policy=NO_CACHE, **IO_RETRIES)
def publish(
    paths: DataPaths,
    frames: dict[str, pl.DataFrame],
    created_at: datetime,
    validation: dict[str, Any],
    changelog: dict[str, Any],
    extractor_version: str,
) -> dict[str, Any]:
    return storage.publish_release(
        paths,
        frames,
        created_at=created_at,
        validation=validation,
        changelog=changelog,
        extractor_version=extractor_version,
        # the crash-safety tests pause (and kill) here: some tables committed, no manifest yet
        on_table_committed=lambda name: pause_point(paths, "publish") if name == "deals" else None,
    )


@task(name="write dataset pages", cache_policy=NO_CACHE, **IO_RETRIES)
def write_pages(paths: DataPaths, rebuild: tuple[int, ...] = ()) -> list[Path]:
    """The dataset page of every version lacking one (and of ``rebuild``), and the index."""
    return write_report_pages(paths, rebuild)


@task(name="write run report", cache_policy=NO_CACHE, **IO_RETRIES)
def write_report(paths: DataPaths, run_name: str, markdown: str) -> Path:
    from prefect.artifacts import create_markdown_artifact

    target = paths.run_report(run_name)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    paths.latest_report.write_text(markdown, encoding="utf-8")
    create_markdown_artifact(markdown=markdown, key="aideals-run-report", description="aideals run")
    return target
