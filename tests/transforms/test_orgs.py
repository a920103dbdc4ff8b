"""Organisations: canonical names from the gazetteer, descriptors, and the fallback by shape."""

from __future__ import annotations

import itertools
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.resources import load_gazetteer
from transforms.orgs import Gazetteer, OrgMention, canonical_name, merge_mentions

GAZETTEER = load_gazetteer()


def found(text: str) -> list[tuple[str, str, bool, bool]]:
    mentions = GAZETTEER.find(text)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.name, m.is_product, m.in_gazetteer) for m in mentions]


@pytest.mark.parametrize(
    ("text", "written", "name"),
    [
        ("Amazon.com Inc. said it would invest.", "Amazon.com Inc", "Amazon"),
        ("Amazon.com will invest.", "Amazon.com", "Amazon"),
        ("Alphabet invested.", "Alphabet", "Google"),
        ("Google DeepMind signed.", "Google DeepMind", "Google"),
        ("DeepMind partnered.", "DeepMind", "Google"),
        ("Inflection said so.", "Inflection", "Inflection AI"),
        ("Inflection AI raised money.", "Inflection AI", "Inflection AI"),
        ("Meta Platforms Inc. invested.", "Meta Platforms Inc", "Meta"),
        ("Facebook invested.", "Facebook", "Meta"),
        ("Mistral raised money.", "Mistral", "Mistral AI"),
        ("Microsoft Corp. said.", "Microsoft Corp", "Microsoft"),
        ("the ChatGPT maker signed a deal", "the ChatGPT maker", "OpenAI"),
        ("the Redmond company invested", "the Redmond company", "Microsoft"),
        ("Nvidia Corp. agreed.", "Nvidia Corp", "Nvidia"),
        ("NVIDIA agreed.", "NVIDIA", "Nvidia"),
        ("Microsoft's investment", "Microsoft", "Microsoft"),
        ("Microsoft’s investment", "Microsoft", "Microsoft"),
        ("an OpenAI-backed startup", "OpenAI", "OpenAI"),
    ],
)
def test_canonical_names_from_aliases(text: str, written: str, name: str) -> None:
    assert found(text)[0][:2] == (written, name)
    assert found(text)[0][3] is True


@pytest.mark.parametrize(
    ("text", "written", "name"),
    [
        ("OpenAI runs on Azure.", "Azure", "Microsoft"),
        ("Microsoft Azure hosts it.", "Microsoft Azure", "Microsoft"),
        ("AWS will supply compute.", "AWS", "Amazon"),
        ("Amazon Web Services signed a deal", "Amazon Web Services", "Amazon"),
        ("Google Cloud signed a deal.", "Google Cloud", "Google"),
        ("an Oracle Cloud Infrastructure deal", "Oracle Cloud Infrastructure", "Oracle"),
    ],
)
def test_cloud_products_name_their_provider(text: str, written: str, name: str) -> None:
    (mention,) = [m for m in found(text) if m[2]]
    assert mention[:3] == (written, name, True)
    assert GAZETTEER.provider_of(name) is not None


def test_kinds_and_providers() -> None:
    assert GAZETTEER.kind_of("OpenAI") == "lab"
    assert GAZETTEER.kind_of("Nvidia") == "chipmaker"
    assert GAZETTEER.kind_of("CoreWeave") == "neocloud"
    assert GAZETTEER.kind_of("Reuters") == "media"
    assert GAZETTEER.kind_of("Not In The List") == "company"
    assert GAZETTEER.provider_of("Microsoft") == "Microsoft Azure"
    assert GAZETTEER.provider_of("Amazon") == "Amazon Web Services"
    assert GAZETTEER.provider_of("Google") == "Google Cloud"
    assert GAZETTEER.provider_of("Oracle") == "Oracle Cloud Infrastructure"
    assert GAZETTEER.provider_of("OpenAI") is None
    assert GAZETTEER.provider_of("Not In The List") is None
    org = GAZETTEER.get("Microsoft")
    assert org is not None and org.sells_compute and "Azure" in org.products


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Nvidia and AMD invested", ["Nvidia", "AMD"]),
        ("CoreWeave signed a deal with OpenAI", ["CoreWeave", "OpenAI"]),
        ("Bloomberg reported that Microsoft invested", ["Bloomberg", "Microsoft"]),
        ("Alphabet's Google backed Anthropic", ["Google", "Google", "Anthropic"]),
    ],
)
def test_several_organisations_in_order(text: str, names: list[str]) -> None:
    assert [m[1] for m in found(text)] == names


