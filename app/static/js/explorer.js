// The diagram pages: a framework's theory of change (/toc/{id}), frameworks side by side
// (/cross) and the gaps (/gaps). One controller: state from the URL, data from
// /views/data/... (vis data built by app/render), then focus, filters, trace and gaps on
// top, and the URL kept up to date so a link reopens the same view.

import { DetailsPanel } from "./details.js";
import { actorReach, countryReach, themeMembers } from "./filters.js";
import { downloadExport, subsetPayload } from "./exports.js";
import { GraphView, naturalOrder } from "./graphview.js";
import { defaults, readState, writeState } from "./state.js";
import { clear, copyText, el, getJSON, levelTitle, url } from "./util.js";

const body = document.body;
const VIEW = body.dataset.view; // toc | cross | gaps
const FRAMEWORK = body.dataset.framework;
const BASE = defaults(Number.parseInt(body.dataset.maxNodes, 10) || 400);
if (VIEW === "gaps") BASE.framework = body.dataset.defaultGaps || "";
const UNDIRECTED = new Set(["ALIGNS_WITH"]);
const FILTER_LABELS = ["Result", "Pledge", "Commitment", "Indicator", "Solution", "Challenge", "Actor"];

const $ = (id) => document.getElementById(id);
const state = readState(location.search, BASE);

let loadedKey = "";
let filterMatch = null; // Set of ids that pass the filters, or null when no filter is set
let gaps = []; // gaps view: what /api/gaps found
let tracePaths = [];
let version = 0;

const view = new GraphView($("network"), {
  layout: VIEW === "cross" ? "columns" : "layers",
  onNodeClick: (id) => setFocus(id),
  onBackgroundClick: () => {
    if (state.focus) setFocus("");
  },
  onGroupClick: (key, by, item) => narrowToGroup(key, by, item),
});

const details = new DetailsPanel($("details"), {
  get currentFramework() {
    return VIEW === "toc" ? FRAMEWORK : VIEW === "gaps" ? state.framework : null;
  },
  frameworkName: (id) => frameworkNames.get(id) || id,
  actorName: (id) => actorNames.get(id) || id,
  inView: (id) => view.model.nodes.has(id),
  onFocus: (id) => setFocus(id),
  onTrace: (which, id) => {
    state[which] = id;
    $(which === "from" ? "ctl-from" : "ctl-to").value = id;
    if (state.from && state.to) refresh({ reload: true });
    else status(`Trace ${which} ${nodeName(id)}: now pick the other end.`);
  },
});

const frameworkNames = new Map(
  [...document.querySelectorAll("#ctl-frameworks label")].map((l) => [l.dataset.framework, l.textContent.trim()]),
);
const actorNames = new Map(
  [...document.querySelectorAll("#ctl-actor option, #ctl-country option")]
    .filter((o) => o.value)
    .map((o) => [o.value, o.textContent]),
);

function nodeName(id) {
  const node = view.model.nodes.get(id);
  return node ? node.toc_name : id;
}

function status(text, kind = "") {
  const box = $("status");
  box.textContent = text;
  box.className = `status ${kind}`;
}

// -- data ---------------------------------------------------------------------------------

function dataUrl() {
  const trace = state.from && state.to ? { from: state.from, to: state.to, hops: state.hops } : {};
  if (VIEW === "cross") {
    return url("/views/data/cross", {
      framework: state.frameworks,
      theme: state.theme,
      include: state.include,
      ...trace,
    });
  }
  const framework = VIEW === "gaps" ? state.framework : FRAMEWORK;
  return url(`/views/data/toc/${encodeURIComponent(framework)}`, { include: state.include, ...trace });
}

async function load() {
  const key = dataUrl();
  if (key === loadedKey) return;
  status("Loading…");
  let data;
  try {
    data = await getJSON(key);
  } catch (error) {
    if (state.from && state.to && error.status === 404) {
      // A trace end that is not in the graph: drop the trace, keep the view.
      showTraceError(error.message);
      state.from = "";
      state.to = "";
      return load();
    }
    throw error;
  }
  view.setModel(data);
  loadedKey = key;
  tracePaths = (data.meta.extra && data.meta.extra.paths) || [];
  if (VIEW === "gaps") {
    gaps = await getJSON(url("/api/gaps", { framework: state.framework }));
  }
  buildLegend(data.legend);
  buildNodeList();
  showPresentChoices();
  renderTracePanel();
}

