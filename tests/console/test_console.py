"""The Cypher console against the real seeded Neo4j: legitimate questions work, and a hostile
suite (writes in every disguise, administration, files, network, runaway and huge queries)
is refused or bounded, after which the graph, its schema and its users are exactly as before.

Tests run in file order; the last one compares the checksum taken before the first."""

from __future__ import annotations

import asyncio
import hashlib
import http.server
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import psutil
import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from neo4j.exceptions import Neo4jError

from app.console import policy
from app.console.errors import QueryForbidden, QueryTimedOut
from app.console.runner import Bounds, run_read_only
from app.database.connection import Connection
from app.main import console_workers, create_app
from app.repository.base import Db
from app.settings import Settings
from tests.support.accounts import RoleAccounts
from tests.support.neo4j_server import free_port
from tests.support.served import poll_in_subprocess, serve_subprocess, tree_rss

PROBE = "HostileProbe"


def graph_checksum(driver: Driver) -> str:
    """Every node with its labels and properties, every relationship with its type, ends and
    properties, plus the schema and the users: any write, schema change or new user changes
    it. Content, not element ids, so that reloading the same seed leaves it as it was."""
    nodes, _, _ = driver.execute_query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS p")
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, properties(a) AS start, "
        "properties(b) AS end, properties(r) AS p"
    )
    indexes, _, _ = driver.execute_query("SHOW INDEXES YIELD name, type RETURN name, type")
    constraints, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name")
    users, _, _ = driver.execute_query("SHOW USERS YIELD user RETURN user", database_="system")

    def canon(records: list[Any]) -> list[str]:
        return sorted(
            json.dumps(r.data(), sort_keys=True, default=str, ensure_ascii=False) for r in records
        )

    state = [canon(x) for x in (nodes, rels, indexes, constraints, users)]
    return hashlib.sha256(json.dumps(state).encode()).hexdigest()


_BASELINE: dict[str, str] = {}


@pytest.fixture(autouse=True)
def _baseline(seeded_db: Driver) -> None:
    """The checksum of the seeded graph before this module's first test ran."""
    _BASELINE.setdefault("checksum", graph_checksum(seeded_db))


def run(client: TestClient, query: str, **extra: Any) -> Any:
    return client.post("/api/console", json={"query": query, **extra})


# -- legitimate questions ------------------------------------------------------------------


def test_nodes_come_back_as_rows_and_as_a_graph(client: TestClient, seeded_db: Driver) -> None:
    r = run(client, "MATCH (n:Result) RETURN n LIMIT 5")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["columns"] == ["n"]
    assert len(body["rows"]) == 5
    cell = body["rows"][0][0]
    assert "Result" in cell["labels"] and cell["id"] and cell["level"]
    assert body["truncated"] is False
    assert body["row_cap"] == Settings(_env_file=None).console_max_rows  # type: ignore[call-arg]
    assert body["elapsed_ms"] > 0
    graph = body["graph"]
    assert {n["id"] for n in graph["nodes"]} == {row[0]["id"] for row in body["rows"]}
    assert all(n["label"] == "Result" for n in graph["nodes"])


