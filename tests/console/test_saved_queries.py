"""The saved-query library: every file in cypher/ plans on the real Neo4j, the API lists, shows
and runs the saved ones through the console's bounded path, parameters are checked against
each header, and each saved question returns what the seed graph says.

Expectations are recomputed here from the raw graph (edges fetched and walked in Python)
rather than written down, so they stay true while the seed files grow; the few facts named
outright (GRF 08068 and GRF 09055 reach the skills-recognition outcome, ...) are stated in
seed/mirps.yaml."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.console import lexer, policy
from app.console.params import example_value
from app.database.connection import Connection
from app.main import create_app
from app.queries import CYPHER_DIR, NamedQuery, all_queries, saved_queries
from app.settings import Settings
from tests.support.accounts import RoleAccounts
from tests.support.neo4j_server import free_port

SAVED = [q.name for q in saved_queries()]
# Values for parameters that have no default.
REQUIRED_EXAMPLES: dict[str, dict[str, Any]] = {"q_pledge_to_impact": {"pledge": "GRF 08068"}}
# Stand-ins for template placeholders: `// template: label` with `{label}`, or the loader's
# `__Label__` style. Keyed by placeholder name.
TEMPLATE_VALUES = {
    "label": "Result",
    "from": "Result",
    "to": "Result",
    "type": "CONTRIBUTES_TO",
    "rel_type": "CONTRIBUTES_TO",
    "labels": "Result|Actor",
    "name": "explain_probe_name",
    "property": "id",
    "level": "outcome",
    "depth": "3",  # app/repository/pathways.py: a whole number of hops
    "types": "CONTRIBUTES_TO|ALIGNS_WITH",  # allow-listed relationship types joined by |
}
DEFAULT_LEVELS = [
    "impact",
    "manifestation",
    "long_term_change",
    "goal",
    "outcome",
    "line_of_action",
    "output",
]


# -- helpers ---------------------------------------------------------------------------------


def explainable(named: NamedQuery) -> str:
    """The query's text with template placeholders filled by harmless allowed values."""
    text = named.text
    header = re.search(r"^//\s*template\s*:\s*(.+)$", text, re.MULTILINE)
    for key in [k.strip() for k in header.group(1).split(",")] if header else []:
        text = text.replace("{" + key + "}", TEMPLATE_VALUES[key.lower()])
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    for placeholder in sorted(set(re.findall(r"__([A-Za-z]+)__", body))):
        assert placeholder.lower() in TEMPLATE_VALUES, (
            f"cypher/{named.name}.cypher: no stand-in for __{placeholder}__; "
            "add one to TEMPLATE_VALUES"
        )
        text = text.replace(f"__{placeholder}__", TEMPLATE_VALUES[placeholder.lower()])
    return text


def used_params(text: str) -> set[str]:
    tokens = lexer.tokenize(text)
    return {
        tokens[i + 1].text
        for i, t in enumerate(tokens[:-1])
        if t.kind == "punct" and t.text == "$" and tokens[i + 1].kind in ("word", "quoted")
    }


def run_saved(client: TestClient, name: str, **params: Any) -> list[dict[str, Any]]:
    r = client.post(f"/api/queries/{name}/run", json={"params": params})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["truncated"] is False, f"{name} hit the row cap"
    return [dict(zip(body["columns"], row, strict=True)) for row in body["rows"]]


def scalar(driver: Driver, query: str, **params: Any) -> Any:
    records, _, _ = driver.execute_query(query, params)
    return records[0][0]


def pairs(driver: Driver, rel_type: str) -> set[tuple[str, str]]:
    records, _, _ = driver.execute_query(
        f"MATCH (a)-[:{rel_type}]->(b) RETURN a.id AS a, b.id AS b"
    )
    return {(r["a"], r["b"]) for r in records}


def ids(driver: Driver, query: str, **params: Any) -> set[str]:
    records, _, _ = driver.execute_query(query, params)
    return {r[0] for r in records}


def reachable_from(starts: Iterable[str], edges: set[tuple[str, str]]) -> set[str]:
    """Everything reached from `starts` along directed `edges` (one or more steps)."""
    out: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        out[a].add(b)
    seen: set[str] = set()
    stack = [b for s in starts for b in out[s]]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(out[node])
    return seen


