"""Views along the chain: a node's neighbourhood up and down, the paths between two nodes, and
any view with traced paths added."""

from __future__ import annotations

import itertools
from typing import Any

from app.models.graph import GraphMeta, GraphPayload
from app.repository import pathways
from app.repository.base import Db
from app.repository.subgraphs import edges_among
from app.views.base import View
from graph.vocabulary import Direction


def focus_view(db: Db, node_id: str, direction: Direction, depth: int | None, cap: int) -> View:
    """What leads to a node and/or what it leads to, ``depth`` hops (all when None), at most
    ``cap`` nodes each way (recorded as ``max_nodes``: with it, the view can be taken again)."""
    parts = []
    if direction in ("upstream", "both"):
        parts.append(pathways.walk(db, node_id, "upstream", depth, cap))
    if direction in ("downstream", "both"):
        parts.append(pathways.walk(db, node_id, "downstream", depth, cap))
    merged = GraphPayload(
        meta=GraphMeta(
            query="focus",
            params={"id": node_id, "direction": direction, "depth": depth, "max_nodes": cap},
            truncated=any(p.meta.truncated for p in parts),
            extra={"focus": node_id},
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
    return View(merged, f"{direction.capitalize()} of “{name}” ({depth_text})")


def between_view(db: Db, source: str, target: str, max_hops: int, max_paths: int) -> View:
    """The paths between two nodes along the chain and alignments, shortest first."""
    payload = pathways.between(db, source, target, max_hops, max_paths)
    return View(payload, f"Paths from {source} to {target} (at most {max_hops} hops)")


def with_paths(
    db: Db, view: View, source: str, target: str, max_hops: int, types: list[str]
) -> View:
    """The view plus the paths between two nodes (``NotFound`` when either is missing).

    Path nodes from outside the view join it; ``meta.extra["paths"]`` lists each path's node
    ids and edge ids, shortest first.
    """
    payload = view.payload
    found = pathways.between(db, source, target, max_hops, max_paths=10)
    nodes = {n.id: n for n in payload.nodes}
    for node in found.nodes:
        nodes.setdefault(node.id, node)
    edges = {e.id: e for e in edges_among(db, nodes, types)}
    by_ends: dict[frozenset[str], list[str]] = {}
    for edge in found.edges:
        edges.setdefault(edge.id, edge)
        by_ends.setdefault(frozenset((edge.source, edge.target)), []).append(edge.id)
    paths: list[dict[str, Any]] = []
    for ids in found.meta.extra.get("paths", []):
        steps = [by_ends.get(frozenset(pair), []) for pair in itertools.pairwise(ids)]
        paths.append({"nodes": ids, "edges": [e for step in steps for e in step[:1]]})
    meta = payload.meta.model_copy(deep=True)
    meta.extra["paths"] = paths
    meta.extra["trace"] = {"source": source, "target": target, "max_hops": max_hops}
    traced = GraphPayload(nodes=list(nodes.values()), edges=list(edges.values()), meta=meta)
    return View(traced, view.title)