def test_paths_fill_the_graph_with_nodes_and_edges(client: TestClient) -> None:
    r = run(
        client,
        "MATCH p = (:Pledge {code: $code})-[:CONTRIBUTES_TO*1..4]->(:Result {id: $outcome}) "
        "RETURN p",
        params={"code": "GRF 08068", "outcome": "mirps-rf.outcome-3"},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["rows"], "GRF 08068 reaches mirps-rf.outcome-3 in the seed"
    path = body["rows"][0][0]
    assert path["path"][0] == "pledge.grf-08068" and path["path"][-1] == "mirps-rf.outcome-3"
    edges = body["graph"]["edges"]
    assert edges and all(e["type"] == "CONTRIBUTES_TO" for e in edges)
    assert body["graph"]["meta"]["params"]["code"] == "GRF 08068"


def test_parameters_travel_as_values(client: TestClient, seeded_db: Driver) -> None:
    records, _, _ = seeded_db.execute_query(
        "MATCH (r:Result {id: 'mirps-rf.outcome-3'}) RETURN r.name AS name"
    )
    r = run(
        client,
        "MATCH (r:Result {id: $id}) RETURN r.name AS name, $n + 1 AS next, $flags AS flags",
        params={"id": "mirps-rf.outcome-3", "n": 41, "flags": [True, None, {"a": "b"}]},
    )
    assert r.status_code == 200, r.text
    assert r.json()["rows"] == [[records[0]["name"], 42, [True, None, {"a": "b"}]]]
    assert r.json()["graph"] is None  # scalars only: no graph


@pytest.mark.parametrize(
    "query",
    [
        "RETURN 'CREATE (n) SET n.x = 1 DETACH DELETE n' AS s",
        "RETURN \"LOAD CSV FROM 'file:///etc/passwd'\" AS s",
        "RETURN 'it\\'s a CREATE' AS s",
        "// CREATE, MERGE and DELETE in a comment are fine\nRETURN 'ok' AS s",
        "/* SHOW USERS; DROP INDEX x */ RETURN 'ok' AS s",
        "MATCH (n:Result) RETURN n.set AS s, n.create AS c, {delete: 1}.delete AS d LIMIT 1",
        "MATCH (start:Result {id: 'mirps.impact'}) WITH start AS stop RETURN stop.id AS s",
        "RETURN 'ok' AS s;",
        # An escaped backslash: `\\u0027` stays text inside the literal, for Neo4j too.
        r"RETURN '\\u0027 CREATE (n) //' AS s",
        r"RETURN 'caf\u00e9' AS s",
        r"RETURN 1 AS s \u002F\u002A a comment, once decoded \u002A\u002F",
    ],
)
def test_reads_that_merely_mention_write_words_are_allowed(client: TestClient, query: str) -> None:
    r = run(client, query)
    assert r.status_code == 200, r.text
    assert r.json()["rows"]


def test_allow_listed_procedures_run(client: TestClient) -> None:
    r = run(client, "CALL db.labels() YIELD label RETURN label ORDER BY label")
    assert r.status_code == 200, r.text
    assert ["Result"] in r.json()["rows"]
    r = run(
        client,
        "CALL db.index.fulltext.queryNodes('toc_fulltext', $q) YIELD node, score "
        "RETURN node.id AS id LIMIT 5",
        params={"q": "skills"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["rows"]
    r = run(client, "CALL dbms.components() YIELD edition RETURN edition")
    assert r.status_code == 200 and r.json()["rows"] == [["community"]]


def test_neo4j_notifications_are_passed_on(client: TestClient) -> None:
    r = run(client, "MATCH (a:Theme), (b:Theme) RETURN count(*) AS pairs")
    assert r.status_code == 200, r.text
    codes = [n["code"] for n in r.json()["notifications"]]
    assert "03N90" in codes  # cartesian product
    assert len(codes) == len(set(codes))


def test_values_json_cannot_carry_are_made_safe(client: TestClient) -> None:
    r = run(client, "RETURN 0.0 / 0.0 AS nan, 1.0 / 0.0 AS inf, date('2024-05-01') AS d")
    assert r.status_code == 200, r.text
    assert r.json()["rows"] == [["NaN", "Infinity", "2024-05-01"]]


# -- the hostile suite: refused before anything runs ---------------------------------------

HOSTILE: list[tuple[str, str, str]] = [
    # (query, what the detail names, where)
    (f"CREATE (n:{PROBE} {{id: 'x'}})", "write clause CREATE", "1:1"),
    (f"MERGE (n:{PROBE} {{id: 'x'}})", "write clause MERGE", "1:1"),
    ("MATCH (n:Theme) SET n.name = 'pwned'", "write clause SET", "1:17"),
    ("MATCH (n:Theme) SET n:Pwned", "write clause SET", "1:17"),
    ("MATCH (n:Theme) DELETE n", "write clause DELETE", "1:17"),
    ("MATCH (n) DETACH DELETE n", "write clause DETACH DELETE", "1:11"),
    ("MATCH (n:Theme) REMOVE n.name", "write clause REMOVE", "1:17"),
    ("MATCH (n:Theme) FOREACH (x IN [1] | SET n.name = 'x')", "write clause FOREACH", "1:17"),
    ("match (n) detach delete n", "write clause DETACH DELETE", "1:11"),
    ("MaTcH (n) DeLeTe n", "write clause DELETE", "1:11"),
    (f"INSERT (:{PROBE})", "write clause INSERT", "1:1"),
    ("// only reading, promise\nMATCH (n:Theme) SET n.x = 1", "write clause SET", "2:17"),
    ("MATCH (n:Theme) /* RETURN n */ DELETE n", "write clause DELETE", "1:32"),
    ("MATCH (n:Theme)\n  /* multi\n  line */\n  DETACH DELETE n", "DETACH DELETE", "4:3"),
    (f"// harmless\u2028CREATE (:{PROBE})", "write clause CREATE", "1:13"),
    (f"// harmless\rCREATE (:{PROBE})", "write clause CREATE", "1:13"),
    (f"\uff23\uff32\uff25\uff21\uff34\uff25 (:{PROBE})", "write clause CREATE", "1:1"),
    (f"CRE\u200bATE (:{PROBE})", "invisible or control character U+200B", "1:4"),
    # Neo4j decodes \uXXXX escapes before it reads strings, comments and keywords.
    (r"UNWIND [1] AS x \u004cOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", "LOAD CSV", "1:17"),
    (
        r"WITH '\u0027 AS a LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l //' AS s RETURN s",
        "LOAD CSV",
        "1:19",
    ),
    (r"MATCH (n:Theme) \u0053ET n.name = 'x'", "write clause SET", "1:17"),
    (f"RETURN '\\u0027 CREATE (:{PROBE}) //' AS s", "write clause CREATE", "1:16"),
    (f"RETURN 1 AS x // note \\u000a CREATE (:{PROBE})", "write clause CREATE", "1:30"),
    (f"\\u0043REATE (:{PROBE})", "write clause CREATE", "1:1"),
    ("MATCH (n) DETACH\u00a0DELETE n", "write clause DETACH DELETE", "1:11"),
    (f"RETURN 1 AS x \u202e CREATE (:{PROBE})", "U+202E", "1:15"),
    (f"MATCH (n) RETURN n /* hide\nCREATE (:{PROBE})", "unterminated /* comment", "1:20"),
    (f"RETURN 'a\\' CREATE (:{PROBE}) //", "unterminated string literal", "1:8"),
    (f"CALL {{ CREATE (:{PROBE}) }} RETURN 1", "write clause CREATE", "1:8"),
    (
        f"UNWIND range(1, 3) AS i CALL {{ WITH i CREATE (:{PROBE}) }} IN TRANSACTIONS",
        "IN TRANSACTIONS",
        "1:67",
    ),
    ("UNWIND [1] AS i CALL { WITH i RETURN i AS j } IN TRANSACTIONS RETURN j", "IN TRANS", "1:50"),
    (
        "CALL dbms.security.createUser('mallory', 'secret123', false)",
        "procedure dbms.security.createUser",
        "1:6",
    ),
    ("CALL dbms.killQueries(['query-1'])", "procedure dbms.killQueries", "1:6"),
    ("CALL dbms.listConfig()", "procedure dbms.listConfig", "1:6"),
    ("SHOW USERS", "administration command SHOW USERS", "1:1"),
    ("SHOW DATABASES YIELD name", "administration command SHOW DATABASES", "1:1"),
    ("CREATE USER mallory SET PASSWORD 'secret123'", "administration command CREATE USER", "1:1"),
    ("GRANT ROLE admin TO mallory", "administration command GRANT ROLE", "1:1"),
    ("ALTER USER neo4j SET PASSWORD 'pwned123'", "administration command ALTER USER", "1:1"),
    ("STOP DATABASE neo4j", "administration command STOP DATABASE", "1:1"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TERMINATE TRANSACTIONS", "1:1"),
    ("USE system SHOW USERS", "USE", "1:1"),
    ("CREATE INDEX hostile_idx FOR (n:Result) ON (n.name)", "schema command CREATE INDEX", "1:1"),
    ("CREATE TEXT INDEX hostile_txt FOR (n:Result) ON (n.name)", "CREATE INDEX", "1:1"),
    ("DROP CONSTRAINT result_id_unique", "schema command DROP CONSTRAINT", "1:1"),
    ("DROP INDEX toc_fulltext", "schema command DROP INDEX", "1:1"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "LOAD CSV", "1:1"),
    ("LOAD CSV FROM 'http://127.0.0.1:1/' AS line RETURN line", "LOAD CSV", "1:1"),
    ("load csv with headers from 'file:///etc/passwd' as l return l", "LOAD CSV", "1:1"),
    ("CALL db.createLabel('Hostile')", "procedure db.createLabel", "1:6"),
    ("CALL db.createProperty('hostile')", "procedure db.createProperty", "1:6"),
    ("CALL db.index.fulltext.drop('toc_fulltext')", "procedure db.index.fulltext.drop", "1:6"),
    ("CALL db.clearQueryCaches()", "procedure db.clearQueryCaches", "1:6"),
    ("CALL apoc.load.json('file:///etc/passwd')", "procedure apoc.load.json", "1:6"),
    ("CALL apoc.load.csv('http://127.0.0.1:1/x.csv')", "procedure apoc.load.csv", "1:6"),
    ("CALL apoc.export.csv.all('/tmp/x.csv', {})", "procedure apoc.export.csv.all", "1:6"),
    ("CALL apoc.import.json('file:///tmp/x.json')", "procedure apoc.import.json", "1:6"),
    ("CALL apoc.create.node(['Hostile'], {})", "procedure apoc.create.node", "1:6"),
    ("CALL apoc.merge.node(['Hostile'], {id: 1})", "procedure apoc.merge.node", "1:6"),
    (
        "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
        "procedure apoc.periodic.iterate",
        "1:6",
    ),
    ("MATCH (n) CALL apoc.refactor.rename.label('Result', 'X')", "apoc.refactor", "1:16"),
    ("CALL apoc.util.sleep(100000)", "procedure apoc.util.sleep", "1:6"),
    ("CALL apoc.trigger.add('t', 'MATCH (n) DETACH DELETE n', {})", "apoc.trigger.add", "1:6"),
    ("CALL apoc.systemdb.execute('SHOW USERS')", "apoc.systemdb.execute", "1:6"),
    (
        "RETURN apoc.cypher.runFirstColumnSingle('MATCH (n) DETACH DELETE n', {}) AS x",
        "function apoc.cypher.runFirstColumnSingle",
        "1:8",
    ),
    ("RETURN apoc.static.get('secret') AS x", "function apoc.static.get", "1:8"),
    ("RETURN `apoc.load`.json('file:///etc/passwd') AS x", "function apoc.load.json", "1:8"),
    ("RETURN apoc . load . json ('file:///etc/passwd') AS x", "function apoc.load.json", "1:8"),
    ("CALL `apoc`.`load`.`json`('file:///etc/passwd')", "procedure apoc.load.json", "1:6"),
    ("RETURN 1; MATCH (n) DETACH DELETE n", "';' separating statements", "1:9"),
    ("EXPLAIN MATCH (n) RETURN n; RETURN 2", "';' separating statements", "1:27"),
    ("RETURN 1 /* ; */ ; RETURN 2", "';' separating statements", "1:18"),
    ("CALL my.custom.procedure()", "procedure my.custom.procedure", "1:6"),
    # Runaway shapes (issue 11): read-only, but they stall or exhaust Neo4j whatever the limit.
    ("RETURN " + "[" * 700 + "1" + "]" * 700 + " AS deep", "nesting deeper than 64", "1:72"),
    ("RETURN " + "[" * 300 + "1" + "]" * 300 + " AS deep", "nesting deeper than 64", "1:72"),
    ("RETURN " + "(" * 400 + "1" + ")" * 400 + " AS deep", "nesting deeper than 64", "1:72"),
    ("RETURN " + "{a: " * 300 + "1" + "}" * 300 + " AS deep", "nesting deeper than 64", "1:264"),
    ("RETURN " + "abs(" * 400 + "1" + ")" * 400 + " AS deep", "nesting deeper than 64", "1:267"),
    ("RETURN " + "NOT " * 2000 + "true AS deep", "nesting deeper than 64", "1:264"),
    ("RETURN " + "- " * 3000 + "1 AS deep", "nesting deeper than 64", "1:136"),
    (
        "RETURN " + "CASE WHEN true THEN " * 300 + "1" + " END" * 300 + " AS deep",
        "nesting deeper than 64",
        "1:1288",
    ),
    (
        "MATCH (n:Theme) WHERE "
        + "EXISTS { MATCH (n)--(m) WHERE " * 70
        + "true"
        + " }" * 70
        + " RETURN n",
        "nesting deeper than 64",
        "1:1902",
    ),
    ("RETURN $s =~ '(?:(a|a)\\1?)+b' AS m", "regular expression with a backreference", "1:14"),
    ("RETURN 'x' =~ '(a|a)+b' AS m", "repeated group that itself repeats or alternates", "1:15"),
    ("RETURN 'x' =~ '(a+)+b' AS m", "repeated group that itself repeats or alternates", "1:15"),
    ("RETURN 'x' =~ '^(\\w+\\s?)*$' AS m", "repeated group that itself", "1:15"),
    ("RETURN 'x' =~ '(?<n>a)\\k<n>' AS m", "with a backreference", "1:15"),
    ("RETURN 'x' =~ '.*a.*b.*c.*' AS m", "more than 3 unbounded repetitions", "1:15"),
    ("RETURN 'x' =~ $pattern AS m", "regular expression that is not a string literal", "1:12"),
    ("RETURN 'x' =~ '^' + $prefix AS m", "regular expression that is not a string literal", "1:12"),
    ("MATCH (n) WHERE n.name =~ n.id RETURN n", "not a string literal", "1:24"),
    (
        "RETURN size([x IN range(1, 30000000) | toString(x)]) AS n",
        "range() of 30,000,000 elements",
        "1:19",
    ),
    ("RETURN range(1, 40000000) AS r", "range() of 40,000,000 elements", "1:8"),
    ("RETURN range(1, 10000000) AS r", "range() of 10,000,000 elements", "1:8"),
    ("RETURN range(-2 * (10 ^ 7), 0x7FFFFFF) AS r", "range() of", "1:8"),
    ("WITH [x IN range(1, 5000000) | x] AS l UNWIND l AS x RETURN count(x)", "range()", "1:12"),
    (
        "RETURN size(reduce(s = 'x', i IN range(1, 31) | s + s)) AS n",
        "reduce() that doubles s",
        "1:13",
    ),
    ("RETURN reduce(s = [1], i IN range(1, 40) | (s) + (s)) AS n", "reduce() that doubles", "1:8"),
    (
        "MATCH (n) WITH collect(n.id) AS l RETURN reduce(a = 'x', i IN l | a + '-' + a) AS n",
        "reduce() that doubles a",
        "1:42",
    ),
]


@pytest.mark.parametrize(("query", "what", "where"), HOSTILE, ids=[h[0][:40] for h in HOSTILE])
def test_hostile_queries_are_refused_before_running(
    client: TestClient, seeded_db: Driver, query: str, what: str, where: str
) -> None:
    r = run(client, query)
    assert r.status_code == 400, r.text
    body = r.json()
    assert body["error"] == "forbidden"
    assert what in body["detail"], body["detail"]
    assert f"at {where}:" in body["detail"], body["detail"]
    records, _, _ = seeded_db.execute_query(f"MATCH (n:{PROBE}) RETURN count(n) AS c")
    assert records[0]["c"] == 0


def test_refusals_name_every_offence_with_its_position(client: TestClient) -> None:
    r = run(client, "USE system\nSHOW USERS")
    body = r.json()
    assert [(x["what"], x["line"], x["column"]) for x in body["refusals"]] == [
        ("USE", 1, 1),
        ("administration command SHOW USERS", 2, 1),
    ]


@pytest.mark.parametrize(
    "query",
    [
        f"CRE/**/ATE (:{PROBE})",  # a comment splits the word: two identifiers to Neo4j
        f"\u0421REATE (:{PROBE})",  # Cyrillic Es: an identifier, not the keyword
        f"`CREATE` (:{PROBE})",  # a quoted name is never a keyword
        f"/* /* nested? */ CREATE (:{PROBE}) */",  # the first */ ends the comment
    ],
)
def test_tricks_that_are_not_keywords_to_neo4j_fail_harmlessly(
    client: TestClient, seeded_db: Driver, query: str
) -> None:
    r = run(client, query)
    assert r.status_code == 400, r.text
    assert r.json()["error"] in ("forbidden", "cypher_error")
    records, _, _ = seeded_db.execute_query(f"MATCH (n:{PROBE}) RETURN count(n) AS c")
    assert records[0]["c"] == 0


@pytest.mark.parametrize(
    ("query", "params", "refused"),
    [
        ("RETURN size(range(1, $n)) AS n", {"n": 40_000_000}, True),
        ("RETURN size(range(1, $n)) AS n", {"n": 1000}, False),
        ("RETURN size(range($a, $a * $b)) AS n", {"a": 5000, "b": 5000}, True),
        ("RETURN size(reduce(s = 'x', i IN range(1, $k) | s + s)) AS n", {"k": 31}, True),
        ("RETURN size(reduce(s = 'x', i IN range(1, $k) | s + s)) AS n", {"k": 10}, False),
        ("UNWIND range(1, $n) AS x RETURN count(x) AS n", {"n": 2_000_000}, False),
    ],
)
def test_range_bounds_given_as_parameters_are_checked_with_their_values(
    client: TestClient, query: str, params: dict[str, Any], refused: bool
) -> None:
    r = run(client, query, params=params)
    if refused:
        assert r.status_code == 400, r.text
        assert r.json()["error"] == "forbidden"
    else:
        assert r.status_code == 200, r.text


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (r:Result) WHERE r.name =~ '(?i).*skills.*' RETURN count(r) AS n",
        "MATCH (r:Result) WHERE r.id =~ 'mirps-rf\\.outcome-[0-9]+' RETURN count(r) AS n",
        "RETURN 'GRF 08068' =~ '(?:GRF|grf) [0-9]{5}' AS m",
        "RETURN 'abc' =~ '[a-c]+(?=c)?c' AS m",
        "RETURN " + "[" * 64 + "1" + "]" * 64 + " AS deep",
        "RETURN range(1, 1000000)[-1] AS last",
        "RETURN reduce(acc = [], x IN [1, 2, 1] | CASE WHEN x IN acc THEN acc ELSE acc + [x] END)"
        " AS distinct",
        "RETURN reduce(s = 'ab', i IN range(1, 12) | s + s) AS grown",
    ],
)
def test_bounded_shapes_of_the_same_kinds_still_run(client: TestClient, query: str) -> None:
    r = run(client, query)
    assert r.status_code == 200, r.text


def test_a_value_nested_deeper_than_a_cell_may_be_is_cut_with_a_note(client: TestClient) -> None:
    # reduce builds any depth in one value; the JSON encoder would fail on it (500 before).
    r = run(client, "RETURN reduce(a = [], i IN range(1, 2000) | [a]) AS deep, [[1]] AS ok")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["rows"] == [["(nested deeper than 100 levels)", [[1]]]]
    assert body["truncated"] is True
    assert "nested deeper than 100 levels" in body["notifications"][-1]["description"]


# -- the second wall: Neo4j's own read-only transaction ------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        f"CREATE (:{PROBE} {{id: 'second-wall'}})",
        f"MERGE (:{PROBE} {{id: 'second-wall'}})",
        "MATCH (n:Theme) SET n.name = 'pwned'",
        "MATCH (n:Theme) DETACH DELETE n",
        "MATCH (n:Theme) REMOVE n.name",
        f"UNWIND [1] AS i CALL {{ WITH i CREATE (:{PROBE}) }} IN TRANSACTIONS",
        "CALL db.createLabel('Hostile')",
    ],
)
def test_writes_the_guard_missed_are_refused_by_neo4j(
    seeded_db: Driver, test_settings: Settings, query: str
) -> None:
    assert policy.refusals(query), "these must also be caught by the guard"
    bounds = Bounds.for_request(test_settings)
    with pytest.raises(QueryForbidden) as caught:
        run_read_only(Db(seeded_db, test_settings.neo4j_database), query, {}, bounds)
    assert "read-only transaction" in caught.value.detail
    records, _, _ = seeded_db.execute_query(f"MATCH (n:{PROBE}) RETURN count(n) AS c")
    assert records[0]["c"] == 0