# -- every file plans -----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(all_queries()))
def test_every_cypher_file_plans_on_the_real_database(neo4j_driver: Driver, name: str) -> None:
    named = all_queries()[name]
    text = explainable(named)
    params: dict[str, Any] = {p: None for p in used_params(text)}
    params.update({p.name: example_value(p) for p in named.params})
    params.update(REQUIRED_EXAMPLES.get(name, {}))
    with neo4j_driver.session() as session:
        session.run(f"EXPLAIN {text}", params).consume()


def test_the_library_has_at_least_twelve_saved_questions() -> None:
    assert len(SAVED) >= 12
    assert all(name.startswith("q_") for name in SAVED)
    on_disk = {p.stem for p in CYPHER_DIR.glob("q_*.cypher")}
    assert on_disk == set(SAVED), "every q_ file is saved: true, and only those are"


@pytest.mark.parametrize("name", SAVED)
def test_saved_headers_say_what_and_why(name: str) -> None:
    named = all_queries()[name]
    assert named.title and len(named.description) > 40
    assert all(p.description for p in named.params), "every parameter is documented"
    declared = {p.name for p in named.params}
    assert used_params(named.text) == declared, "declared and used $params agree"
    body = named.text.split("\n\n", 1)[1]
    assert re.search(r"^//", body, re.MULTILINE), "a comment explains the query"
    assert policy.refusals(named.text) == []


# -- the API ---------------------------------------------------------------------------------


def test_list_has_every_saved_query_with_typed_params(client: TestClient) -> None:
    r = client.get("/api/queries")
    assert r.status_code == 200, r.text
    listed = r.json()
    assert [q["name"] for q in listed] == SAVED
    for q in listed:
        named = all_queries()[q["name"]]
        assert q["title"] == named.title and q["description"] == named.description
        assert q["cypher"] == named.text
        for p, declared in zip(q["params"], named.params, strict=True):
            assert p["name"] == declared.name and p["type"] == declared.type
            assert p["doc"] == declared.description
            assert p["required"] is (declared.default is None)
    levels = next(p for p in listed if p["name"] == "q_unmeasured_results")["params"][1]
    assert levels["default"] == DEFAULT_LEVELS
    limit = next(p for p in listed if p["name"] == "q_most_connected_changes")["params"][0]
    assert limit["default"] == 15 and limit["type"] == "int"


def test_one_query_and_unknown_names(client: TestClient) -> None:
    r = client.get("/api/queries/q_pledges_by_outcome")
    assert r.status_code == 200, r.text
    assert r.json()["params"][0] == {
        "name": "framework",
        "type": "string",
        "default": "mirps-rf",
        "required": False,
        "doc": "id of the results framework whose outcomes to list",
    }
    for name in ("q_nope", "load_nodes", "schema_unique_id", "Q_THEME_COVERAGE"):
        r = client.get(f"/api/queries/{name}")
        assert r.status_code == 404, (name, r.text)
        assert r.json()["error"] == "not_found"
        r = client.post(f"/api/queries/{name}/run", json={})
        assert r.status_code == 404, (name, r.text)


@pytest.mark.parametrize("name", SAVED)
def test_every_saved_query_runs_and_answers(
    client: TestClient, seeded_db: Driver, name: str
) -> None:
    r = client.post(f"/api/queries/{name}/run", json={"params": REQUIRED_EXAMPLES.get(name, {})})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["columns"]
    assert body["truncated"] is False
    # Each question is about data the MIRPS seed holds, except these, which need other files.
    needs = {
        "q_rcm_actions_by_line": "MATCH (r:Result {level: 'line_of_action'}) RETURN count(r)",
        "q_challenges_by_sector": "MATCH (c:Challenge) RETURN count(c)",
        "q_project_outcomes_reported": "MATCH (f:Framework {kind: 'project'}) RETURN count(f)",
    }
    if scalar(seeded_db, needs.get(name, "MATCH (p:Pledge) RETURN count(p)")) > 0:
        assert body["rows"], f"{name} returned no rows"


def test_unknown_parameter_is_422_naming_it(client: TestClient) -> None:
    r = client.post("/api/queries/q_pledges_by_outcome/run", json={"params": {"bogus": 1}})
    assert r.status_code == 422, r.text
    [error] = r.json()["detail"]
    assert error["loc"] == ["body", "params", "bogus"]
    assert "'bogus'" in error["msg"] and "framework" in error["msg"]


