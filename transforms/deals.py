"""Extract deal mentions from one article: who did what with whom, for how much, and when.

The engine reads clause by clause. A clause that names two organisations and carries a deal cue
("invested in", "acquired", "hired ... staff", "partnered with ... for compute") becomes a fact;
facts about the same parties merge into one deal unless their own figures or dates say they are
different deals. Sentences that only restate terms ("runs through 2030", "a right of first
refusal", "20 percent of revenue") attach them to the deal whose parties they name, or to the
deal just described when they refer back to it ("the agreement", "their relationship").

Everything here is pure: the article, its publication date and the gazetteer come in as
arguments, records go out.
"""

from __future__ import annotations

import functools
import hashlib
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from transforms.articles import Article
from transforms.dates import DateMention, find_dates
from transforms.money import Money, find_money
from transforms.orgs import Gazetteer, OrgMention, merge_mentions
from transforms.orgs import trie_regex as _trie_regex
from transforms.schemas import ALLOWED_DEAL_TYPES
from transforms.terms import (
    find_exclusivity,
    find_revenue_share,
    find_stake_pct,
    find_term_end_year,
    rank_exclusivity,
)
from transforms.text import Span, clauses, content_sentences

__all__ = ["DEAL_TYPES", "EXTRACTOR_VERSION", "DealMention", "extract_deals"]


class _Lower:
    """A case-insensitive pattern for yes-or-no tests, run on lower-cased text.

    Python's IGNORECASE lowers every character the regex engine compares, which made the
    context patterns below (hundreds of calls per article) 3-10 times slower than lower-casing
    the text once and matching a lower-case pattern. The patterns use no upper-case escape
    (\\S, \\W, \\D, \\B), so lower-casing them changes nothing but the letters.
    """

    __slots__ = ("pattern",)

    def __init__(self, pattern: str) -> None:
        pattern = pattern.replace("(?i)", "")
        if re.search(r"\\[A-Z]", pattern):
            raise ValueError(f"an upper-case escape cannot be lower-cased: {pattern[:60]!r}")
        self.pattern = re.compile(pattern.lower())

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> bool:
        return self.pattern.search(*_lowered(text, pos, endpos)) is not None

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> bool:
        return self.pattern.match(*_lowered(text, pos, endpos)) is not None


def _lowered(text: str, pos: int, endpos: int | None) -> tuple[str, int]:
    """The stretch to read, lower-cased, and where to start in it; one character before ``pos``
    is kept, so a word boundary there reads as it does in the whole text."""
    start = max(0, pos - 1)
    return text[start:endpos].lower(), pos - start


_lower = _Lower


