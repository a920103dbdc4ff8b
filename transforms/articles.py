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
    "Article",
    "Rejection",
    "article_id",
    "canonical_url",
    "content_hash",
    "parse_article_record",
    "parse_jsonl",
    "parse_published",
]

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


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop fragments, tracking parameters and trailing slashes."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


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
    if published is None and meta.get("date"):
        try:
            published = parse_published(meta["date"])
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
