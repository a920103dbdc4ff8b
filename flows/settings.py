"""One typed settings object.

Precedence, lowest first: defaults in code, ``aideals.toml``, ``AIDEALS_*`` environment variables,
command-line flags. Relative paths in a config file are relative to that file's folder. Unknown
keys, wrong types and a missing required value fail loudly with a message naming where the value
came from.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

__all__ = [
    "REPO_ROOT",
    "SAMPLE_PAGES",
    "SAMPLE_SOURCE",
    "Settings",
    "SettingsError",
    "find_config",
    "load_settings",
]

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SOURCE = REPO_ROOT / "data" / "sample" / "articles.jsonl"
SAMPLE_PAGES = REPO_ROOT / "data" / "sample" / "pages"
CONFIG_NAME = "aideals.toml"
ENV_PREFIX = "AIDEALS_"


class SettingsError(ValueError):
    """A setting is missing, unknown or of the wrong type."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run needs to know."""

    sources: tuple[Path | str, ...] = (SAMPLE_SOURCE, SAMPLE_PAGES)  # str: an http(s) URL
    data_dir: Path = Path("data")
    schedule: str = "0 6 * * *"  # cron, used unless schedule_interval is set
    schedule_interval: int = 0  # seconds between scheduled runs; 0 = use the cron schedule
    batch_size: int = 500
    min_confidence: float = 0.4
    max_quarantine_fraction: float = 0.5
    gazetteer_files: tuple[Path, ...] = field(default_factory=tuple)
    # [web]: fetching feeds, sitemaps, URL lists and pages politely and safely.
    allow_private_hosts: bool = False  # loopback, private and link-local addresses
    user_agent: str = "aideals/0.1 (AI-deals news reader; honours robots.txt)"
    per_host_concurrency: int = 2
    requests_per_second: float = 1.0  # per host; robots.txt Crawl-delay can only slow it down
    timeout_seconds: float = 20.0
    max_body_bytes: int = 5_000_000
    max_redirects: int = 5
    retries: int = 3  # after the first attempt, on timeouts, 5xx, 429
    backoff_seconds: float = 1.0  # first retry delay; doubles each retry, with jitter
    max_retry_after_seconds: float = 120.0  # a longer Retry-After skips the address this run
    max_pages_per_source: int = 1000

    @property
    def web_sources(self) -> tuple[str, ...]:
        return tuple(s for s in self.sources if isinstance(s, str))

    @property
    def file_sources(self) -> tuple[Path, ...]:
        return tuple(s for s in self.sources if isinstance(s, Path))

    keep_releases: int = 10  # releases that stay readable (time travel); older ones are pruned
    flow_run_retention_days: float = 30.0  # Prefect flow runs older than this are deleted
    maintain_after_run: bool = True  # scheduled runs end with the maintenance step

    def validate(self) -> Settings:
        if not self.sources:
            raise SettingsError("no sources configured: set sources in aideals.toml or --source")
        if not str(self.data_dir).strip():
            raise SettingsError("data_dir is required")
        if self.batch_size < 1:
            raise SettingsError(f"batch_size must be at least 1, got {self.batch_size}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise SettingsError(f"min_confidence must be within 0..1, got {self.min_confidence}")
        if not 0.0 <= self.max_quarantine_fraction <= 1.0:
            raise SettingsError(
                f"max_quarantine_fraction must be within 0..1, got {self.max_quarantine_fraction}"
            )
        for name in ("per_host_concurrency", "max_body_bytes", "max_pages_per_source"):
            if getattr(self, name) < 1:
                raise SettingsError(f"{name} must be at least 1, got {getattr(self, name)}")
        for name in ("requests_per_second", "timeout_seconds"):
            if getattr(self, name) <= 0:
                raise SettingsError(f"{name} must be above 0, got {getattr(self, name)}")
        for name in ("max_redirects", "retries", "backoff_seconds", "max_retry_after_seconds"):
            if getattr(self, name) < 0:
                raise SettingsError(f"{name} must not be negative, got {getattr(self, name)}")
        if not self.user_agent.strip():
            raise SettingsError("user_agent must not be empty")
        if self.schedule_interval < 0:
            raise SettingsError(
                f"schedule interval must be 0 (use cron) or more seconds, got {self.schedule_interval}"
            )
        if self.keep_releases < 1:
            raise SettingsError(f"keep_releases must be at least 1, got {self.keep_releases}")
        if self.flow_run_retention_days < 0:
            raise SettingsError(
                f"flow_run_retention_days must not be negative, got {self.flow_run_retention_days}"
            )
        return self


_PATH_LISTS = {"sources", "gazetteer_files"}
_KINDS: dict[str, type] = {
    "data_dir": Path,
    "schedule": str,
    "schedule_interval": int,
    "batch_size": int,
    "keep_releases": int,
    "flow_run_retention_days": float,
    "maintain_after_run": bool,
    "min_confidence": float,
    "max_quarantine_fraction": float,
    "allow_private_hosts": bool,
    "user_agent": str,
    "per_host_concurrency": int,
    "requests_per_second": float,
    "timeout_seconds": float,
    "max_body_bytes": int,
    "max_redirects": int,
    "retries": int,
    "backoff_seconds": float,
    "max_retry_after_seconds": float,
    "max_pages_per_source": int,
}
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
# Split a `:`-separated list without cutting "http://host:8080/feed" apart.
_LIST_SPLIT = re.compile(r":(?!//)(?!\d)")
_NAMES = [f.name for f in fields(Settings)]
_BOOL_WORDS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
# Keys of the [schedule] table of aideals.toml and the settings they fill.
_SCHEDULE_KEYS = {"cron": "schedule", "interval": "schedule_interval"}


def _coerce(name: str, value: Any, origin: str, base: Path | None) -> Any:
    def as_path(v: Any) -> Path:
        if not isinstance(v, str | Path) or not str(v).strip():
            raise SettingsError(f"{origin}: {name} must be a path, got {v!r}")
        p = Path(v).expanduser()
        return base / p if base is not None and not p.is_absolute() else p

    def as_source(v: Any) -> Path | str:
        if isinstance(v, str) and _URL.match(v.strip()):
            url = v.strip()
            if not re.match(r"^https?://[^/\s]", url, re.I):
                raise SettingsError(f"{origin}: {name}: only http and https URLs, got {url!r}")
            return url
        return as_path(v)

    if name in _PATH_LISTS:
        if isinstance(value, str):
            pieces = _LIST_SPLIT.split(value) if os.pathsep == ":" else value.split(os.pathsep)
            value = [v for v in pieces if v.strip()]
        if not isinstance(value, list | tuple):
            raise SettingsError(f"{origin}: {name} must be a list of paths, got {value!r}")
        return tuple(as_source(v) if name == "sources" else as_path(v) for v in value)
    kind = _KINDS[name]
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "on"):
            return True
        if isinstance(value, str) and value.strip().lower() in ("0", "false", "no", "off"):
            return False
        raise SettingsError(f"{origin}: {name} must be true or false, got {value!r}")
    if kind is Path:
        return as_path(value)
    if kind is str:
        if not isinstance(value, str):
            raise SettingsError(f"{origin}: {name} must be a string, got {value!r}")
        return value
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _BOOL_WORDS:
            return _BOOL_WORDS[value.strip().lower()]
        raise SettingsError(f"{origin}: {name} must be true or false, got {value!r}")
    try:
        if isinstance(value, bool):
            raise TypeError
        return kind(value)
    except (TypeError, ValueError):
        raise SettingsError(f"{origin}: {name} must be {kind.__name__}, got {value!r}") from None