def _substrings(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern that finds any of ``words`` as a plain substring: one scan of the text, where
    ``any(word in text for word in words)`` makes one pass per word."""
    return re.compile(_trie_regex(words))


EXTRACTOR_VERSION = "rules-1.0"
# The data dictionary's deal types, listed there in the order of precedence that decides a
# clause carrying cues of several kinds.
DEAL_TYPES = ALLOWED_DEAL_TYPES


@dataclass(frozen=True, slots=True)
class DealMention:
    """One deal as one article reports it (grain: one row per deal per article)."""

    mention_id: str
    article_id: str
    article_url: str
    parties: tuple[str, ...]
    party_roles: tuple[str, ...]
    deal_type: str
    announced_on: date | None
    announced_precision: str | None
    amount_usd: float | None
    amount_text: str | None
    currency: str | None
    amount_min_usd: float | None
    amount_max_usd: float | None
    valuation_usd: float | None
    valuation_text: str | None
    stake_pct: float | None
    revenue_share_pct: float | None
    compute_provider: str | None
    exclusivity: str | None
    term_end_year: int | None
    reported: bool
    evidence: str
    evidence_start: int
    evidence_end: int
    confidence: float
    extractor_version: str = EXTRACTOR_VERSION

    def to_record(self) -> dict[str, object]:
        """A JSON-ready dict with the published column names."""
        record: dict[str, object] = {k: getattr(self, k) for k in self.__slots__}
        record["parties"] = list(self.parties)
        record["party_roles"] = list(self.party_roles)
        record["announced_on"] = self.announced_on.isoformat() if self.announced_on else None
        return record


# A deal told in several sentences takes its type from the strongest: a takeover whose staff
# "join" the buyer stays an acquisition.
_MERGE_RANK = {
    t: i for i, t in enumerate(("acquisition", *(t for t in DEAL_TYPES if t != "acquisition")))
}

# --- cue lexicon -----------------------------------------------------------------------

# Every cue below contains one of these stems: a clause without any is not read further.
_CUE_STEMS = (
    *"""invest acqui buy bought purchas takeover merg snap pick combin pay paid stake fund financ rais
    folded absorbed
    round series backed backer backing backs participat participan led co-lead infusion shareholder investor
    put pour plow pump inject tranche equity minority owned owns stock shares provid contribut commit hir rehir
    poach recruit bring brought join rejoin re-join chip gpu accelerator processor tpu gigawatt gw
    semiconductor blackwell rubin hopper h100 h200 gb200 gb300 b200 mi3 mi4 trainium inferentia
    instinct silicon system compute computing cloud capacity datacent server supercomput
    infrastructure cluster hosting supplier licen content access use using display partner venture
    jv alliance teamed collaborat tie-up pact co-develop integrat deal agreement contract
    arrangement transaction memorandum mou terms build built embed weave sign inked struck""".split(),
    "data cent",
    "data-cent",
    "revenue-shar",
    "revenue shar",
    "team up",
    "teams up",
    "team-up",
    "took part",
    "take part",
    "takes part",
    "taking part",
    "took over",
    "take over",
    "takes over",
    "train on",
    "trained on",
    "training on",
    "training partner",
    "tie up",
)
# Every stem starts with a letter, so "not after a word character" is the \b before it.
_ANY_CUE = re.compile(_trie_regex(_CUE_STEMS, not_after=r"\w"))

# Substrings every cue of a type contains: a type whose stems are absent is not searched.
_TYPE_STEMS: dict[str, tuple[str, ...]] = {
    "acquihire": ("hir", "join", "bring", "brought", "poach", "recruit", "acqui"),
    "acquisition": ("acqui", "buy", "bought", "purchas", "take", "took", "merg", "snap", "pick",
                    "combin", "pay", "paid", "folded", "absorbed"),
    "investment": ("invest", "stake", "fund", "financ", "rais", "round", "series", "back", "led",
                   "participat", "participan", "part", "infusion", "shareholder", "put", "pour", "plow", "pump",
                   "inject", "tranche", "equity", "minority", "own", "provid", "contribut", "commit",
                   "co-", "investor", "stock", "shares"),
    "chip_supply": ("chip", "gpu", "accelerator", "processor", "tpu", "gigawatt", "gw", "semiconductor",
                    "blackwell", "rubin", "hopper", "h100", "h200", "gb200", "gb300", "b200", "mi3",
                    "mi4", "trainium", "inferentia", "instinct", "silicon", "system"),
    "cloud_compute": ("comput", "cloud", "capacity", "data", "server", "supercomput", "infrastructure",
                      "training partner", "cluster", "hosting", "supplier", "gpu"),
    "licensing": ("licen", "content", "access", "use", "display", "train"),
    "partnership": ("partner", "venture", "jv", "alliance", "team", "collaborat", "tie", "pact",
                    "revenue", "co-develop", "integrat", "into", "embed"),
}  # fmt: skip
_TYPE_STEM_PATTERNS = {t: _substrings(stems) for t, stems in _TYPE_STEMS.items()}

_STAFF = (
    r"(?:CEO|chief executive|co-?founders?|founders?|staff|team|employees|researchers|talent|"
    r"leaders|leadership|executives|engineers|workforce|president|chief scientist|CTO)"
)
_CUE_PATTERNS: dict[str, re.Pattern[str]] = {
    "acquihire": re.compile(
        r"\bacqui-?hir\w*|\breverse acqui\w*|\b(?:(?:re)?hir(?:e|es|ed|ing)|poach(?:es|ed|ing)?|"
        r"recruit(?:s|ed|ing)?|bring(?:s|ing)?|brought|(?:re-?)?join(?:s|ed|ing)?|"
        r"return(?:s|ed|ing)? to)\b"
        rf"[^.;]{{0,80}}(?:\b{_STAFF}\b|\b(?:who|that) (?:had )?(?:left to )?(?:co-)?found(?:ed)?\b)|\b{_STAFF}\b[^.;]{{0,60}}\b(?:join(?:s|ed|ing)?|mov(?:e|es|ed|ing) to|"
        r"will join|are joining)\b",
        re.I,
    ),
    "acquisition": re.compile(
        r"\b(?:acquir(?:e|es|ed|ing)|acquisitions?|buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing)|"
        r"takeover|take over|takes over|took over|merg(?:e|es|ed|ing)|merger(?! (?:rules|regulation|"
        r"control|review|guidelines|law|laws|thresholds))|snap(?:s|ped)? up|pick(?:s|ed)? up|"
        r"combin(?:e|es|ed|ing) with|all-stock (?:deal|transaction)|buyout|"
        r"(?:was|were|been|is being) (?:folded|absorbed) into)\b|"
        r"\bpa(?:y|ys|id|ying)\s+(?:about |roughly |some |around |nearly |more than |up to )?(?:\$|€|£|US\$)"
        r"[\d.,]+\s*\w*\s+(?:(?:in|of) (?:cash|stock|shares)(?: and (?:cash|stock))?\s+)?(?:for|to (?:buy|acquire))\s+(?=(?:the\s+)?[A-Z])|"
        r"\bpa(?:id|ys|y) for\s+(?=(?:the\s+)?[A-Z])|"
        # "paid $6.5 billion for the integration-software company": the price of a company
        r"\bpa(?:y|ys|id|ying)\s+(?:about |roughly |some |around |nearly |more than |up to )?(?:\$|€|£|US\$)"
        r"[\d.,]+\s*\w*\s+for\s+(?=(?:the|a|an)\s+(?:[\w-]+\s+){0,3}(?:company|startup|start-up|firm|"
        r"maker|developer|specialist|business|unit|division|lab|provider|platform)\b)",
        re.I,
    ),
    "investment": re.compile(
        r"\b(?:invest(?:s|ed|ing|ment|ments|or|ors)?|stakes?|funding|financing|"
        # "raised its full-year revenue forecast", "raising prices": no money raised
        r"rais(?:e|es|ed|ing)(?!\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,3}(?:forecasts?|outlook|guidance|"
        r"targets?|estimates?|prices?|dividends?|rates?|concerns?|questions?|stakes? in)\b)"
        # "raised questions about ...": doubts, not money
        r"(?!\s+(?:questions?|concerns?|doubts?|eyebrows|fears?|alarms?|hopes?|expectations|"
        r"the (?:question|prospect|possibility|alarm|stakes)|prices?|rates?)\b)|"
        r"(?:funding |investment |series [a-h] |seed |new |latest )round|"
        r"(?:a|the|its|this|that) (?:(?:\$|€|£)[\d.,]+\s*\w*\s+)?round(?= led| co-led| of| that| at)|"
        r"series [a-z]\b|backed|backer|backers|backing|(?:funded|financed) by|co-led|co-leads?|led the round|led(?=\s*[,.;])|"
        r"led (?:a|an|the|its) (?:(?:\$|€|£)[\d.,]+\s*\w*\s+)?(?:funding |seed |new )?(?:round|raise|financing)|"
        r"participat(?:e|es|ed|ing|ion|ions)|participants?|capital injection|infusion|"
        r"(?:filled|rounded) out the round|joined the round|"
        # "Nvidia is also a CoreWeave shareholder"
        r"(?<=X)\s+(?:is|was|are|were|remains?|became|becomes)\s+(?:also\s+)?(?:an?|the)\s+"
        r"(?:\w+\s+)?X{2,}[X\s.&'-]*\s+(?:shareholder|investor|backer)s?|"
        r"(?:round|raise|financing|series [a-h])\s+(?:was|is|has been|had been|will be)\s+(?:co-)?led|"
        r"(?:largest|biggest|major|minority|majority|main|key|early|anchor) (?:shareholder|investor|backer)s?|"
        r"put(?:s|ting)? (?:in )?(?:up to |another |a further |an additional )?\$|"
        r"pour(?:s|ed|ing)?|plow(?:s|ed|ing)?|pump(?:s|ed|ing)?|injects?|injected|"
        r"tranche(?!\s+of\s+(?:what|the\s+(?:chips|processors|GPUs|capacity)))|"
        r"took part|take part|takes part|taking part|co-invest\w*|equity|minority position|"
        r"worth of (?:[\w’']+\s+){0,2}(?:shares|stock)|"
        r"(?:doubl|tripl|increas|boost|lift|rais)\w*\s+(?:its|their|his|her)\s+(?:total\s+)?(?:commitment|stake|investment|bet|holding)|"
        r"(?:provid|contribut)(?:e|es|ed|ing)\s+(?:about |up to |roughly |another |the remaining )?(?:\$|€|£)|"
        r"own(?:s|ed)? (?:roughly |about |around |nearly |almost |some )?\d+(?:\.\d+)?\s?(?:%|percent) of)\b|"
        # "received $350 million of CoreWeave stock" (a sign opens no word: outside the \b group)
        r"(?<!\w)(?:\$|€|£)[\d.,]+\s*\w*\s+(?:of|in)\s+(?:[\w’'.-]+\s+){0,2}(?:stock|shares)\b|"
        r"\bput(?:s|ting)?\b[^.;]{0,40}?(?:\$|€|£)[\d.,]+\s*\w*\s+(?:into|in)\b|\bput(?:s|ting)?\s+into\b|"
        r"\bcommit(?:s|ted|ting)?\s+(?:up to |about |another |a further |an additional )?(?:\$|€|£)[\d.,]+\s*\w*\s+to\s+the\s+(?:startup|lab|company)\b",
        re.I,
    ),
    "chip_supply": re.compile(
        r"\b(?:chips?|GPUs?|accelerators?|processors?|TPUs?|gigawatts?|GW|semiconductors?|"
        r"Blackwell|Rubin|Hopper|H100s?|H200s?|GB200s?|GB300s?|B200s?|MI\d{3}\w*|Trainium\d?|"
        r"Inferentia\d?|Instinct|silicon|systems)\b",
        re.I,
    ),
    "cloud_compute": re.compile(
        r"\b(?:compute|computing(?: power| capacity| resources| infrastructure)?|cloud|capacity|"
        r"data[- ]?cent(?:er|re)s?|servers?|supercomput\w+|AI infrastructure|infrastructure|"
        r"training partner|clusters?|GPU capacity|hosting|suppliers?|capacity deal)\b",
        re.I,
    ),
    "licensing": re.compile(
        r"\b(?:licen[cs](?:e|es|ed|ing|or|ee|ees)|content (?:deal|agreement|partnership)|"
        r"(?:access to|use of|use|using|display|train on|training on)\s+(?:[\w’'-]+\s+){0,4}?(?:archives?|content|"
        r"articles|journalism|posts|images|library|stories|reporting|news)|data[- ]licensing|content pact|"
        # "Microsoft will pay Anthropic to use its models": paying a maker for its product
        r"pa(?:y|ys|id|ying)\s+X{2,}[X\s.&'-]*?\s+(?:to use|for (?:the )?use of|for access to)\s+"
        r"(?:its|their)\s+(?:\w+\s+)?(?:models?|technology|software|tools?))\b",
        re.I,
    ),
    "partnership": re.compile(
        r"\b(?:partner(?:s|ed|ing|ship|ships)?|joint venture|"
        r"venture(?![- ](?:capital|arm|fund|firm|investors?|partners|debt|studio|builder|round))|JV|"
        r"alliance|team(?:s|ed)? up|"
        r"collaborat\w+|tie-up|tie up|pact|revenue[- ]shar\w+|co-develop\w*|integrat\w*|teamed|"
        r"(?:build|builds|building|built|bring|brings|bringing|embed\w*|weave|weaves)\s+(?:[\w’'.-]+\s+){1,4}into)\b",
        re.I,
    ),
}
_GENERIC = _lower(
    r"\bpa(?:y|ys|id|ying)\s+(?:it|them|\w+)\s+(?:about |roughly |some |up to )?(?:\$|€|£)|"
    r"\b(?:deal|deals|agreement|agreements|contract|contracts|arrangement|transaction|commitment|"
    r"memorandum|MOU|terms)\b"
)
_AGREEMENT_VERB = _lower(
    r"\b(?:sign(?:s|ed|ing)?|struck|strike|strikes|ink(?:s|ed)?|reach(?:es|ed)?|agree(?:s|d)?|"
    r"enter(?:s|ed)? into|announc(?:e|es|ed|ing)|unveil(?:s|ed)?|secur(?:e|es|ed)|land(?:s|ed)?|"
    r"won|win(?:s)?|expand(?:s|ed|ing)?|extend(?:s|ed|ing)?|renew(?:s|ed)?|clinch(?:es|ed)?|"
    r"seal(?:s|ed)?|finaliz(?:e|es|ed)|finalis(?:e|es|ed)|deal with|agreement with|contract with|"
    r"pact with|deal between|agreement between|committed|commits?|will spend|to spend|spend(?:s|ing)?)\b"
)
_SUPPLY_VERB = _lower(
    r"\b(?:suppl(?:y|ies|ied|ier)|provid(?:e|es|ed|ing)|deliver(?:s|ed|ing)?|buy(?:s|ing)?|bought|"
    r"purchas(?:e|es|ed|ing)|order(?:s|ed)?|deploy(?:s|ed|ing|ment)?|deal|agreement|contract|"
    r"commit(?:s|ted|ment)?|access to|rent(?:s|ed|ing)?|leas(?:e|es|ed|ing)|run (?:on|its)|"
    r"use(?:s)? (?:of )?(?:up to )?(?:\d|one|a million)|warrants?|gigawatts?|GW)\b"
)
_SHOPPING = _lower(
    r"\b(?:discount(?:ed|s)?|on sale|sale price|price cut|coupon|Black Friday|Cyber Monday|"
    # "cheaper" only as a price is said, not "makes it far cheaper to train models"
    r"Prime Day|shoppers?|find it cheaper|cheaper (?:than ever|anywhere|elsewhere|right now)|"
    r"bargain|MSRP|list price|% off|percent off|\$\d+ off|"
    r"retail price|deal of the day|best deals?|doorbuster|a steal|(?:deal|deals|sale) on (?:the|this|a|an)|"
    r"price drop|lowest price|marked down)\b|(?:\$|€|£)\d+ (?:off|cheaper)\b"
)
_DENIAL = _lower(
    r"\b(?:denied|denies|deny|denying|dismissed (?:the |a |those )?(?:report|rumou?r)s?|"
    r"refuted|rejected (?:the |a )?(?:report|claim)s?|(?:is|was|were|are) (?:not|no longer) in talks|"
    r"no plans to|has no plans|have no plans|had no plans|not true|untrue|false report|"
    r"categorically|never (?:happened|took place)|no such (?:deal|talks|agreement)|baseless|"
    r"not accurate|inaccurate|fake news)\b"
)
_NEGATED = _lower(
    r"\b(?:did not|didn't|does not|doesn't|will not|won't|never|not|is not|isn't|was not|wasn't|"
    r"(?:no|any) need to|no plans? to|no intention of|no intention to)\s+"
    r"(?:\w+\s+)?(?:invest\w*|acquir\w*|buy\w*|partner\w*|licens\w*|sign\w*|join\w*|back\w*|fund\w*|"
    r"the (?:company|startup) outright)\b"
)
_HEDGE = re.compile(
    r"\breportedly\b|\bis said to\b|\bare said to\b|\bwas said to\b|\baccording to (?:people|"
    r"sources|a person|persons|several people|two people|three people|reports?|a report|media reports|"
    r"(?:The )?[A-Z][\w.]*(?: [A-Z][\w.]*)* report)|\bpeople (?:familiar|briefed|close) with\b|"
    r"\bsources? (?:said|say|says|familiar|close)\b|\b(?:it|it's|it’s|has been|was|were|have been)\s+"
    r"(?:previously |widely |first )?reported\b|\breports? (?:that|say|said|suggest)\b|"
    r"\brumou?r(?:s|ed)?\b|\bin (?:advanced |early |late-stage )?talks\b|\bin discussions\b|"
    r"\bis (?:weighing|considering|exploring|mulling|nearing)\b|\bare (?:weighing|considering|"
    r"exploring|nearing)\b|\bunconfirmed\b|\b(?:The )?[A-Z][\w.]*(?: [A-Z][\w.]*){0,3} (?:reported|"
    r"has reported|first reported|reports)\b|\bwho asked not to be (?:named|identified)\b|"
    r"\bspeaking on condition of anonymity\b|\bcould be worth\b|\bwould be worth\b",
)
_ANNOUNCED = _lower(
    r"\b(?:announc(?:e|es|ed|ing)|confirm(?:s|ed|ing)?|said (?:in a statement|on \w+day|it (?:will|would|has|had)|"
    r"that it)|says (?:it|that)|unveil(?:s|ed)?|signed|sign(?:s)?|agreed|agrees|completed|closes|closed|"
    r"finaliz(?:ed|es)|finalis(?:ed|es)|disclosed|press release|blog post|statement|filing|"
    r"(?:will|to) (?:invest|acquire|buy|pay|spend)|has (?:invested|acquired|bought)|"
    r"(?:invested|acquired|bought|raised|hired))\b"
)
_REPORTING_CONTEXT_BEFORE = _lower(
    r"(?:according to|told|reported by|report(?:s|ed)? (?:by|from|in)|cited by|citing|per|"
    r"interview with|speaking to|via|in an? (?:interview|report|story|article) (?:with|by|in)|"
    r"sources told|first reported by|published by|wrote in)\s+(?:the\s+)?$"
)
_REPORTING_CONTEXT_AFTER = _lower(
    r"^(?:['’]s)?\s*(?:\(\w+\)\s*)?(?:(?:first|previously|also|has|had|was|later|earlier|"
    r"separately|then|last \w+|on \w+day)\s+)*"
    r"(?:reported|reports|report\b|said|says|wrote|writes|noted|cited|citing|published|revealed|"
    r"broke the news|was first|story|article|journalists?|reporter)"
)
_EXCLUDED_BEFORE = _lower(
    r"(?:blessing|approval|permission|consent|backing|support|scrutiny|review|investigation|probe)\s+"
    r"(?:of|from)\s+(?:the\s+)?$|(?:approved by|cleared by|(?:rivals?|competitors?|customers?|clients?|"
    r"users?|peers?)\s+(?:such as|like|including)|former|ex-|alumni of|veterans? of|formerly (?:of|at)|previously (?:of|at)|"
    r"who (?:led|ran|worked at|left|had joined|joined)|left|quit|departed|versus|vs\.?|than|unlike|"
    r"rather than|behind|joined (?:[^\s]+\s+){1,3}from|"
    r"ahead of|trails?|trailing)\s+(?:the\s+)?$|"
    # "its biggest purchase since Slack": a past deal for scale, not a party to this one
    r"\b(?:biggest|largest|first|most expensive|priciest|top)\b[^.;]{0,40}\bsince\s+(?:the\s+|its\s+)?$"
)
_ANAPHORA = _lower(
    r"\b(?:the|this|that|their|its)\s+(?:new\s+|latest\s+|revised\s+|expanded\s+|original\s+|"
    r"amended\s+|two-way\s+)?(?:deal|agreement|partnership|pact|contract|arrangement|"
    r"relationship|investment|acquisition|transaction|round|tie-up|terms|alliance|commitment|"
    r"collaboration|purchase|venture)\b|\bthe two (?:companies|firms|sides)\b|\bboth companies\b"
)
_DEAL_VERBS = r"(?:invested|backed|acquired|bought|signed|agreed|struck|hired|partnered|raised|put|took|made|paid)"
_BACKGROUND = re.compile(
    rf"\b(?:(?:previously|earlier|already|originally|once|first)\s+(?:\w+\s+)?{_DEAL_VERBS}|"
    rf"had\s+(?:already\s+|previously\s+|first\s+)?{_DEAL_VERBS}|in the past|original|initial|"
    r"which (?:has|had) (?:invested|backed|put))\b",
    re.I,
)
_REPORTED_SPEECH_BEFORE = _lower(
    r"(?i)\b(?:said|says|announced|confirmed|disclosed|told)\b[^.;]{0,40}$"
)


def _is_background(clause: str) -> bool:
    """A recalled earlier deal; "they said on Tuesday they had signed" is today's news told in
    reported speech, not background."""
    for m in _BACKGROUND.finditer(clause):
        if m.group().lower().startswith("had") and _REPORTED_SPEECH_BEFORE.search(
            clause, 0, m.start()
        ):
            continue
        return True
    return False


_NOT_DEAL_DATE_BEFORE = _lower(
    r"(?:founded|launched|released|established|born|incorporated|expected to (?:close|complete)|"
    r"due to close|should close|close by|closing|expires?|expiring|through|until|till|by|runs?|"
    r"lasts?|deadline|fiscal|ending|ends|IPO|went public|listed|earnings|quarterly|results|"
    r"reported revenue|released (?:in|on)|debuted|introduced|ousted|fired|reinstated|"
    r"until at least|starting|beginning|begin|start|due|slated|scheduled|planned|expected|from|"
    r"over|within|throughout|report|article|story)\s+"
    r"(?:(?:in|on|by|of|at|the|end of|early|late|mid|first|second|half)\s+)*$"
)
_NOT_DEAL_DATE_AFTER = _lower(r"^\s*(?:IPO|earnings|results|quarter)\b")
_NOT_DEAL_AMOUNT_AFTER = _lower(
    r"^\s*of\s+(?:the|that|this|its)\s+(?:payment|total|deal|sum|amount|price|money|investment|"
    r"commitment|figure|round)\b|"
    r"^\s*(?:\)\s*)?(?:(?:in|of|on|a year in|per year in|annual|annualized|annualised|yearly)\s+)*"
    r"(?:(?:annual(?:ized|ised)?|recurring|quarterly|yearly|net|gross|operating|projected|expected)\s+)*"
    r"(?:revenues?|sales|profits?|earnings|net income|income|ARR|annual recurring revenue|run[- ]rate|"
    r"capex|capital expenditures?|capital spending|losses|cash burn|market|bookings|backlog|"
    r"market (?:cap|capitalization|value)|debt|loans?|credit|bonds?|settlement|fines?|penalt\w+|"
    r"salary|pay package|compensation|budget|subsidies|grants?|tax|share price|a share|per share|"
    r"apiece|an hour|per hour|a month|per month|per user|a seat|"
    # "invested more than $125 million across a dozen AI companies": many deals, not one
    r"(?:across|in|into)\s+(?:a\s+|an\s+)?(?:dozen|dozens|number|range|handful|series|host|"
    r"portfolio|variety|several|multiple|\d+)\b[^.;]{0,30}?\b(?:companies|startups|start-ups|firms|"
    r"deals|investments|businesses)|"
    r"(?:reverse )?(?:break-?up|termination|walk-?away) fee)\b|"
    # "ended October with $60.6 billion in cash and short-term investments": a cash pile
    r"^\s*(?:in|of)\s+(?:cash (?:and (?:short-term |marketable )?(?:investments|securities|"
    r"equivalents)|on hand|reserves)|net cash|liquidity)\b"
)
_DEAL_VALUE_BEFORE = _lower(
    r"\b(?:(?:put|pegged|pegs|puts|estimated|priced)\s+(?:the|its)\s+(?:value|price|figure|cost)|"
    r"(?:base|total|contract|deal|headline|overall|transaction)\s+value)\s+(?:of|at)\s+"
    r"(?:about|around|roughly|nearly|some|up to|\s)*$"
)
_NOT_DEAL_AMOUNT_BEFORE = _lower(
    r"\b(?:revenues?|sales|profits?|earnings|run[- ]rate)\s+(?:is|are|was|were|has|have|had|will|"
    r"would|could|)\s*(?:be\s+)?(?:approaching|nearing|near|topping|topped|reaching|reached|hit|hitting|"
    r"exceeding|exceeded|surpassing|surpassed|passing|passed|up to|above|over|more than|less than|"
    r"about|around|roughly|nearly|almost)\s*(?:about|around|roughly|nearly|almost|\s)*$|"
    r"(?:revenues?|sales|profits?|income|earnings|capex|capital expenditures?|spending|market|lift revenue|"
    r"backlog(?: (?:had |has )?(?:stood at|of|was|is|reached|grown to|grew to|rose to))?|order book|"
    r"market (?:cap|capitalization|value)|losses|budget|debt|loan|credit line|fine|settlement|"
    r"generated|generating|generates|earned|earns|posted|reported(?!\s+at\b)|forecast|projected|run[- ]rate|"
    r"ARR|stake (?:is |now )?(?:worth|valued at)|holding (?:is |now )?(?:worth|valued at)|"
    r"(?:company|firm|group|startup|it|which|that),? (?:is |now )?worth|"
    r"put at|bringing (?:its|the|their|his|her)?[^$€£.;]{0,30}?(?:total|overall|cumulative)[^$€£.;]{0,50}? to|"
    r"(?<!for a )(?<!for the )total(?:ing|ling)?|cumulative(?:ly)?|in total|so far|to date|"
    r"market value of|pay package|salary)\s*(?:of|at|to|about|around|roughly|nearly|some|over|"
    r"more than|almost|approximately|an estimated|just over|close to|above|below|exceeding|beyond|past|\s)*$"
)
_DEAL_WORTH_BEFORE = _lower(
    r"\b(?:deal|agreement|contract|transaction|acquisition|purchase|pact|commitment|investment|"
    r"round|tie-up|partnership|buyout|takeover|expansion|add-on|order)\b[^$€£.;]{0,40}?"
    r"(?:(?:is|was|that is|which is|reportedly|said to be|believed to be|could be|would be)\s+)*"
    r"(?:worth|valued at|valuing|totall?ing|with a (?:total |base )?value of)\s*"
    r"(?:about|around|roughly|nearly|some|over|more than|up to|as much as|almost|approximately|"
    r"an estimated|\s)*$"
)
_VALUATION_BEFORE = _lower(
    r"\b(?:valu(?:e|ed|ing|ation|es)|post-money|pre-money|market value)\b[^$€£.;]{0,40}?(?:at|of)?\s*"
    r"(?:about|around|roughly|nearly|some|over|more than|almost|approximately|an estimated|\s)*$|"
    r"\bat an?\s+$"
)
_VALUATION_AFTER = _lower(
    r"^\s*(?:\w+\s+)?(?:valuation|post-money|pre-money)\b|^\s*(?:it|the company|the startup|"
    r"the firm|[A-Z][\w.]*)\s+(?:was|is|had been|has been)\s+(?:worth|valued)\b"
)
# "a $1 billion round": the figure names the round itself, whatever valuation came before.
_ROUND_AFTER = _lower(
    r"^\s*(?:(?:funding|financing|equity|investment|series [a-h]|seed|venture)\s+)?"
    r"(?:round|raise|financing|fundraise|fundraising)\b"
)
# "The first contract with the provider, struck in March, was valued at": a deal as the subject.
_DEAL_SUBJECT_VALUED = _lower(
    r"\b(?:contract|deal|agreement|pact|transaction|order|commitment)\b"
    r"(?:(?!\b(?:company|startup|firm|lab|business|which|who)\b)[^$€£.;])*?"
    r"\b(?:was|is|were|are|had been|has been)\s+(?:valued at|worth)\s*"
    r"(?:about|around|roughly|nearly|some|over|more than|up to|as much as|almost|\s)*$"
)
_IT_WORTH_BEFORE = _lower(
    r"\bit(?:['’]s| is| was| would be| could be| will be)\s+worth\s*"
    r"(?:about|around|roughly|nearly|some|over|more than|up to|as much as|almost|\s)*$"
)
_DEAL_NOUN = _lower(r"(?i)\b(?:deal|agreement|arrangement|contract|pact|transaction)\b")
_PER_SHARE_AFTER = _lower(
    r"\s*(?:a|per|for each|each)\s+(?:share|ADS|unit)\b|"
    # "433.3 million Intel shares at $20.47 each": a share price
    r"\s*(?:each|apiece)\b(?!\s+(?:year|month|quarter))"
)
_PER_PERIOD_AFTER = _lower(r"^\s*(?:a|per|each|every)\s+(?:year|annum)\b|^\s*(?:annually|yearly)\b")

_INVESTEE_BEFORE = _lower(
    r"(?:invest\w*|stakes?|interest|position|bet|put|puts|putting|pour\w*|plow\w*|commit\w*|"
    r"money|funding|capital|shares|backing|back|backs|backed|injects?|injected|equity|\$[\d.,]+\s*\w*|"
    r"[\d.,]+\s*(?:billion|million|bn|m))\s+(?:[\w’'$.,-]+\s+){0,6}?(?:in|into|to|of|for)\s+"
    r"(?:the\s+|AI\s+|rival\s+|startup\s+|start-up\s+|French\s+|chatbot\s+maker\s+)*$|"
    r"(?:backed|backing|backs|funded|funding|financed|fund)\s+(?:the\s+)?$"
)
_ISSUER_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:common\s+|preferred\s+|class [ab]\s+)?(?:stock|shares)\b"
)
_INVESTEE_AFTER = _lower(
    r"^(?:['’]s)?\s*(?:,\s*(?:which|the|a|an)\b[^,]{0,60},\s*)?(?:has\s+|had\s+|have\s+|is\s+|was\s+|said\s+(?:it\s+)?(?:has\s+|had\s+)?)?"
    r"(?:raised|raises|raising|secured|secures|closed|closes|landed|lands|received|receives|"
    r"took|takes|got|gets|drew|draws|attracted|announced a|completed a|is in talks to raise|"
    r"valued|has been valued|will receive|'s (?:funding|round|series)|funding round|round|"
    r"(?:is|was|has been|had been) backed|backed by|, backed by|investors?\b|shareholders?\b)"
)
_TARGET_BEFORE = _lower(
    r"(?:acquir(?:e|es|ed|ing)|buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing)|takeover of|take over|"
    r"took over|takes over|acquisition of|merg(?:e|es|ed|er|ing) with|snap(?:s|ped)? up|"
    r"buyout of|purchase of|deal for|bid for|combin(?:e|es|ed|ing) with)\s+"
    r"(?:(?:the|its|rival|startup|start-up|AI|chip|chipmaker|designer|company|firm|platform|"
    r"cloud|provider|developer|coding|assistant|device|hardware|operator|Finnish|French|Israeli|"
    r"software|maker|lab|all of|the rest of|a|an|of)\s+)*$|"
    # "paid $6.5 billion for the integration-software company", "agreed to pay $27.7 billion for
    # workplace messaging service Slack": the price of what follows
    r"pa(?:y|ys|id|ying)\s+(?:about |roughly |some |around |nearly |more than |up to )?(?:\$|€|£|US\$)"
    r"[\d.,]+\s*\w*\s+(?:in cash\s+)?for\s+(?:[\w-]+\s+){0,4}$"
)
_TARGET_AFTER = _lower(
    # a passive ("Voysis, a Dublin company, was acquired"): the name before it is what is bought;
    # "Microsoft acquired Nuance" names the buyer first
    r"^(?:['’]s)?\s*(?:,\s*(?:which|the|a|an)\b[^,]{0,80},\s*)?(?:is|was|were|are|has been|have been|"
    r"will be|had been|would be|agreed to be|to be|is being|was being)\s+(?:acquired|bought|"
    r"purchased|sold|taken over|folded into|absorbed into)\b|"
    r"^,\s*(?:acquired|bought|purchased) by\b|"
    r"^\s+(?:agreed to sell|sold itself|is selling|will sell|has sold)\b|"
    # "Convergence, a London start-up, which Salesforce agreed to acquire"
    r"^,\s*(?:[^,;.]{0,90},\s*)?(?:which|that|whom)\s+[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)?\s+"
    r"(?:has\s+|had\s+|will\s+|would\s+|agreed to\s+|plans to\s+|is to\s+|also\s+)*"
    r"(?:acquire|acquired|buy|bought|purchase|purchased|snapped up|took over)\b"
)
_HIRE_TARGET = _lower(
    rf"^(?:['’]s)?\s*(?:(?:co-?)?founders?\s+(?:and\s+)?(?:CEO|chief executive)?|{_STAFF})\b"
)
_HIRE_TARGET_BEFORE = _lower(r"(?:from|of|at|left|leaving)\s+(?:the\s+)?(?:startup\s+)?$")
_LICENSOR_BEFORE = _lower(r"licen[cs](?:e|es|ed|ing)\s+(?:[\w’'-]+\s+){0,4}(?:from|of)\s+$")
_PROVIDER_BEFORE = _lower(
    r"(?:from|on|with|via|through|using|use|uses|to use|rent\w*\s+[^.;]{0,30}from|"
    r"capacity from|compute from|servers from|chips from|GPUs from)\s+(?:the\s+)?$"
)
_PRODUCT_POSSESSIVE = _lower(r"^['’]s\s+(?:Azure|cloud|AWS|data cent|servers|compute|GPUs|chips)")


# --- clause context ------------------------------------------------------------------------

_ACQ_OBJECT_NOT_COMPANY = _lower(
    r"^[^.;,]{0,70}?\b(?:chips?|GPUs?|accelerators?|processors?|capacity|compute|computing|cloud|"
    r"servers?|services|power|electricity|hardware|systems|licen[cs]es?|data(?![- ]?cent)|content|ads?|"
    r"advertising|equipment|gigawatts?)\b"
)
_COMPANY_OBJECT = re.compile(
    r"^[^.;,]{0,50}?\b(?:company|startup|start-up|firm|maker|developer|specialist|designer|operator|"
    r"group|lab|unicorn|business|provider|rival|subsidiary|division|unit)\s+(?:of\s+)?[A-Z]|"
    # "buy the design-software startup for $20 billion": a company named by what it does
    r"^\s*(?:the|a|an)\s+(?:[\w-]+\s+){0,3}(?:company|startup|start-up|firm|maker|developer|"
    r"specialist|designer|lab|unicorn|business|rival)\b"
)
# "pay for access to CoreWeave's GPU infrastructure": renting a cloud's chips, not buying them
_RENTED = _lower(r"(?i)\b(?:access to|use of|time on|capacity on|rent\w*|lease\w*)\b")
_MINORITY_SHARE = re.compile(
    r"^\s*(?:(?:an?|another)\s+(?:additional|further|extra)\s+|about\s+|roughly\s+|nearly\s+|almost\s+)?"
    r"(\d+(?:\.\d+)?)\s?(?:%|percent|per cent)\s+(?:stake\s+)?(?:of|in)\b"
)
_ACQ_OBJECT_EQUITY = _lower(
    r"^(?:[^.;,]|(?<=\d)[.,](?=\d)){0,60}?\b(?:shares|stock|stakes?|equity|common stock|preferred stock|minority|"
    r"majority stake|\d+(?:\.\d+)?\s?(?:%|percent)\b)"
)
_POWERED_BY = _lower(
    r"\b(?:powered by|built on|built with|trained on)\b(?![^.;]*\b(?:deal|agreement|contract)\b)"
)
_PRODUCT_USE = _lower(
    r"\b(?:use|uses|using|used|tap|taps|tapped|rely|relies|run|runs|running on|access|move|moves|moving|"
    r"shift|shifts|sign|signs|signed|pick|picks|picked|chose|choose|select|selected|adopt|adopts|adopted|"
    r"deploy|deploys|migrate|migrates|commit|commits|committed|buy|buys|rent|rents|expand|expands|draw on|"
    r"spend|spends|spending|pay|pays|paying|deal|agreement|contract|partner)\w*\b"
)
_HARDWARE_OBJECT = _lower(
    r"^[^.;,]{0,40}?\b(?:chips?|GPUs?|accelerators?|processors?|servers?|hardware|equipment|"
    r"systems)\b(?![^.;,]{0,25}\b(?:capacity|compute|computing|cloud)\b)"
)
_COMPANY_DESCRIPTOR = re.compile(
    r"\b(?:chip|GPU|cloud|server|data-cent\w+|AI|software|hardware|equipment|networking|data)\s+"
    r"(?:designer|maker|startup|start-up|company|firm|provider|operator|builder|specialist|group)s?\b",
    re.I,
)
_REGULATORY = _lower(
    r"\b(?:regulators?|antitrust|competition (?:authority|watchdog|regulator)|Federal Trade Commission|"
    r"FTC|European Commission|(?<!Exchange )Commission|CMA|Competition and Markets Authority|Department of Justice|"
    r"DOJ|probe|inquiry|investigation|scrutiny|compulsory orders|merger rules|watchdog|"
    r"lawmakers|court|lawsuit|sued)\b"
)
_POSSESSIVE_DEAL = _lower(
    r"['’]s\s+(?:(?:newly announced|proposed|planned|pending|\$[\d.,]+\s*\w*|€[\d.,]+\s*\w*|"
    r"multibillion-dollar|billion-dollar|\w+)\s+){0,3}(?:acquisition|investment|purchase|stake|deal|"
    r"partnership|tie-up|takeover|buyout|agreement|alliance|pact)\s+(?:of|in|with|for)\s+$"
)
_BACKED_AFTER = re.compile(r"-(?:backed|funded|owned|supported|controlled|based|powered)\b")
_BACKED_MASKED = re.compile(r"X+-(?:backed|funded|owned|supported|controlled|based|powered)\b")
_ATTRIBUTIVE_AFTER = _lower(
    r"^(?:['’]s)?\s*(?:in-house\s+|own\s+|latest\s+|newest\s+|next-generation\s+|custom\s+|"
    r"flagship\s+|top-end\s+|high-end\s+)?(?:GPUs?|chips?|systems|processors?|accelerators?|"
    r"hardware|servers?|H100s?|H200s?|B200s?|GB200s?|GB300s?|Blackwell|Grace|Vera|Rubin|Hopper|"
    r"Instinct|networking|platform|engineers|silicon|tensor processing units|TPUs?|Trainium|"
    r"data-cent(?:er|re) (?:GPUs?|chips?)|AI chips?|designs?|graphics (?:processors|processing units|chips|cards))\b"
)
_PARTICIPATION = _lower(
    r"\b(?:(?:filled|rounded) out the round|joined the round|(?:the )?lead investor (?:was|is)|"
    r"led (?:the|that|this) (?:round|raise|financing|investment)|led(?=\s*[,.;])|co-led|co-leads?|took part|"
    r"taking part|takes part|"
    r"take part|also (?:invested|participated|joined|put in|came in|backed)|participat\w+|joined|"
    r"among the (?:other )?(?:investors|backers|participants)|investors? (?:included|include|were)|"
    r"backers? (?:included|include)|existing (?:investors|backers)|new investors|strategic investors|"
    # "The round was led by Parkway": the leaders of a round told just before
    r"(?:round|raise|financing|funding|series [a-h])\b[^.;]{0,30}?\b(?:co-)?led by)\b"
)
_AMOUNT_ANAPHORA = _lower(
    r"\b(?:(?:is|was|are|were|would be|could be|will be) worth|(?:put|pegged|estimated|valued|priced|"
    r"pegs|puts|values) (?:it|the \w+|its \w+|that \w+) at|valued (?:the|that) (?:deal|transaction|"
    r"agreement)|the (?:deal|agreement|transaction|contract|purchase|arrangement|investment|price|"
    r"figure|pact|commitment)\b|is paying|was paying|paid|pay(?:s|ing)? about|under that arrangement|"
    r"for the arrangement)"
)
_CONTENT = _lower(
    r"\b(?:content|articles|archives?|journalism|news|stories|reporting|posts|data|publications?|"
    r"mastheads?|titles)\b"
)
_AFFILIATION_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:co-?founder|founder|CEO|chief executive|chief \w+ officer|chief scientist|"
    r"president|chairman|CTO|CFO|researcher|engineer|executive|head of \w+)\s+[A-Z][a-z]+\s+[A-Z]",
)
_SPEECH_AFTER = _lower(
    r"^\s+(?:said|says|announced|added|noted|told|confirmed|disclosed|declined|did not|wrote)\b"
)
_TARGET_SLOT = _lower(
    r"\b(?:in|into|to|of|buy(?:s|ing)?|bought|acquir(?:e|es|ed|ing)|for|backed|backing|funding)\s+$"
)
_IT_SUBJECT = re.compile(
    r"^\W*(?:[AQ]\s*:\s*)?"  # an interview's answer: "A: It raised ..."
    r"(?:(?:in|on|at|by|last|earlier|back in|then|and|but|also|separately|meanwhile|later|this)\b"
    r"[^,]{0,30}?,?\s+"
    # "Six years ago next month, it agreed to ...": any short opening phrase without a name
    r"|[a-z0-9 '’-]{0,40}?,\s+){0,2}"  # "A year later, in June 2024, it bought Tabular"
    # "we announced an agreement to acquire Paradox": a company's own blog or release
    r"(?:(?:it|we)\s+(?:has\s+|have\s+|had\s+|also\s+|then\s+|later\s+|reportedly\s+|quietly\s+)*"
    r"(?!is\b|was\b|are\b|were\b|would\b|could\b|may\b|might\b|said\b|says\b|"
    # "In July it cleared Synopsys's acquisition of Ansys": the regulator, not a party
    r"cleared\b|approved\b|blocked\b|fined\b|probed\b|opened\b|ruled\b|ordered\b)[a-z]+(?:ed|s)?\b"
    # "Its June 2024 round raised €600 million": the company's own round or purchase
    r"|its\s+(?:[\w$€£.,-]+\s+){0,4}?(?:round|raise|fundraising|series [a-h]|acquisition|purchase|"
    r"takeover|investment)\b)",
    re.I,
)
_HEADING = re.compile(r"^[^.;:]{2,50}:\s+(?=[A-Z])")
# "... well above the $7 billion it paid for Mellanox": "it" inside a clause, with a deal verb.
_WE = re.compile(r"\b[Ww]e\s")
_AGENT_ROLES = frozenset({"acquirer", "investor", "customer", "licensee"})


_RAISER_ROLES = frozenset({"investee"})
# "we closed a €600 million round led by General Catalyst": the post's company is raising
_WE_RAISE = re.compile(
    r"\b[Ww]e\s+(?:have\s+|had\s+|also\s+|then\s+)*(?:raised|closed|secured|are announcing|"
    r"announced|completed)\b[^.;]{0,40}?\b(?:round|funding|financing|Series [A-H]|seed)\b"
)


def _leading_agent(
    facts: list[_Fact], text: str, gazetteer: Gazetteer, roles_wanted: frozenset[str] = _AGENT_ROLES
) -> _Party | None:
    """The party that has done the buying or backing in most of the facts told so far (or
    that has played ``roles_wanted``)."""
    counts: dict[str, int] = {}
    last: dict[str, _Party] = {}
    for f in facts:
        if f.partial:
            continue
        roles = _roles(f.parties, f.deal_type, text, gazetteer)
        for p in f.parties:
            if roles.get(p.name) in roles_wanted:
                counts[p.name] = counts.get(p.name, 0) + 1
                last[p.name] = p
    if not counts:
        return None
    return last[max(counts, key=counts.__getitem__)]


_RELATIVE = re.compile(
    r"\s*(?:which|who)\s+(?:also\s+|had\s+|has\s+|in turn\s+|then\s+)?[a-z]+(?:ed|s)\b"
)
_PARTICIPLE = re.compile(
    r"\W*(?:[\w\s]{0,30}?\b(?:after|before|while|when|by|since|in)\s+)?(?:agreeing|buying|acquiring|"
    r"investing|signing|striking|taking|paying|raising|purchasing|hiring|licensing|backing|"
    r"leading|partnering|teaming)\b",
    re.I,
)
_OUR_TIE = re.compile(
    r"\b(?:remains|is|are|became|becomes|will be|has been)\s+(?:also\s+)?our\s+(?:[\w-]+\s+){0,3}?"
    r"(?:partner|provider|investor|backer|shareholder|supplier)\b"
)
# "to vote on its roughly $9 billion all-stock purchase of the data-centre operator"
_ITS_PURCHASE_WORDS = (
    r"\bits\s+(?:[\w$€£.,-]+\s+){0,5}?(?:acquisition|purchase|takeover|buyout)\s+of\b"
)
_ITS_PURCHASE = _lower(_ITS_PURCHASE_WORDS)
_IT_INSIDE = _lower(
    r"\bit\s+(?:had\s+|has\s+)?(?:paid|bought|acquired|spent|invested|raised|agreed|signed|struck)\b|"
    rf"{_ITS_PURCHASE_WORDS}|"
    r"\bit\s+(?:will|would|plans to|is to|is set to|intends to)\s+(?:invest|spend|build|partner)\b"
)
_EXTRA_BREAK = re.compile(
    r",\s+(?=and\s+(?:in|on|last|earlier|back in|separately|then|later|this|his|her|within)\b)|"
    # "..., much of it tied to OpenAI, which signed an $11.9 billion contract with CoreWeave"
    r",\s+(?=(?:which|who)\s+(?:also\s+|had\s+|has\s+|in turn\s+|then\s+)?(?:signed|agreed|struck|"
    r"bought|acquired|invested|raised|led|paid|committed|pledged)\b)|,\s+(?=whose\s)|"
    r",\s+(?=(?:well |far |more than |nearly |almost |roughly )?(?:above|below|compared with|compared to|"
    r"dwarfing|eclipsing|topping|surpassing|exceeding|beating)\s)|"
    r",\s+(?=and\s+(?:it|they|the company|the firm)\s+(?:says|said|has|had|is|was|will|would|also)\b)|"
    r",\s+(?=(?:and|but)\s+[A-Z][\w.&-]*(?:['’]s)?(?:\s+[A-Z][\w.&-]*){0,2}(?:\s+(?:and|&)\s+[A-Z][\w.&-]*)?\s+"
    r"(?:is|are|was|were|has|had|have|will|would|said|says|agreed|signed|raised|also|announced|plans|"
    r"struck|bought|sold|took|made|won|led|paid|[a-z]+ed)\b)|"
    r",\s+(?=in an? (?:tie-up|deal|pact|partnership|agreement|arrangement|transaction) that\b)|"
    r",?\s+(?=and\s+(?:then\s+|later\s+)?(?:put|invested|added|injected|poured|committed|pumped)\b"
    r"[^.;,]{0,60}?\b(?:in|during)\s+(?:19|20)\d\d\b)|"
    r"\s+(?=(?:followed|follows|(?:came|comes)(?:\s+(?:just|only|some|about|a|an|one|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|few|several|\d+|days?|weeks?|months?|years?))*\s+after|"
    r"on the heels of)\s)|"
    r",\s+(?=(?:(?:a|one|two|three|four|several|just|only|some|about)\s+)?(?:days?|weeks?|months?|"
    r"years?)\s+(?:after|before)\b)|,\s+(?=(?:after|before)\s+(?!(?:the|its|a)\s+\w+\s+(?:said|says))\b)",
    re.I,
)
_SUBCLAUSE_BACKGROUND = re.compile(
    r",\s+(?=(?:deepening|extending|building on|adding to|expanding|following|after|which followed|"
    r"completing|bringing|topping up|"
    r"on top of|years after|months after|a year after)\b[^.;]*?(?:\$|€|£)\d)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Party:
    name: str
    kind: str
    start: int  # offset in the article text
    end: int
    is_product: bool
    in_gazetteer: bool
    attributive: bool = False  # "Nvidia GPUs": names a supplier's product, not a counterparty
    is_descriptor: bool = False  # "the startup": resolved from context, its words still cue


@dataclass
class _Fact:
    """What one clause says: parties, a deal type and the terms found beside them."""

    parties: list[_Party]
    deal_type: str
    clause: Span
    sentence: Span
    sentence_index: int
    amount: Money | None = None
    valuation: Money | None = None
    announced: DateMention | None = None
    stake_pct: float | None = None
    hedged: bool = False
    announced_cue: bool = False
    background: bool = False
    is_title: bool = False
    generic_only: bool = False
    partial: bool = False  # names one side only: completes a neighbouring deal
    joins_round: str | None = (
        None  # investors that "led" or "took part in" the round of this investee
    )
    own_amount: bool = False  # the amount is one investor's contribution, not a round's total
    share_of_round: bool = False  # "... is providing $30 billion of the total": told as a share
    earlier_round: bool = False  # "IVP also led an earlier round": not the round just told
    published: date | None = None  # the article's date: an undated lead fact happened then
    holding_only: bool = False  # "owns 27% of": describes a holding, ranks below an agreement
    _names_key: tuple[str, ...] = field(default=(), repr=False, compare=False)
    _names: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    @property
    def names(self) -> frozenset[str]:
        key = tuple(p.name for p in self.parties)
        if self._names_key != key:
            self._names_key, self._names = key, frozenset(key)
        return self._names


@dataclass
class _Deal:
    facts: list[_Fact] = field(default_factory=list)
    exclusivity: str | None = None
    revenue_share_pct: float | None = None
    term_end_year: int | None = None
    provider_hint: str | None = None
    extra_amount: Money | None = None
    extra_valuation: Money | None = None
    announced_override: DateMention | None = None  # "The transaction was announced in April 2024."
    _seen: int = field(default=0, repr=False)
    _list_id: int = field(default=0, repr=False)
    _names: set[str] = field(default_factory=set, repr=False)
    _body: list[_Fact] = field(default_factory=list, repr=False)
    _titles: list[_Fact] = field(default_factory=list, repr=False)
    _specific: list[_Fact] = field(default_factory=list, repr=False)
    _indexes: set[int] = field(default_factory=set, repr=False)
    _title_indexes: set[int] = field(default_factory=set, repr=False)
    _best: dict[bool, _Fact] = field(default_factory=dict, repr=False)
    _undated_lead: bool = field(default=False, repr=False)
    _earlier_round: bool = field(default=False, repr=False)

    def _refresh(self) -> None:
        """Fold in facts added since the last look, so derived values cost nothing per query:
        an article that repeats one deal a thousand times must not cost a million comparisons."""
        if id(self.facts) != self._list_id or len(self.facts) < self._seen:
            self._list_id, self._seen = id(self.facts), 0
            self._names, self._body, self._titles, self._specific = set(), [], [], []
            self._indexes, self._title_indexes, self._undated_lead = set(), set(), False
            self._earlier_round = False
            self._best = {}
        for f in self.facts[self._seen :]:
            self._names |= f.names
            (self._titles if f.is_title else self._body).append(f)
            (self._title_indexes if f.is_title else self._indexes).add(f.sentence_index)
            best = self._best.get(f.is_title)
            if best is None or _primary_key(f) < _primary_key(best):
                self._best[f.is_title] = f
            if f.amount is not None or f.announced is not None:
                self._specific.append(f)
            if f.announced is None and f.sentence_index <= 1:
                self._undated_lead = True
            self._earlier_round |= f.earlier_round
        self._seen = len(self.facts)

    @property
    def names(self) -> frozenset[str]:
        self._refresh()
        return frozenset(self._names)

    @property
    def body(self) -> list[_Fact]:
        self._refresh()
        return self._body or self._titles

    @property
    def primary(self) -> _Fact:
        self._refresh()
        return self._best.get(False) or self._best[True]

    @property
    def first_index(self) -> int:
        self._refresh()
        return min(self._indexes or self._title_indexes)

    @property
    def indexes(self) -> list[int]:
        self._refresh()
        return sorted(self._indexes or self._title_indexes)

    @property
    def specific(self) -> list[_Fact]:
        """The facts with a figure or a date: the only ones that can tell two deals apart."""
        self._refresh()
        return self._specific

    @property
    def undated_lead(self) -> bool:
        self._refresh()
        return self._undated_lead

    @property
    def earlier_round(self) -> bool:
        """Some fact of the deal tells an earlier round than the story's own."""
        self._refresh()
        return self._earlier_round


def _primary_key(f: _Fact) -> tuple[bool, bool, bool, bool, int, int]:
    return (
        f.partial,
        f.hedged,
        f.holding_only,
        f.generic_only,
        _MERGE_RANK[f.deal_type],
        f.sentence_index,
    )


# "Microsoft owns roughly 27% of OpenAI": a state of ownership, not the act of a deal.
_HOLDING = _lower(
    r"(?i)\b(?:owns|owned|holds|held|controls|retains|keeps)\s+(?:a\s+|an\s+|its\s+)?"
    r"(?:(?:roughly|about|around|nearly|some|almost|just over|more than)\s+)?(?:\d|stake|holding)"
)


# A timeline entry's date: "September 2023", "- Q3 2024", "July 7, 2025"
_TIMELINE_DATE = (
    r"^[•*\-–—\s]*(?:(?:early|mid|late)[\s-]+)?(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|"
    r"Sept?\.?|Oct\.?|Nov\.?|Dec\.?|Q[1-4])?\s*(?:\d{1,2},?\s+)?(?:19|20)\d\d\s*"
)
_DATE_HEADING = re.compile(
    rf"{_TIMELINE_DATE}:|"
    # "- March: ...", "- Earlier this month: ...", "- Last Thursday: ..."
    r"^[•*\-–—\s]*(?:(?:early|mid|late|earlier|later)[\s-]+)?(?:(?:this|last|in)\s+)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|yesterday|today)\s*:",
    re.I,
)


# "April 2023 - Raises $221 million in a Series B led by Magnetar": a timeline item leaves out
# its subject, the story's own company.
_SUBJECTLESS_ITEM = re.compile(
    rf"(?i:{_TIMELINE_DATE})[-–—:]\s*(?:Raises|Closes|Agrees|Announces|Signs|Buys|Acquires|"
    r"Completes|Secures|Lands|Invests|Takes|Wins|Strikes|Inks|Expands|Extends|Adds|Receives|Books|"
    r"Sells|Partners|Joins|Licenses|Licences|Hires)\b"
)


def _split_clauses(sentence: Span) -> list[Span]:
    """Clauses, with a roundup heading ("OpenAI and AWS: ...") and a recalled earlier deal split off."""
    out: list[Span] = []
    pieces = clauses(sentence)
    merged: list[Span] = []
    for _i, clause in enumerate(pieces):
        if merged and len(merged[-1].text.split()) <= 3 and not _HEADING.match(merged[-1].text):
            head = merged.pop()
            clause = Span(
                head.start,
                clause.end,
                sentence.text[head.start - sentence.start : clause.end - sentence.start],
            )
        merged.append(clause)
    for clause in merged:
        heading = _HEADING.match(clause.text)
        if heading and _DATE_HEADING.match(clause.text):
            heading = None  # a timeline entry's date belongs to what the entry says
        if heading and clause.start == sentence.start:
            out.append(
                Span(clause.start, clause.start + heading.end(), clause.text[: heading.end()])
            )
            clause = Span(clause.start + heading.end(), clause.end, clause.text[heading.end() :])
        for piece in _cut(clause, _SUBCLAUSE_BACKGROUND, _EXTRA_BREAK):
            out.extend(_cut_backers(piece))
    return out


# "Anthropic, which is backed by Amazon and Google, said it will ...": the backers are a tie of
# their own, told inside the sentence's news.
_BACKED_BY = r"(?:backed|funded|financed|part-owned|owned)\s+by\b"
_BACKERS_RELATIVE = re.compile(
    r",\s+(?=(?:(?:which|who)\s+(?:is|was|are|were|has been|have been|had been)\s+)?(?:also\s+)?"
    rf"{_BACKED_BY})((?:[^,;]|,(?=\s+(?:and\s+)?[A-Z]))*)(?:,\s*|$)"
)


# "..., said it raised more than $400M": the rest of a sentence whose subject came before a cut
_SAID_IT = re.compile(
    r"(?:said|says|announced|confirmed|disclosed)\s+(?:on\s+\w+\s+|this week\s+|last week\s+)?"
    r"(?:that\s+)?it\s+(?:has\s+|had\s+)?[a-z]+ed\b"
)
# "Cognition, the maker of the Devin coding agent that bought Windsurf in July, said it raised
# $400M": the apposition tells a deal of its own
_APPOSED_DEAL_WORDS = (
    r"(?:the|a|an)\s+[^,;]{0,60}?\b(?:that|which|who)\s+(?:also\s+|had\s+|has\s+)?"
    r"(?:bought|acquired|backed|invested in|took over|merged with|licensed)\b"
)
_APPOSED_DEAL = re.compile(rf",\s+(?={_APPOSED_DEAL_WORDS})([^,;]*)(?:,\s*|$)")
_APPOSED_DEAL_START = re.compile(_APPOSED_DEAL_WORDS)
_STANDING_TIE = re.compile(
    rf"(?:(?:which|who)\s+(?:is|are|has been|have been)\s+)?(?:also\s+)?{_BACKED_BY}"
)


def _cut_backers(clause: Span) -> list[Span]:
    """The clause with a parenthetical "which is backed by ..." (or "the maker of Devin that
    bought Windsurf in July") cut out as a clause of its own."""
    m = _BACKERS_RELATIVE.search(clause.text) if "by" in clause.text else None
    if m is None and (", the " in clause.text or ", a" in clause.text):
        m = _APPOSED_DEAL.search(clause.text)
    if m is None or m.start() == 0 or not clause.text[: m.start()].split()[-1][:1].isupper():
        return [clause]  # "A new company, funded by ...": no named company is backed
    head = Span(clause.start, clause.start + m.start(), clause.text[: m.start()])
    rel = Span(clause.start + m.start(1), clause.start + m.end(1), m.group(1))
    rest = clause.text[m.end() :]
    if not rest.strip():
        return [head, rel]
    return [head, rel, Span(clause.start + m.end(), clause.end, rest)]


def _cut(clause: Span, *patterns: re.Pattern[str]) -> list[Span]:
    for pattern in patterns:
        cut = pattern.search(clause.text)
        if cut and cut.start() > 0:
            head = Span(clause.start, clause.start + cut.start(), clause.text[: cut.start()])
            tail = Span(clause.start + cut.end(), clause.end, clause.text[cut.end() :])
            return [head, *_cut(tail, *patterns)]
    return [clause]


class _Salience:
    """How often each organisation has been named so far: resolves "the company" to the story's subject."""

    def __init__(self) -> None:
        self.history: list[_Party] = []
        self.counts: dict[str, int] = {}
        self.subjects: dict[str, int] = {}
        self.focus: str | None = None  # the company a heading just named ("Anthropic.", "Binance:")

    def add(self, parties: Iterable[_Party]) -> None:
        """One sentence's organisations; the first named is its subject and counts for more."""
        first = True
        for p in parties:
            self.history.append(p)
            self.counts[p.name] = self.counts.get(p.name, 0) + 1
            if first and p.kind != "media" and not p.is_descriptor:
                self.subjects[p.name] = self.subjects.get(p.name, 0) + 1
                first = False

    def leading(self) -> _Party | None:
        """The story's own company so far: the one most often its sentences' subject ("we" in
        a company's announcement)."""
        if not self.subjects:
            return None
        name = max(self.subjects, key=lambda n: (self.subjects[n], self.counts.get(n, 0)))
        return next((p for p in reversed(self.history) if p.name == name), None)

    def antecedent(
        self,
        kinds: tuple[str, ...],
        exclude: set[str],
        extra: list[_Party],
        *,
        as_target: bool = False,
    ) -> _Party | None:
        pool = [
            p for p in self.history[-12:] + extra if p.kind != "media" and p.name not in exclude
        ]
        if as_target and not kinds:
            kinds = ("lab", "company", "neocloud")
        if kinds:
            typed = [p for p in pool if p.kind in kinds]
            if not typed and kinds == ("government",):
                return None  # "the government" with none named: not some company
            pool = typed or pool
        if not pool:
            return None
        recency = {p.name: i for i, p in enumerate(pool)}
        local = {p.name for p in extra}
        if as_target and (named_here := [p for p in pool if p.name in local]):
            # "MuleSoft came first: Salesforce paid $6.5 billion for the integration-software
            # company": what is bought is the company its sentence has just named
            return named_here[-1]
        return max(
            pool,
            key=lambda p: (
                self.counts.get(p.name, 0)
                + self.subjects.get(p.name, 0)
                + (2 if p.kind in kinds else 0)
                + (3 if p.name in local else 0)
                + (4 if p.name == self.focus else 0),
                recency[p.name],
            ),
        )


_SHORTENABLE = re.compile(
    r"^([A-Z][\w.-]{3,})\s+(?:(?:Music|Media|Motor|Financial|Renewable) )?(?:AI|Labs?|Technologies|"
    r"Computing|Systems|Robotics|Group|Energy|Power|"
    r"Mining|Motors|Networks|Semiconductors?|Images|Therapeutics|Dynamics|Data Centers)$"
)


def _with_short_names(text: str, found: list[OrgMention]) -> list[OrgMention]:
    """Once "Scale AI" is named, a later "Scale" means it too: the story's own short form."""
    shorts: dict[str, OrgMention] = {}
    for mention in found:
        shape = _SHORTENABLE.match(mention.name)
        if shape and shape.group(1) not in shorts:
            shorts[shape.group(1)] = mention
    if not shorts:
        return found
    extra = [
        OrgMention(start, end, written, full.name, full.kind, full.is_product)
        for start, end, written in _occurrences(text, shorts, r"[\w.-]", r"[\w-]|\.\w")
        if start >= (full := shorts[written]).end  # only after the story has named it in full
    ]
    return merge_mentions(found, extra)


def _occurrences(
    text: str, forms: Iterable[str], not_after: str, not_before: str
) -> list[tuple[int, int, str]]:
    """Every place ``text`` writes one of ``forms`` as a whole name, found in one scan: the
    character before is not in ``not_after`` and what follows does not match ``not_before``."""
    present = tuple(sorted(f for f in forms if f in text))
    if not present:
        return []
    pattern = _names_pattern(present, not_after, not_before)
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


@functools.lru_cache(maxsize=512)
def _names_pattern(forms: tuple[str, ...], not_after: str, not_before: str) -> re.Pattern[str]:
    """One pattern for a few names, longest first (stories repeat the same sets, so each is
    built once). Each name checks the character before it after its first letter, so the regex
    engine can skip to the names' first letters."""
    names = "|".join(
        f"{re.escape(f[0])}(?<!{not_after}{re.escape(f[0])}){re.escape(f[1:])}"
        for f in sorted(forms, key=len, reverse=True)
    )
    return re.compile(f"(?:{names})(?!{not_before})")


def _with_ambiguous_names(
    text: str, found: list[OrgMention], gazetteer: Gazetteer
) -> list[OrgMention]:
    """Once the story names "Twitter" or "Harvey AI", a bare "X" or "Harvey" means that company.

    A gazetteer entry flagged ambiguous (its bare name is a common word) is matched only by its
    aliases; an article that uses one of them has told the reader which organisation it means.
    """
    named = {m.name for m in found if not m.is_product}
    kinds = {
        name: org.kind
        for name in named
        if (org := gazetteer.get(name)) is not None and org.ambiguous
    }
    extra = [
        OrgMention(start, end, name, name, kinds[name], False)
        for start, end, name in _occurrences(text, kinds, r"[\w.@/-]", r"[\w]|-[A-Z\d]|\.\w")
    ]
    if not extra:
        return found
    return merge_mentions(found, extra)


def _deal_lines(text: str, hinted: set[int]) -> str:
    """``text`` with every line but the ``hinted`` ones (those with a deal word) blanked, same
    length and offsets: the shapes of an unknown company are looked for only where a deal could
    be stated. The blank is a NUL, neither a space nor a word character, so no pattern runs
    along it."""
    lines = text.split("\n")
    return "\n".join(
        # an all-capitals line ("RELIANCE AND META FORM ₹855 CRORE ENTERPRISE AI VENTURE") has no
        # name shapes to read: every word looks like one
        line if i in hinted and line != line.upper() else "\0" * len(line)
        for i, line in enumerate(lines)
    )


def _with_discovered_names(
    text: str, found: list[OrgMention], gazetteer: Gazetteer
) -> list[OrgMention]:
    """Companies the gazetteer lacks, found by shape ("agreed to buy Tableau", "startup Base44",
    "Boston Dynamics, a robotics company"), and then wherever else the story names them.

    A story names most of its companies more than once, but only some of the mentions have the
    shape that shows a company: reading the shapes over the whole article lets "MuleSoft came
    first" count as a company because the same story said "paid $6.5 billion for MuleSoft".
    """
    hinted = gazetteer.fallback_hint_lines(text)
    if not hinted:
        return found
    seeds: dict[str, str] = {}  # written form -> canonical name
    for m in gazetteer.fallback(_deal_lines(text, hinted), found):
        if _MODIFIER_AFTER.match(text, m.end) or _HYPHENATED.search(m.text):
            continue
        written = m.text.rstrip(".,")
        if written.endswith(("'s", "’s")):
            written = written[:-2]
        seeds.setdefault(written, m.name)
        if len(m.name) >= 3 and m.name in written:
            seeds.setdefault(m.name, m.name)  # "Wix.com Ltd." is then "Wix" too
    if not seeds:
        return found
    extra = [
        OrgMention(start, end, written, seeds[written], "company", in_gazetteer=False)
        for start, end, written in _occurrences(text, seeds, r"[\w.@/-]", r"[\w-]|\.\w")
    ]
    return merge_mentions(found, extra)


# "AI-chip start-up", "US-based": a word with a hyphenated modifier, not a name
_HYPHENATED = re.compile(r"[a-z]-[a-z]|^[A-Z]{1,4}-[a-z]+$")


class _Index:
    """Every organisation and descriptor in the article, found in one pass and looked up by span."""

    def __init__(self, text: str, gazetteer: Gazetteer) -> None:
        known = _with_ambiguous_names(text, gazetteer.find(text, fallback=False), gazetteer)
        # Short forms of known names first ("Constellation" after "Constellation Energy"), so
        # discovery does not take them for new companies; then those of discovered names.
        known = _with_short_names(text, known)
        self.orgs = _with_short_names(text, _with_discovered_names(text, known, gazetteer))
        self.org_starts = [m.start for m in self.orgs]
        self.descriptors = gazetteer.descriptors(text)
        self.descriptor_starts = [d[0] for d in self.descriptors]

    def orgs_in(self, start: int, end: int) -> list[OrgMention]:
        lo, hi = bisect_left(self.org_starts, start), bisect_left(self.org_starts, end)
        return [m for m in self.orgs[lo:hi] if m.end <= end]

    def descriptors_in(self, start: int, end: int) -> list[tuple[int, int, str, tuple[str, ...]]]:
        lo, hi = (
            bisect_left(self.descriptor_starts, start),
            bisect_left(self.descriptor_starts, end),
        )
        return [d for d in self.descriptors[lo:hi] if d[1] <= end]


_PREDICATE_BEFORE = _lower(
    r"(?i)\b(?:becom(?:e|es|ing)|became|remain(?:s|ed|ing)?|(?:named|makes?|made|making)\s+\w+)\s+$"
)


# "Arabic-language AI models": a name-shaped phrase used as a modifier, not a company.
_MODIFIER_AFTER = re.compile(
    r"\s+(?:models?|chips?|tools?|systems?|products?|services|features?|software|agents?|"
    r"assistants?|applications?|apps?|platforms?|startups?|companies|labs|research|researchers|"
    r"engineers|talent|infrastructure|capacity|compute|data|boom|race|push|spending|market|"
    r"summit|conference|forum|week|act|strategy|plan|mission|programme|program|initiative|law|"
    r"policy|institute|council|office|index)\b"
)


_NEW_VEHICLE = re.compile(
    r"\b(?:unveil(?:s|ed|ing)?|launch(?:es|ed|ing)?|form(?:s|ed|ing)?|creat(?:e|es|ed|ing)|"
    r"set(?:s|ting)? up|establish(?:es|ed|ing)?)\s+(?P<name>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2}),?\s+"
    r"(?:a|an)\s+(?:new\s+)?(?:joint\s+)?(?:company|venture|entity|firm|joint venture)\b"
)
_FOUNDED_BY = re.compile(
    r"\b(?:was|were|is|had been|has been|been)\s+(?:jointly\s+)?(?:set up|formed|founded|launched|"
    r"created|established|co-founded|started)\b[^.;]{0,40}?\bby\s+"
)
_BACKERS_JOINED = re.compile(r"\b(?:also\s+)?(?:joined|joined in|chipped in|piled in)\s*[.;]?\s*$")
_ALSO_BACKERS = _lower(
    r"(?i)\b(?:are|is|were|was|will be)\s+also\s+(?:(?:initial|early|equity|strategic|minority|"
    r"major|key|founding|anchor|among|the|its|an?|financial|technology)\s+){0,2}"
    r"(?:funders|investors|backers|partners|shareholders)\b"
)
# "Nvidia and Elon Musk's xAI have since joined.": more members of the venture just told
_SINCE_JOINED = _lower(
    r"^[^.;]{0,80}\b(?:have|has|had)\s+(?:since|also|later)\s+joined\s*[.;]?\s*$"
)
_LITIGATION = _lower(
    r"(?i)\b(?:su(?:e|es|ed|ing)|lawsuits?|litigation|court case|infringement claims?|"
    r"copyright case)\b"
)
# "would invest more than $5 billion in a strategic partnership": money into a joint project.
_INVEST_IN_VENTURE = _lower(
    r"(?i)\binvest\w*\b[^.;]{0,50}?\bin(?:to)?\s+(?:a|an|the|their)\s+(?:[\w-]+\s+){0,2}"
    r"(?:partnership|joint venture|venture|alliance|project|programme|program|initiative|zone|"
    r"data cent(?:er|re)s?|data-cent(?:er|re)s?|campus|campuses|facilit(?:y|ies))\b"
)


def _resolve_parties(
    clause: Span, index: _Index, text: str, salience: _Salience, earlier: list[_Party]
) -> list[_Party]:
    """Organisations a clause names, with descriptors ("the startup") resolved by salience."""
    parties: list[_Party] = []
    last_excluded_end = -10
    for m in index.orgs_in(clause.start, clause.end):
        start, end = m.start, m.end
        if _excluded(text, start, end, m) or (
            last_excluded_end >= 0
            and re.fullmatch(r",?\s*(?:and|or)?\s*", text[last_excluded_end:start])
        ):
            last_excluded_end = end
            continue
        last_excluded_end = -10
        attributive = (
            m.kind == "chipmaker"
            and bool(
                _ATTRIBUTIVE_AFTER.match(text[end : end + 40])
                or _ATTRIBUTIVE_AFTER.match(
                    re.sub(
                        r"^\s*(?:,|and|or)\s*(?:[A-Z][\w.&-]*\s*){1,2}", "", text[end : end + 60]
                    )
                )
            )
        ) or bool(_BACKED_AFTER.match(text, end))  # "the Nvidia-backed company": a description
        parties.append(
            _Party(m.name, m.kind, start, end, m.is_product, m.in_gazetteer, attributive)
        )
    named = {p.name for p in parties}
    for start, d_end, _, kinds in index.descriptors_in(clause.start, clause.end):
        if any(
            p.start <= start < p.end or (start <= p.start < d_end and not p.attributive)
            for p in parties
        ):
            continue  # "the Claude developer", "the ChatGPT maker": the name inside says who
        if (
            len(named) >= 2
            and _SPEECH_AFTER.match(text[d_end : d_end + 20])
            and text[max(clause.start, start - 2) : start].strip() == ","
        ):
            continue  # "..., the company said": the speaker is one of the parties already named
        if any(
            0 <= start - p.end <= 3 and text[p.end : start].strip() in {",", ""}
            for p in (*earlier[-2:], *parties)  # the name may end the clause before
        ):
            continue  # "Cognition, the maker of Devin": an apposition renames the company just named
        if parties and _PREDICATE_BEFORE.search(text, max(clause.start, start - 30), start):
            continue  # "with AWS becoming the startup's primary cloud provider": a predicate
        as_target = bool(_TARGET_SLOT.search(text[max(0, start - 40) : start]))
        specific = bool(kinds) and kinds != ("lab", "company")
        # Not the clause's subject ("Amazon ... invest in the company"), nor a company named later
        # in the clause ("the software company agreed to buy Sana"); an earlier object may be meant.
        subject = {parties[0].name} if parties and parties[0].start < start else set()
        subject |= {p.name for p in parties if p.start > start}
        nearest = [p for p in parties if p.start < start and p.name not in subject]
        if text[d_end : d_end + 2] in ("'s", "’s") and nearest and nearest[-1].kind != "investor":
            # "invest in Mistral AI, leading the French startup's Series C": the company this
            # clause has just named, whatever else the story is about
            target: _Party | None = nearest[-1]
        else:
            target = salience.antecedent(
                kinds,
                set() if specific else subject,
                earlier + [p for p in parties if p.start < start],
                as_target=as_target,
            )
        if target is not None:
            parties.append(
                _Party(
                    target.name,
                    target.kind,
                    start,
                    d_end,
                    False,
                    target.in_gazetteer,
                    is_descriptor=True,
                )
            )
            named.add(target.name)
    parties.sort(key=lambda p: p.start)
    return parties


_RIVAL_BEFORE = _lower(
    r"(?i)\b(?:(?:compet\w*|pitted|racing|race|battl\w+|fight\w*|bet(?:s|ting)?|up|rivals?|"
    r"advantage|edge)\s+against|compet\w*\s+with|(?:rivals?|challengers?|alternatives?|"
    r"competitors?)\s+(?:to|of))\s+(?:the\s+)?$|"
    r",\s+like\s+$|"  # "Poolside, like xAI, spends ...": a comparison
    # "widening its customer base beyond Microsoft and OpenAI": named as what the deal is not
    r"\b(?:(?:customers?|customer base|clients?|client base|user base)\s+beyond|besides|other than|"
    r"apart from|except|excluding)\s+(?:the\s+)?$|"
    # "a second giant customer alongside Microsoft": the other customer, not a party
    r"\b(?:customers?|clients?|buyers?)\s+(?:alongside|besides|after|next to)\s+(?:the\s+)?$|"
    # "articles from its publications, including The Wall Street Journal": the licensor's titles
    r"\b(?:its|their)\s+(?:publications|titles|newspapers|mastheads|brands|outlets),?\s+"
    r"(?:including|such as|like)\s+(?:the\s+)?(?:[^.;]{0,60},\s+)?$"
)
_EXCLUDED_AFTER = _lower(
    # "OpenAI rival Anthropic": the rival is named, not a party
    r"\s+(?:alumni|veterans?|rivals?|competitors?|challengers?)\b"
    # advisers on the deal
    r"|,?\s+(?:which|who|that)?\s*(?:arranged|advised|underwrote|acted as|was the adviser|"
    r"is advising|advises)\b"
    r"|['’]s\s+(?:[\w-]+\s+){0,2}(?:rivals?|competitors?|challengers?|peers?|critics?|customers|"
    r"clients|users|buyers)\b"
    # approvers: "with Microsoft's blessing"
    r"|['’]s\s+(?:[\w-]+\s+)?(?:sign-off|blessing|approval|permission|consent|go-ahead|"
    r"nod|backing of the)\b"
)
_FORMER_BEFORE = _lower(r"(?:former|ex-)\s*$")
# "founded by former researchers from Google DeepMind and Meta": where the founders worked
_FORMER_STAFF_OF = _lower(r"\b(?:former|ex-)\s*(?:[\w-]+\s+){0,3}(?:from|of|at)\s+(?:the\s+)?$")
_FORMER_STAFF_AFTER = _lower(
    r"(?:['’]s)?\s+(?:[\w-]+\s+){0,3}(?:chief|CEO|executive|researchers?|employees?|staff|"
    r"engineers?|president|head|director|scientist)"
)
_MEDIA_SOURCE_AFTER = re.compile(r"\s+(?:Intelligence|estimate|analysts?|survey|data)\b")


def _excluded(text: str, start: int, end: int, mention: OrgMention) -> bool:
    """Organisations that appear but are not parties: sources, approvers, rivals, alumni."""
    before = text[max(0, start - 40) : start]
    after = text[end : end + 40]
    if _EXCLUDED_BEFORE.search(before) or _RIVAL_BEFORE.search(before):
        return True
    if _EXCLUDED_AFTER.match(after):
        return True
    if _FORMER_BEFORE.search(before) and _FORMER_STAFF_AFTER.match(after):
        return True
    if _FORMER_STAFF_OF.search(before):
        return True
    return bool(
        mention.kind == "media"
        and (
            _REPORTING_CONTEXT_BEFORE.search(before)
            or (_REPORTING_CONTEXT_AFTER.match(after) and not _SPEAKS_OF_ITSELF.match(after))
            or _MEDIA_SOURCE_AFTER.match(after)
        )
    )


# "News Corp said on Wednesday it had reached a multi-year agreement": a publisher telling its
# own deal is a party, not the story's source
_SPEAKS_OF_ITSELF = re.compile(
    r"\s*(?:said|says)\s+(?:on\s+\w+\s+|this week\s+|today\s+)?(?:that\s+)?it\s+(?:has|had|have|"
    r"will|would|is|was)?\s*(?:reached|signed|struck|agreed|entered|inked|sealed|licensed)\b"
)


# Participating is investing when the clause speaks of a round or of its participants.
_ROUND_WORDS = _lower(
    r"(?i)\b(?:round|funding|raise|rais|invest|backer|(?:other|fellow) participants|"
    r"among the participants)"
)


_POWER_DEAL = _lower(
    r"(?i)\b(?:power purchase|buy(?:s|ing)? (?:the )?(?:power|electricity|output|energy)|"
    r"purchas\w* (?:the )?(?:power|electricity|output)|(?:deliver|supply|supplies|provide)\w* "
    r"(?:[\d,.]+ )?(?:megawatts|gigawatts|MW|GW|power|electricity)"
    # "supply 6 gigawatts of its Instinct GPUs": chips counted in power, not power
    r"(?! of (?:its |their |the |his |her )?(?:[\w-]+ ){0,2}(?:chips|gpus|accelerators|processors|"
    r"systems|compute|computing|instinct|tpus|servers))|"
    r"(?:gigawatts|megawatts) of (?:new )?(?:wind|solar|nuclear|renewable|clean|carbon-free)|"
    r"(?:nuclear|wind|solar) (?:power|energy|plant|reactors?|capacity|farms?)|small modular reactors?)"
)


# The cue patterns again, lower-case, for lower-cased text (see _Lower): the same matches at the
# same offsets, found without IGNORECASE's per-character lowering.
_CUE_PATTERNS_LOWER = {t: re.compile(p.pattern.lower()) for t, p in _CUE_PATTERNS.items()}


def _cue_matches(deal_type: str, text: str, lower: str) -> Iterator[re.Match[str]]:
    """The deal type's cues in ``text``; ``lower`` is ``text.lower()`` (used when it keeps the
    length, as it does for all but a few letters outside ASCII)."""
    if len(lower) == len(text):
        return _CUE_PATTERNS_LOWER[deal_type].finditer(lower)
    return _CUE_PATTERNS[deal_type].finditer(text)


def _deal_types(clause_text: str, parties: list[_Party], gazetteer: Gazetteer) -> list[str]:
    """Deal types whose cues a clause carries, strongest first."""
    found: list[str] = []
    lower = clause_text.lower()
    if not _ANY_CUE.search(lower) and not any(p.is_product for p in parties):
        return found
    kinds = {p.kind for p in parties if not p.attributive}
    sells_compute = any(p.is_product or gazetteer.provider_of(p.name) for p in parties)
    for deal_type in DEAL_TYPES:
        if not _TYPE_STEM_PATTERNS[deal_type].search(lower):
            matches = []
        else:
            matches = [
                m for m in _cue_matches(deal_type, clause_text, lower)
                if not _NEGATED_CUE.search(clause_text, max(0, m.start() - 28), m.start())
            ]  # fmt: skip
        if deal_type == "licensing" and matches and "export" in lower:
            # "granted Nvidia a licence to export H20 chips": a government permit, not a deal
            matches = [
                m for m in matches
                if not _EXPORT_LICENCE.search(lower, max(0, m.start() - 16), m.end() + 16)
            ]  # fmt: skip
        if not matches:
            if (
                deal_type == "cloud_compute"
                and any(p.is_product for p in parties)
                and not found
                and _PRODUCT_USE.search(clause_text)
            ):
                found.append("cloud_compute")
            continue
        if deal_type == "acquisition":
            real = []
            for a in matches:
                tail = re.split(r"[,;.]\s", clause_text[a.end() : a.end() + 70] + " ", maxsplit=1)[
                    0
                ]
                named_company = bool(_COMPANY_OBJECT.match(tail))  # before descriptors go
                tail = _COMPANY_DESCRIPTOR.sub(" ", tail)
                minority = _MINORITY_SHARE.match(tail)
                if minority and float(minority.group(1)) < 50:
                    # "to buy an additional 5% of Intel": a stake, not the company
                    if "investment" not in found:
                        found.append("investment")
                elif (
                    a.group().casefold().startswith(("merg", "combin", "takeover", "buyout"))
                    or named_company
                ):
                    real.append(a)  # "agreed to buy data-management company Informatica"
                elif _ACQ_OBJECT_EQUITY.match(tail) and not _TARGET_AFTER.match(tail):
                    if "investment" not in found:
                        found.append("investment")
                elif _ACQ_OBJECT_NOT_COMPANY.match(tail):
                    rents = sells_compute and bool(_RENTED.search(tail))
                    if _HARDWARE_OBJECT.match(tail) and len(parties) >= 2 and not rents:
                        if "chip_supply" not in found:
                            found.append("chip_supply")  # buying GPUs or servers from a vendor
                    elif sells_compute and "cloud_compute" not in found:
                        found.append("cloud_compute")
                else:
                    real.append(a)
            if not real:
                continue
        if deal_type == "chip_supply" and not (
            "chipmaker" in kinds and kinds - {"chipmaker"} and _SUPPLY_VERB.search(clause_text)
        ):
            continue  # chips need a maker and a buyer: "Nvidia and AMD chips" alone is no deal
        if deal_type == "cloud_compute" and (not sells_compute or _POWERED_BY.search(clause_text)):
            continue
        if (
            deal_type == "investment"
            and all(re.fullmatch(r"(?i)participa\w+|joined|equity", m.group()) for m in matches)
            and not _ROUND_WORDS.search(clause_text)
        ):
            continue
        if deal_type not in found:
            found.append(deal_type)
    if (
        "licensing" not in found
        and "media" in kinds
        and (
            (_CONTENT.search(clause_text) and (found or _GENERIC.search(clause_text)))
            or re.search(
                r"\b(?:sign(?:s|ed|ing)? (?:up|on)|signed|deal|agreement|pact|partner\w*)\b", lower
            )
        )
    ):
        found.insert(0, "licensing") if not ({"acquisition", "investment"} & set(found)) else None
    if re.search(r"(?i)\b(?:joint venture|venture)\b", clause_text) and "partnership" in found:
        found = ["partnership"] + [
            t for t in found if t not in {"partnership", "cloud_compute", "investment"}
        ]
    if found[:1] == ["investment"] and _BUILDS_WITH.search(clause_text):
        # "will invest $50 billion in data centres in Texas with Fluidstack": a joint build-out
        # with the company named after "with", not a stake in it
        found = ["partnership"] + [t for t in found if t not in {"investment", "partnership"}]
    if _POWER_DEAL.search(clause_text) and found and not {"investment", "licensing"} & set(found):
        # "signed a 20-year deal to buy power from the Crane plant": a power purchase agreement,
        # neither cloud capacity nor a takeover
        found = ["partnership"]
    order = {t: DEAL_TYPES.index(t) for t in DEAL_TYPES}
    head = (
        found[:1]
        if found[:1] == ["partnership"] and len(found) > 1 and "venture" in clause_text.casefold()
        else []
    )
    named = _NAMED_AGREEMENT.search(clause_text)
    if named and not head:
        kind = _AGREEMENT_KINDS[named.group(1).casefold().split()[0].rstrip("-")]
        if (kind in found or kind == "licensing") and not (
            {"acquihire", "acquisition"} & set(found)
        ):
            head = [kind]  # "a licensing agreement": the text names the kind of deal itself
    rest = sorted((t for t in found if t not in head), key=order.__getitem__)
    return head + rest


_EXPORT_LICENCE = re.compile(
    r"export\s+(?:licen[cs]es?|permits?)|licen[cs]e[sd]?\s+(?:\w+\s+)?to\s+(?:export|sell|ship)"
)
_BUILDS_WITH = re.compile(
    r"(?i)\binvest(?:s|ed|ing)?\s+[^,;]{0,40}?\bin(?:to)?\s+(?:[\w-]+\s+){0,4}?(?:data cent(?:er|re)s?|"
    r"infrastructure|facilities|campus(?:es)?|sites?|capacity|plants?|factories|fabs?|projects?)\b"
    r"[^;]{0,80}?\b(?:with|alongside|together with|in partnership with)\s+(?:[\w-]+\s+){0,3}?[A-Z]"
)


@functools.lru_cache(maxsize=1024)
def _money_in(text: str) -> tuple[Money, ...]:
    """Figures in a sentence or clause; a sentence is read whole and then clause by clause."""
    return tuple(find_money(text))


@functools.lru_cache(maxsize=1024)
def _dates_in(text: str, published: date | None) -> tuple[DateMention, ...]:
    return tuple(find_dates(text, published))


def _pick_money(clause: Span, text: str) -> tuple[list[Money], Money | None]:
    """The deal amounts and the valuation a clause states, skipping figures that are not the deal's."""
    amounts: list[Money] = []
    valuation = None
    for money in _money_in(clause.text):
        start, end = clause.start + money.start, clause.start + money.end
        before = text[max(clause.start, start - 110) : start]
        after = text[end : min(clause.end, end + 50)]
        if _PER_SHARE_AFTER.match(after):
            continue  # "$25 a share in cash": the price of one share, neither the deal nor a valuation
        period = _PER_PERIOD_AFTER.match(after)
        if period and money.per_period is None:
            money = replace(money, per_period="year")
        money = money.shifted(clause.start)
        if _SHARE_OF_ROUND.match(after) and _CONTRIBUTION_BEFORE.search(before[-45:]):
            amounts.append(money)  # "put in $1 billion of the total": one backer's own share
            continue
        if (
            _DEAL_WORTH_BEFORE.search(before)
            or _DEAL_VALUE_BEFORE.search(before)
            or (
                ("valued" in before or "worth" in before)
                and _DEAL_SUBJECT_VALUED.search(text[max(clause.start, start - 120) : start])
            )
            or (_ROUND_AFTER.match(after) and not _VALUATION_AFTER.match(after))
        ):
            amounts.append(money)
            continue
        if _VALUATION_AFTER.match(after) or _VALUATION_BEFORE.search(before):
            valuation = valuation or money
            continue
        if _IT_WORTH_BEFORE.search(before) and _DEAL_NOUN.search(text, clause.start, start):
            amounts.append(money)  # "... the arrangement, but ... it is worth about $60 million"
            continue
        if _NOT_DEAL_AMOUNT_AFTER.match(after) or _NOT_DEAL_AMOUNT_BEFORE.search(before):
            continue
        if money.value >= 2e12:
            continue  # no deal is that large: a market value or a sector forecast
        amounts.append(money)
    return amounts, valuation


_ATTRIBUTION_BEFORE = _lower(
    r"\b(?:said|says|announced|announces|disclosed|confirmed|unveiled|revealed|told \w+)\s+(?:late\s+|early\s+)?$"
)


def _attribution_date(sentence: Span, text: str, published: date | None) -> DateMention | None:
    """ "..., the companies said on Tuesday": the day every clause of the sentence was announced."""
    for d in _dates_in(sentence.text, published):
        before = sentence.text[max(0, d.start - 30) : d.start]
        if _ATTRIBUTION_BEFORE.search(before) and d.precision == "day":
            return d.shifted(sentence.start)
    return None


_REVIEW = _lower(
    r"(?i)\b(?:approv|clear|review|probe|inquiry|investigat|examin|look(?:s|ing)? into|check|scrutin)"
)
_AGREED_BEFORE = _lower(
    r"(?i)\b(?:agreed|announced|signed|struck|unveiled|first proposed)\s+(?:on\s+|in\s+)?$"
)
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'’-]{1,40},\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})"
    r"(?:,?\s+\d{4})?\s*(?:\([^)]{1,20}\)\s*)?[—–-]"
)


