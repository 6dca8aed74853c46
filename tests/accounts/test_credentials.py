"""Signing in, sessions, API tokens, CSRF and the sign-in throttle, through HTTP against the
real app; two app instances sharing one store stand for two workers or two servers."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from sqlalchemy import update

from app.accounts import users
from app.accounts.roles import Role
from app.accounts.store import sessions
from app.accounts.web.context import CSRF_COOKIE, SESSION_COOKIE
from app.database.connection import Connection
from app.main import create_app
from app.settings import Settings
from tests.support.accounts import TESTS

PASSWORD = "a sturdy passphrase"


def _browser(app: Any, base_url: str = "http://testserver") -> TestClient:
    """A client that behaves like the pages: loads one first, then sends the CSRF header.
    The app's lifespan runs once, with the fixture's first client (``_start``); the others
    share the app as it is."""
    c = TestClient(app, base_url=base_url)
    c.get("/login")
    c.headers["x-csrftoken"] = c.cookies[CSRF_COOKIE]
    return c


@pytest.fixture
def own_store(tmp_path: Path, test_settings: Settings) -> Settings:
    """Settings with an account store of the test's own (throttle counters start at zero)."""
    return test_settings.model_copy(update={"accounts_url": f"sqlite:///{tmp_path}/a.sqlite"})


@pytest.fixture
def two_apps(
    own_store: Settings, connection: Connection, seeded_db: Driver
) -> Iterator[tuple[Any, Any]]:
    """Two app instances (two workers, or two servers) sharing one account store, started."""
    first, second = create_app(own_store, connection), create_app(own_store, connection)
    store = first.state.accounts.store
    users.add(store, "alice", Role.RESEARCHER, PASSWORD, TESTS)
    with TestClient(first), TestClient(second):
        yield first, second


def _sign_in(c: TestClient, name: str = "alice", password: str = PASSWORD) -> Any:
    return c.post("/auth/login", json={"name": name, "password": password})


# -- sessions ------------------------------------------------------------------------------


def test_signing_in_sets_a_safe_session_cookie_that_every_worker_accepts(
    two_apps: tuple[Any, Any],
) -> None:
    first, second = two_apps
    c = _browser(first)
    r = _sign_in(c)
    assert r.status_code == 200, r.text
    assert r.json() == {"signed_in": True, "name": "alice", "role": "researcher", "via": "session"}
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie
    assert "secure" not in cookie  # plain HTTP on loopback: a Secure cookie would not come back
    session_id = c.cookies[SESSION_COOKIE]
    # The other worker knows the session from the store alone.
    other = TestClient(second, cookies={SESSION_COOKIE: session_id})
    me = other.get("/auth/me").json()
    assert me["name"] == "alice" and me["via"] == "session"
    assert other.post("/api/console", json={"query": "RETURN 1"}).status_code == 403  # CSRF
    # Only its digest is stored.
    with first.state.accounts.store.read() as conn:
        stored = [row.id_hash for row in conn.execute(sessions.select())]
    assert session_id not in stored and len(stored) == 1


def test_cookies_are_secure_over_https_or_when_the_setting_says(
    own_store: Settings, connection: Connection, seeded_db: Driver
) -> None:
    app = create_app(own_store, connection)
    users.add(app.state.accounts.store, "alice", Role.VIEWER, PASSWORD, TESTS)
    over_https = _browser(app, base_url="https://testserver")
    assert "secure" in _sign_in(over_https).headers["set-cookie"].lower()
    forced = create_app(own_store.model_copy(update={"cookie_secure": True}), connection)
    c = TestClient(forced)
    with c:
        r = c.get("/login")
        assert "secure" in r.headers["set-cookie"].lower()  # the CSRF cookie too


def test_signing_out_ends_the_session_everywhere(two_apps: tuple[Any, Any]) -> None:
    first, second = two_apps
    c = _browser(first)
    _sign_in(c)
    session_id = c.cookies[SESSION_COOKIE]
    r = c.post("/auth/logout")
    assert r.status_code == 200 and r.json()["signed_in"] is False
    assert SESSION_COOKIE not in c.cookies
    other = TestClient(second, cookies={SESSION_COOKIE: session_id})
    assert other.get("/auth/me").json()["signed_in"] is False
    assert other.get("/account").status_code == 401


def test_sessions_expire_when_idle_and_at_their_age_limit(two_apps: tuple[Any, Any]) -> None:
    first, _ = two_apps
    store = first.state.accounts.store
    limits = first.state.accounts.limits
    for column, age in (
        ("last_seen_at", limits.session_idle_s),
        ("created_at", limits.session_max_s),
    ):
        c = _browser(first)
        _sign_in(c)
        assert c.get("/auth/me").json()["signed_in"] is True
        with store.write() as conn:
            conn.execute(update(sessions).values({column: time.time() - age - 5}))
        r = c.get("/auth/me")
        assert r.json()["signed_in"] is False, column
        assert f"{SESSION_COOKIE}=;" in r.headers.get("set-cookie", "")  # the browser forgets it


