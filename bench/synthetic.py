"""Synthetic theory-of-change graphs of any size, deterministic from a seed.

    graph = generate(10_000, seed=7)
    graph.write_yaml(seed_dir)                 # seed files in the format `check_seed` reads
    rows = graph.bulk_graph(seed_dir)          # what `app.loader.bulk` loads, no YAML parsing
    graph.write_csv(csv_dir, seed_dir)         # one CSV per label / relationship group

    python -m bench.synthetic --size 10k --out DIR [--seed 7] [--no-yaml] [--no-csv]

The graph is built of *programmes*, each shaped like the real seed documents together: a
theory of change (impact <- manifestation <- 3-5 long-term changes <- 6-12 medium-term
changes each), a results framework (3-4 outcomes <- 2-3 outputs each), a joint action plan
(goals <- outputs <- areas of work <- activities), an action plan (objective <- lines of
action <- actions), a funded project (objective <- outcomes <- reported results), a pledge
set, national action plan commitments, an indicator set and a peer exchange. Cross-framework
links make the chain deep enough for six-hop pathways (pledge -> activity -> area of work ->
output -> goal -> manifestation -> impact); alignments connect programmes. Countries,
agencies, themes and instruments are shared by all programmes, so a few nodes are dense, as
in real data. More nodes means more programmes, not bigger ones.

Exactly `nodes` nodes are made: programmes until the budget is nearly spent, a smaller last
one, then indicators spread over the programmes for the rest.

Each entry is written to YAML exactly one key per line, so the generator knows the line of
every entry and key; the bulk rows carry the same `seed_file`/`seed_line` as the seed loader
would store, and a bulk load gives the same graph, property for property.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from app.loader.bulk import BulkGraph, NodeRows, RelationshipRows
from app.loader.model import COUNTRY_RELATIONSHIP, ORIGIN, UNDIRECTED_TYPES, edge_id
from app.loader.validate import display_name
from bench import vocabulary as vocab

SIZES: Final = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}
DEFAULT_SEED: Final = 7
MIN_NODES: Final = 400
# A full programme never exceeds this many nodes (checked when it is made).
MAX_PROGRAMME: Final = 520
# Near the end of the budget, programmes are made smaller (fan-outs scaled) to fit.
SCALES: Final = (1.0, 0.8, 0.6, 0.45, 0.3, 0.2)
SMALLEST_PROGRAMME_BUDGET: Final = 150

# Seed-file keys whose values are written bare: ids and allow-listed words.
_PLAIN_KEYS: Final = frozenset(
    {"id", "label", "level", "kind", "actor_type", "sector", "scope", "type", "from", "to"}
    | {"basis", "framework", "country"}
)
_SHORTHAND: Final = ("label", "framework", "country", "contributes_to", "themes")
# Properties stored as numbers; everything else is text (for CSV type conversion).
INTEGER_PROPERTIES: Final = frozenset({"seed_line", "year", "budget", "amount"})
NOTICE: Final = "Synthetic data made by bench/synthetic.py for benchmarks and tests: not real."


def parse_size(text: str) -> int:
    """`10k`, `1m`, `2500` -> a node count.

    >>> parse_size("10k"), parse_size("1M"), parse_size("2500")
    (10000, 1000000, 2500)
    """
    t = text.strip().lower()
    if t in SIZES:
        return SIZES[t]
    m = re.fullmatch(r"(\d+)([km]?)", t)
    if not m:
        raise ValueError(f"not a size: {text!r} (e.g. 10k, 100k, 1m, 2500)")
    return int(m.group(1)) * {"": 1, "k": 1_000, "m": 1_000_000}[m.group(2)]


def slug(text: str) -> str:
    """An id part from a name.

    >>> slug("Trinidad and Tobago"), slug("UN Women")
    ('trinidad-and-tobago', 'un-women')
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass
class SynthFile:
    """One seed file: a default source and its entries, keys in writing order."""

    name: str
    source: str
    comment: str
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)

    def layout(self) -> tuple[list[int], list[int]]:
        """The line of each node entry and each edge entry, as `render` writes them."""
        line = 5  # the next line: after comment, notice, source and a blank line
        node_lines, edge_lines = [], []
        if self.nodes:
            line += 1  # nodes:
            for entry in self.nodes:
                node_lines.append(line)
                line += len(entry)
        if self.edges:
            line += 1  # edges:
            for entry in self.edges:
                edge_lines.append(line)
                line += len(entry)
        return node_lines, edge_lines

    def render(self) -> Iterator[str]:
        yield f"# {self.comment}\n"
        yield f"# {NOTICE}\n"
        yield f"source: {self.source}\n"
        yield "\n"
        for key, entries in (("nodes", self.nodes), ("edges", self.edges)):
            if not entries:
                continue
            yield f"{key}:\n"
            for entry in entries:
                lead = "  - "
                for k, v in entry.items():
                    yield f"{lead}{k}: {_yaml_value(k, v)}\n"
                    lead = "    "