def _pick_date(clause: Span, text: str, published: date | None) -> DateMention | None:
    # A regulator's sentence dates its review, not the deal, unless it says when the deal was
    # agreed ("Intel's purchase of Tower, agreed in February 2022, died ...").
    reviewed = bool(_REGULATORY.search(clause.text) and _REVIEW.search(clause.text))
    best = None
    dateline = _DATELINE.match(clause.text)
    story_day = None
    asides = [m.span() for m in _ASIDE.finditer(clause.text)] if ", wh" in clause.text else []
    for d in _dates_in(clause.text, published):
        if any(a <= d.start < b for a, b in asides):
            continue  # "CMA CGM, which reported revenue of $55.5 billion last year, is ...": its own
        if dateline and d.end <= dateline.end():
            story_day = d  # "PARIS, Feb 28 — ...": the story's day, taken only if no other
            continue
        start = clause.start + d.start
        before = text[max(0, start - 40) : start]
        after = text[clause.start + d.end : clause.start + d.end + 20]
        if (
            _NOT_DEAL_DATE_BEFORE.search(before) and not after.startswith((", when", " when"))
        ) or _NOT_DEAL_DATE_AFTER.match(after):
            continue  # but "the figure from June 2023, when Cohere raised": that event's date
        lead = d.text.split(None, 1)[0].casefold()
        if lead in _TERM_PREPOSITIONS or (lead == "from" and published is None):
            # "with sites coming online through 2026": when it runs, not when it was agreed
            # ("from 2027" too; in a dated article a later date is dropped anyway, and "the
            # figure from June 2023" is a past event's date)
            continue
        if reviewed and not _AGREED_BEFORE.search(before):
            continue
        if published is not None and d.value > published:
            continue
        if best is None or _PRECISION_RANK[d.precision] < _PRECISION_RANK[best.precision]:
            best = d
            if d.precision == "day":
                break  # nothing finer can follow
    best = best or (None if reviewed else story_day)
    if best is not None:
        return best.shifted(clause.start)
    return None


