"""Scheduling: ``aideals serve`` against a local or a configured Prefect server, and the
``prefect.yaml`` deployment run by a process worker. Every server is a real ``prefect server
start`` on 127.0.0.1 with SQLite under a temporary PREFECT_HOME."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import threading
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from flows.deployment import FLOW_NAME
from flows.ledger import read_runs
from flows.paths import DataPaths
from flows.prefect_server import port_in_use
from flows.settings import REPO_ROOT
from flows.storage import read_table, release_versions
from tests.conftest import article, write_jsonl
from tests.flows.conftest import BIN, LiveServer, free_port, quiet_env

TIMEOUT = 600


class Output:
    """The lines a child prints, collected by a thread so the test can wait for one."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, args=(process,), daemon=True).start()

    def _pump(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self._queue.put(line)

    def wait_for(self, text: str, timeout: float = TIMEOUT) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=1)
            except queue.Empty:
                continue
            self.lines.append(line)
            if text in line:
                return line
        raise AssertionError(f"no {text!r} within {timeout} s; output:\n{''.join(self.lines)}")

    def rest(self) -> str:
        while not self._queue.empty():
            self.lines.append(self._queue.get())
        return "".join(self.lines)


@contextmanager
def served(
    args: list[str], env: dict[str, str], cwd: Path
) -> Iterator[tuple[subprocess.Popen[str], Output]]:
    process = subprocess.Popen(
        [str(BIN / "aideals"), "serve", *args],
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        yield process, Output(process)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=90)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)


@contextmanager
def api(api_url: str) -> Iterator[Any]:
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with (
        temporary_settings(updates={PREFECT_API_URL: api_url}),
        get_client(sync_client=True) as client,
    ):
        yield client


def find_deployment(api_url: str, name: str, timeout: float = TIMEOUT) -> Any:
    from prefect.exceptions import ObjectNotFound

    deadline = time.monotonic() + timeout
    with api(api_url) as client:
        while True:
            try:
                return client.read_deployment_by_name(name)
            except ObjectNotFound:
                assert time.monotonic() < deadline, f"no deployment {name} after {timeout} s"
                time.sleep(1)


def trigger_and_wait(api_url: str, name: str, **parameters: Any) -> Any:
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: api_url}):
        return run_deployment(name, parameters=parameters or None, timeout=TIMEOUT, poll_interval=2)


def small_corpus(folder: Path) -> Path:
    return write_jsonl(
        folder / "articles.jsonl",
        [article("https://news.example/a"), article("https://news.example/b")],
    )


@pytest.mark.slow
def test_serve_starts_a_local_server_and_a_run_triggered_through_the_api_publishes(
    tmp_path: Path,
) -> None:
    small_corpus(tmp_path)
    (tmp_path / "aideals.toml").write_text(
        'sources = ["articles.jsonl"]\ndata_dir = "data"\n[schedule]\ninterval = 86400\n'
    )
    port = free_port()
    env = quiet_env(PREFECT_HOME=str(tmp_path / "prefect-home"))
    with served(["--port", str(port)], env, cwd=tmp_path) as (process, output):
        output.wait_for(f"UI at http://127.0.0.1:{port}")
        output.wait_for("being served")
        api_url = f"http://127.0.0.1:{port}/api"
        deployment = find_deployment(api_url, f"{FLOW_NAME}/aideals")
        assert [s.schedule.interval for s in deployment.schedules] == [timedelta(days=1)]
        assert deployment.parameters["data_dir"] == str(tmp_path / "data")

        flow_run = trigger_and_wait(api_url, f"{FLOW_NAME}/aideals")

        assert flow_run.state.is_completed(), flow_run.state
        paths = DataPaths(tmp_path / "data")
        assert release_versions(paths) == [0]
        assert read_table(tmp_path / "data", "articles").height == 2
        assert [r["outcome"] for r in read_runs(paths)] == ["released"]
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=90)
    assert "stopped serving" in output.rest()
    assert not port_in_use(port)  # the local server went with the command


