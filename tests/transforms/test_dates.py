"""Date phrases resolved against the publication date, at the precision the text supports."""

from __future__ import annotations

import itertools
import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.dates import DateMention, find_dates

TUE = date(2025, 1, 21)  # a Tuesday in January
FRI = date(2025, 1, 24)  # the Friday of the same week
JUL = date(2025, 7, 15)  # a Tuesday in July
APR = date(2025, 4, 2)
MAR = date(2025, 3, 10)


def one(text: str, published: date | None) -> tuple[str, str, str]:
    found = find_dates(text, published)
    assert len(found) == 1, found
    d = found[0]
    assert text[d.start : d.end] == d.text
    return d.text, d.value.isoformat(), d.precision


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # weekdays: the most recent one, the publication day included
        ("Microsoft announced Tuesday it will invest", TUE, ("Tuesday", "2025-01-21", "day")),
        ("It said on Tuesday", TUE, ("on Tuesday", "2025-01-21", "day")),
        ("It said on Thursday", FRI, ("on Thursday", "2025-01-23", "day")),
        ("It said on Friday", FRI, ("on Friday", "2025-01-24", "day")),
        ("It said on Sunday", TUE, ("on Sunday", "2025-01-19", "day")),
        ("last Tuesday", TUE, ("last Tuesday", "2025-01-14", "day")),
        ("this past Tuesday", TUE, ("this past Tuesday", "2025-01-14", "day")),
        ("Tuesday's deal", TUE, ("Tuesday", "2025-01-21", "day")),
        ("yesterday", TUE, ("yesterday", "2025-01-20", "day")),
        ("today", TUE, ("today", "2025-01-21", "day")),
        # months without a year: the most recent such month
        ("last March", TUE, ("last March", "2024-03-01", "month")),
        ("last March", MAR, ("last March", "2024-03-01", "month")),
        ("in March", MAR, ("in March", "2025-03-01", "month")),
        ("back in June", TUE, ("back in June", "2024-06-01", "month")),
        ("in June", JUL, ("in June", "2025-06-01", "month")),
        ("in June", TUE, ("in June", "2024-06-01", "month")),
        ("in January", TUE, ("in January", "2025-01-01", "month")),
        ("last January", TUE, ("last January", "2024-01-01", "month")),
        ("last May", JUL, ("last May", "2024-05-01", "month")),
        ("last June", JUL, ("last June", "2024-06-01", "month")),
        ("last March", JUL, ("last March", "2025-03-01", "month")),
        ("this past May", JUL, ("this past May", "2025-05-01", "month")),
        ("in early March", TUE, ("in early March", "2024-03-01", "month")),
        ("early March", TUE, ("early March", "2024-03-01", "month")),
        ("mid-March", TUE, ("mid-March", "2024-03-01", "month")),
        ("late May", JUL, ("late May", "2025-05-01", "month")),
        ("A $4bn add-on followed in May.", JUL, ("in May", "2025-05-01", "month")),
        ("raised in May last year", JUL, ("May last year", "2024-05-01", "month")),
        # periods relative to the publication date
        ("earlier this year", JUL, ("earlier this year", "2025-01-01", "year")),
        ("last year", JUL, ("last year", "2024-01-01", "year")),
        ("late last year", TUE, ("late last year", "2024-01-01", "year")),
        ("the previous year", TUE, ("the previous year", "2024-01-01", "year")),
        ("a year ago", TUE, ("a year ago", "2024-01-01", "year")),
        ("last week", TUE, ("last week", "2025-01-01", "month")),
        ("last week", date(2025, 2, 3), ("last week", "2025-01-01", "month")),
        ("this week", TUE, ("this week", "2025-01-01", "month")),
        ("last month", TUE, ("last month", "2024-12-01", "month")),
        ("earlier this month", TUE, ("earlier this month", "2025-01-01", "month")),
        ("two months ago", TUE, ("two months ago", "2024-11-01", "month")),
        ("12 months ago", TUE, ("12 months ago", "2024-01-01", "month")),
        ("three weeks ago", TUE, ("three weeks ago", "2024-12-01", "month")),
        ("last quarter", TUE, ("last quarter", "2024-10-01", "quarter")),
        ("this quarter", JUL, ("this quarter", "2025-07-01", "quarter")),
        # quarters: precision quarter, value the first month of the quarter
        ("in the third quarter", JUL, ("in the third quarter", "2025-07-01", "quarter")),
        ("in the third quarter", TUE, ("in the third quarter", "2024-07-01", "quarter")),
        ("in the second quarter", APR, ("in the second quarter", "2025-04-01", "quarter")),
        ("Q3", APR, ("Q3", "2024-07-01", "quarter")),
        ("Q3 2024", TUE, ("Q3 2024", "2024-07-01", "quarter")),
        (
            "in the fourth quarter of 2024",
            TUE,
            ("in the fourth quarter of 2024", "2024-10-01", "quarter"),
        ),
        ("the 1st quarter of 2023", TUE, ("the 1st quarter of 2023", "2023-01-01", "quarter")),
        # absolute dates
        ("Sept. 25", TUE, ("Sept. 25", "2024-09-25", "day")),
        ("Sept. 25, 2024", TUE, ("Sept. 25, 2024", "2024-09-25", "day")),
        ("on Jan. 21", TUE, ("Jan. 21", "2025-01-21", "day")),
        ("on Jan. 22", TUE, ("Jan. 22", "2024-01-22", "day")),
        ("Dec. 31", TUE, ("Dec. 31", "2024-12-31", "day")),
        ("May 5", JUL, ("May 5", "2025-05-05", "day")),
        ("4 March 2024", TUE, ("4 March 2024", "2024-03-04", "day")),
        ("the 4th of March 2024", TUE, ("4th of March 2024", "2024-03-04", "day")),
        ("March 4th, 2024", TUE, ("March 4th, 2024", "2024-03-04", "day")),
        ("January 5 2025", TUE, ("January 5 2025", "2025-01-05", "day")),
        ("5 Jan 2025", TUE, ("5 Jan 2025", "2025-01-05", "day")),
        ("2024-03-04", TUE, ("2024-03-04", "2024-03-04", "day")),
        ("February 29", date(2024, 3, 1), ("February 29", "2024-02-29", "day")),
        ("March 2024", TUE, ("March 2024", "2024-03-01", "month")),
        ("In March 2024", TUE, ("March 2024", "2024-03-01", "month")),
        ("mid-March 2024", TUE, ("mid-March 2024", "2024-03-01", "month")),
        ("May 2024", TUE, ("May 2024", "2024-05-01", "month")),
        ("December 2025", TUE, ("December 2025", "2025-12-01", "month")),
        ("in late 2023", TUE, ("in late 2023", "2023-01-01", "year")),
        ("in mid-2024", TUE, ("in mid-2024", "2024-01-01", "year")),
        ("since 2019", TUE, ("since 2019", "2019-01-01", "year")),
        ("in 2030", TUE, ("in 2030", "2030-01-01", "year")),
    ],
)
def test_resolves(text: str, published: date, expected: tuple[str, str, str]) -> None:
    assert one(text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        "announced Tuesday",
        "on Thursday",
        "yesterday",
        "last March",
        "in June",
        "earlier this year",
        "last year",
        "last week",
        "last month",
        "two months ago",
        "in the third quarter",
        "Sept. 25",
        "4 March",
    ],
)
def test_relative_phrases_in_an_undated_article_give_nothing(text: str) -> None:
    assert find_dates(text, None) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sept. 25, 2024", ("Sept. 25, 2024", "2024-09-25", "day")),
        ("4 March 2024", ("4 March 2024", "2024-03-04", "day")),
        ("2024-03-04", ("2024-03-04", "2024-03-04", "day")),
        ("March 2024", ("March 2024", "2024-03-01", "month")),
        ("Q3 2024", ("Q3 2024", "2024-07-01", "quarter")),
        ("in late 2023", ("in late 2023", "2023-01-01", "year")),
    ],
)
def test_absolute_dates_in_an_undated_article_still_parse(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert one(text, None) == expected


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("February 30, 2024", TUE),
        ("February 30, 2024", None),
        ("2024-02-30", TUE),
        ("2024-13-01", TUE),
        ("Feb. 29, 2023", TUE),
        ("31 June 2024", TUE),  # not even the month: the date as written does not exist
        ("June 31", JUL),
        ("Mar 32", TUE),
        ("on March 0", TUE),
        ("Feb 29", date(2025, 3, 1)),
        ("20000 years ago", TUE),
        ("100000 years ago", TUE),
        ("99999999999 weeks ago", TUE),
        ("5000000 months ago", TUE),
        ("yesterday", date.min),
        ("last week", date.min),
        ("last month", date(1, 1, 5)),
        ("last Tuesday", date(1, 1, 2)),
        ("last year", date(1, 6, 1)),
        ("last quarter", date(1, 2, 1)),
        ("last March", date(1, 1, 1)),
        ("in the fourth quarter", date(1, 1, 1)),
    ],
)
def test_impossible_dates_give_nothing_and_never_raise(text: str, published: date | None) -> None:
    assert find_dates(text, published) == []


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("it may rain", JUL),  # month names match capitalised only
        ("prices in may rise", JUL),
        ("next March", TUE),
        ("next week", TUE),
        ("It will close next Monday.", TUE),
        ("on the coming Friday", TUE),
        ("in 20 days", TUE),
        ("2021's deal", TUE),
        ("$2024", TUE),
        ("20 percent", TUE),
        ("Tuesdays are busy", TUE),
    ],
)
def test_not_dates(text: str, published: date) -> None:
    assert find_dates(text, published) == []


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "on Monday, March 3",
            JUL,
            [("on Monday", "2025-07-14", "day"), ("March 3", "2025-03-03", "day")],
        ),
        (
            "in 2019 and in 2020",
            TUE,
            [("in 2019", "2019-01-01", "year"), ("in 2020", "2020-01-01", "year")],
        ),
        (
            "2024-02-30, then in March 2024",
            TUE,
            [("March 2024", "2024-03-01", "month")],
        ),
        # the longest of overlapping readings wins
        (
            "in the fourth quarter of 2024",
            TUE,
            [("in the fourth quarter of 2024", "2024-10-01", "quarter")],
        ),
    ],
)
def test_several_dates_in_order(
    text: str, published: date, expected: list[tuple[str, str, str]]
) -> None:
    found = find_dates(text, published)
    assert [(d.text, d.value.isoformat(), d.precision) for d in found] == expected


