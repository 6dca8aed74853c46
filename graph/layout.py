"""Layered positions for big views, computed once on the server so the browser needs no physics.

The picture is the usual theory of change: one band per rank, the impact on top, pledges
and actors at the bottom. Within a band, nodes are ordered to cross fewer edges: a few
barycentric sweeps (each node moves towards the mean position of its neighbours in the bands
already placed, down then up), the Sugiyama heuristic without its costly parts. Each sweep
is one pass over the edges and one sort per band, so the whole is O(sweeps * (E + n log n)).
A band wider than `max_row` nodes wraps onto several rows so that a band of a thousand
activities stays readable.

Ranks come from ``level`` (see :mod:`graph.vocabulary`) or, for nodes without one, from their
``label``; pass ``rank`` to use another rule.

>>> G = nx.DiGraph()
>>> G.add_node("impact", level="impact")
>>> for n in ("ltc-a", "ltc-b"):
...     G.add_node(n, level="long_term_change")
>>> for n in ("mtc-1", "mtc-2", "mtc-3"):
...     G.add_node(n, level="medium_term_change")
>>> G.add_edges_from([("ltc-a", "impact"), ("ltc-b", "impact"), ("mtc-1", "ltc-b"),
...                   ("mtc-2", "ltc-a"), ("mtc-3", "ltc-b")])
>>> pos = layered_layout(G, x_gap=100, y_gap=50)
>>> pos["impact"], pos["ltc-a"], pos["ltc-b"]
((0.0, 0.0), (-50.0, 50.0), (50.0, 50.0))
>>> sorted(("mtc-1", "mtc-2", "mtc-3"), key=lambda n: pos[n][0])
['mtc-2', 'mtc-1', 'mtc-3']
>>> crossings(G, pos)
0
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

import networkx as nx

from graph.vocabulary import label_rank

__all__ = ["crossings", "layered_layout", "layout_nodes", "node_rank"]


RankRule = Callable[[Hashable, Mapping[str, Any]], int]


def node_rank(_node: Hashable, data: Mapping[str, Any]) -> int:
    """The band of a node from its ``level``, else its ``label``.

    >>> node_rank("x", {"level": "output"}), node_rank("y", {"label": "Pledge"})
    (50, 20)
    >>> node_rank("z", {})
    0
    """
    level = data.get("level")
    return label_rank(str(data.get("label")), level if isinstance(level, str) else None)


def layered_layout(
    G: nx.Graph,
    rank: RankRule = node_rank,
    *,
    x_gap: float = 220.0,
    y_gap: float = 160.0,
    row_gap: float | None = None,
    max_row: int = 60,
    sweeps: int = 4,
) -> dict[Hashable, tuple[float, float]]:
    """``{node: (x, y)}``: bands top to bottom by falling rank, each centred on x = 0.

    Nodes of a band are ``x_gap`` apart; bands start ``y_gap`` apart (more when a band
    wraps onto several rows, each ``row_gap`` below the last, ``y_gap / 2`` by default).
    Edge direction is ignored for ordering. Deterministic: ties keep id order.

    >>> G = nx.path_graph(3)
    >>> layered_layout(G, rank=lambda n, d: -n, x_gap=10, y_gap=10)
    {0: (0.0, 0.0), 1: (0.0, 10.0), 2: (0.0, 20.0)}
    >>> wide = nx.Graph()
    >>> wide.add_nodes_from(range(5))
    >>> sorted(set(y for _, y in layered_layout(wide, rank=lambda n, d: 0, max_row=2).values()))
    [0.0, 80.0, 160.0]
    """
    if max_row < 1 or sweeps < 0:
        raise ValueError("max_row must be at least 1 and sweeps not negative")
    bands = _bands(G, rank)
    band_of = {n: i for i, band in enumerate(bands) for n in band}
    neighbours = _neighbour_lists(G)
    _order(bands, band_of, neighbours, sweeps)
    gap = row_gap if row_gap is not None else y_gap / 2
    return _coordinates(bands, x_gap, y_gap, gap, max_row)


def layout_nodes(
    nodes: Iterable[tuple[Hashable, int]], edges: Iterable[tuple[Hashable, Hashable]], **kw: Any
) -> dict[Hashable, tuple[float, float]]:
    """:func:`layered_layout` from plain ``(id, rank)`` pairs and ``(source, target)`` pairs.

    Edges to ids not among ``nodes`` are ignored.

    >>> layout_nodes([("top", 100), ("a", 50), ("b", 50)], [("a", "top"), ("b", "x")], x_gap=10)
    {'top': (0.0, 0.0), 'a': (-5.0, 160.0), 'b': (5.0, 160.0)}
    """
    G = nx.Graph()
    ranks: dict[Hashable, int] = {}
    for node, r in nodes:
        G.add_node(node)
        ranks[node] = r
    G.add_edges_from((u, v) for u, v in edges if u in ranks and v in ranks)
    return layered_layout(G, lambda n, _d: ranks[n], **kw)


def crossings(G: nx.Graph, pos: Mapping[Hashable, tuple[float, float]]) -> int:
    """How many pairs of edges between the same two adjacent rows cross (a quality check).

    Quadratic in the edges of a pair of rows: meant for tests and small graphs.

    >>> G = nx.Graph([("a", "y"), ("b", "x")])
    >>> crossings(G, {"a": (0, 0), "b": (1, 0), "x": (0, 1), "y": (1, 1)})
    1
    >>> crossings(G, {"a": (0, 0), "b": (1, 0), "x": (1, 1), "y": (0, 1)})
    0
    """
    rows: dict[tuple[float, float], list[tuple[float, float]]] = {}
    for u, v in G.edges():
        (xu, yu), (xv, yv) = pos[u], pos[v]
        if yu == yv:
            continue
        if yu > yv:
            (xu, yu), (xv, yv) = (xv, yv), (xu, yu)
        rows.setdefault((yu, yv), []).append((xu, xv))
    count = 0
    for segs in rows.values():
        for i, (a1, b1) in enumerate(segs):
            for a2, b2 in segs[i + 1 :]:
                if (a1 - a2) * (b1 - b2) < 0:
                    count += 1
    return count


def _bands(G: nx.Graph, rank: RankRule) -> list[list[Hashable]]:
    by_rank: dict[int, list[Hashable]] = {}
    for n, data in G.nodes(data=True):
        by_rank.setdefault(int(rank(n, data)), []).append(n)
    return [sorted(by_rank[r], key=str) for r in sorted(by_rank, reverse=True)]


def _neighbour_lists(G: nx.Graph) -> dict[Hashable, list[Hashable]]:
    out: dict[Hashable, list[Hashable]] = {n: [] for n in G}
    for u, v in G.edges():
        if u != v:
            out[u].append(v)
            out[v].append(u)
    return out


def _order(
    bands: list[list[Hashable]],
    band_of: dict[Hashable, int],
    neighbours: dict[Hashable, list[Hashable]],
    sweeps: int,
) -> None:
    """Sort each band in place by barycentres (places in [0, 1] make bands comparable)."""
    place: dict[Hashable, float] = {}

    def index(band: list[Hashable]) -> None:
        last = max(len(band) - 1, 1)
        for i, n in enumerate(band):
            place[n] = i / last if len(band) > 1 else 0.5

    for band in bands:
        index(band)
    for sweep in range(sweeps):
        down = sweep % 2 == 0
        order = range(1, len(bands)) if down else range(len(bands) - 2, -1, -1)
        for b in order:
            band = bands[b]

            def key(n: Hashable, b: int = b, down: bool = down) -> tuple[float, float]:
                # Neighbours in the bands this sweep has already placed (above when going
                # down, below when going up); a node without any keeps its place.
                ps = [
                    place[m] for m in neighbours[n] if band_of[m] != b and (band_of[m] < b) == down
                ]
                return (sum(ps) / len(ps) if ps else place[n], place[n])

            band.sort(key=key)
            index(band)


def _coordinates(
    bands: list[list[Hashable]], x_gap: float, y_gap: float, row_gap: float, max_row: int
) -> dict[Hashable, tuple[float, float]]:
    pos: dict[Hashable, tuple[float, float]] = {}
    y = 0.0
    for band in bands:
        rows = [band[i : i + max_row] for i in range(0, len(band), max_row)]
        for r, row in enumerate(rows):
            centre = (len(row) - 1) / 2
            for i, n in enumerate(row):
                pos[n] = (round((i - centre) * x_gap, 1), round(y + r * row_gap, 1))
        y += (len(rows) - 1) * row_gap + y_gap
    return pos
