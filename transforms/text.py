"""Split article text into paragraphs, sentences and clauses without losing character offsets.

Every span keeps its start and end in the original text, so evidence quoted from a deal points
back at exactly the characters it came from. Boilerplate (headline lists, archive months, teasers
repeated at the end of a page, newsletter prompts) is marked here, once, for every extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Span", "clauses", "content_sentences", "paragraphs", "sentences"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text: ``text == article[start:end]``."""

    start: int
    end: int
    text: str
    is_boilerplate: bool = False
    is_title: bool = False


_BOILERPLATE_HEADINGS = re.compile(
    r"^\s*(?:recent posts|related(?: (?:articles|stories|posts|reading|coverage))?|read more|"
    r"more from [\w .]+|more stories|trending(?: now)?|most (?:popular|read)|popular posts|"
    r"archives?|categories|tags|latest news|you may also like|see also|further reading|"
    r"sign up.*|subscribe.*|newsletter.*|share this.*|advertisement|sponsored|"
    r"follow us.*|comments?|leave a reply|about the author|top stories|in other news)\s*:?\s*$",
    re.IGNORECASE,
)
_INLINE_BOILERPLATE = re.compile(
    r"^\s*(?:related|read more|see also|also read|recommended|more|trending|watch)\s*:\s*\S",
    re.IGNORECASE,
)
_PROMPT_LINE = re.compile(
    r"^\s*(?:sign up|subscribe|get (?:our|the) .{0,40}newsletter|join \d[\d,]* (?:readers|subscribers)"
    r"|click here|follow us|share (?:this|on)|copyright|©|all rights reserved)",
    re.IGNORECASE,
)
_MONTH_YEAR_LINE = re.compile(
    r"^\s*(?:[-*•]\s*)?(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\s+\d{4}\s*(?:\(\d+\))?\s*$",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪►]|\d{1,2}[.)])\s+")
_TRUNCATED = re.compile(r"(?:…|\.\.\.)\s*$")


def paragraphs(text: str, title: str | None = None) -> list[Span]:
    """Return the non-empty lines of ``text`` as spans, boilerplate marked.

    A list after a boilerplate heading ("Recent Posts", "Archives", "Related") stays
    boilerplate until the next line that reads like prose. A paragraph that repeats the
    opening of an earlier one and ends in an ellipsis is a teaser and is marked too.
    """
    spans: list[Span] = []
    in_list_block = False
    seen_prefixes: list[str] = []
    norm_title = _normalise(title) if title else ""
    for match in re.finditer(r"[^\n]+", text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        end = match.end() - (len(raw) - len(raw.rstrip()))
        line = text[start:end]
        is_title = not spans and bool(norm_title) and _normalise(line) == norm_title
        boiler = False
        if _BOILERPLATE_HEADINGS.match(line):
            in_list_block = True
            boiler = True
        elif in_list_block and (_LIST_ITEM.match(line) or not _reads_like_prose(line)):
            boiler = True
        else:
            in_list_block = False
            if (
                _INLINE_BOILERPLATE.match(line)
                or _PROMPT_LINE.match(line)
                or _MONTH_YEAR_LINE.match(line)
                or _is_teaser(line, seen_prefixes)
            ):
                boiler = True
        if not boiler and not is_title:
            seen_prefixes.append(_normalise(line)[:120])
        spans.append(Span(start, end, line, boiler, is_title))
    return spans


def _normalise(line: str) -> str:
    return " ".join(line.casefold().split())


def _reads_like_prose(line: str) -> bool:
    """Prose ends a sentence and has a verb-ish length; list items are short headlines."""
    return len(line) > 160 or (line.rstrip().endswith((".", "!", "?", '"', "”")) and len(line) > 60)


def _is_teaser(line: str, seen_prefixes: list[str]) -> bool:
    if not _TRUNCATED.search(line):
        return False
    head = _normalise(line)[:80]
    return len(head) >= 40 and any(p.startswith(head[:60]) for p in seen_prefixes)


# Abbreviations after which a full stop does not end a sentence.
_NEVER_FINAL = frozenset(
    "mr mrs ms dr st jr sr prof gen gov sen rep jan feb mar apr jun jul aug sep sept oct nov dec "
    "vs etc approx est no fig vol op e.g i.e u.s u.k u.n e.u a.i".split()
)
_CORPORATE = frozenset("inc corp co ltd plc llc bros cos".split())
_SENTENCE_STARTERS = frozenset(
    "the a an it its this that these those in on at but and however according under terms "
    "financial shares he she they we his her their details neither both as after before while "
    "earlier later last meanwhile separately also still yet since for with".split()
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9$€£])")


def sentences(text: str, span: Span) -> list[Span]:
    """Split one paragraph span into sentence spans (offsets into ``text``)."""
    out: list[Span] = []
    chunk = span.text
    begin = 0
    for m in _BOUNDARY.finditer(chunk):
        stop = m.end()
        if m.group().startswith(".") and not _is_sentence_end(chunk, m.start(), stop):
            continue
        piece = chunk[begin:stop]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append(
                Span(
                    span.start + begin + lead,
                    span.start + stop,
                    piece.strip(),
                    span.is_boilerplate,
                    span.is_title,
                )
            )
        begin = stop
    piece = chunk[begin:]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        out.append(
            Span(
                span.start + begin + lead,
                span.start + len(chunk) - trail,
                piece.strip(),
                span.is_boilerplate,
                span.is_title,
            )
        )
    return out


def _is_sentence_end(chunk: str, dot: int, stop: int) -> bool:
    word_match = re.search(r"([\w.]+)$", chunk[:dot])
    if not word_match:
        return True
    word = word_match.group(1).casefold().rstrip(".")
    if word in _NEVER_FINAL or re.fullmatch(r"(?:[a-z]\.)+[a-z]?", word):
        return False
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "John D. Smith"
    if word in _CORPORATE:
        following = re.match(r"\s+[\"'“‘(]?([A-Za-z]+)", chunk[stop:])
        return bool(following) and following.group(1).casefold() in _SENTENCE_STARTERS
    return True


def content_sentences(text: str, title: str | None = None) -> list[Span]:
    """All sentences of the article in order, boilerplate and title marked."""
    out: list[Span] = []
    for para in paragraphs(text, title):
        out.extend(sentences(text, para))
    return out


_CLAUSE_BREAK = re.compile(
    r";\s+|\s+[—–]\s+|\s+--\s+|,\s+(?=(?:while|whereas|hence|but|although|though|"
    r"which followed|after which|meanwhile|and separately|separately|on top of)\b)"
)


def clauses(sentence: Span) -> list[Span]:
    """Split a sentence at clause boundaries that usually separate two different facts."""
    out: list[Span] = []
    begin = 0
    depth = 0
    cuts: list[tuple[int, int]] = []
    opens = {i for i, c in enumerate(sentence.text) if c == "("}
    closes = {i for i, c in enumerate(sentence.text) if c == ")"}
    for m in _CLAUSE_BREAK.finditer(sentence.text):
        depth = sum(1 for i in opens if i < m.start()) - sum(1 for i in closes if i < m.start())
        if depth <= 0:
            cuts.append((m.start(), m.end()))
    for cut_start, cut_end in cuts:
        piece = sentence.text[begin:cut_start]
        if piece.strip():
            out.append(
                Span(sentence.start + begin, sentence.start + cut_start, piece, sentence.is_boilerplate)
            )
        begin = cut_end
    piece = sentence.text[begin:]
    if piece.strip():
        out.append(Span(sentence.start + begin, sentence.end, piece, sentence.is_boilerplate))
    return out or [sentence]