# -- bounds ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (a), (b), (c), (d), (e) WHERE a.id <> e.id RETURN count(*) AS n",
        "UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 100 RETURN count(*) AS n",
        "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b "
        "WITH a, b WHERE a + b < 0 RETURN count(*) AS n",
    ],
)
def test_runaway_queries_are_stopped_at_the_time_limit(client: TestClient, query: str) -> None:
    started = time.monotonic()
    r = run(client, query, timeout_s=1)
    elapsed = time.monotonic() - started
    assert r.status_code == 408, r.text
    body = r.json()
    assert body["error"] == "timeout" and body["timeout_s"] == 1
    assert "1 s" in body["detail"]
    assert elapsed < 6, f"took {elapsed:.1f} s"


def test_a_tiny_time_limit_is_still_a_limit(client: TestClient) -> None:
    """Below a millisecond must not round to 0, which Neo4j reads as "no limit"."""
    started = time.monotonic()
    r = run(client, "UNWIND range(1, 100000000) AS x RETURN count(x) AS n", timeout_s=0.0001)
    assert r.status_code == 408, r.text
    assert time.monotonic() - started < 5


def test_a_request_cannot_raise_the_time_limit_or_row_cap(
    client: TestClient, test_settings: Settings
) -> None:
    r = run(client, "RETURN 1 AS x", timeout_s=10_000, max_rows=10_000_000)
    assert r.status_code == 200, r.text
    assert r.json()["timeout_s"] == test_settings.console_timeout_s
    assert r.json()["row_cap"] == test_settings.console_max_rows


