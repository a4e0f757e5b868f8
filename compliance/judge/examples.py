"""Running a requirement's worked examples: facts on a date, judged by the real engine.

Examples live beside the rules they illustrate, so adding a requirement adds its tests without
touching Python. A failed example names what differed: the verdict, the reason, a citation, the
missing facts.
"""

from __future__ import annotations

from compliance.evidence import KnownFact
from compliance.judge.judge import Judge
from compliance.result.run import FindingTrace, Verdict
from compliance.rulebook import Rulebook
from compliance.rulebook.requirement import Example


def judge_example(judge: Judge, requirement: str, example: Example) -> Verdict:
    rulebook = judge.rulebook
    facts = {
        name: KnownFact(name, rulebook.vocabulary[name].parse(raw))
        for name, raw in example.facts.items()
    }
    strongest = next(iter(rulebook.source_kinds.kinds))
    findings = [
        (
            [requirement],
            FindingTrace(requirement, says, "a reviewer", example.date.text, strongest, ()),
        )
        for says in example.findings
    ]
    verdicts = judge.verdicts(facts, example.date.days, findings)
    return next(v for v in verdicts if v.requirement == requirement)


def example_problems(verdict: Verdict, example: Example) -> list[str]:
    """How the verdict differs from what the example expects (empty when it matches)."""
    found = []
    if verdict.verdict != example.expect:
        found.append(f"verdict {verdict.verdict}, expected {example.expect}: {verdict.reason}")
    if example.reason is not None and verdict.reason != " ".join(example.reason.split()):
        found.append(f"reason {verdict.reason!r}, expected {' '.join(example.reason.split())!r}")
    labels = [b.label for b in verdict.basis]
    found += [f"does not cite {c!r}; cites {labels}" for c in example.cites if c not in labels]
    if example.missing is not None and list(verdict.missing) != example.missing:
        found.append(f"missing {list(verdict.missing)}, expected {example.missing}")
    if example.force is not None and verdict.force != example.force:
        found.append(f"force {verdict.force}, expected {example.force}: {verdict.under}")
    if example.decided_by_part is not None and verdict.decided_by_part != example.decided_by_part:
        found.append(f"set by part {verdict.decided_by_part}, expected {example.decided_by_part}")
    return found


def examples_of(rulebook: Rulebook) -> list[tuple[str, Example]]:
    return [(rid, e) for rid, req in rulebook.requirements.items() for e in req.examples]
