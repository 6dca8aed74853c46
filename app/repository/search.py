"""Full-text search over names and texts (Neo4j's full-text index), with the matched snippet."""

from __future__ import annotations

import re

from neo4j import ManagedTransaction
from pydantic import BaseModel

from app.models.graph import GraphNode
from app.repository.base import Db, fetch
from app.repository.payload import to_graph_node

SEARCHED = ("name", "text", "objective", "quote")
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


class SearchHit(BaseModel):
    node: GraphNode
    score: float
    field: str
    snippet: str


def lucene_query(text: str) -> str:
    """User words as a Lucene query: special characters escaped, every word optional, prefix
    matching on the last one so a search box can search as one types."""
    words = [_LUCENE_SPECIAL.sub(r"\\\1", w) for w in text.split()]
    words = [w for w in words if w and w.upper() not in {"AND", "OR", "NOT", "TO"}]
    if not words:
        return ""
    last = words[-1]
    return " ".join([*words[:-1], f"({last} OR {last}*)"])


def snippet(props: dict[str, object], terms: list[str], width: int = 160) -> tuple[str, str]:
    """The field and the stretch of its text around the first matched term, the term in [[...]]."""
    lowered = [t.lower() for t in terms if t]
    for field in SEARCHED:
        value = props.get(field)
        if not isinstance(value, str):
            continue
        low = value.lower()
        hits = [(low.find(t), t) for t in lowered if low.find(t) >= 0]
        if not hits:
            continue
        pos, term = min(hits)
        start = max(0, pos - width // 2)
        end = min(len(value), pos + len(term) + width // 2)
        text = value[start:pos] + "[[" + value[pos : pos + len(term)] + "]]"
        text += value[pos + len(term) : end]
        return field, ("…" if start else "") + text + ("…" if end < len(value) else "")
    name = props.get("name")
    return "name", str(name)[:width] if name else ""


def search(db: Db, text: str, limit: int, offset: int) -> list[SearchHit]:
    q = lucene_query(text)
    if not q:
        return []
    terms = [w.strip("*?\"'") for w in text.split()]

    def work(tx: ManagedTransaction) -> list[SearchHit]:
        hits = []
        for rec in fetch(tx, "search_fulltext", q=q, limit=limit, offset=offset):
            node = to_graph_node(rec["node"])
            props = {**node.properties, "name": node.name}
            field, snip = snippet(props, terms)
            hits.append(SearchHit(node=node, score=float(rec["score"]), field=field, snippet=snip))
        return hits

    return db.read(work)
