"""Web sources: feeds, sitemaps, URL lists and single pages, fetched politely, safely, incrementally.

One call (``crawl``) fetches every web source of a run with one pooled async httpx client:

- politeness: robots.txt for the configured user agent (and its Crawl-delay), a request rate and
  a concurrency limit per host, retries with exponential backoff and jitter on timeouts, 5xx and
  429, ``Retry-After`` honoured on 429 and 503 (a longer wait than allowed skips the address for
  this run, and the whole host waits too);
- limits: timeouts, a maximum body size enforced while streaming, a redirect limit, a content-type
  check before any body is read;
- safety: only http and https; every redirect hop is checked again, and every address its host
  resolves to must pass ``transforms.urls.address_refusal`` (loopback, private and link-local
  addresses only with ``allow_private_hosts``);
- incremental: validators (ETag, Last-Modified) and what was seen are kept in a state mapping, so
  an unchanged feed or page costs a 304 and listed pages already fetched are not requested again
  unless the listing says they changed.

Every address tried becomes a ``FetchRecord`` (the ``fetch_log`` rows); nothing here raises for one
bad address or source. The decisions that need no network live in ``transforms/``.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import socket
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from transforms.articles import Rejection
from transforms.charsets import header_charset
from transforms.fetching import (
    FetchRecord,
    RobotsRules,
    backoff_seconds,
    is_transient,
    retry_after_seconds,
    robots_rules,
)
from transforms.inputs import RawInput, WebOrigin
from transforms.listings import Entry, ListingError, detect_kind, media_type, parse_listing
from transforms.urls import address_refusal, fetch_url, scheme_refusal

__all__ = ["FetchPolicy", "WebFetch", "crawl", "run_crawl"]

STATE_VERSION = 1
REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_CHILD_SITEMAPS = 50
MAX_CRAWL_DELAY = 30.0


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """The [web] settings a crawl needs (see flows/settings.py for what each means)."""

    user_agent: str = "aideals/0.1"
    allow_private_hosts: bool = False
    per_host_concurrency: int = 2
    requests_per_second: float = 1.0
    timeout_seconds: float = 20.0
    max_body_bytes: int = 5_000_000
    max_redirects: int = 5
    retries: int = 3
    backoff_seconds: float = 1.0
    max_retry_after_seconds: float = 120.0
    max_pages_per_source: int = 1000

    @classmethod
    def from_settings(cls, settings: Any) -> FetchPolicy:
        return cls(**{name: getattr(settings, name) for name in cls.__slots__})  # type: ignore[attr-defined]


@dataclass
class WebFetch:
    """What a crawl brought back: pages to parse, sources that failed, the log, the new state."""

    raw: list[RawInput] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    records: list[FetchRecord] = field(default_factory=list)
    listings: list[bytes] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)

    @property
    def failures(self) -> list[FetchRecord]:
        return [r for r in self.records if not r.ok]


@dataclass
class _Reply:
    record: FetchRecord
    body: bytes | None = None
    headers: httpx.Headers = field(default_factory=httpx.Headers)

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


class _Host:
    """Per-host politeness: a concurrency limit and a minimum interval between request starts."""

    def __init__(self, concurrency: int, interval: float) -> None:
        self.slots = asyncio.Semaphore(concurrency)
        self.interval = interval
        self.next_at = 0.0
        self.lock = asyncio.Lock()

    async def turn(self) -> None:
        async with self.lock:
            now = time.monotonic()
            wait = max(0.0, self.next_at - now)
            self.next_at = max(now, self.next_at) + self.interval
        if wait:
            await asyncio.sleep(wait)

    def defer(self, seconds: float) -> None:
        self.next_at = max(self.next_at, time.monotonic() + seconds)


class _Failed(Exception):
    def __init__(self, outcome: str, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.outcome, self.reason, self.status = outcome, reason, status


def _acceptable(content_type: str | None) -> bool:
    kind = media_type(content_type)
    return not kind or kind.startswith("text/") or "xml" in kind


class Fetcher:
    """One run's fetching: the client, hosts, robots rules and the state it reads and updates."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        policy: FetchPolicy,
        state: dict[str, Any],
        *,
        resolve: Callable[[str, int], Awaitable[list[str]]] | None = None,
    ) -> None:
        self.client = client
        self.policy = policy
        self.addresses: dict[str, Any] = state.setdefault("addresses", {})
        self.robots_cache: dict[str, Any] = state.setdefault("robots", {})
        self.hosts: dict[str, _Host] = {}
        self.rules: dict[str, RobotsRules] = {}
        self.rule_locks: dict[str, asyncio.Lock] = {}
        self.resolved: dict[tuple[str, int], list[str]] = {}
        self.records: list[FetchRecord] = []
        self.resolve = resolve or self._resolve
        self.random = random.Random()

    # -- safety -----------------------------------------------------------------------------
    @staticmethod
    async def _resolve(host: str, port: int) -> list[str]:
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        return sorted({str(info[4][0]) for info in infos})

    async def _check_address(self, url: str) -> None:
        refusal = scheme_refusal(url)
        if refusal:
            raise _Failed("refused_scheme", refusal)
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        key = (host, port)
        if key not in self.resolved:
            try:
                self.resolved[key] = await self.resolve(host, port)
            except (OSError, UnicodeError) as exc:
                raise _Failed("connection_error", f"cannot resolve {host}: {exc}") from None
        if not self.resolved[key]:
            raise _Failed("connection_error", f"{host} resolves to no address")
        for address in self.resolved[key]:
            refusal = address_refusal(address, allow_private=self.policy.allow_private_hosts)
            if refusal:
                raise _Failed("refused_address", f"{host} resolves to {refusal}")

    # -- politeness -------------------------------------------------------------------------
    def _host(self, url: str) -> _Host:
        netloc = urlsplit(url).netloc.lower()
        if netloc not in self.hosts:
            self.hosts[netloc] = _Host(
                self.policy.per_host_concurrency, 1.0 / self.policy.requests_per_second
            )
        return self.hosts[netloc]

    async def _robots(self, url: str, source: str) -> RobotsRules:
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        lock = self.rule_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self.rules:
                robots_url = origin + "/robots.txt"
                reply = await self.get(robots_url, source, "robots", conditional=True)
                cached = self.robots_cache.get(origin, {})
                if reply.record.outcome == "not_modified":
                    rules = robots_rules(200, str(cached.get("body", "")).encode())
                elif reply.record.outcome == "fetched":
                    rules = robots_rules(reply.record.status_code, reply.body)
                    self.robots_cache[origin] = {
                        "body": (reply.body or b"").decode("utf-8", "replace")
                    }
                elif reply.record.status_code and 400 <= reply.record.status_code < 500:
                    rules = robots_rules(reply.record.status_code, None)
                elif reply.record.outcome in ("refused_address", "refused_scheme"):
                    rules = robots_rules(404, None)  # the page itself will be refused too
                else:
                    rules = robots_rules(None, None)  # unreachable: disallow, as RFC 9309 says
                self.records.append(reply.record)
                self.remember(robots_url, reply)
                delay = rules.crawl_delay(self.policy.user_agent)
                if delay:
                    host = self._host(url)
                    host.interval = max(host.interval, min(delay, MAX_CRAWL_DELAY))
                self.rules[origin] = rules
            return self.rules[origin]

    # -- one address ------------------------------------------------------------------------
    def _validators(self, url: str) -> dict[str, str]:
        known = self.addresses.get(url) or {}
        headers = {}
        if known.get("etag"):
            headers["If-None-Match"] = known["etag"]
        if known.get("last_modified"):
            headers["If-Modified-Since"] = known["last_modified"]
        return headers

    async def _once(self, url: str, headers: dict[str, str]) -> tuple[int, httpx.Headers, bytes]:
        """One request; the body is read only for a 200 with an acceptable type and size."""
        host = self._host(url)
        await host.turn()
        limit = self.policy.max_body_bytes
        async with host.slots:
            try:
                async with asyncio.timeout(self.policy.timeout_seconds * 3):
                    async with self.client.stream("GET", url, headers=headers) as response:
                        status, got = response.status_code, response.headers
                        if status != 200:
                            return status, got, b""
                        if not _acceptable(got.get("content-type")):
                            raise _Failed(
                                "unsupported_type",
                                f"content type {media_type(got.get('content-type'))} is not an "
                                "article or a listing; skipped without downloading",
                                status,
                            )
                        declared = got.get("content-length", "")
                        if declared.isdigit() and int(declared) > limit:
                            raise _Failed(
                                "too_large",
                                f"Content-Length {int(declared):,} bytes is over "
                                f"max_body_bytes {limit:,}",
                                status,
                            )
                        body = bytearray()
                        async for chunk in response.aiter_bytes():
                            body += chunk
                            if len(body) > limit:
                                raise _Failed(
                                    "too_large",
                                    f"body passed max_body_bytes {limit:,} while streaming; "
                                    "stopped reading",
                                    status,
                                )
                        return status, got, bytes(body)
            except (TimeoutError, httpx.TimeoutException) as exc:
                raise _Failed(
                    "timeout",
                    f"no complete response within {self.policy.timeout_seconds:g} s "
                    f"({type(exc).__name__})",
                ) from None
            except httpx.TransportError as exc:
                raise _Failed(
                    "connection_error", f"{type(exc).__name__}: {exc or 'connection failed'}"
                ) from None

    async def get(self, url: str, source: str, kind: str, *, conditional: bool) -> _Reply:
        """Fetch one address: safety and robots on every hop, retries, redirects, validators."""
        started = time.monotonic()
        at = datetime.now(UTC)
        conditional_headers = self._validators(url) if conditional else {}
        tally = [0]  # requests made, retries included, across redirect hops
        current = url
        seen = {url}
        status: int | None = None
        headers = httpx.Headers()

        def record(outcome: str, reason: str, body: bytes | None = None) -> _Reply:
            return _Reply(
                FetchRecord(
                    url=url,
                    source=source,
                    kind=kind,
                    outcome=outcome,
                    reason=reason,
                    attempts=tally[0],
                    fetched_at=at,
                    status_code=status,
                    final_url=current if current != url else None,
                    content_type=headers.get("content-type"),
                    body_bytes=len(body or b""),
                    is_conditional=bool(conditional_headers),
                    duration_ms=round((time.monotonic() - started) * 1000, 1),
                    raw_sha256=hashlib.sha256(body).hexdigest() if body is not None else None,
                ),
                body,
                headers,
            )

        try:
            for _hop in range(self.policy.max_redirects + 1):
                await self._check_address(current)
                if kind != "robots":
                    rules = await self._robots(current, source)
                    if not rules.allows(current, self.policy.user_agent):
                        raise _Failed("robots_disallowed", "robots.txt disallows this path")
                status, headers, body = await self._with_retries(
                    current, conditional_headers, tally
                )
                if status in REDIRECTS and headers.get("location"):
                    try:
                        target = fetch_url(str(httpx.URL(current).join(headers["location"])))
                    except (httpx.InvalidURL, ValueError):
                        raise _Failed(
                            "http_error", f"unreadable redirect to {headers['location']!r}", status
                        ) from None
                    if target in seen:
                        raise _Failed(
                            "too_many_redirects", f"redirect loop back to {target}", status
                        )
                    seen.add(target)
                    current = target
                    continue
                if status == 304:
                    return record("not_modified", "not modified since the last fetch")
                if status != 200:
                    raise _Failed("http_error", f"HTTP {status}", status)
                return record("fetched", f"{len(body):,} bytes", body)
            raise _Failed(
                "too_many_redirects", f"more than max_redirects={self.policy.max_redirects}"
            )
        except _Failed as failure:
            status = failure.status or status
            return record(failure.outcome, failure.reason)

    async def _with_retries(
        self, url: str, headers: dict[str, str], tally: list[int]
    ) -> tuple[int, httpx.Headers, bytes]:
        """One hop, retried on timeouts, connection errors, 5xx and 429."""
        policy = self.policy
        tries = 0
        while True:
            tries += 1
            tally[0] += 1
            try:
                status, got, body = await self._once(url, headers)
            except _Failed as failure:
                if failure.outcome not in ("timeout", "connection_error") or tries > policy.retries:
                    if tries > 1:
                        failure.reason += f" (after {tries} attempts)"
                    raise
                await asyncio.sleep(self._backoff(tries))
                continue
            if status < 500 and status != 429:
                return status, got, body
            if tries > policy.retries:
                raise _Failed("http_error", f"HTTP {status} after {tries} attempts", status)
            delay = self._backoff(tries)
            if status in (429, 503):
                asked = retry_after_seconds(got.get("retry-after"), datetime.now(UTC))
                if asked is not None and asked > policy.max_retry_after_seconds:
                    self._host(url).defer(asked)
                    raise _Failed(
                        "retry_after_too_long",
                        f"HTTP {status} with Retry-After {asked:g} s, over "
                        f"max_retry_after_seconds {policy.max_retry_after_seconds:g}",
                        status,
                    )
                if asked is not None:
                    delay = asked
                    self._host(url).defer(asked)
            await asyncio.sleep(delay)

    def _backoff(self, tries: int) -> float:
        return backoff_seconds(
            tries,
            base=self.policy.backoff_seconds,
            cap=max(self.policy.backoff_seconds, 60.0),
            jitter=self.random.random(),
        )

    # -- state --------------------------------------------------------------------------------
    def remember(self, url: str, reply: _Reply, listed: Entry | None = None) -> None:
        """Validators and outcome of an address, unless the failure is worth retrying next run."""
        if is_transient(reply.record):
            return
        known = dict(self.addresses.get(url) or {})
        if reply.record.outcome == "fetched":
            known["etag"] = reply.headers.get("etag")
            known["last_modified"] = reply.headers.get("last-modified")
            known["sha256"] = reply.record.raw_sha256
        elif reply.record.outcome != "not_modified":
            known = {}
        known["outcome"] = reply.record.outcome
        known["fetched_at"] = reply.record.fetched_at.isoformat()
        if listed is not None and listed.updated is not None:
            known["listed_updated"] = listed.updated.isoformat()
        self.addresses[url] = known

    def is_known(self, url: str, entry: Entry) -> bool:
        """Fetched (or permanently failed) before, and the listing does not say it changed."""
        known = self.addresses.get(url)
        if not known:
            return False
        if entry.updated is None:
            return True
        seen = known.get("listed_updated")
        return seen is not None and entry.updated <= datetime.fromisoformat(seen)


