// The network on screen: vis-network fed with the nodes, edges and options that
// app/render built on the server (so the live view and the HTML export share one styling),
// plus what a live view adds: layers that wrap, bands drawn behind them, columns per
// framework, emphasis and fading, and a grouped overview for views too big to draw.
//
// Labels are drawn on the canvas and tooltips (`title`) are plain strings, which
// vis-network 9 puts in with innerText: text from the graph is never parsed as HTML.

/* global vis */

const FADED_OPACITY = 0.16;
const FADED_FONT = "rgba(40, 40, 40, 0.35)";
const SHADOWS = {
  focus: "rgba(255, 170, 0, 0.95)",
  path: "rgba(142, 68, 173, 0.9)",
  gap: "rgba(214, 39, 40, 0.9)",
};
const BAND_FILLS = ["#f3f6fa", "#fbfcfe"];
const SLOT_WIDTH = 232; // room for one box (app/render wraps captions at 28 characters)
const ROW_HEIGHT = 100;
const COLUMN_GAP = 80;
const BAND_GAP = 56; // leaves a line for the band's title
const TITLE_ROOM = 0;
// Ties that say nothing about where a node belongs in the chain.
const ORDERING_SKIPS = new Set(["ALIGNS_WITH", "HAS_THEME"]);

export const naturalOrder = new Intl.Collator("en", { numeric: true }).compare;

export class GraphView {
  constructor(container, { layout = "layers", rowMax = 0, onNodeClick, onBackgroundClick, onGroupClick } = {}) {
    this.container = container;
    this.layout = layout;
    this.rowMax = rowMax;
    this.onNodeClick = onNodeClick || (() => {});
    this.onBackgroundClick = onBackgroundClick || (() => {});
    this.onGroupClick = onGroupClick || (() => {});
    this.nodes = new vis.DataSet([]);
    this.edges = new vis.DataSet([]);
    this.network = null;
    this.model = { nodes: new Map(), edges: new Map(), bands: [], legend: {}, options: {} };
    this.shownSignature = "";
    this.grouped = null; // {by, groups} while the grouped overview is shown
    this.bandOf = new Map();
    this.columns = [];
  }

  /** Take what /views/data/... returned; draw nothing yet. */
  setModel(data) {
    this.model = {
      nodes: new Map(data.nodes.map((n) => [n.id, n])),
      edges: new Map(data.edges.map((e) => [e.id, e])),
      bands: data.bands || [],
      legend: data.legend || {},
      options: data.options || {},
      meta: data.meta || {},
      payload: data.payload || { nodes: [], edges: [], meta: {} },
    };
    this.shownSignature = "";
  }

  /** Show nothing (the console after a failed query): the model stays until the next one. */
  clear() {
    this.nodes.clear();
    this.edges.clear();
    this.shownSignature = "";
    this.grouped = null;
  }

  get frameworkColours() {
    return new Map((this.model.legend.frameworks || []).map((f) => [f.id, f]));
  }

  /**
   * Show `visible` node ids (all when null) with per-node emphasis (`kinds`: id ->
   * "focus" | "near" | "path" | "gap" | "faded") and per-edge emphasis (`edgeKinds`).
   */
  render({ visible = null, kinds = new Map(), edgeKinds = new Map() } = {}) {
    this.grouped = null;
    const ids = [...this.model.nodes.keys()].filter((id) => !visible || visible.has(id));
    const shown = new Set(ids);
    const edgeIds = [...this.model.edges.values()]
      .filter((e) => shown.has(e.from) && shown.has(e.to))
      .map((e) => e.id);
    const signature = `${this.layout}|${ids.join(",")}|${edgeIds.join(",")}`;
    const placement = signature === this.shownSignature ? null : this.place(ids);
    const nodeItems = ids.map((id) => this.styledNode(id, kinds.get(id), placement));
    const edgeItems = edgeIds.map((id) => this.styledEdge(id, edgeKinds.get(id), Boolean(placement)));
    this.ensureNetwork();
    if (placement) {
      this.network.setOptions(this.layoutOptions());
      this.nodes.clear();
      this.edges.clear();
      this.nodes.add(nodeItems);
      this.edges.add(edgeItems);
      this.shownSignature = signature;
      this.fitSoon();
    } else {
      this.nodes.update(nodeItems);
      this.edges.update(edgeItems);
    }
  }

