"""Addresses: which may be fetched, in which spelling, and the dates they carry."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.articles import canonical_url
from transforms.urls import address_refusal, date_from_url, fetch_url, same_site, scheme_refusal


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://m.news.example/amp/story-x?utm_source=a#f", "https://news.example/story-x"),
        ("https://news.example/story-x/amp/", "https://news.example/story-x"),
        ("https://amp.news.example:443/a.amp.html?amp=1&id=3", "https://news.example/a.html?id=3"),
        ("http://news.example:80/a?outputType=amp&gclid=x", "http://news.example/a"),
        ("http://127.0.0.1:8000/a?fbclid=1", "http://127.0.0.1:8000/a"),
        ("https://news.example/amp", "https://news.example/amp"),  # a page named amp
        ("https://m.example/x", "https://m.example/x"),  # a host named m, not a mobile variant
    ],
)
def test_canonical_url_folds_amp_mobile_and_tracking(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["http://", "https://"]),
    st.sampled_from(["m.news.example", "amp.news.example", "news.example:8080", "127.0.0.1:9"]),
    st.lists(st.sampled_from(["amp", "story", "2025", "a.amp.html", ""]), max_size=4),
    st.sampled_from(["", "?amp=1", "?utm_source=x&id=2", "?outputType=amp", "#top"]),
)
def test_canonical_url_is_idempotent(scheme: str, host: str, path: list[str], tail: str) -> None:
    once = canonical_url(scheme + host + "/" + "/".join(path) + tail)
    assert canonical_url(once) == once
    assert "utm_" not in once and "#" not in once and "amp=1" not in once


def test_fetch_url_drops_tracking_and_fragment_but_keeps_the_host() -> None:
    assert (
        fetch_url("HTTPS://M.News.Example/a?utm_source=x&id=2#c") == "https://m.news.example/a?id=2"
    )


@pytest.mark.parametrize(
    ("address", "allowed", "refused_as"),
    [
        ("127.0.0.1", False, "loopback"),
        ("::1", False, "loopback"),
        ("10.1.2.3", False, "private"),
        ("192.168.0.4", False, "private"),
        ("169.254.169.254", False, "link-local"),
        ("fe80::1", False, "link-local"),
        ("::ffff:127.0.0.1", False, "loopback"),
        ("0.0.0.0", True, "unspecified"),
        ("224.0.0.1", True, "multicast"),
        ("240.0.0.1", True, "reserved"),
    ],
)
def test_unsafe_addresses_are_refused(address: str, allowed: bool, refused_as: str) -> None:
    reason = address_refusal(address, allow_private=allowed)
    assert reason is not None and refused_as in reason


def test_public_and_allowed_private_addresses_pass() -> None:
    assert address_refusal("93.184.215.14", allow_private=False) is None
    assert address_refusal("2606:4700::1111", allow_private=False) is None
    assert address_refusal("127.0.0.1", allow_private=True) is None
    assert address_refusal("10.0.0.1", allow_private=True) is None


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://news.example/a", "gopher://x/", "http://user:pw@h/a"]
)
def test_only_plain_http_and_https_addresses(url: str) -> None:
    assert scheme_refusal(url) is not None


def test_sites_and_dates_in_addresses() -> None:
    assert same_site("https://m.news.example/a", "https://news.example/b")
    assert not same_site("http://127.0.0.1:1/a", "http://127.0.0.1:2/a")
    assert date_from_url("https://n.example/2025/09/22/story") == date(2025, 9, 22)
    assert date_from_url("https://n.example/news/2025-10-06-amd") == date(2025, 10, 6)
    assert date_from_url("https://n.example/2025/13/01/x") is None
    assert date_from_url("https://n.example/story-20250922") is None
