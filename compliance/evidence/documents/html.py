"""The text of an HTML page saved from the web, with its headings (h1 to h6).

Read with lxml's HTML parser (libxml2; lxml comes with python-docx). The standard library's
`html.parser` was as faithful on pages made from the bundled reports, but not linear on hostile
ones: on CPython 3.12.1, 64, 128 and 256 KB of "<a" repeated took 3, 14 and 69 s; lxml reads
8 MB of it in 0.02 s, and 8 MB of any of ten such patterns in at most 1.2 s. libxml2 never
fetches anything here (no network, no entities from outside) and nests at most 256 deep.

Each block (a paragraph, a heading, a list item, a table row ...) is a paragraph of the text,
a blank line between two; whitespace inside a block is collapsed as a browser shows it, and a
`<br>` is a line break. What a page does not show (scripts, styles, templates, the head) is
not text, nor are comments.
"""

from __future__ import annotations

from compliance.evidence.documents import MAX_TEXT, Document, DocumentProblem, too_much_text

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = _HEADINGS | frozenset(
    {
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "section", "article",
        "main", "nav", "header", "footer", "aside", "blockquote", "pre", "figure",
        "figcaption", "address", "hr", "body", "caption", "form", "fieldset", "details",
        "summary",
    }
)  # fmt: skip
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "svg", "title"})
# A page saved from the web has some thousands of elements; past this many it is refused
# rather than walked (2.8 million empty paragraphs in 8 MB would take seconds).
MAX_ELEMENTS = 200_000


class _Blocks:
    def __init__(self) -> None:
        self.blocks: list[tuple[bool, str]] = []  # (is a heading, text)
        self.words: list[str] = []
        self.size = 0
        self.heading = 0

    def add(self, data: str | None) -> None:
        if not data:
            return
        self.size += len(data)
        if self.size > MAX_TEXT:
            raise too_much_text()
        self.words.append(data)

    def end_block(self) -> None:
        lines = "".join(self.words).split("\n")
        text = "\n".join(" ".join(line.split()) for line in lines).strip()
        self.words = []
        if text:
            self.blocks.append((self.heading > 0, text))


def extract(page: str) -> Document:
    """The page's text, a blank line between blocks, and where each heading stands."""
    from lxml import etree

    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
    )
    try:
        root = etree.fromstring(page.encode("utf-8"), parser)
    except (etree.Error, ValueError) as exc:
        raise DocumentProblem(f"is not a readable HTML page ({type(exc).__name__})") from None
    blocks = _Blocks()
    if root is not None:
        _walk(etree.iterwalk(root, events=("start", "end")), blocks)
    blocks.end_block()
    parts, headings, at = [], [], 0
    for is_heading, text in blocks.blocks:
        if is_heading:
            headings.append((at, " ".join(text.split())))
        parts.append(text)
        at += len(text) + 2
    return Document("\n\n".join(parts), headings=headings)


def _walk(events: object, blocks: _Blocks) -> None:
    """The text of every element not hidden, in document order, without recursion."""
    hidden = elements = 0
    for event, element in events:  # type: ignore[attr-defined]
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            elements += 1
            if elements > MAX_ELEMENTS:
                raise DocumentProblem(
                    f"has more than {MAX_ELEMENTS:,} elements; no page saved from the web has "
                    "so many"
                )
            if tag in _HIDDEN:
                hidden += 1
            elif not hidden:
                if tag == "br":
                    blocks.add("\n")
                elif tag in _BLOCKS:
                    blocks.end_block()
                    blocks.heading += tag in _HEADINGS
                blocks.add(element.text)
            continue
        if tag in _HIDDEN:
            hidden -= 1
        elif not hidden and tag in _BLOCKS:
            blocks.end_block()
            blocks.heading -= tag in _HEADINGS
        if not hidden:
            blocks.add(element.tail)
