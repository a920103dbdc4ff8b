"""Prefect flows, settings, storage and the command line.

Prefect's telemetry is switched off here, before any module of this package can import prefect:
offline, its server otherwise tries a DNS lookup and logs an error on every start. The ephemeral
server's start-up allowance is raised from 20 s, which a cold, busy 2-core machine can exceed.
"""

import os

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
