"""Running named queries: read transactions, one place for the database name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from neo4j import Driver, ManagedTransaction, Record

from app.queries import query

T = TypeVar("T")


class NotFound(LookupError):
    """The id names no node."""

    def __init__(self, what: str, key: str) -> None:
        super().__init__(f"no {what} with id {key!r}")
        self.what = what
        self.key = key


def read(driver: Driver, database: str, work: Callable[[ManagedTransaction], T]) -> T:
    with driver.session(database=database, default_access_mode="READ") as session:
        return session.execute_read(work)


def fetch(tx: ManagedTransaction, name: str, **params: Any) -> list[Record]:
    return list(tx.run(query(name), params))


def fetch_one(tx: ManagedTransaction, name: str, **params: Any) -> Record | None:
    return tx.run(query(name), params).single()
