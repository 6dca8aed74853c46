"""Structural checks on the results chain: cycles, level problems, loose ends.

The checks read ``CONTRIBUTES_TO`` edges, node ``level`` and ``label``, and
framework membership, which is the union of a node's ``framework`` attribute
(one id or a list) and the targets of its ``PART_OF`` edges: the payload keeps
only the first framework id on a node, the ``PART_OF`` edges keep them all.

Edges are reported by id: the edge key when it is a string (graphs built by
:func:`graph.payload.to_networkx`), else the schema's ``TYPE:source->target``.

Level-skip rule
---------------
An upward edge from rank ``r1`` to rank ``r2`` *skips* a level when some level
with a rank strictly between ``r1`` and ``r2`` is used by a node of a
framework both ends belong to. Levels are each framework's own vocabulary, so
``output -> impact`` skips nothing in a framework that has no level between
the two, and an edge between two frameworks with no framework in common is
never a skip (alignment across documents is not a chain within one).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterator
from typing import Any, TypedDict

import networkx as nx

from graph.pathways import CHAIN, EdgeTypes, _chain_digraph, _require, _sorted, upstream
from graph.vocabulary import LEVEL_RANK, Label, Rel, rank

__all__ = [
    "LevelSkip",
    "LevelViolation",
    "StructureReport",
    "cycles",
    "dead_ends",
    "level_skips",
    "level_violations",
    "orphans",
    "structure_report",
    "tops",
    "unreachable_from",
]

CONTRIBUTES_TO = Rel.CONTRIBUTES_TO
PART_OF = Rel.PART_OF


class LevelSkip(TypedDict):
    id: str
    source: str
    target: str
    source_level: str
    target_level: str
    frameworks: list[str]
    skipped_levels: list[str]


class LevelViolation(TypedDict):
    id: str
    source: str
    target: str
    source_level: str | None
    target_level: str | None
    reason: str


class StructureReport(TypedDict):
    cycles: list[list[str]]
    level_violations: list[LevelViolation]
    level_skips: list[LevelSkip]
    orphans: list[str]
    dead_ends: list[str]


def cycles(G: nx.DiGraph, edge_types: EdgeTypes = CHAIN, limit: int = 1000) -> list[list[str]]:
    """The simple cycles of the chain, each starting at its smallest id, sorted.

    At most ``limit`` cycles are enumerated (their number can grow
    exponentially); a self-loop is a one-node cycle.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edges_from([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")], type=CONTRIBUTES_TO)
    >>> _ = G.add_edge("d", "a", type="ALIGNS_WITH")
    >>> cycles(G)
    [['a', 'b', 'c']]
    >>> cycles(G, edge_types=None)
    [['a', 'b', 'c'], ['a', 'b', 'c', 'd']]
    """
    found: list[list[str]] = []
    for cycle in nx.simple_cycles(_chain_digraph(G, edge_types)):
        if len(found) >= limit:
            break
        start = min(range(len(cycle)), key=lambda i: str(cycle[i]))
        found.append(cycle[start:] + cycle[:start])
    return sorted(found, key=lambda c: [str(n) for n in c])


def level_violations(G: nx.DiGraph) -> list[LevelViolation]:
    """``CONTRIBUTES_TO`` edges that do not go strictly upward in rank.

    ``reason`` is ``"downward"``, ``"same rank"``, ``"target has no known
    level"`` (every target must be a ranked result), ``"source level unknown"``
    (a level not in :data:`graph.vocabulary.LEVEL_RANK`) or ``"result without
    level"``. A source with no level that is not a ``Result`` (a pledge or
    commitment) sits below every level and is fine.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("o", label="Result", level="output")
    >>> G.add_node("c", label="Result", level="outcome")
    >>> G.add_node("l", label="Result", level="line_of_action")
    >>> G.add_node("p", label="Pledge")
    >>> for u, v in [("o", "c"), ("c", "o"), ("c", "l"), ("p", "o"), ("o", "p")]:
    ...     _ = G.add_edge(u, v, key=f"CONTRIBUTES_TO:{u}->{v}", type=CONTRIBUTES_TO)
    >>> [(v["id"], v["reason"]) for v in level_violations(G)]  # doctest: +NORMALIZE_WHITESPACE
    [('CONTRIBUTES_TO:c->l', 'same rank'), ('CONTRIBUTES_TO:c->o', 'downward'),
     ('CONTRIBUTES_TO:o->p', 'target has no known level')]
    """
    found: list[LevelViolation] = []
    for u, v, edge_id in _chain_edges(G):
        source, target = G.nodes[u], G.nodes[v]
        su, sv = source.get("level"), target.get("level")
        ru, rv = rank(su), rank(sv)
        if rv is None:
            reason = "target has no known level"
        elif su is not None and ru is None:
            reason = "source level unknown"
        elif su is None and source.get("label") == Label.RESULT:
            reason = "result without level"
        elif ru is not None and ru > rv:
            reason = "downward"
        elif ru is not None and ru == rv:
            reason = "same rank"
        else:
            continue
        found.append(
            {
                "id": edge_id,
                "source": u,
                "target": v,
                "source_level": su,
                "target_level": sv,
                "reason": reason,
            }
        )
    return sorted(found, key=lambda f: f["id"])


def level_skips(G: nx.DiGraph) -> list[LevelSkip]:
    """Upward ``CONTRIBUTES_TO`` edges that skip a level of a shared framework.

    See the module docstring for the rule. ``frameworks`` lists the shared
    frameworks that use a skipped level; ``skipped_levels`` the levels
    between the two ends used there, highest rank first.

    >>> G = nx.MultiDiGraph()
    >>> for n, level in [("mtc", "medium_term_change"), ("ltc", "long_term_change"),
    ...                  ("man", "manifestation"), ("imp", "impact")]:
    ...     G.add_node(n, label="Result", level=level, framework="toc")
    >>> G.add_node("out", label="Result", level="output", framework="rf")
    >>> G.add_node("imp2", label="Result", level="impact", framework="rf")
    >>> for u, v in [("mtc", "ltc"), ("ltc", "man"), ("man", "imp"), ("mtc", "imp"),
    ...              ("out", "imp2")]:
    ...     _ = G.add_edge(u, v, type=CONTRIBUTES_TO)
    >>> skips = level_skips(G)
    >>> [(s["id"], s["skipped_levels"], s["frameworks"]) for s in skips]
    [('CONTRIBUTES_TO:mtc->imp', ['manifestation', 'long_term_change'], ['toc'])]
    """
    used: dict[str, set[str]] = defaultdict(set)
    for n, level in G.nodes(data="level"):
        if rank(level) is not None:
            for framework in _frameworks(G, n):
                used[framework].add(level)

    found: list[LevelSkip] = []
    for u, v, edge_id in _chain_edges(G):
        su, sv = G.nodes[u].get("level"), G.nodes[v].get("level")
        ru, rv = rank(su), rank(sv)
        if ru is None or rv is None or ru >= rv:
            continue  # not a ranked upward edge: level_violations reports those
        skipped: set[str] = set()
        frameworks: list[str] = []
        for framework in sorted(_frameworks(G, u) & _frameworks(G, v)):
            between = {lvl for lvl in used[framework] if ru < LEVEL_RANK[lvl] < rv}
            if between:
                skipped |= between
                frameworks.append(framework)
        if skipped:
            found.append(
                {
                    "id": edge_id,
                    "source": u,
                    "target": v,
                    "source_level": su,
                    "target_level": sv,
                    "frameworks": frameworks,
                    "skipped_levels": sorted(skipped, key=lambda lvl: (-LEVEL_RANK[lvl], lvl)),
                }
            )
    return sorted(found, key=lambda f: f["id"])


def orphans(G: nx.DiGraph, edge_types: EdgeTypes = CHAIN) -> list[str]:
    """``Result`` nodes with no chain edge in or out, sorted.

    >>> G = nx.MultiDiGraph()
    >>> for n in ("a", "b", "lonely"):
    ...     G.add_node(n, label="Result", level="output")
    >>> G.add_node("actor", label="Actor")
    >>> _ = G.add_edge("a", "b", type=CONTRIBUTES_TO)
    >>> _ = G.add_edge("actor", "lonely", type="IMPLEMENTS")
    >>> orphans(G)
    ['lonely']
    """
    D = _chain_digraph(G, edge_types)
    return _sorted(n for n in _results(G) if D.degree(n) == 0)


def tops(G: nx.DiGraph, edge_types: EdgeTypes = CHAIN) -> list[str]:
    """Nodes the chain runs into and not beyond: the impacts, sorted.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edges_from([("a", "b"), ("b", "imp"), ("c", "side")], type=CONTRIBUTES_TO)
    >>> tops(G)
    ['imp', 'side']
    """
    D = _chain_digraph(G, edge_types)
    return _sorted(n for n in D if D.out_degree(n) == 0 and D.in_degree(n) > 0)


def dead_ends(G: nx.DiGraph, edge_types: EdgeTypes = CHAIN) -> list[str]:
    """Results the chain stops at below the top level of their framework, sorted.

    A result with no outgoing chain edge whose rank is lower than the highest
    rank any of its frameworks uses: an output that leads nowhere, say.
    Orphans are included when they sit below their framework's top.

    >>> G = nx.MultiDiGraph()
    >>> for n, level in [("o1", "output"), ("o2", "output"), ("imp", "impact")]:
    ...     G.add_node(n, label="Result", level=level, framework="f")
    >>> _ = G.add_edge("o1", "imp", type=CONTRIBUTES_TO)
    >>> dead_ends(G)
    ['o2']
    """
    highest: dict[str, int] = defaultdict(int)
    for n, level in G.nodes(data="level"):
        r = rank(level)
        if r is not None:
            for framework in _frameworks(G, n):
                highest[framework] = max(highest[framework], r)
    D = _chain_digraph(G, edge_types)
    found = []
    for n in _results(G):
        r = rank(G.nodes[n].get("level"))
        if r is None or D.out_degree(n) > 0:
            continue
        if any(r < highest[f] for f in _frameworks(G, n)):
            found.append(n)
    return _sorted(found)


def unreachable_from(
    G: nx.DiGraph, top: str, framework: str | None = None, edge_types: EdgeTypes = CHAIN
) -> list[str]:
    """``Result`` nodes with no chain path up to ``top``, sorted.

    Limited to the results of ``framework`` when given (e.g. the elements of
    one theory of change that do not lead to its impact); ``top`` itself is
    never listed.

    >>> G = nx.MultiDiGraph()
    >>> for n, f in [("a", "toc"), ("b", "toc"), ("imp", "toc"), ("x", "other")]:
    ...     G.add_node(n, label="Result", level="output", framework=f)
    >>> _ = G.add_edge("a", "imp", type=CONTRIBUTES_TO)
    >>> unreachable_from(G, "imp")
    ['b', 'x']
    >>> unreachable_from(G, "imp", framework="toc")
    ['b']
    """
    _require(G, top)
    reached = set(upstream(G, top, edge_types=edge_types)) | {top}
    return _sorted(
        n
        for n in _results(G)
        if n not in reached and (framework is None or framework in _frameworks(G, n))
    )


def structure_report(G: nx.DiGraph) -> StructureReport:
    """Every chain check at once, for a review page or a CI gate.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("o", label="Result", level="output", framework="f")
    >>> G.add_node("imp", label="Result", level="impact", framework="f")
    >>> _ = G.add_edge("o", "imp", type=CONTRIBUTES_TO)
    >>> structure_report(G)  # doctest: +NORMALIZE_WHITESPACE
    {'cycles': [], 'level_violations': [], 'level_skips': [], 'orphans': [],
     'dead_ends': []}
    """
    return {
        "cycles": cycles(G),
        "level_violations": level_violations(G),
        "level_skips": level_skips(G),
        "orphans": orphans(G),
        "dead_ends": dead_ends(G),
    }


def _chain_edges(G: nx.DiGraph) -> Iterator[tuple[str, str, str]]:
    """``(source, target, edge id)`` of every ``CONTRIBUTES_TO`` edge."""
    if G.is_multigraph():
        edges: Iterator[tuple[Any, Any, Any, Any]] = G.edges(keys=True, data="type")
    else:
        edges = ((u, v, None, t) for u, v, t in G.edges(data="type"))
    for u, v, key, edge_type in edges:
        if edge_type == CONTRIBUTES_TO:
            edge_id = key if isinstance(key, str) else f"{CONTRIBUTES_TO}:{u}->{v}"
            yield u, v, edge_id


def _frameworks(G: nx.DiGraph, node: Hashable) -> set[str]:
    declared = G.nodes[node].get("framework")
    if declared is None:
        found: set[str] = set()
    elif isinstance(declared, str):
        found = {declared}
    else:
        found = set(declared)
    found.update(v for _, v, t in G.out_edges(node, data="type") if t == PART_OF)
    return found


def _results(G: nx.DiGraph) -> Iterator[str]:
    return (n for n, label in G.nodes(data="label") if label == Label.RESULT)
