"""Recognise organisations in text: a gazetteer of canonical names and aliases, plus a fallback.

The gazetteer is data (``transforms/organisations.csv`` and any file a user adds), parsed here from
rows so that this module does no I/O. Matching is a compiled alternation over every alias (one for
the names that open with a capital, a small one for each other opening), case-sensitive on word
boundaries, so it stays fast on long articles. Organisations that are not in the gazetteer are
found by shape ("Acme Robotics Inc.", "startup Acme", "Acme, a Paris-based startup") and kept with
the name as written.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from itertools import accumulate, pairwise

from transforms.not_orgs import is_person, is_place, is_product

__all__ = [
    "Gazetteer",
    "OrgMention",
    "Organisation",
    "canonical_name",
    "merge_mentions",
    "trie_regex",
]


def trie_regex(words: Iterable[str], not_after: str | None = None) -> str:
    """One regex for many literal names, factored by common prefixes so matching stays fast.

    A flat alternation of a thousand names is tried name by name at every position; the trie
    form rejects a position after its first character. Longer names win, as in the flat form.

    ``not_after`` (a one-character class such as ``[\\w.-]``) requires that the character before
    a match is not in it. It is checked after the first letter rather than as a look-behind in
    front, which would stop the regex engine from skipping to the names' first letters; when all
    the words share an opening, after that opening, which the engine then searches for whole.
    """
    words = list(words)
    common = _common_opening(words) if not_after else ""
    if common:
        rest = trie_regex([word[len(common) :] for word in words])
        return f"{re.escape(common)}(?<!{not_after}{re.escape(common)}){rest}"
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict, top: bool = False) -> str:  # type: ignore[type-arg]
        ends = "" in node
        branches = [
            re.escape(char)
            + (f"(?<!{not_after}{re.escape(char)})" if top and not_after else "")
            + build(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie, top=True)


def _common_opening(words: list[str]) -> str:
    """The longest string every one of ``words`` starts with."""
    if not words:
        return ""
    first, last = min(words), max(words)  # what these two share, all the others share
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


KINDS = frozenset(
    {"lab", "hyperscaler", "neocloud", "chipmaker", "investor", "media", "company", "government"}
)
_LEGAL_SUFFIX = re.compile(
    r"(?:,?\s+(?:Inc|Corp|Corporation|Ltd|Limited|LLC|L\.L\.C|PLC|plc|Co|Company|S\.A|SA|AG|SE|"
    r"GmbH|N\.V|NV|Holdings)\.?)+$"
)


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    kind: str = "company"
    aliases: tuple[str, ...] = ()
    compute_provider: str | None = None
    products: tuple[str, ...] = ()
    ambiguous: bool = False  # the bare name is a common word: only its aliases are matched

    @property
    def sells_compute(self) -> bool:
        return self.compute_provider is not None


@dataclass(frozen=True, slots=True, init=False)
class OrgMention:
    """An organisation named in the text: ``text == article[start:end]``."""

    start: int
    end: int
    text: str
    name: str
    kind: str
    is_product: bool = False  # named by its cloud product ("Azure"): the provider side of a deal
    is_descriptor: bool = False  # "the startup", "the ChatGPT maker": resolved from context
    in_gazetteer: bool = True

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        name: str,
        kind: str,
        is_product: bool = False,
        is_descriptor: bool = False,
        in_gazetteer: bool = True,
    ) -> None:
        # Mentions are built by the dozen per article. The generated frozen __init__ sets each
        # field through object.__setattr__; the slots' own setters cost far less.
        set_start, set_end, set_text, set_name, set_kind, set_product, set_descriptor, set_known = (
            _MENTION_SLOTS
        )
        set_start(self, start)
        set_end(self, end)
        set_text(self, text)
        set_name(self, name)
        set_kind(self, kind)
        set_product(self, is_product)
        set_descriptor(self, is_descriptor)
        set_known(self, in_gazetteer)


_MENTION_SLOTS: tuple[Callable[[OrgMention, object], None], ...] = tuple(
    vars(OrgMention)[f.name].__set__ for f in fields(OrgMention)
)


def canonical_name(written: str) -> str:
    """Drop legal suffixes, possessives, a leading article and a place that owns the name:
    "Amazon.com Inc." -> "Amazon.com", "The Washington Post" -> "Washington Post",
    "Israel's Tower Semiconductor" -> "Tower Semiconductor"."""
    name = written.strip().rstrip(",")
    if name.endswith(".") and not re.search(r"\b(?:Inc|Corp|Co|Ltd|Bros|[A-Z])\.$", name):
        name = name[:-1]  # a sentence's full stop, not part of the name
    name = re.sub(r"['’]s$", "", name)
    owner = _OWNER.match(name)
    if owner and (is_place(owner.group(1)) or is_person(owner.group(1))):
        name = name[owner.end() :]
    name = _THE.sub("", name)
    name = _LEGAL_SUFFIX.sub("", name).strip()
    name = re.sub(r"(?<=[a-z])\.com$", "", name)  # Amazon.com is Amazon
    return name or written.strip()


_OWNER = re.compile(r"((?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*)['’]s\s+(?=[A-Z])")
_THE = re.compile(r"^The\s+(?=[A-Z])")


# Generic descriptors that point back at an organisation named earlier, and the kinds they fit.
_DESCRIPTORS: dict[str, tuple[str, ...]] = {
    "startup": ("lab", "company"),
    "start-up": ("lab", "company"),
    "lab": ("lab",),
    "developer": ("lab", "company"),
    "chipmaker": ("chipmaker",),
    "chip maker": ("chipmaker",),
    "chip designer": ("chipmaker",),
    "chip giant": ("chipmaker",),
    "cloud provider": ("hyperscaler", "neocloud"),
    "cloud company": ("hyperscaler", "neocloud"),
    "cloud giant": ("hyperscaler",),
    "cloud operator": ("neocloud", "hyperscaler"),
    "neocloud": ("neocloud",),
    "investor": ("investor",),
    "fund": ("investor",),
    "publisher": ("media",),
    "company": (),
    "firm": (),
    "group": (),
    "giant": (),
    "maker": (),
    "platform": (),
    "provider": ("hyperscaler", "neocloud"),
    "operator": ("neocloud", "hyperscaler"),
    "unicorn": ("lab", "company"),
    "government": ("government",),
    "administration": ("government",),
}
_DESCRIPTOR_WORDS = (
    r"startup|start-up|lab|developer|chip maker|chipmaker|chip designer|chip giant|cloud provider|"
    r"cloud company|cloud giant|cloud operator|neocloud|investor|fund|publisher|company|firm|group|"
    r"giant|maker|platform|provider|operator|unicorn|government|administration"
)
# One pattern for "The" and one for "the": opening with the whole word (the look-behind then
# checks the word boundary before it) lets the regex engine search for it instead of stopping at
# every t. A look-ahead first checks, cheaply, that a descriptor follows within four words of any
# shape, so the word-by-word reading runs only where one does. However a word before the
# descriptor is read, it ends at the next space, so the first reading that does is kept (atomic)
# rather than retried by every other alternative.
_DESCRIPTOR_PATTERNS = tuple(
    re.compile(
        rf"{the}(?<!\w{the})\s++"
        rf"(?=(?:[\w'’-]++\s++(?:and\s+)?){{0,4}}?(?:{_DESCRIPTOR_WORDS}))"
        r"(?:(?>(?:[A-Z][a-z]+(?:-based)?|[a-z][\w-]*(?:['’]s)?|AI|HR|\w+-\w+)(?=\s))\s++(?:and\s+)?){0,4}?"
        rf"({_DESCRIPTOR_WORDS})\b"
        # "the company's shares" points at nothing new; "the start-up's $56 million Series A" does
        r"(?!['’]s\b(?!\s+(?:[$€£][\d.,]+\s*\w*\s+)?(?i:series|round|funding|seed|latest|new|recent)\b))"
    )
    for the in ("The", "the")
)

# The fallback looks for unknown organisations only where a deal could be stated.
_FALLBACK_HINT = re.compile(
    r"invest|acqui|\bbuy|bought|purchas|raise|round|fund|backed|stake|partner|deal|agreement|"
    r"contract|licen[cs]|\bhire|\bhired|merg|takeover|startup|start-up|venture|pact|join|poach|"
    r"team(?:s|ed)? up|bring|brought|recruit|collaborat|alliance",
    re.I,
)
# The same test on lower-cased text: words found anywhere, and two found only at a word's start.
_FALLBACK_HINT_WORDS = (
    *"""invest acqui bought purchas raise round fund backed stake partner deal agreement
    contract licenc licens merg takeover startup start-up venture pact join poach bring
    brought recruit collaborat alliance series co-led financing valuation valued paid
    pays paying sold sell spun owned subsidiary division supply lease""".split(),
    "pay ",
    *("team up", "teams up", "teamed up", "led by"),
)
_FALLBACK_HINT_WORD_STARTS = ("buy", "hire")
# As literal-first alternatives the regex engine can skip to (IGNORECASE and a leading \b would
# make it try every position of a line without a hint).
_FALLBACK_HINT_LOWER = re.compile(
    trie_regex(_FALLBACK_HINT_WORDS)
    + "".join(f"|{w[0]}(?<!\\w{w[0]}){w[1:]}" for w in _FALLBACK_HINT_WORD_STARTS)
)
# A capitalised word: it starts where no name character precedes it and is read possessively, so
# a long run of capitals or hyphens is scanned once, never re-tried from inside ("A-A-A-...").
# The capital comes before the look-behind (which then checks the character preceding it), so a
# pattern opening with a word lets the regex engine skip straight to capitals.
_WORD = r"[A-Z](?<![\w&.'’-][A-Z])(?:[\w&'’]|[.-](?=\w))*+(?<=[A-Za-z0-9])"
_NEXT_WORD = r"\s+[A-Z](?:[\w&'’]|[.-](?=\w))*+(?<=[A-Za-z0-9])"
_FALLBACK_SUFFIX = re.compile(
    rf"({_WORD}(?:{_NEXT_WORD}|\s+(?:of|&)){{0,3}}"
    r"\s+(?:Inc|Corp|Labs|Lab|AI|Technologies|Robotics|Capital|Ventures|Partners|Systems|Networks|"
    r"Semiconductor|Semiconductors|Computing|Cloud|Data|Intelligence|Holdings|Group|Bio|Therapeutics|"
    r"Analytics|Software|Energy|Dynamics|Foundation|Fund|Investments|Management|"
    # legal forms: the surest sign of a company ("Wix.com Ltd.", "Samsung Electronics Co.")
    r"Ltd|LLC|PLC|plc|GmbH|AG|S\.A|SE|N\.V|Corporation|Limited)\b\.?(?![ \t]+[A-Z][a-z])|"
    rf"{_WORD}(?:{_NEXT_WORD}){{0,3}}\s+Co\.)"
)
_NAME = rf"({_WORD}(?:{_NEXT_WORD}){{0,2}})"  # up to three capitalised words
_WORD_CHAR = r"\w"
_WORD_CHARACTER = re.compile(_WORD_CHAR)
# The slot words below are tries that check the word boundary after their first letter (see
# trie_regex), so the regex engine skips to candidate letters instead of trying every position.
_DESCRIBING_NOUNS = """startup start-up company firm developer chipmaker maker lab rival provider
    platform investor fund unicorn subsidiary specialist manufacturer supplier vendor
    operator carmaker automaker insurer retailer publisher broadcaster conglomerate miner
    group""".split()
_FALLBACK_DESCRIBED = re.compile(
    rf"(?:{trie_regex(_DESCRIBING_NOUNS, not_after=_WORD_CHAR)})\s+{_NAME}"
)
_FALLBACK_APPOSITIVE = re.compile(
    rf"({_WORD}(?:{_NEXT_WORD}){{0,2}}),\s+(?:a|an|the)\s+"
    r"(?:[\w$.,-]+\s+){0,5}(?:startup|start-up|company|firm|developer|maker|lab|provider|"
    r"chipmaker|platform|operator|unicorn)\b"
)
# Every _FALLBACK_APPOSITIVE match holds ", a", ", an" or ", the": far cheaper to look for than trying
# that pattern at every capital.
_APPOSITIVE_HINT = re.compile(r",\s+(?:an?|the)\s")
# "a round led by Disruptive", "acquired Tabular": whoever leads, backs, buys or is bought in a
# deal clause is an organisation.
_SLOT_WORDS = [
    *(f"{verb} by" for verb in "led co-led backed funded acquired bought owned".split()),
    *"acquire acquires acquired acquiring buy buys buying bought backs".split(),
    *(f"{verb} in" for verb in "invest invests invested investing stake investment".split()),
    *(f"{noun} of" for noun in "purchase acquisition takeover buyout shares stake".split()),
    "shares in",
    *(f"{verb} with" for verb in "merge merges merged merger merging".split()),
    *(f"{noun} with" for noun in "deal agreement partnership pact contract tie-up".split()),
    "partner with", "partners with", "partnered with", "teamed up with",
    *(f"{unit} of" for unit in "business division unit arm assets subsidiary".split()),
    "sold to", "sell to", "sells to",
]  # fmt: skip
_FALLBACK_LED_BY = re.compile(rf"(?:{trie_regex(_SLOT_WORDS, not_after=_WORD_CHAR)})\s+{_NAME}")
# "a round of roughly half a billion dollars for X-energy", "agreed to pay $12.5 billion for
# Motorola Mobility", "$2 billion of Synopsys stock"
_FALLBACK_GAPPED = re.compile(
    rf"(?:{trie_regex(['round', 'financing', 'funding', 'raise'], not_after=_WORD_CHAR)})"
    rf" (?:of (?:[^.;]|\.(?=\d)){{0,40}}? )?(?:for|in|into)\s+{_NAME}"
)
_FALLBACK_PAID_FOR = re.compile(
    rf"(?:{trie_regex(['pay', 'paid', 'pays', 'paying'], not_after=_WORD_CHAR)})"
    rf" (?:(?:[^.;]|\.(?=\d)){{0,40}}? )?for\s+{_NAME}"
)
_FALLBACK_SUM_OF = re.compile(rf"[$€£][\d.,]+\s*\w* (?:of|in)\s+{_NAME}")
# "bought Tableau for $15.7 billion and Slack for $27.7 billion": a priced object in a list
_FALLBACK_PRICED = re.compile(
    rf"(?:{trie_regex(['and', 'then', 'plus'], not_after=_WORD_CHAR)})\s+{_NAME}\s+for\s+"
    r"(?:about |roughly |some |nearly |around |more than )?(?:US)?[$€£]\d"
)
# "Base44 was acquired", "Wix acquires ...": a subject doing a deal, when it is shaped like a
# company (inner capital or digit, or a web suffix) rather than like a person's surname.
_FALLBACK_SUBJECT = re.compile(
    r"((?:[A-Z][a-z]+[A-Z]\w*|[A-Z][A-Za-z]*\d\w*|[A-Z]\w+\.(?:ai|com|io))(?:\s+[A-Z]\w+)?)"
    r"(?<![\w.-][A-Z]{2})\s+(?:has\s+|have\s+|had\s+|will\s+|would\s+|also\s+)?"
    r"(?:acquired|acquires|agreed|bought|buys|raised|raises|invested|invests|paid|pays|signed|"
    r"signs|struck|partnered|was acquired|was bought|is being acquired)\b"
)
_NOT_ORG_WORDS = frozenset(
    """The A An This That These Those It Its In On At For With By From And But Or As If When While
    After Before Under Over Since Until Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December CEO
    Chief President Founder Co-founder AI He She They We His Her Their Our Your You I US U.S. UK
    EU Europe America China Silicon Valley Wall Street Series Big Tech According Meanwhile
    However Reuters Bloomberg Both Neither Terms Details Shares Analysts Sources Last Earlier
    Later Separately Also Today Yesterday Chinese American European British French German
    Indian Japanese Korean Canadian Q1 Q2 Q3 Q4 GPU GPUs TPU TPUs Nasdaq NYSE""".split()
)


_NAME_CHAR = r"[\w.@/-]"  # a name does not start right after one of these


@dataclass(frozen=True)
class Gazetteer:
    """Organisations by canonical name, with compiled patterns over all their written forms."""

    organisations: Mapping[str, Organisation]
    _forms: Mapping[str, tuple[str, bool]] = field(repr=False)
    # Each pattern with the opening all its names share; no two patterns match at one position.
    _patterns: tuple[tuple[str, re.Pattern[str]], ...] = field(repr=False)

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str | None]]) -> Gazetteer:
        """Build from CSV-like rows: name, kind, aliases ("|"), compute_provider, products ("|"),
        ambiguous ("yes" when the bare name is a common word and only aliases should match).

        Later rows override earlier ones with the same name, so a user's file can correct the
        bundled one.
        """
        orgs: dict[str, Organisation] = {}
        for row in rows:
            name = (row.get("name") or "").strip()
            if not name or name.startswith("#"):
                continue
            kind = (row.get("kind") or "company").strip() or "company"
            if kind not in KINDS:
                raise ValueError(f"organisation {name!r}: unknown kind {kind!r}")
            orgs[name] = Organisation(
                name=name,
                kind=kind,
                aliases=_split(row.get("aliases")),
                compute_provider=(row.get("compute_provider") or "").strip() or None,
                products=_split(row.get("products")),
                ambiguous=(row.get("ambiguous") or "").strip().casefold() in {"yes", "true", "1"},
            )
        forms: dict[str, tuple[str, bool]] = {}
        for org in orgs.values():
            for alias in org.aliases if org.ambiguous else (org.name, *org.aliases):
                forms.setdefault(alias, (org.name, False))
            for product in org.products:
                forms[product] = (org.name, True)
        # Names opening with a capital share one pattern. A name opening with anything else
        # ("the ChatGPT maker", "xAI", "01.AI") gets a pattern per first two characters (per first
        # character, if a name is that character alone): a lower-case first letter in one pattern
        # with the capitals would stop the regex engine at most letters of the article, while
        # alone it lets the engine search for the group's whole common opening, and the pattern
        # need not run at all where that opening is not written.
        lone = {form for form in forms if len(form) == 1}
        groups: dict[str, list[str]] = {}
        for form in forms:
            key = "" if "A" <= form[0] <= "Z" else form[0] if form[0] in lone else form[:2]
            groups.setdefault(key, []).append(form)
        patterns = tuple(
            (
                _common_opening(group),
                re.compile(rf"(?:{trie_regex(group, not_after=_NAME_CHAR)})(?![\w]|-[A-Z\d]|\.\w)"),
            )
            for group in groups.values()
        )
        return cls(orgs, forms, patterns)

    def get(self, name: str) -> Organisation | None:
        return self.organisations.get(name)

    def kind_of(self, name: str) -> str:
        org = self.organisations.get(name)
        return org.kind if org else "company"

    def provider_of(self, name: str) -> str | None:
        org = self.organisations.get(name)
        return org.compute_provider if org else None

    def find(self, text: str, *, fallback: bool = True) -> list[OrgMention]:
        """Organisations named in ``text``, in order, without overlaps."""
        found: list[OrgMention] = []
        patterns = [pattern for opening, pattern in self._patterns if opening in text]
        for m in _leftmost_matches(patterns, text):
            name, is_product = self._forms[m.group()]
            found.append(
                OrgMention(m.start(), m.end(), m.group(), name, self.kind_of(name), is_product)
            )
        if fallback and _FALLBACK_HINT.search(text):
            found = merge_mentions(found, self._fallback(text, found))
        return found

    def has_fallback_hint(self, text: str) -> bool:
        return bool(_FALLBACK_HINT_LOWER.search(text.lower()))

    def fallback_hint_lines(self, text: str) -> set[int]:
        """The numbers of the lines of ``text`` that have a deal word.

        What ``has_fallback_hint`` tells of each line, found by looking for each word with
        ``str.find`` (no deal word spans a line break): a regex trying its alternatives at
        every position of a long article was slower than the 40-odd substring scans.
        """
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter that lowers to two ("İ"): read line by line
            return {i for i, line in enumerate(text.split("\n")) if self.has_fallback_hint(line)}
        hits: list[int] = []
        for word, at_start in (
            *((w, False) for w in _FALLBACK_HINT_WORDS),
            *((w, True) for w in _FALLBACK_HINT_WORD_STARTS),
        ):
            i = lowered.find(word)
            while i >= 0:
                if at_start and i > 0 and _WORD_CHARACTER.match(lowered, i - 1):
                    i = lowered.find(word, i + 1)
                    continue
                hits.append(i)
                line_end = lowered.find("\n", i)  # one hit marks the line: go on from the next
                if line_end < 0:
                    break
                i = lowered.find(word, line_end + 1)
        if not hits:
            return set()
        line_starts = list(accumulate((len(line) + 1 for line in text.split("\n")), initial=0))
        return {bisect_right(line_starts, hit) - 1 for hit in hits}

    def fallback(self, text: str, known: list[OrgMention]) -> list[OrgMention]:
        """Organisations not in the gazetteer, found by shape, that overlap none of ``known``."""
        return self._fallback(text, known)

    def _fallback(self, text: str, known: list[OrgMention]) -> list[OrgMention]:
        out: list[OrgMention] = []
        spans = sorted((k.start, k.end) for k in known)
        starts = [s for s, _ in spans]
        # Known names do not overlap each other, so an ever-longer end marks any overlap so far.
        reach = list(accumulate((e for _, e in spans), max))

        def overlaps(start: int, end: int) -> bool:
            i = bisect_left(starts, end)  # spans starting before ``end``
            return i > 0 and reach[i - 1] > start

        for pattern in (
            _FALLBACK_SUFFIX,
            _FALLBACK_DESCRIBED,
            _FALLBACK_APPOSITIVE,
            _FALLBACK_LED_BY,
            _FALLBACK_GAPPED,
            _FALLBACK_PAID_FOR,
            _FALLBACK_SUM_OF,
            _FALLBACK_SUBJECT,
            _FALLBACK_PRICED,
        ):
            if pattern is _FALLBACK_APPOSITIVE and not _APPOSITIVE_HINT.search(text):
                continue  # it cannot match
            for m in pattern.finditer(text):
                start, end = m.span(1)
                written = m.group(1)
                first = written.split()[0]
                if first in _NOT_ORG_WORDS or overlaps(start, end):
                    continue
                name = canonical_name(written)
                if name in self._forms:
                    name = self._forms[name][0]
                if (
                    len(name) < 2
                    or name in _NOT_ORG_WORDS
                    or is_place(name)
                    or is_person(name)
                    or is_product(name)
                ):
                    continue
                if " " in name and is_place(name.rsplit(" ", 1)[0]):
                    continue  # "Paris AI summit", "Abu Dhabi AI": a place's AI, not a company
                out.append(OrgMention(start, end, written, name, "company", in_gazetteer=False))
        return out

    def descriptors(self, text: str) -> list[tuple[int, int, str, tuple[str, ...]]]:
        """Generic back-references ("the startup"): span, words, and the kinds they can point at."""
        out = []
        for m in _leftmost_matches(_DESCRIPTOR_PATTERNS, text):
            key = m.group(1).casefold()
            out.append((m.start(), m.end(), m.group(), _DESCRIPTORS.get(key, ())))
        return out


def _leftmost_matches(patterns: Sequence[re.Pattern[str]], text: str) -> list[re.Match[str]]:
    """What ``finditer`` gives for the alternation of ``patterns`` (no two of which can match at
    one position): the leftmost match, then the leftmost from where it ends, and so on.

    Each pattern is scanned once; only a pattern whose next match overlaps one already taken is
    scanned again, from the end of that one.
    """
    scans = [
        (pattern, matches) for pattern in patterns if (matches := list(pattern.finditer(text)))
    ]
    if len(scans) <= 1:
        return scans[0][1] if scans else []
    merged = sorted((m for _, matches in scans for m in matches), key=lambda m: m.start())
    if all(a.end() <= b.start() for a, b in pairwise(merged)):
        return merged  # nothing overlaps: the matches in order are what finditer would give
    out: list[re.Match[str]] = []
    nexts = [0] * len(scans)
    pos = 0
    while True:
        best = -1
        for i, (pattern, matches) in enumerate(scans):
            if nexts[i] < len(matches) and matches[nexts[i]].start() < pos:
                scans[i] = (pattern, matches := list(pattern.finditer(text, pos)))
                nexts[i] = 0
            if nexts[i] < len(matches) and (
                best < 0 or matches[nexts[i]].start() < scans[best][1][nexts[best]].start()
            ):
                best = i
        if best < 0:
            return out
        m = scans[best][1][nexts[best]]
        out.append(m)
        nexts[best] += 1
        pos = m.end()


def _split(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(part.strip() for part in value.split("|") if part.strip())


def merge_mentions(primary: list[OrgMention], extra: list[OrgMention]) -> list[OrgMention]:
    """``primary`` plus the mentions of ``extra`` that overlap nothing kept before them (earlier
    and longer ones first), in text order. Linear in the number of mentions, however many."""
    spans = sorted((o.start, o.end) for o in primary)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))  # furthest end of the spans so far
    merged = list(primary)
    extra_end = -1
    for cand in sorted(extra, key=lambda o: (o.start, -(o.end - o.start))):
        i = bisect_left(starts, cand.end)
        if cand.start < extra_end or (i > 0 and reach[i - 1] > cand.start):
            continue
        merged.append(cand)
        extra_end = max(extra_end, cand.end)
    return sorted(merged, key=lambda o: o.start)