# A relative clause set off by commas that tells no deal of its own: what it dates is its own.
_ASIDE = re.compile(
    r",\s+(?:which|who)\s+(?![^,;]*\b(?:signed|agreed|struck|bought|acquired|invested|raised|led|"
    r"paid|backed|funded|took|joined|announced|sold|licensed|hired|partnered|acquisition|purchase|"
    r"deal|investment|round|stake|agreement|takeover|merger|contract)\b)[^,;]*,"
)
_DEAL_REFERENCE = re.compile(
    r"\s+(?:the|that|this|its|their|[A-Z][\w.&-]*['’]s)\s+(?:[\w$.,-]+\s+){0,3}?(?:deal|agreement|"
    r"announcement|round|investment|acquisition|purchase|contract|pact|tie-up|licen[cs]e|hires?)\b"
)
_ONE_DAY_APART = re.compile(r"(?i)(?:a|one) day\s+(after|before|earlier|later)")
_DAYS_APART = re.compile(
    r"(?i)\b(?:(?:a|one|two|three|four|five|six|a few|several|\d)\s+(?:days?|weeks?)|days|"
    r"a day|hours)\s+(?:after|before|earlier|later)\b|\bwithin (?:days|hours|a week)\b"
)


def _story_customer(facts: list[_Fact], supplier: str) -> _Party | None:
    """The company in every chip or compute deal the story has told so far (two at least)."""
    told = [f for f in facts if f.deal_type in {"chip_supply", "cloud_compute"} and not f.partial]
    if len(told) < 2:
        return None
    common = set.intersection(*(set(f.names) for f in told)) - {supplier}
    for party in (p for f in reversed(told) for p in f.parties):
        if party.name in common and party.kind in {"lab", "company", "neocloud", "hyperscaler"}:
            return party
    return None


