"""Paragraphs, sentences and clauses: offsets, abbreviations, boilerplate, and linear time."""

from __future__ import annotations

import itertools
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.text import Span, clauses, content_sentences, paragraphs, sentences


def sentence_texts(text: str) -> list[str]:
    return [s.text for s in content_sentences(text)]


def boilerplate(text: str, title: str | None = None) -> list[str]:
    return [p.text for p in paragraphs(text, title) if p.is_boilerplate]


def assert_indexes(text: str, spans: list[Span]) -> None:
    for span in spans:
        assert text[span.start : span.end] == span.text


# --- sentences ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Amazon.com Inc. said it would invest $4 billion. The deal closed.",
            ["Amazon.com Inc. said it would invest $4 billion.", "The deal closed."],
        ),
        (
            "U.S. regulators are looking at the deal. Microsoft declined to comment.",
            ["U.S. regulators are looking at the deal.", "Microsoft declined to comment."],
        ),
        (
            "The deal was signed Sept. 25 with Anthropic. Terms were not disclosed.",
            ["The deal was signed Sept. 25 with Anthropic.", "Terms were not disclosed."],
        ),
        ("It raised $1.5bn. Google led the round.", ["It raised $1.5bn.", "Google led the round."]),
        ("It raised $650M. Nvidia joined.", ["It raised $650M.", "Nvidia joined."]),
        ("Microsoft Corp. The company said so.", ["Microsoft Corp.", "The company said so."]),
        (
            "He met Dr. Smith on Monday. They agreed.",
            ["He met Dr. Smith on Monday.", "They agreed."],
        ),
        ("John D. Smith signed it. Shares rose.", ["John D. Smith signed it.", "Shares rose."]),
        (
            "It sells in the U.S. The company said so.",
            ["It sells in the U.S.", "The company said so."],
        ),
        ("The U.S. Army signed. The U.K. did not.", ["The U.S. Army signed.", "The U.K. did not."]),
        (
            "It closed at 5 p.m. Monday. Shares rose.",
            ["It closed at 5 p.m. Monday.", "Shares rose."],
        ),
        ("It ranks No. 1 in Europe. Rivals lag.", ["It ranks No. 1 in Europe.", "Rivals lag."]),
        ("He said no. The deal died.", ["He said no.", "The deal died."]),
        ("Really? Yes! It did.", ["Really?", "Yes!", "It did."]),
        ('"We are thrilled." The CEO smiled.', ['"We are thrilled."', "The CEO smiled."]),
        ("It grew (a lot). Then it fell.", ["It grew (a lot).", "Then it fell."]),
        ("Wait... It happened.", ["Wait...", "It happened."]),
        ("It was up 1.5. percent", ["It was up 1.5. percent"]),  # no capital: no break
        ("One.Two. Three", ["One.Two.", "Three"]),
        ("  padded sentence.   Next one.  ", ["padded sentence.", "Next one."]),
        ("St. Louis Fed said so. It agreed.", ["St. Louis Fed said so.", "It agreed."]),
        ("It cost $4bn, i.e. Less than hoped.", ["It cost $4bn, i.e. Less than hoped."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    spans = content_sentences(text)
    assert [s.text for s in spans] == expected
    assert_indexes(text, spans)


def test_sentences_keep_paragraph_flags() -> None:
    text = "Headline here\nRelated: one. Two three."
    spans = content_sentences(text, title="Headline here")
    assert [(s.text, s.is_title, s.is_boilerplate) for s in spans] == [
        ("Headline here", True, False),
        ("Related: one.", False, True),
        ("Two three.", False, True),
    ]


def test_sentences_of_one_paragraph_index_the_whole_text() -> None:
    text = "First line.\n\nSecond para. It has two sentences."
    second = paragraphs(text)[1]
    spans = sentences(text, second)
    assert [s.text for s in spans] == ["Second para.", "It has two sentences."]
    assert_indexes(text, spans)


# --- clauses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Microsoft invested; Google did not.", ["Microsoft invested", "Google did not."]),
        ("He said — after a pause — it was done.", ["He said", "after a pause", "it was done."]),
        ("It grew -- fast.", ["It grew", "fast."]),
        (
            "Microsoft invested $1bn, while Nvidia put in $2bn.",
            ["Microsoft invested $1bn", "while Nvidia put in $2bn."],
        ),
        (
            "It agreed, but did not, pay.",
            ["It agreed", "but did not, pay."],
        ),
        ("It signed (a; b — c) the pact.", ["It signed (a; b — c) the pact."]),
        ("It signed (a; b) then; went.", ["It signed (a; b) then", "went."]),
        ("A startup, which raised $5M, said so.", ["A startup, which raised $5M, said so."]),
        ("Ten-year-old — no spaces—here.", ["Ten-year-old", "no spaces—here."]),
    ],
)
def test_clauses(text: str, expected: list[str]) -> None:
    sentence = Span(0, len(text), text)
    spans = clauses(sentence)
    assert [c.text for c in spans] == expected
    assert_indexes(text, spans)


