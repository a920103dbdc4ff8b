"""The fetcher against a real HTTP server on 127.0.0.1 with every fault (no Prefect: fast)."""

from __future__ import annotations

import asyncio
from typing import Any

from flows.web import FetchPolicy, WebFetch, crawl
from tests.flows.web_pages import FAST_WEB, FAULT_PATHS, NVIDIA_PATH
from tests.flows.web_site import Route, Site

POLICY = FetchPolicy(**FAST_WEB, max_redirects=4)


def fetch(sources: list[str], policy: FetchPolicy = POLICY, state: Any = None) -> WebFetch:
    return asyncio.run(crawl(sources, policy, state or {}))


def by_url(result: WebFetch) -> dict[str, Any]:
    return {r.url: r for r in result.records}


def test_every_fault_is_recorded_and_the_good_pages_come_back(news: Site, wire: Site) -> None:
    result = fetch([news.url("/feed.xml"), news.url("/sitemap-broken.xml"), wire.url("/urls.txt")])
    log = by_url(result)
    u = news.url

    # the same article at two addresses with tracking parameters: requested once, plainly
    assert len(news.seen(NVIDIA_PATH)) == 1
    assert not [p for p in news.paths() if "utm_" in p or "fbclid" in p]
    assert log[u(NVIDIA_PATH)].outcome == "fetched"
    # 500 and 503, then success: three attempts
    assert [s.status for s in news.seen(FAULT_PATHS["flaky"])] == [500, 503, 200]
    assert log[u(FAULT_PATHS["flaky"])].outcome == "fetched"
    assert log[u(FAULT_PATHS["flaky"])].attempts == 3
    # 429 with Retry-After: 1, then success
    busy = news.seen(FAULT_PATHS["busy"])
    assert [s.status for s in busy] == [429, 200]
    assert log[u(FAULT_PATHS["busy"])].attempts == 2
    # 404: one request, no retry
    assert [s.status for s in news.seen(FAULT_PATHS["missing"])] == [404]
    missing = log[u(FAULT_PATHS["missing"])]
    assert (missing.outcome, missing.status_code, missing.attempts) == ("http_error", 404, 1)
    # slower than the timeout: retried, then given up
    slow = log[u(FAULT_PATHS["slow"])]
    assert slow.outcome == "timeout" and slow.attempts == 3
    assert "within 1 s" in slow.reason
    # a redirect loop
    loop = log[u(FAULT_PATHS["loop"])]
    assert loop.outcome == "too_many_redirects" and "loop" in loop.reason
    assert news.paths().count("/loop/a") == 1 and news.paths().count("/loop/b") == 1
    # 50 MB: reading stopped at the limit
    huge = log[u(FAULT_PATHS["huge"])]
    assert huge.outcome == "too_large" and "while streaming" in huge.reason
    # robots.txt: the disallowed path was never requested
    assert FAULT_PATHS["private"] not in news.paths()
    assert log[u(FAULT_PATHS["private"])].outcome == "robots_disallowed"
    # a PDF: skipped by its content type
    pdf = log[u(FAULT_PATHS["pdf"])]
    assert pdf.outcome == "unsupported_type" and "application/pdf" in pdf.reason
    assert pdf.body_bytes == 0
    # malformed XML: the source is unreadable, the run goes on
    broken = log[u("/sitemap-broken.xml")]
    assert broken.outcome == "unreadable" and "malformed XML" in broken.reason
    assert [r.location for r in result.rejections] == ["source"]
    assert "sitemap-broken.xml" in result.rejections[0].reason
    # robots.txt was read once per host
    assert news.paths().count("/robots.txt") == 1 and wire.paths().count("/robots.txt") == 1

    pages = {raw.location: raw for raw in result.raw}
    assert set(pages) == {
        u(NVIDIA_PATH),
        u("/europe/asml-mistral"),
        u(FAULT_PATHS["flaky"]),
        u(FAULT_PATHS["busy"]),
        wire.url("/story/nvidia-openai-syndicated"),
    }
    nvidia = pages[u(NVIDIA_PATH)]
    assert nvidia.origin is not None and str(nvidia.origin.listed_published) == "2025-09-22"
    assert pages[u("/europe/asml-mistral")].origin.charset is None  # type: ignore[union-attr]


def test_a_second_run_makes_only_conditional_requests(healthy: Site) -> None:
    sources = [healthy.url("/feed.xml"), healthy.url("/sitemap_index.xml")]
    first = fetch(sources)
    assert len(first.raw) == 3 and not first.failures
    assert not any(r.conditional for r in healthy.requests)
    healthy.requests.clear()

    second = fetch(sources, state=first.state)
    assert second.raw == [] and not second.failures
    assert healthy.requests, "the second run asked nothing"
    assert all(r.conditional for r in healthy.requests), healthy.requests
    assert {r.status for r in healthy.requests} == {304}
    assert sorted(healthy.paths()) == ["/feed.xml", "/robots.txt", "/sitemap_index.xml"]
    assert {r.outcome for r in second.records} == {"not_modified"}


