"""End-to-end: real Prefect runs, real Great Expectations, real Delta tables, all under tmp_path."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from flows import storage
from flows.paths import DataPaths
from flows.settings import SAMPLE_SOURCE, Settings
from tests.conftest import SHARED, article, write_jsonl

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]

SHARE_140 = (
    "Microsoft and OpenAI expanded their partnership on Tuesday.\n"
    "Under the agreement, Microsoft gets 140 percent of OpenAI's revenue, the companies said."
)
ACQUIHIRE = (
    "Amazon said on Monday it had agreed to acquire Covariant for $400 million, bringing its "
    "founders and staff to Amazon."
)


def run(sources: list[Path], data_dir: Path):  # type: ignore[no-untyped-def]
    from flows.pipeline import run as run_flow

    return run_flow(Settings(sources=tuple(sources), data_dir=data_dir))


@pytest.mark.skipif(not SAMPLE_SOURCE.is_file(), reason="the sample corpus is not in data/sample")
def test_the_bundled_sample_publishes_version_0_with_report_pages(tmp_path: Path) -> None:
    data = tmp_path / "data"
    summary = run([SAMPLE_SOURCE], data)
    paths = DataPaths(data)
    assert summary.published and summary.version == 0
    manifest = storage.read_manifest(paths)
    assert manifest is not None and manifest["version"] == 0
    assert set(manifest["tables"]) == {
        "articles",
        "deal_mentions",
        "deals",
        "quarantine",
        "fetch_log",
    }
    deals = pl.read_delta(str(paths.table("deals")))
    assert deals.height == manifest["tables"]["deals"]["rows"] > 0
    assert deals["deal_id"].is_unique().all()
    assert (paths.data_docs / "index.html").is_file()
    assert "version published: 0" in Path(summary.report_path).read_text()
    for name, export in manifest["exports"].items():
        exported = pl.read_parquet(paths.published / export["path"])
        assert exported.height == manifest["tables"][name]["rows"]
    pages = SAMPLE_SOURCE.parent / "pages"
    if pages.is_dir():  # the same corpus as HTML pages, through the folder source
        from_pages = run([pages], tmp_path / "pages-data")
        assert from_pages.published and from_pages.articles_parsed == len(
            list(pages.glob("*.html"))
        )


def test_rerun_creates_no_version_and_one_added_article_creates_exactly_one(tmp_path: Path) -> None:
    data = tmp_path / "data"
    paths = DataPaths(data)
    base = write_jsonl(
        tmp_path / "base.jsonl",
        [article("https://news.example/a"), article("https://news.example/b", text=SHARE_140)],
    )
    first = run([base], data)
    assert first.published and first.version == 0
    assert len(list(paths.raw.rglob("*"))) > 0
    deals_v0 = storage.read_table(data, "deals")

    again = run([base], data)
    assert not again.published and again.version == 0 and again.articles_new_or_changed == 0
    assert storage.current_version(paths) == 0

    extra = write_jsonl(
        tmp_path / "extra.jsonl", [article("https://news.example/c", text=ACQUIHIRE)]
    )
    third = run([base, extra], data)
    assert third.published and third.version == 1 and third.articles_new_or_changed == 1
    assert storage.current_version(paths) == 1
    assert third.deals_added == 1 and third.deals_changed == 0
    changelog = json.loads(paths.changelog(1).read_text())
    assert changelog["removed"] == [] and len(changelog["added"]) == 1
    assert storage.read_table(data, "deals", version=0).equals(deals_v0)  # time travel
    assert pl.read_delta(str(paths.table("deals"))).height == deals_v0.height + 1

    assert not run([base, extra], data).published
    assert storage.current_version(paths) == 1

    changed = write_jsonl(
        tmp_path / "base.jsonl",
        [
            article("https://news.example/a", text=ACQUIHIRE),
            article("https://news.example/b", text=SHARE_140),
        ],
    )
    fourth = run([changed, extra], data)
    assert fourth.published and fourth.version == 2 and fourth.articles_new_or_changed == 1
    mentions = storage.read_table(data, "deal_mentions")
    about_a = mentions.filter(pl.col("article_url") == "https://news.example/a")
    assert about_a["deal_type"].to_list() == ["acquihire"]  # the earlier mention was replaced


def test_too_many_failing_rows_block_publishing_with_the_reason(tmp_path: Path) -> None:
    from flows.pipeline import QuarantineThresholdExceeded
    from flows.pipeline import run as run_flow

    source = write_jsonl(
        tmp_path / "many.jsonl", [article(f"https://news.example/{i}") for i in range(20)]
    )
    strict = Settings(sources=(source,), data_dir=tmp_path / "data", min_confidence=1.0)
    with pytest.raises(QuarantineThresholdExceeded, match="20 of 20 new mentions failed"):
        run_flow(strict)
    assert storage.current_version(DataPaths(tmp_path / "data")) is None
    report = DataPaths(tmp_path / "data").latest_report.read_text()
    assert "validation: failed" in report and "max_quarantine_fraction" in report


def test_bad_inputs_are_reported_quarantined_and_the_rest_publishes(tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "mixed.jsonl",
        [
            article("https://news.example/good"),
            '{"url": "https://news.example/broken", "title": "Broken',
            article("https://news.example/empty", text="   "),
            article("https://news.example/share-140", text=SHARE_140),
        ],
    )
    summary = run([source], tmp_path / "data")
    assert summary.published
    messages = "\n".join(summary.rejections)
    assert f"{source}:line 2: malformed JSON" in messages
    assert f"{source}:line 3: article has no text" in messages

    paths = DataPaths(tmp_path / "data")
    mentions = storage.read_table(paths.root, "deal_mentions")
    assert "https://news.example/good" in mentions["article_url"].to_list()
    assert mentions.filter(pl.col("revenue_share_pct") > 100).height == 0

    quarantine = storage.read_table(paths.root, "quarantine")
    share = quarantine.filter(pl.col("reason").str.contains("revenue_share_pct"))
    assert share.height == 1
    row = share.row(0, named=True)
    assert row["table_name"] == "deal_mentions"
    assert "expect_column_values_to_be_between(revenue_share_pct)" in row["expectation"]
    assert "revenue_share_pct=140.0" in row["reason"]
    assert json.loads(row["row_json"])["revenue_share_pct"] == 140.0
    inputs = quarantine.filter(pl.col("table_name") == "inputs")
    assert sorted(inputs["location"].to_list()) == ["line 2", "line 3"]
    assert "quarantined rows (new): 3" in Path(summary.report_path).read_text()

    # The same bad file again: the same quarantine rows, so no new version.
    assert not run([source], tmp_path / "data").published


def test_crash_between_table_commits_leaves_previous_release_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    paths = DataPaths(data)
    first_source = write_jsonl(tmp_path / "a.jsonl", [article("https://news.example/a")])
    run([first_source], data)
    before = storage.read_release(paths)

    second_source = write_jsonl(
        tmp_path / "b.jsonl", [article("https://news.example/c", text=ACQUIHIRE)]
    )
    real_commit = storage._commit_table

    def crash_after_articles(paths_: DataPaths, name: str, frame: pl.DataFrame) -> int:
        if name != "articles":
            raise OSError(f"simulated crash before committing {name}")
        return real_commit(paths_, name, frame)

    monkeypatch.setattr(storage, "_commit_table", crash_after_articles)
    with pytest.raises(OSError, match="simulated crash"):
        run([first_source, second_source], data)
    monkeypatch.undo()

    # The articles table has a newer Delta commit, but the release still names the old one.
    assert pl.read_delta(str(paths.table("articles"))).height == 2
    assert storage.current_version(paths) == 0
    after = storage.read_release(paths)
    for name, frame in before.tables.items():
        assert after.tables[name].equals(frame), name
    assert storage.read_table(data, "articles").height == 1

    completed = run([first_source, second_source], data)
    assert completed.published and completed.version == 1
    assert storage.read_table(data, "articles").height == 2


@pytest.mark.skipif(not (SHARED / "seed" / "articles.jsonl").is_file(), reason="no ../shared/seed")
def test_seed_acceptance_scores_f1_1(tmp_path: Path) -> None:
    seed = tmp_path / "seed.jsonl"
    shutil.copy(SHARED / "seed" / "articles.jsonl", seed)
    run([seed], tmp_path / "data")
    result = subprocess.run(
        [
            sys.executable,
            str(SHARED / "acceptance" / "score.py"),
            "--published",
            str(tmp_path / "data" / "published"),
            "--gold",
            str(SHARED / "seed" / "gold.jsonl"),
            "--min-f1",
            "1.0",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "F1=1.000" in result.stdout


def test_cli_run_fails_clearly_when_no_source_can_be_read(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from flows.cli import app

    missing = tmp_path / "missing.jsonl"
    result = CliRunner().invoke(
        app, ["run", "--source", str(missing), "--data-dir", str(tmp_path / "data")]
    )
    assert result.exit_code == 1
    assert f"no source could be read: {missing}:source: source not found" in result.stderr
    assert not (tmp_path / "data" / "published").exists()


def test_cli_run_publishes_and_says_where(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from flows.cli import app

    source = write_jsonl(tmp_path / "one.jsonl", [article("https://news.example/a")])
    result = CliRunner().invoke(
        app, ["run", "--source", str(source), "--data-dir", str(tmp_path / "data")]
    )
    assert result.exit_code == 0, result.output
    assert "published version 0" in result.output
    assert "report:" in result.output
