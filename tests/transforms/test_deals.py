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


# --- rules added for unseen coverage ---

Deal = tuple[frozenset[str], str, date | None, float | None]


def deal(parties: set[str], deal_type: str, on: date | None, usd: float | None = None) -> Deal:
    return frozenset(parties), deal_type, on, None if usd is None else round(usd)


def deals(text: str, published: date | None = date(2025, 3, 14)) -> set[Deal]:
    return {
        deal(set(m.parties), m.deal_type, m.announced_on, m.amount_usd)
        for m in extract(text, published=published)
    }


def roles(text: str, published: date | None = date(2025, 3, 14)) -> list[dict[str, str]]:
    return [
        dict(zip(m.parties, m.party_roles, strict=True)) for m in extract(text, published=published)
    ]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        pytest.param(
            "Salesforce agreed to buy Tableau for $15.7 billion in June 2019 and Slack for "
            "$27.7 billion in December 2020.",
            date(2021, 1, 15),
            {
                deal({"Salesforce", "Tableau"}, "acquisition", date(2019, 6, 1), 15.7e9),
                deal({"Salesforce", "Slack"}, "acquisition", date(2020, 12, 1), 27.7e9),
            },
            id="one-purchase-per-priced-object",
        ),
        pytest.param(
            "Salesforce agreed to buy Zentrix for $40 million in March 2021 and Bravora for "
            "$90 million in May 2023.",
            date(2025, 3, 14),
            {
                deal({"Salesforce", "Zentrix"}, "acquisition", date(2021, 3, 1), 40e6),
                deal({"Salesforce", "Bravora"}, "acquisition", date(2023, 5, 1), 90e6),
            },
            id="priced-objects-found-by-shape",
        ),
        pytest.param(
            "Quillion signed a partnership with Google on Monday. "
            "Nvidia paid $700 million for Quillion in December.",
            date(2025, 3, 14),
            {
                deal({"Google", "Quillion"}, "partnership", date(2025, 3, 10)),
                deal({"Nvidia", "Quillion"}, "acquisition", date(2024, 12, 1), 700e6),
            },
            id="a-name-found-by-shape-counts-everywhere-in-the-story",
        ),
    ],
)
def test_companies_found_by_shape_across_the_story(
    text: str, published: date, expected: set[Deal]
) -> None:
    assert deals(text, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Mistral AI raised €600 million in June 2024.\n"
            "The round was led by General Catalyst.\n"
            "Nvidia, Salesforce and Cisco were among the other participants.",
            {
                deal(
                    {"Mistral AI", "General Catalyst", "Nvidia", "Salesforce", "Cisco"},
                    "investment",
                    date(2024, 6, 1),
                )
            },
            id="led-by-and-other-participants-join-the-round",
        ),
        pytest.param(
            "Perplexity raised $500 million on Monday.\n"
            "The round was led by Institutional Venture Partners.",
            {deal({"Perplexity", "IVP"}, "investment", date(2025, 3, 10), 500e6)},
            id="the-round-was-led-by",
        ),
        pytest.param(
            "xAI raised $6 billion in a round on Monday.\n"
            "The round was led by Valor Equity Partners.\n"
            "Nvidia put in $1 billion of the total.",
            {
                deal({"xAI", "Valor Equity Partners"}, "investment", date(2025, 3, 10), 6e9),
                deal({"xAI", "Nvidia"}, "investment", date(2025, 3, 10), 1e9),
            },
            id="a-backers-share-is-its-own-record",
        ),
        pytest.param(
            "Anthropic raised $13 billion on Tuesday. "
            "The round was led by Iconiq, which put in $1 billion of the total.",
            {deal({"Anthropic", "ICONIQ"}, "investment", date(2025, 3, 11), 1e9)},
            id="a-leads-record-has-its-share-not-the-total",
        ),
    ],
)
def test_rounds_told_over_several_sentences(text: str, expected: set[Deal]) -> None:
    assert deals(text) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        pytest.param(
            "Anthropic.\nThe Claude developer raised $13 billion on Tuesday from Iconiq and Fidelity.",
            date(2025, 3, 14),
            {deal({"Anthropic", "ICONIQ", "Fidelity"}, "investment", date(2025, 3, 11), 13e9)},
            id="heading-line-and-a-name-inside-a-descriptor",
        ),
        pytest.param(
            "Perplexity.\nThe startup said on Monday that Nvidia would invest $100 million in it.",
            date(2025, 3, 14),
            {deal({"Perplexity", "Nvidia"}, "investment", date(2025, 3, 10), 100e6)},
            id="heading-line-is-what-the-startup-means",
        ),
        pytest.param(
            "Mistral AI builds open-weight models.\n"
            "Its June 2024 round raised $640 million, led by General Catalyst.",
            date(2025, 3, 14),
            {deal({"Mistral AI", "General Catalyst"}, "investment", date(2024, 6, 1), 640e6)},
            id="its-june-2024-round",
        ),
        pytest.param(
            "Q: How much money has Mistral AI raised?\n"
            "A: It raised €600 million in June 2024 from General Catalyst.",
            date(2025, 3, 14),
            {deal({"Mistral AI", "General Catalyst"}, "investment", date(2024, 6, 1))},
            id="interview-answer-it-raised",
        ),
        pytest.param(
            "Workday makes software for human-resources teams.\n"
            "Today, we announced an agreement to acquire Paradox, a conversational recruiting company.",
            date(2025, 3, 14),
            {deal({"Workday", "Paradox"}, "acquisition", date(2025, 3, 14))},
            id="we-in-a-company-blog",
        ),
        pytest.param(
            "Workday bought Evisort in 2024.\n"
            "Today, we announced an agreement to acquire Paradox, a conversational recruiting company.",
            date(2025, 3, 14),
            {
                deal({"Workday", "Evisort"}, "acquisition", date(2024, 1, 1)),
                deal({"Workday", "Paradox"}, "acquisition", date(2025, 3, 14)),
            },
            id="we-is-the-storys-buyer",
        ),
        pytest.param(
            "Salesforce raised its full-year revenue forecast in May 2025, a day after agreeing "
            "to buy Informatica for about $8 billion.",
            date(2025, 5, 29),
            {deal({"Salesforce", "Informatica"}, "acquisition", date(2025, 5, 1), 8e9)},
            id="a-day-after-agreeing-to-buy",
        ),
        pytest.param(
            "Google makes the Gemini models. At the end of August 2024 it hired the founders of "
            "Quillion Labs and most of the startup's staff.",
            date(2025, 3, 14),
            {deal({"Google", "Quillion Labs"}, "acquihire", date(2024, 8, 1))},
            id="at-the-end-of-august-it-hired",
        ),
        pytest.param(
            "Nvidia builds AI chips. Six years ago next month, it agreed to buy Mellanox for "
            "$6.9 billion.",
            date(2025, 3, 14),
            {deal({"Nvidia", "Mellanox"}, "acquisition", date(2019, 1, 1), 6.9e9)},
            id="opening-phrase-before-it",
        ),
        pytest.param(
            "Nuro, which began life as a robotaxi developer, has been reinventing itself; it "
            "raised $106 million on Monday from Baillie Gifford.",
            date(2025, 3, 14),
            {deal({"Nuro", "Baillie Gifford"}, "investment", date(2025, 3, 10), 106e6)},
            id="it-after-the-first-clause",
        ),
        pytest.param(
            "Much of Microsoft's spending is tied to OpenAI, which signed an $11.9 billion "
            "contract with CoreWeave in March.",
            date(2025, 3, 14),
            {deal({"OpenAI", "CoreWeave"}, "cloud_compute", date(2025, 3, 1), 11.9e9)},
            id="which-signed-has-the-company-just-named",
        ),
        pytest.param(
            "Reid Hoffman co-founded Inflection AI in 2022, and his venture firm Greylock led its "
            "$225 million round in May 2022.",
            date(2025, 3, 14),
            {deal({"Inflection AI", "Greylock"}, "investment", date(2022, 5, 1), 225e6)},
            id="and-his-venture-firm-starts-a-clause",
        ),
    ],
)
def test_the_subject_carries_into_later_sentences_and_clauses(
    text: str, published: date, expected: set[Deal]
) -> None:
    assert deals(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        pytest.param(
            "Microsoft signed a 20-year power purchase agreement with Constellation Energy in "
            "September 2024 to restart a reactor at Three Mile Island.",
            date(2024, 10, 1),
            {deal({"Microsoft", "Constellation Energy"}, "partnership", date(2024, 9, 1))},
            id="power-purchase-agreement",
        ),
        pytest.param(
            "Google agreed to buy power from small modular reactors built by Kairos Power, the "
            "companies said on Monday.",
            date(2025, 3, 14),
            {deal({"Google", "Kairos Power"}, "partnership", date(2025, 3, 10))},
            id="buying-power-is-no-takeover",
        ),
        pytest.param(
            "Getty Images and Shutterstock agreed to merge on Tuesday in a deal that values the "
            "combined company at $3.7 billion.",
            date(2025, 1, 8),
            {deal({"Getty Images", "Shutterstock"}, "acquisition", date(2025, 1, 7))},
            id="two-media-companies-merging",
        ),
        pytest.param(
            "Axel Springer agreed to buy Politico for about $1 billion in August 2021.",
            date(2021, 9, 1),
            {deal({"Axel Springer", "Politico"}, "acquisition", date(2021, 8, 1), 1e9)},
            id="one-media-company-buying-another",
        ),
        pytest.param(
            "Figma makes design software.\nAdobe agreed to buy the design-software startup for "
            "$20 billion in cash and stock in September 2022.",
            date(2023, 12, 20),
            {deal({"Adobe", "Figma"}, "acquisition", date(2022, 9, 1), 20e9)},
            id="buying-a-startup-for-cash-and-stock-is-an-acquisition",
        ),
        pytest.param(
            "CoreWeave went public in March. The Nvidia-backed company signed a $4 billion "
            "contract with OpenAI on Monday.",
            date(2025, 5, 30),
            {deal({"CoreWeave", "OpenAI"}, "cloud_compute", date(2025, 5, 26), 4e9)},
            id="a-backed-company-descriptor-points-back",
        ),
        pytest.param(
            "OpenAI signed a licensing deal with the Financial Times on Monday.",
            date(2025, 3, 14),
            {deal({"OpenAI", "Financial Times"}, "licensing", date(2025, 3, 10))},
            id="an-outlet-beside-one-company-is-a-party",
        ),
        pytest.param(
            "The AI Infrastructure Partnership was set up in September 2024 by BlackRock, "
            "Global Infrastructure Partners, Microsoft and MGX.",
            date(2025, 3, 14),
            {
                deal(
                    {"BlackRock", "Global Infrastructure Partners", "Microsoft", "MGX"},
                    "partnership",
                    date(2024, 9, 1),
                )
            },
            id="a-venture-set-up-by-its-founders",
        ),
        pytest.param(
            "The AI Infrastructure Partnership was set up in September 2024 by BlackRock, "
            "Microsoft and MGX.\nNvidia and Elon Musk's xAI have since joined.",
            date(2025, 3, 14),
            {
                deal(
                    {"BlackRock", "Microsoft", "MGX", "Nvidia", "xAI"},
                    "partnership",
                    date(2024, 9, 1),
                )
            },
            id="members-who-have-since-joined",
        ),
        pytest.param(
            "The Competition and Markets Authority said on Wednesday it was examining "
            "Microsoft's hiring of most of Inflection's staff.",
            date(2025, 3, 14),
            {deal({"Microsoft", "Inflection AI"}, "acquihire", date(2025, 3, 1))},
            id="hiring-of-most-of-the-staff-in-a-regulators-sentence",
        ),
        pytest.param(
            "Britain's Competition and Markets Authority opened an investigation in January 2021 "
            "into Nvidia's agreement to buy Arm, which was struck in September 2020.",
            date(2021, 2, 1),
            {deal({"Nvidia", "Arm"}, "acquisition", date(2020, 9, 1))},
            id="the-deal-under-review-keeps-the-date-it-was-agreed",
        ),
        pytest.param(
            "OpenAI signed an $11.9 billion contract with CoreWeave on Monday. "
            "Nvidia is also a CoreWeave shareholder.",
            date(2025, 3, 14),
            {
                deal({"OpenAI", "CoreWeave"}, "cloud_compute", date(2025, 3, 10), 11.9e9),
                deal({"Nvidia", "CoreWeave"}, "investment", date(2025, 3, 10)),
            },
            id="also-a-shareholder-is-a-stake",
        ),
        pytest.param(
            "Microsoft agreed on Monday to buy access to CoreWeave's Nvidia GPUs for $10 billion.",
            date(2025, 3, 14),
            {deal({"Microsoft", "CoreWeave"}, "cloud_compute", date(2025, 3, 10), 10e9)},
            id="renting-a-clouds-gpus-is-cloud-capacity",
        ),
        pytest.param(
            "Qualcomm held talks to buy Intel in October 2024, but the talks broke down.",
            date(2025, 3, 14),
            {deal({"Qualcomm", "Intel"}, "acquisition", date(2024, 10, 1))},
            id="collapsed-talks-still-give-a-record",
        ),
        pytest.param(
            "Amazon agreed in March 2024 to buy a data-centre campus from Talen Energy for "
            "$650 million.",
            date(2024, 4, 1),
            {deal({"Amazon", "Talen Energy"}, "acquisition", date(2024, 3, 1), 650e6)},
            id="a-data-centre-campus-is-bought-like-a-company",
        ),
        pytest.param(
            "Microsoft signed a power purchase agreement with Constellation Energy in September "
            "2024. Constellation agreed to buy Calpine for $16.4 billion in January 2025.",
            date(2025, 2, 1),
            {
                deal({"Microsoft", "Constellation Energy"}, "partnership", date(2024, 9, 1)),
                deal({"Constellation Energy", "Calpine"}, "acquisition", date(2025, 1, 1), 16.4e9),
            },
            id="short-form-of-a-known-name",
        ),
        pytest.param(
            "Nvidia agreed on Monday to buy $2 billion of Synopsys stock.",
            date(2025, 3, 14),
            {deal({"Nvidia", "Synopsys"}, "investment", date(2025, 3, 10), 2e9)},
            id="buying-a-companys-stock",
        ),
        pytest.param(
            "SoftBank agreed on Wednesday to buy the robotics division of ABB for $5.4 billion.",
            date(2025, 3, 14),
            {deal({"SoftBank", "ABB"}, "acquisition", date(2025, 3, 12), 5.4e9)},
            id="the-division-of-a-company",
        ),
        pytest.param(
            "In June 2019 Apple took on engineers from Drive.ai, a self-driving startup, and "
            "acquired the company.",
            date(2019, 7, 1),
            {deal({"Apple", "Drive.ai"}, "acquisition", date(2019, 6, 1))},
            id="acquired-the-company-after-naming-it",
        ),
        pytest.param(
            "Nuro raised $106 million from Baillie Gifford on Monday. "
            "Uber added an undisclosed investment last August.",
            date(2025, 3, 14),
            {
                deal({"Nuro", "Baillie Gifford"}, "investment", date(2025, 3, 10), 106e6),
                deal({"Nuro", "Uber"}, "investment", date(2024, 8, 1)),
            },
            id="an-undisclosed-stake-in-the-backed-company",
        ),
        pytest.param(
            "Warner Music Group signed a licensing deal with Suno on Tuesday. "
            "Warner will license its catalogue to Udio too.",
            date(2025, 3, 14),
            {
                deal({"Warner Music Group", "Suno"}, "licensing", date(2025, 3, 11)),
                deal({"Warner Music Group", "Udio"}, "licensing", date(2025, 3, 11)),
            },
            id="warner-after-warner-music-group",
        ),
        pytest.param(
            "Quillion Robotics said on Monday that the start-up's $56 million Series A was led "
            "by Sequoia Capital.",
            date(2025, 3, 14),
            {deal({"Quillion Robotics", "Sequoia Capital"}, "investment", date(2025, 3, 10), 56e6)},
            id="the-start-ups-series-a",
        ),
        pytest.param(
            "Perplexity raised $500 million on Monday from venture firm Institutional Venture "
            "Partners.",
            date(2025, 3, 14),
            {deal({"Perplexity", "IVP"}, "investment", date(2025, 3, 10), 500e6)},
            id="a-venture-firm-is-no-partnership",
        ),
        pytest.param(
            "Nvidia agreed on Monday to buy AI-chip start-up Quillion for $900 million.",
            date(2025, 3, 14),
            {deal({"Nvidia", "Quillion"}, "acquisition", date(2025, 3, 10), 900e6)},
            id="ai-chip-is-a-modifier",
        ),
        pytest.param(
            "Midjourney, which has grown without outside funding, signed a licensing deal with "
            "Meta on Friday.",
            date(2025, 3, 14),
            {deal({"Midjourney", "Meta"}, "licensing", date(2025, 3, 14))},
            id="without-outside-funding-is-no-investment",
        ),
    ],
)
def test_deal_kinds(text: str, published: date, expected: set[Deal]) -> None:
    assert deals(text, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "OpenAI signed a $4 billion contract with CoreWeave, the Nvidia-backed company, on Monday.",
            {deal({"OpenAI", "CoreWeave"}, "cloud_compute", date(2025, 3, 10), 4e9)},
            id="the-nvidia-backed-company",
        ),
        pytest.param(
            "Lambda, the Nvidia-backed company, signed a multibillion-dollar deal with Microsoft "
            "on Monday.",
            {deal({"Lambda", "Microsoft"}, "cloud_compute", date(2025, 3, 10))},
            id="nvidia-backed-is-no-investment-cue",
        ),
        pytest.param(
            "Poolside, like xAI, raised $500 million on Tuesday from Nvidia.",
            {deal({"Poolside", "Nvidia"}, "investment", date(2025, 3, 11), 500e6)},
            id="like-xai",
        ),
        pytest.param(
            "CoreWeave signed an $11.9 billion contract with OpenAI on Monday, widening its "
            "customer base beyond Microsoft.",
            {deal({"CoreWeave", "OpenAI"}, "cloud_compute", date(2025, 3, 10), 11.9e9)},
            id="customer-base-beyond-microsoft",
        ),
        pytest.param(
            "Elon Musk's AI company xAI raised $6 billion on Monday from Sequoia Capital and "
            "Andreessen Horowitz.",
            {
                deal(
                    {"xAI", "Sequoia Capital", "Andreessen Horowitz"},
                    "investment",
                    date(2025, 3, 10),
                    6e9,
                )
            },
            id="a-person-is-no-company",
        ),
        pytest.param(
            "OpenAI agreed to invest $10 billion in Quillion on Monday, Reuters later reported.",
            {deal({"OpenAI", "Quillion"}, "investment", date(2025, 3, 10), 10e9)},
            id="later-reported-is-a-source",
        ),
        pytest.param(
            "Poolside, which competes against OpenAI, raised $500 million from Nvidia on Monday.",
            {deal({"Poolside", "Nvidia"}, "investment", date(2025, 3, 10), 500e6)},
            id="competing-against-a-company",
        ),
        pytest.param(
            "SAP agreed on Wednesday to buy Israeli software company WalkMe for about $1.5 billion.",
            {deal({"SAP", "WalkMe"}, "acquisition", date(2025, 3, 12), 1.5e9)},
            id="a-nationality-is-no-company",
        ),
        pytest.param(
            "Microsoft agreed to buy Israel's Zentrix Semiconductor for $300 million on Monday.",
            {deal({"Microsoft", "Zentrix Semiconductor"}, "acquisition", date(2025, 3, 10), 300e6)},
            id="a-place-that-owns-a-name",
        ),
        pytest.param(
            "Google invested $200 million in Japan's Quillion AI on Monday.",
            {deal({"Google", "Quillion AI"}, "investment", date(2025, 3, 10), 200e6)},
            id="a-country-that-owns-a-name",
        ),
        pytest.param(
            "Microsoft and Saudi Arabia's Humain signed a partnership on Monday.",
            {deal({"Microsoft", "Humain"}, "partnership", date(2025, 3, 10))},
            id="a-multi-word-country",
        ),
        pytest.param(
            "Leaders met at the Paris AI Summit in February. "
            "Mistral AI raised €600 million from General Catalyst on Tuesday.",
            {deal({"Mistral AI", "General Catalyst"}, "investment", date(2025, 3, 11))},
            id="a-places-ai-summit",
        ),
    ],
)
def test_named_but_not_a_party(text: str, expected: set[Deal]) -> None:
    assert deals(text) == expected


