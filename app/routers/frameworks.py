"""Frameworks: what there is, counts by level, and each one's elements as a graph."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from app.deps import DriverDep, SettingsDep
from app.models.graph import GraphPayload
from app.repository import frameworks as repo
from app.repository.base import NotFound
from app.routers.common import ID_PATTERN, not_found
from app.routers.pathways import Positions, with_positions

router = APIRouter(prefix="/frameworks", tags=["frameworks"])
Include = Literal["pledges", "commitments", "indicators", "actors", "themes", "alignments"]


@router.get("", response_model=list[repo.FrameworkSummary], summary="Every framework with counts")
def list_frameworks(driver: DriverDep, settings: SettingsDep) -> list[repo.FrameworkSummary]:
    return repo.list_frameworks(driver, settings.neo4j_database)


@router.get(
    "/{framework_id}/graph",
    response_model=GraphPayload,
    summary="A framework's elements and their chain, as a graph payload",
    responses={404: {"description": "no such framework"}},
)
def framework_graph(
    driver: DriverDep,
    settings: SettingsDep,
    framework_id: Annotated[str, Path(pattern=ID_PATTERN, examples=["mirps-toc"])],
    include: Annotated[
        list[Include] | None,
        Query(description="what to show around the elements", examples=[["pledges", "indicators"]]),
    ] = None,
    positions: Positions = False,
) -> GraphPayload:
    try:
        payload = repo.framework_graph(
            driver,
            settings.neo4j_database,
            framework_id,
            list(include or []),
            cap=settings.max_payload_nodes,
        )
    except NotFound as e:
        raise not_found(e) from e
    return with_positions(payload, positions)
