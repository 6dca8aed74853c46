// The Cypher console: an editor, JSON parameters, the saved queries to pick from, and the
// results as a table and, when they hold nodes, as a network drawn with app/render's data.
// Cells are text nodes: a value from the graph is shown, never interpreted.

import { DetailsPanel } from "./details.js";
import { GraphView } from "./graphview.js";
import { clear, copyText, el, getJSON, HttpError, postJSON, url } from "./util.js";

const $ = (id) => document.getElementById(id);
const query = $("query");
const params = $("params");
const saved = $("saved");
const MAX_NODES = Number.parseInt(document.body.dataset.maxNodes, 10) || 400;
const CELL_CHARS = 300;

let library = new Map(); // name -> saved query
let graphData = null;
const hook = { idle: true, rows: 0, columns: [], version: 0 };
window.__console = hook;

const view = new GraphView($("network"), {
  layout: "layers",
  onNodeClick: (id) => details.show(id),
  onGroupClick: () => {},
});
const details = new DetailsPanel($("details"), {
  frameworkName: (id) => id,
  actorName: (id) => id,
  inView: () => false,
  onFocus: () => {},
  onTrace: () => {},
});
hook.view = view;
Object.defineProperty(hook, "network", { get: () => view.network });

function status(text, kind = "") {
  const box = $("status");
  box.textContent = text;
  box.className = `status ${kind}`;
}

/** The statement without its `// key: value` header, which the page shows as text. */
function headerless(cypher) {
  const lines = cypher.split("\n");
  let i = 0;
  while (i < lines.length && (lines[i].startsWith("//") || !lines[i].trim())) i++;
  return lines.slice(i).join("\n").trim();
}

async function loadLibrary() {
  let queries = [];
  try {
    queries = await getJSON("/api/queries");
  } catch (error) {
    status(`Saved queries unavailable: ${error.message}`, "warn");
    return;
  }
  library = new Map(queries.map((q) => [q.name, q]));
  for (const q of queries) saved.appendChild(el("option", { value: q.name }, q.title || q.name));
}

/** The saved query's parameters, each with its type, whether it is required and its doc. */
function showParams(q) {
  const list = clear($("saved-params"));
  list.hidden = !q || !q.params.length;
  if (!q) return;
  for (const p of q.params) {
    list.appendChild(
      el(
        "li",
        { class: p.required ? "required" : "", dataset: { param: p.name } },
        el("code", { text: p.name }),
        ` (${p.type}${p.required ? ", required" : ""})`,
        p.doc ? ` — ${p.doc}` : "",
      ),
    );
  }
}

function pick(name, keepParams = false) {
  const q = library.get(name);
  saved.value = q ? name : "";
  $("saved-description").textContent = q ? q.description : "";
  showParams(q);
  if (!q) return;
  query.value = headerless(q.cypher);
  if (!keepParams) {
    // A null default stays null (the API then applies the query's own default, which for
    // these is "no filter"); a required parameter is null until it is filled in.
    const values = Object.fromEntries(q.params.map((p) => [p.name, p.default ?? null]));
    params.value = JSON.stringify(values, null, 2);
  }
}

/** What to send for a saved query: values without the nulls that mean "the default"; an
 * Error naming every required parameter left empty. */
function savedParams(q, values) {
  const missing = q.params.filter(
    (p) => p.required && (values[p.name] === undefined || values[p.name] === null || values[p.name] === ""),
  );
  if (missing.length) {
    const names = missing.map((p) => `${p.name} (${p.type}${p.doc ? `: ${p.doc}` : ""})`);
    throw new Error(`${q.title || q.name} needs ${names.join("; ")}. Fill it in under Parameters.`);
  }
  const optional = new Set(q.params.filter((p) => !p.required).map((p) => p.name));
  return Object.fromEntries(
    Object.entries(values).filter(([name, value]) => !(optional.has(name) && value === null)),
  );
}

function readParams() {
  const text = params.value.trim();
  if (!text) return {};
  const value = JSON.parse(text);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error("parameters must be a JSON object, e.g. {\"id\": \"mirps-rf.outcome-3\"}");
  }
  return value;
}

function cellText(value) {
  if (value === null || value === undefined) return "";
  if (typeof value !== "object") return String(value);
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== "object")) {
    return value.map((v) => (v === null ? "null" : String(v))).join(", ");
  }
  return JSON.stringify(value);
}

/** A cell: graph elements shown by name with their id; long values cut, in full on hover. */
function cell(value) {
  const td = el("td");
  if (value && typeof value === "object" && !Array.isArray(value) && "labels" in value && "id" in value) {
    td.append(
      el("span", { class: "cell-name", text: value.name ?? value.code ?? value.id }),
      el("span", { class: "cell-meta", text: ` (:${(value.labels || []).filter((l) => l !== "Entity").join(":")} ${value.id})` }),
    );
    td.title = cellText(value);
    return td;
  }
  const text = cellText(value);
  td.textContent = text.length > CELL_CHARS ? `${text.slice(0, CELL_CHARS)}…` : text;
  if (text.length > CELL_CHARS || typeof value === "object") td.title = text;
  return td;
}

