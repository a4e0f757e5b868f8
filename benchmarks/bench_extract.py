"""The recall of `lscb extract` on the bundled evidence (issue 18, point 6), tuned and held out.

    python benchmarks/bench_extract.py [--facts]

For each bundled evidence file, `extract` runs on the source documents the file names (with
the file's board, date and kind), and every quote the file cites for a fact is looked for among
that fact's candidates. A cited quote is FOUND at rank k when the k-th candidate of its fact,
from the same document, contains the quote, is contained in it, or shares a run of at least
`OVERLAP_WORDS` consecutive words with it (texts compared with whitespace, typographic quotes
and dashes, and letter case made plain). Recall@3 and recall@10 are the shares of cited quotes
found within the first 3 and the first 10 candidates of their fact.

The cues were tuned on Bexley 2014 and 2015 (`TUNED`); Bromley 2016 and Bexley 2018 were not
looked at while tuning (`HELD_OUT`), and their figures are printed apart, so the tuned figure
cannot pass for what a new report will give.

A reviewer reads the first 3 candidates of every fact that has any, and every candidate
finding, each sentence once (a sentence that is a candidate for several facts is read once and
decided for all: the draft says where it was read first): printed as "sentences to read", with the minutes they take at `SECONDS_PER_CANDIDATE`
(reading a sentence of about 30 words and deciding). The count does not grow with a report's
length past a point: at most 3 for each fact with cues, and `MOST_FINDINGS` findings, whatever
the pages; that bound, in minutes, is what a 60-page report's draft can take at most.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compliance.api import open_rulebook  # noqa: E402
from compliance.evidence.sources import canonical  # noqa: E402
from compliance.extract.draft import MOST_FINDINGS, READ_FIRST, reading  # noqa: E402
from compliance.extract.run import extract  # noqa: E402
from compliance.reading.yamlfile import load_yaml  # noqa: E402
from compliance.values.dates import parse_day_range  # noqa: E402

EVIDENCE = ROOT / "evidence"
TUNED = ("bexley-2014-ofsted-review.yaml", "bexley-2015-lga-diagnostic.yaml")
HELD_OUT = ("bromley-2016-ofsted-review.yaml", "bexley-2018-ofsted-ilacs.yaml")
OVERLAP_WORDS = 8
SECONDS_PER_CANDIDATE = 15
CHARACTERS_PER_PAGE = 3000


def words(text: str) -> list[str]:
    return re.findall(r"\w+", canonical(text).lower())


def same_passage(candidate: str, cited: str) -> bool:
    """The rule above: containment either way, or `OVERLAP_WORDS` consecutive words shared."""
    a, b = " ".join(words(candidate)), " ".join(words(cited))
    if a in b or b in a:
        return True
    cited_words = words(cited)
    runs = {
        " ".join(cited_words[i : i + OVERLAP_WORDS])
        for i in range(len(cited_words) - OVERLAP_WORDS + 1)
    }
    return any(run in a for run in runs)


def measure(name: str, rulebook) -> dict:
    """Ranks of each cited quote (None: not among the candidates), and the reading load."""
    loaded = load_yaml(EVIDENCE / name).data
    files = {key: ref["file"] for key, ref in loaded["sources"].items()}
    paths = [EVIDENCE / file for file in dict.fromkeys(files.values())]
    header = loaded["assessment"]
    days, _text = parse_day_range(header["date"])
    draft, _inputs = extract(
        rulebook, paths, board=header["board"], on=days.latest, kind=header["kind"], folder=EVIDENCE
    )
    by_file = {source.key: source.file for source in draft.sources}
    candidates = {fact.fact: fact.candidates for fact in draft.facts}
    ranks: list[tuple[str, int | None]] = []
    for fact, entry in (loaded.get("facts") or {}).items():
        for statement in entry if isinstance(entry, list) else [entry]:
            for citation in statement["citations"]:
                file = files[citation["source"]]
                rank = next(
                    (
                        c.rank
                        for c in candidates.get(fact, ())
                        if by_file[c.citation["source"]] == file
                        and same_passage(c.citation["quote"], citation["quote"])
                    ),
                    None,
                )
                ranks.append((fact, rank))
    found_findings = total_findings = 0
    for finding in loaded.get("findings") or []:
        for citation in finding["citations"]:
            total_findings += 1
            file = files[citation["source"]]
            found_findings += any(
                by_file[f.citation["source"]] == file
                and same_passage(f.citation["quote"], citation["quote"])
                for f in draft.findings
            )
    # Read as the draft asks: each sentence once, however many facts (or a finding) it is a
    # candidate for; `counted` is the old count, a sentence once for each fact it is shown for.
    to_read = len(reading(draft))
    counted = sum(min(READ_FIRST, len(f.candidates)) for f in draft.facts) + len(draft.findings)
    characters = sum(len(source.text.text) for source in draft.sources)
    return {
        "ranks": ranks,
        "to_read": to_read,
        "counted": counted,
        "listed": sum(len(f.candidates) for f in draft.facts) + len(draft.findings),
        "characters": characters,
        "findings": (found_findings, total_findings),
    }


def share(ranks: list[int | None], within: int) -> str:
    if not ranks:
        return "   -  "
    found = sum(1 for r in ranks if r is not None and r <= within)
    return f"{100 * found / len(ranks):5.1f}%"


def report(title: str, results: dict[str, dict], per_fact: bool) -> None:
    ranks = [r for result in results.values() for _fact, r in result["ranks"]]
    print(f"\n== {title}: {', '.join(results)}")
    if per_fact:
        facts: dict[str, list[int | None]] = defaultdict(list)
        for result in results.values():
            for fact, rank in result["ranks"]:
                facts[fact].append(rank)
        print(f"  {'fact':45} quotes  recall@3  recall@10")
        for fact in sorted(facts):
            listed = facts[fact]
            print(f"  {fact:45} {len(listed):6} {share(listed, 3):>9} {share(listed, 10):>10}")
    print(
        f"  overall: {len(ranks)} cited quotes; recall@3 {share(ranks, 3).strip()}, "
        f"recall@10 {share(ranks, 10).strip()}"
    )
    for name, result in results.items():
        found, total = result["findings"]
        pages = result["characters"] / CHARACTERS_PER_PAGE
        minutes = result["to_read"] * SECONDS_PER_CANDIDATE / 60
        print(
            f"  {name}: recall@3 {share([r for _f, r in result['ranks']], 3).strip()}, "
            f"@10 {share([r for _f, r in result['ranks']], 10).strip()}; "
            f"{result['to_read']} sentences to read (each once; {result['counted']} counted "
            f"once a fact; {result['listed']} listed), "
            f"{minutes:.0f} min for {pages:.0f} pages; findings cited {total}, found among "
            f"candidate findings {found}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", action="store_true", help="print recall per fact")
    args = parser.parse_args()
    rulebook = open_rulebook()
    started = time.perf_counter()
    tuned = {name: measure(name, rulebook) for name in TUNED}
    held = {name: measure(name, rulebook) for name in HELD_OUT}
    seconds = time.perf_counter() - started
    print(
        f"A cited quote is found at rank k when the k-th candidate of its fact, from the same "
        f"document, contains it, is contained in it, or shares {OVERLAP_WORDS} consecutive "
        f"words with it. Reading: the first {READ_FIRST} candidates of each fact + every "
        f"candidate finding, each sentence once, {SECONDS_PER_CANDIDATE} s each; "
        f"{CHARACTERS_PER_PAGE} characters a page."
    )
    report("tuned on", tuned, args.facts)
    report("held out", held, args.facts)
    cued = sum(1 for definition in rulebook.vocabulary.facts.values() if definition.cues)
    bound = 3 * cued + MOST_FINDINGS
    print(
        f"\nAt most {bound} candidates to read in any draft ({cued} facts with cues x 3 + "
        f"{MOST_FINDINGS} findings): {bound * SECONDS_PER_CANDIDATE / 60:.0f} min, whatever "
        "the report's length"
    )
    print("\nPer document (the cues were written looking at the tuned documents only):")
    print(f"  {'document':36} {'split':9} quotes recall@3 recall@10 to-read minutes pages")
    for split, results in (("tuned", tuned), ("held out", held)):
        for name, result in results.items():
            ranks = [r for _f, r in result["ranks"]]
            print(
                f"  {name:36} {split:9} {len(ranks):6} {share(ranks, 3):>8} {share(ranks, 10):>9}"
                f" {result['to_read']:7} {result['to_read'] * SECONDS_PER_CANDIDATE / 60:7.0f}"
                f" {result['characters'] / CHARACTERS_PER_PAGE:5.0f}"
            )
    print(f"\n{len(TUNED) + len(HELD_OUT)} drafts in {seconds:.1f} s")


if __name__ == "__main__":
    main()
