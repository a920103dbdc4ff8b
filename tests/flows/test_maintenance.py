"""Maintenance on real Delta tables: compaction, vacuum that spares every kept release, pruning of
dropped releases' exports and reports, orphans of killed writers, and old Prefect flow runs."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest
from deltalake import DeltaTable, write_deltalake

from flows import storage
from flows.ledger import append_run, read_runs
from flows.maintenance import delete_old_flow_runs, maintain_data
from flows.paths import DataPaths
from flows.prefect_server import server_env
from transforms.schemas import TABLES

START = datetime(2026, 1, 1, tzinfo=UTC)


def frames(n_deals: int) -> dict[str, pl.DataFrame]:
    out = {name: t.empty() for name, t in TABLES.items()}
    out["deals"] = TABLES["deals"].from_records(
        {"deal_id": f"d{i}", "deal_type": "investment", "parties": ["A", f"B{i}"]}
        for i in range(n_deals)
    )
    return out


def publish(paths: DataPaths, n_deals: int, day: int) -> dict[str, object]:
    created = START + timedelta(days=day)
    manifest = storage.publish_release(
        paths, frames(n_deals), created_at=created, validation={"outcome": "passed"},
        changelog={"added": []}, extractor_version="test",
    )  # fmt: skip
    report = paths.run_report(f"run-{day}")
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(f"run of day {day}\n")
    os.utime(report, (created.timestamp(), created.timestamp()))
    return manifest


def data_files(table: Path) -> set[str]:
    return {p.name for p in table.glob("*.parquet")}


def test_vacuum_keeps_every_file_a_kept_release_needs_and_removes_the_rest(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    for day, n in enumerate([2, 3, 4, 5]):  # releases 0..3, each overwrites the tables
        publish(paths, n, day)
    deals = paths.table("deals")
    before = data_files(deals)
    # Leftovers of writers killed mid-write: a data file no commit names, temporary files.
    (deals / "part-00000-orphan-of-a-killed-writer.parquet").write_bytes(b"PAR1 cut short")
    (paths.releases / ".v000004.json.abc.tmp").write_text("{")
    (paths.export_dir(3) / "deals.parquet.tmp").write_bytes(b"half")
    (paths.raw / "ab").mkdir(parents=True)
    (paths.raw / "ab" / ".abcdef.x1.tmp").write_bytes(b"half")

    report = maintain_data(paths, keep_releases=2)

    assert (report.kept_releases, report.dropped_releases) == ([2, 3], [0, 1])
    assert storage.release_versions(paths) == [2, 3]
    assert not paths.manifest(0).exists() and paths.changelog(0).exists()  # history stays
    # Time travel to every kept release still works; dropped releases are gone with a clear error.
    assert storage.read_table(tmp_path, "deals", version=2).height == 4
    assert storage.read_table(tmp_path, "deals").height == 5
    with pytest.raises(LookupError, match="no release 0"):
        storage.read_table(tmp_path, "deals", version=0)
    # Exactly the files of releases 0 and 1 went, and the orphan.
    needed = {
        Path(uri).name for v in (2, 3) for uri in DeltaTable(str(deals), version=v).file_uris()
    }
    assert data_files(deals) == needed
    assert len(before - needed) == 2 and report.data_files_removed >= 3
    assert report.temp_files_removed == 3
    assert not list(paths.root.rglob("*.tmp"))
    # Exports and run reports of the dropped releases are pruned.
    assert sorted(p.name for p in (paths.published / "_exports").iterdir()) == [
        "v000002",
        "v000003",
    ]
    assert report.exports_removed == 2
    assert sorted(p.name for p in paths.run_reports.iterdir()) == ["run-2.md", "run-3.md"]
    # A second pass finds nothing left to do.
    again = maintain_data(paths, keep_releases=2)
    assert (again.data_files_removed, again.exports_removed, again.run_reports_removed) == (0, 0, 0)


def test_compaction_merges_the_current_releases_small_files_and_keeps_older_releases(
    tmp_path: Path,
) -> None:
    paths = DataPaths(tmp_path)
    publish(paths, 3, 0)
    current = publish(paths, 6, 1)
    # A release whose deals were committed in several small files (an appending writer's layout):
    deals = paths.table("deals")
    rows = storage.read_table(tmp_path, "deals").to_arrow()
    write_deltalake(str(deals), rows.slice(0, 2), mode="overwrite")
    write_deltalake(str(deals), rows.slice(2, 2), mode="append")
    write_deltalake(str(deals), rows.slice(4, 2), mode="append")
    table = DeltaTable(str(deals))
    assert len(table.file_uris()) == 3
    current["tables"]["deals"]["delta_version"] = table.version()  # type: ignore[index]
    storage.write_manifest(paths, current)

    report = maintain_data(paths, keep_releases=2)

    assert report.compacted == {"deals": "3 files -> 1"}
    manifest = storage.read_manifest(paths) or {}
    entry = manifest["tables"]["deals"]
    assert entry["delta_version"] == entry["compacted_from_delta_version"] + 1
    assert len(DeltaTable(str(deals), version=entry["delta_version"]).file_uris()) == 1
    assert sorted(storage.read_table(tmp_path, "deals").get_column("deal_id")) == [
        f"d{i}" for i in range(6)
    ]
    assert storage.read_table(tmp_path, "deals", version=0).height == 3  # older release intact
    assert len(data_files(deals)) == 2  # release 0's file and the compacted one


def test_a_table_committed_by_a_killed_publish_stays_readable(tmp_path: Path) -> None:
    """Commits ahead of the manifest (a publish killed before it) are the table's latest state."""
    paths = DataPaths(tmp_path)
    publish(paths, 2, 0)
    publish(paths, 3, 1)
    ahead = TABLES["deals"].from_records(
        [{"deal_id": "x", "deal_type": "investment", "parties": ["A", "C"]}]
    )
    ahead.write_delta(str(paths.table("deals")), mode="overwrite")

    maintain_data(paths, keep_releases=1)

    assert pl.read_delta(str(paths.table("deals"))).get_column("deal_id").to_list() == ["x"]
    assert storage.read_table(tmp_path, "deals").height == 3