  /** A node per level (or framework) with counts: drawn instead of a view too big to draw. */
  renderGrouped(by, visible = null) {
    const groups = new Map();
    const colours = this.frameworkColours;
    const bandTitle = new Map(this.model.bands.map((b) => [b.rank, b.title]));
    for (const node of this.model.nodes.values()) {
      if (visible && !visible.has(node.id)) continue;
      const key = by === "framework" ? node.toc_framework || "(none)" : String(node.toc_rank);
      if (!groups.has(key)) {
        const name =
          by === "framework"
            ? (colours.get(key) || {}).name || key
            : bandTitle.get(node.toc_rank) || node.toc_label;
        groups.set(key, { key, name, rank: node.toc_rank, ids: [], sample: node, levels: new Set() });
      }
      const group = groups.get(key);
      group.ids.push(node.id);
      group.levels.add(node.toc_level || `label:${node.toc_label}`);
      group.rank = Math.max(group.rank, node.toc_rank);
    }
    const groupOf = new Map();
    for (const g of groups.values()) for (const id of g.ids) groupOf.set(id, g.key);
    const links = new Map();
    for (const e of this.model.edges.values()) {
      const a = groupOf.get(e.from);
      const b = groupOf.get(e.to);
      if (!a || !b || a === b) continue;
      const key = `${a}->${b}`;
      links.set(key, { from: a, to: b, n: (links.get(key)?.n || 0) + 1 });
    }
    const ranks = [...new Set([...groups.values()].map((g) => g.rank))].sort((x, y) => y - x);
    const nodeItems = [...groups.values()].map((g) => {
      const sample = g.sample;
      const colour = by === "framework" ? (colours.get(g.key) || {}).colour || "#666666" : sample.color.border;
      return {
        id: `group:${g.key}`,
        label: `${g.name}\n${g.ids.length} nodes — click to open`,
        title: `${g.name}: ${g.ids.length} nodes. Click to show only these.`,
        level: by === "framework" ? 0 : ranks.indexOf(g.rank),
        shape: "box",
        margin: 14,
        color: {
          background: by === "framework" ? "#ffffff" : sample.color.background,
          border: colour,
          highlight: { background: by === "framework" ? "#ffffff" : sample.color.background, border: "#000000" },
        },
        font: { color: by === "framework" ? "#1a1a1a" : sample.font.color, size: 18, bold: true },
        borderWidth: 3,
        toc_group: g.key,
        toc_group_by: by,
        toc_levels: [...g.levels],
      };
    });
    const edgeItems = [...links.values()].map((l) => ({
      id: `group:${l.from}->${l.to}`,
      from: `group:${l.from}`,
      to: `group:${l.to}`,
      label: String(l.n),
      width: Math.min(8, 1 + Math.log2(l.n)),
      arrows: { to: { enabled: true, scaleFactor: 0.7 } },
      color: { color: "#607080" },
      font: { size: 14, background: "#ffffff" },
    }));
    this.ensureNetwork();
    this.network.setOptions({
      layout: {
        hierarchical: { enabled: true, direction: "UD", levelSeparation: 140, nodeSpacing: 300, sortMethod: "directed" },
      },
      physics: { enabled: false },
    });
    this.nodes.clear();
    this.edges.clear();
    this.nodes.add(nodeItems);
    this.edges.add(edgeItems);
    this.shownSignature = "";
    this.grouped = { by, groups };
    this.bandOf = new Map();
    this.fitSoon();
  }