@pytest.mark.parametrize(
    ("text", "amount_usd"),
    [
        pytest.param(
            "Microsoft agreed to buy Nuance for $25 a share on Monday.", None, id="price-per-share"
        ),
        pytest.param(
            "Microsoft agreed to buy Nuance for $19.7 billion, or $56 a share, on Monday.",
            19.7e9,
            id="price-beside-price-per-share",
        ),
        pytest.param(
            "Alphabet agreed on Tuesday to buy Wiz, with a $3.2 billion break-up fee.",
            None,
            id="break-up-fee",
        ),
        pytest.param(
            "Synopsys agreed to buy Ansys for $35 billion on Tuesday. Synopsys would pay a "
            "termination fee of $1.5 billion if regulators block the deal.",
            35e9,
            id="termination-fee",
        ),
        pytest.param(
            "Alphabet, which ended October with $60.6 billion in cash and short-term investments, "
            "agreed to buy Wiz on Tuesday.",
            None,
            id="cash-pile",
        ),
        pytest.param(
            "Alphabet ended October with $60.6 billion in cash and short-term investments, and "
            "agreed to buy Wiz for $32 billion.",
            32e9,
            id="cash-pile-beside-the-price",
        ),
        pytest.param(
            "CoreWeave said its backlog reached $30 billion after OpenAI signed a contract with "
            "it on Monday.",
            None,
            id="backlog",
        ),
    ],
)
def test_figures_that_are_no_deal_value(text: str, amount_usd: float | None) -> None:
    m = only(text)
    assert (m.amount_usd, m.valuation_usd) == (amount_usd, None)


