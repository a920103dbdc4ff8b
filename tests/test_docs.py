"""The README's data dictionary is the one in transforms/schemas.py.

Run this file to regenerate it: `.venv/bin/python tests/test_docs.py`.
"""

from __future__ import annotations

import re
from pathlib import Path

from transforms.schemas import markdown_dictionary

README = Path(__file__).resolve().parents[1] / "README.md"
BEGIN = "<!-- data-dictionary:begin (generated: python tests/test_docs.py) -->"
END = "<!-- data-dictionary:end -->"


def test_readme_data_dictionary_matches_schemas() -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(re.escape(BEGIN) + r"\n(.*?)" + re.escape(END), text, re.S)
    assert match, "README.md lost its data dictionary markers"
    assert match.group(1).strip() == markdown_dictionary().strip(), (
        "README data dictionary is out of date: run `.venv/bin/python tests/test_docs.py`"
    )


def test_readme_gives_exactly_two_setup_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "sh bootstrap.sh run" in text and "sh bootstrap.sh test" in text


def write_readme_dictionary() -> None:
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{BEGIN}\n{markdown_dictionary()}{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    write_readme_dictionary()
