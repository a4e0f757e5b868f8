"""`lscb rules`: the rulebook's requirements, their windows and legal bases, on a date or all."""

from __future__ import annotations

from tabulate import tabulate

from compliance.reading.inert import for_terminal
from compliance.render.text import caveat_lines, rulebook_line, wrap
from compliance.result.run import RulebookListing, caveats_of

SHARES = (2, 3, 2, 4)  # of the width left after borders, for each column
GRID = 13


def render(listing: RulebookListing, width: int) -> str:
    rows = []
    for rule in listing.rules:
        window = f"{rule.status}; {rule.window}" if rule.status else rule.window
        rows.append((rule.requirement, rule.title, window, "\n".join(rule.bases) or "-"))
    caveats = caveats_of(listing.rules)
    on = f", as the law stood on {listing.on}" if listing.on else ""
    table = tabulate(
        rows,
        headers=("requirement", "title", "window", "legal basis"),
        tablefmt="simple_grid",
        maxcolwidths=_widths(width),
    )
    lines = [f"{len(rows)} requirements{on}", rulebook_line(listing.rulebook), table]
    lines += caveat_lines(caveats, max(width, 80))
    parameters = [
        f"{rule.requirement}.{said}" for rule in listing.rules for said in rule.parameters
    ]
    if parameters:
        lines.append("Parameters (set with --param REQ.NAME=N, or under [params] in lscb.toml):")
        lines += [line for said in parameters for line in wrap(said, max(width, 80), "  ", "    ")]
    unselected = [p for p in listing.packs_available if p not in listing.rulebook.packs]
    if unselected:
        lines.append(f"Recommendation packs (add with --pack NAME): {', '.join(unselected)}")
    return for_terminal("\n".join(lines) + "\n")


def _widths(width: int) -> list[int]:
    room = max(width, 80) - GRID
    return [room * share // sum(SHARES) for share in SHARES]