function renderTable(result) {
  const wrap = clear($("table-wrap"));
  if (!result.columns.length) {
    wrap.appendChild(el("p", { class: "empty", text: "The query returned no columns." }));
    return;
  }
  const table = el(
    "table",
    { class: "results-table", id: "results-table" },
    el("thead", {}, el("tr", {}, result.columns.map((c) => el("th", { scope: "col", text: c })))),
    el("tbody", {}, result.rows.map((row) => el("tr", {}, row.map(cell)))),
  );
  wrap.appendChild(table);
}

function showTab(which) {
  $("tab-table").setAttribute("aria-selected", String(which === "table"));
  $("tab-graph").setAttribute("aria-selected", String(which === "graph"));
  $("table-wrap").hidden = which !== "table";
  $("graph-wrap").hidden = which !== "graph";
  if (which === "graph" && graphData) drawGraph();
}

function drawGraph() {
  if (graphData.nodes.length > MAX_NODES) view.renderGrouped("level");
  else view.render();
}

async function renderGraph(result) {
  graphData = null;
  details.hide();
  const graph = result.graph;
  $("tab-graph").disabled = !(graph && graph.nodes.length);
  if (!graph || !graph.nodes.length) {
    showTab("table");
    return;
  }
  graphData = await postJSON("/views/data/vis", graph);
  view.setModel(graphData);
  $("tab-graph").textContent = `Network (${graph.nodes.length} nodes)`;
  if (!$("graph-wrap").hidden) drawGraph();
}

// What each error of docs/errors.md is called on the page. "Refused" is the console's own
// safety check; Neo4j's errors are Neo4j's.
const ERROR_LABELS = {
  forbidden: "Refused by the console's safety check",
  cypher_error: "Neo4j error",
  timeout: "Timed out",
  result_too_large: "Result too large",
  console_busy: "Console busy",
  invalid_request: "Invalid request",
  database_unavailable: "Neo4j unavailable",
};

function describe(error) {
  const kind = error instanceof HttpError && error.body ? error.body.error : null;
  const label = ERROR_LABELS[kind] || (error instanceof HttpError ? `Error ${error.status}` : "");
  if (kind === "cypher_error") return `${label} (${error.body.code}): see the message below.`;
  return label ? `${label}: ${error.message}` : error.message || String(error);
}

/** Neo4j's message as Neo4j wrote it: monospace, its line breaks kept, so the caret under
 * the query points at the column it names. */
function showNeo4jMessage(error) {
  if (!(error instanceof HttpError) || !error.body || error.body.error !== "cypher_error") return;
  $("table-wrap").appendChild(el("pre", { class: "neo4j-error", id: "neo4j-error", text: error.message }));
}

/** After a failure nothing of the previous result stays on screen. */
function clearResult() {
  clear($("table-wrap"));
  graphData = null;
  details.hide();
  view.clear();
  $("tab-graph").disabled = true;
  $("tab-graph").textContent = "Network";
  showTab("table");
}

function writeUrl() {
  const name = saved.value;
  const q = library.get(name);
  const edited = !q || headerless(q.cypher) !== query.value.trim();
  const state = { saved: name || "", q: edited ? query.value : "", params: params.value.trim() === "{}" ? "" : params.value.trim() };
  history.replaceState(null, "", url("/console", state));
}

async function run() {
  hook.idle = false;
  clear($("table-wrap"));
  status("Running…");
  try {
    const values = readParams();
    const name = saved.value;
    const q = library.get(name);
    const unchanged = q && headerless(q.cypher) === query.value.trim();
    const result = unchanged
      ? await postJSON(`/api/queries/${encodeURIComponent(name)}/run`, { params: savedParams(q, values) })
      : await postJSON("/api/console", { query: query.value, params: values });
    hook.rows = result.rows.length;
    hook.columns = result.columns;
    renderTable(result);
    const notes = (result.notifications || []).map((n) => n.description);
    status(
      [
        `${result.rows.length} rows`,
        result.truncated ? `truncated at ${result.row_cap}` : "",
        `${Math.round(result.elapsed_ms)} ms`,
        ...notes,
      ]
        .filter(Boolean)
        .join(" · "),
      result.truncated ? "warn" : "",
    );
    writeUrl();
    await renderGraph(result);
  } catch (error) {
    hook.rows = 0;
    hook.columns = [];
    clearResult();
    showNeo4jMessage(error);
    status(describe(error), "error");
  } finally {
    hook.version += 1;
    hook.idle = true;
  }
}

saved.addEventListener("change", () => pick(saved.value));
$("run").addEventListener("click", run);
$("tab-table").addEventListener("click", () => showTab("table"));
$("tab-graph").addEventListener("click", () => showTab("graph"));
for (const box of [query, params]) {
  box.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
}
$("copy-link").addEventListener("click", async () => {
  writeUrl();
  status((await copyText(location.href)) ? "Link copied." : location.href);
});

hook.run = run;
hook.pick = pick;

(async () => {
  await loadLibrary();
  const initial = new URLSearchParams(location.search);
  if (initial.get("saved")) pick(initial.get("saved"));
  if (initial.get("q")) query.value = initial.get("q");
  if (initial.get("params")) params.value = initial.get("params");
  if (initial.get("saved") || initial.get("q")) await run();
  hook.ready = true;
})();
