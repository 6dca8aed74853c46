"""HOOK between the pages and the export API (``/api/export``, ``app/routers/exports.py``).

The pages offer an export panel only when the app has a ``POST /api/export`` route (which
takes any graph payload): the panel posts the part of the view on screen, so a download
holds exactly what was shown, drawn by the same ``app/render`` styling. The formats come
from the export registry when it is there. The request itself is built in
``app/static/js/exports.js`` (``downloadExport``, also marked HOOK).
"""

from __future__ import annotations

from fastapi import FastAPI

EXPORT_PATH = "/api/export"
# Button text per format, in the order offered; formats the registry lacks are left out.
FORMAT_TEXT: dict[str, str] = {
    "svg": "SVG diagram",
    "png": "PNG image",
    "pdf": "PDF (A3)",
    "html": "Standalone HTML (offline)",
    "mermaid": "Mermaid",
    "dot": "Graphviz DOT",
    "graphml": "GraphML",
    "gexf": "GEXF (Gephi)",
    "cytoscape": "Cytoscape.js JSON",
    "csv": "CSV (zip)",
    "json": "JSON",
}


def export_available(app: FastAPI) -> bool:
    # The OpenAPI paths, not app.routes: included routers need not be flattened there.
    paths = app.openapi().get("paths", {})
    return "post" in paths.get(EXPORT_PATH, {})


def _registry() -> list[str]:
    try:
        from app.exports import FORMATS
    except ImportError:  # the export layer is optional for the pages
        return list(FORMAT_TEXT)
    return list(FORMATS)


def export_formats(app: FastAPI) -> list[tuple[str, str]]:
    """(format, text) to offer on the pages: none while the app has no export API."""
    if not export_available(app):
        return []
    known = set(_registry())
    ordered = [f for f in FORMAT_TEXT if f in known] + sorted(known - set(FORMAT_TEXT))
    return [(f, FORMAT_TEXT.get(f, f)) for f in ordered]
