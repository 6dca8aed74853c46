"""The five documents as one graph: what the loaded database holds, checked against counts and
texts read from the documents by hand (tests/support/expectations), and against the documents
themselves."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import Driver

from app.loader import check_quotes, check_seed, load_seed
from tests.support.expectations import mirps, others
from tests.support.seed import SEED_DIR, seed_docs_dir


def rows(driver: Driver, cypher: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(cypher, params)
    return [r.data() for r in records]


def test_every_quote_is_verbatim_in_its_document() -> None:
    docs = seed_docs_dir()
    assert docs.is_dir(), f"the source documents are not at {docs} (set TOC_SEED_DOCS)"
    problems = check_quotes(check_seed(SEED_DIR), docs)
    assert not problems, "\n".join(map(str, problems[:20]))


def test_every_node_and_curated_edge_has_provenance(seeded_db: Driver) -> None:
    missing = rows(
        seeded_db,
        "MATCH (n:Entity) WHERE n.source IS NULL OR n.section IS NULL OR n.quote IS NULL "
        "RETURN n.id AS id",
    )
    assert missing == []
    unexplained = rows(
        seeded_db,
        "MATCH ()-[r]->() WHERE r.origin = 'seed' AND NOT type(r) IN ['PART_OF'] AND ("
        " r.basis IS NULL"
        " OR (r.basis = 'inferred' AND r.rationale IS NULL)"
        " OR (r.basis = 'stated' AND (r.source IS NULL OR r.quote IS NULL))"
        ") RETURN type(r) AS type, r.id AS id LIMIT 10",
    )
    assert unexplained == []


@pytest.mark.parametrize(
    ("framework", "level", "n"),
    sorted(
        (f, lv, n) for (f, lv), n in {**mirps.COUNTS_BY_LEVEL, **others.COUNTS_BY_LEVEL}.items()
    ),
)
def test_counts_per_level(seeded_db: Driver, framework: str, level: str, n: int) -> None:
    got = rows(
        seeded_db,
        "MATCH (r:Result {level: $level})-[:PART_OF]->(:Framework {id: $framework}) "
        "RETURN count(r) AS n",
        level=level,
        framework=framework,
    )
    assert got[0]["n"] == n


def test_counts_per_country(seeded_db: Driver) -> None:
    def per_country(label: str, rel: str) -> dict[str, int]:
        found = rows(
            seeded_db,
            f"MATCH (a:Actor {{actor_type: 'country'}})-[:{rel}]->(x:{label}) "
            "RETURN a.id AS country, count(x) AS n",
        )
        return {r["country"]: r["n"] for r in found}

    expect = {k: v for k, v in mirps.PLEDGES_BY_COUNTRY.items() if v}
    assert per_country("Pledge", "MAKES") == expect
    expect = {k: v for k, v in mirps.COMMITMENTS_BY_COUNTRY.items() if v}
    assert per_country("Commitment", "MAKES") == expect
    expect = {k: v for k, v in mirps.INDICATORS_BY_COUNTRY.items() if v}
    assert per_country("Indicator", "REPORTS") == expect
    solutions = others.COUNTS_BY_LABEL["Solution"]
    assert per_country("Solution", "PROPOSES") == solutions


def test_counts_per_line_of_action_and_area_of_work(seeded_db: Driver) -> None:
    found = rows(
        seeded_db,
        "MATCH (a:Result)-[:CONTRIBUTES_TO]->(p:Result) WHERE p.level IN ['line_of_action', "
        "'area_of_work'] AND a.level IN ['action', 'activity'] RETURN p.id AS id, count(a) AS n",
    )
    got = {r["id"]: r["n"] for r in found}
    assert {k: got.get(k) for k in others.ACTIONS_BY_LINE} == others.ACTIONS_BY_LINE
    assert {k: got.get(k) for k in others.ACTIVITIES_BY_AREA} == others.ACTIVITIES_BY_AREA


def test_labels_and_sectors(seeded_db: Driver) -> None:
    for label, n in mirps.NODES_BY_LABEL.items():
        got = rows(
            seeded_db,
            "MATCH (x:$($label)) WHERE x.source = $source RETURN count(x) AS n",
            label=label,
            source=mirps.SOURCE,
        )
        assert got[0]["n"] == n, label
    sectors = rows(seeded_db, "MATCH (c:Challenge) RETURN c.sector AS s, count(*) AS n")
    assert {r["s"]: r["n"] for r in sectors} == others.COUNTS_BY_LABEL["Challenge"]
    assert rows(seeded_db, "MATCH (i:Instrument) RETURN count(i) AS n")[0]["n"] == 4
    assert rows(seeded_db, "MATCH (t:Theme) RETURN count(t) AS n")[0]["n"] == len(mirps.THEME_IDS)


def test_exact_texts_and_codes(seeded_db: Driver) -> None:
    texts = {**mirps.EXACT_TEXTS, **others.EXACT_TEXTS}
    found = rows(
        seeded_db,
        "MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.name AS name",
        ids=list(texts),
    )
    assert {r["id"]: r["name"] for r in found} == texts
    codes = rows(seeded_db, "MATCH (p:Pledge) RETURN p.id AS id, p.code AS code")
    assert {r["id"]: r["code"] for r in codes} == mirps.PLEDGE_CODES
    project = rows(
        seeded_db,
        "MATCH (f:Framework {id: 'sida-ilo-venezuela'})<-[fu:FUNDS]-(d:Actor) "
        "RETURN f.budget AS budget, f.currency AS currency, d.id AS donor, fu.amount AS amount",
    )
    assert project == [
        {
            "budget": others.PROJECT["budget"],
            "currency": others.PROJECT["currency"],
            "donor": others.PROJECT["donor"],
            "amount": others.PROJECT["budget"],
        }
    ]


def test_every_medium_term_change_reaches_the_impact(seeded_db: Driver) -> None:
    stranded = rows(
        seeded_db,
        "MATCH (m:Result {level: 'medium_term_change'}) "
        "WHERE NOT EXISTS { (m)-[:CONTRIBUTES_TO]->+(:Result {id: 'mirps.impact'}) } "
        "RETURN m.id AS id",
    )
    assert stranded == []
    assert (
        rows(seeded_db, "MATCH (m:Result {level: 'medium_term_change'}) RETURN count(m) AS n")[0][
            "n"
        ]
        == 41
    )


def test_every_output_reaches_an_outcome_or_goal(seeded_db: Driver) -> None:
    stranded = rows(
        seeded_db,
        "MATCH (o:Result {level: 'output'}) WHERE NOT EXISTS "
        "{ (o)-[:CONTRIBUTES_TO]->+(t:Result) WHERE t.level IN ['outcome', 'goal'] } "
        "RETURN o.id AS id",
    )
    assert stranded == []


def test_only_the_documented_orphans(seeded_db: Driver) -> None:
    found = rows(
        seeded_db,
        "MATCH (r:Result) WHERE NOT EXISTS { (r)-[:CONTRIBUTES_TO]-() } RETURN r.id AS id",
    )
    assert {r["id"] for r in found} == set(mirps.ORPHANS) | set(others.ORPHANS)


def test_alignments_link_frameworks(seeded_db: Driver) -> None:
    across = rows(
        seeded_db,
        "MATCH (a)-[r:ALIGNS_WITH]->(b), (a)-[:PART_OF]->(fa), (b)-[:PART_OF]->(fb) "
        "WHERE fa <> fb RETURN count(DISTINCT r) AS n, count(DISTINCT fa) + 0 AS fs",
    )
    assert across[0]["n"] >= others.ALIGNS_WITH_COUNT
    skills = rows(
        seeded_db,
        "MATCH (:Result {id: 'mirps-rf.outcome-3'})-[:ALIGNS_WITH*1..2]-(x)-[:PART_OF]->(f) "
        "RETURN collect(DISTINCT f.id) AS frameworks",
    )[0]["frameworks"]
    assert {"rcm-plan", "jap"} <= set(skills)


def test_loading_twice_changes_nothing(seeded_db: Driver) -> None:
    def counts() -> tuple[int, int]:
        r = rows(
            seeded_db,
            "CALL () { MATCH (n) RETURN count(n) AS n } CALL () { MATCH ()-[r]->() "
            "RETURN count(r) AS r } RETURN n, r",
        )[0]
        return r["n"], r["r"]

    before = counts()
    report = load_seed(seeded_db, SEED_DIR)
    assert not report.changed, str(report)
    assert counts() == before
