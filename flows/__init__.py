"""Prefect flows, settings, storage and the command line.

Prefect's telemetry is switched off here, before any module of this package can import prefect:
offline, its server otherwise tries a DNS lookup and logs an error on every start.
"""

import os

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
