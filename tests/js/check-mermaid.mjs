// Parses Mermaid text with Mermaid's own parser, offline, so the Python tests
// know an export is valid Mermaid, not merely Mermaid-looking.
//
// Usage: node check-mermaid.mjs FILE...   (reads stdin when no FILE is given)
// Prints one JSON line per input and exits 1 if any input fails to parse:
//   {"file", "ok": true, "type", "vertices": {id: [label lines]}, "edges": n, "title"}
//   {"file", "ok": false, "error"}
// Vertex labels are decoded the way Mermaid decodes them for drawing (its
// entity placeholders back to HTML entities, then HTML entities to text), so
// the tests can compare them with the text that was meant.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

// Mermaid sanitises labels with DOMPurify, which needs a DOM: give it jsdom's.
const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;

const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

function decode(text) {
  // Mermaid's own decodeEntities (mermaidAPI.ts), then the browser's entity decoding.
  const html = text.replace(/ﬂ°°/g, "&#").replace(/ﬂ°/g, "&").replace(/¶ß/g, ";");
  const area = dom.window.document.createElement("textarea");
  area.innerHTML = html;
  return area.value.split(/<br\s*\/?>/i);
}

// The front matter title, as Mermaid's render hands it to the diagram (our exports write it as
// a JSON string, which is also a YAML double-quoted scalar).
function frontMatterTitle(text) {
  const match = /^---\ntitle: (".*")\n---\n/.exec(text);
  return match ? JSON.parse(match[1]) : undefined;
}

async function details(text) {
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text, { title: frontMatterTitle(text) });
  const db = diagram.db;
  if (typeof db.getVertices !== "function") return {};
  const vertices = {};
  for (const [id, vertex] of db.getVertices()) vertices[id] = decode(String(vertex.text ?? id));
  // The title after Mermaid's sanitiser: what its renderer draws as plain text.
  const title = typeof db.getDiagramTitle === "function" ? db.getDiagramTitle() : undefined;
  return { vertices, edges: db.getEdges().length, title };
}

const inputs = process.argv.length > 2
  ? process.argv.slice(2).map((file) => [file, readFileSync(file, "utf8")])
  : [["<stdin>", readFileSync(0, "utf8")]];

let failed = 0;
for (const [file, text] of inputs) {
  try {
    // suppressErrors false: a syntax error must throw, not quietly return false.
    const result = await mermaid.parse(text, { suppressErrors: false });
    console.log(JSON.stringify({ file, ok: true, type: result.diagramType, ...(await details(text)) }));
  } catch (err) {
    failed += 1;
    console.log(JSON.stringify({ file, ok: false, error: String(err?.message ?? err) }));
  }
}
process.exit(failed ? 1 : 0);
