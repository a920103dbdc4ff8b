"""Fault injection for the crash-safety tests: pause a run at a named stage so it can be killed.

``AIDEALS_PAUSE_AT=<stage>`` (fetch, extract, validate or publish) makes a run write the marker file
``DATA/.paused-at-<stage>`` and then sleep ``AIDEALS_PAUSE_SECONDS`` (default 600) at that point. A
test waits for the marker and sends SIGKILL, so the kill lands at a known place instead of at a
moment guessed from timings. Unset, the hook does nothing.
"""

from __future__ import annotations

import os
import time

from flows.paths import DataPaths

__all__ = ["PAUSE_ENV", "STAGES", "pause_point"]

PAUSE_ENV = "AIDEALS_PAUSE_AT"
STAGES = ("fetch", "extract", "validate", "publish")


def pause_point(paths: DataPaths, stage: str) -> None:
    """Pause here when AIDEALS_PAUSE_AT names ``stage``; otherwise return at once."""
    if os.environ.get(PAUSE_ENV) != stage:
        return
    marker = paths.pause_marker(stage)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(f"pid {os.getpid()}\n", encoding="utf-8")
    time.sleep(float(os.environ.get("AIDEALS_PAUSE_SECONDS", "600")))
    marker.unlink(missing_ok=True)