@pytest.mark.parametrize(
    "text",
    [
        "Salesforce raised its full-year revenue forecast on Wednesday.",
        "Nvidia raised its revenue forecast for the current quarter to $54 billion.",
        "Microsoft said on Tuesday it would invest $30 billion in Britain over four years.",
        "Blackstone agreed to invest $13.7 billion in Britain to build a data centre.",
        # without a heading line, nobody is there for "the startup" to mean
        "The startup said on Monday that Nvidia would invest $100 million in it.",
    ],
)
def test_unseen_traps_give_no_deal(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Workday makes software for human-resources teams.\n"
            "Today, we announced an agreement to acquire Paradox, a conversational recruiting company.",
            [{"Paradox": "target", "Workday": "acquirer"}],
            id="we-is-the-buyer",
        ),
        pytest.param(
            "Anthropic raised $13 billion on Tuesday. "
            "The round was led by Iconiq, which put in $1 billion of the total.",
            [{"Anthropic": "investee", "ICONIQ": "investor"}],
            id="the-lead-backs-the-round",
        ),
        pytest.param(
            "SAP agreed on Wednesday to buy Israeli software company WalkMe for about $1.5 billion.",
            [{"SAP": "acquirer", "WalkMe": "target"}],
            id="the-company-after-its-nationality-is-bought",
        ),
        pytest.param(
            "Nuro raised $106 million from Baillie Gifford on Monday. "
            "Uber added an undisclosed investment last August.",
            [
                {"Baillie Gifford": "investor", "Nuro": "investee"},
                {"Nuro": "investee", "Uber": "investor"},
            ],
            id="the-undisclosed-stake-backs-the-storys-company",
        ),
        pytest.param(
            "In June 2019 Apple took on engineers from Drive.ai, a self-driving startup, and "
            "acquired the company.",
            [{"Apple": "acquirer", "Drive.ai": "target"}],
            id="the-company-named-before-is-the-target",
        ),
    ],
)
def test_unseen_roles(text: str, expected: list[dict[str, str]]) -> None:
    assert sorted(roles(text), key=sorted) == sorted(expected, key=sorted)


