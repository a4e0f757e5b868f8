"""The `lscb` console script, which imports nothing heavy until an interrupt can be said.

Starting takes a few hundred milliseconds (pydantic, durable_rules, the rulebook's models), and
Ctrl-C in that time would end in a traceback of whichever import it stopped. Every other
ending is said by `compliance.exits`, which is itself one of those imports.
"""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130  # as a shell reports a process ended by Ctrl-C (SIGINT)
INTERRUPTED = "lscb: interrupted"


def run() -> None:
    try:
        from compliance.cli import main  # the import is what is guarded
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED + "\n")
        sys.exit(EXIT_INTERRUPTED)
    main()