@pytest.mark.parametrize(
    "text",
    [
        "The company said on Monday",
        "The startup said it would raise money.",
        "non-Microsoft deals",
        "email@Microsoft.com",
        "see Microsoft.com for details",
        "microsoft invested",  # names are matched as written
        "He joined in March.",
        "",
    ],
)
def test_no_organisation(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "written", "name"),
    [
        ("Acme Robotics Inc. raised $5M.", "Acme Robotics Inc.", "Acme Robotics"),
        ("The deal with Acme Corp. closed", "Acme Corp.", "Acme"),
        ("an investment in Helix Bio Inc. this year", "Helix Bio Inc.", "Helix Bio"),
        ("Quillion Labs raised money", "Quillion Labs", "Quillion Labs"),
        ("startup Quillion raised $5M in a round.", "Quillion", "Quillion"),
        ("company Acme Robotics raised money", "Acme Robotics", "Acme Robotics"),
        ("Zentrix, a Paris-based startup, raised $5M.", "Zentrix", "Zentrix"),
        ("Zentrix AI, the startup, raised money", "Zentrix AI", "Zentrix AI"),
    ],
)
def test_fallback_organisations_not_in_the_gazetteer(text: str, written: str, name: str) -> None:
    mentions = [m for m in found(text) if not m[3]]
    assert [m[:2] for m in mentions] == [(written, name)]


def test_fallback_name_drops_a_sentence_final_full_stop() -> None:
    text = "Google hired the co-founders and staff of Acme Robotics."
    assert [m[1] for m in found(text) if not m[3]] == ["Acme Robotics"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Acme Robotics co-founders and staff will join Google.", "Acme Robotics"),
        ("Google poached Acme Robotics staff.", "Acme Robotics"),
        ("Microsoft and Quillion Labs teamed up.", "Quillion Labs"),
    ],
)
def test_fallback_runs_for_every_deal_cue(text: str, name: str) -> None:
    assert name in [m[1] for m in found(text)]


def discovered(text: str) -> list[tuple[str, str]]:
    """What the fallback finds beside the gazetteer's names, as the deal engine asks for it."""
    mentions = GAZETTEER.fallback(text, GAZETTEER.find(text, fallback=False))
    for m in mentions:
        assert text[m.start : m.end] == m.text and not m.in_gazetteer
    return [(m.text, m.name) for m in mentions]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a price paid for it
        (
            "Google paid $12 billion for Quillion Mobility.",
            [("Quillion Mobility", "Quillion Mobility")],
        ),
        (
            "Google agreed to pay $900 million for Quillion Mobility in cash.",
            [("Quillion Mobility", "Quillion Mobility")],
        ),
        # a sum of its stock
        ("Nvidia will buy $2 billion of Quillion stock.", [("Quillion", "Quillion")]),
        ("Nvidia will buy $2.5 billion of Quillion stock.", [("Quillion", "Quillion")]),
        # a round for it, with or without a figure in between
        (
            "It led a financing round of roughly half a billion dollars for Quillion.",
            [("Quillion", "Quillion")],
        ),
        ("It led a $40 million funding round for Quillion.", [("Quillion", "Quillion")]),
        ("It led a round in Quillion.", [("Quillion", "Quillion")]),
        ("The raise for Quillion closed.", [("Quillion", "Quillion")]),
        # a priced object in a list, after a known or a discovered one
        (
            "It bought Tableau for $15.7 billion and Bravora for $27.7 billion.",
            [("Bravora", "Bravora")],
        ),
        (
            "It bought Bravora for $2 billion and then Quillion for about $1 billion.",
            [("Bravora", "Bravora"), ("Quillion", "Quillion")],
        ),
        # a nationality before the describing noun is not the company
        ("SAP will buy Israeli software company WalkMe.", [("WalkMe", "WalkMe")]),
    ],
)
def test_fallback_finds_names_in_the_new_slots(text: str, names: list[tuple[str, str]]) -> None:
    assert discovered(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "Microsoft will invest in Britain.",
        "Nvidia will invest in South Korea.",
        "They paid $5 million for NEW YORK.",
        "Elon Musk's AI company raised money.",
        "Leaders met at the Paris AI summit to discuss a deal.",
    ],
)
def test_fallback_takes_no_place_person_or_places_ai_for_a_company(text: str) -> None:
    assert discovered(text) == []


