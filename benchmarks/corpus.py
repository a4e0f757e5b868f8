"""Generated evidence folders like the bundled one, for figures at scale.

    from benchmarks.corpus import generate
    files = generate(Path("/tmp/corpus"), 10_000)

Each file is a copy of one of the bundled evidence files (taken in turn) with the board, the
area and the evidence date changed, about a fifth of its facts dropped and about a fifth of
the rest given another value the vocabulary allows. Every quote still cites the bundled
documents, copied once into the folder's `sources/`, so every file loads and every quote is
verified as in real use; the verdicts vary because the facts and the dates do.

The files are written as text, edited line by line from the templates: dumping YAML would
take longer than everything else, and would lose the templates' comments and folded quotes,
which the parser's figures should include.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVIDENCE = ROOT / "evidence"

FACT_START = re.compile(r"^  ([a-z][a-z0-9_]*):\s*$")
SINGLE_VALUE = re.compile(r"^    value: (.*)$")
PLAIN_DATE = re.compile(r"^  date: (\d{4}-\d{2}-\d{2})\s*$")
DROP, CHANGE = 0.2, 0.2
LATEST = dt.date(2020, 12, 31)  # a day long past, after every bundled evidence date


@dataclass(frozen=True)
class Fact:
    name: str
    lines: tuple[str, ...]  # the fact's whole block, as the template writes it
    choices: tuple[str, ...]  # other values it may take, as YAML text; () to keep its own


@dataclass(frozen=True)
class Template:
    head: tuple[str, ...]  # assessment and sources, up to and including "facts:"
    facts: tuple[Fact, ...]
    tail: tuple[str, ...]  # findings, if any


def templates() -> list[Template]:
    """The bundled evidence files, cut into fact blocks that can be dropped or changed."""
    from compliance.rulebook import load_rulebook

    vocabulary = load_rulebook(ROOT / "rules").vocabulary
    found = []
    for path in sorted(EVIDENCE.glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        start = lines.index("facts:") + 1
        end = next((i for i in range(start, len(lines)) if re.match(r"^[a-z]", lines[i])), None)
        end = len(lines) if end is None else end
        blocks: list[list[str]] = []
        head = list(lines[:start])
        for line in lines[start:end]:
            if FACT_START.match(line):
                blocks.append([line])
            elif blocks:
                blocks[-1].append(line)
            else:
                head.append(line)  # a comment before the first fact
        facts = []
        for block in blocks:
            name = FACT_START.match(block[0]).group(1)  # type: ignore[union-attr]
            facts.append(Fact(name, tuple(block), _choices(vocabulary.facts[name], block)))
        found.append(Template(tuple(head), tuple(facts), tuple(lines[end:])))
    return found


def _choices(definition: object, block: list[str]) -> tuple[str, ...]:
    """Other values for a fact stated once with a plain value (a count, yes-no or level)."""
    from compliance.evidence.worded import propose

    single = SINGLE_VALUE.match(block[1]) if len(block) > 1 else None
    kind = getattr(definition, "type", None)
    if single is None or kind == "date":
        return ()
    if kind == "count":
        # a count its own quote states is kept: another value would be refused (evidence.worded)
        quoted = " ".join(line.strip().removeprefix("quote:").strip() for line in block)
        stated = propose(definition, quoted, LATEST)  # type: ignore[arg-type]
        return () if stated is not None else tuple(str(n) for n in range(6))
    if kind == "yes-no":
        return ("true", "false")
    return tuple(str(level) for level in getattr(definition, "options", ()))


def render(template: Template, number: int, rng: random.Random) -> str:
    """One generated file: a template with its board, date and facts varied."""
    out = [_varied(line, number, rng) for line in template.head]
    for fact in template.facts:
        if rng.random() < DROP:
            continue
        lines = list(fact.lines)
        if fact.choices and rng.random() < CHANGE:
            lines[1] = f"    value: {rng.choice(fact.choices)}"
        out += lines
    out += template.tail
    return "\n".join(out) + "\n"


def _varied(line: str, number: int, rng: random.Random) -> str:
    if line.startswith("  board: "):
        return f"  board: Exampleshire {number} Safeguarding Children Board"
    if line.startswith("  area: "):
        return f"  area: Exampleshire {number}"
    match = PLAIN_DATE.match(line)
    if match is None:
        return line
    day = dt.date.fromisoformat(match.group(1))
    later = min(day + dt.timedelta(days=rng.randrange(3 * 365)), LATEST)
    return f"  date: {later.isoformat()}"  # later only: no source speaks for after it


def generate(folder: Path, count: int, seed: int = 1) -> list[Path]:
    """`count` evidence files in `folder`, the bundled sources in `folder/sources`.

    The folder is emptied first. The files are returned in the order a folder scan gives."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(EVIDENCE / "sources", folder / "sources")
    rng = random.Random(seed)
    found = templates()
    width = len(str(max(count - 1, 1)))
    paths = []
    for number in range(count):
        path = folder / f"board-{number:0{width}d}.yaml"
        path.write_text(render(found[number % len(found)], number, rng), encoding="utf-8")
        paths.append(path)
    return paths
