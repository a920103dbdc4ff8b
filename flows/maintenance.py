"""Keep months of unattended runs healthy: compact, vacuum, prune old releases and Prefect runs.

The caller holds the run lock (``aideals maintain`` and scheduled runs do), so no writer is active
and every temporary file found is an orphan of a killed writer.

Which files stay: every file a kept release's manifest reaches (its Delta version of each table)
and every file of each table's latest Delta version. Delta's own ``vacuum`` can only protect
superseded files by age, and a kept release's files may have been superseded minutes ago, so
the candidates come from a full dry-run vacuum (which also lists orphans no commit references)
and only those no kept release needs are deleted.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from flows.ledger import trim_runs
from flows.paths import DataPaths
from flows.storage import read_manifest, release_versions, write_manifest
from transforms.schemas import TABLES

__all__ = ["MaintenanceReport", "delete_old_flow_runs", "maintain_data"]

FLOW_NAMES = ("aideals", "aideals-scheduled")  # only this project's runs are ever deleted
LEDGER_ENTRIES_KEPT = 5000


@dataclass
class MaintenanceReport:
    kept_releases: list[int] = field(default_factory=list)
    dropped_releases: list[int] = field(default_factory=list)
    compacted: dict[str, str] = field(default_factory=dict)  # table -> "5 files -> 1"
    data_files_removed: int = 0
    bytes_removed: int = 0
    exports_removed: int = 0
    run_reports_removed: int = 0
    temp_files_removed: int = 0
    flow_runs_deleted: int | None = None  # None: Prefect's database was not cleaned

    def lines(self) -> list[str]:
        kept = ", ".join(map(str, self.kept_releases)) or "none"
        out = [
            f"releases kept: {kept}; dropped: {len(self.dropped_releases)}",
            "compacted: "
            + (", ".join(f"{t} ({c})" for t, c in self.compacted.items()) or "nothing to do"),
            f"data files removed: {self.data_files_removed} ({self.bytes_removed:,} bytes)",
            f"exports removed: {self.exports_removed}; run reports removed: "
            f"{self.run_reports_removed}; orphaned temporary files removed: {self.temp_files_removed}",
        ]
        if self.flow_runs_deleted is not None:
            out.append(f"Prefect flow runs deleted: {self.flow_runs_deleted}")
        return out


def maintain_data(paths: DataPaths, keep_releases: int) -> MaintenanceReport:
    """Compact the current release, drop releases beyond ``keep_releases``, delete what no one needs."""
    report = MaintenanceReport()
    versions = release_versions(paths)
    report.temp_files_removed = _remove_temp_files(paths)
    if not versions:
        return report
    report.kept_releases = versions[-keep_releases:]
    report.dropped_releases = versions[:-keep_releases]
    report.compacted = _compact_current(paths, versions[-1])
    kept_manifests = [read_manifest(paths, v) or {} for v in report.kept_releases]
    for version in report.dropped_releases:
        paths.manifest(version).unlink(missing_ok=True)  # the changelog stays: it is history
    for name in TABLES:
        removed, size = _vacuum_table(paths, name, kept_manifests)
        report.data_files_removed += removed
        report.bytes_removed += size
    report.exports_removed = _prune_exports(paths, set(report.kept_releases))
    oldest_kept = datetime.fromisoformat(kept_manifests[0]["created_at"])
    report.run_reports_removed = _prune_run_reports(paths, oldest_kept)
    trim_runs(paths, LEDGER_ENTRIES_KEPT)
    return report


def _compact_current(paths: DataPaths, version: int) -> dict[str, str]:
    """Rewrite the current release's small files into large ones and point its manifest there.

    The compaction commit holds the same rows (Delta marks it dataChange=false), so the manifest
    keeps its row counts and export checksums; only a table whose latest commit is the one the
    release names can be compacted (a later commit is not part of any release).
    """
    from deltalake import DeltaTable

    manifest = read_manifest(paths, version)
    if manifest is None:
        return {}
    done: dict[str, str] = {}
    for name, entry in manifest["tables"].items():
        table = DeltaTable(str(paths.table(name)))
        before = len(table.file_uris())
        if table.version() != entry["delta_version"] or before < 2:
            continue
        table.optimize.compact()
        table = DeltaTable(str(paths.table(name)))
        entry["compacted_from_delta_version"] = entry["delta_version"]
        entry["delta_version"] = int(table.version())
        done[name] = f"{before} files -> {len(table.file_uris())}"
    if done:
        write_manifest(paths, manifest)
    return done


def _vacuum_table(
    paths: DataPaths, name: str, kept_manifests: list[dict[str, Any]]
) -> tuple[int, int]:
    from deltalake import DeltaTable

    root = paths.table(name)
    if not (root / "_delta_log").is_dir():
        return 0, 0
    latest = DeltaTable(str(root))
    needed = {Path(uri).resolve() for uri in latest.file_uris()}
    for manifest in kept_manifests:
        entry = manifest.get("tables", {}).get(name)
        if entry is not None:
            at = DeltaTable(str(root), version=entry["delta_version"])
            needed |= {Path(uri).resolve() for uri in at.file_uris()}
    candidates = latest.vacuum(
        retention_hours=0, dry_run=True, enforce_retention_duration=False, full=True
    )
    removed = size = 0
    for relative in candidates:
        path = (root / relative).resolve()
        if path in needed or not path.is_file():
            continue
        size += path.stat().st_size
        path.unlink()
        removed += 1
    return removed, size


def _prune_exports(paths: DataPaths, kept: set[int]) -> int:
    removed = 0
    if not paths.exports.is_dir():
        return 0
    for folder in paths.exports.iterdir():
        number = folder.name.removeprefix("v")
        if folder.is_dir() and number.isdigit() and int(number) not in kept:
            shutil.rmtree(folder)
            removed += 1
    return removed


def _prune_run_reports(paths: DataPaths, oldest_kept: datetime) -> int:
    """Reports of runs that ended before the oldest kept release was made."""
    if not paths.run_reports.is_dir():
        return 0
    cutoff = oldest_kept.timestamp()
    removed = 0
    for report in paths.run_reports.glob("*.md"):
        if report.stat().st_mtime < cutoff:
            report.unlink()
            removed += 1
    return removed


def _remove_temp_files(paths: DataPaths) -> int:
    """Temporary files of writers killed before their rename (raw store, manifests, exports)."""
    removed = 0
    for folder in (paths.raw, paths.releases, paths.exports, paths.reports):
        if not folder.is_dir():
            continue
        for tmp in folder.rglob("*.tmp"):
            if tmp.is_file():
                tmp.unlink()
                removed += 1
    return removed


def delete_old_flow_runs(retention_days: float, now: datetime | None = None) -> int:
    """Delete this project's finished Prefect flow runs (and their task runs) older than that.

    Goes through the API Prefect is configured for (PREFECT_API_URL, or the ephemeral one).
    """
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        FlowFilter,
        FlowFilterName,
        FlowRunFilter,
        FlowRunFilterEndTime,
    )

    cutoff = (now or datetime.now(UTC)) - timedelta(days=retention_days)
    flows = FlowFilter(name=FlowFilterName(any_=list(FLOW_NAMES)))
    runs = FlowRunFilter(end_time=FlowRunFilterEndTime(before_=cutoff))
    deleted = 0
    with get_client(sync_client=True) as client:
        while True:
            batch = client.read_flow_runs(flow_filter=flows, flow_run_filter=runs, limit=200)
            if not batch:
                return deleted
            for flow_run in batch:
                client.delete_flow_run(flow_run.id)
                deleted += 1
