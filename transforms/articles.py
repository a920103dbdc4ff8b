"""Articles as the pipeline sees them, and the parsing of raw input records into them.

An input record is a JSON object with ``url``, ``title``, ``published`` (ISO date or datetime)
and ``text`` or ``html``. Parsing never raises on bad input: it returns a ``Rejection`` that names
the input and the reason, so one bad line never stops the others.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = [
    "PUBLISHED_ORIGINS",
    "Article",
    "Rejection",
    "article_id",
    "canonical_url",
    "content_hash",
    "parse_article_record",
    "parse_jsonl",
    "parse_published",
]

# Where a publication date came from. For web pages, best first: the feed entry (or news
# sitemap), the page's own metadata, a date in the URL. "source": given by a file source's record.
PUBLISHED_ORIGINS = ("source", "feed", "page", "url")

MAX_TEXT_CHARS = 5_000_000  # far beyond any article; larger input is refused, never truncated


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its canonical URL, title, publication date and plain text."""

    url: str
    title: str
    published: date | None
    text: str
    source: str = ""
    html: str | None = None
    published_origin: str | None = None  # one of PUBLISHED_ORIGINS

    @property
    def article_id(self) -> str:
        return article_id(self.url)

    @property
    def content_hash(self) -> str:
        return content_hash(self.title, self.text)


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not become an article, with where it came from and why."""

    source: str
    location: str
    reason: str

    def message(self) -> str:
        return f"{self.source}:{self.location}: {self.reason}"


_TRACKING = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|igshid|ref|ref_src|cmpid|ncid|sr_share)$",
    re.IGNORECASE,
)


_AMP_QUERY = re.compile(r"^(?:amp|outputtype)$", re.IGNORECASE)
_VARIANT_HOST = re.compile(r"^(?:m|mobile|amp)\.(?=[^.]+\.[^.]+)", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _strip_amp_path(path: str) -> str:
    """``/amp/story``, ``/story/amp``, ``/story.amp`` and ``/story.amp.html`` -> the page."""
    while (stripped := _strip_amp_once(path)) != path:
        path = stripped
    return path


def _strip_amp_once(path: str) -> str:
    segments = path.split("/")
    if len(segments) > 2 and segments[1].lower() == "amp":
        del segments[1]
    while segments and segments[-1] == "":
        segments.pop()
    if len(segments) > 2 and segments[-1].lower() == "amp":
        segments.pop()
    path = "/".join(segments)
    return re.sub(r"\.amp(?=\.html?$|$)", "", path, flags=re.IGNORECASE)


def canonical_url(url: str) -> str:
    """One spelling per article: lower-case scheme and host, no default port, no fragment, no
    tracking parameters, no trailing slash, and an AMP or mobile variant mapped to the page
    itself (``m.``/``amp.`` hosts, ``/amp`` path segments, ``?amp=1``, ``outputType=amp``)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    netloc = parts.netloc.lower()
    host = parts.hostname
    if host and "@" not in netloc:
        try:
            port = parts.port
        except ValueError:
            port = None
        host = _VARIANT_HOST.sub("", host.lower())
        if ":" in host:  # an IPv6 literal
            host = f"[{host}]"
        netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    kept = [
        (k, v)
        for k, v in parse_qsl(parts.query)
        if not _TRACKING.match(k)
        and not (_AMP_QUERY.match(k) and (k.lower() == "amp" or v.lower() == "amp"))
    ]
    path = _strip_amp_path(parts.path) or "/"
    return urlunsplit((scheme, netloc, path, urlencode(kept), ""))


@functools.lru_cache(maxsize=1024)
def article_id(url: str) -> str:
    """Stable id of an article: a short hash of its canonical URL.

    Cached: every deal record of an article asks for it, twice, and parsing a URL costs more
    than the rest of building the record.
    """
    return hashlib.sha256(canonical_url(url).encode()).hexdigest()[:16]


def content_hash(title: str, text: str) -> str:
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()


def parse_published(value: object) -> date | None:
    """An ISO date or datetime (with or without zone) as a date; anything else raises ValueError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"published is not a date string: {value!r}")
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text)
    return datetime.fromisoformat(text.replace("Z", "+00:00")).date()


HtmlToText = Callable[[str], tuple[str, dict[str, str | None]]]


def parse_article_record(
    record: object,
    *,
    source: str,
    location: str,
    html_to_text: HtmlToText | None = None,
) -> Article | Rejection:
    """Turn one decoded input record into an Article, or say why it cannot be one."""
    if not isinstance(record, dict):
        return Rejection(source, location, f"expected a JSON object, got {type(record).__name__}")
    url = record.get("url")
    if not isinstance(url, str) or not re.match(r"^[a-zA-Z][\w+.-]*://\S+$", url.strip()):
        return Rejection(source, location, f"missing or invalid url: {url!r}")
    try:
        published = parse_published(record.get("published"))
    except ValueError as exc:
        return Rejection(source, location, f"unreadable published date: {exc}")
    title = record.get("title") or ""
    if not isinstance(title, str):
        return Rejection(source, location, "title is not a string")
    text = record.get("text")
    html = record.get("html")
    meta: dict[str, str | None] = {}
    if not (isinstance(text, str) and text.strip()):
        if isinstance(html, str) and html.strip() and html_to_text is not None:
            text, meta = html_to_text(html)
        elif isinstance(html, str) and html.strip():
            return Rejection(source, location, "html given but no HTML reader configured")
        else:
            return Rejection(source, location, "article has no text")
    if not text or not text.strip():
        return Rejection(source, location, "article has no text after extraction")
    if len(text) > MAX_TEXT_CHARS:
        return Rejection(source, location, f"text is {len(text):,} characters, over the limit")
    origin = "source" if published is not None else None
    if published is None and meta.get("date"):
        try:
            published = parse_published(meta["date"])
            origin = "page"
        except ValueError:
            published = None
    title = title or meta.get("title") or text.strip().split("\n", 1)[0][:300]
    return Article(
        url=canonical_url(url),
        title=title.strip(),
        published=published,
        text=text,
        source=source,
        html=html if isinstance(html, str) else None,
        published_origin=origin,
    )


def parse_jsonl(
    lines: Iterable[str], *, source: str, html_to_text: HtmlToText | None = None
) -> Iterator[Article | Rejection]:
    """Parse JSON lines; each bad line becomes a Rejection naming its line number."""
    for number, line in enumerate(lines, start=1):
        if number == 1:
            line = line.removeprefix("\ufeff")  # a byte-order mark from an editor
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(
                source, f"line {number}", f"malformed JSON: {exc.msg} at column {exc.colno}"
            )
            continue
        yield parse_article_record(
            record, source=source, location=f"line {number}", html_to_text=html_to_text
        )