// -- filters ------------------------------------------------------------------------------

function filtersActive() {
  return Boolean(state.level.length || state.fw.length || state.country || state.actor || (VIEW !== "cross" && state.theme));
}

async function computeFilter() {
  if (!filtersActive()) {
    filterMatch = null;
    return;
  }
  const nodes = [...view.model.nodes.values()];
  const labels = new Set(nodes.map((n) => n.toc_label).filter((l) => FILTER_LABELS.includes(l)));
  let keep = new Set(nodes.map((n) => n.id));
  const narrow = (pass) => {
    keep = new Set([...keep].filter((id) => pass(view.model.nodes.get(id))));
  };
  if (state.level.length) {
    const levels = new Set(state.level);
    narrow((n) => !n.toc_level || levels.has(n.toc_level));
  }
  if (state.fw.length) {
    const fws = new Set(state.fw);
    narrow((n) => !n.toc_framework || fws.has(n.toc_framework));
  }
  if (VIEW !== "cross" && state.theme) {
    const members = await themeMembers(state.theme, labels);
    narrow((n) => members.has(n.id));
  }
  if (state.country) {
    const reach = await countryReach(state.country, labels);
    narrow((n) => reach.has(n.id) || n.id === state.country);
  }
  if (state.actor) {
    const reach = await actorReach(state.actor);
    narrow((n) => reach.ids.has(n.id) || reach.frameworks.has(n.toc_framework));
  }
  filterMatch = keep;
}

// -- what is highlighted ------------------------------------------------------------------

function adjacency(shown) {
  const up = new Map();
  const down = new Map();
  const add = (map, a, b, edge) => {
    if (!map.has(a)) map.set(a, []);
    map.get(a).push([b, edge]);
  };
  for (const e of view.model.edges.values()) {
    if (!shown.has(e.from) || !shown.has(e.to)) continue;
    add(down, e.from, e.to, e.id);
    add(up, e.to, e.from, e.id);
    if (UNDIRECTED.has(e.toc_type)) {
      add(down, e.to, e.from, e.id);
      add(up, e.from, e.to, e.id);
    }
  }
  return { up, down };
}

function walk(map, start, depth) {
  const hops = new Map([[start, 0]]);
  const edges = new Set();
  let frontier = [start];
  for (let hop = 1; frontier.length && (depth === 0 || hop <= depth); hop++) {
    const next = [];
    for (const id of frontier) {
      for (const [other, edge] of map.get(id) || []) {
        if (!hops.has(other)) {
          hops.set(other, hop);
          next.push(other);
        }
        if (hops.get(other) === hop || hops.get(other) <= hop) edges.add(edge);
      }
    }
    frontier = next;
  }
  return { nodes: new Set(hops.keys()), edges };
}

/** The focus node, what leads to it and what it leads to within `depth` hops. */
export function reach(focus, depth, dir, shown) {
  const { up, down } = adjacency(shown);
  const nodes = new Set([focus]);
  const edges = new Set();
  for (const [wanted, map] of [["upstream", up], ["downstream", down]]) {
    if (dir !== "both" && dir !== wanted) continue;
    const found = walk(map, focus, depth);
    found.nodes.forEach((n) => nodes.add(n));
    found.edges.forEach((e) => edges.add(e));
  }
  // Keep only edges between highlighted nodes (a walk may touch an edge to a node it cut).
  for (const id of edges) {
    const e = view.model.edges.get(id);
    if (!nodes.has(e.from) || !nodes.has(e.to)) edges.delete(id);
  }
  return { nodes, edges };
}

function gapIds() {
  const kinds = state.kind.length ? new Set(state.kind) : null;
  const ids = new Set();
  for (const gap of gaps) {
    if (kinds && !kinds.has(gap.kind)) continue;
    gap.items.forEach((item) => ids.add(item.node.id));
  }
  return ids;
}

