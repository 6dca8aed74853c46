"""Check a folder of seed files completely, before anything is written.

Every problem is collected (not just the first) so one run of `check` shows a
seed author everything to fix. The result is a `SeedGraph`: nodes with their
stored properties and every relationship, including the ones a node's shorthand
keys (`framework`, `country`, `contributes_to`, `themes`) stand for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from app.loader.errors import (
    SeedError,
    SeedValidationError,
    describe_value,
    shown,
    sorted_errors,
)
from app.loader.model import (
    COUNTRY_RELATIONSHIP,
    LOADER_PROPERTIES,
    NODE_LABELS,
    NODE_MODELS,
    ORIGIN,
    RELATIONSHIP_ENDPOINTS,
    UNDIRECTED_TYPES,
    EdgeEntry,
    NodeEntry,
    edge_id,
)
from app.loader.seedfile import SeedFile, YamlList, YamlMap, read_seed_file
from app.loader.seedgraph import SeedEdge, SeedGraph, SeedNode
from graph.vocabulary import LEVEL_RANK, Label, Rel

REPO_ROOT = Path(__file__).resolve().parents[2]


def display_name(path: Path) -> str:
    """How a seed file is named in errors and in `seed_file`: repo-relative when possible.

    Stable whatever the working directory or the spelling of the folder, so that
    reloading the same files never looks like a change.
    """
    resolved = path.resolve()
    try:
        return resolved.relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return resolved.as_posix()


# -- per-entry checks ----------------------------------------------------------------------


def _allowed_keys(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _message(err: ErrorDetails, model: type[BaseModel]) -> str:
    kind = err["type"]
    value = err.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return f"unknown key (allowed: {', '.join(_allowed_keys(model))})"
    if kind == "string_type":
        return f"expected text, got {describe_value(value)} (quote it)"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {describe_value(value)}"
    if kind in ("float_type", "float_parsing"):
        return f"expected a number, got {describe_value(value)}"
    if kind == "list_type":
        return f"expected an id or a list of ids, got {describe_value(value)}"
    if kind in ("too_short", "string_too_short"):
        return "must not be empty"
    return err["msg"]


def _line_for(raw: YamlMap, loc: tuple[int | str, ...]) -> int:
    if not loc or not isinstance(loc[0], str) or loc[0] not in raw:
        return raw.line
    value = raw[loc[0]]
    if len(loc) > 1 and isinstance(loc[1], int) and isinstance(value, YamlList):
        return value.line_of(loc[1])
    return raw.line_of(loc[0])


def _model_errors(
    e: ValidationError, model: type[BaseModel], raw: YamlMap, file: str, entry_id: str | None
) -> list[SeedError]:
    out = []
    for err in e.errors(include_url=False):
        loc = tuple(err["loc"])
        field = str(loc[0]) if loc else None
        out.append(SeedError(file, _line_for(raw, loc), entry_id, field, _message(err, model)))
    return out


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


@dataclass
class _Node:
    entry: NodeEntry
    raw: YamlMap
    file: str

    @property
    def label(self) -> str:
        return self.entry.label


@dataclass
class _Link:
    """A relationship to be checked: listed under `edges:` or implied by a node's key."""

    type: str
    start: str
    end: str
    file: str
    line: int
    entry_id: str  # the edge's id, or the id of the node whose key implies it
    declared: bool
    props: dict[str, Any]
    start_field: str  # the field to blame when the start is wrong
    end_field: str
    from_country_key: bool = False  # made from a `country:` key: must be a country actor


