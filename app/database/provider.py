"""Decide where Neo4j comes from: a given URI, then Docker, then a local server."""

from __future__ import annotations

from app.database.connection import Connection
from app.database.docker_engine import docker_engine_available
from app.database.local_server import LocalNeo4j, Progress, missing_tools
from app.settings import Settings


class NoNeo4jAvailable(RuntimeError):
    """None of the three ways to get a Neo4j server works on this machine."""


# Each instance gets its own ports so dev, test and bench servers can run side by side.
INSTANCE_PORT_OFFSET = {"dev": 0, "test": 10_000, "bench": 20_000}


def local_server(settings: Settings, instance: str = "dev") -> LocalNeo4j:
    offset = INSTANCE_PORT_OFFSET[instance]
    return LocalNeo4j(
        home=settings.local_home,
        instance=instance,
        bolt_port=settings.local_bolt_port + offset,
        http_port=settings.local_http_port + offset,
        heap=settings.local_heap,
        pagecache=settings.local_pagecache,
    )


def configured_connection(settings: Settings) -> Connection | None:
    """The user's own server, when a URI is configured."""
    if not settings.neo4j_uri:
        return None
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
    return Connection(
        uri=settings.neo4j_uri,
        user=settings.neo4j_user,
        password=password,
        source="uri",
        database=settings.neo4j_database,
    )


def choose_mode(settings: Settings) -> str:
    """`uri`, `docker` or `local`; raises NoNeo4jAvailable with what to install."""
    if settings.neo4j_mode != "auto":
        return settings.neo4j_mode
    if settings.neo4j_uri:
        return "uri"
    if docker_engine_available():
        return "docker"
    server = local_server(settings)
    missing = missing_tools(need_maven=not server.installed())
    if missing:
        raise NoNeo4jAvailable(
            "No Neo4j server can be provided on this machine. Any one of these is enough:\n"
            "  1. a running Neo4j 5: set TOC_NEO4J_URI, TOC_NEO4J_USER, TOC_NEO4J_PASSWORD "
            "(environment or .env);\n"
            "  2. a Docker engine (then `docker compose up` runs neo4j:5.26-community);\n"
            "  3. the local server from Maven Central, which needs: " + "; ".join(missing) + "."
        )
    return "local"


def resolve_for_app(settings: Settings) -> Connection:
    """How the web app reaches Neo4j: the configured URI, else the local dev server's credentials.

    The app never starts a server itself: `toc up` / `toc db start` / compose do that.
    """
    conn = configured_connection(settings)
    if conn is not None:
        return conn
    server = local_server(settings)
    if server.password() is None:
        raise NoNeo4jAvailable(
            "no Neo4j configured: set TOC_NEO4J_URI (and user/password), "
            "or run `toc db start` to start the local server"
        )
    return server.connection()


def start_local(settings: Settings, progress: Progress, instance: str = "dev") -> Connection:
    return local_server(settings, instance).start(progress, timeout=settings.local_start_timeout_s)
