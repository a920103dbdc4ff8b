"""One run per data folder: a second run stops at once with a message naming the holder."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.locking import RunLocked, run_lock
from flows.paths import DataPaths

HOLD = """
import sys, time
from pathlib import Path
from flows.locking import run_lock
with run_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_second_holder_is_refused_with_the_first_holders_pid(tmp_path: Path) -> None:
    lock = DataPaths(tmp_path).run_lock
    with (
        run_lock(lock),
        pytest.raises(RunLocked, match=r"another aideals run holds .*pid \d+"),
        run_lock(lock),
    ):
        pass
    with run_lock(lock):  # released when the first run ended
        assert lock.exists()


def test_a_killed_run_releases_the_lock(tmp_path: Path) -> None:
    lock = DataPaths(tmp_path).run_lock
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(RunLocked, match=f"pid {holder.pid}"), run_lock(lock):
            pass
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    with run_lock(lock):  # the operating system released it with the process
        pass


def test_the_command_exits_with_a_clear_message_while_another_run_publishes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    articles = tmp_path / "articles.jsonl"
    articles.write_text('{"url": "https://a.example/1", "title": "t", "text": "x"}\n')
    with run_lock(DataPaths(data).run_lock):
        result = CliRunner().invoke(
            app, ["run", "--source", str(articles), "--data-dir", str(data)]
        )
    assert result.exit_code == 1
    assert "another aideals run holds" in result.output
    assert not (data / "published").exists()  # nothing was started, let alone published
