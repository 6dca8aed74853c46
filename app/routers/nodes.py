"""Nodes: one with its neighbourhood; lists filtered by framework, level, country, theme..."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from app.deps import DbDep
from app.models.errors import responses
from app.repository import nodes as repo
from graph.vocabulary import ID_PATTERN, Label, Level

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


def _page(db: DbDep, label: str, f: NodeFilters) -> repo.NodePage:
    return repo.list_nodes(db, label=label, **f.model_dump())


@router.get("/nodes", response_model=repo.NodePage, summary="Browse nodes of one label")
def list_nodes(db: DbDep, filters: Filters, label: Label = Label.RESULT) -> repo.NodePage:
    return _page(db, label, filters)


@router.get(
    "/actors",
    response_model=repo.NodePage,
    summary="Actors (countries, agencies, ministries, donors...), by actor type",
)
def list_actors(db: DbDep, filters: Filters) -> repo.NodePage:
    return _page(db, Label.ACTOR, filters)


@router.get(
    "/pledges",
    response_model=repo.NodePage,
    summary="Global Refugee Forum pledges, filterable by country",
)
def list_pledges(db: DbDep, filters: Filters) -> repo.NodePage:
    return _page(db, Label.PLEDGE, filters)


@router.get(
    "/commitments",
    response_model=repo.NodePage,
    summary="National Action Plan commitments, filterable by country",
)
def list_commitments(db: DbDep, filters: Filters) -> repo.NodePage:
    return _page(db, Label.COMMITMENT, filters)


@router.get(
    "/indicators", response_model=repo.NodePage, summary="M&E indicators, filterable by country"
)
def list_indicators(db: DbDep, filters: Filters) -> repo.NodePage:
    return _page(db, Label.INDICATOR, filters)


@router.get("/lines-of-action", response_model=repo.NodePage, summary="RCM lines of action")
def lines_of_action(
    db: DbDep,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> repo.NodePage:
    filters = NodeFilters(level=Level.LINE_OF_ACTION, offset=offset, limit=limit)
    return _page(db, Label.RESULT, filters)


@router.get(
    "/nodes/{node_id}",
    response_model=repo.NodeDetail,
    summary="One node: properties, provenance, neighbours and edges",
    responses=responses(404, descriptions={404: "no node with that id"}),
)
def get_node(
    db: DbDep,
    node_id: Annotated[str, Path(pattern=ID_PATTERN, examples=["mirps-rf.outcome-3"])],
) -> repo.NodeDetail:
    return repo.get_node(db, node_id)