function display() {
  const all = [...view.model.nodes.keys()];
  let visible = null;
  if (filterMatch && state.mode === "hide") {
    visible = new Set(all.filter((id) => filterMatch.has(id)));
    // What the user is looking at stays on screen.
    for (const id of [state.focus, ...tracePaths.flatMap((p) => p.nodes)]) {
      if (id && view.model.nodes.has(id)) visible.add(id);
    }
  }
  const shown = visible || new Set(all);
  const kinds = new Map();
  const edgeKinds = new Map();
  let emphasis = null; // ids that keep full colour; the rest fades
  if (tracePaths.length) {
    emphasis = new Set(tracePaths.flatMap((p) => p.nodes));
    const pathEdges = new Set(tracePaths.flatMap((p) => p.edges));
    emphasis.forEach((id) => kinds.set(id, "path"));
    for (const e of view.model.edges.values()) edgeKinds.set(e.id, pathEdges.has(e.id) ? "path" : "faded");
  } else if (state.focus && shown.has(state.focus)) {
    const found = reach(state.focus, state.depth, state.dir, shown);
    emphasis = found.nodes;
    emphasis.forEach((id) => kinds.set(id, "near"));
    kinds.set(state.focus, "focus");
    for (const e of view.model.edges.values()) edgeKinds.set(e.id, found.edges.has(e.id) ? "near" : "faded");
  }
  if (VIEW === "gaps") {
    const found = gapIds();
    for (const id of found) if (!emphasis || emphasis.has(id)) kinds.set(id, kinds.get(id) === "focus" ? "focus" : "gap");
    if (!emphasis && found.size) emphasis = found;
  }
  for (const id of shown) {
    const filteredOut = filterMatch && !filterMatch.has(id) && state.mode === "fade";
    if ((emphasis && !emphasis.has(id)) || (filteredOut && id !== state.focus)) kinds.set(id, "faded");
  }
  for (const e of view.model.edges.values()) {
    if (kinds.get(e.from) === "faded" || kinds.get(e.to) === "faded") edgeKinds.set(e.id, "faded");
  }
  return { visible, shown, kinds, edgeKinds };
}

// -- drawing ------------------------------------------------------------------------------

function draw() {
  const shown = display();
  const count = shown.shown.size;
  const notice = $("notice");
  clear(notice);
  if (count > state.max && !state.all) {
    const by = state.group || (VIEW === "cross" ? "framework" : "level");
    view.renderGrouped(by, shown.visible);
    notice.hidden = false;
    notice.append(
      el("strong", { text: `This view holds ${count} nodes, more than ${state.max} drawn at once.` }),
      el("span", { text: " Nodes are grouped: click a group to open it, or narrow down with the filters, a focus depth or fewer inclusions." }),
      el("span", { class: "buttons" },
        el("button", { type: "button", id: "group-level", onclick: () => regroup("level") }, "Group by level"),
        el("button", { type: "button", id: "group-framework", onclick: () => regroup("framework") }, "Group by framework"),
        el("button", { type: "button", id: "show-all", onclick: () => { state.all = true; refresh(); } }, `Draw all ${count} anyway`),
      ),
    );
    status(`${count} nodes grouped by ${by}.`);
    return;
  }
  notice.hidden = true;
  view.render(shown);
  const edges = [...view.model.edges.values()].filter((e) => shown.shown.has(e.from) && shown.shown.has(e.to));
  const parts = [`${count} nodes, ${edges.length} links`];
  if (filterMatch) parts.push(`${[...shown.shown].filter((id) => filterMatch.has(id)).length} match the filters`);
  if (state.focus && view.model.nodes.has(state.focus)) {
    const n = [...shown.kinds.values()].filter((k) => k === "near" || k === "focus").length;
    const dir = { both: "both ways", upstream: "what leads to it", downstream: "what it leads to" }[state.dir];
    parts.push(`focus: ${n} nodes within ${state.depth || "any number of"} hops, ${dir}`);
  }
  if (tracePaths.length) parts.push(`${tracePaths.length} pathways traced`);
  if (VIEW === "gaps") parts.push(`${gapIds().size} gaps highlighted`);
  status(parts.join(" · "));
}

function regroup(by) {
  state.group = by;
  refresh();
}