  styledNode(id, kind, placement) {
    const orig = this.model.nodes.get(id);
    const item = {
      id,
      opacity: 1,
      font: orig.font,
      borderWidth: 3,
      shadow: { enabled: false },
      color: orig.color,
    };
    if (placement) {
      Object.assign(item, orig, { opacity: 1, borderWidth: 3, shadow: { enabled: false } });
      const where = placement.get(id);
      item.x = where.x;
      item.y = where.y;
      delete item.level;
    }
    if (kind === "faded") {
      item.opacity = FADED_OPACITY;
      item.font = { ...orig.font, color: FADED_FONT };
    } else if (kind in SHADOWS) {
      item.borderWidth = kind === "focus" ? 6 : 4;
      item.shadow = { enabled: true, color: SHADOWS[kind], size: kind === "focus" ? 28 : 20, x: 0, y: 0 };
    }
    return item;
  }

  styledEdge(id, kind, full) {
    const orig = this.model.edges.get(id);
    const item = { ...(full ? orig : { id }), width: orig.width, color: { ...orig.color, opacity: 1 } };
    if (kind === "faded") item.color = { ...orig.color, opacity: 0.1 };
    else if (kind === "path" || kind === "near") item.width = orig.width * 2;
    return item;
  }

  // -- layout ---------------------------------------------------------------------------

  /** Where each node goes (x, y): layered bands, or columns per framework. */
  place(ids) {
    this.bandOf = new Map();
    const byRank = new Map();
    for (const id of ids) {
      const rank = this.model.nodes.get(id).toc_rank;
      if (!byRank.has(rank)) byRank.set(rank, []);
      byRank.get(rank).push(id);
      this.bandOf.set(id, rank);
    }
    const ranks = [...byRank.keys()].sort((a, b) => b - a);
    const parents = this.parentsOf(new Set(ids));
    return this.layout === "columns"
      ? this.placeColumns(ranks, byRank, parents)
      : this.placeLayers(ranks, byRank, parents);
  }

  /** For ordering a band: each node's neighbours in higher bands along the chain (an
   * indicator's result, a pledge's result, an actor's pledge). */
  parentsOf(shown) {
    const parents = new Map();
    for (const e of this.model.edges.values()) {
      if (ORDERING_SKIPS.has(e.toc_type) || !shown.has(e.from) || !shown.has(e.to)) continue;
      const a = this.model.nodes.get(e.from);
      const b = this.model.nodes.get(e.to);
      if (a.toc_rank === b.toc_rank) continue;
      const [child, parent] = a.toc_rank < b.toc_rank ? [a.id, b.id] : [b.id, a.id];
      if (!parents.has(child)) parents.set(child, []);
      parents.get(child).push(parent);
    }
    return parents;
  }

  /** Members of a band, ordered under their parents (barycentre of the parents' x). */
  orderBand(members, parents, xOf) {
    const key = new Map(
      members.map((id) => {
        const xs = (parents.get(id) || []).map((p) => xOf.get(p)).filter((x) => x !== undefined);
        return [id, xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.POSITIVE_INFINITY];
      }),
    );
    return [...members].sort((a, b) => key.get(a) - key.get(b) || naturalOrder(a, b));
  }

  /** The widest row that lets the whole drawing fit the canvas at the largest scale. */
  bestRowMax(bandSizes) {
    const width = this.container.clientWidth || 1000;
    const height = this.container.clientHeight || 700;
    let best = 1;
    let bestScale = 0;
    const widest = Math.max(...bandSizes);
    for (let rowMax = 1; rowMax <= Math.max(1, widest); rowMax++) {
      const rows = bandSizes.reduce((sum, n) => sum + Math.ceil(n / rowMax), 0);
      const w = Math.min(rowMax, widest) * SLOT_WIDTH + TITLE_ROOM;
      const h = rows * ROW_HEIGHT + bandSizes.length * BAND_GAP;
      const scale = Math.min(width / w, height / h);
      if (scale > bestScale * 1.02) {
        best = rowMax;
        bestScale = scale;
      }
    }
    return Math.max(3, best);
  }