class _Checker:
    def __init__(self) -> None:
        self.errors: list[SeedError] = []
        self.nodes: dict[str, _Node] = {}
        self.first_seen: dict[str, tuple[str, int]] = {}
        # Ids of entries that failed their own checks: references to them are not
        # reported again as unknown.
        self.broken_ids: set[str] = set()
        self.links: list[_Link] = []
        # Files that could not be read at all: any id may be defined in them, so a reference
        # to an unknown id is not reported (it would bury the one real cause under dozens).
        self.unreadable: list[str] = []
        self.unverified_references = 0

    def error(
        self, file: str, line: int | None, entry_id: str | None, field: str | None, msg: str
    ) -> None:
        self.errors.append(SeedError(file, line, entry_id, field, msg))

    # -- nodes --

    def add_node(self, seed: SeedFile, raw: Any, line: int) -> None:
        file = seed.name
        if not isinstance(raw, YamlMap):
            self.error(file, line, None, None, "a node entry must be a mapping")
            return
        node_id = _text_or_none(raw.get("id"))
        if node_id is not None:
            if node_id in self.first_seen:
                f, ln = self.first_seen[node_id]
                self.error(
                    file, raw.line_of("id"), node_id, "id", f"duplicate id (first at {f}:{ln})"
                )
                return
            self.first_seen[node_id] = (file, raw.line)
        label = raw.get("label")
        if label is None or label not in NODE_MODELS:
            msg = (
                "required field is missing"
                if label is None
                else f"{shown(label)} is not one of {', '.join(NODE_LABELS)}"
            )
            self.error(file, raw.line_of("label"), node_id, "label", msg)
            if node_id:
                self.broken_ids.add(node_id)
            return
        model = NODE_MODELS[label]
        data = dict(raw)
        if "source" not in data and seed.source is not None:
            data["source"] = seed.source
        try:
            entry = model.model_validate(data)
        except ValidationError as e:
            self.errors.extend(_model_errors(e, model, raw, file, node_id))
            if node_id:
                self.broken_ids.add(node_id)
            return
        self.nodes[entry.id] = _Node(entry, raw, file)
        self._add_shorthand_links(self.nodes[entry.id])

    def _add_shorthand_links(self, node: _Node) -> None:
        entry, raw = node.entry, node.raw
        provenance = {"basis": "stated"}
        for key in ("source", "section"):
            value = getattr(entry, key)
            if value is not None:
                provenance[key] = value
        provenance["quote"] = entry.default_quote()

        def add(
            rel_type: str,
            key: str,
            targets: list[str],
            reverse: bool = False,
            country: bool = False,
        ) -> None:
            value = raw.get(key)
            for i, target in enumerate(targets):
                line = value.line_of(i) if isinstance(value, YamlList) else raw.line_of(key)
                start, end = (target, entry.id) if reverse else (entry.id, target)
                self.links.append(
                    _Link(
                        rel_type,
                        start,
                        end,
                        node.file,
                        line,
                        entry.id,
                        declared=False,
                        props=dict(provenance),
                        start_field=key if reverse else "id",
                        end_field="id" if reverse else key,
                        from_country_key=country,
                    )
                )

        add(Rel.PART_OF, "framework", entry.frameworks())
        country_type = COUNTRY_RELATIONSHIP.get(entry.label)
        if country_type is None:
            add(Rel.IN_COUNTRY, "country", entry.countries(), country=True)
        else:
            add(country_type, "country", entry.countries(), reverse=True, country=True)
        add(Rel.CONTRIBUTES_TO, "contributes_to", entry.contributes())
        add(Rel.HAS_THEME, "themes", list(entry.themes))

    # -- edges --

    def add_edge(self, seed: SeedFile, raw: Any, line: int) -> None:
        file = seed.name
        if not isinstance(raw, YamlMap):
            self.error(file, line, None, None, "an edge entry must be a mapping")
            return
        rel_type, start, end = (_text_or_none(raw.get(k)) for k in ("type", "from", "to"))
        entry_id = edge_id(rel_type, start, end) if rel_type and start and end else None
        data = dict(raw)
        stated_or_quoted = data.get("basis") == "stated" or "quote" in data
        if "source" not in data and seed.source is not None and stated_or_quoted:
            data["source"] = seed.source
        try:
            entry = EdgeEntry.model_validate(data)
        except ValidationError as e:
            self.errors.extend(_model_errors(e, EdgeEntry, raw, file, entry_id))
            return
        problems = entry.problems()
        for field, msg in problems:
            self.error(file, raw.line_of(field), entry.key, field, msg)
        if problems:
            return
        self.links.append(
            _Link(
                entry.type,
                entry.from_,
                entry.to,
                file,
                raw.line,
                entry.key,
                declared=True,
                props=entry.properties(),
                start_field="from",
                end_field="to",
            )
        )

    # -- references, endpoints, ranks --

    def _check_end(self, link: _Link, node_id: str, field: str, allowed: frozenset[str]) -> bool:
        node = self.nodes.get(node_id)
        if node is None:
            if self.unreadable:
                self.unverified_references += 1
            elif node_id not in self.broken_ids:
                self.error(
                    link.file, link.line, link.entry_id, field, f"unknown id {shown(node_id)}"
                )
            return False
        if node.label not in allowed:
            where = "start" if field == link.start_field else "end"
            self.error(
                link.file,
                link.line,
                link.entry_id,
                field,
                f"{link.type} cannot {where} at {node_id!r}, {_a(node.label)}"
                f" (allowed: {', '.join(sorted(allowed))})",
            )
            return False
        return True

    def _is_country(self, node_id: str) -> bool:
        return getattr(self.nodes[node_id].entry, "actor_type", None) == "country"

    def check_link(self, link: _Link) -> bool:
        starts, ends = RELATIONSHIP_ENDPOINTS[link.type]
        ok_start = self._check_end(link, link.start, link.start_field, starts)
        ok_end = self._check_end(link, link.end, link.end_field, ends)
        if not (ok_start and ok_end):
            return False
        if link.from_country_key or link.type == Rel.IN_COUNTRY:
            country, field = (
                (link.start, link.start_field)
                if link.start_field == "country"
                else (link.end, link.end_field)
            )
            if not self._is_country(country):
                self.error(
                    link.file,
                    link.line,
                    link.entry_id,
                    field,
                    f"{country!r} is not a country (an Actor with actor_type: country)",
                )
                return False
        if link.type == Rel.CONTRIBUTES_TO:
            self._check_upward(link)
        return True

    def _check_upward(self, link: _Link) -> None:
        start, end = self.nodes[link.start].entry, self.nodes[link.end].entry
        if start.label != Label.RESULT:
            return  # pledges and commitments sit below every level
        low = getattr(start, "level", "")
        high = getattr(end, "level", "")
        if LEVEL_RANK[high] <= LEVEL_RANK[low]:
            self.error(
                link.file,
                link.line,
                link.entry_id,
                link.end_field,
                f"CONTRIBUTES_TO must go strictly upward: {link.start!r} is {low}"
                f" (rank {LEVEL_RANK[low]}), {link.end!r} is {high} (rank {LEVEL_RANK[high]})",
            )

    # -- assembling the graph --

    def resolve_links(self) -> dict[str, _Link]:
        """Check each link; drop shorthand links an explicit edge restates; find duplicates."""
        good = [link for link in self.links if self.check_link(link)]
        declared: dict[tuple[str, str, str], _Link] = {}
        implied: dict[tuple[str, str, str], _Link] = {}
        for link in good:
            key = _dedup_key(link)
            table = declared if link.declared else implied
            if key in table:
                first = table[key]
                what = f"{link.type} {link.start} -> {link.end}"
                self.error(
                    link.file,
                    link.line,
                    link.entry_id,
                    link.end_field,
                    f"duplicate relationship {what} (first at {first.file}:{first.line})",
                )
                continue
            table[key] = link
        # An edge listed under `edges:` restates (and overrides) what a shorthand implies.
        out = {**implied, **declared}
        return {edge_id(link.type, link.start, link.end): link for link in out.values()}

    def check_cycles(self, links: dict[str, _Link]) -> None:
        chain = [link for link in links.values() if link.type == Rel.CONTRIBUTES_TO]
        for cycle in _cycles(chain):
            blame = min(cycle, key=lambda link: (link.file, link.line))
            path = " -> ".join([link.start for link in cycle] + [cycle[0].start])
            self.error(
                blame.file,
                blame.line,
                blame.entry_id,
                blame.end_field,
                f"CONTRIBUTES_TO cycle: {path}",
            )


