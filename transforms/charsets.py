"""Bytes of a fetched page to text, whatever character set it uses and whether it says so.

Order, as browsers do: a byte-order mark, the charset of the HTTP Content-Type, the page's own
``<meta charset>``, valid UTF-8, then a guess from the bytes (charset_normalizer) and, when even
that fails, windows-1252 (the web's default for undeclared legacy pages). Never raises: a page in
an unexpected charset is decoded with replacement characters rather than lost.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["Decoded", "decode_page", "header_charset", "meta_charset"]

Decoded = tuple[str, str, str]  # text, encoding used, how it was chosen

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
# DOS and old Mac code pages fit short Western texts by accident and are not used on the web.
_UNLIKELY = re.compile(r"^(?:cp(?:437|7\d\d|8\d\d|1006|1125)|mac[-_].*|utf[-_]?(?:16|32).*)$")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        found = codecs.lookup(name).name
    except LookupError:
        return None
    # WHATWG: a page labelled latin-1 or ascii is decoded as windows-1252.
    return "cp1252" if found in ("latin-1", "iso8859-1", "ascii") else found


def header_charset(content_type: str | None) -> str | None:
    match = _HEADER_CHARSET.search(content_type or "")
    return _known(match.group(1)) if match else None


def meta_charset(payload: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (``<meta charset>`` or http-equiv)."""
    match = _META_CHARSET.search(payload[:4096])
    return _known(match.group(1).decode("ascii")) if match else None


def decode_page(payload: bytes, declared: str | None = None) -> Decoded:
    """The page's text, the encoding used, and whence it came (bom/header/meta/utf-8/guess)."""
    for bom, name in _BOMS:
        if payload.startswith(bom):
            return payload[len(bom) :].decode(name, errors="replace"), name, "bom"
    header = _known(declared)
    if header is not None:
        return payload.decode(header, errors="replace"), header, "header"
    meta = meta_charset(payload)
    if meta is not None:
        return payload.decode(meta, errors="replace"), meta, "meta"
    try:
        return payload.decode("utf-8"), "utf-8", "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    guess = "cp1252"
    for match in from_bytes(payload[:200_000]):
        if "cp1252" in match.could_be_from_charset:
            break  # windows-1252 fits as well as anything: the web's default wins
        found = _known(match.encoding)
        if found and not _UNLIKELY.match(found):
            guess = found
            break
    return payload.decode(guess, errors="replace"), guess, "guess"
