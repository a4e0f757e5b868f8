"""A document cut into sentences, each with its span in the document and its text to quote.

A block is a run of lines that reads as one: a line ends its block where it ends a sentence
(., !, ?, :, ;), is short (a heading, a table cell), or is followed by a blank line, a numbered
paragraph or a list item; markup left in a converted text (`<p>`) ends a block too. A block is
cut into sentences after ., ! or ? followed by a space and a capital, a digit or a quote, but
not after a few abbreviations. The quote is the sentence as the document has it, line wraps
made spaces and a word hyphenated across a line end joined with its hyphen (which the quote
check accepts), so every quote a draft proposes verifies as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from compliance.evidence.model import MIN_QUOTE_WORDS
from compliance.evidence.sources import Located, SourceText, Span

# A line shorter than this that does not end a sentence is a heading or a cell of a table.
_SHORT_LINE = 45
_ENDS_SENTENCE = re.compile(r"[.!?:;][\"'\u2019\u201d)]*\s*$")
_STARTS_BLOCK = re.compile(r"^\s*(?:\d{1,4}\.\s|[-\u2022*]\s)")
_MARKUP = re.compile(r"</?[a-zA-Z][^<>]{0,40}>")
_BREAK = re.compile(r"(?<=[.!?])[\"'\u2019\u201d)]*\s+(?=[\"'\u2018\u201c(]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"(?:\b(?:e\.g|i\.e|etc|Mr|Mrs|Ms|Dr|No|St|vs|cf)\.|\b[A-Z]\.)$")
# Matched at a block's start (`match` with a position: no `^`, which would not match there).
_LEAD = re.compile(r"\s*(?:\d{1,4}\.\s+|[-\u2022*]\s+)")
_HYPHENATED = re.compile(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=[^\W\d_])")
# A sentence longer than this is a table or a run of text without stops: not a quote to read.
MAX_SENTENCE = 1200


@dataclass(frozen=True)
class Sentence:
    """One sentence: where it stands (`span`, `located`) and its text to quote."""

    span: Span
    quote: str
    located: Located


def sentences(document: SourceText) -> list[Sentence]:
    """The document's sentences of at least `MIN_QUOTE_WORDS` words, in document order."""
    spans = []
    for start, end in _blocks(document.text):
        for s, e in _cut(document.text, start, end):
            quote = _quote(document.text[s:e])
            if len(quote.split()) >= MIN_QUOTE_WORDS and len(quote) <= MAX_SENTENCE:
                spans.append((Span(s, e), quote))
    located = _located(document, [span for span, _quote in spans])
    return [Sentence(span, quote, at) for (span, quote), at in zip(spans, located, strict=True)]


def _located(document: SourceText, spans: list[Span]) -> list[Located]:
    """`document.locate` for each span, in one sweep: `locate` walks the document's marks from
    its start for each span, which for the sentences of a long document would cost their
    product (an 8 MB text has some 80,000 sentences and 50,000 marks). The same rule: the
    nearest heading above, and the numbered paragraph since it; the page the span starts on.
    (`SourceText` keeps its marks in `_structure`; this reads them, and changes nothing.)"""
    marks = document._structure
    pages = document.pages or []
    found, k, p = [], 0, 0
    heading: str | None = None
    paragraph: int | None = None
    for span in spans:
        while k < len(marks) and marks[k][0] <= span.start:
            _start, kind, key = marks[k]
            if kind == "heading":
                heading, paragraph = str(key), None
            else:
                paragraph = int(key)
            k += 1
        while p + 1 < len(pages) and pages[p + 1].start <= span.start:
            p += 1
        page = pages[p] if pages else None
        found.append(Located(document.line_at(span.start), paragraph, heading, page))
    return found


def _blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each block, markup cut out."""
    blocks: list[tuple[int, int]] = []
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]*", text)]
    start: int | None = None
    for i, (offset, line) in enumerate(lines):
        if not line.strip():
            if start is not None:
                blocks.append((start, offset))
                start = None
            continue
        if start is not None and _STARTS_BLOCK.match(line):
            blocks.append((start, offset))
            start = None
        if start is None:
            start = offset
        after = lines[i + 1][1] if i + 1 < len(lines) else ""
        stripped = line.strip()
        if (
            _ENDS_SENTENCE.search(stripped)
            or len(stripped) < _SHORT_LINE
            or not after.strip()
            or _STARTS_BLOCK.match(after)
        ):
            blocks.append((start, offset + len(line)))
            start = None
    if start is not None:
        blocks.append((start, len(text)))
    pieces = []
    for start, end in blocks:
        at = start
        for m in _MARKUP.finditer(text, start, end):
            pieces.append((at, m.start()))
            at = m.end()
        pieces.append((at, end))
    return [(s, e) for s, e in pieces if text[s:e].strip()]


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of one block, as (start, end), leading numbers and bullets left out."""
    lead = _LEAD.match(text, start, end)
    at = lead.end() if lead else start
    cuts = []
    for m in _BREAK.finditer(text, at, end):
        if _ABBREVIATION.search(text, max(at, m.start() - 6), m.start()):
            continue
        cuts.append((at, m.start()))
        at = m.end()
    cuts.append((at, end))
    spans = []
    for first, last in cuts:
        s, e = first, last
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def _quote(text: str) -> str:
    return " ".join(_HYPHENATED.sub("-", text).split())