def test_missing_parameter_without_default_is_422(client: TestClient) -> None:
    r = client.post("/api/queries/q_pledge_to_impact/run", json={"params": {}})
    assert r.status_code == 422, r.text
    [error] = r.json()["detail"]
    assert error["loc"] == ["body", "params", "pledge"] and "missing" in error["msg"]
    r = client.post("/api/queries/q_pledge_to_impact/run", json={})
    assert r.status_code == 422


@pytest.mark.parametrize(
    ("limit", "status", "rows"),
    [(5, 200, 5), ("3", 200, 3), (2.0, 200, 2), ("five", 422, 0), (True, 422, 0), (2.5, 422, 0)],
)
def test_parameter_types_are_checked_and_coerced(
    client: TestClient, limit: Any, status: int, rows: int
) -> None:
    r = client.post("/api/queries/q_most_connected_changes/run", json={"params": {"limit": limit}})
    assert r.status_code == status, r.text
    if status == 200:
        assert len(r.json()["rows"]) == rows
    else:
        assert r.json()["detail"][0]["loc"] == ["body", "params", "limit"]
        assert "expected an integer" in r.json()["detail"][0]["msg"]


def test_null_is_allowed_only_for_optional_parameters(client: TestClient) -> None:
    r = client.post("/api/queries/q_actor_roles/run", json={"params": {"actor": None}})
    assert r.status_code == 200, r.text
    r = client.post("/api/queries/q_pledges_by_outcome/run", json={"params": {"framework": None}})
    assert r.status_code == 422
    assert "null" in r.json()["detail"][0]["msg"]


def test_saved_runs_share_the_console_bounds(client: TestClient) -> None:
    r = client.post("/api/queries/q_actor_roles/run", json={"max_rows": 2})
    assert r.status_code == 200, r.text
    assert len(r.json()["rows"]) == 2 and r.json()["truncated"] is True
    r = client.post("/api/queries/q_actor_roles/run", json={"params": {"x-y": 1}})
    assert r.status_code == 422
    r = client.post("/api/queries/q_actor_roles/run", json={"timeout_s": 0})
    assert r.status_code == 422


def test_saved_run_with_the_database_down_is_503(
    test_settings: Settings, role_accounts: RoleAccounts
) -> None:
    nobody = Connection(
        uri=f"bolt://127.0.0.1:{free_port()}", user="neo4j", password="x", source="uri"
    )
    with TestClient(
        create_app(test_settings, nobody), headers=role_accounts.bearer("researcher")
    ) as c:
        r = c.post("/api/queries/q_theme_coverage/run", json={})
        assert r.status_code == 503, r.text
        assert c.get("/api/queries").status_code == 200  # the library itself needs no database


# -- what each question answers on the seed graph ------------------------------------------


def test_pledges_reaching_each_outcome(client: TestClient, seeded_db: Driver) -> None:
    rows = run_saved(client, "q_pledges_by_outcome")
    by_outcome = {row["outcome"]: row for row in rows}
    outcomes = ids(
        seeded_db,
        "MATCH (o:Result {level: 'outcome'})-[:PART_OF]->(:Framework {id: 'mirps-rf'}) RETURN o.id",
    )
    assert set(by_outcome) == outcomes
    assert {"GRF 08068", "GRF 09055"} <= set(by_outcome["mirps-rf.outcome-3"]["pledges"])
    assert {"Guatemala", "Costa Rica"} <= set(by_outcome["mirps-rf.outcome-3"]["made_by"])
    # The same, walked in Python over the raw CONTRIBUTES_TO edges.
    records, _, _ = seeded_db.execute_query("MATCH (p:Pledge) RETURN p.id AS id, p.code AS code")
    edges = pairs(seeded_db, "CONTRIBUTES_TO")
    for outcome, row in by_outcome.items():
        expected = {r["code"] for r in records if outcome in reachable_from([r["id"]], edges)}
        assert set(row["pledges"]) == expected and row["pledge_count"] == len(expected)


