"""Frameworks: what there is, counts by level, and each one's elements as a graph."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from app import views
from app.deps import DbDep, SettingsDep
from app.models.errors import responses
from app.models.graph import GraphPayload
from app.repository import frameworks as repo
from app.routers.params import Include, Positions, with_positions
from graph.vocabulary import ID_PATTERN

router = APIRouter(prefix="/frameworks", tags=["frameworks"])


@router.get("", response_model=list[repo.FrameworkSummary], summary="Every framework with counts")
def list_frameworks(db: DbDep) -> list[repo.FrameworkSummary]:
    return repo.list_frameworks(db)


@router.get(
    "/{framework_id}/graph",
    response_model=GraphPayload,
    summary="A framework's elements and their chain, as a graph payload",
    description="The same view the framework's page draws and its exports hold.",
    responses=responses(404, descriptions={404: "no framework has that id"}),
)
def framework_graph(
    db: DbDep,
    settings: SettingsDep,
    framework_id: Annotated[str, Path(pattern=ID_PATTERN, examples=["mirps-toc"])],
    include: Include = None,
    positions: Positions = False,
) -> GraphPayload:
    view = views.framework_view(
        db, framework_id, list(include or []), cap=settings.max_payload_nodes
    )
    return with_positions(view.payload, positions)
