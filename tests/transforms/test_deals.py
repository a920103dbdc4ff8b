"""Deal extraction on short literal articles: one behaviour per case."""

from __future__ import annotations

from datetime import date

import pytest

from flows.resources import load_gazetteer
from transforms.articles import Article
from transforms.deals import DealMention, extract_deals

GAZETTEER = load_gazetteer()


def extract(
    text: str, published: date | None = date(2025, 3, 14), title: str = ""
) -> list[DealMention]:
    article = Article(url="https://news.example/a", title=title, published=published, text=text)
    return extract_deals(article, GAZETTEER)


def only(text: str, **kwargs: object) -> DealMention:
    mentions = extract(text, **kwargs)  # type: ignore[arg-type]
    assert len(mentions) == 1, [m.parties for m in mentions]
    return mentions[0]


def test_investment_with_amount_date_and_roles() -> None:
    m = only("Amazon said on Tuesday it will invest up to $4 billion in Anthropic.")
    assert m.parties == ("Amazon", "Anthropic")
    assert dict(zip(m.parties, m.party_roles, strict=True)) == {
        "Amazon": "investor",
        "Anthropic": "investee",
    }
    assert (m.deal_type, m.amount_usd, m.amount_text) == ("investment", 4e9, "up to $4 billion")
    assert (m.announced_on, m.announced_precision) == (date(2025, 3, 11), "day")


def test_acquisition_names_buyer_and_target() -> None:
    m = only(
        "Nvidia agreed to buy Run:ai, an Israeli orchestration startup, for about $700 million."
    )
    assert m.deal_type == "acquisition"
    assert dict(zip(m.parties, m.party_roles, strict=True)) == {
        "Nvidia": "acquirer",
        "Run:ai": "target",
    }
    assert m.amount_usd == pytest.approx(7e8)


def test_acquihire_from_hiring_founders_and_staff() -> None:
    m = only(
        "Last March, Microsoft hired Inflection co-founder Mustafa Suleyman and most of the "
        "startup's staff in a $650 million deal.",
        published=date(2025, 1, 21),
    )
    assert (m.deal_type, m.parties, m.amount_usd) == (
        "acquihire",
        ("Inflection AI", "Microsoft"),
        6.5e8,
    )
    assert (m.announced_on, m.announced_precision) == (date(2024, 3, 1), "month")


def test_cloud_contract_with_provider_term_and_exclusivity() -> None:
    text = (
        "OpenAI agreed on Monday to buy $38 billion of computing capacity from Amazon Web Services.\n"
        "The contract runs through 2032 and makes AWS a primary cloud provider for the ChatGPT maker."
    )
    m = only(text)
    assert (m.deal_type, m.compute_provider) == ("cloud_compute", "Amazon Web Services")
    assert (m.term_end_year, m.exclusivity, m.amount_usd) == (2032, "primary", 3.8e10)


def test_buying_shares_is_an_investment_not_a_takeover() -> None:
    m = only("Nvidia will buy $5 billion of Intel common stock, the companies said on Thursday.")
    assert m.deal_type == "investment"
    assert dict(zip(m.parties, m.party_roles, strict=True))["Intel"] == "investee"


def test_buying_compute_is_a_cloud_deal_not_a_takeover() -> None:
    m = only(
        "Meta agreed to buy $10 billion of computing capacity from Google Cloud over six years."
    )
    assert (m.deal_type, m.compute_provider) == ("cloud_compute", "Google Cloud")


def test_several_deals_in_one_article_keep_their_own_dates_and_figures() -> None:
    text = (
        "Microsoft said on Monday it would invest $10 billion in OpenAI.\n"
        "The relationship goes back to 2019, when Microsoft put $1 billion into OpenAI.\n"
        "Separately, Amazon agreed in September to invest up to $4 billion in Anthropic."
    )
    found = {
        (m.parties, m.amount_usd): m.announced_on
        for m in extract(text, published=date(2023, 1, 24))
    }
    assert found == {
        (("Microsoft", "OpenAI"), 1e10): date(2023, 1, 23),
        (("Microsoft", "OpenAI"), 1e9): date(2019, 1, 1),
        (("Amazon", "Anthropic"), 4e9): date(2022, 9, 1),
    }


def test_per_investor_amounts_make_separate_records() -> None:
    text = "Microsoft and Nvidia will invest up to $5 billion and up to $10 billion respectively in Anthropic."
    found = {m.parties: m.amount_usd for m in extract(text)}
    assert found == {("Anthropic", "Microsoft"): 5e9, ("Anthropic", "Nvidia"): 1e10}


