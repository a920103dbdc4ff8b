"""Two overlapping runs on one data folder: the second exits with a clear message or, with
``--wait``, waits its turn; nothing is published twice. Real ``aideals run`` processes."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from flows.ledger import read_runs
from flows.paths import DataPaths
from flows.storage import read_table, release_versions
from tests.conftest import article, write_jsonl
from tests.flows.conftest import BIN, LiveServer

pytestmark = pytest.mark.slow
TIMEOUT = 600


def start(
    server: LiveServer, data: Path, source: Path, *args: str, **env: str
) -> subprocess.Popen[str]:
    command = [str(BIN / "aideals"), "run", "--data-dir", str(data), "--source", str(source), *args]
    return subprocess.Popen(
        command, env=server.env(**env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def test_an_overlapping_run_exits_or_waits_and_nothing_is_published_twice(
    prefect_server: LiveServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    paths = DataPaths(data)
    source = write_jsonl(
        tmp_path / "a.jsonl", [article("https://news.example/a"), article("https://news.example/b")]
    )
    # The first run pauses 20 s during extraction, holding the data folder.
    first = start(
        prefect_server, data, source, AIDEALS_PAUSE_AT="extract", AIDEALS_PAUSE_SECONDS="20"
    )
    deadline = time.monotonic() + TIMEOUT
    while not paths.pause_marker("extract").exists():
        assert first.poll() is None, first.communicate()[0]
        assert time.monotonic() < deadline
        time.sleep(0.2)

    refused = start(prefect_server, data, source)
    waiting = start(prefect_server, data, source, "--wait", str(TIMEOUT))
    refused_output, _ = refused.communicate(timeout=TIMEOUT)
    assert refused.returncode == 1
    assert "another aideals run holds" in refused_output
    assert f"pid {first.pid}" in refused_output
    assert waiting.poll() is None  # still waiting for the lock while the first run pauses

    first_output, _ = first.communicate(timeout=TIMEOUT)
    assert first.returncode == 0, first_output
    assert "published version 0" in first_output
    waiting_output, _ = waiting.communicate(timeout=TIMEOUT)
    assert waiting.returncode == 0, waiting_output
    assert "nothing new: version 0 stays current" in waiting_output

    assert release_versions(paths) == [0]  # one release, published once
    assert read_table(data, "articles").height == 2
    assert read_table(data, "deals").get_column("deal_id").is_unique().all()
    outcomes = sorted(r["outcome"] for r in read_runs(paths))
    assert outcomes == ["locked", "released", "unchanged"]
