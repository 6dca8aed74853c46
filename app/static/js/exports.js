// The export panel posts the part of the view on screen, as a graph payload, to
// POST /api/export?format=... (app/routers/exports.py) and saves the answer; the formats it
// offers come from app/pages/routes.py.

import { csrfHeaders, describeError, el, url } from "./util.js";

function filenameFrom(response, fallback) {
  const header = response.headers.get("content-disposition") || "";
  const match = /filename="?([^";]+)"?/.exec(header);
  return match ? match[1] : fallback;
}

/** POST `payload` for `format` and save the file; throws with the API's message. */
export async function downloadExport(format, payload, title) {
  const response = await fetch(url("/api/export", { format, title, paper: "A3" }), {
    method: "POST",
    headers: { "Content-Type": "application/json", ...csrfHeaders() },
    body: JSON.stringify(payload),
  });
  if (!response.ok) {
    const type = response.headers.get("content-type") || "";
    const body = type.includes("json") ? await response.json() : await response.text();
    throw new Error(describeError(body, response.status));
  }
  const blob = await response.blob();
  const link = el("a", { download: filenameFrom(response, `export.${format}`) });
  // An object URL of our own blob: safe to set directly (el() only takes site paths).
  link.href = URL.createObjectURL(blob);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return link.download;
}

/** The payload's nodes among `ids`, the edges between them, and a note of the view. */
export function subsetPayload(payload, ids, params) {
  const nodes = payload.nodes.filter((n) => ids.has(n.id));
  const edges = payload.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  const meta = {
    ...payload.meta,
    query: `${payload.meta.query || "view"} (as shown)`,
    params: { ...(payload.meta.params || {}), ...params },
  };
  return { nodes, edges, meta };
}
