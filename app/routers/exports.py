"""Exports for workshops and other tools: any view as HTML, SVG, PNG, PDF, Mermaid, DOT,
GraphML, GEXF, Cytoscape.js JSON, CSV, and the full-graph JSON backup."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Response

from app import exports
from app.deps import DriverDep, SettingsDep
from app.exports.backup import dumps_backup
from app.models.graph import GraphPayload
from app.repository import backup
from app.repository.base import NotFound
from app.routers.common import ID_PATTERN, not_found
from app.views_for_export import between_view, focus_view, framework_view

router = APIRouter(prefix="/export", tags=["exports"])

FormatName = Literal[
    "html", "svg", "png", "pdf", "mermaid", "dot", "graphml", "gexf", "cytoscape", "csv", "json"
]  # fmt: skip
Fmt = Annotated[FormatName, Query(alias="format", description="the file format")]
Paper = Annotated[Literal["A4", "A3"], Query(description="page size for svg, png and pdf")]
Include = Literal["pledges", "commitments", "indicators", "actors", "themes", "alignments"]


def _file(payload: GraphPayload, fmt: str, title: str, paper: str) -> Response:
    taken_at = dt.datetime.now(dt.UTC)
    body = exports.export(payload.model_dump(), fmt, title=title, taken_at=taken_at, paper=paper)  # type: ignore[arg-type]
    name = exports.filename(f"{payload.meta.query}-{title}", fmt)
    return Response(
        content=body,
        media_type=exports.FORMATS[fmt].media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/formats", summary="The export formats and their media types")
def formats() -> dict[str, dict[str, str]]:
    return {
        name: {"media_type": f.media_type, "extension": f.extension}
        for name, f in exports.FORMATS.items()
    }


@router.get("/framework/{framework_id}", summary="A framework's diagram or data")
def export_framework(
    driver: DriverDep,
    settings: SettingsDep,
    framework_id: Annotated[str, Path(pattern=ID_PATTERN, examples=["mirps-toc"])],
    fmt: Fmt = "svg",
    include: Annotated[list[Include] | None, Query()] = None,
    paper: Paper = "A3",
) -> Response:
    try:
        payload, title = framework_view(
            driver, settings.neo4j_database, framework_id, list(include or [])
        )
    except NotFound as e:
        raise not_found(e) from e
    return _file(payload, fmt, title, paper)


@router.get("/focus/{node_id}", summary="What leads to a node and what it leads to, N hops")
def export_focus(
    driver: DriverDep,
    settings: SettingsDep,
    node_id: Annotated[str, Path(pattern=ID_PATTERN, examples=["mirps-rf.outcome-3"])],
    fmt: Fmt = "svg",
    direction: Literal["upstream", "downstream", "both"] = "both",
    depth: Annotated[int | None, Query(ge=1, le=20)] = None,
    paper: Paper = "A4",
) -> Response:
    try:
        payload, title = focus_view(
            driver, settings.neo4j_database, node_id, direction, depth, settings.max_payload_nodes
        )
    except NotFound as e:
        raise not_found(e) from e
    return _file(payload, fmt, title, paper)


@router.get("/between", summary="The paths between two nodes")
def export_between(
    driver: DriverDep,
    settings: SettingsDep,
    source: Annotated[str, Query(pattern=ID_PATTERN)],
    target: Annotated[str, Query(pattern=ID_PATTERN)],
    fmt: Fmt = "svg",
    max_hops: Annotated[int, Query(ge=1, le=12)] = 6,
    max_paths: Annotated[int, Query(ge=1, le=50)] = 10,
    paper: Paper = "A4",
) -> Response:
    try:
        payload, title = between_view(
            driver, settings.neo4j_database, source, target, max_hops, max_paths
        )
    except NotFound as e:
        raise not_found(e) from e
    return _file(payload, fmt, title, paper)


@router.post("", summary="Any graph payload the explorer showed (e.g. a filtered view)")
def export_payload(
    payload: GraphPayload,
    fmt: Fmt = "svg",
    title: Annotated[str, Query(max_length=200)] = "Theory-of-change explorer view",
    paper: Paper = "A4",
) -> Response:
    ids = payload.node_ids()
    dangling = [e.id for e in payload.edges if e.source not in ids or e.target not in ids]
    if dangling:
        raise HTTPException(422, detail=f"edges whose ends are not in nodes: {dangling[:5]}")
    return _file(payload, fmt, title, paper)


@router.get("/backup", summary="The whole graph as a JSON backup that `toc restore` reads")
def export_backup(driver: DriverDep, settings: SettingsDep) -> Response:
    doc = backup.dump(driver, settings.neo4j_database)
    return Response(
        content=dumps_backup(doc),
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="toc-explorer-backup.json"'},
    )