function narrowToGroup(key, by, item) {
  if (by === "framework") {
    state.fw = key === "(none)" ? [] : [key];
  } else {
    state.level = item.toc_levels.filter((l) => !l.startsWith("label:"));
  }
  state.mode = "hide";
  syncControls();
  refresh({ refilter: true });
}

// -- focus, trace, gaps panels ------------------------------------------------------------

function setFocus(id) {
  state.focus = id;
  refresh();
}

async function showFocusDetails() {
  if (!state.focus) {
    details.hide();
    $("placeholder").hidden = false;
    return;
  }
  $("placeholder").hidden = true;
  if (details.current !== state.focus) await details.show(state.focus);
  if (!view.model.nodes.has(state.focus)) {
    status(`${state.focus} is not in this view: open it where it belongs from the panel.`, "warn");
  }
}

function focusIds() {
  if (!state.focus || !view.model.nodes.has(state.focus)) return [];
  const shown = new Set(view.nodes.getIds());
  return [...reach(state.focus, state.depth, state.dir, shown).nodes];
}

function showTraceError(message) {
  const panel = $("trace-panel");
  panel.hidden = false;
  clear($("trace-list")).appendChild(el("li", { class: "error", text: message }));
}

function renderTracePanel() {
  const panel = $("trace-panel");
  const list = clear($("trace-list"));
  if (!(state.from && state.to)) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  if (!tracePaths.length) {
    list.appendChild(
      el("li", { class: "empty", text: `No pathway of at most ${state.hops} hops joins ${nodeName(state.from)} and ${nodeName(state.to)}.` }),
    );
    return;
  }
  tracePaths.forEach((path, i) => {
    list.appendChild(
      el(
        "li",
        {},
        el("span", { class: "path-length", text: `${path.nodes.length - 1} hops: ` }),
        el("ol", { class: "path" }, path.nodes.map((id) =>
          el("li", {}, el("a", {
            href: `/node/${encodeURIComponent(id)}`,
            dataset: { node: id },
            onclick: (event) => { event.preventDefault(); details.show(id); },
          }, nodeName(id))),
        )),
      ),
    );
    if (i === 0) list.firstChild.classList.add("shortest");
  });
}

function renderGapPanel() {
  const box = $("gap-list");
  if (!box) return;
  clear(box);
  const kinds = state.kind.length ? new Set(state.kind) : null;
  for (const gap of gaps) {
    if (kinds && !kinds.has(gap.kind)) continue;
    const items = gap.items.map((item) => {
      const onDiagram = view.model.nodes.has(item.node.id);
      return el(
        "li",
        { dataset: { node: item.node.id } },
        el("a", {
          href: `/node/${encodeURIComponent(item.node.id)}`,
          class: onDiagram ? "node-link in-view" : "node-link",
          onclick: (event) => {
            if (!onDiagram) return;
            event.preventDefault();
            setFocus(item.node.id);
          },
        }, item.node.name || item.node.id),
        el("span", { class: "where", text: ` · ${item.node.level ? levelTitle(item.node.level) : item.node.label}${onDiagram ? "" : " · not on this diagram"}` }),
        el("p", { class: "why", text: item.why }),
      );
    });
    box.appendChild(
      el("section", { class: "gap", dataset: { kind: gap.kind } },
        el("h3", {}, `${gap.description} `, el("span", { class: "count", text: `(${gap.count})` })),
        items.length ? el("ul", {}, items) : el("p", { class: "empty", text: "None: nothing missing here." }),
      ),
    );
  }
}

// -- controls -----------------------------------------------------------------------------

function buildLegend(legend) {
  const list = clear($("legend"));
  for (const entry of legend.levels || []) {
    const swatch = el("span", { class: "swatch" });
    swatch.style.background = entry.fill;
    list.appendChild(el("li", {}, swatch, entry.text));
  }
  for (const fw of legend.frameworks || []) {
    const swatch = el("span", { class: "swatch framework" });
    swatch.style.borderColor = fw.colour;
    list.appendChild(el("li", {}, swatch, fw.name));
  }
  for (const kind of legend.edges || []) {
    const line = el("span", { class: kind.dashed ? "line dashed" : "line" });
    line.style.borderTopColor = kind.colour;
    list.appendChild(el("li", {}, line, kind.text));
  }
}