def test_a_huge_result_is_capped_quickly(client: TestClient, test_settings: Settings) -> None:
    started = time.monotonic()
    r = run(client, "UNWIND range(1, 10000000) AS x RETURN x")
    elapsed = time.monotonic() - started
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["truncated"] is True
    assert body["row_cap"] == test_settings.console_max_rows
    assert body["rows"] == [[i] for i in range(1, test_settings.console_max_rows + 1)]
    assert elapsed < 10, f"took {elapsed:.1f} s"


def test_a_request_may_ask_for_fewer_rows(client: TestClient) -> None:
    r = run(client, "UNWIND range(1, 100) AS x RETURN x", max_rows=7)
    assert r.status_code == 200, r.text
    assert r.json()["rows"] == [[i] for i in range(1, 8)]
    assert r.json()["truncated"] is True and r.json()["row_cap"] == 7
    r = run(client, "UNWIND range(1, 7) AS x RETURN x", max_rows=7)
    assert r.json()["truncated"] is False  # exactly the cap: nothing was left out


def test_rows_too_large_in_total_are_cut_with_a_note(client: TestClient) -> None:
    # ~160 kB per row: the byte budget ends the answer long before the row cap.
    big = "left(reduce(s = '0123456789', x IN range(1, 14) | s + s), 160000)"
    r = run(client, f"UNWIND range(1, 500) AS i RETURN i, {big} AS big")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["truncated"] is True
    assert 10 < len(body["rows"]) < 500
    assert body["notifications"][-1]["code"] == "console.truncated"
    assert len(r.content) < 12 * 1024 * 1024


