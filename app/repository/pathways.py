"""Pathways through the results chain: upstream, downstream, between two nodes, up to the impact.

Upstream and downstream are one query each (`cypher/pathway_walk_up.cypher`, `..._down`): a
breadth-first search from the node (`ANY SHORTEST` to every reachable node, which expands
each relationship once and never enumerates paths), then the relationships among the nodes
kept, in the same round trip. The hop distance of every node comes back in its properties
as `hops`. Past `cap` nodes the nearest are kept (by hops, then id) and `meta.truncated`
says so.
"""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction

from app.errors import NotFound
from app.models.graph import GraphMeta, GraphPayload
from app.queries import query
from app.repository.base import Db, fetch, fetch_one
from app.repository.payload import GraphCollector
from graph.vocabulary import CHAIN, PATHWAY_TYPES, WalkDirection, allowed_type

UNBOUNDED_DEPTH = 50  # a chain is never this deep; it only guards against cycles in bad data
_WALK_QUERY = {"upstream": "pathway_walk_up", "downstream": "pathway_walk_down"}


def walk_query(direction: WalkDirection, depth: int, types: list[str]) -> str:
    """The walk's text for one depth and edge types (neither can be a Cypher parameter).

    Only a whole number and allow-listed type names are put in, so nothing a client sends
    reaches the query text.
    """
    if not 1 <= int(depth) <= UNBOUNDED_DEPTH:
        raise ValueError(f"depth must be 1..{UNBOUNDED_DEPTH}, not {depth}")
    if not types:
        raise ValueError("a walk follows at least one relationship type")
    text = query(_WALK_QUERY[direction])
    names = "|".join(allowed_type(t) for t in types)
    return text.replace("__DEPTH__", str(int(depth))).replace("__TYPES__", names)


def truncation_message(shown: int, what: str = "nodes") -> str:
    return f"more than {shown} {what}: showing the nearest {shown}; lower the depth to narrow down"


def walk(
    db: Db,
    node_id: str,
    direction: WalkDirection,
    depth: int | None,
    cap: int,
    include_alignments: bool = False,
) -> GraphPayload:
    types: list[str] = list(PATHWAY_TYPES) if include_alignments else [CHAIN]
    text = walk_query(direction, depth or UNBOUNDED_DEPTH, types)

    def work(tx: ManagedTransaction) -> GraphPayload:
        rec = tx.run(text, {"id": node_id, "cap": cap}).single()
        if rec is None:
            raise NotFound("node", node_id)
        kept: list[dict[str, Any]] = rec["kept"]
        hops = {str(k["n"]["id"]): int(k["hops"]) for k in kept}
        collector = GraphCollector()
        # Nearest first, as the walk ranks them; the query's order is not relied upon.
        collector.add(sorted((k["n"] for k in kept), key=lambda n: (hops[n["id"]], n["id"])))
        for r in rec["rels"]:
            collector.add_edge_if_ends_known(r)
        for node in collector.nodes.values():
            node.properties["hops"] = hops[node.id]
        truncated = bool(rec["truncated"])
        return collector.payload(
            GraphMeta(
                query=direction,
                params={"id": node_id, "depth": depth},
                truncated=truncated,
                message=truncation_message(cap) if truncated else None,
            )
        )

    return db.read(work)


def between(db: Db, source: str, target: str, max_hops: int, max_paths: int) -> GraphPayload:
    def work(tx: ManagedTransaction) -> GraphPayload:
        for nid in (source, target):
            if fetch_one(tx, "node_exists", id=nid) is None:
                raise NotFound("node", nid)
        records = fetch(
            tx,
            "pathway_between",
            source=source,
            target=target,
            max_hops=max_hops,
            max_paths=max_paths,
        )
        collector = GraphCollector()
        paths = []
        for rec in records:
            p = rec["p"]
            collector.add(p)
            paths.append([n["id"] for n in p.nodes])
        payload = collector.payload(
            GraphMeta(
                query="between",
                params={
                    "source": source,
                    "target": target,
                    "max_hops": max_hops,
                    "max_paths": max_paths,
                },
                extra={"paths": paths},
            )
        )
        return payload

    return db.read(work)
