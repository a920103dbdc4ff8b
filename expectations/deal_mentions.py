"""Suite for ``deal_mentions``: one row per deal per article.

Nothing is published that the source does not say: every evidence span must equal the article
text at its offsets, and a deal needs at least two distinct parties.
"""

from __future__ import annotations

import polars as pl

from expectations.common import Check, required_checks, schema_check, type_checks
from transforms.schemas import (
    ALLOWED_CURRENCIES,
    ALLOWED_DEAL_TYPES,
    ALLOWED_EXCLUSIVITY,
    ALLOWED_PRECISIONS,
)

TABLE = "deal_mentions"
MAX_AMOUNT_USD = 1e13  # ten trillion dollars


def prepare(
    mentions: pl.DataFrame, articles: pl.DataFrame, *, min_confidence: float
) -> pl.DataFrame:
    """Derived boolean checks against the articles the mentions come from."""
    joined = mentions.join(
        articles.select(
            "article_id", _text=pl.col("text"), article_published_on=pl.col("published_on")
        ),
        on="article_id",
        how="left",
    )
    span = pl.col("_text").str.slice(
        pl.col("evidence_start"), pl.col("evidence_end") - pl.col("evidence_start")
    )
    return joined.with_columns(
        check_article_known=pl.col("_text").is_not_null(),
        check_evidence_matches_text=(
            (pl.col("evidence_start") >= 0)
            & (pl.col("evidence_end") > pl.col("evidence_start"))
            & (span == pl.col("evidence")).fill_null(False)
        ),
        check_announced_not_after_published=pl.col("announced_on").is_null()
        | pl.col("article_published_on").is_null()
        | (pl.col("announced_on") <= pl.col("article_published_on")),
        check_distinct_parties=pl.col("parties")
        .list.eval(pl.element().str.to_lowercase())
        .list.n_unique()
        .cast(pl.Int64),
        check_roles_align=pl.col("parties").list.len() == pl.col("party_roles").list.len(),
        check_amount_bounds_ordered=pl.col("amount_min_usd").is_null()
        | pl.col("amount_max_usd").is_null()
        | (pl.col("amount_min_usd") <= pl.col("amount_max_usd")),
        check_confident=pl.col("confidence") >= min_confidence,
    ).drop("_text")


def _true(column: str, why: str, shows: tuple[str, ...]) -> Check:
    import great_expectations.expectations as gxe

    expectation = gxe.ExpectColumnValuesToBeInSet(column=column, value_set=[True])
    return Check(expectation, "row", column, why=why, shows=shows)


def _positive_amount(column: str) -> Check:
    import great_expectations.expectations as gxe

    return Check(
        gxe.ExpectColumnValuesToBeBetween(
            column=column, min_value=0, max_value=MAX_AMOUNT_USD, strict_min=True, strict_max=True
        ),
        "row",
        column,
        why=f"{column} not above 0 and below 10 trillion USD",
    )


def checks() -> list[Check]:
    import great_expectations.expectations as gxe

    def in_set(column: str, values: tuple[str, ...]) -> Check:
        return Check(
            gxe.ExpectColumnValuesToBeInSet(column=column, value_set=list(values)), "row", column
        )

    def between(column: str, low: float, high: float) -> Check:
        return Check(
            gxe.ExpectColumnValuesToBeBetween(column=column, min_value=low, max_value=high),
            "row",
            column,
            why=f"{column} outside {low:g}..{high:g}",
        )

    return [
        *schema_check(TABLE),
        *type_checks(TABLE),
        *required_checks(TABLE),
        Check(gxe.ExpectColumnValuesToBeUnique(column="mention_id"), "table", "mention_id"),
        in_set("deal_type", ALLOWED_DEAL_TYPES),
        in_set("exclusivity", ALLOWED_EXCLUSIVITY),
        in_set("announced_precision", ALLOWED_PRECISIONS),
        in_set("currency", ALLOWED_CURRENCIES),
        between("revenue_share_pct", 0, 100),
        between("stake_pct", 0, 100),
        between("confidence", 0, 1),
        between("term_end_year", 1990, 2100),
        *(
            _positive_amount(c)
            for c in ("amount_usd", "amount_min_usd", "amount_max_usd", "valuation_usd")
        ),
        Check(
            gxe.ExpectColumnValuesToBeBetween(column="check_distinct_parties", min_value=2),
            "row",
            "check_distinct_parties",
            why="fewer than two distinct parties",
            shows=("parties",),
        ),
        _true("check_article_known", "the article is not published", ("article_id",)),
        _true(
            "check_evidence_matches_text",
            "evidence is not the article text at its offsets",
            ("evidence_start", "evidence_end", "evidence"),
        ),
        _true(
            "check_announced_not_after_published",
            "announced after the article was published",
            ("announced_on", "article_published_on"),
        ),
        _true("check_roles_align", "one role per party expected", ("parties", "party_roles")),
        _true(
            "check_amount_bounds_ordered",
            "amount_min_usd above amount_max_usd",
            ("amount_min_usd", "amount_max_usd"),
        ),
        _true("check_confident", "confidence below min_confidence", ("confidence",)),
    ]
