"""The real Neo4j the tests run against: a testcontainers container when a Docker engine
answers, otherwise the project's local server (instance `test`, its own ports and data).

Nothing here skips: when no server can be had, the session fixture raises and every
database test errors, so the suite fails.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from typing import Any

from app.database.connection import Connection
from app.database.docker_engine import docker_engine_available
from app.database.local_server import LocalNeo4j, docker_env_name, query_limits
from app.settings import Settings

NEO4J_IMAGE = "neo4j:5.26-community"
TEST_BOLT_PORT = int(os.environ.get("TOC_TEST_BOLT_PORT", "27687"))
TEST_HTTP_PORT = int(os.environ.get("TOC_TEST_HTTP_PORT", "27474"))
# Another instance name (and ports) lets two test runs share a machine without sharing data.
TEST_INSTANCE = os.environ.get("TOC_TEST_INSTANCE", "test")


def _progress(message: str) -> None:
    print(f"[test neo4j] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Neo4jUnderTest:
    """A server the tests may stop and start (to check how the app behaves meanwhile)."""

    kind: str
    connection: Connection
    local: LocalNeo4j | None = None
    container: Any = None
    started_here: bool = False
    _extra: dict[str, Any] = field(default_factory=dict)

    def stop(self) -> None:
        if self.local is not None:
            self.local.stop(_progress)
        else:
            self.container.get_wrapped_container().stop()

    def start(self) -> None:
        if self.local is not None:
            self.local.start(_progress)
        else:
            self.container.get_wrapped_container().start()
            _wait_bolt(self.connection)

    def close(self) -> None:
        if (
            self.local is not None
            and self.started_here
            and not os.environ.get("TOC_TEST_KEEP_SERVER")
        ):
            self.local.stop(_progress)
        if self.container is not None:
            self.container.stop()


def _wait_bolt(conn: Connection, timeout: float = 120) -> None:
    import time

    from neo4j import GraphDatabase
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    deadline = time.monotonic() + timeout
    while True:
        try:
            with GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password)) as d:
                d.verify_connectivity()
            return
        except (ServiceUnavailable, Neo4jError, OSError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def start_test_server(settings: Settings) -> Neo4jUnderTest:
    if docker_engine_available():
        from testcontainers.neo4j import Neo4jContainer

        # Fixed host ports, so that a stop/start of the container keeps the same address.
        bolt = free_port()
        container = Neo4jContainer(NEO4J_IMAGE).with_bind_ports(7687, bolt)
        for key, value in query_limits("1g").items():  # the bounds every server of ours has
            container = container.with_env(docker_env_name(key), value)
        container.start()
        conn = Connection(
            uri=container.get_connection_url(),
            user=container.username,
            password=container.password,
            source="docker",
        )
        return Neo4jUnderTest("docker", conn, container=container)

    local = LocalNeo4j(
        home=settings.local_home,
        instance=TEST_INSTANCE,
        bolt_port=TEST_BOLT_PORT,
        http_port=TEST_HTTP_PORT,
        heap="1g",
        pagecache="256m",
    )
    started_here = not local.running()
    conn = local.start(_progress, timeout=settings.local_start_timeout_s)
    return Neo4jUnderTest("local", conn, local=local, started_here=started_here)
