"""What the server says about itself."""

from __future__ import annotations

from neo4j.exceptions import DriverError, Neo4jError
from pydantic import BaseModel

from app.errors import DatabaseUnavailable
from app.queries import query
from app.repository.base import Db


class ServerInfo(BaseModel):
    name: str
    version: str
    edition: str


def server_info(db: Db, timeout_s: float) -> ServerInfo:
    """Name, version and edition; ``DatabaseUnavailable`` at once when Neo4j does not answer."""
    try:
        # An auto-commit run, not a managed transaction: a health check must fail fast, never
        # retry.
        with db.session() as session:
            query_text = query("server_components")
            record = session.run(query_text, timeout=timeout_s).single(strict=True)
    except (DriverError, Neo4jError, OSError) as e:
        raise DatabaseUnavailable(str(e)) from e
    return ServerInfo(name=record["name"], version=record["version"], edition=record["edition"])
