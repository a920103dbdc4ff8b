"""HTML pages to plain text and metadata, with trafilatura.

Pure: the page comes in as a string, nothing is fetched. Extensive date search is off, because
htmldate otherwise invents dates from copyright footers and sidebar links, and no URL is ever
passed to htmldate (given a URL it tries to download it). The latest plausible date is an
argument, not a clock read.
"""

from __future__ import annotations

from configparser import ConfigParser
from datetime import date
from functools import lru_cache
from typing import Any

__all__ = ["html_to_text"]

PageMeta = dict[str, str | None]


@lru_cache(maxsize=1)
def _config() -> ConfigParser:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "50")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "20")
    return config


def html_to_text(html: str, *, max_date: date | None = None) -> tuple[str, PageMeta]:
    """The main text of a page and its title, date, site name and canonical URL.

    Returns ("", meta) when the page has no main text. ``max_date`` bounds the dates htmldate
    may return (default: no bound beyond the year 2100).
    """
    from trafilatura import bare_extraction

    date_params: dict[str, Any] = {
        "original_date": True,
        "extensive_search": False,
        "max_date": (max_date or date(2100, 1, 1)).isoformat(),
    }
    doc: Any = bare_extraction(
        html,
        url=None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=date_params,
        config=_config(),
        as_dict=False,
    )
    if doc is None:
        return "", {"title": None, "date": None, "site_name": None, "url": None}
    text = "\n".join(line.strip() for line in (doc.text or "").splitlines() if line.strip())
    meta: PageMeta = {
        "title": doc.title or None,
        "date": doc.date or None,
        "site_name": doc.sitename or None,
        "url": doc.url or None,
    }
    return text, meta
