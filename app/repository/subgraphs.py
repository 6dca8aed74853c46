"""Subgraphs the views compose: the relationships among a set of nodes, and the nodes of one
label attached to a set."""

from __future__ import annotations

from collections.abc import Iterable

from neo4j import ManagedTransaction

from app.models.graph import GraphEdge, GraphNode
from app.repository.base import Db, fetch_one
from app.repository.payload import GraphCollector


def edges_among(db: Db, ids: Iterable[str], types: list[str]) -> list[GraphEdge]:
    """Every relationship of ``types`` whose two ends are among ``ids``."""
    wanted = sorted(set(ids))

    def work(tx: ManagedTransaction) -> list[GraphEdge]:
        rec = fetch_one(tx, "subgraph_by_ids", ids=wanted, types=types)
        collector = GraphCollector()
        if rec is not None:
            # The nodes come back with the relationships, so both ends carry their ids.
            collector.add(rec["nodes"])
            for rel in rec["rels"]:
                if rel is not None:
                    collector.add_edge_if_ends_known(rel)
        return sorted(collector.edges.values(), key=lambda e: e.id)

    return db.read(work)


def attached(db: Db, ids: Iterable[str], types: list[str], label: str) -> list[GraphNode]:
    """The ``label`` nodes one relationship of ``types`` away from any of ``ids``."""
    wanted = sorted(set(ids))

    def work(tx: ManagedTransaction) -> list[GraphNode]:
        rec = fetch_one(tx, "framework_attachments", ids=wanted, types=types)
        collector = GraphCollector()
        if rec is not None:
            collector.add(rec["nodes"])
        return [n for n in collector.nodes.values() if n.label == label]

    return db.read(work)
