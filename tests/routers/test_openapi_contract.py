"""The API keeps the promises of its own OpenAPI document, checked by Schemathesis.

Schemathesis reads ``/openapi.json`` from the real app (served on loopback, against the real
Neo4j holding the seed graph) and sends every operation generated requests, valid and invalid,
in all its phases (the document's examples, coverage of each constraint's edges, random
fuzzing, chains of calls). Every answer must be documented (status code, media type and body
schema), a valid request must be accepted, an invalid one refused, and nothing may answer 5xx.
The run is bounded (few examples per operation, a fixed seed, so it gives the same requests
every time) and its figures are printed (``-s`` shows them).
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from app.database.connection import Connection
from app.main import create_app
from app.settings import Settings
from tests.support.accounts import RoleAccounts
from tests.support.browser.harness import serve

pytestmark = pytest.mark.slow

# Examples per operation and phase: enough to reach every constraint's edges (the coverage
# phase does not depend on it), few enough that the whole run stays under two minutes here.
MAX_EXAMPLES = 10
SEED = 20261130

# What the run leaves out, and why. Everything else is checked with every check.
CONFIG = """
# Accounts (sign-in, tokens, administration) change who may do what: fuzzed, they would
# remove or demote the very accounts the run signs in with. tests/accounts covers each one,
# with every role, and its own hostile suite.
[[operations]]
include-path-regex = "^/(auth|api/admin)/"
enabled = false

# The whole graph as one JSON file, hundreds of kilobytes, built from every node: each call
# takes seconds and has no parameter to vary. tests/exports covers it.
[[operations]]
include-path = "/api/export/backup"
enabled = false

# A console query can be valid JSON and still fail as Cypher (a syntax error, a $parameter
# the query names but the request lacks: 400 cypher_error) or run past the time limit the
# request asked for (timeout_s is any positive number: 408). The schema cannot state
# Cypher's grammar or a query's running time; both answers are documented. A run may take
# up to its time limit (10 s by default) before its 408, longer on a loaded machine.
[[operations]]
include-path-regex = "^/api/(console|queries/[a-z0-9_]+/run)$"
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "408"]
checks.max_response_time = 60.0

# A graph payload's edges must join nodes of that payload and its ids must be unique: a rule
# across fields, which JSON Schema cannot state. Such payloads are refused with 422 naming
# the edge or id.
[[operations]]
include-path-regex = "^/(api/export|views/data/vis)$"
include-method = "POST"
checks.positive_data_acceptance.expected-statuses = ["2xx", "422"]
"""


@pytest.fixture(scope="module")
def served(neo4j_driver: Driver, connection: Connection, test_settings: Settings) -> Iterator[str]:
    """The app on a loopback port, with the database holding exactly the seed graph."""
    from tests.support.seed import SEED_DIR, DbState

    if not DbState.seeded:
        from app.loader import load_seed

        neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
        load_seed(neo4j_driver, SEED_DIR)
        DbState.seeded = True
    # Thousands of requests: Neo4j's notes on the queries (a property no node has yet) would
    # bury the report.
    notes = logging.getLogger("neo4j.notifications")
    level = notes.level
    notes.setLevel(logging.ERROR)
    try:
        with serve(create_app(test_settings, connection)) as url:
            yield url
    finally:
        notes.setLevel(level)


# Two Schemathesis processes share the run, each taking half the operations: the exports
# (Graphviz) and the saved queries in one, the rest in the other. Processes rather than its
# own worker threads: with two threads, CPython 3.11.7's ast.parse (which Hypothesis calls to
# describe its filters) races ("AST constructor recursion depth mismatch").
HEAVY = "^/api/(export|queries)"
SHARES = {"exports-and-saved": ["--include-path-regex", HEAVY],
          "the-rest": ["--exclude-path-regex", HEAVY]}  # fmt: skip


def test_every_answer_is_the_one_the_openapi_document_promises(
    served: str, tmp_path: Path, role_accounts: RoleAccounts
) -> None:
    # A researcher may do everything the run covers (the accounts' routes are left out).
    ((name, value),) = role_accounts.bearer("researcher").items()
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG, encoding="utf-8")
    runs: dict[str, tuple[subprocess.Popen[str], Path]] = {}
    started = time.monotonic()
    for share, selection in SHARES.items():
        report = tmp_path / f"{share}.json"
        command = [
            sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "--no-color",
            "run", f"{served}/openapi.json", *selection,
            "--checks", "all",
            "--max-examples", str(MAX_EXAMPLES),
            "--seed", str(SEED),
            "--workers", "1",
            # A console run may take its whole time limit (10 s) while the other share works.
            "--request-timeout", "60",
            "--header", f"{name}: {value}",
            "--report", "json", "--report-json-path", str(report),
        ]  # fmt: skip
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=tmp_path
        )
        runs[share] = (process, report)
    outputs = {share: process.communicate(timeout=600)[0] for share, (process, _) in runs.items()}
    elapsed = time.monotonic() - started
    generated = tested = 0
    for share, (process, report) in runs.items():
        output = outputs[share]
        assert process.returncode == 0, f"{share}:\n{output[-20_000:]}"
        figures = json.loads(report.read_text(encoding="utf-8"))
        operations, cases = figures["operations"], figures["test_cases"]
        assert operations["tested"] == operations["selected"] > 10, (share, operations)
        assert cases["with_failures"] == 0 and not figures["failures"] and not figures["errors"]
        assert all(p["status"] == "success" for p in figures["phases"].values()), share
        generated += cases["generated"]
        tested += operations["tested"]
    print(f"\n[schemathesis] {generated} requests to {tested} operations, 0 failures, "
          f"{elapsed:.0f} s")  # fmt: skip
    assert tested >= 45
