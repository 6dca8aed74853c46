"""Pathways: what leads to a node, what it leads to, paths between two, the chain to the impact."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from app.deps import DbDep, SettingsDep
from app.models.errors import responses
from app.models.graph import GraphPayload
from app.repository import pathways as repo
from app.routers.params import Positions, with_positions
from graph.vocabulary import ID_PATTERN, WalkDirection

router = APIRouter(prefix="/pathways", tags=["pathways"])

NodeId = Annotated[str, Path(pattern=ID_PATTERN, examples=["mirps.impact"])]
Depth = Annotated[
    int | None, Query(ge=1, le=20, description="hops to follow; all when omitted", examples=[3])
]
NOT_FOUND = responses(404, descriptions={404: "no node with that id"})


def _walk(
    db: DbDep,
    settings: SettingsDep,
    node_id: str,
    direction: WalkDirection,
    depth: int | None,
    alignments: bool,
    positions: bool,
) -> GraphPayload:
    cap = settings.max_payload_nodes
    payload = repo.walk(db, node_id, direction, depth, cap, alignments)
    return with_positions(payload, positions)


@router.get(
    "/{node_id}/upstream", response_model=GraphPayload, responses=NOT_FOUND,
    summary="Everything that contributes to a node, to a chosen depth",
)  # fmt: skip
def upstream(
    db: DbDep,
    settings: SettingsDep,
    node_id: NodeId,
    depth: Depth = None,
    alignments: bool = False,
    positions: Positions = False,
) -> GraphPayload:
    return _walk(db, settings, node_id, "upstream", depth, alignments, positions)


@router.get(
    "/{node_id}/downstream", response_model=GraphPayload, responses=NOT_FOUND,
    summary="Everything a node contributes to, to a chosen depth",
)  # fmt: skip
def downstream(
    db: DbDep,
    settings: SettingsDep,
    node_id: NodeId,
    depth: Depth = None,
    alignments: bool = False,
    positions: Positions = False,
) -> GraphPayload:
    return _walk(db, settings, node_id, "downstream", depth, alignments, positions)


@router.get(
    "/{node_id}/to-impact", response_model=GraphPayload, responses=NOT_FOUND,
    summary="The chain from a pledge, commitment or result up to the impact it serves",
)  # fmt: skip
def to_impact(
    db: DbDep, settings: SettingsDep, node_id: NodeId, positions: Positions = False
) -> GraphPayload:
    payload = _walk(db, settings, node_id, "downstream", None, False, positions)
    payload.meta.query = "to-impact"
    return payload


@router.get(
    "/between", response_model=GraphPayload, responses=NOT_FOUND,
    summary="Paths between two nodes along the chain and alignments, shortest first",
)  # fmt: skip
def between(
    db: DbDep,
    source: Annotated[str, Query(pattern=ID_PATTERN, examples=["rcm.line-2"])],
    target: Annotated[str, Query(pattern=ID_PATTERN, examples=["mirps.impact"])],
    max_hops: Annotated[int, Query(ge=1, le=12)] = 6,
    max_paths: Annotated[int, Query(ge=1, le=50)] = 10,
    positions: Positions = False,
) -> GraphPayload:
    payload = repo.between(db, source, target, max_hops, max_paths)
    return with_positions(payload, positions)
