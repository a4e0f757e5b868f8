"""`lscb rules`: the rulebook's requirements, their windows and legal bases, on a date or all."""

from __future__ import annotations

from tabulate import tabulate

from compliance.render.text import rulebook_line
from compliance.result import RulebookListing

SHARES = (2, 3, 2, 4)  # of the width left after borders, for each column
GRID = 13


def render(listing: RulebookListing, width: int) -> str:
    rows = []
    for rule in listing.rules:
        window = f"{rule.status}; {rule.window}" if rule.status else rule.window
        if rule.caveats:
            window += "\n" + "\n".join(rule.caveats)
        rows.append((rule.requirement, rule.title, window, "\n".join(rule.bases) or "-"))
    header = f"Rulebook on {listing.on}" if listing.on else "Rulebook"
    table = tabulate(
        rows,
        headers=("requirement", "title", "window", "legal basis"),
        tablefmt="simple_grid",
        maxcolwidths=_widths(width),
    )
    return f"{header}: {len(rows)} requirements\n{rulebook_line(listing.rulebook)}\n{table}\n"


def _widths(width: int) -> list[int]:
    room = max(width, 80) - GRID
    return [room * share // sum(SHARES) for share in SHARES]
