"""`aideals status` on a real published data folder: releases, runs and their outcome (released,
unchanged, failed, locked out), validation results and the quarantined rows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.ledger import read_runs
from flows.locking import RunLocked, run_lock
from flows.paths import DataPaths
from flows.settings import Settings
from flows.storage import read_manifest
from tests.conftest import article, write_jsonl

SHARE_140 = (
    "Microsoft and OpenAI expanded their partnership on Tuesday.\n"
    "Under the agreement, Microsoft gets 140 percent of OpenAI's revenue, the companies said."
)


def status(data: Path) -> str:
    result = CliRunner().invoke(app, ["status", "--data-dir", str(data)], terminal_width=200)
    assert result.exit_code == 0, result.output
    return result.output


def test_status_before_anything_was_published(tmp_path: Path) -> None:
    output = status(tmp_path / "data")
    assert "nothing published yet" in output
    assert "no run recorded yet" in output


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_status_shows_releases_runs_validation_and_quarantine(tmp_path: Path) -> None:
    from flows.pipeline import NoReadableSource, run

    data = tmp_path / "data"
    paths = DataPaths(data)
    source = write_jsonl(
        tmp_path / "mixed.jsonl",
        [
            article("https://news.example/good"),
            '{"url": "https://news.example/broken", "title": "[bold]Broken',
            article("https://news.example/share-140", text=SHARE_140),
        ],
    )
    settings = Settings(sources=(source,), data_dir=data)
    assert run(settings).published
    assert not run(settings).published  # unchanged
    with pytest.raises(NoReadableSource):
        run(Settings(sources=(tmp_path / "missing.jsonl",), data_dir=data))
    with run_lock(paths.run_lock), pytest.raises(RunLocked):
        run(settings)
    assert [r["outcome"] for r in read_runs(paths)] == [
        "released",
        "unchanged",
        "failed",
        "locked",
    ]

    output = status(data)
    manifest = read_manifest(paths) or {}
    rows = manifest["tables"]
    assert "Latest releases (1 kept)" in output
    print(output)  # shown when an assertion fails
    created = manifest["created_at"][:19].replace("T", " ")
    release_line = next(line for line in output.splitlines() if created in line)  # first table
    cells = release_line.replace("│", "|").split("|")
    assert [c.strip() for c in cells[1:7]] == [
        "0",
        created,
        *(str(rows[name]["rows"]) for name in ("articles", "deal_mentions", "deals", "quarantine")),
    ]
    assert "Last runs" in output
    for outcome in ("released", "unchanged", "failed", "locked"):
        assert outcome in output
    assert "no source could be read" in output
    assert "another aideals run holds" in output
    assert f"Validation of release 0: {manifest['validation']['outcome']}" in output
    for name in ("articles", "deal_mentions", "deals", "quarantine"):
        assert re.search(rf"\W{name}\W+\d+\W", output), name  # a validation row per table
    assert f"Quarantined rows: {rows['quarantine']['rows']} in the current release" in output
    assert "expect_column_values_to_be_between(revenue_share_pct)" in output
    assert "malformed JSON" in output
    assert "line 2" in output
