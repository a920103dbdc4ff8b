"""One run at a time per data folder: an exclusive lock held for the whole run.

Two runs publishing into one folder could interleave their table commits and manifests; the
second run instead stops at once with a message naming the holder. The lock is an OS file lock
(``flock``), so a run killed by any signal releases it with its process.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["RunLocked", "run_lock"]


class RunLocked(RuntimeError):
    """Another run holds the data folder."""


@contextmanager
def run_lock(lock_file: Path) -> Iterator[None]:
    """Hold ``lock_file`` exclusively for the duration, or raise RunLocked naming its holder."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    handle = lock_file.open("a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise RunLocked(
                f"another aideals run holds {lock_file} ({holder}); wait for it to finish"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, since {datetime.now(UTC).isoformat(timespec='seconds')}")
        handle.flush()
        yield
    finally:
        handle.close()  # closing the file releases the lock
