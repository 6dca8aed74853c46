"""The OpenAPI document of the whole API."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in [
        "/health", "/api/frameworks", "/api/nodes/{node_id}", "/api/search",
        "/api/pathways/{node_id}/upstream", "/api/pathways/between", "/api/gaps",
        "/api/analysis/centrality",
    ]:  # fmt: skip
        assert path in spec["paths"], path
