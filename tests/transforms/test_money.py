"""Money figures: signs and words, scales, ranges, qualifiers, periods, conversions, round trips."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.money import (
    FORMAT_STYLES,
    Money,
    find_money,
    find_vague_amounts,
    format_money,
    parse_money,
)

B, M = 1e9, 1e6


def only(text: str) -> Money:
    found = find_money(text)
    assert len(found) == 1, found
    money = found[0]
    assert text[money.start : money.end] == money.text
    return money


@pytest.mark.parametrize(
    ("text", "written", "currency", "value"),
    [
        ("$650M", "$650M", "USD", 650 * M),
        ("$650 million", "$650 million", "USD", 650 * M),
        ("$650 mln", "$650 mln", "USD", 650 * M),
        ("$650mn", "$650mn", "USD", 650 * M),
        ("US$1.5bn", "US$1.5bn", "USD", 1.5 * B),
        ("US$ 1.5 billion", "US$ 1.5 billion", "USD", 1.5 * B),
        ("USD 500 million", "USD 500 million", "USD", 500 * M),
        ("$13 billion", "$13 billion", "USD", 13 * B),
        ("$5 Billion", "$5 Billion", "USD", 5 * B),
        ("$5 BN", "$5 BN", "USD", 5 * B),
        ("$4B", "$4B", "USD", 4 * B),
        ("$5 B", "$5 B", "USD", 5 * B),
        ("$500k", "$500k", "USD", 500e3),
        ("$1.5 trillion", "$1.5 trillion", "USD", 1.5e12),
        ("$2.75bn", "$2.75bn", "USD", 2.75 * B),
        ("$0.5bn", "$0.5bn", "USD", 0.5 * B),
        ("$10.5 billion", "$10.5 billion", "USD", 10.5 * B),
        ("$1,500,000", "$1,500,000", "USD", 1_500_000),
        ("$ 10 billion", "$ 10 billion", "USD", 10 * B),
        ("a $3.5-billion deal", "$3.5-billion", "USD", 3.5 * B),
        ("a $10-million round", "$10-million", "USD", 10 * M),
        ("1.5 billion dollars", "1.5 billion dollars", "USD", 1.5 * B),
        ("1.5 billion US dollars", "1.5 billion US dollars", "USD", 1.5 * B),
        ("€15 million", "€15 million", "EUR", 15 * M),
        ("EUR 5 million", "EUR 5 million", "EUR", 5 * M),
        ("1.5 billion euros", "1.5 billion euros", "EUR", 1.5 * B),
        ("£500m", "£500m", "GBP", 500 * M),
        ("¥100 billion", "¥100 billion", "JPY", 100 * B),
        ("CHF 1bn", "CHF 1bn", "CHF", 1 * B),
        ("SEK 3 billion", "SEK 3 billion", "SEK", 3 * B),
        ("C$2 billion", "C$2 billion", "CAD", 2 * B),
        ("A$2 billion", "A$2 billion", "AUD", 2 * B),
        ("Rs 500 crore", "Rs 500 crore", "INR", 5 * B),
        ("₹500 crore", "₹500 crore", "INR", 5 * B),
        ("It raised $1.5bn.", "$1.5bn", "USD", 1.5 * B),
        ("The $10bn deal", "$10bn", "USD", 10 * B),
        ("$2M Series A", "$2M", "USD", 2 * M),
        ("$650 M.", "$650 M", "USD", 650 * M),
        ("$4 billion to Anthropic", "$4 billion", "USD", 4 * B),
        ("$20 billion over 10 years", "$20 billion", "USD", 20 * B),
        ("$5 million in 2024", "$5 million", "USD", 5 * M),
    ],
)
def test_single_figures(text: str, written: str, currency: str, value: float) -> None:
    money = only(text)
    assert (money.text, money.currency, money.value) == (written, currency, value)
    assert money.low == money.high == value
    assert not money.is_range and money.qualifier is None and money.per_period is None
    assert money.usd_value == (value if currency == "USD" else None)
    assert money.is_usd == (currency == "USD")


@pytest.mark.parametrize(
    ("text", "written", "value", "qualifier"),
    [
        ("up to $4 billion", "up to $4 billion", 4 * B, "up to"),
        ("Amazon will invest up to $4 billion.", "up to $4 billion", 4 * B, "up to"),
        ("as much as $2 billion", "as much as $2 billion", 2 * B, "as much as"),
        ("more than $10 billion", "more than $10 billion", 10 * B, "more than"),
        ("about $1.5 billion", "about $1.5 billion", 1.5 * B, "about"),
        ("nearly $1bn", "nearly $1bn", 1 * B, "nearly"),
        ("at least $500m", "at least $500m", 500 * M, "at least"),
        ("in excess of $3bn", "in excess of $3bn", 3 * B, "in excess of"),
        # A reporting hedge is not a qualifier of the amount and is left out of its text.
        ("an estimated $2 billion", "$2 billion", 2 * B, None),
        ("reportedly $2 billion", "$2 billion", 2 * B, None),
        ("a reported $2 billion", "$2 billion", 2 * B, None),
    ],
)
def test_qualifiers(text: str, written: str, value: float, qualifier: str | None) -> None:
    money = only(text)
    assert (money.text, money.value, money.qualifier) == (written, value, qualifier)


@pytest.mark.parametrize(
    ("text", "written", "value", "currency", "usd", "qualifier"),
    [
        (
            "roughly half a billion dollars",
            "roughly half a billion dollars",
            500 * M,
            "USD",
            500 * M,
            "roughly",
        ),
        ("half a billion dollars", "half a billion dollars", 500 * M, "USD", 500 * M, None),
        (
            "a quarter of a billion dollars",
            "a quarter of a billion dollars",
            250 * M,
            "USD",
            250 * M,
            None,
        ),
        (
            "nearly a quarter of a billion dollars",
            "nearly a quarter of a billion dollars",
            250 * M,
            "USD",
            250 * M,
            "nearly",
        ),
        ("half a million euros", "half a million euros", 500e3, "EUR", None, None),
        (
            "about half a billion pounds",
            "about half a billion pounds",
            500 * M,
            "GBP",
            None,
            "about",
        ),
        (
            "a financing round of roughly half a billion dollars for X-energy",
            "roughly half a billion dollars",
            500 * M,
            "USD",
            500 * M,
            "roughly",
        ),
    ],
)
def test_fractions_of_a_scale_word(
    text: str, written: str, value: float, currency: str, usd: float | None, qualifier: str | None
) -> None:
    money = only(text)
    assert (money.text, money.value, money.currency, money.usd_value, money.qualifier) == (
        written,
        value,
        currency,
        usd,
        qualifier,
    )
    assert money.low == money.high == value and not money.is_range


@pytest.mark.parametrize(
    "text", ["half a billion", "It raised half a billion.", "a quarter of a million users"]
)
def test_a_fraction_without_a_currency_word_is_no_figure(text: str) -> None:
    assert find_money(text) == []


@pytest.mark.parametrize(
    ("text", "written", "low", "high"),
    [
        ("$10-12 billion", "$10-12 billion", 10 * B, 12 * B),
        ("$10–12 billion", "$10–12 billion", 10 * B, 12 * B),
        ("$10 - $12 billion", "$10 - $12 billion", 10 * B, 12 * B),
        ("$10 billion to $12 billion", "$10 billion to $12 billion", 10 * B, 12 * B),
        ("between $1bn and $2bn", "between $1bn and $2bn", 1 * B, 2 * B),
        ("between $1 billion and $2 billion", "between $1 billion and $2 billion", 1 * B, 2 * B),
        ("between €1bn and €2bn", "between €1bn and €2bn", 1 * B, 2 * B),
        ("€1-2 billion", "€1-2 billion", 1 * B, 2 * B),
        ("$2bn-$3bn", "$2bn-$3bn", 2 * B, 3 * B),
        ("$2-3bn", "$2-3bn", 2 * B, 3 * B),
        ("$3 to $4 billion", "$3 to $4 billion", 3 * B, 4 * B),
        ("$500 million to $1 billion", "$500 million to $1 billion", 500 * M, 1 * B),
        ("$1.5 billion-2 billion", "$1.5 billion-2 billion", 1.5 * B, 2 * B),
    ],
)
def test_ranges(text: str, written: str, low: float, high: float) -> None:
    money = only(text)
    assert (money.text, money.low, money.high, money.is_range) == (written, low, high, True)
    assert money.value == low


def test_up_to_a_range_gives_its_top() -> None:
    money = only("up to $10-12 billion")
    assert (money.value, money.low, money.high, money.qualifier) == (
        12 * B,
        10 * B,
        12 * B,
        "up to",
    )


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        (
            "Microsoft will invest up to $5 billion and Nvidia up to $10 billion",
            [("up to $5 billion", 5 * B), ("up to $10 billion", 10 * B)],
        ),
        ("$5 billion and 20 percent", [("$5 billion", 5 * B)]),
        ("between $5 billion and 20 percent", [("$5 billion", 5 * B)]),
        ("$5 billion and $6 billion", [("$5 billion", 5 * B), ("$6 billion", 6 * B)]),
        (
            "$10 billion and 20 million euros",
            [("$10 billion", 10 * B), ("20 million euros", 20 * M)],
        ),
        ("$10bn and up to $20bn", [("$10bn", 10 * B), ("up to $20bn", 20 * B)]),
        ("$5 billion, up to $10 billion", [("$5 billion", 5 * B), ("up to $10 billion", 10 * B)]),
        # A second number that is smaller, a year, or a count is not the top of a range.
        ("cut from $3 billion to $2 billion", [("$3 billion", 3 * B), ("$2 billion", 2 * B)]),
        ("spend $1 billion to 2030", [("$1 billion", 1 * B)]),
        ("$5 billion - 2,000 jobs", [("$5 billion", 5 * B)]),
        ("€1 billion to $2 billion", [("€1 billion", 1 * B), ("$2 billion", 2 * B)]),
        ("$1$1$1", [("$1", 1), ("$1", 1), ("$1", 1)]),
        ("in two years 500 million users paid $5", [("$5", 5)]),
        ("Europe 5 million and $2 million", [("$2 million", 2 * M)]),
        ("It paid $5 T-shirts and $30 M&A fees", [("$5", 5), ("$30", 30)]),
    ],
)
def test_several_figures(text: str, figures: list[tuple[str, float]]) -> None:
    found = find_money(text)
    assert [(m.text, m.value) for m in found] == figures
    assert not any(m.is_range for m in found)
    for m in found:
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("$60 million a year", "year"),
        ("$100 million per year", "year"),
        ("$1bn annually", "year"),
        ("$1bn each year", "year"),
        ("$5 billion-a-year deal", "year"),
        ("£5bn-a-year", "year"),
        ("$5bn/year", "year"),
        ("$5bn / yr", "year"),
        ("more than $10 billion a year", "year"),
        ("$2 million a month", "month"),
        ("$1bn every month", "month"),
        ("$60 million a year ago", None),
        ("$60m a year earlier", None),
        ("$60m a year later", None),
        ("$60 million in a year", None),
    ],
)
def test_per_period(text: str, period: str | None) -> None:
    money = find_money(text)[0]
    assert money.per_period == period
    assert "year" not in money.text and "month" not in money.text


@pytest.mark.parametrize(
    ("text", "written", "currency", "value", "usd"),
    [
        (
            "€1.3 billion (about $1.5 billion)",
            "€1.3 billion (about $1.5 billion)",
            "EUR",
            1.3 * B,
            1.5 * B,
        ),
        (
            "€15 million ($16.3 million) round",
            "€15 million ($16.3 million)",
            "EUR",
            15 * M,
            16.3 * M,
        ),
        ("£1bn (US$1.3bn)", "£1bn (US$1.3bn)", "GBP", 1 * B, 1.3 * B),
        (
            "€1.3 billion ( roughly $1.5 billion )",
            "€1.3 billion ( roughly $1.5 billion )",
            "EUR",
            1.3 * B,
            1.5 * B,
        ),
    ],
)
def test_dollar_conversion(
    text: str, written: str, currency: str, value: float, usd: float
) -> None:
    money = only(text)
    assert (money.text, money.currency, money.value, money.usd_value) == (
        written,
        currency,
        value,
        usd,
    )


@pytest.mark.parametrize(
    "text",
    [
        "€15 million or $16.3 million",  # not bracketed: two figures
        "€15 million, while Google paid ($16.3 million)",  # too far apart
    ],
)
def test_no_conversion_without_brackets_next_to_it(text: str) -> None:
    found = find_money(text)
    assert [m.currency for m in found] == ["EUR", "USD"]
    assert found[0].usd_value is None


@pytest.mark.parametrize(
    "text",
    [
        "10 GW",
        "2024",
        "in 2024",
        "350,000 GPUs",
        "20 percent",
        "a 20% stake",
        "billions of dollars",
        "tens of billions of dollars",
        "hundreds of millions",
        "several billion dollars",
        "in two years 500 million users",
        "Europe 5 million",
        "decade 5",
        "hers 5 billion",
        "the $ sign",
        "",
        "$",
        "US$",
        "$ billion",
        "$1" + "0" * 400,  # beyond any float: not an amount
        "1" * 400 + " dollars",
    ],
)
def test_not_money(text: str) -> None:
    assert find_money(text) == []
    assert parse_money(text) is None


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("billions of dollars", ["billions of dollars"]),
        ("tens of billions", ["tens of billions"]),
        ("hundreds of millions of dollars", ["hundreds of millions of dollars"]),
        ("spent billions on chips", ["billions"]),
        ("$5 billion", []),
    ],
)
def test_vague_amounts(text: str, spans: list[str]) -> None:
    assert [text[a:b] for a, b in find_vague_amounts(text)] == spans


def test_parse_money_returns_the_first_figure() -> None:
    money = parse_money("It paid $2 billion, then €1 billion.")
    assert money is not None and (money.text, money.value) == ("$2 billion", 2 * B)


@pytest.mark.parametrize(
    ("value", "currency", "style", "written"),
    [
        (1.5e9, "USD", "word", "$1.5 billion"),
        (1.5e9, "USD", "short", "$1.5bn"),
        (1.5e9, "USD", "usd_prefix", "US$1.5bn"),
        (650e6, "USD", "short", "$650M"),
        (15e6, "EUR", "word", "€15 million"),
        (15e6, "EUR", "usd_prefix", "€15 million"),
        (2e12, "GBP", "word", "£2 trillion"),
        (1e9, "CHF", "short", "CHF 1bn"),
        (1234.5, "USD", "word", "$1,234.5"),
        (500_000, "JPY", "short", "¥500,000"),
        (1234567.891, "USD", "word", "$1.234567891 million"),
    ],
)
def test_format_money(value: float, currency: str, style: str, written: str) -> None:
    assert format_money(value, currency, style) == written


ROUND_TRIP_CURRENCIES = ["USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "INR", "KRW", "CNY"]


@settings(max_examples=300, deadline=None)
@given(
    st.floats(min_value=1e3, max_value=1e13, allow_nan=False, allow_infinity=False),
    st.sampled_from(ROUND_TRIP_CURRENCIES),
    st.sampled_from(FORMAT_STYLES),
    st.sampled_from(["", "It paid ", "Acme raised "]),
    st.sampled_from(["", ".", " in cash.", ", the company said"]),
)
def test_format_then_find_round_trips(
    value: float, currency: str, style: str, before: str, after: str
) -> None:
    written = format_money(value, currency, style)
    found = find_money(f"{before}{written}{after}")
    assert len(found) == 1, (written, found)
    assert found[0].value == pytest.approx(value, rel=1e-9)
    assert found[0].currency == currency
    assert found[0].text == written


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("$€£ 0123456789.,-–bmkBMK to and between(~)")), max_size=60
    )
)
def test_spans_index_the_text_and_ranges_are_ordered(text: str) -> None:
    for money in find_money(text):
        assert text[money.start : money.end] == money.text
        assert money.low <= money.value <= money.high
        assert money.is_range or money.low == money.high


@pytest.mark.parametrize(
    "text",
    [
        "1" * 100_000,
        "1," * 50_000,
        "$" * 50_000,
        "$1" * 20_000,
        "€" * 50_000,
        "1" * 100_000 + " dollars",
        "$1" + "0" * 100_000,
        "between " * 20_000 + "$1",
        "up to " * 20_000 + "$1",
    ],
)
def test_linear_time_on_adversarial_text(text: str) -> None:
    began = time.process_time()
    find_money(text)
    find_vague_amounts(text)
    assert time.process_time() - began < 1.0
