"""The account store: accounts, sessions, API tokens, failed sign-ins and the audit log, in a
SQL database reached through SQLAlchemy Core, never in Neo4j (the console reads all of it).

SQLite by default, one file beside the local database's credentials, in WAL mode so that
several uvicorn workers share it (readers never wait; a writer takes the lock at the start of
its transaction, ``BEGIN IMMEDIATE``, and waits up to ``busy_timeout`` for another). For
several app servers, any SQLAlchemy URL that all of them reach (``postgresql+psycopg://...``).
The schema is created on first use, idempotently; every process may race to do it.

Secrets are never stored: sessions and tokens by the SHA-256 of their random value, passwords
by Argon2id (:mod:`app.accounts.passwords`).
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    insert,
    inspect,
    select,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

metadata = MetaData()
_SECRET_KEY = "signing_secret"

accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("password_set_at", Float, nullable=False),
    Column("last_sign_in_at", Float),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("last_seen_at", Float, nullable=False),
    Column("address", String(64)),
    Index("sessions_by_account", "account_id"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),  # shown in lists, to tell tokens apart
    Column("role", String(16), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("expires_at", Float),
    Column("last_used_at", Float),
    Index("api_tokens_by_account", "account_id"),
)

failed_sign_ins = Table(
    "failed_sign_ins",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False),  # "account:NAME" or "address:IP"
    Column("at", Float, nullable=False),
    Index("failed_sign_ins_by_key", "key", "at"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", Float, nullable=False),
    Column("event", String(40), nullable=False),
    Column("account", String(64)),  # whose account the event is about
    Column("actor", String(100)),  # who did it: an account, "cli:USER", or nobody
    Column("address", String(64)),
    Column("detail", Text),
    Index("audit_log_by_time", "at"),
)

settings_table = Table(
    "store_settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _: Any) -> None:
        # Let SQLAlchemy's "begin" below open transactions, not the sqlite3 module.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Connection) -> None:
        # A write transaction takes the write lock at once: a deferred one that reads first
        # could fail with "database is locked" when it tries to write after another did.
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class AccountStore:
    """One engine per process; ``read()`` and ``write()`` open a transaction each."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        self.url = url
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            path = Path(parsed.database)
            path.parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_engine(url, future=True)
        if self.is_sqlite:
            _sqlite_pragmas(self.engine)
        self._ready = False
        self._lock = threading.Lock()
        self._secret: str | None = None

    def describe(self) -> str:
        """Where the store is, with no password."""
        return make_url(self.url).render_as_string(hide_password=True)

    def _ensure_schema(self) -> None:
        if self._ready:
            return
        with self._lock:
            if not self._ready:
                try:
                    with self.write_connection() as conn, conn.begin():
                        metadata.create_all(conn, checkfirst=True)
                except SQLAlchemyError:
                    # Several servers starting at once on one PostgreSQL: another one may have
                    # made the tables between our check and our CREATE. Fine if they are there.
                    if not set(metadata.tables) <= set(inspect(self.engine).get_table_names()):
                        raise
                if self.is_sqlite:
                    self._restrict_file()
                self._ready = True

    def _restrict_file(self) -> None:
        database = make_url(self.url).database
        if database and database != ":memory:":
            for suffix in ("", "-wal", "-shm"):
                file = Path(database + suffix)
                if file.exists():
                    file.chmod(0o600)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        self._ensure_schema()
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def write_connection(self) -> Connection:
        return self.engine.connect().execution_options(immediate=True)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        self._ensure_schema()
        with self.write_connection() as conn, conn.begin():
            yield conn

    def signing_secret(self) -> str:
        """A random secret made once per store and shared by every process that uses it (the
        CSRF token's signature): no setting to keep equal across workers and servers."""
        if self._secret is None:
            found = self._stored_secret()
            if found is None:
                try:
                    with self.write() as conn:
                        conn.execute(
                            insert(settings_table).values(
                                key=_SECRET_KEY, value=secrets.token_urlsafe(48)
                            )
                        )
                except IntegrityError:  # another process made it first: use theirs
                    pass
                found = self._stored_secret()
            assert found is not None
            self._secret = found
        return self._secret

    def _stored_secret(self) -> str | None:
        with self.read() as conn:
            query = select(settings_table.c.value).where(settings_table.c.key == _SECRET_KEY)
            return conn.execute(query).scalar_one_or_none()

    def dispose(self) -> None:
        self.engine.dispose()
