"""The draft: for each fact its ranked candidates, and the candidate findings.

A sentence's score for a fact is the sum of the weights of the fact's distinct cues it matches
(`rulebook.cues`), plus `BOARD_BONUS` inside the document's part on the board, less
`DIRECTION_PENALTY` for a reviewer's direction ("Ensure that ...", "should": a finding rather
than an observation, offered as one below), when the cues alone score above nothing. A heading
is not a candidate: it names a subject and states nothing of it. Candidates rank by score, then by where they stand (the documents in
the order given, then the sentence's place in its document): deterministic, and each rank
explained by the cues it lists. The first `most` candidates whose quote a locator verifies are
kept.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from compliance.evidence.model import SourceRef
from compliance.evidence.quotes import Citing
from compliance.evidence.sources import SourceText
from compliance.evidence.worded import propose
from compliance.extract.board import BOARD_BONUS, in_board_part
from compliance.extract.conclusions import DIRECTION, DIRECTION_PENALTY, ORDER, conclusion
from compliance.extract.locate import verified_citation
from compliance.extract.sentences import Sentence, sentences
from compliance.rulebook import Rulebook
from compliance.rulebook.cues import Cue
from compliance.rulebook.vocabulary import FactDefinition

# How many candidates a fact keeps, and how many candidate findings a draft offers at most.
MOST_CANDIDATES = 10
MOST_FINDINGS = 40
ATTEMPTS = 3
# The least score a candidate needs: one strong cue, or two weaker ones. A single weak cue
# ("procedures", "monitor") finds too many sentences to be worth a reviewer's time.
MIN_SCORE = 3.0
# How many candidates of each fact a reviewer is asked to read: the rest are there if those fail.
READ_FIRST = 3


@dataclass(frozen=True)
class DraftSource:
    """A document the draft quotes: its key, its path as the draft writes it, and its kind."""

    key: str
    file: str
    kind: str | None
    text: SourceText
    first_heading: str | None = None


@dataclass(frozen=True)
class Candidate:
    """A sentence that may state a fact: its place in the ranking, and why it is there."""

    fact: str
    rank: int
    score: float
    cues: tuple[str, ...]
    board_part: bool
    citation: dict[str, Any]
    value: Any = None  # a proposal, never an assertion; None where none is read safely
    direction: bool = False  # a reviewer's direction ("Ensure that ...", "should"): ranked lower


@dataclass(frozen=True)
class FactDraft:
    fact: str
    definition: FactDefinition
    question: str
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class FindingCandidate:
    """A sentence that may be a reviewer's conclusion, with what its words suggest."""

    rank: int
    cue: str
    says: str
    about: tuple[str, ...]
    citation: dict[str, Any]


@dataclass(frozen=True)
class Draft:
    board: str
    date: dt.date
    kind: str | None
    sources: tuple[DraftSource, ...]
    facts: tuple[FactDraft, ...]
    findings: tuple[FindingCandidate, ...]


@dataclass(frozen=True)
class _Scored:
    score: float
    order: tuple[int, int]
    source: int
    sentence: Sentence
    cues: tuple[str, ...]
    board_part: bool
    direction: bool


