"""API throughput under concurrent load from a second process on loopback.

`wrk` (Debian's package, installed by the bench when it can be) drives the load: C, so the
load generator takes little of the two cores the API and Neo4j share. Each run is bounded
in time (`-d`) and in requests (a Lua script stops each thread after its share). Without
`wrk`, a Python load generator in a separate process does the same, slower. Requests only
ever go to 127.0.0.1.
"""

from __future__ import annotations

import http.client
import multiprocessing as mp
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.latency import percentiles
from bench.machine import load_average
from bench.servers import Say

LUA = """
local paths = {%s}
local max_requests = %d
local counter = 0
local sent = 0
request = function()
  counter = counter + 1
  sent = sent + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
response = function(status, headers, body)
  if sent >= max_requests then wrk.thread:stop() end
end
"""


def ensure_wrk(say: Say) -> str | None:
    found = shutil.which("wrk")
    if found:
        return found
    if shutil.which("apt-get") and hasattr(__import__("os"), "geteuid"):
        import os

        if os.geteuid() == 0:
            say("installing Debian's wrk for the load generator")
            subprocess.run(
                ["apt-get", "install", "-y", "-q", "wrk"],
                check=False,
                capture_output=True,
                env={"DEBIAN_FRONTEND": "noninteractive", "PATH": os.environ.get("PATH", "")},
            )
    return shutil.which("wrk")


def _loopback(base: str) -> str:
    host = urlsplit(base).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError(f"load goes to loopback only, not {host!r}")
    return base


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not m:
        raise ValueError(text)
    factor = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[m.group(2)]
    return round(float(m.group(1)) * factor, 2)


def parse_wrk(output: str) -> dict[str, Any]:
    """Requests/s, p50/p99 and errors from `wrk --latency` output."""
    out: dict[str, Any] = {}
    m = re.search(r"Requests/sec:\s*([\d.]+)", output)
    out["req_per_s"] = round(float(m.group(1)), 1) if m else 0.0
    for q in ("50", "75", "90", "99"):
        m = re.search(rf"^\s*{q}%\s+(\S+)", output, re.M)
        if m:
            out[f"p{q}_ms"] = _ms(m.group(1))
    m = re.search(r"(\d+) requests in ([\d.]+)(\w+)", output)
    if m:
        out["requests"] = int(m.group(1))
    m = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output)
    out["non_2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    out["socket_errors"] = sum(int(x) for x in m.groups()) if m else 0
    return out


def run_wrk(
    wrk: str,
    base: str,
    paths: list[str],
    *,
    connections: int,
    seconds: int,
    max_requests: int,
    threads: int = 1,
) -> dict[str, Any]:
    quoted = ", ".join('"' + p.replace('"', "") + '"' for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(LUA % (quoted, max(1, max_requests // threads)))
        script = fh.name
    try:
        proc = subprocess.run(
            [
                wrk,
                f"-t{threads}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "--latency",
                "-s",
                script,
                _loopback(base),
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=False,
        )
    finally:
        Path(script).unlink(missing_ok=True)
    result = parse_wrk(proc.stdout)
    result["tool"] = "wrk"
    return result


def _py_worker(base: str, paths: list[str], n: int, seconds: float, q: Any) -> None:
    parts = urlsplit(base)
    times: list[float] = []
    errors = 0
    deadline = time.monotonic() + seconds
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    for i in range(n):
        if time.monotonic() > deadline:
            break
        t = time.perf_counter()
        conn.request("GET", paths[i % len(paths)])
        r = conn.getresponse()
        r.read()
        times.append(time.perf_counter() - t)
        errors += r.status >= 300
    conn.close()
    q.put((times, errors))


def _py_process(
    base: str, paths: list[str], connections: int, n: int, seconds: float, q: Any
) -> None:
    inner: Any = __import__("queue").Queue()
    threads = [
        threading.Thread(target=_py_worker, args=(base, paths[c:] + paths[:c], n, seconds, inner))
        for c in range(connections)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    times: list[float] = []
    errors = 0
    while not inner.empty():
        ts, e = inner.get()
        times += ts
        errors += e
    q.put((times, errors))


def run_python(
    base: str, paths: list[str], *, connections: int, seconds: int, max_requests: int
) -> dict[str, Any]:
    q: Any = mp.Queue()
    per = max(1, max_requests // connections)
    proc = mp.Process(
        target=_py_process, args=(_loopback(base), paths, connections, per, float(seconds), q)
    )
    started = time.monotonic()
    proc.start()
    times, errors = q.get(timeout=seconds + 120)
    elapsed = time.monotonic() - started
    proc.join(timeout=30)
    stats = percentiles(times) if times else {}
    return {
        "tool": "python",
        "req_per_s": round(len(times) / elapsed, 1),
        "requests": len(times),
        "non_2xx": errors,
        **{k: v for k, v in stats.items() if k.endswith("_ms")},
    }


def run_throughput_bench(
    base: str,
    scenarios: dict[str, list[str]],
    say: Say,
    *,
    seconds: int = 15,
    connections: dict[str, int] | None = None,
    max_requests: int = 60_000,
) -> dict[str, Any]:
    wrk = ensure_wrk(say)
    out: dict[str, Any] = {}
    for name, paths in scenarios.items():
        c = (connections or {}).get(name, 8)
        load = load_average()
        if wrk:
            # A short untimed warm-up of the same requests.
            run_wrk(wrk, base, paths, connections=4, seconds=2, max_requests=500)
            r = run_wrk(wrk, base, paths, connections=c, seconds=seconds, max_requests=max_requests)
        else:
            r = run_python(base, paths, connections=c, seconds=seconds, max_requests=max_requests)
        r.update(connections=c, seconds=seconds, load_average_before=load)
        out[name] = r
        say(
            f"  {name}: {r['req_per_s']} req/s, p50 {r.get('p50_ms')} ms, p99 {r.get('p99_ms')} "
            f"ms, {r.get('non_2xx', 0)} errors ({r['tool']})"
        )
    return out
