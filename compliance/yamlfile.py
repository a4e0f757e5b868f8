"""YAML loading that remembers where every value came from.

PyYAML's constructed data forgets line numbers, and it silently keeps the last of two duplicate
keys. Errors must name a line, and a duplicated fact must not vanish, so we compose the node
tree ourselves, reject duplicates, and keep an index from each data path to its line.

Dates are left as text: documents give dates in many forms (a year, a financial year, bounds),
and PyYAML would turn only some of them into dates and fail on an impossible day such as
2015-02-30 without saying which key held it. Our own parsers read the text and say where.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from compliance.errors import InputError

PathKey = tuple[str | int, ...]


@dataclass
class LoadedYaml:
    """A parsed YAML document with a `line_of` lookup for error messages."""

    path: Path
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line_of(self, key: PathKey) -> int | None:
        """The line of `key`, or of its nearest ancestor we know (1-based)."""
        for end in range(len(key), -1, -1):
            line = self.lines.get(tuple(key[:end]))
            if line is not None:
                return line
        return None


def load_yaml(path: Path) -> LoadedYaml:
    """Parse one YAML file, raising `InputError` (with line) for anything malformed."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError.at(path, None, "file not found") from None
    except UnicodeDecodeError as exc:
        raise InputError.at(
            path, None, f"not UTF-8 text ({exc.reason}); save it as UTF-8"
        ) from None
    return parse_yaml(text, path)


# libyaml's C parser where PyYAML was built with it (about ten times faster), else PyYAML's own;
# both give every node its line.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeBase):  # type: ignore[misc,valid-type]
    """The safe loader, without the implicit resolver that turns date-like text into dates."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def parse_yaml(text: str, path: Path) -> LoadedYaml:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError.at(path, 1, "the file is empty; expected a YAML mapping")
        loaded = LoadedYaml(path, None)
        _index(node, (), loaded.lines, path)
        loaded.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "malformed YAML"
        raise InputError.at(
            path, line, f"malformed YAML: {what}; check indentation and quoting"
        ) from None
    except yaml.YAMLError as exc:
        raise InputError.at(path, None, f"malformed YAML: {exc}") from None
    except (ValueError, TypeError, OverflowError) as exc:  # a constructor refused a value
        raise InputError.at(
            path, None, f"malformed YAML: a value could not be read ({exc}); check its form"
        ) from None
    finally:
        loader.dispose()
    return loaded


def _index(node: yaml.Node, key: PathKey, lines: dict[PathKey, int], path: Path) -> None:
    lines[key] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            name = key_node.value
            line = key_node.start_mark.line + 1
            if name in seen:
                raise InputError.at(
                    path, line, f"duplicate key '{name}' (first at line {seen[name]}); keep one"
                )
            seen[name] = line
            _index(value_node, (*key, name), lines, path)
            lines[(*key, name)] = line
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*key, i), lines, path)
