"""The rendering layer: graph payloads in, pictures and pages out.

The only package that imports pyvis. Nothing here touches the database or
the web framework; every function takes a payload (``docs/schema.md``, "Graph
payload") and returns text or bytes.

- :mod:`app.render.network_page`: vis-network data and the standalone page
- :mod:`app.render.diagram`: Graphviz print diagrams (svg, png, pdf)
- :mod:`app.render.mermaid`, :mod:`app.render.dot`: text diagrams
- :mod:`app.render.style`: colours, shapes, label wrapping shared by all
- :mod:`app.render.model`, :mod:`app.render.stamp`: payload view, provenance
"""

from app.render.diagram import build_diagram, render_diagram
from app.render.dot import to_dot
from app.render.mermaid import to_mermaid
from app.render.network_page import network_page, vis_asset_paths, vis_data

__all__ = [
    "build_diagram",
    "network_page",
    "render_diagram",
    "to_dot",
    "to_mermaid",
    "vis_asset_paths",
    "vis_data",
]
