"""The graph payload (``GraphPayload``), and converting it to and from a ``networkx.MultiDiGraph``.

The payload format is fixed by ``docs/schema.md`` ("Graph payload"); it is defined here, in
the pure layer, so that analysis, the repository, the views, the API and the renderers all
share the one model. In the
networkx graph a node's attributes are its ``label``, ``level``, ``name`` and
``framework`` plus its ``properties`` flattened beside them, and an edge's key
is its payload ``id`` with attributes ``type`` plus its ``properties``, so
analysis code reads ``G.nodes[n]["source"]`` or ``d["basis"]`` directly.

Round trip is exact: ``from_networkx(to_networkx(p)) == p`` for any payload's
JSON form, including node and edge order, which optional keys are present, and
``meta``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from typing import Any

import networkx as nx
from pydantic import BaseModel, Field, StrictBool

__all__ = [
    "GraphEdge",
    "GraphMeta",
    "GraphNode",
    "GraphPayload",
    "from_networkx",
    "to_networkx",
]


class GraphNode(BaseModel):
    id: str
    label: str = Field(description="the node's label: Result, Actor, Pledge, ...")
    level: str | None = Field(default=None, description="results-chain level, for Result nodes")
    name: str = ""
    framework: str | None = None
    properties: dict[str, Any] = Field(default_factory=dict)


class GraphEdge(BaseModel):
    id: str
    source: str
    target: str
    type: str
    properties: dict[str, Any] = Field(default_factory=dict)


class GraphMeta(BaseModel):
    query: str = ""
    params: dict[str, Any] = Field(default_factory=dict)
    # Strict: a posted payload's `"truncated": 0` is not the boolean the schema asks for.
    truncated: StrictBool = False
    message: str | None = None
    extra: dict[str, Any] = Field(default_factory=dict)


class GraphPayload(BaseModel):
    """The one graph payload: what the repository returns, the views compose, the API
    answers and every renderer and export takes (as is, or as its JSON form)."""

    nodes: list[GraphNode] = Field(default_factory=list)
    edges: list[GraphEdge] = Field(default_factory=list)
    meta: GraphMeta = Field(default_factory=GraphMeta)

    def node_ids(self) -> set[str]:
        return {n.id for n in self.nodes}


# Payload keys that become node attributes of their own; every other node
# attribute is a property. Order matters: it is the order keys come back in.
NODE_FIELDS: tuple[str, ...] = ("label", "level", "name", "framework")
EDGE_FIELDS: tuple[str, ...] = ("type",)

# networkx iterates a MultiDiGraph's edges grouped by source node, not in
# insertion order, so the payload's edge order is remembered here.
EDGE_ORDER_KEY = "payload_edge_order"


def to_networkx(payload: GraphPayload | Mapping[str, Any]) -> nx.MultiDiGraph:
    """Build a ``MultiDiGraph`` from a graph payload (the model or its JSON form).

    Raises ``ValueError`` on duplicate node or edge ids, on an edge whose end
    is not among the nodes (networkx would silently invent the node), and on a
    property that would shadow a node field or the edge ``type``.

    >>> p = {
    ...     "nodes": [
    ...         {"id": "a", "label": "Result", "level": "output", "name": "A",
    ...          "framework": "f", "properties": {"source": "doc.txt"}},
    ...         {"id": "b", "label": "Result", "level": "outcome", "name": "B",
    ...          "framework": "f", "properties": {}},
    ...     ],
    ...     "edges": [
    ...         {"id": "CONTRIBUTES_TO:a->b", "source": "a", "target": "b",
    ...          "type": "CONTRIBUTES_TO", "properties": {"basis": "stated"}},
    ...     ],
    ... }
    >>> G = to_networkx(p)
    >>> G.nodes["a"]["level"], G.nodes["a"]["source"]
    ('output', 'doc.txt')
    >>> G.edges["a", "b", "CONTRIBUTES_TO:a->b"]
    {'type': 'CONTRIBUTES_TO', 'basis': 'stated'}
    """
    if isinstance(payload, GraphPayload):
        payload = payload.model_dump()
    G = nx.MultiDiGraph()
    nodes: list[Mapping[str, Any]] = list(payload["nodes"])
    for node in nodes:
        node_id = node["id"]
        if node_id in G:
            raise ValueError(f"duplicate node id {node_id!r}")
        attrs = {field: node[field] for field in NODE_FIELDS if field in node}
        G.add_node(node_id, **attrs, **_properties(node, NODE_FIELDS, f"node {node_id!r}"))

    order: list[str] = []
    seen: set[str] = set()
    for edge in payload["edges"]:
        edge_id = edge["id"]
        if edge_id in seen:
            raise ValueError(f"duplicate edge id {edge_id!r}")
        for end in ("source", "target"):
            if edge[end] not in G:
                raise ValueError(f"edge {edge_id!r}: {end} {edge[end]!r} is not a node")
        seen.add(edge_id)
        order.append(edge_id)
        G.add_edge(
            edge["source"],
            edge["target"],
            key=edge_id,
            type=edge["type"],
            **_properties(edge, EDGE_FIELDS, f"edge {edge_id!r}"),
        )

    G.graph[EDGE_ORDER_KEY] = order
    if "meta" in payload:
        G.graph["meta"] = copy.deepcopy(payload["meta"])
    return G


def from_networkx(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Turn a ``MultiDiGraph`` back into a payload's JSON form, in a stable order.

    Nodes come in the graph's node order; edges in the order the payload that
    built the graph listed them, then any edges added since in networkx's
    iteration order. String edge keys become edge ids; other keys (the integers
    networkx assigns itself) become the schema's ``TYPE:source->target``, with
    ``#2``, ``#3``... appended if that id is already taken, so ids are unique.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="Result", level="output", name="A", source="doc.txt")
    >>> G.add_node("b", label="Actor", name="B")
    >>> _ = G.add_edge("b", "a", key="IMPLEMENTS:b->a", type="IMPLEMENTS", basis="stated")
    >>> p = from_networkx(G)
    >>> p["nodes"][0]  # doctest: +NORMALIZE_WHITESPACE
    {'id': 'a', 'label': 'Result', 'level': 'output', 'name': 'A',
     'properties': {'source': 'doc.txt'}}
    >>> p["edges"][0]["id"], p["edges"][0]["properties"]
    ('IMPLEMENTS:b->a', {'basis': 'stated'})
    >>> from_networkx(to_networkx(p)) == p
    True
    """
    nodes: list[dict[str, Any]] = []
    for node_id, attrs in G.nodes(data=True):
        node: dict[str, Any] = {"id": node_id}
        for field in NODE_FIELDS:
            if field in attrs:
                node[field] = copy.deepcopy(attrs[field])
        node["properties"] = {k: copy.deepcopy(v) for k, v in attrs.items() if k not in NODE_FIELDS}
        nodes.append(node)

    edges: list[dict[str, Any]] = []
    taken: set[str] = set()
    for source, target, key, attrs in _edges_in_order(G):
        edge_id = _edge_id(source, target, key, attrs.get("type", ""), taken)
        taken.add(edge_id)
        edges.append(
            {
                "id": edge_id,
                "source": source,
                "target": target,
                "type": attrs.get("type", ""),
                "properties": {
                    k: copy.deepcopy(v) for k, v in attrs.items() if k not in EDGE_FIELDS
                },
            }
        )

    payload: dict[str, Any] = {"nodes": nodes, "edges": edges}
    if "meta" in G.graph:
        payload["meta"] = copy.deepcopy(G.graph["meta"])
    return payload


