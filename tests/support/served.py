"""The app served by uvicorn in a process of its own, so that its memory (and its console
workers') can be measured apart from the test's, and the resident memory of a process tree."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import psutil
import pytest

from app.database.connection import Connection
from app.settings import REPO_ROOT
from tests.support.neo4j_server import free_port


@contextmanager
def serve_subprocess(connection: Connection, **settings: object) -> Iterator[tuple[str, int]]:
    """`uvicorn --factory app.main:create_app` on a free loopback port against `connection`,
    with `settings` as TOC_* variables; yields (base URL, pid)."""
    port = free_port()
    env = {
        **os.environ,
        "TOC_NEO4J_MODE": "uri",
        "TOC_NEO4J_URI": connection.uri,
        "TOC_NEO4J_USER": connection.user,
        "TOC_NEO4J_PASSWORD": connection.password,
        **{f"TOC_{k.upper()}": str(v) for k, v in settings.items()},
    }
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "uvicorn", "--factory", "app.main:create_app"),
            *("--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"),
        ],
        cwd=REPO_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"the app exited with code {proc.returncode}", pytrace=False)
            try:
                if httpx.get(url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("the app did not answer /health within 60 s", pytrace=False)
            time.sleep(0.2)
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def poll_in_subprocess(url: str) -> Iterator[list[tuple[float, int]]]:
    """GET `url` every 0.1 s from another process while the block runs; the list it yields
    holds (latency in seconds, status) of every poll once the block has ended."""
    polls: list[tuple[float, int]] = []
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.poller", url],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        yield polls
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
        for line in out.splitlines():
            latency, status = line.split()
            polls.append((float(latency), int(status)))


def tree_rss(pid: int) -> tuple[int, int]:
    """Resident bytes of the process and, separately, the largest of its descendants."""
    try:
        root = psutil.Process(pid)
        own = root.memory_info().rss
        children = root.children(recursive=True)
    except psutil.Error:
        return 0, 0
    largest = 0
    for child in children:
        try:
            largest = max(largest, child.memory_info().rss)
        except psutil.Error:
            continue
    return own, largest
