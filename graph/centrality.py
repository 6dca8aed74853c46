"""Which changes the results chain leans on.

All measures run over the chain (``CONTRIBUTES_TO`` unless ``edge_types``
says otherwise), so actors, themes and framework membership do not count as
pathways. Results are plain dicts keyed by node id.
"""

from __future__ import annotations

from typing import TypedDict

import networkx as nx

from graph.pathways import CHAIN, EdgeTypes, _chain_digraph

__all__ = ["Reach", "Through", "betweenness", "reach", "top_through"]


# The functional form because "in" is a keyword; the names match the API's.
Reach = TypedDict("Reach", {"in": int, "out": int})


class Through(TypedDict):
    id: str
    pathways: int
    share: float


def betweenness(G: nx.DiGraph, edge_types: EdgeTypes = CHAIN) -> dict[str, float]:
    """Normalised betweenness centrality of every node over the chain.

    Computed on the chain alone: normalisation counts only nodes that have a
    chain edge, so adding actors or themes to the graph does not dilute the
    scores. Nodes off the chain are present with ``0.0``.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edges_from([("a", "m"), ("b", "m"), ("m", "top")], type="CONTRIBUTES_TO")
    >>> G.add_node("actor")
    >>> betweenness(G)
    {'a': 0.0, 'm': 0.3333333333333333, 'b': 0.0, 'top': 0.0, 'actor': 0.0}
    """
    D = _chain_digraph(G, edge_types)
    D.remove_nodes_from([n for n in list(D) if D.degree(n) == 0])
    scores = nx.betweenness_centrality(D, normalized=True)
    return {n: float(scores.get(n, 0.0)) for n in G}


def reach(G: nx.DiGraph, edge_types: EdgeTypes = CHAIN) -> dict[str, Reach]:
    """For every node, how many nodes are upstream (``in``) and downstream (``out``).

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edges_from([("a", "m"), ("b", "m"), ("m", "top")], type="CONTRIBUTES_TO")
    >>> reach(G)["m"], reach(G)["top"], reach(G)["a"]
    ({'in': 2, 'out': 1}, {'in': 3, 'out': 0}, {'in': 0, 'out': 2})
    """
    D = _chain_digraph(G, edge_types)
    return {n: {"in": len(nx.ancestors(D, n)), "out": len(nx.descendants(D, n))} for n in G}


def top_through(G: nx.DiGraph, k: int = 10, edge_types: EdgeTypes = CHAIN) -> list[Through]:
    """The ``k`` changes the most pathways run through.

    A *pathway* is a maximal chain path, from a node nothing contributes to up
    to a node that contributes to nothing (an impact). A pathway runs
    *through* a node when the node is inside it, not at either end, so a
    single impact every pathway ends at does not crowd out the informative
    answers. In a DAG that count is (paths from the bottoms to the node) x
    (paths from the node to the tops), computed in one topological pass each
    way. ``share`` is the fraction of all pathways. Nodes no pathway runs
    through are left out; ties are broken by id.

    Raises ``ValueError`` if the chain has a cycle (pathways are then unbounded;
    the loader refuses cycles, :func:`graph.structure.cycles` finds them).

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edges_from(
    ...     [("a1", "o1"), ("a2", "o1"), ("a3", "o2"), ("o1", "c"), ("o2", "c"), ("c", "imp")],
    ...     type="CONTRIBUTES_TO",
    ... )
    >>> top_through(G, k=2)  # doctest: +NORMALIZE_WHITESPACE
    [{'id': 'c', 'pathways': 3, 'share': 1.0},
     {'id': 'o1', 'pathways': 2, 'share': 0.6666666666666666}]
    """
    if k < 0:
        raise ValueError(f"k must be non-negative, got {k}")
    D = _chain_digraph(G, edge_types)
    D.remove_nodes_from([n for n in list(D) if D.degree(n) == 0])
    try:
        order = list(nx.topological_sort(D))
    except nx.NetworkXUnfeasible as exc:
        raise ValueError("the chain has a cycle; pathways are not countable") from exc

    from_bottom: dict[str, int] = {}
    for n in order:
        preds = list(D.predecessors(n))
        from_bottom[n] = sum(from_bottom[p] for p in preds) if preds else 1
    to_top: dict[str, int] = {}
    for n in reversed(order):
        succs = list(D.successors(n))
        to_top[n] = sum(to_top[s] for s in succs) if succs else 1

    total = sum(from_bottom[n] for n in D if D.out_degree(n) == 0)
    through = [
        {"id": n, "pathways": from_bottom[n] * to_top[n]}
        for n in D
        if D.in_degree(n) and D.out_degree(n)
    ]
    through.sort(key=lambda t: (-t["pathways"], str(t["id"])))
    return [
        {"id": t["id"], "pathways": t["pathways"], "share": t["pathways"] / total}
        for t in through[:k]
    ]