# -- Neo4j's errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code", "fragment"),
    [
        ("MATCH (n RETURN n", "Neo.ClientError.Statement.SyntaxError", "Invalid input"),
        ("RETURN nosuch.fn(1) AS x", "Neo.ClientError.Statement.SyntaxError", "nosuch.fn"),
        ("RETURN toInteger([1]) AS x", "Neo.ClientError.Statement.TypeError", "toInteger"),
        ("RETURN 1 / 0 AS x", "Neo.ClientError.Statement.ArithmeticError", "by zero"),
        ("RETURN $missing AS x", "Neo.ClientError.Statement.ParameterMissing", "missing"),
        ("MATCH (n) RETURN m", "Neo.ClientError.Statement.SyntaxError", "not defined"),
        ("CALL db.labels", None, None),  # allowed and valid: a control
    ],
)
def test_neo4j_errors_are_400_with_its_code_and_message(
    client: TestClient, query: str, code: str | None, fragment: str | None
) -> None:
    r = run(client, query)
    if code is None:
        assert r.status_code == 200, r.text
        return
    assert r.status_code == 400, r.text
    body = r.json()
    assert body["error"] == "cypher_error"
    assert body["code"] == code
    assert fragment is not None and fragment in body["detail"]


# -- the request body ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, ["body", "query"]),
        ({"query": ""}, ["body", "query"]),
        ({"query": "   "}, ["body", "query"]),
        ({"query": 42}, ["body", "query"]),
        ({"query": "RETURN 1", "params": [1, 2]}, ["body", "params"]),
        ({"query": "RETURN 1", "params": {"a-b": 1}}, ["body", "params"]),
        ({"query": "RETURN 1", "params": {"1a": 1}}, ["body", "params"]),
        ({"query": "RETURN 1", "params": {"`x`": 1}}, ["body", "params"]),
        ({"query": "RETURN $x", "params": {"x": 2**70}}, ["body", "params"]),
        ({"query": "RETURN 1", "max_rows": 0}, ["body", "max_rows"]),
        ({"query": "RETURN 1", "timeout_s": 0}, ["body", "timeout_s"]),
        ({"query": "RETURN 1", "timeout_s": -1}, ["body", "timeout_s"]),
        ({"query": "RETURN 1", "database": "system"}, ["body", "database"]),
        ({"query": "RETURN 1" + " " * 20_000}, ["body", "query"]),
    ],
)
def test_a_bad_body_is_422_naming_the_field(
    client: TestClient, body: dict[str, Any], field: list[str]
) -> None:
    r = client.post("/api/console", json=body)
    assert r.status_code == 422, r.text
    assert field in [e["loc"][: len(field)] for e in r.json()["detail"]]


