"""The FastAPI application: one driver per process, opened and closed in the lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from app import pages
from app.accounts.web import install_accounts
from app.console import router as console
from app.console import saved as saved_queries
from app.database.connection import Connection
from app.database.provider import resolve_for_app
from app.error_handlers import install_handlers
from app.repository.base import Db
from app.routers import analysis, exports, frameworks, gaps, health, nodes, pathways, search
from app.settings import Settings, get_settings

log = logging.getLogger("toc.app")


def create_app(settings: Settings | None = None, connection: Connection | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        conn = connection or resolve_for_app(settings)
        driver = GraphDatabase.driver(
            conn.uri,
            auth=(conn.user, conn.password),
            connection_timeout=settings.neo4j_connect_timeout_s,
            # A request should not wait long for a pooled connection while the server is down.
            connection_acquisition_timeout=settings.neo4j_connect_timeout_s * 2,
            max_transaction_retry_time=settings.neo4j_connect_timeout_s,
        )
        try:
            driver.verify_connectivity()
            log.info("connected to Neo4j at %s", conn.describe())
        except AuthError:
            driver.close()
            raise
        except (DriverError, Neo4jError, OSError) as e:
            # Start anyway: /health answers 503 and recovers once the server is back.
            log.warning("Neo4j at %s is not reachable yet: %s", conn.describe(), e)
        app.state.db = Db(driver, settings.neo4j_database)
        app.state.connection = conn
        try:
            yield
        finally:
            driver.close()

    app = FastAPI(
        title="Theory-of-change explorer",
        description=(
            "Results chains, actors, pledges and indicators on refugees' and migrants' jobs and "
            "livelihoods, from five regional documents, in Neo4j."
        ),
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    install_handlers(app)
    install_accounts(app, settings)
    app.include_router(health.router)
    for router in (frameworks, nodes, search, pathways, gaps, analysis, exports):
        app.include_router(router.router, prefix="/api")
    app.include_router(console.router, prefix="/api")
    app.include_router(saved_queries.router, prefix="/api")
    app.include_router(pages.router)
    return app
