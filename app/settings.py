"""The one settings object, read from the environment and `.env` (see `.env.example`)."""

from __future__ import annotations

import ipaddress
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="TOC_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    # Where Neo4j comes from. `auto` tries, in order: the URI below, a Docker engine, a local
    # server built from Maven Central's jars.
    neo4j_mode: Literal["auto", "uri", "docker", "local"] = "auto"
    neo4j_uri: str | None = Field(
        default=None, description="bolt:// or neo4j:// URI of a running server"
    )
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str = "neo4j"

    # The local server (no Docker): where it lives and the ports it takes. Ports are not Neo4j's
    # defaults so that it never collides with a Neo4j the user already runs.
    local_home: Path = REPO_ROOT / ".neo4j"
    local_bolt_port: int = Field(default=17687, ge=1024, le=65535)
    local_http_port: int = Field(default=17474, ge=1024, le=65535)
    local_heap: str = Field(default="1g", pattern=r"^\d+[mg]$")
    local_pagecache: str = Field(default="512m", pattern=r"^\d+[mg]$")
    local_start_timeout_s: float = Field(default=120.0, gt=0)

    # The web app.
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    # Host names (the request's Host header) the app answers to; any other gets 400. Without
    # this check a web page the user visits could reach the loopback-bound app through DNS
    # rebinding (console and full backup included). Comma-separated; `host` is added.
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["localhost", "127.0.0.1", "::1"]
    )
    # How long a request waits for a connection before answering 503.
    neo4j_connect_timeout_s: float = Field(default=2.0, gt=0)

    # The researchers' Cypher console: server-side timeout and row cap. The timeout stays
    # under the local server's own ceiling (`db.transaction.timeout=120s`), which stops what
    # is sent to Neo4j directly.
    console_timeout_s: float = Field(default=10.0, gt=0, le=100)
    console_max_rows: int = Field(default=1000, ge=1, le=100_000)
    # Console runs happen in worker processes of their own (app/console/pool.py), never in
    # the threads that answer the other routes: how many run at once, how much memory each
    # may map, how long past its timeout a run is killed, and how long and how many requests
    # may wait for a free worker before answering 503.
    console_workers: int = Field(default=2, ge=1, le=32)
    console_worker_memory_mb: int = Field(default=512, ge=256)
    console_grace_s: float = Field(default=2.0, gt=0, le=60)
    console_queue_s: float = Field(default=15.0, gt=0, le=600)
    console_queue_max: int = Field(default=32, ge=0, le=10_000)
    # Largest graph payload a view or pathway returns before asking to narrow down.
    max_payload_nodes: int = Field(default=2000, ge=10)

    seed_dir: Path = REPO_ROOT / "seed"

    # The largest request body any route reads (bytes): bigger ones get 413 before a route
    # sees them. Generous for a posted view of a few thousand nodes.
    max_body_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [h.strip() for h in value.split(",") if h.strip()]
        return value

    def trusted_hosts(self) -> list[str]:
        """What the Host header may name: the allowed hosts, the host the app is bound to
        (unless a wildcard address), and IPv6 literals also as written in a Host header."""
        hosts = list(self.allowed_hosts)
        if self.host and not is_wildcard(self.host):
            hosts.append(self.host)
        out: list[str] = []
        for host in hosts:
            for form in (host, f"[{host}]" if ":" in host and not host.startswith("[") else None):
                if form and form.lower() not in out:
                    out.append(form.lower())
        return out

    # Accounts and roles (app/accounts; README: "Running for a team"). Accounts are kept in a
    # SQL database, never in the graph the console reads: by default SQLite beside the local
    # database's credentials; any SQLAlchemy URL (PostgreSQL) for several app servers.
    accounts_url: str | None = Field(default=None, description="SQLAlchemy URL of the accounts")
    # What a visitor who is not signed in may do: browse as a viewer, or nothing. Default:
    # viewer when the app is bound to a loopback address, none otherwise.
    anonymous: Literal["viewer", "none"] | None = None
    # Mark cookies Secure always (behind an HTTPS proxy); otherwise only on HTTPS requests.
    cookie_secure: bool = False
    session_idle_minutes: float = Field(default=120, gt=0)
    session_max_hours: float = Field(default=12, gt=0)
    # Failed sign-ins allowed per account and per address within the window; the next is 429.
    sign_in_max_failures: int = Field(default=9, ge=1)
    sign_in_window_s: float = Field(default=60, gt=0)


def is_wildcard(host: str) -> bool:
    """`0.0.0.0`, `::` or an empty host: every address of the machine."""
    return host in ("", "0.0.0.0", "::", "[::]")


def is_loopback(host: str) -> bool:
    """Whether binding to `host` keeps the app on this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it may resolve to any interface


@cache
def get_settings() -> Settings:
    return Settings()
