"""Is there a Docker engine behind the `docker` client? (The client alone is not enough.)"""

from __future__ import annotations

import shutil
import subprocess


def docker_engine_available(timeout: float = 5.0) -> bool:
    """True when `docker info` reaches a running engine."""
    docker = shutil.which("docker")
    if docker is None:
        return False
    try:
        proc = subprocess.run(
            [docker, "info", "--format", "{{.ServerVersion}}"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (subprocess.TimeoutExpired, OSError):
        return False
    return proc.returncode == 0 and bool(proc.stdout.strip())


def compose_available() -> bool:
    docker = shutil.which("docker")
    if docker is None:
        return False
    proc = subprocess.run(
        [docker, "compose", "version"], capture_output=True, text=True, check=False
    )
    return proc.returncode == 0
