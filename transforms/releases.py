"""What changes from one release to the next: pure functions over the published tables.

Incremental processing (which articles are new or changed), carrying earlier rows forward,
quarantine rows, and the changelog of deals between two releases.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import polars as pl

from transforms.articles import Rejection
from transforms.schemas import DEALS, QUARANTINE, TABLES

__all__ = [
    "ROW_JSON_LIMIT",
    "changed_article_ids",
    "diff_deals",
    "merge_articles",
    "merge_fetch_log",
    "merge_mentions",
    "merge_quarantine",
    "quarantine_rows",
    "rejection_rows",
    "same_tables",
]

ROW_JSON_LIMIT = 20_000


def changed_article_ids(previous: pl.DataFrame, candidates: pl.DataFrame) -> pl.DataFrame:
    """Candidates that are new or whose content changed since the previous release."""
    known = previous.select("article_id", "content_hash")
    return candidates.join(known, on=["article_id", "content_hash"], how="anti")


def merge_articles(previous: pl.DataFrame, changed: pl.DataFrame) -> pl.DataFrame:
    """Earlier articles, with new versions replacing old ones; sorted by article_id."""
    kept = previous.join(changed.select("article_id"), on="article_id", how="anti")
    return pl.concat([kept, changed.select(previous.columns)]).sort("article_id")


def merge_mentions(
    previous: pl.DataFrame, changed_articles: pl.DataFrame, new: pl.DataFrame
) -> pl.DataFrame:
    """Earlier mentions minus those of re-extracted articles, plus the new ones."""
    kept = previous.join(changed_articles.select("article_id"), on="article_id", how="anti")
    return pl.concat([kept, new.select(previous.columns)]).sort("mention_id")


def merge_quarantine(previous: pl.DataFrame, new: pl.DataFrame) -> pl.DataFrame:
    """Quarantine is kept across releases; a row already there keeps its first timestamp."""
    fresh = new.unique("quarantine_id", keep="first").join(
        previous.select("quarantine_id"), on="quarantine_id", how="anti"
    )
    return pl.concat([previous, fresh.select(previous.columns)]).sort("quarantine_id")


def _json_default(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def row_json(row: Mapping[str, Any]) -> str:
    text = json.dumps(dict(row), default=_json_default, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= ROW_JSON_LIMIT else text[:ROW_JSON_LIMIT] + "…"


def _quarantine_id(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def rejection_rows(
    rejections: Iterable[Rejection], payloads: Mapping[tuple[str, str], bytes], at: datetime
) -> pl.DataFrame:
    """Quarantine rows for inputs that could not become articles."""
    rows = []
    for r in rejections:
        payload = payloads.get((r.source, r.location), b"")
        text = payload.decode("utf-8", errors="replace")
        raw = text if len(text) <= ROW_JSON_LIMIT else text[:ROW_JSON_LIMIT] + "…"
        rows.append(
            {
                "quarantine_id": _quarantine_id("inputs", r.reason, r.source, r.location, text),
                "table_name": "inputs",
                "expectation": "readable_article",
                "reason": r.message(),
                "source": r.source,
                "location": r.location,
                "row_json": json.dumps({"input": raw}, ensure_ascii=False),
                "quarantined_at": at,
            }
        )
    return QUARANTINE.from_records(rows)


def quarantine_rows(
    table: str,
    failed: pl.DataFrame,
    *,
    expectation: str,
    details: Sequence[str],
    source_column: str | None,
    at: datetime,
) -> pl.DataFrame:
    """Quarantine rows for the rows of ``table`` that failed one expectation.

    ``details`` says, for each failed row, what is wrong in words (the offending values).
    """
    key = TABLES[table].key
    rows = []
    for row, detail in zip(failed.iter_rows(named=True), details, strict=True):
        location = f"{key}={row.get(key)}"
        reason = f"{table} row {location}: {detail} (failed {expectation})"
        payload = row_json(row)
        rows.append(
            {
                "quarantine_id": _quarantine_id(table, expectation, location, payload),
                "table_name": table,
                "expectation": expectation,
                "reason": reason,
                "source": str(row.get(source_column) or table) if source_column else table,
                "location": location,
                "row_json": payload,
                "quarantined_at": at,
            }
        )
    return QUARANTINE.from_records(rows)


def same_tables(
    old: Mapping[str, pl.DataFrame],
    new: Mapping[str, pl.DataFrame],
    ignore: Sequence[str] = ("fetch_log",),
) -> bool:
    """True when every published table holds exactly the same rows.

    ``fetch_log`` is ignored by default: a run whose fetches changed nothing (304s) is no reason
    for a new version; its log rows wait for the next release.
    """
    for name, table in TABLES.items():
        if name in ignore:
            continue
        a = old[name].sort(table.key)
        b = new[name].sort(table.key)
        if not a.equals(b):
            return False
    return True


def merge_fetch_log(previous: pl.DataFrame, new: pl.DataFrame) -> pl.DataFrame:
    """The fetch log is kept across releases: earlier rows, then the new ones (by fetch_id)."""
    fresh = new.unique("fetch_id", keep="first").join(
        previous.select("fetch_id"), on="fetch_id", how="anti"
    )
    return pl.concat([previous, fresh.select(previous.columns)]).sort("fetched_at", "fetch_id")


def diff_deals(old: pl.DataFrame, new: pl.DataFrame) -> dict[str, list[str]]:
    """Deal ids added, changed (any column differs) and removed between two releases."""
    old_ids = set(old.get_column("deal_id").to_list())
    new_ids = set(new.get_column("deal_id").to_list())
    both = sorted(old_ids & new_ids)
    changed = []
    if both:
        a = old.filter(pl.col("deal_id").is_in(both)).sort("deal_id").select(DEALS.names)
        b = new.filter(pl.col("deal_id").is_in(both)).sort("deal_id").select(DEALS.names)
        for left, right in zip(a.iter_rows(), b.iter_rows(), strict=True):
            if left != right:
                changed.append(str(left[0]))
    return {
        "added": sorted(new_ids - old_ids),
        "changed": changed,
        "removed": sorted(old_ids - new_ids),
    }
