"""Frameworks, their counts by level, and their elements as a graph."""

from __future__ import annotations

from neo4j import ManagedTransaction
from pydantic import BaseModel

from app.errors import NotFound
from app.models.graph import GraphMeta, GraphNode, GraphPayload
from app.repository.base import Db, fetch, fetch_one
from app.repository.payload import GraphCollector, plain, to_graph_node
from graph.vocabulary import CHAIN, INCLUDES, LEVEL_RANK, Label, primary_label

CHAIN_TYPES = [CHAIN]


class FrameworkSummary(BaseModel):
    id: str
    name: str
    kind: str
    source: str | None = None
    properties: dict[str, object]
    counts: dict[str, int]
    total: int


def list_frameworks(db: Db) -> list[FrameworkSummary]:
    def work(tx: ManagedTransaction) -> list[FrameworkSummary]:
        out = []
        for rec in fetch(tx, "frameworks_list"):
            node = to_graph_node(rec["framework"])
            counts = {c["bucket"]: int(c["n"]) for c in rec["counts"] if c is not None}
            out.append(
                FrameworkSummary(
                    id=node.id,
                    name=node.name,
                    kind=str(node.properties.get("kind", "")),
                    source=node.properties.get("source"),
                    properties=node.properties,
                    counts=counts,
                    total=sum(counts.values()),
                )
            )
        return out

    return db.read(work)


def _cap_nodes(collector: GraphCollector, elements: set[str], cap: int) -> int:
    """Keep the `cap` nodes a reader needs first; return how many there were.

    Elements before attachments, the top of the chain before its base (an impact says more
    than one of a thousand activities), then id, so the same request keeps the same nodes.
    """
    total = len(collector.nodes)
    if total > cap:

        def key(node: GraphNode) -> tuple[bool, int, str, str]:
            rank = LEVEL_RANK.get(node.level or "", 0)
            return (node.id not in elements, -rank, node.label, node.id)

        kept = sorted(collector.nodes.values(), key=key)[:cap]
        collector.nodes = {n.id: n for n in kept}
    return total


def framework_graph(
    db: Db,
    framework_id: str,
    include: list[str],
    *,
    cap: int | None = None,
) -> GraphPayload:
    """The framework's elements and the chain among them, plus what `include` asks for.

    With `cap`, at most that many nodes; `meta.truncated` and `meta.message` then say so
    and how to narrow the view down.
    """

    def work(tx: ManagedTransaction) -> GraphPayload:
        rec = fetch_one(tx, "framework_elements", id=framework_id, types=CHAIN_TYPES)
        if rec is None:
            # No row: no such node, a node that is not a framework, or a framework with no
            # elements yet (the only one of the three that is an answer: an empty graph).
            found = fetch_one(tx, "node_exists", id=framework_id)
            if found is None:
                raise NotFound("framework", framework_id)
            if Label.FRAMEWORK not in found["labels"]:
                kind = primary_label(found["labels"])
                raise NotFound("framework", framework_id, f"{framework_id!r} is a {kind}")
            return GraphPayload(meta=GraphMeta(query="framework", params={"id": framework_id}))
        collector = GraphCollector()
        collector.add(rec["elements"])
        collector.add(rec["rels"])
        if include:
            types = sorted({t for key in include for t in INCLUDES[key].types})
            wanted_labels = {INCLUDES[k].label for k in include if INCLUDES[k].label}
            ids = list(collector.nodes)
            att = fetch_one(tx, "framework_attachments", ids=ids, types=types)
            if att is not None:
                extra = GraphCollector()
                extra.add(att["nodes"])
                for nid, node in extra.nodes.items():
                    keep = node.label in wanted_labels or (
                        "alignments" in include and node.label == Label.RESULT
                    )
                    if keep:
                        collector.nodes.setdefault(nid, node)
                for r in att["rels"]:
                    collector.add_edge_if_ends_known(r)
        framework = to_graph_node(rec["f"])
        meta = GraphMeta(
            query="framework",
            params={"id": framework_id, "include": include},
            extra={
                "framework": {
                    "id": framework.id,
                    "name": framework.name,
                    "kind": plain(framework.properties.get("kind")),
                }
            },
        )
        if cap is not None:
            elements = {str(e["id"]) for e in rec["elements"]}
            total = _cap_nodes(collector, elements, cap)
            if total > cap:
                meta.truncated = True
                meta.message = (
                    f"{total} nodes, more than the {cap} a view shows: showing the top of the "
                    "chain first; ask for fewer attachments (include=...) or open a pathway "
                    "from one of its results with a depth to narrow down"
                )
        return collector.payload(meta)

    return db.read(work)


def whole_chain(db: Db) -> GraphPayload:
    """Every result, pledge and commitment with the contributes-to links among them."""

    def work(tx: ManagedTransaction) -> GraphPayload:
        rec = fetch_one(tx, "chain_all")
        collector = GraphCollector()
        if rec is not None:
            collector.add(rec["nodes"])
            collector.add([r for r in rec["rels"] if r is not None])
        return collector.payload(GraphMeta(query="chain"))

    return db.read(work)
