// The details panel: one node from /api/nodes/{id}, its text, where it comes from (the
// source sentence), what leads to it and what it leads to, who is committed to it and what
// measures it. Every value goes in with textContent (through el()).

import { clear, el, getJSON, levelTitle, url } from "./util.js";

const GROUPS = [
  ["Actor", "Actors"],
  ["Pledge", "Pledges"],
  ["Commitment", "Commitments"],
  ["Indicator", "Indicators"],
  ["Theme", "Themes"],
];

function text(value) {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(text).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export class DetailsPanel {
  /**
   * ctx: {frameworkName(id), actorName(id), inView(id), onFocus(id), onTrace(which, id),
   *       currentFramework}: links to nodes of currentFramework do not repeat its name.
   */
  constructor(panel, ctx) {
    this.panel = panel;
    this.ctx = ctx;
    this.current = null;
  }

  hide() {
    this.current = null;
    clear(this.panel);
    this.panel.hidden = true;
  }

  async show(id) {
    this.current = id;
    clear(this.panel);
    this.panel.hidden = false;
    this.panel.appendChild(el("p", { class: "status", text: "Loading…" }));
    let detail;
    try {
      detail = await getJSON(`/api/nodes/${encodeURIComponent(id)}`);
    } catch (error) {
      if (this.current !== id) return;
      clear(this.panel).appendChild(el("p", { class: "error", text: `Could not load ${id}: ${error.message}` }));
      return;
    }
    if (this.current !== id) return; // another click came first
    clear(this.panel);
    this.panel.dataset.node = id;
    this.render(detail);
  }

  nodeLink(node) {
    const inView = this.ctx.inView(node.id);
    const link = el(
      "a",
      {
        href: `/node/${encodeURIComponent(node.id)}`,
        class: inView ? "node-link in-view" : "node-link",
        dataset: { node: node.id },
        title: inView ? "Focus on it in this view" : "Open it where it belongs",
      },
      node.name || node.id,
    );
    if (inView) {
      link.addEventListener("click", (event) => {
        event.preventDefault();
        this.ctx.onFocus(node.id);
      });
    }
    const where = [node.level ? levelTitle(node.level) : node.label];
    if (node.framework && node.framework !== this.ctx.currentFramework) {
      where.push(this.ctx.frameworkName(node.framework));
    }
    return el("li", {}, link, el("span", { class: "where", text: ` · ${where.join(" · ")}` }));
  }

  section(title, items, key) {
    if (!items.length) return null;
    return el(
      "section",
      { class: "rel", dataset: { section: key } },
      el("h3", {}, `${title} `, el("span", { class: "count", text: `(${items.length})` })),
      el("ul", {}, items),
    );
  }

  render(detail) {
    const node = detail.node;
    const props = node.properties || {};
    const byId = new Map((detail.graph?.nodes || []).map((n) => [n.id, n]));
    const edges = detail.edges || [];
    const other = (e) => byId.get(e.source === node.id ? e.target : e.source);

    const kind = [node.label];
    if (node.level) kind.push(levelTitle(node.level));
    const head = el(
      "header",
      {},
      el("p", { class: "kind", text: kind.join(" · ") }),
      el("h2", { id: "details-title", text: node.name || node.id }),
    );
    if (node.framework) {
      head.appendChild(
        el(
          "p",
          { class: "framework" },
          el("a", { href: `/toc/${encodeURIComponent(node.framework)}` }, this.ctx.frameworkName(node.framework)),
        ),
      );
    }

    const facts = el("dl", { class: "facts" });
    const fact = (label, value) => {
      if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
      facts.append(el("dt", { text: label }), el("dd", { text: text(value) }));
    };
    if (props.text && props.text !== node.name) fact("Text", props.text);
    fact("Objective", props.objective);
    fact("Number", props.number);
    fact("Code", props.code);
    fact("Year", props.year);
    fact("Period", props.period);
    fact("Kind", props.kind);
    fact("Actor type", props.actor_type);
    fact("Scope", props.scope);
    if (props.country) {
      const countries = Array.isArray(props.country) ? props.country : [props.country];
      fact("Country", countries.map((c) => this.ctx.actorName(c)));
    }
    fact("Indicator theme", node.label === "Indicator" ? props.theme : null);
    fact("Id", node.id);

    const prov = detail.provenance || {};
    const provenance = el("section", { class: "provenance", dataset: { section: "provenance" } }, el("h3", { text: "Where it comes from" }));
    if (prov.quote) provenance.appendChild(el("blockquote", { class: "quote", text: prov.quote }));
    // The document's title first: its file name alone means nothing to a reader.
    const doc = prov.source_title ? `${prov.source_title} (${prov.source})` : prov.source;
    const source = [doc, prov.section].filter(Boolean).join(" › ");
    if (source) provenance.appendChild(el("p", { class: "source", text: source }));
    if (prov.seed_file) {
      provenance.appendChild(el("p", { class: "seed", text: `Seed: ${prov.seed_file}${prov.seed_line ? `:${prov.seed_line}` : ""}` }));
    }

    const chainOut = edges.filter((e) => e.type === "CONTRIBUTES_TO" && e.source === node.id).map(other);
    const chainIn = edges
      .filter((e) => e.type === "CONTRIBUTES_TO" && e.target === node.id)
      .map(other)
      .filter((n) => n && n.label === "Result");
    const aligned = edges.filter((e) => e.type === "ALIGNS_WITH");
    const alignItems = aligned.map((e) => {
      const item = this.nodeLink(other(e));
      const why = e.properties?.rationale || e.properties?.quote;
      if (why) item.appendChild(el("p", { class: "why", text: why }));
      return item;
    });

    const related = detail.related || {};
    const groups = GROUPS.map(([label, title]) => {
      let items = (related[label] || []).map((n) => this.nodeLink(n));
      if (label === "Actor") {
        // Who pledged or committed what reaches this node: the countries of its pledges.
        const known = new Set((related.Actor || []).map((a) => a.id));
        const via = new Map();
        for (const n of [...(related.Pledge || []), ...(related.Commitment || [])]) {
          const country = n.properties?.country;
          for (const c of Array.isArray(country) ? country : country ? [country] : []) {
            if (!known.has(c)) via.set(c, n.label);
          }
        }
        items = items.concat(
          [...via.entries()].map(([c, label]) =>
            this.nodeLink({ id: c, name: this.ctx.actorName(c), label: `Actor (via ${label.toLowerCase()})` }),
          ),
        );
      }
      return this.section(title, items, label.toLowerCase());
    });

    const actions = el(
      "div",
      { class: "buttons" },
      el("button", { type: "button", id: "trace-from-here", onclick: () => this.ctx.onTrace("from", node.id) }, "Trace from here"),
      el("button", { type: "button", id: "trace-to-here", onclick: () => this.ctx.onTrace("to", node.id) }, "Trace to here"),
      el("a", { class: "button", href: url(`/node/${encodeURIComponent(node.id)}`) }, "Open where it belongs"),
    );

    this.panel.append(
      head,
      facts,
      provenance,
      this.section("Leads to", chainOut.filter(Boolean).map((n) => this.nodeLink(n)), "leads-to") || "",
      this.section("What leads to it", chainIn.map((n) => this.nodeLink(n)), "led-by") || "",
      this.section("Aligns with", alignItems, "aligns") || "",
      ...groups.filter(Boolean),
      actions,
    );
  }
}
