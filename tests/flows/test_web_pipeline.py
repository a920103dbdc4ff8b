"""Web sources end to end: real Prefect runs, a real HTTP server on 127.0.0.1 with every fault,
real Great Expectations and Delta tables; what was fetched, logged and published is checked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from flows import storage
from flows.paths import DataPaths
from flows.settings import Settings
from tests.flows.web_pages import FAST_WEB, FAULT_PATHS, NVIDIA_PATH, healthy_site
from tests.flows.web_site import Site

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]

WEB = FAST_WEB


def run(sources: list[str], data: Path, **web: object):  # type: ignore[no-untyped-def]
    from flows.pipeline import run as run_flow

    return run_flow(Settings(sources=tuple(sources), data_dir=data, **{**WEB, **web}))  # type: ignore[arg-type]


def test_a_hostile_site_publishes_its_good_pages_and_logs_every_failure(
    tmp_path: Path, news: Site, wire: Site
) -> None:
    data = tmp_path / "data"
    sources = [news.url("/feed.xml"), news.url("/sitemap-broken.xml"), wire.url("/urls.txt")]
    summary = run(sources, data)
    assert summary.published and summary.version == 0

    log = storage.read_table(data, "fetch_log")
    outcome = {row["url"]: row for row in log.iter_rows(named=True)}
    u = news.url
    assert outcome[u(NVIDIA_PATH)]["outcome"] == "fetched"
    assert (
        outcome[u(FAULT_PATHS["flaky"])]["outcome"],
        outcome[u(FAULT_PATHS["flaky"])]["attempts"],
    ) == ("fetched", 3)
    assert outcome[u(FAULT_PATHS["busy"])]["attempts"] == 2
    expected = {
        "missing": "http_error",
        "slow": "timeout",
        "loop": "too_many_redirects",
        "huge": "too_large",
        "private": "robots_disallowed",
        "pdf": "unsupported_type",
    }
    for name, kind in expected.items():
        row = outcome[u(FAULT_PATHS[name])]
        assert row["outcome"] == kind, row
        assert row["source"] == u("/feed.xml") and row["reason"]
    assert outcome[u(FAULT_PATHS["missing"])]["status_code"] == 404
    assert outcome[u("/sitemap-broken.xml")]["outcome"] == "unreadable"
    assert FAULT_PATHS["private"] not in news.paths()

    articles = storage.read_table(data, "articles")
    by_url = {row["article_url"]: row for row in articles.iter_rows(named=True)}
    nvidia = by_url[u(NVIDIA_PATH)]
    copy = by_url[wire.url("/story/nvidia-openai-syndicated")]
    assert set(by_url) == {
        u(NVIDIA_PATH),
        u("/europe/asml-mistral"),
        u(FAULT_PATHS["flaky"]),
        u(FAULT_PATHS["busy"]),
        wire.url("/story/nvidia-openai-syndicated"),
    }
    # the tracking-parameter twins became one article; the dates say where they came from
    assert (str(nvidia["published_on"]), nvidia["published_origin"]) == ("2025-09-22", "feed")
    assert by_url[u("/europe/asml-mistral")]["published_origin"] == "page"
    assert by_url[u(FAULT_PATHS["flaky"])]["published_origin"] == "url"
    assert str(by_url[u(FAULT_PATHS["flaky"])]["published_on"]) == "2025-09-30"
    # windows-1252 without a declared charset decoded right
    asml = by_url[u("/europe/asml-mistral")]
    assert "Mistral AI’s Series C" in asml["text"] and "€1.3 billion" in asml["text"]
    # the syndicated copy is linked to the original, and the deal is counted once
    assert copy["duplicate_of"] == nvidia["article_id"] and nvidia["duplicate_of"] is None
    deals = storage.read_table(data, "deals")
    openai = deals.filter(
        pl.col("parties").list.contains("Nvidia") & pl.col("parties").list.contains("OpenAI")
    )
    assert openai.height >= 1
    for row in openai.iter_rows(named=True):
        assert row["article_count"] == 1
        assert wire.url("/story/nvidia-openai-syndicated") in row["source_urls"]
    assert deals.filter(pl.col("parties").list.contains("ASML")).height >= 1
    report = Path(summary.report_path).read_text(encoding="utf-8")
    assert "## Failed fetches" in report and "robots_disallowed" in report


def test_a_second_run_makes_only_conditional_requests_and_publishes_nothing(
    tmp_path: Path,
) -> None:
    site = Site()
    try:
        healthy_site(site)
        data = tmp_path / "data"
        sources = [site.url("/feed.xml"), site.url("/sitemap_index.xml")]
        first = run(sources, data)
        assert first.published and first.version == 0
        assert storage.read_table(data, "articles").height == 3
        site.requests.clear()

        second = run(sources, data)
        assert not second.published and second.version == 0
        assert storage.current_version(DataPaths(data)) == 0
        assert site.requests and all(r.conditional for r in site.requests)
        assert {r.status for r in site.requests} == {304}
        # the 304s are logged, and go out with the next release
        pending = storage.read_pending_fetch_log(DataPaths(data))
        assert set(pending.get_column("outcome")) == {"not_modified"}
        assert pending.get_column("is_conditional").all()
    finally:
        site.close()


def test_loopback_is_refused_and_recorded_without_the_allow_flag(
    tmp_path: Path, news: Site
) -> None:
    from flows.pipeline import NoReadableSource

    data = tmp_path / "data"
    with pytest.raises(NoReadableSource, match="loopback"):
        run([news.url("/feed.xml")], data, allow_private_hosts=False)
    assert news.requests == []
    pending = storage.read_pending_fetch_log(DataPaths(data))
    assert pending.get_column("outcome").to_list() == ["refused_address"]
    assert "127.0.0.1 is loopback" in pending.get_column("reason")[0]


def test_the_command_line_fetches_a_feed(tmp_path: Path, news: Site) -> None:
    data = tmp_path / "data"
    env = {**os.environ, "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120"}
    env.pop("PREFECT_API_URL", None)
    # Short timeouts and backoff from the settings file in the working folder.
    (tmp_path / "aideals.toml").write_text(
        "[web]\ntimeout_seconds = 1.0\nbackoff_seconds = 0.05\nrequests_per_second = 200.0\n"
        "max_body_bytes = 1000000\nmax_retry_after_seconds = 5.0\n",
        encoding="utf-8",
    )
    aideals = Path(sys.executable).with_name("aideals")
    result = subprocess.run(
        [str(aideals), "run", "--allow-private-hosts",
         "--source", news.url("/feed.xml"), "--data-dir", str(data)],
        capture_output=True, text=True, check=False, cwd=tmp_path, env=env, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "published version 0" in result.stdout
    assert "fetch failed" in result.stderr and "robots_disallowed" in result.stderr
    log = storage.read_table(data, "fetch_log")
    failed = set(log.filter(pl.col("outcome") != "fetched").get_column("url"))
    assert news.url(FAULT_PATHS["missing"]) in failed and news.url(FAULT_PATHS["huge"]) in failed
    assert storage.read_table(data, "articles").height == 4
