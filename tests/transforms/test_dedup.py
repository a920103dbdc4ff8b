"""Syndicated copies on other sites are linked to the original; nothing else is."""

from __future__ import annotations

from datetime import UTC, date, datetime

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.dedup import link_near_duplicates

STORY = (
    "Meta has signed an agreement worth about $14.2 billion with CoreWeave for cloud computing "
    "capacity, CoreWeave disclosed in a filing on Tuesday. The contract runs through December "
    "2031, with an option for Meta to expand it, and gives the social media company access to "
    "Nvidia's latest systems in CoreWeave's data centres."
)
OTHER = (
    "AMD and OpenAI announced a deal under which OpenAI will deploy six gigawatts of AMD "
    "Instinct processors over several years, starting with one gigawatt in 2026, and AMD granted "
    "OpenAI a warrant for up to 160 million shares that vest as milestones are met."
)
AT = datetime(2025, 10, 1, tzinfo=UTC)


def frame(rows: list[tuple[str, str, str, date | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "article_id": [r[0] for r in rows],
            "article_url": [r[1] for r in rows],
            "text": [r[2] for r in rows],
            "published_on": [r[3] for r in rows],
            "ingested_at": [AT] * len(rows),
        },
        schema_overrides={"published_on": pl.Date},
    )


ROWS = [
    ("a" * 16, "https://ledger.example/meta-coreweave", STORY, date(2025, 9, 30)),
    ("b" * 16, "https://wire.example/meta", STORY + " This story first ran elsewhere.", date(2025, 10, 1)),
    ("c" * 16, "https://ledger.example/amd-openai", OTHER, date(2025, 10, 6)),
    ("d" * 16, "https://ledger.example/meta-again", STORY, date(2025, 10, 2)),
]  # fmt: skip


def links(rows: list[tuple[str, str, str, date | None]]) -> dict[str, str | None]:
    out = link_near_duplicates(frame(rows))
    return dict(zip(out["article_id"], out["duplicate_of"], strict=True))


def test_a_copy_on_another_site_points_at_the_earliest_original() -> None:
    found = links(ROWS)
    assert found["b" * 16] == "a" * 16
    assert found["a" * 16] is None and found["c" * 16] is None
    # the same text twice on one site is that site's business, but it joins the story through b
    assert found["d" * 16] == "a" * 16


def test_one_site_alone_has_no_copies() -> None:
    assert set(links([ROWS[0], ROWS[3]]).values()) == {None}


def test_short_texts_are_never_linked() -> None:
    short = [("e" * 16, "https://x.example/a", "Nvidia invests in Mistral.", None),
             ("f" * 16, "https://y.example/a", "Nvidia invests in Mistral.", None)]  # fmt: skip
    assert set(links(short).values()) == {None}


@settings(max_examples=20, deadline=None)
@given(st.permutations(ROWS))
def test_links_do_not_depend_on_input_order(rows: list[tuple[str, str, str, date | None]]) -> None:
    assert links(list(rows)) == links(ROWS)
