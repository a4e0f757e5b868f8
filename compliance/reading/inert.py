"""Making text from input harmless to print, wherever it is printed.

Evidence, source documents and rule files come from repositories anyone can change. A quote or
a board's name may hold terminal control sequences (which can rewrite what a CI log shows),
bidirectional-text overrides (which reorder what a reader sees), line separators (which split a
one-line error into two) or lone surrogates (which cannot be printed at all). Every output
passes through here, so such characters are shown as escapes, never acted on.

HTML, Markdown and XML escaping belong to the formats that need them; shell metacharacters need
none, since nothing we print is ever run.
"""

from __future__ import annotations

import re

# Control (Cc), format (Cf), surrogate (Cs) and line/paragraph separator (Zl, Zp) characters,
# as of Unicode 15; tests/test_inert.py checks this against `unicodedata` for every code point.
_UNSAFE = re.compile(
    "["
    "\x00-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
    "]"
)
# The same but the newline: a text's own line breaks, and JSON's (json.dumps escapes those
# inside strings).
_UNSAFE_BUT_NEWLINE = re.compile(_UNSAFE.pattern.replace("\x00-\x1f", "\x00-\x09\x0b-\x1f"))


def _escape(char: str) -> str:
    code = ord(char)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


def _plainly_safe(text: str, *, newlines_allowed: bool = True) -> bool:
    """Whether `text` holds nothing to escape (newlines aside, where they are kept), told
    cheaply.

    Every unsafe character is one `str.isprintable` rejects (tests/test_inert.py checks each
    code point), and that test runs at memory speed: a whole table of box drawing is cleared
    at a sixth of the regular expression's cost. Text it rejects (a no-break space, say) is
    left to the expression."""
    return (text.replace("\n", " ") if newlines_allowed else text).isprintable()


def for_terminal(text: str, *, keep_newlines: bool = True) -> str:
    """`text` with every unsafe character written as an escape (newlines kept if asked)."""
    if _plainly_safe(text, newlines_allowed=keep_newlines):
        return text
    unsafe = _UNSAFE_BUT_NEWLINE if keep_newlines else _UNSAFE
    return unsafe.sub(lambda m: _escape(m.group()), text)


def for_json(document: str) -> str:
    """JSON text with unsafe characters as \\u escapes: the same data, nothing raw to act on.

    `json.dumps` already escapes C0 controls; this covers the rest it leaves raw when writing
    UTF-8. Outside strings JSON is plain ASCII, so every such character is inside a string.
    """
    if _plainly_safe(document):
        return document
    return _UNSAFE_BUT_NEWLINE.sub(lambda m: _json_escape(m.group()), document)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def clip(text: str, limit: int) -> str:
    """At most `limit` characters of `text`, made safe, with '…' where it was cut."""
    cut = text if len(text) <= limit else text[:limit] + "\u2026"
    return for_terminal(cut, keep_newlines=False)


def excerpt(value: object, limit: int = 60) -> str:
    """A short, safe, quoted excerpt of an offending value, for an error message."""
    return f"'{clip(str(value), limit)}'"