def test_find_runs_the_fallback_for_a_sum_of_stock() -> None:
    assert found("Nvidia will buy $2 billion of Quillion stock.") == [
        ("Nvidia", "Nvidia", False, True),
        ("Quillion", "Quillion", False, False),
    ]


@pytest.mark.parametrize(
    ("text", "written", "name"),
    [
        ("HPE invested.", "HPE", "Hewlett Packard Enterprise"),
        (
            "Hewlett Packard Enterprise invested.",
            "Hewlett Packard Enterprise",
            "Hewlett Packard Enterprise",
        ),
        ("QIA invested.", "QIA", "Qatar Investment Authority"),
        ("NEA invested.", "NEA", "New Enterprise Associates"),
        ("ADIA invested.", "ADIA", "Abu Dhabi Investment Authority"),
        ("MUFG invested.", "MUFG", "Mitsubishi UFJ Financial Group"),
        ("The New York Times sued.", "The New York Times", "New York Times"),
        ("The Wall Street Journal reported.", "The Wall Street Journal", "Wall Street Journal"),
        ("The Guardian signed.", "The Guardian", "Guardian Media Group"),
    ],
)
def test_names_spelled_out_in_full(text: str, written: str, name: str) -> None:
    assert found(text) == [(written, name, False, True)]


def test_reliance_industries_is_apart_from_jio_platforms() -> None:
    assert [m[1] for m in found("Reliance Industries and Jio Platforms signed.")] == [
        "Reliance Industries",
        "Jio Platforms",
    ]


def mention(start: int, end: int, in_gazetteer: bool = True) -> OrgMention:
    return OrgMention(start, end, "x" * (end - start), "Acme", "company", in_gazetteer=in_gazetteer)


def spans(mentions: list[OrgMention]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in mentions]


@pytest.mark.parametrize(
    ("primary", "extra", "merged"),
    [
        ([(0, 5), (10, 15)], [(3, 8)], [(0, 5), (10, 15)]),  # overlaps a primary: dropped
        ([(0, 5), (10, 15)], [(5, 10)], [(0, 5), (5, 10), (10, 15)]),  # touching is no overlap
        ([], [(18, 25), (16, 20)], [(16, 20)]),  # the earlier extra wins
        ([], [(30, 35), (30, 40)], [(30, 40)]),  # at one start, the longer extra wins
        ([(20, 30)], [(0, 40)], [(20, 30)]),  # an extra around a primary: dropped
        ([(0, 10), (5, 8)], [], [(0, 10), (5, 8)]),  # primaries are kept as they are
        ([(10, 15), (0, 5)], [(40, 45), (20, 25)], [(0, 5), (10, 15), (20, 25), (40, 45)]),
        ([], [], []),
    ],
)
def test_merge_mentions(
    primary: list[tuple[int, int]], extra: list[tuple[int, int]], merged: list[tuple[int, int]]
) -> None:
    result = merge_mentions(
        [mention(s, e) for s, e in primary], [mention(s, e, False) for s, e in extra]
    )
    assert spans(result) == merged
    kept = {(m.start, m.end) for m in result if m.in_gazetteer}
    assert kept == set(primary)


