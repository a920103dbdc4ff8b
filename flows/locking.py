"""One run at a time per data folder: an exclusive lock held for the whole run.

Two runs publishing into one folder could interleave their table commits and manifests; the
second run instead stops at once with a message naming the holder. The lock is an OS file lock
(``flock``), so a run killed by any signal releases it with its process.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["RunLocked", "run_lock"]


class RunLocked(RuntimeError):
    """Another run holds the data folder."""


@contextmanager
def run_lock(lock_file: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold ``lock_file`` exclusively for the duration, or raise RunLocked naming its holder.

    With ``wait_seconds``, keep trying that long (once a second) before giving up.
    """
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    handle = lock_file.open("a+", encoding="utf-8")
    deadline = time.monotonic() + max(wait_seconds, 0.0)
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(min(1.0, max(deadline - time.monotonic(), 0.01)))
                    continue
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                waited = f" after waiting {wait_seconds:g} s" if wait_seconds > 0 else ""
                raise RunLocked(
                    f"another aideals run holds {lock_file} ({holder}){waited}; "
                    "wait for it to finish or pass --wait SECONDS"
                ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, since {datetime.now(UTC).isoformat(timespec='seconds')}")
        handle.flush()
        yield
    finally:
        handle.close()  # closing the file releases the lock