# "agreed to supply 6 gigawatts of its Instinct GPUs": a supply whose buyer the clause leaves out
_SUPPLIES_UNNAMED = _lower(
    r"\b(?:agreed|agrees|will|would|is to|plans to)\s+(?:to\s+)?(?:supply|provide|deliver|ship)\s+"
    r"(?:(?:up to|about|roughly|more than|at least)\s+)?[\d.,]+\s*(?:gigawatts?|gw|megawatts?|mw|"
    r"million|thousand|billion)?\b(?![^.;]*\bto\s+[A-Z])"
)
_OPENING_WORDS = re.compile(
    r"\W*(?:(?:also|and|separately|then|but|meanwhile)\s+)?(?:(?:on|in|by)\s+)?", re.I
)
_TERM_PREPOSITIONS = frozenset({"through", "until", "till", "by"})
_PRECISION_RANK = {"day": 0, "month": 1, "quarter": 2, "year": 3}


# --- role assignment ----------------------------------------------------------------------


def _roles(
    parties: list[_Party], deal_type: str, text: str, gazetteer: Gazetteer
) -> dict[str, str]:
    names = [p.name for p in _unique(parties)]
    roles: dict[str, str] = {}

    def ctx(p: _Party) -> tuple[str, str]:
        return text[max(0, p.start - 80) : p.start], text[p.end : p.end + 80]

    t = deal_type
    if t == "investment":
        investee = _investee(parties, text)
        for n in names:
            roles[n] = "investee" if n == investee else "investor"
    elif t in {"acquisition", "acquihire"}:
        if t == "acquisition":
            target = next(
                (
                    p.name
                    for p in parties
                    if _TARGET_BEFORE.search(ctx(p)[0])
                    or _TARGET_AFTER.match(text[p.end : p.end + 160])
                ),
                None,
            )
        else:
            target = next(
                (
                    p.name
                    for p in parties
                    if _HIRE_TARGET.match(ctx(p)[1]) or _HIRE_TARGET_BEFORE.search(ctx(p)[0])
                ),
                None,
            )
        if target is None:
            target = names[-1]
        for n in names:
            roles[n] = "target" if n == target else "acquirer"
    elif t == "cloud_compute":
        provider = _provider_party(parties, text, gazetteer)
        for n in names:
            roles[n] = "provider" if n == provider else "customer"
    elif t == "chip_supply":
        supplier = next((p.name for p in parties if p.kind == "chipmaker"), names[0])
        for n in names:
            roles[n] = "supplier" if n == supplier else "customer"
    elif t == "licensing":
        licensor = next(
            (p.name for p in parties if p.kind == "media" or _LICENSOR_BEFORE.search(ctx(p)[0])),
            None,
        )
        for n in names:
            roles[n] = "licensor" if n == licensor else ("licensee" if licensor else "partner")
    else:
        for n in names:
            roles[n] = "partner"
    return roles


def _investee(parties: list[_Party], text: str) -> str:
    for p in parties:
        if _ISSUER_AFTER.match(text, p.end, p.end + 40):
            return p.name  # "received $350 million of CoreWeave stock": whose shares they are
    for p in parties:
        before, after = text[max(0, p.start - 80) : p.start], text[p.end : p.end + 80]
        if _INVESTEE_BEFORE.search(before) or _INVESTEE_AFTER.match(after):
            return p.name
    labs = [p.name for p in parties if p.kind == "lab"]
    if labs:
        return labs[-1]
    non_investors = [p.name for p in parties if p.kind not in {"investor", "government"}]
    return (non_investors or [p.name for p in parties])[-1]


def _provider_party(parties: list[_Party], text: str, gazetteer: Gazetteer) -> str | None:
    sellers = [p for p in parties if p.is_product or gazetteer.provider_of(p.name)]
    if not sellers:
        return None
    names = {p.name for p in sellers}
    if len(names) == 1:
        return sellers[0].name
    for p in sellers:
        if p.is_product:
            return p.name
    neoclouds = [p for p in sellers if p.kind == "neocloud"]
    if neoclouds and len({p.name for p in neoclouds}) == 1:
        return neoclouds[0].name  # a hyperscaler buying from a neocloud is the customer
    for p in sellers:
        if _PROVIDER_BEFORE.search(
            text[max(0, p.start - 40) : p.start]
        ) or _PRODUCT_POSSESSIVE.match(text[p.end : p.end + 20]):
            return p.name
    neo = [p for p in sellers if p.kind == "neocloud"]
    return (neo or sellers)[0].name


def _unique(parties: Iterable[_Party]) -> list[_Party]:
    seen: set[str] = set()
    out = []
    for p in parties:
        if p.name not in seen:
            seen.add(p.name)
            out.append(p)
    return out


# --- the engine ---------------------------------------------------------------------------


@dataclass
class _Sentence:
    index: int
    span: Span
    parties: list[_Party]
    money: list[Money]
    valuation: Money | None = None


def extract_deals(article: Article, gazetteer: Gazetteer) -> list[DealMention]:
    """Every deal the article reports, one record each, with the sentence that proves it."""
    text = article.text
    published = article.published
    # The figure and date caches serve one article's sentences and clauses; starting each article
    # empty keeps results (and benchmark figures) independent of what was read before.
    _money_in.cache_clear()
    _dates_in.cache_clear()
    sentences = [s for s in content_sentences(text, article.title) if not s.is_boilerplate]
    salience = _Salience()
    index = _Index(text, gazetteer)
    facts: list[_Fact] = []
    partials: list[_Fact] = []
    seen: list[_Sentence] = []
    denied: list[frozenset[str]] = []
    subject: _Party | None = None
    seen_texts: dict[str, list[str]] = {}
    lead_in: tuple[int, set[str], Span] | None = None
    for position, sentence in enumerate(sentences):
        norm = " ".join(sentence.text.split()).casefold()
        if len(norm) >= 40 and any(norm.startswith(t) for t in seen_texts.get(norm[:40], ())):
            continue  # a teaser repeating the opening at the end of the page
        seen_texts.setdefault(norm[:40], []).append(norm)
        mentioned = index.orgs_in(sentence.start, sentence.end)
        last = facts[-1] if facts else None
        if last is not None and len(facts) >= 2 and _PART_OF_DEAL.match(last.clause.text):
            # "As part of that deal, OpenAI received $350 million of stock": a further tranche
            # ("May 2025 — OpenAI expanded its commitment") continues the deal, not its part
            last = facts[-2]
        if (
            not mentioned
            and last is not None
            and position - last.sentence_index <= 2
            and not last.is_title
            and not index.descriptors_in(sentence.start, sentence.end)
        ):
            # "A $4bn add-on followed in May.": a further dated tranche of the deal just told
            recalled = _recalled_tranche(sentence, sentence, position, last, text, published)
            if recalled is not None:
                facts.append(recalled)
                continue
        if not _ANY_CUE.search(norm) and not any(m.is_product for m in mentioned):
            # Names but no deal cue ("OpenAI said it has 500 million users"): nothing to extract,
            # but the names count for resolving "the company" later and may carry terms.
            quick = [
                _Party(m.name, m.kind, m.start, m.end, m.is_product, m.in_gazetteer)
                for m in mentioned
            ]
            valuation = _pick_money(sentence, text)[1] if "valu" in norm else None
            money = (
                _pick_money(sentence, text)[0]
                if len({p.name for p in quick}) <= 1
                and _mentions_money(sentence.text, norm)
                and _AMOUNT_WORDS.search(norm)
                and _AMOUNT_ANAPHORA.search(sentence.text)
                else []
            )
            if (
                money
                or _term_hint(norm)
                or _anaphoric(norm, sentence.text)
                or valuation is not None
            ):
                seen.append(_Sentence(position, sentence, _unique(quick), money, valuation))
            named = [p for p in quick if p.kind != "media"]
            if len({p.name for p in named}) >= 2 and _DENIAL.search(sentence.text):
                denied.append(frozenset(p.name for p in named))  # "Musk denied a report that ..."
            lead_in = _lead_in(position, sentence, named)
            if named and not (subject is not None and _IT_SUBJECT.match(sentence.text)):
                subject = named[0]
            salience.add(quick)
            if _is_heading(sentence.text, named):
                salience.focus = named[0].name
            continue
        if (
            not mentioned
            and not index.descriptors_in(sentence.start, sentence.end)
            and not (subject is not None and re.search(r"\b[Ii]t\b", sentence.text))
        ):
            if _anaphoric(
                norm, sentence.text
            ):  # "The deal is worth $2 billion": terms for the last deal
                money = (
                    _pick_money(sentence, text)[0] if _AMOUNT_ANAPHORA.search(sentence.text) else []
                )
                seen.append(_Sentence(position, sentence, [], money))
            continue
        sentence_parties: list[_Party] = []
        first_new = len(facts)  # facts from this sentence are appended after this point
        previous_fact: _Fact | None = None
        shopping = denial = False
        checked = False
        for clause in _split_clauses(sentence):
            parties = _resolve_parties(clause, index, text, salience, sentence_parties)
            sentence_parties.extend(parties)
            if clause.start == sentence.start and clause.text.rstrip().endswith(":"):
                named_here = [p for p in parties if p.kind != "media"]
                if _is_heading(clause.text, named_here):
                    salience.focus = named_here[0].name
            if parties and not checked:
                checked = True
                shopping = bool(_SHOPPING.search(sentence.text))
                # Collapsed talks still happened ("talks ... broke down last year"): a record,
                # reported; only a denial unmakes a deal.
                denial = bool(_DENIAL.search(sentence.text))
            anchor = previous_fact or _latest_with(facts, {p.name for p in parties}, position)
            if (
                len({p.name for p in parties}) <= 1
                and anchor is not None
                and not shopping
                and (not parties or parties[0].name in anchor.names)
            ):
                recalled = _recalled_tranche(clause, sentence, position, anchor, text, published)
                if recalled is not None:
                    facts.append(recalled)
                    continue
            it_clause = (
                (subject is not None and bool(_IT_SUBJECT.match(clause.text)))
                or (bool(_SUBJECTLESS_ITEM.match(clause.text)) and salience.leading() is not None)
                or (
                    bool(_SAID_IT.match(clause.text))
                    and any(p.kind != "media" and p.start < clause.start for p in sentence_parties)
                )
            )
            if shopping or not (parties or it_clause):
                continue
            new_facts = _clause_facts(
                clause,
                sentence,
                position,
                parties,
                previous_fact,
                gazetteer,
                text,
                published,
                sorted(facts[-8:] + partials[-8:], key=lambda f: f.sentence_index),
                subject,
                next(
                    (p for p in sentence_parties if p.kind != "media" and p.start < clause.start),
                    None,
                ),
                salience,
                next(
                    (
                        p
                        for p in reversed(sentence_parties)
                        if p.kind != "media" and p.end <= clause.start
                    ),
                    None,
                ),
            )
            for fact in new_facts:
                if denial:
                    denied.append(fact.names)
                elif _NEGATED.search(clause.text):
                    continue
                elif fact.partial and fact.is_title:
                    continue  # a headline's one-sided clause adds nothing the body does not say
                elif fact.partial:
                    partials.append(fact)
                else:
                    facts.append(fact)
                    previous_fact = fact
            if (
                not new_facts
                and len({p.name for p in parties}) <= 1
                and clause.text != sentence.text
                and _AMOUNT_ANAPHORA.search(clause.text)
            ):
                # "..., but CNBC reported that Nvidia is paying about $20 billion": one clause
                # gives the figure of the deal just told, whatever else its sentence names.
                clause_money = _pick_money(clause, text)[0]
                if clause_money:
                    seen.append(_Sentence(position, clause, _unique(parties), clause_money))
            if (
                not new_facts
                and previous_fact is not None
                and previous_fact.valuation is None
                and len({p.name for p in parties}) <= 1
                and "valu" in clause.text
            ):
                # "...raised $1 billion from A and B; people close to it put its valuation at $5
                # billion": a later clause of the sentence values the round just told.
                previous_fact.valuation = _pick_money(clause, text)[1]
        told = facts[first_new:]
        if told and any(f.deal_type == "licensing" for f in told) and _team_licence(sentence.text):
            # "... returned to Google with part of the team, and Google received a licence":
            # a licence that comes with hiring the founders or staff is an acqui-hire.
            for i in range(first_new, len(facts)):
                if facts[i].deal_type == "licensing":
                    facts[i] = replace(facts[i], deal_type="acquihire")
            told = facts[first_new:]
        if told and lead_in is not None and lead_in[0] == position - 1:
            # "Amazon followed in late June. Adept's founders joined Amazon ...": the short
            # sentence before dates the deal it introduces.
            undated = [f for f in told if f.announced is None and f.names & lead_in[1]]
            day = _pick_date(lead_in[2], text, published) if undated else None
            for f in undated:
                f.announced = day
        lead_in = None if told else _lead_in(position, sentence, sentence_parties)
        money = (
            _pick_money(sentence, text)[0]
            if not shopping
            and len(sentence_parties) <= 1
            and _AMOUNT_ANAPHORA.search(sentence.text)
            else []
        )
        seen.append(
            _Sentence(
                position,
                sentence,
                _unique(sentence_parties),
                money,
                _pick_money(sentence, text)[1] if "valu" in norm else None,
            )
        )
        named = [p for p in sentence_parties if p.kind != "media"]
        if named and not (subject is not None and _IT_SUBJECT.match(sentence.text)):
            # "A year later, it bought Tabular": "it" stays the subject, not what it bought
            subject = named[0]
        salience.add(sentence_parties)
    deals = _merge_facts([f for f in facts if not f.is_title])
    _attach_partials(deals, partials, salience, text, gazetteer)
    _attach_titles(deals, [f for f in facts if f.is_title])
    deals = [
        d for d in deals if not any(d.names <= n for n in denied if len(n) >= 2) or _confirmed(d)
    ]
    _share_round_terms(deals, text)
    for s in seen:
        _attach_terms(deals, s, gazetteer)
        _attach_date(deals, s, text, published)
    ordered = sorted(deals, key=lambda d: d.first_index)
    # Read the opening's day only when some deal has no date of its own (a date parse costs).
    lead_day = functools.cache(lambda: _lead_day(sentences, text, published))
    roundup = _is_roundup(sentences)
    mentions = [
        _to_mention(
            article,
            deal,
            gazetteer,
            published,
            position,
            lead_day,
            roundup,
            ordered[0] if _is_current(ordered[0], 0) else None,
        )
        for position, deal in enumerate(ordered)
    ]
    return _dedupe(mentions)


_NUMBERED_ITEM = re.compile(r"\s*\d{1,2}[.)]\s+[A-Z]")
_ITEM_HEAD = re.compile(r"\W*(?:\d{1,2}[.)]\s*)?[A-Z][^:;.!?]{0,40}:\s+\S")
_HEADING_LINE = re.compile(r"^\W*(?:\d{1,2}[.):]\s*)?(?P<body>[^.;:!?]{1,60}?)\s*[.:]?\s*$")


def _is_heading(text: str, named: list[_Party]) -> bool:
    """A line that only names one company ("Anthropic.", "3. Crusoe", "Binance:"): what follows
    is about it, whatever "the developer" or "the company" it says."""
    if len(text) > 80:
        return False  # a heading is short; the length check also keeps the pattern linear
    if (
        named
        and (_NUMBERED_ITEM.match(text) or _ITEM_HEAD.match(text))
        and (len({p.name for p in named}) == 1)
    ):
        return True  # "2. Together AI: $305 million at $3.3 billion": a roundup's item heading
    line = _HEADING_LINE.match(text)
    return (
        line is not None
        and len({p.name for p in named}) == 1
        and len(line.group("body").split()) <= 4
    )


def _lead_in(
    position: int, sentence: Span, parties: list[_Party]
) -> tuple[int, set[str], Span] | None:
    """A short sentence with no deal of its own that may date the next ("Amazon followed in
    late June."); its date is read only when the next sentence has an undated deal."""
    if len(sentence.text) > 120 or not parties:
        return None
    return position, {p.name for p in parties}, sentence


def _confirmed(deal: _Deal) -> bool:
    return any(f.announced_cue and not f.hedged for f in deal.facts)


