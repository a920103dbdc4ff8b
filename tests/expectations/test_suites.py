"""Every suite passes on good data and fails on hand-broken data (real Great Expectations)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from expectations import articles as articles_suite
from expectations import deal_mentions as mentions_suite
from expectations import deals as deals_suite
from expectations import quarantine as quarantine_suite
from expectations.common import TableLevelFailure, ValidationSession
from transforms.consolidate import consolidate
from transforms.schemas import ARTICLES, DEAL_MENTIONS

AT = datetime(2025, 9, 12, tzinfo=UTC)
TEXT = "Nvidia said on Tuesday that it had invested $2 billion in Mistral AI."


@pytest.fixture(scope="module")
def session() -> ValidationSession:
    return ValidationSession(None)  # Data Docs have their own test below: building them is slow


def articles() -> pl.DataFrame:
    return ARTICLES.from_records(
        [
            {
                "article_id": "a1",
                "article_url": "https://news.example/a1",
                "title": "Nvidia invests",
                "published_on": date(2025, 9, 10),
                "source": "test",
                "content_hash": "0" * 64,
                "raw_sha256": "1" * 64,
                "text": TEXT,
                "text_chars": len(TEXT),
                "ingested_at": AT,
            }
        ]
    )


def mention(mention_id: str = "m1", **values: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "mention_id": mention_id,
        "article_id": "a1",
        "article_url": "https://news.example/a1",
        "parties": ["Mistral AI", "Nvidia"],
        "party_roles": ["investee", "investor"],
        "deal_type": "investment",
        "announced_on": date(2025, 9, 9),
        "announced_precision": "day",
        "amount_usd": 2e9,
        "amount_text": "$2 billion",
        "currency": "USD",
        "reported": False,
        "evidence": TEXT,
        "evidence_start": 0,
        "evidence_end": len(TEXT),
        "confidence": 0.8,
        "extractor_version": "rules-1.0",
    }
    row.update(values)
    return row


def validate_mentions(session: ValidationSession, rows: list[dict[str, Any]]):  # type: ignore[no-untyped-def]
    frame = mentions_suite.prepare(DEAL_MENTIONS.from_records(rows), articles(), min_confidence=0.4)
    return session.validate("deal_mentions", frame, mentions_suite.checks(), at=AT)


def test_good_tables_pass_every_suite(session: ValidationSession) -> None:
    arts = session.validate(
        "articles",
        articles_suite.prepare(articles(), today=date(2025, 9, 12)),
        articles_suite.checks(),
        at=AT,
    )
    assert arts.success and arts.valid.height == 1
    mentions = validate_mentions(session, [mention()])
    assert mentions.success and mentions.quarantine.is_empty()
    deals = session.validate(
        "deals",
        deals_suite.prepare(consolidate(mentions.valid, articles())),
        deals_suite.checks(),
        at=AT,
    )
    assert deals.success and deals.valid.height == 1
    quarantine = session.validate(
        "quarantine",
        quarantine_suite.prepare(mentions.quarantine),
        quarantine_suite.checks(),
        at=AT,
    )
    assert quarantine.success


BROKEN = [
    (
        {"revenue_share_pct": 140.0},
        "expect_column_values_to_be_between(revenue_share_pct)",
        "outside 0..100",
    ),
    ({"amount_usd": -5.0}, "expect_column_values_to_be_between(amount_usd)", "not above 0"),
    ({"amount_usd": 2e13}, "expect_column_values_to_be_between(amount_usd)", "10 trillion"),
    ({"confidence": 1.5}, "expect_column_values_to_be_between(confidence)", "outside 0..1"),
    ({"deal_type": "merger"}, "expect_column_values_to_be_in_set(deal_type)", "deal_type='merger'"),
    ({"exclusivity": "sort of"}, "expect_column_values_to_be_in_set(exclusivity)", "sort of"),
    (
        {"announced_precision": "week"},
        "expect_column_values_to_be_in_set(announced_precision)",
        "week",
    ),
    ({"currency": "XYZ"}, "expect_column_values_to_be_in_set(currency)", "XYZ"),
    (
        {"evidence_start": 3},
        "expect_column_values_to_be_in_set(check_evidence_matches_text)",
        "evidence",
    ),
    ({"announced_on": date(2025, 12, 1)}, "check_announced_not_after_published", "announced after"),
    ({"parties": ["Nvidia", "nvidia"]}, "check_distinct_parties", "fewer than two"),
    ({"party_roles": ["investor"]}, "check_roles_align", "one role per party"),
    ({"confidence": 0.2}, "check_confident", "below min_confidence"),
    ({"deal_type": None}, "expect_column_values_to_not_be_null(deal_type)", "deal_type=None"),
]


@pytest.fixture(scope="module")
def broken_result(session: ValidationSession):  # type: ignore[no-untyped-def]
    """One validation of a good row plus one broken row per case (validation costs ~2 s)."""
    rows = [mention("good")] + [mention(f"bad{i}", **case[0]) for i, case in enumerate(BROKEN)]
    return validate_mentions(session, rows)


def test_only_the_good_row_survives(broken_result) -> None:  # type: ignore[no-untyped-def]
    assert broken_result.valid["mention_id"].to_list() == ["good"]


@pytest.mark.parametrize(("index", "case"), list(enumerate(BROKEN)), ids=[c[1] for c in BROKEN])
def test_a_broken_mention_is_quarantined_with_its_reason(
    broken_result,
    index: int,
    case: tuple[dict[str, Any], str, str],  # type: ignore[no-untyped-def]
) -> None:
    _, expectation, words = case
    rows = broken_result.quarantine.filter(
        pl.col("reason").str.contains(f"mention_id=bad{index}:", literal=True)
        & pl.col("expectation").str.contains(expectation, literal=True)
    )
    assert rows.height == 1, broken_result.quarantine.select("expectation", "reason").to_dicts()
    assert words in rows["reason"][0]


def test_duplicate_ids_block_publishing_with_expectation_and_count(
    session: ValidationSession,
) -> None:
    with pytest.raises(
        TableLevelFailure,
        match=r"expect_column_values_to_be_unique\(mention_id\) failed \(2 of 2 rows\)",
    ):
        validate_mentions(session, [mention("same"), mention("same")])


def test_a_wrong_column_type_blocks_publishing(session: ValidationSession) -> None:
    frame = mentions_suite.prepare(
        DEAL_MENTIONS.from_records([mention()]), articles(), min_confidence=0.4
    ).with_columns(pl.col("amount_usd").cast(pl.String))
    with pytest.raises(TableLevelFailure, match="amount_usd is String, expected Float64"):
        session.validate("deal_mentions", frame, mentions_suite.checks(), at=AT)


def test_an_article_from_the_future_is_quarantined(session: ValidationSession) -> None:
    future = articles().with_columns(published_on=pl.lit(date(2030, 1, 1)))
    result = session.validate(
        "articles",
        articles_suite.prepare(future, today=date(2025, 9, 12)),
        articles_suite.checks(),
        at=AT,
    )
    assert result.valid.is_empty() and result.quarantine.height == 1


def test_the_fetch_log_suite_passes_good_rows_and_blocks_a_broken_log(
    session: ValidationSession,
) -> None:
    from expectations import fetch_log as fetch_log_suite
    from transforms.fetching import FetchRecord, fetch_log_frame

    good = fetch_log_frame(
        [
            FetchRecord("https://n.example/a", "https://n.example/f", "page", "fetched", "9 bytes", 1, AT, 200),
            FetchRecord("https://n.example/b", "https://n.example/f", "page", "timeout", "slow", 3, AT),
        ]
    )  # fmt: skip
    checked = session.validate("fetch_log", good, fetch_log_suite.checks(), at=AT)
    assert checked.success and checked.valid.height == 2
    broken = good.with_columns(outcome=pl.lit("exploded"))
    with pytest.raises(TableLevelFailure, match="outcome"):
        session.validate("fetch_log", broken, fetch_log_suite.checks(), at=AT)


def test_values_from_web_pages_are_escaped_in_data_docs(tmp_path: Path) -> None:
    hostile = "<script>alert('pwned')</script>"
    docs = tmp_path / "docs"
    docs_session = ValidationSession(docs)
    frame = articles().with_columns(published_origin=pl.lit(hostile))
    checked = docs_session.validate(
        "articles",
        articles_suite.prepare(frame, today=date(2025, 9, 12)),
        articles_suite.checks(),
        at=AT,
    )
    assert checked.quarantine.height == 1
    assert hostile in checked.quarantine.get_column("row_json")[0]  # the original, unescaped
    docs_session.build_docs()
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in docs.rglob("*.html")]
    assert any("pwned" in page for page in pages)
    assert not any("<script>alert(" in page for page in pages)
