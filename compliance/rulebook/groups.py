"""How the law itself groups what a board must do, so a report can follow the law's order.

A board reads its verdicts as the Act and the Regulations arrange its duties: the board's
establishment and membership (CA 2004 s13, LSCB Regulations 2006 reg 3), its chair (reg 4),
its objective (s14(1)), its functions (reg 5(1)(a) to (e), child deaths under reg 6), the
annual report (s14A), information requests (s14B), funding (s15), regard to guidance (s16(2)),
and the transition to safeguarding partners (s16E). Each requirement file names its group
under `group:`; a recommendation pack's requirements are grouped under their pack instead.
The groups and their citations follow `reference/lscb-law.md` sections 2 and 3; a heading of
Working Together is cited by chapter and heading only, as the rulebook cites it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Group:
    key: str
    title: str  # in plain words, as a board's agenda would put it
    law: str  # the provisions that make this a group, as the law numbers them
    order: int  # its place in the law's own order, for reports


_GROUPS: tuple[tuple[str, str, str], ...] = (
    (
        "establishment-membership",
        "Establishment and membership",
        'CA 2004 s13; LSCB Regulations 2006 reg 3; WT ch.3 "LSCB membership"',
    ),
    (
        "chair-independence",
        "The chair and the board's independence",
        'LSCB Regulations 2006 reg 4; WT ch.3 "LSCB Chair, accountability and resourcing"',
    ),
    ("objective", "The board's objective: co-ordination and effectiveness", "CA 2004 s14(1)"),
    ("child-centred", "A child-centred approach", "WT Introduction, child-centred approach"),
    (
        "policies-procedures",
        "Function: policies and procedures",
        "LSCB Regulations 2006 reg 5(1)(a)(i)-(vi)",
    ),
    (
        "communication",
        "Function: communicating the need to safeguard children",
        "LSCB Regulations 2006 reg 5(1)(b)",
    ),
    (
        "monitoring-evaluation",
        "Function: monitoring and evaluating effectiveness",
        'LSCB Regulations 2006 reg 5(1)(c); WT ch.3 "Statutory objectives and functions"',
    ),
    (
        "planning",
        "Function: participating in the planning of services",
        "LSCB Regulations 2006 reg 5(1)(d)",
    ),
    (
        "serious-case-reviews",
        "Function: serious case reviews and learning",
        'LSCB Regulations 2006 reg 5(1)(e), 5(2); WT ch.4 "Learning and improvement framework"',
    ),
    (
        "child-deaths",
        "Function: child deaths",
        'LSCB Regulations 2006 reg 6; CYPA 2008 s31; WT ch.5 "Child death reviews"',
    ),
    ("annual-report", "The annual report", "CA 2004 s14A"),
    ("information-requests", "Requests for information", "CA 2004 s14B"),
    (
        "funding",
        "Funding and resources",
        'CA 2004 s15; WT ch.3 "LSCB Chair, accountability and resourcing"',
    ),
    ("statutory-guidance", "Regard to statutory guidance", "CA 2004 s16(2)"),
    (
        "transition",
        "Transition to safeguarding partners",
        "CA 2004 s16E (inserted by CSWA 2017 s16); WT 2018 transitional guidance",
    ),
)

GROUPS: dict[str, Group] = {
    key: Group(key, title, law, order) for order, (key, title, law) in enumerate(_GROUPS)
}
GroupKey = Literal[tuple(GROUPS)]  # type: ignore[valid-type]