def test_bad_parameter_names_are_named_in_the_422(client: TestClient) -> None:
    r = client.post("/api/console", json={"query": "RETURN 1", "params": {"ok": 1, "x y": 2}})
    assert r.status_code == 422
    assert "'x y'" in r.json()["detail"][0]["msg"]


def test_not_json_is_422(client: TestClient) -> None:
    r = client.post(
        "/api/console", content=b"MATCH (n) RETURN n", headers={"content-type": "text/plain"}
    )
    assert r.status_code == 422


def test_database_down_is_503(test_settings: Settings, role_accounts: RoleAccounts) -> None:
    nobody = Connection(
        uri=f"bolt://127.0.0.1:{free_port()}", user="neo4j", password="x", source="uri"
    )
    with TestClient(
        create_app(test_settings, nobody), headers=role_accounts.bearer("researcher")
    ) as c:
        r = c.post("/api/console", json={"query": "RETURN 1"})
    assert r.status_code == 503, r.text
    assert r.json()["error"] == "database_unavailable"


def test_the_console_is_documented_with_examples(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    post = spec["paths"]["/api/console"]["post"]
    examples = post["requestBody"]["content"]["application/json"]["examples"]
    assert any("$outcome" in e["value"]["query"] for e in examples.values())
    assert {"200", "400", "408", "422", "503"} <= set(post["responses"])


# -- the guard on its own ------------------------------------------------------------------


def test_guard_positions_count_lines_and_columns_from_one() -> None:
    found = policy.refusals("MATCH (n)\n\tWHERE n.id = 'x'\n  SET n.y = 1")
    assert [(r.what, r.line, r.column) for r in found] == [("write clause SET", 3, 3)]


def test_guard_lets_every_saved_query_through() -> None:
    from app.queries import saved_queries

    for named in saved_queries():
        assert policy.refusals(named.text) == [], named.name


# -- Neo4j's own bounds (docs/neo4j-limits.md), for what reaches it without the guard -------


def test_neo4j_itself_will_not_load_csv_from_any_address(seeded_db: Driver) -> None:
    # Sent straight to Neo4j (as Neo4j Browser would), not through the console's guard.
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"a,b\n1,2\n")

        def log_message(self, *args: Any) -> None:
            pass

    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/x.csv"
        with pytest.raises(Neo4jError) as refused:
            seeded_db.execute_query(f"LOAD CSV FROM '{url}' AS line RETURN line")
        server.shutdown()
    assert "blocked" in str(refused.value).lower(), refused.value
    assert asked == []


