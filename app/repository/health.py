"""What the server says about itself."""

from __future__ import annotations

from neo4j import Driver
from pydantic import BaseModel

from app.queries import query


class ServerInfo(BaseModel):
    name: str
    version: str
    edition: str


def server_info(driver: Driver, database: str, timeout_s: float) -> ServerInfo:
    # An auto-commit run, not a managed transaction: a health check must fail fast, never retry.
    with driver.session(database=database, default_access_mode="READ") as session:
        record = session.run(query("server_components"), timeout=timeout_s).single(strict=True)
        return ServerInfo(name=record["name"], version=record["version"], edition=record["edition"])
