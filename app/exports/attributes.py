"""Attribute values that every data format can hold: scalars, XML-safe, one type per key.

GraphML and GEXF declare one type per attribute key, and XML 1.0 cannot carry
most control characters; CSV cells are text. So lists and dicts are written as
JSON, ``None`` is left out, control characters are dropped, and a key whose
values have different types across nodes (``year`` is ``2023`` here and
``"2022-2024"`` there) is written as text everywhere.

JSON has no ``NaN`` or ``Infinity`` (Python's ``json`` writes them anyway, and
every strict reader then refuses the file), and Java's readers do not take
Python's ``nan``: a non-finite number is written as the text ``"NaN"``,
``"Infinity"`` or ``"-Infinity"``, as the JSON backup stores it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from app.render.model import json_safe

__all__ = ["Scalar", "json_safe", "scalar", "unify_types", "with_prefix"]

Scalar = str | int | float | bool

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
PREFIX = "prop_"


def _text(value: str) -> str:
    return _XML_INVALID.sub("", value)


def scalar(value: Any) -> Scalar | None:
    """A scalar for ``value``: lists and dicts as JSON text, ``None`` stays ``None``."""
    if isinstance(value, float) and not math.isfinite(value):
        return json.dumps(value)  # "NaN", "Infinity", "-Infinity"
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return _text(value)
    text = json.dumps(json_safe(value), ensure_ascii=False, sort_keys=True, default=str)
    return _text(text)


def _as_text(value: Scalar) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def unify_types(records: Iterable[dict[str, Scalar]]) -> None:
    """In place: make every key's values one type (text when they differ)."""
    records = list(records)
    types: dict[str, set[type]] = {}
    for record in records:
        for key, value in record.items():
            types.setdefault(key, set()).add(type(value))
    mixed = {key for key, kinds in types.items() if len(kinds) > 1}
    for record in records:
        for key in mixed & record.keys():
            record[key] = _as_text(record[key])


def with_prefix(properties: Mapping[str, Any], reserved: Iterable[str]) -> dict[str, Any]:
    """Rename properties that would collide with a format's own names (``id`` -> ``prop_id``)."""
    reserved = set(reserved)
    out: dict[str, Any] = {}
    for key, value in properties.items():
        name = key
        while name in reserved or (name != key and name in properties):
            name = PREFIX + name
        out[name] = value
    return out
