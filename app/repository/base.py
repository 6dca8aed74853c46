"""The database handle every repository function takes, and running named queries with it.

A ``Db`` is the process's one driver plus the database name: one value instead of
``driver, database`` threaded through every call. Reads go through :meth:`Db.read` (a READ
session, so a cluster routes them to a reader), writes through :meth:`Db.write`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, ManagedTransaction, Record, Session

from app.queries import query

T = TypeVar("T")


@dataclass(frozen=True)
class Db:
    """The driver and the database every query of a request runs against."""

    driver: Driver
    database: str | None = None

    def session(self, *, write: bool = False, **config: Any) -> Session:
        mode = WRITE_ACCESS if write else READ_ACCESS
        return self.driver.session(database=self.database, default_access_mode=mode, **config)

    def read(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Run ``work`` in a managed read transaction (retried on transient failures)."""
        with self.session() as session:
            return session.execute_read(work)

    def write(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Run ``work`` in a managed write transaction: it commits whole or not at all."""
        with self.session(write=True) as session:
            return session.execute_write(work)

    def execute(self, text: str, params: dict[str, Any] | None = None) -> list[Record]:
        """One auto-committed statement (schema changes, which cannot share a transaction)."""
        records, _, _ = self.driver.execute_query(text, params or {}, database_=self.database)
        return records


def fetch(tx: ManagedTransaction, name: str, **params: Any) -> list[Record]:
    """Every record of the named query in ``cypher/``."""
    return list(tx.run(query(name), params))


def fetch_one(tx: ManagedTransaction, name: str, **params: Any) -> Record | None:
    """The one record of the named query, or None."""
    return tx.run(query(name), params).single()
