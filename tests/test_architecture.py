"""Dependencies point one way: flows -> expectations -> transforms. Checked by reading imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "transforms": {"prefect", "great_expectations", "httpx", "flows", "expectations", "deltalake"},
    "expectations": {"prefect", "flows", "httpx"},
}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize(
    "module",
    [p for layer in FORBIDDEN for p in sorted((REPO / layer).glob("*.py"))],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_layer_imports_point_one_way(module: Path) -> None:
    bad = imported_roots(module) & FORBIDDEN[module.parent.name]
    assert not bad, f"{module.parent.name}/{module.name} imports {sorted(bad)}"


def test_only_paths_module_builds_data_folder_paths() -> None:
    for module in sorted((REPO / "flows").glob("*.py")):
        if module.name == "paths.py":
            continue
        text = module.read_text(encoding="utf-8")
        for fragment in ('"raw"', '"published"', '"reports"', '"_releases"'):
            assert fragment not in text, f"{module.name} builds a data path ({fragment})"
