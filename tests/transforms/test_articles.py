"""Input records to articles: rejections with their line, dates, canonical URLs and ids."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.articles import (
    MAX_TEXT_CHARS,
    Article,
    Rejection,
    article_id,
    canonical_url,
    content_hash,
    parse_article_record,
    parse_jsonl,
    parse_published,
)

URL = "https://news.example/a"


def line(**record: object) -> str:
    return json.dumps({"url": URL, "text": "Body.", **record})


def parse_one(text: str) -> Article | Rejection:
    (result,) = list(parse_jsonl([text], source="in.jsonl"))
    return result


def test_parse_jsonl_rejects_a_malformed_line_by_number_and_keeps_the_others() -> None:
    lines = [line(title="One"), "{not json", "", "   ", line(title="Two"), '{"url": 5}']
    results = list(parse_jsonl(lines, source="in.jsonl"))
    assert [type(r).__name__ for r in results] == ["Article", "Rejection", "Article", "Rejection"]
    bad = results[1]
    assert isinstance(bad, Rejection)
    assert (bad.source, bad.location) == ("in.jsonl", "line 2")
    assert bad.reason.startswith("malformed JSON")
    assert bad.message().startswith("in.jsonl:line 2: malformed JSON")
    last = results[3]
    assert isinstance(last, Rejection) and last.location == "line 6"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"url": "https://news.example/a"}', "article has no text"),
        (line(text="   \n "), "article has no text"),
        (line(text=5), "article has no text"),
        (line(html="<p>Hi</p>", text=None), "html given but no HTML reader configured"),
        (line(published="2025-13-45"), "unreadable published date"),
        (line(published="21 Jan 2025"), "unreadable published date"),
        (line(published="yesterday"), "unreadable published date"),
        (line(published=20250121), "unreadable published date"),
        (line(published=True), "unreadable published date"),
        (line(url="not a url"), "missing or invalid url"),
        (line(url=5), "missing or invalid url"),
        ('{"text": "Body."}', "missing or invalid url"),
        (line(title=5), "title is not a string"),
        ("[1, 2]", "expected a JSON object, got list"),
        ('"a string"', "expected a JSON object, got str"),
        ("null", "expected a JSON object, got NoneType"),
        ("{", "malformed JSON"),
    ],
)
def test_rejections(text: str, reason: str) -> None:
    result = parse_one(text)
    assert isinstance(result, Rejection)
    assert result.location == "line 1"
    assert result.reason.startswith(reason)


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2025-01-21", date(2025, 1, 21)),
        ("2025-01-21T10:00:00Z", date(2025, 1, 21)),
        ("2025-01-21T10:00:00.123Z", date(2025, 1, 21)),
        ("2025-01-21T23:30:00-05:00", date(2025, 1, 21)),  # the date where it was published
        ("2025-01-21 10:00", date(2025, 1, 21)),
        (" 2025-01-21 ", date(2025, 1, 21)),
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_published_dates(published: str | None, expected: date | None) -> None:
    result = parse_one(line(published=published))
    assert isinstance(result, Article)
    assert result.published == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2025, 1, 21, 23, 0, tzinfo=timezone(timedelta(hours=-5))), date(2025, 1, 21)),
        (date(2025, 1, 21), date(2025, 1, 21)),
        ("2025-01-21T10:00:00+00:00", date(2025, 1, 21)),
    ],
)
def test_parse_published_accepts_dates_and_datetimes(value: object, expected: date) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["2025-02-30", "not a date", 3.5, ["2025-01-21"]])
def test_parse_published_raises_value_error(value: object) -> None:
    with pytest.raises(ValueError):
        parse_published(value)


def test_article_fields_and_title_fallback() -> None:
    result = parse_one(
        line(url="HTTPS://News.Example/a/?utm_source=x#top", title=None, text="First line\nBody")
    )
    assert isinstance(result, Article)
    assert result.url == "https://news.example/a"
    assert result.title == "First line"
    assert result.text == "First line\nBody"
    assert result.source == "in.jsonl"
    assert result.html is None
    assert result.article_id == article_id(URL)
    assert result.content_hash == content_hash("First line", "First line\nBody")


def test_byte_order_mark_on_the_first_line_is_ignored() -> None:
    results = list(parse_jsonl(["\ufeff" + line(title="One"), line(title="Two")], source="x"))
    assert [type(r).__name__ for r in results] == ["Article", "Article"]


def test_html_goes_through_the_reader_and_its_metadata_fills_gaps() -> None:
    def reader(html: str) -> tuple[str, dict[str, str | None]]:
        return "Text from " + html, {"title": "Meta title", "date": "2024-05-06"}

    record = {"url": URL, "html": "<p>x</p>"}
    result = parse_article_record(record, source="s", location="item 1", html_to_text=reader)
    assert isinstance(result, Article)
    assert (result.text, result.title, result.published, result.html) == (
        "Text from <p>x</p>",
        "Meta title",
        date(2024, 5, 6),
        "<p>x</p>",
    )
    explicit = parse_article_record(
        {**record, "published": "2025-01-01", "title": "Own"},
        source="s",
        location="item 1",
        html_to_text=reader,
    )
    assert isinstance(explicit, Article)
    assert (explicit.title, explicit.published) == ("Own", date(2025, 1, 1))


def test_html_reader_with_a_bad_date_or_no_text() -> None:
    def bad_date(html: str) -> tuple[str, dict[str, str | None]]:
        return "Text", {"date": "soon"}

    def empty(html: str) -> tuple[str, dict[str, str | None]]:
        return "  ", {}

    record = {"url": URL, "html": "<p>x</p>"}
    ok = parse_article_record(record, source="s", location="1", html_to_text=bad_date)
    assert isinstance(ok, Article) and ok.published is None
    no_text = parse_article_record(record, source="s", location="1", html_to_text=empty)
    assert isinstance(no_text, Rejection)
    assert no_text.reason == "article has no text after extraction"


def test_text_over_the_limit_is_refused_not_truncated() -> None:
    result = parse_article_record(
        {"url": URL, "text": "x" * (MAX_TEXT_CHARS + 1)}, source="s", location="1"
    )
    assert isinstance(result, Rejection)
    assert "over the limit" in result.reason


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://news.example/a?utm_source=tw&utm_medium=social", "https://news.example/a"),
        ("https://news.example/a?id=3&utm_campaign=x#comments", "https://news.example/a?id=3"),
        ("https://news.example/a?UTM_SOURCE=x", "https://news.example/a"),
        ("https://news.example/a?fbclid=1&q=a+b", "https://news.example/a?q=a+b"),
        ("https://news.example/a?ref=tw&gclid=9", "https://news.example/a"),
        ("https://news.example/a#section", "https://news.example/a"),
        ("https://news.example/a/", "https://news.example/a"),
        ("HTTPS://News.Example/Path", "https://news.example/Path"),
        ("https://news.example", "https://news.example/"),
        ("  https://news.example/a  ", "https://news.example/a"),
        ("https://news.example/a?b=2&a=1", "https://news.example/a?b=2&a=1"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical
    assert article_id(url) == article_id(canonical)


def test_article_id_is_short_and_stable() -> None:
    assert article_id(URL) == article_id(URL + "?utm_source=x")
    assert len(article_id(URL)) == 16
    assert article_id(URL) != article_id(URL + "/b")


URL_PARTS = st.tuples(
    st.sampled_from(["http", "https", "HTTPS"]),
    st.sampled_from(["news.example", "News.Example", "a.b.example:8080"]),
    st.lists(st.sampled_from(["a", "B", "c-d", "%20", ""]), max_size=3).map("/".join),
    st.lists(
        st.tuples(
            st.sampled_from(["utm_source", "id", "q", "ref", "p", "fbclid"]),
            st.sampled_from(["1", "x y", "a&b", "%2F", ""]),
        ),
        max_size=4,
    ),
    st.sampled_from(["", "#frag", "#"]),
)


@settings(max_examples=200, deadline=None)
@given(URL_PARTS)
def test_canonical_url_is_idempotent_and_drops_tracking(
    parts: tuple[str, str, str, list[tuple[str, str]], str],
) -> None:
    scheme, host, path, query, fragment = parts
    url = f"{scheme}://{host}/{path}" + (f"?{urlencode(query)}" if query else "") + fragment
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "#" not in once and "utm_" not in once and "fbclid" not in once
    assert once.startswith(scheme.lower() + "://" + host.lower())
