"""Feeds, sitemaps and URL lists from bytes; what a body is; XML read without entities."""

from __future__ import annotations

from datetime import date

import pytest

from transforms.listings import ListingError, detect_kind, parse_listing

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Nvidia and OpenAI</title><link>https://n.example/a?utm_source=rss</link>
<pubDate>Mon, 22 Sep 2025 16:00:00 GMT</pubDate></item>
<item><title>No date</title><link>/relative/b</link></item></channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>t</title><entry><title>ASML and Mistral</title><link href="https://n.example/c"/>
<published>2025-09-09T08:00:00Z</published><updated>2025-09-10T08:00:00Z</updated></entry></feed>"""
NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://n.example/d</loc><lastmod>2025-10-01</lastmod><news:news>
<news:publication_date>2025-09-30T10:00:00+00:00</news:publication_date>
<news:title>Meta and CoreWeave</news:title></news:news></url></urlset>"""
INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://n.example/s1.xml</loc></sitemap></sitemapindex>"""


@pytest.mark.parametrize(
    ("content_type", "body", "kind"),
    [
        ("application/rss+xml", RSS, "feed"),
        ("text/xml", ATOM, "feed"),
        ("application/xml", NEWS_SITEMAP, "sitemap"),
        ("text/html", INDEX, "sitemap_index"),  # a wrong type: the body says what it is
        (None, RSS, "feed"),
        ("text/plain", b"https://n.example/a\nhttps://n.example/b\n", "url_list"),
        ("text/html; charset=utf-8", b"<!DOCTYPE html><html><p>x</p></html>", "page"),
        ("application/pdf", b"%PDF-1.7", "unsupported"),
        ("image/png", b"\x89PNG", "unsupported"),
        ("text/plain", b"just some words", "unsupported"),
    ],
)
def test_kind_comes_from_type_and_a_sniff(content_type: str | None, body: bytes, kind: str) -> None:
    assert detect_kind(content_type, body) == kind


def test_rss_entries_with_dates_and_relative_links() -> None:
    listing = parse_listing("feed", RSS, "https://n.example/feed.xml")
    assert [e.url for e in listing.entries] == [
        "https://n.example/a?utm_source=rss",
        "https://n.example/relative/b",
    ]
    assert listing.entries[0].published == date(2025, 9, 22)
    assert listing.entries[1].published is None and listing.warning is None


def test_atom_and_news_sitemap_dates() -> None:
    atom = parse_listing("feed", ATOM, "https://n.example/atom")
    assert atom.entries[0].published == date(2025, 9, 9)
    assert atom.entries[0].updated is not None and atom.entries[0].updated.day == 10
    news = parse_listing("sitemap", NEWS_SITEMAP, "https://n.example/s.xml")
    entry = news.entries[0]
    assert (entry.url, entry.published, entry.title) == (
        "https://n.example/d",
        date(2025, 9, 30),
        "Meta and CoreWeave",
    )


def test_sitemap_index_lists_children() -> None:
    listing = parse_listing("sitemap_index", INDEX, "https://n.example/i.xml")
    assert listing.kind == "sitemap_index" and listing.entries == ()
    assert [c.url for c in listing.children] == ["https://n.example/s1.xml"]


def test_malformed_xml_is_an_error_with_a_reason() -> None:
    with pytest.raises(ListingError, match="malformed XML"):
        parse_listing(
            "sitemap", b"<urlset><url><loc>https://n.example/a</loc>", "https://n.example/"
        )
    with pytest.raises(ListingError, match="malformed feed"):
        parse_listing("feed", b"<rss><channel><title>x</title", "https://n.example/")


def test_a_feed_that_is_broken_after_its_entries_is_read_with_a_warning() -> None:
    body = RSS.replace(b"</channel></rss>", b"<item><title>cut")
    listing = parse_listing("feed", body, "https://n.example/feed.xml")
    assert len(listing.entries) == 2 and listing.warning and "not well-formed" in listing.warning


def test_no_external_entity_is_ever_resolved(tmp_path) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    evil_sitemap = (
        f'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://n.example/&x;</loc></url></urlset>"
    ).encode()
    with pytest.raises(ListingError, match="DTD"):
        parse_listing("sitemap", evil_sitemap, "https://n.example/")
    evil_feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>t</title><item><title>&x;</title>'
        "<link>https://n.example/a</link></item></channel></rss>"
    ).encode()
    try:
        listing = parse_listing("feed", evil_feed, "https://n.example/")
    except ListingError:
        return
    assert all("TOP-SECRET" not in (e.title or "") + e.url for e in listing.entries)
