"""A framework with its gaps marked: what no indicator measures, nobody promised, nobody does."""

from __future__ import annotations

from app.repository.base import Db
from app.repository.gaps import find_gaps
from app.views.base import View
from app.views.framework import framework_view


def gaps_view(db: Db, framework_id: str, kinds: list[str], include: list[str]) -> View:
    """The framework view with, on each node that is a gap, ``properties["gaps"]``: the kinds
    of gap it is (``meta.extra["gaps"]`` counts each kind)."""
    view = framework_view(db, framework_id, include)
    found = find_gaps(db, kinds, framework_id)
    by_node: dict[str, list[str]] = {}
    for gap in found:
        for item in gap.items:
            by_node.setdefault(item.node.id, []).append(gap.kind)
    for node in view.payload.nodes:
        if node.id in by_node:
            node.properties["gaps"] = by_node[node.id]
    meta = view.payload.meta
    meta.query = "gaps"
    meta.params = {"id": framework_id, "kinds": kinds, "include": meta.params.get("include", [])}
    meta.extra["gaps"] = {g.kind: g.count for g in found}
    return View(view.payload, f"Gaps in {view.title}")
