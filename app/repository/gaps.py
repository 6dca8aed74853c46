"""Where the plans leave gaps: what no indicator measures, nobody promised, nobody does."""

from __future__ import annotations

from neo4j import ManagedTransaction
from pydantic import BaseModel

from app.models.graph import GraphNode
from app.repository.base import Db, fetch
from app.repository.payload import to_graph_node
from graph.vocabulary import GAPS


class GapItem(BaseModel):
    node: GraphNode
    why: str


class Gap(BaseModel):
    kind: str
    description: str
    count: int
    items: list[GapItem]


def find_gaps(db: Db, kinds: list[str], framework: str | None) -> list[Gap]:
    def work(tx: ManagedTransaction) -> list[Gap]:
        out = []
        for kind in kinds:
            spec = GAPS[kind]
            params: dict[str, object] = {"framework": framework}
            if spec.levels is not None:
                params["levels"] = list(spec.levels)
            items = [
                GapItem(node=to_graph_node(r["node"]), why=r["why"])
                for r in fetch(tx, f"gaps_{kind}", **params)
            ]
            out.append(Gap(kind=kind, description=spec.description, count=len(items), items=items))
        return out

    return db.read(work)
