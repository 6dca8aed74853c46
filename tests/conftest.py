"""Shared fixtures: one real Neo4j for the session, a driver, the seeded graph, the app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver, GraphDatabase

from app.database.connection import Connection
from app.main import create_app
from app.settings import REPO_ROOT, Settings
from tests.neo4j_server import Neo4jUnderTest, start_test_server

SEED_DIR = REPO_ROOT / "seed"


class _DbState:
    """Whether the database currently holds exactly the seed graph."""

    seeded = False


@pytest.fixture(scope="session")
def test_settings() -> Settings:
    return Settings(_env_file=None)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def neo4j_server(test_settings: Settings) -> Iterator[Neo4jUnderTest]:
    try:
        server = start_test_server(test_settings)
    except Exception as e:  # a failure here must fail the suite, never skip it
        pytest.fail(f"no Neo4j server for the tests: {e}", pytrace=False)
    yield server
    server.close()


@pytest.fixture(scope="session")
def connection(neo4j_server: Neo4jUnderTest) -> Connection:
    return neo4j_server.connection


@pytest.fixture(scope="session")
def neo4j_driver(connection: Connection) -> Iterator[Driver]:
    with GraphDatabase.driver(connection.uri, auth=(connection.user, connection.password)) as d:
        d.verify_connectivity()
        yield d


@pytest.fixture
def empty_db(neo4j_driver: Driver) -> Driver:
    """An empty database (constraints and indexes may remain); the seed graph is gone."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    _DbState.seeded = False
    return neo4j_driver


@pytest.fixture
def seeded_db(neo4j_driver: Driver) -> Driver:
    """The database holding exactly the seed graph from seed/ (loaded once, reloaded after a test
    that emptied it)."""
    if not _DbState.seeded:
        from app.loader import load_seed

        neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
        load_seed(neo4j_driver, SEED_DIR)
        _DbState.seeded = True
    return neo4j_driver


def mark_dirty() -> None:
    """Call from a test that changed the seeded graph, so the next one reloads it."""
    _DbState.seeded = False


@pytest.fixture
def client(
    seeded_db: Driver, connection: Connection, test_settings: Settings
) -> Iterator[TestClient]:
    app = create_app(test_settings, connection)
    with TestClient(app) as c:
        yield c


@pytest.fixture
def bare_client(connection: Connection, test_settings: Settings) -> Iterator[TestClient]:
    """The app against the test server, whatever the database holds."""
    app = create_app(test_settings, connection)
    with TestClient(app) as c:
        yield c


def seed_docs_dir() -> Path:
    import os

    return Path(os.environ.get("TOC_SEED_DOCS", REPO_ROOT.parent / "shared" / "seeds"))