def test_clauses_offset_into_the_article() -> None:
    text = "Intro sentence here. Microsoft invested; Google did not."
    sentence = content_sentences(text)[1]
    spans = clauses(sentence)
    assert [c.text for c in spans] == ["Microsoft invested", "Google did not."]
    assert_indexes(text, spans)


# --- paragraphs and boilerplate ---------------------------------------------------------------

PROSE = "Microsoft will invest $10 billion in OpenAI, the companies said on Monday in a statement."


def test_paragraphs_strip_and_index() -> None:
    text = "  First line.  \n\n\n\tSecond line.\n   \n"
    spans = paragraphs(text)
    assert [p.text for p in spans] == ["First line.", "Second line."]
    assert_indexes(text, spans)


def test_title_is_marked_only_as_the_first_paragraph() -> None:
    text = "Big Deal Today\nBig Deal Today\nBody."
    assert [p.is_title for p in paragraphs(text, title="Big  deal today")] == [True, False, False]
    assert not any(p.is_title for p in paragraphs(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            f"{PROSE}\nRecent Posts\nMicrosoft invests in OpenAI\nNvidia buys Run:ai\n"
            "- Google backs Anthropic",
            [
                "Recent Posts",
                "Microsoft invests in OpenAI",
                "Nvidia buys Run:ai",
                "- Google backs Anthropic",
            ],
        ),
        (
            f"{PROSE}\nArchives\nMarch 2024\nFebruary 2024\nJanuary 2024 (5)",
            ["Archives", "March 2024", "February 2024", "January 2024 (5)"],
        ),
        (f"{PROSE}\nMarch 2024\n• April 2024", ["March 2024", "• April 2024"]),
        (
            f"{PROSE}\nRelated: Google backs Anthropic with $2bn",
            ["Related: Google backs Anthropic with $2bn"],
        ),
        (f"{PROSE}\nRead more: Nvidia's next chip", ["Read more: Nvidia's next chip"]),
        (f"{PROSE}\nSee also: the AI boom", ["See also: the AI boom"]),
        (f"{PROSE}\nSign up for our newsletter", ["Sign up for our newsletter"]),
        (
            f"{PROSE}\n© 2025 Example Media. All rights reserved.",
            ["© 2025 Example Media. All rights reserved."],
        ),
        (f"{PROSE}\nMore from TechCrunch:\nA headline", ["More from TechCrunch:", "A headline"]),
        (
            f"{PROSE}\nMicrosoft will invest $10 billion in OpenAI, the companies said on…",
            ["Microsoft will invest $10 billion in OpenAI, the companies said on…"],
        ),
        (
            f"{PROSE}\nMicrosoft will invest $10 billion in OpenAI, the…",
            ["Microsoft will invest $10 billion in OpenAI, the…"],
        ),
        (
            f"{PROSE}\nMicrosoft will invest $10 billion in OpenAI, the compan ...",
            ["Microsoft will invest $10 billion in OpenAI, the compan ..."],
        ),
        # Not boilerplate: prose after a list ends the block; a short ellipsis or a new sentence
        # ending in one is not a teaser; a month inside prose is not an archive line.
        (f"Recent Posts\nA headline\n{PROSE}\nAfter it.", ["Recent Posts", "A headline"]),
        (f"{PROSE}\nAnd then...", []),
        (f"{PROSE}\nGoogle will invest $10 billion in Anthropic, the companies…", []),
        (f"{PROSE}\nIn March 2024 the deal closed.", []),
        (f"{PROSE}\nRelated deals were signed later.", []),
    ],
)
def test_boilerplate(text: str, expected: list[str]) -> None:
    assert boilerplate(text) == expected