# --- backers named in passing, joint build-outs, forward-looking years ---


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        pytest.param(
            "Claude maker Anthropic, which is backed by Amazon and Google, said on Wednesday it "
            "will invest $50 billion in custom-built AI data centres in Texas and New York with "
            "London-based Fluidstack.",
            date(2025, 11, 13),
            {
                deal({"Amazon", "Anthropic"}, "investment", None),
                deal({"Anthropic", "Google"}, "investment", None),
                deal({"Anthropic", "Fluidstack"}, "cloud_compute", date(2025, 11, 12), 50e9),
            },
            id="which-is-backed-by-gives-one-undated-tie-per-backer",
        ),
        pytest.param(
            "Mistral AI, which is backed by Microsoft, Nvidia and Andreessen Horowitz, said on "
            "Monday it had signed a partnership with Helsing.",
            date(2025, 9, 12),
            {
                deal({"Microsoft", "Mistral AI"}, "investment", None),
                deal({"Mistral AI", "Nvidia"}, "investment", None),
                deal({"Andreessen Horowitz", "Mistral AI"}, "investment", None),
                deal({"Helsing", "Mistral AI"}, "partnership", date(2025, 9, 8)),
            },
            id="a-listed-parenthetical-runs-to-the-verb-after-it",
        ),
        pytest.param(
            "Cohere, funded by Oracle and Nvidia, raised $500 million on Thursday from Radical "
            "Ventures.",
            date(2025, 9, 12),
            {
                deal({"Cohere", "Oracle"}, "investment", None),
                deal({"Cohere", "Nvidia"}, "investment", None),
                deal({"Cohere", "Radical Ventures"}, "investment", date(2025, 9, 11), 500e6),
            },
            id="participle-funded-by",
        ),
        pytest.param(
            "Anthropic said it will invest $50 billion in data centres in Texas with Fluidstack, "
            "with sites coming online through 2026.",
            None,
            {deal({"Anthropic", "Fluidstack"}, "cloud_compute", None, 50e9)},
            id="through-a-year-is-no-announcement-date",
        ),
        pytest.param(
            "The US government agreed on Friday to buy 433.3 million Intel shares at $20.47 "
            "each, for a total of $8.9 billion.",
            date(2025, 8, 26),
            {deal({"Intel", "US government"}, "investment", date(2025, 8, 22), 8.9e9)},
            id="a-government-stake-priced-in-total-not-per-share",
        ),
        pytest.param(
            "Nvidia said on Tuesday the US government has assured it the licences to sell its "
            "H20 chip will be granted.",
            date(2025, 7, 15),
            set(),
            id="a-government-licence-is-a-permit",
        ),
        pytest.param(
            "SoftBank agreed on Friday to buy 40% of Graphcore.",
            date(2025, 8, 26),
            {deal({"Graphcore", "SoftBank"}, "investment", date(2025, 8, 22))},
            id="buying-under-half-is-a-stake",
        ),
        pytest.param(
            "A new company, funded by SoftBank, OpenAI and Oracle, would deploy $100 billion "
            "on Tuesday.",
            date(2025, 1, 22),
            {deal({"OpenAI", "Oracle", "SoftBank"}, "investment", date(2025, 1, 21), 100e9)},
            id="backers-of-no-named-company-stay-one-record",
        ),
        pytest.param(
            "The European Commission has approved the proposed acquisition of Run:ai by Nvidia. "
            "The Commission concluded that the transaction would raise no competition concerns. "
            "The transaction was announced in April 2024.",
            date(2024, 12, 20),
            {deal({"Nvidia", "Run:ai"}, "acquisition", date(2024, 4, 1))},
            id="a-regulator-clears-the-acquisition-of-x-by-y-announced-earlier",
        ),
        pytest.param(
            "Intel laid out the terms of the US government's investment in the chipmaker in a "
            "filing on Monday. The two sides announced the agreement on Friday.",
            date(2025, 8, 26),
            {deal({"Intel", "US government"}, "investment", date(2025, 8, 22))},
            id="the-two-sides-announced-the-agreement-dates-it",
        ),
        pytest.param(
            "Sakana AI said on Wednesday it had raised $214 million in a Series A led by Lux "
            "Capital. The round comes eight months after the company raised $30 million in seed "
            "funding led by Lux Capital.",
            date(2024, 9, 4),
            {
                deal({"Lux Capital", "Sakana AI"}, "investment", date(2024, 9, 4), 214e6),
                deal({"Lux Capital", "Sakana AI"}, "investment", None, 30e6),
            },
            id="a-round-that-comes-after-an-earlier-one-keeps-them-apart",
        ),
        pytest.param(
            "In July Google agreed to pay $2.4 billion to license Windsurf's technology and hire "
            "its chief executive. Cognition bought what was left of Windsurf days later.",
            date(2025, 9, 20),
            {
                deal({"Google", "Windsurf"}, "acquihire", date(2025, 7, 1), 2.4e9),
                deal({"Cognition", "Windsurf"}, "acquisition", date(2025, 7, 1)),
            },
            id="days-later-is-the-month-of-the-deal-just-told",
        ),
        pytest.param(
            "French shipping group CMA CGM has signed a five-year partnership with Mistral AI, the "
            "company said on Sunday. CMA CGM, which reported revenue of $55.5 billion last year, is an early "
            "investor in Mistral. In March it also pledged $20 billion of investment in US "
            "shipping.",
            date(2025, 4, 7),
            {
                deal({"CMA CGM", "Mistral AI"}, "partnership", date(2025, 4, 6)),
                deal({"CMA CGM", "Mistral AI"}, "investment", None),
            },
            id="an-early-investor-is-a-tie-of-its-own-and-an-aside-dates-nothing",
        ),
        pytest.param(
            "SoftBank said on Wednesday it had agreed to acquire Ampere Computing, the designer of "
            "Arm-based server processors, for $6.5 billion.\n"
            "Summary: SoftBank buys Ampere, adding a chip designer alongside Arm.",
            date(2025, 3, 20),
            {deal({"Ampere Computing", "SoftBank"}, "acquisition", date(2025, 3, 19), 6.5e9)},
            id="an-architecture-is-no-party-and-a-summary-restates",
        ),
        pytest.param(
            "Universal Music Group signed a licensing deal with Udio in late October, and within "
            "days it announced a partnership with Stability AI.",
            date(2025, 11, 26),
            {
                deal({"Udio", "Universal Music Group"}, "licensing", date(2025, 10, 1)),
                deal({"Stability AI", "Universal Music Group"}, "partnership", date(2025, 10, 1)),
            },
            id="and-within-days-starts-a-deal-of-its-own",
        ),
        pytest.param(
            "A month of contracts:\n"
            "- March: OpenAI signed a contract worth $11.9 billion for CoreWeave capacity. In a "
            "separate part of the deal, OpenAI received $350 million of CoreWeave stock.\n"
            "- May: OpenAI expanded the contract by $4 billion, through April 2029.\n"
            "- Last Thursday: OpenAI added a further contract worth up to $6.5 billion.",
            date(2025, 9, 30),
            {
                deal({"CoreWeave", "OpenAI"}, "cloud_compute", date(2025, 3, 1), 11.9e9),
                deal({"CoreWeave", "OpenAI"}, "investment", date(2025, 3, 1), 350e6),
                deal({"CoreWeave", "OpenAI"}, "cloud_compute", date(2025, 5, 1), 4e9),
                deal({"CoreWeave", "OpenAI"}, "cloud_compute", date(2025, 9, 25), 6.5e9),
            },
            id="a-timeline-dates-each-entry-and-expansions-are-their-own-orders",
        ),
        pytest.param(
            "Databricks agreed in June 2023 to pay $1.3 billion for MosaicML. A year later, in "
            "June 2024, it bought Tabular for more than $1 billion. In May of this year it agreed "
            "to acquire Neon for about $1 billion.",
            date(2025, 9, 10),
            {
                deal({"Databricks", "MosaicML"}, "acquisition", date(2023, 6, 1), 1.3e9),
                deal({"Databricks", "Tabular"}, "acquisition", date(2024, 6, 1), 1e9),
                deal({"Databricks", "Neon"}, "acquisition", date(2025, 5, 1), 1e9),
            },
            id="it-stays-the-buyer-not-what-it-bought",
        ),
        pytest.param(
            "Harvey, the AI platform for legal services, said on Monday it has raised $300 "
            "million in a round led by Kleiner Perkins.",
            date(2025, 6, 24),
            {deal({"Harvey", "Kleiner Perkins"}, "investment", date(2025, 6, 23), 300e6)},
            id="an-apposition-with-the-shows-a-company",
        ),
        pytest.param(
            "Cohere raised $500 million on Thursday. The valuation is triple the figure from "
            "June 2023, when Cohere raised $270 million in a round led by Inovia Capital.",
            date(2025, 8, 15),
            {deal({"Cohere", "Inovia Capital"}, "investment", date(2023, 6, 1), 270e6)},
            id="a-date-followed-by-when-dates-that-event",
        ),
        pytest.param(
            "OpenAI signed a letter of intent with Nvidia on Sept. 22 for 10 gigawatts of Nvidia "
            "chips. OpenAI and Broadcom said on Oct. 13 they will deploy 10 gigawatts of custom "
            "accelerators.\n"
            "AMD (Oct. 6). Advanced Micro Devices agreed to supply 6 gigawatts of its Instinct "
            "GPUs over several years.",
            date(2025, 10, 15),
            {
                deal({"Nvidia", "OpenAI"}, "chip_supply", date(2025, 9, 22)),
                deal({"Broadcom", "OpenAI"}, "chip_supply", date(2025, 10, 13)),
                deal({"AMD", "OpenAI"}, "chip_supply", date(2025, 10, 6)),
            },
            id="chips-supplied-to-no-one-named-go-to-the-story-s-buyer",
        ),
        pytest.param(
            "Also on Monday, Cognition, the maker of the Devin coding agent that bought Windsurf "
            "in July, said it raised more than $400M at a $10.2 billion valuation. Founders Fund "
            "led, with Lux Capital, 8VC and Bain Capital Ventures participating.",
            date(2025, 9, 12),
            {
                deal({"Cognition", "Windsurf"}, "acquisition", date(2025, 7, 1)),
                deal(
                    {"8VC", "Bain Capital Ventures", "Cognition", "Founders Fund", "Lux Capital"},
                    "investment",
                    date(2025, 9, 8),
                    400e6,
                ),
            },
            id="an-apposition-tells-its-own-deal-and-the-round-keeps-its-figure",
        ),
        pytest.param(
            "Microsoft to pay for Claude. Microsoft will pay Anthropic to use its models in "
            "Office, The Information reported on Tuesday.",
            date(2025, 9, 12),
            {deal({"Anthropic", "Microsoft"}, "licensing", date(2025, 9, 9))},
            id="a-product-is-no-party",
        ),
        pytest.param(
            "CoreWeave said on Tuesday it signed a deal with Meta. It is also waiting for "
            "shareholders of Core Scientific to vote on its roughly $9 billion all-stock purchase "
            "of the data-centre operator, a deal the two companies agreed in July.",
            date(2025, 9, 30),
            {
                deal({"CoreWeave", "Meta"}, "cloud_compute", date(2025, 9, 30)),
                deal({"Core Scientific", "CoreWeave"}, "acquisition", date(2025, 7, 1), 9e9),
            },
            id="its-purchase-of-after-it-is",
        ),
        pytest.param(
            "Salesforce said on Tuesday it had agreed to acquire Informatica for about $8 "
            "billion. The figure is net of the stake Salesforce already holds in Informatica. It "
            "would be Salesforce's largest purchase since it agreed to pay $27.7 billion for "
            "workplace messaging service Slack in December 2020.",
            date(2025, 5, 27),
            {
                deal({"Informatica", "Salesforce"}, "acquisition", date(2025, 5, 27), 8e9),
                deal({"Informatica", "Salesforce"}, "investment", None),
                deal({"Salesforce", "Slack"}, "acquisition", date(2020, 12, 1), 27.7e9),
            },
            id="a-stake-already-held-and-a-price-paid-for-a-described-company",
        ),
        pytest.param(
            "News Corp said on Wednesday it had reached a multi-year agreement allowing OpenAI to "
            "use articles from its publications, including The Wall Street Journal and Barron's. "
            "The Financial Times signed a licensing agreement with OpenAI in April, and Germany's "
            "Axel Springer struck a deal with OpenAI in December.",
            date(2024, 5, 23),
            {
                deal({"News Corp", "OpenAI"}, "licensing", date(2024, 5, 22)),
                deal({"Financial Times", "OpenAI"}, "licensing", date(2024, 4, 1)),
                deal({"Axel Springer", "OpenAI"}, "licensing", date(2023, 12, 1)),
            },
            id="a-licensor-s-titles-are-no-parties-and-and-x-struck-is-its-own-deal",
        ),
        pytest.param(
            "1. Lambda banks $480M\n"
            "Lambda said on Wednesday it had raised $480M in a Series D led by Andra Capital. "
            "Nvidia also took part.\n"
            "2. Together AI: $305 million at $3.3 billion\n"
            "A day later, Together AI announced a $305 million Series B led by General Catalyst. "
            "Kleiner Perkins and Lux Capital joined. The round values the company at $3.3 billion.",
            date(2025, 2, 22),
            {
                deal({"Andra Capital", "Lambda", "Nvidia"}, "investment", date(2025, 2, 19), 480e6),
                deal(
                    {"General Catalyst", "Kleiner Perkins", "Lux Capital", "Together AI"},
                    "investment",
                    date(2025, 2, 20),
                    305e6,
                ),
            },
            id="a-newsletter-item-heading-a-day-later-and-backers-who-joined",
        ),
        pytest.param(
            "Uber added an undisclosed investment in Wayve last August.",
            date(2025, 9, 19),
            {deal({"Uber", "Wayve"}, "investment", date(2024, 8, 1))},
            id="last-august-in-september-is-a-year-back",
        ),
    ],
)
def test_backers_and_build_outs(text: str, published: date | None, expected: set[Deal]) -> None:
    assert deals(text, published) == expected


