"""Reference data the transforms need, read from disk here so the transforms stay pure."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

from transforms.orgs import Gazetteer

BUNDLED_GAZETTEER = "organisations.csv"


def read_gazetteer_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@lru_cache(maxsize=8)
def load_gazetteer(extra_files: Sequence[Path] = ()) -> Gazetteer:
    """The bundled organisation list, then each user file in order (later rows win)."""
    rows = read_gazetteer_rows(
        resources.files("transforms").joinpath(BUNDLED_GAZETTEER).read_text(encoding="utf-8")
    )
    for path in extra_files:
        rows.extend(read_gazetteer_rows(Path(path).read_text(encoding="utf-8")))
    return Gazetteer.from_rows(rows)
