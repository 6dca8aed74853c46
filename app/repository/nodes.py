"""One node with its neighbourhood; filtered, paginated lists of nodes."""

from __future__ import annotations

from neo4j import ManagedTransaction
from pydantic import BaseModel, Field

from app.errors import NotFound
from app.models.graph import GraphEdge, GraphMeta, GraphNode, GraphPayload
from app.repository.base import Db, fetch_one
from app.repository.payload import GraphCollector, to_graph_node
from app.sources import title_of


class Provenance(BaseModel):
    source: str | None = Field(default=None, description="the source document's file name")
    source_title: str | None = Field(
        default=None, description="that document's title (seed/sources/index.yaml)"
    )
    section: str | None = None
    quote: str | None = None
    seed_file: str | None = None
    seed_line: int | None = None


class NodeDetail(BaseModel):
    node: GraphNode
    labels: list[str]
    provenance: Provenance
    related: dict[str, list[GraphNode]] = Field(
        description="neighbours grouped by label: the actors, pledges, indicators... around it"
    )
    edges: list[GraphEdge]
    graph: GraphPayload


class NodePage(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[GraphNode]


def get_node(db: Db, node_id: str) -> NodeDetail:
    def work(tx: ManagedTransaction) -> NodeDetail:
        rec = fetch_one(tx, "node_get", id=node_id)
        if rec is None:
            raise NotFound("node", node_id)
        collector = GraphCollector()
        collector.add(rec["n"])
        collector.add(rec["neighbours"])
        collector.add(rec["rels"])
        payload = collector.payload(GraphMeta(query="node", params={"id": node_id}))
        node = collector.nodes[node_id]
        related: dict[str, list[GraphNode]] = {}
        for other in payload.nodes:
            if other.id != node_id:
                related.setdefault(other.label, []).append(other)
        p = node.properties
        return NodeDetail(
            node=node,
            labels=sorted(rec["n"].labels),
            provenance=Provenance(
                source=p.get("source"),
                source_title=title_of(p.get("source")),
                section=p.get("section"),
                quote=p.get("quote"),
                seed_file=p.get("seed_file"),
                seed_line=p.get("seed_line"),
            ),
            related={k: sorted(v, key=lambda n: n.id) for k, v in sorted(related.items())},
            edges=payload.edges,
            graph=payload,
        )

    return db.read(work)


def list_nodes(
    db: Db,
    *,
    label: str,
    framework: str | None = None,
    level: str | None = None,
    country: str | None = None,
    actor_type: str | None = None,
    theme: str | None = None,
    q: str | None = None,
    offset: int = 0,
    limit: int = 50,
) -> NodePage:
    """`label` must come from the allow-list (the router's Literal type guarantees it)."""

    def work(tx: ManagedTransaction) -> NodePage:
        rec = fetch_one(
            tx,
            "nodes_list",
            label=label,
            framework=framework,
            level=level,
            country=country,
            actor_type=actor_type,
            theme=theme,
            q=q,
            offset=offset,
            limit=limit,
        )
        assert rec is not None  # an aggregation always returns a row
        return NodePage(
            total=int(rec["total"]),
            offset=offset,
            limit=limit,
            items=[to_graph_node(n) for n in rec["page"]],
        )

    return db.read(work)
