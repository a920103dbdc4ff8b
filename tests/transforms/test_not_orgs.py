"""Places, nationalities and people that look like organisations but are not."""

from __future__ import annotations

import pytest

from transforms.not_orgs import DEMONYMS, PEOPLE, PLACES, is_person, is_place


@pytest.mark.parametrize(
    "words",
    [
        "Britain",
        "Israel",
        "California",
        "London",
        "Silicon Valley",
        "United Arab Emirates",
        "South Korea",
        "Washington D.C.",
        "São Paulo",
        "Israeli",  # nationalities count as places
        "South Korean",
        "NEW YORK",  # any capitalisation
        "new york",
        "saudi arabia",
        "  South   Korea ",  # spacing does not matter
        "South\nKorea",
    ],
)
def test_is_place(words: str) -> None:
    assert is_place(words)


@pytest.mark.parametrize(
    "words",
    ["Microsoft", "WalkMe", "Tower Semiconductor", "New York Times", "Korea Inc", "Koreas", ""],
)
def test_is_not_a_place(words: str) -> None:
    assert not is_place(words)


@pytest.mark.parametrize(
    "words",
    ["Elon Musk", "Musk", "Sam Altman", "Jensen Huang", "Masayoshi Son", "Elon  Musk", " Musk "],
)
def test_is_person(words: str) -> None:
    assert is_person(words)


@pytest.mark.parametrize(
    "words",
    [
        "elon musk",  # people are matched as written
        "Nvidia",
        "xAI",
        "Elon Musk's",
        "Huang",  # not every surname is listed on its own
        "London",
        "",
    ],
)
def test_is_not_a_person(words: str) -> None:
    assert not is_person(words)


def test_lists_keep_places_and_people_apart() -> None:
    assert "Israeli" in DEMONYMS and "Israel" in PLACES and "Elon Musk" in PEOPLE
    assert not PEOPLE & (PLACES | DEMONYMS)
