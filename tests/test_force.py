"""Every verdict states the force of what decided it, and never more (issue 19, audit H1).

The property is checked against the rulebook itself, not against the judge's own bookkeeping:
for a requirement decided by its cases, the bound is the weakest of each possible case's
declared force, the parameters it tests and the strongest deciding basis in force; for a
composite, the strongest force of the parts that gave its verdict. On the bundled evidence the
verdicts the audit named read as guidance or practice, in the result, in `check`'s standing
and exit code, and in every format.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from compliance.api import Assessor
from compliance.reading.errors import InputError
from compliance.render import FORMATS
from compliance.render.base import RenderOptions
from compliance.result.run import DUTY_FORCES, RunResult, Threshold, Verdict
from compliance.rulebook import load_rulebook
from compliance.rulebook.conditions import split
from compliance.rulebook.instruments import FORCE_ORDER, strongest_force, weakest_force
from compliance.values import DayRange
from tests.conftest import RULES
from tests.test_properties import JUDGE, RULEBOOK, evidence, known

EVIDENCE = RULES.parent / "evidence"


def stronger(force: str, than: str) -> bool:
    return FORCE_ORDER.index(force) < FORCE_ORDER.index(than)  # type: ignore[arg-type]


def case_bound(requirement: str, verdict: Verdict) -> str | None:
    """The strongest force any case that could have set the verdict may carry."""
    req = RULEBOOK.requirements[requirement]
    deciding = [b.force for b in verdict.basis if b.decides]
    outcome = None if verdict.verdict == "not-evidenced" else verdict.verdict
    bounds = []
    for case, trace in zip(RULEBOOK.cases[requirement], verdict.cases, strict=True):
        if not trace.possible or (outcome is not None and case.outcome != outcome):
            continue
        caps = [req.parameters[o].force for o in _operands(case.when) if o in req.parameters]
        caps += [case.force] if case.force else []
        caps += [strongest_force(*deciding)] if deciding else []
        if caps:
            bounds.append(weakest_force(*caps))
    return strongest_force(*bounds) if bounds else None


def _operands(when: dict) -> list[str]:
    return [o for o in (split(c)[1] for c in when.values()) if isinstance(o, str)]


def part_bound(verdict: Verdict, by_id: dict[str, Verdict]) -> str | None:
    parts = [by_id[p.requirement] for p in verdict.parts]
    if verdict.decided_by == "finding":
        chosen = [p for p in parts if verdict.verdict in (p.open or (p.verdict,))]
    else:
        chosen = [p for p in parts if p.verdict == verdict.verdict]
    forces = [p.force for p in chosen if p.force is not None]
    return strongest_force(*forces) if forces else None  # type: ignore[arg-type]


def check_forces(verdicts: tuple[Verdict, ...]) -> None:
    by_id = {v.requirement: v for v in verdicts}
    for v in verdicts:
        if v.verdict == "not-applicable":
            assert v.force is None, v.requirement
            assert not v.grounds, v.requirement
            continue
        if v.force is None:
            continue
        bound = part_bound(v, by_id) if v.parts else case_bound(v.requirement, v)
        assert bound is not None, v.requirement
        assert not stronger(v.force, bound), (v.requirement, v.force, bound, v.under)
        deciding = [g.force for g in v.grounds if g.decides]
        assert deciding, v.requirement
        assert not stronger(v.force, strongest_force(*deciding)), (v.requirement, v.under)  # type: ignore[arg-type]
        if v.pack is None:
            assert (v.standing == "duty") == (v.force in DUTY_FORCES), (v.requirement, v.force)
        if v.parts:
            assert v.decided_by_part in {p.requirement for p in v.parts}, v.requirement


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(evidence())
def test_no_verdict_states_more_force_than_what_decided_it(
    generated: tuple[dict, DayRange],
) -> None:
    values, as_of = generated
    check_forces(JUDGE.verdicts(known(values), as_of))


def _bundled() -> RunResult:
    return Assessor(RULES).assess([EVIDENCE])


def test_bundled_verdicts_state_no_more_force_than_what_decided_them() -> None:
    for result in _bundled().results:
        check_forces(result.verdicts)


def test_a_practice_norm_or_guidance_failure_is_never_a_statutory_one() -> None:
    run = _bundled()
    by_file = {r.path.name: r for r in run.results}
    bexley_2014 = by_file["bexley-2014-ofsted-review.yaml"]
    bexley_2015 = by_file["bexley-2015-lga-diagnostic.yaml"]
    # H1: the Section 11 cycle is a practice norm; its failure sets the monitoring verdict
    monitoring = bexley_2014.verdict("monitoring-evaluation")
    assert (monitoring.verdict, monitoring.force) == ("unmet", "practice-norm")
    assert monitoring.decided_by_part == "section-11-audits"
    assert monitoring.standing == "guidance"
    # H1: the annual report's analysis is guidance; s14A's own part is shown beside it
    report = bexley_2015.verdict("annual-report")
    assert (report.verdict, report.force) == ("unmet", "statutory-guidance")
    assert "annual-report-published not-evidenced under statute" in report.under
    # H2: private fostering awareness is inspection practice, not reg 5(1)(b)
    fostering = bexley_2014.verdict("private-fostering-oversight")
    assert (fostering.verdict, fostering.force) == ("unmet", "inspection-practice")
    assert "reg 5(1)(b)" not in fostering.under
    # `check` with a bar on duties only fails none of them
    duties_only = Threshold(frozenset({"unmet"}), frozenset())
    failed = {(r.path.name, v.requirement) for r, v in run.below(duties_only)}
    for name in ("monitoring-evaluation", "section-11-audits", "private-fostering-oversight"):
        assert ("bexley-2014-ofsted-review.yaml", name) not in failed
    assert ("bexley-2015-lga-diagnostic.yaml", "annual-report") not in failed


def test_every_format_shows_the_deciding_force() -> None:
    run = Assessor(RULES).assess([EVIDENCE / "bexley-2014-ofsted-review.yaml"])
    options = RenderOptions(width=2000)  # wide enough that no table cell wraps
    for name, fmt in FORMATS.items():
        text = html.unescape(fmt.render(run, options))
        if name == "json":
            document = json.loads(text)
            verdicts = {v["requirement"]: v for v in document["results"][0]["verdicts"]}
            assert verdicts["monitoring-evaluation"]["force"] == "practice-norm"
            continue
        said = " ".join(text.replace("\\", "").split())  # Markdown escapes punctuation
        assert "Force: Set by section-11-audits unmet under practice norm" in said, name


def test_a_rule_cannot_state_more_force_than_its_law(tmp_path: Path) -> None:
    """A case declaring a force stronger than any of its bases is refused when loading."""
    copy = tmp_path / "rules"
    shutil.copytree(RULES, copy)
    path = copy / "requirements" / "information-requests.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("force: practice-norm", "force: regulation", 1), encoding="utf-8")
    with pytest.raises(InputError, match="stronger than any of this requirement's bases"):
        load_rulebook(copy)
