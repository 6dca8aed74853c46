"""vis-network data for the live pages, built by :mod:`app.render` from a graph payload.

The nodes, edges and options are :func:`app.render.vis_data`'s, so a live view and the
standalone HTML export of the same payload look the same. What the pages need on top
(legend, band titles, framework names) is computed here from the same styling functions.
"""

from __future__ import annotations

import copy
from typing import Any, TypedDict

from app.models.graph import GraphPayload
from app.render.model import graph_view
from app.render.network_page import vis_data
from app.render.style import edge_style, framework_colours, legend_entries, level_title

# Live views fit many boxes side by side: a little more room than the export's default.
NODE_SPACING = 230


class LiveVisData(TypedDict):
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    options: dict[str, Any]
    legend: dict[str, list[dict[str, Any]]]
    bands: list[dict[str, Any]]
    meta: dict[str, Any]
    # The payload itself: the page posts the part it shows to the export API.
    payload: dict[str, Any]


def _live_options(options: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(options)
    hierarchical = out.setdefault("layout", {}).setdefault("hierarchical", {})
    hierarchical["nodeSpacing"] = max(hierarchical.get("nodeSpacing", 0), NODE_SPACING)
    # Same picture on every load: a shared link must reopen exactly what was shown.
    out["layout"]["randomSeed"] = 7
    interaction = out.setdefault("interaction", {})
    interaction["navigationButtons"] = False
    interaction["keyboard"] = {"enabled": True, "bindToWindow": False}
    return out


def live_vis_data(payload: GraphPayload, framework_names: dict[str, str]) -> LiveVisData:
    raw = payload.model_dump()
    data = vis_data(raw)
    view = graph_view(raw)
    levels = [{"text": e.text, "fill": e.fill, "font": e.font} for e in legend_entries(view)]
    frameworks = [
        {"id": fw, "name": framework_names.get(fw, fw), "colour": colour}
        for fw, colour in framework_colours(view).items()
    ]
    edge_kinds: dict[str, dict[str, Any]] = {}
    for edge in view.edges:
        style = edge_style(edge)
        text = edge.type + (" (inferred)" if edge.basis == "inferred" else "")
        edge_kinds.setdefault(text, {"text": text, "colour": style.colour, "dashed": style.dashed})
    bands: dict[int, dict[str, None]] = {}
    for node in view.nodes:
        title = level_title(node.level) if node.level else node.label
        bands.setdefault(node.rank, {}).setdefault(title, None)
    return {
        "nodes": data["nodes"],
        "edges": data["edges"],
        "options": _live_options(data["options"]),
        "legend": {"levels": levels, "frameworks": frameworks, "edges": list(edge_kinds.values())},
        "bands": [
            {"rank": rank, "title": " / ".join(titles)}
            for rank, titles in sorted(bands.items(), reverse=True)
        ],
        "meta": raw["meta"],
        "payload": raw,
    }
