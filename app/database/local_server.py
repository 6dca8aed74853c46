"""A real Neo4j Community server run from Maven Central's jars, for machines without Docker.

The jars are fetched once by Maven into `<home>/lib` (shared by every instance); each
instance (`dev`, `test`, `bench`) has its own folder with conf/, data/, logs/ and a
generated password, and its own ports. The server is started the way the official
tarball's `bin/neo4j console` does it, through the launcher class inside the jars, in
its own process group so that stopping it stops the JVM the launcher forks.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.database.connection import Connection

POM = Path(__file__).resolve().parents[2] / "neo4j-local" / "pom.xml"
LAUNCHER = "org.neo4j.server.startup.Neo4jCommand"
ADMIN = "org.neo4j.server.startup.Neo4jAdminCommand"
MIN_JAVA = 17

Progress = Callable[[str], None]

# Servers this process started, kept so they are reaped on stop() rather than left to the
# garbage collector, which would warn that a (deliberately long-lived) child is still running.
_STARTED: dict[int, subprocess.Popen[bytes]] = {}


class LocalServerError(RuntimeError):
    """The local server cannot be installed, started or reached; the message says what to do."""


def _quiet(_: str) -> None:
    pass


def pinned_version(pom: Path = POM) -> str:
    m = re.search(r"<neo4j\.version>([^<]+)</neo4j\.version>", pom.read_text(encoding="utf-8"))
    if not m:
        raise LocalServerError(f"{pom}: no <neo4j.version> property")
    return m.group(1)


def java_major_version() -> int | None:
    """The major version of the `java` on PATH, or None when there is none."""
    java = shutil.which("java")
    if java is None:
        return None
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False).stderr
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not m:
        return None
    major = int(m.group(1))
    # Java 8 and older print "1.8.0_..."
    return int(m.group(2)) if major == 1 and m.group(2) else major


def missing_tools(need_maven: bool) -> list[str]:
    """What this machine lacks to run the local server, as install hints."""
    missing: list[str] = []
    major = java_major_version()
    if major is None:
        missing.append(f"Java {MIN_JAVA}+ (Debian: apt-get install openjdk-17-jre-headless)")
    elif major < MIN_JAVA:
        missing.append(
            f"Java {MIN_JAVA}+ (found Java {major}; "
            "Debian: apt-get install openjdk-17-jre-headless)"
        )
    if need_maven and shutil.which("mvn") is None:
        missing.append(
            "Maven, to fetch Neo4j's jars from Maven Central (Debian: apt-get install maven)"
        )
    return missing


def query_limits(heap: str) -> dict[str, str]:
    """Neo4j's own bounds on any one query, the console's or one sent straight to Neo4j
    (Browser, cypher-shell), for a server with `heap`: docs/neo4j-limits.md says what each
    stops and how it was measured. The same settings go into the Docker services
    (docker-compose.yml, the tests' container) as `docker_env_name(key)` variables."""
    heap_mb = _megabytes(heap)
    return {
        # The server's ceiling for every transaction; the console's own limit is lower.
        "db.transaction.timeout": "120s",
        # Memory that operators hold (collect, sort, distinct...): per transaction, and for all
        # of them together, so one query fails alone instead of taking the heap.
        "db.memory.transaction.max": f"{heap_mb // 4}m",
        "dbms.memory.transaction.total.max": f"{heap_mb * 6 // 10}m",
        # LOAD CSV may not reach any address: not the machine's services, not the internet.
        "internal.dbms.cypher_ip_blocklist": "0.0.0.0/0,::/0",
        # Deep expressions overflow the parser's stack (and Neo4j then never replies); 4 MB
        # stacks move that from ~350 nested lists to past 700.
        "server.jvm.additional": "-Xss4m",
    }


def docker_env_name(key: str) -> str:
    """The neo4j image's variable for a setting: `.` becomes `_`, `_` becomes `__`."""
    return "NEO4J_" + key.replace("_", "__").replace(".", "_")


def _megabytes(size: str) -> int:
    number, unit = int(size[:-1]), size[-1].lower()
    return number * 1024 if unit == "g" else number


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


@dataclass
class LocalNeo4j:
    home: Path
    instance: str = "dev"
    bolt_port: int = 17687
    http_port: int = 17474
    heap: str = "1g"
    pagecache: str = "512m"

    @property
    def lib_dir(self) -> Path:
        return self.home / "lib"

    @property
    def dir(self) -> Path:
        return self.home / "instances" / self.instance

    @property
    def conf_dir(self) -> Path:
        return self.dir / "conf"

    @property
    def pid_file(self) -> Path:
        return self.dir / "run" / "toc-neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.dir / "logs" / "console.log"

    @property
    def credentials_file(self) -> Path:
        return self.dir / "credentials.json"

    # -- install -------------------------------------------------------------------------

    def installed(self) -> bool:
        return (self.lib_dir / f"neo4j-{pinned_version()}.jar").is_file()

    def install(self, progress: Progress = _quiet) -> None:
        """Fetch the pinned Neo4j and its runtime dependencies from Maven Central into lib/."""
        if self.installed():
            return
        missing = missing_tools(need_maven=True)
        if missing:
            raise LocalServerError(
                "cannot fetch the local Neo4j server; missing: " + "; ".join(missing)
            )
        version = pinned_version()
        staging = self.home / "lib.partial"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        progress(f"downloading Neo4j Community {version} and its dependencies from Maven Central")
        cmd = [
            "mvn", "-B", "-q", "-f", str(POM), "dependency:copy-dependencies",
            "-DincludeScope=runtime", f"-DoutputDirectory={staging}",
        ]  # fmt: skip
        log_path = self.home / "install.log"
        with log_path.open("wb") as log:
            proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
            started = time.monotonic()
            while proc.poll() is None:
                time.sleep(2)
                jars = len(list(staging.glob("*.jar")))
                progress(f"  {jars} jars fetched, {time.monotonic() - started:.0f}s")
        if proc.returncode != 0:
            output = log_path.read_text(errors="replace")
            raise LocalServerError(f"Maven could not fetch Neo4j {version}:\n{output[-3000:]}")
        # Moved into place only when complete: a broken download never passes for an install.
        shutil.rmtree(self.lib_dir, ignore_errors=True)
        staging.rename(self.lib_dir)
        progress(f"Neo4j {version}: {len(list(self.lib_dir.glob('*.jar')))} jars in {self.lib_dir}")

    # -- configure -----------------------------------------------------------------------

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["NEO4J_HOME"] = str(self.dir)
        env["NEO4J_CONF"] = str(self.conf_dir)
        return env

    def _java(self, main: str, *args: str) -> list[str]:
        return ["java", "-cp", f"{self.lib_dir}/*", main, *args]

    def configure(self) -> None:
        for sub in ("conf", "data", "logs", "run", "plugins", "import"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        d = self.dir
        conf = f"""# Written by toc-explorer for the '{self.instance}' instance at each start.
server.directories.data={d / "data"}
server.directories.logs={d / "logs"}
server.directories.plugins={d / "plugins"}
server.directories.run={d / "run"}
server.directories.import={d / "import"}
server.default_listen_address=127.0.0.1
server.bolt.listen_address=127.0.0.1:{self.bolt_port}
server.http.listen_address=127.0.0.1:{self.http_port}
# What the server tells clients to connect to (Neo4j Browser reads it from GET / as
# bolt_direct): the ports it really listens on, not Neo4j's defaults 7687 and 7474.
server.default_advertised_address=127.0.0.1
server.bolt.advertised_address=127.0.0.1:{self.bolt_port}
server.http.advertised_address=127.0.0.1:{self.http_port}
# Neo4j Browser sends no product analytics (it works offline, like the explorer).
client.allow_telemetry=false
server.https.enabled=false
dbms.usage_report.enabled=false
server.memory.heap.initial_size={self.heap}
server.memory.heap.max_size={self.heap}
server.memory.pagecache.size={self.pagecache}
dbms.security.allow_csv_import_from_file_urls=true
"""
        conf += "".join(f"{key}={value}\n" for key, value in query_limits(self.heap).items())
        (self.conf_dir / "neo4j.conf").write_text(conf, encoding="utf-8")

    def password(self) -> str | None:
        if not self.credentials_file.is_file():
            return None
        data = json.loads(self.credentials_file.read_text(encoding="utf-8"))
        return str(data["password"])

    def ensure_password(self) -> str:
        """Generate the password before the first start; Neo4j only takes it then."""
        existing = self.password()
        if existing is not None:
            return existing
        if (self.dir / "data" / "dbms" / "auth.ini").exists() or (
            self.dir / "data" / "databases" / "system"
        ).exists():
            raise LocalServerError(
                f"{self.dir} has a database but no credentials.json; "
                f"remove {self.dir / 'data'} to start afresh (its data is lost)"
            )
        pw = secrets.token_urlsafe(18)
        proc = subprocess.run(
            self._java(ADMIN, "dbms", "set-initial-password", pw),
            env=self._env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            raise LocalServerError(
                f"neo4j-admin set-initial-password failed:\n{proc.stderr[-2000:]}"
            )
        self.credentials_file.write_text(
            json.dumps({"user": "neo4j", "password": pw}), encoding="utf-8"
        )
        self.credentials_file.chmod(0o600)
        return pw

    # -- run -----------------------------------------------------------------------------

    def pid(self) -> int | None:
        """The launcher's pid (also its process group's id) while the server runs.

        The launcher can die (`kill -9`) while the JVM it forked runs on in its group: the
        server is still up then, and stop() must still find it, so the group counts too.
        """
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        if _is_neo4j(pid) or any(_is_neo4j(member) for member in _group_members(pid)):
            return pid
        return None

    def running(self) -> bool:
        return self.pid() is not None

    def connection(self) -> Connection:
        pw = self.password()
        if pw is None:
            raise LocalServerError(f"the local server in {self.dir} has never been started")
        return Connection(
            uri=f"bolt://127.0.0.1:{self.bolt_port}",
            user="neo4j",
            password=pw,
            source="local",
            browser_url=f"http://127.0.0.1:{self.http_port}/browser/",
        )

    def start(self, progress: Progress = _quiet, timeout: float = 120.0) -> Connection:
        """Install if needed, start if not running; return once Bolt accepts our password."""
        if self.running():
            conn = self.connection()
            self._wait_ready(conn, timeout, progress)
            return conn
        missing = missing_tools(need_maven=not self.installed())
        if missing:
            raise LocalServerError(
                "cannot run the local Neo4j server; missing: " + "; ".join(missing)
            )
        self.install(progress)
        for port in (self.bolt_port, self.http_port):
            if port_in_use(port):
                raise LocalServerError(
                    f"port {port} is taken by another program; stop it or set "
                    "TOC_LOCAL_BOLT_PORT / TOC_LOCAL_HTTP_PORT"
                )
        self.configure()
        self.ensure_password()
        progress(f"starting Neo4j ({self.instance}) on bolt://127.0.0.1:{self.bolt_port}")
        log = self.console_log.open("ab")
        proc = subprocess.Popen(
            self._java(LAUNCHER, "console"),
            env=self._env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            # Its own process group: stop() signals the launcher and the JVM it forks together.
            start_new_session=True,
            cwd=self.dir,
        )
        log.close()
        _STARTED[proc.pid] = proc
        _reap_when_it_exits(proc)
        self.pid_file.write_text(str(proc.pid))
        conn = self.connection()
        self._wait_ready(conn, timeout, progress, proc)
        return conn

    def _wait_ready(
        self,
        conn: Connection,
        timeout: float,
        progress: Progress,
        proc: subprocess.Popen[bytes] | None = None,
    ) -> None:
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

        deadline = time.monotonic() + timeout
        started = time.monotonic()
        last_report = 0.0
        while time.monotonic() < deadline:
            if proc is not None and proc.poll() is not None:
                raise LocalServerError(
                    f"Neo4j exited with code {proc.returncode} while starting; "
                    f"last lines of {self.console_log}:\n{self._log_tail()}"
                )
            if port_in_use(self.bolt_port):
                try:
                    with GraphDatabase.driver(
                        conn.uri, auth=(conn.user, conn.password), connection_timeout=2
                    ) as driver:
                        driver.verify_connectivity()
                    progress(f"Neo4j ({self.instance}) ready in {time.monotonic() - started:.1f}s")
                    return
                except AuthError as e:
                    raise LocalServerError(
                        f"the server on port {self.bolt_port} refuses this instance's password: {e}"
                    ) from e
                except (ServiceUnavailable, Neo4jError, OSError):
                    pass
            now = time.monotonic()
            if now - last_report > 5:
                progress(f"  waiting for Neo4j ({now - started:.0f}s)")
                last_report = now
            time.sleep(0.3)
        raise LocalServerError(
            f"Neo4j did not answer on port {self.bolt_port} within {timeout:.0f}s; "
            f"last lines of {self.console_log}:\n{self._log_tail()}"
        )

    def _log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.console_log.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return "(no log)"

    def stop(self, progress: Progress = _quiet, timeout: float = 60.0) -> bool:
        """Stop cleanly (SIGTERM, SIGKILL after `timeout`); False if it was not running."""
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        progress(f"stopping Neo4j ({self.instance}, pid {pid})")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not _group_alive(pid):
                break
            time.sleep(0.2)
        else:
            progress("  Neo4j did not stop in time; killing it")
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
        _reap(pid)
        self.pid_file.unlink(missing_ok=True)
        return True

    def status(self) -> dict[str, object]:
        return {
            "instance": self.instance,
            "installed": self.installed(),
            "version": pinned_version(),
            "running": self.running(),
            "pid": self.pid(),
            "bolt": f"bolt://127.0.0.1:{self.bolt_port}",
            "browser": f"http://127.0.0.1:{self.http_port}/browser/",
            "home": str(self.dir),
        }


def _is_neo4j(pid: int) -> bool:
    """Whether `pid` is a live Neo4j process (a reused pid after a reboot would not be ours)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True
    return b"neo4j" in cmdline.lower()  # a zombie's is empty


def _group_members(pgid: int) -> list[int]:
    """The pids in process group `pgid` (from /proc; empty where there is none)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # "pid (comm) state ppid pgrp ...": comm may hold spaces, so split after ')'.
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if len(fields) > 2 and fields[2] == str(pgid):
            members.append(int(stat.parent.name))
    return members


def _reap_when_it_exits(proc: subprocess.Popen[bytes]) -> None:
    """Wait for the launcher in the background, so that the moment it exits (killed
    included) it is reaped; a dead child nobody waits for stays in the process table as a
    zombie for as long as `toc up` runs."""
    threading.Thread(target=proc.wait, name=f"reap-neo4j-{proc.pid}", daemon=True).start()


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # Zombies of our own children still count as members; reap them so the group can vanish.
    _reap(pgid)
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _reap(pid: int) -> None:
    proc = _STARTED.get(pid)
    if proc is not None:
        if proc.poll() is not None:
            del _STARTED[pid]
        return
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
