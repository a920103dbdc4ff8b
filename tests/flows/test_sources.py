"""Offline sources: a JSON-lines file and a folder of pages, with parsing of what they hand over."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from flows.sources import FolderSource, JsonLinesSource, SourceError, source_for
from transforms.articles import Rejection
from transforms.html import html_to_text
from transforms.inputs import ParsedArticle, parse_raw_input

PAGE = """<html><head><title>Nvidia backs Acme AI</title>
<link rel="canonical" href="https://news.example/acme"><meta property="og:site_name" content="EN">
<meta property="article:published_time" content="2025-03-04"></head><body>
<nav>Home | World | Tech</nav><article><p>Nvidia said on Tuesday it had invested $50 million in
Acme AI, a startup building chips for inference in data centres.</p></article></body></html>"""


def parse(raw):  # type: ignore[no-untyped-def]
    return parse_raw_input(raw, read_html=partial(html_to_text))


def test_jsonl_lines_keep_their_numbers(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"url": "https://x.example/1", "text": "t"}\n\n{broken\n', encoding="utf-8")
    raws = list(JsonLinesSource(path).fetch())
    assert [r.location for r in raws] == ["line 1", "line 3"]
    bad = parse(raws[1])
    assert isinstance(bad, Rejection) and bad.message().startswith(f"{path}:line 3: malformed JSON")


def test_folder_reads_html_text_and_markdown_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a.md").write_text(
        "url: https://news.example/md\npublished: 2025-01-02\n\n"
        "# Heading\nAmazon invested in Anthropic.\n",
        encoding="utf-8",
    )
    (tmp_path / "c.txt").write_text("Just a note without any header.\n", encoding="utf-8")
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    raws = list(FolderSource(tmp_path).fetch())
    assert [(r.location, r.kind) for r in raws] == [
        ("a.md", "markdown"),
        ("b.html", "html"),
        ("c.txt", "text"),
    ]
    md, page, txt = (parse(r) for r in raws)
    assert isinstance(md, ParsedArticle) and md.article.url == "https://news.example/md"
    assert (
        md.article.text.startswith("Heading\nAmazon") and str(md.article.published) == "2025-01-02"
    )
    assert isinstance(page, ParsedArticle)
    assert page.article.url == "https://news.example/acme" and page.site_name == "EN"
    assert (
        page.article.title == "Nvidia backs Acme AI" and str(page.article.published) == "2025-03-04"
    )
    assert isinstance(txt, ParsedArticle) and txt.article.url == f"local://{tmp_path.name}/c.txt"


def test_a_json_record_may_carry_html(tmp_path: Path) -> None:
    import json

    path = tmp_path / "h.jsonl"
    record = {"url": "https://news.example/given", "published": "2025-03-05", "html": PAGE}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    parsed = parse(next(JsonLinesSource(path).fetch()))
    assert isinstance(parsed, ParsedArticle)
    assert parsed.article.url == "https://news.example/given"  # the record wins over the page
    assert str(parsed.article.published) == "2025-03-05"
    assert "invested $50 million" in parsed.article.text


def test_missing_sources_say_so(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="source not found"):
        list(JsonLinesSource(tmp_path / "nope.jsonl").fetch())
    with pytest.raises(SourceError, match="source folder not found"):
        list(FolderSource(tmp_path / "nope").fetch())
    assert isinstance(source_for(tmp_path), FolderSource)


def test_undecodable_bytes_are_a_rejection(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe not utf-8")
    result = parse(next(FolderSource(tmp_path).fetch()))
    assert isinstance(result, Rejection) and "not UTF-8 text and no other charset" in result.reason


def test_a_page_in_a_declared_legacy_charset_is_decoded(tmp_path: Path) -> None:
    page = PAGE.replace("<head>", '<head><meta charset="windows-1252">').replace(
        "$50 million", "\u20ac50 million"
    )
    (tmp_path / "eu.html").write_bytes(page.encode("cp1252"))
    result = parse(next(FolderSource(tmp_path).fetch()))
    assert isinstance(result, ParsedArticle) and "\u20ac50 million" in result.article.text
