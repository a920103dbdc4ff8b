"""Suite for ``articles``: one row per article."""

from __future__ import annotations

from datetime import date

import polars as pl

from expectations.common import Check, required_checks, schema_check, type_checks
from transforms.articles import PUBLISHED_ORIGINS

TABLE = "articles"


def prepare(articles: pl.DataFrame, *, today: date) -> pl.DataFrame:
    """Derived boolean checks, computed in polars before the hop to pandas."""
    return articles.with_columns(
        check_published_not_in_future=pl.col("published_on").is_null()
        | (pl.col("published_on") <= pl.lit(today)),
        check_text_chars_match=pl.col("text").str.len_chars() == pl.col("text_chars"),
    )


def checks() -> list[Check]:
    import great_expectations.expectations as gxe

    return [
        *schema_check(TABLE),
        *type_checks(TABLE),
        *required_checks(TABLE),
        Check(gxe.ExpectColumnValuesToBeUnique(column="article_id"), "table", "article_id"),
        Check(gxe.ExpectColumnValuesToBeUnique(column="article_url"), "table", "article_url"),
        Check(
            gxe.ExpectColumnValuesToMatchRegex(
                column="article_url", regex=r"^[a-z][a-z0-9+.-]*://\S+$"
            ),
            "row",
            "article_url",
        ),
        Check(
            gxe.ExpectColumnValuesToBeBetween(column="text_chars", min_value=1), "row", "text_chars"
        ),
        Check(
            gxe.ExpectColumnValuesToMatchRegex(column="content_hash", regex=r"^[0-9a-f]{64}$"),
            "row",
            "content_hash",
        ),
        Check(
            gxe.ExpectColumnValuesToBeInSet(
                column="check_published_not_in_future", value_set=[True]
            ),
            "row",
            "check_published_not_in_future",
        ),
        Check(
            gxe.ExpectColumnValuesToBeInSet(column="check_text_chars_match", value_set=[True]),
            "row",
            "check_text_chars_match",
        ),
        Check(
            gxe.ExpectColumnValuesToBeInSet(
                column="published_origin", value_set=list(PUBLISHED_ORIGINS)
            ),
            "row",
            "published_origin",
        ),
        Check(
            gxe.ExpectColumnValuesToMatchRegex(column="duplicate_of", regex=r"^[0-9a-f]{16}$"),
            "row",
            "duplicate_of",
        ),
    ]
