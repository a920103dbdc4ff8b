"""Static dataset pages: one per published version, and an index of them all. Frames in, HTML out.

Everything that came from articles (party names, amounts as written, URLs) passes through Jinja's
autoescaping, and a link is made only of an http(s) URL, so a hostile article cannot inject markup
or script. The chart is inline SVG drawn here, and the pages carry their own styles: they load
nothing, and open from the disk with no network.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import jinja2
import polars as pl

from transforms.schemas import ALLOWED_DEAL_TYPES

__all__ = [
    "ChartBar",
    "VersionFacts",
    "counts_by_type_over_time",
    "deal_label",
    "format_usd",
    "index_page",
    "largest_deals",
    "most_active_parties",
    "stacked_bars",
    "version_page",
]

UNDATED = "undated"
# One colour per deal type (colour-blind-safe palette), in the data dictionary's order.
_PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#999999")
TYPE_COLOURS: dict[str, str] = dict(zip(ALLOWED_DEAL_TYPES, _PALETTE, strict=False))


@dataclass(frozen=True, slots=True)
class VersionFacts:
    """What a release manifest and its changelog say about one version."""

    version: int
    created_at: str
    previous_version: int | None
    rows: Mapping[str, int]  # rows per published table
    validation: Mapping[str, Any]  # the manifest's validation outcome
    added: Sequence[str] = ()  # deal ids, from the changelog
    changed: Sequence[str] = ()
    removed: Sequence[str] = ()
    extractor_version: str = ""

    @classmethod
    def from_manifest(
        cls, manifest: Mapping[str, Any], changelog: Mapping[str, Sequence[str]]
    ) -> VersionFacts:
        return cls(
            version=int(manifest["version"]),
            created_at=str(manifest.get("created_at", "")),
            previous_version=manifest.get("previous_version"),
            rows={name: int(t.get("rows", 0)) for name, t in manifest.get("tables", {}).items()},
            validation=manifest.get("validation", {}),
            added=tuple(changelog.get("added", ())),
            changed=tuple(changelog.get("changed", ())),
            removed=tuple(changelog.get("removed", ())),
            extractor_version=str(manifest.get("extractor_version", "")),
        )


@dataclass(frozen=True, slots=True)
class ChartBar:
    """One stacked bar: a period and the deals of each type announced in it."""

    period: str
    counts: tuple[tuple[str, int], ...]  # (deal_type, deals), types in dictionary order

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)


@dataclass(frozen=True, slots=True)
class _Segment:
    deal_type: str
    count: int
    x: float
    y: float
    width: float
    height: float
    colour: str


@dataclass(frozen=True, slots=True)
class _Bar:
    period: str
    total: int
    x: float
    label_x: float
    top: float
    segments: list[_Segment] = field(default_factory=list)


def format_usd(amount: float | None) -> str:
    """$2.5 billion, $40 million, $750,000; an empty string when unknown."""
    if amount is None:
        return ""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(amount) >= size:
            return f"${amount / size:,.3g} {word}".replace("e+", "e")
    return f"${amount:,.0f}"


def _period_expr() -> pl.Expr:
    """The announcement quarter (or the first article's, when the date is unknown)."""
    day = pl.coalesce(pl.col("announced_on"), pl.col("first_seen_on"))
    return (
        pl.when(day.is_null())
        .then(pl.lit(UNDATED))
        .otherwise(day.dt.year().cast(pl.String) + pl.lit("-Q") + day.dt.quarter().cast(pl.String))
    )


def counts_by_type_over_time(deals: pl.DataFrame) -> pl.DataFrame:
    """Deals per quarter and type: columns period, deal_type, deals; undated last."""
    counts = (
        deals.select(_period_expr().alias("period"), "deal_type")
        .group_by("period", "deal_type")
        .agg(pl.len().cast(pl.Int64).alias("deals"))
    )
    return counts.sort(
        pl.col("period") == UNDATED, "period", "deal_type"
    )  # "2024-Q4" < "2025-Q1" as strings


def stacked_bars(counts: pl.DataFrame) -> list[ChartBar]:
    """The chart's bars from ``counts_by_type_over_time``, every type in dictionary order."""
    order = {t: i for i, t in enumerate(ALLOWED_DEAL_TYPES)}
    bars = []
    for period in counts.get_column("period").unique(maintain_order=True).to_list():
        rows = counts.filter(pl.col("period") == period)
        by_type = dict(zip(rows["deal_type"].to_list(), rows["deals"].to_list(), strict=True))
        ranked = sorted(by_type.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
        bars.append(ChartBar(str(period), tuple((t, int(n)) for t, n in ranked)))
    return bars


def _layout(bars: Sequence[ChartBar]) -> dict[str, Any]:
    """Coordinates of an SVG stacked bar chart (viewBox units)."""
    left, top, plot_h, bar_w, gap = 40.0, 16.0, 200.0, 28.0, 12.0
    peak = max((b.total for b in bars), default=0) or 1
    scale = plot_h / peak
    laid = []
    for i, bar in enumerate(bars):
        x = left + gap + i * (bar_w + gap)
        y = top + plot_h
        segments = []
        for deal_type, count in bar.counts:
            h = count * scale
            y -= h
            colour = TYPE_COLOURS.get(deal_type, "#444444")
            segments.append(_Segment(deal_type, count, x, y, bar_w, h, colour))
        laid.append(_Bar(bar.period, bar.total, x, x + bar_w / 2, y, segments))
    width = left + gap + len(bars) * (bar_w + gap) + 10
    ticks = sorted({0, peak // 2, peak}) if peak > 1 else [0, 1]
    return {
        "bars": laid,
        "width": max(width, 240.0),
        "height": top + plot_h + 70,
        "left": left,
        "base": top + plot_h,
        "ticks": [(t, top + plot_h - t * scale) for t in ticks],
    }


def deal_label(row: Mapping[str, Any]) -> str:
    """Parties and type in words: "Microsoft, OpenAI (investment)"."""
    parties = ", ".join(row.get("parties") or []) or "unknown parties"
    return f"{parties} ({row.get('deal_type')})"


def largest_deals(deals: pl.DataFrame, limit: int = 10) -> pl.DataFrame:
    """The deals with the largest known amount, largest first (ties by deal_id)."""
    return (
        deals.filter(pl.col("amount_usd").is_not_null())
        .sort(["amount_usd", "deal_id"], descending=[True, False])
        .head(limit)
    )


def most_active_parties(deals: pl.DataFrame, limit: int = 10) -> pl.DataFrame:
    """Parties by number of deals: columns party, deals, amount_usd (sum of known amounts)."""
    exploded = deals.select("deal_id", "parties", "amount_usd").explode("parties")
    return (
        exploded.filter(pl.col("parties").is_not_null())
        .group_by(pl.col("parties").alias("party"))
        .agg(
            pl.col("deal_id").n_unique().cast(pl.Int64).alias("deals"),
            pl.when(pl.col("amount_usd").is_not_null().any())
            .then(pl.col("amount_usd").sum())
            .alias("amount_usd"),  # null, not 0, when no amount is known
        )
        .sort(["deals", "amount_usd", "party"], descending=[True, True, False], nulls_last=True)
        .head(limit)
    )


def _is_web_url(url: object) -> bool:
    return isinstance(url, str) and url.lower().startswith(("https://", "http://"))


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 64rem; padding: 0 1rem;
       color: #1d2330; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #eee; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.summary span { display: inline-block; margin-right: 1.5rem; }
.passed { color: #176c2e; } .failed { color: #a4161a; } .muted { color: #667; }
.legend span { display: inline-block; margin-right: 1rem; font-size: 0.85rem; }
.legend i { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.3rem; }
svg text { font-size: 10px; fill: #333; }
"""

_BASE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{% endblock %}</title>
<style>{{ style }}</style>
</head>
<body>
{% block body %}{% endblock %}
</body>
</html>
"""

_VERSION = """{% extends "base.html" %}
{% block title %}aideals dataset, version {{ facts.version }}{% endblock %}
{% block body %}
<p><a href="{{ index_href }}">All versions</a></p>
<h1>aideals dataset, version {{ facts.version }}</h1>
<p class="summary">
  <span>published <time>{{ facts.created_at }}</time></span>
  <span>deals: <strong id="deal-count">{{ deal_count }}</strong></span>
  <span>articles: {{ facts.rows.get("articles", 0) }}</span>
  <span>deal mentions: {{ facts.rows.get("deal_mentions", 0) }}</span>
  <span>quarantined rows: {{ facts.rows.get("quarantine", 0) }}</span>
  {% if facts.extractor_version %}<span>extractor {{ facts.extractor_version }}</span>{% endif %}
</p>

<h2>Deals by type over time</h2>
{% if chart.bars %}
<figure>
<svg id="deals-by-type" role="img" aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg"
     width="{{ chart.width }}" height="{{ chart.height }}" viewBox="0 0 {{ chart.width }} {{ chart.height }}">
  <title id="chart-title">Deals per quarter of announcement, by type</title>
  {% for value, y in chart.ticks %}
  <line x1="{{ chart.left }}" x2="{{ chart.width - 10 }}" y1="{{ y }}" y2="{{ y }}" stroke="#ddd"/>
  <text x="{{ chart.left - 6 }}" y="{{ y + 3 }}" text-anchor="end">{{ value }}</text>
  {% endfor %}
  {% for bar in chart.bars %}
  <g class="bar" data-period="{{ bar.period }}" data-total="{{ bar.total }}">
    {% for s in bar.segments %}
    <rect class="segment" data-deal-type="{{ s.deal_type }}" data-count="{{ s.count }}"
          x="{{ s.x }}" y="{{ s.y }}" width="{{ s.width }}" height="{{ s.height }}" fill="{{ s.colour }}">
      <title>{{ bar.period }}: {{ s.count }} {{ s.deal_type }}</title>
    </rect>
    {% endfor %}
    <text class="total" x="{{ bar.label_x }}" y="{{ bar.top - 4 }}" text-anchor="middle">{{ bar.total }}</text>
    <text x="{{ bar.label_x }}" y="{{ chart.base + 12 }}" text-anchor="end"
          transform="rotate(-45 {{ bar.label_x }} {{ chart.base + 12 }})">{{ bar.period }}</text>
  </g>
  {% endfor %}
</svg>
<figcaption class="legend">
  {% for deal_type, colour in legend %}<span><i style="background: {{ colour }}"></i>{{ deal_type }}</span>{% endfor %}
</figcaption>
</figure>
<table id="counts-by-type">
  <thead><tr><th>quarter</th>{% for t in legend_types %}<th class="num">{{ t }}</th>{% endfor %}<th class="num">all</th></tr></thead>
  <tbody>
  {% for bar in chart.bars %}
  <tr><td>{{ bar.period }}</td>{% for t in legend_types %}<td class="num">{{ by_period[bar.period].get(t, "") }}</td>{% endfor %}<td class="num">{{ bar.total }}</td></tr>
  {% endfor %}
  </tbody>
</table>
{% else %}
<p class="muted">No deals in this version.</p>
{% endif %}

<h2>Largest deals</h2>
{% if largest %}
<table id="largest-deals">
  <thead><tr><th>parties</th><th>type</th><th class="num">amount</th><th>as written</th><th>announced</th><th>sources</th></tr></thead>
  <tbody>
  {% for d in largest %}
  <tr>
    <td>{{ d.parties | join(", ") }}</td>
    <td>{{ d.deal_type }}</td>
    <td class="num" data-amount-usd="{{ d.amount_usd }}">{{ usd(d.amount_usd) }}</td>
    <td>{{ d.amount_text or "" }}</td>
    <td>{{ d.announced_on or "" }}</td>
    <td>{% for url in d.source_urls %}{% if web(url) %}<a href="{{ url }}" rel="noopener noreferrer">{{ loop.index }}</a>{% else %}<span title="{{ url }}">{{ loop.index }}</span>{% endif %}{% if not loop.last %}, {% endif %}{% endfor %}</td>
  </tr>
  {% endfor %}
  </tbody>
</table>
{% else %}
<p class="muted">No deal with a known amount.</p>
{% endif %}

<h2>Most active parties</h2>
{% if parties %}
<table id="active-parties">
  <thead><tr><th>party</th><th class="num">deals</th><th class="num">known amounts</th></tr></thead>
  <tbody>
  {% for p in parties %}
  <tr><td>{{ p.party }}</td><td class="num">{{ p.deals }}</td><td class="num">{{ usd(p.amount_usd) }}</td></tr>
  {% endfor %}
  </tbody>
</table>
{% else %}
<p class="muted">No parties.</p>
{% endif %}

<h2>What changed {% if facts.previous_version is none %}(the first version){% else %}since <a href="{{ page_name(facts.previous_version) }}">version {{ facts.previous_version }}</a>{% endif %}</h2>
<p id="changes"><span id="added-count">{{ facts.added | length }}</span> added,
  <span id="changed-count">{{ facts.changed | length }}</span> changed,
  <span id="removed-count">{{ facts.removed | length }}</span> removed.</p>
{% for title, items in changes %}{% if items %}
<h3>{{ title }}</h3>
<ul class="{{ title | lower }}">
  {% for item in items[:limit] %}<li>{{ item }}</li>{% endfor %}
  {% if items | length > limit %}<li class="muted">... and {{ items | length - limit }} more (see the changelog)</li>{% endif %}
</ul>
{% endif %}{% endfor %}

<h2>Validation</h2>
<p>Outcome: <strong id="validation-outcome" class="{{ 'failed' if outcome == 'failed' else 'passed' }}">{{ outcome }}</strong>.
  Details of every expectation are in the <a id="data-docs" href="{{ data_docs_href }}">Great Expectations Data Docs</a>.</p>
{% if tables %}
<table id="validation">
  <thead><tr><th>table</th><th class="num">expectations</th><th>failed</th><th class="num">rows quarantined</th></tr></thead>
  <tbody>
  {% for name, t in tables.items() %}
  <tr><td>{{ name }}</td><td class="num">{{ t.get("expectations", "") }}</td><td>{{ t.get("failed", []) | join(", ") or "none" }}</td><td class="num">{{ t.get("quarantined", "") }}</td></tr>
  {% endfor %}
  </tbody>
</table>
{% endif %}
{% endblock %}
"""

_INDEX = """{% extends "base.html" %}
{% block title %}aideals dataset: all versions{% endblock %}
{% block body %}
<h1>aideals dataset: all versions</h1>
<p>{{ versions | length }} version{{ "" if versions | length == 1 else "s" }}, newest first.
  Validation details: <a id="data-docs" href="{{ data_docs_href }}">Great Expectations Data Docs</a>.</p>
<table id="versions">
  <thead><tr><th>version</th><th>published</th><th class="num">deals</th><th class="num">articles</th>
    <th class="num">added</th><th class="num">changed</th><th class="num">removed</th><th>validation</th></tr></thead>
  <tbody>
  {% for f in versions %}
  <tr data-version="{{ f.version }}">
    <td><a href="{{ page_href(f.version) }}">version {{ f.version }}</a></td>
    <td>{{ f.created_at }}</td>
    <td class="num">{{ f.rows.get("deals", 0) }}</td>
    <td class="num">{{ f.rows.get("articles", 0) }}</td>
    <td class="num">{{ f.added | length }}</td>
    <td class="num">{{ f.changed | length }}</td>
    <td class="num">{{ f.removed | length }}</td>
    <td>{{ f.validation.get("outcome", "unknown") }}</td>
  </tr>
  {% endfor %}
  </tbody>
</table>
{% endblock %}
"""

_ENV = jinja2.Environment(
    loader=jinja2.DictLoader({"base.html": _BASE, "version.html": _VERSION, "index.html": _INDEX}),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def page_name(version: int) -> str:
    """File name of a version's page, the same stem as its release manifest."""
    return f"v{version:06d}.html"


def _describe(ids: Sequence[str], deals: pl.DataFrame) -> list[str]:
    """Changelog ids in words, from the release that holds them (the id when it is not there)."""
    if not ids:
        return []
    known = {
        row["deal_id"]: row
        for row in deals.filter(pl.col("deal_id").is_in(list(ids))).iter_rows(named=True)
    }
    described = []
    for deal_id in ids:
        row = known.get(deal_id)
        if row is None:
            described.append(deal_id)
            continue
        amount = format_usd(row.get("amount_usd"))
        when = row.get("announced_on")
        extras = ", ".join(str(x) for x in (amount, when) if x)
        described.append(deal_label(row) + (f": {extras}" if extras else ""))
    return sorted(described, key=str.casefold)


def version_page(
    facts: VersionFacts,
    deals: pl.DataFrame,
    previous_deals: pl.DataFrame,
    *,
    data_docs_href: str,
    index_href: str,
    limit: int = 10,
) -> str:
    """The page of one version: chart, largest deals, active parties, changes, validation."""
    counts = counts_by_type_over_time(deals)
    bars = stacked_bars(counts)
    present = set(counts.get_column("deal_type").to_list())
    legend_types = [t for t in ALLOWED_DEAL_TYPES if t in present] + sorted(
        present - set(ALLOWED_DEAL_TYPES)
    )
    by_period: dict[str, dict[str, int]] = {}
    for bar in bars:
        by_period[bar.period] = dict(bar.counts)
    changes = [
        ("Added", _describe(facts.added, deals)),
        ("Changed", _describe(facts.changed, deals)),
        ("Removed", _describe(facts.removed, previous_deals)),
    ]
    return _ENV.get_template("version.html").render(
        style=_STYLE,
        facts=facts,
        deal_count=deals.height,
        chart=_layout(bars),
        legend=[(t, TYPE_COLOURS.get(t, "#444444")) for t in legend_types],
        legend_types=legend_types,
        by_period=by_period,
        largest=list(largest_deals(deals, limit).iter_rows(named=True)),
        parties=list(most_active_parties(deals, limit).iter_rows(named=True)),
        changes=changes,
        limit=50,
        outcome=str(facts.validation.get("outcome", "unknown")),
        tables=facts.validation.get("tables", {}),
        data_docs_href=data_docs_href,
        index_href=index_href,
        usd=format_usd,
        web=_is_web_url,
        page_name=page_name,
    )


def index_page(
    versions: Sequence[VersionFacts], *, data_docs_href: str, versions_dir: str = "versions"
) -> str:
    """The list of every version, newest first, each linking to its page."""
    ordered = sorted(versions, key=lambda f: f.version, reverse=True)
    return _ENV.get_template("index.html").render(
        style=_STYLE,
        versions=ordered,
        data_docs_href=data_docs_href,
        page_href=lambda v: f"{versions_dir}/{page_name(v)}",
    )
