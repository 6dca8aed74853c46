"""Walk the results chain: what feeds a change, what it feeds, how two connect.

Every function follows ``CONTRIBUTES_TO`` edges only unless ``edge_types``
says otherwise (``None`` means every type). Edges point up the chain, from a
contribution to what it contributes to, so *upstream* of a node is everything
that contributes to it and *downstream* is everything it contributes to, up
to the impact.

Functions accept a ``DiGraph`` or ``MultiDiGraph`` whose edges carry a
``type`` attribute (as built by :func:`graph.payload.to_networkx`), return
plain lists and dicts of node ids, and raise ``networkx.NodeNotFound`` for a
node that is not in the graph.
"""

from __future__ import annotations

import heapq
import itertools
from collections import deque
from collections.abc import Hashable, Iterable, Iterator
from typing import Literal, TypedDict

import networkx as nx

from graph import vocabulary

__all__ = [
    "CHAIN",
    "SubChain",
    "chain_to_top",
    "downstream",
    "neighbourhood",
    "paths_between",
    "upstream",
]

CHAIN: tuple[str, ...] = (vocabulary.CHAIN,)

Direction = Literal["in", "out", "both"]
EdgeTypes = Iterable[str] | None


class SubChain(TypedDict):
    nodes: list[str]
    edges: list[tuple[str, str]]
    tops: list[str]


def upstream(
    G: nx.DiGraph, node: str, depth: int | None = None, edge_types: EdgeTypes = CHAIN
) -> dict[str, int]:
    """Everything that contributes to ``node``, with its hop distance.

    Breadth-first, so each node appears once at its shortest distance; ``depth``
    caps the distance (``None``: no cap). ``node`` itself is not included.
    Keys are ordered by distance, then id.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edges_from([("act", "out"), ("out", "imp"), ("act2", "imp")], type=CHAIN[0])
    >>> _ = G.add_edge("actor", "out", type="IMPLEMENTS")
    >>> upstream(G, "imp")
    {'act2': 1, 'out': 1, 'act': 2}
    >>> upstream(G, "imp", depth=1)
    {'act2': 1, 'out': 1}
    >>> upstream(G, "out", edge_types=None)
    {'act': 1, 'actor': 1}
    """
    return _without(_bfs(G, node, depth, "in", edge_types), node)


def downstream(
    G: nx.DiGraph, node: str, depth: int | None = None, edge_types: EdgeTypes = CHAIN
) -> dict[str, int]:
    """Everything ``node`` contributes to, with its hop distance.

    The mirror of :func:`upstream`.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edges_from([("act", "out"), ("out", "imp"), ("act", "imp")], type=CHAIN[0])
    >>> downstream(G, "act")
    {'imp': 1, 'out': 1}
    >>> downstream(G, "imp")
    {}
    """
    return _without(_bfs(G, node, depth, "out", edge_types), node)


def neighbourhood(
    G: nx.DiGraph,
    node: str,
    depth: int = 1,
    direction: Direction = "both",
    edge_types: EdgeTypes = CHAIN,
) -> list[str]:
    """The ids of the nodes within ``depth`` hops of ``node``, ``node`` first.

    ``direction`` is ``"in"`` (contributors), ``"out"`` (what it contributes
    to) or ``"both"``, which may change direction at every hop, like
    ``networkx.ego_graph(..., undirected=True)``: siblings feeding the same
    change are two hops apart. Ordered by distance, then id.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edges_from([("a", "c"), ("b", "c"), ("c", "d")], type="CONTRIBUTES_TO")
    >>> neighbourhood(G, "a", depth=2)
    ['a', 'c', 'b', 'd']
    >>> neighbourhood(G, "a", depth=2, direction="out")
    ['a', 'c', 'd']
    >>> neighbourhood(G, "c", depth=1, direction="in")
    ['c', 'a', 'b']
    """
    return list(_bfs(G, node, depth, direction, edge_types))


def paths_between(
    G: nx.DiGraph,
    a: str,
    b: str,
    max_hops: int = 6,
    max_paths: int = 20,
    edge_types: EdgeTypes = CHAIN,
) -> list[list[str]]:
    """Simple paths linking ``a`` and ``b`` along the chain, shortest first.

    Paths follow edge direction, but both directions are tried: a path from
    ``a`` up to ``b`` and one from ``b`` up to ``a`` are both found, each listed
    in the direction its edges run (so a ``b``-to-``a`` path starts at ``b``).
    At most ``max_paths`` paths of at most ``max_hops`` edges are returned;
    ``a == b`` gives the single zero-hop path.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edges_from(
    ...     [("x", "y"), ("y", "top"), ("x", "z"), ("z", "w"), ("w", "top")],
    ...     type="CONTRIBUTES_TO",
    ... )
    >>> paths_between(G, "x", "top")
    [['x', 'y', 'top'], ['x', 'z', 'w', 'top']]
    >>> paths_between(G, "top", "x", max_hops=2)
    [['x', 'y', 'top']]
    >>> paths_between(G, "x", "top", max_paths=1)
    [['x', 'y', 'top']]
    >>> paths_between(G, "y", "z")
    []
    """
    for n in (a, b):
        _require(G, n)
    if max_hops < 0 or max_paths < 0:
        raise ValueError("max_hops and max_paths must be non-negative")
    if max_paths == 0:
        return []
    if a == b:
        return [[a]]
    D = _chain_digraph(G, edge_types)
    up = _bounded_paths(D, a, b, max_hops)
    down = _bounded_paths(D, b, a, max_hops)
    both = heapq.merge(up, down, key=len)
    return list(itertools.islice(both, max_paths))


