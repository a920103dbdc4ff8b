"""Backoff, Retry-After, robots.txt rules and fetch_log rows, without a server."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from transforms.fetching import (
    FetchRecord,
    backoff_seconds,
    fetch_log_frame,
    is_transient,
    retry_after_seconds,
    robots_rules,
)
from transforms.schemas import FETCH_LOG

NOW = datetime(2025, 10, 1, 8, 0, tzinfo=UTC)


def test_backoff_doubles_with_jitter_and_a_cap() -> None:
    assert backoff_seconds(1, base=1, cap=60, jitter=0.5) == 1.0
    assert backoff_seconds(3, base=1, cap=60, jitter=0.5) == 4.0
    assert backoff_seconds(2, base=1, cap=60, jitter=0.0) == 1.0  # half the step of 2 s
    assert backoff_seconds(20, base=1, cap=60, jitter=0.99) == 60.0


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("3", 3.0), ("Wed, 01 Oct 2025 08:00:30 GMT", 30.0), ("Wed, 01 Oct 2025 07:00:00 GMT", 0.0),
     (None, None), ("soon", None)],
)  # fmt: skip
def test_retry_after_in_seconds_or_as_a_date(value: str | None, seconds: float | None) -> None:
    assert retry_after_seconds(value, NOW) == seconds


def test_robots_rules_follow_rfc_9309() -> None:
    rules = robots_rules(200, b"User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n")
    assert rules.allows("https://n.example/story", "aideals/0.1")
    assert not rules.allows("https://n.example/private/x", "aideals/0.1")
    assert rules.crawl_delay("aideals/0.1") == 2.0
    named = robots_rules(200, b"User-agent: aideals\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    assert not named.allows("https://n.example/a", "aideals/0.1 (news reader)")
    assert named.allows("https://n.example/a", "otherbot/1.0")
    assert robots_rules(404, None).allows("https://n.example/private/x", "aideals")
    assert not robots_rules(503, None).allows("https://n.example/a", "aideals")
    assert not robots_rules(None, None).allows("https://n.example/a", "aideals")


def test_fetch_log_rows_have_the_dictionary_schema() -> None:
    records = [
        FetchRecord("https://n.example/a", "https://n.example/feed", "page", "fetched", "1 byte", 1, NOW, 200),
        FetchRecord("https://n.example/b", "https://n.example/feed", "page", "timeout", "slow", 4, NOW),
    ]  # fmt: skip
    frame = fetch_log_frame(records)
    assert FETCH_LOG.schema_mismatches(frame) == []
    assert frame["fetch_id"].n_unique() == 2
    assert [is_transient(r) for r in records] == [False, True]
