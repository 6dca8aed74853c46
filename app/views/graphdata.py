"""The graphs the pages show, composed from the repository's payloads.

A view is more than one API call: a framework with what hangs off it, several frameworks
with the alignments between them, a view plus the paths between two of its nodes. This
module composes them and then asks for the relationships among *all* the nodes shown
(the named query ``subgraph_by_ids``), so every edge whose two ends are on screen is drawn,
including those that link an attachment to an attachment (an actor to the pledge it makes).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

from neo4j import Driver

from app.models.graph import GraphMeta, GraphNode, GraphPayload
from app.repository import frameworks as frameworks_repo
from app.repository import nodes as nodes_repo
from app.repository import pathways as pathways_repo
from app.repository.subgraphs import attached, edges_among

INCLUDES: tuple[str, ...] = tuple(frameworks_repo.ATTACHMENTS)
CHAIN_TYPE = "CONTRIBUTES_TO"
ALIGNS = "ALIGNS_WITH"
# Frameworks that hold a results chain: what the cross-framework view lines up by default.
CHAIN_KINDS = ("theory_of_change", "results_framework", "action_plan", "joint_action_plan",
               "project")  # fmt: skip
PAGE = 500  # the API's largest page
# What a framework cites or applies throughout, rather than a change it plans: left out of
# the side-by-side view, where it would only crowd the top bands.
CROSS_CONTEXT_LABELS = frozenset({"Approach", "Instrument", "Framework"})


def edge_types(include: Iterable[str]) -> list[str]:
    """The relationship types a view draws: the chain plus what ``include`` brings."""
    types = {CHAIN_TYPE}
    for key in include:
        types.update(frameworks_repo.ATTACHMENTS[key])
    return sorted(types)


def _complete(
    driver: Driver, database: str, nodes: dict[str, GraphNode], types: list[str], meta: GraphMeta
) -> GraphPayload:
    edges = edges_among(driver, database, nodes, types) if nodes else []
    return GraphPayload(nodes=list(nodes.values()), edges=edges, meta=meta)


def framework_view(
    driver: Driver, database: str, framework_id: str, include: list[str]
) -> GraphPayload:
    """A framework's elements with what ``include`` asks for (NotFound for no framework)."""
    base = frameworks_repo.framework_graph(driver, database, framework_id, include)
    nodes = {n.id: n for n in base.nodes}
    if "actors" in include:
        # Also the actors behind the pledges and commitments shown, not only those tied
        # directly to the framework's own elements.
        for actor in attached(
            driver, database, nodes, frameworks_repo.ATTACHMENTS["actors"], "Actor"
        ):
            nodes.setdefault(actor.id, actor)
    meta = base.meta.model_copy(deep=True)
    return _complete(driver, database, nodes, edge_types(include), meta)


def chain_frameworks(driver: Driver, database: str) -> list[frameworks_repo.FrameworkSummary]:
    return [f for f in frameworks_repo.list_frameworks(driver, database) if f.kind in CHAIN_KINDS]


def theme_members(driver: Driver, database: str, theme: str, labels: Iterable[str]) -> set[str]:
    """Ids of the nodes of ``labels`` tagged with ``theme``."""
    found: set[str] = set()
    for label in sorted(set(labels)):
        offset = 0
        while True:
            page = nodes_repo.list_nodes(
                driver, database, label=label, theme=theme, offset=offset, limit=PAGE
            )
            found.update(n.id for n in page.items)
            offset += PAGE
            if offset >= page.total:
                break
    return found


def cross_view(
    driver: Driver,
    database: str,
    framework_ids: list[str],
    theme: str | None,
    include: list[str],
) -> GraphPayload:
    """Several frameworks side by side with the alignments between them.

    With a theme: the elements tagged with it, plus the elements of the other frameworks
    they align with (tagging is uneven across documents; an alignment is the stronger tie).
    """
    own = [k for k in include if k != "alignments"]
    nodes: dict[str, GraphNode] = {}
    for fid in framework_ids:
        for node in frameworks_repo.framework_graph(driver, database, fid, own).nodes:
            if node.label not in CROSS_CONTEXT_LABELS:
                nodes.setdefault(node.id, node)
    if theme:
        tagged = theme_members(driver, database, theme, {n.label for n in nodes.values()})
        keep = {i for i in nodes if i in tagged}
        for edge in edges_among(driver, database, nodes, [ALIGNS]):
            if edge.source in tagged:
                keep.add(edge.target)
            if edge.target in tagged:
                keep.add(edge.source)
        nodes = {i: n for i, n in nodes.items() if i in keep}
    meta = GraphMeta(
        query="cross",
        params={"frameworks": framework_ids, "theme": theme, "include": own},
    )
    return _complete(driver, database, nodes, sorted({*edge_types(own), ALIGNS}), meta)


def with_paths(
    driver: Driver,
    database: str,
    payload: GraphPayload,
    source: str,
    target: str,
    max_hops: int,
    types: list[str],
) -> GraphPayload:
    """The view plus the paths between two nodes (NotFound when either is missing).

    Path nodes from outside the view join it; ``meta.extra["paths"]`` lists each path's
    node ids and edge ids, shortest first.
    """
    found = pathways_repo.between(driver, database, source, target, max_hops, max_paths=10)
    nodes = {n.id: n for n in payload.nodes}
    for node in found.nodes:
        nodes.setdefault(node.id, node)
    edges = {e.id: e for e in edges_among(driver, database, nodes, types)}
    by_ends: dict[frozenset[str], list[str]] = {}
    for edge in found.edges:
        edges.setdefault(edge.id, edge)
        by_ends.setdefault(frozenset((edge.source, edge.target)), []).append(edge.id)
    paths: list[dict[str, Any]] = []
    for ids in found.meta.extra.get("paths", []):
        steps = [by_ends.get(frozenset(pair), []) for pair in itertools.pairwise(ids)]
        paths.append({"nodes": ids, "edges": [e for step in steps for e in step[:1]]})
    meta = payload.meta.model_copy(deep=True)
    meta.extra["paths"] = paths
    meta.extra["trace"] = {"source": source, "target": target, "max_hops": max_hops}
    return GraphPayload(nodes=list(nodes.values()), edges=list(edges.values()), meta=meta)
