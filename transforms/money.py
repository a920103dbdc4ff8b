"""Find and parse money figures in a sentence: "$650M", "US$1.5bn", "up to $4 billion", "€15m".

Written here rather than taken from a price parser because deal news needs what those get wrong:
"bn"/"mn" suffixes, ranges ("$10-12 billion", "between $1bn and $2bn"), qualifiers ("up to",
"more than"), several figures in one sentence, a dollar conversion in brackets after a foreign
figure, and vague magnitudes ("billions of dollars") that must yield no number at all.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields

__all__ = ["Money", "find_money", "format_money", "parse_money"]

_SCALES: dict[str, float] = {
    "trillion": 1e12, "tn": 1e12, "t": 1e12, "tr": 1e12,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9,
    "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6, "mil": 1e6, "mm": 1e6,
    "thousand": 1e3, "k": 1e3, "crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5,
}  # fmt: skip
_PREFIX_CURRENCY: dict[str, str] = {
    "us$": "USD", "usd": "USD", "$": "USD", "c$": "CAD", "ca$": "CAD", "cad": "CAD",
    "a$": "AUD", "au$": "AUD", "aud": "AUD", "s$": "SGD", "hk$": "HKD", "nz$": "NZD",
    "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY", "jpy": "JPY",
    "₹": "INR", "rs": "INR", "inr": "INR", "chf": "CHF", "₩": "KRW", "krw": "KRW",
    "cny": "CNY", "rmb": "CNY", "yuan": "CNY", "sek": "SEK", "aed": "AED", "sar": "SAR",
}  # fmt: skip
_SUFFIX_CURRENCY: dict[str, str] = {
    "dollars": "USD", "dollar": "USD", "us dollars": "USD", "usd": "USD",
    "euros": "EUR", "euro": "EUR", "eur": "EUR", "pounds": "GBP", "pound": "GBP", "gbp": "GBP",
    "pounds sterling": "GBP", "yen": "JPY", "jpy": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupees": "INR", "won": "KRW", "francs": "CHF", "swiss francs": "CHF", "dirhams": "AED",
    "riyals": "SAR", "canadian dollars": "CAD", "australian dollars": "AUD",
}  # fmt: skip

# Letter codes must not end a word ("years 500 million" is not Rs 500 million).
_CUR_CODES = (
    r"US\$|USD|U\.S\.\s?\$|C\$|CA\$|CAD|A\$|AU\$|AUD|S\$|HK\$|NZ\$|\$|"
    r"€|EUR|£|GBP|¥|JPY|₹|Rs\.?|INR|CHF|₩|KRW|CNY|RMB|SEK|AED|SAR"
)
_CUR = rf"(?<![A-Za-z])(?P<cur>{_CUR_CODES})"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A scale word may follow a space or a hyphen ("$3.5-billion deal"); a lone letter only counts
# when it cannot be the start of another word ("$650M", "$5 B", but not "$5 T-shirts", "M&A").
_SCALE_WORD = (
    r"(?:trillion|billion|million|thousand|crores?|lakhs?|bln|mln|mil|bn|mn|tn|tr|mm)(?![A-Za-z])"
)
_SCALE_LETTER = r"[bBmMkKtT](?![A-Za-z&'’-])"


def _scale_group(name: str) -> str:
    return rf"(?:[\s-]?(?P<{name}>{_SCALE_WORD})|\s?(?P<{name}_letter>{_SCALE_LETTER}))"


_SUFFIX_CUR = (
    r"(?P<suffix>(?:US |Canadian |Australian |Swiss )?(?:dollars?|euros?|pounds(?: sterling)?|"
    r"yen|yuan|renminbi|rupees|won|francs|dirhams|riyals)\b|USD\b|EUR\b|GBP\b)"
)
_QUALIFIERS = (
    r"up to|as much as|as many as|more than|over|under|less than|about|around|roughly|"
    r"nearly|almost|approximately|some|at least|at most|upwards of|close to|north of|"
    r"an estimated|a reported|reportedly|just over|just under|well over|in excess of"
)
_QUALIFIER = rf"(?P<qual>{_QUALIFIERS})\s+"
_MONEY = re.compile(
    rf"(?:{_QUALIFIER})?(?:(?P<between>between)\s+)?"
    rf"(?:{_CUR}\s?(?P<num>{_NUM}){_scale_group('scale')}?"
    # The look-behind stops a search restarting inside a long run of digits (quadratic time).
    rf"|(?<![\d.,])(?P<num2>{_NUM}){_scale_group('scale2')}?\s?{_SUFFIX_CUR}"
    rf"|(?<![A-Za-z])(?P<cur_word>USD|EUR|GBP|JPY|CHF)\s(?P<num3>{_NUM}){_scale_group('scale3')}?)"
    rf"(?P<range>\s?(?:-|–|—|to|and)\s?{_CUR.replace('?P<cur>', '?P<hicur>')}?\s?(?P<hi>{_NUM})"
    rf"{_scale_group('hiscale')}?)?"
    rf"(?:\s?(?P<suffix2>(?:US )?dollars?\b|euros?\b))?",
    re.IGNORECASE,
)
_CURRENCY_WORDS = (
    "USD EUR GBP JPY CHF CNY RMB INR KRW SEK AED SAR CAD AUD Rs dollar dollars euro euros pounds yen "
    "yuan renminbi rupees won francs dirhams riyals"
).split()
_ANY_CURRENCY = re.compile(rf"[$€£¥₹₩]|\b(?:{'|'.join(_CURRENCY_WORDS)})\b", re.IGNORECASE)
# In ASCII text, the words _ANY_CURRENCY finds are whole words that lower-case into this set.
_LOWER_CURRENCY_WORDS = frozenset(word.lower() for word in _CURRENCY_WORDS)
_WORD = re.compile(r"\w+")
_VAGUE = re.compile(
    r"\b(?:(?:tens|hundreds|billions|millions|trillions|dozens)\s+of\s+(?:billions|millions|thousands)?"
    r"(?:\s*of)?\s*(?:dollars|euros|pounds)?|billions|millions|trillions)\b(?:\s+of\s+dollars)?",
    re.IGNORECASE,
)
_PER_PERIOD = re.compile(
    r"(?:\s+|\s?-)(?:a|per|each|every)[\s-]+(?P<unit>year|annum|month)\b"
    r"(?!\s+(?:ago|earlier|before|later|after|prior|from|since))"
    r"|\s?/\s?(?P<unit2>year|yr|annum|month|mo)\b|\s+(?P<unit3>annually|yearly|monthly)\b",
    re.IGNORECASE,
)
_CONVERSION = re.compile(r"^\s*\(\s*(?:about|around|roughly|approximately|or|some|~|≈)?\s*", re.I)


@dataclass(frozen=True, slots=True, init=False)
class Money:
    """One money figure as written, with its parse. ``start``/``end`` index the source string."""

    start: int
    end: int
    text: str
    currency: str
    value: float
    low: float
    high: float
    qualifier: str | None = None
    is_range: bool = False
    per_period: str | None = None
    usd_value: float | None = None  # the value in dollars: a USD figure or a stated conversion

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        currency: str,
        value: float,
        low: float,
        high: float,
        qualifier: str | None = None,
        is_range: bool = False,
        per_period: str | None = None,
        usd_value: float | None = None,
    ) -> None:
        # The generated frozen __init__ sets each field through object.__setattr__; the slots' own
        # setters cost far less, and figures are built (and shifted) several times per sentence.
        (
            set_start, set_end, set_text, set_currency, set_value, set_low, set_high,
            set_qualifier, set_range, set_period, set_usd,
        ) = _MONEY_SLOTS  # fmt: skip
        set_start(self, start)
        set_end(self, end)
        set_text(self, text)
        set_currency(self, currency)
        set_value(self, value)
        set_low(self, low)
        set_high(self, high)
        set_qualifier(self, qualifier)
        set_range(self, is_range)
        set_period(self, per_period)
        set_usd(self, usd_value)

    @property
    def is_usd(self) -> bool:
        return self.currency == "USD"

    def shifted(self, offset: int) -> Money:
        """The same figure with its offsets moved by ``offset``: found in a slice, placed in the
        whole text. (Built directly: ``dataclasses.replace`` costs several times more.)"""
        return Money(
            self.start + offset, self.end + offset, self.text, self.currency, self.value,
            self.low, self.high, self.qualifier, self.is_range, self.per_period, self.usd_value,
        )  # fmt: skip


_MONEY_SLOTS: tuple[Callable[[Money, object], None], ...] = tuple(
    vars(Money)[f.name].__set__ for f in fields(Money)
)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _scale(token: str | None) -> float:
    if not token:
        return 1.0
    token = token.casefold()
    if token == "m" or token == "mm":
        return 1e6
    return _SCALES.get(token, 1.0)


def _currency(prefix: str | None, suffix: str | None, word: str | None) -> str:
    if prefix:
        key = prefix.casefold().replace("u.s.", "us").replace(" ", "").rstrip(".")
        return _PREFIX_CURRENCY.get(key, "USD")
    if word:
        return _PREFIX_CURRENCY.get(word.casefold(), "USD")
    if suffix:
        return _SUFFIX_CURRENCY.get(" ".join(suffix.casefold().split()), "USD")
    return "USD"


def find_money(text: str) -> list[Money]:
    """Every money figure in ``text`` in order of appearance.

    A bare number without a currency sign or word is not money. A foreign figure followed by a
    bracketed dollar conversion ("€15 million ($16.3 million)") yields one figure whose
    ``usd_value`` is the conversion.
    """
    found: list[Money] = []
    if not _has_currency(text):
        return found
    pos = 0
    while (m := _next_match(text, pos)) is not None:
        money = _parse(text, m)
        if math.isfinite(money.high):  # "$1" and 400 zeros is no amount a float can hold
            found.append(money)
        # A rejected range ends the figure early: "$5 billion and $6 billion" holds two figures.
        pos = max(money.end, m.start() + 1)
    if "half" in text or "quarter" in text:
        found = _with_fractions(text, found)
    return _attach_conversions(text, found)


_FRACTION = re.compile(
    rf"(?:{_QUALIFIER})?(?P<frac>half|a quarter of|three quarters of)\s+an?\s+"
    r"(?P<scale>trillion|billion|million)\s+(?P<cur>dollars|euros|pounds)\b",
    re.IGNORECASE,
)
_FRACTIONS = {"half": 0.5, "a quarter of": 0.25, "three quarters of": 0.75}


def _with_fractions(text: str, found: list[Money]) -> list[Money]:
    """ "roughly half a billion dollars": a figure written in words, added in text order."""
    extra = []
    for m in _FRACTION.finditer(text):
        if any(f.start < m.end() and m.start() < f.end for f in found):
            continue
        value = _FRACTIONS[" ".join(m.group("frac").casefold().split())] * _scale(m.group("scale"))
        currency = _SUFFIX_CURRENCY[m.group("cur").casefold()]
        qualifier = m.group("qual").casefold() if m.group("qual") else None
        extra.append(
            Money(
                m.start(), m.end(), m.group(), currency, value, value, value, qualifier,
                usd_value=value if currency == "USD" else None,
            )
        )  # fmt: skip
    return sorted([*found, *extra], key=lambda f: f.start) if extra else found


def _has_currency(text: str) -> bool:
    """Whether ``text`` holds a currency sign or word, as ``_ANY_CURRENCY`` finds them.

    The regex tries its words at every character, case-insensitively; the dollar sign is found by
    a substring test, and in ASCII text (where the other signs cannot occur and lower-casing is
    what case-insensitive matching does) the words by a set lookup of the text's words.
    """
    if "$" in text:
        return True
    if text.isascii():
        return not _LOWER_CURRENCY_WORDS.isdisjoint(_WORD.findall(text.lower()))
    return _ANY_CURRENCY.search(text) is not None


_DIGITS = re.compile(r"\d+")
_REACH = 40  # a figure starts at most this far before its first digit: "between approximately US$"


def _next_match(text: str, pos: int) -> re.Match[str] | None:
    """The leftmost money match at or after ``pos``.

    Every figure holds a number, so the pattern is tried only shortly before each run of digits,
    at word starts where a figure can open, never at every character: the same matches as a
    search, many times faster, and linear however long the text. A figure's number is the first
    run of digits after its start, so only starts after the previous run need trying.
    """
    begin = pos
    for digits in _DIGITS.finditer(text, pos):
        first = digits.start()
        after_previous, begin = begin, digits.end()
        for start in _figure_starts(text, max(after_previous, first - _REACH), first):
            char = text[start]
            if char.isspace() or (char.isalnum() and start > 0 and text[start - 1].isalnum()):
                continue  # figures start at a word or a currency sign, not inside a word
            m = _MONEY.match(text, start)
            if m is not None and m.end() > first:
                return m
    return None


# What a figure opens with, in lower-cased text: a qualifier, "between" or a currency.
_OPENING = re.compile(rf"(?:{_QUALIFIERS})\s|between\s|{_CUR_CODES.lower()}")


def _figure_starts(text: str, lo: int, first: int) -> Iterator[int]:
    """Where, from ``lo`` on, a figure whose number begins at ``first`` can start, in order:
    where a qualifier, "between" or a currency opens, and the number itself.

    In ASCII text the openings are found in the lower-cased stretch by a case-sensitive pattern,
    far cheaper than trying the case-insensitive money pattern at every word; in other text
    (where case-insensitive matching folds more than ``str.lower``) every position is given.
    """
    stretch = text[lo:first]
    if not stretch.isascii():
        yield from range(lo, first + 1)
        return
    lowered = stretch.lower()
    at = 0
    while (opening := _OPENING.search(lowered, at)) is not None:
        yield lo + opening.start()
        at = opening.start() + 1  # openings may overlap ("as much as")
    yield first


def _first(values: tuple[str | None, ...]) -> str | None:
    """The first of some groups' values that is not empty (groups fetched in one call)."""
    for value in values:
        if value:
            return value
    return None


