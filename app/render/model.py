"""The renderers' read-only view of a graph payload (``docs/schema.md``, "Graph payload").

Every renderer and export reads payloads through :func:`graph_view`, so the
tolerance rules live in one place: a node's ``name``/``level``/``framework`` may
sit at the top level or in ``properties``; ``framework`` may be a list (the
first id is the one used for styling); an edge without an ``id`` gets the
schema's ``TYPE:source->target``. An edge whose end is not a node is an error,
as in :func:`graph.payload.to_networkx`: drawing it would invent a node.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.vocabulary import label_rank

__all__ = ["GraphView", "ViewEdge", "ViewNode", "graph_view", "json_safe"]


_NODE_FIELDS = ("id", "label", "labels", "properties")


@dataclass(frozen=True)
class ViewNode:
    id: str
    label: str
    name: str
    level: str | None
    framework: str | None
    rank: int
    # Every property, top-level fields (level, name, framework...) included.
    properties: dict[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> str | None:
        value = self.properties.get("source")
        return value if isinstance(value, str) and value else None


@dataclass(frozen=True)
class ViewEdge:
    id: str
    source: str
    target: str
    type: str
    properties: dict[str, Any] = field(default_factory=dict)

    @property
    def basis(self) -> str | None:
        value = self.properties.get("basis")
        return value if isinstance(value, str) else None

    @property
    def document(self) -> str | None:
        value = self.properties.get("source")
        return value if isinstance(value, str) and value else None


@dataclass(frozen=True)
class GraphView:
    nodes: list[ViewNode]
    edges: list[ViewEdge]
    meta: dict[str, Any]

    def node(self, node_id: str) -> ViewNode:
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)

    def ranks(self) -> list[int]:
        """Distinct ranks present, highest (the impact) first."""
        return sorted({n.rank for n in self.nodes}, reverse=True)

    def sources(self) -> list[str]:
        """The distinct source documents of nodes and edges, sorted."""
        docs = {n.source for n in self.nodes} | {e.document for e in self.edges}
        return sorted(d for d in docs if d)

    def frameworks(self) -> list[str]:
        """Distinct framework ids of the nodes, in first-seen order (stable colours)."""
        seen: dict[str, None] = {}
        for n in self.nodes:
            if n.framework:
                seen.setdefault(n.framework, None)
        return list(seen)


def json_safe(value: Any) -> Any:
    """``value`` with every non-finite float, however deep, as its JSON name in text (``"NaN"``,
    ``"Infinity"``, ``"-Infinity"``, as the JSON backup stores them): JSON has no such numbers,
    and Python's ``json`` would write them bare, which strict readers refuse."""
    if isinstance(value, float) and not math.isfinite(value):
        return json.dumps(value)
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    return value


def _first(value: Any) -> str | None:
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return str(value) if value not in (None, "") else None


def _view_node(raw: Mapping[str, Any]) -> ViewNode:
    node_id = str(raw["id"])
    props: dict[str, Any] = dict(raw.get("properties") or {})
    # A top-level field wins over a property of the same name, unless it is empty: a posted
    # payload's model fills in ``name: ""`` and ``level: None`` where the client put them in
    # ``properties``.
    props.update(
        {
            k: v
            for k, v in raw.items()
            if k not in _NODE_FIELDS and not (v in (None, "") and props.get(k) not in (None, ""))
        }
    )
    labels = raw.get("labels")
    label = raw.get("label") or (labels[0] if labels else None) or "Node"
    level = _first(props.get("level"))
    name = props.get("name")
    return ViewNode(
        id=node_id,
        label=str(label),
        name=str(name) if name not in (None, "") else node_id,
        level=level,
        framework=_first(props.get("framework")),
        rank=label_rank(str(label), level),
        properties=props,
    )


def _view_edge(raw: Mapping[str, Any]) -> ViewEdge:
    props: dict[str, Any] = dict(raw.get("properties") or {})
    source, target, kind = str(raw["source"]), str(raw["target"]), str(raw["type"])
    return ViewEdge(
        id=str(raw.get("id") or f"{kind}:{source}->{target}"),
        source=source,
        target=target,
        type=kind,
        properties=props,
    )


def graph_view(payload: Mapping[str, Any]) -> GraphView:
    """Normalise a payload; raises ``ValueError`` on duplicate ids or dangling edges."""
    nodes: list[ViewNode] = []
    ids: set[str] = set()
    for raw in payload.get("nodes") or []:
        node = _view_node(raw)
        if node.id in ids:
            raise ValueError(f"duplicate node id {node.id!r}")
        ids.add(node.id)
        nodes.append(node)
    edges: list[ViewEdge] = []
    edge_ids: set[str] = set()
    for raw in payload.get("edges") or []:
        edge = _view_edge(raw)
        if edge.id in edge_ids:
            raise ValueError(f"duplicate edge id {edge.id!r}")
        for end in (edge.source, edge.target):
            if end not in ids:
                raise ValueError(f"edge {edge.id!r}: {end!r} is not a node of the payload")
        edge_ids.add(edge.id)
        edges.append(edge)
    return GraphView(nodes=nodes, edges=edges, meta=dict(payload.get("meta") or {}))
