"""JSON for the pages: API payloads turned into vis-network data by :mod:`app.render`.

- ``GET /views/data/toc/{framework}``: one framework (``include``, and ``from``/``to`` to
  add the paths between two nodes),
- ``GET /views/data/cross``: several frameworks with the alignments between them,
- ``POST /views/data/vis``: any graph payload (the console's results).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query
from neo4j import Driver

from app.deps import DriverDep, SettingsDep
from app.models.graph import GraphPayload
from app.repository import frameworks as frameworks_repo
from app.repository.base import NotFound
from app.routers.common import ID_PATTERN, not_found
from app.routers.frameworks import Include
from app.views import graphdata
from app.views.security import SecureRoute
from app.views.visdata import LiveVisData, live_vis_data

router = APIRouter(prefix="/views/data", tags=["views"], route_class=SecureRoute)

IncludeQuery = Annotated[list[Include] | None, Query(description="what to show around")]
NodeParam = Annotated[str | None, Query(pattern=ID_PATTERN)]
Hops = Annotated[int, Query(ge=1, le=12)]


def framework_names(driver: Driver, database: str) -> dict[str, str]:
    return {f.id: f.name for f in frameworks_repo.list_frameworks(driver, database)}


def _traced(
    driver: Driver,
    database: str,
    payload: GraphPayload,
    source: str | None,
    target: str | None,
    hops: int,
    types: list[str],
) -> GraphPayload:
    if not (source and target):
        return payload
    try:
        return graphdata.with_paths(driver, database, payload, source, target, hops, types)
    except NotFound as e:
        raise not_found(e) from e


@router.get("/toc/{framework_id}", response_model=None, summary="A framework as vis data")
def toc_data(
    driver: DriverDep,
    settings: SettingsDep,
    framework_id: Annotated[str, Path(pattern=ID_PATTERN)],
    include: IncludeQuery = None,
    source: Annotated[str | None, Query(alias="from", pattern=ID_PATTERN)] = None,
    target: Annotated[str | None, Query(alias="to", pattern=ID_PATTERN)] = None,
    hops: Hops = 6,
) -> LiveVisData:
    db = settings.neo4j_database
    wanted: list[str] = sorted(set(include or []))
    try:
        payload = graphdata.framework_view(driver, db, framework_id, wanted)
    except NotFound as e:
        raise not_found(e) from e
    payload = _traced(driver, db, payload, source, target, hops, graphdata.edge_types(wanted))
    return live_vis_data(payload, framework_names(driver, db))


@router.get("/cross", response_model=None, summary="Frameworks side by side, as vis data")
def cross_data(
    driver: DriverDep,
    settings: SettingsDep,
    framework: Annotated[
        list[Annotated[str, Query(pattern=ID_PATTERN)]] | None,
        Query(description="frameworks to line up; every results chain when omitted"),
    ] = None,
    theme: NodeParam = None,
    include: IncludeQuery = None,
    source: Annotated[str | None, Query(alias="from", pattern=ID_PATTERN)] = None,
    target: Annotated[str | None, Query(alias="to", pattern=ID_PATTERN)] = None,
    hops: Hops = 6,
) -> LiveVisData:
    db = settings.neo4j_database
    wanted: list[str] = sorted(set(include or []))
    chosen = framework or [f.id for f in graphdata.chain_frameworks(driver, db)]
    try:
        payload = graphdata.cross_view(driver, db, chosen, theme, wanted)
    except NotFound as e:
        raise not_found(e) from e
    types = sorted({*graphdata.edge_types(wanted), graphdata.ALIGNS})
    payload = _traced(driver, db, payload, source, target, hops, types)
    return live_vis_data(payload, framework_names(driver, db))


@router.post("/vis", response_model=None, summary="Any graph payload as vis data")
def payload_data(driver: DriverDep, settings: SettingsDep, payload: GraphPayload) -> LiveVisData:
    try:
        return live_vis_data(payload, framework_names(driver, settings.neo4j_database))
    except ValueError as e:  # duplicate ids, an edge to a node not in the payload
        raise HTTPException(status_code=422, detail=str(e)) from e