def _parse(text: str, m: re.Match[str]) -> Money:
    num = _first(m.group("num", "num2", "num3")) or "0"
    scale_token = _first(
        m.group("scale", "scale_letter", "scale2", "scale2_letter", "scale3", "scale3_letter")
    )
    hi_scale_token = _first(m.group("hiscale", "hiscale_letter"))
    cur_text, suffix, suffix2, cur_word, hi, range_text, qual, between = m.group(
        "cur", "suffix", "suffix2", "cur_word", "hi", "range", "qual", "between"
    )
    currency = _currency(cur_text, suffix or suffix2, cur_word)
    is_range = bool(hi)
    if is_range:
        is_range = _is_range(m, currency, scale_token, hi_scale_token)
    low = _number(num) * _scale(scale_token or (hi_scale_token if is_range else None))
    high = low
    if is_range:
        high = _number(hi) * _scale(hi_scale_token or scale_token)
        if high < low:
            is_range = False
            high = low
    end = m.end()
    if not is_range and range_text:
        end = m.start("range")
    qualifier = qual.casefold() if qual else None
    start = m.start()
    if qualifier in {"reportedly", "a reported", "an estimated"}:
        start = m.start("between") if between else _value_start(m)
        qualifier = None
    if between and not is_range:
        start = m.start() if qualifier else _value_start(m)  # "between $5bn and 20 percent"
    value = high if qualifier in {"up to", "as much as", "at most"} else low
    piece = text[start:end].rstrip()
    end = start + len(piece)
    period = None
    pm = _PER_PERIOD.match(text, end, end + 40)  # match() anchors at ``end``
    if pm:
        unit = (pm.group("unit") or pm.group("unit2") or pm.group("unit3")).casefold()
        period = "month" if unit.startswith("mo") else "year"
    usd_value = value if currency == "USD" else None
    return Money(
        start, end, piece, currency, value, low, high, qualifier, is_range, period, usd_value
    )


