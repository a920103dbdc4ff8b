"""Deal terms stated in words: exclusivity, revenue share, stake size and how long a deal runs."""

from __future__ import annotations

import re

__all__ = [
    "find_exclusivity",
    "find_revenue_share",
    "find_stake_pct",
    "find_term_end_year",
    "parse_percent",
]

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "twenty-five": 25, "thirty": 30,
    "forty": 40, "fifty": 50, "half": 50,
}  # fmt: skip
# The look-behind keeps "1000%" from reading as "000%"; number words must start a word.
_PERCENT = (
    r"(?P<pct>(?<![\d.,])\d{1,3}(?:\.\d+)?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
    r"fifteen|twenty|twenty-five|thirty|forty|fifty))\s?(?:%|percent\b|per cent\b|pct\b)"
)
_PERCENT_RE = re.compile(_PERCENT, re.I)


def _ascii_lower(text: str) -> str | None:
    """``text`` lower-cased if it is ASCII, for ``_lacks``; None otherwise."""
    return text.lower() if text.isascii() else None


def _lacks(lower: str | None, words: tuple[str, ...]) -> bool:
    """Whether the text ``lower`` was made from (by ``_ascii_lower``) holds none of ``words`` in
    any case, so that a pattern needing one of them cannot match: a substring scan is far cheaper
    than running the pattern.

    Outside ASCII, case-insensitive matching folds more than ``str.lower`` does ("ſ" matches
    "s"), so such text (``lower`` is None) is never skipped.
    """
    return lower is not None and not any(word in lower for word in words)


def parse_percent(text: str) -> float | None:
    """ "20 percent" -> 20.0, "12.5%" -> 12.5, "twenty per cent" -> 20.0; None when absent."""
    m = _PERCENT_RE.search(text)
    if not m:
        return None
    token = m.group("pct").casefold()
    return float(_NUMBER_WORDS[token]) if token in _NUMBER_WORDS else float(token)


_REVENUE_SHARE = [
    re.compile(
        _PERCENT + r"\s+(?:of|cut of|share of|slice of)\s+(?:[\w.’']+\s+){0,3}"
        r"(?:revenues?|sales|profits?|income|earnings)\b",
        re.I,
    ),
    re.compile(
        r"revenue[- ]shar(?:e|ing)(?:\s+(?:agreement|arrangement|deal|setup|pact))?\s+"
        r"(?:of|at|worth)\s+(?:about\s+|roughly\s+)?" + _PERCENT,
        re.I,
    ),
    re.compile(_PERCENT + r"\s+(?:revenue[- ]share|cut|share of (?:the )?revenue)\b", re.I),
]


def find_revenue_share(text: str) -> tuple[float, tuple[int, int]] | None:
    """The revenue share a sentence states, with its span."""
    if text.isascii():
        if not _REVENUE_SHARE_HINT.search(text.lower()):
            return None  # no percentage next to a share word: none of the patterns can match
    elif not _HAS_PERCENT.search(text):
        return None
    for pattern in _REVENUE_SHARE:
        m = pattern.search(text)
        if m:
            token = m.group("pct").casefold()
            value = float(_NUMBER_WORDS[token]) if token in _NUMBER_WORDS else float(token)
            return value, m.span()
    return None


_HAS_PERCENT = re.compile(r"%|\bper ?cent\b|\bpct\b", re.I)
_PERCENT_WORDS = ("%", "per", "pct")
# What every revenue-share pattern holds, read in lower-cased ASCII text: a percentage followed
# by a share word, or "revenue share".
_REVENUE_SHARE_HINT = re.compile(
    r"%\s+(?:of|cut|share|slice|revenue)|per ?cent\s+(?:of|cut|share|slice|revenue)"
    r"|pct\s+(?:of|cut|share|slice|revenue)|revenue[- ]shar"
)
_STAKE = re.compile(
    _PERCENT
    + r"\s+(?:(?:equity\s+)?stake|ownership|interest|of (?:the company|its shares|the startup))",
    re.I,
)


# What every _STAKE match holds after its percentage.
_STAKE_WORDS = (
    "stake",
    "ownership",
    "interest",
    "of the company",
    "of its shares",
    "of the startup",
)