async def _read_source(fetcher: Fetcher, source: str, out: WebFetch, claimed: set[str]) -> None:
    """One configured source: a listing (with its pages) or a single page."""
    policy = fetcher.policy
    url = fetch_url(source)
    claimed.add(url)
    reply = await fetcher.get(url, source, "listing", conditional=True)
    if reply.record.outcome == "not_modified":
        out.records.append(reply.record)
        fetcher.remember(url, reply)
        return
    if reply.record.outcome != "fetched" or reply.body is None:
        out.records.append(reply.record)
        out.rejections.append(Rejection(source, "source", reply.record.message()))
        fetcher.remember(url, reply)
        return
    body = reply.body
    kind = detect_kind(reply.content_type, body)
    if kind == "page":
        out.records.append(replace(reply.record, kind="page"))
        _add_page(out, source, reply, None)
        fetcher.remember(url, reply)
        return
    out.listings.append(body)
    try:
        if kind == "unsupported":
            raise ListingError("neither a feed, a sitemap, a URL list nor a page")
        listing = parse_listing(kind, body, reply.record.final_url or url, reply.content_type)
        entries = list(listing.entries)
        note = listing.warning
        for child in listing.children[:MAX_CHILD_SITEMAPS]:
            child_url = fetch_url(child.url)
            if child_url in claimed or (fetcher.is_known(child_url, child) and child.updated):
                continue
            claimed.add(child_url)
            child_reply = await fetcher.get(child_url, source, "listing", conditional=True)
            if child_reply.record.outcome == "fetched" and child_reply.body is not None:
                out.listings.append(child_reply.body)
                try:
                    child_kind = detect_kind(child_reply.content_type, child_reply.body)
                    found = parse_listing(child_kind, child_reply.body, child_url)
                    entries += list(found.entries)
                except ListingError as exc:
                    child_reply.record = replace(
                        child_reply.record, outcome="unreadable", reason=str(exc)
                    )
            out.records.append(child_reply.record)
            fetcher.remember(child_url, child_reply, child)
    except ListingError as exc:
        out.records.append(replace(reply.record, outcome="unreadable", reason=str(exc)))
        out.rejections.append(Rejection(source, "source", f"{url}: {exc}"))
        fetcher.remember(url, replace_reply(reply, outcome="unreadable"))
        return
    reason = f"{kind} with {len(entries)} entries" + (f"; {note}" if note else "")
    out.records.append(replace(reply.record, reason=reason))

    todo: list[tuple[str, Entry]] = []
    for entry in entries:
        page = fetch_url(entry.url)
        if page in claimed:
            continue
        claimed.add(page)
        if not fetcher.is_known(page, entry):
            todo.append((page, entry))
    deferred = len(todo) > policy.max_pages_per_source
    todo = todo[: policy.max_pages_per_source]

    async def one(page: str, entry: Entry) -> FetchRecord:
        got = await fetcher.get(page, source, "page", conditional=True)
        if got.record.outcome == "fetched" and got.body is not None:
            if detect_kind(got.content_type, got.body) != "page":
                got.record = replace(
                    got.record,
                    outcome="unsupported_type",
                    reason="listed address is not an HTML page",
                )
            else:
                _add_page(out, source, got, entry)
        fetcher.remember(page, got, entry)
        return got.record

    results = await asyncio.gather(*(one(page, entry) for page, entry in todo))
    out.records.extend(results)
    if deferred or any(is_transient(r) for r in results):
        # Keep the listing's validators out of the state: the next run must read it again to
        # retry these pages (or fetch those over the cap), not get a 304 and forget them.
        fetcher.addresses.pop(url, None)
    else:
        fetcher.remember(url, reply)


