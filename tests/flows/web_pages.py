"""Pages, feeds and sitemaps for the web-source tests, written for them (public facts, own words),
and the two sites the tests serve: a news site with every fault, and a wire site that runs a
syndicated copy of one story."""

from __future__ import annotations

from html import escape
from typing import Any

from tests.flows.web_site import Route, Site, zeros

NVIDIA_OPENAI = [
    "Nvidia said on Monday that it intends to invest up to $100 billion in OpenAI, in stages, as "
    "the ChatGPT developer builds out data centres that run on Nvidia systems.",
    "The two companies signed a letter of intent under which OpenAI plans to deploy at least ten "
    "gigawatts of Nvidia hardware, with the first gigawatt expected to come online in the second "
    "half of 2026 on the Vera Rubin platform.",
    "Nvidia will put in the first $10 billion when that first gigawatt is deployed, according to "
    "the announcement, and the rest will follow as each further gigawatt is built.",
    "OpenAI described Nvidia as a preferred partner for compute and networking, alongside the "
    "work it already does with Microsoft, Oracle and SoftBank on its Stargate sites.",
]
ASML_MISTRAL = [
    "ASML has led Mistral AI’s Series C round, investing €1.3 billion in the Paris-based model "
    "developer, the companies said on Tuesday.",
    "The round raised €1.7 billion in total and values Mistral AI at €11.7 billion after the "
    "money comes in, making the Dutch chip-equipment maker its largest shareholder.",
    "The two companies also agreed a long-term partnership to use Mistral’s models across ASML’s "
    "products, research and operations — a “strategic” tie-up, in ASML’s words.",
]
META_COREWEAVE = [
    "Meta has signed an agreement worth about $14.2 billion with CoreWeave for cloud computing "
    "capacity, CoreWeave disclosed in a filing on Tuesday.",
    "The contract runs through December 2031, with an option for Meta to expand it, and gives "
    "the social media company access to Nvidia's latest systems in CoreWeave's data centres.",
    "CoreWeave, which already supplies compute to OpenAI and Microsoft, said the deal widens its "
    "customer base beyond its largest clients.",
]
AMD_OPENAI = [
    "AMD and OpenAI announced on Monday a deal under which OpenAI will deploy six gigawatts of "
    "AMD Instinct graphics processors over several years, starting with one gigawatt in 2026.",
    "As part of the agreement, AMD granted OpenAI a warrant for up to 160 million AMD shares, "
    "which vest as deployment milestones and share-price targets are met.",
    "Analysts said the chip supply agreement gives AMD a second anchor customer for its "
    "accelerators besides the large cloud providers.",
]
NEW_STORY = [
    "Anthropic said on Thursday that it will expand its use of Google Cloud technology, gaining "
    "access to as many as one million of Google's TPU chips in a deal worth tens of billions of "
    "dollars.",
    "The expansion is expected to bring well over a gigawatt of capacity online in 2026, the "
    "companies said, as Anthropic's business customers keep growing.",
]


