"""Suite for ``fetch_log``: one row per address a run fetched or refused, with its outcome."""

from __future__ import annotations

import polars as pl

from expectations.common import Check, required_checks, schema_check, type_checks
from transforms.fetching import FETCH_OUTCOMES

TABLE = "fetch_log"


def prepare(fetch_log: pl.DataFrame) -> pl.DataFrame:
    return fetch_log


def checks() -> list[Check]:
    import great_expectations.expectations as gxe

    return [
        *schema_check(TABLE),
        *type_checks(TABLE),
        *required_checks(TABLE, "table"),  # a log has nowhere further to quarantine to
        Check(gxe.ExpectColumnValuesToBeUnique(column="fetch_id"), "table", "fetch_id"),
        Check(
            gxe.ExpectColumnValuesToBeInSet(column="outcome", value_set=list(FETCH_OUTCOMES)),
            "table",
            "outcome",
        ),
        Check(
            gxe.ExpectColumnValuesToBeInSet(column="kind", value_set=["robots", "listing", "page"]),
            "table",
            "kind",
        ),
        Check(
            gxe.ExpectColumnValuesToBeBetween(column="status_code", min_value=100, max_value=599),
            "table",
            "status_code",
        ),
        Check(
            gxe.ExpectColumnValuesToBeBetween(column="attempts", min_value=0, max_value=100),
            "table",
            "attempts",
        ),
        Check(
            gxe.ExpectColumnValuesToBeBetween(column="body_bytes", min_value=0),
            "table",
            "body_bytes",
        ),
        Check(
            gxe.ExpectColumnValueLengthsToBeBetween(column="reason", min_value=3),
            "table",
            "reason",
        ),
    ]
