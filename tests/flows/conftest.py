"""Shared fixtures of the flow tests: a real ``prefect server start`` on 127.0.0.1 for the tests
that need schedules or subprocesses, and the web sites the web tests serve.

One server per session (it takes about 10 s to get healthy), with its own PREFECT_HOME (SQLite)
under a temporary folder; stopped with its whole process group at the end, whatever happened.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from flows.prefect_server import ServerError, wait_until_healthy
from tests.flows.web_pages import healthy_site, news_site, wire_site
from tests.flows.web_site import Site

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def quiet_env(**extra: str) -> dict[str, str]:
    """The environment of a child process: no telemetry, no inherited Prefect API."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API", "AIDEALS_"))}
    env.update({"DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"})
    env.update(extra)
    return env


@dataclass(frozen=True)
class LiveServer:
    api_url: str
    home: Path

    def env(self, **extra: str) -> dict[str, str]:
        """For a child process that talks to this server."""
        return quiet_env(PREFECT_API_URL=self.api_url, PREFECT_HOME=str(self.home), **extra)


def start_server(
    home: Path, port: int, env: Mapping[str, str] | None = None
) -> subprocess.Popen[bytes]:
    home.mkdir(parents=True, exist_ok=True)
    log = (home / "server.log").open("ab")
    return subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=dict(env or quiet_env(PREFECT_HOME=str(home))),
        start_new_session=True,
    )


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the process group of a child this test started, SIGKILL after 30 s."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
        except ProcessLookupError:
            pass


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[LiveServer]:
    home = Path(tempfile.mkdtemp(prefix="aideals-server-"))
    port = free_port()
    process = start_server(home, port)
    api_url = f"http://127.0.0.1:{port}/api"
    try:
        try:
            wait_until_healthy(api_url, timeout=240, process=process)
        except ServerError as exc:
            log = (home / "server.log").read_text(errors="replace")[-3000:]
            pytest.fail(f"{exc}\n{log}")
        yield LiveServer(api_url, home)
    finally:
        stop_group(process)


# The sites the web tests serve on 127.0.0.1 (tests/flows/web_pages.py), one server each.
@pytest.fixture
def news() -> Iterator[Site]:
    site = Site()
    news_site(site)
    yield site
    site.close()


@pytest.fixture
def wire(news: Site) -> Iterator[Site]:
    site = Site()
    wire_site(site)
    yield site
    site.close()


@pytest.fixture
def healthy() -> Iterator[Site]:
    site = Site()
    healthy_site(site)
    yield site
    site.close()
