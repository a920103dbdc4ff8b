"""Syndicated copies: the same story on several sites, linked instead of counted twice.

Articles on different sites whose texts share most of their word 3-grams (MinHash estimate of
the Jaccard similarity at or above a threshold, candidates found by LSH) form one story. The
story's original is the earliest published copy (then the earliest ingested, then the smallest
id, so the choice does not depend on input order); every other copy gets ``duplicate_of`` set
to the original's ``article_id``. Copies on the same site are left alone: a site that runs a
template ("X raises $Y") is not syndicating.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

import polars as pl

from transforms.urls import site_of

__all__ = ["link_near_duplicates", "shingles"]

THRESHOLD = 0.8
NUM_PERM = 64
MIN_WORDS = 25  # shorter texts share too little to tell a copy from a coincidence

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = 3) -> set[bytes]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + size]).encode() for i in range(max(len(words) - size + 1, 1))}


class _Groups:
    def __init__(self, ids: Sequence[str]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, item: str) -> str:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def link_near_duplicates(articles: pl.DataFrame, *, threshold: float = THRESHOLD) -> pl.DataFrame:
    """A copy of ``articles`` with ``duplicate_of`` set on every syndicated copy (else null)."""
    result = articles.with_columns(duplicate_of=pl.lit(None, dtype=pl.String))
    rows = [
        r
        for r in articles.select(
            "article_id", "article_url", "text", "published_on", "ingested_at"
        ).iter_rows(named=True)
        if len(_WORD.findall(r["text"] or "")) >= MIN_WORDS
    ]
    sites = {r["article_id"]: site_of(r["article_url"]) for r in rows}
    if len(set(sites.values())) < 2:
        return result
    from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]

    signatures = MinHash.bulk([shingles(r["text"]) for r in rows], num_perm=NUM_PERM)
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    by_id = {}
    for r, signature in zip(rows, signatures, strict=True):
        lsh.insert(r["article_id"], signature)
        by_id[r["article_id"]] = signature
    groups = _Groups(sorted(by_id))
    for article, signature in sorted(by_id.items()):
        for other in lsh.query(signature):
            if sites[other] != sites[article] and signature.jaccard(by_id[other]) >= threshold:
                groups.union(article, other)
    members: dict[str, list[dict[str, object]]] = {}
    for r in rows:
        members.setdefault(groups.find(r["article_id"]), []).append(r)

    def age(r: dict[str, object]) -> tuple[date, datetime, str]:
        published = r["published_on"] if isinstance(r["published_on"], date) else date.max
        ingested = r["ingested_at"] if isinstance(r["ingested_at"], datetime) else datetime.max
        return published, ingested.replace(tzinfo=None), str(r["article_id"])

    links = {}
    for story in members.values():
        if len(story) > 1:
            original = min(story, key=age)
            links.update({str(r["article_id"]): str(original["article_id"]) for r in story})
            del links[str(original["article_id"])]
    if not links:
        return result
    return result.with_columns(
        duplicate_of=pl.col("article_id").replace_strict(
            links, default=None, return_dtype=pl.String
        )
    )