function buildNodeList() {
  const list = clear($("node-list"));
  const nodes = [...view.model.nodes.values()].sort((a, b) => naturalOrder(a.id, b.id));
  for (const n of nodes) list.appendChild(el("option", { value: n.id, label: n.toc_name }));
}

/** Offer only the levels and frameworks this view holds. */
function showPresentChoices() {
  const levels = new Set([...view.model.nodes.values()].map((n) => n.toc_level).filter(Boolean));
  const fws = new Set([...view.model.nodes.values()].map((n) => n.toc_framework).filter(Boolean));
  for (const label of document.querySelectorAll("#ctl-levels label")) {
    label.hidden = !levels.has(label.dataset.level) && !state.level.includes(label.dataset.level);
  }
  for (const label of document.querySelectorAll("#ctl-frameworks label")) {
    label.hidden = !fws.has(label.dataset.framework) && !state.fw.includes(label.dataset.framework);
  }
}

function checks(containerId) {
  return [...document.querySelectorAll(`#${containerId} input[type=checkbox]`)];
}

function syncControls() {
  const set = (id, value) => {
    const node = $(id);
    if (node) node.value = value;
  };
  checks("ctl-include").forEach((c) => (c.checked = state.include.includes(c.value)));
  checks("ctl-levels").forEach((c) => (c.checked = state.level.includes(c.value)));
  checks("ctl-frameworks").forEach((c) => (c.checked = state.fw.includes(c.value)));
  set("ctl-country", state.country);
  set("ctl-actor", state.actor);
  set("ctl-theme", state.theme);
  $(state.mode === "hide" ? "ctl-mode-hide" : "ctl-mode-fade").checked = true;
  set("ctl-depth", String(state.depth));
  set("ctl-dir", state.dir);
  set("ctl-from", state.from);
  set("ctl-to", state.to);
  set("ctl-hops", String(state.hops));
  if (VIEW === "cross") {
    set("ctl-load-theme", state.theme);
    checks("ctl-load-frameworks").forEach((c) => {
      c.checked = state.frameworks.length ? state.frameworks.includes(c.value) : c.dataset.chain === "yes";
    });
  }
  if (VIEW === "gaps") {
    set("ctl-gaps-framework", state.framework);
    checks("ctl-gap-kinds").forEach((c) => (c.checked = !state.kind.length || state.kind.includes(c.value)));
  }
}

function wireControls() {
  const onChange = (id, fn) => {
    const node = $(id);
    if (node) node.addEventListener("change", fn);
  };
  const checked = (id) => checks(id).filter((c) => c.checked).map((c) => c.value);
  onChange("ctl-include", () => {
    state.include = checked("ctl-include");
    refresh({ reload: true, refilter: true });
  });
  onChange("ctl-levels", () => {
    state.level = checked("ctl-levels");
    refresh({ refilter: true });
  });
  onChange("ctl-frameworks", () => {
    state.fw = checked("ctl-frameworks");
    refresh({ refilter: true });
  });
  for (const key of ["country", "actor", "theme"]) {
    onChange(`ctl-${key}`, (event) => {
      state[key] = event.target.value;
      refresh({ refilter: true });
    });
  }
  for (const id of ["ctl-mode-fade", "ctl-mode-hide"]) {
    onChange(id, (event) => {
      state.mode = event.target.value;
      refresh();
    });
  }
  $("ctl-clear-filters").addEventListener("click", () => {
    Object.assign(state, { level: [], fw: [], country: "", actor: "", theme: VIEW === "cross" ? state.theme : "" });
    syncControls();
    refresh({ refilter: true });
  });
  onChange("ctl-depth", (event) => {
    state.depth = Number.parseInt(event.target.value, 10);
    refresh();
  });
  onChange("ctl-dir", (event) => {
    state.dir = event.target.value;
    refresh();
  });
  $("ctl-clear-focus").addEventListener("click", () => setFocus(""));
  $("ctl-trace").addEventListener("click", () => {
    state.from = $("ctl-from").value.trim();
    state.to = $("ctl-to").value.trim();
    state.hops = Number.parseInt($("ctl-hops").value, 10) || 6;
    if (!(state.from && state.to)) {
      showTraceError("Pick both ends: a node to trace from and one to trace to.");
      return;
    }
    refresh({ reload: true });
  });
  $("ctl-clear-trace").addEventListener("click", () => {
    state.from = "";
    state.to = "";
    syncControls();
    refresh({ reload: true });
  });
  $("ctl-fit").addEventListener("click", () => view.fit());
  $("ctl-copy-link").addEventListener("click", async () => {
    const link = writeState(state, BASE);
    $("share-url").value = link;
    $("share-url").select();
    status((await copyText(link)) ? "Link copied." : "Copy the link from the box below.");
  });
  if (VIEW === "cross") {
    onChange("ctl-load-theme", (event) => {
      state.theme = event.target.value;
      refresh({ reload: true, refilter: true });
    });
    onChange("ctl-load-frameworks", () => {
      const chosen = checked("ctl-load-frameworks");
      const chains = checks("ctl-load-frameworks").filter((c) => c.dataset.chain === "yes").map((c) => c.value);
      state.frameworks = chosen.sort().join(",") === chains.sort().join(",") ? [] : chosen;
      refresh({ reload: true, refilter: true });
    });
  }
  if (VIEW === "gaps") {
    onChange("ctl-gaps-framework", (event) => {
      state.framework = event.target.value;
      state.focus = "";
      refresh({ reload: true, refilter: true });
    });
    onChange("ctl-gap-kinds", () => {
      const chosen = checked("ctl-gap-kinds");
      state.kind = chosen.length === checks("ctl-gap-kinds").length ? [] : chosen;
      refresh();
    });
  }
  const download = $("export-download");
  if (download) download.addEventListener("click", () => exportView());
}

