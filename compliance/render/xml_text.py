"""Text made safe for XML 1.0, for the formats written as XML (JUnit).

XML 1.0 cannot hold most control characters at all, escaped or not: a parser refuses the whole
document. `for_terminal` already writes every control, format and separator character, and
every lone surrogate, as a visible escape; the two noncharacters XML also forbids (U+FFFE,
U+FFFF) are written the same way here. ElementTree escapes `&`, `<`, `>` and quotes itself.
"""

from __future__ import annotations

import re

from compliance.reading.inert import for_terminal

_NONCHARACTERS = re.compile("[\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` with nothing XML 1.0 forbids and nothing a reader's screen would act on."""
    return _NONCHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", for_terminal(text))
