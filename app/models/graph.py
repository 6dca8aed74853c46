"""The graph payload the API answers with: defined once, in :mod:`graph.payload`."""

from graph.payload import GraphEdge, GraphMeta, GraphNode, GraphPayload

__all__ = ["GraphEdge", "GraphMeta", "GraphNode", "GraphPayload"]
