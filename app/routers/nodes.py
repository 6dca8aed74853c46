"""Nodes: one with its neighbourhood; lists filtered by framework, level, country, theme..."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from app.deps import DriverDep, SettingsDep
from app.repository import nodes as repo
from app.repository.base import NotFound
from app.routers.common import ID_PATTERN, BrowseLabel, Level, not_found

router = APIRouter(tags=["nodes"])


class NodeFilters(BaseModel):
    """The filters every node list takes, declared once (FastAPI reads them from the query)."""

    framework: str | None = Field(default=None, pattern=ID_PATTERN)
    level: Level | None = None
    country: str | None = Field(default=None, pattern=ID_PATTERN)
    actor_type: str | None = Field(default=None, pattern=r"^[a-z_]+$")
    theme: str | None = Field(default=None, pattern=ID_PATTERN)
    q: str | None = Field(default=None, max_length=200, description="words in the name")
    offset: int = Field(default=0, ge=0, le=1_000_000)
    limit: int = Field(default=50, ge=1, le=500)


Filters = Annotated[NodeFilters, Query()]


def _page(driver: DriverDep, settings: SettingsDep, label: str, f: NodeFilters) -> repo.NodePage:
    return repo.list_nodes(driver, settings.neo4j_database, label=label, **f.model_dump())


@router.get("/nodes", response_model=repo.NodePage, summary="Browse nodes of one label")
def list_nodes(
    driver: DriverDep, settings: SettingsDep, filters: Filters, label: BrowseLabel = "Result"
) -> repo.NodePage:
    return _page(driver, settings, label, filters)


def _typed(label: str, path: str, summary: str) -> None:
    def endpoint(driver: DriverDep, settings: SettingsDep, filters: Filters) -> repo.NodePage:
        return _page(driver, settings, label, filters)

    router.add_api_route(
        f"/{path}", endpoint, methods=["GET"], response_model=repo.NodePage, summary=summary,
        name=f"list_{path}",
    )  # fmt: skip


_typed("Actor", "actors", "Actors (countries, agencies, ministries, donors...), by actor type")
_typed("Pledge", "pledges", "Global Refugee Forum pledges, filterable by country")
_typed("Commitment", "commitments", "National Action Plan commitments, filterable by country")
_typed("Indicator", "indicators", "M&E indicators, filterable by country")


@router.get("/lines-of-action", response_model=repo.NodePage, summary="RCM lines of action")
def lines_of_action(
    driver: DriverDep,
    settings: SettingsDep,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> repo.NodePage:
    filters = NodeFilters(level="line_of_action", offset=offset, limit=limit)
    return _page(driver, settings, "Result", filters)


@router.get(
    "/nodes/{node_id}",
    response_model=repo.NodeDetail,
    summary="One node: properties, provenance, neighbours and edges",
    responses={404: {"description": "no node with that id"}},
)
def get_node(
    driver: DriverDep,
    settings: SettingsDep,
    node_id: Annotated[str, Path(pattern=ID_PATTERN, examples=["mirps-rf.outcome-3"])],
) -> repo.NodeDetail:
    try:
        return repo.get_node(driver, settings.neo4j_database, node_id)
    except NotFound as e:
        raise not_found(e) from e
