"""What every view is (a payload and a title) and how a view is completed with its edges."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.models.graph import GraphMeta, GraphNode, GraphPayload
from app.repository.base import Db
from app.repository.subgraphs import edges_among
from graph.vocabulary import CHAIN, INCLUDES


@dataclass
class View:
    """A composed graph and the title it is shown and exported under."""

    payload: GraphPayload
    title: str


def edge_types(include: Iterable[str]) -> list[str]:
    """The relationship types a view draws: the chain plus what ``include`` brings."""
    types: set[str] = {CHAIN}
    for key in include:
        types.update(INCLUDES[key].types)
    return sorted(types)


def complete(
    db: Db, nodes: dict[str, GraphNode], types: list[str], meta: GraphMeta
) -> GraphPayload:
    """The nodes with *every* relationship of ``types`` among them (the named query
    ``subgraph_by_ids``), so each edge whose two ends are shown is drawn, including those that
    link an attachment to an attachment (an actor to the pledge it makes)."""
    edges = edges_among(db, nodes, types) if nodes else []
    return GraphPayload(nodes=list(nodes.values()), edges=edges, meta=meta)
