"""Several frameworks side by side, with the alignments between them."""

from __future__ import annotations

from collections.abc import Iterable

from app.models.graph import GraphMeta, GraphNode
from app.repository import frameworks, nodes
from app.repository.base import Db
from app.repository.frameworks import FrameworkSummary
from app.repository.subgraphs import edges_among
from app.views.base import View, complete, edge_types
from graph.vocabulary import CHAIN_KINDS, CONTEXT_LABELS, Rel

PAGE = 500  # the API's largest page


def chain_frameworks(db: Db) -> list[FrameworkSummary]:
    """The frameworks that hold a results chain: what the cross view lines up by default."""
    return [f for f in frameworks.list_frameworks(db) if f.kind in CHAIN_KINDS]


def theme_members(db: Db, theme: str, labels: Iterable[str]) -> set[str]:
    """Ids of the nodes of ``labels`` tagged with ``theme``."""
    found: set[str] = set()
    for label in sorted(set(labels)):
        offset = 0
        while True:
            page = nodes.list_nodes(db, label=label, theme=theme, offset=offset, limit=PAGE)
            found.update(n.id for n in page.items)
            offset += PAGE
            if offset >= page.total:
                break
    return found


def cross_view(
    db: Db, framework_ids: list[str] | None, theme: str | None, include: list[str]
) -> View:
    """Several frameworks (every results chain when None) with the alignments between them.

    Context (approaches, instruments, the frameworks themselves) is left out: side by side it
    would only crowd the top bands. With a theme: the elements tagged with it, plus the
    elements of the other frameworks they align with (tagging is uneven across documents; an
    alignment is the stronger tie).
    """
    chosen = framework_ids or [f.id for f in chain_frameworks(db)]
    own = sorted(set(include) - {"alignments"})
    shown: dict[str, GraphNode] = {}
    for fid in chosen:
        for node in frameworks.framework_graph(db, fid, own).nodes:
            if node.label not in CONTEXT_LABELS:
                shown.setdefault(node.id, node)
    if theme:
        tagged = theme_members(db, theme, {n.label for n in shown.values()})
        keep = {i for i in shown if i in tagged}
        for edge in edges_among(db, shown, [Rel.ALIGNS_WITH]):
            if edge.source in tagged:
                keep.add(edge.target)
            if edge.target in tagged:
                keep.add(edge.source)
        shown = {i: n for i, n in shown.items() if i in keep}
    meta = GraphMeta(query="cross", params={"frameworks": chosen, "theme": theme, "include": own})
    types = sorted({*edge_types(own), Rel.ALIGNS_WITH})
    title = "Frameworks side by side" + (f", theme {theme}" if theme else "")
    return View(complete(db, shown, types, meta), title)
