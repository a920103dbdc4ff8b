"""Helpers for tests of generated pages: every resource a page loads, and headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


class _Resources(HTMLParser):
    """The addresses a page loads by itself (not the links a reader may follow)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in {"script", "img", "iframe", "source", "audio", "video", "embed"} and a.get("src"):
            self.urls.append(a["src"])
        if tag == "link" and a.get("href"):
            self.urls.append(a["href"])
        if tag == "object" and a.get("data"):
            self.urls.append(a["data"])
        if a.get("style"):
            self.urls += _CSS_URL.findall(a["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += _CSS_URL.findall(data)


def _local(url: str) -> bool:
    return not urlsplit(url).scheme and not url.startswith("//")


def loaded_resources(page: Path) -> list[tuple[str, Path]]:
    """(address, file) of everything ``page`` loads, following its stylesheets' url()s too.

    data: URLs are skipped; a remote address is returned with a path that does not exist.
    """
    parser = _Resources()
    parser.feed(page.read_text(encoding="utf-8"))
    found: list[tuple[str, Path]] = []
    todo = [(u, page.parent) for u in parser.urls]
    seen: set[Path] = set()
    while todo:
        url, base = todo.pop()
        if url.startswith("data:") or url.startswith("#"):
            continue
        if not _local(url):
            found.append((url, Path("/nonexistent-remote") / re.sub(r"\W", "_", url)))
            continue
        target = (base / unquote(urlsplit(url).path)).resolve()
        found.append((url, target))
        if target.suffix == ".css" and target.is_file() and target not in seen:
            seen.add(target)
            css = target.read_text(encoding="utf-8", errors="replace")
            todo += [(u, target.parent) for u in _CSS_URL.findall(css)]
    return found


def require_chromium() -> str:
    """Debian's chromium, or a skip (a failure when AIDEALS_REQUIRE_BROWSER=1, as in CI)."""
    path = shutil.which("chromium") or (str(DEBIAN_CHROMIUM) if DEBIAN_CHROMIUM.exists() else None)
    problem = None
    if path is None:
        problem = "chromium is not installed (Debian: apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "the playwright package is not installed (pip install -e '.[dev]')"
    if problem:
        if os.environ.get("AIDEALS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser test cannot run: {problem} (AIDEALS_REQUIRE_BROWSER=1)")
        pytest.skip(
            f"browser test skipped: {problem}; set AIDEALS_REQUIRE_BROWSER=1 to fail instead"
        )
    assert path is not None
    return path


@dataclass
class Visit:
    """What a browser saw while opening one page."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        """No request beyond local files, all found; no console error, script error or alert."""
        remote = [u for u in self.requests if not u.startswith("file://")]
        assert not remote, f"requests beyond local files: {remote}"
        missing = [u for u in self.requests if not Path(unquote(urlsplit(u).path)).is_file()]
        assert not missing, f"requests for missing files: {missing}"
        assert not self.failed, f"failed requests: {self.failed}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.page_errors, f"script errors: {self.page_errors}"
        assert not self.dialogs, f"dialogs opened: {self.dialogs}"


class Browser:
    def __init__(self, browser: Any) -> None:
        self._browser = browser

    @contextmanager
    def open(self, page_file: Path) -> Iterator[tuple[Any, Visit]]:
        """Open a file in a fresh context; yields the Playwright page and what it requested."""
        context = self._browser.new_context()
        page = context.new_page()
        visit = Visit()
        page.on("request", lambda r: visit.requests.append(r.url))
        page.on("requestfailed", lambda r: visit.failed.append(f"{r.url}: {r.failure}"))
        page.on(
            "console",
            lambda m: visit.console_errors.append(m.text) if m.type == "error" else None,
        )
        page.on("pageerror", lambda e: visit.page_errors.append(str(e)))

        def on_dialog(dialog: Any) -> None:
            visit.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        try:
            page.goto(page_file.resolve().as_uri(), wait_until="load", timeout=60_000)
            page.wait_for_load_state("networkidle", timeout=60_000)
            yield page, visit
        finally:
            context.close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Headless Debian chromium driven by Playwright (never a browser download)."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, timeout=120_000
        )
        try:
            yield Browser(browser)
        finally:
            browser.close()
