"""`aideals extract`: fast, no Prefect or Great Expectations, bad lines on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import article, write_jsonl

PROBE = """
import sys
from typer.testing import CliRunner
from flows.cli import app
result = CliRunner().invoke(app, ["extract", sys.argv[1]])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("prefect", "great_expectations"))
print(repr(heavy))
sys.stdout.write(result.stdout)
sys.stderr.write(result.stderr)
sys.exit(result.exit_code)
"""


def test_extract_prints_mentions_and_reports_bad_lines(tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "a.jsonl",
        [
            article("https://news.example/a"),
            "{not json",
            article("https://news.example/e", text=" "),
        ],
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(source)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    first, *lines = result.stdout.splitlines()
    assert first == "[]"  # neither prefect nor great_expectations was imported
    mentions = [json.loads(line) for line in lines]
    assert [m["article_url"] for m in mentions] == ["https://news.example/a"]
    assert sorted(mentions[0]["parties"]) == ["Mistral AI", "Nvidia"]
    assert f"{source}:line 2: malformed JSON" in result.stderr
    assert f"{source}:line 3: article has no text" in result.stderr


def test_extract_on_a_missing_file_fails_clearly(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from flows.cli import app

    result = CliRunner().invoke(app, ["extract", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 1
    assert "source not found" in result.stderr
