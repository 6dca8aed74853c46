"""The HTML pages. Each page is a shell rendered with autoescaping; the data it shows comes
from the JSON API and ``/views/data/...`` and is put in the page by scripts in
``app/static/js`` through text nodes only."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from neo4j import Driver

from app.deps import DriverDep, SettingsDep
from app.repository import frameworks as frameworks_repo
from app.repository import gaps as gaps_repo
from app.repository import nodes as nodes_repo
from app.repository.base import NotFound
from app.routers.common import ID_PATTERN
from app.settings import Settings
from app.views.exports import export_formats
from app.views.graphdata import CHAIN_KINDS, INCLUDES
from app.views.security import SecureRoute
from app.views.static_files import VIS_CSS_URL, VIS_JS_URL
from graph.levels import LEVEL_RANK

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))

# Past this many nodes a view groups them and asks to narrow down (``?max=`` overrides it).
DEFAULT_MAX_NODES = 400

router = APIRouter(route_class=SecureRoute, include_in_schema=False)
NodeId = Annotated[str, PathParam(pattern=ID_PATTERN)]


def max_nodes(settings: Settings) -> int:
    value = getattr(settings, "view_max_nodes", None)
    return value if isinstance(value, int) and value > 0 else DEFAULT_MAX_NODES


def _level_title(level: str) -> str:
    from app.render.style import level_title

    return level_title(level)


def _levels() -> list[dict[str, str]]:
    ordered = sorted(LEVEL_RANK.items(), key=lambda kv: (-kv[1], kv[0]))
    return [{"id": level, "title": _level_title(level)} for level, _ in ordered]


def _all_nodes(driver: Driver, database: str, label: str, **filters: Any) -> list[dict[str, str]]:
    page = nodes_repo.list_nodes(driver, database, label=label, limit=500, **filters)
    return sorted(
        ({"id": n.id, "name": n.name} for n in page.items), key=lambda n: n["name"].lower()
    )


def _ordered_counts(counts: dict[str, int]) -> list[dict[str, Any]]:
    """Counts by level, top of the chain first, then the other labels."""

    def key(item: tuple[str, int]) -> tuple[int, str]:
        return (-LEVEL_RANK.get(item[0], 0), item[0])

    return [
        {"key": k, "title": _level_title(k) if k in LEVEL_RANK else k, "count": n}
        for k, n in sorted(counts.items(), key=key)
    ]


def _page(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    context.setdefault("vis_js_url", VIS_JS_URL)
    context.setdefault("vis_css_url", VIS_CSS_URL)
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def _graph_page(
    request: Request, driver: Driver, settings: Settings, view: str, **context: Any
) -> Response:
    db = settings.neo4j_database
    frameworks = frameworks_repo.list_frameworks(driver, db)
    return _page(
        request,
        "graph.html",
        view=view,
        frameworks=frameworks,
        chain_frameworks=[f for f in frameworks if f.kind in CHAIN_KINDS],
        themes=_all_nodes(driver, db, "Theme"),
        countries=_all_nodes(driver, db, "Actor", actor_type="country"),
        actors=_all_nodes(driver, db, "Actor"),
        levels=_levels(),
        includes=INCLUDES,
        max_nodes=max_nodes(settings),
        exports=export_formats(request.app),
        gap_kinds=[(k, gaps_repo.DESCRIPTIONS[k]) for k in gaps_repo.GAP_KINDS],
        **context,
    )


@router.get("/", response_class=HTMLResponse)
def home(request: Request, driver: DriverDep, settings: SettingsDep) -> Response:
    db = settings.neo4j_database
    frameworks = frameworks_repo.list_frameworks(driver, db)
    chains = [f for f in frameworks if f.kind in CHAIN_KINDS]
    others = [f for f in frameworks if f.kind not in CHAIN_KINDS]
    return _page(
        request,
        "index.html",
        frameworks=[(f, _ordered_counts(f.counts)) for f in chains + others],
        themes=_all_nodes(driver, db, "Theme"),
    )


@router.get("/toc/{framework_id}", response_class=HTMLResponse)
def toc_page(
    request: Request, driver: DriverDep, settings: SettingsDep, framework_id: NodeId
) -> Response:
    frameworks = frameworks_repo.list_frameworks(driver, settings.neo4j_database)
    current = next((f for f in frameworks if f.id == framework_id), None)
    if current is None:
        return _page(request, "not_found.html", status_code=404, what="framework", key=framework_id)
    return _graph_page(request, driver, settings, "toc", framework=current)


@router.get("/cross", response_class=HTMLResponse)
def cross_page(request: Request, driver: DriverDep, settings: SettingsDep) -> Response:
    return _graph_page(request, driver, settings, "cross", framework=None)


@router.get("/gaps", response_class=HTMLResponse)
def gaps_page(request: Request, driver: DriverDep, settings: SettingsDep) -> Response:
    frameworks = frameworks_repo.list_frameworks(driver, settings.neo4j_database)
    # The results framework is where indicators, pledges and actors meet: a useful default.
    default = next(
        (f.id for f in frameworks if f.kind == "results_framework"),
        frameworks[0].id if frameworks else "",
    )
    return _graph_page(request, driver, settings, "gaps", framework=None, default_gaps=default)


@router.get("/console", response_class=HTMLResponse)
def console_page(request: Request, settings: SettingsDep) -> Response:
    return _page(request, "console.html", max_nodes=max_nodes(settings))


def _where(detail: nodes_repo.NodeDetail) -> str:
    """The page that best shows a node: its framework's diagram, or the cross view."""
    node = detail.node
    related = detail.related
    if node.label == "Framework":
        return f"/toc/{node.id}"
    if node.label == "Theme":
        return "/cross?" + urlencode({"theme": node.id})
    if node.label == "Actor":
        key = "country" if node.properties.get("actor_type") == "country" else "actor"
        return "/cross?" + urlencode({key: node.id, "include": "pledges,commitments"})
    if node.label in ("Pledge", "Commitment", "Indicator"):
        # Shown where it acts: on the diagram of the results it reaches or measures.
        results = [r for r in related.get("Result", []) if r.framework]
        if results:
            include = {"Pledge": "pledges", "Commitment": "commitments"}.get(
                node.label, "indicators"
            )
            query = {"include": include, "focus": node.id}
            return f"/toc/{results[0].framework}?" + urlencode(query)
    if node.framework:
        return f"/toc/{node.framework}?" + urlencode({"focus": node.id})
    owners = related.get("Framework", [])
    if owners:
        return f"/toc/{owners[0].id}?" + urlencode({"focus": node.id})
    return "/cross?" + urlencode({"focus": node.id})


@router.get("/node/{node_id}")
def node_page(
    request: Request, driver: DriverDep, settings: SettingsDep, node_id: NodeId
) -> Response:
    try:
        detail = nodes_repo.get_node(driver, settings.neo4j_database, node_id)
    except NotFound:
        return _page(request, "not_found.html", status_code=404, what="node", key=node_id)
    return RedirectResponse(_where(detail), status_code=303)