def test_shares_received_make_the_issuer_the_investee() -> None:
    (stake,) = roles(
        "In a separate deal on Monday, OpenAI received $350 million of CoreWeave stock.",
        published=date(2025, 3, 12),
    )
    assert stake == {"CoreWeave": "investee", "OpenAI": "investor"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Pang, who joined Apple from Google in 2021, managed the engineers working on the "
            "models that run in Apple's private cloud.",
            id="a-person-who-joined-one-company-from-another",
        ),
        pytest.param(
            "The plans landed days after DeepSeek showed a cheap model, which knocked $600 "
            "billion off Nvidia's market value and raised questions about AI spending.",
            id="raised-questions-is-no-round",
        ),
        pytest.param(
            "The Commerce Department said on Monday the US government had granted Nvidia a "
            "licence to export H20 chips to China.",
            id="an-export-licence",
        ),
    ],
)
def test_people_doubts_and_permits_give_no_deal(text: str) -> None:
    assert deals(text, date(2025, 7, 15)) == set()


def test_the_company_in_a_roundup_item_is_the_item_s_company() -> None:
    found = extract(
        "1. Lambda banks $480M\n"
        "Lambda said on Wednesday it had raised $480M in a Series D led by Andra Capital.\n"
        "2. Together AI: $305 million at $3.3 billion\n"
        "A day later, Together AI announced a $305 million Series B led by General Catalyst. "
        "The round values the company at $3.3 billion.",
        published=date(2025, 2, 22),
    )
    valuations = {m.parties: m.valuation_usd for m in found}
    assert valuations == {
        ("Andra Capital", "Lambda"): None,
        ("General Catalyst", "Together AI"): 3.3e9,
    }


