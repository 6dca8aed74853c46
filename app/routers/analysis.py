"""Analysis with networkx on the subgraph asked for: centrality and structure checks."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

import graph
from app.deps import DriverDep, SettingsDep
from app.models.graph import GraphPayload
from app.repository import frameworks as repo
from app.repository.base import NotFound
from app.routers.common import ID_PATTERN, not_found

router = APIRouter(prefix="/analysis", tags=["analysis"])
Framework = Annotated[
    str | None,
    Query(pattern=ID_PATTERN, description="one framework; all chains when omitted",
          examples=["mirps-toc"]),
]  # fmt: skip


class Centrality(BaseModel):
    betweenness: dict[str, float]
    reach: dict[str, dict[str, int]]
    top_through: list[dict[str, Any]]


class Structure(BaseModel):
    cycles: list[list[str]]
    level_skips: list[dict[str, Any]]
    level_violations: list[dict[str, Any]]
    orphans: list[str]


def _subgraph(driver: DriverDep, database: str, framework: str | None) -> GraphPayload:
    try:
        if framework:
            return repo.framework_graph(driver, database, framework, ["pledges", "commitments"])
        return repo.whole_chain(driver, database)
    except NotFound as e:
        raise not_found(e) from e


@router.get("/centrality", response_model=Centrality, summary="Which changes pathways run through")
def centrality(
    driver: DriverDep,
    settings: SettingsDep,
    framework: Framework = None,
    top: Annotated[int, Query(ge=1, le=100)] = 10,
) -> Centrality:
    G = graph.to_networkx(_subgraph(driver, settings.neo4j_database, framework).model_dump())
    return Centrality(
        betweenness=graph.betweenness(G),
        reach={k: {"in": v["in"], "out": v["out"]} for k, v in graph.reach(G).items()},
        top_through=[dict(t) for t in graph.top_through(G, top)],
    )


@router.get("/structure", response_model=Structure, summary="Cycles, level skips, orphans")
def structure(driver: DriverDep, settings: SettingsDep, framework: Framework = None) -> Structure:
    G = graph.to_networkx(_subgraph(driver, settings.neo4j_database, framework).model_dump())
    return Structure(
        cycles=graph.cycles(G),
        level_skips=[dict(s) for s in graph.level_skips(G)],
        level_violations=[dict(v) for v in graph.level_violations(G)],
        orphans=graph.orphans(G),
    )
