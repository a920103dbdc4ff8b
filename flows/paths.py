"""Where everything lives under the data folder. The only module that builds those paths."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["DataPaths"]


@dataclass(frozen=True, slots=True)
class DataPaths:
    """The layout of one data folder: raw/, published/, reports/, state/."""

    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    def raw_object(self, sha256: str) -> Path:
        return self.raw / sha256[:2] / sha256

    @property
    def published(self) -> Path:
        return self.root / "published"

    def table(self, name: str) -> Path:
        return self.published / name

    @property
    def releases(self) -> Path:
        return self.published / "_releases"

    def manifest(self, version: int) -> Path:
        return self.releases / f"v{version:06d}.json"

    def changelog(self, version: int) -> Path:
        return self.releases / f"v{version:06d}.changelog.json"

    def export_dir(self, version: int) -> Path:
        return self.published / "_exports" / f"v{version:06d}"

    def export_file(self, version: int, table: str) -> Path:
        return self.export_dir(version) / f"{table}.parquet"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def data_docs(self) -> Path:
        return self.reports / "data_docs"

    @property
    def report_index(self) -> Path:
        """The dataset pages' index: every published version, newest first."""
        return self.reports / "index.html"

    def version_page(self, version: int) -> Path:
        """The dataset page of one version, named like its release manifest."""
        return self.reports / "versions" / f"v{version:06d}.html"

    def run_report(self, run_name: str) -> Path:
        return self.reports / "runs" / f"{run_name}.md"

    @property
    def latest_report(self) -> Path:
        return self.reports / "latest-run.md"

    @property
    def state(self) -> Path:
        """What runs remember between them that is not published (fetch validators)."""
        return self.root / "state"

    @property
    def web_state(self) -> Path:
        """Per address: when it was fetched, its ETag, Last-Modified and content hash."""
        return self.state / "web.json"

    @property
    def pending_fetch_log(self) -> Path:
        """fetch_log rows of runs that published nothing, to go out with the next release."""
        return self.state / "fetch_log_pending.parquet"

    @property
    def run_lock(self) -> Path:
        """Held by the run publishing into this folder (see flows.locking)."""
        return self.root / ".run.lock"

    @property
    def run_ledger(self) -> Path:
        """One JSON line per run, appended when it ends (published, unchanged, failed, locked)."""
        return self.reports / "runs.jsonl"

    @property
    def run_reports(self) -> Path:
        return self.reports / "runs"

    @property
    def exports(self) -> Path:
        return self.published / "_exports"

    def pause_marker(self, stage: str) -> Path:
        """Written by the fault-injection hook (flows.faults) when a run pauses at ``stage``."""
        return self.root / f".paused-at-{stage}"

    @property
    def server_log(self) -> Path:
        """Output of the local Prefect server that `aideals serve` starts."""
        return self.root / "prefect-server.log"