def make_draft(
    rulebook: Rulebook,
    sources: Sequence[DraftSource],
    citing: Citing,
    *,
    board: str,
    on: dt.date,
    kind: str | None,
    most: int = MOST_CANDIDATES,
) -> Draft:
    """The draft for `board` on `on` from `sources` (read already, in `citing`)."""
    read = [(i, source, sentences(source.text)) for i, source in enumerate(sources)]
    sources = [
        replace(
            source,
            first_heading=next((s.located.heading for s in found if s.located.heading), None),
        )
        for _i, source, found in read
    ]
    flags = {i: in_board_part([s.located.heading for s in found]) for i, _source, found in read}
    # Each sentence read once for a reviewer's conclusion: it ranks candidates (a direction is
    # ranked lower) and offers the candidate findings.
    concluded = {
        (i, j): conclusion(s.quote) for i, _source, found in read for j, s in enumerate(found)
    }
    directions = {key: said is not None and said[1] == DIRECTION for key, said in concluded.items()}
    refs = {source.key: SourceRef.model_construct(file=source.file) for source in sources}
    joined = [_Joined(found) for _i, _source, found in read]
    facts, best_fact = [], {}
    for name, definition in rulebook.vocabulary.facts.items():
        scored = []
        for i, _source, found in read:
            hits = joined[i].matches(definition.cues)
            for j in sorted(hits):
                sentence = found[j]
                if sentence.quote == sentence.located.heading:
                    continue  # a heading names a subject; it states nothing of it
                matched = hits[j]
                total = sum(c.weight for c in matched)
                if total <= 0:
                    continue
                inside, direction = flags[i][j], directions[i, j]
                score = total + (BOARD_BONUS if inside else 0)
                score -= DIRECTION_PENALTY if direction else 0
                if score < MIN_SCORE:
                    continue
                labels = tuple(c.label for c in matched)
                scored.append(_Scored(score, (i, j), i, sentence, labels, inside, direction))
                if score > best_fact.get((i, j), ("", 0))[1]:
                    best_fact[(i, j)] = (name, score)
        scored.sort(key=lambda s: (-s.score, s.order))
        candidates: list[Candidate] = []
        quoted: set[str] = set()
        # A sentence whose quote no locator verifies is passed over, a few times `most` at most:
        # a failed check reads the whole document to say why, and that is bounded too.
        tried = 0
        for each in scored:
            if len(candidates) >= most or tried >= ATTEMPTS * most:
                break
            if each.sentence.quote in quoted:
                continue
            tried += 1
            source = sources[each.source]
            paged = source.text.pages is not None
            citation = verified_citation(each.sentence, source.key, refs[source.key], citing, paged)
            if citation is None:
                continue
            quoted.add(each.sentence.quote)
            value = propose(definition, each.sentence.quote, on)
            candidates.append(
                Candidate(
                    name,
                    len(candidates) + 1,
                    round(each.score, 2),
                    each.cues,
                    each.board_part,
                    citation,
                    value,
                    each.direction,
                )
            )
        facts.append(FactDraft(name, definition, _question(rulebook, name), tuple(candidates)))
    findings = _findings(
        rulebook,
        sources,
        read=read,
        concluded=concluded,
        flags=flags,
        best_fact=best_fact,
        refs=refs,
        citing=citing,
    )
    return Draft(board, on, kind, tuple(sources), tuple(facts), findings)


def reading(draft: Draft) -> dict[tuple[str, str], str]:
    """What a reviewer reads, each sentence once: for every (source, quote) among the first
    `READ_FIRST` candidates of a fact or among the candidate findings, where it is first read
    ("lay_members_appointed candidate 1", "finding 4"), in the order the draft is written. A sentence that is a
    candidate for several facts, or a fact's candidate and a finding, is read once and decided
    for all of them; `len(reading(draft))` is the reading load."""
    first: dict[tuple[str, str], str] = {}
    for fact in draft.facts:
        for candidate in fact.candidates[:READ_FIRST]:
            key = (candidate.citation["source"], candidate.citation["quote"])
            first.setdefault(key, f"{fact.fact} candidate {candidate.rank}")
    for finding in draft.findings:
        key = (finding.citation["source"], finding.citation["quote"])
        first.setdefault(key, f"finding {finding.rank}")
    return first