def _clause_facts(
    clause: Span,
    sentence: Span,
    index: int,
    parties: list[_Party],
    previous: _Fact | None,
    gazetteer: Gazetteer,
    text: str,
    published: date | None,
    facts_so_far: list[_Fact],
    subject: _Party | None = None,
    sentence_subject: _Party | None = None,
    salience: _Salience | None = None,
    relative_to: _Party | None = None,
) -> list[_Fact]:
    masked = _mask(clause, parties)  # companies found by shape are in the index already
    if "-" in masked:
        masked = _BACKED_MASKED.sub(lambda m: "X" * len(m.group()), masked)
    previous_cloud = bool(facts_so_far) and any(
        f.deal_type == "cloud_compute" and index - f.sentence_index <= 1 for f in facts_so_far[-3:]
    )
    if _LITIGATION.search(clause.text) and not re.search(r"(?i)\bsettl", clause.text):
        return []  # "The Times is suing OpenAI and Microsoft over the use of its articles"
    vehicle = _NEW_VEHICLE.search(clause.text)
    if vehicle:
        # "unveiled Stargate, a new company that will build data centres": a joint venture of
        # the others; the company it creates is not a counterparty.
        made = clause.start + vehicle.start("name"), clause.start + vehicle.end("name")
        parties = [p for p in parties if not (made[0] <= p.start < made[1])]
        masked = _mask(clause, parties)
    if _SINCE_JOINED.match(clause.text) and facts_so_far:
        venture = next(
            (
                f
                for f in reversed(facts_so_far)
                if f.deal_type == "partnership" and not f.partial and index - f.sentence_index <= 2
            ),
            None,
        )
        if venture is not None and parties:
            joined = [*venture.parties, *(p for p in parties if p.name not in venture.names)]
            return [replace(venture, parties=joined, clause=clause, sentence=sentence,
                            sentence_index=index, amount=None, valuation=None, announced=None)]  # fmt: skip
    founded = _FOUNDED_BY.search(clause.text)
    founders = [p for p in parties if founded and p.start >= clause.start + founded.end()]
    if founded and len({p.name for p in founders}) >= 2:
        # "The AI Infrastructure Partnership was set up in September 2024 by BlackRock, GIP,
        # Microsoft and MGX": a venture of its founders; the venture itself is not a party.
        parties, vehicle = founders, founded
        masked = _mask(clause, parties)
    if (
        len({p.name for p in parties}) == 1
        and parties[0].kind == "chipmaker"
        and _SUPPLIES_UNNAMED.search(clause.text)
        and (buyer := _story_customer(facts_so_far, parties[0].name)) is not None
    ):
        # "AMD (Oct. 6). Advanced Micro Devices agreed to supply 6 gigawatts of its Instinct
        # GPUs": in a story about one buyer's orders, the chips go to that buyer
        parties = [*parties, replace(buyer, attributive=False, is_descriptor=True)]
        masked = _mask(clause, parties)
    types = _deal_types(masked, parties, gazetteer)
    if founded and vehicle is founded:
        types = ["partnership"]
    if vehicle and types:
        types = ["partnership", *(t for t in types if t != "partnership")]
    if types and types[0] == "investment" and _INVEST_IN_VENTURE.search(masked):
        types = ["partnership", *(t for t in types if t != "partnership")]
    if (
        not types
        and _BACKERS_JOINED.search(clause.text)
        and parties
        and all(p.kind in {"investor", "chipmaker", "hyperscaler", "company"} for p in parties)
        and _recent_round(facts_so_far, index) is not None
    ):
        types = [
            "investment"
        ]  # "Salesforce Ventures, Nvidia, Kleiner Perkins and Lux Capital joined."
    generic_only = False
    if not types:
        if _GENERIC.search(masked) and (_AGREEMENT_VERB.search(masked) or _money_in(clause.text)):
            types = ["partnership"]
            generic_only = True
        else:
            return []
    lower_clause = clause.text.lower()
    regulatory = bool(_REGULATORY_WORDS.search(lower_clause)) and bool(_REGULATORY.search(masked))
    if types[0] != "acquihire":
        parties = [p for p in parties if not _AFFILIATION_AFTER.match(text[p.end : p.end + 60])]
    # A newspaper named beside two companies is usually the source; two media groups merging, or
    # a publisher taking money from one company, are the deal.
    non_media = {p.name for p in parties if p.kind != "media"}
    unique = _unique(
        p
        for p in parties
        if not (p.kind == "media" and "licensing" not in types and len(non_media) >= 2)
    )
    if regulatory:
        unique, noun = _regulated_pair(unique, text)
        if noun:
            types = [_NOUN_TYPES.get(noun.casefold(), "partnership")]
    if (
        generic_only
        and any(p.kind == "chipmaker" and not p.attributive for p in unique)
        and re.search(r"(?i)\bsupply\b", masked)
    ):
        types = ["chip_supply"]
        generic_only = False
    if generic_only and (
        any(p.kind == "neocloud" for p in unique)
        or (previous_cloud and any(gazetteer.provider_of(p.name) for p in unique))
    ):
        types = ["cloud_compute"]
        generic_only = False
    if (
        types[0] == "cloud_compute"
        and unique
        and all(p.is_product or gazetteer.provider_of(p.name) for p in unique)
        and not _GENERIC.search(masked)
        and not re.search(r"(?i)\b(?:capacity|supply|supplies|rent|lease)\b", masked)
        and not _IT_INSIDE.search(clause.text)  # "it will invest $50bn in data centres with X"
    ):
        return []  # "across Google's TPUs and Amazon's Trainium": two clouds, no buyer, no deal
    if types[0] == "licensing" and any(p.kind == "government" for p in unique):
        types = types[
            1:
        ]  # "the US government has assured it the licences will be granted": a permit
        if not types:
            return []
    if types[0] == "acquihire" and not _team_hire(sentence.text):
        types = types[1:]  # one executive hired, or a board seat: no deal with the company
        if not types:
            return []
    # every mention counts: "took on engineers from Drive.ai ... and acquired the company"
    if types[0] == "acquisition" and not _has_target(parties, text, masked):
        types = types[1:]
        if not types:
            return []
    deal_type = types[0]
    if (
        deal_type == "partnership"
        and "cloud_compute" in types
        and "venture" not in clause.text.casefold()
        and not vehicle
    ):
        deal_type = "cloud_compute"
    if deal_type != "chip_supply":
        counterparties = [p for p in unique if not p.attributive]
        if (
            len({p.name for p in counterparties}) >= 2
            or len(counterparties) == len(unique)
            or deal_type in _OWNERSHIP_TYPES  # "runs on Nvidia H100 chips" buys no stake
            or (len(counterparties) == 1 and deal_type in {"cloud_compute", "partnership"})
        ):
            unique = counterparties
    amounts, valuation = _pick_money(clause, text)
    standing_tie = bool(_STANDING_TIE.match(clause.text))  # "which is backed by X": no date
    it_refers_to = None
    if _IT_SUBJECT.match(clause.text):
        # "Nuro, which began life ..., has been reinventing itself; it raised $106 million":
        # after the sentence's first clause, "it" is that sentence's subject.
        later = clause.start > sentence.start and sentence_subject is not None
        it_refers_to = sentence_subject if later else subject
        if _WE.search(clause.text[:60]):
            # "we announced an agreement to acquire Paradox": the company whose release it is,
            # the one that has been buying or backing in the story so far
            raising = bool(_WE_RAISE.search(clause.text))
            it_refers_to = (
                _leading_agent(
                    facts_so_far,
                    text,
                    gazetteer,
                    _RAISER_ROLES if raising else _AGENT_ROLES,
                )
                or (salience.leading() if salience is not None else None)
                or it_refers_to
            )
    if salience is not None and _SUBJECTLESS_ITEM.match(clause.text):
        it_refers_to = salience.leading()  # the story's own company does what the item says
    if it_refers_to is None and unique and _OUR_TIE.search(clause.text) and salience is not None:
        # "Amazon remains our primary training partner and cloud provider": the company whose
        # post it is (the story's own company), beside the one it names
        ours = salience.leading()
        if ours is not None and ours.name not in {u.name for u in unique}:
            it_refers_to = ours
    if it_refers_to is None and _IT_INSIDE.search(clause.text):
        # "Nvidia is paying $20bn, above the $7bn it paid for X"; with no name before it in the
        # sentence ("It is also waiting for a vote on its purchase of X"), the story's subject
        it_refers_to = sentence_subject or (
            subject
            if re.match(r"\W*It\s", clause.text) and _ITS_PURCHASE.search(clause.text)
            else None
        )
    if it_refers_to is None and clause.start > sentence.start and _PARTICIPLE.match(clause.text):
        it_refers_to = sentence_subject  # "X raised its outlook, a day after agreeing to buy Y"
    if (
        it_refers_to is None
        and relative_to is not None
        and (_RELATIVE.match(clause.text) or standing_tie or _APPOSED_DEAL_START.match(clause.text))
    ):
        it_refers_to = relative_to  # "..., tied to OpenAI, which signed a contract with CoreWeave"
    if it_refers_to is not None and it_refers_to.name not in {u.name for u in unique}:
        unique = [it_refers_to, *unique]
    if (
        len(unique) < 2
        and previous is not None
        and unique
        and types[0] == previous.deal_type
        and amounts
        # "it also pledged $20 billion of investment in US shipping": money for something else
        and not _INVESTED_INTO_SOMETHING.match(text, amounts[0].end, clause.end)
    ):
        # "..., while Nvidia will put in up to $10 billion": borrow the other side.
        roles = _roles(previous.parties, previous.deal_type, text, gazetteer)
        counterpart = [
            p for p in previous.parties if roles.get(p.name) in {"investee", "target", "customer"}
        ]
        unique = unique + [p for p in counterpart if p.name not in {u.name for u in unique}]
    if len(unique) == 1 and deal_type == "acquihire" and facts_so_far:
        # "Its founder and most of the team will join Nvidia": the company they leave is the one
        # the story is about, named in the deal just before.
        last = facts_so_far[-1]
        if index - last.sentence_index <= 2 and unique[0].name in last.names:
            unique = unique + [p for p in _unique(last.parties) if p.name != unique[0].name][:1]
    joins_round = None
    round_date: DateMention | None = None
    if (
        deal_type == "investment"
        and unique
        and _PARTICIPATION.search(masked)
        and not any(
            _INVESTEE_BEFORE.search(text[max(0, p.start - 80) : p.start])
            or _INVESTEE_AFTER.match(text[p.end : p.end + 80])
            for p in unique
        )
    ):
        round_fact = _recent_round(facts_so_far, index)
        if round_fact is not None:
            investee = _investee(round_fact.parties, text)
            anchor = next(p for p in round_fact.parties if p.name == investee)
            if anchor.name not in {u.name for u in unique}:
                unique = [*unique, anchor]
                joins_round = anchor.name
                # "The deal makes ASML Mistral's largest shareholder": the round was dated before
                round_date = round_fact.announced or next(
                    (
                        f.announced
                        for f in reversed(facts_so_far)
                        if f.deal_type == "investment"
                        and f.announced is not None
                        and anchor.name in f.names
                        and index - f.sentence_index <= 5
                    ),
                    None,
                )
    contribution = False
    if (
        deal_type == "investment"
        and len(unique) == 1
        and amounts
        and joins_round is None
        and _CONTRIBUTION_BEFORE.search(
            text[max(clause.start, amounts[0].start - 45) : amounts[0].start]
        )
        and _SHARE_OF_ROUND.match(text, amounts[0].end, clause.end)
    ):
        # "Lightspeed alone put in $1 billion of the total": one backer's share of the round
        # just told, a record of its own beside the round's other backers.
        told = _recent_round(facts_so_far, index)
        if told is not None and (backed := _investee(told.parties, text)) != unique[0].name:
            unique = [*unique, next(p for p in told.parties if p.name == backed)]
            round_date = told.announced
            contribution = True
    if _ALSO_BACKERS.search(clause.text) and facts_so_far:
        # "Oracle and MGX are also initial equity funders": more backers of the deal just told.
        names = {p.name for p in unique}
        last = next(
            (f for f in reversed(facts_so_far) if f.names & names and not f.partial),
            facts_so_far[-1],
        )
        if index - last.sentence_index <= 2 and last.names & names:
            joined = [*last.parties, *(p for p in unique if p.name not in last.names)]
            return [
                replace(
                    last,
                    parties=joined,
                    clause=clause,
                    sentence=sentence,
                    sentence_index=index,
                    amount=None,
                    valuation=None,
                    announced=None,
                    background=False,
                )
            ]
    one_sided = len(unique) == 1 and not generic_only
    if len(unique) < 2 and not (
        one_sided and (amounts or valuation or _DATE_HINT.search(clause.text))
    ):
        return []  # one side and nothing to complete a neighbouring deal with
    if (
        len(unique) >= 2
        and all(p.kind == "media" for p in unique)
        and deal_type not in {"licensing", "acquisition", "investment"}
    ):
        return []  # two outlets named together are sources, unless one buys or backs the other
    announced = _pick_date(clause, text, published) or round_date
    if announced is None and re.search(
        r"(?i)\b(?:as|in a separate|in another) part of (?:the|that|this|its) (?:arrangement|deal|"
        r"agreement|contract|pact)\b",
        clause.text,
    ):
        dated = [
            f for f in facts_so_far if f.announced is not None and index - f.sentence_index <= 2
        ]
        announced = dated[-1].announced if dated else None
    if announced is None and clause.text != sentence.text and not standing_tie:
        announced = _attribution_date(sentence, text, published)
    if announced is None and not standing_tie and clause.start > sentence.start:
        # "Also on Monday, Cognition ... said it raised $400M", "On September 22 the two
        # companies signed ..., and Nvidia said it intends to invest": a date opening the
        # sentence dates what the sentence goes on to say
        head = Span(sentence.start, min(sentence.end, sentence.start + 40), sentence.text[:40])
        opening = _pick_date(head, text, published)
        if opening is not None and _OPENING_WORDS.fullmatch(text, sentence.start, opening.start):
            announced = opening
    if announced is None and re.search(
        r"(?i)\b(?:the same day|that same day|on the same day)\b", clause.text
    ):
        prior = [
            f.announced
            for f in facts_so_far
            if f.announced is not None and f.announced.precision == "day"
        ]
        announced = prior[-1] if prior else None
    near = _DAYS_APART.search(clause.text) if announced is None else None
    if (
        near
        and near.group().casefold().endswith(("after", "before"))
        and not _DEAL_REFERENCE.match(clause.text, near.end())
    ):
        near = None  # "a day after his inauguration": another event's date, not a deal's
    if near:
        # "Cognition bought what was left of Windsurf days later": the month of the deal just
        # told (a few days or weeks rarely cross into another month; the day is not known)
        told_dates = [
            f.announced
            for f in facts_so_far
            if f.announced is not None and not f.partial and index - f.sentence_index <= 5
        ]
        if told_dates:
            last_told = told_dates[-1]
            one_day = _ONE_DAY_APART.match(near.group())
            if one_day and last_told.precision == "day":
                # "A day later, Together AI announced ...": the day after the deal just told
                step = 1 if one_day.group(1).casefold() in {"later", "after"} else -1
                value, precision = last_told.value + timedelta(days=step), "day"
            else:
                value, precision = last_told.value.replace(day=1), "month"
            announced = DateMention(
                clause.start + near.start(),
                clause.start + near.end(),
                near.group(),
                value,
                precision,
            )
    template = _Fact(
        parties=unique,
        deal_type=deal_type,
        clause=clause,
        sentence=sentence,
        sentence_index=index,
        valuation=valuation,
        announced=announced,
        stake_pct=find_stake_pct(clause.text),
        holding_only=deal_type == "investment"
        and not amounts
        and bool(_HOLDING.search(clause.text)),
        hedged=bool(_HEDGE_WORDS.search(lower_clause)) and bool(_HEDGE.search(clause.text)),
        announced_cue=bool(_ANNOUNCED.search(sentence.text)),
        background=standing_tie
        or _EARLY_BACKER.search(clause.text)  # "is an early investor in Mistral": an older tie
        or (bool(_BACKGROUND_WORDS.search(lower_clause)) and _is_background(clause.text)),
        is_title=sentence.is_title,
        generic_only=generic_only,
        joins_round=joins_round,
        published=published,
        earlier_round=deal_type == "investment" and _EARLIER_ROUND.search(clause.text),
    )
    if standing_tie and it_refers_to is None:
        return []  # "A new company, funded by SoftBank, OpenAI ...": backers of no one named
    if (
        standing_tie
        and deal_type == "investment"
        and not amounts
        and len(unique) >= 3
        and it_refers_to is not None
        and unique[0] is it_refers_to
    ):
        # "Anthropic, which is backed by Amazon and Google": two backers, each its own tie
        # (not one round)
        tied = unique[0]
        return [replace(template, parties=[tied, backer]) for backer in unique[1:]]
    if len(unique) < 2:
        if deal_type in {
            "investment",
            "acquisition",
            "cloud_compute",
            "chip_supply",
            "acquihire",
        } and (amounts or valuation or announced):
            template.amount, template.partial = amounts[0] if amounts else None, True
            return [template]
        return []
    if all(p.kind == "media" for p in unique) and deal_type not in {
        "licensing",
        "acquisition",
        "investment",
    }:
        return []
    objects = _coordinated_objects(unique, amounts, clause, text, deal_type)
    if objects:
        # "bought Tableau for $15.7 billion in June 2019 and Slack for $27.7 billion in December
        # 2020": one purchase per object, each with its own price and date.
        return [
            replace(
                template,
                parties=ps,
                amount=m,
                announced=_pick_date(part, text, published) or template.announced,
            )
            for ps, m, part in objects
        ]
    split = _respectively(unique, amounts, clause, text, deal_type)
    if split:
        return [replace(template, parties=ps, amount=m, own_amount=True) for ps, m in split]
    amount = amounts[0] if amounts else None
    ceiling = max(
        (m for m in amounts[1:] if m.qualifier in {"up to", "as much as"}),
        key=lambda m: m.value,
        default=None,
    )
    if amount is not None and ceiling is not None and ceiling.currency == amount.currency:
        amount = ceiling if ceiling.value > amount.value else amount
    own = False
    if deal_type == "investment" and amounts:
        contributions = [
            m
            for m in amounts
            if _CONTRIBUTION_BEFORE.search(text[max(clause.start, m.start - 45) : m.start])
        ]
        totals = [
            m
            for m in amounts[1:]
            if _ROUND_TOTAL_BEFORE.search(text[max(clause.start, m.start - 45) : m.start])
        ]
        if contributions and len(amounts) > 1:
            amount, own = contributions[0], True
        elif totals and not _ROUND_TOTAL_BEFORE.search(
            text[max(clause.start, amounts[0].start - 45) : amounts[0].start]
        ):
            amount = totals[0]  # "At $20 billion, the price ..., when it raised $750 million"
        elif not _ROUND_TOTAL_BEFORE.search(
            text[max(clause.start, amounts[0].start - 45) : amounts[0].start]
        ):
            own = bool(re.search(r"(?i)\binvest", text[clause.start : amounts[0].start]))
    template.amount, template.own_amount = amount, own or contribution
    template.share_of_round = amount is not None and bool(
        _SHARE_OF_ROUND.match(text, amount.end, clause.end)
    )
    return [template]


_CONTRIBUTION_BEFORE = _lower(
    r"\b(?:contribut\w*|provid\w*|putting in|puts in|put in|investing|invest|invests|will invest|"
    r"commit\w*|writing a cheque for|writing a check for)\s+(?:up to |about |roughly |some |another |"
    r"a further |an additional )?$"
)
_SHARE_OF_ROUND = _lower(
    r"\s*(?:of (?:the|that|this|its) (?:total|round|raise|sum|amount|financing)|"
    r"in (?:the|that|this) (?:round|raise|financing))\b"
)
_ROUND_TOTAL_BEFORE = _lower(
    r"\b(?:rais(?:e|es|ed|ing)|closed|secured|landed|round of|funding of|financing of|total of)\s+"
    r"(?:a\s+|an\s+|about\s+|roughly\s+|some\s+|another\s+|up to\s+)*$"
)
_NEGATED_CUE = _lower(
    r"\b(?:no|not|without|never|nor)\s+(?:a\s+|an\s+|any\s+|the\s+)?(?:outside\s+|external\s+|"
    r"new\s+|further\s+|venture\s+)?$"
)
_NAMED_AGREEMENT = re.compile(
    r"\b(licen[cs]ing|licen[cs]e|supply|cloud|compute|computing|capacity|investment|partnership|"
    r"content|chip|GPU)\s+(?:agreement|deal|contract|pact)\b",
    re.I,
)
_AGREEMENT_KINDS = {
    "licensing": "licensing", "licencing": "licensing", "license": "licensing", "licence": "licensing",
    "content": "licensing", "supply": "chip_supply", "chip": "chip_supply", "gpu": "chip_supply",
    "cloud": "cloud_compute", "compute": "cloud_compute", "computing": "cloud_compute",
    "capacity": "cloud_compute", "investment": "investment", "partnership": "partnership",
}  # fmt: skip
_DATE_HINT = _lower(
    r"\b(?:\d{4}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|today|yesterday|week|month|year|quarter|q[1-4])"
)


def _latest_with(facts: list[_Fact], names: set[str], index: int) -> _Fact | None:
    """The latest fact of the last three sentences that names all of ``names`` (a part of a deal
    told "as part of that deal" stands for the deal it is part of)."""
    part = None
    for fact in reversed(facts[-8:]):
        if index - fact.sentence_index <= 3 and names and names <= fact.names:
            if _PART_OF_DEAL.match(fact.clause.text) and part is None:
                part = fact
                continue
            return fact
    return part


# "... and put in more money in 2021": a further tranche whose size the text does not give.
_MORE_MONEY = _lower(
    r"(?i)\b(?:more|further|additional|fresh|extra)\s+(?:money|cash|capital|funding|funds)\b"
)


_ONE_COMMITMENT = _lower(
    r"(?i)\b(?:in (?:stages|tranches|instal?lments|phases)|the rest|the remainder|the balance|"
    r"of which|split into|paid out over)\b"
)


