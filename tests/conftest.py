"""Shared fixtures. Prefect's telemetry is off before anything imports prefect."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = tempfile.mkdtemp(prefix="aideals-hypothesis-")
from hypothesis import settings  # after its storage folder is set

# Tests write only under temporary folders: no .hypothesis/ example database in the work tree.
settings.register_profile("aideals", database=None)
settings.load_profile("aideals")

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
_PREFECT_TMP = tempfile.mkdtemp(prefix="aideals-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_TMP
os.environ["PREFECT_LOCAL_STORAGE_PATH"] = str(Path(_PREFECT_TMP) / "storage")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One Prefect test server for the whole session (it takes about 10 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def write_jsonl(path: Path, records: list[object]) -> Path:
    """Records as JSON lines; a str record is written as it is (to make broken lines)."""
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


ARTICLE_TEXT = (
    "Nvidia invests $2 billion in Mistral AI\n"
    "Nvidia said on Tuesday that it had invested $2 billion in Mistral AI, the Paris-based "
    "model developer, as part of a new funding round.\n"
    "The round values Mistral AI at $14 billion, the companies said."
)


def article(
    url: str, text: str = ARTICLE_TEXT, published: str = "2025-09-10", **extra: object
) -> dict[str, object]:
    title = text.split("\n", 1)[0]
    return {"url": url, "title": title, "published": published, "text": text, **extra}