def _a(label: str) -> str:
    return f"{'an' if label[0] in 'AEIOU' else 'a'} {label}"


def _dedup_key(link: _Link) -> tuple[str, str, str]:
    if link.type in UNDIRECTED_TYPES:
        a, b = sorted((link.start, link.end))
        return (link.type, a, b)
    return (link.type, link.start, link.end)


def _cycles(links: list[_Link]) -> list[list[_Link]]:
    """One cycle (as its links, in order) per strongly connected part of the chain."""
    out_links: dict[str, list[_Link]] = {}
    for link in sorted(links, key=lambda lk: (lk.file, lk.line)):
        out_links.setdefault(link.start, []).append(link)
    chain = nx.DiGraph((link.start, link.end) for link in links)
    parts = [c for c in nx.strongly_connected_components(chain) if len(c) > 1]
    return [_cycle_in(comp, out_links) for comp in sorted(parts, key=min)]


def _cycle_in(comp: set[str], out_links: dict[str, list[_Link]]) -> list[_Link]:
    """Walk inside a strongly connected part until a node repeats: that loop is a cycle."""
    node = min(comp)
    path: list[_Link] = []
    seen: dict[str, int] = {}
    while node not in seen:
        seen[node] = len(path)
        link = next(lk for lk in out_links[node] if lk.end in comp)
        path.append(link)
        node = link.end
    return path[seen[node] :]


