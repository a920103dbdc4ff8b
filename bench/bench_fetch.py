"""Fetch and parse 2,000 pages from a local server; print pages per second and peak memory.

    .venv/bin/python bench/bench_fetch.py [--pages 2000] [--concurrency 8]

The server (a separate process, so its CPU time is not ours) serves robots.txt, a sitemap of
generated news pages of about 6 KB each, and the pages. The crawl uses the real fetcher
(``flows.web.crawl``: robots.txt, per-host limits, streaming size check, address checks), then
every page goes through the real parser (charset, trafilatura, canonical URL, publication date).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

COMPANIES = ["Nvidia", "Microsoft", "Amazon", "Google", "Meta", "Oracle", "AMD", "SoftBank"]
TARGETS = ["Mistral AI", "Anthropic", "OpenAI", "Cohere", "CoreWeave", "Nebius", "Scale AI"]
FILLER = [
    "Analysts said the agreement reflects how quickly demand for computing capacity is growing.",
    "The companies did not disclose further financial terms beyond their joint statement.",
    "Shares of the larger company moved little in early trading after the announcement.",
    "People familiar with the talks said negotiations had lasted several months.",
    "Regulators in Europe and the United States are expected to look at the terms.",
]


def make_page(i: int) -> bytes:
    rng = random.Random(i)
    buyer, target = rng.choice(COMPANIES), rng.choice(TARGETS)
    day = date(2024, 1, 1) + timedelta(days=rng.randint(0, 600))
    amount = rng.choice(["$250 million", "$1.5 billion", "$4 billion", "$650 million"])
    lead = f"{buyer} said on Tuesday that it had agreed to invest {amount} in {target}."
    body = [lead] + [rng.choice(FILLER) for _ in range(12)] + [f"Story number {i}."]
    paragraphs = "".join(f"<p>{p}</p>" for p in body)
    links = "".join(f'<li><a href="/news/{j:06d}">Related story {j}</a></li>' for j in range(20))
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{buyer} backs {target}</title>'
        f'<meta property="article:published_time" content="{day.isoformat()}">'
        '<meta property="og:site_name" content="Bench News"></head><body>'
        f'<nav><a href="/">Home</a></nav><article><h1>{buyer} backs {target}</h1>{paragraphs}'
        f"</article><aside><ul>{links}</ul></aside><footer>Newsletter</footer></body></html>"
    ).encode()


def serve(pages: int) -> None:
    """Child process: serve the site and print the port."""
    from tests.flows.web_site import Route, Site

    site = Site()
    site.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", "text/plain")
    locs = "".join(f"<url><loc>{site.url(f'/news/{i:06d}')}</loc></url>" for i in range(pages))
    site.routes["/sitemap.xml"] = Route(
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + locs.encode()
        + b"</urlset>",
        "application/xml",
    )
    for i in range(pages):
        site.routes[f"/news/{i:06d}"] = Route(make_page(i), "text/html; charset=utf-8")
    print(site.port, flush=True)
    sys.stdin.read()  # until the parent closes our stdin
    site.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return 0

    from flows.web import FetchPolicy, crawl
    from transforms.articles import Rejection
    from transforms.html import html_to_text
    from transforms.inputs import parse_raw_input

    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(args.pages)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        policy = FetchPolicy(
            user_agent="aideals-bench/1.0",
            allow_private_hosts=True,
            per_host_concurrency=args.concurrency,
            requests_per_second=100_000.0,
            max_pages_per_source=args.pages,
        )
        t0 = time.perf_counter()
        fetched = asyncio.run(crawl([f"http://127.0.0.1:{port}/sitemap.xml"], policy, {}))
        fetch_s = time.perf_counter() - t0
        t1 = time.perf_counter()
        parsed = [parse_raw_input(raw, read_html=html_to_text) for raw in fetched.raw]
        parse_s = time.perf_counter() - t1
    finally:
        if server.stdin is not None:
            server.stdin.close()
        server.wait(timeout=30)
    bad = sum(isinstance(p, Rejection) for p in parsed)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pages = len(fetched.raw)
    total = fetch_s + parse_s
    print(
        f"{datetime.now(UTC):%Y-%m-%d}: {pages} pages fetched in {fetch_s:.1f} s "
        f"({pages / fetch_s:.0f} pages/s, {len(fetched.failures)} failed), parsed in "
        f"{parse_s:.1f} s ({pages / parse_s:.0f} pages/s, {bad} rejected); "
        f"fetch and parse {pages / total:.0f} pages/s; peak RSS {peak_mib:.0f} MiB"
    )
    return 0 if pages == args.pages and not fetched.failures and not bad else 1


if __name__ == "__main__":
    sys.exit(main())
