// The export panel posts the part of the view on screen, as a graph payload, to
// POST /api/export?format=... (app/routers/exports.py) and saves the answer; the formats it
// offers come from app/pages/routes.py.

import { csrfHeaders, describeError, el, url } from "./util.js";

/** The name the API gives the file (RFC 6266): `filename*` (UTF-8) first, else `filename`. */
export function filenameFrom(header, fallback) {
  const utf8 = /filename\*=UTF-8''([^;\s]+)/i.exec(header || "");
  if (utf8) {
    try {
      return decodeURIComponent(utf8[1]);
    } catch {
      // A malformed escape: fall back to the ASCII name.
    }
  }
  const plain = /filename="?([^";]+)"?/.exec(header || "");
  return plain ? plain[1] : fallback;
}

/** Say in the export panel why an export could not be made: the API's `detail`, which for a
 * 503 names what to install on the server (Graphviz for SVG, PNG and PDF). */
export function showExportProblem(message) {
  const panel = document.getElementById("exports");
  if (!panel) return;
  let note = document.getElementById("export-note");
  if (!note) {
    note = el("p", { id: "export-note", class: "hint", role: "note" });
    panel.appendChild(note);
  }
  note.textContent = message;
}

/** POST `payload` for `format` and save the file; throws with the API's message. Returns the
 * file's name and, when the API warns that the file's usual readers would refuse it as it is
 * (X-TOC-Warning), that warning. */
export async function downloadExport(format, payload, title) {
  const response = await fetch(url("/api/export", { format, title, paper: "A3" }), {
    method: "POST",
    headers: { "Content-Type": "application/json", ...csrfHeaders() },
    body: JSON.stringify(payload),
  });
  if (!response.ok) {
    const type = response.headers.get("content-type") || "";
    const body = type.includes("json") ? await response.json() : await response.text();
    const message = describeError(body, response.status);
    if (response.status === 503) showExportProblem(message);
    throw new Error(message);
  }
  const blob = await response.blob();
  const name = filenameFrom(response.headers.get("content-disposition"), `export.${format}`);
  const link = el("a", { download: name });
  // An object URL of our own blob: safe to set directly (el() only takes site paths).
  link.href = URL.createObjectURL(blob);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return { name: link.download, warning: response.headers.get("x-toc-warning") || "" };
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