def find_stake_pct(text: str) -> float | None:
    lower = _ascii_lower(text)
    if _lacks(lower, _PERCENT_WORDS) or _lacks(lower, _STAKE_WORDS):
        return None
    if not _HAS_PERCENT.search(text):
        return None
    m = _STAKE.search(text)
    if not m:
        return None
    token = m.group("pct").casefold()
    return float(_NUMBER_WORDS[token]) if token in _NUMBER_WORDS else float(token)


_TERM_VERB = (
    r"(?:runs?|running|last(?:s|ing)?|extend(?:s|ed|ing)?|expir(?:e|es|ing)|ends?|ending|valid|"
    r"continu(?:e|es|ing))"
)
_TERM_NOUN = (
    r"(?:term|contract|deal|agreement|partnership|relationship|commitment|rights?|pact|access|"
    r"exclusivity|arrangement|period|licen[cs]e|capacity|order)"
)
# "in" only right after a verb ("expires in 2028"): "a contract, signed in 2024, runs until 2027"
# must not read the signing year; "to" only after a verb ("extended to 2030").
_TERM_END = re.compile(
    rf"\b(?:{_TERM_VERB}\s+(?:in|into)|{_TERM_VERB}\b[^.;]{{0,60}}?\b(?:through|thru|until|till|to)"
    rf"|{_TERM_NOUN}\b[^.;]{{0,60}}?\b(?:through|thru|until|till))\s+"
    r"(?:the\s+end\s+of\s+|at\s+least\s+|early\s+|late\s+|mid-?)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+(?:\d{1,2},?\s+)?)?(?P<year>20[2-9]\d)\b",
    re.I,
)
# "will pay CoreWeave $10 billion through 2029": a contract's value and the year it runs to.
_TERM_AFTER_AMOUNT = re.compile(
    r"(?<![\d.,])\d[\d.,]*+\s*(?:billion|million|bn)\s+(?:[a-z]+\s+){0,2}?(?:through|until|till)\s+"
    r"(?:the\s+end\s+of\s+)?(?P<year>20[2-9]\d)\b",
    re.I,
)
_TERM_YEAR = re.compile(r"20[2-9]\d")
_TERM_END_SHORT = re.compile(
    r"\((?:which\s+)?runs?\s+(?:through|until|to)\s+(?P<year>20[2-9]\d)\)", re.I
)


# What every _TERM_END match opens with: a verb or a noun of _TERM_VERB and _TERM_NOUN.
_TERM_WORDS = (
    "run", "last", "extend", "expir", "end", "valid", "continu", "term", "contract", "deal",
    "agreement", "partnership", "relationship", "commitment", "right", "pact", "access",
    "exclusivity", "arrangement", "period", "licen", "capacity", "order",
)  # fmt: skip
# What every _TERM_AFTER_AMOUNT match holds: a scale, then a word for "until".
_AMOUNT_SCALE_WORDS = ("billion", "million", "bn")
_UNTIL_WORDS = ("through", "until", "till")


def find_term_end_year(text: str) -> int | None:
    """The year a deal runs to: "runs through 2030", "a contract that lasts until 2032"."""
    if not _TERM_YEAR.search(text):
        return None  # every pattern ends on such a year
    lower = _ascii_lower(text)
    m = (
        _TERM_END_SHORT.search(text)
        or (None if _lacks(lower, _TERM_WORDS) else _TERM_END.search(text))
        or (
            None
            if _lacks(lower, _UNTIL_WORDS) or _lacks(lower, _AMOUNT_SCALE_WORDS)
            else _TERM_AFTER_AMOUNT.search(text)
        )
    )
    return int(m.group("year")) if m else None


