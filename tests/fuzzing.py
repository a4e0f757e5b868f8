"""Helpers for the fuzz tests (tests/test_fuzz.py): generated inputs and an isolated runner.

Every input the fuzz tests hand to the tool is generated here: valid evidence built from the
fact vocabulary with quotes that really stand in a bundled document, arbitrary YAML-ish
structures (with the odd scalars, tags, anchors and aliases a hand-edited file may hold) put
where an evidence file has values, byte-level mutations of the bundled files, and structural
mutations of the rulebook's files.

The tool runs in a forked child (`isolated`): a crash in C code (libyaml, durable_rules) or a
loop that never yields to a signal handler cannot take the test run with it. A run still going
after GUARD seconds is killed and reported as a hang: minutes, so that only a true hang reaches
it however busy the machine. That the tool's work is bounded is the library's own budgets' job
(the YAML node budget, the quote-reading budget), asserted by the tests that count it, not by a
clock here.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import pickle
import re
import selectors
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from compliance.engine import EngineError
from compliance.evidence.worded import propose
from compliance.reading.errors import InputError
from tests.conftest import EVIDENCE

SOURCES = EVIDENCE / "sources"
LETTER = SOURCES / "bexley-2015-lga-lscb-diagnostic-letter.txt"
BUNDLED = sorted(EVIDENCE.glob("*.yaml"))
MAX_MESSAGE = 400  # a problem is one line a person reads: it must be short
GUARD = 120.0  # seconds: a guard against a true hang, not a speed goal (the benchmark's)

# -- running the tool in a child process --------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What one run of the tool did, as the parent sees it."""

    kind: str  # ok, input, engine, crash (another exception), hang (killed), died (a signal)
    seconds: float
    detail: str = ""  # the traceback's last lines for a crash, the message for an error
    problems: tuple[
        tuple[bool, str, int | None, str], ...
    ] = ()  # (path is a Path, path, line, str)
    value: Any = None  # what the function returned, when it returned (picklable)

    def describe(self) -> str:
        return f"{self.kind} after {self.seconds:.2f}s: {self.detail[-1500:]}"


def _problems(exc: InputError) -> tuple[tuple[bool, str, int | None, str], ...]:
    return tuple(
        (isinstance(p.path, Path), str(p.path), p.line, str(p))
        for p in getattr(exc, "problems", ())
    )


def _tail(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc)[-4:])


def _child(fn: Callable[[], Any]) -> Outcome:
    start = time.monotonic()
    try:
        value = fn()
    except InputError as exc:
        return Outcome("input", time.monotonic() - start, str(exc)[:3000], _problems(exc))
    except EngineError as exc:
        return Outcome("engine", time.monotonic() - start, str(exc)[:3000])
    except BaseException as exc:  # a bug: what the fuzz tests are looking for
        return Outcome("crash", time.monotonic() - start, _tail(exc))
    return Outcome("ok", time.monotonic() - start, value=value)


def isolated(fn: Callable[[], Any], timeout: float = GUARD) -> Outcome:
    """Run `fn` in a forked child; its outcome, or a hang if it outlasts `timeout` seconds."""
    read, write = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read)
        try:
            outcome = _child(fn)
            try:
                data = pickle.dumps(outcome)
            except Exception as exc:
                data = pickle.dumps(Outcome("crash", outcome.seconds, f"unpicklable result: {exc}"))
            with os.fdopen(write, "wb") as pipe:
                pipe.write(data)
        finally:
            os._exit(0)
    os.close(write)
    chunks: list[bytes] = []
    with selectors.DefaultSelector() as selector:
        selector.register(read, selectors.EVENT_READ)
        done = False
        while not done:
            left = timeout - (time.monotonic() - start)
            if left <= 0 or not selector.select(left):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                os.close(read)
                return Outcome("hang", time.monotonic() - start, f"killed after {timeout}s")
            chunk = os.read(read, 1 << 16)
            chunks.append(chunk)
            done = not chunk
    os.close(read)
    _, status = os.waitpid(pid, 0)
    if not b"".join(chunks):
        return Outcome("died", time.monotonic() - start, f"child exited with status {status}")
    return pickle.loads(b"".join(chunks))  # our own child's data


