"""The seed loader against a real Neo4j: what a load writes, reports and leaves alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from neo4j import Driver
from neo4j.exceptions import ConstraintError

from app.loader import (
    ChangeReport,
    Counts,
    SeedValidationError,
    check_seed,
    load_seed,
)
from app.loader.model import NODE_LABELS
from tests.support.paths import SEED_FIXTURES as FIXTURES
from tests.support.seed import mark_dirty

GOOD = FIXTURES / "good"


@pytest.fixture(autouse=True)
def clean_db(neo4j_driver: Driver) -> None:
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    mark_dirty()  # the session's seeded graph is gone


def dump(driver: Driver, *, element_ids: bool = True) -> str:
    """Every node and relationship with all properties, in a stable order."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN elementId(n) AS eid, labels(n) AS labels, properties(n) AS props"
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN elementId(r) AS eid, type(r) AS type,"
        " a.id AS start, b.id AS end, properties(r) AS props"
    )
    rows = [{k: v for k, v in r.data().items() if element_ids or k != "eid"} for r in nodes + rels]
    return "\n".join(sorted(json.dumps(row, sort_keys=True) for row in rows))


def count(driver: Driver, query: str) -> int:
    records, _, _ = driver.execute_query(query)
    return int(records[0][0])


def copy_good(tmp_path: Path) -> Path:
    seed = tmp_path / "seed"
    shutil.copytree(GOOD, seed)
    return seed


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def comment_out(path: Path, first_line: str, n_lines: int) -> None:
    """Comment out a block: the lines below keep their numbers (and their `seed_line`)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip("\n") == first_line)
    for i in range(start, start + n_lines):
        lines[i] = "#" + lines[i]
    path.write_text("".join(lines), encoding="utf-8")


# -- a first load and a reload ------------------------------------------------------------


def test_load_writes_the_seed_graph(neo4j_driver: Driver) -> None:
    graph = check_seed(GOOD)
    report = load_seed(neo4j_driver, GOOD)

    assert report.node_totals == Counts(created=20)
    assert report.relationship_totals == Counts(created=32)
    assert {k: v.created for k, v in report.nodes.items()} == {
        label: len(nodes) for label, nodes in graph.nodes_by_label().items()
    }
    assert count(neo4j_driver, "MATCH (n) RETURN count(n)") == 20
    assert count(neo4j_driver, "MATCH ()-[r]->() RETURN count(r)") == 32

    records, _, _ = neo4j_driver.execute_query(
        "MATCH (n:Result {id: $id}) RETURN properties(n) AS props", id="fx.outcome-1"
    )
    assert records[0]["props"] == graph.nodes["fx.outcome-1"].properties
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (:Actor {id: 'actor.ilo'})-[r:FUNDS]->(:Framework {id: 'fx-toc'})"
        " RETURN properties(r) AS props"
    )
    assert records[0]["props"] == graph.edges["FUNDS:actor.ilo->fx-toc"].properties


def test_loading_twice_changes_nothing(neo4j_driver: Driver) -> None:
    load_seed(neo4j_driver, GOOD)
    before = dump(neo4j_driver)

    report = load_seed(neo4j_driver, GOOD)

    assert not report.changed
    assert report.node_totals == Counts(unchanged=20)
    assert report.relationship_totals == Counts(unchanged=32)
    assert dump(neo4j_driver) == before


def test_constraints_and_indexes(neo4j_driver: Driver) -> None:
    load_seed(neo4j_driver, GOOD)
    records, _, _ = neo4j_driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name")
    names = {r["name"] for r in records}
    assert {f"{label.lower()}_id_unique" for label in NODE_LABELS} <= names

    records, _, _ = neo4j_driver.execute_query(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state"
        " RETURN name, type, labelsOrTypes, properties, state"
    )
    indexes = {r["name"]: r for r in records}
    fulltext = indexes["toc_fulltext"]
    assert fulltext["type"] == "FULLTEXT"
    assert sorted(fulltext["labelsOrTypes"]) == sorted(NODE_LABELS)
    assert fulltext["properties"] == ["name", "text", "objective", "quote"]
    assert indexes["result_level"]["properties"] == ["level"]
    assert indexes["result_framework"]["properties"] == ["framework"]
    assert all(r["state"] == "ONLINE" for r in records)

    records, _, _ = neo4j_driver.execute_query(
        "CALL db.index.fulltext.queryNodes('toc_fulltext', 'hotline') YIELD node"
        " RETURN node.id AS id"
    )
    assert [r["id"] for r in records] == ["fx-peer.solution-cr-1"]


def test_batches_give_the_same_graph(neo4j_driver: Driver) -> None:
    load_seed(neo4j_driver, GOOD)
    whole = dump(neo4j_driver, element_ids=False)
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")

    messages: list[str] = []
    report = load_seed(neo4j_driver, GOOD, batch_size=2, progress=messages.append)

    assert report.node_totals == Counts(created=20)
    assert dump(neo4j_driver, element_ids=False) == whole
    # five results in batches of two: three round trips
    assert [m for m in messages if m.startswith("Result:")] == [
        "Result: 2/5 nodes",
        "Result: 4/5 nodes",
        "Result: 5/5 nodes",
    ]


# -- edits to the seed -------------------------------------------------------------------------


def test_reload_after_edits_updates_and_deletes(neo4j_driver: Driver, tmp_path: Path) -> None:
    seed = copy_good(tmp_path)
    load_seed(neo4j_driver, seed)

    framework = seed / "framework.yaml"
    edit(
        framework,
        "    name: Refugees are self-reliant and live in dignity.\n",
        "    name: Refugees are self-reliant.\n",
    )
    comment_out(framework, "  - id: fx.output-1", 7)  # referenced by nothing else
    edit(seed / "actors.yaml", "    acronym: ILO\n", "#   acronym: ILO\n")

    report = load_seed(neo4j_driver, seed)

    assert report.nodes["Result"] == Counts(updated=1, deleted=1, unchanged=3)
    assert report.nodes["Actor"] == Counts(updated=1, unchanged=1)
    assert report.node_totals == Counts(updated=2, deleted=1, unchanged=17)
    # fx.output-1's PART_OF and CONTRIBUTES_TO went with it; nothing else changed
    assert report.relationships["PART_OF"] == Counts(deleted=1, unchanged=11)
    assert report.relationships["CONTRIBUTES_TO"] == Counts(deleted=1, unchanged=5)
    assert report.relationship_totals == Counts(deleted=2, unchanged=30)

    assert count(neo4j_driver, "MATCH (n {id: 'fx.output-1'}) RETURN count(n)") == 0
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (i:Result {id: 'fx.impact'}), (a:Actor {id: 'actor.ilo'})"
        " RETURN i.name AS name, a.acronym AS acronym, keys(a) AS keys"
    )
    assert records[0]["name"] == "Refugees are self-reliant."
    assert records[0]["acronym"] is None  # SET n = props: a removed property goes away
    assert "acronym" not in records[0]["keys"]

    again = load_seed(neo4j_driver, seed)
    assert not again.changed


def test_data_the_loader_did_not_make_is_left_alone(neo4j_driver: Driver, tmp_path: Path) -> None:
    seed = copy_good(tmp_path)
    load_seed(neo4j_driver, seed)
    neo4j_driver.execute_query(
        "MATCH (i:Result {id: 'fx.impact'})"
        " CREATE (:Note {id: 'note.1', text: 'a reviewer note'})-[:ABOUT]->(i)"
    )
    comment_out(seed / "framework.yaml", "  - id: fx.output-1", 7)

    report = load_seed(neo4j_driver, seed)

    assert report.node_totals.deleted == 1
    assert (
        count(neo4j_driver, "MATCH (:Note)-[:ABOUT]->(:Result {id: 'fx.impact'}) RETURN count(*)")
        == 1
    )


# -- nothing is written when something is wrong ----------------------------------------------


@pytest.mark.parametrize(
    "case",
    sorted(p.name for p in FIXTURES.iterdir() if p.name.startswith("broken_")),
)
def test_a_broken_seed_leaves_the_database_untouched(neo4j_driver: Driver, case: str) -> None:
    load_seed(neo4j_driver, GOOD)
    before = dump(neo4j_driver)

    with pytest.raises(SeedValidationError):
        load_seed(neo4j_driver, FIXTURES / case)

    assert dump(neo4j_driver) == before


def test_one_bad_entry_among_real_changes_writes_none_of_them(
    neo4j_driver: Driver, tmp_path: Path
) -> None:
    seed = copy_good(tmp_path)
    load_seed(neo4j_driver, seed)
    before = dump(neo4j_driver)
    framework = seed / "framework.yaml"
    edit(framework, "    name: Pledges and commitments\n", "    name: Pledges\n")
    comment_out(framework, "  - id: fx.output-1", 7)
    edit(seed / "peer.yaml", "    sector: private_sector\n", "    sector: employers\n")

    with pytest.raises(SeedValidationError) as caught:
        load_seed(neo4j_driver, seed)

    assert [e.field for e in caught.value.errors] == ["sector"]
    assert dump(neo4j_driver) == before


def test_a_database_error_mid_transaction_rolls_everything_back(
    neo4j_driver: Driver, tmp_path: Path
) -> None:
    seed = copy_good(tmp_path)
    load_seed(neo4j_driver, seed)
    # A rule the loader does not know about, and a node that the next load will clash with.
    # Actors are merged after frameworks and results, so those writes happen first.
    neo4j_driver.execute_query(
        "CREATE CONSTRAINT test_actor_name_unique IF NOT EXISTS"
        " FOR (a:Actor) REQUIRE a.name IS UNIQUE"
    )
    try:
        neo4j_driver.execute_query(
            "CREATE (:Actor {id: 'manual.ministry', name: 'Ministry of Labour'})"
        )
        before = dump(neo4j_driver)
        framework = seed / "framework.yaml"
        edit(framework, "    name: Pledges and commitments\n", "    name: Pledges\n")
        comment_out(framework, "  - id: fx.output-1", 7)
        with (seed / "actors.yaml").open("a", encoding="utf-8") as f:
            f.write(
                "\n  - id: actor.ministry\n    label: Actor\n    actor_type: ministry\n"
                "    name: Ministry of Labour\n    section: Partners\n"
            )
        # The appended actor lands under `edges:`; move it under `nodes:` instead.
        text = (seed / "actors.yaml").read_text(encoding="utf-8")
        head, tail = text.split("\nedges:\n")
        edges, ministry = tail.split("\n\n  - id: actor.ministry\n")
        text = f"{head}\n  - id: actor.ministry\n{ministry}\nedges:\n{edges}\n"
        (seed / "actors.yaml").write_text(text, encoding="utf-8")
        check_seed(seed)  # the seed itself is valid

        messages: list[str] = []
        with pytest.raises(ConstraintError):
            load_seed(neo4j_driver, seed, progress=messages.append)

        assert "Result: 4/4 nodes" in messages  # results were written before the failure
        assert dump(neo4j_driver) == before
    finally:
        neo4j_driver.execute_query("DROP CONSTRAINT test_actor_name_unique IF EXISTS")


def test_an_exception_mid_transaction_rolls_everything_back(
    neo4j_driver: Driver, tmp_path: Path
) -> None:
    seed = copy_good(tmp_path)
    load_seed(neo4j_driver, seed)
    before = dump(neo4j_driver)
    edit(seed / "framework.yaml", "    name: Pledges and commitments\n", "    name: Pledges\n")
    comment_out(seed / "framework.yaml", "  - id: fx.output-1", 7)

    def stop_late(message: str) -> None:
        if message.startswith("REFERENCES"):  # the last relationship type
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError, match="interrupted"):
        load_seed(neo4j_driver, seed, progress=stop_late)

    assert dump(neo4j_driver) == before
    report: ChangeReport = load_seed(neo4j_driver, seed)
    assert report.node_totals == Counts(updated=1, deleted=1, unchanged=18)
