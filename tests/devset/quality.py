"""Score the extraction engine on the development set and pin or check its quality floors.

    python -m tests.devset.quality            # print the scores
    python -m tests.devset.quality --pin      # raise the floors to the current scores
    python -m tests.devset.quality --pin --allow-lower   # the only way to lower a floor

The floors live in floors.json beside the gold file, with the gold file's SHA-256, so a floor is
never compared against different labels without someone re-pinning it on purpose.
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
ARTICLES = HERE / "articles.jsonl"
GOLD = HERE / "gold.jsonl"
FLOORS = HERE / "floors.json"
MARGIN = 0.005  # floors sit just under the measured score so float noise never fails CI


def gold_sha256() -> str:
    return hashlib.sha256(GOLD.read_bytes()).hexdigest()


def evaluate() -> Score:
    gazetteer = load_gazetteer()
    mentions = []
    for item in parse_jsonl(
        ARTICLES.read_text(encoding="utf-8").splitlines(), source=str(ARTICLES)
    ):
        if isinstance(item, Article):
            mentions.extend(m.to_record() for m in extract_deals(item, gazetteer))
    gold = [
        json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return score_mentions(mentions, gold)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pin", action="store_true")
    parser.add_argument("--allow-lower", action="store_true")
    args = parser.parse_args()
    result = evaluate()
    print(
        f"deals: tp={result.tp} fp={result.fp} fn={result.fn} precision={result.precision:.3f} "
        f"recall={result.recall:.3f} F1={result.f1:.3f} field_F1={result.field_f1:.3f}"
    )
    if not args.pin:
        return 0
    old = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    new = {
        "gold_sha256": gold_sha256(),
        "deal_f1": round(result.f1 - MARGIN, 3),
        "field_f1": round(result.field_f1 - MARGIN, 3),
    }
    same_gold = old.get("gold_sha256") == new["gold_sha256"]
    lower = same_gold and any(new[k] < old.get(k, 0.0) for k in ("deal_f1", "field_f1"))
    if lower and not args.allow_lower:
        print(f"refusing to lower the floors {old} to {new}: pass --allow-lower", file=sys.stderr)
        return 1
    FLOORS.write_text(json.dumps(new, indent=2) + "\n")
    print(f"floors pinned: {new}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
