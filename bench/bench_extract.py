"""Benchmark: extract deals from 10,000 generated articles of about 800 words on one core.

Run: .venv/bin/python bench/bench_extract.py [--articles N] [--words W]
Prints articles per second and mentions found. The articles are generated here from sentence
templates (deal sentences, distracting figures, boilerplate) so the run needs no data files.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

from flows.resources import load_gazetteer
from transforms.articles import Article
from transforms.deals import extract_deals

INVESTORS = [
    "Microsoft",
    "Amazon",
    "Alphabet's Google",
    "Nvidia",
    "SoftBank",
    "Thrive Capital",
    "Andreessen Horowitz",
    "Sequoia Capital",
    "Salesforce Ventures",
    "Intel",
    "AMD",
]
LABS = [
    "OpenAI",
    "Anthropic",
    "Mistral AI",
    "Cohere",
    "xAI",
    "Inflection AI",
    "Perplexity",
    "Safe Superintelligence",
    "Character.AI",
    "Hugging Face",
    "Quillion Labs",
    "Zentrix AI",
]
CLOUDS = ["Microsoft Azure", "Amazon Web Services", "Google Cloud", "Oracle", "CoreWeave", "Nebius"]
DEAL_SENTENCES = [
    "{inv} said on {day} it will invest up to ${amt} billion in {lab}, the companies said.",
    "{lab} has raised ${amt} billion in a round led by {inv} at a ${val} billion valuation.",
    "{lab} signed a five-year agreement worth ${amt} billion to buy computing capacity from {cloud}.",
    "{inv} agreed to acquire {lab} for about ${amt} billion in cash, according to people familiar with the matter.",
    "Last March, {inv} hired {lab} chief executive Jane Doe and most of the startup's staff in a ${amt}00 million deal.",
    "The partnership, which runs through 2030, makes {cloud} the primary cloud provider for {lab}.",
]
FILLER = [
    "{lab} said its models now serve more than 300 million people each week.",
    "{inv} declined to comment on the talks, and a spokesperson for {lab} did not respond.",
    "Analysts said demand for accelerators continues to outstrip supply across the industry.",
    "The company reported quarterly revenue of ${amt} billion, up 20% from a year earlier.",
    "Executives expect capital spending of about ${amt}0 billion this year on data centres.",
    "Regulators in Brussels and Washington have been watching the sector closely for months.",
    "Shares rose about 3% in early trading before giving back some of the gains.",
    "The market for generative AI software could be worth $1.3 trillion by 2032, one estimate says.",
    "Engineers have spent the past year rebuilding the training pipeline from scratch.",
    "Customers include banks, insurers and a growing number of government agencies.",
]
BOILERPLATE = "Recent Posts\n- Five charts on the AI build-out\n- Why GPU prices keep falling\nArchives\n- June 2025\n- May 2025"


def make_article(rng: random.Random, i: int, words: int) -> Article:
    published = date(2024, 1, 1) + timedelta(days=rng.randrange(700))
    lines: list[str] = [f"Deal news number {i}"]
    count = 0
    deal_lines = set(
        rng.sample(range(words // 18), k=min(3, words // 18))
    )  # a main deal and background
    while count < words:
        if len(lines) - 1 in deal_lines:
            template = rng.choice(DEAL_SENTENCES)
        else:
            template = rng.choice(FILLER)
        sentence = template.format(
            inv=rng.choice(INVESTORS),
            lab=rng.choice(LABS),
            cloud=rng.choice(CLOUDS),
            amt=rng.randint(1, 40),
            val=rng.randint(50, 400),
            day=rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
        )
        lines.append(sentence)
        count += len(sentence.split())
    lines.append(BOILERPLATE)
    return Article(
        url=f"https://bench.example/{i}", title=lines[0], published=published, text="\n".join(lines)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=800)
    args = parser.parse_args()
    rng = random.Random(7)
    articles = [make_article(rng, i, args.words) for i in range(args.articles)]
    gazetteer = load_gazetteer()
    extract_deals(articles[0], gazetteer)  # warm the compiled patterns
    words = sum(len(a.text.split()) for a in articles)
    start, cpu_start = time.perf_counter(), time.process_time()
    mentions = sum(len(extract_deals(a, gazetteer)) for a in articles)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(f"articles: {len(articles):,} ({words / len(articles):.0f} words each on average)")
    print(f"mentions: {mentions:,}")
    print(f"seconds:  {elapsed:.2f} wall, {cpu:.2f} CPU")
    # One process on one core: CPU time is the fair figure when other work shares the machine.
    print(f"articles per second (one core, CPU time): {len(articles) / cpu:,.0f}")
    print(f"articles per second (wall clock): {len(articles) / elapsed:,.0f}")


if __name__ == "__main__":
    main()
