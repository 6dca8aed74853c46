// Which nodes a filter keeps, asked of the API so that the pages filter exactly as the API
// does: a theme keeps what /api/nodes?theme= lists; a country or an actor keeps what it
// pledges, commits to, reports or is responsible for, and everything that leads on from
// there up the chain (/api/pathways/{id}/downstream).

import { getJSON, url } from "./util.js";

const PAGE = 500;
const MAX_SEEDS = 60; // a country or actor behind more than this is cut (and says so)
const cache = new Map();

async function cached(key, work) {
  if (!cache.has(key)) cache.set(key, work().catch((e) => { cache.delete(key); throw e; }));
  return cache.get(key);
}

async function listIds(params) {
  const ids = new Set();
  for (let offset = 0; ; offset += PAGE) {
    const page = await getJSON(url("/api/nodes", { ...params, offset, limit: PAGE }));
    page.items.forEach((n) => ids.add(n.id));
    if (offset + PAGE >= page.total) break;
  }
  return ids;
}

async function downstreamOf(seeds) {
  const reached = new Set(seeds);
  const lists = await Promise.all(
    [...seeds].slice(0, MAX_SEEDS).map((id) =>
      getJSON(`/api/pathways/${encodeURIComponent(id)}/downstream`).catch(() => ({ nodes: [] })),
    ),
  );
  for (const payload of lists) payload.nodes.forEach((n) => reached.add(n.id));
  return reached;
}

export function themeMembers(theme, labels) {
  return cached(`theme:${theme}:${[...labels].sort()}`, async () => {
    const sets = await Promise.all([...labels].map((label) => listIds({ label, theme })));
    return new Set(sets.flatMap((s) => [...s]));
  });
}

export function countryReach(country, labels) {
  return cached(`country:${country}:${[...labels].sort()}`, async () => {
    const sets = await Promise.all([...labels].map((label) => listIds({ label, country })));
    const seeds = new Set(sets.flatMap((s) => [...s]));
    return downstreamOf(seeds);
  });
}

/** {ids, frameworks}: what the actor touches and what that leads to; frameworks it funds,
 * implements or supports count whole. */
export function actorReach(actor) {
  return cached(`actor:${actor}`, async () => {
    const detail = await getJSON(`/api/nodes/${encodeURIComponent(actor)}`);
    const seeds = new Set([actor]);
    const frameworks = new Set();
    for (const [label, nodes] of Object.entries(detail.related || {})) {
      for (const n of nodes) {
        if (label === "Framework") frameworks.add(n.id);
        else if (label !== "Actor") seeds.add(n.id);
      }
    }
    const ids = await downstreamOf(seeds);
    return { ids, frameworks };
  });
}