def bad_problems(outcome: Outcome) -> list[str]:
    """What is wrong with the problems of an InputError: each needs a path and one short line."""
    wrong = []
    if not outcome.problems:
        wrong.append("an InputError with no problem in it")
    for is_path, path, _line, text in outcome.problems:
        if not is_path or not path:
            wrong.append(f"a problem without a path: {text!r}")
        if "\n" in text or "\r" in text:
            wrong.append(f"a problem over more than one line: {text[:600]!r}")
        if len(text) >= MAX_MESSAGE:
            wrong.append(f"a problem of {len(text)} characters: {text[:300]!r}...")
    return wrong


# -- quotes that really stand in a bundled document ---------------------------------------------


@dataclass(frozen=True)
class Quoted:
    """A citation known to hold: the document (a file name in sources/), locator and quote."""

    document: str
    locator: tuple[str, int | str]  # ("paragraph", 12) or ("section", "Heading")
    quote: str

    def as_yaml(self, source_key: str) -> dict[str, Any]:
        kind, where = self.locator
        return {"source": source_key, kind: where, "quote": self.quote}


def bundled_citations() -> list[Quoted]:
    """Every citation in the bundled evidence files (they load, so each is valid)."""
    found: dict[Quoted, None] = {}
    for path in BUNDLED:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        files = {key: Path(ref["file"]).name for key, ref in data["sources"].items()}
        statements = []
        for entry in (data.get("facts") or {}).values():
            statements += entry if isinstance(entry, list) else [entry]
        statements += data.get("findings") or []
        for statement in statements:
            for c in statement["citations"]:
                kind = "paragraph" if "paragraph" in c else "section"
                found[Quoted(files[c["source"]], (kind, c[kind]), c["quote"])] = None
    return list(found)


def _is_heading(line: str, before: str, after: str) -> bool:
    """A heading as the letter's headings are written: a short line standing alone."""
    if before or after or not line or len(line) > 200 or line.isdigit():
        return False
    if line[0] in "-\u2022" or (line[0] == "*" and not line.startswith("**")):
        return False
    return line[-1] not in ".,;!" and any(c.isalpha() for c in line)


