"""Mentions to deals: identity, voting, conflicts, purity and order independence."""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.consolidate import assign_deal_ids, consolidate
from transforms.schemas import ARTICLES, DEAL_MENTIONS, DEALS


def mention(mention_id: str, article_id: str, **values: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "mention_id": mention_id,
        "article_id": article_id,
        "article_url": f"https://news.example/{article_id}",
        "parties": ["Nvidia", "Mistral AI"],
        "party_roles": ["investor", "investee"],
        "deal_type": "investment",
        "announced_on": date(2025, 9, 9),
        "announced_precision": "day",
        "reported": False,
        "evidence": "x",
        "evidence_start": 0,
        "evidence_end": 1,
        "confidence": 0.8,
        "extractor_version": "rules-1.0",
    }
    base.update(values)
    return base


def articles_for(mentions: list[dict[str, Any]]) -> pl.DataFrame:
    ids = sorted({m["article_id"] for m in mentions})
    return ARTICLES.from_records(
        {"article_id": a, "published_on": date(2025, 9, 10 + i)} for i, a in enumerate(ids)
    )


def deals_of(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return consolidate(DEAL_MENTIONS.from_records(rows), articles_for(rows))


def test_same_deal_in_two_articles_is_one_row_with_both_sources() -> None:
    deals = deals_of(
        [
            mention("m1", "a1", amount_usd=2e9, amount_text="$2 billion", currency="USD"),
            mention(
                "m2", "a2", parties=["Mistral AI", "Nvidia"], party_roles=["investee", "investor"]
            ),
        ]
    )
    assert deals.height == 1
    row = deals.row(0, named=True)
    assert row["parties"] == ["Mistral AI", "Nvidia"]
    assert row["party_roles"] == ["investee", "investor"]
    assert row["source_urls"] == ["https://news.example/a1", "https://news.example/a2"]
    assert row["mention_ids"] == ["m1", "m2"] and row["mention_count"] == 2
    assert row["article_count"] == 2
    assert (row["first_seen_on"], row["last_seen_on"]) == (date(2025, 9, 10), date(2025, 9, 11))
    assert row["amount_usd"] == 2e9 and row["amount_text"] == "$2 billion"
    assert row["conflicting_values"] == []
    assert deals.schema == DEALS.schema


def test_majority_wins_and_disagreement_is_kept() -> None:
    deals = deals_of(
        [
            mention("m1", "a1", amount_usd=2e9, amount_text="$2 billion"),
            mention("m2", "a2", amount_usd=2e9, amount_text="$2bn"),
            mention("m3", "a3", amount_usd=1.5e9, amount_text="$1.5 billion", confidence=0.95),
        ]
    )
    row = deals.row(0, named=True)
    assert row["amount_usd"] == 2e9
    assert row["conflicting_values"] == [
        {"field": "amount_usd", "value": "1500000000.0", "mention_count": 1},
        {"field": "amount_usd", "value": "2000000000.0", "mention_count": 2},
    ]


def test_a_tie_goes_to_the_more_confident_mention_with_its_companion_fields() -> None:
    deals = deals_of(
        [
            mention("m1", "a1", amount_usd=1e9, amount_text="$1 billion", confidence=0.6),
            mention("m2", "a2", amount_usd=3e9, amount_text="$3 billion", confidence=0.9),
        ]
    )
    row = deals.row(0, named=True)
    assert (row["amount_usd"], row["amount_text"]) == (3e9, "$3 billion")


def test_different_years_or_types_are_different_deals() -> None:
    deals = deals_of(
        [
            mention("m1", "a1"),
            mention("m2", "a2", announced_on=date(2023, 6, 1)),
            mention("m3", "a3", deal_type="chip_supply"),
        ]
    )
    assert deals.height == 3


def test_an_undated_mention_joins_the_only_dated_deal() -> None:
    deals = deals_of([mention("m1", "a1"), mention("m2", "a2", announced_on=None)])
    assert deals.height == 1 and deals["mention_count"][0] == 2


def test_ids_do_not_change_when_an_unrelated_article_arrives() -> None:
    rows = [mention("m1", "a1"), mention("m2", "a2", announced_on=None)]
    before = assign_deal_ids(DEAL_MENTIONS.from_records(rows))
    unrelated = mention("m9", "a9", parties=["Amazon", "Anthropic"], announced_on=None)
    after = assign_deal_ids(DEAL_MENTIONS.from_records([*rows, unrelated]))
    assert (
        before.join(after, on="mention_id", suffix="_after")
        .filter(pl.col("deal_id") != pl.col("deal_id_after"))
        .is_empty()
    )


def test_inputs_are_not_mutated() -> None:
    frame = DEAL_MENTIONS.from_records([mention("m1", "a1"), mention("m2", "a2")])
    copy = frame.clone()
    consolidate(frame, articles_for([mention("m1", "a1"), mention("m2", "a2")]))
    assert frame.equals(copy)


def test_no_mentions_no_deals() -> None:
    assert consolidate(DEAL_MENTIONS.empty(), ARTICLES.empty()).schema == DEALS.schema


PARTIES = [["Nvidia", "Mistral AI"], ["Amazon", "Anthropic"], ["Microsoft", "OpenAI"]]
mention_strategy = st.builds(
    lambda i, parties, kind, year, amount, share, conf: mention(
        f"m{i:03d}",
        f"a{i % 5}",
        parties=parties,
        party_roles=["party", "party"],
        deal_type=kind,
        announced_on=None if year is None else date(year, 1, 1),
        amount_usd=amount,
        revenue_share_pct=share,
        confidence=conf,
    ),
    st.integers(0, 999),
    st.sampled_from(PARTIES),
    st.sampled_from(["investment", "partnership"]),
    st.one_of(st.none(), st.integers(2023, 2025)),
    st.one_of(st.none(), st.sampled_from([1e9, 2e9, 3e9])),
    st.one_of(st.none(), st.sampled_from([10.0, 20.0])),
    st.sampled_from([0.5, 0.7, 0.9]),
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(mention_strategy, min_size=1, max_size=12, unique_by=lambda m: m["mention_id"]),
    st.randoms(),
)
def test_input_order_does_not_change_the_output(rows: list[dict[str, Any]], rnd: Any) -> None:
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    assert deals_of(rows).equals(deals_of(shuffled))


@settings(max_examples=25, deadline=None)
@given(st.lists(mention_strategy, min_size=1, max_size=10, unique_by=lambda m: m["mention_id"]))
def test_every_mention_lands_in_exactly_one_deal(rows: list[dict[str, Any]]) -> None:
    deals = deals_of(rows)
    merged = deals["mention_ids"].explode().to_list()
    assert sorted(merged) == sorted(m["mention_id"] for m in rows)
    assert deals["deal_id"].is_unique().all()


def test_a_syndicated_copy_is_linked_but_not_counted_twice() -> None:
    mentions = [
        mention("m1", "orig", amount_usd=2e9, amount_text="$2 billion"),
        mention("m2", "copy", amount_usd=2e9, amount_text="$2 billion"),
        mention("m3", "other", amount_usd=3e9, amount_text="$3 billion", confidence=0.5),
    ]
    articles = ARTICLES.from_records(
        [
            {"article_id": "orig", "published_on": date(2025, 9, 9)},
            {"article_id": "copy", "published_on": date(2025, 9, 10), "duplicate_of": "orig"},
            {"article_id": "other", "published_on": date(2025, 9, 11)},
        ]
    )
    deal = consolidate(DEAL_MENTIONS.from_records(mentions), articles).row(0, named=True)
    assert deal["article_count"] == 2 and deal["mention_count"] == 3
    assert deal["source_urls"] == [f"https://news.example/{a}" for a in ("copy", "orig", "other")]
    # the copy does not vote: $2 billion and $3 billion tie at one vote each, so confidence decides
    assert deal["amount_usd"] == 2e9
    assert {
        c["value"]: c["mention_count"]
        for c in deal["conflicting_values"]
        if c["field"] == "amount_usd"
    } == {"2000000000.0": 1, "3000000000.0": 1}
    assert deal["last_seen_on"] == date(2025, 9, 11)
