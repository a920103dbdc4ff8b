"""Declared and undeclared character sets of fetched pages."""

from __future__ import annotations

import codecs

import pytest

from transforms.charsets import decode_page, header_charset

TEXT = (
    "<html><body><p>ASML has led Mistral AI’s Series C, investing €1.3 billion — a “strategic” "
    "stake in the Paris-based developer, valued at €11.7 billion after the round.</p></body></html>"
)


def test_undeclared_windows_1252_is_decoded_right() -> None:
    text, encoding, how = decode_page(TEXT.encode("cp1252"))
    assert (text, encoding, how) == (TEXT, "cp1252", "guess")


@pytest.mark.parametrize(
    ("payload", "declared", "how"),
    [
        (TEXT.encode("utf-8"), None, "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "iso-8859-1", "bom"),
        (TEXT.encode("cp1252"), "windows-1252", "header"),
        (TEXT.encode("utf-16-le"), "utf-16-le", "header"),
        (
            TEXT.replace("<html>", '<html><meta charset="windows-1252">').encode("cp1252"),
            None,
            "meta",
        ),
    ],
)
def test_declared_charsets_win_in_browser_order(
    payload: bytes, declared: str | None, how: str
) -> None:
    text, _, chosen = decode_page(payload, declared)
    assert chosen == how and "€1.3 billion" in text and "Mistral AI’s" in text


def test_header_charset_and_latin1_as_windows_1252() -> None:
    assert header_charset("text/html; charset=ISO-8859-1") == "cp1252"
    assert header_charset('text/html; charset="utf-8"') == "utf-8"
    assert header_charset("text/html; charset=klingon") is None
    assert header_charset(None) is None


def test_cyrillic_without_a_declaration_is_not_forced_into_windows_1252() -> None:
    words = "Сделка по покупке стартапа в области искусственного интеллекта закрыта в среду"
    assert decode_page(words.encode("cp1251"))[0] == words
