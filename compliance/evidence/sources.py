"""Source documents and the verification of quotes and locators against them.

A quote must be found verbatim in its document. The only tolerance is for what text conversion
does to a document: line wraps and whitespace, a word hyphenated across a line end (read as "-"
or as nothing), and typographic quotes and dashes. Nothing looser: a changed word, letter case
or punctuation mark is a different quote, and a hyphen inside a line must be quoted as it is.

The search is linear in the document and the quote, whatever either holds. Both are reduced to
a projection without whitespace runs and without the hyphens between two letters, where a quote
is an exact substring (found by `str.find`, which is linear in CPython); each place it is found
is then checked hyphen by hyphen: a hyphen inside a line must be quoted, and a quoted hyphen
must stand at a hyphen or a line-end hyphenation. Checking costs at most a fixed multiple of the
document and the quote; a document built to repeat a quote's letters past that is refused.

Linear for each quote is not enough for a file of thousands of them: all the quotes of one
evidence file together may read at most a fixed multiple of its documents (`Reading`), and a
document with more places to drop than any real one is refused as it is read (`MAX_DROPPED`).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import chain
from pathlib import Path

from compliance.evidence.documents import Document, kind_of
from compliance.evidence.documents.read import extract
from compliance.reading.errors import InputError
from compliance.reading.files import MAX_SOURCE_BYTES, read_text
from compliance.reading.inert import excerpt

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
    }
)
_LETTER = r"[^\W\d_]"
# What the projection drops: soft hyphens, a hyphen between letters (inside a line, or at a
# line end with the break after it), and every whitespace character after the first of a run.
# Each branch starts with the character it drops and looks behind only after it, so the
# scanner skips by a set of first characters (measured: 2.3x faster on the bundled reports).
_DROPPED = re.compile(
    "\u00ad"
    rf"|(?P<soft>-(?<={_LETTER}-)[ \t\r]*\n\s*(?={_LETTER}))"
    rf"|(?P<hard>-(?<={_LETTER}-)(?={_LETTER}))"
    r"|\s(?<=\s\s)\s*"
)
_WHITESPACE = re.compile(r"\s")
_RUN = re.compile(r"\s\s")
_LINE = re.compile("^.*$", re.MULTILINE)
_PARAGRAPH_START = re.compile(r"^\s*(?:[-\u2022]\s*)?(\d{1,4})\.\s+\S")
_HEADING_MAX = 200
# Checking the places a quote's projection is found may cost this many times the length of the
# document and the quote; only a document made to repeat one passage comes near it.
_CHECK_BUDGET = 8


# What one evidence file's quotes may read of their documents, in characters: this many times
# each document, and this much besides. Each quote is searched for within its locator first, so
# a file of sound quotes reads little; the rest pays for telling a wrong locator from a wrong
# quote, and for showing where a wrong quote parts from the document (a few dozen searches of
# the whole document). A thousand such mistakes against an 8 MB document would take minutes.
_READS_PER_DOCUMENT = 16
_READING_FLOOR = 1 << 28


class ReadTooMuch(Exception):
    """The file's quotes have read their documents as often as one file's may."""


class Reading:
    """What one evidence file's quotes may still read: linear in the file and its documents,
    however many quotes it holds."""

    def __init__(self) -> None:
        self.left = _READING_FLOOR

    def allow(self, document: SourceText) -> None:
        self.left += _READS_PER_DOCUMENT * len(document.text)

    def charge(self, characters: int) -> None:
        self.left -= characters
        if self.left < 0:
            raise ReadTooMuch


# A document reduced to its projection place by place: a long report has some tens of
# thousands of line breaks and hyphens to drop, a text of 'a-' repeated millions. Past this
# many (about 0.3 s of work) a document is refused rather than read for seconds.
MAX_DROPPED = 500_000


class TooIrregular(Exception):
    """The text has more hyphens between letters and runs of whitespace than any document."""


class QuoteTooCommon(Exception):
    """The document repeats the quote's letters too often to check every place in bounded time."""


def canonical(text: str) -> str:
    """Typographic quotes and dashes made plain, whitespace runs made single spaces."""
    return re.sub(r"\s+", " ", text.translate(_TYPOGRAPHIC)).strip()


