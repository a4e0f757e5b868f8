"""The floor of one file's latency: what `lscb` cannot do without, each used once.

durable_rules' C core (all of durable_rules that `lscb` loads), pydantic, click, PyYAML and
tabulate imported, then one ruleset, one model (pydantic builds its machinery on the first),
one libyaml parse, one table and one command. benchmarks/bench_pipeline.py runs it as a process
beside `lscb check FILE`.
"""

import click
import durable_rules_engine
import pydantic
import tabulate
import yaml

durable_rules_engine.create_ruleset("r", '{"r0": {"all": [{"m": {"x": 1}}]}}')


class M(pydantic.BaseModel):
    x: int


M.model_validate(yaml.load("x: 1", Loader=yaml.CSafeLoader))
tabulate.tabulate([["a", "b"]], headers=("x", "y"), tablefmt="simple_grid")
click.command()(lambda: None).main([], standalone_mode=False)