def test_a_role_change_applies_at_once_and_a_password_reset_ends_sessions(
    two_apps: tuple[Any, Any],
) -> None:
    first, second = two_apps
    store = first.state.accounts.store
    c = _browser(first)
    _sign_in(c)
    assert c.post("/api/console", json={"query": "RETURN 1 AS x"}).status_code == 200
    users.set_role(store, "alice", Role.VIEWER, TESTS)
    assert c.post("/api/console", json={"query": "RETURN 1 AS x"}).status_code == 403
    users.set_password(store, "alice", "another good passphrase", TESTS)
    assert c.get("/auth/me").json()["signed_in"] is False
    assert _sign_in(_browser(second), password=PASSWORD).status_code == 401


def test_wrong_credentials_are_401_and_say_nothing_about_the_account(
    two_apps: tuple[Any, Any],
) -> None:
    first, _ = two_apps
    c = _browser(first)
    wrong_password = _sign_in(c, password="not the password")
    no_account = _sign_in(c, name="nobody-at-all", password="not the password")
    assert wrong_password.status_code == no_account.status_code == 401
    assert (
        wrong_password.json()
        == no_account.json()
        == {
            "error": "not_signed_in",
            "detail": "wrong account name or password",
        }
    )


# -- CSRF ----------------------------------------------------------------------------------


def test_a_cross_site_post_without_the_csrf_token_is_refused(two_apps: tuple[Any, Any]) -> None:
    first, _ = two_apps
    c = _browser(first)
    _sign_in(c)
    session_id = c.cookies[SESSION_COOKIE]
    # Another site's form or script: the browser adds the session cookie (were SameSite not
    # there to stop it) but the page cannot read the CSRF cookie to copy it into the header.
    forged = TestClient(first, cookies={SESSION_COOKIE: session_id})
    hostile = {"origin": "https://evil.example", "content-type": "application/json"}
    for path, body in [
        ("/api/console", {"query": "RETURN 1"}),
        ("/api/export?format=json", {"nodes": [], "edges": [], "meta": {}}),
        ("/auth/tokens", {"name": "stolen"}),
        ("/auth/logout", {}),
    ]:
        r = forged.post(path, json=body, headers=hostile)
        assert r.status_code == 403, (path, r.text)
        assert r.json()["error"] == "csrf_failed"
    # A forged token (a cookie the attacker planted, a header that matches it) fails too.
    forged.cookies.set(CSRF_COOKIE, "forged")
    r = forged.post("/api/console", json={"query": "RETURN 1"}, headers={"x-csrftoken": "forged"})
    assert r.status_code == 403
    # The page itself, which sends the header, gets through.
    assert c.post("/api/console", json={"query": "RETURN 1 AS x"}).status_code == 200


def test_signing_in_needs_the_csrf_token_too(two_apps: tuple[Any, Any]) -> None:
    first, _ = two_apps
    c = TestClient(first)
    r = _sign_in(c)
    assert r.status_code == 403 and r.json()["error"] == "csrf_failed"
    assert SESSION_COOKIE not in c.cookies


# -- the throttle --------------------------------------------------------------------------


def test_the_tenth_wrong_password_in_a_minute_is_throttled(two_apps: tuple[Any, Any]) -> None:
    first, second = two_apps
    c = _browser(first)
    answers = [_sign_in(c, password=f"wrong guess {i}").status_code for i in range(9)]
    assert answers == [401] * 9
    r = _sign_in(c, password="wrong guess 9")
    assert r.status_code == 429, r.text
    body = r.json()
    assert body["error"] == "too_many_attempts" and 0 < body["retry_after_s"] <= 60
    # Even the right password, and on another worker: the counter is in the store.
    assert _sign_in(_browser(second)).status_code == 429


def test_the_throttle_counts_per_address_across_accounts(two_apps: tuple[Any, Any]) -> None:
    first, _ = two_apps
    c = _browser(first)
    answers = [_sign_in(c, name=f"guess-{i}", password="wrong").status_code for i in range(10)]
    assert answers == [401] * 9 + [429]


# -- API tokens ----------------------------------------------------------------------------


def test_a_missing_or_wrong_token_is_401(client_as: Any, anon_client: TestClient) -> None:
    assert anon_client.post("/api/console", json={"query": "RETURN 1"}).status_code == 401
    for header in ["Bearer toc_wrong", "Bearer ", "Basic dXNlcjpwYXNz", "toc_no_scheme"]:
        r = anon_client.get("/api/frameworks", headers={"Authorization": header})
        assert r.status_code == 401, header
        assert r.json()["error"] == "not_signed_in"
        assert r.headers["www-authenticate"].startswith("Bearer")


