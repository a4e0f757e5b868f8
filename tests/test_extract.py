"""`lscb extract`: a draft whose quotes verify once accepted, values proposed only where safe,
a draft refused by `assess`, bad input located, the JSON's shape, and cues checked as data."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import docx
import pytest
import yaml

from compliance.evidence.sources import SourceText
from compliance.evidence.worded import propose
from compliance.extract.draft import READ_FIRST, _Joined, reading
from compliance.extract.render import as_yaml
from compliance.extract.run import extract
from compliance.extract.sentences import sentences
from compliance.rulebook import Rulebook
from compliance.rulebook.cues import parse_cue
from tests.cli import lscb
from tests.conftest import EVIDENCE, RULES
from tests.test_pdf_sources import printed  # noqa: F401  (the bundled report, printed as a PDF)

LETTER = "bexley-2015-lga-lscb-diagnostic-letter.txt"
DATE = "2015-02-26"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with the LGA letter in its sources/, where a draft is written."""
    (tmp_path / "sources").mkdir()
    shutil.copy(EVIDENCE / "sources" / LETTER, tmp_path / "sources" / LETTER)
    return tmp_path


def _extract(folder: Path, *more: str) -> tuple[int, str, str]:
    ran = lscb(
        "extract", f"sources/{LETTER}", "--board", "Bexley LSCB", "--date", DATE, *more, cwd=folder
    )
    return ran.returncode, ran.stdout, ran.stderr


def _value(definition, proposed):  # the value a person would write, where none is proposed
    if proposed is not None:
        return proposed
    return {"count": 1, "date": 2014, "yes-no": True}.get(
        definition.type, next(iter(definition.levels or {"": ""}))
    )