def test_teaser_of_the_title_is_not_marked_by_the_title() -> None:
    # The title is not a body paragraph: a teaser of it alone is not a repeat.
    title = "Microsoft will invest $10 billion in OpenAI, the companies say today"
    text = f"{title}\nMicrosoft will invest $10 billion in OpenAI, the companies…"
    assert boilerplate(text, title) == []


# --- properties -------------------------------------------------------------------------------

ARTICLE_ALPHABET = st.sampled_from(
    [*list("abcXYZ .!?…;,—–-()[]\"'“”’\n\t$€£0123456789"), "Inc.", "U.S.", "Sept.", "No. ", " -- "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ARTICLE_ALPHABET, max_size=120).map("".join), st.booleans())
def test_every_span_indexes_the_text(text: str, with_title: bool) -> None:
    title = text.split("\n", 1)[0] if with_title else None
    paras = paragraphs(text, title)
    assert_indexes(text, paras)
    for para in paras:
        assert para.text == para.text.strip() and para.text
        sents = sentences(text, para)
        assert_indexes(text, sents)
        assert all(para.start <= s.start <= s.end <= para.end for s in sents)
        for sentence in sents:
            parts = clauses(sentence)
            assert_indexes(text, parts)
            assert all(sentence.start <= c.start <= c.end <= sentence.end for c in parts)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_sentences_cover_every_word_in_order(text: str) -> None:
    spans = content_sentences(text)
    assert_indexes(text, spans)
    starts = [s.start for s in spans]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    words = "".join(text.split())
    assert "".join("".join(s.text.split()) for s in spans) == words


# --- linear time on adversarial input (each of these used to take seconds or minutes) ---------

ADVERSARIAL = {
    "long heading-like line": "more from " + " " * 20_000 + "x!",
    "run of full stops": "." * 50_000,
    "dotted abbreviations": "Sept. " * 10_000,
    "initials": "A. " * 20_000,
    "corporate suffixes": "Acme Inc. " * 10_000,
    "many short sentences": "Acme invested in Beta. " * 5_000,
    "bracketed clause breaks": "(a; b — c) " * 10_000,
    "long space runs before a dash": ("x" + " " * 5_000 + "y") * 20,
    "many teasers": ("word " * 12 + "…\n") * 20_000,
}


@pytest.mark.parametrize("text", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_segmentation_is_fast_on_adversarial_text(text: str) -> None:
    began = time.process_time()
    spans = content_sentences(text)
    for sentence in spans:
        clauses(sentence)
    assert time.process_time() - began < 2.0
    assert_indexes(text, spans)


def test_a_headline_split_under_a_masthead_is_the_title() -> None:
    text = (
        "The Compute Ledger — Friday edition\n"
        "Meta's Scale bet, Glean's new round and OpenAI's Google cloud\n"
        "Welcome back. Five things from a busy week.\n"
        "Meta's Scale bet, Glean's new round and OpenAI's Google cloud\n"
    )
    title = "The Compute Ledger: Meta's Scale bet, Glean's new round and OpenAI's Google cloud"
    assert [p.is_title for p in paragraphs(text, title)] == [False, True, False, False]


def test_a_possessive_s_before_a_full_stop_ends_the_sentence() -> None:
    text = "It owns The Wall Street Journal and Barron's. The Financial Times signed too."
    spans = sentences(text, Span(0, len(text), text))
    assert [s.text for s in spans] == [
        "It owns The Wall Street Journal and Barron's.",
        "The Financial Times signed too.",
    ]