def test_neo4j_caps_the_memory_one_transaction_holds(client: TestClient) -> None:
    # UNWIND streams the range (the guard lets it through); collect() holds it all.
    started = time.monotonic()
    r = run(client, "UNWIND range(1, 30000000) AS x RETURN size(collect(toString(x))) AS n")
    assert r.status_code == 400, r.text
    assert r.json()["error"] == "cypher_error"
    assert "Memory" in r.json()["code"], r.json()
    assert time.monotonic() - started < 10


def test_the_server_runs_with_the_query_limits(seeded_db: Driver) -> None:
    records, _, _ = seeded_db.execute_query(
        "SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value",
        names=["db.memory.transaction.max", "dbms.memory.transaction.total.max"],
    )
    values = {r["name"]: r["value"] for r in records}
    assert values["db.memory.transaction.max"] != "0B"  # 0 is Neo4j's "no limit"
    assert values["dbms.memory.transaction.total.max"] != "0B"


# -- the app's own bounds: deadline, memory, a pool of its own -----------------------------


def _bounds(timeout_s: float) -> Bounds:
    return Bounds(row_cap=100, timeout_s=timeout_s, max_payload_nodes=100)


def test_the_console_answers_408_in_time_even_when_neo4j_never_replies(
    connection: Connection, seeded_db: Driver
) -> None:
    # 1,500 nested lists overflow Neo4j 5.26's parser even with the local server's 4 MB
    # stacks; it then never replies (not even at the transaction timeout). The guard refuses
    # this; here it is sent unguarded, to show the deadline holds on its own.
    workers = console_workers(
        Settings(_env_file=None, console_grace_s=1, console_workers=1),  # type: ignore[call-arg]
        connection,
    )
    deep = "RETURN " + "[" * 1500 + "1" + "]" * 1500 + " AS deep"
    try:
        asyncio.run(workers.run("RETURN [[1], [[2]]] AS warm_up", {}, _bounds(5)))
        before = set(workers.pids())
        started = time.monotonic()
        with pytest.raises(QueryTimedOut) as caught:
            asyncio.run(workers.run(deep, {}, _bounds(1)))
        elapsed = time.monotonic() - started
        assert elapsed < 1 + 1 + 4, f"answered after {elapsed:.1f} s"
        assert "the console stopped it" in caught.value.detail
        # The hung worker was killed and replaced; the next run works.
        answer = json.loads(asyncio.run(workers.run("RETURN 7 AS x", {}, _bounds(5))))
        assert answer["rows"] == [[7]]
        assert not before & set(workers.pids())
    finally:
        workers.close()
    records, _, _ = seeded_db.execute_query("RETURN 1 AS alive")
    assert records[0]["alive"] == 1


def test_one_huge_value_costs_a_worker_not_the_app(
    connection: Connection,
    seeded_db: Driver,
    test_settings: Settings,
    role_accounts: RoleAccounts,
) -> None:
    # Neo4j sends a long list as one record, whole: range(1, 40000000) used to grow the app
    # to 3 GB. The guard refuses literal bounds; a bound from a variable gets through to here.
    settings = test_settings.model_copy(update={"console_worker_memory_mb": 256})
    app = create_app(settings, connection)
    me = psutil.Process()
    with TestClient(app, headers=role_accounts.bearer("researcher")) as c:
        assert run(c, "RETURN 1 AS x").status_code == 200
        before = me.memory_info().rss
        r = run(c, "WITH 10000000 AS n RETURN range(1, n) AS r", timeout_s=20)
        grown = me.memory_info().rss - before
        assert r.status_code == 400, r.text
        assert r.json()["error"] == "result_too_large" and r.json()["memory_mb"] == 256
        assert grown < 64 * 1024 * 1024, f"the app grew by {grown / 2**20:.0f} MB"
        assert run(c, "RETURN 2 AS x").json()["rows"] == [[2]]  # a fresh worker answers


def test_when_every_worker_is_busy_a_request_answers_503_in_time(
    connection: Connection,
    seeded_db: Driver,
    test_settings: Settings,
    role_accounts: RoleAccounts,
) -> None:
    settings = test_settings.model_copy(
        update={"console_workers": 1, "console_queue_s": 0.5, "console_queue_max": 1}
    )
    slow = RUNAWAY[0]  # a five-way cartesian product of the graph: far beyond 3 s
    researcher = role_accounts.bearer("researcher")
    with (
        TestClient(create_app(settings, connection), headers=researcher) as c,
        ThreadPoolExecutor(3) as pool,
    ):
        first = pool.submit(run, c, slow, timeout_s=3)
        time.sleep(0.5)
        started = time.monotonic()
        waiting = [pool.submit(run, c, "RETURN 1 AS x") for _ in range(2)]
        answers = [w.result() for w in waiting]
        elapsed = time.monotonic() - started
        assert first.result().status_code == 408
    assert [a.status_code for a in answers] == [503, 503], [a.text for a in answers]
    assert {a.json()["error"] for a in answers} == {"console_busy"}
    assert all(a.json()["retry_after_s"] == 0.5 for a in answers)
    assert elapsed < 2.5, f"busy answers took {elapsed:.1f} s"


