"""A run killed with SIGKILL at any stage leaves the previous release whole, and the next run
recovers: no partial version visible, no article lost, no deal counted twice.

The kill point is deterministic: AIDEALS_PAUSE_AT=<stage> (flows/faults.py) makes the run write a
marker file and sleep there; the test waits for the marker, then kills the process. Every run is
a real ``aideals run`` process against a real Prefect server on 127.0.0.1.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from pathlib import Path

import polars as pl
import pytest
from deltalake import DeltaTable

from flows.faults import STAGES
from flows.paths import DataPaths
from flows.settings import SAMPLE_SOURCE
from flows.storage import read_manifest, read_table, release_versions
from tests.flows.conftest import BIN, LiveServer
from transforms.schemas import TABLES

pytestmark = pytest.mark.slow
RUN_TIMEOUT = 600


def aideals_run(
    server: LiveServer, data: Path, sources: list[Path], **env: str
) -> subprocess.Popen[str]:
    command = [str(BIN / "aideals"), "run", "--data-dir", str(data)]
    for source in sources:
        command += ["--source", str(source)]
    return subprocess.Popen(
        command,
        env=server.env(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> str:
    output, _ = process.communicate(timeout=RUN_TIMEOUT)
    assert process.returncode == 0, output
    return output


def tables(data: Path) -> dict[str, pl.DataFrame]:
    return {name: read_table(data, name) for name in TABLES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The bundled sample split in two: the first half is published before the crash."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = SAMPLE_SOURCE.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = folder / "first.jsonl", folder / "second.jsonl"
    first.write_text("".join(lines[:15]), encoding="utf-8")
    second.write_text("".join(lines[15:]), encoding="utf-8")
    return first, second


@pytest.fixture(scope="module")
def base(
    prefect_server: LiveServer, corpus: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A data folder holding release 0, made from the first half."""
    data = tmp_path_factory.mktemp("base") / "data"
    finish(aideals_run(prefect_server, data, [corpus[0]]))
    assert release_versions(DataPaths(data)) == [0]
    return data


@pytest.fixture(scope="module")
def clean(
    prefect_server: LiveServer,
    corpus: tuple[Path, Path],
    base: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, pl.DataFrame]:
    """The tables an uninterrupted run publishes on top of release 0: what recovery must equal."""
    data = tmp_path_factory.mktemp("clean") / "data"
    shutil.copytree(base, data)
    finish(aideals_run(prefect_server, data, list(corpus)))
    assert release_versions(DataPaths(data)) == [0, 1]
    return tables(data)


def wait_for(marker: Path, process: subprocess.Popen[str], timeout: float = RUN_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not marker.exists():
        if process.poll() is not None:
            pytest.fail(f"the run ended before reaching the pause point:\n{process.stdout.read()}")  # type: ignore[union-attr]
        assert time.monotonic() < deadline, f"no {marker.name} after {timeout} s"
        time.sleep(0.2)


@pytest.mark.parametrize("stage", STAGES)
def test_a_run_killed_during_a_stage_leaves_the_last_release_and_the_next_run_recovers(
    stage: str,
    prefect_server: LiveServer,
    corpus: tuple[Path, Path],
    base: Path,
    clean: dict[str, pl.DataFrame],
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(base, data)
    paths = DataPaths(data)
    before = tables(data)

    victim = aideals_run(prefect_server, data, list(corpus), AIDEALS_PAUSE_AT=stage)
    try:
        wait_for(paths.pause_marker(stage), victim)
    finally:
        victim.send_signal(signal.SIGKILL)
        victim.communicate(timeout=60)
    assert victim.returncode == -signal.SIGKILL

    # No partial version: the manifest of release 0 is still the current one, whole.
    assert release_versions(paths) == [0]
    for name, frame in tables(data).items():
        assert frame.equals(before[name]), f"{name} changed after a run killed during {stage}"
    if stage == "publish":  # the kill landed after table commits and before the manifest
        manifest = read_manifest(paths) or {}
        committed = {
            name: DeltaTable(str(paths.table(name))).version() > entry["delta_version"]
            for name, entry in manifest["tables"].items()
        }
        assert committed == {
            "articles": True,
            "deal_mentions": True,
            "deals": True,
            "quarantine": False,
            "fetch_log": False,
        }

    # The next run is not stalled by the killed one's lock and publishes one whole new release.
    output = finish(aideals_run(prefect_server, data, list(corpus)))
    assert "published version 1" in output
    assert release_versions(paths) == [0, 1]
    after = tables(data)
    deals = after["deals"]
    assert deals.get_column("deal_id").is_unique().all()  # no deal counted twice
    assert deals.get_column("deal_id").sort().equals(clean["deals"].get_column("deal_id").sort())
    assert (
        deals.get_column("mention_count").sum() == clean["deals"].get_column("mention_count").sum()
    )
    articles = after["articles"].get_column("article_url").sort()
    assert articles.equals(clean["articles"].get_column("article_url").sort())  # none lost
    assert articles.len() == 30
    assert after["deal_mentions"].get_column("mention_id").is_unique().all()
    assert after["deal_mentions"].height == clean["deal_mentions"].height
    assert after["quarantine"].height == clean["quarantine"].height
