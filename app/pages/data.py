"""JSON for the pages: views composed by :mod:`app.views`, drawn as vis-network data by
:mod:`app.render.live`.

- ``GET /views/data/toc/{framework}``: one framework (``include``, and ``from``/``to`` to
  add the paths between two nodes),
- ``GET /views/data/cross``: several frameworks with the alignments between them,
- ``POST /views/data/vis``: any graph payload (the console's results).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from app import views
from app.deps import DbDep
from app.models.errors import responses
from app.models.posted import PostedGraph
from app.pages.security import SecureRoute
from app.render.live import LiveVisData, live_vis_data
from app.repository import frameworks
from app.repository.base import Db
from app.views import View
from graph.vocabulary import ID_PATTERN, IncludeKind, Rel

router = APIRouter(prefix="/views/data", tags=["views"], route_class=SecureRoute)

IncludeQuery = Annotated[list[IncludeKind] | None, Query(description="what to show around")]
NodeParam = Annotated[str | None, Query(pattern=ID_PATTERN)]
From = Annotated[str | None, Query(alias="from", pattern=ID_PATTERN)]
To = Annotated[str | None, Query(alias="to", pattern=ID_PATTERN)]
Hops = Annotated[int, Query(ge=1, le=12)]


def _drawn(db: Db, view: View) -> LiveVisData:
    names = {f.id: f.name for f in frameworks.list_frameworks(db)}
    return live_vis_data(view.payload, names)


def _traced(db: Db, view: View, source: str | None, target: str | None, hops: int,
            types: list[str]) -> View:  # fmt: skip
    if not (source and target):
        return view
    return views.with_paths(db, view, source, target, hops, types)


@router.get(
    "/toc/{framework_id}", response_model=None, responses=responses(404),
    summary="A framework as vis data",
)  # fmt: skip
def toc_data(
    db: DbDep,
    framework_id: Annotated[str, Path(pattern=ID_PATTERN)],
    include: IncludeQuery = None,
    source: From = None,
    target: To = None,
    hops: Hops = 6,
) -> LiveVisData:
    wanted: list[str] = sorted(set(include or []))
    view = views.framework_view(db, framework_id, wanted)
    view = _traced(db, view, source, target, hops, views.edge_types(wanted))
    return _drawn(db, view)


@router.get(
    "/cross", response_model=None, responses=responses(404),
    summary="Frameworks side by side, as vis data",
)  # fmt: skip
def cross_data(
    db: DbDep,
    framework: Annotated[
        list[Annotated[str, Query(pattern=ID_PATTERN)]] | None,
        Query(description="frameworks to line up; every results chain when omitted"),
    ] = None,
    theme: NodeParam = None,
    include: IncludeQuery = None,
    source: From = None,
    target: To = None,
    hops: Hops = 6,
) -> LiveVisData:
    wanted: list[str] = sorted(set(include or []))
    view = views.cross_view(db, framework, theme, wanted)
    types = sorted({*views.edge_types(wanted), Rel.ALIGNS_WITH})
    return _drawn(db, _traced(db, view, source, target, hops, types))


@router.post(
    "/vis", response_model=None, responses=responses(422), summary="Any graph payload as vis data"
)
def payload_data(db: DbDep, payload: PostedGraph) -> LiveVisData:
    return _drawn(db, View(payload.payload(), ""))
