"""JUnit XML: a test case per requirement per assessment, for CI servers' test reports.

Every CI server reads JUnit XML, so a board's compliance shows on the same page as a test run.
Each evidence file is a test suite; each requirement a test case named `lscb.<board>.<date>`
(class) and the requirement's id (name), so that a requirement keeps its history across runs.

The threshold decides what fails, exactly as it decides the exit code: a verdict below it is a
`<failure>`. Otherwise a not-applicable requirement is `<skipped>` (nothing was tested), and so
is a not-evidenced one, with the questions that would decide it: the evidence could not test it,
which is neither a pass nor a failure. Anything else passes, its reasoning in `<system-out>`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from compliance.reading.inert import for_terminal
from compliance.render.annotation import details, questions, slug
from compliance.render.base import Format, RenderOptions
from compliance.result.compare import Comparison, RequirementMove
from compliance.result.run import Result, RunResult, Threshold, Verdict

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
COUNTED = ("tests", "failures", "errors", "skipped")
# XML 1.0 cannot hold most control characters at all, escaped or not: a parser refuses the whole
# document. `for_terminal` already writes every control, format and separator character, and
# every lone surrogate, as a visible escape; the two noncharacters XML also forbids (U+FFFE,
# U+FFFF) are written the same way here. ElementTree escapes `&`, `<`, `>` and quotes itself.
_NONCHARACTERS = re.compile("[\ufffe\uffff]")


def render(run: RunResult, options: RenderOptions) -> str:
    root = _element(None, "testsuites", name="lscb-compliance")
    for result in run.results:
        suite = _suite(root, result, f"{result.assessment.board}, {result.assessment.date}")
        for verdict in result.verdicts:
            _verdict_case(suite, result, verdict, options.threshold)
        _count(suite)
    return _document(root)


def compare(comparison: Comparison, options: RenderOptions) -> str:
    old, new = comparison.old, comparison.new
    root = _element(None, "testsuites", name="lscb-compliance comparison")
    dates = f"{old.assessment.date} to {new.assessment.date}"
    suite = _suite(root, new, f"{new.assessment.board}, {dates}")
    _element(_properties(suite), "property", name="previous evidence", value=str(old.path))
    regressed = {m.requirement for m in comparison.regressions(options.threshold)}
    classname = f"lscb.{slug(new.assessment.board)}.{slug(dates)}"
    for move in comparison.moves:
        _move_case(suite, classname, move, move.requirement in regressed)
    _count(suite)
    return _document(root)


def _suite(root: ET.Element, result: Result, name: str) -> ET.Element:
    suite = _element(root, "testsuite", name=name, file=str(result.path))
    properties = _properties(suite)
    info = result.assessment
    for key, value in (("evidence", str(result.path)), ("title", info.title), ("kind", info.kind)):
        _element(properties, "property", name=key, value=value)
    for finding in result.findings:  # the board's graded judgements, as the inspectorate gave them
        if finding.grade is not None:
            name = f"judgement of the board: {finding.grade.scale_title}"
            _element(properties, "property", name=name, value=finding.grade.words)
    return suite


def _properties(suite: ET.Element) -> ET.Element:
    found = suite.find("properties")
    return found if found is not None else _element(suite, "properties")


def _verdict_case(
    suite: ET.Element, result: Result, verdict: Verdict, threshold: Threshold
) -> None:
    info = result.assessment
    case = _element(
        suite,
        "testcase",
        classname=f"lscb.{slug(info.board)}.{slug(info.date)}",
        name=verdict.requirement,
        file=str(result.path),
    )
    said = details(verdict, result.findings)
    if threshold.fails(verdict):
        message = f"{verdict.verdict} ({verdict.standing}): {verdict.reason}"
        _element(case, "failure", said, message=message, type=verdict.verdict)
    elif verdict.verdict == "not-applicable":
        _element(case, "skipped", message=f"not applicable: {verdict.reason}")
    elif verdict.verdict == "not-evidenced":
        asked = "\n".join(questions(verdict))
        _element(case, "skipped", asked, message=f"not evidenced: {verdict.reason}")
    else:
        _element(case, "system-out", said)


def _move_case(suite: ET.Element, classname: str, move: RequirementMove, regressed: bool) -> None:
    case = _element(suite, "testcase", classname=classname, name=move.requirement)
    if regressed:
        _element(case, "failure", move.why, message=move.why, type=move.move)
    elif move.new == "not-applicable":
        _element(case, "skipped", message=move.why)
    else:
        _element(case, "system-out", move.why)


def _count(suite: ET.Element) -> None:
    cases = suite.findall("testcase")
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(c.find("failure") is not None for c in cases)))
    suite.set("errors", "0")
    suite.set("skipped", str(sum(c.find("skipped") is not None for c in cases)))


def _document(root: ET.Element) -> str:
    import xml.etree.ElementTree as ET

    suites = root.findall("testsuite")
    for key in COUNTED:
        root.set(key, str(sum(int(s.get(key, "0")) for s in suites)))
    ET.indent(root)
    return DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


def _element(
    parent: ET.Element | None, tag: str, text: str | None = None, **attributes: str
) -> ET.Element:
    """An element whose every attribute and text is safe for XML and for a reader."""
    import xml.etree.ElementTree as ET

    safe = {key: xml_text(value) for key, value in attributes.items()}
    element = ET.Element(tag, safe) if parent is None else ET.SubElement(parent, tag, safe)
    if text is not None:
        element.text = xml_text(text)
    return element


def xml_text(text: str) -> str:
    """`text` with nothing XML 1.0 forbids and nothing a reader's screen would act on."""
    return _NONCHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", for_terminal(text))


FORMAT = Format(
    "junit",
    "JUnit XML, a test case per requirement; below --fail-on is a failure, for CI test reports",
    render,
    compare,
)