def replace_reply(reply: _Reply, *, outcome: str) -> _Reply:
    return _Reply(replace(reply.record, outcome=outcome), reply.body, reply.headers)


def _add_page(out: WebFetch, source: str, reply: _Reply, entry: Entry | None) -> None:
    final = reply.record.final_url or reply.record.url
    out.raw.append(
        RawInput(
            source,
            final,
            "html",
            reply.body or b"",
            WebOrigin(
                url=final,
                charset=header_charset(reply.content_type),
                listed_published=entry.published if entry else None,
                listed_title=entry.title if entry else None,
            ),
        )
    )


async def crawl(
    sources: Sequence[str],
    policy: FetchPolicy,
    state: dict[str, Any],
    *,
    resolve: Callable[[str, int], Awaitable[list[str]]] | None = None,
) -> WebFetch:
    """Fetch every web source; ``state`` (from the last successful run) is not modified."""
    new_state: dict[str, Any] = {
        "version": STATE_VERSION,
        "addresses": {k: dict(v) for k, v in (state.get("addresses") or {}).items()},
        "robots": dict(state.get("robots") or {}),
    }
    if state.get("version") not in (None, STATE_VERSION):
        new_state["addresses"], new_state["robots"] = {}, {}
    out = WebFetch(state=new_state)
    limits = httpx.Limits(
        max_connections=max(10, policy.per_host_concurrency * 8),
        max_keepalive_connections=max(10, policy.per_host_concurrency * 8),
    )
    async with httpx.AsyncClient(
        follow_redirects=False,
        timeout=httpx.Timeout(policy.timeout_seconds),
        limits=limits,
        headers={"User-Agent": policy.user_agent},
        trust_env=False,  # no proxies or .netrc from the environment: addresses are checked here
    ) as client:
        fetcher = Fetcher(client, policy, new_state, resolve=resolve)
        claimed: set[str] = set()
        for source in sources:
            await _read_source(fetcher, source, out, claimed)
        out.records[:0] = fetcher.records  # robots.txt fetches first
    return out


def run_crawl(sources: Sequence[str], policy: FetchPolicy, state: dict[str, Any]) -> WebFetch:
    """``crawl`` from synchronous code (a Prefect task), in a fresh event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(crawl(sources, policy, state))
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, crawl(sources, policy, state)).result()