class _Joined:
    """A document's sentences joined into one text, so that each cue is run once over the
    document rather than once a sentence (a long report has tens of thousands of sentences),
    and a cue several facts share once for all of them. The separator is neither a word nor
    whitespace, so a phrase cannot run on from one sentence into the next; a pattern's match
    counts only where it lies within one sentence."""

    SEPARATOR = "\n\x00\n"

    def __init__(self, found: list[Sentence]) -> None:
        self.text = self.SEPARATOR.join(s.quote for s in found)
        lowered = self.text.lower()
        # A phrase is matched in the lower-cased text, where offsets are the text's own
        # (lower-casing a few letters, such as a dotted capital I, lengthens them).
        self.lowered = lowered if len(lowered) == len(self.text) else None
        self.starts, at = [], 0
        for sentence in found:
            self.starts.append(at)
            at += len(sentence.quote) + len(self.SEPARATOR)
        self._hits: dict[str, list[int]] = {}

    def matches(self, cues: Sequence[Cue]) -> dict[int, list[Cue]]:
        """For each sentence (by index) that some cue matches, those cues, in their order."""
        found: dict[int, list[Cue]] = {}
        for cue in cues:
            for j in self._sentences(cue):
                found.setdefault(j, []).append(cue)
        return found

    def _sentences(self, cue: Cue) -> list[int]:
        """The sentences the cue matches, in order: found once a document for each cue."""
        key = cue.regex.pattern
        if key not in self._hits:
            if cue.literal is not None and self.lowered is not None:
                text = self.lowered
                spans = (
                    (m.start(), m.end())
                    for m in cue.literal.finditer(text)
                    if m.start() == 0 or not _word(text[m.start() - 1])
                )
            else:
                spans = ((m.start(), m.end()) for m in cue.regex.finditer(self.text))
            hits: list[int] = []
            for start, end in spans:
                j = bisect_right(self.starts, start) - 1
                ends = (
                    self.starts[j + 1] - len(self.SEPARATOR)
                    if j + 1 < len(self.starts)
                    else len(self.text)
                )
                if end <= ends and (not hits or hits[-1] != j):
                    hits.append(j)
            self._hits[key] = hits
        return self._hits[key]


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _question(rulebook: Rulebook, fact: str) -> str:
    """The question a requirement reading the fact asks of it, or the fact's meaning."""
    for requirement in rulebook.requirements.values():
        asked = requirement.questions.get(fact)
        if asked:
            return asked
    return rulebook.vocabulary[fact].meaning


def _findings(
    rulebook: Rulebook,
    sources: Sequence[DraftSource],
    *,
    read: list[tuple[int, DraftSource, list[Sentence]]],
    concluded: dict[tuple[int, int], tuple[str, str] | None],
    flags: dict[int, list[bool]],
    best_fact: dict[tuple[int, int], tuple[str, float]],
    refs: dict[str, SourceRef],
    citing: Citing,
) -> tuple[FindingCandidate, ...]:
    """Conclusions inside a part on the board, or speaking to some fact: those on the board
    first, judgements before directions, then the most relevant, then in document order."""
    readers: dict[str, list[str]] = {}
    for rid in rulebook.requirements:
        for fact in rulebook.reads(rid):
            readers.setdefault(fact, []).append(rid)
    found = []
    for i, _source, sentences_ in read:
        for j, sentence in enumerate(sentences_):
            said = concluded[i, j]
            fact, score = best_fact.get((i, j), (None, 0.0))
            if said is None or not (flags[i][j] or fact):
                continue
            found.append((not flags[i][j], ORDER[said[0]], -score, (i, j), sentence, said, fact))
    found.sort(key=lambda f: f[:4])
    findings: list[FindingCandidate] = []
    for _outside, _kind, _score, (i, _j), sentence, (cue, says), fact in found[
        : ATTEMPTS * MOST_FINDINGS
    ]:
        if len(findings) >= MOST_FINDINGS:
            break
        source = sources[i]
        paged = source.text.pages is not None
        citation = verified_citation(sentence, source.key, refs[source.key], citing, paged)
        if citation is None:
            continue
        about = tuple(readers.get(fact, ())) if fact else ()
        findings.append(FindingCandidate(len(findings) + 1, cue, says, about, citation))
    return tuple(findings)