def _yaml_value(key: str, value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    if isinstance(value, bool):
        raise TypeError(f"{key}: booleans are not seed values")
    if isinstance(value, int):
        return str(value)
    if key in _PLAIN_KEYS:
        return str(value)
    # JSON strings are valid YAML double-quoted scalars, on one line.
    return json.dumps(value, ensure_ascii=False)


@dataclass
class SyntheticGraph:
    """The generated seed files, and the label of every node id."""

    nodes: int
    seed: int
    files: list[SynthFile]
    labels: dict[str, str]

    # -- YAML ----------------------------------------------------------------------------

    def write_yaml(self, seed_dir: Path | str) -> list[Path]:
        """One seed file per programme plus `global.yaml`; returns their paths."""
        out = Path(seed_dir)
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for f in self.files:
            path = out / f.name
            with path.open("w", encoding="utf-8") as fh:
                fh.writelines(f.render())
            paths.append(path)
        return paths

    # -- rows, as the seed loader would store them ----------------------------------------

    def bulk_graph(self, seed_dir: Path | str) -> BulkGraph:
        """Nodes by label and relationships by (type, start label, end label).

        `seed_dir` is where `write_yaml` puts (or would put) the files: it gives every node
        and relationship the `seed_file` the seed loader would store.
        """
        base = Path(seed_dir)
        nodes: dict[str, list[dict[str, Any]]] = {}
        rels: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        implied: dict[tuple[str, str, str], dict[str, Any]] = {}
        declared: dict[tuple[str, str, str], dict[str, Any]] = {}
        for f in self.files:
            seed_file = display_name(base / f.name)
            node_lines, edge_lines = f.layout()
            for entry, line in zip(f.nodes, node_lines, strict=True):
                props, links = _node_rows(entry, f.source, seed_file, line)
                nodes.setdefault(entry["label"], []).append(props)
                for link in links:
                    implied[_key(link)] = link
            for entry, line in zip(f.edges, edge_lines, strict=True):
                link = _edge_row(entry, f.source, seed_file, line)
                declared[_key(link)] = link
        # An edge listed under `edges:` overrides what a shorthand implies, as in the loader.
        for link in {**implied, **declared}.values():
            group = (link.pop("type"), self.labels[link["start"]], self.labels[link["end"]])
            rels.setdefault(group, []).append(link)
        return BulkGraph(
            nodes=[NodeRows(label, rows) for label, rows in nodes.items()],
            relationships=[RelationshipRows(t, a, b, rows) for (t, a, b), rows in rels.items()],
        )

    # -- CSV, for LOAD CSV ---------------------------------------------------------------

    def write_csv(self, csv_dir: Path | str, seed_dir: Path | str) -> dict[str, Any]:
        """`nodes/<Label>.csv` and `relationships/<TYPE>__<From>__<To>.csv`, plus manifest.json.

        Columns are the union of the group's property keys (relationships: `start`, `end`
        first); an empty cell is a property the row does not have. The manifest lists each
        file with its label or type and columns, and which columns hold integers.
        """
        return write_bulk_csv(self.bulk_graph(seed_dir), csv_dir)

    def counts(self) -> dict[str, Any]:
        """Nodes per label and results per level, straight from the entries."""
        labels: Counter[str] = Counter()
        levels: Counter[str] = Counter()
        edges = 0
        for f in self.files:
            for entry in f.nodes:
                labels[entry["label"]] += 1
                if entry["label"] == "Result":
                    levels[entry["level"]] += 1
            edges += len(f.edges)
        return {"nodes": dict(labels), "levels": dict(levels), "declared_edges": edges}


def write_bulk_csv(graph: BulkGraph, csv_dir: Path | str) -> dict[str, Any]:
    out = Path(csv_dir)
    (out / "nodes").mkdir(parents=True, exist_ok=True)
    (out / "relationships").mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {"nodes": [], "relationships": [], "integers": []}
    integers: set[str] = set()
    for group in graph.nodes:
        columns = _columns(group.rows)
        path = out / "nodes" / f"{group.label}.csv"
        _write_csv(path, columns, group.rows)
        integers |= INTEGER_PROPERTIES & set(columns)
        manifest["nodes"].append(
            {
                "file": f"nodes/{group.label}.csv",
                "label": group.label,
                "columns": columns,
                "rows": len(group.rows),
            }
        )
    for rgroup in graph.relationships:
        columns = _columns([r["props"] for r in rgroup.rows])
        name = f"{rgroup.type}__{rgroup.start_label}__{rgroup.end_label}.csv"
        flat = ({"start": r["start"], "end": r["end"], **r["props"]} for r in rgroup.rows)
        _write_csv(out / "relationships" / name, ["start", "end", *columns], flat)
        integers |= INTEGER_PROPERTIES & set(columns)
        manifest["relationships"].append(
            {
                "file": f"relationships/{name}",
                "type": rgroup.type,
                "from": rgroup.start_label,
                "to": rgroup.end_label,
                "columns": columns,
                "rows": len(rgroup.rows),
            }
        )
    manifest["integers"] = sorted(integers)
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def _columns(rows: Sequence[dict[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        for k in row:
            seen.setdefault(k, None)
    first = [c for c in ("id",) if c in seen]
    return first + sorted(c for c in seen if c not in first)


def _write_csv(path: Path, columns: list[str], rows: Any) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, columns, extrasaction="raise")
        w.writeheader()
        w.writerows(rows)


def _key(link: dict[str, Any]) -> tuple[str, str, str]:
    if link["type"] in UNDIRECTED_TYPES:
        a, b = sorted((link["start"], link["end"]))
        return (link["type"], a, b)
    return (link["type"], link["start"], link["end"])


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _node_rows(
    entry: dict[str, Any], source: str, seed_file: str, line: int
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The node's stored properties and the relationships its shorthand keys stand for.

    Mirrors `NodeEntry.properties` and the validator's shorthand links: the tests load the
    YAML with the real loader and compare, property for property.
    """
    props = {k: v for k, v in entry.items() if k not in _SHORTHAND}
    props.setdefault("source", source)
    quote = entry.get("quote") or entry.get("text") or entry["name"]
    props["quote"] = quote
    frameworks, countries = _as_list(entry.get("framework")), _as_list(entry.get("country"))
    if frameworks:
        props["framework"] = frameworks[0]
    if countries:
        props["country"] = countries[0]
    props["origin"], props["seed_file"], props["seed_line"] = ORIGIN, seed_file, line

    keys = list(entry)
    provenance = {"basis": "stated", "source": props["source"], "section": entry["section"]}
    provenance["quote"] = quote
    links: list[dict[str, Any]] = []

    def add(rel_type: str, key: str, targets: list[str], reverse: bool = False) -> None:
        key_line = line + keys.index(key) if targets else line
        for target in targets:
            start, end = (target, entry["id"]) if reverse else (entry["id"], target)
            p = dict(provenance)
            p["id"] = edge_id(rel_type, start, end)
            p["origin"], p["seed_file"], p["seed_line"] = ORIGIN, seed_file, key_line
            links.append({"type": rel_type, "start": start, "end": end, "props": p})

    add("PART_OF", "framework", frameworks)
    country_type = COUNTRY_RELATIONSHIP.get(entry["label"])
    if country_type is None:
        add("IN_COUNTRY", "country", countries)
    else:
        add(country_type, "country", countries, reverse=True)
    add("CONTRIBUTES_TO", "contributes_to", _as_list(entry.get("contributes_to")))
    add("HAS_THEME", "themes", _as_list(entry.get("themes")))
    return props, links


def _edge_row(entry: dict[str, Any], source: str, seed_file: str, line: int) -> dict[str, Any]:
    props = {k: v for k, v in entry.items() if k not in ("type", "from", "to")}
    if props.get("basis") == "stated" or "quote" in props:
        props.setdefault("source", source)
    props["id"] = edge_id(entry["type"], entry["from"], entry["to"])
    props["origin"], props["seed_file"], props["seed_line"] = ORIGIN, seed_file, line
    return {"type": entry["type"], "start": entry["from"], "end": entry["to"], "props": props}


# -- the generator ---------------------------------------------------------------------------


def _fill(template: str, rng: random.Random, **fixed: str) -> str:
    pop = fixed.get("pop") or rng.choice(vocab.POPULATIONS)
    values = {
        "pop": pop,
        "Pop": pop[0].upper() + pop[1:],
        "country": fixed.get("country") or rng.choice(vocab.COUNTRIES),
        "region": fixed.get("region") or rng.choice(vocab.REGIONS),
        "sector": rng.choice(vocab.SECTORS),
        "year": fixed.get("year", "2023"),
        "count": str(rng.randrange(40, 4000)),
    }
    return template.format(**values)


@dataclass
class _Global:
    themes: list[str]
    countries: list[tuple[str, str]]  # (id, name)
    ministries: dict[str, str]  # country id -> ministry id
    services: dict[str, str]  # country id -> employment service id
    agencies: dict[str, list[str]]  # actor_type -> ids
    instruments: list[str]


@dataclass
class _TheoryOfChange:
    """What the theory of change gives the programme's other documents to hang from."""

    toc: str  # the theory of change framework
    rf: str  # the results framework, which shares the impact
    pop: str  # the population the programme's texts name
    impact: str
    manifestation: str
    ltcs: list[str]  # long-term changes
    mtcs: list[str]  # medium-term changes


class _Programme:
    """One programme's seed file; nothing global changes until it is accepted."""

    def __init__(self, index: int, seed: int, g: _Global, scale: float, attempt: int) -> None:
        self.p = f"p{index:04d}"
        self.rng = random.Random(f"{seed}:{index}:{attempt}")
        self.g = g
        self.scale = scale
        region = vocab.REGIONS[index % len(vocab.REGIONS)]
        self.region = f"{region} ({self.p})"
        self.file = SynthFile(
            name=f"{self.p}.yaml",
            source=f"synthetic-{self.p}.txt",
            comment=f"Programme {self.p} for {region}: frameworks, results, pledges, indicators.",
        )
        self.labels: dict[str, str] = {}
        self.keys: set[tuple[str, str, str]] = set()
        self.results: dict[str, list[str]] = {}  # level -> ids
        self.measurable: list[str] = []
        self.indicator_set = f"{self.p}.ind"
        k = self.rng.randint(4, 8)
        self.countries = self.rng.sample(g.countries, min(k, len(g.countries)))

    # -- helpers --

    def n(self, low: int, high: int) -> int:
        return max(1, round(self.rng.randint(low, high) * self.scale))

    def themes(self, low: int = 1, high: int = 2) -> list[str]:
        return self.rng.sample(self.g.themes, self.rng.randint(low, high))

    def node(self, entry: dict[str, Any]) -> str:
        self.file.nodes.append(entry)
        self.labels[entry["id"]] = entry["label"]
        for key, rel in (("framework", "PART_OF"), ("contributes_to", "CONTRIBUTES_TO")):
            for target in _as_list(entry.get(key)):
                self.keys.add((rel, entry["id"], target))
        if entry["label"] == "Result":
            self.results.setdefault(entry["level"], []).append(entry["id"])
        return str(entry["id"])

    def result(
        self,
        rid: str,
        level: str,
        framework: str | list[str],
        name: str,
        section: str,
        contributes_to: list[str] | None = None,
        **extra: Any,
    ) -> str:
        entry: dict[str, Any] = {"id": rid, "label": "Result", "level": level}
        entry["framework"] = framework
        entry.update(extra)
        entry["name"] = name
        entry["section"] = section
        if contributes_to:
            entry["contributes_to"] = contributes_to
        entry["themes"] = self.themes()
        return self.node(entry)

    def edge(self, rel_type: str, start: str, end: str, **props: Any) -> bool:
        key = (rel_type, *sorted((start, end))) if rel_type in UNDIRECTED_TYPES else None
        key = key or (rel_type, start, end)
        if key in self.keys or start == end:
            return False
        self.keys.add(key)  # type: ignore[arg-type]
        entry: dict[str, Any] = {"type": rel_type, "from": start, "to": end}
        entry.update(props)
        self.file.edges.append(entry)
        return True

    def inferred(self, rel_type: str, start: str, end: str, rationale: str) -> bool:
        return self.edge(rel_type, start, end, basis="inferred", rationale=rationale)

    def stated(
        self, rel_type: str, start: str, end: str, section: str, quote: str, **extra: Any
    ) -> bool:
        props: dict[str, Any] = dict(extra)
        props.update(basis="stated", section=section, quote=quote)
        return self.edge(rel_type, start, end, **props)

    def framework(self, suffix: str, kind: str, name: str, section: str, **extra: Any) -> str:
        entry: dict[str, Any] = {"id": f"{self.p}.{suffix}", "label": "Framework", "kind": kind}
        entry.update(extra)
        entry["name"] = f"{name} — {self.region}"
        entry["section"] = section
        return self.node(entry)

    # -- the documents --

    def build(self, earlier_changes: Sequence[str]) -> None:
        """The programme's documents in file order, which fixes the random draws: keep it."""
        tc = self._theory_of_change()
        outcomes, rf_outputs = self._results_framework(tc.rf, tc.pop, tc.impact, tc.mtcs)
        activities = self._joint_action_plan(tc.pop, tc.manifestation, tc.mtcs, rf_outputs)
        ap, actions = self._action_plan(tc.pop, tc.ltcs, tc.mtcs)
        proj = self._project(tc.pop, tc.ltcs)
        self._promises(tc.pop, activities + tc.mtcs + rf_outputs + outcomes)
        self._indicators(tc.pop)
        self._peer_exchange(tc.pop)
        self._actors(tc.toc, ap, proj, actions)
        self._alignments(tc.mtcs, earlier_changes)
        self.mtcs = tc.mtcs

    def _theory_of_change(self) -> _TheoryOfChange:
        """Theory of change (impact <- manifestation <- changes), opening the results framework."""
        p, rng = self.p, self.rng
        toc = self.framework(
            "toc",
            "theory_of_change",
            "Theory of Change — Jobs and Livelihoods",
            "Step 2: Theory of Change",
            year=2024,
        )
        rf = self.framework(
            "rf", "results_framework", "Results Framework", "Step 3: Results Framework", year=2024
        )
        self.stated(
            "REFERENCES",
            rf,
            toc,
            "Step 3: Results Framework",
            "The results framework structures the changes of the theory of change.",
        )
        pop = rng.choice(vocab.POPULATIONS)
        impact = self.result(
            f"{p}.impact",
            "impact",
            [toc, rf],
            _fill(rng.choice(vocab.IMPACTS), rng, pop=pop, region=self.region),
            "Step 2: Theory of Change > Impact",
        )
        manifestation = self.result(
            f"{p}.manifestation",
            "manifestation",
            toc,
            _fill(rng.choice(vocab.MANIFESTATIONS), rng, pop=pop),
            "Step 2: Theory of Change > Manifestations",
            [impact],
        )
        ltcs = []
        for i in range(1, self.n(3, 5) + 1):
            ltcs.append(
                self.result(
                    f"{p}.toc.ltc-{i}",
                    "long_term_change",
                    toc,
                    _fill(rng.choice(vocab.LONG_TERM), rng, pop=pop),
                    "Step 2: Theory of Change > Long-term changes",
                    [manifestation],
                    number=str(i),
                )
            )
        mtcs: list[str] = []
        for ltc in ltcs:
            for _ in range(self.n(6, 12)):
                m = self.result(
                    f"{p}.toc.mtc-{len(mtcs) + 1:02d}",
                    "medium_term_change",
                    toc,
                    self.fill_country(vocab.MEDIUM_TERM, pop),
                    "Step 2: Theory of Change > Medium-term changes",
                )
                mtcs.append(m)
                self.inferred("CONTRIBUTES_TO", m, ltc, "The change is a precondition of it.")
                if rng.random() < 0.3:
                    self.inferred(
                        "CONTRIBUTES_TO",
                        m,
                        rng.choice(ltcs),
                        "The change also serves this long-term change.",
                    )
        self.measurable += ltcs + mtcs
        return _TheoryOfChange(toc, rf, pop, impact, manifestation, ltcs, mtcs)

    def _results_framework(
        self, rf: str, pop: str, impact: str, mtcs: list[str]
    ) -> tuple[list[str], list[str]]:
        """Results framework: outcomes <- outputs, under the shared impact; returns both."""
        p, rng = self.p, self.rng
        outcomes, rf_outputs = [], []
        for i in range(1, self.n(3, 4) + 1):
            o = self.result(
                f"{p}.rf.outcome-{i}",
                "outcome",
                rf,
                self.fill_country(vocab.OUTCOMES, pop),
                "Step 3: Results Framework > Outcomes",
                [impact],
                number=str(i),
            )
            outcomes.append(o)
            for j in range(1, self.n(2, 3) + 1):
                out = self.result(
                    f"{p}.rf.output-{i}.{j}",
                    "output",
                    rf,
                    self.fill_country(vocab.OUTPUTS, pop),
                    "Step 3: Results Framework > Outputs",
                    number=f"{i}.{j}",
                )
                rf_outputs.append(out)
                self.inferred("CONTRIBUTES_TO", out, o, "The output delivers this outcome.")
                if rng.random() < 0.5:
                    self.inferred(
                        "ALIGNS_WITH",
                        out,
                        rng.choice(mtcs),
                        "The output and the change name the same service.",
                    )
        self.measurable += outcomes + rf_outputs
        return outcomes, rf_outputs

    def _joint_action_plan(
        self, pop: str, manifestation: str, mtcs: list[str], rf_outputs: list[str]
    ) -> list[str]:
        """Joint action plan, the deepest chain: activity -> area of work -> output -> goal."""
        p, rng = self.p, self.rng
        jap = self.framework(
            "jap", "joint_action_plan", "Joint Action Plan", "Joint Action Plan", period="2023-2025"
        )
        activities: list[str] = []
        for gi in range(1, self.n(2, 3) + 1):
            goal = self.result(
                f"{p}.jap.goal-{gi}",
                "goal",
                jap,
                _fill(rng.choice(vocab.GOALS), rng, pop=pop),
                f"Joint Action Plan > Goal {gi}",
                number=str(gi),
            )
            self.inferred(
                "CONTRIBUTES_TO",
                goal,
                manifestation,
                "The plan's goal pursues the regional manifestation.",
            )
            for oi in range(1, self.n(1, 2) + 1):
                output = self.result(
                    f"{p}.jap.output-{gi}.{oi}",
                    "output",
                    jap,
                    self.fill_country(vocab.OUTPUTS, pop),
                    f"Joint Action Plan > Goal {gi}",
                    [goal],
                    number=f"{gi}.{oi}",
                )
                if rng.random() < 0.5:
                    self.inferred(
                        "CONTRIBUTES_TO",
                        output,
                        rng.choice(mtcs),
                        "The plan's output advances this change.",
                    )
                for ai in range(1, self.n(3, 5) + 1):
                    aow = self.result(
                        f"{p}.jap.aow-{gi}.{oi}.{ai}",
                        "area_of_work",
                        jap,
                        self.fill_country(vocab.AREAS_OF_WORK, pop),
                        f"Joint Action Plan > Goal {gi} > Areas of work",
                        [output],
                    )
                    if rng.random() < 0.2:
                        self.inferred(
                            "ALIGNS_WITH",
                            aow,
                            rng.choice(rf_outputs),
                            "Both documents plan the same work.",
                        )
                    for _ in range(self.n(2, 4)):
                        activities.append(
                            self.result(
                                f"{p}.jap.act-{len(activities) + 1:03d}",
                                "activity",
                                jap,
                                self.fill_country(vocab.ACTIVITIES, pop),
                                f"Joint Action Plan > Goal {gi} > Activities",
                                [aow],
                            )
                        )
        self.agency_link("IMPLEMENTS", jap, "Joint Action Plan", "un_agency", 2)
        return activities

    def _action_plan(self, pop: str, ltcs: list[str], mtcs: list[str]) -> tuple[str, list[str]]:
        """Action plan: objective <- lines of action <- actions; lines serve a long-term change."""
        p, rng = self.p, self.rng
        ap = self.framework(
            "ap",
            "action_plan",
            "Regional Action Plan on Labour Mobility",
            "Action Plan",
            period="2023-2027",
        )
        objective = self.result(
            f"{p}.ap.objective",
            "impact",
            ap,
            _fill(rng.choice(vocab.IMPACTS), rng, region=self.region),
            "Action Plan > General objective",
        )
        actions = []
        for li in range(1, self.n(3, 5) + 1):
            line = self.result(
                f"{p}.ap.line-{li}",
                "line_of_action",
                ap,
                rng.choice(vocab.LINES_OF_ACTION),
                f"Action Plan > Line {li}",
                [objective],
                number=str(li),
                objective=_fill(rng.choice(vocab.OUTCOMES), rng, pop=pop),
            )
            self.inferred(
                "CONTRIBUTES_TO",
                line,
                rng.choice(ltcs),
                "The line of action pursues this long-term change.",
            )
            for ai in range(1, self.n(5, 8) + 1):
                a = self.result(
                    f"{p}.ap.line-{li}.action-{ai}",
                    "action",
                    ap,
                    self.fill_country(vocab.ACTIONS, pop),
                    f"Action Plan > Line {li} > Actions",
                    [line],
                    number=f"{li}.{ai}",
                )
                actions.append(a)
                if rng.random() < 0.15:
                    self.inferred(
                        "ALIGNS_WITH",
                        a,
                        rng.choice(mtcs),
                        "The action and the change pursue the same thing.",
                    )
        for i, name in enumerate(rng.sample(vocab.APPROACHES, self.n(2, 3)), 1):
            self.node(
                {
                    "id": f"{p}.ap.approach-{i}",
                    "label": "Approach",
                    "framework": ap,
                    "name": name,
                    "section": "Action Plan > Approaches",
                }
            )
        return ap, actions

    def _project(self, pop: str, ltcs: list[str]) -> str:
        """Funded project: objective <- outcomes <- reported results, with its donor."""
        p, rng = self.p, self.rng
        donor = rng.choice(self.g.agencies["donor"])
        currency = rng.choice(vocab.CURRENCIES)
        budget = rng.randrange(1, 60) * 1_000_000
        proj = self.framework(
            "proj",
            "project",
            "Labour Inclusion Project",
            "Project summary",
            budget=budget,
            currency=currency,
            period="2022-2025",
        )
        self.stated(
            "FUNDS",
            donor,
            proj,
            "Project summary",
            "The project is funded by the donor.",
            amount=budget,
            currency=currency,
        )
        self.agency_link("IMPLEMENTS", proj, "Project summary", "un_agency", 1)
        proj_objective = self.result(
            f"{p}.proj.objective",
            "impact",
            proj,
            _fill(rng.choice(vocab.IMPACTS), rng, region=self.region),
            "Project > Overall objective",
        )
        reported = 0
        for oi in range(1, self.n(3, 4) + 1):
            o = self.result(
                f"{p}.proj.outcome-{oi}",
                "outcome",
                proj,
                self.fill_country(vocab.OUTCOMES, pop),
                f"Project > Outcome {oi}",
                [proj_objective],
                number=str(oi),
            )
            self.inferred(
                "CONTRIBUTES_TO",
                o,
                rng.choice(ltcs),
                "The project outcome serves this long-term change.",
            )
            for _ in range(self.n(4, 7)):
                reported += 1
                cid, cname = rng.choice(self.countries)
                year = rng.choice((2022, 2023, 2024))
                r = self.result(
                    f"{p}.proj.result-{reported:03d}",
                    "reported_result",
                    proj,
                    _fill(
                        rng.choice(vocab.REPORTED_RESULTS),
                        rng,
                        pop=pop,
                        country=cname,
                        year=str(year),
                    ),
                    "Result",
                    country=cid,
                    year=year,
                )
                self.inferred("CONTRIBUTES_TO", r, o, "The result is reported under it.")
        return proj

    def _promises(self, pop: str, targets: list[str]) -> None:
        """Pledges and national commitments, reaching into the chain from below at `targets`."""
        p = self.p
        grf = self.framework(
            "grf",
            "pledge_set",
            "Pledges on socioeconomic integration",
            "Annexes > Global Refugee Forum",
        )
        nap = self.framework(
            "nap",
            "national_action_plans",
            "National Action Plan commitments",
            "Annexes > National Action Plans",
        )
        self.pledge(f"{p}.pledge.regional", grf, "regional", None, pop, targets)
        for cid, cname in self.countries:
            for _ in range(self.n(1, 2)):
                self.pledge(
                    f"{p}.pledge.{len(self.file.nodes):04d}",
                    grf,
                    "national",
                    (cid, cname),
                    pop,
                    targets,
                )
            for ci in range(1, self.n(3, 6) + 1):
                self.commitment(f"{p}.nap.{slug(cname)}-{ci}", nap, (cid, cname), pop, targets)

    def _indicators(self, pop: str) -> None:
        """Indicators measure outcomes, changes and outputs; each is reported by its country."""
        self.framework(
            "ind",
            "indicator_set",
            "Monitoring indicators",
            "Step 4: Monitoring and Evaluation",
            year=2023,
        )
        for cid, _name in self.countries:
            for _ in range(self.n(2, 4)):
                self.indicator(cid, pop)

    def _peer_exchange(self, pop: str) -> None:
        """Peer exchange: challenges, the solutions countries propose, recommendations."""
        p, rng = self.p, self.rng
        pe = self.framework(
            "pe", "peer_exchange", "Peer exchange on labour inclusion", "Objectives"
        )
        challenges = []
        for i in range(1, self.n(8, 16) + 1):
            challenges.append(
                self.node(
                    {
                        "id": f"{p}.pe.challenge-{i}",
                        "label": "Challenge",
                        "framework": pe,
                        "sector": rng.choice(
                            (
                                "cross_sector",
                                "government",
                                "migrants",
                                "private_sector",
                                "civil_society",
                                "un_agencies",
                            )
                        ),
                        "name": _fill(rng.choice(vocab.CHALLENGES), rng, pop=pop),
                        "section": "Challenges",
                        "themes": self.themes(1, 1),
                    }
                )
            )
        for i in range(1, self.n(8, 16) + 1):
            cid, cname = rng.choice(self.countries)
            s = self.node(
                {
                    "id": f"{p}.pe.solution-{i}",
                    "label": "Solution",
                    "framework": pe,
                    "country": cid,
                    "name": _fill(rng.choice(vocab.SOLUTIONS), rng, pop=pop, country=cname),
                    "section": f"Solutions > {cname}",
                    "themes": self.themes(1, 2),
                }
            )
            self.inferred("ADDRESSES", s, rng.choice(challenges), "The solution answers it.")
        for i in range(1, self.n(2, 3) + 1):
            r = self.node(
                {
                    "id": f"{p}.pe.recommendation-{i}",
                    "label": "Recommendation",
                    "framework": pe,
                    "name": _fill(rng.choice(vocab.RECOMMENDATIONS), rng, pop=pop),
                    "section": "Reflections and recommendations",
                }
            )
            self.inferred("ADDRESSES", r, rng.choice(challenges), "The recommendation answers it.")
        for i in range(1, self.n(2, 3) + 1):
            self.result(
                f"{p}.pe.phase-{i}", "activity", pe, f"Case study phase {i}", "Case study > Phases"
            )

    def _actors(self, toc: str, ap: str, proj: str, actions: list[str]) -> None:
        """Actors around the programme: its regional body, agencies, partners, instruments."""
        p, rng = self.p, self.rng
        body = self.node(
            {
                "id": f"{p}.actor.body",
                "label": "Actor",
                "actor_type": "regional_body",
                "acronym": p.upper(),
                "name": f"Regional platform of {self.region}",
                "section": "Background",
            }
        )
        for cid, cname in self.countries:
            self.stated("MEMBER_OF", cid, body, "Background", f"{cname} is a member country.")
        self.agency_link("SUPPORTS", toc, "Background", "un_agency", 2, role="technical support")
        self.stated(
            "SUPPORTS",
            body,
            ap,
            "Action Plan",
            "The platform runs the action plan.",
            role="secretariat",
        )
        for i in range(1, self.n(1, 3) + 1):
            partner = self.node(
                {
                    "id": f"{p}.actor.partner-{i}",
                    "label": "Actor",
                    "actor_type": rng.choice(
                        ("implementing_partner", "civil_society", "private_sector")
                    ),
                    "name": f"Implementing partner {i} of {self.region}",
                    "section": "Partners",
                    "country": rng.choice(self.countries)[0],
                }
            )
            self.stated(
                "IMPLEMENTS",
                partner,
                rng.choice(actions),
                "Partners",
                "The partner carries out the action.",
            )
        for a in rng.sample(actions, min(len(actions), self.n(2, 5))):
            self.agency_link("RESPONSIBLE_FOR", a, "Action Plan", "un_agency", 1)
        for fw in (toc, ap, proj):
            for inst in rng.sample(self.g.instruments, 2):
                self.stated("REFERENCES", fw, inst, "Background", "The document cites it.")

    def _alignments(self, mtcs: list[str], earlier_changes: Sequence[str]) -> None:
        """Alignments across programmes: the same change named in another region's plan."""
        rng = self.rng
        if earlier_changes:
            for m in rng.sample(mtcs, min(len(mtcs), self.n(2, 5))):
                self.inferred(
                    "ALIGNS_WITH",
                    m,
                    rng.choice(earlier_changes),
                    "Two programmes name the same change.",
                )

    def fill_country(self, templates: Sequence[str], pop: str) -> str:
        return _fill(
            self.rng.choice(templates),
            self.rng,
            pop=pop,
            country=self.rng.choice(self.countries)[1],
        )

    def agency_link(
        self, rel_type: str, target: str, section: str, actor_type: str, k: int, **extra: Any
    ) -> None:
        for agency in self.rng.sample(self.g.agencies[actor_type], k):
            self.stated(
                rel_type, agency, target, section, "The document names the agency.", **extra
            )

    def pledge(
        self,
        pid: str,
        grf: str,
        scope: str,
        country: tuple[str, str] | None,
        pop: str,
        targets: list[str],
    ) -> None:
        rng = self.rng
        entry: dict[str, Any] = {
            "id": pid,
            "label": "Pledge",
            "framework": grf,
            "code": f"GRF {rng.randrange(1000, 99999):05d}",
            "scope": scope,
        }
        where = "Regional pledge"
        if country:
            entry["country"] = country[0]
            where = country[1]
        entry["name"] = entry["code"]
        entry["section"] = f"Annexes > Global Refugee Forum > {where}"
        entry["text"] = _fill(
            rng.choice(vocab.PLEDGES), rng, pop=pop, country=country[1] if country else "The region"
        )
        entry["contributes_to"] = rng.sample(targets, 1)
        entry["themes"] = self.themes(1, 3)
        self.node(entry)
        for t in rng.sample(targets, rng.randint(0, 2)):
            self.inferred("CONTRIBUTES_TO", pid, t, "The pledge's wording serves this result.")

    def commitment(
        self, cid: str, nap: str, country: tuple[str, str], pop: str, targets: list[str]
    ) -> None:
        rng = self.rng
        name, text = rng.choice(vocab.COMMITMENTS)
        self.node(
            {
                "id": cid,
                "label": "Commitment",
                "framework": nap,
                "country": country[0],
                "name": name,
                "section": f"Annexes > National Action Plans > {country[1]}",
                "text": _fill(text, rng, pop=pop, country=country[1]),
                "themes": self.themes(1, 3),
            }
        )
        for t in rng.sample(targets, rng.randint(1, 2)):
            self.inferred("CONTRIBUTES_TO", cid, t, "The commitment serves this result.")
        ministry = self.g.ministries[country[0]]
        self.stated(
            "RESPONSIBLE_FOR",
            ministry,
            cid,
            f"National Action Plans > {country[1]}",
            "The ministry of labour leads the commitment.",
        )

    def indicator(self, country_id: str, pop: str | None = None) -> str:
        rng = self.rng
        heading, template = rng.choice(vocab.INDICATORS)
        iid = f"{self.p}.ind.{len(self.file.nodes):04d}"
        self.node(
            {
                "id": iid,
                "label": "Indicator",
                "framework": self.indicator_set,
                "theme": heading,
                "country": country_id,
                "name": _fill(template, rng, pop=pop or rng.choice(vocab.POPULATIONS)),
                "section": f"Step 4: Monitoring and Evaluation > {heading}",
                "themes": self.themes(1, 1),
            }
        )
        for r in rng.sample(self.measurable, rng.randint(1, 2)):
            self.inferred("MEASURES", iid, r, "The indicator counts what the result changes.")
        self.stated(
            "REPORTS",
            country_id,
            iid,
            "Step 4: Monitoring and Evaluation",
            "The country reports the indicator.",
        )
        return iid


def _global_file(nodes: int) -> tuple[SynthFile, _Global, dict[str, str]]:
    """`global.yaml`: themes, countries, agencies and instruments, shared by every programme."""
    f = SynthFile(
        "global.yaml",
        "synthetic-global.txt",
        "Shared by every programme: themes, countries, agencies, instruments.",
    )
    labels: dict[str, str] = {}

    def add(entry: dict[str, Any]) -> str:
        f.nodes.append(entry)
        labels[entry["id"]] = entry["label"]
        return str(entry["id"])

    n_themes = min(len(vocab.THEMES) * 4, 14 + nodes // 20_000)
    themes = []
    for i in range(n_themes):
        base = vocab.THEMES[i % len(vocab.THEMES)]
        name = base if i < len(vocab.THEMES) else f"{base} ({i // len(vocab.THEMES) + 1})"
        themes.append(
            add({"id": f"theme.{slug(name)}", "label": "Theme", "name": name, "section": "Themes"})
        )
    n_countries = min(150, 12 + nodes // 1_500)
    countries, ministries, services = [], {}, {}
    for i in range(n_countries):
        name = vocab.COUNTRIES[i] if i < len(vocab.COUNTRIES) else f"Country {i + 1}"
        cid = add(
            {
                "id": f"actor.{slug(name)}",
                "label": "Actor",
                "actor_type": "country",
                "name": name,
                "section": "Background",
            }
        )
        countries.append((cid, name))
        ministries[cid] = add(
            {
                "id": f"actor.{slug(name)}.ministry-of-labour",
                "label": "Actor",
                "actor_type": "ministry",
                "name": f"Ministry of Labour of {name}",
                "section": "Background",
                "country": cid,
            }
        )
        services[cid] = add(
            {
                "id": f"actor.{slug(name)}.employment-service",
                "label": "Actor",
                "actor_type": "national_institution",
                "name": f"National Employment Service of {name}",
                "section": "Background",
                "country": cid,
            }
        )
    agencies: dict[str, list[str]] = {}
    for name, acronym, actor_type in vocab.AGENCIES:
        aid = add(
            {
                "id": f"actor.{slug(acronym)}",
                "label": "Actor",
                "actor_type": actor_type,
                "acronym": acronym,
                "name": f"{name} ({acronym})",
                "section": "Background",
            }
        )
        agencies.setdefault(actor_type, []).append(aid)
    instruments = [
        add(
            {
                "id": f"instrument.{slug(name)[:48].strip('-')}",
                "label": "Instrument",
                "name": name,
                "year": year,
                "section": "Background",
            }
        )
        for name, year in vocab.INSTRUMENTS
    ]
    return f, _Global(themes, countries, ministries, services, agencies, instruments), labels


def generate(nodes: int, seed: int = DEFAULT_SEED) -> SyntheticGraph:
    """A synthetic graph of exactly `nodes` nodes; the same `seed` gives the same graph."""
    if nodes < MIN_NODES:
        raise ValueError(f"at least {MIN_NODES} nodes (one programme and the shared nodes)")
    gfile, g, labels = _global_file(nodes)
    files = [gfile]
    programmes: list[_Programme] = []
    remaining = nodes - len(gfile.nodes)
    changes: list[str] = []
    # Full programmes while they surely fit, then smaller ones until little is left.
    while remaining >= SMALLEST_PROGRAMME_BUDGET:
        prog = None
        for attempt, scale in enumerate(SCALES):
            candidate = _Programme(len(programmes) + 1, seed, g, scale, attempt)
            candidate.build(changes)
            size = len(candidate.file.nodes)
            if size > MAX_PROGRAMME:
                raise AssertionError(f"a programme of {size} nodes: raise MAX_PROGRAMME")
            if size <= remaining:
                prog = candidate
                break
        if prog is None:
            break
        programmes.append(prog)
        files.append(prog.file)
        labels.update(prog.labels)
        changes += prog.mtcs
        remaining -= len(prog.file.nodes)
    # The rest: indicators, spread over the programmes in turn.
    for turn in range(remaining):
        prog = programmes[turn % len(programmes)]
        iid = prog.indicator(prog.rng.choice(prog.countries)[0])
        labels[iid] = "Indicator"
    return SyntheticGraph(nodes=nodes, seed=seed, files=files, labels=labels)


# -- command line ----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.synthetic",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--size", default="10k", help="1k, 10k, 100k, 1m or a number (default 10k)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", type=Path, required=True, help="writes OUT/seed and OUT/csv")
    ap.add_argument("--no-yaml", action="store_true", help="skip the seed files")
    ap.add_argument("--no-csv", action="store_true", help="skip the CSV files")
    args = ap.parse_args(argv)
    t0 = time.monotonic()
    graph = generate(parse_size(args.size), args.seed)
    print(
        f"generated {graph.nodes} nodes in {len(graph.files)} files ({time.monotonic() - t0:.1f}s)",
        flush=True,
    )
    seed_dir = args.out / "seed"
    if not args.no_yaml:
        paths = graph.write_yaml(seed_dir)
        print(f"{len(paths)} seed files in {seed_dir} ({time.monotonic() - t0:.1f}s)", flush=True)
    if not args.no_csv:
        manifest = graph.write_csv(args.out / "csv", seed_dir)
        n = len(manifest["nodes"]) + len(manifest["relationships"])
        print(f"{n} CSV files in {args.out / 'csv'} ({time.monotonic() - t0:.1f}s)", flush=True)
    print(json.dumps(graph.counts(), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
