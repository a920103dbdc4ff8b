"""Find dates in a sentence and resolve them against the article's publication date.

Handles what deal coverage writes: "on Tuesday", "announced Tuesday", "last March", "back in June",
"earlier this year", "in the third quarter", "Sept. 25", "4 March 2024", "in late 2023",
"last week". A relative phrase in an undated article resolves to nothing. Each result carries its
precision (day, month, quarter, year) so nothing finer than the text supports is published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DateMention", "find_dates"]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,\s*|\s+){_YEAR}\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+){_YEAR}\b")),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:,\s*)?(?:19|20)\d\d)(?![\d%])")),
    ("dm", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!\s*,?\s*(?:19|20)\d\d)")),
    (
        "quarter",
        re.compile(
            r"\b(?:(?:in|during)\s+)?(?:the\s+)?(?:(?P<which>first|second|third|fourth|1st|2nd|3rd|4th)"
            r"[\s-]+quarter|Q(?P<q>[1-4]))(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<year>(?:19|20)\d\d))?\b",
            re.I,
        ),
    ),
    (
        "month_year",
        re.compile(
            rf"\b(?:(?P<part>(?i:early|mid|late|end of|the end of))[\s-]+)?"
            rf"{_MONTH}\s+(?:of\s+)?{_YEAR}\b"
        ),
    ),
    (
        "month_rel_year",
        re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?P<which>(?i:last|this|the previous|next))\s+year\b"),
    ),
    (
        "rel_month",
        re.compile(
            r"\b(?P<rel>(?i:last|this past|past|this|back in|earlier in|in|since|until|by|from|"
            r"during|early|late|mid))(?:\s+|(?<=[Mm]id)-)(?:early\s+|late\s+|mid-?)?"
            rf"{_MONTH}\b(?!\s+[0-3]?\d\b)(?!\s+(?:of\s+)?(?:19|20)\d\d)"
            r"(?!\s+(?:of\s+)?(?i:last|this|the previous|next)\s+year)"
        ),
    ),
    (
        # a timeline entry: "- March: OpenAI signed a contract worth $11.9 billion"
        "heading_month",
        re.compile(rf"(?:^|(?<=^[•*\-–—] ))(?:Early |Late |Mid-)?{_MONTH}(?=:\s)", re.M),
    ),
    (
        "year",
        re.compile(
            r"\b(?P<prep>in|during|since|of|from|until|by|through|early|late|mid|end of|year-end|"
            r"back to)"
            r"[\s-]+(?:(?:early|late|mid)[\s-]+)?(?P<year>(?:19|20)\d\d)\b",
            re.I,
        ),
    ),
    (
        "today",
        re.compile(r"\b(?P<word>today|yesterday|tonight|this morning|this afternoon)\b", re.I),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<last>(?i:last\s+|this\s+past\s+|on\s+|earlier\s+on\s+|this\s+))"
            r"|(?<![Nn]ext\s)(?<![Cc]oming\s))"  # "next Monday" is ahead, not behind
            r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
        ),
    ),
    (
        "rel_period",
        re.compile(
            r"\b(?P<rel>last|this|earlier this|late last|early last|earlier last|later this|"
            r"the previous|the past|a)\s+(?P<unit>week|month|year|quarter)(?P<ago>\s+ago)?\b",
            re.I,
        ),
    ),
    (
        "ago",
        re.compile(
            r"\b(?P<n>two|three|four|five|six|\d+)\s+(?P<unit>weeks|months|years)\s+ago\b", re.I
        ),
    ),
]
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase resolved to the first day of its period, with that period as precision."""

    start: int
    end: int
    text: str
    value: date
    precision: str  # day | month | quarter | year

    def shifted(self, offset: int) -> DateMention:
        """The same date with its offsets moved by ``offset``: found in a slice, placed in the
        whole text."""
        return DateMention(
            self.start + offset, self.end + offset, self.text, self.value, self.precision
        )


def _month(token: str) -> int:
    return MONTHS[token.casefold().rstrip(".")]


