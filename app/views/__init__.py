"""The one composition layer: every view a user sees, built once for the pages, the exports,
the API and the command line alike, so what a user sees is what a user exports.

A *view* is a graph composed for a reader from one or more repository calls, with a title:

- :func:`framework_view`: a framework's elements and what ``include`` hangs off them;
- :func:`cross_view`: several frameworks side by side with the alignments between them;
- :func:`focus_view`: what leads to a node and/or what it leads to, N hops;
- :func:`between_view`: the paths between two nodes;
- :func:`gaps_view`: a framework with its gaps marked on the nodes;
- :func:`with_paths`: any view plus the traced paths between two of its nodes.

Each returns a :class:`View`. Views touch Neo4j only through :mod:`app.repository`; drawing
them is :mod:`app.render`'s job, serving them the routers' and the pages'.
"""

from app.views.base import View, edge_types
from app.views.cross import chain_frameworks, cross_view
from app.views.framework import framework_view
from app.views.gaps import gaps_view
from app.views.pathways import between_view, focus_view, with_paths

__all__ = [
    "View",
    "between_view",
    "chain_frameworks",
    "cross_view",
    "edge_types",
    "focus_view",
    "framework_view",
    "gaps_view",
    "with_paths",
]
