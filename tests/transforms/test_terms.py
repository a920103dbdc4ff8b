"""Deal terms in words: exclusivity, revenue share, stake, term end year, percentages."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.terms import (
    find_exclusivity,
    find_revenue_share,
    find_stake_pct,
    find_term_end_year,
    parse_percent,
    rank_exclusivity,
)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Azure will be OpenAI's exclusive cloud provider.", "exclusive"),
        ("Microsoft's exclusive rights to OpenAI's IP", "exclusive"),
        ("The startup will use Azure exclusively.", "exclusive"),
        ("It is the sole cloud provider.", "exclusive"),
        ("The deal is exclusive through 2030.", "exclusive"),
        # dropping exclusivity or a first-refusal right
        ("The agreement is non-exclusive.", "non_exclusive"),
        ("The agreement is nonexclusive.", "non_exclusive"),
        ("Microsoft dropped its exclusivity.", "non_exclusive"),
        ("Microsoft gave up exclusivity.", "non_exclusive"),
        ("Microsoft waived its exclusive rights.", "non_exclusive"),
        ("OpenAI can now use other clouds, ending Microsoft's exclusivity.", "non_exclusive"),
        ("The exclusivity ended in January.", "non_exclusive"),
        ("Microsoft lost its right of first refusal on new capacity.", "non_exclusive"),
        ("Microsoft no longer holds a right of first refusal.", "non_exclusive"),
        ("Microsoft is no longer the exclusive provider.", "non_exclusive"),
        ("The deal comes with no exclusivity.", "non_exclusive"),
        ("The arrangement will not be exclusive.", "non_exclusive"),
        ("It is not an exclusive deal.", "non_exclusive"),
        ("The deal, which is not exclusive, covers chips.", "non_exclusive"),
        ("Exclusivity is no longer part of the deal.", "non_exclusive"),
        # first refusal, primary, preferred
        (
            "Microsoft has a right of first refusal (ROFR) on new capacity.",
            "right_of_first_refusal",
        ),
        ("Microsoft has a ROFR on capacity.", "right_of_first_refusal"),
        ("It keeps a first right of refusal.", "right_of_first_refusal"),
        ("AWS becomes Anthropic's primary cloud provider.", "primary"),
        ("AWS is Anthropic's primary training partner.", "primary"),
        ("Amazon made Amazon Web Services its primary cloud.", "primary"),
        ("Google gets a non-exclusive licence to its models.", "non_exclusive"),
        (
            "Nvidia signed a non-exclusive licensing agreement for Groq's technology.",
            "non_exclusive",
        ),
        ("Anthropic named Google Cloud its preferred cloud.", "preferred"),
        ("Google Cloud is a preferred partner.", "preferred"),
        ("Oracle is the preferred cloud provider.", "preferred"),
        # the strongest reading wins: a first-refusal right replaces the old exclusivity
        (
            "Previously, Azure was OpenAI's exclusive cloud provider; now it has a right of first "
            "refusal.",
            "right_of_first_refusal",
        ),
        (
            "Microsoft moves from exclusive provider to a right of first refusal.",
            "right_of_first_refusal",
        ),
        ("AWS is the primary cloud provider and an exclusive partner.", "primary"),
    ],
)
def test_exclusivity(text: str, label: str) -> None:
    assert find_exclusivity(text) == label


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Microsoft invested $10 billion in OpenAI.",
        # exclusivity as the former state
        "Azure used to be the exclusive provider.",
        "Before the deal, Azure was exclusive.",
        "Azure was previously OpenAI's exclusive cloud provider.",
        "Azure had been the exclusive provider.",
        "Azure was the exclusive cloud provider until now.",
        # not an exclusivity term
        "an exclusive interview with the CEO",
        "Exclusive: Microsoft in talks to invest",
        "The companies are in exclusive talks.",
        "It entered exclusive negotiations.",
        "The primary reason was cost.",
        "its preferred stock",
        "holders of preferred shares",
    ],
)
def test_no_exclusivity(text: str) -> None:
    assert find_exclusivity(text) is None


def test_rank_orders_strongest_first() -> None:
    labels = ["exclusive", "preferred", None, "non_exclusive", "primary", "right_of_first_refusal"]
    assert sorted(labels, key=rank_exclusivity) == [
        "non_exclusive",
        "right_of_first_refusal",
        "primary",
        "preferred",
        "exclusive",
        None,
    ]


@pytest.mark.parametrize(
    ("text", "value", "span_text"),
    [
        (
            "OpenAI pays 20 percent of OpenAI's revenue to Microsoft",
            20.0,
            "20 percent of OpenAI's revenue",
        ),
        ("a 20% revenue share", 20.0, "20% revenue share"),
        ("a 20% revenue-share deal", 20.0, "20% revenue-share"),
        ("revenue share of 20%", 20.0, "revenue share of 20%"),
        ("revenue share of 20 percent through 2030", 20.0, "revenue share of 20 percent"),
        (
            "a revenue-sharing agreement of about 20 percent",
            20.0,
            "revenue-sharing agreement of about 20 percent",
        ),
        ("revenue-sharing deal of 15%", 15.0, "revenue-sharing deal of 15%"),
        ("20% of its revenue", 20.0, "20% of its revenue"),
        ("20 per cent of sales", 20.0, "20 per cent of sales"),
        ("twenty percent of revenue", 20.0, "twenty percent of revenue"),
        ("a 20% cut", 20.0, "20% cut"),
        ("takes a 12.5% share of the revenue", 12.5, "12.5% share of the revenue"),
        ("8% of OpenAI's revenue", 8.0, "8% of OpenAI's revenue"),
        ("20% of OpenAI’s revenue", 20.0, "20% of OpenAI’s revenue"),
        ("20% of the startup's total revenue", 20.0, "20% of the startup's total revenue"),
        ("50% of profits", 50.0, "50% of profits"),
    ],
)
def test_revenue_share(text: str, value: float, span_text: str) -> None:
    found = find_revenue_share(text)
    assert found is not None
    share, (start, end) = found
    assert (share, text[start:end]) == (value, span_text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "revenue rose 20%",
        "a 20% stake",
        "20% of the company",
        "sales grew 20 percent",
        "revenue of $20 billion",
        "a 1000% revenue jump",
    ],
)
def test_no_revenue_share(text: str) -> None:
    assert find_revenue_share(text) is None


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("The partnership runs through 2030.", 2030),
        ("The Meta contract runs through December 2031, with an option to expand it.", 2031),
        ("It must buy any capacity CoreWeave cannot sell to others through April 2032.", 2032),
        ("Microsoft keeps access (which runs through 2030) to the models.", 2030),
        ("(runs until 2031)", 2031),
        ("a contract that lasts until 2032", 2032),
        ("The deal expires in 2028.", 2028),
        ("The term ends in 2031.", 2031),
        ("The deal will run into 2026.", 2026),
        ("The agreement, valid through 2029, covers chips.", 2029),
        ("rights extend through 2032", 2032),
        ("Microsoft's rights to OpenAI's models are extended through 2032", 2032),
        ("The deal runs to the end of 2030", 2030),
        ("access until at least 2030", 2030),
        ("a deal through 2030", 2030),
        ("exclusivity through 2030", 2030),
        ("The contract, signed in 2024, runs until 2027", 2027),
        ("Founded in 2021, the company's deal runs through 2030", 2030),
        ("The deal, extended in 2024, runs through 2030.", 2030),
    ],
)
def test_term_end_year(text: str, year: int) -> None:
    assert find_term_end_year(text) == year


@pytest.mark.parametrize(
    "text",
    [
        "",
        "It raised $1bn in 2024.",
        "a five-year deal",
        "the deal, which was struck in 2023",
        "The partnership began in 2019.",
        "The agreement was signed in 2025 by both sides.",
        "runs through 2019",  # a past year is not how long a deal runs
        "through 2100",
    ],
)
def test_no_term_end_year(text: str) -> None:
    assert find_term_end_year(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("20 percent", 20.0),
        ("12.5%", 12.5),
        ("0.5 %", 0.5),
        ("100%", 100.0),
        ("twenty per cent", 20.0),
        ("Twenty Percent", 20.0),
        ("twenty-five percent", 25.0),
        ("fifty percent", 50.0),
        ("20 pct", 20.0),
        ("20percent", 20.0),
        ("a stake of about 49% in it", 49.0),
        ("up 5% and 7%", 5.0),
    ],
)
def test_parse_percent(text: str, value: float) -> None:
    assert parse_percent(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no percent",
        "a half percent",
        "percent",
        "1000%",
        "1,000%",
        "often% of",
        "20 percentage points",
    ],
)
def test_parse_percent_absent(text: str) -> None:
    assert parse_percent(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a 20% stake", 20.0),
        ("a 49 percent equity stake", 49.0),
        ("20% of the company", 20.0),
        ("a 20% ownership", 20.0),
        ("10% interest", 10.0),
        ("holds a stake", None),
        ("revenue rose 20%", None),
    ],
)
def test_stake_pct(text: str, value: float | None) -> None:
    assert find_stake_pct(text) == value


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=0, max_value=999.99, allow_nan=False).map(lambda x: round(x, 2)))
def test_percent_round_trips(value: float) -> None:
    assert parse_percent(f"a {value:g}% share") == pytest.approx(value)
    assert parse_percent(f"{value:g} percent") == pytest.approx(value)


WORDS = st.sampled_from(
    [
        "exclusive", "non-exclusive", "no", "not", "primary", "cloud", "provider",
        "right of first refusal", "ROFR", "revenue", "share", "of", "20%", "percent", "runs",
        "through", "2030", "in", "2024", "deal", "previously", ",", ".", ";", "(", ")", "which",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=15).map(" ".join))
def test_term_finders_never_raise_and_stay_in_range(text: str) -> None:
    assert find_exclusivity(text) in {
        None, "exclusive", "non_exclusive", "right_of_first_refusal", "primary", "preferred",
    }  # fmt: skip
    share = find_revenue_share(text)
    if share is not None:
        value, (start, end) = share
        assert 0 <= value <= 999.99 and 0 <= start < end <= len(text)
    year = find_term_end_year(text)
    assert year is None or 2020 <= year <= 2099


@pytest.mark.parametrize(
    "text",
    [
        "1" * 100_000 + "%",
        "exclusive " * 20_000,
        "not " * 20_000 + "exclusive",
        "runs " * 20_000 + "through 2030",
        "deal " * 20_000,
        "20 percent of " * 10_000,
        "its " * 20_000 + "exclusivity",
        "lorem ipsum " * 50_000,
    ],
)
def test_linear_time_on_adversarial_text(text: str) -> None:
    began = time.process_time()
    find_exclusivity(text)
    find_revenue_share(text)
    find_term_end_year(text)
    find_stake_pct(text)
    parse_percent(text)
    assert time.process_time() - began < 1.0
