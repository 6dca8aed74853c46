"""A graph payload a client posts (``POST /api/export``, ``POST /views/data/vis``), checked once.

The explorer's own payloads (``GraphPayload``) are built from the database and are sound by
construction; a posted one can come from anywhere. Before any view or renderer sees it, it is
held to what every renderer and file format needs, and each breach is a 422 naming the field:

- node ids and edge ids are unique, and both ends of every edge are nodes of the payload;
- labels and relationship types are names (``NAME_PATTERN``): the JSON backup, and Cypher
  after a restore, cannot hold anything else;
- sizes are bounded: at most ``MAX_NODES`` nodes and ``MAX_EDGES`` edges, ids of at most
  ``MAX_ID`` characters, every text (a name, a property, a parameter) at most ``MAX_TEXT``,
  lists and maps of at most ``MAX_ITEMS`` entries nested at most ``MAX_DEPTH`` deep, and no
  number JSON cannot write (``NaN``, ``Infinity``).

The limits are far above anything the explorer shows (its longest text, a quote from the
sources, is about 1,200 characters; its largest view a few hundred nodes, and focus views stop
at ``TOC_MAX_PAYLOAD_NODES``, 2,000 by default), and far below what would make a page or an
export too big to open.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from graph.payload import GraphEdge, GraphMeta, GraphNode, GraphPayload
from graph.vocabulary import NAME_PATTERN

__all__ = [
    "MAX_DEPTH",
    "MAX_EDGES",
    "MAX_ID",
    "MAX_ITEMS",
    "MAX_NODES",
    "MAX_TEXT",
    "PostedEdge",
    "PostedGraph",
    "PostedMeta",
    "PostedNode",
]

MAX_NODES = 5_000
MAX_EDGES = 25_000
MAX_ID = 200
MAX_NAME = 100
MAX_TEXT = 10_000
MAX_ITEMS = 1_000
MAX_DEPTH = 6


def _problem(where: str, message: str) -> PydanticCustomError:
    context = {"where": where, "message": message}
    return PydanticCustomError("invalid_value", "{where}: {message}", context)


def _check_value(value: Any, where: str, depth: int = 0) -> None:
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise _problem(where, f"text of {len(value)} characters; at most {MAX_TEXT}")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _problem(where, f"{value} is not a number JSON can hold")
    elif isinstance(value, list | dict):
        if depth >= MAX_DEPTH:
            raise _problem(where, f"nested more than {MAX_DEPTH} deep")
        if len(value) > MAX_ITEMS:
            raise _problem(where, f"{len(value)} entries; at most {MAX_ITEMS}")
        if isinstance(value, dict):
            for key, item in value.items():
                if len(key) > MAX_NAME:
                    raise _problem(where, f"a key of {len(key)} characters; at most {MAX_NAME}")
                _check_value(item, f"{where}.{key}", depth + 1)
        else:
            for i, item in enumerate(value):
                _check_value(item, f"{where}[{i}]", depth + 1)


def _bounded(value: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
    _check_value(value, str(info.field_name))
    return value


Id = Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID)]
Name = Annotated[str, StringConstraints(pattern=NAME_PATTERN, max_length=MAX_NAME)]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
Bounded = Annotated[dict[str, Any], AfterValidator(_bounded)]


class PostedNode(GraphNode):
    id: Id
    label: Name = Field(description="the node's label (a name: letters, digits, _)")
    level: Annotated[str, StringConstraints(max_length=MAX_NAME)] | None = None
    name: Text = ""
    framework: Annotated[str, StringConstraints(max_length=MAX_ID)] | None = None
    properties: Bounded = Field(default_factory=dict)


class PostedEdge(GraphEdge):
    id: Id
    source: Id
    target: Id
    type: Name = Field(description="the relationship type (a name: letters, digits, _)")
    properties: Bounded = Field(default_factory=dict)


class PostedMeta(GraphMeta):
    query: Annotated[str, StringConstraints(max_length=MAX_TEXT)] = ""
    params: Bounded = Field(default_factory=dict)
    message: Text | None = None
    extra: Bounded = Field(default_factory=dict)


class PostedGraph(BaseModel):
    """A graph payload from a client: ``GraphPayload``'s shape, checked (see the module)."""

    nodes: list[PostedNode] = Field(default_factory=list, max_length=MAX_NODES)
    edges: list[PostedEdge] = Field(default_factory=list, max_length=MAX_EDGES)
    meta: PostedMeta = Field(default_factory=PostedMeta)

    @field_validator("nodes")
    @classmethod
    def _unique_nodes(cls, nodes: list[PostedNode]) -> list[PostedNode]:
        first: dict[str, int] = {}
        for i, node in enumerate(nodes):
            if node.id in first:
                raise _problem(
                    f"nodes[{i}].id", f"{node.id!r} is already the id of nodes[{first[node.id]}]"
                )
            first[node.id] = i
        return nodes

    @field_validator("edges")
    @classmethod
    def _edges_join_nodes(cls, edges: list[PostedEdge], info: ValidationInfo) -> list[PostedEdge]:
        nodes = info.data.get("nodes")
        ids = {n.id for n in nodes} if nodes is not None else None
        first: dict[str, int] = {}
        for i, edge in enumerate(edges):
            if edge.id in first:
                raise _problem(
                    f"edges[{i}].id", f"{edge.id!r} is already the id of edges[{first[edge.id]}]"
                )
            first[edge.id] = i
            for end in ("source", "target"):
                node = getattr(edge, end)
                if ids is not None and node not in ids:
                    raise _problem(f"edges[{i}].{end}", f"{node!r} is not the id of a node")
        return edges

    def payload(self) -> GraphPayload:
        """The checked graph as the one payload every view and renderer takes."""
        return GraphPayload(nodes=list(self.nodes), edges=list(self.edges), meta=self.meta)
