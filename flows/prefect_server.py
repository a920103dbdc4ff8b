"""A local Prefect server for ``aideals serve`` when no PREFECT_API_URL is configured.

Schedules never fire on Prefect's ephemeral API, so serving needs a real server. This starts
``prefect server start --host 127.0.0.1`` (SQLite under PREFECT_HOME, with its UI) as a child
process in its own process group, waits until it answers, and stops it on exit. The child's
database vacuum service deletes finished flow runs older than the retention, so the database
does not grow without bound.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx

__all__ = ["ServerError", "local_server", "server_env", "wait_until_healthy"]

MIN_RETENTION_SECONDS = 3600  # Prefect refuses a shorter flow-run retention


class ServerError(RuntimeError):
    """The Prefect server could not be started or reached."""


def server_env(retention_days: float, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a Prefect server child: no telemetry, flow runs vacuumed."""
    env = dict(os.environ if base is None else base)
    retention = max(int(retention_days * 86400), MIN_RETENTION_SECONDS)
    env.update(
        {
            "DO_NOT_TRACK": "1",
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED": "events,flow_runs",
            "PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD": str(retention),
        }
    )
    env.pop("PREFECT_API_URL", None)
    return env


def port_in_use(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_until_healthy(
    api_url: str, timeout: float = 180.0, process: subprocess.Popen[bytes] | None = None
) -> None:
    """Poll ``<api_url>/health`` until it answers, the process dies, or the timeout passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise ServerError(f"the Prefect server exited with status {process.returncode}")
        try:
            if httpx.get(f"{api_url}/health", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise ServerError(f"no Prefect server answered at {api_url} within {timeout:.0f} s")


@contextmanager
def local_server(
    port: int, log_file: Path, retention_days: float, timeout: float = 180.0
) -> Iterator[str]:
    """Run a Prefect server on 127.0.0.1:``port`` for the duration; yields its API URL."""
    if port_in_use(port):
        raise ServerError(
            f"port {port} on 127.0.0.1 is in use: if a Prefect server runs there, set "
            f"PREFECT_API_URL=http://127.0.0.1:{port}/api; otherwise pick another --port"
        )
    api_url = f"http://127.0.0.1:{port}/api"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "prefect", "server", "start"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    with log_file.open("ab") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=server_env(retention_days),
            start_new_session=True,  # its own process group: stopped as a whole below
        )
    try:
        try:
            wait_until_healthy(api_url, timeout, process)
        except ServerError as exc:
            raise ServerError(f"{exc}; see {log_file}") from None
        yield api_url
    finally:
        stop_process_group(process)


def stop_process_group(process: subprocess.Popen[bytes], grace: float = 20.0) -> None:
    """SIGTERM the child's process group, then SIGKILL what is left after ``grace`` seconds."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=grace)
    except ProcessLookupError:
        pass
