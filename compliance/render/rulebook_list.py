"""`lscb rules`: the rulebook with its legal bases and windows, optionally on one date."""

from __future__ import annotations

import datetime as dt

from tabulate import tabulate

from compliance.assessment import applicable, bases_in_force
from compliance.rulebook import Rulebook

WIDTHS = (24, 34, 22, 44)


def render(rulebook: Rulebook, as_of: dt.date | None = None) -> str:
    rows = []
    for rid in sorted(rulebook.requirements):
        req = rulebook.requirements[rid]
        start, certain, end = rulebook.window(req)
        window = f"{start} to {end}" + (f" (certain from {certain})" if certain else "")
        if as_of is None:
            basis = "; ".join(_all_bases(rulebook, rid))
        else:
            state = applicable(rulebook, req, as_of, {})
            in_force = bases_in_force(rulebook, req, as_of) if state.applies else ()
            status = "in force" if state.applies else "not in force"
            if state.caveats:
                status += " (uncertain)"
            window = f"{status}; {window}"
            basis = "; ".join(f"{b.label} [{b.verification}]" for b in in_force) or "-"
        rows.append((rid, req.title, window, basis))
    header = f"Rulebook on {as_of}" if as_of else "Rulebook"
    table = tabulate(
        rows,
        headers=("requirement", "title", "window", "legal basis"),
        tablefmt="simple_grid",
        maxcolwidths=list(WIDTHS),
    )
    return f"{header}: {len(rows)} requirements ({rulebook.root})\n{table}\n"


def _all_bases(rulebook: Rulebook, rid: str) -> list[str]:
    labels = []
    for item in rulebook.requirements[rid].legal_basis:
        instrument = rulebook.register.instruments[item.instrument]
        editions = [
            e for e in instrument.editions if item.editions is None or e.id in item.editions
        ]
        names = "/".join(e.short for e in editions)
        labels.append(f"{names} {item.provision} [{item.verification}]")
    return labels
