"""The full-graph JSON backup format: its definition and (de)serialisation.

The database dump and restore code (elsewhere) writes and reads these
documents; this module owns the format, so both ends and the ``json`` export
agree on it. :data:`BACKUP_SCHEMA` is the specification.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any, NotRequired, TypedDict

from app.render.model import graph_view, json_safe
from app.render.stamp import TakenAt, format_taken_at, make_stamp
from graph.vocabulary import NAME_PATTERN

__all__ = [
    "BACKUP_FORMAT",
    "BACKUP_SCHEMA",
    "BACKUP_VERSION",
    "Backup",
    "BackupError",
    "BackupNode",
    "BackupRelationship",
    "backup_to_payload",
    "dumps_backup",
    "loads_backup",
    "make_backup",
    "payload_to_backup",
    "to_json_backup",
    "validate_backup",
]

BACKUP_FORMAT = "toc-explorer-backup"
BACKUP_VERSION = 1

BACKUP_SCHEMA = """\
# toc-explorer backup, version 1

One UTF-8 JSON object:

    {
      "format": "toc-explorer-backup",      required, exactly this
      "version": 1,                         required, integer; readers refuse others
      "taken_at": "2025-01-02T03:04:05+00:00",  required, ISO 8601 string
      "meta": {...},                        optional object: what was backed up and how
                                            (title, query, params, sources...); free-form
      "nodes": [                            required, may be empty
        {"id": "mirps-toc.ltc-1",           required, non-empty string, unique in the file
         "labels": ["Result"],              required, >= 1 label, each [A-Za-z_][A-Za-z0-9_]*
         "properties": {"name": "...", "level": "long_term_change", "source": "..."}}
      ],
      "relationships": [                    required, may be empty
        {"type": "CONTRIBUTES_TO",          required, [A-Za-z_][A-Za-z0-9_]*
         "start": "mirps-toc.mtc-07",       required, the id of a node in this file
         "end": "mirps-toc.ltc-1",          required, the id of a node in this file
         "properties": {"id": "CONTRIBUTES_TO:mirps-toc.mtc-07->mirps-toc.ltc-1",
                        "basis": "inferred", "rationale": "..."}}
      ]
    }

Rules:
- A node's ``properties`` hold every property except ``id`` (which is the
  node's ``id`` field). A relationship's ``properties`` hold all of its
  properties, its ``id`` key included.
- Property values are what Neo4j can store: a string, a finite number, a
  boolean, or a list of values of one of those types. ``null`` is not a value
  (Neo4j has no null properties: leave the key out). Temporal values are
  written as ISO 8601 strings. Maps are not allowed.
- Labels and relationship types must match ``[A-Za-z_][A-Za-z0-9_]*``: restore
  code has to put them in Cypher text (they cannot be query parameters), so
  anything else is refused on reading.
- No other top-level keys. Readers refuse a document that breaks a rule and
  say where (``nodes[3].properties.year``).
- ``payload_to_backup`` turns a graph payload into a backup: a payload node's
  ``name``, ``level`` and ``framework`` become properties, its ``label`` the
  one label; a property value Neo4j could not store (a map, a mixed list) is
  written as JSON text.