def heading_key(text: str) -> str:
    return canonical(text.replace("**", "")).rstrip(":").strip()


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Page:
    """A page of a paged document (a PDF): where its text starts, its number as counted from
    the first page (1-based), and its number as printed (its page label)."""

    start: int
    counted: int
    printed: str


@dataclass(frozen=True)
class Located:
    """Where a quote was found, in words a person can check."""

    line: int
    paragraph: int | None
    heading: str | None
    page: Page | None = None

    def words(self) -> str:
        """ "page 4, paragraph 12", "section 'Summary'", "line 3": the narrowest locator known."""
        if self.paragraph is not None:
            where = f"paragraph {self.paragraph}"
        elif self.heading is not None:
            where = f"section {excerpt(self.heading)}"
        else:
            where = f"line {self.line}"
        return where if self.page is None else f"page {_page_words(self.page)}, {where}"


class _Projection:
    """Text without whitespace runs and in-word hyphens, mapped back to the original offsets.

    `hard` and `soft` hold the projected positions where a hyphen inside a line, or a hyphen
    at a line end, was dropped before that character.
    """

    def __init__(self, text: str, most: int | None = None) -> None:
        """`most`: how many places may be dropped before the text is refused (TooIrregular)."""
        text = text.translate(_TYPOGRAPHIC)
        # Offsets fit 32 bits (documents are at most 8 MB); a document of 4 million hyphens
        # between letters keeps three arrays of 16 MB, not sets and lists of Python objects.
        self.starts, self.origins = array("i"), array("i")
        self.hard, self.soft = array("i"), array("i")
        if "-" not in text and "\u00ad" not in text and not _RUN.search(text):
            # Nothing to drop (most quotes): the text itself, each whitespace made a space.
            self.starts.append(0)
            self.origins.append(0)
            self.text = _WHITESPACE.sub(" ", text)
            return
        kept = done = 0
        pieces = []
        for dropped, match in enumerate(_DROPPED.finditer(text)):
            if most is not None and dropped >= most:
                raise TooIrregular
            if match.start() > done:
                self.starts.append(kept)
                self.origins.append(done)
                kept += match.start() - done
                pieces.append(text[done : match.start()])
            if match.lastgroup == "soft":
                self.soft.append(kept)
            elif match.lastgroup == "hard":
                self.hard.append(kept)
            done = match.end()
        if done < len(text):
            self.starts.append(kept)
            self.origins.append(done)
            pieces.append(text[done:])
        self.text = _WHITESPACE.sub(" ", "".join(pieces))

    def original(self, index: int) -> int:
        """The original offset of the projected character at `index`."""
        k = bisect_right(self.starts, index) - 1
        return self.origins[k] + index - self.starts[k]

    def projected(self, offset: int) -> int:
        """The projected index of the first character kept at or after original `offset`."""
        k = bisect_right(self.origins, offset) - 1
        if k < 0:
            return 0
        end = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.text)
        return min(self.starts[k] + offset - self.origins[k], end)

    def search(
        self, quote: _Projection, start: int, end: int, budget: list[int], reading: Reading
    ) -> int:
        """The first projected index in [start, end) where the quote stands, hyphens and all."""
        needle, hyphens = quote.text, frozenset(quote.hard) | frozenset(quote.soft)
        at = self.text.find(needle, start, end)
        reading.charge((end if at < 0 else at + len(needle)) - start)
        while at >= 0:
            budget[0] -= len(needle) + len(hyphens) + 1
            if budget[0] < 0:
                raise QuoteTooCommon
            if self._hyphens_agree(at, len(needle), hyphens):
                return at
            after = at + 1
            at = self.text.find(needle, after, end)
            reading.charge((end if at < 0 else at + len(needle)) - after)
        return -1

    def _hyphens_agree(self, at: int, length: int, quoted: frozenset[int]) -> bool:
        """Every hyphen inside a line is quoted, and every quoted hyphen stands at one."""
        low, high = bisect_right(self.hard, at), bisect_left(self.hard, at + length)
        if high - low > len(quoted):
            return False
        if any(self.hard[i] - at not in quoted for i in range(low, high)):
            return False
        return all(_holds(self.hard, at + j) or _holds(self.soft, at + j) for j in quoted)


