"""Sources as they describe themselves: an unknown or open publication date, a page quoting
another document, and a judgement of recency without a date (issue 18, point 3).

The worked file is tests/fixtures/statements/exampleshire-2016-website.yaml (its verdicts are
checked with the other statement files'); here, what it shows in the trace and the outputs, the
laws an undated statement keeps, and every bad shape refused with one located line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance import api
from compliance.evidence.dating import after_evidence, dating
from compliance.evidence.facts import StatementRecord, combine
from compliance.evidence.model import Citation, SourceRef
from compliance.reading.yamlfile import load_yaml
from compliance.result.run import FindingTrace, Result
from compliance.rulebook import Rulebook
from compliance.values import CountValue, DayRange, Value
from compliance.values.dates import parse_publication
from tests import test_properties as properties
from tests.cli import lscb
from tests.conftest import FIXTURES, RULES
from tests.evidence_text import LAY_MEMBERS, header

WEBSITE = FIXTURES / "statements" / "exampleshire-2016-website.yaml"
UNDATED = "undated: the source gives no date; it speaks for no particular date"


@pytest.fixture(scope="module")
def result() -> Result:
    (only,) = api.Assessor(RULES).assess([WEBSITE]).results
    return only


def _fact(result: Result, requirement: str, name: str):  # type: ignore[no-untyped-def]
    (fact,) = [f for f in result.verdict(requirement).facts if f.name == name]
    return fact


# --- an unknown or open publication date ---------------------------------------------------


def test_a_page_with_no_date_is_shown_undated_and_counts_for_nothing(result: Result) -> None:
    fact = _fact(result, "lay-members", "lay_members_appointed")
    # Ofsted's words (quoted on the page) decide; the page's own "two" is shown, not counted.
    assert (fact.value, fact.contested) == ("1", False)
    assert [(s.value, s.kind, s.decides, s.undated) for s in fact.statements] == [
        ("1", "inspection", True, False),
        ("2", "board-website", False, True),
    ]
    assert fact.statements[1].quotes[0].undated == UNDATED
    assert fact.statements[1].quotes[0].holds_for is None  # a date, never the reason for none


def test_a_fact_stated_only_undated_is_judged_as_not_stated_and_asked(result: Result) -> None:
    verdict = result.verdict("annual-report-published")
    assert (verdict.verdict, verdict.missing) == ("not-evidenced", ("annual_report_published",))
    (question,) = verdict.questions
    assert question.text.endswith("(stated only undated, for no particular date)")
    fact = _fact(result, "annual-report-published", "annual_report_published")
    assert fact.value == "not stated for the evidence date (its statements are undated)"


def test_a_source_dated_only_after_a_day_speaks_for_no_particular_date(result: Result) -> None:
    fact = _fact(result, "lay-members", "lay_member_recruitment_under_way")
    assert fact.statements[0].quotes[0].undated == (
        "undated: the source is dated only after 2016-04-28, perhaps after the evidence date; "
        "it speaks for no particular date on or before it"
    )
    assert next(s.published for s in result.sources if s.key == "news") == "after 2016-04-28"


def test_an_undated_finding_is_shown_and_decides_nothing(result: Result) -> None:
    (finding,) = result.findings
    assert (finding.says, finding.on, finding.undated) == ("met", "unknown", UNDATED)


def test_explain_says_undated_in_plain_words() -> None:
    run = lscb("explain", WEBSITE, "lay-members", columns=None)
    out = " ".join(run.stdout.split())
    assert run.returncode == 0, run.stderr
    assert "(board-website, undated: not counted): " in out
    assert f"section 'Our work'; {UNDATED})" in out


@pytest.mark.parametrize(
    ("raw", "earliest", "latest", "text"),
    [
        ("unknown", None, None, "unknown"),
        ({"after": "2015-05-13"}, dt.date(2015, 5, 14), None, "after 2015-05-13"),
        ({"before": 2016}, None, dt.date(2015, 12, 31), "before 2016"),
        ("2016-06", dt.date(2016, 6, 1), dt.date(2016, 6, 30), "2016-06"),
    ],
)
def test_a_publication_date_is_read_as_the_document_gives_it(
    raw: object, earliest: dt.date | None, latest: dt.date | None, text: str
) -> None:
    value = parse_publication(raw)
    assert (value.days, value.never, value.text) == (DayRange(earliest, latest), False, text)


def test_a_document_that_exists_was_published() -> None:
    with pytest.raises(ValueError, match="a document that exists was published"):
        parse_publication("never")


def _source(published: object, covers: object = None) -> dict[str, SourceRef]:
    ref = SourceRef(
        file="a.txt", title="A page", publisher="A board", kind="board-website",
        published=published, covers=covers,
    )  # fmt: skip
    return {"page": ref}


CITED = (Citation(source="page", quote="one two three"),)


@settings(max_examples=200, deadline=None)
@given(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)), st.booleans())
def test_an_open_or_unknown_date_never_places_a_statement(day: dt.date, known: bool) -> None:
    """The law: a statement resting on a source with no known end to its date is undated,
    whatever that date; with its own holds_for it is dated."""
    published = {"after": day.isoformat()} if known else "unknown"
    when = dating(None, CITED, _source(published))
    assert not when.dated
    assert dating(parse_publication(day.isoformat()), CITED, _source(published)).dated


def test_what_a_source_covers_places_it_even_when_its_publication_is_unknown() -> None:
    when = dating(None, CITED, _source("unknown", "2016"))
    assert (when.dated, when.text) == (True, "2016")


def test_only_a_date_certainly_after_the_evidence_is_late() -> None:
    evidence = DayRange(dt.date(2016, 6, 30), dt.date(2016, 6, 30))
    assert after_evidence(DayRange(dt.date(2016, 7, 1), None), evidence)
    assert not after_evidence(DayRange(dt.date(2016, 6, 1), None), evidence)
    assert not after_evidence(DayRange(None, None), evidence)
    assert after_evidence(DayRange(dt.date(2016, 6, 1), dt.date(2016, 7, 1)), evidence)


counts = st.integers(0, 5).map(lambda n: CountValue(n, n, str(n)))
kinds = st.sampled_from(["inspection", "board-papers", "board-website", "news-report"])


def _record(value: CountValue, kind: str, undated: bool) -> StatementRecord:
    return StatementRecord(
        value, (), None, DayRange(None, None), "unknown", kind, UNDATED if undated else None
    )


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(counts, kinds), min_size=1, max_size=4),
    st.lists(st.tuples(counts, kinds), min_size=1, max_size=4),
    st.data(),
)
def test_undated_statements_never_change_what_the_dated_ones_decide(
    rulebook: Rulebook,
    dated: list[tuple[CountValue, str]],
    undated: list[tuple[CountValue, str]],
    data: st.DataObject,
) -> None:
    """The law: adding undated statements anywhere among the dated ones leaves the value,
    the contest and the deciding authority as the dated statements alone give them; the
    undated ones never decide."""
    kinds_ = rulebook.source_kinds
    alone = combine("f", [_record(v, k, False) for v, k in dated], kinds_)
    # The undated statements stand anywhere among the dated ones, which keep their order.
    places = data.draw(st.permutations([False] * len(dated) + [True] * len(undated)))
    queues = {False: iter(dated), True: iter(undated)}
    records = [_record(*next(queues[late]), late) for late in places]
    mixed = combine("f", records, kinds_)
    assert (mixed.value, mixed.contested, mixed.decided_by, mixed.undated) == (
        alone.value,
        alone.contested,
        alone.decided_by,
        False,
    )
    assert all(records[i].undated is None for i in mixed.deciding)
    only = combine("f", [_record(v, k, True) for v, k in undated], kinds_)
    assert (only.undated, only.deciding) == (True, ())


# --- quoting -------------------------------------------------------------------------------


def test_quoted_words_have_the_quoted_documents_authority_and_date(result: Result) -> None:
    quote = _fact(result, "lay-members", "lay_members_appointed").statements[0].quotes[0]
    assert (quote.source, quote.file, quote.holds_for) == (
        "website",
        "sources/exampleshire-website-about.txt",
        "2016-04-04 to 2016-04-28",
    )
    assert quote.quoting == (
        "Ofsted, Review of the effectiveness of the LSCB (2016-04-04 to 2016-04-28)"
    )
    assert "as quoted in sources/exampleshire-website-about.txt, section 'What Ofsted said'" in (
        quote.provenance
    )


def test_a_quoted_document_not_among_the_sources_is_described(result: Result) -> None:
    fact = _fact(result, "section-11-audits", "section_11_returns_challenged")
    (statement,) = fact.statements
    assert (statement.kind, statement.undated, statement.quotes[0].holds_for) == (
        "board-papers",
        False,
        "2015/16",
    )


# --- a judgement of recency ----------------------------------------------------------------


def test_a_recent_audit_is_a_finding_of_recency_the_rules_read(result: Result) -> None:
    verdict = result.verdict("section-11-audits")
    assert (verdict.verdict, verdict.decided_by) == ("met", "finding")
    assert verdict.reason.startswith(
        "Met on the finding of Exampleshire LSCB (2015/16) that it is recent, a judgement of "
        "recency that gives no date"
    )
    assert [(f.says, f.agrees) for f in verdict.findings] == [("recent", True)]


def test_not_conducted_recently_is_a_finding_that_they_are_overdue() -> None:
    (only,) = (
        api.Assessor(RULES)
        .assess([FIXTURES / "statements" / "exampleshire-2016-inspection.yaml"])
        .results
    )
    verdict = only.verdict("section-11-audits")
    assert (verdict.verdict, verdict.decided_by) == ("unmet", "finding")
    assert "that it is overdue, a judgement of recency that gives no date" in verdict.reason


# --- bad shapes: exit 2, one located line, nothing on stdout ---------------------------------


QUOTE = (
    "      - source: doc\n        paragraph: 41\n        quote: The board has two lay members.\n"
)


def _run(tmp_path: Path, text: str) -> tuple[int, str, str]:
    (tmp_path / "doc.txt").write_text("41. The board has two lay members.\n", encoding="utf-8")
    path = tmp_path / "board.yaml"
    path.write_text(text, encoding="utf-8")
    run = lscb("assess", path, columns=None)
    return run.returncode, run.stdout, run.stderr.replace(str(path), "board.yaml")


FINDING = "findings:\n  - about: {about}\n    says: {says}\n    citations:\n" + QUOTE
KINDS = ", ".join(load_yaml(RULES / "source-kinds.yaml").data["kinds"])


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            header("doc.txt", published="never") + LAY_MEMBERS + QUOTE,
            14,
            "'sources.doc.published': a document that exists was published: give its date, "
            "bounds such as {after: 2015-05-13}, or 'unknown' when it gives no date",
        ),
        (
            header("doc.txt", published="{after: 2015-03-13}") + LAY_MEMBERS + QUOTE,
            9,
            "source 'doc' speaks for on or after 2015-03-14 (its publication date), after the "
            "evidence date 2015-03-13; give it 'covers:' with the dates it speaks for, or give "
            "each statement that cites it 'holds_for:'",
        ),
        (
            header("doc.txt") + LAY_MEMBERS + QUOTE + "        quoting: ofsted\n",
            22,
            "'quoting' names 'ofsted', which is not a key of 'sources'; name a declared source, "
            "or describe the quoted document with title, publisher, kind and published",
        ),
        (
            header("doc.txt") + LAY_MEMBERS + QUOTE + "        quoting: doc\n",
            22,
            "a source does not quote itself; leave 'quoting' out",
        ),
        (
            header("doc.txt")
            + LAY_MEMBERS
            + QUOTE
            + "        quoting: {title: A review, publisher: Ofsted, kind: gossip, "
            "published: 2014}\n",
            22,
            f"the quoted document's kind 'gossip' is not a source kind; use one of {KINDS}",
        ),
        (
            header("doc.txt")
            + LAY_MEMBERS
            + QUOTE
            + "        quoting: {title: A review, publisher: Ofsted, kind: inspection, "
            "published: 2015-06}\n",
            22,
            "the quoted document speaks for 2015-06-01 to 2015-06-30 (its publication date), "
            "after the evidence date 2015-03-13; give it 'covers:' with the dates it speaks for, "
            "or give each statement that cites it 'holds_for:'",
        ),
        (
            header("doc.txt") + " {}\n" + FINDING.format(about="board", says="overdue"),
            19,
            "'overdue' judges how recently something was done, but board tests no date's age; "
            "say met, partly-met, unmet or improvement-needed, or name a requirement with a "
            "cycle (such as section-11-audits)",
        ),
        (
            header("doc.txt") + " {}\n" + FINDING.format(about="lay-members", says="recent"),
            19,
            "'recent' judges how recently something was done, but lay-members tests no date's "
            "age; say met, partly-met, unmet or improvement-needed, or name a requirement with "
            "a cycle (such as section-11-audits)",
        ),
    ],
    ids=[
        "published-never",
        "published-after-the-evidence",
        "quoting-unknown-source",
        "quoting-itself",
        "quoting-unknown-kind",
        "quoted-document-later",
        "overdue-about-the-board",
        "recent-about-an-untimed-requirement",
    ],
)
def test_a_bad_shape_is_one_located_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    assert _run(tmp_path, text) == (2, "", f"board.yaml:{line}: {message}\n")


@settings(max_examples=60, deadline=None)
@given(properties.evidence(["section_11_round_last_completed", "section_11_returns_challenged"]))
def test_overdue_never_supports_a_timely_verdict_nor_recent_a_late_one(
    case: tuple[dict[str, Value], DayRange],
) -> None:
    """The law: where a judgement of recency decides, overdue gives only what a late round
    gives (unmet), and recent never gives unmet; it is never read as a date."""
    values, as_of = case
    for says, never in (("overdue", {"met", "partly-met"}), ("recent", {"unmet"})):
        finding = FindingTrace("section-11-audits", says, "a reviewer", "then", "inspection", ())
        judged = properties.JUDGE.verdicts(
            properties.known(values), as_of, [(["section-11-audits"], finding)]
        )
        verdict = next(v for v in judged if v.requirement == "section-11-audits")
        if verdict.decided_by == "finding":
            assert verdict.verdict not in never
            assert "a judgement of recency that gives no date" in verdict.reason
