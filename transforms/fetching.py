"""The pure side of fetching: outcomes, the fetch_log rows, backoff and Retry-After, robots.txt.

The fetcher itself (network, clock, sleeping) is ``flows/web.py``; every decision it takes that can
be made without the network is here, so it is tested without a server.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.robotparser import RobotFileParser

import polars as pl

from transforms.schemas import FETCH_LOG

__all__ = [
    "FETCH_OUTCOMES",
    "FetchRecord",
    "backoff_seconds",
    "fetch_log_frame",
    "is_transient",
    "retry_after_seconds",
    "robots_rules",
]

# What became of one address. Transient outcomes are retried on the next run; the others are
# remembered until the listing says the page changed.
FETCH_OUTCOMES = (
    "fetched",  # 200: body read (and, for a page, handed to extraction)
    "not_modified",  # 304 to a conditional request: nothing downloaded
    "http_error",  # a 4xx, or a 5xx after the last retry
    "timeout",
    "connection_error",
    "too_large",  # body over max_body_bytes (by Content-Length or while streaming)
    "unsupported_type",  # PDF, image, archive...: skipped without reading the body
    "too_many_redirects",  # over max_redirects, or a loop
    "robots_disallowed",
    "refused_address",  # loopback/private/link-local (unless allowed), reserved, multicast
    "refused_scheme",  # not http or https, credentials in the address
    "unreadable",  # a listing that could not be parsed (malformed XML...)
    "retry_after_too_long",  # the server asked to wait longer than max_retry_after_seconds
)
TRANSIENT_OUTCOMES = frozenset({"timeout", "connection_error", "retry_after_too_long"})


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """One address fetched (or refused) during a run: a row of ``fetch_log``."""

    url: str
    source: str
    kind: str  # robots, listing, page
    outcome: str
    reason: str
    attempts: int
    fetched_at: datetime
    status_code: int | None = None
    final_url: str | None = None
    content_type: str | None = None
    body_bytes: int = 0
    is_conditional: bool = False
    duration_ms: float = 0.0
    raw_sha256: str | None = None

    @property
    def fetch_id(self) -> str:
        key = f"{self.fetched_at.isoformat()}\x1f{self.source}\x1f{self.kind}\x1f{self.url}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]

    @property
    def ok(self) -> bool:
        return self.outcome in ("fetched", "not_modified")

    def message(self) -> str:
        status = f" (HTTP {self.status_code})" if self.status_code else ""
        return f"{self.url}: {self.outcome}{status}: {self.reason} [source {self.source}]"


def is_transient(record: FetchRecord) -> bool:
    """Worth trying again on the next run: timeouts, connection errors, server errors."""
    if record.outcome in TRANSIENT_OUTCOMES:
        return True
    return record.outcome == "http_error" and (
        record.status_code is None or record.status_code >= 500 or record.status_code == 429
    )


def fetch_log_frame(records: Iterable[FetchRecord]) -> pl.DataFrame:
    return FETCH_LOG.from_records({"fetch_id": r.fetch_id, **asdict(r)} for r in records)


def backoff_seconds(attempt: int, *, base: float, cap: float, jitter: float) -> float:
    """Exponential backoff before retry ``attempt`` (1 = first retry), scaled by ``jitter``.

    ``jitter`` is a number in [0, 1) drawn by the caller: the delay is spread over
    [0.5, 1.5) times the exponential step so that many clients do not retry in step.
    """
    step = min(cap, base * 2.0 ** max(attempt - 1, 0))
    return float(min(cap, step * (0.5 + jitter)))


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """A Retry-After header (seconds or an HTTP date) as seconds from ``now``; None if absent."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """robots.txt of one site, read for one user agent."""

    parser: RobotFileParser | None  # None: everything allowed
    disallow_all: bool = False

    def allows(self, url: str, user_agent: str) -> bool:
        if self.disallow_all:
            return False
        return True if self.parser is None else self.parser.can_fetch(user_agent, url)

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        return float(delay) if delay is not None else None


def robots_rules(status_code: int | None, body: bytes | None) -> RobotsRules:
    """Rules from a robots.txt response, as RFC 9309 says: a 4xx allows everything; a 5xx or an
    unreachable server disallows everything (for this run)."""
    if status_code is None or status_code >= 500:
        return RobotsRules(None, disallow_all=True)
    if status_code >= 400 or not body:
        return RobotsRules(None)
    parser = RobotFileParser()
    parser.parse(body.decode("utf-8", errors="replace").splitlines())
    return RobotsRules(parser)
