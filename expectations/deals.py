"""Suite for ``deals``: one row per deal across articles."""

from __future__ import annotations

import polars as pl

from expectations.common import Check, required_checks, schema_check, type_checks
from expectations.deal_mentions import MAX_AMOUNT_USD
from transforms.schemas import ALLOWED_CURRENCIES, ALLOWED_DEAL_TYPES, ALLOWED_EXCLUSIVITY

TABLE = "deals"


def prepare(deals: pl.DataFrame) -> pl.DataFrame:
    return deals.with_columns(
        check_distinct_parties=pl.col("parties")
        .list.eval(pl.element().str.to_lowercase())
        .list.n_unique()
        .cast(pl.Int64),
        check_counts_consistent=(pl.col("mention_ids").list.len() == pl.col("mention_count"))
        & (pl.col("source_urls").list.len() <= pl.col("mention_count"))
        & (pl.col("article_count") >= 1),
        check_seen_ordered=pl.col("first_seen_on").is_null()
        | (pl.col("first_seen_on") <= pl.col("last_seen_on")),
        check_roles_align=pl.col("parties").list.len() == pl.col("party_roles").list.len(),
    )


def checks() -> list[Check]:
    import great_expectations.expectations as gxe

    def true(column: str) -> Check:
        return Check(
            gxe.ExpectColumnValuesToBeInSet(column=column, value_set=[True]), "row", column
        )

    return [
        *schema_check(TABLE),
        *type_checks(TABLE),
        *required_checks(TABLE),
        Check(gxe.ExpectColumnValuesToBeUnique(column="deal_id"), "table", "deal_id"),
        Check(
            gxe.ExpectColumnValuesToBeInSet(column="deal_type", value_set=list(ALLOWED_DEAL_TYPES)),
            "row",
            "deal_type",
        ),
        Check(
            gxe.ExpectColumnValuesToBeInSet(
                column="exclusivity", value_set=list(ALLOWED_EXCLUSIVITY)
            ),
            "row",
            "exclusivity",
        ),
        Check(
            gxe.ExpectColumnValuesToBeInSet(column="currency", value_set=list(ALLOWED_CURRENCIES)),
            "row",
            "currency",
        ),
        Check(
            gxe.ExpectColumnValuesToBeBetween(
                column="revenue_share_pct", min_value=0, max_value=100
            ),
            "row",
            "revenue_share_pct",
        ),
        Check(
            gxe.ExpectColumnValuesToBeBetween(column="stake_pct", min_value=0, max_value=100),
            "row",
            "stake_pct",
        ),
        Check(
            gxe.ExpectColumnValuesToBeBetween(
                column="amount_usd",
                min_value=0,
                max_value=MAX_AMOUNT_USD,
                strict_min=True,
                strict_max=True,
            ),
            "row",
            "amount_usd",
        ),
        Check(
            gxe.ExpectColumnValuesToBeBetween(column="confidence", min_value=0, max_value=1),
            "row",
            "confidence",
        ),
        Check(
            gxe.ExpectColumnValuesToBeBetween(column="check_distinct_parties", min_value=2),
            "row",
            "check_distinct_parties",
        ),
        true("check_counts_consistent"),
        true("check_seen_ordered"),
        true("check_roles_align"),
    ]
