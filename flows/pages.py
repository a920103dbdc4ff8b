"""Write the dataset pages under reports/: one per published version and the index of them all.

The content comes from ``transforms.report_pages``; this reads the releases it needs and writes
the files (atomically). A version without a page gets one, so a data folder published before the
pages existed gets a full index on its next run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from flows import storage
from flows.paths import DataPaths
from transforms.report_pages import VersionFacts, index_page, version_page

__all__ = ["write_report_pages"]


def _relative(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start)).as_posix()


def _write(path: Path, html: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, path)


def _facts(paths: DataPaths, version: int) -> VersionFacts | None:
    try:
        manifest = storage.read_manifest(paths, version)
    except LookupError:
        return None  # a gap in the numbering: nothing was published under it
    if manifest is None:
        return None
    try:
        changelog = json.loads(paths.changelog(version).read_text(encoding="utf-8"))
    except FileNotFoundError:
        changelog = {}
    return VersionFacts.from_manifest(manifest, changelog)


def write_report_pages(paths: DataPaths, rebuild: tuple[int, ...] = ()) -> list[Path]:
    """Write the page of every version that lacks one (and of ``rebuild``), then the index.

    Returns the pages written, the index last; nothing before the first release.
    """
    current = storage.current_version(paths)
    if current is None:
        return []
    facts = [f for v in range(current + 1) if (f := _facts(paths, v)) is not None]
    written = []
    for fact in facts:
        page = paths.version_page(fact.version)
        if page.exists() and fact.version not in rebuild:
            continue
        deals = storage.read_table(paths.root, "deals", version=fact.version)
        previous = (
            storage.read_table(paths.root, "deals", version=fact.previous_version)
            if fact.previous_version is not None
            else deals.clear()
        )
        html = version_page(
            fact,
            deals,
            previous,
            data_docs_href=_relative(paths.data_docs / "index.html", page.parent),
            index_href=_relative(paths.report_index, page.parent),
        )
        _write(page, html)
        written.append(page)
    index = paths.report_index
    versions_dir = _relative(paths.version_page(0).parent, index.parent)
    _write(
        index,
        index_page(
            facts,
            data_docs_href=_relative(paths.data_docs / "index.html", index.parent),
            versions_dir=versions_dir,
        ),
    )
    written.append(index)
    return written
