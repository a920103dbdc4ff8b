"""Split article text into paragraphs, sentences and clauses without losing character offsets.

Every span keeps its start and end in the original text, so evidence quoted from a deal points
back at exactly the characters it came from. Boilerplate (headline lists, archive months, teasers
repeated at the end of a page, newsletter prompts) is marked here, once, for every extractor.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields

__all__ = ["Span", "clauses", "content_sentences", "paragraphs", "sentences"]


@dataclass(frozen=True, slots=True, init=False)
class Span:
    """A stretch of the article text: ``text == article[start:end]``."""

    start: int
    end: int
    text: str
    is_boilerplate: bool = False
    is_title: bool = False

    def __init__(
        self, start: int, end: int, text: str, is_boilerplate: bool = False, is_title: bool = False
    ) -> None:
        # Spans are built by the hundred per article. The generated frozen __init__ sets each
        # field through object.__setattr__; the slots' own setters cost far less.
        set_start, set_end, set_text, set_boilerplate, set_title = _SPAN_SLOTS
        set_start(self, start)
        set_end(self, end)
        set_text(self, text)
        set_boilerplate(self, is_boilerplate)
        set_title(self, is_title)


_SPAN_SLOTS: tuple[Callable[[Span, object], None], ...] = tuple(
    vars(Span)[f.name].__set__ for f in fields(Span)
)


_BOILERPLATE_HEADINGS = re.compile(
    r"^\s*(?:recent posts|related(?: (?:articles|stories|posts|reading|coverage))?|read more|"
    r"more from \w[\w.]*(?: \w[\w.]*){0,6}|more stories|trending(?: now)?|most (?:popular|read)|"
    r"popular posts|"
    r"archives?|categories|tags|latest news|you may also like|see also|further reading|"
    r"sign up.*|subscribe.*|newsletter.*|share this.*|advertisement|sponsored|"
    r"follow us.*|comments?|leave a reply|about the author|top stories|in other news)\s*:?\s*$",
    re.IGNORECASE,
)
_INLINE_BOILERPLATE = re.compile(
    # "Summary: CoreWeave has agreed to supply Meta ...": a recap restates what the story told
    r"^\s*(?:related|read more|see also|also read|recommended|more|trending|watch|summary|recap|"
    r"tl;dr|key takeaways|the bottom line|bottom line)\s*:\s*\S",
    re.IGNORECASE,
)
_PROMPT_LINE = re.compile(
    r"^\s*(?:sign up|subscribe|get (?:our|the) .{0,40}newsletter"
    r"|join \d[\d,]* (?:readers|subscribers)|click here|follow us|share (?:this|on)|copyright|©"
    r"|all rights reserved)",
    re.IGNORECASE,
)
_MONTH_YEAR_LINE = re.compile(
    r"^\s*(?:[-*•]\s*)?(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\s+\d{4}\s*(?:\(\d+\))?\s*$",
    re.IGNORECASE,
)
# Every pattern above but the month line opens with one of these phrases (lower-cased). An
# ASCII line whose lower-cased opening starts with none of them is prose, and the three
# IGNORECASE patterns (which try each of their phrases in turn) are not run on it. Outside
# ASCII, case-insensitive matching folds more than ``str.lower`` ("ſ" matches "s"), so such a
# line is always given to the patterns.
_BOILERPLATE_OPENING = re.compile(
    r"recent posts|related|read more|more|trending|most popular|most read|popular posts|archive|"
    r"categories|tags|latest news|you may also like|see also|further reading|sign up|subscribe|"
    r"newsletter|share this|share on|advertisement|sponsored|follow us|comment|leave a reply|"
    r"about the author|top stories|in other news|also read|recommended|watch|get our|get the|"
    r"join |click here|copyright|all rights reserved|summary|recap|tl;dr|key takeaways|"
    r"the bottom line|bottom line"
)
_OPENING_LENGTH = 20  # longer than every phrase above
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪►]|\d{1,2}[.)])\s+")
_TRUNCATED = re.compile(r"(?:…|\.\.\.)\s*$")
_TEASER_HEAD = (40, 60)  # a teaser repeats at least 40, and is compared on at most 60, characters


def _is_title_line(line: str, norm_title: str, before: list[Span]) -> bool:
    """The page's own headline: the first line, or (under a masthead line) the headline's part
    after "Newsletter name:" ("The Compute Ledger: Meta's Scale bet, ..." over two lines)."""
    if any(span.is_title for span in before):
        return False
    norm = _normalise(line)
    if not before:
        return norm == norm_title
    return len(norm) >= 20 and norm != norm_title and norm_title.endswith(": " + norm)


def paragraphs(text: str, title: str | None = None) -> list[Span]:
    """Return the non-empty lines of ``text`` as spans, boilerplate marked.

    A list after a boilerplate heading ("Recent Posts", "Archives", "Related") stays
    boilerplate until the next line that reads like prose. A paragraph that repeats the
    opening of an earlier one and ends in an ellipsis is a teaser and is marked too.
    """
    spans: list[Span] = []
    in_list_block = False
    prose: list[str] = []  # earlier prose lines, for teaser checks (normalised only when needed)
    seen_prefixes: set[str] = set()
    norm_title = _normalise(title) if title else ""
    line_start = 0
    for raw in text.split("\n"):
        raw_start = line_start
        line_start += len(raw) + 1
        line = raw.strip()  # str.strip and the regex \s agree on what whitespace is
        if not line:
            continue
        start = raw_start + (len(raw) - len(raw.lstrip()) if raw[0].isspace() else 0)
        end = start + len(line)
        is_title = bool(norm_title) and len(spans) < 3 and _is_title_line(line, norm_title, spans)
        boiler = False
        opening = line[:_OPENING_LENGTH]
        maybe_boilerplate = not opening.isascii() or bool(
            _BOILERPLATE_OPENING.match(opening.lower())
        )
        if maybe_boilerplate and _BOILERPLATE_HEADINGS.match(line):
            in_list_block = True
            boiler = True
        elif in_list_block and (_LIST_ITEM.match(line) or not _reads_like_prose(line)):
            boiler = True
        else:
            in_list_block = False
            if (
                maybe_boilerplate and (_INLINE_BOILERPLATE.match(line) or _PROMPT_LINE.match(line))
            ) or (len(line) < 40 and _MONTH_YEAR_LINE.match(line)):
                boiler = True
            elif line.endswith(("…", "...")):  # the line is stripped: no space can follow
                # A teaser is rare: the earlier paragraphs are read for one only when it appears.
                for earlier in prose:
                    seen_prefixes.update(_prefixes(_normalise(earlier)))
                prose.clear()
                boiler = _is_teaser(line, seen_prefixes)
        if not boiler and not is_title:
            prose.append(line)
        spans.append(Span(start, end, line, boiler, is_title))
    return spans


def _normalise(line: str) -> str:
    return " ".join(line.casefold().split())


def _reads_like_prose(line: str) -> bool:
    """Prose ends a sentence and has a verb-ish length; list items are short headlines."""
    return len(line) > 160 or (line.rstrip().endswith((".", "!", "?", '"', "”")) and len(line) > 60)


def _prefixes(normalised: str) -> list[str]:
    """The openings a later teaser can repeat, so that checking one is a set lookup."""
    low, high = _TEASER_HEAD
    return [normalised[:n] for n in range(low, min(high, len(normalised)) + 1)]


def _is_teaser(line: str, seen_prefixes: set[str]) -> bool:
    """A line that ends in an ellipsis and repeats the opening of an earlier paragraph."""
    if not _TRUNCATED.search(line):
        return False
    head = _normalise(_TRUNCATED.sub("", line))[: _TEASER_HEAD[1]]
    return len(head) >= _TEASER_HEAD[0] and head in seen_prefixes


# Abbreviations after which a full stop does not end a sentence.
_NEVER_FINAL = frozenset({
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "gov", "sen", "rep", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "approx",
    "est", "fig", "vol", "op", "e.g", "i.e", "a.i",
})  # fmt: skip
_CORPORATE = frozenset({"inc", "corp", "co", "ltd", "plc", "llc", "bros", "cos"})
_SENTENCE_STARTERS = frozenset({
    "the", "a", "an", "it", "its", "this", "that", "these", "those", "in", "on", "at", "but",
    "and", "however", "according", "under", "terms", "financial", "shares", "he", "she", "they",
    "we", "his", "her", "their", "details", "neither", "both", "as", "after", "before", "while",
    "earlier", "later", "last", "meanwhile", "separately", "also", "still", "yet", "since", "for",
    "with",
})  # fmt: skip
# The look-behind and possessive runs keep this linear on long runs of dots or quotes. The
# pattern opens with the punctuation itself (the look-behind then checks the character before
# it), so the regex engine skips straight to candidate characters instead of trying every one.
# A sentence may also open with a camel-cased name ("xAI", "eBay", "iPhone").
_BOUNDARY = re.compile(
    r"[.!?…](?<![.!?…][.!?…])[.!?…]*+[\"'”’)\]]*+"
    r"(?=\s+(?:[\"'“‘(\[]?[A-Z0-9$€£]|[a-z]{1,2}[A-Z]))"
)
_CLOSING = ".!?…\"'”’)]"  # what may end a sentence: its punctuation and closing marks
_LAST_WORD = re.compile(r"[\w.]+$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘(]?([A-Za-z]+)")
_NUMBER_NEXT = re.compile(r"\s+\d")
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]?")


def sentences(text: str, span: Span) -> list[Span]:
    """Split one paragraph span into sentence spans (offsets into ``text``)."""
    out: list[Span] = []
    chunk = span.text
    begin = 0
    for m in _BOUNDARY.finditer(chunk) if _may_break(chunk) else ():
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
        start, end, body = span.start + begin + lead, span.start + len(chunk) - trail, piece.strip()
        if not out and (start, end, body) == (span.start, span.end, span.text):
            return [span]  # one sentence: the paragraph's own (immutable) span, not a copy
        out.append(Span(start, end, body, span.is_boilerplate, span.is_title))
    return out


def _may_break(chunk: str) -> bool:
    """Whether ``chunk`` can hold a sentence break: punctuation followed by whitespace, so
    punctuation before the run of closing marks that ends the chunk. (Four substring tests cost
    far less than the regex's scan, which tests every character against its set.)"""
    inner = chunk.rstrip(_CLOSING)
    return "." in inner or "!" in inner or "?" in inner or "…" in inner


def _is_sentence_end(chunk: str, dot: int, stop: int) -> bool:
    # Only the last few characters matter: an abbreviation is short (and slicing the whole
    # paragraph before every full stop would make long paragraphs quadratic).
    word_match = _LAST_WORD.search(chunk, max(0, dot - 40), dot)
    if not word_match:
        return True
    word = word_match.group().casefold().rstrip(".")
    if word in _NEVER_FINAL:
        return False
    if word == "no":
        return not _NUMBER_NEXT.match(chunk, stop)  # "No. 1 spot", but "said no. The deal"
    if word in _CORPORATE or _INITIALISM.fullmatch(word):
        # "Amazon.com Inc. said", "U.S. regulators"; but "in the U.S. The company said".
        following = _NEXT_WORD.match(chunk, stop)
        return following is not None and following.group(1).casefold() in _SENTENCE_STARTERS
    # an initial ("John D. Smith"), but not a possessive's s ("... and Barron's. The")
    possessive = chunk[word_match.start() - 1 : word_match.start()] in ("'", "’")
    return not (len(word) == 1 and word.isalpha() and not possessive)


def content_sentences(text: str, title: str | None = None) -> list[Span]:
    """All sentences of the article in order, boilerplate and title marked."""
    out: list[Span] = []
    for para in paragraphs(text, title):
        if _may_break(para.text):
            out.extend(sentences(text, para))
        else:
            out.append(para)  # a paragraph is stripped: with no break it is one sentence, itself
    return out


# A break opens with a semicolon, a comma or the first space before a dash. The pattern opens
# with that character (the look-behinds then tell which it was), so the regex engine skips to
# candidate characters instead of trying every one.
_CLAUSE_BREAK = re.compile(
    r"[;,\s](?:(?<=;)\s+|(?<=\s)(?<!\s\s)\s*+(?:[—–]|--)\s+|(?<=,)\s+(?=(?:while|whereas|hence|"
    r"but|although|though|which followed|after which|meanwhile|and separately|separately|"
    r"on top of)\b))"
)


def clauses(sentence: Span) -> list[Span]:
    """Split a sentence at clause boundaries that usually separate two different facts."""
    out: list[Span] = []
    begin = 0
    depth = 0
    scanned = 0
    cuts: list[tuple[int, int]] = []
    body = sentence.text
    for m in _CLAUSE_BREAK.finditer(body):
        # Bracket depth at the break, counted incrementally so many breaks stay linear.
        depth += body.count("(", scanned, m.start()) - body.count(")", scanned, m.start())
        scanned = m.start()
        if depth <= 0:
            cuts.append((m.start(), m.end()))
    for cut_start, cut_end in cuts:
        piece = sentence.text[begin:cut_start]
        if piece.strip():
            out.append(
                Span(
                    sentence.start + begin,
                    sentence.start + cut_start,
                    piece,
                    sentence.is_boilerplate,
                )
            )
        begin = cut_end
    if not cuts and not sentence.is_title:
        return [sentence]  # one clause: the sentence's own (immutable) span, not an equal copy
    piece = sentence.text[begin:]
    if piece.strip():
        out.append(Span(sentence.start + begin, sentence.end, piece, sentence.is_boilerplate))
    return out or [sentence]
