"""Analysis with networkx on the subgraph asked for: centrality and structure checks."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

import graph
from app.deps import DbDep
from app.models.errors import responses
from app.models.graph import GraphPayload
from app.repository import frameworks as repo
from app.repository.base import Db
from graph.vocabulary import ID_PATTERN

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


def _subgraph(db: Db, framework: str | None) -> GraphPayload:
    """The chain analysed: one framework's, with the promises that feed it, or all of it."""
    if framework:
        return repo.framework_graph(db, framework, ["pledges", "commitments"])
    return repo.whole_chain(db)


@router.get(
    "/centrality", response_model=Centrality, responses=responses(404),
    summary="Which changes pathways run through",
)  # fmt: skip
def centrality(
    db: DbDep,
    framework: Framework = None,
    top: Annotated[int, Query(ge=1, le=100)] = 10,
) -> Centrality:
    G = graph.to_networkx(_subgraph(db, framework).model_dump())
    return Centrality(
        betweenness=graph.betweenness(G),
        reach={k: {"in": v["in"], "out": v["out"]} for k, v in graph.reach(G).items()},
        top_through=[dict(t) for t in graph.top_through(G, top)],
    )


@router.get(
    "/structure", response_model=Structure, responses=responses(404),
    summary="Cycles, level skips, orphans",
)  # fmt: skip
def structure(db: DbDep, framework: Framework = None) -> Structure:
    G = graph.to_networkx(_subgraph(db, framework).model_dump())
    return Structure(
        cycles=graph.cycles(G),
        level_skips=[dict(s) for s in graph.level_skips(G)],
        level_violations=[dict(v) for v in graph.level_violations(G)],
        orphans=graph.orphans(G),
    )
