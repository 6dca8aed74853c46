"""Hostile: account data (password hashes, API tokens, session ids, the audit log, the CSRF
signing secret) cannot be read through anything the explorer offers: the Cypher console and
the saved queries (whatever the query), the exports and the backup, the error answers and
pages, and the log. It lives in the account store, which nothing but app/accounts reaches."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from sqlalchemy import select

from app.accounts import users
from app.accounts.roles import Role
from app.accounts.store import accounts, audit_log
from app.accounts.web.context import CSRF_COOKIE, SESSION_COOKIE
from app.database.connection import Connection
from app.main import create_app
from app.queries import saved_queries
from app.settings import Settings
from tests.support.accounts import TESTS

NAME = "zz-probe-7f3a"
PASSWORD = "Probe-Password-9c1e-correct"


class Secrets:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def add(self, what: str, value: str) -> None:
        self.values[what] = value

    def found_in(self, text: str) -> list[str]:
        return [what for what, value in self.values.items() if value and value in text]


@pytest.fixture
def probe(
    tmp_path: Path, test_settings: Settings, connection: Connection, seeded_db: Driver
) -> Iterator[tuple[TestClient, TestClient, Secrets]]:
    """An app whose store holds a marked account that signed in (once wrongly), made a token
    and has a session; and a researcher's client of the same app to go looking for them."""
    settings = test_settings.model_copy(
        update={"accounts_url": f"sqlite:///{tmp_path}/accounts.sqlite"}
    )
    app = create_app(settings, connection)
    store = app.state.accounts.store
    users.add(store, NAME, Role.RESEARCHER, PASSWORD, TESTS)
    secrets = Secrets()
    with TestClient(app) as person:
        person.get("/login")
        person.headers["x-csrftoken"] = person.cookies[CSRF_COOKIE]
        wrong = person.post("/auth/login", json={"name": NAME, "password": PASSWORD + "x"})
        assert wrong.status_code == 401
        assert person.post("/auth/login", json={"name": NAME, "password": PASSWORD}).is_success
        made = person.post("/auth/tokens", json={"name": "probe token"}).json()
        session_id = person.cookies[SESSION_COOKIE]
        with store.read() as conn:
            password_hash = conn.execute(
                select(accounts.c.password_hash).where(accounts.c.name == NAME)
            ).scalar_one()
            assert conn.execute(select(audit_log)).all()  # there is an audit log to find
        secrets.add("password", PASSWORD)
        secrets.add("password hash", password_hash)
        secrets.add("argon2 hash", "$argon2")
        secrets.add("token", made["token"])
        secrets.add("token digest", hashlib.sha256(made["token"].encode()).hexdigest())
        secrets.add("session id", session_id)
        secrets.add("session digest", hashlib.sha256(session_id.encode()).hexdigest())
        secrets.add("signing secret", store.signing_secret())
        secrets.add("account name (audit log)", NAME)
        secrets.add("token name", "probe token")
        researcher = TestClient(app, headers={"Authorization": f"Bearer {made['token']}"})
        yield person, researcher, secrets


# Every answer must be whole (not cut at the row cap), so the scans collect into one row.
HOSTILE_QUERIES = [
    "MATCH (n) RETURN collect(n) AS everything",
    "MATCH (n) RETURN collect([labels(n), properties(n)]) AS everything",
    "MATCH ()-[r]->() RETURN collect([type(r), properties(r)]) AS everything",
    "MATCH (n) UNWIND keys(n) AS key RETURN DISTINCT key",
    "MATCH (n) UNWIND keys(n) AS key WITH n, key WHERE toString(n[key]) CONTAINS 'argon2' "
    "OR toString(n[key]) CONTAINS 'toc_' RETURN n, key",
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey",
    "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType",
    "CALL db.schema.visualization()",
    "CALL db.labels() YIELD label CALL (label) { MATCH (n) WHERE label IN labels(n) "
    "RETURN collect(properties(n)) AS props } RETURN label, props",
    *(
        f"MATCH (n:{label}) RETURN n"
        for label in ["Account", "User", "Session", "Token", "ApiToken", "Audit", "AuditLog"]
    ),
    "SHOW USERS",
    "USE system SHOW USERS",
    "CALL dbms.security.listUsers()",
    "SHOW DATABASES",
    "LOAD CSV FROM 'file:///accounts.sqlite' AS row RETURN row",
    "CALL apoc.load.json('file:///accounts.sqlite')",
]


