"""The data dictionary: explicit dtypes, conforming frames, the README rendering."""

from __future__ import annotations

import polars as pl
import pytest

from transforms.deals import DealMention
from transforms.schemas import DEAL_MENTIONS, DEALS, TABLES, markdown_dictionary


@pytest.mark.parametrize("table", list(TABLES.values()), ids=list(TABLES))
def test_every_column_has_an_explicit_type_and_a_description(table) -> None:  # type: ignore[no-untyped-def]
    assert table.grain.startswith("One row per")
    assert table.key in table.names
    assert len(set(table.names)) == len(table.names)
    for column in table.columns:
        assert column.dtype != pl.Null and column.description.strip(), column.name
    assert not table.column(table.key).nullable


@pytest.mark.parametrize("table", list(TABLES.values()), ids=list(TABLES))
def test_empty_frames_have_the_dictionary_schema(table) -> None:  # type: ignore[no-untyped-def]
    empty = table.empty()
    assert empty.height == 0 and empty.schema == table.schema
    assert table.schema_mismatches(empty) == []


def test_mention_columns_are_exactly_what_the_extractor_emits() -> None:
    assert DEAL_MENTIONS.names == list(DealMention.__slots__)


def test_from_records_fills_missing_keys_with_typed_nulls() -> None:
    frame = DEALS.from_records([{"deal_id": "x", "deal_type": "investment"}])
    assert frame.schema == DEALS.schema
    assert frame["amount_usd"].dtype == pl.Float64 and frame["amount_usd"][0] is None


def test_schema_mismatches_name_the_column_and_both_types() -> None:
    frame = DEALS.empty().with_columns(pl.col("amount_usd").cast(pl.String)).drop("deal_type")
    problems = DEALS.schema_mismatches(frame)
    assert "missing column deal_type" in problems
    assert "amount_usd is String, expected Float64" in problems


def test_markdown_dictionary_lists_every_column_of_every_table() -> None:
    text = markdown_dictionary()
    for table in TABLES.values():
        assert f"### `{table.name}`" in text
        for name in table.names:
            assert f"| `{name}` |" in text
