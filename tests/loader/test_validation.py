"""The seed loader's checks, without a database: crafted seed folders in tests/seed_fixtures/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from app.loader import SeedError, SeedValidationError, check_quotes, check_seed, normalise
from app.loader.__main__ import main as loader_main
from app.loader.model import (
    ACTOR_TYPES,
    BASES,
    FRAMEWORK_KINDS,
    LEVELS,
    NODE_LABELS,
    NODE_MODELS,
    PLEDGE_SCOPES,
    RELATIONSHIP_ENDPOINTS,
    SECTORS,
)
from app.loader.validate import display_name
from app.loader.write import plan_load
from app.queries import fill_template
from app.repository.schema import schema_statements
from graph.vocabulary import LEVEL_RANK
from tests.support.paths import REPO
from tests.support.paths import SEED_FIXTURES as FIXTURES

GOOD = FIXTURES / "good"
DOCS = FIXTURES / "docs"
SCHEMA_MD = REPO / "docs" / "schema.md"


def _file(case: str, name: str = "seed.yaml") -> str:
    return f"tests/seed_fixtures/{case}/{name}"


def errors_of(seed_dir: Path) -> list[SeedError]:
    with pytest.raises(SeedValidationError) as caught:
        check_seed(seed_dir)
    return caught.value.errors


def where(errors: list[SeedError]) -> list[tuple[str, int | None, str | None, str | None]]:
    return [(e.file, e.line, e.entry_id, e.field) for e in errors]


# -- the good fixture ----------------------------------------------------------------------


def test_good_fixture_is_valid_and_normalised() -> None:
    graph = check_seed(GOOD)
    assert graph.files == [
        _file("good", n)
        for n in ("actors.yaml", "alignments.yaml", "framework.yaml", "peer.yaml", "themes.yaml")
    ]
    assert {label: len(ns) for label, ns in graph.nodes_by_label().items()} == {
        "Framework": 3,
        "Result": 5,
        "Actor": 2,
        "Pledge": 1,
        "Commitment": 1,
        "Indicator": 1,
        "Approach": 1,
        "Instrument": 1,
        "Theme": 2,
        "Challenge": 1,
        "Solution": 1,
        "Recommendation": 1,
    }
    assert len(graph.edges) == 32

    outcome = graph.nodes["fx.outcome-1"]
    assert outcome.properties == {
        "id": "fx.outcome-1",
        "name": "Work permits are issued within thirty days.",
        "source": "fixture_toc.txt",  # the file's default
        "section": "Step 2: Outcomes",
        "quote": "Work permits are issued within thirty days.",  # defaulted to the name
        "level": "outcome",
        "number": "1",  # YAML's int, kept as printed
        "framework": "fx-toc",
        "origin": "seed",
        "seed_file": _file("good", "framework.yaml"),
        "seed_line": 27,
    }
    assert graph.nodes["fx.outcome-2"].properties["framework"] == "fx-toc"  # [fx-toc] -> first


def test_shorthand_keys_become_relationships() -> None:
    edges = check_seed(GOOD).edges
    part_of = edges["PART_OF:fx.outcome-1->fx-toc"]
    assert not part_of.declared
    assert part_of.properties == {
        "id": "PART_OF:fx.outcome-1->fx-toc",
        "basis": "stated",
        "source": "fixture_toc.txt",
        "section": "Step 2: Outcomes",
        "quote": "Work permits are issued within thirty days.",
        "origin": "seed",
        "seed_file": _file("good", "framework.yaml"),
        "seed_line": 31,
    }
    assert edges["CONTRIBUTES_TO:fx.outcome-2->fx.impact"].line == 45  # the list item's line
    # `country` is IN_COUNTRY for most labels, the country's own act for pledges and solutions.
    assert "IN_COUNTRY:ind.cr.work-permits->actor.cr" in edges
    assert "MAKES:actor.cr->pledge.fx-00001" in edges
    assert "MAKES:actor.cr->nap.cr.employment-services" in edges
    assert "PROPOSES:actor.cr->fx-peer.solution-cr-1" in edges
    assert "CONTRIBUTES_TO:pledge.fx-00001->fx.outcome-1" in edges


def test_a_listed_edge_overrides_the_shorthand_it_restates() -> None:
    edge = check_seed(GOOD).edges["HAS_THEME:fx.outcome-1->theme.permits"]
    assert edge.declared
    assert edge.file == _file("good", "alignments.yaml")
    assert edge.properties["basis"] == "inferred"
    assert edge.properties["rationale"] == "Work permits are the outcome's subject."
    assert "quote" not in edge.properties


def test_edge_properties_per_type() -> None:
    edges = check_seed(GOOD).edges
    funds = edges["FUNDS:actor.ilo->fx-toc"].properties
    assert (funds["amount"], funds["currency"], funds["basis"]) == (1500000, "USD", "inferred")
    assert "source" not in funds  # inferred and unquoted: no document behind it
    assert edges["SUPPORTS:actor.ilo->fx-toc"].properties["role"] == "technical support"


def test_summary_counts_labels_and_levels() -> None:
    summary = check_seed(GOOD).summary()
    assert summary.splitlines()[0] == (
        "5 seed files, 20 nodes, 32 relationships: no problems found"
    )
    assert re.search(r"\n  Result +5  \(impact 1, outcome 2, output 2\)\n", summary)
    assert re.search(r"\n  CONTRIBUTES_TO +6  \(5 stated, 1 inferred\)\n", summary)


# -- one broken rule per fixture -------------------------------------------------------------


def test_unknown_key() -> None:
    (err,) = errors_of(FIXTURES / "broken_unknown_key")
    assert where([err]) == [(_file("broken_unknown_key"), 15, "fx.impact", "colour")]
    assert err.message.startswith("unknown key (allowed: id, label, name,")
    assert str(err).startswith(
        "tests/seed_fixtures/broken_unknown_key/seed.yaml:15: fx.impact: colour: unknown key"
    )


def test_missing_field() -> None:
    (err,) = errors_of(FIXTURES / "broken_missing_field")
    assert str(err) == (
        "tests/seed_fixtures/broken_missing_field/seed.yaml:9: fx.impact: framework:"
        " required field is missing"
    )


def test_bad_level() -> None:
    (err,) = errors_of(FIXTURES / "broken_bad_level")
    assert str(err) == (
        "tests/seed_fixtures/broken_bad_level/seed.yaml:11: fx.outcome-1: level: 'mid' is not"
        " one of " + ", ".join(LEVEL_RANK)
    )


def test_duplicate_id_across_two_files() -> None:
    (err,) = errors_of(FIXTURES / "broken_duplicate_id")
    assert str(err) == (
        "tests/seed_fixtures/broken_duplicate_id/b.yaml:6: fx.impact: id: duplicate id"
        " (first at tests/seed_fixtures/broken_duplicate_id/a.yaml:9)"
    )


def test_unknown_references() -> None:
    errors = errors_of(FIXTURES / "broken_unknown_reference")
    case = _file("broken_unknown_reference")
    assert [str(e) for e in errors] == [
        f"{case}:16: fx.outcome-1: contributes_to: unknown id 'fx.impact'",
        f"{case}:17: fx.outcome-1: themes: unknown id 'theme.permits'",
        f"{case}:20: ALIGNS_WITH:fx.outcome-1->fx.nowhere: to: unknown id 'fx.nowhere'",
    ]


def test_downward_contributes_to() -> None:
    (err,) = errors_of(FIXTURES / "broken_downward")
    assert where([err]) == [(_file("broken_downward"), 15, "fx.impact", "contributes_to")]
    assert err.message == (
        "CONTRIBUTES_TO must go strictly upward: 'fx.impact' is impact (rank 100),"
        " 'fx.output-1' is output (rank 50)"
    )


def test_cycle() -> None:
    errors = errors_of(FIXTURES / "broken_cycle")
    case = _file("broken_cycle")
    assert where(errors) == [
        (case, 22, "fx.output-1", "contributes_to"),
        (case, 25, "CONTRIBUTES_TO:fx.outcome-1->fx.output-1", "to"),
    ]
    assert errors[0].message == (
        "CONTRIBUTES_TO cycle: fx.outcome-1 -> fx.output-1 -> fx.outcome-1"
    )
    assert errors[1].message.startswith("CONTRIBUTES_TO must go strictly upward")


def test_inferred_edge_without_rationale() -> None:
    (err,) = errors_of(FIXTURES / "broken_inferred_no_rationale")
    assert str(err) == (
        "tests/seed_fixtures/broken_inferred_no_rationale/seed.yaml:24:"
        " CONTRIBUTES_TO:fx.outcome-1->fx.impact: rationale:"
        " an inferred relationship needs a rationale"
    )


def test_bad_yaml_names_file_and_line() -> None:
    (err,) = errors_of(FIXTURES / "broken_yaml")
    assert where([err]) == [(_file("broken_yaml"), 13, None, None)]
    assert str(err) == (
        "tests/seed_fixtures/broken_yaml/seed.yaml:13: invalid YAML: mapping values are not"
        " allowed here; quote text that contains ': '"
    )


def test_endpoint_labels_and_countries() -> None:
    errors = errors_of(FIXTURES / "broken_endpoints")
    case = _file("broken_endpoints")
    measures = "MEASURES:fx.outcome-1->ind.cr.work-permits"
    assert where(errors) == [
        (case, 18, "fx.outcome-1", "framework"),
        (case, 26, "ind.cr.work-permits", "country"),
        (case, 31, measures, "from"),
        (case, 31, measures, "to"),
        (case, 37, "IN_COUNTRY:fx-toc->actor.ilo", "to"),
    ]
    assert errors[0].message == ("PART_OF cannot end at 'actor.ilo', an Actor (allowed: Framework)")
    assert errors[1].message == ("'actor.ilo' is not a country (an Actor with actor_type: country)")


def test_many_problems_in_one_file_are_all_reported() -> None:
    errors = errors_of(FIXTURES / "broken_misc")
    case = _file("broken_misc")
    supports = "SUPPORTS:actor.ilo->fx-toc"
    funds = "FUNDS:actor.ilo->fx-toc"
    employs = "EMPLOYS:actor.ilo->fx-toc"
    assert where(errors) == [
        (case, 8, None, "name"),  # duplicate key
        (case, 10, "Fx.Outcome_1", "id"),
        (case, 14, "Fx.Outcome_1", "number"),
        (case, 15, "Fx.Outcome_1", "name"),
        (case, 25, "fx.thing", "label"),
        (case, 36, supports, "to"),
        (case, 48, "ALIGNS_WITH:fx-toc->actor.ilo", "to"),
        (case, 54, funds, "quote"),
        (case, 58, funds, "role"),
        (case, 61, employs, "type"),
        (case, 64, employs, "basis"),
    ]
    messages = [e.message for e in errors]
    assert messages[0] == "duplicate key (first at line 6)"
    assert "not a well-formed id" in messages[1]
    assert messages[2] == "YAML read 2.1 as a float; quote the number as printed (e.g. '2.10')"
    assert messages[3] == "expected text, got int 2024 (quote it)"
    assert (
        messages[5] == f"duplicate relationship SUPPORTS actor.ilo -> fx-toc (first at {case}:30)"
    )
    assert messages[6].startswith("duplicate relationship ALIGNS_WITH")  # read both ways


def test_problems_in_several_files_are_all_collected(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "broken_bad_level" / "seed.yaml", tmp_path / "a.yaml")
    shutil.copy(FIXTURES / "broken_yaml" / "seed.yaml", tmp_path / "b.yaml")
    errors = errors_of(tmp_path)
    assert [(Path(e.file).name, e.line, e.field) for e in errors] == [
        ("a.yaml", 11, "level"),
        ("b.yaml", 13, None),
    ]


def test_empty_or_missing_folder(tmp_path: Path) -> None:
    (err,) = errors_of(tmp_path)
    assert err.message == "no *.yaml seed files in the folder"
    (err,) = errors_of(tmp_path / "nowhere")
    assert err.message == "no such folder"


def test_top_level_shape(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("source: x.txt\nnodes: {}\nrefs: []\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("", encoding="utf-8")
    errors = errors_of(tmp_path)
    assert [(Path(e.file).name, e.line, e.field, e.message) for e in errors] == [
        ("a.yaml", 2, "nodes", "must be a list of entries"),
        ("a.yaml", 3, "refs", "unknown top-level key (allowed: source, nodes, edges)"),
        ("b.yaml", None, None, "empty file: expected nodes and/or edges"),
    ]


def test_display_name_is_repo_relative_whatever_the_spelling() -> None:
    spelled = REPO / "tests" / ".." / "tests" / "seed_fixtures" / "good" / "themes.yaml"
    assert display_name(spelled) == _file("good", "themes.yaml")


# -- provenance ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("**Bold** and *italic* and ***both***", "Bold and italic and both"),
        ("see [the MoU \\(2016\\)](#) here", "see the MoU (2016) here"),
        ("a [link](https://example.org/x) b", "a link b"),
        ("two\n  lines\t\tand   spaces  ", "two lines and spaces"),
        ("- 1. Promote** knowledge", "- 1. Promote knowledge"),
        ("plain text", "plain text"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_good_fixture_quotes_occur_in_their_document() -> None:
    assert check_quotes(check_seed(GOOD), DOCS) == []


def test_a_quote_not_in_the_document_is_reported(tmp_path: Path) -> None:
    seed = tmp_path / "seed"
    shutil.copytree(GOOD, seed)
    path = seed / "framework.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "quote: Refugees are self-reliant and live in dignity.",
        "quote: Refugees are self-reliant and live in comfort.",
    )
    text = text.replace("quote: The indicator **Number", "quote: An indicator **Number")
    path.write_text(text, encoding="utf-8")
    errors = check_quotes(check_seed(seed), DOCS)
    assert [(e.line, e.entry_id, e.field) for e in errors] == [
        (19, "fx.impact", "quote"),
        (96, "MEASURES:ind.cr.work-permits->fx.outcome-1", "quote"),
    ]
    assert errors[0].message == (
        "not found verbatim in fixture_toc.txt: 'Refugees are self-reliant and live in comfort.'"
    )


def test_a_missing_document_is_reported(tmp_path: Path) -> None:
    errors = check_quotes(check_seed(GOOD), tmp_path)
    assert errors
    assert {e.field for e in errors} == {"source"}
    assert errors[0].message == f"no document 'fixture_toc.txt' in {tmp_path}"


def test_docs_dir_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOC_SEED_DOCS", str(DOCS))
    assert check_quotes(check_seed(GOOD)) == []


# -- the allow-lists agree with docs/schema.md ------------------------------------------------


def _section(title: str) -> str:
    text = SCHEMA_MD.read_text(encoding="utf-8")
    start = text.index(title)
    end = text.find("\n#", start + len(title))
    return text[start : end if end != -1 else None]


def _rows(section: str) -> list[list[str]]:
    rows = []
    for line in section.splitlines():
        if line.startswith("| `"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def _allowed(name: str) -> tuple[str, ...]:
    m = re.search(rf"`{name}` ∈ `([^`]*)`", SCHEMA_MD.read_text(encoding="utf-8"))
    assert m, name
    return tuple(v.strip() for v in m.group(1).split(","))


def _fields(cell: str) -> set[str]:
    cell = re.sub(r"\([^)]*\)", "", cell)
    cell = re.sub(r"∈ `[^`]*`", "", cell)
    return set(re.findall(r"`([a-z_]+)`", cell))


def test_allow_lists_match_the_schema_doc() -> None:
    assert _allowed("kind") == FRAMEWORK_KINDS
    assert _allowed("actor_type") == ACTOR_TYPES
    assert _allowed("sector") == SECTORS
    assert _allowed("scope") == PLEDGE_SCOPES
    assert _allowed("basis") == BASES

    levels = {row[0].strip("`"): int(row[1]) for row in _rows(_section("### Results-chain levels"))}
    assert levels == LEVEL_RANK
    assert tuple(levels) == LEVELS


def test_node_labels_and_fields_match_the_schema_doc() -> None:
    rows = _rows(_section("## Node labels"))
    assert tuple(row[0].strip("`") for row in rows) == NODE_LABELS
    common = {"id", "label", "name", "text", "source", "section", "quote", "themes"}
    for row in rows:
        label, required, optional = row[0].strip("`"), _fields(row[2]), _fields(row[3])
        model = NODE_MODELS[label]
        fields = {f.alias or n for n, f in model.model_fields.items()} - common
        fields.discard("contributes_to")  # seed-file shorthand, documented with the format
        assert fields == required | optional, label
        assert {n for n in fields if model.model_fields[n].is_required()} == required, label


def test_relationship_types_match_the_schema_doc() -> None:
    documented = {}
    for row in _rows(_section("## Relationship types")):
        start, end = row[1].split("→")
        documented[row[0].strip("`")] = tuple(
            frozenset(re.findall(r"`([A-Za-z]+)`", side)) or frozenset(NODE_LABELS)
            for side in (start, end)
        )
    assert documented == RELATIONSHIP_ENDPOINTS
    assert tuple(documented) == tuple(RELATIONSHIP_ENDPOINTS)


# -- Cypher templates only ever receive allow-listed names ----------------------------------


def test_templates_refuse_anything_but_plain_names() -> None:
    with pytest.raises(ValueError, match="not a plain Cypher name"):
        fill_template("load_nodes", Label="Result {id: 1}) DETACH DELETE n //")
    with pytest.raises(ValueError, match="no placeholder"):
        fill_template("load_nodes", Nothing="Result")
    with pytest.raises(ValueError, match="not filled"):
        fill_template("load_relationships", TYPE="PART_OF")


def test_every_statement_is_fully_filled() -> None:
    plan = plan_load(check_seed(GOOD))
    texts = [b.text for b in plan.nodes + plan.relationships] + schema_statements()
    for text in texts:
        body = "\n".join(ln for ln in text.splitlines() if not ln.startswith("//"))
        assert not re.search(r"__[A-Za-z]+__", body), body
    assert len(plan.keep_nodes) == 20
    assert len(plan.keep_relationships) == 32


# -- the command line ----------------------------------------------------------------------


def test_cli_check_prints_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert loader_main(["check", str(GOOD), "--quotes", "--docs", str(DOCS)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("5 seed files, 20 nodes, 32 relationships")


def test_cli_check_prints_errors_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert loader_main(["check", str(FIXTURES / "broken_bad_level")]) == 1
    err = capsys.readouterr().err
    assert "tests/seed_fixtures/broken_bad_level/seed.yaml:11: fx.outcome-1: level:" in err
    assert "1 problem(s)" in err