def chain_to_top(G: nx.DiGraph, node: str, edge_types: EdgeTypes = CHAIN) -> SubChain:
    """The sub-DAG from ``node`` up to the impact(s) it serves.

    ``nodes`` holds ``node`` and everything downstream of it, ``edges`` the
    chain edges among them as ``(source, target)`` pairs, and ``tops`` the
    nodes of the sub-DAG with no outgoing chain edge: the impacts it serves.
    All three are sorted.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edges_from(
    ...     [("act", "out"), ("out", "imp"), ("out", "imp2"), ("other", "imp")],
    ...     type="CONTRIBUTES_TO",
    ... )
    >>> sub = chain_to_top(G, "act")
    >>> sub["nodes"]
    ['act', 'imp', 'imp2', 'out']
    >>> sub["edges"]
    [('act', 'out'), ('out', 'imp'), ('out', 'imp2')]
    >>> sub["tops"]
    ['imp', 'imp2']
    >>> chain_to_top(G, "imp")["tops"]
    ['imp']
    """
    members = set(_bfs(G, node, None, "out", edge_types))
    D = _chain_digraph(G, edge_types)
    edges = sorted((u, v) for u in members for v in D.successors(u))
    tops = [n for n in members if D.out_degree(n) == 0]
    return {"nodes": _sorted(members), "edges": edges, "tops": _sorted(tops)}


def _bfs(
    G: nx.DiGraph, node: str, depth: int | None, direction: Direction, edge_types: EdgeTypes
) -> dict[str, int]:
    _require(G, node)
    if depth is not None and depth < 0:
        raise ValueError(f"depth must be non-negative, got {depth}")
    if direction not in ("in", "out", "both"):
        raise ValueError(f"direction must be 'in', 'out' or 'both', got {direction!r}")
    types = _types(edge_types)
    dist = {node: 0}
    queue = deque([node])
    while queue:
        current = queue.popleft()
        if depth is not None and dist[current] >= depth:
            continue
        for nxt in _step(G, current, direction, types):
            if nxt not in dist:
                dist[nxt] = dist[current] + 1
                queue.append(nxt)
    return dict(sorted(dist.items(), key=lambda item: (item[1], str(item[0]))))


def _step(
    G: nx.DiGraph, node: str, direction: Direction, types: frozenset[str] | None
) -> Iterator[str]:
    if direction in ("in", "both"):
        for u, _, t in G.in_edges(node, data="type"):
            if types is None or t in types:
                yield u
    if direction in ("out", "both"):
        for _, v, t in G.out_edges(node, data="type"):
            if types is None or t in types:
                yield v


def _bounded_paths(D: nx.DiGraph, source: str, target: str, max_hops: int) -> Iterator[list[str]]:
    # shortest_simple_paths yields in order of length, so the first path over
    # the bound ends the search; it raises NetworkXNoPath lazily when none exist.
    try:
        for path in nx.shortest_simple_paths(D, source, target):
            if len(path) - 1 > max_hops:
                return
            yield list(path)
    except nx.NetworkXNoPath:
        return


def _chain_digraph(G: nx.DiGraph, edge_types: EdgeTypes = CHAIN) -> nx.DiGraph:
    """All of ``G``'s nodes and the edges of the chosen types, parallel edges merged."""
    types = _types(edge_types)
    D = nx.DiGraph()
    D.add_nodes_from(G)
    D.add_edges_from((u, v) for u, v, t in G.edges(data="type") if types is None or t in types)
    return D


def _types(edge_types: EdgeTypes) -> frozenset[str] | None:
    if isinstance(edge_types, str):
        # A bare string would otherwise be read as a set of one-letter types.
        return frozenset([edge_types])
    return None if edge_types is None else frozenset(edge_types)


def _require(G: nx.DiGraph, node: Hashable) -> None:
    if node not in G:
        raise nx.NodeNotFound(f"node {node!r} is not in the graph")


def _without(dist: dict[str, int], node: str) -> dict[str, int]:
    return {n: d for n, d in dist.items() if n != node}


def _sorted(nodes: Iterable[str]) -> list[str]:
    return sorted(nodes, key=str)
