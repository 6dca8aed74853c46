"""Accounts from the command line and the admin API, the first admin of `toc up`, the audit
log, and the OpenAPI document's security schemes."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.accounts import cli as accounts_cli
from app.accounts import users
from app.accounts.config import first_admin_file
from app.accounts.roles import Role
from app.accounts.store import AccountStore
from app.settings import REPO_ROOT, Settings


def toc(*args: str, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=REPO_ROOT,
        timeout=120,
        check=False,
    )


def test_toc_user_commands_manage_accounts_and_print_a_password_once(tmp_path: Path) -> None:
    env = {"TOC_ACCOUNTS_URL": f"sqlite:///{tmp_path}/a.sqlite"}
    added = toc("user", "add", "maria", "--role", "editor", env=env)
    assert added.returncode == 0, added.stderr
    lines = added.stdout.splitlines()
    password = next(line.split(": ", 1)[1] for line in lines if line.startswith("password"))
    assert len(password) >= 12 and added.stdout.count(password) == 1
    chosen = toc("user", "add", "omar", "--role", "viewer", "--password-stdin",
                 env=env, stdin="omar's chosen password\n")  # fmt: skip
    assert chosen.returncode == 0 and "password" not in chosen.stdout.replace("role", "")
    short = toc(
        "user", "add", "x", "--role", "viewer", "--password-stdin", env=env, stdin="short\n"
    )
    assert short.returncode == 1 and "at least 12 characters" in short.stderr
    assert toc("user", "set-role", "omar", "researcher", env=env).returncode == 0
    listed = toc("user", "list", env=env).stdout
    assert "maria" in listed and "editor" in listed and "researcher" in listed
    reset = toc("user", "reset-password", "maria", env=env)
    assert reset.returncode == 0 and "new password (shown once)" in reset.stdout
    assert toc("user", "remove", "omar", env=env).returncode == 0
    missing = toc("user", "remove", "omar", env=env)
    assert missing.returncode == 1 and "no account" in missing.stderr
    token = toc("token", "add", "maria", "ci", "--days", "7", env=env)
    assert token.returncode == 0 and "toc_" in token.stdout
    audit = toc("user", "audit", env=env).stdout
    for event in ("account_created", "role_changed", "password_reset", "account_removed",
                  "token_created"):  # fmt: skip
        assert event in audit, event
    assert password not in audit and "omar's chosen password" not in audit


def test_toc_up_makes_a_first_admin_once_with_its_password_in_a_private_file(
    tmp_path: Path,
) -> None:
    settings = Settings(_env_file=None, local_home=tmp_path / "neo4j")  # type: ignore[call-arg]
    said: list[str] = []
    accounts_cli.ensure_first_admin(settings, said.append)
    file = first_admin_file(settings)
    assert file == tmp_path / "neo4j" / "instances" / "dev" / "first-admin.txt"
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    password = file.read_text().split("password: ")[1].strip()
    assert sum(password in line for line in said) == 1  # printed once
    assert any(str(file) in line for line in said)
    store = AccountStore(f"sqlite:///{tmp_path}/neo4j/instances/dev/accounts.sqlite")
    assert users.check_password(store, "admin", password) is not None
    assert [a.role for a in users.list_all(store)] == [Role.ADMIN]
    db = tmp_path / "neo4j" / "instances" / "dev" / "accounts.sqlite"
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    said.clear()
    accounts_cli.ensure_first_admin(settings, said.append)
    assert not any(password in line for line in said)  # later runs say only where it is
    assert any(str(file) in line for line in said)
    assert len(users.list_all(store)) == 1
    store.dispose()


def test_admins_manage_accounts_and_read_the_audit_over_http(client_as: Any) -> None:
    admin = client_as(Role.ADMIN)
    made = admin.post("/api/admin/accounts", json={"name": "nadia", "role": "viewer"})
    assert made.status_code == 201, made.text
    password = made.json()["password"]
    assert len(password) >= 12
    assert (
        admin.post("/api/admin/accounts", json={"name": "nadia", "role": "viewer"}).status_code
        == 409
    )
    assert (
        admin.put("/api/admin/accounts/nadia/role", json={"role": "editor"}).json()["role"]
        == "editor"
    )
    assert admin.put("/api/admin/accounts/nadia/role", json={"role": "boss"}).status_code == 422
    reset = admin.post("/api/admin/accounts/nadia/password", json={})
    assert reset.status_code == 200 and reset.json()["password"] != password
    names = {a["name"]: a["role"] for a in admin.get("/api/admin/accounts").json()}
    assert names["nadia"] == "editor" and "password" not in str(names)
    assert admin.delete("/api/admin/accounts/nadia").status_code == 204
    assert admin.delete("/api/admin/accounts/nadia").status_code == 404
    events = [
        (e["event"], e["account"]) for e in admin.get("/api/admin/audit?account=nadia").json()
    ]
    assert events == [
        ("account_removed", "nadia"),
        ("password_reset", "nadia"),
        ("role_changed", "nadia"),
        ("account_created", "nadia"),
    ]
    entry = admin.get("/api/admin/audit?account=nadia&limit=1").json()[0]
    assert entry["actor"] == "test-admin" and entry["address"] == "testclient" and entry["at"]


def test_the_admin_page_lists_accounts_and_the_audit(client_as: Any) -> None:
    admin = client_as(Role.ADMIN, via="session")
    page = admin.get("/admin", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "test-viewer" in page.text and "account_created" in page.text


def test_sign_ins_and_failures_are_audited(client_as: Any, role_accounts: Any) -> None:
    person = client_as(Role.VIEWER, via="session")
    person.get("/login")
    person.headers["x-csrftoken"] = person.cookies["csrftoken"]
    name = role_accounts.names[Role.VIEWER]
    assert person.post("/auth/login", json={"name": name, "password": "wrong!"}).status_code == 401
    good = {"name": name, "password": role_accounts.passwords[Role.VIEWER]}
    assert person.post("/auth/login", json=good).status_code == 200
    admin = client_as(Role.ADMIN)
    events = [e["event"] for e in admin.get(f"/api/admin/audit?account={name}&limit=2").json()]
    assert events == ["sign_in", "sign_in_failed"]


def test_openapi_declares_the_security_schemes(anon_client: TestClient) -> None:
    spec = anon_client.get("/openapi.json").json()
    schemes = spec["components"]["securitySchemes"]
    assert schemes["apiToken"] == {**schemes["apiToken"], "type": "http", "scheme": "bearer"}
    assert schemes["session"]["in"] == "cookie" and schemes["session"]["name"] == "toc_session"
    console = spec["paths"]["/api/console"]["post"]
    assert console["security"] == [{"apiToken": []}, {"session": []}]
    assert console["x-toc-needs"] == "researcher"
    assert {"401", "403"} <= set(console["responses"])
    frameworks = spec["paths"]["/api/frameworks"]["get"]
    assert {} in frameworks["security"]  # anonymous visitors may browse on this server
    assert spec["paths"]["/health"]["get"]["security"] == []
    assert spec["paths"]["/auth/tokens"]["post"]["security"] == [{"session": []}]


@pytest.mark.parametrize("name", ["", "-lead", "a b", "x" * 65, "ü", "a/b"])
def test_account_names_are_plain(client_as: Any, name: str) -> None:
    admin = client_as(Role.ADMIN)
    r = admin.post("/api/admin/accounts", json={"name": name, "role": "viewer"})
    assert r.status_code == 422
