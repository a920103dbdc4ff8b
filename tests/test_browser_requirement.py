"""Without chromium the browser tests skip on a developer machine, and fail in CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import pages


@pytest.fixture
def no_chromium(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no chromium on the PATH
    monkeypatch.setattr(pages, "DEBIAN_CHROMIUM", tmp_path / "chromium")


@pytest.mark.usefixtures("no_chromium")
def test_missing_chromium_skips_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AIDEALS_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        pages.require_chromium()


@pytest.mark.usefixtures("no_chromium")
def test_missing_chromium_fails_when_the_browser_is_required(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AIDEALS_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="chromium is not installed"):
        pages.require_chromium()