def _recalled_tranche(
    clause: Span,
    sentence: Span,
    index: int,
    previous: _Fact,
    text: str,
    published: date | None,
) -> _Fact | None:
    """ "..., deepening a relationship that started with a $1 billion check in 2019": a clause with
    its own figure and date but no names recalls an earlier deal between the same parties."""
    if not re.search(
        r"(?i)\b(?:check|cheque|started|began|commitment|pledge|tranche|first|original|initial|earlier|"
        r"previous|invest\w*|stake|deal|agreement|contract|round|add-on|top-up|follow-on|extension|"
        r"put in|poured|injected|further|added|expanded|enlarged|widened)\b",
        clause.text,
    ):
        return None
    if _ONE_COMMITMENT.search(clause.text):
        return None  # "in stages, with a first $10 billion in April": how one deal is paid
    amounts, _ = _pick_money(clause, text)
    if amounts and _INVESTED_INTO_SOMETHING.match(text[amounts[0].end : clause.end]):
        return None  # "$1 billion into AI-related acquisitions": spending, not a deal
    announced = _pick_date(clause, text, published)
    if (
        not (amounts or _MORE_MONEY.search(clause.text))
        or announced is None
        or previous.announced is None
        or _same_date(announced, previous.announced)
    ):
        return None
    deal_type = (
        "investment"
        if re.search(
            r"(?i)\b(?:check|cheque|invest\w*|backed|stake|pledge|commitment to)\b", clause.text
        )
        or (
            previous.deal_type == "cloud_compute"
            and re.search(r"(?i)\bcommitment\b", clause.text)
            and not re.search(
                r"(?i)\b(?:comput|capacity|cloud|agreement|contract|deal)", clause.text
            )
        )
        else previous.deal_type
    )
    return replace(
        previous,
        parties=[replace(p, is_product=False) for p in previous.parties],  # no "AWS" here
        deal_type=deal_type,
        clause=clause,
        sentence=sentence,
        sentence_index=index,
        amount=amounts[0] if amounts else None,
        announced=announced,
        background=True,
        valuation=None,
        joins_round=None,
        own_amount=True,
        partial=False,
    )


_TEAM = (
    r"(?:co-?founders|founders|staff|staffers|employees|researchers|engineers|executives|leaders|"
    r"leadership|talent|workforce|team members|top brass|(?:the|its|their|his|her|a|whole|entire|"
    r"core|research|small) team|members of (?:its|the|his|her) team|(?:most|part|much|some) of "
    r"(?:its|the|his|her|their))"
)
_HIRE_ACT = (
    r"(?:hired|hires|hiring|poached|poaches|recruited|brought|brings|bring|bringing|"
    r"return(?:s|ed|ing)? to|"
    r"(?:re-?)?join(?:s|ed|ing)?|mov(?:e|es|ed|ing) to|take on|took on|takes on)"
)
_TEAM_HIRE = _lower(
    rf"(?i)\b{_HIRE_ACT}\b[^.;]{{0,140}}?\b{_TEAM}\b|\b{_TEAM}\b[^.;]{{0,70}}?\b{_HIRE_ACT}\b|"
    r"\blicen[cs]\w*|\bpa(?:y|ys|id|ying)\b|\bacqui-?hir\w*|\breverse acqui\w*|"
    r"(?:\$|€|£)[\d.,]+\s*\w*\s+(?:deal|agreement|arrangement|transaction)"
)
_PEOPLE_LIST = re.compile(
    r"\b[A-Z][a-z]+(?:\s+[A-Z][\w'-]+)+(?:\s*,\s*[A-Z][a-z]+(?:\s+[A-Z][\w'-]+)+)*,?"
    r"\s+and\s+[A-Z][a-z]+(?:\s+[A-Z][\w'-]+)+"
)
# Teams a person led, and a hiring drive in general, say nothing about who is hired now.
_NOT_THE_HIRED = re.compile(
    r"(?i)\b(?:ran|runs|led|leads|headed|heads|oversaw|oversees|managed|manages)\s+[^.;,]{0,60}"
    r"\b(?:team|group|engineers|researchers|staff|employees|people|unit|division)\b|"
    r"\b(?:drive|push|effort|bid|campaign|race|spree|hunt)\s+(?:to|for)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:researchers|engineers|talent|staff)\b"
)
_BOARD_SEAT = re.compile(r"(?i)\bjoin(?:s|ed|ing)?\s+(?:[\w.'’]+\s+){0,2}board\b")


def _team_licence(sentence: str) -> bool:
    return bool(_CUE_PATTERNS["acquihire"].search(sentence)) and _team_hire(sentence)


def _team_hire(sentence: str) -> bool:
    """An acqui-hire takes founders or staff (or pays a licence with the hire); one executive
    hired, or a seat on a board, makes no deal with the company."""
    words = _NOT_THE_HIRED.sub(" ", _BOARD_SEAT.sub(" ", sentence))
    return bool(_TEAM_HIRE.search(words) or _PEOPLE_LIST.search(words))


_OBJECT_AFTER_CUE = re.compile(
    r"[^,;.]{0,40}?X{2,}|"
    # "acquire Israeli digital-adoption software company WalkMe"
    r"[^,;.]{0,60}?\b(?:company|startup|start-up|firm|maker|developer|specialist|designer|provider|"
    r"operator|lab|group|business)\s+X{2,}|[^,;.]{0,30}?\b(?:division|unit|business|arm|assets|operations|stake|"
    r"subsidiary|part|rest|remainder)\s+of\s+[^,;.]{0,40}?X{2,}"
)


def _has_target(parties: list[_Party], text: str, masked: str) -> bool:
    """An acquisition names what is bought: an organisation after the verb, or one "acquired by"."""
    for p in parties:
        before, after = text[max(0, p.start - 80) : p.start], text[p.end : p.end + 160]
        if _TARGET_BEFORE.search(before) or _TARGET_AFTER.match(after):
            return True
    cue = next(_cue_matches("acquisition", masked, masked.lower()), None)
    if cue is None:
        return False
    if cue.group().casefold().startswith(("merg", "combin")) and len(parties) >= 2:
        return True  # "Getty Images and Shutterstock agreed to merge": each side is bought
    # "buy the robotics division of Swiss engineering group ABB": the seller names the target
    return bool(_OBJECT_AFTER_CUE.match(masked, cue.end(), cue.end() + 100))


def _recent_round(facts: list[_Fact], index: int) -> _Fact | None:
    """The funding round that "also took part" refers to: the latest one raised by a company."""
    for fact in sorted(facts, key=lambda f: f.sentence_index, reverse=True):
        if fact.deal_type != "investment" or index - fact.sentence_index > 3:
            continue
        if fact.partial and all(p.kind in {"investor", "government"} for p in fact.parties):
            continue  # "SoftBank is providing $30 billion": an investor, not the company raising
        return fact
    return None


# Stakes, takeovers and hire-and-licence deals are told with each other's words ("paying $14.3
# billion for a 49% stake" in a hiring deal): a one-sided clause of one completes a deal of another.
_OWNERSHIP_TYPES = frozenset({"investment", "acquisition", "acquihire"})

_NOUN_TYPES = {
    "acquisition": "acquisition", "purchase": "acquisition", "takeover": "acquisition",
    "buyout": "acquisition", "investment": "investment", "stake": "investment",
    "hiring": "acquihire",
}  # fmt: skip


_POSSESSIVE_HIRING = _lower(
    r"['’]s\s+(?:re)?hiring\s+of\s+(?:(?:most|some|part|much|many|dozens|all) of\s+)?(?:the\s+)?$"
)
_PURCHASE_OF_BEFORE = re.compile(
    r"(?i)\b(?:acquisition|purchase|takeover|buyout)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?$"
)
_BY_BETWEEN = re.compile(r"(?i)^[^.;]{0,80}?\bby\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?$")
_POSSESSIVE_PLAN = re.compile(
    r"['’]s\s+(?:[\w$€£.,-]+\s+){0,3}?(?:agreement|deal|plan|bid|offer|attempt|move)\s+to\s+"
    r"(?P<verb>buy|acquire|purchase|take over|invest in|merge with|combine with)\s+"
    r"(?:[\w-]+\s+){0,4}$",
    re.I,
)


def _regulated_pair(parties: list[_Party], text: str) -> tuple[list[_Party], str | None]:
    """In a regulator's sentence only "X's acquisition of Y" (or "the acquisition of Y by X")
    names a deal: keep X and Y."""
    for i, target in enumerate(parties):
        if not _PURCHASE_OF_BEFORE.search(text[max(0, target.start - 40) : target.start]):
            continue
        for buyer in parties[i + 1 :]:
            if buyer.name != target.name and _BY_BETWEEN.match(text[target.end : buyer.start]):
                return [buyer, target], "acquisition"  # "the acquisition of Run:ai by Nvidia"
    for i, p in enumerate(parties[1:], start=1):
        between = text[parties[i - 1].end : p.start]
        if _POSSESSIVE_HIRING.match(between):  # "Microsoft's hiring of most of Inflection's staff"
            return [parties[i - 1], p], "hiring"
        plan = _POSSESSIVE_PLAN.match(between)
        if plan:  # "Nvidia's agreement to buy the chip designer Arm"
            kind = "investment" if plan.group("verb").casefold().startswith("invest") else None
            return [parties[i - 1], p], kind or "acquisition"
        m = _POSSESSIVE_DEAL.search(between)
        if m and len(between) < 90:
            noun = re.search(
                r"(acquisition|investment|purchase|stake|deal|partnership|tie-up|takeover|buyout|"
                r"agreement|alliance|pact)\s+(?:of|in|with|for)\s+$",
                between,
                re.I,
            )
            return [parties[i - 1], p], noun.group(1) if noun else None
    return [], None


def _mask(clause: Span, parties: list[_Party]) -> str:
    """The clause with organisation names blanked, so "Lightspeed Venture Partners" cues nothing."""
    chars = list(clause.text)
    for p in parties:
        if p.is_descriptor:
            continue
        for i in range(max(0, p.start - clause.start), min(len(chars), p.end - clause.start)):
            if chars[i].isalnum():
                chars[i] = "X"
    return "".join(chars)


_FOR_PRICE = re.compile(r"\s+for\s+$")


def _coordinated_objects(
    parties: list[_Party], amounts: list[Money], clause: Span, text: str, deal_type: str
) -> list[tuple[list[_Party], Money, Span]]:
    """ "agreed to buy A for $X in 2019 and B for $Y in 2020": the buyer, each object with its
    price, and the stretch of the clause that tells it (for its date)."""
    if deal_type != "acquisition" or len(amounts) < 2:
        return []
    priced: list[tuple[_Party, Money]] = []
    for m in amounts:
        before = [p for p in parties if p.end <= m.start and not p.is_descriptor]
        if before and _FOR_PRICE.match(text, before[-1].end, m.start):
            priced.append((before[-1], m))
    objects = {p.name for p, _ in priced}
    buyers = _unique(p for p in parties if p.name not in objects)
    if len(priced) < 2 or len(objects) != len(priced) or len(buyers) != 1:
        return []
    out = []
    for i, (obj, m) in enumerate(priced):
        end = priced[i + 1][0].start if i + 1 < len(priced) else clause.end
        part = Span(obj.start, end, text[obj.start : end])
        out.append(([buyers[0], obj], m, part))
    return out


def _respectively(
    parties: list[_Party], amounts: list[Money], clause: Span, text: str, deal_type: str
) -> list[tuple[list[_Party], Money]]:
    """ "A and B will invest $X and $Y respectively" -> one fact per investor with its own amount."""
    if deal_type != "investment" or len(amounts) < 2:
        return []
    investee_name = _investee(parties, text)
    investee = next(p for p in parties if p.name == investee_name)
    investors = [p for p in parties if p.name != investee_name]
    if "respectively" in clause.text.casefold() and len(investors) == len(amounts):
        return [([inv, investee], m) for inv, m in zip(investors, amounts, strict=True)]
    # "A will invest $X ... and B $Y": each amount belongs to the investor named just before it.
    pairs: list[tuple[list[_Party], Money]] = []
    for m in amounts:
        owner = [p for p in investors if p.end <= m.start]
        if not owner:
            return []
        pairs.append(([owner[-1], investee], m))
    if len({id(p[0][0]) for p in pairs}) == len(pairs) == len(investors):
        return pairs
    return []


_EARLIER_ROUND = _lower(
    r"\b(?:an?|the|its|their)\s+(?:earlier|previous|prior|last|first|initial)\s+(?:funding\s+)?"
    r"(?:round|raise|investment|financing)\b|"
    # "The round comes eight months after the company raised $30 million in seed funding"
    r"^(?:comes|came)\s+(?:[\w-]+\s+){0,4}?after\b"
)


def _compatible(deal: _Deal, fact: _Fact) -> bool:
    """Whether ``fact`` describes the same deal as ``deal`` rather than another one."""
    names = deal.names
    joins = (
        fact.joins_round is not None
        and fact.joins_round in names
        and deal.primary.deal_type == "investment"
        and min(abs(i - fact.sentence_index) for i in deal.indexes) <= 3
        and not any(
            f.own_amount for f in deal.specific
        )  # co-investors of a sized stake stand apart
    )
    if not joins and not (fact.names == names or fact.names < names or names < fact.names):
        return False
    if (
        not joins
        and fact.names != names
        and fact.deal_type != deal.primary.deal_type
        and not fact.generic_only
        and not deal.primary.generic_only
        and {fact.deal_type, deal.primary.deal_type} != {"partnership", "cloud_compute"}
    ):
        return False  # a different kind of deal between some of the same parties
    primary = deal.primary
    if (
        fact.deal_type == primary.deal_type == "investment"
        and fact.earlier_round != deal.earlier_round
    ):
        return False  # "IVP also led an earlier round": not the round just told
    if (
        fact.names == names
        and fact.deal_type == primary.deal_type == "investment"
        and fact.share_of_round != any(f.share_of_round for f in deal.specific)
        and not (
            fact.announced
            and primary.announced
            and not _same_date(fact.announced, primary.announced)
        )
    ):
        return True  # "a $40 billion round led by SoftBank ... SoftBank is providing $30 billion"
    if (
        fact.deal_type in {"cloud_compute", "chip_supply"}
        and fact.amount is not None
        and any(
            f.deal_type in {"investment", "partnership"} and not f.generic_only for f in deal.facts
        )
        and not any(f.amount is not None for f in deal.facts)
    ):
        return False  # "also agreed to buy $250 billion of Azure services": a purchase of its own
    if (
        fact.names != names
        and fact.amount is not None
        and any(f.amount is not None for f in deal.specific)
    ):
        return False
    for f in deal.specific:
        if (
            f.amount is not None
            and fact.amount is not None
            and not _same_amount(f.amount, fact.amount)
        ):
            return False
        if (
            f.announced is not None
            and fact.announced is not None
            and not _same_date(f.announced, fact.announced)
            and not _tie_of_stake(f, fact)
        ) and (f.amount is not None or fact.amount is not None or f.deal_type == fact.deal_type):
            return False
    if (
        fact.deal_type != primary.deal_type
        and not fact.generic_only
        and not primary.generic_only
        and {fact.deal_type, primary.deal_type} != {"partnership", "cloud_compute"}
    ):
        dated = [f.announced for f in (fact, *deal.specific) if f.announced is not None]
        lead_undated = deal.undated_lead or (fact.announced is None and fact.sentence_index <= 1)
        if dated and lead_undated and fact.published is not None:
            news = DateMention(
                0, 0, "", date(fact.published.year, fact.published.month, 1), "month"
            )
            if not any(_same_date(d, news) for d in dated):
                return False  # this week's news and a dated earlier deal of another kind
        if fact.amount is not None and any(f.amount is not None for f in deal.specific):
            return False
        if fact.background != primary.background and (
            fact.amount is not None or fact.announced is not None
        ):
            return False
        if _EARLY_BACKER.search(fact.clause.text) or _EARLY_BACKER.search(primary.clause.text):
            return False  # "CMA CGM is an early investor in Mistral": a tie older than the pact
    return True


_EARLY_BACKER = _lower(
    r"\b(?:an?|the|its)\s+(?:early|earliest|existing|longtime|long-time|original|first|"
    r"founding|seed)\s+(?:investor|backer|shareholder)s?\b|"
    # "the stake Salesforce already holds in Informatica": held before the deal told
    r"\bstake\s+(?:[\w.&-]+\s+){0,3}(?:already|previously)\s+(?:holds|held|owns|owned|has|had)\b|"
    r"\b(?:already|previously)\s+(?:holds|held|owns|owned)\s+(?:an?\s+)?(?:\w+\s+)?stake\b"
)


def _tie_of_stake(a: _Fact, b: _Fact) -> bool:
    """A stake and the unpriced cloud or product tie announced with it, days apart ("invest €15
    million ..., a day after it unveiled a partnership"): one record, as the labelling rules say."""
    if a.announced is None or b.announced is None:
        return False
    kinds = {a.deal_type, b.deal_type}
    tie = b if a.deal_type == "investment" else a
    return (
        "investment" in kinds
        and bool(kinds & {"cloud_compute", "partnership"})
        and tie.amount is None
        and abs((a.announced.value - b.announced.value).days) <= 7
        and a.announced.precision == b.announced.precision == "day"
    )


def _same_amount(a: Money, b: Money) -> bool:
    return abs(a.value - b.value) <= 0.01 * max(a.value, b.value) and a.currency == b.currency


def _same_date(a: DateMention, b: DateMention) -> bool:
    coarse = max(_PRECISION_RANK[a.precision], _PRECISION_RANK[b.precision])
    if coarse >= 3:
        return a.value.year == b.value.year
    if coarse >= 1:
        return (a.value.year, a.value.month) == (b.value.year, b.value.month) or (
            coarse == 2
            and a.value.year == b.value.year
            and (a.value.month - 1) // 3 == (b.value.month - 1) // 3
        )
    return a.value == b.value


def _merge_facts(facts: list[_Fact]) -> list[_Deal]:
    deals: list[_Deal] = []
    for fact in sorted(facts, key=lambda f: f.sentence_index):
        candidates = [d for d in deals if _compatible(d, fact)]
        if candidates:
            best = max(
                candidates,
                key=lambda d: (d.names == fact.names, -abs(d.first_index - fact.sentence_index)),
            )
            best.facts.append(fact)
        else:
            deals.append(_Deal(facts=[fact]))
    return deals


# "$1 billion into AI-related acquisitions": an object that is no organisation, so no deal.
_INVESTMENT_IN_SOMETHING = re.compile(
    r"\s*of\s+(?:new\s+)?investments?\s+in(?:to)?\s+(?!(?:the|a|an|its|their)\s+(?:round|startup|company|"
    r"firm|lab|business)\b)"
)
_INVESTED_INTO_SOMETHING = re.compile(
    r"\s*(?:of\s+(?:new\s+)?investments?\s+)?(?:in|into)\s+(?!(?:total|cash|stock|shares|equity|all|recent|early|late|mid|the (?:past|last|"
    r"same|first|second|third|fourth)|January|February|March|April|May|June|July|August|September|"
    r"October|November|December|(?:19|20)\d\d)\b)\S",
    re.I,
)


# "Uber added an undisclosed investment last August": a stake with no figure in the story's subject
_UNDISCLOSED_STAKE = _lower(
    r"(?i)\b(?:added|made|took|has|holds|announced)\s+(?:an?\s+)?(?:undisclosed|unspecified|"
    r"separate|small|minority|strategic)\s+(?:investment|stake)\b"
)


def _attach_partials(
    deals: list[_Deal], partials: list[_Fact], salience: _Salience, text: str, gazetteer: Gazetteer
) -> None:
    """One-sided clauses ("X raised $235 million ...") complete the nearby deal naming X.

    An investor's one-sided clause that completes nothing ("Google has invested about $3 billion")
    is about the story's subject: it becomes a deal with the most talked-about lab.
    """
    for fact in partials:
        if _attach_partial(deals, fact):
            continue
        sibling = _tranche_sibling(deals, fact)
        if sibling is not None:
            # "It deepened in January 2023 with a $10 billion investment": the same two parties,
            # another dated event.
            others = [p for p in _unique(sibling.primary.parties) if p.name not in fact.names]
            parties = [*fact.parties, *(replace(p, is_product=False) for p in others)]
            deals.append(_Deal(facts=[replace(fact, parties=parties, partial=False)]))
            continue
        undisclosed = fact.amount is None and bool(_UNDISCLOSED_STAKE.search(fact.clause.text))
        if (
            fact.deal_type == "investment"
            and (fact.amount is not None or undisclosed)
            and not (
                fact.amount is not None
                and _INVESTED_INTO_SOMETHING.match(
                    fact.clause.text[fact.amount.end - fact.clause.start :]
                )
            )
        ):
            (investor,) = fact.parties
            if investor.kind == "lab" or any(
                investor.name in d.names and d.primary.deal_type == "investment" for d in deals
            ):
                continue
            # The story's subject: a lab, or a company the story has others invest in.
            backed = {
                _investee(d.primary.parties, text)
                for d in deals
                if d.primary.deal_type == "investment"
            }
            subject = salience.antecedent(("lab", "company"), {investor.name}, [])
            if subject is not None and (
                subject.kind == "lab" or (undisclosed and subject.name in backed)
            ):
                deals.append(
                    _Deal(facts=[replace(fact, parties=[investor, subject], partial=False)])
                )
        elif fact.deal_type == "acquisition" and _TARGET_BEFORE.search(
            text[max(0, fact.parties[0].start - 80) : fact.parties[0].start]
        ):
            # "A roughly $3 billion deal to acquire AI coding startup Windsurf ... fell apart": a
            # target with no buyer named, in a story about one buyer's purchases.
            (target,) = fact.parties
            buyer = _story_buyer(deals, text, target.name, gazetteer)
            if buyer is not None:
                deals.append(_Deal(facts=[replace(fact, parties=[buyer, target], partial=False)]))


def _story_buyer(deals: list[_Deal], text: str, target: str, gazetteer: Gazetteer) -> _Party | None:
    """The one company that buys in every acquisition the story tells, if there is one."""
    buyers: dict[str, _Party] = {}
    for d in deals:
        f = d.primary
        if f.deal_type != "acquisition" or target in d.names:
            continue
        roles = _roles(f.parties, f.deal_type, text, gazetteer)
        buyers.update((p.name, p) for p in f.parties if roles.get(p.name) == "acquirer")
    return next(iter(buyers.values())) if len(buyers) == 1 else None


def _tranche_sibling(deals: list[_Deal], fact: _Fact) -> _Deal | None:
    """The deal just told between the same two sides, when a one-sided clause dates another event
    of that relationship: its own date differs, and so does its figure if it has one."""
    if fact.announced is None:
        return None
    if fact.deal_type == "investment":
        if not (
            _IT_SUBJECT_LIKE.match(fact.clause.text)
            or (fact.amount is not None and _FURTHER.search(fact.clause.text))
        ):
            return None
        reach = 1
    elif fact.deal_type in {"cloud_compute", "chip_supply"}:
        # "- May: OpenAI expanded the contract by $4 billion": a later order of the same pair
        if fact.amount is None or not (
            _FURTHER.search(fact.clause.text) or _EXPANDED.search(fact.clause.text)
        ):
            return None
        reach = 3
    else:
        return None
    (party,) = fact.names
    for deal in deals:
        if (
            party in deal.names
            and len(deal.names) == 2
            and deal.primary.deal_type == fact.deal_type
            and 0 < fact.sentence_index - max(deal.indexes) <= reach
            and all(
                f.announced is not None and not _same_date(f.announced, fact.announced)
                for f in deal.specific
            )
            and deal.specific
        ):
            return deal
    return None


