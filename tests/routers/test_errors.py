"""Errors every router shares: a database that cannot be reached is a 503, not a 500."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.database.connection import Connection
from app.main import create_app
from app.settings import Settings
from tests.support.neo4j_server import free_port


def test_database_down_gives_503_not_500(test_settings: Settings) -> None:
    nobody = Connection(
        uri=f"bolt://127.0.0.1:{free_port()}", user="neo4j", password="x", source="uri"
    )
    with TestClient(create_app(test_settings, nobody)) as c:
        for path in ["/api/frameworks", "/api/nodes/mirps.impact", "/api/search?q=work"]:
            r = c.get(path)
            assert r.status_code == 503, (path, r.text)
            assert r.json()["error"] == "database_unavailable"
