"""Request parameters several API routers declare the same way, built from the vocabulary."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from app.models.graph import GraphPayload
from graph.layout import layout_nodes, node_rank
from graph.vocabulary import ID_PATTERN, IncludeKind

Include = Annotated[
    list[IncludeKind] | None,
    Query(description="what to show around the elements", examples=[["pledges", "indicators"]]),
]
Positions = Annotated[
    bool,
    Query(description="put layered x, y coordinates in each node's properties (no physics needed)"),
]
FrameworkFilter = Annotated[
    str | None,
    Query(pattern=ID_PATTERN, description="one framework; all when omitted", examples=["mirps-rf"]),
]


def with_positions(payload: GraphPayload, positions: bool) -> GraphPayload:
    """The payload with ``x``, ``y`` in each node's properties when ``positions`` is asked for."""
    if positions:
        ranks = (
            (n.id, node_rank(n.id, {"level": n.level, "label": n.label})) for n in payload.nodes
        )
        pos = layout_nodes(ranks, ((e.source, e.target) for e in payload.edges))
        for node in payload.nodes:
            node.properties["x"], node.properties["y"] = pos[node.id]
    return payload
