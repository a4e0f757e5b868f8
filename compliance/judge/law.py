"""Which law applied on the evidence date, and whether a requirement was in force at all.

Two kinds of doubt are treated differently, on purpose. Doubt about the *law* (a commencement
date nobody has verified) may never carry a verdict: a requirement whose start is unverified
is undecided on dates it may not have been in force. Doubt about the *board* (whether this
area's safeguarding partners had already taken over during the 2018-19 transition) leaves the
verdict standing, since the evidence is about a board that was still there to assess, but adds
a caveat and the question that would settle it.
"""

from __future__ import annotations

from dataclasses import dataclass

from compliance.evidence import KnownFact
from compliance.result.run import REVIEW_TEAM, Basis, Question
from compliance.rulebook import Rulebook
from compliance.rulebook.instruments import LSCB_END, Edition, weakest
from compliance.rulebook.requirement import LegalBasis
from compliance.values import DateValue, DayRange


@dataclass(frozen=True)
class Applicability:
    """Whether a requirement may apply on some, and may not apply on some, of the dates."""

    applies: bool
    not_applicable: bool
    reason: str = ""  # why it may not apply
    caveats: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()


def applicability(
    rulebook: Rulebook,
    requirement: str,
    days: DayRange,
    switch: KnownFact | None = None,
    area: str | None = None,
) -> Applicability:
    """Whether the requirement bound this board on these dates (`area`: the evidence's area,
    for a pack, which binds the one area its source addressed)."""
    pack = rulebook.packs.get(rulebook.pack_of.get(requirement, ""))
    if pack is not None and area is not None and area != pack.area:
        return Applicability(
            False, True, f"The pack binds {pack.area} only; this evidence is about {area}."
        )
    window = rulebook.window(requirement)
    first, last = days.earliest, days.latest
    assert first is not None
    assert last is not None
    if last < window.start:
        return Applicability(
            False, True, f"Not yet in force on {days.describe()}: it applies from {window.start}."
        )
    if first > window.end:
        return Applicability(
            False,
            True,
            f"No longer in force on {days.describe()}: it ended by {window.end} at the latest.",
        )
    reasons, questions = [], []
    if first < window.start or last > window.end:
        reasons.append(
            f"the evidence date {days.describe()} runs across the requirement's window "
            f"({window.start} to {window.end})"
        )
        questions.append(
            Question(
                "date", "On what day exactly does the evidence speak for the board?", REVIEW_TEAM
            )
        )
    if window.certain_from is not None and first < window.certain_from:
        reasons.append(
            f"its start is unverified: possibly in force from {window.start}, certainly from "
            f"{window.certain_from}"
        )
        settle = window.settle or "Settle when the requirement began."
        questions.append(Question("law", settle, REVIEW_TEAM))
    caveats: list[str] = []
    in_force = rulebook.requirements[requirement].in_force
    if in_force.until == LSCB_END:
        ended = _replaced(rulebook, days, switch, caveats, questions)
        if ended:
            saved = f" {in_force.after_switch}" if in_force.after_switch else ""
            return Applicability(False, True, ended + saved)
    return Applicability(True, bool(reasons), "; ".join(reasons), tuple(caveats), tuple(questions))


def _replaced(
    rulebook: Rulebook,
    days: DayRange,
    switch: KnownFact | None,
    caveats: list[str],
    questions: list[Question],
) -> str | None:
    """Why the board no longer existed on the date, or None (with caveats added if it may not)."""
    end = rulebook.register.lscb_end
    value = switch.value if switch is not None else None
    if isinstance(value, DateValue) and value.days is not None and not value.never:
        when = value.days
        if when.latest is not None and when.latest <= days.earliest:  # type: ignore[operator]
            return f"The LSCB was replaced by safeguarding partners ({value.text}) by {days.describe()}."
        if when.earliest is None or when.earliest <= days.latest:  # type: ignore[operator]
            caveats.append(
                f"The LSCB may already have been replaced by safeguarding partners ({value.text})."
            )
        return None
    if value is None and days.latest >= end.transition_start:  # type: ignore[operator]
        caveats.append(
            f"From {end.transition_start} areas moved from LSCBs to safeguarding partners (by "
            f"{end.last_day} at the latest); without this area's own date, the LSCB is assumed "
            "to have been still in place."
        )
        asked = rulebook.vocabulary[end.local_fact].ask
        law = (f"{end.title} [{end.verification}]",)
        questions.append(Question("transition", end.question, asked, law))
    return None


def bases_in_force(rulebook: Rulebook, requirement: str, days: DayRange) -> tuple[Basis, ...]:
    """The provisions of the requirement's legal basis in force on the dates, by edition."""
    register = rulebook.register
    found = []
    for entry in rulebook.requirements[requirement].legal_basis:
        for in_force in register.editions_in_force(entry.instrument, days):
            edition = in_force.edition
            if entry.editions is not None and edition.id not in entry.editions:
                continue
            found.append(
                Basis(
                    label=basis_label(rulebook, edition, entry),
                    edition=edition.title,
                    provision=entry.provision,
                    force=entry.force,
                    verification=weakest(entry.verification, edition.verification),
                    text=entry.text,
                    text_source=entry.source.where if entry.source else None,
                    note=entry.note,
                    period=in_force.days.describe() if in_force.partial else None,
                    decides=entry.decides,
                )
            )
    return tuple(found)


def basis_label(rulebook: Rulebook, edition: Edition, entry: LegalBasis) -> str:
    """How a provision of an edition is cited; an applied text names both editions."""
    if edition.applies is None:
        return f"{edition.short} {entry.provision}"
    applied = rulebook.register.edition(edition.applies)
    return f"{applied.short} {entry.provision}, as applied by {edition.applied_by}"


def edition_caveats(rulebook: Rulebook, requirement: str, days: DayRange) -> tuple[str, ...]:
    """Caveats for editions whose unverified start could put the dates on either side of it."""
    caveats = []
    for entry in rulebook.requirements[requirement].legal_basis:
        for in_force in rulebook.register.editions_in_force(entry.instrument, days):
            edition = in_force.edition
            if edition.certainty == "uncertain" and edition.days.intersect(days):
                caveats.append(f"The start of {edition.short} is uncertain: {edition.source}")
    return tuple(dict.fromkeys(caveats))


# What of the evidence dates the law in force depends on (see `law_signature`).
LawSignature = tuple[tuple[tuple[tuple[str, DayRange | None], ...], ...], tuple[str, ...]]


def law_signature(rulebook: Rulebook, days: DayRange) -> LawSignature:
    """What `bases_in_force` and `edition_caveats` read of the dates, for every requirement.

    Both read, per instrument, only which editions are in force on the dates and, for an
    edition in force on part of them, that part; and, for editions of uncertain start, whether
    the dates touch it. Dates with the same signature therefore have the same law, so the
    judge works the law out once per signature rather than once per evidence date, which
    nearly every file has of its own.
    """
    register = rulebook.register
    editions = tuple(
        tuple(
            (f.edition.id, f.days if f.partial else None)
            for f in register.editions_in_force(instrument, days)
        )
        for instrument in register.instruments
    )
    touched = tuple(
        e.id for e in register.editions() if e.certainty == "uncertain" and e.days.intersect(days)
    )
    return editions, touched


def window_words(rulebook: Rulebook, requirement: str) -> str:
    """When a requirement was in force, in words."""
    window = rulebook.window(requirement)
    certain = f" (certainly from {window.certain_from})" if window.certain_from else ""
    return f"from {window.start}{certain} to {window.end} at the latest"
