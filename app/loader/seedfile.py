"""Reading one seed file: YAML with the line number of every mapping, key and list item.

PyYAML's `safe_load` forgets where things were; error messages must say
`seed/mirps.yaml:42`. So the file is *composed* with `yaml.SafeLoader` (a node
tree that keeps marks) and turned into plain values here, each mapping a
`YamlMap` and each sequence a `YamlList` that remember their lines. Scalars are
still built by the SafeLoader, so `2024` is an int and `null` is None as usual.

Anchors and aliases (`&a`, `*a`) are refused while the file is composed, before anything is
expanded: nested aliases ("billion laughs") turn a 1 KB file into billions of values, and a
seed file has no need for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.loader.errors import SeedError, shown

TOP_LEVEL_KEYS = ("source", "nodes", "edges")


class YamlMap(dict[str, Any]):
    """A mapping that knows its own line and the line of each key (1-based)."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list[Any]):
    """A sequence that knows its own line and the line of each item (1-based)."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


@dataclass
class SeedFile:
    """The top level of one seed file: a default `source` and the raw entries."""

    path: Path
    name: str  # as printed in errors and stored in `seed_file`
    source: str | None = None
    nodes: list[Any] = field(default_factory=list)
    edges: list[Any] = field(default_factory=list)
    node_lines: list[int] = field(default_factory=list)
    edge_lines: list[int] = field(default_factory=list)


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


class RefusedAlias(yaml.MarkedYAMLError):
    """A seed file used an anchor or an alias."""


class _SeedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing anchors and aliases as the composer meets them."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is None:
            return super().compose_node(parent, index)
        name = anchor if len(anchor) <= 40 else f"{anchor[:40]}…"
        what = f"alias *{name}" if isinstance(event, yaml.AliasEvent) else f"anchor &{name}"
        raise RefusedAlias(
            problem=f"{what}: anchors and aliases are not allowed in seed files; write the "
            "value out in full",
            problem_mark=event.start_mark,
        )


class _Builder:
    """Turns a composed node tree into YamlMap/YamlList/scalars, noting duplicate keys."""

    def __init__(self, loader: yaml.SafeLoader, file: str) -> None:
        self.loader = loader
        self.file = file
        self.errors: list[SeedError] = []

    def build(self, node: yaml.Node) -> Any:
        # A tree, not a graph: the loader refused aliases, so no node is reached twice.
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node)
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode) -> YamlMap:
        out = YamlMap(_line(node))
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node, deep=True)
            line = _line(key_node)
            if not isinstance(key, str):
                self.errors.append(
                    SeedError(self.file, line, None, None, f"key {shown(key)} is not a string")
                )
                continue
            if key in out:
                first = out.key_lines[key]
                self.errors.append(
                    SeedError(self.file, line, None, key, f"duplicate key (first at line {first})")
                )
                continue
            out[key] = self.build(value_node)
            out.key_lines[key] = line
        return out

    def _sequence(self, node: yaml.SequenceNode) -> YamlList:
        out = YamlList(_line(node))
        for item in node.value:
            out.append(self.build(item))
            out.item_lines.append(_line(item))
        return out


def read_yaml(path: Path, name: str) -> tuple[Any, list[SeedError]]:
    """The file's single YAML document as plain values, and any errors found reading it.

    A syntax error returns `None` and one error naming the line PyYAML points at.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        return None, [SeedError(name, None, None, None, f"cannot read the file: {e}")]
    loader = _SeedLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, []
        builder = _Builder(loader, name)
        value = builder.build(root)
    except RefusedAlias as e:
        line = int(e.problem_mark.line) + 1 if e.problem_mark is not None else None
        return None, [SeedError(name, line, None, None, str(e.problem))]
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = int(mark.line) + 1 if mark is not None else None
        message = f"invalid YAML: {e.problem or e.context or e}"
        if e.problem and e.context:
            where = f" at line {e.context_mark.line + 1}" if e.context_mark is not None else ""
            message += f" ({e.context}{where})"
        if e.problem == "mapping values are not allowed here":
            message += "; quote text that contains ': '"
        return None, [SeedError(name, line, None, None, message)]
    except yaml.YAMLError as e:
        return None, [SeedError(name, None, None, None, f"invalid YAML: {e}")]
    finally:
        loader.dispose()
    return value, builder.errors


def _entries(
    doc: YamlMap, key: str, name: str, errors: list[SeedError]
) -> tuple[list[Any], list[int]]:
    value = doc.get(key)
    if value is None:
        return [], []
    if not isinstance(value, YamlList):
        errors.append(SeedError(name, doc.line_of(key), None, key, "must be a list of entries"))
        return [], []
    return list(value), list(value.item_lines)


def read_seed_file(path: Path, name: str) -> tuple[SeedFile | None, list[SeedError]]:
    """Parse one seed file's top level (`source`, `nodes`, `edges`); entries stay raw."""
    doc, errors = read_yaml(path, name)
    if errors and doc is None:
        return None, errors
    if doc is None:
        errors.append(SeedError(name, None, None, None, "empty file: expected nodes and/or edges"))
        return None, errors
    if not isinstance(doc, YamlMap):
        errors.append(
            SeedError(name, 1, None, None, "the top level must be a mapping (source, nodes, edges)")
        )
        return None, errors
    for key in doc:
        if key not in TOP_LEVEL_KEYS:
            errors.append(
                SeedError(
                    name,
                    doc.line_of(key),
                    None,
                    key,
                    f"unknown top-level key (allowed: {', '.join(TOP_LEVEL_KEYS)})",
                )
            )
    source = doc.get("source")
    if source is not None and not isinstance(source, str):
        errors.append(SeedError(name, doc.line_of("source"), None, "source", "must be a file name"))
        source = None
    nodes, node_lines = _entries(doc, "nodes", name, errors)
    edges, edge_lines = _entries(doc, "edges", name, errors)
    if not nodes and not edges and "nodes" not in doc and "edges" not in doc:
        errors.append(SeedError(name, doc.line, None, None, "the file has neither nodes nor edges"))
    seed = SeedFile(path, name, source, nodes, edges, node_lines, edge_lines)
    return seed, errors