def test_merge_mentions_on_fifty_thousand_extras() -> None:
    primary = [mention(10 * i, 10 * i + 4) for i in range(25_000)]
    overlapping = [mention(10 * i + 2, 10 * i + 6, False) for i in range(25_000)]
    free = [mention(10 * i + 5, 10 * i + 9, False) for i in range(25_000)]
    result = merge_mentions(primary, free[::-1] + overlapping)
    assert len(result) == 50_000
    assert spans(result) == sorted(spans(primary) + spans(free))


@pytest.mark.parametrize(
    ("text", "descriptor", "kinds"),
    [
        ("The company said on Monday", "The company", ()),
        ("the startup raised money", "the startup", ("lab", "company")),
        ("the chipmaker said", "the chipmaker", ("chipmaker",)),
        ("the San Francisco-based startup", "the San Francisco-based startup", ("lab", "company")),
        ("the cloud provider agreed", "the cloud provider", ("hyperscaler", "neocloud")),
        ("the AI lab", "the AI lab", ("lab",)),
        ("the fund invested", "the fund", ("investor",)),
    ],
)
def test_descriptors(text: str, descriptor: str, kinds: tuple[str, ...]) -> None:
    (start, end, words, found_kinds) = GAZETTEER.descriptors(text)[0]
    assert (text[start:end], words, found_kinds) == (descriptor, descriptor, kinds)


@pytest.mark.parametrize("text", ["startups raised money", "a company", "the company's shares"])
def test_not_descriptors(text: str) -> None:
    assert GAZETTEER.descriptors(text) == []


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Amazon.com Inc.", "Amazon"),  # "Amazon.com is Amazon"
        ("Wix.com Ltd.", "Wix"),
        ("Acme Corp.", "Acme"),
        ("Acme Corporation", "Acme"),
        ("Acme Holdings Ltd", "Acme"),
        ("Hyundai Motor Group", "Hyundai Motor Group"),  # a group's name keeps "Group"
        ("The Washington Post", "Washington Post"),
        ("Israel's Tower Semiconductor", "Tower Semiconductor"),
        ("South Korea’s AFW Partners", "AFW Partners"),
        ("Microsoft's OpenAI", "Microsoft's OpenAI"),  # owned by a company, not a place
        ("Acme, Inc.", "Acme"),
        ("Acme GmbH", "Acme"),
        ("Acme S.A.", "Acme"),
        ("OpenAI's", "OpenAI"),
        ("OpenAI’s", "OpenAI"),
        ("  Acme  ", "Acme"),
        ("Inc.", "Inc."),  # nothing left: keep what was written
    ],
)
def test_canonical_name(written: str, name: str) -> None:
    assert canonical_name(written) == name


def test_from_rows_later_rows_win_and_ambiguous_names_match_only_aliases() -> None:
    gazetteer = Gazetteer.from_rows(
        [
            {"name": "# a comment", "kind": "lab"},
            {"name": "Acme", "kind": "lab", "aliases": "Acme Labs"},
            {
                "name": "Acme",
                "kind": "neocloud",
                "aliases": "Acme Cloud Co",
                "compute_provider": "Acme Cloud",
            },
            {"name": "Apple", "kind": "company", "aliases": "Apple Inc", "ambiguous": "yes"},
            {"name": "Bigco", "kind": "", "products": "BigCloud"},
            {"name": ""},
        ]
    )
    assert set(gazetteer.organisations) == {"Acme", "Apple", "Bigco"}
    assert gazetteer.kind_of("Acme") == "neocloud" and gazetteer.kind_of("Bigco") == "company"
    assert gazetteer.provider_of("Acme") == "Acme Cloud"
    mentions = gazetteer.find("Apple and Apple Inc met Acme Cloud Co and BigCloud", fallback=False)
    assert [(m.text, m.name, m.is_product) for m in mentions] == [
        ("Apple Inc", "Apple", False),
        ("Acme Cloud Co", "Acme", False),
        ("BigCloud", "Bigco", True),
    ]
    # the overridden row's alias is gone: only the name itself matches
    assert [m.text for m in gazetteer.find("Acme Labs", fallback=False)] == ["Acme"]


