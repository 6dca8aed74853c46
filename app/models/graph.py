"""The graph payload every view and export takes as is (see docs/schema.md)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class GraphNode(BaseModel):
    id: str
    label: str = Field(description="the node's label: Result, Actor, Pledge, ...")
    level: str | None = Field(default=None, description="results-chain level, for Result nodes")
    name: str = ""
    framework: str | None = None
    properties: dict[str, Any] = Field(default_factory=dict)


class GraphEdge(BaseModel):
    id: str
    source: str
    target: str
    type: str
    properties: dict[str, Any] = Field(default_factory=dict)


class GraphMeta(BaseModel):
    query: str = ""
    params: dict[str, Any] = Field(default_factory=dict)
    truncated: bool = False
    message: str | None = None
    extra: dict[str, Any] = Field(default_factory=dict)


class GraphPayload(BaseModel):
    nodes: list[GraphNode] = Field(default_factory=list)
    edges: list[GraphEdge] = Field(default_factory=list)
    meta: GraphMeta = Field(default_factory=GraphMeta)

    def node_ids(self) -> set[str]:
        return {n.id for n in self.nodes}
