"""Where Neo4j comes from, without starting anything: the order of choice, the message when
nothing is possible, and the compose file users run when they have Docker."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from dotenv import dotenv_values

from app import cli
from app.cli import main
from app.database.compose_env import PASSWORD_KEY, ensure_compose_password
from app.database.local_server import LocalNeo4j, docker_env_name, pinned_version, query_limits
from app.database.provider import NoNeo4jAvailable, choose_mode, configured_connection
from app.settings import REPO_ROOT, Settings


def settings(tmp_path: Path, **kw: object) -> Settings:
    return Settings(_env_file=None, local_home=tmp_path / "neo4j", **kw)  # type: ignore[call-arg, arg-type]


def test_a_given_uri_comes_first(tmp_path: Path) -> None:
    s = settings(tmp_path, neo4j_uri="bolt://db.example:7687", neo4j_password="pw")
    assert choose_mode(s) == "uri"
    conn = configured_connection(s)
    assert conn is not None and conn.uri == "bolt://db.example:7687" and conn.password == "pw"


def test_nothing_possible_says_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no docker, no java, no mvn
    with pytest.raises(NoNeo4jAvailable) as e:
        choose_mode(settings(tmp_path))
    message = str(e.value)
    assert "TOC_NEO4J_URI" in message
    assert "Docker engine" in message
    assert "Java 17+" in message and "openjdk-17-jre-headless" in message
    assert "Maven" in message


def test_the_local_server_is_chosen_without_docker(tmp_path: Path) -> None:
    # This machine has Java and Maven but no Docker engine (CI's case).
    assert choose_mode(settings(tmp_path)) == "local"


def test_db_status_reports_the_pinned_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "status", "--instance", "dev"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["version"] == pinned_version()
    assert status["bolt"] == "bolt://127.0.0.1:17687"


def test_compose_runs_the_pinned_image_with_healthcheck_and_volume() -> None:
    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert "healthcheck" in neo4j
    assert any(v.startswith("neo4j-data:") for v in neo4j["volumes"])
    assert {"127.0.0.1:7474:7474", "127.0.0.1:7687:7687"} <= {
        p.split("  ")[0] for p in neo4j["ports"]
    }
    app = compose["services"]["app"]
    assert app["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert app["build"] == "."
    assert "neo4j-data" in compose["volumes"]


def test_compose_bounds_queries_like_the_local_server() -> None:
    """Neo4j's own query limits (docs/neo4j-limits.md) are the same under Docker: the compose
    file's heap is the local server's default, so the values must match exactly."""
    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
    env = compose["services"]["neo4j"]["environment"]
    assert env["NEO4J_server_memory_heap_max__size"] == Settings(_env_file=None).local_heap  # type: ignore[call-arg]
    for key, value in query_limits("1g").items():
        assert str(env[docker_env_name(key)]) == value, key


def test_the_local_server_writes_the_query_limits(tmp_path: Path) -> None:
    server = LocalNeo4j(home=tmp_path, instance="probe", heap="2g")
    server.configure()
    lines = (server.conf_dir / "neo4j.conf").read_text().splitlines()
    assert "db.memory.transaction.max=512m" in lines
    assert "dbms.memory.transaction.total.max=1228m" in lines
    assert "internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0" in lines
    keys = [line.split("=", 1)[0] for line in lines if line and not line.startswith("#")]
    assert len(keys) == len(set(keys)), "Neo4j's strict validation refuses a repeated key"


def test_compose_has_no_default_password_and_requires_one() -> None:
    text = (REPO_ROOT / "docker-compose.yml").read_text()
    compose = yaml.safe_load(text)
    required = "${TOC_NEO4J_PASSWORD:?"
    assert compose["services"]["neo4j"]["environment"]["NEO4J_AUTH"].startswith("neo4j/" + required)
    assert compose["services"]["app"]["environment"]["TOC_NEO4J_PASSWORD"].startswith(required)
    # No fallback anywhere: `${VAR:-x}` or `${VAR-x}` would put a readable password back.
    assert not re.search(r"\$\{TOC_NEO4J_PASSWORD:?-", text)
    assert "toc-explorer-dev" not in text


def test_toc_up_generates_the_compose_password_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("TOC_PORT=8001\n")
    monkeypatch.delenv(PASSWORD_KEY, raising=False)
    calls: list[list[str]] = []

    def no_docker_here(cmd: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        calls.append(cmd)  # this machine has no engine: stop right after compose is called
        return subprocess.CompletedProcess(cmd, 1)

    monkeypatch.setattr(cli.subprocess, "run", no_docker_here)
    assert cli._compose_up(settings(tmp_path), 8001, env_file=env_file) == 1
    assert calls == [["docker", "compose", "up", "-d", "--build"]]
    values = dotenv_values(env_file)
    password = values[PASSWORD_KEY]
    assert password and len(password) >= 24 and re.fullmatch(r"[A-Za-z0-9_-]+", password)
    assert values["TOC_PORT"] == "8001"  # the rest of .env is kept
    assert env_file.stat().st_mode & 0o077 == 0  # readable by its owner only

    # Kept on the next run (the data volume holds it), and never two different ones.
    cli._compose_up(settings(tmp_path), 8001, env_file=env_file)
    assert dotenv_values(env_file)[PASSWORD_KEY] == password
    assert env_file.read_text().count(PASSWORD_KEY) == 1


def test_a_password_already_set_is_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file = tmp_path / ".env"
    monkeypatch.setenv(PASSWORD_KEY, "from-the-environment")
    assert ensure_compose_password(env_file) is False
    assert not env_file.exists()
    monkeypatch.delenv(PASSWORD_KEY)
    env_file.write_text(f"{PASSWORD_KEY}=mine\n")
    assert ensure_compose_password(env_file) is False
    assert env_file.read_text() == f"{PASSWORD_KEY}=mine\n"
    env_file.write_text(f"{PASSWORD_KEY}=\n")  # empty is missing, for compose too
    assert ensure_compose_password(env_file) is True
    assert dotenv_values(env_file)[PASSWORD_KEY]
