"""Dataset pages written by real runs, then opened in headless Chromium with no network.

Three runs on one data folder: a first version, a second that adds and changes deals, and a run
that publishes nothing after a version's page was deleted (it is rebuilt). One of the companies
is named ``<script>alert(1)</script>`` in a gazetteer file, so an article carries it into a deal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import polars as pl
import pytest

from flows import storage
from flows.paths import DataPaths
from flows.settings import Settings
from tests.conftest import write_jsonl
from tests.pages import Browser, chromium, loaded_resources

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]

HOSTILE = "<script>alert(1)</script>"


def _article(slug: str, published: str, title: str, body: str) -> dict[str, str]:
    return {
        "url": f"https://news.example.com/{slug}",
        "title": title,
        "published": published,
        "text": f"{title}\n{body}",
    }


FIRST = [
    _article(
        "microsoft-openai", "2023-01-23", "Microsoft makes a new investment in OpenAI",
        "Microsoft said on Monday that it had invested $10 billion in OpenAI, the maker of "
        "ChatGPT, extending a partnership that began in 2019.",
    ),
    _article(
        "nvidia-scriptworks", "2025-09-10", "Nvidia invests $2 billion in Scriptworks",
        "Nvidia said on Wednesday that it had invested $2 billion in Scriptworks, a young "
        "model developer, as part of a new funding round.",
    ),
]  # fmt: skip
SECOND = [
    _article(
        "amazon-anthropic", "2023-09-25", "Amazon to invest up to $4 billion in Anthropic",
        "Amazon agreed on Monday to invest up to $4 billion in Anthropic, the start-up "
        "behind the Claude chatbot.",
    ),
    _article(
        "nvidia-scriptworks", "2025-09-10", "Nvidia invests $3 billion in Scriptworks",
        "Nvidia said on Wednesday that it had invested $3 billion in Scriptworks, a young "
        "model developer, as part of a new funding round.",
    ),
]  # fmt: skip


@dataclass(frozen=True)
class Runs:
    paths: DataPaths
    published: tuple[bool, ...]  # per run


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    from flows.pipeline import run

    root = tmp_path_factory.mktemp("pages")
    gazetteer = root / "organisations.csv"
    gazetteer.write_text(
        f'name,kind,aliases,compute_provider,products,ambiguous\n"{HOSTILE}",company,Scriptworks,,,\n',
        encoding="utf-8",
    )
    source = root / "articles.jsonl"
    paths = DataPaths(root / "data")
    settings = Settings(sources=(source,), data_dir=paths.root, gazetteer_files=(gazetteer,))

    write_jsonl(source, FIRST)
    first = run(settings)
    write_jsonl(source, [FIRST[0], *SECOND])  # one article added, one changed
    second = run(settings)
    paths.version_page(0).unlink()  # as in a data folder published before the pages existed
    third = run(settings)
    return Runs(paths, (first.published, second.published, third.published))


def test_each_version_gets_a_page_and_the_index_lists_them_newest_first(runs: Runs) -> None:
    paths = runs.paths
    assert runs.published == (True, True, False)
    assert paths.version_page(0).is_file() and paths.version_page(1).is_file()  # v0 rebuilt
    index = paths.report_index.read_text(encoding="utf-8")
    assert re.findall(r'<tr data-version="(\d+)">', index) == ["1", "0"]
    assert 'href="versions/v000001.html"' in index
    assert 'href="data_docs/index.html"' in index

    page = paths.version_page(1).read_text(encoding="utf-8")
    deals = storage.read_table(paths.root, "deals")
    changelog = storage.read_manifest(paths, 1)["changelog"]  # type: ignore[index]
    assert f'<strong id="deal-count">{deals.height}</strong>' in page
    assert f'<span id="added-count">{changelog["added"]}</span>' in page
    assert changelog["added"] >= 1  # Amazon and Anthropic
    assert 'href="../data_docs/index.html"' in page and 'href="../index.html"' in page
    assert "Amazon, Anthropic (investment)" in page


def test_party_names_from_articles_are_escaped_in_the_files(runs: Runs) -> None:
    deals = storage.read_table(runs.paths.root, "deals")
    assert deals.filter(pl.col("parties").list.contains(HOSTILE)).height == 1
    for page in (runs.paths.version_page(0), runs.paths.version_page(1)):
        html = page.read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<script" not in html


def test_every_asset_of_every_page_is_a_local_file(runs: Runs) -> None:
    pages = [
        runs.paths.report_index,
        *sorted(runs.paths.version_page(0).parent.glob("*.html")),
        *sorted(runs.paths.data_docs.rglob("*.html")),
    ]
    for page in pages:
        for url, target in loaded_resources(page):
            assert target.is_file(), f"{page} loads {url}: no file {target}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as opened:
        yield opened


def test_report_pages_render_in_chromium_offline(runs: Runs, browser: Browser) -> None:
    paths = runs.paths
    deals = storage.read_table(paths.root, "deals")
    with browser.open(paths.report_index) as (page, visit):
        rows = page.locator("#versions tbody tr")
        assert rows.count() == 2
        assert rows.nth(0).locator("td").nth(0).inner_text() == "version 1"
        assert rows.nth(0).locator("td").nth(2).inner_text() == str(deals.height)
    visit.assert_clean()
    assert visit.requests == [paths.report_index.resolve().as_uri()]

    with browser.open(paths.version_page(1)) as (page, visit):
        assert page.locator("#deal-count").inner_text() == str(deals.height)
        chart = page.locator("svg#deals-by-type")
        box = chart.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 100
        segments = page.locator("svg#deals-by-type rect.segment")
        drawn = [
            int(segments.nth(i).get_attribute("data-count") or 0) for i in range(segments.count())
        ]
        assert sum(drawn) == deals.height
        heights = [segments.nth(i).bounding_box()["height"] for i in range(segments.count())]  # type: ignore[index]
        assert all(h > 0 for h in heights)
        parties = page.locator("#active-parties").inner_text()
        assert HOSTILE in parties  # shown as text, never run
        assert (
            page.locator("#largest-deals tbody tr").count()
            == deals.filter(pl.col("amount_usd").is_not_null()).height
        )
        assert page.locator("#validation-outcome").inner_text().startswith("passed")
        assert page.evaluate("document.querySelectorAll('script').length") == 0
    visit.assert_clean()


def test_data_docs_render_in_chromium_offline(runs: Runs, browser: Browser) -> None:
    docs = runs.paths.data_docs
    with browser.open(docs / "index.html") as (page, visit):
        assert page.evaluate("typeof jQuery") == "function"
        assert page.evaluate("typeof jQuery.fn.bootstrapTable") == "function"
        assert page.evaluate("typeof jQuery.fn.tooltip") == "function"  # Bootstrap + Popper
        assert page.evaluate("typeof vegaEmbed") == "function"
        # bootstrap-table drew the validation results: one row per validation of the runs.
        rows = page.locator(".bootstrap-table table tbody tr")
        assert rows.count() >= 4
        assert "deal_mentions" in page.locator(".bootstrap-table").first.inner_text()
        colour = page.evaluate("getComputedStyle(document.querySelector('.btn, .navbar')).display")
        assert colour != ""  # Bootstrap's stylesheet applied
    visit.assert_clean()
    assert any("vendor/font-awesome/css/all.min.css" in u for u in visit.requests)

    validation = next(docs.joinpath("validations").rglob("*.html"))
    with browser.open(validation) as (page, visit):
        text = page.locator("body").inner_text()
        assert "Validation Results" in text or "Overview" in text
        assert page.locator("table").count() > 0
        assert page.evaluate("typeof jQuery.fn.bootstrapTable") == "function"
        icon_font = page.evaluate(
            "getComputedStyle(document.querySelector('.fas, .fa, .far')).fontFamily || ''"
        )
        assert "Font Awesome" in icon_font
        loaded = "document.fonts.ready.then(() => document.fonts.check('900 16px \"Font Awesome 6 Free\"'))"
        assert page.evaluate(loaded) is True  # the icon font came from the local webfonts/
    visit.assert_clean()