def test_cheaper_in_a_description_is_no_shopping_deal() -> None:
    m = only(
        "Helix Data agreed on Tuesday to acquire Quanta Labs, a startup whose tools make it far "
        "cheaper to train language models."
    )
    assert (m.parties, m.deal_type) == (("Helix Data", "Quanta Labs"), "acquisition")


@pytest.mark.parametrize(
    "text",
    [
        "Deal: the RTX laptop is $300 cheaper this week at Best Buy after Dell partnered with Intel.",
        "A laptop deal: Dell partnered with Intel, and you won't find it cheaper anywhere else.",
    ],
)
def test_a_price_said_cheaper_is_still_shopping(text: str) -> None:
    assert deals(text) == set()


def test_an_all_capitals_headline_gives_no_name_shapes() -> None:
    found = extract(
        "KAPPA ROBOTICS AND ORION LABS FORM $90 MILLION WAREHOUSE AI VENTURE\n"
        "Kappa Robotics and Orion Labs formed a joint venture on Monday, the companies said."
    )
    assert {name for m in found for name in m.parties} <= {"Kappa Robotics", "Orion Labs"}
    assert found


@pytest.mark.parametrize(
    "text",
    [
        "Nvidia to restart H20 sales to China as Washington says licences will follow. It "
        "could not ship $2.5 billion of H20 orders last quarter",
        "Nvidia said on Monday it had filed to resume sales of its H20 chip to China, and that "
        "the GB200 and MI308 parts were not covered by the licences.",
    ],
)
def test_a_chip_model_number_is_not_a_company(text: str) -> None:
    title = text.split(".")[0]
    assert extract(f"{title}\n\n{text}", title=title) == []


