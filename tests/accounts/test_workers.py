"""Several uvicorn worker processes sharing one SQLite account store (WAL): signing in,
sessions, token use, token revocation and the throttle hold across processes, and concurrent
writers never fail with "database is locked"."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from app.accounts import api_tokens, users
from app.accounts.roles import Role
from app.accounts.store import AccountStore
from app.database.connection import Connection
from app.settings import REPO_ROOT
from tests.support.accounts import TESTS
from tests.support.neo4j_server import free_port

pytestmark = pytest.mark.slow
WORKERS = 3
PASSWORD = "workers share this one"


@pytest.fixture
def served(tmp_path: Path, connection: Connection) -> Iterator[tuple[str, AccountStore]]:
    url = f"sqlite:///{tmp_path}/accounts.sqlite"
    store = AccountStore(url)
    for i in range(4):
        users.add(store, f"w{i}", Role.RESEARCHER, PASSWORD, TESTS)
    port = free_port()
    env = {
        **os.environ,
        "TOC_ACCOUNTS_URL": url,
        "TOC_NEO4J_MODE": "uri",
        "TOC_NEO4J_URI": connection.uri,
        "TOC_NEO4J_USER": connection.user,
        "TOC_NEO4J_PASSWORD": connection.password,
        "PYTHONPATH": str(REPO_ROOT),
    }
    cmd = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory",
           "--host", "127.0.0.1", "--port", str(port), "--workers", str(WORKERS)]  # fmt: skip
    log = (tmp_path / "uvicorn.log").open("wb")
    proc = subprocess.Popen(cmd, env=env, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(base + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.3)
        yield base, store
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
        store.dispose()
        logged = (tmp_path / "uvicorn.log").read_text(errors="replace")
        assert "database is locked" not in logged and "Traceback" not in logged, logged[-3000:]


@pytest.fixture
def clients() -> Iterator[list[httpx.Client]]:
    made: list[httpx.Client] = []
    yield made
    for c in made:
        c.close()


def _signed_in(base: str, name: str, clients: list[httpx.Client]) -> httpx.Client:
    c = httpx.Client(base_url=base, timeout=30)
    clients.append(c)
    c.get("/login")
    c.headers["x-csrftoken"] = c.cookies["csrftoken"]
    r = c.post("/auth/login", json={"name": name, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return c


def test_sessions_tokens_and_writes_hold_across_worker_processes(
    served: tuple[str, AccountStore], clients: list[httpx.Client]
) -> None:
    base, store = served
    people = [_signed_in(base, f"w{i}", clients) for i in range(4)]
    script = httpx.Client(base_url=base, timeout=30)
    clients.append(script)
    tokens = [api_tokens.create(store, f"w{i}", "load", None, None, TESTS)[0] for i in range(4)]

    def one(i: int) -> tuple[int, ...]:
        person = people[i % 4]
        bearer = {"Authorization": f"Bearer {tokens[i % 4]}"}
        made = person.post("/auth/tokens", json={"name": f"t{i}"})  # a write, from any worker
        return (
            person.get("/auth/me").status_code,
            script.get("/auth/me", headers=bearer).status_code,
            made.status_code,
            person.delete(f"/auth/tokens/{made.json()['id']}").status_code,
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(one, range(48)))
    assert set(answers) == {(200, 200, 201, 204)}
    # Each request may land on any worker: every one of them knows every session and token.
    for person in people:
        assert {person.get("/auth/me").json()["via"] for _ in range(12)} == {"session"}
    # A revoked token is refused at once, whichever worker answers next.
    token, info = api_tokens.create(store, "w0", "revoke me", None, None, TESTS)
    bearer = {"Authorization": f"Bearer {token}"}
    assert script.get("/auth/me", headers=bearer).json()["via"] == "token"
    assert people[0].delete(f"/auth/tokens/{info.id}").status_code == 204
    assert {script.get("/auth/me", headers=bearer).status_code for _ in range(12)} == {401}
    # The throttle counts across workers too.
    stranger = httpx.Client(base_url=base, timeout=30)
    clients.append(stranger)
    stranger.get("/login")
    stranger.headers["x-csrftoken"] = stranger.cookies["csrftoken"]
    codes = [
        stranger.post("/auth/login", json={"name": "w3", "password": f"no {i}"}).status_code
        for i in range(10)
    ]
    assert codes == [401] * 9 + [429]
