"""YAML loading that remembers where every value came from, and cannot be made to blow up.

PyYAML's constructed data forgets line numbers, and it silently keeps the last of two duplicate
keys. Errors must name a line, and a duplicated fact must not vanish, so we compose the node
tree ourselves, reject duplicates, and keep an index from each data path to its line.

Composing it ourselves, from libyaml's C parser events, is also what makes hostile files safe:
the tree is built without recursion and refused past `MAX_DEPTH` levels (libyaml's own composer
recurses in C, and a deep enough file would crash the interpreter); the values it stands for,
counting every alias as the whole of what it repeats, are refused past `MAX_NODES`, so a
"billion laughs" file stops after a bounded amount of work instead of being expanded; keys must
be plain values. Files are size-limited before parsing (see `compliance.reading.files`).

Dates are left as text: documents give dates in many forms (a year, a financial year, bounds),
and PyYAML would turn only some of them into dates and fail on an impossible day such as
2015-02-30 without saying which key held it. Our own parsers read the text and say where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml
from yaml import events, nodes

from compliance.reading.errors import InputError
from compliance.reading.files import MAX_YAML_BYTES, read_text
from compliance.reading.inert import clip, excerpt

PathKey = tuple[str | int, ...]

# Evidence files nest six levels deep and rule files eight; nothing legitimate comes near this.
MAX_DEPTH = 50
TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep; flatten it"
# libyaml (0.2.6, bundled since PyYAML 6.0.4) refuses about 1,000 levels itself, and its
# scanner reads far enough ahead in a flow collection ("[[[[...") to do so before our composer
# sees the 51st level. Its refusal is ours: the same message at the line it names.
_LIBYAML_DEPTH = "nesting depth"
# The largest bundled file has about 3,000 values; reading 500,000 takes under a second.
MAX_NODES = 500_000
# Counts and paragraph numbers are a few digits; a number of thousands (in hex, binary or
# base 60 as YAML 1.1 allows) could not even be printed back (Python's 4,300-digit limit).
MAX_NUMBER_CHARACTERS = 30


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
    """Read and parse one YAML file, raising `InputError` (with line) for anything wrong."""
    return parse_yaml(read_yaml_text(path), path)


def read_yaml_text(path: Path) -> str:
    """The text of a YAML file: a regular file, within the size limit, strictly UTF-8."""
    return read_text(path, MAX_YAML_BYTES, "a YAML file")


# libyaml's C parser where PyYAML was built with it (about ten times faster), else PyYAML's own;
# both give every event its line.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# What plain YAML resolves to; other tags (!!binary, !!set, !!timestamp, !!python/...,
# local tags) would give values no model expects, or run code in unsafe loaders.
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "str", "seq", "map")
)
_INT, _STR = "tag:yaml.org,2002:int", "tag:yaml.org,2002:str"
# What a plain key would otherwise be read as: YAML 1.1 takes `on:` (a finding's date) for
# yes, `1:` for a number. Every key in evidence and rules is a name, so plain keys stay text.
_KEY_AS_TEXT = frozenset(f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float"))


class _Loader(_SafeBase):  # type: ignore[misc,valid-type]
    """The safe loader, without the implicit resolver that turns date-like text into dates,
    and with every value a constructor refuses reported at its own line."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_object(self, node: nodes.Node, deep: bool = False) -> Any:
        if node.tag == _INT:
            _check_number(node)
        if node.tag not in _PLAIN_TAGS:
            raise _Refused(
                node,
                f"the tag {excerpt(node.tag.removeprefix('tag:yaml.org,2002:'), 60)} is not "
                "allowed; evidence and rules hold plain values: remove the tag",
            )
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except Exception as exc:
            kind = node.tag.rsplit(":", 1)[-1]
            raise _Refused(
                node,
                f"the value {excerpt(node.value)} cannot be read as {kind} "
                f"({clip(str(exc), 60)}); fix the value or remove its tag",
            ) from None


