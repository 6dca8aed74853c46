"""The app reports the real server, answers 503 while it is down, and recovers by itself."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient
from neo4j import Driver

from app.database.connection import Connection
from app.database.local_server import pinned_version
from app.main import create_app
from app.settings import Settings
from tests.support.neo4j_server import Neo4jUnderTest, free_port


def test_health_reports_the_real_server(bare_client: TestClient, neo4j_driver: Driver) -> None:
    records, _, _ = neo4j_driver.execute_query(
        "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS v, edition"
    )
    r = bare_client.get("/health")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "ok"
    assert body["neo4j_version"] == records[0]["v"]
    assert body["neo4j_edition"] == records[0]["edition"] == "community"
    assert body["neo4j_version"].startswith("5.26")


def test_local_server_runs_the_pinned_version(
    neo4j_server: Neo4jUnderTest, bare_client: TestClient
) -> None:
    if neo4j_server.kind == "local":
        assert bare_client.get("/health").json()["neo4j_version"] == pinned_version()
    else:
        assert neo4j_server.kind == "docker"


def test_app_starts_while_database_is_down_and_says_so(test_settings: Settings) -> None:
    nobody = Connection(
        uri=f"bolt://127.0.0.1:{free_port()}", user="neo4j", password="x", source="uri"
    )
    with TestClient(create_app(test_settings, nobody)) as c:
        started = time.monotonic()
        r = c.get("/health")
        assert time.monotonic() - started < 3
    assert r.status_code == 503
    assert r.json()["error"] == "database_unavailable"
    assert "Neo4j cannot be reached" in r.json()["detail"]


def test_outage_gives_503_then_recovers_without_restart_and_keeps_data(
    neo4j_server: Neo4jUnderTest, bare_client: TestClient, neo4j_driver: Driver
) -> None:
    neo4j_driver.execute_query("MERGE (:OutageProbe {id: 'kept-across-restart'})")
    assert bare_client.get("/health").status_code == 200

    neo4j_server.stop()
    try:
        started = time.monotonic()
        r = bare_client.get("/health")
        elapsed = time.monotonic() - started
        assert r.status_code == 503, r.text
        assert elapsed < 2.5, f"503 took {elapsed:.1f}s"
        assert r.json()["status"] == "unavailable"
    finally:
        neo4j_server.start()

    deadline = time.monotonic() + 30
    while (r := bare_client.get("/health")).status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert r.status_code == 200, r.text
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (p:OutageProbe {id: 'kept-across-restart'}) DETACH DELETE p RETURN count(*) AS n"
    )
    assert records[0]["n"] == 1