def test_results_no_indicator_measures(client: TestClient, seeded_db: Driver) -> None:
    records, _, _ = seeded_db.execute_query("MATCH (r:Result) RETURN r.id AS id, r.level AS level")
    measured = {b for _, b in pairs(seeded_db, "MEASURES")}
    expected = {r["id"] for r in records if r["level"] in DEFAULT_LEVELS} - measured
    rows = run_saved(client, "q_unmeasured_results")
    assert {row["id"] for row in rows} == expected
    assert "mirps-rf.output-2" not in expected  # work-permit indicators measure it

    rf = run_saved(client, "q_unmeasured_results", framework="mirps-rf", levels=["outcome"])
    assert {row["id"] for row in rf} == {i for i in expected if i.startswith("mirps-rf.outcome")}
    assert "mirps-rf.outcome-3" in {row["id"] for row in rf}


def test_theme_pathway_climbs_and_crosses_frameworks(client: TestClient, seeded_db: Driver) -> None:
    r = client.post("/api/queries/q_theme_pathway_to_impact/run", json={})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["graph"] and body["graph"]["edges"]
    rows = [dict(zip(body["columns"], row, strict=True)) for row in body["rows"]]
    tagged = ids(
        seeded_db,
        "MATCH (r:Result)-[:HAS_THEME]->(:Theme {id: 'theme.skills-recognition'}) RETURN r.id",
    )
    impacts = ids(seeded_db, "MATCH (r:Result {level: 'impact'}) RETURN r.id")
    up = pairs(seeded_db, "CONTRIBUTES_TO")
    aligned = pairs(seeded_db, "ALIGNS_WITH")
    aligned |= {(b, a) for a, b in aligned}
    for row in rows:
        path = row["path"]["path"]
        assert path[0] == row["start"] in tagged and path[-1] == row["impact"] in impacts
        steps = list(pairwise(path))
        assert all(step in up or step in aligned for step in steps), path
        assert row["steps"] == len(steps) == len(row["chain"]) - 1
    found = {(row["start"], row["impact"], row["steps"]) for row in rows}
    assert ("mirps-rf.outcome-3", "mirps.impact", 1) in found  # stated in mirps.yaml
    starts = {row["start"] for row in rows}
    assert starts <= tagged and "mirps-toc.ltc-4" in starts


def test_commitments_by_country(client: TestClient, seeded_db: Driver) -> None:
    rows = run_saved(client, "q_commitments_by_country", country="Mexico")
    assert {row["country"] for row in rows} == {"Mexico"}
    count = scalar(
        seeded_db, "MATCH (:Actor {id: 'actor.mexico'})-[:MAKES]->(k:Commitment) RETURN count(k)"
    )
    assert len(rows) == count > 0
    assert rows == run_saved(client, "q_commitments_by_country", country="actor.mexico")
    training = next(row for row in rows if "CONOCER and CECATI" in row["text"])
    assert {"CONOCER", "CECATI"} <= set(training["responsible"])
    assert any(s.startswith("output: Certification processes") for s in training["serves"])
    everyone = run_saved(client, "q_commitments_by_country")
    assert len(everyone) == scalar(
        seeded_db, "MATCH (:Actor)-[:MAKES]->(k:Commitment) RETURN count(k)"
    )


def test_actors_and_what_they_do(client: TestClient) -> None:
    ilo = run_saved(client, "q_actor_roles", actor="ILO")
    roles = {(row["role"], row["target"]) for row in ilo}
    assert ("IMPLEMENTS", "jap") in roles and ("SUPPORTS", "actor.mirps") in roles
    assert {row["actor"] for row in ilo} == {"International Labour Organization (ILO)"}
    assert run_saved(client, "q_actor_roles", actor="actor.ilo") == ilo
    donors = run_saved(client, "q_actor_roles", actor_type="donor")
    assert donors and all(row["actor_type"] == "donor" for row in donors)
    assert {row["role"] for row in donors} <= {"FUNDS", "SUPPORTS", "MAKES", "IMPLEMENTS"}


