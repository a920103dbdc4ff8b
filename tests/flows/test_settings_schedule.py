"""The [schedule] and [maintenance] tables of aideals.toml, and the lock's --wait."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest

from flows.deployment import schedule_of
from flows.locking import RunLocked, run_lock
from flows.paths import DataPaths
from flows.settings import REPO_ROOT, SettingsError, load_settings


def settings_from(tmp_path: Path, text: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    config = tmp_path / "aideals.toml"
    config.write_text(text, encoding="utf-8")
    return load_settings(config, env=env or {}, cwd=tmp_path)


def test_the_schedule_is_a_cron_line_or_an_interval(tmp_path: Path) -> None:
    assert schedule_of(settings_from(tmp_path, "[schedule]\ncron = '5 4 * * *'\n")) == {
        "cron": "5 4 * * *"
    }
    every_hour = settings_from(tmp_path, "[schedule]\ninterval = 3600\n")
    assert schedule_of(every_hour) == {"interval": 3600}
    from_env = settings_from(tmp_path, "", env={"AIDEALS_SCHEDULE_INTERVAL": "600"})
    assert schedule_of(from_env) == {"interval": 600}
    assert schedule_of(load_settings(REPO_ROOT / "aideals.toml", env={})) == {"cron": "0 6 * * *"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[schedule]\ncron = '0 6 * * *'\ninterval = 60\n", "cron or interval, not both"),
        ("[schedule]\nevery = 60\n", "unknown [schedule] key(s) every"),
        ("[schedule]\ninterval = -5\n", "schedule interval must be 0"),
        ("[maintenance]\nkeep_releases = 0\n", "keep_releases must be at least 1"),
        ("[maintenance]\nmaintain_after_run = 'sometimes'\n", "must be true or false"),
        ("[maintenance]\nkeep_forever = true\n", "unknown setting(s) keep_forever"),
    ],
)
def test_bad_schedule_or_maintenance_settings_fail_loudly(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(SettingsError, match=re.escape(message)):
        settings_from(tmp_path, text)


def test_maintenance_settings_from_file_and_environment(tmp_path: Path) -> None:
    loaded = settings_from(
        tmp_path,
        "[maintenance]\nkeep_releases = 3\nflow_run_retention_days = 7\nmaintain_after_run = false\n",
        env={"AIDEALS_KEEP_RELEASES": "4"},
    )
    assert (loaded.keep_releases, loaded.flow_run_retention_days) == (4, 7.0)
    assert loaded.maintain_after_run is False


def test_a_waiting_run_gets_the_lock_when_the_holder_ends(tmp_path: Path) -> None:
    lock = DataPaths(tmp_path).run_lock
    held = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with run_lock(lock):
            held.set()
            release.wait(30)

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(30)
    with (
        pytest.raises(
            RunLocked, match=r"after waiting 0.5 s; wait for it to finish or pass --wait"
        ),
        run_lock(lock, wait_seconds=0.5),
    ):
        pass
    threading.Timer(1.0, release.set).start()
    started = time.monotonic()
    with run_lock(lock, wait_seconds=60):
        waited = time.monotonic() - started
    thread.join(30)
    assert waited > 0.5  # it did wait for the holder, then got the lock
