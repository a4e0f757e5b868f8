"""Where a document speaks of the board: the part a sentence about the board is likeliest in.

A combined Ofsted report has a part on the local authority and a part on the board; a peer
review's letter is all about the board. A heading naming the board opens its part, and a
heading naming the local authority (and not the board) closes it. A candidate inside the part
ranks above an equal one outside it: the rule is simple enough to say beside each candidate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

BOARD_HEADING = re.compile(
    r"safeguarding\s+children\s+board|\bLSCB\b|\b[A-Z]SCB\b|\bthe\s+board\b", re.IGNORECASE
)
AUTHORITY_HEADING = re.compile(r"\blocal\s+authority\b|\bthe\s+council\b", re.IGNORECASE)
# What being inside the board's part adds to a candidate's score.
BOARD_BONUS = 1.0


def in_board_part(headings: Sequence[str | None]) -> list[bool]:
    """For each sentence of one document, in order, given the heading it stands under: whether
    it is inside a part on the board."""
    inside, flags, last = False, [], None
    for heading in headings:
        if heading is not None and heading != last:
            if BOARD_HEADING.search(heading):
                inside = True
            elif AUTHORITY_HEADING.search(heading):
                inside = False
            last = heading
        flags.append(inside)
    return flags