  /**
   * The classic layered picture: impact on top, one band per rank. A band wider than the
   * canvas allows wraps onto balanced rows (41 nodes at 8 a row make 6 rows of 7), so the
   * drawing keeps the canvas's proportions instead of running into one endless line.
   */
  placeLayers(ranks, byRank, parents) {
    const rowMax = this.rowMax || this.bestRowMax(ranks.map((r) => byRank.get(r).length));
    const placement = new Map();
    const xOf = new Map();
    let y = 0;
    for (const rank of ranks) {
      const members = this.orderBand(byRank.get(rank), parents, xOf);
      const rows = Math.max(1, Math.ceil(members.length / rowMax));
      const perRow = Math.ceil(members.length / rows);
      for (let r = 0; r < rows; r++) {
        const row = members.slice(r * perRow, (r + 1) * perRow);
        const left = (-(row.length - 1) * SLOT_WIDTH) / 2;
        row.forEach((id, i) => {
          const x = left + i * SLOT_WIDTH;
          placement.set(id, { x, y });
          xOf.set(id, x);
        });
        y += ROW_HEIGHT;
      }
      y += BAND_GAP;
    }
    this.columns = [];
    return placement;
  }

  /** One column per framework, one band per rank across all columns. */
  placeColumns(ranks, byRank, parents) {
    const placement = new Map();
    const xOf = new Map();
    const known = (this.model.legend.frameworks || []).map((f) => f.id);
    const fwOf = (id) => this.model.nodes.get(id).toc_framework || "";
    const present = new Set([...this.model.nodes.keys()].filter((id) => this.bandOf.has(id)).map(fwOf));
    const columns = [...known.filter((f) => present.has(f)), ...[...present].filter((f) => !known.includes(f))];
    const cell = (rank, fw) => byRank.get(rank).filter((id) => fwOf(id) === fw);
    const widths = columns.map((fw) => {
      const biggest = Math.max(...ranks.map((r) => cell(r, fw).length));
      return Math.min(4, Math.max(1, Math.ceil(Math.sqrt(biggest / 2))));
    });
    const starts = [];
    let x = 0;
    widths.forEach((w) => {
      starts.push(x);
      x += w * SLOT_WIDTH + COLUMN_GAP;
    });
    let y = 0;
    for (const rank of ranks) {
      let rows = 1;
      columns.forEach((fw, c) => {
        const members = this.orderBand(cell(rank, fw), parents, xOf);
        members.forEach((id, i) => {
          const row = Math.floor(i / widths[c]);
          const inRow = Math.min(widths[c], members.length - row * widths[c]);
          // Centre a short last row under the column.
          const offset = ((widths[c] - inRow) * SLOT_WIDTH) / 2;
          const x = starts[c] + offset + (i % widths[c]) * SLOT_WIDTH + SLOT_WIDTH / 2;
          placement.set(id, { x, y: y + row * ROW_HEIGHT });
          xOf.set(id, x);
        });
        rows = Math.max(rows, Math.ceil(members.length / widths[c]));
      });
      y += rows * ROW_HEIGHT + BAND_GAP;
    }
    this.columns = columns.map((fw, c) => ({
      id: fw,
      x: starts[c] + (widths[c] * SLOT_WIDTH) / 2,
      width: widths[c] * SLOT_WIDTH,
    }));
    return placement;
  }

  layoutOptions() {
    // Positions come from place(): no physics, no vis layout pass. Edges keep app/render's
    // options (vertical cubic curves) in the layers; across columns they curve gently.
    const base = this.model.options || {};
    const edges =
      this.layout === "columns"
        ? { smooth: { enabled: true, type: "curvedCW", roundness: 0.12 } }
        : base.edges;
    return { layout: { hierarchical: { enabled: false }, randomSeed: 7 }, physics: { enabled: false }, edges };
  }

  // -- drawing ---------------------------------------------------------------------------

