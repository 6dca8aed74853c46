"""Pathways: what leads to a node, what it leads to, paths between two, the chain to the impact."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from app.deps import DriverDep, SettingsDep
from app.models.graph import GraphPayload
from app.repository import pathways as repo
from app.repository.base import NotFound
from app.routers.common import ID_PATTERN, not_found
from graph.layout import layout_nodes, node_rank

router = APIRouter(prefix="/pathways", tags=["pathways"])

NodeId = Annotated[str, Path(pattern=ID_PATTERN, examples=["mirps.impact"])]
Depth = Annotated[
    int | None, Query(ge=1, le=20, description="hops to follow; all when omitted", examples=[3])
]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "no node with that id"}}
Positions = Annotated[
    bool,
    Query(description="put layered x, y coordinates in each node's properties (no physics needed)"),
]


def with_positions(payload: GraphPayload, positions: bool) -> GraphPayload:
    """The payload with `x`, `y` in each node's properties when `positions` is asked for."""
    if positions:
        ranks = (
            (n.id, node_rank(n.id, {"level": n.level, "label": n.label})) for n in payload.nodes
        )
        pos = layout_nodes(ranks, ((e.source, e.target) for e in payload.edges))
        for node in payload.nodes:
            node.properties["x"], node.properties["y"] = pos[node.id]
    return payload


def _walk(
    driver: DriverDep,
    settings: SettingsDep,
    node_id: str,
    direction: repo.Direction,
    depth: int | None,
    alignments: bool,
    positions: bool,
) -> GraphPayload:
    try:
        payload = repo.walk(driver, settings.neo4j_database, node_id, direction, depth,
                            settings.max_payload_nodes, alignments)  # fmt: skip
    except NotFound as e:
        raise not_found(e) from e
    return with_positions(payload, positions)


@router.get(
    "/{node_id}/upstream", response_model=GraphPayload, responses=NOT_FOUND,
    summary="Everything that contributes to a node, to a chosen depth",
)  # fmt: skip
def upstream(
    driver: DriverDep,
    settings: SettingsDep,
    node_id: NodeId,
    depth: Depth = None,
    alignments: bool = False,
    positions: Positions = False,
) -> GraphPayload:
    return _walk(driver, settings, node_id, "upstream", depth, alignments, positions)


@router.get(
    "/{node_id}/downstream", response_model=GraphPayload, responses=NOT_FOUND,
    summary="Everything a node contributes to, to a chosen depth",
)  # fmt: skip
def downstream(
    driver: DriverDep,
    settings: SettingsDep,
    node_id: NodeId,
    depth: Depth = None,
    alignments: bool = False,
    positions: Positions = False,
) -> GraphPayload:
    return _walk(driver, settings, node_id, "downstream", depth, alignments, positions)


@router.get(
    "/{node_id}/to-impact", response_model=GraphPayload, responses=NOT_FOUND,
    summary="The chain from a pledge, commitment or result up to the impact it serves",
)  # fmt: skip
def to_impact(
    driver: DriverDep, settings: SettingsDep, node_id: NodeId, positions: Positions = False
) -> GraphPayload:
    payload = _walk(driver, settings, node_id, "downstream", None, False, positions)
    payload.meta.query = "to-impact"
    return payload


@router.get(
    "/between", response_model=GraphPayload, responses=NOT_FOUND,
    summary="Paths between two nodes along the chain and alignments, shortest first",
)  # fmt: skip
def between(
    driver: DriverDep,
    settings: SettingsDep,
    source: Annotated[str, Query(pattern=ID_PATTERN, examples=["rcm.line-2"])],
    target: Annotated[str, Query(pattern=ID_PATTERN, examples=["mirps.impact"])],
    max_hops: Annotated[int, Query(ge=1, le=12)] = 6,
    max_paths: Annotated[int, Query(ge=1, le=50)] = 10,
    positions: Positions = False,
) -> GraphPayload:
    try:
        payload = repo.between(driver, settings.neo4j_database, source, target, max_hops, max_paths)
    except NotFound as e:
        raise not_found(e) from e
    return with_positions(payload, positions)
