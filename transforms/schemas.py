"""The data dictionary: every published table, its grain and its columns.

This module is the one source of truth for column names, polars dtypes, nullability and
descriptions. Frame building, the expectation suites and the README's data dictionary all read
from it (``tests/test_docs.py`` fails when the README falls behind).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl

__all__ = [
    "ALLOWED_CURRENCIES",
    "ALLOWED_DEAL_TYPES",
    "ALLOWED_EXCLUSIVITY",
    "ALLOWED_PRECISIONS",
    "ARTICLES",
    "DEALS",
    "DEAL_MENTIONS",
    "FETCH_LOG",
    "QUARANTINE",
    "SCHEMA_VERSION",
    "TABLES",
    "Column",
    "Table",
    "markdown_dictionary",
]

SCHEMA_VERSION = "1.1"  # 1.1: fetch_log; articles.published_origin and duplicate_of

# In order of precedence: the extraction engine types a clause with cues of several kinds by it.
ALLOWED_DEAL_TYPES = (
    "acquihire",
    "acquisition",
    "investment",
    "chip_supply",
    "cloud_compute",
    "licensing",
    "partnership",
)
ALLOWED_EXCLUSIVITY = (
    "exclusive",
    "right_of_first_refusal",
    "primary",
    "preferred",
    "non_exclusive",
)
ALLOWED_PRECISIONS = ("day", "month", "quarter", "year")
# ISO 4217 codes a news article about AI deals can plausibly quote.
ALLOWED_CURRENCIES = (
    "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "INR", "KRW", "SGD", "HKD", "SEK",
    "NOK", "DKK", "AED", "SAR", "ILS", "BRL", "TWD", "QAR", "NZD", "PLN", "MXN", "ZAR",
)  # fmt: skip

CONFLICT_DTYPE = pl.Struct({"field": pl.String, "value": pl.String, "mention_count": pl.Int64})


@dataclass(frozen=True, slots=True)
class Column:
    """One published column."""

    name: str
    dtype: pl.DataType
    nullable: bool
    description: str


@dataclass(frozen=True, slots=True)
class Table:
    """One published table: its name, grain, key and columns in published order."""

    name: str
    grain: str
    key: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def schema(self) -> pl.Schema:
        return pl.Schema({c.name: c.dtype for c in self.columns})

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if not c.nullable]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")

    def empty(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.schema)

    def from_records(self, records: Iterable[Mapping[str, object]]) -> pl.DataFrame:
        """A frame with exactly this table's columns and dtypes (unknown keys are dropped)."""
        rows = [{name: r.get(name) for name in self.names} for r in records]
        if not rows:
            return self.empty()
        return pl.DataFrame(rows, schema=self.schema, strict=False)

    def conform(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Select this table's columns in order, cast to the dictionary dtypes (strictly)."""
        missing = [n for n in self.names if n not in frame.columns]
        if missing:
            raise ValueError(f"{self.name}: missing columns {missing}")
        return frame.select(pl.col(c.name).cast(c.dtype, strict=True) for c in self.columns)

    def schema_mismatches(self, frame: pl.DataFrame) -> list[str]:
        """Human-readable differences between a frame's schema and this table's."""
        problems = []
        for c in self.columns:
            if c.name not in frame.schema:
                problems.append(f"missing column {c.name}")
            elif frame.schema[c.name] != c.dtype:
                problems.append(f"{c.name} is {frame.schema[c.name]}, expected {c.dtype}")
        extra = [n for n in frame.columns if n not in self.names]
        problems += [f"unexpected column {n}" for n in extra]
        return problems


def _c(name: str, dtype: pl.DataType, nullable: bool, description: str) -> Column:
    return Column(name, dtype, nullable, description)


_STR = pl.String()
_F64 = pl.Float64()
_I64 = pl.Int64()
_DATE = pl.Date()
_BOOL = pl.Boolean()
_UTC = pl.Datetime("us", "UTC")
_STRS = pl.List(pl.String())

ARTICLES = Table(
    name="articles",
    grain="One row per article (canonical URL), in its latest received version.",
    key="article_id",
    columns=(
        _c("article_id", _STR, False, "Short hash of the canonical URL."),
        _c(
            "article_url", _STR, False, "Canonical URL (lower-case host, no tracking, no fragment)."
        ),
        _c("title", _STR, False, "Headline."),
        _c("published_on", _DATE, True, "Publication date given by the source or the page."),
        _c("site_name", _STR, True, "Publisher name read from the page, when the input was HTML."),
        _c("source", _STR, False, "The configured source the article came from."),
        _c("content_hash", _STR, False, "SHA-256 of title and text; a change means a new version."),
        _c("raw_sha256", _STR, False, "Key of the input as received in the raw store (raw/)."),
        _c("text", _STR, False, "Plain text the mentions' evidence offsets refer to."),
        _c("text_chars", _I64, False, "Length of text in characters."),
        _c(
            "ingested_at",
            _UTC,
            False,
            "When this version of the article was first processed (UTC).",
        ),
        _c(
            "published_origin",
            _STR,
            True,
            "Where published_on came from: source (the input record), feed (feed entry or news "
            "sitemap), page (the page's metadata) or url (a date in the address).",
        ),
        _c(
            "duplicate_of",
            _STR,
            True,
            "article_id of the original when this article is a near-duplicate (syndicated copy) "
            "on another site; its deals are not counted twice.",
        ),
    ),
)

DEAL_MENTIONS = Table(
    name="deal_mentions",
    grain="One row per deal per article that reports it.",
    key="mention_id",
    columns=(
        _c("mention_id", _STR, False, "Stable id of the mention (article and deal)."),
        _c("article_id", _STR, False, "The article that reports the deal (articles.article_id)."),
        _c("article_url", _STR, False, "Canonical URL of that article."),
        _c("parties", _STRS, False, "Canonical names of the organisations in the deal."),
        _c("party_roles", _STRS, False, "Role of each party, in the order of parties."),
        _c("deal_type", _STR, False, "One of: " + ", ".join(ALLOWED_DEAL_TYPES) + "."),
        _c(
            "announced_on", _DATE, True, "When the deal was announced, as precise as the text says."
        ),
        _c(
            "announced_precision",
            _STR,
            True,
            "Precision of announced_on: day, month, quarter, year.",
        ),
        _c("amount_usd", _F64, True, "Deal value in US dollars (converted when quoted otherwise)."),
        _c("amount_text", _STR, True, "The amount as written in the article."),
        _c("currency", _STR, True, "ISO 4217 code of the quoted amount."),
        _c("amount_min_usd", _F64, True, "Lower bound when the amount is a range or 'up to'."),
        _c("amount_max_usd", _F64, True, "Upper bound when the amount is a range or 'up to'."),
        _c("valuation_usd", _F64, True, "Valuation of the target in US dollars."),
        _c("valuation_text", _STR, True, "The valuation as written in the article."),
        _c("stake_pct", _F64, True, "Share acquired, 0-100."),
        _c("revenue_share_pct", _F64, True, "Share of revenue paid to a party, 0-100."),
        _c("compute_provider", _STR, True, "Cloud or chip provider for compute deals."),
        _c("exclusivity", _STR, True, "One of: " + ", ".join(ALLOWED_EXCLUSIVITY) + "."),
        _c("term_end_year", _I64, True, "Year the agreement runs through."),
        _c(
            "reported", _BOOL, False, "True when the article cites reports rather than the parties."
        ),
        _c("evidence", _STR, False, "The sentence(s) of the article that state the deal."),
        _c("evidence_start", _I64, False, "Start offset of evidence in articles.text."),
        _c("evidence_end", _I64, False, "End offset (exclusive) of evidence in articles.text."),
        _c("confidence", _F64, False, "Extractor confidence, 0-1."),
        _c("extractor_version", _STR, False, "Version of the extraction rules."),
    ),
)

DEALS = Table(
    name="deals",
    grain="One row per deal, merged from every mention of it across articles.",
    key="deal_id",
    columns=(
        _c(
            "deal_id",
            _STR,
            False,
            "Stable id: hash of the party set, deal type and announcement year.",
        ),
        _c("deal_type", _STR, False, "One of: " + ", ".join(ALLOWED_DEAL_TYPES) + "."),
        _c("parties", _STRS, False, "Canonical names of the organisations, sorted."),
        _c(
            "party_roles",
            _STRS,
            False,
            "Best-supported role of each party, in the order of parties.",
        ),
        _c("announced_on", _DATE, True, "Best-supported announcement date."),
        _c("announced_precision", _STR, True, "Precision of announced_on."),
        _c("amount_usd", _F64, True, "Best-supported deal value in US dollars."),
        _c("amount_text", _STR, True, "The amount as written in the best-supporting mention."),
        _c("currency", _STR, True, "ISO 4217 code of the quoted amount."),
        _c("amount_min_usd", _F64, True, "Lower bound of the amount."),
        _c("amount_max_usd", _F64, True, "Upper bound of the amount."),
        _c("valuation_usd", _F64, True, "Best-supported valuation in US dollars."),
        _c("valuation_text", _STR, True, "The valuation as written."),
        _c("stake_pct", _F64, True, "Best-supported stake, 0-100."),
        _c("revenue_share_pct", _F64, True, "Best-supported revenue share, 0-100."),
        _c("compute_provider", _STR, True, "Best-supported compute provider."),
        _c("exclusivity", _STR, True, "Best-supported exclusivity."),
        _c("term_end_year", _I64, True, "Best-supported end year of the agreement."),
        _c(
            "is_reported",
            _BOOL,
            False,
            "True when every mention cites reports rather than the parties.",
        ),
        _c("confidence", _F64, False, "Highest confidence among the mentions, 0-1."),
        _c("mention_count", _I64, False, "Number of mentions merged into the deal."),
        _c(
            "article_count",
            _I64,
            False,
            "Number of distinct stories that report the deal (syndicated copies count once).",
        ),
        _c("mention_ids", _STRS, False, "The merged deal_mentions.mention_id values, sorted."),
        _c("source_urls", _STRS, False, "URLs of every article that reports the deal, sorted."),
        _c("first_seen_on", _DATE, True, "Earliest publication date among those articles."),
        _c("last_seen_on", _DATE, True, "Latest publication date among those articles."),
        _c(
            "conflicting_values",
            pl.List(CONFLICT_DTYPE),
            False,
            "Fields on which mentions disagree: every value with its mention count.",
        ),
    ),
)

QUARANTINE = Table(
    name="quarantine",
    grain="One row per rejected input or per failed expectation on a row, kept across versions.",
    key="quarantine_id",
    columns=(
        _c("quarantine_id", _STR, False, "Hash of table, expectation, location and row."),
        _c(
            "table_name",
            _STR,
            False,
            "Table the row was bound for ('inputs' for unreadable input).",
        ),
        _c("expectation", _STR, False, "Failed expectation, or the input check that failed."),
        _c("reason", _STR, False, "Readable reason naming the input and the problem."),
        _c("source", _STR, False, "Source of the input."),
        _c("location", _STR, False, "Where in the source: line number, file name or row key."),
        _c(
            "row_json",
            _STR,
            True,
            "The offending row or input as JSON (truncated to 20,000 chars).",
        ),
        _c("quarantined_at", _UTC, False, "When the row was first quarantined (UTC)."),
    ),
)

FETCH_LOG = Table(
    name="fetch_log",
    grain="One row per address fetched or refused by a run of web sources, kept across versions.",
    key="fetch_id",
    columns=(
        _c("fetch_id", _STR, False, "Hash of run time, source, kind and URL."),
        _c("url", _STR, False, "The address requested (tracking parameters removed)."),
        _c("source", _STR, False, "The configured source (feed, sitemap, list or page URL)."),
        _c("kind", _STR, False, "robots, listing (feed, sitemap, URL list) or page."),
        _c(
            "outcome",
            _STR,
            False,
            "fetched, not_modified, http_error, timeout, connection_error, too_large, "
            "unsupported_type, too_many_redirects, robots_disallowed, refused_address, "
            "refused_scheme, unreadable or retry_after_too_long.",
        ),
        _c("reason", _STR, False, "Readable reason for the outcome."),
        _c("attempts", _I64, False, "Requests made for this address, retries included."),
        _c("fetched_at", _UTC, False, "When the run fetched it (UTC)."),
        _c("status_code", _I64, True, "HTTP status of the last response, if any."),
        _c("final_url", _STR, True, "Address after redirects."),
        _c("content_type", _STR, True, "Content-Type of the last response."),
        _c("body_bytes", _I64, False, "Bytes of body read (0 when nothing was downloaded)."),
        _c(
            "is_conditional",
            _BOOL,
            False,
            "True when the request carried If-None-Match or If-Modified-Since.",
        ),
        _c("duration_ms", _F64, False, "Time spent on this address, retries included."),
        _c("raw_sha256", _STR, True, "Key of the body in the raw store, when one was read."),
    ),
)

TABLES: dict[str, Table] = {
    t.name: t for t in (ARTICLES, DEAL_MENTIONS, DEALS, QUARANTINE, FETCH_LOG)
}


def _dtype_label(dtype: Any) -> str:
    if dtype == CONFLICT_DTYPE or dtype == pl.List(CONFLICT_DTYPE):
        return "list[struct{field, value, mention_count}]"
    if isinstance(dtype, pl.List):
        return f"list[{_dtype_label(dtype.inner)}]"
    if isinstance(dtype, type):
        dtype = dtype()
    if isinstance(dtype, pl.Datetime):
        return "datetime (UTC)"
    return {
        pl.String: "string",
        pl.Float64: "float64",
        pl.Int64: "int64",
        pl.Date: "date",
        pl.Boolean: "boolean",
    }.get(type(dtype), str(dtype))


def markdown_dictionary() -> str:
    """The data dictionary as README markdown (one section per table)."""
    out: list[str] = []
    for table in TABLES.values():
        out.append(f"### `{table.name}`\n")
        out.append(f"{table.grain} Key: `{table.key}`.\n")
        out.append("| column | type | required | description |")
        out.append("| --- | --- | --- | --- |")
        for c in table.columns:
            required = "no" if c.nullable else "yes"
            out.append(f"| `{c.name}` | {_dtype_label(c.dtype)} | {required} | {c.description} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
