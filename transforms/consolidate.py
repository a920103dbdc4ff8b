"""Merge deal mentions from many articles into one row per deal.

Identity: a deal is its set of parties (case-folded), its deal type and the year it was
announced. A mention with no date joins the one dated deal of the same parties and type when
there is exactly one, and an "undated" deal otherwise. The ``deal_id`` is a hash of that key, so
it depends only on mentions of the same parties and type: adding an unrelated article never
changes an id.

Values: for each field, the value most mentions give wins; ties go to the value with the most
confident mention, then to the smaller value, so the result never depends on input order.
Fields that travel together (an amount with its text, currency and bounds) are taken from one
winning mention. Every disagreement is kept in ``conflicting_values``.

Syndicated copies (``articles.duplicate_of`` set) are linked, not counted twice: their URLs join
``source_urls`` and their mentions ``mention_ids``, but ``article_count`` counts stories, and a
copy's mentions vote only when the deal has no mention from an original.

Pure polars: frames in, a new frame out, nothing mutated, no I/O.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import polars as pl

from transforms.deals import DealMention
from transforms.schemas import CONFLICT_DTYPE, DEAL_MENTIONS, DEALS

__all__ = ["VOTED_FIELDS", "assign_deal_ids", "consolidate", "deal_key_id", "mentions_frame"]

# field voted on -> fields taken from the same winning mention
VOTED_FIELDS: dict[str, tuple[str, ...]] = {
    "announced_on": ("announced_precision",),
    "amount_usd": ("amount_text", "currency", "amount_min_usd", "amount_max_usd"),
    "valuation_usd": ("valuation_text",),
    "stake_pct": (),
    "revenue_share_pct": (),
    "compute_provider": (),
    "exclusivity": (),
    "term_end_year": (),
}


def mentions_frame(mentions: Iterable[DealMention]) -> pl.DataFrame:
    """``deal_mentions`` rows for extracted mentions, with the dictionary's dtypes."""
    records = []
    for m in mentions:
        record = m.to_record()
        record["announced_on"] = m.announced_on
        records.append(record)
    return DEAL_MENTIONS.from_records(records)


