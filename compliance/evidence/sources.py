"""Source documents and the verification of quotes and locators against them.

A quote must be found verbatim in its document. The only tolerance is for what text conversion
does to a document: line wraps and whitespace, a word hyphenated across a line end, and
typographic quotes and dashes. Nothing looser: a changed word, letter case or punctuation mark
is a different quote. A locator (paragraph number or section heading) must then contain it.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u00ad": "",
    }
)
# Marks where a word was hyphenated across a line end: it reads as "-" or as nothing.
_SOFT_BREAK = "\x01"
_PARAGRAPH_START = re.compile(r"^\s*(?:[-\u2022]\s*)?(\d{1,4})\.\s+\S")
_HEADING_MAX = 200


def canonical(text: str) -> str:
    """Typographic quotes and dashes made plain, whitespace runs made single spaces."""
    return re.sub(r"\s+", " ", text.translate(_TYPOGRAPHIC)).strip()


def heading_key(text: str) -> str:
    return canonical(text.replace("**", "")).rstrip(":").strip()


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class Located:
    """Where a quote was found, in words a person can check."""

    line: int
    paragraph: int | None
    heading: str | None


@dataclass
class SourceText:
    path: Path
    text: str

    @classmethod
    def read(cls, path: Path) -> SourceText:
        return cls(path, path.read_text(encoding="utf-8"))

    # -- canonical text with a map back to the original offsets ------------------------------

    @cached_property
    def _canonical_map(self) -> tuple[str, array[int]]:
        """The canonical text, and for each of its characters the offset in the original."""
        chars: list[str] = []
        offsets = array("l")
        text = self.text.translate(_TYPOGRAPHIC)
        i, n = 0, len(text)
        while i < n:
            c = text[i]
            if c.isspace():
                j = i
                while j < n and text[j].isspace():
                    j += 1
                if chars and chars[-1] != " " and j < n:
                    chars.append(" ")
                    offsets.append(i)
                i = j
                continue
            if c == "-" and self._is_line_end_hyphen(text, i):
                chars.append(_SOFT_BREAK)
                offsets.append(i)
                i += 1
                while i < n and text[i].isspace():
                    i += 1
                continue
            chars.append(c)
            offsets.append(i)
            i += 1
        return "".join(chars), offsets

    @staticmethod
    def _is_line_end_hyphen(text: str, i: int) -> bool:
        if i == 0 or not text[i - 1].isalpha():
            return False
        j = i + 1
        while j < len(text) and text[j] in " \t\r":
            j += 1
        if j >= len(text) or text[j] != "\n":
            return False
        while j < len(text) and text[j].isspace():
            j += 1
        return j < len(text) and text[j].isalpha()

    def find(self, quote: str) -> list[Span]:
        """Every place the quote stands in the document, as spans of the original text."""
        canon, offsets = self._canonical_map
        spans = []
        for match in _quote_pattern(canonical(quote)).finditer(canon):
            start = offsets[match.start()]
            end = offsets[match.end() - 1] + 1
            spans.append(Span(start, end))
        return spans

    def closest(self, quote: str) -> tuple[int, str]:
        """The line where the longest prefix of the quote is found, and the text that differs."""
        quote = canonical(quote)
        low, high, best = 1, len(quote), (0, None)
        while low <= high:
            mid = (low + high) // 2
            match = _quote_pattern(quote[:mid]).search(self._canonical_map[0])
            if match:
                best = (mid, match)
                low = mid + 1
            else:
                high = mid - 1
        length, match = best
        if match is None:
            return 0, quote[:40]
        return self.line_at(self._canonical_map[1][match.start()]), quote[length : length + 40]

    # -- lines, paragraphs and headings ------------------------------------------------------

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self.text)]

    def line_at(self, offset: int) -> int:
        return bisect_right(self._line_starts, offset)

    @cached_property
    def _structure(self) -> list[tuple[int, str, int | str]]:
        """(offset, kind, key) for every paragraph start and heading, in document order."""
        marks: list[tuple[int, str, int | str]] = []
        lines = [line.strip() for line in self.text.split("\n")]
        for i, (start, line) in enumerate(zip(self._line_starts, lines, strict=True)):
            # A heading stands alone: a blank line (or the edge of the text) on each side.
            alone = (i == 0 or not lines[i - 1]) and (i + 1 == len(lines) or not lines[i + 1])
            if alone and _is_heading(line):
                marks.append((start, "heading", heading_key(line)))
            else:
                match = _PARAGRAPH_START.match(line)
                if match:
                    marks.append((start, "paragraph", int(match.group(1))))
        return marks

    def _spans(self, kind: str, key: int | str) -> list[Span]:
        marks = self._structure
        spans = []
        for i, (start, mark_kind, mark_key) in enumerate(marks):
            if mark_kind == kind and mark_key == key:
                # A paragraph ends at the next mark of any kind; a section at the next heading.
                ends = (m[0] for m in marks[i + 1 :] if kind == "paragraph" or m[1] == "heading")
                spans.append(Span(start, next(ends, len(self.text))))
        return spans

    def paragraph(self, number: int) -> list[Span]:
        return self._spans("paragraph", number)

    def section(self, heading: str) -> list[Span]:
        return self._spans("heading", heading_key(heading))

    def locate(self, span: Span) -> Located:
        """The line, numbered paragraph and nearest heading at which a span starts."""
        paragraph = heading = None
        for start, kind, key in self._structure:
            if start > span.start:
                break
            if kind == "heading":
                heading, paragraph = str(key), None
            else:
                paragraph = int(key)
        return Located(self.line_at(span.start), paragraph, heading)


def _is_heading(line: str) -> bool:
    if not line or len(line) > _HEADING_MAX or line.isdigit():
        return False
    if line[0] in "-\u2022" or (line[0] == "*" and not line.startswith("**")):
        return False
    return line[-1] not in ".,;!" and any(c.isalpha() for c in line)


def _quote_pattern(quote: str) -> re.Pattern[str]:
    parts = []
    for c in quote:
        if c == "-":
            parts.append(f"(?:-|{_SOFT_BREAK})")
        elif c.isalpha():
            parts.append(re.escape(c) + f"{_SOFT_BREAK}?")
        else:
            parts.append(re.escape(c))
    return re.compile("".join(parts))