def test_from_rows_rejects_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        Gazetteer.from_rows([{"name": "Acme", "kind": "spaceship"}])


def test_empty_gazetteer_finds_only_fallbacks() -> None:
    gazetteer = Gazetteer.from_rows([])
    assert gazetteer.find("Microsoft invested", fallback=False) == []
    assert [m.name for m in gazetteer.find("Acme Robotics Inc. raised money")] == ["Acme Robotics"]


NAMES = st.sampled_from(
    [
        "Microsoft", "Amazon.com Inc.", "Alphabet", "Azure", "AWS", "OpenAI", "the ChatGPT maker",
        "Acme Robotics Inc.", "startup Quillion", "Zentrix, a Paris-based startup", "the startup",
        "invested in", "raised", " ", ", ", ". ", "The company", "x", "(", ")", "'s", "-", "\n",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(NAMES, max_size=12).map("".join))
def test_mentions_index_the_text_without_overlaps(text: str) -> None:
    mentions = GAZETTEER.find(text)
    assert all(isinstance(m, OrgMention) for m in mentions)
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.name
    ordered = sorted(mentions, key=lambda m: m.start)
    assert mentions == ordered
    assert all(a.end <= b.start for a, b in itertools.pairwise(ordered))
    for start, end, words, _ in GAZETTEER.descriptors(text):
        assert text[start:end] == words


@pytest.mark.parametrize(
    "text",
    [
        "Acme " * 50_000 + "invested",
        "The " * 20_000 + "startup deal",
        "Acme, " * 20_000 + "a startup",
        "startup " * 20_000,
        "Microsoft " * 20_000,
    ],
)
def test_fast_on_long_runs_of_names(text: str) -> None:
    began = time.process_time()
    GAZETTEER.find(text)
    GAZETTEER.descriptors(text)
    assert time.process_time() - began < 2.0  # generous: 250,000 characters take about 0.5 s


@pytest.mark.parametrize(
    "text", ["Xyz" * 1_800 + " invested", "A-" * 2_500 + " invested"], ids=["XyzXyz", "A-A-"]
)
def test_fallback_is_fast_on_long_capitalised_tokens(text: str) -> None:
    # 5,000 characters: a linear scan takes about a millisecond; these take over half a second.
    began = time.process_time()
    GAZETTEER.find(text)
    assert time.process_time() - began < 0.1


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("Nvidia will invest.\nShares rose.\nA round led by X.", {0, 2}),
        ("It hired staff.\nHe is a shire horse fan.\nThey buy it\nrebuy", {0, 2}),
        ("No hint here\n\nnor here", set()),
        ("İstanbul fund\nquiet line", {0}),  # a letter that lowers to two characters
        ("Teamed Up\nTEAMED UP today", {0, 1}),
    ],
)
def test_fallback_hint_lines_are_the_lines_with_a_deal_word(text: str, lines: set[int]) -> None:
    assert GAZETTEER.fallback_hint_lines(text) == lines


HINT_PIECES = st.sampled_from(
    ["invest", "buy", "rebuy", "hire", "shire", "Fund", "team up", "pay ", "İ", "\n", " ", "x", "ß"]
)


@given(st.lists(HINT_PIECES | st.text(max_size=6), max_size=20).map("".join))
def test_fallback_hint_lines_agree_with_reading_each_line(text: str) -> None:
    by_line = {i for i, line in enumerate(text.split("\n")) if GAZETTEER.has_fallback_hint(line)}
    assert GAZETTEER.fallback_hint_lines(text) == by_line


def test_chip_model_numbers_are_not_discovered_as_companies() -> None:
    text = (
        "Under the supply deal it could not ship $2.5 billion of H20 orders or $1 billion of "
        "GB200 racks to G42."
    )
    names = {m.name for m in GAZETTEER.find(text)}
    assert "G42" in names
    assert not names & {"H20", "GB200"}