def test_a_timeline_item_without_a_subject_is_the_story_s_company() -> None:
    found = extract(
        "Timeline: how Lumora built its business\n"
        "Lumora, the robotics software company, was founded in 2019. Lumora now sells to "
        "carmakers, and Lumora said last week it was profitable.\n"
        "June 2022 - Raises $40 million in a Series A led by Index Ventures, with participation "
        "from Nvidia.\n"
        "March 2024 - Agrees to buy sensor start-up Kelvix Labs for $90 million.",
        published=date(2025, 5, 2),
    )
    assert {(m.parties, m.deal_type, m.announced_on) for m in found} == {
        (("Index Ventures", "Lumora", "Nvidia"), "investment", date(2022, 6, 1)),
        (("Kelvix Labs", "Lumora"), "acquisition", date(2024, 3, 1)),
    }


def test_we_who_raise_in_a_company_post_are_the_company_raising() -> None:
    found = extract(
        "Our Series B: $80 million led by Harbor Ventures\n\n"
        "Quillon AI blog | 3 March 2025\n\n"
        "Today we are announcing a Series B round of $80 million. The round is led by Harbor "
        "Ventures, which is investing $50 million in Quillon AI.\n\n"
        "Last year we also closed a $15 million round led by Pine Street Capital.",
        published=date(2025, 3, 3),
    )
    assert {m.parties: m.amount_usd for m in found} == {
        ("Harbor Ventures", "Quillon AI"): 5e7,  # the lead's own cheque
        ("Pine Street Capital", "Quillon AI"): 1.5e7,
    }
