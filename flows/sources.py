"""Where articles come from.

A source is anything with a ``name`` and a ``fetch()`` that yields ``RawInput`` values exactly as
received. This issue has two offline sources (a JSON-lines file and a folder of pages); the web
sources of later issues implement the same interface, so the pipeline and its tests do not change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from transforms.inputs import InputKind, RawInput

__all__ = ["FolderSource", "JsonLinesSource", "Source", "SourceError", "source_for"]

_SUFFIX_KINDS: dict[str, InputKind] = {
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}


class SourceError(OSError):
    """A source as a whole cannot be read (missing file, unreadable folder)."""


class Source(Protocol):
    @property
    def name(self) -> str: ...

    def fetch(self) -> Iterator[RawInput]: ...


@dataclass(frozen=True, slots=True)
class JsonLinesSource:
    """One article per line of a JSON-lines file; each line is one raw input."""

    path: Path

    @property
    def name(self) -> str:
        return str(self.path)

    def fetch(self) -> Iterator[RawInput]:
        try:
            with self.path.open("rb") as handle:
                for number, line in enumerate(handle, start=1):
                    if line.strip():
                        yield RawInput(self.name, f"line {number}", "json", line.rstrip(b"\r\n"))
        except FileNotFoundError:
            raise SourceError(f"source not found: {self.path}") from None


@dataclass(frozen=True, slots=True)
class FolderSource:
    """Every .html, .txt and .md file below a folder, in name order."""

    path: Path

    @property
    def name(self) -> str:
        return str(self.path)

    def fetch(self) -> Iterator[RawInput]:
        if not self.path.is_dir():
            raise SourceError(f"source folder not found: {self.path}")
        for file in sorted(p for p in self.path.rglob("*") if p.is_file()):
            kind = _SUFFIX_KINDS.get(file.suffix.lower())
            if kind is not None:
                location = file.relative_to(self.path).as_posix()
                yield RawInput(self.name, location, kind, file.read_bytes())


def source_for(path: Path) -> Source:
    """The source that reads ``path``: a folder, or a JSON-lines file."""
    if path.is_dir():
        return FolderSource(path)
    if path.suffix.lower() in _SUFFIX_KINDS:
        raise SourceError(f"{path}: a single page is not a source; point at its folder")
    return JsonLinesSource(path)
