"""HTML pages to text and metadata (trafilatura, no date invented, nothing fetched)."""

from __future__ import annotations

from datetime import date

from transforms.html import html_to_text

PAGE = """<!doctype html><html><head><title>Nvidia invests in Acme AI | Example News</title>
<link rel="canonical" href="https://news.example/2025/03/nvidia-acme">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-03-04T10:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/archive/2019/01/">Archive January 2019</a></nav>
<div class="cookie">We use cookies. Accept all.</div>
<article><h1>Nvidia invests in Acme AI</h1>
<p>Nvidia said on Tuesday it had invested $50 million in Acme AI, a startup building chips.</p>
<p>The round values Acme AI at $500 million, according to people familiar with the matter.</p>
</article><aside><h3>Recent posts</h3><ul><li><a href="/2018/05/x">Old story</a></li></ul></aside>
<footer>© 2009 Example News</footer></body></html>"""

NO_DATE = """<html><head><title>About us</title></head><body>
<nav><a href="/2017/02/03/old-story">old story</a></nav><article>
<p>We are a small team writing about artificial intelligence companies and their deals.</p>
<p>Contact us by mail for corrections and tips about anything at all, any day.</p>
</article><footer>Copyright 2011-2019</footer></body></html>"""


def test_main_text_without_page_furniture() -> None:
    text, _ = html_to_text(PAGE)
    assert "invested $50 million in Acme AI" in text
    assert "cookies" not in text and "Recent posts" not in text and "Archive" not in text


def test_metadata_title_date_site_and_canonical_url() -> None:
    _, meta = html_to_text(PAGE)
    assert meta == {
        "title": "Nvidia invests in Acme AI",
        "date": "2025-03-04",
        "site_name": "Example News",
        "url": "https://news.example/2025/03/nvidia-acme",
    }


def test_no_date_is_invented_from_footer_or_links() -> None:
    _, meta = html_to_text(NO_DATE)
    assert meta["date"] is None


def test_dates_after_max_date_are_not_returned() -> None:
    _, meta = html_to_text(PAGE, max_date=date(2025, 1, 1))
    assert meta["date"] != "2025-03-04"


def test_empty_page_gives_empty_text() -> None:
    text, meta = html_to_text("<html><body><nav>Home</nav></body></html>")
    assert text == "" and meta["title"] is None