def test_mentions_are_frozen() -> None:
    mention = find_dates("March 2024", None)[0]
    assert isinstance(mention, DateMention)
    with pytest.raises(AttributeError):
        mention.precision = "day"  # type: ignore[misc]


PHRASES = st.sampled_from(
    [
        "on Tuesday", "last Friday", "yesterday", "today", "last March", "in June", "back in May",
        "Sept. 25", "Dec. 31", "Feb 29", "June 31", "4 March 2024", "2024-03-04", "March 2024",
        "in the third quarter", "Q4", "last week", "two months ago", "earlier this year", "in 2019",
        "February 30, 2024", "99 years ago", " ", ", ", " and ", "x", "May", "2030",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(PHRASES, max_size=8).map("".join),
    st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))),
)
def test_day_dates_never_after_publication_and_spans_index_the_text(
    text: str, published: date | None
) -> None:
    found = find_dates(text, published)
    for d in found:
        assert text[d.start : d.end] == d.text
        assert d.precision in {"day", "month", "quarter", "year"}
        if published is not None and d.precision == "day":
            assert d.value <= published
        if d.precision != "day":
            assert d.value.day == 1
        if d.precision == "quarter":
            assert d.value.month in {1, 4, 7, 10}
        if d.precision == "year":
            assert d.value.month == 1
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.dates()))
def test_arbitrary_text_never_raises(text: str, published: date | None) -> None:
    for d in find_dates(text, published):
        assert text[d.start : d.end] == d.text


@pytest.mark.parametrize(
    "text",
    [
        "1" * 100_000,
        "in " * 30_000,
        "in" + " " * 100_000 + "x",
        "Q" * 100_000,
        "2024-" * 20_000,
        "March " * 20_000,
        "last " * 20_000,
        "Sept. " * 20_000,
    ],
)
def test_linear_time_on_adversarial_text(text: str) -> None:
    began = time.process_time()
    find_dates(text, TUE)
    assert time.process_time() - began < 1.0