def _properties(item: Any, reserved: tuple[str, ...], where: str) -> dict[str, Any]:
    props: dict[str, Any] = item.get("properties") or {}
    clash = sorted(set(props) & set(reserved))
    if clash:
        raise ValueError(f"{where}: properties {clash} would shadow payload fields")
    return copy.deepcopy(props)


def _edge_id(source: Any, target: Any, key: Any, edge_type: str, taken: set[str]) -> str:
    edge_id = key if isinstance(key, str) else f"{edge_type}:{source}->{target}"
    unique, n = edge_id, 1
    while unique in taken:  # parallel edges with integer keys, or a key reused by hand
        n += 1
        unique = f"{edge_id}#{n}"
    return unique


def _edges_in_order(G: nx.MultiDiGraph) -> Iterator[tuple[str, str, Any, dict[str, Any]]]:
    by_key: dict[Any, tuple[str, str, Any, dict[str, Any]]] = {}
    rest: list[tuple[str, str, Any, dict[str, Any]]] = []
    for u, v, key, attrs in G.edges(keys=True, data=True):
        if key in by_key:
            # Same key on two node pairs: only possible for graphs not built from
            # a payload (networkx keys are per node pair); keep both, in nx order.
            rest.append((u, v, key, attrs))
        else:
            by_key[key] = (u, v, key, attrs)
    for key in G.graph.get(EDGE_ORDER_KEY, ()):
        if key in by_key:
            yield by_key.pop(key)
    yield from by_key.values()
    yield from rest
