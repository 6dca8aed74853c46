// The start page's search: /api/search as one types; each hit opens the node in the view
// that shows it best (/node/{id} redirects there, focused on it).

import { clear, debounce, el, getJSON, levelTitle, marked, url } from "./util.js";

const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const list = document.getElementById("search-results");
const status = document.getElementById("search-status");
const names = new Map(
  [...document.querySelectorAll("#frameworks .card")].map((card) => [
    card.dataset.framework,
    card.querySelector("h3").textContent.trim(),
  ]),
);
let asked = "";

async function search(text) {
  const q = text.trim();
  asked = q;
  history.replaceState(null, "", q ? url("/", { q }) : "/");
  clear(list);
  if (!q) {
    status.textContent = "";
    return;
  }
  status.textContent = "Searching…";
  let hits;
  try {
    hits = await getJSON(url("/api/search", { q, limit: 25 }));
  } catch (error) {
    status.textContent = `Search failed: ${error.message}`;
    return;
  }
  if (q !== asked) return; // a newer search is under way
  status.textContent = hits.length ? `${hits.length} results for “${q}”` : `Nothing found for “${q}”.`;
  for (const hit of hits) {
    const node = hit.node;
    const where = [node.level ? levelTitle(node.level) : node.label];
    if (node.framework) where.push(names.get(node.framework) || node.framework);
    list.appendChild(
      el(
        "li",
        { dataset: { node: node.id } },
        el("a", { href: `/node/${encodeURIComponent(node.id)}`, class: "hit" }, node.name || node.id),
        el("span", { class: "where", text: where.join(" · ") }),
        hit.snippet && hit.field !== "name" ? el("p", { class: "snippet" }, marked(hit.snippet)) : null,
      ),
    );
  }
}

const searchSoon = debounce(search, 250);
input.addEventListener("input", () => searchSoon(input.value));
form.addEventListener("submit", (event) => {
  event.preventDefault();
  search(input.value);
});

const initial = new URLSearchParams(location.search).get("q") || "";
if (initial) {
  input.value = initial;
  search(initial);
}
