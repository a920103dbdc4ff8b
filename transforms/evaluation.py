"""Score extracted deal mentions against hand-labelled gold deals.

The rules are the project's acceptance contract: a predicted mention matches a gold deal of the
same article when their party sets (after folding aliases) share at least two organisations with
a Jaccard index of at least 0.5; pairs are taken greedily, best Jaccard first. Fields are then
compared on matched pairs only, and a field score counts correct values against gold and
predicted non-null values. The quality gate in the tests and ``bench/`` reports use this module.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["FIELDS", "Score", "score_mentions"]

FIELDS = (
    "deal_type",
    "announced",
    "amount_usd",
    "valuation_usd",
    "revenue_share_pct",
    "compute_provider",
    "exclusivity",
    "term_end_year",
)
_ORG_FOLD = {
    "aws": "amazon", "amazon web services": "amazon", "amazon.com": "amazon", "alphabet": "google",
    "google cloud": "google", "google deepmind": "google", "deepmind": "google",
    "microsoft azure": "microsoft", "azure": "microsoft", "oracle cloud infrastructure": "oracle",
    "oci": "oracle", "inflection": "inflection ai", "meta platforms": "meta", "facebook": "meta",
    "x.ai": "xai", "nvidia corporation": "nvidia", "mistral": "mistral ai",
    "character.ai": "character ai", "character.ai inc": "character ai",
}  # fmt: skip
_PROVIDER_FOLD = {
    "azure": "microsoft azure", "microsoft": "microsoft azure", "aws": "amazon web services",
    "amazon": "amazon web services", "google": "google cloud", "gcp": "google cloud",
    "google cloud platform": "google cloud", "oracle": "oracle cloud infrastructure",
    "oci": "oracle cloud infrastructure", "oracle cloud": "oracle cloud infrastructure",
}  # fmt: skip
_SUFFIX = re.compile(
    r"[,.]?\s+(?:inc|corp|corporation|ltd|llc|plc|co|company|limited|s\.a\.|ag|se)\.?$"
)


def fold_org(name: str) -> str:
    key = " ".join(str(name).casefold().replace("\u2019", "'").split())
    key = _SUFFIX.sub("", key).strip()
    return _ORG_FOLD.get(key, key)


def fold_provider(name: object) -> str | None:
    if name is None:
        return None
    key = " ".join(str(name).casefold().split())
    return _PROVIDER_FOLD.get(key, key)


@dataclass
class Score:
    """Deal-level precision/recall/F1 and per-field counts over matched pairs."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0, 0] for f in FIELDS})
    missed: list[tuple[str, list[str]]] = field(default_factory=list)
    spurious: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def field_f1(self) -> float:
        correct = sum(v[0] for v in self.fields.values())
        gold = sum(v[1] for v in self.fields.values())
        predicted = sum(v[2] for v in self.fields.values())
        r = correct / gold if gold else 0.0
        p = correct / predicted if predicted else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def _same(field_name: str, gold: object, predicted: object) -> bool:
    if field_name == "deal_type":
        return predicted in (gold if isinstance(gold, list) else [gold])
    if field_name == "announced":
        return str(predicted)[:10].startswith(str(gold))
    if field_name in {"amount_usd", "valuation_usd"}:
        return math.isclose(_number(predicted), _number(gold), rel_tol=0.01)
    if field_name == "revenue_share_pct":
        return abs(_number(predicted) - _number(gold)) <= 0.5
    if field_name == "compute_provider":
        return fold_provider(predicted) == fold_provider(gold)
    if field_name == "term_end_year":
        return int(_number(predicted)) == int(_number(gold))
    return bool(predicted == gold)


def _number(value: object) -> float:
    return float(value)  # type: ignore[arg-type]


def _names(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


def _predicted(field_name: str, mention: Mapping[str, object]) -> object:
    return mention.get("announced_on" if field_name == "announced" else field_name)


def score_mentions(
    mentions: Iterable[Mapping[str, object]], gold_articles: Sequence[Mapping[str, object]]
) -> Score:
    """Compare mentions (records with the published column names) with gold articles."""
    by_url: dict[object, list[Mapping[str, object]]] = {}
    for mention in mentions:
        by_url.setdefault(mention.get("article_url"), []).append(mention)
    result = Score()
    for article in gold_articles:
        golds: list[Mapping[str, object]] = list(article["deals"])  # type: ignore[call-overload]
        preds = by_url.get(article["url"], [])
        candidates = []
        for gi, gold in enumerate(golds):
            gold_set = {fold_org(p) for p in gold["parties"]}  # type: ignore[attr-defined]
            for pi, pred in enumerate(preds):
                pred_set = {fold_org(p) for p in pred.get("parties") or []}  # type: ignore[attr-defined]
                shared = len(gold_set & pred_set)
                union = len(gold_set | pred_set)
                if shared >= 2 and shared / union >= 0.5:
                    candidates.append((shared / union, gi, pi))
        used_gold: set[int] = set()
        used_pred: set[int] = set()
        for _, gi, pi in sorted(candidates, reverse=True):
            if gi in used_gold or pi in used_pred:
                continue
            used_gold.add(gi)
            used_pred.add(pi)
            for name in FIELDS:
                gold_value = golds[gi].get(name)
                pred_value = _predicted(name, preds[pi])
                counts = result.fields[name]
                counts[1] += gold_value is not None
                counts[2] += pred_value is not None
                counts[0] += (
                    gold_value is not None
                    and pred_value is not None
                    and _same(name, gold_value, pred_value)
                )
        label = str(article.get("id", article["url"]))
        result.tp += len(used_gold)
        result.fn += len(golds) - len(used_gold)
        result.fp += len(preds) - len(used_pred)
        result.missed += [
            (label, _names(golds[i]["parties"])) for i in range(len(golds)) if i not in used_gold
        ]
        result.spurious += [
            (label, _names(preds[i].get("parties")))
            for i in range(len(preds))
            if i not in used_pred
        ]
    return result