_NON_EXCLUSIVE = re.compile(
    # "no exclusivity", "is not exclusive", "will not be an exclusive deal" count as dropping it;
    # a "non-exclusive licence" states the same term outright.
    r"\bnon-?exclusive\b|\bno longer (?:the )?exclusive\b|\bno longer (?:has|have|holds?) (?:a |the |"
    r"its )?(?:right of first refusal|exclusiv)|\b(?:end(?:s|ed|ing)?|drop(?:s|ped|ping)?|"
    r"remov(?:e|es|ed|ing)|los(?:e|es|ing)|lost|gives? up|gave up|giving up|scrap(?:s|ped)?|"
    r"waiv(?:e|es|ed)|relinquish(?:es|ed)?|lift(?:s|ed)?|eliminat(?:e|es|ed)|"
    r"without)\s+(?:(?:its|the|their|any|an|[\w-]+['’]s|software|"
    r"company)\s+){0,3}(?:cloud\s+)?(?:exclusivity|exclusive(?:\s+\w+)?|"
    r"right of first refusal|ROFR)\b|\bexclusivity\b[^.;]{0,30}\b(?:ended|ends|expired|lifted|"
    r"removed|dropped|gone|over|no longer)\b|\b(?:no|not|never|isn['’]t|aren['’]t|"
    r"won['’]t)\s+(?:be\s+)?(?:an?\s+|the\s+)?(?:exclusivity|exclusive)\b",
    re.I,
)
_ROFR = re.compile(
    r"\bright of first refusal\b|\bROFR\b|\bfirst right of refusal\b|\bright to match\b", re.I
)
# "its primary cloud provider", and the shorter "its primary cloud".
_PRIMARY = re.compile(
    r"\bprimary\s+(?:cloud\s+|training\s+|compute\s+|infrastructure\s+|cloud and training\s+)*"
    r"(?:provider|partner|platform|supplier)\b|\bprimary\s+cloud\b",
    re.I,
)
_PREFERRED = re.compile(
    r"\bpreferred\s+(?:cloud\s+|compute\s+|infrastructure\s+|technology\s+)*(?:provider|partner|platform|supplier)\b|"
    r"\bpreferred\s+cloud\b",
    re.I,
)
_EXCLUSIVE = re.compile(
    r"(?<!non-)(?<!non)\bexclusive(?:ly)?\b"
    # a news label ("Exclusive: ...") or exclusive talks are not exclusive rights
    r"(?!\s*:|\s+(?:interview|report|story|look|details|talks|negotiations|discussions))|"
    r"\bexclusivity\b|"
    r"\bsole\s+(?:cloud\s+)?provider\b",
    re.I,
)
_HAS_EXCLUSIVITY = re.compile(
    r"exclusiv|refusal|\bROFR\b|primary|preferred|\bsole\b|right to match", re.I
)
_EXCLUSIVITY_WORDS = (
    "exclusiv",
    "refusal",
    "rofr",
    "primary",
    "preferred",
    "sole",
    "right to match",
)
_ORDER = ["non_exclusive", "right_of_first_refusal", "primary", "preferred", "exclusive"]
# What every match of each pattern below holds, in lower case.
_PATTERN_WORDS = {
    "non_exclusive": ("exclusiv", "right of first refusal", "rofr"),
    "right_of_first_refusal": (
        "right of first refusal",
        "rofr",
        "first right of refusal",
        "right to match",
    ),
    "primary": ("primary",),
    "preferred": ("preferred",),
    "exclusive": ("exclusiv", "sole"),
}
_PATTERNS = {
    "non_exclusive": _NON_EXCLUSIVE,
    "right_of_first_refusal": _ROFR,
    "primary": _PRIMARY,
    "preferred": _PREFERRED,
    "exclusive": _EXCLUSIVE,
}
_PAST_STATE = re.compile(
    r"\b(?:prior to|before|previously|used to|had been|was locked|formerly|until now|once)\b", re.I
)
_PAST_STATE_AFTER = re.compile(
    r"^[^.;]{0,60}?\b(?:until (?:now|recently|this (?:week|month|year))|no longer)\b", re.I
)


def find_exclusivity(text: str) -> str | None:
    """The exclusivity a sentence states, the strongest reading first.

    Dropping exclusivity or a first-refusal right is ``non_exclusive``; a first-refusal right
    outranks the exclusivity it replaces; exclusivity described as the former state is ignored.
    """
    lower = _ascii_lower(text)
    if _lacks(lower, _EXCLUSIVITY_WORDS):
        return None
    # Every pattern's match is one of _HAS_EXCLUSIVITY's too: in ASCII text the word tests per
    # pattern stand in for that scan.
    if lower is None and not _HAS_EXCLUSIVITY.search(text):
        return None
    for label in _ORDER:
        m = None if _lacks(lower, _PATTERN_WORDS[label]) else _PATTERNS[label].search(text)
        if not m:
            continue
        if label == "exclusive" and (
            _PAST_STATE.search(text[: m.start()]) or _PAST_STATE_AFTER.match(text[m.end() :])
        ):
            continue
        return label
    return None


def rank_exclusivity(label: str | None) -> int:
    """Lower is stronger; used to pick one value when several sentences state one."""
    return _ORDER.index(label) if label in _ORDER else len(_ORDER)
