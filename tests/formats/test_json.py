"""The JSON output: the whole trace of every verdict, nothing decided again. (That it follows
its committed schema is tested in tests/test_schema_output.py.)"""

from __future__ import annotations

import json

from compliance import api
from compliance.render import FORMATS, RenderOptions
from tests.conftest import EVIDENCE, RULES


def test_json_is_the_whole_trace_and_nothing_is_re_decided() -> None:
    run = api.Assessor(RULES).assess([EVIDENCE])
    document = json.loads(FORMATS["json"].render(run, RenderOptions()))
    first = document["results"][0]["verdicts"][0]
    assert set(first) >= {"verdict", "reason", "decided_by", "open", "cases", "facts", "findings"}
    assert document["results"][0]["summary"] == run.results[0].counts()
