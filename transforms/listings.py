"""Listings of articles: RSS/Atom feeds, XML sitemaps (news sitemaps, sitemap indexes), URL lists.

What a fetched body is comes from its content type and a sniff of its first bytes, never from the
URL alone. Feeds are read by feedparser (which drops entity declarations from DOCTYPEs); sitemaps
by lxml with no DTD loading, no entity resolution and no network, and a sitemap that carries a
DTD at all is refused. Pure: bytes in, entries out.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from transforms.urls import resolve_link

__all__ = [
    "BodyKind",
    "Entry",
    "Listing",
    "ListingError",
    "detect_kind",
    "parse_listing",
]

BodyKind = Literal["feed", "sitemap", "sitemap_index", "url_list", "page", "unsupported"]

MAX_ENTRIES = 50_000  # the sitemap protocol's own limit per file


class ListingError(ValueError):
    """A listing that cannot be read (malformed XML, a DTD, nothing recognisable)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One article address a listing gives, with what the listing says about it."""

    url: str
    title: str | None = None
    published: date | None = None  # feed entry or news-sitemap publication date
    updated: datetime | None = None  # when the listing says the page last changed


@dataclass(frozen=True, slots=True)
class Listing:
    kind: BodyKind
    entries: tuple[Entry, ...]  # article pages
    children: tuple[Entry, ...] = ()  # further sitemaps (a sitemap index)
    warning: str | None = None  # read, but with a problem worth recording


_TEXT_TYPES = ("text/", "application/xml", "application/xhtml+xml", "application/rss+xml")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_XML_TYPES = ("application/xml", "text/xml")
_ROOT = re.compile(rb"<\s*([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_SKIP = re.compile(rb"^(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)", re.S | re.I)


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _root_element(body: bytes) -> str | None:
    head = body[:8192].lstrip(b"\xef\xbb\xbf")
    while True:
        match = _SKIP.match(head)
        if match is None or not match.group(0):
            break
        head = head[match.end() :]
    root = _ROOT.match(head)
    return root.group(2).decode("ascii", "replace").lower() if root else None


def _looks_like_url_list(body: bytes) -> bool:
    lines = [line.strip() for line in body[:65536].splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith(b"#")]
    urls = [line for line in lines if re.match(rb"^https?://\S+$", line)]
    return bool(urls) and len(urls) >= 0.8 * len(lines)


def detect_kind(content_type: str | None, body: bytes) -> BodyKind:
    """What a fetched body is, from its declared type and its first bytes."""
    declared = media_type(content_type)
    if declared and not declared.startswith(_TEXT_TYPES) and declared not in _FEED_TYPES:
        return "unsupported"
    root = _root_element(body)
    if root in ("rss", "feed", "rdf"):
        return "feed"
    if root == "urlset":
        return "sitemap"
    if root == "sitemapindex":
        return "sitemap_index"
    if root in ("html", "head", "body", "!doctype") or declared in _PAGE_TYPES:
        return "page"
    if declared in _FEED_TYPES:
        return "feed"  # declared a feed but not recognisable: let the feed parser say why
    if declared in _XML_TYPES or body.lstrip().startswith(b"<?xml"):
        return "sitemap"  # XML of another kind: the sitemap reader reports what it found
    if _looks_like_url_list(body):
        return "url_list"
    if root is not None:
        return "page"
    return "unsupported"


def _date_of(value: Any) -> date | None:
    if value is None:
        return None
    try:
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    except (AttributeError, ValueError):
        return None


def _datetime_of(value: Any) -> datetime | None:
    try:
        year, month, day, hour, minute, second = value[:6]
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _parse_feed(body: bytes, base_url: str, content_type: str | None) -> Listing:
    import feedparser  # type: ignore[import-untyped]

    headers = {"content-type": content_type} if content_type else {}
    # A stream, never a string: given a string that looks like an address, feedparser fetches it.
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    entries = []
    for item in parsed.entries[:MAX_ENTRIES]:
        # Not item.get(): feedparser answers a missing updated_parsed with published_parsed.
        updated = dict.get(item, "updated_parsed")
        link = item.get("link") or next(
            (x.get("href") for x in item.get("links", []) if x.get("href")), None
        )
        if not link:
            continue
        entries.append(
            Entry(
                url=resolve_link(base_url, link),
                title=(item.get("title") or None),
                published=_date_of(item.get("published_parsed")),
                updated=_datetime_of(updated) or _datetime_of(item.get("published_parsed")),
            )
        )
    warning = None
    if parsed.get("bozo"):
        problem = f"{type(parsed.bozo_exception).__name__}: {parsed.bozo_exception}"
        if not entries:
            raise ListingError(f"malformed feed: {problem}")
        warning = f"feed is not well-formed ({problem}); read {len(entries)} entries leniently"
    return Listing("feed", tuple(entries), warning=warning)


_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def _parse_iso(value: str | None) -> datetime | None:
    if not value or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(text[:10]), datetime.min.time())
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _parse_sitemap(body: bytes, base_url: str) -> Listing:
    from lxml import etree  # type: ignore[import-untyped]

    head = body[:65536]
    if re.search(rb"<!DOCTYPE|<!ENTITY", head, re.I):
        raise ListingError("XML with a DTD or entity declarations is refused")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        recover=False,
    )
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ListingError(f"malformed XML: {exc}") from None
    kind = _local(root.tag).lower()
    if kind not in ("urlset", "sitemapindex"):
        raise ListingError(f"XML is neither a feed nor a sitemap (root element <{kind}>)")
    items = []
    for node in root:
        if _local(node.tag).lower() not in ("url", "sitemap"):
            continue
        fields: dict[str, str] = {}
        for child in node.iter():
            name = _local(child.tag).lower()
            if name in ("loc", "lastmod", "publication_date", "title") and child.text:
                fields.setdefault(name, child.text.strip())
        if fields.get("loc"):
            published = _parse_iso(fields.get("publication_date"))
            items.append(
                Entry(
                    url=resolve_link(base_url, fields["loc"]),
                    title=fields.get("title"),
                    published=published.date() if published else None,
                    updated=_parse_iso(fields.get("lastmod")) or published,
                )
            )
        if len(items) >= MAX_ENTRIES:
            break
    if kind == "sitemapindex":
        return Listing("sitemap_index", (), tuple(items))
    return Listing("sitemap", tuple(items))


def _parse_url_list(body: bytes, base_url: str) -> Listing:
    text = body.decode("utf-8", errors="replace")
    entries = [
        Entry(url=resolve_link(base_url, line.strip()))
        for line in text.splitlines()
        if re.match(r"^https?://\S+$", line.strip())
    ]
    return Listing("url_list", tuple(entries[:MAX_ENTRIES]))


def parse_listing(
    kind: BodyKind, body: bytes, base_url: str, content_type: str | None = None
) -> Listing:
    """The entries of a feed, sitemap, sitemap index or URL list; ListingError when unreadable."""
    if kind == "feed":
        return _parse_feed(body, base_url, content_type)
    if kind in ("sitemap", "sitemap_index"):
        return _parse_sitemap(body, base_url)
    if kind == "url_list":
        return _parse_url_list(body, base_url)
    raise ListingError(f"a {kind} is not a listing")
