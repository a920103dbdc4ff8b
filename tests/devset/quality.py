"""Score the extraction engine on the labelled sets and pin or check their quality floors.

    python -m tests.devset.quality            # print the scores of both sets
    python -m tests.devset.quality --pin      # raise the floors to the current scores
    python -m tests.devset.quality --pin --allow-lower   # the only way to lower a floor

Five sets, each a folder of articles.jsonl, gold.jsonl and floors.json:
- tests/devset: the development set the rules were written against;
- tests/devset/second: 120 articles written and labelled by other writers who never saw the
  rules, as the engine's first reading of unseen text (its first-look scores are in the README);
- tests/devset/third: 55 more articles written the same way, later, after the second set had been
  used for development (its first-look scores are in the README too);
- tests/devset/fourth: 40 more, written after the third had been used (first look in the README);
- tests/devset/fifth: 40 more (infrastructure, enterprise, funding), written after the fourth.

The floors live in floors.json beside each gold file, with the gold file's SHA-256, so a floor
is never compared against different labels without someone re-pinning it on purpose.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from flows.resources import load_gazetteer
from transforms.articles import Article, parse_jsonl
from transforms.deals import extract_deals
from transforms.evaluation import Score, score_mentions

HERE = Path(__file__).resolve().parent
SECOND = HERE / "second"
THIRD = HERE / "third"
FOURTH = HERE / "fourth"
FIFTH = HERE / "fifth"
SETS = {"devset": HERE, "second": SECOND, "third": THIRD, "fourth": FOURTH, "fifth": FIFTH}
ARTICLES = HERE / "articles.jsonl"
GOLD = HERE / "gold.jsonl"
FLOORS = HERE / "floors.json"
MARGIN = 0.005  # floors sit just under the measured score so float noise never fails CI


def gold_sha256(folder: Path = HERE) -> str:
    return hashlib.sha256((folder / "gold.jsonl").read_bytes()).hexdigest()


def evaluate(folder: Path = HERE) -> Score:
    gazetteer = load_gazetteer()
    articles = folder / "articles.jsonl"
    mentions = []
    for item in parse_jsonl(
        articles.read_text(encoding="utf-8").splitlines(), source=str(articles)
    ):
        if isinstance(item, Article):
            mentions.extend(m.to_record() for m in extract_deals(item, gazetteer))
    gold_text = (folder / "gold.jsonl").read_text(encoding="utf-8")
    gold = [json.loads(line) for line in gold_text.splitlines() if line.strip()]
    return score_mentions(mentions, gold)


def floors_path(folder: Path) -> Path:
    return FLOORS if folder == HERE else folder / "floors.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pin", action="store_true")
    parser.add_argument("--allow-lower", action="store_true")
    parser.add_argument("--set", choices=sorted(SETS), help="only this set (default: all)")
    args = parser.parse_args()
    status = 0
    for name, folder in SETS.items():
        if args.set and name != args.set:
            continue
        result = evaluate(folder)
        print(
            f"{name}: deals: tp={result.tp} fp={result.fp} fn={result.fn} "
            f"precision={result.precision:.3f} recall={result.recall:.3f} F1={result.f1:.3f} "
            f"field_F1={result.field_f1:.3f}"
        )
        if args.pin:
            status = max(status, _pin(folder, result, allow_lower=args.allow_lower))
    return status


def _pin(folder: Path, result: Score, *, allow_lower: bool) -> int:
    floors = floors_path(folder)
    old = json.loads(floors.read_text()) if floors.exists() else {}
    new = {
        "gold_sha256": gold_sha256(folder),
        "deal_f1": round(result.f1 - MARGIN, 3),
        "field_f1": round(result.field_f1 - MARGIN, 3),
    }
    same_gold = old.get("gold_sha256") == new["gold_sha256"]
    lower = same_gold and any(new[k] < old.get(k, 0.0) for k in ("deal_f1", "field_f1"))
    if lower and not allow_lower:
        print(f"refusing to lower the floors {old} to {new}: pass --allow-lower", file=sys.stderr)
        return 1
    floors.write_text(json.dumps(new, indent=2) + "\n")
    print(f"floors pinned: {new}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
