"""Fuzzing the whole extraction engine: any text, adversarial text, and very long articles.

Whatever the input, extract_deals returns within a bounded time, every mention's evidence is
the exact slice of the article it points at, and a deal stated at the end of a long article is
still found (nothing is truncated).
"""

from __future__ import annotations

import json
import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flows.resources import load_gazetteer
from transforms.articles import Article
from transforms.deals import DEAL_TYPES, DealMention, extract_deals

GAZETTEER = load_gazetteer()
PUBLISHED = date(2025, 1, 21)
SECONDS_PER_ARTICLE = 1.0  # the bound for ordinary and fuzzed articles
ADVERSARIAL_SECONDS = 2.0  # generous, for the megabyte-scale adversarial inputs


def extract(text: str, published: date | None = PUBLISHED) -> tuple[list[DealMention], float]:
    article = Article(url="https://x.example/a", title="", published=published, text=text)
    # CPU time, not wall time: other work on a shared machine must not fail the test.
    began = time.process_time()
    mentions = extract_deals(article, GAZETTEER)
    return mentions, time.process_time() - began


def check_mentions(text: str, mentions: list[DealMention], published: date | None) -> None:
    assert isinstance(mentions, list)
    ids = [m.mention_id for m in mentions]
    assert len(ids) == len(set(ids))
    for m in mentions:
        assert isinstance(m, DealMention)
        assert text[m.evidence_start : m.evidence_end] == m.evidence
        assert 0 <= m.evidence_start < m.evidence_end <= len(text)
        assert len(m.parties) >= 2 and len(set(m.parties)) == len(m.parties)
        assert len(m.party_roles) == len(m.parties)
        assert m.deal_type in DEAL_TYPES
        assert 0.0 <= m.confidence <= 1.0
        if m.amount_usd is not None:
            assert m.amount_usd >= 0 and m.amount_usd != float("inf")
        if m.announced_on is not None:
            assert m.announced_precision in {"day", "month", "quarter", "year"}
            if published is not None:
                assert m.announced_on <= published
        json.dumps(m.to_record())


# --- arbitrary text ---------------------------------------------------------------------------

DEAL_WORDS = st.sampled_from(
    [
        "Microsoft", "OpenAI", "Amazon.com Inc.", "Anthropic", "Nvidia", "Alphabet", "Azure",
        "AWS", "Mistral AI", "Acme Robotics Inc.", "startup Quillion", "the startup", "it",
        "invested", "invests", "in", "acquired", "hired", "staff", "partnered with", "cloud",
        "compute", "chips", "licensing deal", "agreement", "worth", "up to", "$10 billion",
        "€1.3 billion ($1.5 billion)", "$10-12 billion", "between $1bn and $2bn", "20 percent of",
        "revenue", "exclusive", "non-exclusive", "right of first refusal", "runs through 2030",
        "on Tuesday", "last March", "Sept. 25, 2024", "in the third quarter", "reportedly",
        "denied", "valued at", "a year", ",", ".", ";", " — ", "(", ")", "\n", " ", "U.S.", "Inc.",
        "Recent Posts", "Related:", "…",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.one_of(st.none(), st.dates()))
def test_arbitrary_unicode_text(text: str, published: date | None) -> None:
    mentions, seconds = extract(text, published)
    check_mentions(text, mentions, published)
    assert seconds < SECONDS_PER_ARTICLE


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(DEAL_WORDS, max_size=40).map(" ".join), st.one_of(st.none(), st.just(PUBLISHED)))
def test_deal_like_text(text: str, published: date | None) -> None:
    mentions, seconds = extract(text, published)
    check_mentions(text, mentions, published)
    assert seconds < SECONDS_PER_ARTICLE


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(["(", ")", "[", "]", "$", "€", "1", ".", ",", "-", " ", "\n", "A", "a"]),
        max_size=3000,
    ).map("".join)
)
def test_punctuation_soup(text: str) -> None:
    mentions, seconds = extract(text)
    check_mentions(text, mentions, PUBLISHED)
    assert seconds < SECONDS_PER_ARTICLE


# --- adversarial text -------------------------------------------------------------------------

