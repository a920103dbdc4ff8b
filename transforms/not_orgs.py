"""Capitalised words that look like organisations but are not: places, nationalities, people,
products.

The organisation fallback finds companies by shape ("agreed to buy Tableau", "Israeli software
company WalkMe"); these lists stop it taking the place, the nationality or the person in such a
phrase for the company ("invest in Britain", "acquire Israeli ...", "South Korea's AFW Partners",
"Elon Musk's AI company"). They hold what news about the AI industry names often, not a gazetteer
of the world.
"""

from __future__ import annotations

import re

__all__ = ["DEMONYMS", "PEOPLE", "PLACES", "PRODUCTS", "is_person", "is_place", "is_product"]

_COUNTRIES = """
Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Bahrain Bangladesh
Belarus Belgium Bolivia Brazil Britain Bulgaria Cambodia Cameroon Canada Chile China Colombia
Croatia Cuba Cyprus Czechia Denmark Ecuador Egypt England Estonia Ethiopia Finland France Georgia
Germany Ghana Greece Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Japan Jordan
Kazakhstan Kenya Korea Kuwait Latvia Lebanon Lithuania Luxembourg Malaysia Malta Mexico Morocco
Netherlands Nigeria Norway Oman Pakistan Peru Philippines Poland Portugal Qatar Romania Russia
Rwanda Scotland Serbia Singapore Slovakia Slovenia Spain Sweden Switzerland Taiwan Thailand Tunisia
Turkey Uganda Ukraine Uruguay Uzbekistan Venezuela Vietnam Wales
"""
_MULTIWORD = [
    "United States", "United Kingdom", "United Arab Emirates", "Saudi Arabia", "South Korea",
    "North Korea", "South Africa", "New Zealand", "Czech Republic", "Hong Kong", "Abu Dhabi",
    "New York", "New Jersey", "New Mexico", "North Carolina", "South Carolina", "North Dakota",
    "South Dakota", "West Virginia", "Rhode Island", "New Hampshire", "San Francisco",
    "Los Angeles", "San Jose", "San Diego", "Santa Clara", "Palo Alto", "Mountain View",
    "Menlo Park", "Silicon Valley", "Bay Area", "Washington D.C.", "Tel Aviv", "Sao Paulo",
    "São Paulo", "Kuala Lumpur", "Middle East", "Latin America", "North America",
    "South America", "Southeast Asia", "East Asia", "Western Europe", "Eastern Europe",
    "Mainland China", "Greater China", "Gulf States", "Persian Gulf", "Wall Street",
]  # fmt: skip
_US_STATES = """
Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho
Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota
Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas
Utah Vermont Virginia Washington Wisconsin Wyoming
"""
_CITIES_AND_REGIONS = """
Africa America Americas Amsterdam Arctic Asia Athens Atlanta Austin Bangalore Bengaluru Barcelona
Beijing Berlin Boston Brussels Budapest Cambridge Chicago Copenhagen Dallas Delhi Denver Detroit
Dubai Dublin Europe Frankfurt Geneva Guangzhou Hangzhou Helsinki Houston Istanbul Jakarta Jeddah
Lisbon London Madrid Manchester Melbourne Miami Milan Montreal Moscow Mumbai Munich Nairobi Oslo
Oxford Paris Phoenix Prague Redmond Riyadh Rome Seattle Seoul Shanghai Shenzhen Stockholm Sydney
Taipei Tokyo Toronto Vancouver Vienna Warsaw Zurich Cupertino Sunnyvale Pittsburgh Brooklyn
Manhattan Oakland Asia-Pacific Europe-wide Scandinavia Bavaria Ontario Quebec Alberta Kyiv
"""
_DEMONYMS = """
African American Arab Argentine Asian Australian Austrian Belgian Brazilian British Canadian
Chilean Chinese Colombian Croatian Czech Danish Dutch Egyptian Emirati English Estonian European
Filipino Finnish French German Greek Gulf Hungarian Indian Indonesian Iranian Irish Israeli
Italian Japanese Kenyan Korean Latvian Lithuanian Malaysian Mexican Moroccan Nigerian Norwegian
Pakistani Polish Portuguese Qatari Romanian Russian Saudi Scottish Singaporean Spanish Swedish
Swiss Taiwanese Thai Turkish Ukrainian Vietnamese Welsh Nordic Bavarian Californian Texan
Parisian Londoner Korean-American Chinese-American
"""

