"""What the figures were measured on: machine, load, versions."""

from __future__ import annotations

import os
import platform
import sys
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from neo4j import Driver


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def machine() -> dict[str, Any]:
    return {
        "cores": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "cpu_model": _cpu_model(),
        "platform": platform.platform(),
        "load_average_at_start": load_average(),
    }


def versions(driver: Driver) -> dict[str, Any]:
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition "
        "RETURN name, versions[0] AS version, edition"
    )
    neo4j = {r["name"]: f"{r['version']} {r['edition']}" for r in records}
    return {
        "python": sys.version.split()[0],
        "neo4j": neo4j.get("Neo4j Kernel", str(neo4j)),
        "driver": _version("neo4j"),
        "driver_rust_extension": _version("neo4j-rust-ext"),
        "fastapi": _version("fastapi"),
        "uvicorn": _version("uvicorn"),
        "networkx": _version("networkx"),
        "playwright": _version("playwright"),
    }


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
