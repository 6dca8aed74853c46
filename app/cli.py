"""`toc`: the explorer's whole life cycle from one command.

toc up                 database + seed data + web app, on whatever this machine offers
toc db start|stop|status|install [--instance NAME]
toc load [DIR]         load (or reload) the seed files, transactionally
toc check [DIR]        validate the seed files without touching the database
toc serve              the web app only, against the configured or local database
toc export VIEW ...    a view as svg/png/pdf/html/mermaid/dot/graphml/gexf/cytoscape/csv/json
toc backup FILE        the whole graph as JSON;  toc restore FILE  into an empty database
toc user add|list|set-role|reset-password|remove|audit   accounts and roles
toc token add|list|revoke                               API tokens for scripts
toc test               lint, format check, types and the test suite (the README's test command)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from neo4j import Driver
from neo4j.exceptions import AuthError, ServiceUnavailable

from app.accounts import cli as accounts_cli
from app.accounts.config import anonymous_role
from app.database.compose_env import ensure_compose_password
from app.database.connection import Connection
from app.database.local_server import LocalServerError
from app.database.provider import (
    NoNeo4jAvailable,
    choose_mode,
    configured_connection,
    local_server,
    resolve_for_app,
)
from app.loader.errors import SeedValidationError
from app.loader.seedgraph import SeedGraph
from app.loader.write import SeedWriteError
from app.render.diagram import drawing_unavailable
from app.settings import REPO_ROOT, Settings, get_settings, is_loopback, is_wildcard
from graph.vocabulary import GAP_KINDS, INCLUDE_KINDS, Direction

_T0 = time.monotonic()


def say(message: str) -> None:
    print(f"[{time.monotonic() - _T0:6.1f}s] {message}", flush=True)


def fail(message: str, code: int = 1) -> int:
    print(f"error: {message}", file=sys.stderr, flush=True)
    return code


# -- database ------------------------------------------------------------------------------


def _database_for_up(settings: Settings) -> Connection:
    mode = choose_mode(settings)
    if mode == "uri":
        conn = configured_connection(settings)
        if conn is None:
            raise NoNeo4jAvailable("TOC_NEO4J_MODE=uri but TOC_NEO4J_URI is not set")
        say(f"using the configured Neo4j at {conn.uri}")
        return conn
    if mode == "local":
        return local_server(settings).start(say, timeout=settings.local_start_timeout_s)
    raise AssertionError(mode)


def cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    server = local_server(settings, args.instance)
    if args.step == "install":
        server.install(say)
        say(f"installed in {server.lib_dir}")
    elif args.step == "start":
        conn = server.start(say, timeout=settings.local_start_timeout_s)
        say(
            f"Neo4j is up: {conn.uri}  (Neo4j Browser: {conn.browser_url}, user neo4j, "
            f"password in {server.credentials_file})"
        )
    elif args.step == "stop":
        if not server.stop(say):
            say(f"Neo4j ({args.instance}) was not running")
        else:
            say("stopped; data kept in " + str(server.dir / "data"))
    elif args.step == "status":
        print(json.dumps(server.status(), indent=2))
    return 0


# -- seed ----------------------------------------------------------------------------------


def _checked(seed_dir: Path) -> SeedGraph:
    """The seed graph, validated before anything else happens; SeedValidationError if not."""
    from app.loader import check_seed

    graph = check_seed(seed_dir)
    say(
        f"{len(graph.files)} seed files valid in {seed_dir}: {len(graph.nodes)} nodes,"
        f" {len(graph.edges)} relationships"
    )
    return graph


def _load(conn: Connection, graph: SeedGraph) -> None:
    from neo4j import GraphDatabase

    from app.loader import write_seed_graph

    with GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password)) as driver:
        report = write_seed_graph(driver, graph, database=conn.database, progress=say)
    say(f"seed loaded: {report}")


def _seed_problems(e: SeedValidationError, seed_dir: Path | None) -> int:
    """Every problem on its own line, as `toc check` prints them; never a traceback."""
    for err in e.errors:
        print(err, file=sys.stderr)
    where = f" in {seed_dir}" if seed_dir is not None else ""
    return fail(f"{len(e.errors)} problem(s){where}; nothing was loaded")


def cmd_load(args: argparse.Namespace, settings: Settings) -> int:
    seed_dir = Path(args.dir) if args.dir else settings.seed_dir
    try:
        # Checked before the database is reached: a bad file fails the same way with or
        # without a server, and nothing is touched.
        graph = _checked(seed_dir)
    except SeedValidationError as e:
        return _seed_problems(e, seed_dir)
    _load(resolve_for_app(settings), graph)
    return 0


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    from app.loader import check_seed

    seed_dir = Path(args.dir) if args.dir else settings.seed_dir
    try:
        graph = check_seed(seed_dir)
    except SeedValidationError as e:
        return _seed_problems(e, seed_dir)
    print(graph.summary())
    return 0


# -- exports and backups ------------------------------------------------------------------


def _driver(settings: Settings) -> tuple[Connection, Driver]:
    from neo4j import GraphDatabase

    conn = resolve_for_app(settings)
    return conn, GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password))


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    import datetime as dt

    from app import exports, views
    from app.errors import NotFound
    from app.repository.base import Db

    if args.view != "cross" and not args.ids:
        return fail(f"{args.view} needs an id")
    conn, driver = _driver(settings)
    db = Db(driver, conn.database)
    try:
        with driver:
            if args.view == "framework":
                view = views.framework_view(db, args.ids[0], args.include or [])
            elif args.view == "cross":
                view = views.cross_view(db, args.ids or None, None, args.include or [])
            elif args.view == "gaps":
                view = views.gaps_view(db, args.ids[0], list(GAP_KINDS), args.include or [])
            elif args.view in ("upstream", "downstream", "focus"):
                direction: Direction = "both" if args.view == "focus" else args.view
                cap = settings.max_payload_nodes
                view = views.focus_view(db, args.ids[0], direction, args.depth, cap)
            else:
                if len(args.ids) != 2:
                    return fail("between needs two ids: SOURCE TARGET")
                view = views.between_view(
                    db, args.ids[0], args.ids[1], args.max_hops, args.max_paths
                )
    except NotFound as e:
        return fail(str(e))
    payload, title = view.payload, view.title
    done = exports.export_file(
        payload.model_dump(), args.format, title=title, taken_at=dt.datetime.now(dt.UTC),
        paper=args.paper,
    )  # fmt: skip
    stem = f"{args.view}-{args.ids[0] if args.ids else 'all'}"
    out = Path(args.output or exports.filename(stem, args.format))
    out.write_bytes(done.body)
    say(f"{title}: {len(payload.nodes)} nodes, {len(payload.edges)} edges -> {out}")
    for warning in done.warnings:
        print(f"warning: {warning}", file=sys.stderr, flush=True)
    return 0


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    from app.exports.backup import dumps_backup
    from app.repository.backup import dump
    from app.repository.base import Db

    conn, driver = _driver(settings)
    with driver:
        doc = dump(Db(driver, conn.database))
    Path(args.file).write_bytes(dumps_backup(doc))
    say(f"{len(doc['nodes'])} nodes, {len(doc['relationships'])} relationships -> {args.file}")
    return 0


def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    from app.exports.backup import BackupError, loads_backup
    from app.repository.backup import restore
    from app.repository.base import Db

    try:
        doc = loads_backup(Path(args.file).read_bytes())
        conn, driver = _driver(settings)
        with driver:
            counts = restore(Db(driver, conn.database), doc)
    except BackupError as e:
        return fail(f"{args.file}: {e}")
    say(f"restored {counts['nodes']} nodes and {counts['relationships']} relationships")
    return 0


# -- web -----------------------------------------------------------------------------------


def exposure_warning(settings: Settings, host: str, port: int) -> str | None:
    """What to tell whoever binds the app beyond loopback: who can reach it, and what they
    may do without signing in (``TOC_ANONYMOUS``)."""
    if is_loopback(host):
        return None
    where = "every network interface" if is_wildcard(host) else host
    hosts = ", ".join(settings.trusted_hosts())
    if anonymous_role(settings.model_copy(update={"host": host})) is not None:
        headline = (
            "ANYONE WHO CAN REACH THIS PORT CAN BROWSE AND EXPORT THE WHOLE GRAPH without\n"
            "signing in (TOC_ANONYMOUS=viewer). Set TOC_ANONYMOUS=none unless that is meant."
        )
    else:
        headline = (
            "Everyone must sign in (TOC_ANONYMOUS=none). Passwords and session cookies cross\n"
            "the network: serve it behind HTTPS (README: Running for a team)."
        )
    return (
        "\n" + "!" * 78 + "\n"
        f"WARNING: the explorer listens on {where} (port {port}), not only on this machine.\n"
        f"{headline}\n"
        f"Requests must name a host in TOC_ALLOWED_HOSTS (now: {hosts}).\n" + "!" * 78
    )


def _serve(settings: Settings, conn: Connection, host: str, port: int) -> int:
    import uvicorn

    from app.main import create_app

    # The host given on the command line is one the app must answer to.
    settings = settings.model_copy(update={"host": host})
    warning = exposure_warning(settings, host, port)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    url = f"http://{host}:{port}/"
    say(f"explorer at {url}   (API docs: {url}docs, health: {url}health)")
    if conn.browser_url:
        say(f"Neo4j Browser at {conn.browser_url}")
    uvicorn.run(create_app(settings, conn), host=host, port=port, log_level="info")
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    conn = resolve_for_app(settings)
    return _serve(settings, conn, args.host or settings.host, args.port or settings.port)


def _compose_up(settings: Settings, port: int, env_file: Path = REPO_ROOT / ".env") -> int:
    say("Docker engine found: starting Neo4j and the app with docker compose")
    if ensure_compose_password(env_file):
        say(f"generated a Neo4j password for docker compose into {env_file} (keep it)")
    proc = subprocess.run(["docker", "compose", "up", "-d", "--build"], cwd=REPO_ROOT, check=False)
    if proc.returncode != 0:
        return fail("docker compose up failed (see above)")
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "health", timeout=2) as r:
                if r.status == 200:
                    say(f"explorer at {url}  (stop with: docker compose down)")
                    return 0
        except OSError:
            pass
        time.sleep(2)
    return fail("the app did not become healthy within 5 minutes: docker compose logs app")


def _runtime_packages() -> None:
    """What the explorer needs beside Python (Graphviz for SVG/PNG/PDF), installed when run as
    root; otherwise a warning, since everything else works without it."""
    setup = REPO_ROOT / "scripts" / "install-system-deps.sh"
    try:
        proc = subprocess.run(
            ["bash", str(setup), "runtime"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        for line in (proc.stdout + proc.stderr).splitlines():
            say(line)
    except OSError as e:
        say(f"cannot run {setup}: {e}")
    missing = drawing_unavailable()
    if missing:
        say(f"WARNING: {missing}")


def cmd_up(args: argparse.Namespace, settings: Settings) -> int:
    if choose_mode(settings) == "docker":
        return _compose_up(settings, args.port or settings.port)  # the image has Graphviz
    _runtime_packages()
    graph = None
    if not args.no_seed:
        try:
            graph = _checked(settings.seed_dir)
        except SeedValidationError as e:
            return _seed_problems(e, settings.seed_dir)
    conn = _database_for_up(settings)
    if graph is not None:
        _load(conn, graph)
    host = args.host or settings.host
    accounts_cli.ensure_first_admin(settings.model_copy(update={"host": host}), say)
    return _serve(settings, conn, host, args.port or settings.port)


# -- tests ---------------------------------------------------------------------------------


def cmd_test(args: argparse.Namespace, settings: Settings) -> int:
    setup = REPO_ROOT / "scripts" / "install-system-deps.sh"
    steps: list[tuple[str, list[str]]] = [
        ("system packages", ["bash", str(setup), "test"]),
        ("ruff lint", [sys.executable, "-m", "ruff", "check", "."]),
        ("ruff format", [sys.executable, "-m", "ruff", "format", "--check", "."]),
        ("mypy", [sys.executable, "-m", "mypy"]),
        ("pytest", [sys.executable, "-m", "pytest", *args.pytest_args]),
    ]
    for name, cmd in steps:
        say(f"== {name}: {' '.join(cmd)}")
        rc = subprocess.run(cmd, cwd=REPO_ROOT, check=False).returncode
        if rc != 0:
            return fail(f"{name} failed (exit {rc})", rc)
    say("all checks passed")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="toc", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)

    up = sub.add_parser("up", help="start Neo4j, load the seed data and serve the explorer")
    up.add_argument("--no-seed", action="store_true", help="do not (re)load the seed files")
    up.add_argument("--host")
    up.add_argument("--port", type=int)
    up.set_defaults(func=cmd_up)

    db = sub.add_parser("db", help="the local Neo4j server (no Docker)")
    db.add_argument("step", choices=["install", "start", "stop", "status"])
    db.add_argument("--instance", default="dev", choices=["dev", "test", "bench"])
    db.set_defaults(func=cmd_db)

    load = sub.add_parser("load", help="load or reload the seed files")
    load.add_argument("dir", nargs="?")
    load.set_defaults(func=cmd_load)

    check = sub.add_parser("check", help="validate the seed files")
    check.add_argument("dir", nargs="?")
    check.set_defaults(func=cmd_check)

    serve = sub.add_parser("serve", help="serve the web app")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.set_defaults(func=cmd_serve)

    ex = sub.add_parser("export", help="export a view to a file")
    ex.add_argument(
        "view",
        choices=["framework", "cross", "gaps", "upstream", "downstream", "focus", "between"],
    )
    ex.add_argument(
        "ids", nargs="*", help="framework or node id (two for between; frameworks for cross)"
    )
    from app.exports import FORMATS

    ex.add_argument("--format", "-f", default="svg", choices=list(FORMATS))
    ex.add_argument("--output", "-o", help="file to write (default: a name from the view)")
    ex.add_argument("--depth", type=int, help="hops, for upstream/downstream/focus")
    ex.add_argument("--max-hops", type=int, default=6, help="for between")
    ex.add_argument("--max-paths", type=int, default=10, help="for between")
    ex.add_argument("--include", action="append", choices=INCLUDE_KINDS)
    ex.add_argument("--paper", default="A3", choices=["A4", "A3"])
    ex.set_defaults(func=cmd_export)

    bk = sub.add_parser("backup", help="write the whole graph to a JSON backup")
    bk.add_argument("file")
    bk.set_defaults(func=cmd_backup)
    rs = sub.add_parser("restore", help="restore a JSON backup into an empty database")
    rs.add_argument("file")
    rs.set_defaults(func=cmd_restore)

    # Accounts and roles: `toc user ...`, `toc token ...` (app/accounts/cli.py).
    accounts_cli.add_parsers(sub)

    test = sub.add_parser("test", help="lint, types and tests against a real Neo4j")
    test.add_argument("pytest_args", nargs=argparse.REMAINDER)
    test.set_defaults(func=cmd_test)
    return p


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if args.command == "test":
        # Everything after `test` is pytest's, options first included (`toc test -q -x`):
        # argparse's REMAINDER alone refuses a leading option.
        args.pytest_args = [*unknown, *args.pytest_args]
    elif unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.chdir(REPO_ROOT)
    try:
        return int(args.func(args, get_settings()))
    except (NoNeo4jAvailable, LocalServerError) as e:
        return fail(str(e))
    except SeedValidationError as e:
        return _seed_problems(e, None)
    except SeedWriteError as e:
        return fail(f"the load was rolled back, nothing changed: {e}")
    except (AuthError, ServiceUnavailable) as e:
        return fail(f"Neo4j cannot be reached: {e}")
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
