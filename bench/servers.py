"""The bench's own Neo4j instance and the API under test, both on loopback only."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from neo4j import Driver

from app.database.connection import Connection
from app.database.local_server import LocalNeo4j, port_in_use
from app.database.provider import local_server
from app.settings import REPO_ROOT, Settings

Say = Callable[[str], None]
# Big enough that a 1M-node graph's store stays in memory; the bench owns this instance.
BENCH_HEAP = "2g"
BENCH_PAGECACHE = "3g"
FALLBACK_PORT_SHIFT = 100


def bench_server(settings: Settings, say: Say) -> LocalNeo4j:
    """`local_server(settings, "bench")`, sized for big graphs.

    If another program holds the bench ports (and our instance is not the one running
    there), the ports move up by 100 rather than fail: the bench must not touch it.
    """
    server = local_server(settings, "bench")
    server.heap, server.pagecache = BENCH_HEAP, BENCH_PAGECACHE
    if server.running():
        # Already up, maybe on the fallback ports: its configuration says where.
        conf = (server.conf_dir / "neo4j.conf").read_text(encoding="utf-8")
        for key, attr in (("bolt", "bolt_port"), ("http", "http_port")):
            m = re.search(rf"^server\.{key}\.listen_address=[^:]+:(\d+)$", conf, re.M)
            if m:
                setattr(server, attr, int(m.group(1)))
    elif port_in_use(server.bolt_port) or port_in_use(server.http_port):
        server.bolt_port += FALLBACK_PORT_SHIFT
        server.http_port += FALLBACK_PORT_SHIFT
        say(f"bench ports taken by another program: using {server.bolt_port}/{server.http_port}")
    return server


def clear(driver: Driver) -> None:
    """Empty the database in small transactions (dense nodes would not fit in one)."""
    with driver.session() as session:
        for text in (
            "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 50000 ROWS",
            "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 50000 ROWS",
        ):
            session.run(text).consume()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def api_server(conn: Connection, workers: int, log: Path, say: Say) -> Iterator[str]:
    """uvicorn serving the app against the bench database on 127.0.0.1; yields its base URL."""
    port = free_port()
    env = dict(os.environ)
    env.update(
        TOC_NEO4J_MODE="uri",
        TOC_NEO4J_URI=conn.uri,
        TOC_NEO4J_USER=conn.user,
        TOC_NEO4J_PASSWORD=conn.password,
        TOC_NEO4J_DATABASE=conn.database or "neo4j",
        PYTHONPATH=str(REPO_ROOT),
    )
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "app.main:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    with log.open("wb") as fh:
        proc = subprocess.Popen(cmd, env=env, cwd=REPO_ROOT, stdout=fh, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the API did not start; see {log}")
            time.sleep(0.3)
        say(f"API up at {base} ({workers} worker{'s' if workers > 1 else ''})")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
