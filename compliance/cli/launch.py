"""The `lscb` console script, which imports nothing heavy until it can say why it cannot start.

Starting takes a few hundred milliseconds (pydantic, durable_rules, the rulebook), and Ctrl-C
in that time would end in a traceback of whichever import it stopped. An interpreter we do not
support, or a durable-rules built for Python 3.13 without its fix, would end in a traceback
too. Every other ending is said by `compliance.cli.exits`, which is itself one of those imports.
"""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130  # as a shell reports a process ended by Ctrl-C (SIGINT)
INTERRUPTED = "lscb: interrupted"
EXIT_CANNOT_START = 3  # not the input's fault, and not 1, which CI reads as a verdict
SUPPORTED = ((3, 11), (3, 12), (3, 13))
# durable-rules 2.0.28 calls a function Python 3.13 removed; built with this define, it works.
DURABLE_RULES_313 = (
    "CPPFLAGS=-DPyEval_CallObject=PyObject_CallObject pip install --force-reinstall "
    "--no-binary durable-rules --no-cache-dir durable-rules==2.0.28"
)


def run() -> None:
    if sys.version_info[:2] not in SUPPORTED:
        _cannot_start(
            f"lscb: runs on Python 3.11, 3.12 or 3.13, not {sys.version_info[0]}.{sys.version_info[1]}; "
            "install it with one of those"
        )
    try:
        from compliance.cli.commands import main  # the import is what is guarded
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED + "\n")
        sys.exit(EXIT_INTERRUPTED)
    except ImportError as exc:
        if "PyEval_CallObject" not in str(exc):
            raise
        _cannot_start(
            "lscb: durable-rules was built without the fix Python 3.13 needs; rebuild it: "
            + DURABLE_RULES_313
        )
    main()


def _cannot_start(sentence: str) -> None:
    sys.stderr.write(sentence + "\n")
    sys.exit(EXIT_CANNOT_START)
