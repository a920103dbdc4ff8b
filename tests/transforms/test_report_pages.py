"""The dataset pages' content: counts, rankings, the chart, the changes, and escaping."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import polars as pl
import pytest

from transforms.report_pages import (
    VersionFacts,
    counts_by_type_over_time,
    format_usd,
    index_page,
    largest_deals,
    most_active_parties,
    stacked_bars,
    version_page,
)
from transforms.schemas import DEALS

HOSTILE = "<script>alert(1)</script>"


def deal(deal_id: str, parties: list[str], deal_type: str, **extra: Any) -> dict[str, Any]:
    return {
        "deal_id": deal_id,
        "deal_type": deal_type,
        "parties": parties,
        "party_roles": ["party"] * len(parties),
        "is_reported": False,
        "confidence": 0.9,
        "mention_count": 1,
        "article_count": 1,
        "mention_ids": [f"m-{deal_id}"],
        "source_urls": [f"https://news.example.com/{deal_id}"],
        "conflicting_values": [],
        **extra,
    }


def deals() -> pl.DataFrame:
    return DEALS.from_records(
        [
            deal("d1", ["Microsoft", "OpenAI"], "investment", amount_usd=10e9,
                 amount_text="$10 billion", announced_on=date(2023, 1, 23)),
            deal("d2", ["Amazon", "Anthropic"], "investment", amount_usd=4e9,
                 announced_on=date(2023, 9, 25)),
            deal("d3", ["Anthropic", "Google"], "cloud_compute", announced_on=date(2023, 8, 1)),
            deal("d4", [HOSTILE, "Nvidia"], "investment", amount_usd=2e9,
                 amount_text=f"{HOSTILE} $2 billion", first_seen_on=date(2025, 9, 10),
                 source_urls=["javascript:alert(2)", "https://news.example.com/d4"]),
            deal("d5", ["Anthropic", "Broadcom"], "chip_supply"),
        ]
    )  # fmt: skip


def facts(**extra: Any) -> VersionFacts:
    base: dict[str, Any] = {
        "version": 3,
        "created_at": "2025-10-01T06:00:00+00:00",
        "previous_version": 2,
        "rows": {"articles": 7, "deal_mentions": 9, "deals": 5, "quarantine": 1},
        "validation": {
            "outcome": "passed with rows quarantined",
            "tables": {"deals": {"expectations": 41, "failed": ["x"], "quarantined": 1}},
        },
        "added": ("d4",),
        "changed": ("d1",),
        "removed": ("d0",),
    }
    return VersionFacts(**{**base, **extra})


def test_counts_by_type_over_time_group_by_quarter_with_undated_last() -> None:
    counts = counts_by_type_over_time(deals())
    assert counts.rows() == [
        ("2023-Q1", "investment", 1),
        ("2023-Q3", "cloud_compute", 1),
        ("2023-Q3", "investment", 1),
        ("2025-Q3", "investment", 1),  # no announcement date: the first article's
        ("undated", "chip_supply", 1),
    ]


def test_stacked_bars_keep_the_dictionary_order_of_types() -> None:
    bars = stacked_bars(counts_by_type_over_time(deals()))
    assert [b.period for b in bars] == ["2023-Q1", "2023-Q3", "2025-Q3", "undated"]
    assert bars[1].counts == (("investment", 1), ("cloud_compute", 1)) and bars[1].total == 2


def test_largest_deals_skip_unknown_amounts_largest_first() -> None:
    assert largest_deals(deals(), 2)["deal_id"].to_list() == ["d1", "d2"]
    assert largest_deals(deals())["deal_id"].to_list() == ["d1", "d2", "d4"]


def test_most_active_parties_count_deals_and_sum_known_amounts() -> None:
    top = most_active_parties(deals(), 3)
    # Ties on deals are broken by the known amounts, then by name.
    assert top.rows() == [("Anthropic", 3, 4e9), ("Microsoft", 1, 10e9), ("OpenAI", 1, 10e9)]
    everyone = most_active_parties(deals(), 20)
    assert dict(zip(everyone["party"], everyone["deals"], strict=True))[HOSTILE] == 1
    assert everyone.filter(pl.col("party") == "Broadcom").row(0) == ("Broadcom", 1, None)


@pytest.mark.parametrize(
    ("amount", "text"),
    [(None, ""), (750_000, "$750,000"), (40e6, "$40 million"), (2.5e9, "$2.5 billion"),
     (1.25e12, "$1.25 trillion"), (17.4e9, "$17.4 billion")],
)  # fmt: skip
def test_format_usd(amount: float | None, text: str) -> None:
    assert format_usd(amount) == text


def test_version_page_shows_counts_chart_rankings_changes_and_validation() -> None:
    previous = DEALS.from_records([deal("d0", ["Meta", "Scale AI"], "acquihire")])
    html = version_page(
        facts(),
        deals(),
        previous,
        data_docs_href="../data_docs/index.html",
        index_href="../index.html",
    )
    assert '<strong id="deal-count">5</strong>' in html
    segments = re.findall(r'<rect class="segment" data-deal-type="(\w+)" data-count="(\d+)"', html)
    assert sorted(segments) == sorted(
        [("investment", "1"), ("cloud_compute", "1"), ("investment", "1"), ("investment", "1"),
         ("chip_supply", "1")]
    )  # fmt: skip
    assert re.findall(r'data-period="([^"]+)" data-total="(\d+)"', html) == [
        ("2023-Q1", "1"), ("2023-Q3", "2"), ("2025-Q3", "1"), ("undated", "1")
    ]  # fmt: skip
    largest = html.split('id="largest-deals"')[1].split("</table>")[0]
    assert largest.index("$10 billion") < largest.index("$4 billion") < largest.index("$2 billion")
    assert '<span id="added-count">1</span>' in html and '<span id="removed-count">1</span>' in html
    assert "Meta, Scale AI (acquihire)" in html  # a removed deal, described from the previous one
    assert "Microsoft, OpenAI (investment): $10 billion, 2023-01-23" in html
    assert 'href="v000002.html"' in html
    assert 'id="validation-outcome" class="passed">passed with rows quarantined<' in html
    assert '<a id="data-docs" href="../data_docs/index.html">' in html


def test_everything_from_articles_is_escaped() -> None:
    html = version_page(
        facts(), deals(), deals().clear(), data_docs_href="d.html", index_href="i.html"
    )
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    assert 'href="javascript:' not in html  # only http(s) URLs become links
    assert 'href="https://news.example.com/d4"' in html


def test_a_version_without_deals_renders() -> None:
    html = version_page(
        facts(added=(), changed=(), removed=(), previous_version=None),
        DEALS.empty(),
        DEALS.empty(),
        data_docs_href="d.html",
        index_href="i.html",
    )
    assert "No deals in this version." in html and "first version" in html


def test_index_lists_every_version_newest_first_with_links() -> None:
    html = index_page(
        [facts(version=0, previous_version=None), facts(version=2), facts(version=1)],
        data_docs_href="data_docs/index.html",
    )
    assert re.findall(r'<tr data-version="(\d+)">', html) == ["2", "1", "0"]
    assert 'href="versions/v000002.html"' in html
    assert '<a id="data-docs" href="data_docs/index.html">' in html


def test_facts_come_from_a_manifest_and_its_changelog() -> None:
    manifest = {
        "version": 4,
        "previous_version": 3,
        "created_at": "2025-10-02T06:00:00+00:00",
        "extractor_version": "rules-1.0",
        "tables": {"deals": {"rows": 12, "delta_version": 4}},
        "validation": {"outcome": "passed"},
    }
    read = VersionFacts.from_manifest(manifest, {"added": ["a"], "changed": [], "removed": ["r"]})
    assert (read.version, read.previous_version, read.rows) == (4, 3, {"deals": 12})
    assert (read.added, read.removed, read.validation["outcome"]) == (("a",), ("r",), "passed")
