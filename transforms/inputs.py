"""Raw inputs as received from a source, and their parsing into articles.

A source hands over ``RawInput`` values (one JSON line, one HTML page, one text or markdown
file); nothing here reads files. Each input becomes a ``ParsedArticle`` or a ``Rejection`` that
names the input and the reason, so one bad input never stops the others.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Literal

import polars as pl

from transforms.articles import Article, Rejection, canonical_url, parse_article_record
from transforms.charsets import decode_page
from transforms.schemas import ARTICLES
from transforms.urls import date_from_url, same_site

__all__ = ["ParsedArticle", "RawInput", "WebOrigin", "articles_frame", "parse_raw_input"]

InputKind = Literal["json", "html", "text", "markdown"]
HtmlReader = Callable[[str], tuple[str, Mapping[str, str | None]]]

_HEADER = re.compile(r"^(url|title|published)\s*:\s*(.+?)\s*$", re.I)


@dataclass(frozen=True, slots=True)
class WebOrigin:
    """What the fetch and the listing said about a page fetched from the web."""

    url: str  # the address the page was finally fetched from (after redirects)
    charset: str | None = None  # from the HTTP Content-Type header
    listed_published: date | None = None  # the feed entry's or news sitemap's date
    listed_title: str | None = None


@dataclass(frozen=True, slots=True)
class RawInput:
    """One input exactly as a source received it."""

    source: str
    location: str  # "line 12" for JSON lines, the file name for a folder, the URL of a page
    kind: InputKind
    payload: bytes
    origin: WebOrigin | None = None  # set for pages fetched from the web

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.payload).hexdigest()


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    article: Article
    site_name: str | None
    raw_sha256: str


def _local_url(raw: RawInput) -> str:
    source = raw.source.rstrip("/").rsplit("/", 1)[-1] or "source"
    return f"local://{source}/{raw.location}"


def _from_html(
    raw: RawInput, html: str, read_html: HtmlReader, date_origin: str = "page"
) -> ParsedArticle | Rejection:
    text, meta = read_html(html)
    record = {
        "url": meta.get("url") or _local_url(raw),
        "title": meta.get("title") or "",
        "published": meta.get("date"),
        "text": text,
    }
    parsed = parse_article_record(record, source=raw.source, location=raw.location)
    if isinstance(parsed, Rejection):
        reason = parsed.reason
        if reason == "article has no text":
            reason = "page has no main text"
        return Rejection(raw.source, raw.location, reason)
    if parsed.published is not None:
        parsed = replace(parsed, published_origin=date_origin)
    return ParsedArticle(parsed, meta.get("site_name"), raw.sha256)


def _from_web_page(
    raw: RawInput, origin: WebOrigin, read_html: HtmlReader
) -> ParsedArticle | Rejection:
    """A fetched page: its canonical link when it stays on the same site, the publication date
    from the listing, else the page, else the address, with where it came from."""
    html, _encoding, _how = decode_page(raw.payload, origin.charset)
    text, meta = read_html(html)
    url = origin.url
    link = meta.get("url")
    if link and re.match(r"^https?://", link, re.I) and same_site(link, origin.url):
        url = link
    published: date | str | None = origin.listed_published
    published_origin = "feed" if published is not None else None
    if published is None and meta.get("date"):
        published, published_origin = meta.get("date"), "page"
    if published is None:
        published = date_from_url(origin.url)
        published_origin = "url" if published is not None else None
    record = {
        "url": url,
        "title": meta.get("title") or origin.listed_title or "",
        "published": published.isoformat() if isinstance(published, date) else published,
        "text": text,
    }
    parsed = parse_article_record(record, source=raw.source, location=raw.location)
    if isinstance(parsed, Rejection):
        reason = (
            "page has no main text" if parsed.reason == "article has no text" else parsed.reason
        )
        return Rejection(raw.source, raw.location, reason)
    article = replace(parsed, url=canonical_url(url), published_origin=published_origin)
    return ParsedArticle(article, meta.get("site_name"), raw.sha256)


def _from_plain(raw: RawInput, body: str) -> ParsedArticle | Rejection:
    """Text or markdown, with optional ``url:``, ``title:``, ``published:`` header lines."""
    lines = body.splitlines()
    header: dict[str, str] = {}
    index = 0
    while index < len(lines) and (m := _HEADER.match(lines[index])):
        header[m.group(1).lower()] = m.group(2)
        index += 1
    text = "\n".join(lines[index:]).strip()
    if raw.kind == "markdown":
        text = re.sub(r"^#{1,6}\s+", "", text, flags=re.M)
    record = {
        "url": header.get("url") or _local_url(raw),
        "title": header.get("title") or "",
        "published": header.get("published"),
        "text": text,
    }
    parsed = parse_article_record(record, source=raw.source, location=raw.location)
    if isinstance(parsed, Rejection):
        return parsed
    return ParsedArticle(parsed, None, raw.sha256)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def _declared_charset(payload: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (``<meta charset>`` or http-equiv)."""
    match = _META_CHARSET.search(payload[:4096])
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _decode(raw: RawInput) -> str | Rejection:
    """UTF-8, or for a page the charset it declares (after a UTF-8 byte-order mark: UTF-8)."""
    payload = raw.payload
    if payload.startswith(codecs.BOM_UTF8):
        payload = payload[len(codecs.BOM_UTF8) :]
    elif raw.kind == "html":
        charset = _declared_charset(payload)
        if charset is not None and charset != "utf-8":
            return payload.decode(charset, errors="replace")
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Rejection(
            raw.source,
            raw.location,
            f"not UTF-8 text and no other charset declared: {exc.reason} at byte {exc.start}",
        )


