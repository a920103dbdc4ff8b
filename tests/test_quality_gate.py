"""The extraction quality floor: the development set must score at least the pinned floors.

Floors live in tests/devset/floors.json with the SHA-256 of the gold file they were measured on;
`python -m tests.devset.quality --pin` raises them and refuses to lower them without
--allow-lower, so a regression fails CI instead of being absorbed silently.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.devset import quality

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed"


def test_floors_were_pinned_on_these_gold_labels() -> None:
    floors = json.loads(quality.FLOORS.read_text())
    assert floors["gold_sha256"] == quality.gold_sha256(), (
        "tests/devset/gold.jsonl changed since the floors were pinned: "
        "run `python -m tests.devset.quality --pin` and commit floors.json"
    )


def test_development_set_scores_at_least_the_floors() -> None:
    floors = json.loads(quality.FLOORS.read_text())
    result = quality.evaluate()
    assert result.f1 >= floors["deal_f1"], f"deal F1 {result.f1:.3f} < floor {floors['deal_f1']}"
    assert result.field_f1 >= floors["field_f1"], (
        f"field F1 {result.field_f1:.3f} < floor {floors['field_f1']}"
    )


@pytest.mark.parametrize(
    ("folder", "articles", "traps"),
    [
        (quality.SECOND, 100, 30),
        (quality.THIRD, 50, 15),
        (quality.FOURTH, 40, 12),
        (quality.FIFTH, 40, 14),
    ],
)
def test_blind_sets_were_pinned_on_their_labels_and_score_at_least_their_floors(
    folder: Path, articles: int, traps: int
) -> None:
    """The sets written by others, blind to the rules: a regression on unseen text fails too."""
    floors = json.loads(quality.floors_path(folder).read_text())
    assert floors["gold_sha256"] == quality.gold_sha256(folder), (
        f"{folder}/gold.jsonl changed since its floors were pinned: "
        "run `python -m tests.devset.quality --pin` and commit floors.json"
    )
    result = quality.evaluate(folder)
    assert result.f1 >= floors["deal_f1"], f"deal F1 {result.f1:.3f} < floor {floors['deal_f1']}"
    assert result.field_f1 >= floors["field_f1"], (
        f"field F1 {result.field_f1:.3f} < floor {floors['field_f1']}"
    )
    gold = [json.loads(x) for x in (folder / "gold.jsonl").read_text().splitlines() if x.strip()]
    assert len(gold) >= articles and sum(1 for g in gold if not g["deals"]) >= traps


def test_development_set_is_large_and_has_traps() -> None:
    gold = [json.loads(line) for line in quality.GOLD.read_text().splitlines() if line.strip()]
    assert len(gold) >= 80
    assert sum(1 for g in gold if not g["deals"]) >= 20


@pytest.mark.skipif(not SEED.is_dir(), reason="the shared seed folder is not beside the checkout")
def test_seed_article_is_extracted_perfectly(tmp_path: Path) -> None:
    """The acceptance check: `aideals extract` on the seed scores F1 = 1 with every field right."""
    from flows.resources import load_gazetteer
    from transforms.articles import Article, parse_jsonl
    from transforms.deals import extract_deals
    from transforms.evaluation import score_mentions

    gazetteer = load_gazetteer()
    lines = (SEED / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    mentions = [
        m.to_record()
        for item in parse_jsonl(lines, source="seed")
        if isinstance(item, Article)
        for m in extract_deals(item, gazetteer)
    ]
    gold = [json.loads(x) for x in (SEED / "gold.jsonl").read_text().splitlines() if x.strip()]
    result = score_mentions(mentions, gold)
    assert (result.tp, result.fp, result.fn) == (3, 0, 0)
    assert result.field_f1 == pytest.approx(1.0)


def test_pinning_refuses_to_lower_a_floor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    floors = tmp_path / "floors.json"
    floors.write_text(
        json.dumps({"gold_sha256": quality.gold_sha256(), "deal_f1": 1.0, "field_f1": 1.0})
    )
    monkeypatch.setattr(quality, "FLOORS", floors)
    monkeypatch.setattr(sys, "argv", ["quality", "--pin", "--set", "devset"])
    assert quality.main() == 1
    assert json.loads(floors.read_text())["deal_f1"] == 1.0