# Everything the issue found, and the hostile suite, at once: (body, statuses it may answer).
def _load() -> list[tuple[str, dict[str, Any], set[int]]]:
    console = "/api/console"
    load: list[tuple[str, dict[str, Any], set[int]]] = []
    load += [(console, {"query": q}, {400}) for q, _, _ in HOSTILE]
    deep = "RETURN " + "[" * 700 + "1" + "]" * 700 + " AS deep"
    load += [(console, {"query": deep, "timeout_s": 1}, {400})] * 45
    load += [(console, {"query": q, "timeout_s": 1}, {408}) for q in RUNAWAY] * 3
    load += [
        (console, {"query": "WITH 40000000 AS n RETURN range(1, n) AS r", "timeout_s": 5}, {408}),
        (console, {"query": "WITH 10000000 AS n RETURN range(1, n) AS r"}, {400}),
    ]
    load += [(console, {"query": "UNWIND range(1, 10000000) AS x RETURN x"}, {200})] * 3
    load += [(console, {"query": "RETURN reduce(a = [], i IN range(1, 3000) | [a]) AS d"}, {200})]
    load += [(console, {"query": "MATCH (n:Result) RETURN n LIMIT 50"}, {200})] * 10
    load += [("/api/queries/q_pledges_by_outcome/run", {}, {200})] * 5
    return load


RUNAWAY = [
    "MATCH (a), (b), (c), (d), (e) WHERE a.id <> e.id RETURN count(*) AS n",
    "UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 100 RETURN count(*) AS n",
    "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b "
    "WITH a, b WHERE a + b < 0 RETURN count(*) AS n",
]
# Stated bounds: the app process (its console workers are separate processes) and each worker.
# A worker is killed past console_worker_memory_mb = 512, sampled every 50 ms by the app; on a
# loaded machine a fast-growing run overshoots that before the kill (773 MB was seen), so the
# bound stated is the hard one: RLIMIT_AS, twice the watched figure, which RSS cannot pass.
APP_RSS_BOUND = 400 * 1024 * 1024
IN_FLIGHT = 48
WORKER_RSS_BOUND = 2 * 512 * 1024 * 1024


def test_the_hostile_suite_run_concurrently_leaves_the_app_and_neo4j_responsive(
    connection: Connection,
    seeded_db: Driver,
    test_settings: Settings,
    role_accounts: RoleAccounts,
) -> None:
    _wait_until_neo4j_is_idle(seeded_db)  # what earlier tests left running is not this load's
    load = _load()
    rss: list[tuple[int, int]] = []
    done = threading.Event()
    with (
        serve_subprocess(
            connection,
            console_queue_s=120,
            console_queue_max=500,
            accounts_url=test_settings.accounts_url,
        ) as (url, pid),
        poll_in_subprocess(url + "/health") as health,
    ):

        def watch() -> None:
            while not done.is_set():
                rss.append(tree_rss(pid))
                time.sleep(0.1)

        # One client for every thread: making 48 (and their TLS contexts) at once would take
        # the machine's two cores from the app under test.
        researcher = role_accounts.bearer("researcher")
        client = httpx.Client(
            base_url=url,
            timeout=180,
            limits=httpx.Limits(max_connections=IN_FLIGHT),
            headers=researcher,
        )

        def send(item: tuple[str, dict[str, Any], set[int]]) -> tuple[int, str]:
            path, body, _ = item
            r = client.post(path, json=body)
            return r.status_code, r.text[:300]

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        started = time.monotonic()
        with client, ThreadPoolExecutor(max_workers=IN_FLIGHT) as pool:
            answers = list(pool.map(send, load))
        took = time.monotonic() - started
        done.set()
        watcher.join(timeout=15)
        after = httpx.post(
            url + "/api/console",
            json={"query": "RETURN 1 AS x"},
            timeout=30,
            headers=researcher,
        )

    wrong = [
        (item[1].get("query", item[0])[:60], status, text)
        for item, (status, text) in zip(load, answers, strict=True)
        if status not in item[2]
    ]
    assert not wrong, wrong
    slowest = max(latency for latency, _ in health)
    app_max = max(own for own, _ in rss)
    worker_max = max(largest for _, largest in rss)
    print(
        f"\nconsole load: {len(load)} requests, {IN_FLIGHT} in flight, {took:.1f} s; /health "
        f"{len(health)} polls, max {slowest * 1000:.0f} ms; app RSS max {app_max / 2**20:.0f} "
        f"MB; largest worker RSS {worker_max / 2**20:.0f} MB"
    )
    assert {status for _, status in health} == {200}
    assert slowest < 1.0, f"/health took {slowest:.2f} s"
    assert app_max < APP_RSS_BOUND, f"app RSS {app_max / 2**20:.0f} MB"
    assert worker_max < WORKER_RSS_BOUND, f"worker RSS {worker_max / 2**20:.0f} MB"
    assert after.status_code == 200 and after.json()["rows"] == [[1]]
    # Neo4j needed no restart: it answers, and nothing the load started is still running.
    records, _, _ = seeded_db.execute_query("RETURN 1 AS alive")
    assert records[0]["alive"] == 1
    left = _wait_until_neo4j_is_idle(seeded_db)
    assert not left, f"transactions still running 30 s after the load: {left}"


def _wait_until_neo4j_is_idle(driver: Driver, within_s: float = 30) -> list[str]:
    """Wait until Neo4j runs no transaction but this check (a terminated one may go on for a
    few seconds while Neo4j finishes a value it was sending); what is still running then."""
    deadline = time.monotonic() + within_s
    while True:
        left, _, _ = driver.execute_query(
            "SHOW TRANSACTIONS YIELD transactionId, currentQuery "
            "WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' RETURN transactionId"
        )
        if not left or time.monotonic() > deadline:
            return [r["transactionId"] for r in left]
        time.sleep(0.5)


# -- last: nothing the hostile suite did changed the database -------------------------------


def test_zz_graph_schema_and_users_unchanged_after_the_hostile_suite(seeded_db: Driver) -> None:
    assert graph_checksum(seeded_db) == _BASELINE["checksum"]