def parse_raw_input(raw: RawInput, *, read_html: HtmlReader) -> ParsedArticle | Rejection:
    """One raw input as an article, or the reason it cannot be one."""
    if raw.origin is not None and raw.kind == "html":
        return _from_web_page(raw, raw.origin, read_html)
    body = _decode(raw)
    if isinstance(body, Rejection):
        return body
    if raw.kind == "html":
        return _from_html(raw, body, read_html)
    if raw.kind in ("text", "markdown"):
        return _from_plain(raw, body)
    try:
        record = json.loads(body)
    except json.JSONDecodeError as exc:
        return Rejection(
            raw.source, raw.location, f"malformed JSON: {exc.msg} at column {exc.colno}"
        )
    if isinstance(record, dict) and not _has_text(record) and _has_text(record, "html"):
        given = isinstance(record.get("published"), str) and bool(record["published"].strip())
        return _from_html(
            raw,
            str(record["html"]),
            _with_record_fields(read_html, record),
            "source" if given else "page",
        )
    parsed = parse_article_record(record, source=raw.source, location=raw.location)
    if isinstance(parsed, Rejection):
        return parsed
    return ParsedArticle(parsed, None, raw.sha256)


def _has_text(record: Mapping[str, object], key: str = "text") -> bool:
    value = record.get(key)
    return isinstance(value, str) and bool(value.strip())


def _with_record_fields(read_html: HtmlReader, record: Mapping[str, object]) -> HtmlReader:
    """Fields given in the JSON record win over what the page itself says."""

    def read(html: str) -> tuple[str, dict[str, str | None]]:
        text, meta = read_html(html)
        merged = dict(meta)
        for key, field in (("url", "url"), ("title", "title"), ("date", "published")):
            value = record.get(field)
            if isinstance(value, str) and value.strip():
                merged[key] = value
        return text, merged

    return read


def articles_frame(parsed: Iterable[ParsedArticle], ingested_at: datetime) -> pl.DataFrame:
    """The ``articles`` rows for parsed inputs; the last input with a given URL wins."""
    rows: dict[str, dict[str, object]] = {}
    for p in parsed:
        a = p.article
        rows[a.article_id] = {
            "article_id": a.article_id,
            "article_url": a.url,
            "title": a.title,
            "published_on": a.published,
            "site_name": p.site_name,
            "source": a.source,
            "content_hash": a.content_hash,
            "raw_sha256": p.raw_sha256,
            "text": a.text,
            "text_chars": len(a.text),
            "ingested_at": ingested_at,
            "published_origin": a.published_origin,
            "duplicate_of": None,
        }
    return ARTICLES.from_records(rows.values())