def _accept(folder: Path, draft_file: str, rulebook: Rulebook, date: str, least: int = 20) -> None:
    """A person accepts the first candidate of every fact that has one, and every candidate
    finding, and fills in the header: `lscb assess` must then verify every quote."""
    data = yaml.safe_load((folder / draft_file).read_text(encoding="utf-8"))
    draft = data.pop("draft")
    data["assessment"] |= {"area": "Bexley", "date_basis": "The last day.", "title": "Draft"}
    for source in data["sources"].values():
        source |= {"publisher": "A reviewer", "published": date, "title": "A document"}
    accepted = {}
    for name, entry in draft["facts"].items():
        if entry["candidates"]:
            first = entry["candidates"][0]
            accepted[name] = {**first, "value": _value(rulebook.vocabulary[name], first["value"])}
    assert len(accepted) >= least
    data["facts"] = accepted
    data["findings"] = [{**f, "about": "board", "says": "unmet"} for f in draft["findings"]]
    (folder / "accepted.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    judged = lscb("assess", "accepted.yaml", cwd=folder)
    assert (judged.returncode, judged.stderr) == (0, ""), judged.stderr


def test_accepted_candidates_verify_and_assess(folder: Path, rulebook: Rulebook) -> None:
    code, out, _err = _extract(folder, "--kind", "peer-review", "-o", "draft.yaml")
    assert (code, out) == (0, "")
    text = (folder / "draft.yaml").read_text(encoding="utf-8")
    refused = lscb("assess", "draft.yaml", cwd=folder)
    assert refused.returncode == 2
    assert refused.stdout == ""
    (line,) = refused.stderr.splitlines()
    assert line.startswith("draft.yaml:")
    assert "delete `draft:`" in line
    assert int(line.split(":")[1]) == text.splitlines().index("draft:") + 1
    checked = lscb("check", "draft.yaml", cwd=folder)
    assert (checked.returncode, checked.stdout, checked.stderr) == (2, "", refused.stderr)
    _accept(folder, "draft.yaml", rulebook, DATE)


def test_a_pdf_draft_is_located_by_page_and_paragraph(
    printed: Path,  # noqa: F811  (the fixture imported above)
    tmp_path: Path,
    rulebook: Rulebook,
) -> None:
    (tmp_path / "sources").mkdir()
    shutil.copy(printed, tmp_path / "sources" / "report.pdf")
    args = ("sources/report.pdf", "--board", "Bexley LSCB", "--date", "2014-04-02")
    ran = lscb("extract", *args, "--format", "json", cwd=tmp_path)
    assert (ran.returncode, ran.stderr) == (0, "")
    located = [c["locator"] for c in json.loads(ran.stdout)["candidates"]]
    assert located
    assert all("paragraph" in at or "page" in at for at in located)
    assert any("paragraph" in at for at in located)
    kind = ("--kind", "inspection")
    assert lscb("extract", *args, *kind, "-o", "draft.yaml", cwd=tmp_path).returncode == 0
    _accept(tmp_path, "draft.yaml", rulebook, "2014-04-02")


def test_json_gives_candidates_as_data(folder: Path) -> None:
    code, out, err = _extract(folder, "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["format"] == "lscb-extract/1"
    assert document["date"] == DATE
    assert document["sources"] == [
        {"key": LETTER.removesuffix(".txt"), "file": f"sources/{LETTER}", "kind": None}
    ]
    candidates = document["candidates"]
    assert candidates
    assert document["findings"]
    keys = {"fact", "rank", "score", "cues", "board_part", "direction", "source", "locator"}
    keys |= {"quote", "value"}
    assert all(set(c) == keys for c in candidates)
    by_fact: dict[str, list[dict]] = {}
    for c in candidates:
        by_fact.setdefault(c["fact"], []).append(c)
    for listed in by_fact.values():
        assert [c["rank"] for c in listed] == list(range(1, len(listed) + 1))
        scores = [c["score"] for c in listed]
        assert scores == sorted(scores, reverse=True)
        assert all(c["cues"] and c["locator"] for c in listed)
    lay = {c["quote"].split(",")[0]: c["value"] for c in by_fact["lay_members_appointed"]}
    assert lay["There is currently one lay member"] == 1
    assert (
        lay[
            "Legislation requires two lay members and the board could use this opportunity "
            "to widen the community voice in its work."
        ]
        is None
    )
    assert _extract(folder, "--format", "json")[1] == out  # deterministic


@pytest.mark.parametrize(
    ("fact", "sentence", "value"),
    [
        ("lay_members_appointed", "There is currently one lay member on the board.", 1),
        ("lay_members_appointed", "The board has 2 lay members.", 2),
        ("lay_members_appointed", "Four new lay members were appointed.", 4),
        ("lay_members_appointed", "The board has at least four lay members.", None),
        ("lay_members_appointed", "There are more than 3 lay members.", None),
        ("lay_members_appointed", "One lay member left and two lay members joined.", None),
        ("lay_members_appointed", "One of the lay members chairs the group.", None),
        ("lay_members_appointed", "Legislation requires two lay members.", None),
        ("section_11_round_last_completed", "Audits were undertaken in 2011.", 2011),
        ("section_11_round_last_completed", "Audits were completed in June 2014.", "2014-06"),
        ("section_11_round_last_completed", "The round ended on 30 June 2014.", "2014-06-30"),
        (
            "section_11_round_last_completed",
            "It was done in the 2016/17 financial year.",
            "2016/17",
        ),
        (
            "section_11_round_last_completed",
            "Audits have been completed over the last year.",
            {"last_months": 12, "to": "2015-03-13"},
        ),
        ("section_11_round_last_completed", "Audits were done in recent years.", None),
        ("section_11_round_last_completed", "Audits have been done since 2011.", None),
        ("section_11_round_last_completed", "Planned for June 2014; last done in 2011.", None),
        ("section_11_returns_challenged", "Returns were challenged in 2014.", None),
    ],
)
def test_values_are_proposed_only_in_safe_forms(
    rulebook: Rulebook, fact: str, sentence: str, value: object
) -> None:
    assert propose(rulebook.vocabulary[fact], sentence, dt.date(2015, 3, 13)) == value


def test_bad_input_is_one_located_line(folder: Path) -> None:
    (folder / "sources" / "bad.txt").write_bytes(b"caf\xe9 au lait, three words\n")
    (folder / "sources" / "broken.pdf").write_bytes(b"not a PDF at all")
    cases = [
        (["sources/missing.txt"], "sources/missing.txt: ", "not found"),
        (["sources/bad.txt"], "sources/bad.txt: ", "not UTF-8"),
        (["sources/broken.pdf"], "sources/broken.pdf: ", "broken.pdf"),
        (["/etc/hostname"], "/etc/hostname: ", "--source-root"),
        ([f"sources/{LETTER}", "--kind", "gossip"], "lscb extract: ", "unknown source kind"),
        ([f"sources/{LETTER}", "-o", f"sources/{LETTER}"], f"sources/{LETTER}: ", "read"),
    ]
    for args, start, words in cases:
        ran = lscb("extract", *args, "--board", "B", "--date", DATE, cwd=folder)
        assert (ran.returncode, ran.stdout) == (2, ""), args
        (line,) = ran.stderr.splitlines()
        assert line.startswith(start), line
        assert words in line, line
    bad_date = lscb("extract", f"sources/{LETTER}", "--board", "B", "--date", "2015-02-30")
    assert (bad_date.returncode, bad_date.stdout) == (2, "")
    assert bad_date.stderr.startswith("lscb extract: ")
    assert "--date" in bad_date.stderr
    assert (folder / "sources" / LETTER).read_bytes() == (
        EVIDENCE / "sources" / LETTER
    ).read_bytes()


@pytest.mark.parametrize(
    ("cue", "words"),
    [
        ("{pattern: 'a(b', weight: 2}", "is not a regular expression"),
        ("{pattern: '(a+)+b'}", "exponential"),
        ("{phrase: lay member, weight: 0}", "not 0"),
        ("{phrase: lay, pattern: lay}", "either"),
        ("{words: lay}", "unknown key"),
    ],
)
def test_a_bad_cue_is_a_located_error(tmp_path: Path, cue: str, words: str) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    facts = rules / "facts" / "membership.yaml"
    lines = facts.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line == "    cues:")
    lines.insert(at + 1, f"      - {cue}")
    facts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ran = lscb("rules", "--rules", rules)
    assert (ran.returncode, ran.stdout) == (2, "")
    (line,) = ran.stderr.splitlines()
    assert line.startswith(f"{facts}:{at + 2}: "), line
    assert words in line, line


def test_a_board_name_cannot_break_out_of_its_comment(folder: Path) -> None:
    board = "B\nfacts: {x: 1}\u2028draft: 2\x1b[31m"
    ran = lscb("extract", f"sources/{LETTER}", "--board", board, "--date", DATE, cwd=folder)
    assert (ran.returncode, ran.stderr) == (0, "")
    data = yaml.safe_load(ran.stdout)
    assert data["assessment"]["board"] == board
    assert data["facts"] == {}
    assert "draft" in data


def test_cues_run_over_the_joined_text_find_what_each_sentence_finds(rulebook: Rulebook) -> None:
    """The fast path (`_Joined`: each cue once over the document, phrases in lower case) finds
    for every cue exactly the sentences a case-insensitive search of each sentence finds."""
    text = SourceText.read(EVIDENCE / "sources" / LETTER)
    found = sentences(text)
    joined = _Joined(found)
    for definition in rulebook.vocabulary.facts.values():
        hits = joined.matches(definition.cues)
        for cue in definition.cues:
            expected = [j for j, s in enumerate(found) if cue.regex.search(s.quote)]
            assert [j for j in sorted(hits) if cue in hits[j]] == expected, cue.label


def test_a_web_page_draft_is_located_by_its_headings(tmp_path: Path, rulebook: Rulebook) -> None:
    (tmp_path / "sources").mkdir()
    page = (
        "<!DOCTYPE html><html><head><title>Board</title><script>var lay = 1;</script></head>"
        "<body><h1>Exampleshire Safeguarding Children Board</h1><h2>Membership</h2>"
        "<p>There is currently one lay member on the board. The chair has been in post "
        "since June 2013.</p><h2>Section 11</h2><p>The most recent section 11 audits were "
        "undertaken in 2011.</p></body></html>"
    )
    (tmp_path / "sources" / "board.html").write_text(page, encoding="utf-8")
    args = ("sources/board.html", "--board", "Exampleshire LSCB", "--date", "2014-04-02")
    ran = lscb("extract", *args, "--format", "json", cwd=tmp_path)
    assert (ran.returncode, ran.stderr) == (0, "")
    first = {c["fact"]: c for c in json.loads(ran.stdout)["candidates"] if c["rank"] == 1}
    lay = first["lay_members_appointed"]
    assert (lay["locator"], lay["value"]) == ({"section": "Membership"}, 1)
    assert lay["quote"] == "There is currently one lay member on the board."
    round_ = first["section_11_round_last_completed"]
    assert (round_["locator"], round_["value"]) == ({"section": "Section 11"}, 2011)
    kind = ("--kind", "board-website")
    assert lscb("extract", *args, *kind, "-o", "draft.yaml", cwd=tmp_path).returncode == 0
    _accept(tmp_path, "draft.yaml", rulebook, "2014-04-02", least=2)


def test_sentences_are_located_as_locate_locates_them() -> None:
    """`sentences` locates in one sweep; `SourceText.locate` is the rule it must keep."""
    for name in (LETTER, "bexley-2014-ofsted-inspection-and-lscb-review.txt"):
        text = SourceText.read(EVIDENCE / "sources" / name)
        found = sentences(text)
        assert len(found) > 200
        assert all(s.located == text.locate(s.span) for s in found)


def test_a_long_file_name_gives_a_short_key(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    name = "bromley-2016-ofsted-inspection-and-lscb-review.txt"
    shutil.copy(EVIDENCE / "sources" / name, tmp_path / "sources" / name)
    ran = lscb(
        "extract",
        f"sources/{name}",
        "--board",
        "B",
        "--date",
        DATE,
        "--format",
        "json",
        cwd=tmp_path,
    )
    (source,) = json.loads(ran.stdout)["sources"]
    assert source["key"] == "bromley-2016-ofsted-inspection-and-lscb"


def test_a_word_document_draft_is_located_by_its_heading_styles(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    document = docx.Document()
    document.add_heading("Minutes of the Safeguarding Children Board", level=1)
    document.add_heading("Lay members", level=2)
    document.add_paragraph("The board welcomed its two lay members to their first meeting.")
    document.save(str(tmp_path / "sources" / "minutes.docx"))
    args = ("sources/minutes.docx", "--board", "B", "--date", DATE, "--format", "json")
    ran = lscb("extract", *args, cwd=tmp_path)
    assert (ran.returncode, ran.stderr) == (0, "")
    (lay,) = [
        c for c in json.loads(ran.stdout)["candidates"] if c["fact"] == "lay_members_appointed"
    ]
    assert (lay["locator"], lay["value"], lay["board_part"]) == (
        {"section": "Lay members"},
        2,
        True,
    )


def test_a_sentence_for_several_facts_is_read_once(folder: Path, rulebook: Rulebook) -> None:
    """The reading load counts each sentence once, however many facts (or a finding) it is a
    candidate for; the draft says where a repeated sentence was read first, and its header
    gives the load."""
    draft, _inputs = extract(
        rulebook,
        [folder / "sources" / LETTER],
        board="Bexley LSCB",
        on=dt.date.fromisoformat(DATE),
        folder=folder,
    )
    first = reading(draft)
    shown = [
        (c.citation["source"], c.citation["quote"])
        for fact in draft.facts
        for c in fact.candidates[:READ_FIRST]
    ] + [(f.citation["source"], f.citation["quote"]) for f in draft.findings]
    assert set(first) == set(shown)
    assert len(first) < len(shown)  # the letter has sentences shown for several facts
    # The first place each is read is where it first stands in the draft.
    fact, candidate = next((fact, c) for fact in draft.facts for c in fact.candidates[:READ_FIRST])
    key = (candidate.citation["source"], candidate.citation["quote"])
    assert first[key] == f"{fact.fact} candidate {candidate.rank}"
    text = as_yaml(draft)
    assert f"# To read: {len(first)} sentences" in text
    repeated = len(shown) - len(first)
    unwrapped = re.sub(r"\n *# *", " ", text)  # a long comment is wrapped onto several lines
    assert unwrapped.count(": decide it there") == repeated


@pytest.mark.parametrize(
    ("cue", "text", "found"),
    [
        ("Section 11 audits", "A Section 11 audit was completed.", True),  # a plural made optional
        ("Section 11 audit", "The Section 11 audits were completed.", True),
        ("lay member role", "The lay members' role is set out.", True),  # an inner word's ending
        ("lay member role", "The lay member\u2019s role is set out.", True),
        ("lay member role", "The lay memberships role.", False),  # an ending, not any suffix
        ("serious case reviews", "a serious case review", True),
        ("status", "the statute", False),  # 'status' is not a plural
        ("LSCB", "the LSCBs", True),  # short words stand as written, from a word's start
        ("annual report", "an annual-report", False),
    ],
)
def test_a_phrase_matches_its_words_plural_or_possessive(cue: str, text: str, found: bool) -> None:
    parsed = parse_cue(cue)
    assert bool(parsed.regex.search(text)) is found
    assert parsed.literal is not None
    assert bool(parsed.literal.search(text.lower())) is found  # the fast path finds the same
