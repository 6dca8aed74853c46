"""Exports for workshops and other tools: any view as HTML, SVG, PNG, PDF, Mermaid, DOT,
GraphML, GEXF, Cytoscape.js JSON, CSV, and the full-graph JSON backup.

Each view is built by :mod:`app.views`, the same builder the pages draw from, so a file holds
what the page shows, and records the view, every parameter it was built with and the file's
options, so it can be taken again exactly. A file its usual readers would refuse as it is (a
Mermaid diagram past Mermaid's default limits) comes with an ``X-TOC-Warning`` header saying
why; the same warning is in the file."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response

from app import exports, views
from app.deps import DbDep, SettingsDep
from app.exports.backup import dumps_backup
from app.models.errors import responses
from app.models.posted import PostedGraph
from app.repository import backup
from app.routers.params import Include
from app.views import View
from graph.vocabulary import GAP_KINDS, ID_PATTERN, Direction, GapKind

router = APIRouter(prefix="/export", tags=["exports"])

FormatName = Literal[
    "html", "svg", "png", "pdf", "mermaid", "dot", "graphml", "gexf", "cytoscape", "csv", "json"
]  # fmt: skip
Fmt = Annotated[FormatName, Query(alias="format", description="the file format")]
Paper = Annotated[Literal["A4", "A3"], Query(description="page size for svg, png and pdf")]
FromTo = Annotated[str, Query(pattern=ID_PATTERN)]
WARNING_HEADER = "X-TOC-Warning"


def _file_answers() -> dict[int | str, dict[str, Any]]:
    """The 200 answer of an export route: one media type per format of the registry."""
    content: dict[str, Any] = {}
    for fmt in exports.FORMATS.values():
        media_type = fmt.media_type.split(";")[0].strip()
        binary = {"type": "string", "format": "binary"}
        content[media_type] = {
            "schema": {"type": "object"} if media_type.endswith("json") else binary
        }
    names = ", ".join(f"`{n}` ({f.media_type.split(';')[0]})" for n, f in exports.FORMATS.items())
    warning = {
        "description": "set when the file exceeds a limit its readers apply (e.g. Mermaid's)",
        "schema": {"type": "string"},
    }
    return {
        200: {
            "description": f"The file, in the format asked for: {names}",
            "content": content,
            "headers": {WARNING_HEADER: warning},
        }
    }


FILE = _file_answers()
NOT_FOUND = {**FILE, **responses(404, 422)}


def _file(view: View, fmt: str, paper: str) -> Response:
    taken_at = dt.datetime.now(dt.UTC)
    payload, title = view.payload, view.title
    done = exports.export_file(
        payload.model_dump(),
        fmt,
        title=title,
        taken_at=taken_at,
        paper=paper,  # type: ignore[arg-type]
    )
    headers = {
        "Content-Disposition": exports.content_disposition(f"{payload.meta.query}-{title}", fmt)
    }
    if done.warnings:
        headers[WARNING_HEADER] = " | ".join(done.warnings)
    return Response(content=done.body, media_type=exports.FORMATS[fmt].media_type, headers=headers)


@router.get("/formats", summary="The export formats and their media types")
def formats() -> dict[str, dict[str, str]]:
    return {
        name: {"media_type": f.media_type, "extension": f.extension}
        for name, f in exports.FORMATS.items()
    }


@router.get(
    "/framework/{framework_id}", response_class=Response, responses=NOT_FOUND,
    summary="A framework's diagram or data",
)  # fmt: skip
def export_framework(
    db: DbDep,
    framework_id: Annotated[str, Path(pattern=ID_PATTERN, examples=["mirps-toc"])],
    fmt: Fmt = "svg",
    include: Include = None,
    paper: Paper = "A3",
) -> Response:
    return _file(views.framework_view(db, framework_id, list(include or [])), fmt, paper)


@router.get(
    "/cross", response_class=Response, responses=NOT_FOUND,
    summary="Frameworks side by side with their alignments",
)  # fmt: skip
def export_cross(
    db: DbDep,
    framework: Annotated[
        list[Annotated[str, Query(pattern=ID_PATTERN)]] | None,
        Query(description="frameworks to line up; every results chain when omitted"),
    ] = None,
    theme: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    fmt: Fmt = "svg",
    include: Include = None,
    paper: Paper = "A3",
) -> Response:
    return _file(views.cross_view(db, framework, theme, list(include or [])), fmt, paper)


@router.get(
    "/gaps/{framework_id}", response_class=Response, responses=NOT_FOUND,
    summary="A framework with its gaps marked",
)  # fmt: skip
def export_gaps(
    db: DbDep,
    framework_id: Annotated[str, Path(pattern=ID_PATTERN, examples=["mirps-rf"])],
    kind: Annotated[list[GapKind] | None, Query(description="gap kinds; all when omitted")] = None,
    fmt: Fmt = "svg",
    include: Include = None,
    paper: Paper = "A3",
) -> Response:
    kinds = list(kind or GAP_KINDS)
    return _file(views.gaps_view(db, framework_id, kinds, list(include or [])), fmt, paper)


@router.get(
    "/focus/{node_id}", response_class=Response, responses=NOT_FOUND,
    summary="What leads to a node and what it leads to, N hops",
)  # fmt: skip
def export_focus(
    db: DbDep,
    settings: SettingsDep,
    node_id: Annotated[str, Path(pattern=ID_PATTERN, examples=["mirps-rf.outcome-3"])],
    fmt: Fmt = "svg",
    direction: Direction = "both",
    depth: Annotated[int | None, Query(ge=0, le=20, description="hops; 0 or none: all")] = None,
    paper: Paper = "A4",
) -> Response:
    view = views.focus_view(db, node_id, direction, depth or None, settings.max_payload_nodes)
    return _file(view, fmt, paper)


@router.get(
    "/between", response_class=Response, responses=NOT_FOUND,
    summary="The paths between two nodes",
)  # fmt: skip
def export_between(
    db: DbDep,
    source: FromTo,
    target: FromTo,
    fmt: Fmt = "svg",
    max_hops: Annotated[int, Query(ge=1, le=12)] = 6,
    max_paths: Annotated[int, Query(ge=1, le=50)] = 10,
    paper: Paper = "A4",
) -> Response:
    return _file(views.between_view(db, source, target, max_hops, max_paths), fmt, paper)


@router.post(
    "", response_class=Response,
    # 503: a program a format needs (Graphviz) is missing on the server.
    responses={**FILE, **responses(422, 503)},
    summary="Any graph payload the explorer showed (e.g. a filtered view)",
)  # fmt: skip
def export_payload(
    payload: PostedGraph,
    fmt: Fmt = "svg",
    title: Annotated[str, Query(max_length=200)] = "Theory-of-change explorer view",
    paper: Paper = "A4",
) -> Response:
    return _file(View(payload.payload(), title), fmt, paper)


BACKUP = {"description": "The backup file", "content": {"application/json": {"schema": {}}}}


@router.get(
    "/backup", response_class=Response, responses={200: BACKUP},
    summary="The whole graph as a JSON backup that `toc restore` reads",
)  # fmt: skip
def export_backup(db: DbDep) -> Response:
    doc = backup.dump(db)
    return Response(
        content=dumps_backup(doc),
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="toc-explorer-backup.json"'},
    )
