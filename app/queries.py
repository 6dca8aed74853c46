"""The named Cypher queries in `cypher/`, loaded by name.

Each file holds one query. Its leading `//` lines are a header:

    // title: Pledges reaching each outcome
    // description: Which GRF pledges reach each MIRPS outcome through the chain.
    // param: framework string = mirps-rf | the framework whose outcomes to list
    // saved: true

`saved: true` marks the researcher-facing queries that the API lists and runs by
name; the others are used by the app itself. Values always travel as `$params`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"

_HEADER = re.compile(r"^//\s*(?P<key>[a-z_]+)\s*:\s*(?P<value>.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>string|int|float|bool|list)"
    r"(?:\s*=\s*(?P<default>[^|]*?))?\s*(?:\|\s*(?P<doc>.*))?$"
)
_NAME = re.compile(r"^[a-z0-9_]+$")
_PLACEHOLDER = re.compile(r"__[A-Za-z]+__")
_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class QueryParam:
    name: str
    type: str
    default: str | None
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    title: str = ""
    description: str = ""
    saved: bool = False
    params: tuple[QueryParam, ...] = field(default_factory=tuple)


class UnknownQuery(KeyError):
    """No file in cypher/ has that name."""


def _parse(name: str, text: str) -> NamedQuery:
    meta: dict[str, str] = {}
    params: list[QueryParam] = []
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        m = _HEADER.match(line.strip())
        if not m:
            continue
        key, value = m["key"], m["value"].strip()
        if key == "param":
            p = _PARAM.match(value)
            if not p:
                raise ValueError(f"cypher/{name}.cypher: bad param header {value!r}")
            default = p["default"].strip() if p["default"] is not None else None
            params.append(QueryParam(p["name"], p["type"], default, (p["doc"] or "").strip()))
        else:
            meta[key] = value
    return NamedQuery(
        name=name,
        text=text,
        title=meta.get("title", ""),
        description=meta.get("description", ""),
        saved=meta.get("saved", "").lower() == "true",
        params=tuple(params),
    )


@cache
def all_queries() -> dict[str, NamedQuery]:
    """Every query in cypher/, by file stem."""
    out: dict[str, NamedQuery] = {}
    for path in sorted(CYPHER_DIR.glob("*.cypher")):
        out[path.stem] = _parse(path.stem, path.read_text(encoding="utf-8"))
    return out


def query(name: str) -> str:
    """The text of the named query; `UnknownQuery` if there is none."""
    if not _NAME.match(name):
        raise UnknownQuery(name)
    try:
        return all_queries()[name].text
    except KeyError:
        raise UnknownQuery(name) from None


def saved_queries() -> list[NamedQuery]:
    """The researcher-facing queries, sorted by name."""
    return [q for q in all_queries().values() if q.saved]


def fill_template(query_name: str, /, **values: str) -> str:
    """The named query with each ``__key__`` replaced by a name (a label, a type, an index).

    Labels and relationship types cannot be Cypher parameters, so a few queries are templates.
    Callers pass names from the vocabulary's allow-lists (``allowed_label``, ``allowed_type``);
    this checks again (identifier characters only, every placeholder filled) so that a mistake
    can never put arbitrary text into Cypher.
    """
    text = query(query_name)
    for key, value in values.items():
        if not all(_IDENTIFIER.match(part) for part in value.split("|")):
            raise ValueError(f"{value!r} is not a plain Cypher name")
        placeholder = f"__{key}__"
        if placeholder not in text:
            raise ValueError(f"cypher/{query_name}.cypher has no placeholder {placeholder}")
        text = text.replace(placeholder, value)
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    left = _PLACEHOLDER.search(body)
    if left:
        raise ValueError(f"cypher/{query_name}.cypher: placeholder {left.group()} not filled")
    return text
