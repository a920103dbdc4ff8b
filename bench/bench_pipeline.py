"""Benchmark: the whole flow on 1,000 and 10,000 generated articles.

    .venv/bin/python bench/bench_pipeline.py [--sizes 1000 10000]

Articles are generated here from templates (deals of several types between organisations from the
bundled gazetteer, with amounts, dates, revenue shares, page-like filler and negatives) into a
temporary folder. Each size runs in its own process, on Prefect's ephemeral API, so its peak
memory is its own. Prints seconds per stage and peak memory (max RSS).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

INVESTORS = ["Nvidia", "Microsoft", "Amazon", "Google", "SoftBank", "Salesforce", "Intel", "AMD"]
STARTUPS = ["Mistral AI", "Anthropic", "OpenAI", "Cohere", "Perplexity", "xAI", "Inflection AI",
            "Character.AI", "Adept", "Hugging Face", "Scale AI", "Runway", "CoreWeave", "Nebius"]  # fmt: skip
CLOUDS = ["Microsoft", "Amazon", "Google", "Oracle", "CoreWeave"]
DEALS = [
    "{a} said on {weekday} that it had invested {amount} in {b}, valuing the company at {valuation}.",
    "{b} raised {amount} in a funding round led by {a}, the companies said on {weekday}.",
    "{a} agreed to acquire {b} for {amount}, the companies announced on {weekday}.",
    "{b} signed a {amount} agreement with {c} for cloud computing capacity through {year}.",
    "{a} and {b} announced a partnership on {weekday}; {a} will receive {share} percent of "
    "{b}'s revenue.",
    "{a} hired {b}'s chief executive and most of its staff in a deal worth {amount}.",
]
FILLER = [
    "Shares of {a} rose {pct} percent in early trading.",
    "The company did not comment on the terms beyond its statement.",
    "Analysts expect more consolidation among model developers this year.",
    "{b} was founded in {founded} and employs about {staff} people.",
    "Demand for accelerators has outpaced supply for several quarters.",
]
NEGATIVE = [
    "{a} launched a new laptop on {weekday}, priced at {amount}.",
    "{b} published a research paper on reasoning models and released its weights.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _amount(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"${rng.choice([50, 100, 250, 400, 650, 750])} million"
    return f"${rng.choice([1, 2, 4, 6.5, 10, 13])} billion"


def generate(n: int, path: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = date(2023, 1, 2)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            a = rng.choice(INVESTORS)
            b = rng.choice([s for s in STARTUPS if s != a])
            fields = {
                "a": a,
                "b": b,
                "c": rng.choice([c for c in CLOUDS if c not in (a, b)]),
                "amount": _amount(rng),
                "valuation": f"${rng.randint(2, 300)} billion",
                "weekday": rng.choice(WEEKDAYS),
                "year": rng.randint(2026, 2032),
                "share": rng.choice([10, 15, 20, 25]),
                "pct": rng.randint(1, 9),
                "founded": rng.randint(2015, 2023),
                "staff": rng.randint(20, 900),
            }
            body = [rng.choice(NEGATIVE if rng.random() < 0.15 else DEALS)]
            body += rng.sample(FILLER, k=rng.randint(2, 4))
            text_lines = [line.format(**fields) for line in body]
            title = text_lines[0][:90]
            published = start + timedelta(days=rng.randint(0, 1000))
            record = {
                "url": f"https://bench.example/{published:%Y/%m}/{i:06d}",
                "title": title,
                "published": published.isoformat(),
                "text": title + "\n" + "\n".join(text_lines),
            }
            out.write(json.dumps(record) + "\n")


def run_one(n: int) -> dict[str, object]:
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    with tempfile.TemporaryDirectory(prefix=f"aideals-bench-{n}-") as tmp:
        prefect_home = Path(tmp) / "prefect"
        prefect_home.mkdir()
        os.environ["PREFECT_HOME"] = str(prefect_home)
        source = Path(tmp) / "articles.jsonl"
        t0 = time.perf_counter()
        generate(n, source)
        generated = time.perf_counter() - t0

        from flows.pipeline import run
        from flows.settings import Settings

        t1 = time.perf_counter()
        summary = run(Settings(sources=(source,), data_dir=Path(tmp) / "data"))
        total = time.perf_counter() - t1
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return {
            "articles": n,
            "generate_s": round(generated, 2),
            "stages_s": {k: round(v, 2) for k, v in summary.timings.items()},
            "flow_total_s": round(total, 2),
            "prefect_and_other_s": round(total - sum(summary.timings.values()), 2),
            "mentions": summary.mentions_extracted,
            "deals": summary.deals_added,
            "quarantined": summary.quarantined_new,
            "version": summary.version,
            "peak_rss_mib": round(peak_kib / 1024, 1),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return 0
    for n in args.sizes:
        proc = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=False
        )
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr[-4000:])
            return proc.returncode
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        stages = ", ".join(f"{k} {v:.2f}" for k, v in result["stages_s"].items())
        print(f"{n:>6} articles: flow {result['flow_total_s']:.1f} s ({stages}; Prefect and rest "
              f"{result['prefect_and_other_s']:.1f}); peak RSS {result['peak_rss_mib']:.0f} MiB; "
              f"{result['mentions']} mentions, {result['deals']} deals, "
              f"{result['quarantined']} quarantined")  # fmt: skip
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
