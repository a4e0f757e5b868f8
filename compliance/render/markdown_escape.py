"""Text from input made literal in GitHub-flavoured Markdown, wherever the Markdown quotes it.

A quote, a board's name or a reason may hold anything: `**`, `[a](javascript:...)`, `<script>`,
`|` (which would end a table cell), a backtick, `$` (GitHub renders `$...$` as mathematics),
`http://`, `www.` or an e-mail address (autolinked), a line break (which would end a table row
or a heading), terminal escapes and bidi overrides. Control and format characters are first written as
escapes (`compliance.reading.inert`); then `& < >` become HTML entities, and every other character
Markdown acts on is backslash-escaped (CommonMark makes any escaped ASCII punctuation literal).
Nothing the input holds starts a line: the renderer writes each line's start itself.
"""

from __future__ import annotations

import re

from compliance.reading.inert import for_terminal

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Emphasis, code, links and images, tables, strikethrough, headings, maths, autolinks (the
# ':' of 'http:', the '.' of 'www.'), mentions, HTML, and the backslash itself. Parentheses
# need no escape once no '[' can open a link; a full stop, only after 'www'.
_ACTIVE = re.compile(r"[\\`*_\[\]|~!#:@$&<>]|(?<=www)\.", re.IGNORECASE)


# GitHub links an e-mail address however its characters are escaped (its autolinker reads the
# text after escapes are undone), so an empty HTML comment stands before every '@': it splits
# the text, and a reader (or GitHub's sanitiser, which drops comments) sees nothing of it. Input
# can never make a comment itself: its '<' is always an entity.
_UNLINKED_AT = "<!---->\\@"


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char == "@":
        return _UNLINKED_AT
    return _ENTITIES.get(char) or "\\" + char


def inline(text: str) -> str:
    """One line of literal text: line breaks become spaces."""
    return _ACTIVE.sub(_escape, for_terminal(" ".join(text.split()), keep_newlines=False))


def cell(text: str) -> str:
    """A table cell of literal text: its own line breaks kept as <br>, never ending the row."""
    lines = for_terminal(text).split("\n")
    return "<br>".join(inline(line) for line in lines if line.strip()) or " "
