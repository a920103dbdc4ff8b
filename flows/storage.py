"""Disk: the raw store, the Delta tables, and releases that tie the tables together.

A release is one version of the dataset. Each Delta commit is atomic on its own, but a release
spans several tables, so the release manifest is written last (atomically, by rename): it names the
Delta version of every table. Readers go through the manifest (``read_table`` here), so a crash
between table commits leaves the previous release current until a later run completes a new one.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import polars as pl

from flows.paths import DataPaths
from transforms.inputs import RawInput
from transforms.schemas import SCHEMA_VERSION, TABLES

__all__ = [
    "Release",
    "current_version",
    "publish_release",
    "read_manifest",
    "read_pending_fetch_log",
    "read_release",
    "read_table",
    "read_web_state",
    "release_versions",
    "store_payloads",
    "store_raw",
    "write_manifest",
    "write_pending_fetch_log",
    "write_web_state",
]


@dataclass(frozen=True, slots=True)
class Release:
    """The published tables of one release (empty tables before the first)."""

    version: int | None
    manifest: Mapping[str, Any]
    tables: Mapping[str, pl.DataFrame]


def _write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write to a temporary file and rename it into place; fsync when ``durable``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def store_raw(paths: DataPaths, inputs: Iterable[RawInput]) -> int:
    """Keep every input as received, under its SHA-256; returns how many were new."""
    new = 0
    for raw in inputs:
        target = paths.raw_object(raw.sha256)
        if not target.exists():
            _write_atomic(target, raw.payload, durable=False)  # re-stored on the next run
            new += 1
    return new


def store_payloads(paths: DataPaths, payloads: Iterable[bytes]) -> int:
    """Keep fetched listings (feeds, sitemaps) as received too; returns how many were new."""
    new = 0
    for payload in payloads:
        target = paths.raw_object(hashlib.sha256(payload).hexdigest())
        if not target.exists():
            _write_atomic(target, payload, durable=False)
            new += 1
    return new


def read_web_state(paths: DataPaths) -> dict[str, Any]:
    """What earlier runs fetched and with which validators (empty before the first web run)."""
    try:
        state: dict[str, Any] = json.loads(paths.web_state.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except json.JSONDecodeError:  # a damaged state costs one full re-fetch, never a failed run
        return {}
    return state


def write_web_state(paths: DataPaths, state: Mapping[str, Any]) -> None:
    _write_atomic(paths.web_state, json.dumps(state, sort_keys=True, indent=1).encode())


def read_pending_fetch_log(paths: DataPaths) -> pl.DataFrame:
    from transforms.schemas import FETCH_LOG

    if not paths.pending_fetch_log.is_file():
        return FETCH_LOG.empty()
    return FETCH_LOG.conform(pl.read_parquet(paths.pending_fetch_log))


def write_pending_fetch_log(paths: DataPaths, frame: pl.DataFrame) -> None:
    """Rows to publish with the next release; an empty frame clears the file."""
    if frame.height == 0:
        paths.pending_fetch_log.unlink(missing_ok=True)
        return
    paths.pending_fetch_log.parent.mkdir(parents=True, exist_ok=True)
    tmp = paths.pending_fetch_log.with_suffix(".tmp")
    frame.write_parquet(tmp)
    os.replace(tmp, paths.pending_fetch_log)


def release_versions(paths: DataPaths) -> list[int]:
    """The numbers of every complete release still kept, oldest first."""
    if not paths.releases.is_dir():
        return []
    versions = []
    for p in paths.releases.glob("v*.json"):
        stem = p.name.removesuffix(".json")
        if stem[1:].isdigit():
            versions.append(int(stem[1:]))
    return sorted(versions)


def current_version(paths: DataPaths) -> int | None:
    """The number of the latest complete release, or None before the first."""
    versions = release_versions(paths)
    return versions[-1] if versions else None


def write_manifest(paths: DataPaths, manifest: Mapping[str, Any]) -> None:
    """Write (or, after compaction, rewrite) a release manifest atomically."""
    data = json.dumps(dict(manifest), indent=2, sort_keys=True).encode()
    _write_atomic(paths.manifest(int(manifest["version"])), data)


def read_manifest(paths: DataPaths, version: int | None = None) -> dict[str, Any] | None:
    version = current_version(paths) if version is None else version
    if version is None:
        return None
    try:
        manifest: dict[str, Any] = json.loads(paths.manifest(version).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LookupError(f"no release {version} under {paths.published}") from None
    return manifest


def _read_delta(paths: DataPaths, name: str, manifest: Mapping[str, Any] | None) -> pl.DataFrame:
    table = TABLES[name]
    if manifest is None or name not in manifest["tables"]:
        return table.empty()
    frame = pl.read_delta(str(paths.table(name)), version=manifest["tables"][name]["delta_version"])
    added = [c for c in table.columns if c.name not in frame.columns and c.nullable]
    if added:  # a release written before these optional columns existed
        frame = frame.with_columns(pl.lit(None, dtype=c.dtype).alias(c.name) for c in added)
    return table.conform(frame)


def read_release(paths: DataPaths, version: int | None = None) -> Release:
    manifest = read_manifest(paths, version)
    tables = {name: _read_delta(paths, name, manifest) for name in TABLES}
    return Release(None if manifest is None else manifest["version"], manifest or {}, tables)


def read_table(data_dir: Path | str, name: str, version: int | None = None) -> pl.DataFrame:
    """A published table as of a release (default: the current one), read through its manifest.

    >>> read_table("data", "deals")  # doctest: +SKIP
    """
    if name not in TABLES:
        raise KeyError(f"no published table {name!r}; tables: {', '.join(TABLES)}")
    paths = DataPaths(Path(data_dir))
    manifest = read_manifest(paths, version)
    if manifest is None:
        raise LookupError(f"nothing published yet under {paths.published}")
    return _read_delta(paths, name, manifest)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _commit_table(paths: DataPaths, name: str, frame: pl.DataFrame) -> int:
    from deltalake import DeltaTable

    target = paths.table(name)
    frame.write_delta(
        str(target), mode="overwrite", delta_write_options={"schema_mode": "overwrite"}
    )
    return int(DeltaTable(str(target)).version())


def publish_release(
    paths: DataPaths,
    frames: Mapping[str, pl.DataFrame],
    *,
    created_at: datetime,
    validation: Mapping[str, Any],
    changelog: Mapping[str, Any],
    extractor_version: str,
    on_table_committed: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Commit every table, export Parquet, write the changelog, and the manifest last."""
    previous = current_version(paths)
    version = 0 if previous is None else previous + 1
    tables: dict[str, Any] = {}
    frames = {name: frames.get(name, TABLES[name].empty()) for name in TABLES}
    for name in TABLES:
        frame = TABLES[name].conform(frames[name])
        delta_version = _commit_table(paths, name, frame)
        tables[name] = {
            "delta_version": delta_version,
            "rows": frame.height,
            "path": paths.table(name).relative_to(paths.published).as_posix(),
        }
        if on_table_committed is not None:
            on_table_committed(name)
    exports: dict[str, Any] = {}
    for name in TABLES:
        target = paths.export_file(version, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".parquet.tmp")
        TABLES[name].conform(frames[name]).write_parquet(tmp)
        os.replace(tmp, target)
        exports[name] = {
            "path": target.relative_to(paths.published).as_posix(),
            "sha256": _sha256(target),
            "bytes": target.stat().st_size,
        }
    changelog_bytes = json.dumps(dict(changelog), indent=2, sort_keys=True).encode()
    _write_atomic(paths.changelog(version), changelog_bytes)
    manifest = {
        "version": version,
        "previous_version": previous,
        "created_at": created_at.isoformat(),
        "schema_version": SCHEMA_VERSION,
        "extractor_version": extractor_version,
        "tables": tables,
        "exports": exports,
        "changelog": {
            "path": paths.changelog(version).relative_to(paths.published).as_posix(),
            "sha256": hashlib.sha256(changelog_bytes).hexdigest(),
            "added": len(changelog.get("added", [])),
            "changed": len(changelog.get("changed", [])),
            "removed": len(changelog.get("removed", [])),
        },
        "validation": dict(validation),
    }
    write_manifest(paths, manifest)
    return manifest