_FURTHER = _lower(r"(?i)\b(?:more|further|another|additional|completing|top(?:ped|s)? up)\b")
_EXPANDED = _lower(
    r"(?i)\b(?:expand(?:ed|s|ing)?|extend(?:ed|s|ing)?|added|adds|enlarged|boosted)\b"
)
# "It deepened ...", "The relationship grew ...": the clause continues the story of a pair.
_IT_SUBJECT_LIKE = _lower(
    r"(?i)^\s*(?:it|the (?:relationship|partnership|alliance|tie-up|bond))\s+"
    r"(?:(?:was|were|has been|had been)\s+)?(?:deepened|grew|expanded|widened|deepens|grows|"
    r"expands|was extended|continued)\b"
)


def _attach_partial(deals: list[_Deal], fact: _Fact) -> bool:
    (party,) = fact.names
    if fact.amount is not None and _INVESTMENT_IN_SOMETHING.match(
        fact.clause.text, fact.amount.end - fact.clause.start
    ):
        return False  # "it also pledged $20 billion of investment in US shipping": not this deal
    candidates = [
        d for d in deals
        if party in d.names and min(abs(i - fact.sentence_index) for i in d.indexes) <= 2
        and (
            d.primary.deal_type == fact.deal_type
            or d.primary.generic_only
            or {d.primary.deal_type, fact.deal_type} <= _OWNERSHIP_TYPES
        )
    ]  # fmt: skip
    if not candidates:
        return False
    deal = min(
        candidates,
        key=lambda d: (
            d.primary.deal_type != fact.deal_type,  # a round's figure goes to the round, not a
            min(abs(i - fact.sentence_index) for i in d.indexes),  # purchase told beside it
        ),
    )
    has_amount = any(f.amount is not None for f in deal.facts)
    if (
        fact.amount is not None
        and has_amount
        and not any(
            f.amount is not None and _same_amount(f.amount, fact.amount) for f in deal.facts
        )
    ):
        return False
    dates = [f.announced for f in deal.facts if f.announced is not None]
    if (
        fact.announced is not None
        and dates
        and not any(_same_date(d, fact.announced) for d in dates)
    ):
        return False
    deal.facts.append(fact)
    return True


def _share_round_terms(deals: list[_Deal], text: str) -> None:
    """Records of one funding round share its valuation and date; a round total stays off the
    co-investors' record when another investor in the round has a figure of its own."""
    rounds: dict[str, list[_Deal]] = {}
    for deal in deals:
        if deal.primary.deal_type != "investment":
            continue
        parties = _unique(p for f in deal.body for p in f.parties)
        rounds.setdefault(_investee(parties, text), []).append(deal)
    for group in rounds.values():
        if len(group) < 2:
            continue
        for deal in group:
            near = [
                d for d in group
                if d is not deal and abs(d.first_index - deal.first_index) <= 1 and _same_round(d, deal)
            ]  # fmt: skip
            own_amount = any(f.amount is not None and not f.partial for f in deal.body)
            if not near or deal.earlier_round or _STANDING_TIE.match(deal.primary.clause.text):
                continue  # "which is backed by X" is a tie, not one of the round's records
            own = [f for f in deal.body if f.amount is not None]
            if (
                own
                and all(f.partial for f in own)
                and any(not f.partial and f.amount is not None for d in near for f in d.body)
            ):
                deal.facts = [replace(f, amount=None) if f.partial else f for f in deal.facts]
            joined = any(f.joins_round for f in deal.body) or any(f.own_amount for f in deal.body)
            for field_name in ("valuation", "announced"):
                if own_amount and not any(d.first_index == deal.first_index for d in near):
                    continue  # a deal with its own figure in its own sentence is its own event
                if not joined and not any(d.first_index == deal.first_index for d in near):
                    continue  # only records of one round (co-investors, sized stakes) share its terms
                if all(getattr(f, field_name) is None for f in deal.body):
                    donor = next(
                        (
                            getattr(f, field_name)
                            for d in near
                            for f in d.body
                            if getattr(f, field_name)
                        ),
                        None,
                    )
                    if donor is not None:
                        deal.facts.append(
                            replace(
                                deal.primary, **{field_name: donor, "amount": None, "partial": True}
                            )
                        )


def _same_round(a: _Deal, b: _Deal) -> bool:
    dates_a = [f.announced for f in a.body if f.announced is not None]
    dates_b = [f.announced for f in b.body if f.announced is not None]
    return not dates_a or not dates_b or _same_date(dates_a[0], dates_b[0])


def _attach_titles(deals: list[_Deal], titles: list[_Fact]) -> None:
    """A headline restates the lead deal; it makes a deal of its own only in a headline-only brief."""
    for fact in titles:
        match = [d for d in deals if len(d.names & fact.names) >= 2]
        if match:
            best = max(match, key=lambda d: (len(d.names & fact.names), -d.first_index))
            best.facts.append(replace(fact, amount=None, announced=None, valuation=None))
        elif not any(fact.names & d.names for d in deals) or ", " not in fact.clause.text:
            # a headline-only brief, or a one-deal headline whose pair the body words in a way
            # no clause read as a deal (a roundup headline's list is not one deal)
            deals.append(_Deal(facts=[fact]))


# Substrings that every match of the longer patterns contains: a cheap test before the regex.
# Substrings that every match of the pattern they guard contains: a cheap scan before the regex.
_HEDGE_WORDS = _substrings((
    "report", "said to", "according", "familiar", "briefed", "close with", "source", "rumo", "talks",
    "discussions", "weighing", "considering", "exploring", "mulling", "nearing", "unconfirmed",
    "anonymity", "worth", "asked not",
))  # fmt: skip
_REGULATORY_WORDS = _substrings((
    "regulat", "antitrust", "competition", "commission", "ftc", "cma", "department", "doj", "probe",
    "inquiry", "investigation", "scrutiny", "compulsory", "merger rules", "watchdog", "lawmakers",
    "court", "lawsuit", "sued",
))  # fmt: skip
_BACKGROUND_WORDS = _substrings((
    "previously", "earlier", "already", "originally", "once", "first", "had ", "in the past",
    "original", "initial", "which has", "which had",
))  # fmt: skip
_TERM_WORDS = _substrings((
    "%", "percent", "per cent", "exclusiv", "refusal", "rofr", "primary", "preferred", "sole",
    "azure", "aws", "google cloud", "oci", "oracle cloud",
))  # fmt: skip
_TERM_YEAR_WORDS = _substrings(
    ("through", "until", "till", "expire", "extend", "runs", "lasts", "run to")
)
_YEAR = re.compile(r"\b20[2-9]\d\b")
_ANAPHORA_WORDS = _substrings((
    "deal", "agreement", "partnership", "pact", "contract", "arrangement", "relationship",
    "investment", "acquisition", "transaction", "round", "tie-up", "terms", "alliance",
    "commitment", "collaboration", "purchase", "venture", "two companies", "two firms", "two sides",
    "both companies",
))  # fmt: skip


_AMOUNT_WORDS = _substrings((
    "worth", "pegged", "pegs", "put the", "put its", "puts", "estimated", "valued", "priced", "paid",
    "paying", "pays", "pay ", "the deal", "the agreement", "the transaction", "the contract",
    "the purchase", "the arrangement", "the investment", "the price", "the figure", "the pact",
    "the commitment",
))  # fmt: skip


_MONEY_SIGNS = re.compile("[$€£¥₹]")
_MONEY_WORDS = _substrings(("dollar", "euro", "pound", "yen", "yuan"))


def _mentions_money(text: str, lower: str) -> bool:
    """Cheap test for a currency sign or word before any money pattern runs."""
    return bool(_MONEY_SIGNS.search(text) or _MONEY_WORDS.search(lower))


def _term_hint(lower: str) -> bool:
    """Cheap test (substring scans first) for a sentence that may state deal terms."""
    return bool(_TERM_WORDS.search(lower)) or (
        bool(_TERM_YEAR_WORDS.search(lower)) and bool(_YEAR.search(lower))
    )


def _anaphoric(lower: str, original: str) -> bool:
    return bool(_ANAPHORA_WORDS.search(lower)) and bool(_ANAPHORA.search(original))


_REVENUE_WEIGHT = _lower(
    r"(?i)\b(?:accounted for|accounts for|account for|made up|makes up|make up|represented|"
    r"represents|contributed|generated|brought in)\s+(?:about |roughly |nearly |almost |some |"
    r"more than |over )?\d+(?:\.\d+)?\s?(?:%|percent|per cent)"
)


def _attach_terms(deals: list[_Deal], s: _Sentence, gazetteer: Gazetteer) -> None:
    """Give the terms a sentence states to the deal it is about."""
    text = s.span.text
    if s.valuation is not None and len(s.parties) <= 1:
        _attach_valuation(deals, s)
    if not s.money and not _term_hint(text.lower()):
        return
    exclusivity = find_exclusivity(text)
    share = None if _REVENUE_WEIGHT.search(text) else find_revenue_share(text)
    term = find_term_end_year(text)
    products = [p for p in s.parties if p.is_product]
    wants_amount = bool(s.money) and len(s.parties) <= 1 and bool(_AMOUNT_ANAPHORA.search(text))
    anaphoric = wants_amount or bool(_ANAPHORA.search(text))
    if exclusivity is None and share is None and term is None and not products and not wants_amount:
        return
    names = {p.name for p in s.parties}
    target = _deal_by_figure(deals, text, names) or _deal_for(deals, s.index, names, anaphoric)
    if target is None:
        return
    if exclusivity is not None and rank_exclusivity(exclusivity) < rank_exclusivity(
        target.exclusivity
    ):
        target.exclusivity = exclusivity
    if share is not None:
        # a revenue share belongs to the pact between the two, not to a purchase told beside it
        pact = next(
            (d for d in deals if d.primary.deal_type == "partnership" and target.names <= d.names),
            target,
        )
        if pact.revenue_share_pct is None:
            pact.revenue_share_pct = share[0]
    if term is not None and target.term_end_year is None:
        target.term_end_year = term
    for p in products:
        if p.name in target.names and target.provider_hint is None:
            target.provider_hint = gazetteer.provider_of(p.name)
    if wants_amount:
        unpriced = [
            d
            for d in deals
            if d.extra_amount is None and not any(f.amount is not None for f in d.facts)
        ]
        priced = _deal_for(unpriced, s.index, names, anaphoric=True)
        if priced is not None and not any(f.sentence_index == s.index for f in priced.facts):
            priced.extra_amount = s.money[0]


# "The transaction was announced in April 2024.", "The two sides announced the agreement on
# Friday.": when the deal just told was made public, whatever day its first sentence gave.
_WAS_ANNOUNCED = re.compile(
    r"(?i)^\W*(?:(?:the|that|this)\s+(?:deal|transaction|acquisition|agreement|purchase|merger|"
    r"takeover|investment|partnership)\s+(?:was|had been)\s+(?:first\s+|originally\s+)?"
    r"(?:announced|agreed|signed|struck|unveiled)|(?:the two (?:sides|companies|firms)|both companies|"
    r"they)\s+(?:first\s+)?(?:announced|signed|unveiled|struck)\s+the\s+(?:deal|agreement|"
    r"transaction|pact|partnership))\b"
)


def _attach_date(deals: list[_Deal], s: _Sentence, text: str, published: date | None) -> None:
    """A sentence that says when the deal just told was announced dates it."""
    if s.parties or not deals or not _WAS_ANNOUNCED.match(s.span.text):
        return
    day = _pick_date(s.span, text, published)
    if day is None:
        return
    target = _deal_for(deals, s.index, set(), anaphoric=True) or (
        deals[0] if len(deals) == 1 else None
    )
    if target is not None:
        target.announced_override = day


_ROUND_ANAPHORA = _lower(
    r"(?i)^\s*(?:the|these|those|its|their)\s+(?:new\s+|latest\s+)?(?:investments|round|funding round|"
    r"stakes|fundraising)\b"
)


def _attach_valuation(deals: list[_Deal], s: _Sentence) -> None:
    """ "The investments value Anthropic at about $350 billion": every record of that round just
    told (one per investor) takes the valuation."""
    names = {p.name for p in s.parties}
    # "The investments ..." points back at the round however many sentences came between.
    reach = 10 if _ROUND_ANAPHORA.search(s.span.text) else 3
    for deal in deals:
        if deal.primary.deal_type != "investment" or (names and not names <= deal.names):
            continue
        if not 0 <= s.index - max(deal.indexes) <= reach:
            continue
        if deal.extra_valuation is None and all(f.valuation is None for f in deal.facts):
            deal.extra_valuation = s.valuation


def _deal_by_figure(deals: list[_Deal], text: str, names: set[str]) -> _Deal | None:
    """ "November 2024: the new $4 billion, with AWS as primary training partner": a sentence that
    repeats one deal's figure is about that deal, however far back it was told."""
    if not any(c in text for c in "$€£"):
        return None
    figures = _money_in(text)
    same = [
        d
        for d in deals
        if (not names or names <= d.names)
        and any(
            f.amount is not None and any(_same_amount(f.amount, m) for m in figures)
            for f in d.facts
        )
    ]
    return same[0] if len(same) == 1 else None


def _deal_for(deals: list[_Deal], index: int, names: set[str], anaphoric: bool) -> _Deal | None:
    """The deal a sentence is about: the one naming most of its organisations, nearest first."""

    def distance(d: _Deal) -> int:
        before = [index - i for i in d.indexes if i <= index]
        return min(before) if before else 1000 + min(abs(index - i) for i in d.indexes)

    own = [d for d in deals if index in d.indexes]
    if own and names:
        scored = [d for d in own if names & d.names]
        if scored:
            return max(scored, key=lambda d: (len(names & d.names), -distance(d)))
    if len(names) >= 2:
        scored = [d for d in deals if len(names & d.names) >= 2]
        if scored:
            return min(scored, key=lambda d: (-len(names & d.names), distance(d)))
    if names:
        scored = [d for d in deals if names & d.names and distance(d) < 1000]
        if scored and (anaphoric or len(names) == 1):
            return min(scored, key=distance)
        return None
    if anaphoric and deals:
        earlier = [d for d in deals if distance(d) < 4]
        if earlier:
            return min(earlier, key=distance)
    return None


def _to_mention(
    article: Article,
    deal: _Deal,
    gazetteer: Gazetteer,
    published: date | None,
    position: int,
    lead_day: Callable[[], DateMention | None] = lambda: None,
    roundup: bool = False,
    lead: _Deal | None = None,
) -> DealMention:
    primary = deal.primary
    body = sorted(deal.body, key=lambda f: (f.partial, f.sentence_index))
    parties = _unique(
        p for f in sorted(body, key=lambda f: (f.partial, f.sentence_index)) for p in f.parties
    )
    roles = _roles(parties, primary.deal_type, article.text, gazetteer)
    names = tuple(p.name for p in parties)
    deal_type = primary.deal_type
    amount = (
        next((f.amount for f in body if f.amount is not None and f.own_amount), None)
        or next((f.amount for f in body if f.amount is not None), None)
        or deal.extra_amount
    )
    valuation = (
        next((f.valuation for f in body if f.valuation is not None), None) or deal.extra_valuation
    )
    if (
        primary.deal_type == "acquisition"
        and amount is None
        and valuation is not None
        and (
            _PRICE_AS_VALUE.search(article.text, max(0, valuation.start - 40), valuation.start)
            or not any(_STAKE_OR_MERGER.search(f.clause.text) for f in body)
        )
    ):
        # "to buy X ..., an equity value of about $8 billion", "an all-stock deal valuing io at
        # $6.5 billion": a whole company's value is its price (a stake's is only a valuation)
        amount, valuation = valuation, None
    announced = next(
        (
            f.announced
            for f in sorted(body, key=lambda f: f.sentence_index)
            if f.announced is not None
        ),
        None,
    )
    if deal.announced_override is not None:
        announced = deal.announced_override
    if (
        announced is None
        and lead is not None
        and lead is not deal
        and lead.names == deal.names
        and not any(f.background for f in deal.body)
        and any(_SAME_ANNOUNCEMENT.search(f.clause.text) for f in deal.body)
    ):
        # "OpenAI also agreed to buy $250 billion of Azure services": part of the lead's news.
        announced = next((f.announced for f in lead.body if f.announced is not None), None)
    precision = announced.precision if announced else None
    announced_on = announced.value if announced else None
    if announced is None and published is not None and _is_current(deal, position, roundup):
        day = lead_day()
        if day is not None:
            announced_on, precision = day.value, day.precision  # "Monday brought three deals"
        else:
            announced_on = date(published.year, published.month, 1)
            precision = "month"
    provider = _compute_provider(deal, parties, roles, deal_type, article.text, gazetteer)
    hedged = [f.hedged for f in body if not f.partial] or [f.hedged for f in body]
    confirmed = any(f.announced_cue and not f.hedged for f in body)
    reported = all(hedged) or (any(hedged) and not confirmed)
    evidence = primary.sentence
    ordered_names = tuple(sorted(names))
    amount_text = amount.text if amount else None
    if amount is not None and amount.per_period and amount_text and "year" not in amount_text:
        amount_text = f"{amount_text} a year"
    confidence = 0.55
    confidence += 0.1 if len(deal.facts) > 1 else 0
    confidence += 0.1 if amount is not None else 0
    confidence += 0.1 if announced is not None else 0
    confidence -= 0.15 if any(not p.in_gazetteer for p in parties) else 0
    confidence -= 0.1 if primary.generic_only else 0
    confidence -= 0.1 if reported else 0
    mention_key = f"{article.article_id}|{'|'.join(ordered_names)}|{deal_type}|{evidence.start}"
    usd = amount.usd_value if amount else None
    return DealMention(
        mention_id=hashlib.sha256(mention_key.encode()).hexdigest()[:16],
        article_id=article.article_id,
        article_url=article.url,
        parties=ordered_names,
        party_roles=tuple(roles.get(n, "partner") for n in ordered_names),
        deal_type=deal_type,
        announced_on=announced_on,
        announced_precision=precision,
        amount_usd=usd,
        amount_text=amount_text,
        currency=amount.currency if amount else None,
        amount_min_usd=(amount.low if amount.is_usd else usd) if amount else None,
        amount_max_usd=(amount.high if amount.is_usd else usd) if amount else None,
        valuation_usd=valuation.usd_value if valuation else None,
        valuation_text=valuation.text if valuation else None,
        stake_pct=next((f.stake_pct for f in body if f.stake_pct is not None), None),
        revenue_share_pct=deal.revenue_share_pct,
        compute_provider=provider,
        exclusivity=deal.exclusivity,
        term_end_year=deal.term_end_year,
        reported=reported,
        evidence=evidence.text,
        evidence_start=evidence.start,
        evidence_end=evidence.end,
        confidence=round(max(0.05, min(0.95, confidence)), 2),
    )


# A stake's valuation is the company's, and a merger's is the combined company's: no price.
_STAKE_OR_MERGER = re.compile(r"(?i)\bstake|\bmerg|\bcombin")
# A purchase's equity or enterprise value is its price, not a valuation beside it.
_PRICE_AS_VALUE = re.compile(
    r"(?i)\b(?:equity|enterprise|transaction|deal)\s+value\s+of\s+(?:about|around|roughly|nearly|some|"
    r"approximately|\s)*$"
)


def _compute_provider(
    deal: _Deal,
    parties: list[_Party],
    roles: dict[str, str],
    deal_type: str,
    text: str,
    gazetteer: Gazetteer,
) -> str | None:
    """The cloud a deal covers: named for compute deals, and for investments whose investor sells it."""
    if deal_type in {"acquisition", "acquihire", "chip_supply", "licensing"}:
        return None
    provider_name = _provider_party(parties, text, gazetteer)
    if provider_name is None:
        return None
    named_product = any(p.is_product for f in deal.facts for p in f.parties) or bool(
        deal.provider_hint
    )
    says_cloud = any(
        re.search(
            r"(?i)\b(?:cloud|compute capacity|computing capacity|training partner)\b",
            _mask(f.clause, f.parties),
        )
        for f in deal.facts
    )
    if deal_type == "investment":
        if roles.get(provider_name) != "investor" or not (named_product or says_cloud):
            return None
    elif deal_type == "partnership" and not named_product:
        return None
    return deal.provider_hint or gazetteer.provider_of(provider_name)


def _lead_day(sentences: list[Span], text: str, published: date | None) -> DateMention | None:
    """The day the article's news happened, when its opening says so without naming a deal."""
    body = [s for s in sentences if not s.is_title][:2]
    for sentence in body:
        opening = Span(
            sentence.start, sentence.start + min(len(sentence.text), 300), sentence.text[:300]
        )
        found = _pick_date(opening, text, published)
        if found is not None and found.precision == "day":
            return found
    return None


# "Monday brought three large compute contracts": the opening announces a roundup of news.
_ROUNDUP = _lower(
    r"(?i)\b(?:two|three|four|five|six|seven|several|multiple|a (?:string|flurry|wave|slew|spate|"
    r"burst|batch) of)\s+(?:[\w-]+\s+){0,2}(?:deals|contracts|agreements|acquisitions|investments|"
    r"partnerships|pacts|funding rounds|rounds|tie-ups)\b"
)


_PART_OF_DEAL = _lower(
    r"(?i)^[^a-z]*(?:as (?:a )?part of (?:that|the|this) (?:deal|agreement|arrangement|contract)|"
    r"in a separate part of (?:that|the|this) (?:deal|agreement|arrangement|contract))\b"
)
_SAME_ANNOUNCEMENT = _lower(
    r"(?i)\b(?:also|as part of|in addition|additionally|for its part|in turn|in return|under the (?:new|revised|same|expanded) "
    r"(?:terms|agreement|deal|arrangement))\b"
)


def _is_roundup(sentences: list[Span]) -> bool:
    return any(_ROUNDUP.search(s.text) for s in sentences[:3])


def _is_current(deal: _Deal, position: int, roundup: bool = False) -> bool:
    """A deal the article breaks (not a recalled one): its date is the publication month."""
    if deal.earlier_round or (
        any(f.background for f in deal.body) and not any(f.is_title for f in deal.facts)
    ):
        return False
    return roundup or position == 0 or deal.first_index <= 1 or any(f.is_title for f in deal.facts)


def _dedupe(mentions: list[DealMention]) -> list[DealMention]:
    """Two records with the same parties, type, date and amount are one deal told twice."""
    out: list[DealMention] = []
    keys: set[tuple[object, ...]] = set()
    for m in mentions:
        key = (m.parties, m.deal_type, m.announced_on, m.amount_usd)
        if key in keys:
            continue
        keys.add(key)
        out.append(m)
    return out
