"""Turn what the driver returns (nodes, relationships, paths, nested in lists and maps) into
the graph payload. Only the repository layer sees driver types."""

from __future__ import annotations

from typing import Any

from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from app.models.graph import GraphEdge, GraphMeta, GraphNode, GraphPayload
from graph.vocabulary import primary_label

TOP_LEVEL = ("id", "name", "level", "framework")


def plain(value: Any) -> Any:
    """A JSON-ready copy of a property value."""
    if isinstance(value, (Date, DateTime, Time)):
        return value.iso_format()
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, Point):
        return list(value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def node_id(node: Node) -> str:
    value = node.get("id")
    return str(value) if value is not None else node.element_id


def to_graph_node(node: Node) -> GraphNode:
    props = {k: plain(v) for k, v in node.items() if k not in TOP_LEVEL}
    framework = node.get("framework")
    if isinstance(framework, list):
        framework = framework[0] if framework else None
    return GraphNode(
        id=node_id(node),
        label=primary_label(node.labels),
        level=node.get("level"),
        name=str(node.get("name") or node.get("code") or ""),
        framework=framework,
        properties=props,
    )


def to_graph_edge(rel: Relationship) -> GraphEdge:
    start, end = rel.start_node, rel.end_node
    if start is None or end is None:  # never for relationships read in a query
        raise ValueError(f"relationship {rel.element_id} has no end nodes")
    source, target = node_id(start), node_id(end)
    rid = rel.get("id") or f"{rel.type}:{source}->{target}"
    props = {k: plain(v) for k, v in rel.items() if k != "id"}
    return GraphEdge(id=str(rid), source=source, target=target, type=rel.type, properties=props)


class GraphCollector:
    """Collects every node, relationship and path found anywhere in a set of values."""

    def __init__(self) -> None:
        self.nodes: dict[str, GraphNode] = {}
        self.edges: dict[str, GraphEdge] = {}

    def add(self, value: Any) -> None:
        if isinstance(value, Node):
            nid = node_id(value)
            if nid not in self.nodes:
                self.nodes[nid] = to_graph_node(value)
        elif isinstance(value, Relationship):
            for end in (value.start_node, value.end_node):
                if end is not None:
                    self.add(end)
            edge = to_graph_edge(value)
            self.edges.setdefault(edge.id, edge)
        elif isinstance(value, Path):
            for n in value.nodes:
                self.add(n)
            for r in value.relationships:
                self.add(r)
        elif isinstance(value, (list, tuple)):
            for v in value:
                self.add(v)
        elif isinstance(value, dict):
            for v in value.values():
                self.add(v)

    def add_edge_if_ends_known(self, rel: Relationship) -> None:
        """Add a relationship only when both its ends are already collected."""
        edge = to_graph_edge(rel)
        if edge.source in self.nodes and edge.target in self.nodes:
            self.edges.setdefault(edge.id, edge)

    def payload(self, meta: GraphMeta | None = None) -> GraphPayload:
        # Edges whose ends were not collected (e.g. cut by a cap) would dangle in a view.
        edges = [
            e for e in self.edges.values() if e.source in self.nodes and e.target in self.nodes
        ]
        return GraphPayload(nodes=list(self.nodes.values()), edges=edges, meta=meta or GraphMeta())


def record_value_plain(value: Any) -> Any:
    """A table cell: nodes, relationships and paths become small maps; the rest stays as is."""
    if isinstance(value, Node):
        return {"id": node_id(value), "labels": sorted(value.labels), **plain(dict(value.items()))}
    if isinstance(value, Relationship):
        edge = to_graph_edge(value)
        return {"type": edge.type, "source": edge.source, "target": edge.target, **edge.properties}
    if isinstance(value, Path):
        return {"path": [node_id(n) for n in value.nodes], "length": len(value.relationships)}
    if isinstance(value, (list, tuple)):
        return [record_value_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: record_value_plain(v) for k, v in value.items()}
    return plain(value)
