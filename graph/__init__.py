"""Pure analysis of results-chain graphs (no database, web or drawing imports).

Build a graph from an API payload with :func:`to_networkx`, then ask it
questions; every function but :func:`to_networkx` returns plain lists and
dicts of ids. Labels, levels, their ranks and relationship types live in
:mod:`graph.vocabulary`.
"""

from graph.centrality import Reach, Through, betweenness, reach, top_through
from graph.pathways import (
    CHAIN,
    SubChain,
    chain_to_top,
    downstream,
    neighbourhood,
    paths_between,
    upstream,
)
from graph.payload import (
    GraphEdge,
    GraphMeta,
    GraphNode,
    GraphPayload,
    from_networkx,
    to_networkx,
)
from graph.structure import (
    LevelSkip,
    LevelViolation,
    StructureReport,
    cycles,
    dead_ends,
    level_skips,
    level_violations,
    orphans,
    structure_report,
    tops,
    unreachable_from,
)
from graph.vocabulary import LEVEL_RANK, rank

__all__ = [
    "CHAIN",
    "LEVEL_RANK",
    "GraphEdge",
    "GraphMeta",
    "GraphNode",
    "GraphPayload",
    "LevelSkip",
    "LevelViolation",
    "Reach",
    "StructureReport",
    "SubChain",
    "Through",
    "betweenness",
    "chain_to_top",
    "cycles",
    "dead_ends",
    "downstream",
    "from_networkx",
    "level_skips",
    "level_violations",
    "neighbourhood",
    "orphans",
    "paths_between",
    "rank",
    "reach",
    "structure_report",
    "to_networkx",
    "top_through",
    "tops",
    "unreachable_from",
    "upstream",
]
