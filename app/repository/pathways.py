"""Pathways through the results chain: upstream, downstream, between two nodes, up to the impact.

Upstream and downstream walk breadth-first, one parameterised query per hop, so each node
is visited once whatever the number of paths (a variable-length pattern would enumerate
them all). The hop distance of every node comes back in its properties as `hops`.
"""

from __future__ import annotations

from typing import Literal

from neo4j import Driver, ManagedTransaction

from app.models.graph import GraphMeta, GraphPayload
from app.repository.base import NotFound, fetch, fetch_one, read
from app.repository.payload import GraphCollector

Direction = Literal["upstream", "downstream"]
# Edges shown with a pathway: the chain itself and alignments between its members.
PATHWAY_TYPES = ["CONTRIBUTES_TO", "ALIGNS_WITH"]
UNBOUNDED_DEPTH = 50  # a chain is never this deep; it only guards against cycles in bad data


def _walk(
    tx: ManagedTransaction, start: str, direction: Direction, depth: int, cap: int
) -> tuple[dict[str, int], bool]:
    step = "pathway_frontier_up" if direction == "upstream" else "pathway_frontier_down"
    hops = {start: 0}
    frontier = [start]
    truncated = False
    for hop in range(1, depth + 1):
        if not frontier:
            break
        found = [r["id"] for r in fetch(tx, step, frontier=frontier)]
        frontier = [i for i in found if i not in hops]
        for i in frontier:
            hops[i] = hop
        if len(hops) > cap:
            truncated = True
            break
    return hops, truncated


def _subgraph(
    tx: ManagedTransaction, hops: dict[str, int], types: list[str], cap: int
) -> GraphPayload:
    ids = sorted(hops, key=lambda i: (hops[i], i))[:cap]
    rec = fetch_one(tx, "subgraph_by_ids", ids=ids, types=types)
    collector = GraphCollector()
    if rec is not None:
        collector.add(rec["nodes"])
        for r in rec["rels"]:
            if r is not None:
                collector.add_edge_if_ends_known(r)
    for node in collector.nodes.values():
        node.properties["hops"] = hops[node.id]
    return collector.payload()


def walk(
    driver: Driver,
    database: str,
    node_id: str,
    direction: Direction,
    depth: int | None,
    cap: int,
    include_alignments: bool = False,
) -> GraphPayload:
    def work(tx: ManagedTransaction) -> GraphPayload:
        if fetch_one(tx, "node_exists", id=node_id) is None:
            raise NotFound("node", node_id)
        hops, truncated = _walk(tx, node_id, direction, depth or UNBOUNDED_DEPTH, cap)
        types = PATHWAY_TYPES if include_alignments else ["CONTRIBUTES_TO"]
        payload = _subgraph(tx, hops, types, cap)
        payload.meta = GraphMeta(
            query=direction,
            params={"id": node_id, "depth": depth},
            truncated=truncated,
            message=(
                f"more than {cap} nodes: showing the nearest {cap}; lower the depth to narrow down"
                if truncated
                else None
            ),
        )
        return payload

    return read(driver, database, work)


def between(
    driver: Driver, database: str, source: str, target: str, max_hops: int, max_paths: int
) -> GraphPayload:
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
                params={"source": source, "target": target, "max_hops": max_hops},
                extra={"paths": paths},
            )
        )
        return payload

    return read(driver, database, work)