def page(
    title: str,
    paragraphs: list[str],
    *,
    site: str = "Compute Ledger",
    canonical: str | None = None,
    published: str | None = None,
    charset: str | None = "utf-8",
    footer: str = "",
) -> str:
    meta = [f'<meta charset="{charset}">'] if charset else []
    meta.append(f'<meta property="og:site_name" content="{escape(site)}">')
    meta.append(f'<meta property="og:title" content="{escape(title)}">')
    if canonical:
        meta.append(f'<link rel="canonical" href="{escape(canonical)}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head>{"".join(meta)}<title>{escape(title)} | {escape(site)}</title></head>
<body>
<nav><a href="/">Home</a> <a href="/markets">Markets</a> <a href="/chips">Chips</a></nav>
<article><h1>{escape(title)}</h1>
{body}
{f"<p>{escape(footer)}</p>" if footer else ""}
</article>
<footer>Subscribe to our newsletter for daily deal news.</footer>
</body></html>
"""


def rss(items: list[tuple[str, str, str | None]], title: str = "Compute Ledger") -> bytes:
    """(link, title, RFC 822 date or None) per item."""
    parts = []
    for link, item_title, date in items:
        pub = f"<pubDate>{date}</pubDate>" if date else ""
        parts.append(
            f"<item><title>{escape(item_title)}</title><link>{escape(link)}</link>{pub}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.invalid/</link>"
        f"<description>AI deals</description>{''.join(parts)}</channel></rss>"
    ).encode()


def news_sitemap(items: list[tuple[str, str, str]]) -> bytes:
    """(loc, publication date, title) per item."""
    urls = "".join(
        f"<url><loc>{escape(loc)}</loc><news:news><news:publication>"
        "<news:name>Compute Ledger</news:name><news:language>en</news:language>"
        f"</news:publication><news:publication_date>{date}</news:publication_date>"
        f"<news:title>{escape(title)}</news:title></news:news></url>"
        for loc, date, title in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{urls}</urlset>"
    ).encode()


def sitemap_index(locs: list[str]) -> bytes:
    inner = "".join(f"<sitemap><loc>{escape(loc)}</loc></sitemap>" for loc in locs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{inner}</sitemapindex>'
    ).encode()


HTML = "text/html; charset=utf-8"
NVIDIA_PATH = "/2025/09/22/nvidia-openai"
FAULT_PATHS = {
    "missing": "/gone/ai-chip-startup",
    "flaky": "/2025/09/30/meta-coreweave",
    "busy": "/busy/amd-openai",
    "slow": "/slow/late-story",
    "loop": "/loop/a",
    "huge": "/huge/endless-page",
    "private": "/private/draft-story",
    "pdf": "/files/annual-report.pdf",
}


def news_site(site: Site) -> None:
    """Every fault of the acceptance list on one site (the syndicated copy is on ``wire_site``)."""
    r = site.routes
    r["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    base = site.url("")
    r[NVIDIA_PATH] = Route(
        page(
            "Nvidia to invest up to $100 billion in OpenAI",
            NVIDIA_OPENAI,
            canonical=base + NVIDIA_PATH,
            published="2025-09-22",
        ).encode(),
        HTML,
    )
    # windows-1252 with no charset anywhere (neither the header nor the page)
    r["/europe/asml-mistral"] = Route(
        page("ASML leads Mistral AI’s €1.7 billion round", ASML_MISTRAL, charset=None,
             published="2025-09-09").encode("cp1252"),
        "text/html",
    )  # fmt: skip
    r[FAULT_PATHS["flaky"]] = Route(
        page("Meta signs $14.2 billion CoreWeave deal", META_COREWEAVE).encode(),
        HTML,
        before=[(500, {}), (503, {})],
    )
    r[FAULT_PATHS["busy"]] = Route(
        page("AMD and OpenAI sign six-gigawatt chip deal", AMD_OPENAI).encode(),
        HTML,
        before=[(429, {"Retry-After": "1"})],
    )
    r[FAULT_PATHS["slow"]] = Route(page("Late", ["Too late."]).encode(), HTML, delay=4.0)
    r["/loop/a"] = Route(redirect="/loop/b", status=302)
    r["/loop/b"] = Route(redirect="/loop/a", status=302)
    r[FAULT_PATHS["huge"]] = Route(zeros(50 * 1024 * 1024), HTML)
    r[FAULT_PATHS["private"]] = Route(page("Draft", NEW_STORY).encode(), HTML)
    r[FAULT_PATHS["pdf"]] = Route(b"%PDF-1.7\n" + b"0" * 5000, "application/pdf")
    r["/feed.xml"] = Route(
        rss(
            [
                (base + NVIDIA_PATH + "?utm_source=rss&utm_medium=feed",
                 "Nvidia to invest up to $100 billion in OpenAI", "Mon, 22 Sep 2025 16:00:00 GMT"),
                (base + NVIDIA_PATH + "?fbclid=IwAR0abc&utm_campaign=social#comments",
                 "Nvidia and OpenAI (shared link)", "Mon, 22 Sep 2025 16:00:00 GMT"),
                (base + "/europe/asml-mistral", "ASML leads Mistral AI round", None),
                (base + FAULT_PATHS["flaky"], "Meta and CoreWeave", None),
                (base + FAULT_PATHS["busy"], "AMD and OpenAI", "Mon, 06 Oct 2025 12:00:00 GMT"),
                (base + FAULT_PATHS["missing"], "A story that was taken down", None),
                (base + FAULT_PATHS["slow"], "A slow page", None),
                (base + FAULT_PATHS["loop"], "A redirect loop", None),
                (base + FAULT_PATHS["huge"], "A page that never ends", None),
                (base + FAULT_PATHS["private"], "A page robots.txt forbids", None),
                (base + FAULT_PATHS["pdf"], "A PDF", None),
            ]
        ),
        "application/rss+xml",
    )  # fmt: skip
    r["/sitemap-broken.xml"] = Route(
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>" + base.encode() + b"/a</loc></url><url><loc>",
        "application/xml",
    )


def wire_site(site: Site) -> None:
    """A second host that republishes the Nvidia story, listed in a plain URL list."""
    r = site.routes
    r["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", "text/plain")
    r["/story/nvidia-openai-syndicated"] = Route(
        page(
            "Nvidia to invest up to $100 billion in OpenAI",
            NVIDIA_OPENAI,
            site="Deal Wire",
            published="2025-09-23",
            footer="This story first appeared on Compute Ledger.",
        ).encode(),
        HTML,
    )
    r["/urls.txt"] = Route(
        (site.url("/story/nvidia-openai-syndicated") + "\n").encode(), "text/plain"
    )


def healthy_site(site: Site) -> None:
    """A site without faults: a feed, a news sitemap behind a sitemap index, and pages."""
    r = site.routes
    r["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    base = site.url("")
    r[NVIDIA_PATH] = Route(
        page("Nvidia to invest up to $100 billion in OpenAI", NVIDIA_OPENAI,
             published="2025-09-22").encode(), HTML)  # fmt: skip
    r["/chips/amd-openai"] = Route(
        page("AMD and OpenAI sign six-gigawatt chip deal", AMD_OPENAI).encode(), HTML
    )
    r["/cloud/meta-coreweave"] = Route(
        page("Meta signs $14.2 billion CoreWeave deal", META_COREWEAVE,
             published="2025-09-30").encode(), HTML)  # fmt: skip
    r["/feed.xml"] = Route(
        rss([(base + NVIDIA_PATH, "Nvidia and OpenAI", "Mon, 22 Sep 2025 16:00:00 GMT"),
             (base + "/chips/amd-openai", "AMD and OpenAI", "Mon, 06 Oct 2025 12:00:00 GMT")]),
        "application/rss+xml",
    )  # fmt: skip
    r["/sitemap_index.xml"] = Route(sitemap_index([base + "/news-sitemap.xml"]), "application/xml")
    r["/news-sitemap.xml"] = Route(
        news_sitemap([(base + "/cloud/meta-coreweave", "2025-09-30", "Meta and CoreWeave")]),
        "application/xml",
    )


# Web settings for tests: loopback allowed, fast timeouts and backoff, no politeness delay.
FAST_WEB: dict[str, Any] = {
    "allow_private_hosts": True,
    "user_agent": "aideals-test/1.0",
    "per_host_concurrency": 4,
    "requests_per_second": 500.0,
    "timeout_seconds": 1.0,
    "max_body_bytes": 1_000_000,
    "retries": 2,
    "backoff_seconds": 0.05,
    "max_retry_after_seconds": 5.0,
}