def test_the_run_ledger_is_trimmed_to_its_newest_entries(tmp_path: Path) -> None:
    from flows.ledger import trim_runs

    paths = DataPaths(tmp_path)
    for i in range(7):
        append_run(paths, {"run_name": f"r{i}", "outcome": "unchanged"})
    assert trim_runs(paths, 3) == 4
    assert [r["run_name"] for r in read_runs(paths)] == ["r4", "r5", "r6"]


def test_old_flow_runs_of_this_project_are_deleted_from_prefects_database(
    prefect_harness: None,
) -> None:
    from prefect import flow
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName

    @flow(name="aideals")
    def ours() -> int:
        return 1

    @flow(name="someone-elses-flow")
    def theirs() -> int:
        return 2

    ours()
    ours()
    theirs()

    def count(name: str) -> int:
        with get_client(sync_client=True) as client:
            found = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=[name])))
            return len(found)

    assert count("aideals") >= 2
    assert delete_old_flow_runs(30) == 0  # nothing is older than the retention yet
    later = datetime.now(UTC) + timedelta(days=31)
    assert delete_old_flow_runs(30, now=later) >= 2
    assert count("aideals") == 0
    assert count("someone-elses-flow") >= 1  # other projects' runs are left alone


def test_the_local_server_vacuums_flow_runs_with_the_configured_retention() -> None:
    """Prefect itself reads the settings the local server gets (names and values are valid)."""
    probe = (
        "from prefect.settings import get_current_settings\n"
        "v = get_current_settings().server.services.db_vacuum\n"
        "print(sorted(v.enabled_vacuum_types), v.retention_period.total_seconds())\n"
    )
    env = server_env(retention_days=14)
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split("]")[0] + "]" == "['events', 'flow_runs', 'orphans']"
    assert float(result.stdout.split()[-1]) == 14 * 86400
    assert (env["DO_NOT_TRACK"], env["PREFECT_SERVER_ANALYTICS_ENABLED"]) == ("1", "false")


def test_the_maintain_command_prunes_a_data_folder_and_reports_what_it_did(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from flows.cli import app

    paths = DataPaths(tmp_path / "data")
    for day in range(3):
        publish(paths, day + 1, day)
    args = ["maintain", "--data-dir", str(paths.root), "--keep-releases", "1", "--no-prefect"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "releases kept: 2; dropped: 2" in result.output
    assert "exports removed: 2" in result.output
    assert storage.release_versions(paths) == [2]
    assert storage.read_table(paths.root, "deals").height == 3


def test_the_maintain_command_refuses_while_a_run_holds_the_folder(tmp_path: Path) -> None:
    """A running pipeline holds the lock: maintenance says so instead of deleting under it."""
    from typer.testing import CliRunner

    from flows.cli import app
    from flows.locking import run_lock

    paths = DataPaths(tmp_path / "data")
    publish(paths, 1, 0)
    with run_lock(paths.run_lock):
        result = CliRunner().invoke(
            app, ["maintain", "--data-dir", str(paths.root), "--no-prefect"]
        )
    assert result.exit_code == 1
    assert "another aideals run holds" in result.output