def deal_key_id(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def assign_deal_ids(mentions: pl.DataFrame) -> pl.DataFrame:
    """``mention_id`` -> ``deal_id`` for every mention."""
    keyed = mentions.select(
        "mention_id",
        "deal_type",
        party_key=pl.col("parties")
        .list.eval(pl.element().str.strip_chars().str.to_lowercase())
        .list.unique()
        .list.sort()
        .list.join("|"),
        year=pl.col("announced_on").dt.year(),
    )
    single_year = (
        keyed.filter(pl.col("year").is_not_null())
        .group_by("party_key", "deal_type")
        .agg(years=pl.col("year").n_unique(), only_year=pl.col("year").min())
        .filter(pl.col("years") == 1)
        .drop("years")
    )
    keyed = keyed.join(single_year, on=["party_key", "deal_type"], how="left").with_columns(
        key=pl.concat_str(
            "party_key",
            "deal_type",
            pl.coalesce(pl.col("year"), pl.col("only_year")).cast(pl.String).fill_null("undated"),
            separator="#",
        )
    )
    keys = keyed.get_column("key").unique().to_list()
    ids = {k: deal_key_id(k) for k in keys}
    return keyed.select(
        "mention_id",
        deal_id=pl.col("key").replace_strict(ids, return_dtype=pl.String),
    )


def _ranked(frame: pl.DataFrame, by: str) -> pl.DataFrame:
    """Candidate rows with a non-null ``by``, best first within each deal."""
    candidates = frame.filter(pl.col(by).is_not_null())
    support = candidates.group_by("deal_id", by).agg(
        support=pl.len(), top_confidence=pl.col("confidence").max()
    )
    return candidates.join(support, on=["deal_id", by]).sort(
        ["deal_id", "support", "top_confidence", by, "confidence", "mention_id"],
        descending=[False, True, True, False, True, False],
    )


def _conflicts(frame: pl.DataFrame, field: str) -> pl.DataFrame:
    values = (
        frame.filter(pl.col(field).is_not_null())
        .group_by("deal_id", field)
        .agg(mention_count=pl.len())
        .with_columns(n=pl.len().over("deal_id"))
        .filter(pl.col("n") > 1)
    )
    return values.select(
        "deal_id",
        conflict=pl.struct(
            field=pl.lit(field),
            value=pl.col(field).cast(pl.String),
            mention_count=pl.col("mention_count").cast(pl.Int64),
        ),
    )


def consolidate(mentions: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """One ``deals`` row per deal; ``articles`` supplies publication dates (first/last seen)."""
    if mentions.height == 0:
        return DEALS.empty()
    copies = (
        articles.select("article_id", "duplicate_of")
        if "duplicate_of" in articles.columns
        else articles.select("article_id", duplicate_of=pl.lit(None, dtype=pl.String))
    )
    every = (
        mentions.join(assign_deal_ids(mentions), on="mention_id", how="left")
        .join(
            articles.select("article_id", "published_on").unique("article_id"),
            on="article_id",
            how="left",
        )
        .join(copies.unique("article_id"), on="article_id", how="left")
        .with_columns(story_id=pl.coalesce("duplicate_of", "article_id"))
        .sort("mention_id")
    )
    is_copy = pl.col("duplicate_of").is_not_null()
    m = every.filter(~is_copy | (is_copy.all().over("deal_id")))  # the mentions that vote
    deals = m.group_by("deal_id").agg(
        deal_type=pl.col("deal_type").first(),
        is_reported=pl.col("reported").all(),
        confidence=pl.col("confidence").max(),
        first_seen_on=pl.col("published_on").min(),
        last_seen_on=pl.col("published_on").max(),
    )
    counts = every.group_by("deal_id").agg(
        mention_count=pl.len().cast(pl.Int64),
        article_count=pl.col("story_id").n_unique().cast(pl.Int64),
        mention_ids=pl.col("mention_id").sort(),
        source_urls=pl.col("article_url").unique().sort(),
    )
    deals = deals.join(counts, on="deal_id", how="left")

    # Parties: those of the most confident mention, sorted; roles voted per party.
    best = (
        m.sort(["deal_id", "confidence", "mention_id"], descending=[False, True, False])
        .group_by("deal_id", maintain_order=True)
        .first()
        .select("deal_id", parties=pl.col("parties").list.unique().list.sort())
    )
    roles = (
        m.select("deal_id", "mention_id", "confidence", "parties", "party_roles")
        .explode("parties", "party_roles")
        .rename({"parties": "party", "party_roles": "role"})
    )
    role_votes = (
        _ranked(roles, "role")
        .group_by("deal_id", "party", maintain_order=True)
        .first()
        .select("deal_id", "party", "role")
    )
    party_roles = (
        best.explode("parties")
        .with_row_index("_order")
        .join(role_votes, left_on=["deal_id", "parties"], right_on=["deal_id", "party"], how="left")
        .sort("_order")
        .group_by("deal_id", maintain_order=True)
        .agg(party_roles=pl.col("role").fill_null("party"))
    )
    deals = deals.join(best, on="deal_id").join(party_roles, on="deal_id", how="left")

    conflicts = []
    for field, companions in VOTED_FIELDS.items():
        winner = (
            _ranked(m, field)
            .group_by("deal_id", maintain_order=True)
            .first()
            .select("deal_id", field, *companions)
        )
        deals = deals.join(winner, on="deal_id", how="left")
        conflicts.append(_conflicts(m, field))

    conflict_lists = (
        pl.concat(conflicts)
        .sort(
            "deal_id",
            pl.col("conflict").struct.field("field"),
            pl.col("conflict").struct.field("value"),
        )
        .group_by("deal_id", maintain_order=True)
        .agg(conflicting_values=pl.col("conflict"))
    )
    deals = deals.join(conflict_lists, on="deal_id", how="left").with_columns(
        conflicting_values=pl.col("conflicting_values").fill_null(
            pl.lit([], dtype=pl.List(CONFLICT_DTYPE))
        ),
        party_roles=pl.col("party_roles").fill_null(pl.lit([], dtype=pl.List(pl.String))),
    )
    return DEALS.conform(deals).sort("deal_id")
