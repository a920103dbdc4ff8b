"""Raw store and releases: atomic manifests, Parquet exports with checksums, the reader helper."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from flows import storage
from flows.paths import DataPaths
from transforms.inputs import RawInput
from transforms.schemas import TABLES

AT = datetime(2025, 9, 12, tzinfo=UTC)


def frames(n_deals: int) -> dict[str, pl.DataFrame]:
    out = {name: t.empty() for name, t in TABLES.items()}
    out["deals"] = TABLES["deals"].from_records(
        {"deal_id": f"d{i}", "deal_type": "investment", "parties": ["A", "B"]}
        for i in range(n_deals)
    )
    return out


def publish(paths: DataPaths, n: int, **kwargs):  # type: ignore[no-untyped-def]
    return storage.publish_release(
        paths, frames(n), created_at=AT, validation={"outcome": "passed"},
        changelog={"added": [f"d{i}" for i in range(n)]}, extractor_version="test", **kwargs,
    )  # fmt: skip


def test_raw_store_is_content_addressed_and_idempotent(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    raws = [RawInput("s", "line 1", "json", b"{}"), RawInput("s", "line 2", "json", b"{}")]
    assert storage.store_raw(paths, raws) == 1
    assert storage.store_raw(paths, raws) == 0
    digest = hashlib.sha256(b"{}").hexdigest()
    assert paths.raw_object(digest).read_bytes() == b"{}"


def test_a_release_names_every_table_version_with_checksums(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    assert storage.current_version(paths) is None
    first = publish(paths, 2)
    second = publish(paths, 3)
    assert (first["version"], second["version"]) == (0, 1)
    assert second["tables"]["deals"] == {"delta_version": 1, "rows": 3, "path": "deals"}
    export = second["exports"]["deals"]
    file = paths.published / export["path"]
    assert hashlib.sha256(file.read_bytes()).hexdigest() == export["sha256"]
    assert pl.read_parquet(file).height == 3
    assert json.loads(paths.changelog(1).read_text())["added"] == ["d0", "d1", "d2"]
    assert storage.read_table(tmp_path, "deals").height == 3
    assert storage.read_table(tmp_path, "deals", version=0).height == 2
    assert storage.read_table(tmp_path, "deals").schema == TABLES["deals"].schema


def test_crash_mid_release_keeps_the_previous_release(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    publish(paths, 2)

    def crash(name: str) -> None:
        if name == "deal_mentions":
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        publish(paths, 5, on_table_committed=crash)
    assert storage.current_version(paths) == 0
    assert storage.read_table(tmp_path, "deals").height == 2
    assert publish(paths, 5)["version"] == 1


def test_reader_helper_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(LookupError, match="nothing published yet"):
        storage.read_table(tmp_path, "deals")
    with pytest.raises(KeyError, match="no published table 'dealz'"):
        storage.read_table(tmp_path, "dealz")