def _is_range(m: re.Match[str], currency: str, scale: str | None, hi_scale: str | None) -> bool:
    """Whether the second number after "-", "to" or "and" is the top of a range."""
    if " and " in f" {m.group('range')} " and not m.group("between"):
        return False  # "$5 billion and 20 percent", "$5 billion and $6 billion"
    hi_currency = m.group("hicur")
    if hi_currency and _currency(hi_currency, None, None) != currency:
        return False  # "€1 billion to $2 billion" converts, it does not span
    if scale and not hi_scale and not hi_currency:
        return False  # "$1 billion to 2030", "$5 billion - 2,000 jobs"
    return not (not hi_scale and not hi_currency and re.fullmatch(r"(?:19|20)\d\d", m.group("hi")))


def _value_start(m: re.Match[str]) -> int:
    for group in ("cur", "num2", "cur_word"):
        if m.group(group):
            return m.start(group)
    return m.start()


def _attach_conversions(text: str, found: list[Money]) -> list[Money]:
    """Fold "€15 million ($16.3 million)" into one figure carrying its dollar conversion."""
    out: list[Money] = []
    skip: set[int] = set()
    for i, money in enumerate(found):
        if i in skip:
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (
            nxt is not None
            and not money.is_usd
            and nxt.is_usd
            and _CONVERSION.match(text[money.end : nxt.start] + " ")
            and nxt.start - money.end <= 14
            and "(" in text[money.end : nxt.start]
        ):
            close = text.find(")", nxt.end)
            end = close + 1 if close != -1 and close - nxt.end <= 3 else nxt.end
            out.append(
                Money(
                    money.start, end, text[money.start : end], money.currency, money.value,
                    money.low, money.high, money.qualifier, money.is_range, money.per_period,
                    nxt.value,
                )
            )  # fmt: skip
            skip.add(i + 1)
            continue
        out.append(money)
    return out