def letter_sections(path: Path = LETTER) -> list[tuple[str, list[list[str]]]]:
    """The letter's sections: (heading, the words of each line under it) in document order."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n")]
    sections: list[tuple[str, list[list[str]]]] = []
    for i, line in enumerate(lines):
        before = lines[i - 1] if i else ""
        after = lines[i + 1] if i + 1 < len(lines) else ""
        if _is_heading(line, before, after):
            sections.append((line, []))
        elif sections and len(line.split()) >= 3:
            sections[-1][1].append(line.split())
    return [(heading, body) for heading, body in sections if body]


SECTIONS = letter_sections()
POOL = bundled_citations()


@st.composite
def letter_slices(draw: st.DrawFn) -> Quoted:
    """A sentence-sized run of words from one line of the letter, located by its section."""
    heading, body = draw(st.sampled_from(SECTIONS))
    words = draw(st.sampled_from(body))
    length = draw(st.integers(3, min(30, len(words))))
    start = draw(st.integers(0, len(words) - length))
    return Quoted(LETTER.name, ("section", heading), " ".join(words[start : start + length]))


# -- valid evidence -----------------------------------------------------------------------------


def _month_end(day: dt.date) -> dt.date:
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


@st.composite
def date_not_after(draw: st.DrawFn, latest: dt.date, bounded: bool = False) -> Any:
    """A date value in a form the vocabulary accepts, starting no later than `latest`; when
    `bounded`, with both ends and ending no later than `latest` (a date a document speaks for)."""
    first = dt.date(1990, 1, 1)
    day = draw(st.dates(first, latest))
    forms: list[Any] = [day.isoformat(), {"last_months": draw(st.integers(1, 48)), "to": str(day)}]
    other = draw(st.dates(first, day))
    if other < day:
        forms.append({"from": other.isoformat(), "to": day.isoformat()})
    if not bounded or _month_end(day) <= latest:
        forms.append(day.strftime("%Y-%m"))
    if not bounded or dt.date(day.year, 12, 31) <= latest:
        forms += [day.year, str(day.year)]
    if day.month >= 4 and (not bounded or dt.date(day.year + 1, 3, 31) <= latest):
        forms.append(f"{day.year}/{(day.year + 1) % 100:02d}")
    if not bounded:
        forms += ["never", {"before": day.isoformat()}]
        if other < day:
            forms += [{"after": str(other)}, {"from": str(other)}]
        if (day - other).days >= 2:
            forms.append({"after": str(other), "before": str(day)})
    return draw(st.sampled_from(forms))


def value_of(definition: Any, latest: dt.date) -> st.SearchStrategy[Any]:
    if definition.type == "count":
        bound = st.integers(0, 12)
        return st.one_of(
            bound,
            st.fixed_dictionaries({"at_least": bound}),
            st.fixed_dictionaries({"at_most": bound}),
            bound.flatmap(
                lambda low: st.integers(low, low + 6).map(lambda h: {"at_least": low, "at_most": h})
            ),
        )
    if definition.type == "date":
        return date_not_after(latest)
    if definition.type == "yes-no":
        return st.booleans()
    options = list(definition.options)
    some = st.lists(st.sampled_from(options), min_size=1, max_size=len(options), unique=True)
    return st.one_of(st.sampled_from(options), some.map(lambda chosen: {"one_of": chosen}))


@dataclass(frozen=True)
class Generated:
    """A valid evidence file as data, and the documents its sources/ folder must hold."""

    data: dict[str, Any]
    documents: tuple[str, ...]

    def permuted(self, facts: list[str], sources: list[str]) -> dict[str, Any]:
        """The same file with its facts and sources written in another order."""
        data = dict(self.data)
        data["sources"] = {key: self.data["sources"][key] for key in sources}
        data["facts"] = {name: self.data["facts"][name] for name in facts}
        return data


def source_key(document: str) -> str:
    return "src-" + re.sub(r"[^a-z0-9]+", "-", document.removesuffix(".txt").lower())


def _unread(citations: list[dict[str, Any]], definition: Any, on: dt.date) -> list[Any]:
    """The citations whose quotes state no count or date plainly: a drawn value may stand on
    them. (A value its own quote states otherwise is refused: evidence.worded.)"""
    return [
        c
        for c in citations
        if not isinstance(propose(definition, " ".join(c["quote"].split()), on), (int, str))
    ]


@st.composite
def statement_of(
    draw: st.DrawFn, definition: Any, first: dt.date, citations: st.SearchStrategy[Any]
) -> dict[str, Any] | None:
    """One statement of a fact, or None where every quote drawn states a count or date."""
    statement = {"value": draw(value_of(definition, first))}
    statement["citations"] = _unread(draw(citations), definition, first)
    if not statement["citations"]:
        return None
    if draw(st.integers(0, 3)) == 0:
        statement["note"] = draw(st.text(max_size=40))
    if draw(st.integers(0, 4)) == 0:
        statement["holds_for"] = draw(date_not_after(first, bounded=True))
    return statement


@st.composite
def valid_evidence(draw: st.DrawFn, rulebook: Any) -> Generated:
    """An evidence file that must load: known facts, right types, real quotes, no future."""
    vocabulary = rulebook.vocabulary.facts
    kinds = list(rulebook.source_kinds.kinds)
    first = draw(st.dates(dt.date(2004, 1, 1), dt.date(2021, 12, 31)))
    last = first + dt.timedelta(days=draw(st.sampled_from([0, 0, 0, 30, 200])))
    date: Any = first.isoformat() if last == first else {"from": str(first), "to": str(last)}
    pool = [*POOL, *draw(st.lists(letter_slices(), min_size=1, max_size=8))]
    documents = sorted({q.document for q in pool})
    chosen = draw(st.lists(st.sampled_from(documents), min_size=1, max_size=4, unique=True))
    quotable = [q for q in pool if q.document in chosen]
    sources = {}
    for document in chosen:
        ref: dict[str, Any] = {
            "file": f"sources/{document}",
            "title": f"The document {document}",
            "publisher": draw(st.sampled_from(["Ofsted", "LGA", "The board"])),
            "kind": draw(st.sampled_from(kinds)),
            "published": draw(st.dates(dt.date(2000, 1, 1), first)).isoformat(),
        }
        if draw(st.booleans()):
            ref["covers"] = draw(date_not_after(first, bounded=True))
        sources[source_key(document)] = ref
    citations = st.lists(st.sampled_from(quotable), min_size=1, max_size=3).map(
        lambda qs: [q.as_yaml(source_key(q.document)) for q in qs]
    )
    facts: dict[str, Any] = {}
    names = draw(
        st.lists(st.sampled_from(sorted(vocabulary)), min_size=1, max_size=12, unique=True)
    )
    for name in names:
        drawn = [draw(statement_of(vocabulary[name], first, citations)) for _ in range(3)]
        statements = [s for s in drawn[: draw(st.integers(1, 3))] if s is not None]
        if statements:
            single = len(statements) == 1 and draw(st.booleans())
            facts[name] = statements[0] if single else statements
    findings = []
    subjects = st.sampled_from(["board", *sorted(rulebook.requirements)])
    for _ in range(draw(st.integers(0, 2))):
        finding = {
            "about": draw(st.one_of(subjects, st.lists(subjects, min_size=1, max_size=3))),
            "says": draw(st.sampled_from(["met", "partly-met", "unmet", "improvement-needed"])),
            "citations": draw(citations),
        }
        if draw(st.booleans()):
            finding["on"] = draw(date_not_after(first, bounded=True))
        if finding["about"] == "board" and draw(st.booleans()):  # an inspectorate's grade
            scale = draw(st.sampled_from(sorted(rulebook.grade_scales.scales)))
            grades = sorted(rulebook.grade_scales.scales[scale].grades)
            finding["grade"] = {"scale": scale, "grade": draw(st.sampled_from(grades))}
            if draw(st.booleans()):
                del finding["says"]
        findings.append(finding)
    data = {
        "assessment": {
            "board": "Fuzzshire Local Safeguarding Children Board",
            "area": "Fuzzshire",
            "date": date,
            "date_basis": "Generated by the fuzz tests.",
            "kind": draw(st.sampled_from(kinds)),
            "title": "A generated assessment",
        },
        "sources": sources,
        "facts": facts,
    }
    if findings:
        data["findings"] = findings
    return Generated(data, tuple(chosen))


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


# -- arbitrary YAML-ish structures ------------------------------------------------------------


@dataclass(frozen=True)
class Raw:
    """YAML text written as it is: a tag, an anchor, an alias, a number no parser likes."""

    text: str

    def __repr__(self) -> str:  # hypothesis shows failing examples; keep them readable
        shown = self.text if len(self.text) <= 80 else f"{self.text[:60]!r}... ({len(self.text)})"
        return f"Raw({shown})"


@dataclass(frozen=True)
class Big:
    """A long text value: `piece` written `times` times (shown short in failing examples)."""

    piece: str
    times: int

    @property
    def text(self) -> str:
        return self.piece * self.times


def alias_bomb(width: int, depth: int) -> Raw:
    """Anchored lists, each holding `width` aliases of the one before: width**depth leaves."""
    levels = ["&b0 [" + ", ".join(["lol"] * width) + "]"]
    levels += [f"&b{i} [" + ", ".join([f"*b{i - 1}"] * width) + "]" for i in range(1, depth)]
    return Raw("[" + ", ".join(levels) + "]")


ODD_TOKENS = [
    "!!int abc",
    "!!float xyz",
    "!!bool maybe",
    '!!bool ""',
    "!!int ''",
    "!!int +_",
    "!!float",
    "!!timestamp x",
    "!!timestamp 2015-02-26 10:00",
    "!!null x",
    "!!binary aGVsbG8=",
    '!!binary "%%%"',
    "!!python/object:os.system {}",
    "!!python/name:os.system",
    "!!python/object/apply:os.getcwd []",
    "!!timestamp 2015-02-30",
    "!!timestamp 2015-02-26",
    "!!timestamp 2015-02-26 10:00:00",
    "!!set {a: null}",
    "!!omap [{a: 1}, {a: 2}]",
    "!!pairs [{a: 1}]",
    "!!str 12",
    "!!map [1]",
    "!!seq {a: 1}",
    "!custom thing",
    "!<tag:yaml.org,2002:int> 0x",
    "2015-02-30",
    "2015-13-01",
    "0000-01-01",
    "2015-02-26 10:00:00",
    "2015-02-26T10:00:00Z",
    ".nan",
    "-.inf",
    ".inf",
    "1e999",
    "0x1F",
    "0o17",
    "0b101",
    "+12_000",
    "-0",
    "190:20:30",
    "9" * 5000,
    "-" + "9" * 30,
    "~",
    "yes",
    "on",
    "<<",
    "=",
    '"\\x00"',
    '"\\ud800"',
    '"\\udfff\\ud800"',
    '"a\\nb"',
    '"\\r"',
    '"\\x1b[31mred"',
    '"\\u202e"',
    '"\\ufeff"',
    "&r [*r]",
    "&r {k: *r}",
    "&r [[[*r]]]",
    "*nosuch",
    "{<<: [1]}",
    "{<<: {a: 1}}",
    "{<<: *nosuch}",
    "{[a]: b}",
    "{{a: 1}: b}",
    "[" * 600 + "]" * 600,
    "{a: " * 300 + "x" + "}" * 300,
    "[" * 3000 + "]" * 3000,
    "'",
    "[",
    '"unterminated',
    "@reserved",
    "`reserved",
    "? complex",
    "| literal",
]
KEYS = [
    "assessment",
    "sources",
    "facts",
    "findings",
    "board",
    "area",
    "date",
    "date_basis",
    "kind",
    "title",
    "file",
    "publisher",
    "published",
    "covers",
    "value",
    "citations",
    "source",
    "paragraph",
    "section",
    "quote",
    "note",
    "holds_for",
    "about",
    "says",
    "grade",
    "scale",
    "by",
    "on",
    "at_least",
    "at_most",
    "one_of",
    "from",
    "to",
    "after",
    "before",
    "last_months",
    "lay_members_appointed",
    "cdop_in_place",
]
odd_text = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"])
    | st.sampled_from("\x00\x07\x1b\n\r\t\x85\u2028\ufeff\u202e"),
    max_size=30,
)
odd_ints = st.one_of(
    st.integers(-(2**70), 2**70), st.sampled_from([0, -1, 2**31, 2**63, 2**64, 10**100])
)
odd_floats = st.floats(allow_nan=True, allow_infinity=True)
plain_leaves = st.one_of(
    st.none(), st.booleans(), odd_ints, odd_floats, odd_text, st.dates().map(str)
)
raw_leaves = st.one_of(
    st.sampled_from(ODD_TOKENS).map(Raw),
    st.sampled_from(ODD_TOKENS).map(Raw),
    st.builds(alias_bomb, st.integers(2, 10), st.integers(2, 9)),
)
leaves = st.one_of(plain_leaves, raw_leaves)  # about half the leaves are odd YAML
keys = st.one_of(
    st.sampled_from(KEYS),
    odd_text,
    odd_ints,
    st.sampled_from(["!!int abc", "[a]", "{a: 1}", "~", "*nosuch", "&k key", "<<"]).map(Raw),
)
junk = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=12,
)


def emit(node: Any) -> str:
    """YAML text (flow style) for a tree of Python values and `Raw` pieces."""
    if isinstance(node, list):
        return "[" + ", ".join(emit(item) for item in node) + "]"
    if isinstance(node, dict):
        return "{" + ", ".join(f"{emit(k)}: {emit(v)}" for k, v in node.items()) + "}"
    return _scalar(node)


def _scalar(node: Any) -> str:
    if isinstance(node, Raw):
        text = node.text
    elif node is None:
        text = "null"
    elif isinstance(node, bool):
        text = "true" if node else "false"
    elif isinstance(node, float) and math.isnan(node):
        text = ".nan"
    elif isinstance(node, float) and math.isinf(node):
        text = ".inf" if node > 0 else "-.inf"
    elif isinstance(node, int | float):
        text = repr(node)
    elif isinstance(node, Big):
        text = json.dumps(node.text)
    elif isinstance(node, str):
        text = json.dumps(node)  # a double-quoted YAML scalar, escapes and all
    elif isinstance(node, dt.date):
        text = node.isoformat()
    else:
        raise TypeError(f"cannot emit {type(node).__name__}")
    return text


def paths_in(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in a tree of dicts and lists, the root included."""
    found = [here]
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths_in(value, (*here, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += paths_in(value, (*here, i))
    return found


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        node = node[part]
    return node


def _copy(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _copy(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_copy(v) for v in node]
    return node


# Values a hand-edited file might put where the evidence shape has a known field.
HOSTILE = {
    "file": st.sampled_from(
        [
            "sources/x\x00.txt",
            "sources/not-utf8.txt",
            "sources/loop.txt",
            "sources/empty.txt",
            "sources",
            "sources/",
            "/proc/self/mem",
            "/dev/null",
            "/etc/hostname",
            "../../../../../../etc/hostname",
            "sources/" + "x" * 300 + ".txt",
            "sources/" + "d/" * 40 + "x.txt",
            "",
            ".",
            "~/x.txt",
        ]
    ),
    "quote": st.one_of(
        st.sampled_from([Big("the ", 9000), Big("a ", 40000), Big("\x01 ", 3), Big("x", 100000)]),
        odd_text,
    ),
    "paragraph": st.one_of(odd_ints, st.sampled_from([0, 10**30, 2**63])),
    "section": st.one_of(odd_text, st.sampled_from([Big("x", 5000), "", "Dear Barbara"])),
    "date": st.sampled_from(
        [
            "2015-02-30",
            {"last_months": 10**20, "to": "2015-01-01"},
            {"last_months": 2**63, "to": 2015},
            {"after": "2099-12-31"},
            {"before": "1900-01-01"},
            {"after": "2099-12-31", "before": "1900-01-01"},
            {"from": "2099", "to": "1900"},
            "0001-01-01",
            "9999/00",
            "2099/00",
            "1899/00",
            "never",
            {},
        ]
    ),
}


HOSTILE_AT = {"published": "date", "covers": "date", "holds_for": "date", "on": "date"}


@st.composite
def broken_structures(draw: st.DrawFn, bases: st.SearchStrategy[Any]) -> str:
    """An evidence file's data, as YAML text, broken one of two ways: one field that the loader
    reads beyond its type (a source's file, a quote, a locator, a date) given a hostile value,
    the rest left valid; or junk put in anywhere, replacing, adding and removing values."""
    data = _copy(draw(bases))
    fields: dict[str, list[tuple[Any, ...]]] = {}
    for path in paths_in(data):
        field = HOSTILE_AT.get(str(path[-1]), path[-1]) if path else None
        if field in HOSTILE:
            fields.setdefault(field, []).append(path)
    if fields and draw(st.booleans()):
        field = draw(st.sampled_from(sorted(fields)))  # each kind of field as likely as another
        path = draw(st.sampled_from(fields[field]))
        _get(data, path[:-1])[path[-1]] = draw(HOSTILE[field])
    else:
        data = _junked(draw, data)
    prefix = draw(st.sampled_from(["", "", "--- ", "%YAML 1.1\n--- ", "\ufeff"]))
    suffix = draw(st.sampled_from(["", "", "\n", "\n...\n", "\n--- {}\n"]))
    return prefix + emit(data) + suffix


def _junked(draw: st.DrawFn, data: Any) -> Any:
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(paths_in(data)))
        parent = _get(data, path[:-1]) if path else None
        how = draw(st.sampled_from(["replace", "replace", "add", "delete", "wrap"]))
        if not path:
            data = draw(junk) if how != "wrap" else [data]
        elif how == "replace":
            parent[path[-1]] = draw(junk)
        elif how == "add" and isinstance(parent, dict):
            parent[draw(keys)] = draw(junk)
        elif how == "add":
            parent.append(draw(junk))
        elif how == "delete":
            del parent[path[-1]]
        else:
            parent[path[-1]] = [parent[path[-1]]]
    return data


# -- byte-level mutations ---------------------------------------------------------------------

INTERESTING = [
    b"\x00",
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",  # a UTF-16 surrogate, encoded as UTF-8 would: not UTF-8
    b"\xef\xbb\xbf",
    b"\t",
    b"\r",
    b"\x1b",
    b"\x85",
    b"\xe2\x80\xa8",
    b": ",
    b"- ",
    b"&a ",
    b"*a",
    b"!!binary ",
    b"!!python/object:os.system ",
    b"{",
    b"[",
    b"'",
    b'"',
    b"\n  ",
    b"\n",
    b"---\n",
    b"...\n",
    b"%YAML 1.1\n",
    b"<<: ",
    b"? ",
    b"|",
    b">",
    b"#",
    b"9" * 400,
]


@st.composite
def mutated_bytes(draw: st.DrawFn, originals: list[bytes]) -> bytes:
    """One of `originals` with a few byte-level edits: flip, insert, delete, truncate, splice."""
    data = bytearray(draw(st.sampled_from(originals)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        how = draw(st.sampled_from(["flip", "insert", "insert", "delete", "truncate", "splice"]))
        if how == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif how == "insert":
            data[at:at] = draw(st.one_of(st.sampled_from(INTERESTING), st.binary(max_size=8)))
        elif how == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif how == "truncate":
            del data[at:]
        elif how == "splice":
            lines = bytes(data).split(b"\n")
            other = draw(st.sampled_from(originals)).split(b"\n")
            i, j = draw(st.integers(0, len(lines))), draw(st.integers(0, len(other) - 1))
            count = draw(st.integers(1, 8))
            lines[i:i] = other[j : j + count]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def hostile_sources(folder: Path) -> None:
    """A sources/ folder with the documents, and with files a careless folder may hold."""
    sources = folder / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    for document in SOURCES.glob("*.txt"):
        (sources / document.name).write_bytes(document.read_bytes())
    (sources / "not-utf8.txt").write_bytes(b"The board \xff\xfe met \xc3( every month.\n")
    (sources / "empty.txt").write_bytes(b"")
    loop = sources / "loop.txt"
    if not loop.is_symlink():
        loop.symlink_to("loop.txt")


# -- rule files ---------------------------------------------------------------------------------

rule_leaves = st.one_of(
    st.none(),
    st.booleans(),
    odd_ints,
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(
        [
            "lscb-end",
            "2015-02-30",
            "1900-01-01",
            "2999-01-01",
            "met",
            "unmet",
            "partly-met",
            "not-applicable",
            "board",
            "count",
            "level",
            "date",
            "yes-no",
            "cycle_months",
            "{lay_members_appointed}",
            "{",
            "ca-2004",
            "wt-2015",
            "V-P",
            "statute",
        ]
    ),
    st.dates().map(str),
)
rule_junk = st.recursive(
    rule_leaves,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def mutated_rule_data(draw: st.DrawFn, data: Any, names: list[str]) -> Any:
    """A rule file's data with a few values replaced, keys dropped, renamed or retyped."""
    data = _copy(data)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths_in(data)))
        if not path:
            data = draw(rule_junk)
            continue
        parent = _get(data, path[:-1])
        here = parent[path[-1]]
        how = draw(
            st.sampled_from(["replace", "drop", "retype", "rename", "grow", "fact", "duplicate"])
        )
        if how == "replace":
            parent[path[-1]] = draw(rule_junk)
        elif how == "drop":
            del parent[path[-1]]
        elif how == "retype":
            parent[path[-1]] = (
                [here] if not isinstance(here, list) else {str(i): v for i, v in enumerate(here)}
            )
        elif how == "rename" and isinstance(parent, dict):
            parent[draw(st.sampled_from([*KEYS, *names]))] = parent.pop(path[-1])
        elif how == "grow":  # many values where a few are usual: the engine's limits
            parent[path[-1]] = {"one_of": list(range(draw(st.sampled_from([65, 600]))))}
        elif how == "fact":
            parent[path[-1]] = draw(st.sampled_from(names))
        elif isinstance(parent, list):
            parent.extend([here] * draw(st.integers(1, 40)))
    return data
