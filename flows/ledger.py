"""The run ledger: one JSON line per run in ``reports/runs.jsonl``, read by ``aideals status``.

Every run appends its outcome when it ends: ``released``, ``unchanged``, ``failed`` or
``locked`` (another run held the data folder). A run killed outright writes nothing; the next
run and the lock file show that. Lines are small and appended in one write, so concurrent
appends do not interleave.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flows.paths import DataPaths

__all__ = ["append_run", "read_runs", "trim_runs"]


def append_run(paths: DataPaths, record: Mapping[str, Any]) -> None:
    entry = {"finished_at": datetime.now(UTC).isoformat(timespec="seconds"), **record}
    line = (json.dumps(entry, sort_keys=True, default=str) + "\n").encode()
    paths.run_ledger.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(paths.run_ledger, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


def read_runs(paths: DataPaths) -> list[dict[str, Any]]:
    """Every recorded run, oldest first; a damaged line (a write cut short) is skipped."""
    try:
        lines = paths.run_ledger.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    runs = []
    for line in lines:
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict):
            runs.append(entry)
    return runs


def trim_runs(paths: DataPaths, keep: int) -> int:
    """Keep the newest ``keep`` entries (called under the run lock); returns how many went."""
    runs = read_runs(paths)
    if len(runs) <= keep:
        return 0
    kept = "".join(json.dumps(r, sort_keys=True, default=str) + "\n" for r in runs[-keep:])
    tmp = Path(str(paths.run_ledger) + ".tmp")
    tmp.write_text(kept, encoding="utf-8")
    os.replace(tmp, paths.run_ledger)
    return len(runs) - keep