def find_vague_amounts(text: str) -> list[tuple[int, int]]:
    """Spans of vague magnitudes ("billions of dollars", "tens of billions") that give no amount."""
    return [(m.start(), m.end()) for m in _VAGUE.finditer(text)]


def parse_money(text: str) -> Money | None:
    """The first money figure in ``text``, or None."""
    found = find_money(text)
    return found[0] if found else None


_FORMAT_SCALES = [(1e12, "trillion", "tn"), (1e9, "billion", "bn"), (1e6, "million", "M")]


FORMAT_STYLES = ("word", "short", "usd_prefix")


def format_money(value: float, currency: str = "USD", style: str = "word") -> str:
    """Write ``value`` the way news copy does ("$1.5 billion", "$1.5bn", "€15 million", "$650M").

    Styles: "word" ("$1.5 billion"), "short" ("$1.5bn"), "usd_prefix" ("US$1.5bn" for dollars).
    Digits are kept to 12 significant figures, so ``find_money`` reads back the same value.
    """
    sign = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}.get(currency, currency + " ")
    for size, word, short in _FORMAT_SCALES:
        if value >= size:
            number = _trim(f"{value / size:.12g}" if value / size < 1e12 else f"{value / size:.0f}")
            if style == "short":
                return f"{sign}{number}{short}"
            if style == "usd_prefix" and currency == "USD":
                return f"US${number}{short}"
            return f"{sign}{number} {word}"
    return f"{sign}{_trim(f'{value:,.6f}')}"


def _trim(number: str) -> str:
    return number.rstrip("0").rstrip(".") if "." in number else number
