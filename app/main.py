"""The FastAPI application: one driver per process, opened and closed in the lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from app import pages
from app.accounts.web import install_accounts
from app.body_limit import BodySizeLimit
from app.body_text import LoneSurrogates
from app.console import router as console
from app.console import saved as saved_queries
from app.console.pool import ConsoleWorkers
from app.console.worker import Target
from app.database.connection import Connection
from app.database.provider import resolve_for_app
from app.error_handlers import install_handlers
from app.openapi import install_openapi
from app.pages.security import SecurityHeadersMiddleware
from app.repository.base import Db
from app.routers import analysis, exports, frameworks, gaps, health, nodes, pathways, search
from app.settings import Settings, get_settings

log = logging.getLogger("toc.app")


def console_workers(settings: Settings, conn: Connection) -> ConsoleWorkers:
    """The console's own worker processes, each with a driver of its own (started on first use)."""
    target = Target(
        uri=conn.uri,
        user=conn.user,
        password=conn.password,
        database=settings.neo4j_database,
        connect_timeout_s=settings.neo4j_connect_timeout_s,
        memory_bytes=settings.console_worker_memory_mb * 1024 * 1024,
    )
    return ConsoleWorkers(
        target,
        workers=settings.console_workers,
        queue_s=settings.console_queue_s,
        queue_max=settings.console_queue_max,
        grace_s=settings.console_grace_s,
    )


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
        app.state.console_workers = console_workers(settings, conn)
        try:
            yield
        finally:
            app.state.console_workers.close()
            driver.close()

    app = FastAPI(
        title="Theory-of-change explorer",
        description=(
            "Results chains, actors, pledges and indicators on refugees' and migrants' jobs and "
            "livelihoods, from five regional documents, in Neo4j."
        ),
        version="0.1.0",
        lifespan=lifespan,
        # /docs is served by app.pages.docs from local files (no CDN); ReDoc is not offered.
        docs_url=None,
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
    )
    app.state.settings = settings
    install_handlers(app)
    # The document is built on first use; the accounts wrap it with their security schemes.
    install_openapi(app)
    install_accounts(app, settings)
    app.include_router(health.router)
    for router in (frameworks, nodes, search, pathways, gaps, analysis, exports):
        app.include_router(router.router, prefix="/api")
    app.include_router(console.router, prefix="/api")
    app.include_router(saved_queries.router, prefix="/api")
    app.include_router(pages.router)
    # The last added runs first. A foreign Host header (DNS rebinding) is refused before the
    # accounts' gate and any route; every answer, the body bound's 413 included, gets the
    # security headers.
    app.add_middleware(
        TrustedHostMiddleware, allowed_hosts=settings.trusted_hosts(), www_redirect=False
    )
    app.add_middleware(LoneSurrogates)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