/** Download what is drawn (or only what is highlighted) through the export API. */
async function exportView() {
  const scope = $("export-scope").value;
  const format = $("export-format").value;
  const shown = display();
  let ids = shown.shown;
  if (scope === "highlighted") ids = new Set([...ids].filter((id) => shown.kinds.get(id) !== "faded"));
  const title = [document.querySelector(".controls h1").textContent.trim(), state.focus ? `focus ${nodeName(state.focus)}` : ""]
    .filter(Boolean)
    .join(" — ");
  const params = Object.fromEntries(new URLSearchParams(location.search));
  try {
    status(`Exporting ${ids.size} nodes as ${format}…`);
    const saved = await downloadExport(format, subsetPayload(view.model.payload, ids, params), title);
    if (saved.warning) status(`Saved ${saved.name}. Warning: ${saved.warning}`, "error");
    else status(`Saved ${saved.name}.`);
  } catch (error) {
    status(`Export failed: ${error.message}`, "error");
  }
}

// -- one refresh cycle --------------------------------------------------------------------

let queue = Promise.resolve();

/** Reload data if asked, recompute filters if asked, redraw, update the URL and panels.
 * Cycles run one after another so fast clicks cannot interleave. */
function refresh({ reload = false, refilter = false } = {}) {
  hook.idle = false;
  queue = queue
    .then(async () => {
      if (reload || !loadedKey) {
        await load();
        refilter = true;
      }
      if (refilter) await computeFilter();
      syncControls();
      draw();
      renderTracePanel();
      renderGapPanel();
      $("share-url").value = writeState(state, BASE);
      await showFocusDetails();
      if (state.focus && view.model.nodes.has(state.focus) && !view.grouped) view.fit(focusIds());
    })
    .catch((error) => {
      status(error.message || String(error), "error");
    })
    .finally(() => {
      version += 1;
      hook.version = version;
      hook.idle = true;
    });
  return queue;
}

// A test hook: what is drawn, and the same entry points the controls use.
const hook = {
  idle: false,
  version: 0,
  get nodes() {
    return view.nodes;
  },
  get edges() {
    return view.edges;
  },
  get network() {
    return view.network;
  },
  get model() {
    return view.model;
  },
  state: () => structuredClone(state),
  focus: (id) => setFocus(id),
  highlighted: () => view.nodes.get({ filter: (n) => n.opacity === 1 }).map((n) => n.id),
  faded: () => view.nodes.get({ filter: (n) => n.opacity < 1 }).map((n) => n.id),
  refresh: () => refresh(),
};
window.__toc = hook;

syncControls();
wireControls();
refresh({ reload: true });
