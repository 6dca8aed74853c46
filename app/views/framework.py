"""A framework's elements, with what ``include`` hangs off them."""

from __future__ import annotations

from app.models.graph import GraphNode
from app.repository import frameworks
from app.repository.base import Db
from app.repository.subgraphs import attached
from app.views.base import View, complete, edge_types
from graph.vocabulary import INCLUDES, Label


def framework_view(
    db: Db, framework_id: str, include: list[str], *, cap: int | None = None
) -> View:
    """The framework's elements and the chain among them, plus what ``include`` asks for.

    With ``actors``, also the actors behind the pledges and commitments shown, not only those
    tied to the framework's own elements. With ``cap``, at most that many nodes, the top of the
    chain first (``meta.truncated`` and ``meta.message`` say so). ``NotFound`` when no
    framework has that id.
    """
    wanted = sorted(set(include))
    base = frameworks.framework_graph(db, framework_id, wanted, cap=cap)
    nodes: dict[str, GraphNode] = {n.id: n for n in base.nodes}
    meta = base.meta.model_copy(deep=True)
    if "actors" in wanted:
        for actor in attached(db, nodes, list(INCLUDES["actors"].types), Label.ACTOR):
            if cap is not None and len(nodes) >= cap and actor.id not in nodes:
                meta.truncated = True
                continue
            nodes.setdefault(actor.id, actor)
    meta.params = {"id": framework_id, "include": wanted}
    if cap is not None:
        meta.params["max_nodes"] = cap
    title = str(meta.extra.get("framework", {}).get("name") or framework_id)
    return View(complete(db, nodes, edge_types(wanted), meta), title)