def test_tokens_are_made_by_their_owner_shown_once_and_capped_at_the_owners_role(
    two_apps: tuple[Any, Any],
) -> None:
    first, _ = two_apps
    c = _browser(first)
    _sign_in(c)
    r = c.post("/auth/tokens", json={"name": "too high", "role": "editor"})
    assert r.status_code == 422 and "at most its owner's" in r.text
    made = c.post("/auth/tokens", json={"name": "nightly", "role": "viewer"})
    assert made.status_code == 201, made.text
    token = made.json()["token"]
    assert token.startswith("toc_") and made.json()["role"] == "viewer"
    listed = c.get("/auth/tokens").json()
    assert [t["name"] for t in listed] == ["nightly"] and token not in str(listed)
    script = TestClient(first, headers={"Authorization": f"Bearer {token}"})
    assert script.get("/api/frameworks").status_code == 200
    assert script.post("/api/console", json={"query": "RETURN 1"}).status_code == 403
    # A token cannot make or revoke tokens (a leaked one cannot outlive its revocation).
    assert script.post("/auth/tokens", json={"name": "child"}).status_code == 403
    assert script.get("/auth/me").json()["via"] == "token"


def test_a_revoked_token_stops_working_at_once_on_every_server(
    two_apps: tuple[Any, Any],
) -> None:
    first, second = two_apps
    c = _browser(first)
    _sign_in(c)
    made = c.post("/auth/tokens", json={"name": "ci"}).json()
    bearer = {"Authorization": f"Bearer {made['token']}"}
    one, two = TestClient(first, headers=bearer), TestClient(second, headers=bearer)
    assert one.post("/api/console", json={"query": "RETURN 1 AS x"}).status_code == 200
    assert two.post("/api/console", json={"query": "RETURN 1 AS x"}).status_code == 200
    assert c.delete(f"/auth/tokens/{made['id']}").status_code == 204
    assert one.get("/api/frameworks").status_code == 401
    assert two.get("/api/frameworks").status_code == 401
    assert c.delete(f"/auth/tokens/{made['id']}").status_code == 404


def test_a_token_follows_its_owner_down_and_expires(two_apps: tuple[Any, Any]) -> None:
    from app.accounts import api_tokens

    first, _ = two_apps
    store = first.state.accounts.store
    token, _ = api_tokens.create(store, "alice", "t", Role.RESEARCHER, None, TESTS)
    short, info = api_tokens.create(store, "alice", "short", None, 1, TESTS)
    script = TestClient(first, headers={"Authorization": f"Bearer {token}"})
    assert script.get("/auth/me").json()["role"] == "researcher"
    users.set_role(store, "alice", Role.VIEWER, TESTS)
    assert script.get("/auth/me").json()["role"] == "viewer"
    with store.write() as conn:
        from app.accounts.store import api_tokens as table

        conn.execute(update(table).where(table.c.id == info.id).values(expires_at=time.time() - 1))
    expired = TestClient(first, headers={"Authorization": f"Bearer {short}"})
    assert expired.get("/api/frameworks").status_code == 401


# -- anonymous visitors --------------------------------------------------------------------


def test_with_anonymous_none_only_health_sign_in_and_static_files_are_open(
    connection: Connection, test_settings: Settings, seeded_db: Driver
) -> None:
    from app.accounts.permissions import PERMISSIONS
    from app.accounts.roles import Need
    from tests.support.routes import sample

    closed = test_settings.model_copy(update={"anonymous": "none"})
    with TestClient(create_app(closed, connection)) as c:
        c.get("/login")
        c.headers["x-csrftoken"] = c.cookies[CSRF_COOKIE]
        for (method, template), need in PERMISSIONS.items():
            path, kwargs = sample(method, template)
            r = c.request(method, path, follow_redirects=False, **kwargs)
            if need in (Need.PUBLIC, Need.ANYONE):
                assert r.status_code not in (401, 403), (method, path, r.text)
                continue
            assert r.status_code == 401, (method, path, r.status_code)
            assert r.json()["error"] == "not_signed_in"
            if method == "GET":  # a person's browser is sent to sign in instead
                page = c.get(
                    path, headers={"accept": "text/html"}, follow_redirects=False, **kwargs
                )
                assert page.status_code == 303 and page.headers["location"].startswith(
                    "/login?next="
                )
        assert c.get("/auth/me").json() == {
            "signed_in": False, "name": None, "role": None, "via": "anonymous"
        }  # fmt: skip


def test_anonymous_visitors_are_viewers_only_on_loopback(test_settings: Settings) -> None:
    from app.accounts.config import anonymous_role

    def role(**kw: Any) -> Role | None:
        return anonymous_role(test_settings.model_copy(update=kw))

    assert role(host="127.0.0.1") == role(host="::1") == role(host="localhost") == Role.VIEWER
    assert role(host="0.0.0.0") is None and role(host="10.1.2.3") is None
    assert role(host="0.0.0.0", anonymous="viewer") == Role.VIEWER
    assert role(host="127.0.0.1", anonymous="none") is None