def test_cross_framework_alignments_of_a_theme(client: TestClient, seeded_db: Driver) -> None:
    rows = run_saved(client, "q_theme_alignments", theme="theme.skills-recognition")
    got = {(row["from_id"], row["to_id"]) for row in rows}
    assert ("mirps-toc.ltc-4", "mirps-rf.outcome-3") in got
    assert all(row["from_framework"] != row["to_framework"] for row in rows)
    records, _, _ = seeded_db.execute_query(
        "MATCH (a)-[:ALIGNS_WITH]->(b) "
        "RETURN a.id AS a, b.id AS b, coalesce(a.framework, a.id) AS fa, "
        "coalesce(b.framework, b.id) AS fb"
    )
    tagged = ids(
        seeded_db, "MATCH (x)-[:HAS_THEME]->(:Theme {id: 'theme.skills-recognition'}) RETURN x.id"
    )
    expected = {
        (r["a"], r["b"])
        for r in records
        if r["fa"] != r["fb"] and (r["a"] in tagged or r["b"] in tagged)
    }
    assert got == expected
    by_name = run_saved(
        client, "q_theme_alignments", theme="Recognition of skills and competencies"
    )
    assert by_name == rows


def test_chain_from_a_pledge_to_the_impact(client: TestClient, seeded_db: Driver) -> None:
    rows = run_saved(client, "q_pledge_to_impact", pledge="GRF 08068")
    edges = pairs(seeded_db, "CONTRIBUTES_TO")
    tops = {b for _, b in edges} - {a for a, _ in edges}

    def chains(node: str) -> list[list[str]]:
        nxt = [b for a, b in edges if a == node]
        if not nxt:
            return [[node]]
        return [[node, *rest] for b in nxt for rest in chains(b)]

    expected = sorted(c for c in chains("pledge.grf-08068") if len(c) > 1)
    got = sorted(row["path"]["path"] for row in rows)
    assert got == expected
    assert all(row["pledge"] == "GRF 08068" and row["reaches"] in tops for row in rows)
    assert [
        "pledge.grf-08068",
        "mirps-rf.output-3",
        "mirps-rf.outcome-3",
        "mirps.impact",
    ] in got
    assert [r["steps"] for r in rows] == sorted(r["steps"] for r in rows)
    assert run_saved(client, "q_pledge_to_impact", pledge="pledge.grf-08068") == rows


def test_results_no_pledge_or_commitment_reaches(client: TestClient, seeded_db: Driver) -> None:
    edges = pairs(seeded_db, "CONTRIBUTES_TO")
    makers = ids(seeded_db, "MATCH (x) WHERE x:Pledge OR x:Commitment RETURN x.id")
    reached = reachable_from(makers, edges)
    for framework in ("mirps-rf", "mirps-toc"):
        members = ids(
            seeded_db,
            "MATCH (r:Result)-[:PART_OF]->(:Framework {id: $f}) RETURN r.id",
            f=framework,
        )
        rows = run_saved(client, "q_unreached_results", framework=framework)
        assert {row["id"] for row in rows} == members - reached
    assert "mirps-rf.outcome-3" in reached  # GRF 08068 and others reach it


def test_indicators_per_country(client: TestClient, seeded_db: Driver) -> None:
    rows = run_saved(client, "q_indicators_by_country", country="Guatemala")
    reported = ids(
        seeded_db,
        "MATCH (:Actor {id: 'actor.guatemala'})-[:REPORTS]->(i:Indicator) RETURN i.name",
    )
    assert {row["indicator"] for row in rows} == reported and reported
    measures = pairs(seeded_db, "MEASURES")
    names, _, _ = seeded_db.execute_query("MATCH (i:Indicator) RETURN i.name AS n, i.id AS id")
    by_name = {r["n"]: r["id"] for r in names}
    for row in rows:
        assert len(row["measures"]) == len(
            [b for a, b in measures if a == by_name[row["indicator"]]]
        )
    assert any(
        "Displaced persons have the necessary documents to work" in m
        for row in rows
        for m in row["measures"]
    )


def test_actions_per_line_of_action(client: TestClient, seeded_db: Driver) -> None:
    rows = run_saved(client, "q_rcm_actions_by_line")
    lines = ids(
        seeded_db,
        "MATCH (l:Result {level: 'line_of_action'})-[:PART_OF]->(:Framework {id: 'rcm-plan'}) "
        "RETURN l.number",
    )
    assert [row["line"] for row in rows] == sorted(lines, key=int)
    for row in rows:
        count = scalar(
            seeded_db,
            "MATCH (a:Result {level: 'action'})-[:CONTRIBUTES_TO]->"
            "(l:Result {level: 'line_of_action', number: $n})"
            "-[:PART_OF]->(:Framework {id: 'rcm-plan'}) "
            "RETURN count(a)",
            n=row["line"],
        )
        assert row["action_count"] == len(row["actions"]) == count
        numbers = [int(a.split(".", 1)[0]) for a in row["actions"]]
        assert numbers == sorted(numbers)