def _seed_files(seed_dir: Path) -> list[Path]:
    return sorted(p for p in seed_dir.glob("*.yaml") if p.is_file())


def validate_seed_dir(seed_dir: Path) -> tuple[SeedGraph, list[SeedError]]:
    """Read and check every `*.yaml` in `seed_dir`; the graph is only complete without errors."""
    checker = _Checker()
    graph = SeedGraph()
    dir_name = display_name(seed_dir)
    if not seed_dir.is_dir():
        return graph, [SeedError(dir_name, None, None, None, "no such folder")]
    paths = _seed_files(seed_dir)
    if not paths:
        return graph, [SeedError(dir_name, None, None, None, "no *.yaml seed files in the folder")]
    for path in paths:
        name = display_name(path)
        graph.files.append(name)
        seed, errors = read_seed_file(path, name)
        checker.errors.extend(errors)
        if seed is None:
            if errors:
                checker.unreadable.append(name)
            continue
        for raw, line in zip(seed.nodes, seed.node_lines, strict=True):
            checker.add_node(seed, raw, line)
        for raw, line in zip(seed.edges, seed.edge_lines, strict=True):
            checker.add_edge(seed, raw, line)
    links = checker.resolve_links()
    checker.check_cycles(links)

    for node in checker.nodes.values():
        props = node.entry.properties()
        props.update(zip(LOADER_PROPERTIES, (ORIGIN, node.file, node.raw.line), strict=True))
        graph.nodes[node.entry.id] = SeedNode(
            node.entry.id, node.entry.label, props, node.file, node.raw.line
        )
    for key, link in links.items():
        props = dict(link.props)
        props["id"] = key
        props.update(zip(LOADER_PROPERTIES, (ORIGIN, link.file, link.line), strict=True))
        graph.edges[key] = SeedEdge(
            link.type, link.start, link.end, props, link.file, link.line, link.declared
        )
    errors = sorted_errors(checker.errors)
    if checker.unverified_references:
        files = ", ".join(checker.unreadable)
        errors.append(
            SeedError(
                dir_name,
                None,
                None,
                None,
                f"{checker.unverified_references} reference(s) to ids not found elsewhere were"
                f" not checked: they may be defined in {files}, which cannot be read;"
                " fix that first and check again",
            )
        )
    return graph, errors


def check_seed(seed_dir: Path | str) -> SeedGraph:
    """The validated seed graph of `seed_dir`; `SeedValidationError` listing every problem."""
    graph, errors = validate_seed_dir(Path(seed_dir))
    if errors:
        raise SeedValidationError(errors)
    return graph