def _holds(ordered: array, value: int) -> bool:
    k = bisect_left(ordered, value)
    return k < len(ordered) and ordered[k] == value


def _page_words(page: Page) -> str:
    if page.printed == str(page.counted):
        return page.printed
    return f"{page.printed} (page {page.counted} as counted)"


@dataclass
class SourceText:
    """A document's text, and its structure where its format gives one: its pages (a PDF)
    and its headings (an HTML page, a Word document); otherwise headings are guessed from the
    text (a line alone between blank lines). Numbered paragraphs are "N." at a line's start."""

    path: Path
    text: str
    pages: list[Page] | None = None
    headings: list[tuple[int, str]] | None = None  # (offset, heading) in document order
    _projection: _Projection = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._projection = _Projection(self.text, MAX_DROPPED)

    @classmethod
    def read(cls, path: Path) -> SourceText:
        """The document, projected for searching as it is made: a text no document resembles
        is refused as it is read, with its path. A PDF, an HTML page or a Word document is
        read as its format says (`documents`); a `DocumentProblem` says why it cannot be."""
        try:
            kind = kind_of(path)
            if kind == "text":
                return cls(path, read_text(path, MAX_SOURCE_BYTES, "a source document"))
            return cls.of(path, extract(path, kind))
        except TooIrregular:
            message = (
                f"has more than {MAX_DROPPED:,} hyphens between letters and runs of spaces "
                "and line breaks; no document converted to text has so many: check the file"
            )
            raise InputError.at(path, None, message) from None

    @classmethod
    def of(cls, path: Path, document: Document) -> SourceText:
        pages = None
        if document.pages is not None:
            pages = [Page(p.start, i, p.printed) for i, p in enumerate(document.pages, 1)]
        return cls(path, document.text, pages, document.headings)

    # -- finding quotes ----------------------------------------------------------------------

    def _budget(self, quote: _Projection) -> list[int]:
        return [_CHECK_BUDGET * (len(self._projection.text) + len(quote.text)) + 1000]

    def first(self, quote: str, reading: Reading) -> Span | None:
        """The first place the quote stands in the document, as a span of the original text."""
        projection, needle = self._projection, _needle(quote)
        if not needle.text.strip():
            return None
        at = projection.search(needle, 0, len(projection.text), self._budget(needle), reading)
        if at < 0:
            return None
        end = projection.original(at + len(needle.text) - 1) + 1
        return Span(projection.original(at), end)

    def within(self, quote: str, areas: list[Span], reading: Reading) -> bool:
        """Whether the quote stands wholly inside one of `areas` (spans of the original)."""
        projection, needle = self._projection, _needle(quote)
        budget = self._budget(needle)
        for area in areas:
            start, end = projection.projected(area.start), projection.projected(area.end)
            if (
                end - start >= len(needle.text)
                and projection.search(needle, start, end, budget, reading) >= 0
            ):
                return True
        return False

    def closest(self, quote: str, reading: Reading) -> tuple[int | None, str]:
        """Where the longest prefix of the quote ends in the document (an offset of the
        original), and the text of the quote that differs from there."""
        text, needle = self._projection.text, _needle(quote).text
        low, high, best = 1, len(needle), (0, -1)
        while low <= high:
            mid = (low + high) // 2
            at = text.find(needle[:mid])
            reading.charge(len(text) if at < 0 else at + mid)
            if at >= 0:
                best = (mid, at)
                low = mid + 1
            else:
                high = mid - 1
        length, at = best
        if at < 0:
            return None, needle[:40]
        return self._projection.original(at + length - 1), needle[length : length + 40]

    def places(self, quote: str, reading: Reading, most: int) -> list[Span]:
        """The places the quote stands in the document, the first `most` + 1 of them at most
        (enough to tell one from several and to name a few)."""
        projection, needle = self._projection, _needle(quote)
        if not needle.text.strip():
            return []
        budget, found, at = self._budget(needle), [], 0
        while len(found) <= most:
            at = projection.search(needle, at, len(projection.text), budget, reading)
            if at < 0:
                break
            end = projection.original(at + len(needle.text) - 1) + 1
            found.append(Span(projection.original(at), end))
            at += 1
        return found

    def starts_within(self, quote: str, areas: list[Span], reading: Reading) -> bool:
        """Whether the quote stands somewhere starting inside one of `areas`."""
        projection, needle = self._projection, _needle(quote)
        budget = self._budget(needle)
        for area in areas:
            start, end = projection.projected(area.start), projection.projected(area.end)
            at = projection.search(needle, start, len(projection.text), budget, reading)
            if 0 <= at < max(end, start + 1):
                return True
        return False

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
        if self.headings is not None:
            marks = [(start, "heading", heading_key(text)) for start, text in self.headings]
            for m in _LINE.finditer(self.text):
                match = _PARAGRAPH_START.match(m.group())
                if match:
                    marks.append((m.start(), "paragraph", int(match.group(1))))
            return sorted(marks, key=lambda mark: mark[0])
        lines = ((m.start(), m.group().strip()) for m in _LINE.finditer(self.text))
        before, (start, line) = "", next(lines)
        for after_start, after in chain(lines, [(len(self.text), "")]):
            # A heading stands alone: a blank line (or the edge of the text) on each side.
            if not before and not after and _is_heading(line):
                marks.append((start, "heading", heading_key(line)))
            else:
                match = _PARAGRAPH_START.match(line)
                if match:
                    marks.append((start, "paragraph", int(match.group(1))))
            before, start, line = line, after_start, after
        return marks

    @cached_property
    def _marks_by_key(self) -> dict[tuple[str, int | str], list[int]]:
        found: dict[tuple[str, int | str], list[int]] = {}
        for i, (_, kind, key) in enumerate(self._structure):
            found.setdefault((kind, key), []).append(i)
        return found

    @cached_property
    def _next_heading(self) -> list[int]:
        """For each mark, the offset where the section it is in ends: the next heading."""
        ends, end = [], len(self.text)
        for start, kind, _ in reversed(self._structure):
            ends.append(end)
            if kind == "heading":
                end = start
        return ends[::-1]

    def _spans(self, kind: str, key: int | str) -> list[Span]:
        marks = self._structure
        spans = []
        for i in self._marks_by_key.get((kind, key), []):
            # A paragraph ends at the next mark of any kind; a section at the next heading.
            if kind == "paragraph":
                end = marks[i + 1][0] if i + 1 < len(marks) else len(self.text)
            else:
                end = self._next_heading[i]
            spans.append(Span(marks[i][0], end))
        return spans

    def paragraph(self, number: int) -> list[Span]:
        return self._spans("paragraph", number)

    def section(self, heading: str) -> list[Span]:
        return self._spans("heading", heading_key(heading))

    def line(self, number: int) -> list[Span]:
        starts = self._line_starts
        if number > len(starts):
            return []
        end = starts[number] - 1 if number < len(starts) else len(self.text)
        return [Span(starts[number - 1], end)]

    def page(self, page: int | str) -> list[Span]:
        """The page counted (an int) or printed (a string) so, or none; [] for no pages."""
        pages = self.pages or []
        for i, each in enumerate(pages):
            if (each.counted == page) if isinstance(page, int) else (each.printed == page):
                end = pages[i + 1].start if i + 1 < len(pages) else len(self.text)
                return [Span(each.start, end)]
        return []

    def page_at(self, offset: int) -> Page | None:
        if not self.pages:
            return None
        k = bisect_right([page.start for page in self.pages], offset) - 1
        return self.pages[max(k, 0)]

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
        return Located(self.line_at(span.start), paragraph, heading, self.page_at(span.start))


# A quote is searched for within its locator, then (if not there) in its whole document and
# for where it parts from it: projected once for every search.
@lru_cache(maxsize=4)
def _needle(quote: str) -> _Projection:
    return _Projection(quote.strip())


def _is_heading(line: str) -> bool:
    if not line or len(line) > _HEADING_MAX or line.isdigit():
        return False
    if line[0] in "-\u2022" or (line[0] == "*" and not line.startswith("**")):
        return False
    return line[-1] not in ".,;!" and any(c.isalpha() for c in line)
