"""Evidence files written out by the tests that build their own: one header, so a change to
the evidence format is made in one place."""

from __future__ import annotations


def header(
    file: str,
    *,
    publisher: str = "A peer team",
    kind: str = "peer-review",
    published: str = "2015-03-13",
    title: str = "Test fixture",
) -> str:
    """An evidence file up to `facts:`: a test board on 13 March 2015 and one source, `doc`."""
    return f"""assessment:
  board: Test Board
  area: Test Area
  date: 2015-03-13
  date_basis: The date of the letter.
  kind: peer-review
  title: {title}
sources:
  doc:
    file: {file}
    title: A report
    publisher: {publisher}
    kind: {kind}
    published: {published}
facts:
"""


# The start of one statement whose citations follow.
LAY_MEMBERS = "  lay_members_appointed:\n    value: 2\n    citations:\n"