ADVERSARIAL = {
    "1 MB line without punctuation": ("lorem ipsum dolor sit amet consectetur " * 26_000)[
        :1_000_000
    ],
    "5,000 dollar signs": "$" * 5_000,
    "20,000 '$1'": "$1" * 20_000,
    "50,000 euro signs": "€" * 50_000,
    "mixed currency signs": "$€£¥₹₩" * 10_000,
    "a million digits after a dollar sign": "$" + "1" * 1_000_000,
    "deeply nested parentheses": "(" * 50_000 + "Microsoft invested $1bn in OpenAI" + ")" * 50_000,
    "nested parentheses with clause breaks": "(a; b — c, while d) " * 20_000,
    "100k newlines": "\n" * 100_000,
    "100k newlines around a deal": "\n" * 50_000
    + "Microsoft invested $1 billion in OpenAI.\n"
    + "\n" * 50_000,
    "Acme x 50,000": "Acme " * 50_000,
    "Acme x 50,000 then a cue": "Acme " * 50_000 + "invested in Beta.",
    "capitalised words with a cue": "Acme Beta Gamma Delta " * 5_000 + "invested in OpenAI.",
    "repeated 'invested in'": "invested in " * 50_000,
    "repeated investment sentences": "Microsoft invested in OpenAI. " * 200,
    "one sentence of investments": "Microsoft invested in OpenAI and " * 3_000 + "Nvidia.",
    "full stops": "." * 200_000,
    "abbreviations": "Inc. U.S. Sept. No. " * 20_000,
    "spaces": " " * 1_000_000,
    "spaces before a dash": "x" + " " * 200_000 + "— y",
    "more from heading": "more from " + " " * 50_000 + "x!",
    "ellipsis teasers": ("Microsoft invested in OpenAI, the companies said on Monday in a …\n")
    * 10_000,
    "dates": "on Tuesday last March in 2024 Sept. 25, 2024 Q3 " * 10_000,
    "percents": "20 percent of revenue " * 20_000,
    "exclusivity words": "exclusive non-exclusive right of first refusal " * 10_000,
    "descriptors": "the startup the company the chipmaker " * 10_000,
    "the": "the " * 50_000,
    "Microsoft": "Microsoft " * 30_000,
    "unicode": "😀ǅ\u200b\u202e\ufeff" * 50_000,
}


@pytest.mark.parametrize("text", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_adversarial_input_is_fast_and_consistent(text: str) -> None:
    mentions, seconds = extract(text)
    check_mentions(text, mentions, PUBLISHED)
    assert seconds < ADVERSARIAL_SECONDS


@pytest.mark.parametrize(
    "text",
    ["Xyz" * 1_500 + " invested in OpenAI.", "Microsoft invested in " + "A-" * 3_000],
    ids=["XyzXyz invested in OpenAI", "invested in A-A-A-"],
)
def test_long_capitalised_token_in_a_deal_clause_is_fast(text: str) -> None:
    # 4,500 and 6,000 characters: linear matching takes milliseconds; these take about half a
    # second (time grows with the cube and the square of the length: 21,000 characters, 14 s).
    _, seconds = extract(text)
    assert seconds < 0.15


def test_many_sentences_about_the_same_deal_are_fast() -> None:
    # 36,000 characters: about 2 s now; the per-sentence work alone is about 0.3 s.
    text = "Microsoft invested in OpenAI. " * 1_200
    mentions, seconds = extract(text)
    check_mentions(text, mentions, PUBLISHED)
    assert seconds < 0.75


# --- long articles ----------------------------------------------------------------------------

FILLER = [
    "Analysts said demand for accelerators continues to outstrip supply across the industry.",
    "Regulators in Brussels and Washington have been watching the sector closely for months.",
    "Shares rose about 3% in early trading before giving back some of the gains.",
    "The company reported quarterly revenue of $4.2 billion, up 20% from a year earlier.",
    "Executives expect capital spending of about $60 billion this year on data centres.",
    "Investors have questioned how long the current pace of spending can last.",
    "A spokesperson declined to comment on the matter on Tuesday.",
    "Chief executive Jane Doe told employees in a memo that the plan would take years.",
    "The market for AI software could be worth $1.3 trillion by 2032, one estimate says.",
    "Energy costs remain a concern for operators of large computing clusters.",
    "Microsoft shares closed slightly lower on Wednesday.",
    "OpenAI said its chatbot now has more than 300 million weekly users.",
    "Critics argue the industry's power needs are growing faster than the grid.",
    "The report did not say how many engineers work on the project.",
]


def long_prose(size: int) -> str:
    paragraphs, total, i = [], 0, 0
    while total < size:
        paragraph = " ".join(FILLER[(i + k) % len(FILLER)] for k in range(4))
        paragraphs.append(paragraph)
        total += len(paragraph) + 1
        i += 3
    return "\n".join(paragraphs)


@pytest.mark.parametrize(
    "joiner", ["\n", " "], ids=["deal in its own paragraph", "deal at the end of a paragraph"]
)
def test_deal_at_the_end_of_a_long_article_is_found(joiner: str) -> None:
    deal = "Nvidia said on Monday it will invest $2 billion in Mistral AI, the Paris-based startup."
    text = long_prose(200_000) + joiner + deal
    assert len(text) > 200_000
    mentions, seconds = extract(text)
    check_mentions(text, mentions, PUBLISHED)
    assert seconds < SECONDS_PER_ARTICLE
    [m] = [m for m in mentions if set(m.parties) == {"Nvidia", "Mistral AI"}]
    assert (m.deal_type, m.amount_usd, m.announced_on) == ("investment", 2e9, date(2025, 1, 20))
    assert m.evidence == deal
    assert m.evidence_end == len(text)


def test_long_prose_alone_yields_no_deal() -> None:
    text = long_prose(200_000)
    mentions, seconds = extract(text)
    assert mentions == []
    assert seconds < SECONDS_PER_ARTICLE