def _check_number(node: nodes.ScalarNode) -> None:
    """A whole number as documents write one. YAML 1.1 also reads hex, octal, binary, base 60
    and underscores: `paragraph: 017` would be paragraph 15 and `date: 0x7DF` the year 2015."""
    if len(node.value) > MAX_NUMBER_CHARACTERS:
        raise _Refused(
            node,
            f"the number {excerpt(node.value, 40)} is {len(node.value):,} characters long; "
            f"no value here needs more than {MAX_NUMBER_CHARACTERS}: quote it if it is text",
        )
    if _DECIMAL.fullmatch(node.value):
        return
    if not _YAML_INT.fullmatch(node.value):  # text under !!int: Python's int() would take
        raise _Refused(  # Arabic-Indic or full-width digits, and spaces around them
            node,
            f"the value {excerpt(node.value)} cannot be read as int; write plain decimal "
            "digits, or remove its tag",
        )
    raise _Refused(
        node,
        f"the number {excerpt(node.value, 40)} must be plain decimal digits: YAML reads a "
        "leading zero, '+', '_', 0x, 0b or ':' in its own ways; write it as the document "
        "does, or quote it if it is text",
    )


_DECIMAL = re.compile("-?(?:0|[1-9][0-9]*)")
# What YAML 1.1 reads as a whole number; other text under `!!int` fails in the constructor.
_YAML_INT = next(
    pattern for tag, pattern in yaml.SafeLoader.yaml_implicit_resolvers["1"] if tag == _INT
)


class _Refused(yaml.MarkedYAMLError):
    def __init__(self, node: nodes.Node | events.Event, problem: str) -> None:
        super().__init__(problem=problem, problem_mark=node.start_mark)


def parse_yaml(text: str, path: Path) -> LoadedYaml:
    loader = _Loader(text)
    try:
        node = _compose(loader)
        if node is None:
            raise InputError.at(path, 1, "the file is empty; expected a YAML mapping")
        loaded = LoadedYaml(path, None)
        _index(node, (), loaded.lines, path)
        loaded.data = loader.construct_document(node)
    except _Refused as exc:
        raise InputError.at(path, _line(exc), str(exc.problem)) from None
    except yaml.MarkedYAMLError as exc:
        if _LIBYAML_DEPTH in (exc.problem or ""):  # libyaml stops at its own depth first
            raise InputError.at(path, _line(exc), TOO_DEEP) from None
        what = exc.problem or exc.context or "malformed YAML"
        raise InputError.at(
            path, _line(exc), f"malformed YAML: {what}; check indentation and quoting"
        ) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        raise InputError.at(
            path, _reader_line(text, exc), f"malformed YAML: {exc.reason}"
        ) from None
    except yaml.YAMLError as exc:
        raise InputError.at(path, None, f"malformed YAML: {clip(str(exc), 120)}") from None
    finally:
        loader.dispose()
    return loaded


def _reader_line(text: str, exc: yaml.reader.ReaderError) -> int:
    """The line of the character refused: libyaml counts its position in UTF-8 bytes,
    PyYAML's own reader in characters."""
    if _SafeBase is yaml.SafeLoader:
        return text.count("\n", 0, exc.position) + 1
    return text.encode("utf-8", "surrogatepass").count(b"\n", 0, exc.position) + 1


def _line(exc: yaml.MarkedYAMLError) -> int | None:
    mark = exc.problem_mark or exc.context_mark
    return mark.line + 1 if mark else None


def _compose(loader: Any) -> nodes.Node | None:
    """The single document's node tree, or None for an empty file."""
    loader.get_event()  # stream start
    if loader.check_event(events.StreamEndEvent):
        return None
    loader.get_event()  # document start
    node = _Composer(loader).node()
    loader.get_event()  # document end
    if not loader.check_event(events.StreamEndEvent):
        raise _Refused(loader.peek_event(), "a second document ('---'); keep one per file")
    return node


@dataclass
class _Open:
    """A list or mapping whose events are still arriving."""

    node: nodes.CollectionNode
    anchor: str | None
    started: int  # the running count of values when it opened
    key: nodes.Node | None = None  # a mapping's key, waiting for its value


