"""The HTML pages. Each page is a shell rendered with autoescaping; the data it shows comes
from the JSON API and ``/views/data/...`` (:mod:`app.pages.data`) and is put in the page by
scripts in ``app/static/js`` through text nodes only."""

from __future__ import annotations

from typing import Annotated, Any, get_args
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.deps import DbDep
from app.errors import NotFound
from app.exports import FORMATS
from app.pages.templates import PageRoute, page
from app.render.diagram import DiagramFormat, drawing_unavailable
from app.render.style import level_title
from app.repository import frameworks as frameworks_repo
from app.repository import nodes as nodes_repo
from app.repository.base import Db
from app.repository.nodes import NodeDetail
from graph.vocabulary import (
    CHAIN_KINDS,
    COUNTRY_ACTOR_TYPE,
    GAPS,
    ID_PATTERN,
    INCLUDE_KINDS,
    LEVEL_RANK,
    RESULTS_FRAMEWORK_KIND,
    Label,
)

router = APIRouter(route_class=PageRoute, include_in_schema=False)
NodeId = Annotated[str, PathParam(pattern=ID_PATTERN)]

# Past this many nodes a view groups them and asks to narrow down (``?max=`` overrides it).
MAX_NODES = 400
# Button text per export format, in the order offered.
FORMAT_TEXT: dict[str, str] = {
    "svg": "SVG diagram",
    "png": "PNG image",
    "pdf": "PDF (A3)",
    "html": "Standalone HTML (offline)",
    "mermaid": "Mermaid",
    "dot": "Graphviz DOT",
    "graphml": "GraphML",
    "gexf": "GEXF (Gephi)",
    "cytoscape": "Cytoscape.js JSON",
    "csv": "CSV (zip)",
    "json": "JSON",
}
EXPORTS = [
    (f, FORMAT_TEXT.get(f, f)) for f in [*FORMAT_TEXT, *sorted(set(FORMATS) - set(FORMAT_TEXT))]
]
DRAWN = frozenset(get_args(DiagramFormat))


def _export_formats() -> tuple[list[dict[str, Any]], str | None]:
    """The formats offered, each usable or not on this server, and why not (asked at each
    page, so installing Graphviz while the app runs is seen at the next load)."""
    missing = drawing_unavailable()
    formats = [
        {"id": f, "text": text, "available": not (missing and f in DRAWN)} for f, text in EXPORTS
    ]
    return formats, missing


def _levels() -> list[dict[str, str]]:
    ordered = sorted(LEVEL_RANK.items(), key=lambda kv: (-kv[1], kv[0]))
    return [{"id": level, "title": level_title(level)} for level, _ in ordered]


def _all_nodes(db: Db, label: str, **filters: Any) -> list[dict[str, str]]:
    page_ = nodes_repo.list_nodes(db, label=label, limit=500, **filters)
    return sorted(
        ({"id": n.id, "name": n.name} for n in page_.items), key=lambda n: n["name"].lower()
    )


def _ordered_counts(counts: dict[str, int]) -> list[dict[str, Any]]:
    """Counts by level, top of the chain first, then the other labels."""

    def key(item: tuple[str, int]) -> tuple[int, str]:
        return (-LEVEL_RANK.get(item[0], 0), item[0])

    return [
        {"key": k, "title": level_title(k) if k in LEVEL_RANK else k, "count": n}
        for k, n in sorted(counts.items(), key=key)
    ]


def _graph_page(request: Request, db: Db, view: str, **context: Any) -> Response:
    frameworks = frameworks_repo.list_frameworks(db)
    exports, exports_note = _export_formats()
    return page(
        request,
        "graph.html",
        view=view,
        frameworks=frameworks,
        chain_frameworks=[f for f in frameworks if f.kind in CHAIN_KINDS],
        themes=_all_nodes(db, Label.THEME),
        countries=_all_nodes(db, Label.ACTOR, actor_type=COUNTRY_ACTOR_TYPE),
        actors=_all_nodes(db, Label.ACTOR),
        levels=_levels(),
        includes=INCLUDE_KINDS,
        max_nodes=MAX_NODES,
        exports=exports,
        exports_note=exports_note,
        gap_kinds=[(k, spec.description) for k, spec in GAPS.items()],
        **context,
    )


@router.get("/", response_class=HTMLResponse)
def home(request: Request, db: DbDep) -> Response:
    frameworks = frameworks_repo.list_frameworks(db)
    chains = [f for f in frameworks if f.kind in CHAIN_KINDS]
    others = [f for f in frameworks if f.kind not in CHAIN_KINDS]
    return page(
        request,
        "index.html",
        frameworks=[(f, _ordered_counts(f.counts)) for f in chains + others],
        themes=_all_nodes(db, Label.THEME),
    )


@router.get("/toc/{framework_id}", response_class=HTMLResponse)
def toc_page(request: Request, db: DbDep, framework_id: NodeId) -> Response:
    frameworks = frameworks_repo.list_frameworks(db)
    current = next((f for f in frameworks if f.id == framework_id), None)
    if current is None:
        raise NotFound("framework", framework_id)
    return _graph_page(request, db, "toc", framework=current)


@router.get("/cross", response_class=HTMLResponse)
def cross_page(request: Request, db: DbDep) -> Response:
    return _graph_page(request, db, "cross", framework=None)


@router.get("/gaps", response_class=HTMLResponse)
def gaps_page(request: Request, db: DbDep) -> Response:
    frameworks = frameworks_repo.list_frameworks(db)
    # The results framework is where indicators, pledges and actors meet: a useful default.
    default = next(
        (f.id for f in frameworks if f.kind == RESULTS_FRAMEWORK_KIND),
        frameworks[0].id if frameworks else "",
    )
    return _graph_page(request, db, "gaps", framework=None, default_gaps=default)


@router.get("/console", response_class=HTMLResponse)
def console_page(request: Request) -> Response:
    return page(request, "console.html", max_nodes=MAX_NODES)


def _where(detail: NodeDetail) -> str:
    """The page that best shows a node: its framework's diagram, or the cross view."""
    node = detail.node
    related = detail.related
    if node.label == Label.FRAMEWORK:
        return f"/toc/{node.id}"
    if node.label == Label.THEME:
        return "/cross?" + urlencode({"theme": node.id})
    if node.label == Label.ACTOR:
        key = "country" if node.properties.get("actor_type") == COUNTRY_ACTOR_TYPE else "actor"
        return "/cross?" + urlencode({key: node.id, "include": "pledges,commitments"})
    shown_by: dict[str, str] = {
        Label.PLEDGE: "pledges",
        Label.COMMITMENT: "commitments",
        Label.INDICATOR: "indicators",
    }
    if node.label in shown_by:
        # Shown where it acts: on the diagram of the results it reaches or measures.
        results = [r for r in related.get(Label.RESULT, []) if r.framework]
        if results:
            query = {"include": shown_by[node.label], "focus": node.id}
            return f"/toc/{results[0].framework}?" + urlencode(query)
    if node.framework:
        return f"/toc/{node.framework}?" + urlencode({"focus": node.id})
    owners = related.get(Label.FRAMEWORK, [])
    if owners:
        return f"/toc/{owners[0].id}?" + urlencode({"focus": node.id})
    return "/cross?" + urlencode({"focus": node.id})


@router.get("/node/{node_id}")
def node_page(db: DbDep, node_id: NodeId) -> Response:
    return RedirectResponse(_where(nodes_repo.get_node(db, node_id)), status_code=303)