def test_project_outcomes_with_reported_results(client: TestClient, seeded_db: Driver) -> None:
    rows = run_saved(client, "q_project_outcomes_reported")
    outcomes = scalar(
        seeded_db,
        "MATCH (:Framework {kind: 'project'})<-[:PART_OF]-(o:Result {level: 'outcome'}) "
        "RETURN count(o)",
    )
    assert len(rows) == outcomes
    for row in rows:
        count = scalar(
            seeded_db,
            "MATCH (rr:Result {level: 'reported_result'})-[:CONTRIBUTES_TO]->"
            "(o:Result {level: 'outcome', name: $name}) RETURN count(rr)",
            name=row["outcome_name"],
        )
        assert row["reported_count"] == len(row["reported"]) == count
    assert any(row["reported_count"] > 0 for row in rows)


def test_challenges_by_sector_with_solutions(client: TestClient, seeded_db: Driver) -> None:
    rows = run_saved(client, "q_challenges_by_sector")
    assert len(rows) == scalar(seeded_db, "MATCH (c:Challenge) RETURN count(c)")
    addresses = pairs(seeded_db, "ADDRESSES")
    solutions = ids(seeded_db, "MATCH (s:Solution) RETURN s.id")
    for row in rows:
        expected = [a for a, b in addresses if b == row["id"] and a in solutions]
        assert row["solution_count"] == len(row["solutions"]) == len(expected)
    assert any(row["solution_count"] > 0 for row in rows)
    government = run_saved(client, "q_challenges_by_sector", sector="government")
    assert government and {row["sector"] for row in government} == {"government"}


def test_most_connected_changes(client: TestClient, seeded_db: Driver) -> None:
    rows = run_saved(client, "q_most_connected_changes", limit=5)
    assert len(rows) == 5
    links = [row["links"] for row in rows]
    assert links == sorted(links, reverse=True)
    parts = ("fed_by_results", "pledges_commitments", "feeds", "alignments", "indicators", "actors")
    assert all(row["links"] == sum(row[p] for p in parts) for row in rows)
    # The hub, counted in Python from the raw edges.
    results = ids(seeded_db, "MATCH (r:Result) RETURN r.id")
    contributes = pairs(seeded_db, "CONTRIBUTES_TO")
    aligns = pairs(seeded_db, "ALIGNS_WITH")
    into = (
        pairs(seeded_db, "MEASURES")
        | pairs(seeded_db, "IMPLEMENTS")
        | pairs(seeded_db, "RESPONSIBLE_FOR")
    )
    count: dict[str, int] = defaultdict(int)
    for a, b in contributes:
        count[a] += 1
        count[b] += 1
    for a, b in aligns:
        count[a] += 1
        count[b] += 1
    for _, b in into:
        count[b] += 1
    assert links[0] == max(count[r] for r in results)


def test_theme_coverage(client: TestClient, seeded_db: Driver) -> None:
    rows = run_saved(client, "q_theme_coverage")
    assert len(rows) == scalar(seeded_db, "MATCH (t:Theme) RETURN count(t)")
    for row in rows:
        tagged = scalar(
            seeded_db, "MATCH (x)-[:HAS_THEME]->(:Theme {id: $id}) RETURN count(x)", id=row["id"]
        )
        assert (
            row["tagged"] == tagged == sum(int(p.rsplit(": ", 1)[1]) for p in row["per_framework"])
        )
    skills = next(row for row in rows if row["id"] == "theme.skills-recognition")
    assert any(p.startswith("mirps-rf: ") for p in skills["per_framework"])


def test_find_by_text(client: TestClient) -> None:
    rows = run_saved(client, "q_find_text", text="recognition of skills", limit=10)
    assert 0 < len(rows) <= 10
    assert "theme.skills-recognition" in {row["id"] for row in rows}
    assert [row["score"] for row in rows] == sorted((row["score"] for row in rows), reverse=True)