  ensureNetwork() {
    if (this.network) return;
    const options = structuredClone(this.model.options || {});
    Object.assign(options, this.layoutOptions());
    this.network = new vis.Network(this.container, { nodes: this.nodes, edges: this.edges }, options);
    this.network.on("click", (params) => {
      if (params.nodes.length) {
        const id = params.nodes[0];
        const item = this.nodes.get(id);
        if (item && item.toc_group) this.onGroupClick(item.toc_group, item.toc_group_by, item);
        else this.onNodeClick(id);
      } else if (!params.edges.length) {
        this.onBackgroundClick();
      }
    });
    this.network.on("beforeDrawing", (ctx) => this.drawBands(ctx));
  }

  drawBands(ctx) {
    if (this.grouped || !this.bandOf.size) return;
    const boxes = new Map(); // rank -> {top, bottom}
    let left = Infinity;
    let right = -Infinity;
    for (const id of this.nodes.getIds()) {
      const rank = this.bandOf.get(id);
      if (rank === undefined) continue;
      const box = this.network.getBoundingBox(id);
      if (!box) continue;
      const band = boxes.get(rank) || { top: Infinity, bottom: -Infinity };
      band.top = Math.min(band.top, box.top);
      band.bottom = Math.max(band.bottom, box.bottom);
      boxes.set(rank, band);
      left = Math.min(left, box.left);
      right = Math.max(right, box.right);
    }
    if (!boxes.size) return;
    const titles = new Map(this.model.bands.map((b) => [b.rank, b.title]));
    const ranks = [...boxes.keys()].sort((a, b) => b - a);
    ctx.save();
    ranks.forEach((rank, i) => {
      const band = boxes.get(rank);
      ctx.fillStyle = BAND_FILLS[i % 2];
      ctx.fillRect(left - 30, band.top - 40, right - left + 60, band.bottom - band.top + 52);
      ctx.fillStyle = "#4a5a6a";
      ctx.font = "bold 16px system-ui, sans-serif";
      ctx.textBaseline = "bottom";
      ctx.textAlign = "left";
      ctx.fillText(titles.get(rank) || "", left - 20, band.top - 12);
    });
    if (this.layout === "columns") {
      const top = Math.min(...[...boxes.values()].map((b) => b.top));
      const colours = this.frameworkColours;
      ctx.textAlign = "center";
      ctx.textBaseline = "bottom";
      ctx.font = "bold 20px system-ui, sans-serif";
      for (const column of this.columns) {
        const fw = colours.get(column.id);
        ctx.fillStyle = fw ? fw.colour : "#333333";
        const lines = wrapLines(ctx, fw ? fw.name : column.id || "No framework", column.width);
        lines.forEach((line, i) => ctx.fillText(line, column.x, top - 50 - (lines.length - 1 - i) * 24));
      }
    }
    ctx.restore();
  }

  /** Fit once the new layout is drawn (positions exist only then). */
  fitSoon() {
    this.pendingFit = true;
    this.fitTarget = undefined;
    this.network.once("afterDrawing", () => {
      this.pendingFit = false;
      this.doFit(this.fitTarget);
      this.container.dataset.rendered = "true";
    });
  }

  /** Fit the view to `ids` (all when empty), now or as soon as the layout is drawn. */
  fit(ids) {
    if (!this.network) return;
    if (this.pendingFit) this.fitTarget = ids;
    else this.doFit(ids);
  }

  doFit(ids) {
    const options = { animation: false };
    const present = (ids || []).filter((id) => this.nodes.get(id));
    if (present.length) options.nodes = present;
    this.network.fit(options);
    // A little room around the nodes for the band titles and column headers drawn outside
    // them; and a lone node fitted alone would fill the screen.
    this.network.moveTo({ scale: Math.min(this.network.getScale() * 0.93, 1.2) });
  }
}

function wrapLines(ctx, text, width) {
  const lines = [];
  let line = "";
  for (const word of String(text).split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > width && line) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function wrapText(ctx, text, x, y, width, lineHeight) {
  wrapLines(ctx, text, width).forEach((line, i) => ctx.fillText(line, x, y + i * lineHeight));
}