def _flatten(table: Mapping[str, Any], origin: str) -> dict[str, Any]:
    """Top-level keys plus the [thresholds], [web], [schedule] and [maintenance] tables of aideals.toml."""
    flat: dict[str, Any] = {}
    for key, value in table.items():
        if key in ("thresholds", "web", "maintenance") and isinstance(value, dict):
            flat.update(value)
        elif key == "schedule" and isinstance(value, dict):
            unknown_keys = sorted(set(value) - set(_SCHEDULE_KEYS))
            if unknown_keys:
                raise SettingsError(
                    f"{origin}: unknown [schedule] key(s) {', '.join(unknown_keys)}"
                )
            if "cron" in value and "interval" in value:
                raise SettingsError(f"{origin}: [schedule] takes cron or interval, not both")
            flat.update({_SCHEDULE_KEYS[k]: v for k, v in value.items()})
        else:
            flat[key] = value
    unknown = sorted(set(flat) - set(_NAMES))
    if unknown:
        raise SettingsError(f"{origin}: unknown setting(s) {', '.join(unknown)}")
    return flat


def _from_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"config file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from None
    base = path.resolve().parent
    values = _flatten(data.get("aideals", data), str(path))
    return {k: _coerce(k, v, str(path), base) for k, v in values.items()}


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    values = {}
    for name in _NAMES:
        key = ENV_PREFIX + name.upper()
        if key in env:
            values[name] = _coerce(name, env[key], f"environment {key}", None)
    return values


def find_config(
    config: Path | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Path | None:
    """The settings file in use: ``config``, else ``AIDEALS_CONFIG``, else ``./aideals.toml``
    when it exists, else none."""
    env = os.environ if env is None else env
    cwd = Path.cwd() if cwd is None else cwd
    if config is None and ENV_PREFIX + "CONFIG" in env:
        config = Path(env[ENV_PREFIX + "CONFIG"])
    if config is None and (cwd / CONFIG_NAME).is_file():
        config = cwd / CONFIG_NAME
    return config


def load_settings(
    config: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Settings:
    """Defaults < config file < environment < overrides (command-line flags; None = not given).

    With no ``config``, ``aideals.toml`` in ``cwd`` is read when it exists; a ``config`` that
    does not exist is an error.
    """
    env = os.environ if env is None else env
    config = find_config(config, env, cwd)
    values: dict[str, Any] = {}
    if config is not None:
        values.update(_from_file(config))
    values.update(_from_env(env))
    for name, value in (overrides or {}).items():
        if name not in _NAMES:
            raise SettingsError(f"unknown setting {name}")
        if value is None or (name in _PATH_LISTS and not value):
            continue
        values[name] = _coerce(name, value, f"option --{name.replace('_', '-')}", None)
    return replace(Settings(), **values).validate()