def test_round_with_lead_and_participants_is_one_record_with_the_total() -> None:
    text = (
        "Cohere has raised $500 million at a $5.5 billion valuation.\n"
        "Radical Ventures led the round.\n"
        "Nvidia, Salesforce and Cisco also took part."
    )
    m = only(text)
    assert set(m.parties) == {"Cohere", "Radical Ventures", "Nvidia", "Salesforce", "Cisco"}
    assert (m.amount_usd, m.valuation_usd) == (5e8, 5.5e9)


def test_rumour_is_reported() -> None:
    m = only(
        "Apple is in talks to pay Google about $1 billion a year for a Gemini model, according to people familiar with the matter."
    )
    assert m.reported is True
    assert m.amount_text is not None and "a year" in m.amount_text


def test_announced_deal_with_a_reported_figure_is_not_a_rumour() -> None:
    text = (
        "Microsoft and OpenAI announced on Monday a new multiyear investment by Microsoft in OpenAI.\n"
        "People familiar with the arrangement put the figure at $10 billion."
    )
    m = only(text, published=date(2023, 1, 24))
    assert m.reported is False
    assert m.amount_usd == 1e10


def test_denied_rumour_gives_no_record() -> None:
    assert (
        extract("Perplexity denied a report that Apple was in talks to acquire it for $14 billion.")
        == []
    )


@pytest.mark.parametrize(
    "text",
    [
        "This HP Omen 16 deal with an Nvidia RTX 5050 is a steal: Amazon has it at $200 off.",
        "Microsoft plans to spend $80 billion on AI data centres this fiscal year.",
        "Nvidia reported revenue of $46.7 billion and said demand from Microsoft and Meta stays strong.",
        "The European Union and the United States agreed a trade deal on Sunday.",
        "Mistral AI raised €600 million from unnamed investors.",
        "OpenAI launched GPT-5 on Thursday, powered by Microsoft's Azure supercomputers.",
        "Meta uses hundreds of thousands of Nvidia GPUs to train its Llama models.",
        "Recent Posts\n- Amazon invests $4 billion in Anthropic\n- Microsoft buys Inflection\nArchives\n- June 2025",
    ],
)
def test_traps_give_no_deal(text: str) -> None:
    assert extract(text) == []


def test_vague_and_non_deal_figures_give_no_amount() -> None:
    text = (
        "Oracle signed a cloud agreement with OpenAI worth billions of dollars.\n"
        "Oracle expects the contract to lift revenue above $30 billion a year."
    )
    m = only(text)
    assert m.amount_usd is None


def test_foreign_currency_keeps_text_and_currency_without_usd() -> None:
    m = only("Microsoft will invest €15 million in Mistral AI, the companies said on Monday.")
    assert (m.currency, m.amount_text, m.amount_usd) == ("EUR", "€15 million", None)


def test_foreign_currency_with_a_stated_conversion_gives_usd() -> None:
    m = only("ASML will invest €1.3 billion (about $1.5 billion) in Mistral AI.")
    assert m.amount_usd == pytest.approx(1.5e9)
    assert m.currency == "EUR"


def test_descriptor_resolves_to_the_company_named_before() -> None:
    text = "Anthropic builds the Claude models.\nGoogle agreed to put up to $2 billion into the startup."
    m = only(text)
    assert m.parties == ("Anthropic", "Google")


def test_right_of_first_refusal_replaces_exclusivity() -> None:
    text = (
        "Microsoft and OpenAI announced on Tuesday that they changed their partnership.\n"
        "OpenAI used Azure exclusively before; now Microsoft has a right of first refusal on new capacity."
    )
    m = only(text, published=date(2025, 1, 21))
    assert m.exclusivity == "right_of_first_refusal"
    assert m.compute_provider == "Microsoft Azure"


def test_revenue_share_is_attached_to_the_pair() -> None:
    text = (
        "Microsoft and OpenAI announced a new partnership on Tuesday.\n"
        "Microsoft gets 20 percent of OpenAI's revenue under the arrangement."
    )
    assert only(text, published=date(2025, 1, 21)).revenue_share_pct == 20.0


def test_undated_article_resolves_no_relative_date() -> None:
    m = only("Amazon hired Adept's chief executive and part of his team on Friday.", published=None)
    assert m.announced_on is None


def test_unknown_organisation_is_found_by_its_shape() -> None:
    m = only("Zentrix Robotics Inc. raised $40 million in a round led by Sequoia Capital.")
    assert "Zentrix Robotics" in m.parties


def test_evidence_points_at_the_text_it_quotes() -> None:
    text = (
        "Intro line.\nAmazon said on Tuesday it will invest up to $4 billion in Anthropic.\nMore."
    )
    m = only(text)
    assert text[m.evidence_start : m.evidence_end] == m.evidence
    assert "Anthropic" in m.evidence


def test_records_are_json_ready() -> None:
    record = only("Amazon will invest up to $4 billion in Anthropic.").to_record()
    assert record["parties"] == ["Amazon", "Anthropic"]
    assert isinstance(record["announced_on"], str | None)
