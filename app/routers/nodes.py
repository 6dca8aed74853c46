"""Nodes: one with its neighbourhood; lists filtered by framework, level, country, theme..."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from app.deps import DriverDep, SettingsDep
from app.repository import nodes as repo
from app.repository.base import NotFound
from app.routers.common import ID_PATTERN, BrowseLabel, Level, not_found

router = APIRouter(tags=["nodes"])

IdFilter = Annotated[str | None, Query(pattern=ID_PATTERN)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Limit = Annotated[int, Query(ge=1, le=500)]


def _page(
    driver: DriverDep,
    settings: SettingsDep,
    label: str,
    framework: str | None,
    level: str | None,
    country: str | None,
    actor_type: str | None,
    theme: str | None,
    q: str | None,
    offset: int,
    limit: int,
) -> repo.NodePage:
    return repo.list_nodes(
        driver,
        settings.neo4j_database,
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


@router.get("/nodes", response_model=repo.NodePage, summary="Browse nodes of one label")
def list_nodes(
    driver: DriverDep,
    settings: SettingsDep,
    label: BrowseLabel = "Result",
    framework: IdFilter = None,
    level: Level | None = None,
    country: IdFilter = None,
    actor_type: Annotated[str | None, Query(pattern=r"^[a-z_]+$")] = None,
    theme: IdFilter = None,
    q: Annotated[str | None, Query(max_length=200, description="words in the name")] = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> repo.NodePage:
    return _page(
        driver, settings, label, framework, level, country, actor_type, theme, q, offset, limit
    )


def _typed(label: str, summary: str) -> None:
    def endpoint(
        driver: DriverDep,
        settings: SettingsDep,
        framework: IdFilter = None,
        level: Level | None = None,
        country: IdFilter = None,
        actor_type: Annotated[str | None, Query(pattern=r"^[a-z_]+$")] = None,
        theme: IdFilter = None,
        q: Annotated[str | None, Query(max_length=200)] = None,
        offset: Offset = 0,
        limit: Limit = 50,
    ) -> repo.NodePage:
        return _page(
            driver, settings, label, framework, level, country, actor_type, theme, q, offset, limit
        )

    path = {"Result": "results", "Actor": "actors", "Pledge": "pledges",
            "Commitment": "commitments", "Indicator": "indicators"}[label]  # fmt: skip
    router.add_api_route(
        f"/{path}", endpoint, methods=["GET"], response_model=repo.NodePage, summary=summary,
        name=f"list_{path}",
    )  # fmt: skip


_typed("Actor", "Actors (countries, agencies, ministries, donors...), filterable by actor type")
_typed("Pledge", "Global Refugee Forum pledges, filterable by country")
_typed("Commitment", "National Action Plan commitments, filterable by country")
_typed("Indicator", "M&E indicators, filterable by country")


@router.get("/lines-of-action", response_model=repo.NodePage, summary="RCM lines of action")
def lines_of_action(
    driver: DriverDep, settings: SettingsDep, offset: Offset = 0, limit: Limit = 50
) -> repo.NodePage:
    return _page(driver, settings, "Result", None, "line_of_action", None, None, None, None,
                 offset, limit)  # fmt: skip


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