def test_the_console_and_saved_queries_find_no_account_data(
    probe: tuple[TestClient, TestClient, Secrets],
) -> None:
    _, researcher, secrets = probe
    seen: list[str] = []
    for query in HOSTILE_QUERIES:
        r = researcher.post("/api/console", json={"query": query})
        assert r.status_code in (200, 400), (query, r.text)
        assert r.status_code != 200 or r.json()["truncated"] is False, query
        seen.append(r.text)
    labels = researcher.post("/api/console", json={"query": HOSTILE_QUERIES[5]}).json()["rows"]
    for (label,) in labels:  # every label there is, scanned whole
        query = f"MATCH (n:`{label}`) RETURN collect(n) AS nodes"
        r = researcher.post("/api/console", json={"query": query})
        assert r.status_code == 200 and not r.json()["truncated"], label
        seen.append(r.text)
    for named in saved_queries():
        r = researcher.post(f"/api/queries/{named.name}/run", json={"params": {}})
        seen.append(r.text)
    text = "\n".join(seen)
    assert secrets.found_in(text) == []


def test_exports_and_the_backup_hold_no_account_data(
    probe: tuple[TestClient, TestClient, Secrets],
) -> None:
    _, researcher, secrets = probe
    backup = researcher.get("/api/export/backup")
    assert backup.status_code == 200
    seen = [backup.text]
    for framework in researcher.get("/api/frameworks").json():
        for fmt in ("json", "graphml", "csv"):
            r = researcher.get(f"/api/export/framework/{framework['id']}", params={"format": fmt})
            assert r.status_code == 200
            seen.append(r.content.decode("utf-8", "replace"))
    seen.append(researcher.get("/api/export/cross", params={"format": "json"}).text)
    seen.append(researcher.get("/api/nodes", params={"limit": 500}).text)
    seen.append(researcher.get("/api/search", params={"q": NAME}).text)
    assert secrets.found_in("\n".join(seen)) == []


def test_error_answers_and_pages_hold_no_account_data(
    probe: tuple[TestClient, TestClient, Secrets],
) -> None:
    person, researcher, secrets = probe
    seen: list[str] = []
    wrong = person.post("/auth/login", json={"name": NAME, "password": PASSWORD[:-1]})
    seen.append(wrong.text)
    seen.append(person.post("/auth/login", json={"name": NAME, "password": 5}).text)
    seen.append(person.post("/auth/login", json={"name": NAME, "pw": PASSWORD}).text)
    seen.append(person.post("/auth/login", content=b"{not json").text)
    seen.append(person.get("/no/such/page", headers={"accept": "text/html"}).text)
    seen.append(person.get("/admin", headers={"accept": "text/html"}).text)
    seen.append(person.post("/auth/tokens", json={"name": "x", "role": "admin"}).text)
    seen.append(researcher.get("/api/admin/audit").text)
    seen.append(researcher.get("/api/frameworks", headers={"Authorization": "Bearer x"}).text)
    seen.append(researcher.post("/api/console", json={"query": "MATCH (n) RETURN n["}).text)
    text = "\n".join(seen)
    # The error for the malformed sign-in names the field but never echoes the password.
    found = secrets.found_in(text)
    assert found in ([], ["account name (audit log)"]), found
    assert PASSWORD not in text and PASSWORD[:-1] not in text


def test_the_log_holds_no_password_token_or_session(
    probe: tuple[TestClient, TestClient, Secrets],
    caplog: pytest.LogCaptureFixture,
) -> None:
    person, researcher, secrets = probe
    with caplog.at_level(logging.DEBUG):
        for _ in range(10):  # failures, then the throttle's warning
            person.post("/auth/login", json={"name": NAME, "password": PASSWORD + "!"})
        researcher.get("/api/frameworks")
        researcher.post("/api/console", json={"query": "RETURN 1"})
        person.get("/account")
        person.post("/auth/tokens", json={"name": "another"})
        person.post("/auth/logout")
    text = caplog.text + "\n".join(str(r.args) for r in caplog.records)
    assert "throttled" in text  # the log was captured
    leaked = [w for w in secrets.found_in(text) if w not in ("account name (audit log)",)]
    assert leaked == []