def _month_before(published: date, month: int, *, strictly: bool) -> date:
    """The most recent ``month`` on or before the publication month (strictly before if asked)."""
    year = published.year
    if month > published.month or (strictly and month == published.month):
        year -= 1
    return date(year, month, 1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve(kind: str, m: re.Match[str], published: date | None) -> tuple[date, str] | None:
    g = m.groupdict()
    if kind == "iso":
        d = _safe_date(int(g["year"]), int(g["m"]), int(g["d"]))
        return (d, "day") if d else None
    if kind in {"mdy", "dmy"}:
        d = _safe_date(int(g["year"]), _month(g["month"]), int(g["day"]))
        return (d, "day") if d else None
    if kind in {"md", "dm"}:
        if published is None:
            return None
        month, day = _month(g["month"]), int(g["day"])
        year = (
            published.year
            if (month, day) <= (published.month, published.day)
            else published.year - 1
        )
        d = _safe_date(year, month, day)
        return (d, "day") if d else None
    if kind == "quarter":
        q = int(g["q"]) if g.get("q") else _ORDINALS[g["which"].casefold()]
        if g.get("year"):
            year = int(g["year"])
        elif published is not None:
            current_q = (published.month - 1) // 3 + 1
            year = published.year if q <= current_q else published.year - 1
        else:
            return None
        return date(year, 3 * (q - 1) + 1, 1), "quarter"
    if kind == "month_year":
        return date(int(g["year"]), _month(g["month"]), 1), "month"
    if kind == "month_rel_year":
        if published is None:
            return None
        offset = {"last": -1, "the previous": -1, "this": 0, "next": 1}[g["which"].casefold()]
        return date(published.year + offset, _month(g["month"]), 1), "month"
    if kind == "rel_month":
        if published is None:
            return None
        rel = g["rel"].casefold()
        if rel in {"until", "by", "from"}:
            return None
        month = _month(g["month"])
        # Month names match capitalised only, so "in May" is the month and "it may" never matches.
        strictly = rel in {"last", "this past", "past"}
        if rel == "this":
            return date(published.year, month, 1), "month"
        if rel == "last" and 0 < published.month - month <= 2:
            # "last August" in a September article is a year back: a writer meaning this year's
            # would say "last month" or "in August"; "last March" in October is this year's.
            return date(published.year - 1, month, 1), "month"
        return _month_before(published, month, strictly=strictly), "month"
    if kind == "heading_month":
        if published is None:
            return None
        return _month_before(published, _month(g["month"]), strictly=False), "month"
    if kind == "year":
        return date(int(g["year"]), 1, 1), "year"
    if published is None:
        return None
    if kind == "today":
        word = g["word"].casefold()
        return (published - timedelta(days=1) if word == "yesterday" else published), "day"
    if kind == "weekday":
        target = WEEKDAYS[g["weekday"].casefold()]
        back = (published.weekday() - target) % 7
        if g.get("last") and g["last"].strip().casefold() in {"last", "this past"} and back == 0:
            back = 7
        return published - timedelta(days=back), "day"
    if kind == "rel_period":
        rel, unit = g["rel"].casefold(), g["unit"].casefold()
        previous = rel in {
            "last",
            "late last",
            "early last",
            "earlier last",
            "the previous",
            "the past",
        } or bool(g.get("ago"))
        if rel == "a" and not g.get("ago"):
            return None
        if unit == "week":
            d = published - timedelta(days=7 if previous else 0)
            return date(d.year, d.month, 1), "month"
        if unit == "month":
            d = date(published.year, published.month, 1)
            if previous:
                d = (d - timedelta(days=1)).replace(day=1)
            return d, "month"
        if unit == "quarter":
            q_start = date(published.year, 3 * ((published.month - 1) // 3) + 1, 1)
            if previous:
                q_start = (q_start - timedelta(days=1)).replace(day=1)
                q_start = date(q_start.year, 3 * ((q_start.month - 1) // 3) + 1, 1)
            return q_start, "quarter"
        return date(published.year - (1 if previous else 0), 1, 1), "year"
    if kind == "ago":
        n = _NUMBER_WORDS.get(g["n"].casefold()) or int(g["n"])
        unit = g["unit"].casefold()
        if unit == "weeks":
            d = published - timedelta(days=7 * n)
            return date(d.year, d.month, 1), "month"
        if unit == "months":
            total = published.year * 12 + published.month - 1 - n
            return date(total // 12, total % 12 + 1, 1), "month"
        return date(published.year - n, 1, 1), "year"
    return None


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every resolvable date phrase in ``text``, in order; overlapping matches keep the longest.

    Never raises: a date that does not exist ("February 30, 2024", "31 June 2024") or falls
    outside the calendar ("20,000 years ago") gives nothing, and no coarser date is read from
    inside it.
    """
    candidates: list[DateMention] = []
    invalid: list[tuple[int, int]] = []
    possible = _possible_kinds(text)
    for kind, pattern in _PATTERNS:
        if kind not in possible:
            continue  # its words are absent: skip the regex (most sentences hold no date)
        for m in pattern.finditer(text):
            try:
                resolved = _resolve(kind, m, published)
            except (ValueError, OverflowError):
                resolved = None
            if resolved is None:
                if kind in _DAY_KINDS:
                    invalid.append(m.span())
                continue
            value, precision = resolved
            if published is not None and value > published and precision == "day":
                continue
            candidates.append(DateMention(m.start(), m.end(), m.group(), value, precision))
    candidates.sort(key=lambda d: (d.start, -(d.end - d.start)))
    out: list[DateMention] = []
    for cand in candidates:
        if out and cand.start < out[-1].end:
            continue
        if any(start < cand.end and cand.start < end for start, end in invalid):
            continue
        out.append(cand)
    return out


# Month names are matched case-sensitively ("May", not "may"), so capitalised stems decide.
_MONTH_STEMS = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_DIGIT = re.compile(r"\d")
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
_QUARTER_CODE = re.compile(r"[Qq][1-4]")
_WEEKDAY_STEMS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _possible_kinds(text: str) -> set[str]:
    """The kinds of pattern that can match ``text`` at all, by cheap substring tests (a regex
    scan costs more than several of them, so one runs only after a test that it needs passes)."""
    lower = text.lower()
    has_year = ("19" in text or "20" in text) and _YEAR_DIGITS.search(text) is not None
    kinds = {"iso", "year"} if has_year else set()
    if _MONTH_STEMS.search(text):
        kinds |= {"month_rel_year", "rel_month"}
        if ":" in text:
            kinds.add("heading_month")
        if has_year:
            kinds |= {"mdy", "dmy", "month_year"}
        if has_year or _DIGIT.search(text):
            kinds |= {"md", "dm"}
    if "ago" in lower:
        kinds.add("ago")
    if "quarter" in lower or ("q" in lower and _QUARTER_CODE.search(text)):
        kinds.add("quarter")
    if (
        "today" in lower
        or "yesterday" in lower
        or "tonight" in lower
        or "this morning" in lower
        or "this afternoon" in lower
    ):
        kinds.add("today")
    if "day" in lower and any(day in lower for day in _WEEKDAY_STEMS):
        kinds.add("weekday")
    if "week" in lower or "month" in lower or "year" in lower or "quarter" in lower:
        kinds.add("rel_period")
    return kinds


_DAY_KINDS = frozenset({"iso", "mdy", "dmy"})  # a full date that does not exist spoils its parts
