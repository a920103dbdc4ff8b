"""The scheduled deployment: what ``aideals serve`` serves and ``prefect.yaml`` deploys.

``scheduled_flow`` loads the settings (``aideals.toml`` in the working folder unless a config
file is given), runs the pipeline under the run lock, and ends with the maintenance step when
``maintain_after_run`` is on. Its schedule comes from the [schedule] table of ``aideals.toml``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows import pipeline
from flows.locking import run_lock
from flows.maintenance import MaintenanceReport, delete_old_flow_runs, maintain_data
from flows.paths import DataPaths
from flows.settings import Settings, load_settings

__all__ = ["DEPLOYMENT_NAME", "FLOW_NAME", "schedule_of", "scheduled_flow", "serve_deployment"]

FLOW_NAME = "aideals-scheduled"
DEPLOYMENT_NAME = "aideals"


def schedule_of(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for Prefect: an interval in seconds when set, else the cron line (UTC)."""
    if settings.schedule_interval > 0:
        return {"interval": settings.schedule_interval}
    return {"cron": settings.schedule}


@task(name="maintenance", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=5)
def maintain(settings: Settings, wait_seconds: float = 0.0) -> MaintenanceReport:
    """Compact, vacuum and prune the data folder, then delete old Prefect flow runs."""
    with run_lock(DataPaths(settings.data_dir).run_lock, wait_seconds=wait_seconds):
        report = maintain_data(DataPaths(settings.data_dir), settings.keep_releases)
    try:
        report.flow_runs_deleted = delete_old_flow_runs(settings.flow_run_retention_days)
    except Exception as exc:  # the release is out; an unreachable API must not fail the run
        get_run_logger().warning("old Prefect flow runs not deleted: %s", exc)
    return report


@flow(name=FLOW_NAME, log_prints=False)
def scheduled_flow(
    config: str | None = None,
    data_dir: str | None = None,
    sources: list[str] | None = None,
    wait_seconds: float = 0.0,
) -> dict[str, Any]:
    """Run the pipeline once with the settings of ``aideals.toml`` (or ``config``), then maintain.

    ``data_dir`` and ``sources`` override the settings file, as the command-line flags do.
    """
    logger = get_run_logger()
    settings = load_settings(
        Path(config) if config else None,
        {"data_dir": data_dir, "sources": [Path(s) for s in sources or []]},
    )
    summary = pipeline.run(settings, wait_seconds=wait_seconds)
    outcome: dict[str, Any] = {
        "new_release": summary.published,
        "version": summary.version,
        "report": summary.report_path,
    }
    if settings.maintain_after_run:
        report = maintain(settings, wait_seconds)
        for line in report.lines():
            logger.info("maintenance: %s", line)
        outcome["maintenance"] = report.lines()
    return outcome


def serve_deployment(settings: Settings, config: Path | None, name: str = DEPLOYMENT_NAME) -> None:
    """Register the deployment on the configured Prefect server and run its schedule until stopped."""
    from prefect import serve

    parameters: dict[str, Any] = {
        "data_dir": str(settings.data_dir.resolve()),
        "sources": [str(s.resolve()) for s in settings.sources],
    }
    if config is not None:
        parameters["config"] = str(config.resolve())
    deployment = scheduled_flow.to_deployment(
        name=name,
        parameters=parameters,
        description="aideals: read sources, extract deals, validate, publish a release.",
        **schedule_of(settings),
    )
    serve(deployment)
