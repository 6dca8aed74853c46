"""CSV: a zip holding ``nodes.csv``, ``edges.csv`` and ``meta.json``.

Spreadsheet-first: UTF-8 with a byte-order mark (so Excel reads accents),
one row per node or edge, the level and provenance as their own columns and
every other property as JSON in a final ``properties`` column. Edge columns
``source``/``target`` are node ids (the convention Gephi's importer expects),
so the document a node or edge comes from is ``source_document`` in both files.

A text cell that starts with ``=``, ``+``, ``-``, ``@`` or a tab/return is
prefixed with ``'``: spreadsheets would otherwise run it as a formula.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from app.render.model import graph_view, json_safe
from app.render.stamp import TakenAt, make_stamp

__all__ = ["EDGE_COLUMNS", "NODE_COLUMNS", "to_csv_zip"]

NODE_COLUMNS = [
    "id",
    "label",
    "name",
    "level",
    "rank",
    "framework",
    "source_document",
    "section",
    "quote",
    "text",
    "origin",
    "properties",
]
EDGE_COLUMNS = [
    "id",
    "type",
    "source",
    "target",
    "basis",
    "source_document",
    "section",
    "quote",
    "rationale",
    "origin",
    "properties",
]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Properties that have a column of their own (under the column's name on the right).
_NODE_PROPERTY_COLUMNS = {
    "name": "name",
    "level": "level",
    "framework": "framework",
    "source": "source_document",
    "section": "section",
    "quote": "quote",
    "text": "text",
    "origin": "origin",
}
_EDGE_PROPERTY_COLUMNS = {
    "id": "id",
    "basis": "basis",
    "source": "source_document",
    "section": "section",
    "quote": "quote",
    "rationale": "rationale",
    "origin": "origin",
}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if not isinstance(value, str):
        return json.dumps(json_safe(value), ensure_ascii=False, sort_keys=True, default=str)
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(columns: list[str], rows: Iterable[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: _cell(row.get(column)) for column in columns})
    return buffer.getvalue().encode("utf-8-sig")


def _split(props: Mapping[str, Any], columns: Mapping[str, str]) -> dict[str, Any]:
    row = {columns[k]: v for k, v in props.items() if k in columns}
    rest = {k: v for k, v in props.items() if k not in columns and v is not None}
    row["properties"] = json.dumps(json_safe(rest), ensure_ascii=False, sort_keys=True, default=str)
    return row


def _zip_time(taken_at: str) -> tuple[int, int, int, int, int, int]:
    # Entries dated by the export, not the clock: the same inputs give the same bytes.
    try:
        t = datetime.fromisoformat(taken_at)
    except ValueError:
        return (1980, 1, 1, 0, 0, 0)
    if t.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    return (t.year, t.month, t.day, t.hour, t.minute, t.second)


def to_csv_zip(payload: Mapping[str, Any], *, title: str, taken_at: TakenAt) -> bytes:
    view = graph_view(payload)
    stamp = make_stamp(view, title=title, taken_at=taken_at)
    node_rows = [
        {
            **_split(node.properties, _NODE_PROPERTY_COLUMNS),
            "id": node.id,
            "label": node.label,
            "name": node.name,
            "level": node.level,
            "rank": node.rank,
            "framework": node.properties.get("framework"),
        }
        for node in view.nodes
    ]
    edge_rows = [
        {
            **_split(edge.properties, _EDGE_PROPERTY_COLUMNS),
            "id": edge.id,
            "type": edge.type,
            "source": edge.source,
            "target": edge.target,
        }
        for edge in view.edges
    ]
    files = {
        "nodes.csv": _csv(NODE_COLUMNS, node_rows),
        "edges.csv": _csv(EDGE_COLUMNS, edge_rows),
        "meta.json": json.dumps(
            json_safe(stamp.as_dict()), ensure_ascii=False, indent=1, allow_nan=False
        ).encode("utf-8"),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=_zip_time(stamp.taken_at))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16  # rw-r--r-- when unzipped, not 000
            archive.writestr(info, data)
        archive.comment = " | ".join([stamp.title, stamp.summary()]).encode("utf-8")[:65535]
    return buffer.getvalue()