def test_a_changed_feed_fetches_only_its_new_entry(healthy: Site) -> None:
    from tests.flows.web_pages import NEW_STORY, page, rss

    source = healthy.url("/feed.xml")
    first = fetch([source])
    healthy.routes["/deals/anthropic-google"] = Route(
        page("Anthropic and Google", NEW_STORY).encode()
    )
    healthy.routes["/feed.xml"] = Route(
        rss(
            [
                (healthy.url(NVIDIA_PATH), "Nvidia and OpenAI", "Mon, 22 Sep 2025 16:00:00 GMT"),
                (healthy.url("/chips/amd-openai"), "AMD", "Mon, 06 Oct 2025 12:00:00 GMT"),
                (
                    healthy.url("/deals/anthropic-google"),
                    "Anthropic",
                    "Thu, 23 Oct 2025 12:00:00 GMT",
                ),
            ]
        ),
        "application/rss+xml",
    )
    healthy.requests.clear()
    second = fetch([source], state=first.state)
    assert sorted(healthy.paths()) == ["/deals/anthropic-google", "/feed.xml", "/robots.txt"]
    assert [raw.location for raw in second.raw] == [healthy.url("/deals/anthropic-google")]


def test_a_transient_failure_is_retried_on_the_next_run(news: Site) -> None:
    news.routes["/feed.xml"] = Route(
        b"<rss version='2.0'><channel><title>t</title>"
        b"<item><title>slow</title><link>"
        + news.url(FAULT_PATHS["slow"]).encode()
        + b"</link></item>"
        b"</channel></rss>",
        "application/rss+xml",
    )
    first = fetch([news.url("/feed.xml")], FetchPolicy(**{**_fields(POLICY), "retries": 0}))
    assert by_url(first)[news.url(FAULT_PATHS["slow"])].outcome == "timeout"
    news.routes[FAULT_PATHS["slow"]].delay = 0
    news.requests.clear()
    second = fetch([news.url("/feed.xml")], state=first.state)
    feed = news.seen("/feed.xml")
    assert len(feed) == 1 and not feed[0].conditional  # the listing is read again in full
    assert by_url(second)[news.url(FAULT_PATHS["slow"])].outcome == "fetched"


def _fields(policy: FetchPolicy) -> dict[str, Any]:
    return {name: getattr(policy, name) for name in FetchPolicy.__slots__}  # type: ignore[attr-defined]


def test_loopback_is_refused_without_the_allow_flag(news: Site) -> None:
    policy = FetchPolicy(**{**_fields(POLICY), "allow_private_hosts": False})
    result = fetch([news.url("/feed.xml"), f"http://localhost:{news.port}/feed.xml"], policy)
    assert news.requests == []  # nothing at all was sent
    outcomes = {r.url: (r.outcome, r.reason) for r in result.records}
    assert outcomes[news.url("/feed.xml")][0] == "refused_address"
    assert "127.0.0.1 is loopback" in outcomes[news.url("/feed.xml")][1]
    assert len(result.rejections) == 2


def test_every_redirect_hop_is_checked_again(news: Site) -> None:
    news.routes["/to-file"] = Route(redirect="file:///etc/passwd", status=301)
    news.routes["/to-unspecified"] = Route(
        redirect=f"http://0.0.0.0:{news.port}/feed.xml", status=302
    )
    news.routes["/to-metadata"] = Route(
        redirect="http://169.254.169.254/latest/meta-data/", status=302
    )
    news.routes["/list.txt"] = Route(
        "\n".join(news.url(p) for p in ("/to-file", "/to-unspecified")).encode(), "text/plain"
    )
    result = fetch([news.url("/list.txt")])
    log = by_url(result)
    assert log[news.url("/to-file")].outcome == "refused_scheme"
    assert log[news.url("/to-unspecified")].outcome == "refused_address"
    assert "unspecified" in log[news.url("/to-unspecified")].reason
    strict = FetchPolicy(**{**_fields(POLICY), "allow_private_hosts": False})

    async def loopback_is_public(host: str, port: int) -> list[str]:
        return ["93.184.215.14"] if host == "127.0.0.1" else ["169.254.169.254"]

    news.routes["/list.txt"] = Route(news.url("/to-metadata").encode(), "text/plain")
    # a public-looking host that redirects to the cloud metadata address: refused at the hop
    res = asyncio.run(crawl([news.url("/list.txt")], strict, {}, resolve=loopback_is_public))
    hop = by_url(res)[news.url("/to-metadata")]
    assert hop.outcome == "refused_address" and "169.254.169.254 is link-local" in hop.reason
    assert "/latest/meta-data/" not in news.paths()
