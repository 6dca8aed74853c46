"""The local server's processes: a Neo4j launcher killed under `toc up` is reaped (no zombie
left in the process table), and the server it started can still be found and stopped.

Runs its own small instance (own folder, own ports), started by this test: the launcher is
this process's child, as it is `toc up`'s.
"""

from __future__ import annotations

import os
import signal
import socket
import time
from pathlib import Path

from app.database.local_server import LocalNeo4j, port_in_use
from app.settings import Settings


def _two_free_ports() -> tuple[int, int]:
    with socket.socket() as a, socket.socket() as b:
        a.bind(("127.0.0.1", 0))
        b.bind(("127.0.0.1", 0))
        return int(a.getsockname()[1]), int(b.getsockname()[1])


def _state(pid: int) -> str | None:
    """The process's state letter (`Z` for a zombie), or None once it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return None


def test_a_killed_launcher_is_reaped_and_its_server_still_stops(
    tmp_path: Path, test_settings: Settings
) -> None:
    home = tmp_path / "neo4j"
    home.mkdir()
    (home / "lib").symlink_to((test_settings.local_home / "lib").resolve())
    bolt, http = _two_free_ports()
    server = LocalNeo4j(
        home=home, instance="reap", bolt_port=bolt, http_port=http, heap="256m", pagecache="16m"
    )
    server.start(timeout=test_settings.local_start_timeout_s)
    try:
        launcher = server.pid()
        assert launcher is not None and _state(launcher) not in (None, "Z")

        os.kill(launcher, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while _state(launcher) is not None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _state(launcher) is None, f"launcher {launcher} left as state {_state(launcher)}"

        # The JVM it forked runs on in its process group: still the server, still stoppable.
        assert server.running()
        assert port_in_use(bolt)
    finally:
        server.stop(timeout=60)
    assert not server.running()
    deadline = time.monotonic() + 30
    while port_in_use(bolt) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not port_in_use(bolt)