@pytest.mark.slow
def test_serve_uses_the_server_in_prefect_api_url_with_the_cron_schedule(
    prefect_server: LiveServer, tmp_path: Path
) -> None:
    source = small_corpus(tmp_path)
    config = tmp_path / "settings.toml"
    config.write_text('[schedule]\ncron = "17 3 * * 1"\n')
    data = tmp_path / "data"
    args = ["--config", str(config), "--source", str(source), "--data-dir", str(data)]
    args += ["--name", "from-api-url"]
    with served(args, prefect_server.env(), cwd=tmp_path) as (_, output):
        output.wait_for(f"using the Prefect server at {prefect_server.api_url}")
        output.wait_for("being served")
        deployment = find_deployment(prefect_server.api_url, f"{FLOW_NAME}/from-api-url")
        assert [s.schedule.cron for s in deployment.schedules] == ["17 3 * * 1"]
        assert deployment.parameters == {
            "config": str(config),
            "data_dir": str(data),
            "sources": [str(source)],
        }
    assert not DataPaths(data).server_log.exists()  # no local server was started


def deployment_config() -> dict[str, Any]:
    document = yaml.safe_load((REPO_ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    [deployment] = document["deployments"]
    return deployment  # type: ignore[no-any-return]


def test_prefect_yaml_points_at_the_scheduled_flow_with_the_schedule_of_aideals_toml() -> None:
    from prefect import Flow
    from prefect.flows import load_flow_from_entrypoint

    deployment = deployment_config()
    loaded = load_flow_from_entrypoint(str(REPO_ROOT / deployment["entrypoint"]))
    assert isinstance(loaded, Flow) and loaded.name == FLOW_NAME
    settings = tomllib.loads((REPO_ROOT / "aideals.toml").read_text(encoding="utf-8"))
    wanted = settings["schedule"]
    [schedule] = deployment["schedules"]
    assert {k: v for k, v in schedule.items() if k in ("cron", "interval")} == wanted
    assert deployment["work_pool"]["name"] == "aideals"


@pytest.mark.slow
def test_prefect_deploy_with_prefect_yaml_and_a_process_worker_publishes(
    prefect_server: LiveServer, tmp_path: Path
) -> None:
    env = prefect_server.env()

    def prefect(*args: str) -> str:
        result = subprocess.run(
            [str(BIN / "prefect"), *args], env=env, cwd=REPO_ROOT, capture_output=True,
            text=True, timeout=TIMEOUT, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    prefect("work-pool", "create", "aideals", "--type", "process", "--overwrite")
    prefect("deploy", "--all")
    name = f"{FLOW_NAME}/aideals"
    deployment = find_deployment(prefect_server.api_url, name)
    assert deployment.entrypoint == "flows/deployment.py:scheduled_flow"
    assert deployment.work_pool_name == "aideals"
    assert [s.schedule.cron for s in deployment.schedules] == [
        deployment_config()["schedules"][0]["cron"]
    ]
    [pull] = deployment.pull_steps
    assert pull["prefect.deployments.steps.set_working_directory"]["directory"] == str(REPO_ROOT)

    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    data = tmp_path / "data"
    parameters = {"data_dir": str(data), "sources": [str(small_corpus(tmp_path))]}
    with temporary_settings(updates={PREFECT_API_URL: prefect_server.api_url}):
        scheduled = run_deployment(name, parameters=parameters, timeout=0)
    worker = subprocess.run(
        [str(BIN / "prefect"), "worker", "start", "--pool", "aideals", "--run-once"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT, check=False,
    )  # fmt: skip
    assert worker.returncode == 0, worker.stdout + worker.stderr
    with api(prefect_server.api_url) as client:
        state = client.read_flow_run(scheduled.id).state
    assert state is not None and state.is_completed(), worker.stdout + worker.stderr
    assert release_versions(DataPaths(data)) == [0]
    assert read_table(data, "articles").height == 2
