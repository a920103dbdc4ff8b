"""Web addresses before they are fetched: which may be fetched at all, and in which spelling.

Pure: host names are resolved by the caller (``flows/web.py``), which hands the addresses in.
"""

from __future__ import annotations

import ipaddress
import re
from datetime import date
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from transforms.articles import _TRACKING, canonical_url

__all__ = [
    "address_refusal",
    "date_from_url",
    "fetch_url",
    "is_web_url",
    "resolve_link",
    "same_site",
    "scheme_refusal",
    "site_of",
]

_WEB = re.compile(r"^https?://", re.IGNORECASE)
_ANY_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def is_web_url(value: str) -> bool:
    """True for an http(s) address; anything else with a scheme is still a URL (see refusal)."""
    return bool(_ANY_SCHEME.match(value.strip()))


def scheme_refusal(url: str) -> str | None:
    """Why ``url`` may not be fetched because of its form, or None."""
    if not _WEB.match(url):
        scheme = url.split(":", 1)[0] if ":" in url else "none"
        return f"only http and https are fetched, not {scheme!r}"
    parts = urlsplit(url)
    if not parts.hostname:
        return "the address has no host"
    if parts.username or parts.password:
        return "addresses with credentials are not fetched"
    try:
        _ = parts.port
    except ValueError:
        return "the address has an invalid port"
    return None


def address_refusal(address: str, *, allow_private: bool) -> str | None:
    """Why a resolved address may not be contacted, or None.

    Loopback, private and link-local addresses (the machine itself, the local network, cloud
    metadata services) are refused unless ``allow_private``; unspecified, multicast and reserved
    addresses always are.
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_unspecified:
        return f"address {ip} is unspecified"
    if ip.is_multicast:
        return f"address {ip} is multicast"
    for kind, hit in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
    ):
        if hit and kind == "reserved":
            return f"address {ip} is reserved"
        if hit:
            return None if allow_private else f"address {ip} is {kind} (allow_private_hosts is off)"
    if ip.is_reserved or not ip.is_global:
        return f"address {ip} is reserved"
    return None


def fetch_url(url: str) -> str:
    """The spelling to request: tracking parameters and the fragment removed, host lower-case.

    AMP and mobile variants are kept here (another host may not even exist); ``canonical_url``
    maps them to the page once it is fetched.
    """
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, True) if not _TRACKING.match(k)])
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


def resolve_link(base: str, link: str) -> str:
    return urljoin(base, link.strip())


def site_of(url: str) -> str:
    """The site a URL belongs to: its canonical host and port (``m.``/``amp.`` variants folded)."""
    return urlsplit(canonical_url(url)).netloc


def same_site(a: str, b: str) -> bool:
    return site_of(a) == site_of(b)


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|-|\.|$)")


def date_from_url(url: str) -> date | None:
    """A ``/2025/09/10/`` or ``/2025-09-10-`` date in the path, or None."""
    match = _URL_DATE.search(urlsplit(url).path)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
