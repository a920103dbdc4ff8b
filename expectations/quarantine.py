"""Suite for ``quarantine``: every rejected input or failed row, with its reason."""

from __future__ import annotations

import polars as pl

from expectations.common import Check, required_checks, schema_check, type_checks
from transforms.schemas import TABLES

TABLE = "quarantine"


def prepare(quarantine: pl.DataFrame) -> pl.DataFrame:
    return quarantine


def checks() -> list[Check]:
    import great_expectations.expectations as gxe

    return [
        *schema_check(TABLE),
        *type_checks(TABLE),
        *required_checks(TABLE, "table"),  # nowhere further to quarantine to
        Check(gxe.ExpectColumnValuesToBeUnique(column="quarantine_id"), "table", "quarantine_id"),
        Check(
            gxe.ExpectColumnValuesToBeInSet(column="table_name", value_set=["inputs", *TABLES]),
            "table",
            "table_name",
        ),
        Check(
            gxe.ExpectColumnValueLengthsToBeBetween(column="reason", min_value=10),
            "table",
            "reason",
        ),
    ]
