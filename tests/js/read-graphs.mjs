// Reads graph files with the JavaScript libraries other tools are built on, offline, so the
// Python tests know what those tools see in an export:
//   .graphml  graphology-graphml (the reader of Gephi Lite)
//   .cyjs     cytoscape.js, headless (cy.json(doc), as a page that loads the file does)
//
// Usage: node read-graphs.mjs FILE...
// Prints one JSON line per file and exits 1 if any file fails to load:
//   {"file", "ok": true, "graph": {graph-level attributes}, "nodes": {id: {attributes}},
//    "edges": [{"id", "source", "target", "attributes"}], "complaints": [...]}
//   {"file", "ok": false, "error"}
// "complaints" holds what the library printed as a warning or an error while loading (cytoscape
// skips a bad element with a console message instead of throwing).
import { readFileSync } from "node:fs";
import graphology from "graphology";
import graphml from "graphology-graphml";
import cytoscape from "cytoscape";

const complaints = [];
for (const level of ["warn", "error"]) {
  console[level] = (...args) => complaints.push(args.map(String).join(" "));
}

function fromGraphml(text) {
  const graph = graphml.parse(graphology.MultiGraph, text);
  const nodes = {};
  graph.forEachNode((id, attributes) => { nodes[id] = attributes; });
  const edges = [];
  graph.forEachEdge((key, attributes, source, target) => {
    edges.push({ id: key, source, target, attributes });
  });
  return { graph: graph.getAttributes(), nodes, edges };
}

function fromCytoscape(text) {
  const cy = cytoscape({ headless: true, styleEnabled: false });
  cy.json(JSON.parse(text));
  const nodes = {};
  cy.nodes().forEach((node) => { nodes[node.id()] = node.data(); });
  const edges = cy.edges().map((edge) => ({
    id: edge.id(),
    source: edge.source().id(),
    target: edge.target().id(),
    attributes: edge.data(),
  }));
  return { graph: cy.data(), nodes, edges };
}

const READERS = { graphml: fromGraphml, cyjs: fromCytoscape };

let failed = 0;
for (const file of process.argv.slice(2)) {
  complaints.length = 0;
  const read = READERS[file.split(".").pop()];
  try {
    if (!read) throw new Error(`no reader for ${file}`);
    const result = read(readFileSync(file, "utf8"));
    process.stdout.write(JSON.stringify({ file, ok: true, ...result, complaints }) + "\n");
  } catch (err) {
    failed += 1;
    process.stdout.write(JSON.stringify({ file, ok: false, error: String(err?.message ?? err) }) + "\n");
  }
}
process.exit(failed ? 1 : 0);
