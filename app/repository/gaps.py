"""Where the plans leave gaps: what no indicator measures, nobody promised, nobody does."""

from __future__ import annotations

from typing import Literal

from neo4j import Driver, ManagedTransaction
from pydantic import BaseModel

from app.models.graph import GraphNode
from app.repository.base import fetch, read
from app.repository.payload import to_graph_node

GapKind = Literal[
    "without_indicator", "without_commitment", "outputs_without_actor", "unaligned",
    "actors_without_outcome",
]  # fmt: skip
GAP_KINDS: tuple[str, ...] = GapKind.__args__  # type: ignore[attr-defined]

# Levels each check looks at: the measurable results for indicators and promises, the
# changes for alignment, and what counts as "an outcome or above" for actors.
RESULT_LEVELS = ["outcome", "output", "medium_term_change", "long_term_change", "goal",
                 "line_of_action"]  # fmt: skip
OUTCOME_AND_ABOVE = ["outcome", "long_term_change", "goal", "line_of_action", "manifestation",
                     "impact"]  # fmt: skip
DESCRIPTIONS: dict[str, str] = {
    "without_indicator": "Results that no indicator measures",
    "without_commitment": "Results that no pledge or commitment reaches",
    "outputs_without_actor": "Outputs that no actor implements or commits to",
    "unaligned": "Changes that align with nothing in the other frameworks",
    "actors_without_outcome": "Actors whose pledges and commitments reach no outcome",
}
_QUERY = {
    "without_indicator": ("gaps_without_indicator", RESULT_LEVELS),
    "without_commitment": ("gaps_without_commitment", RESULT_LEVELS),
    "outputs_without_actor": ("gaps_outputs_without_actor", None),
    "unaligned": ("gaps_unaligned", RESULT_LEVELS),
    "actors_without_outcome": ("gaps_actors_without_outcome", OUTCOME_AND_ABOVE),
}


class GapItem(BaseModel):
    node: GraphNode
    why: str


class Gap(BaseModel):
    kind: str
    description: str
    count: int
    items: list[GapItem]


def find_gaps(driver: Driver, database: str, kinds: list[str], framework: str | None) -> list[Gap]:
    def work(tx: ManagedTransaction) -> list[Gap]:
        out = []
        for kind in kinds:
            name, levels = _QUERY[kind]
            params: dict[str, object] = {"framework": framework}
            if levels is not None:
                params["levels"] = levels
            items = [
                GapItem(node=to_graph_node(r["node"]), why=r["why"])
                for r in fetch(tx, name, **params)
            ]
            out.append(
                Gap(kind=kind, description=DESCRIPTIONS[kind], count=len(items), items=items)
            )
        return out

    return read(driver, database, work)