# People whom deal news names in company-shaped phrases ("Elon Musk's xAI", "Jeff Bezos's
# family office"); surnames alone are listed only when they are not also company names.
_PEOPLE = [
    "Elon Musk", "Musk", "Sam Altman", "Altman", "Mark Zuckerberg", "Zuckerberg", "Jeff Bezos",
    "Satya Nadella", "Nadella", "Sundar Pichai", "Pichai", "Jensen Huang", "Masayoshi Son",
    "Larry Ellison", "Ellison", "Tim Cook", "Andy Jassy", "Jassy", "Dario Amodei", "Amodei",
    "Mustafa Suleyman", "Suleyman", "Demis Hassabis", "Hassabis", "Lisa Su", "Pat Gelsinger",
    "Gelsinger", "Lip-Bu Tan", "Marc Benioff", "Benioff", "Arthur Mensch", "Aidan Gomez",
    "Ilya Sutskever", "Sutskever", "Mira Murati", "Murati", "Greg Brockman", "Brockman",
    "Reid Hoffman", "Peter Thiel", "Thiel", "Marc Andreessen", "Vinod Khosla", "Mukesh Ambani",
    "Ambani", "Jack Ma", "Pony Ma", "Donald Trump", "Trump", "Joe Biden", "Biden", "Keir Starmer",
    "Starmer", "Emmanuel Macron", "Macron", "Xi Jinping", "Noam Shazeer", "Alexandr Wang",
    "Kevin Scott", "Brad Smith", "Ruth Porat", "Michael Dell", "Daniel Ek", "Ken Griffin",
    "Bill Gates", "Steve Ballmer", "Warren Buffett", "Buffett", "Larry Page", "Sergey Brin",
    "Jony Ive", "Mark Cuban", "Vijaye Raji", "Noam Brown", "Andrej Karpathy", "Yann LeCun",
]  # fmt: skip
# Products that deals are about ("Microsoft to pay for Claude"): the maker is the party, and
# the gazetteer names it where the text does ("the Claude maker").
_PRODUCTS = """
ChatGPT Claude Gemini Llama Grok Copilot Siri Alexa Sora Codex Cursor Devin Bard Bing Chrome
Android iPhone Windows Office Azure Instinct Blackwell Hopper Rubin Trainium Inferentia
"""
PEOPLE: frozenset[str] = frozenset(_PEOPLE)
PRODUCTS: frozenset[str] = frozenset(_PRODUCTS.split())
DEMONYMS: frozenset[str] = frozenset(_DEMONYMS.split()) | {"South Korean", "North Korean"}
PLACES: frozenset[str] = frozenset(
    [*_COUNTRIES.split(), *_US_STATES.split(), *_CITIES_AND_REGIONS.split(), *_MULTIWORD]
)
_FOLDED = frozenset(p.casefold() for p in PLACES | DEMONYMS)


def is_person(words: str) -> bool:
    """Whether ``words`` name one of the people deal news often names like a company."""
    return " ".join(words.split()) in PEOPLE


def is_place(words: str) -> bool:
    """Whether ``words`` name a place or a nationality ("Israel", "South Korea", "Israeli", "NEW
    YORK"), in any capitalisation."""
    return " ".join(words.split()).casefold() in _FOLDED


# "its H20 chip", "MI308 accelerators", "GB200 racks": a chip's model number (a company of that
# shape, such as G42, is in the gazetteer, which is read first).
_CHIP_MODEL = re.compile(r"[A-Z]{1,2}\d{2,3}[A-Z]{0,2}")


def is_product(words: str) -> bool:
    """Whether ``words`` name a well-known product rather than its maker ("Claude", "ChatGPT",
    "H20")."""
    name = " ".join(words.split())
    return name in PRODUCTS or _CHIP_MODEL.fullmatch(name) is not None