"""

_NAME = re.compile(NAME_PATTERN)
_TOP_KEYS = {"format", "version", "taken_at", "nodes", "relationships", "meta"}
_NODE_FIELDS = ("name", "level", "framework")


class BackupNode(TypedDict):
    id: str
    labels: list[str]
    properties: dict[str, Any]


class BackupRelationship(TypedDict):
    type: str
    start: str
    end: str
    properties: dict[str, Any]


class Backup(TypedDict):
    format: str
    version: int
    taken_at: str
    nodes: list[BackupNode]
    relationships: list[BackupRelationship]
    meta: NotRequired[dict[str, Any]]


class BackupError(ValueError):
    """The document is not a valid backup; the message says where and why."""


def _is_scalar(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, str | bool | int)


def _property_problem(value: Any) -> str | None:
    if value is None:
        return "null is not a property value (leave the key out)"
    if _is_scalar(value):
        return None
    if isinstance(value, list):
        if not all(_is_scalar(v) for v in value):
            return "a list may hold only strings, finite numbers or booleans"
        if len({type(v) for v in value}) > 1:
            return "a list must hold values of one type"
        return None
    return f"{type(value).__name__} is not a property value"


def _check_properties(props: Any, where: str) -> None:
    if not isinstance(props, dict):
        raise BackupError(f"{where}: properties must be an object")
    for key, value in props.items():
        problem = _property_problem(value)
        if problem:
            raise BackupError(f"{where}.properties.{key}: {problem}")


def _check_name(value: Any, where: str) -> None:
    if not isinstance(value, str) or not _NAME.fullmatch(value):
        raise BackupError(f"{where}: {value!r} is not a valid label or type name")


def _check_keys(item: Any, keys: set[str], where: str) -> None:
    if not isinstance(item, dict):
        raise BackupError(f"{where}: must be an object")
    missing, extra = keys - item.keys(), item.keys() - keys
    if missing:
        raise BackupError(f"{where}: missing {sorted(missing)}")
    if extra:
        raise BackupError(f"{where}: unknown keys {sorted(extra)}")


def validate_backup(doc: Any) -> Backup:
    """Check ``doc`` against :data:`BACKUP_SCHEMA`; returns it, typed, or raises ``BackupError``."""
    if not isinstance(doc, dict):
        raise BackupError("a backup is a JSON object")
    if doc.get("format") != BACKUP_FORMAT:
        raise BackupError(f"format: expected {BACKUP_FORMAT!r}, got {doc.get('format')!r}")
    version = doc.get("version")
    if version != BACKUP_VERSION or isinstance(version, bool):
        raise BackupError(f"version: this reader knows version {BACKUP_VERSION}, not {version!r}")
    _check_keys(doc, _TOP_KEYS if "meta" in doc else _TOP_KEYS - {"meta"}, "backup")
    if not isinstance(doc["taken_at"], str) or not doc["taken_at"]:
        raise BackupError("taken_at: must be a non-empty string")
    if "meta" in doc and not isinstance(doc["meta"], dict):
        raise BackupError("meta: must be an object")
    if not isinstance(doc["nodes"], list) or not isinstance(doc["relationships"], list):
        raise BackupError("nodes and relationships must be lists")
    ids: set[str] = set()
    for i, node in enumerate(doc["nodes"]):
        where = f"nodes[{i}]"
        _check_keys(node, {"id", "labels", "properties"}, where)
        if not isinstance(node["id"], str) or not node["id"]:
            raise BackupError(f"{where}.id: must be a non-empty string")
        if node["id"] in ids:
            raise BackupError(f"{where}.id: duplicate id {node['id']!r}")
        ids.add(node["id"])
        if not isinstance(node["labels"], list) or not node["labels"]:
            raise BackupError(f"{where}.labels: must be a non-empty list")
        for j, label in enumerate(node["labels"]):
            _check_name(label, f"{where}.labels[{j}]")
        _check_properties(node["properties"], where)
        if "id" in node["properties"]:
            raise BackupError(f"{where}.properties.id: the id belongs in the node's id field")
    for i, rel in enumerate(doc["relationships"]):
        where = f"relationships[{i}]"
        _check_keys(rel, {"type", "start", "end", "properties"}, where)
        _check_name(rel["type"], f"{where}.type")
        for end in ("start", "end"):
            if rel[end] not in ids:
                raise BackupError(f"{where}.{end}: {rel[end]!r} is not a node in this backup")
        _check_properties(rel["properties"], where)
    return doc  # type: ignore[return-value]


def _storable(value: Any) -> Any:
    """A value Neo4j can store: as is when it can, else JSON text."""
    if _property_problem(value) is None:
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _storable_properties(props: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _storable(v) for k, v in props.items() if v is not None}


def make_backup(
    nodes: Iterable[Mapping[str, Any]],
    relationships: Iterable[Mapping[str, Any]],
    *,
    taken_at: TakenAt,
    meta: Mapping[str, Any] | None = None,
) -> Backup:
    """Assemble and validate a backup from dumped nodes and relationships."""
    doc: dict[str, Any] = {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "taken_at": format_taken_at(taken_at),
        "nodes": [
            {"id": n["id"], "labels": list(n["labels"]), "properties": dict(n["properties"])}
            for n in nodes
        ],
        "relationships": [
            {
                "type": r["type"],
                "start": r["start"],
                "end": r["end"],
                "properties": dict(r["properties"]),
            }
            for r in relationships
        ],
    }
    if meta is not None:
        doc["meta"] = dict(meta)
    return validate_backup(doc)


def dumps_backup(backup: Backup) -> bytes:
    """UTF-8 JSON bytes of a (validated) backup; one node or relationship a line."""
    doc = validate_backup(backup)
    head = {k: v for k, v in doc.items() if k not in ("nodes", "relationships")}

    def items(values: list[Any]) -> str:
        if not values:
            return "[]"
        lines = ",\n  ".join(
            json.dumps(v, ensure_ascii=False, allow_nan=False, sort_keys=True) for v in values
        )
        return "[\n  " + lines + "\n ]"

    body = ",\n ".join(
        [
            f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False, allow_nan=False, default=str)}"
            for k, v in head.items()
        ]
        + [f'"nodes": {items(list(doc["nodes"]))}']
        + [f'"relationships": {items(list(doc["relationships"]))}']
    )
    return ("{\n " + body + "\n}\n").encode("utf-8")


def loads_backup(data: bytes | str) -> Backup:
    """Parse and validate backup JSON; raises ``BackupError`` (a ``ValueError``)."""
    try:
        doc = json.loads(data)
    except json.JSONDecodeError as e:
        raise BackupError(f"not JSON: {e}") from e
    return validate_backup(doc)


def payload_to_backup(
    payload: Mapping[str, Any], *, taken_at: TakenAt, title: str | None = None
) -> Backup:
    view = graph_view(payload)
    nodes = [
        {
            "id": node.id,
            "labels": [node.label],
            "properties": _storable_properties(
                {k: v for k, v in node.properties.items() if k != "id"}
            ),
        }
        for node in view.nodes
    ]
    relationships = [
        {
            "type": edge.type,
            "start": edge.source,
            "end": edge.target,
            "properties": _storable_properties({**edge.properties, "id": edge.id}),
        }
        for edge in view.edges
    ]
    meta = json_safe(make_stamp(view, title=title or "", taken_at=taken_at).as_dict())
    if title is None:
        del meta["title"]
    return make_backup(nodes, relationships, taken_at=taken_at, meta=meta)


def backup_to_payload(backup: Backup) -> dict[str, Any]:
    """A graph payload for a backup (a node's first label is its payload ``label``)."""
    doc = validate_backup(backup)
    nodes = []
    for node in doc["nodes"]:
        props = dict(node["properties"])
        item: dict[str, Any] = {"id": node["id"], "label": node["labels"][0]}
        for field in _NODE_FIELDS:
            if field in props:
                item[field] = props.pop(field)
        item.setdefault("name", node["id"])
        item["properties"] = props
        nodes.append(item)
    edges = []
    for rel in doc["relationships"]:
        props = dict(rel["properties"])
        edge_id = props.pop("id", None) or f"{rel['type']}:{rel['start']}->{rel['end']}"
        edges.append(
            {
                "id": edge_id,
                "source": rel["start"],
                "target": rel["end"],
                "type": rel["type"],
                "properties": props,
            }
        )
    meta = doc.get("meta") or {}
    payload_meta = {k: meta[k] for k in ("query", "params", "truncated") if k in meta}
    return {"nodes": nodes, "edges": edges, "meta": payload_meta}


def to_json_backup(payload: Mapping[str, Any], *, title: str, taken_at: TakenAt) -> bytes:
    """The ``json`` export: the payload as a backup document (restorable as is)."""
    return dumps_backup(payload_to_backup(payload, taken_at=taken_at, title=title))
