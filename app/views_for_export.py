"""The views a facilitator can export, built the same way for the API and the command line.

Each returns the graph payload the API would answer with, and a title for the diagram.
"""

from __future__ import annotations

from typing import Literal

from neo4j import Driver

from app.models.graph import GraphMeta, GraphPayload
from app.repository import frameworks, pathways

Direction = Literal["upstream", "downstream", "both"]


def framework_view(
    driver: Driver, database: str, framework_id: str, include: list[str]
) -> tuple[GraphPayload, str]:
    payload = frameworks.framework_graph(driver, database, framework_id, include)
    name = payload.meta.extra.get("framework", {}).get("name") or framework_id
    return payload, str(name)


def focus_view(
    driver: Driver, database: str, node_id: str, direction: Direction, depth: int | None, cap: int
) -> tuple[GraphPayload, str]:
    """What leads to a node and/or what it leads to, `depth` hops."""
    parts = []
    if direction in ("upstream", "both"):
        parts.append(pathways.walk(driver, database, node_id, "upstream", depth, cap))
    if direction in ("downstream", "both"):
        parts.append(pathways.walk(driver, database, node_id, "downstream", depth, cap))
    merged = GraphPayload(
        meta=GraphMeta(
            query="focus",
            params={"id": node_id, "direction": direction, "depth": depth},
            truncated=any(p.meta.truncated for p in parts),
        )
    )
    seen_nodes: set[str] = set()
    seen_edges: set[str] = set()
    for part in parts:
        for node in part.nodes:
            if node.id not in seen_nodes:
                seen_nodes.add(node.id)
                merged.nodes.append(node)
        for edge in part.edges:
            if edge.id not in seen_edges:
                seen_edges.add(edge.id)
                merged.edges.append(edge)
    name = next((n.name for n in merged.nodes if n.id == node_id), node_id)
    depth_text = f"{depth} hop(s)" if depth else "all hops"
    return merged, f"{direction.capitalize()} of “{name}” ({depth_text})"


def between_view(
    driver: Driver, database: str, source: str, target: str, max_hops: int, max_paths: int
) -> tuple[GraphPayload, str]:
    payload = pathways.between(driver, database, source, target, max_hops, max_paths)
    return payload, f"Paths from {source} to {target} (at most {max_hops} hops)"
