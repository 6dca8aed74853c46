"""Interactive network: vis-network data for the browser views, and a standalone page.

:func:`vis_data` builds the ``nodes``/``edges``/``options`` that vis-network
takes (the browser views serve vis-network from the app's static files and
feed it this). :func:`network_page` wraps the same data, through pyvis, in ONE
html file with vis-network's JS and CSS inlined from pyvis's own package, so it
opens offline by double-click.

Layout is hierarchical with the impact on top: each distinct rank present
becomes a vis ``level`` (0 = highest rank). All text is plain: vis-network
draws labels on a canvas and, since 9.0, puts string tooltips in with
``innerText``; the page escapes everything else and its CSP allows only the two
scripts it ships.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, TypedDict

import pyvis
from jinja2 import Environment
from markupsafe import Markup
from pyvis.network import Network

from app.render.model import GraphView, graph_view, json_safe
from app.render.page_template import PAGE_TEMPLATE
from app.render.stamp import TakenAt, make_stamp
from app.render.style import (
    edge_style,
    edge_tooltip,
    framework_colours,
    legend_entries,
    node_caption,
    node_style,
    node_tooltip,
)
from graph.vocabulary import Label

__all__ = ["VisData", "network_page", "vis_asset_paths", "vis_data"]

VIS_VERSION = "9.1.2"


class VisData(TypedDict):
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    options: dict[str, Any]


def vis_asset_paths() -> tuple[Path, Path]:
    """(vis-network.min.js, vis-network.css) inside the installed pyvis package."""
    lib = Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_VERSION}"
    return lib / "vis-network.min.js", lib / "vis-network.css"


@cache
def _vis_assets() -> tuple[str, str]:
    js_path, css_path = vis_asset_paths()
    js, css = js_path.read_text(encoding="utf-8"), css_path.read_text(encoding="utf-8")
    # Inlined verbatim: a closing tag inside would end the element early.
    if "</script" in js.lower() or "</style" in css.lower():
        raise RuntimeError(f"{js_path.parent} cannot be inlined safely")
    return js, css


def _options() -> dict[str, Any]:
    return {
        "layout": {
            "hierarchical": {
                "enabled": True,
                "direction": "UD",
                "levelSeparation": 120,
                "nodeSpacing": 280,
                "treeSpacing": 300,
                "blockShifting": True,
                "edgeMinimization": True,
                "parentCentralization": True,
            }
        },
        # Positions come from the levels; physics would only make the page jitter.
        "physics": {"enabled": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "navigationButtons": True,
            "multiselect": True,
        },
        "nodes": {
            "font": {"face": "system-ui, sans-serif", "size": 14, "multi": False},
            "margin": 10,
            # Captions are pre-wrapped to fit; the cap keeps nodeSpacing a true gap.
            "widthConstraint": {"maximum": 240},
            "borderWidth": 3,
            "borderWidthSelected": 4,
        },
        "edges": {
            "smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical"},
            "arrowStrikethrough": False,
        },
    }


def _vis_data(view: GraphView) -> VisData:
    level_of = {rank: i for i, rank in enumerate(view.ranks())}
    borders = framework_colours(view)
    nodes: list[dict[str, Any]] = []
    for node in view.nodes:
        style = node_style(node, borders)
        nodes.append(
            {
                "id": node.id,
                "label": "\n".join(node_caption(node)),
                "title": node_tooltip(node),
                "level": level_of[node.rank],
                "shape": style.vis_shape,
                "color": {
                    "background": style.fill,
                    "border": style.border,
                    "highlight": {"background": style.fill, "border": "#000000"},
                    "hover": {"background": style.fill, "border": "#000000"},
                },
                "font": {"color": style.font},
                "shapeProperties": {"borderDashes": [6, 4] if style.dashed else False},
                # Not drawn: for the browser views' filters and side panels.
                "toc_label": node.label,
                "toc_level": node.level,
                "toc_framework": node.framework,
                "toc_rank": node.rank,
                "toc_name": node.name,
            }
        )
    edges: list[dict[str, Any]] = []
    for edge in view.edges:
        look = edge_style(edge)
        edges.append(
            {
                "id": edge.id,
                "from": edge.source,
                "to": edge.target,
                "title": edge_tooltip(edge),
                "arrows": {"to": {"enabled": look.directed, "scaleFactor": 0.7}},
                "dashes": look.dashed,
                "width": look.width,
                "color": {"color": look.colour, "highlight": "#000000", "hover": "#000000"},
                "toc_type": edge.type,
                "toc_basis": edge.basis,
            }
        )
    return {"nodes": nodes, "edges": edges, "options": _options()}


def vis_data(payload: Mapping[str, Any]) -> VisData:
    """vis-network ``nodes``, ``edges`` and ``options`` for a payload (JSON-ready)."""
    return _vis_data(graph_view(payload))


def _through_pyvis(data: VisData, title: str) -> VisData:
    """Round the data through a pyvis ``Network``: pyvis validates node and edge ids."""
    net = Network(directed=True, heading=title, cdn_resources="in_line")
    for node in data["nodes"]:
        attrs = {k: v for k, v in node.items() if k != "id"}
        net.add_node(node["id"], **attrs)
    for edge in data["edges"]:
        attrs = {k: v for k, v in edge.items() if k not in ("from", "to")}
        net.add_edge(edge["from"], edge["to"], **attrs)
    net.options = data["options"]
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return {"nodes": nodes, "edges": edges, "options": json.loads(options)}


def _script_json(value: object) -> str:
    """JSON that cannot end a <script> element or open a comment in it."""
    text = json.dumps(json_safe(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_BOOT_JS = """(function () {
  "use strict";
  var data = %s;
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("toc-network");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  window.tocNodes = nodes;
  window.tocEdges = edges;
  window.tocNetwork = network;
  network.once("afterDrawing", function () {
    network.fit();
    document.body.setAttribute("data-rendered", "true");
  });
})();"""


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


_ENV = Environment(autoescape=True, keep_trailing_newline=True)


def network_page(payload: Mapping[str, Any], *, title: str, taken_at: TakenAt) -> str:
    """One self-contained, offline html page showing the payload's network."""
    view = graph_view(payload)
    stamp = make_stamp(view, title=title, taken_at=taken_at)
    data = _through_pyvis(_vis_data(view), title)
    vis_js, vis_css = _vis_assets()
    boot_js = _BOOT_JS % _script_json(data)
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_csp_hash(vis_js)} {_csp_hash(boot_js)}",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "font-src data:",
        ]
    )
    names = {n.id: n.name for n in view.nodes if n.label == Label.FRAMEWORK}
    frameworks = [(names.get(fw, fw), colour) for fw, colour in framework_colours(view).items()]
    edge_types: dict[str, tuple[str, str, bool]] = {}
    for edge in view.edges:
        look = edge_style(edge)
        text = edge.type + (" (inferred)" if edge.basis == "inferred" else "")
        edge_types.setdefault(text, (text, look.colour, look.dashed))
    return _ENV.from_string(PAGE_TEMPLATE).render(
        csp=csp,
        stamp=stamp,
        node_count=len(view.nodes),
        edge_count=len(view.edges),
        legend=legend_entries(view),
        frameworks=frameworks,
        edge_legend=list(edge_types.values()),
        meta_json=Markup(_script_json(stamp.as_dict())),
        vis_js=Markup(vis_js),
        vis_css=Markup(vis_css),
        boot_js=Markup(boot_js),
    )