class _Composer:
    """Builds one node tree from parser events with an explicit stack instead of recursion."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.anchors = _Anchors()
        self.open: list[_Open] = []

    def node(self) -> nodes.Node:
        while True:
            event = self.loader.get_event()
            if isinstance(event, events.CollectionStartEvent):
                self._start(event)
                continue
            if isinstance(event, events.AliasEvent):
                node = self.anchors.repeat(event)
            elif isinstance(event, events.ScalarEvent):
                node = self._scalar(event)
            else:  # the end of a list or mapping
                node = self._end(event)
            if not self.open:
                return node
            self._attach(node, self.open[-1])

    def _tag(self, event: events.NodeEvent, kind: type[nodes.Node], value: str | None) -> str:
        tag = event.tag  # type: ignore[attr-defined]
        if tag is None or tag == "!":
            tag = self.loader.resolve(kind, value, event.implicit)  # type: ignore[attr-defined]
        return tag

    def _scalar(self, event: events.ScalarEvent) -> nodes.Node:
        tag = self._tag(event, nodes.ScalarNode, event.value)
        node = nodes.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        self.anchors.count(event, 1)
        self.anchors.close(event.anchor, node, 1)
        return node

    def _start(self, event: events.CollectionStartEvent) -> None:
        if len(self.open) >= MAX_DEPTH:
            raise _Refused(event, TOO_DEEP)
        is_list = isinstance(event, events.SequenceStartEvent)
        kind = nodes.SequenceNode if is_list else nodes.MappingNode
        node = kind(self._tag(event, kind, None), [], event.start_mark, None, event.flow_style)
        self.anchors.count(event, 1)
        self.anchors.open(event.anchor)
        self.open.append(_Open(node, event.anchor, self.anchors.total))

    def _end(self, event: events.CollectionEndEvent) -> nodes.Node:
        closed = self.open.pop()
        closed.node.end_mark = event.end_mark
        self.anchors.close(closed.anchor, closed.node, self.anchors.total - closed.started + 1)
        return closed.node

    @staticmethod
    def _attach(node: nodes.Node, parent: _Open) -> None:
        if isinstance(parent.node, nodes.SequenceNode):
            parent.node.value.append(node)
        elif parent.key is None:
            if not isinstance(node, nodes.ScalarNode):
                raise _Refused(node, "a key must be a single value, not a list or mapping")
            if not node.style and node.tag in _KEY_AS_TEXT:  # plain: style "" (libyaml), None
                node.tag = _STR
            parent.key = node
        else:
            parent.node.value.append((parent.key, node))
            parent.key = None


class _Anchors:
    """Anchored nodes with the number of values each stands for, and the running total."""

    def __init__(self) -> None:
        self.nodes: dict[str, tuple[nodes.Node, int] | None] = {}
        self.total = 0

    def count(self, event: events.Event, values: int) -> None:
        self.total += values
        if self.total > MAX_NODES:
            raise _Refused(
                event,
                f"more than {MAX_NODES:,} values once aliases are expanded; "
                "write repeated lists and mappings out, or split the file",
            )

    def open(self, anchor: str | None) -> None:
        if anchor is not None:
            self.nodes[anchor] = None  # an alias inside it would repeat it within itself

    def close(self, anchor: str | None, node: nodes.Node, size: int) -> None:
        if anchor is not None:
            self.nodes[anchor] = (node, size)

    def repeat(self, event: events.AliasEvent) -> nodes.Node:
        if event.anchor not in self.nodes:
            raise _Refused(event, f"alias *{clip(event.anchor, 40)} names no anchor before it")
        found = self.nodes[event.anchor]
        if found is None:
            raise _Refused(event, f"alias *{clip(event.anchor, 40)} repeats what contains it")
        node, size = found
        self.count(event, size)
        return node


def _index(node: nodes.Node, key: PathKey, lines: dict[PathKey, int], path: Path) -> None:
    lines[key] = node.start_mark.line + 1
    if isinstance(node, nodes.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            name = key_node.value
            line = key_node.start_mark.line + 1
            if name in seen:
                raise InputError.at(
                    path,
                    line,
                    f"duplicate key {excerpt(name)} (first at line {seen[name]}); keep one",
                )
            seen[name] = line
            _index(value_node, (*key, name), lines, path)
            lines[(*key, name)] = line
    elif isinstance(node, nodes.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*key, i), lines, path)
