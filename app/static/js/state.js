// The view's state lives in the query string, so a link reopens exactly what was shown:
// framework, focus, depth, direction, filters, fade or hide, trace, what is included.
// Only values that differ from the defaults are written; lists are comma-separated.

export const LIST_KEYS = new Set(["include", "level", "fw", "frameworks", "kind"]);
const NUMBER_KEYS = new Set(["depth", "hops", "max"]);
const BOOLEAN_KEYS = new Set(["all"]);

export function defaults(maxNodes) {
  return {
    include: [],
    focus: "",
    depth: 2,
    dir: "both",
    level: [],
    fw: [],
    country: "",
    actor: "",
    theme: "",
    mode: "fade",
    from: "",
    to: "",
    hops: 6,
    max: maxNodes,
    all: false,
    group: "",
    frameworks: [], // cross view: the frameworks lined up (empty: every results chain)
    framework: "", // gaps view: the framework checked
    kind: [], // gaps view: kinds shown (empty: all)
  };
}

const ALLOWED = {
  dir: ["both", "upstream", "downstream"],
  mode: ["fade", "hide"],
  group: ["", "level", "framework"],
};

export function readState(search, base) {
  const params = new URLSearchParams(search);
  const state = structuredClone(base);
  for (const key of Object.keys(base)) {
    if (!params.has(key)) continue;
    const raw = params.get(key);
    if (LIST_KEYS.has(key)) {
      state[key] = raw.split(",").map((s) => s.trim()).filter(Boolean);
    } else if (NUMBER_KEYS.has(key)) {
      const n = Number.parseInt(raw, 10);
      if (Number.isFinite(n) && n >= 0) state[key] = n;
    } else if (BOOLEAN_KEYS.has(key)) {
      state[key] = raw === "1" || raw === "true";
    } else if (ALLOWED[key]) {
      if (ALLOWED[key].includes(raw)) state[key] = raw;
    } else {
      state[key] = raw;
    }
  }
  return state;
}

export function toQuery(state, base) {
  // Built by hand so that list commas stay readable (URLSearchParams would write %2C).
  const parts = [];
  const put = (key, text) => parts.push(`${key}=${encodeURIComponent(text)}`);
  for (const key of Object.keys(base)) {
    const value = state[key];
    if (LIST_KEYS.has(key)) {
      const sorted = [...value].sort();
      if (sorted.join(",") !== [...base[key]].sort().join(",")) {
        parts.push(`${key}=${sorted.map(encodeURIComponent).join(",")}`);
      }
    } else if (BOOLEAN_KEYS.has(key)) {
      if (value !== base[key]) put(key, value ? "1" : "0");
    } else if (value !== base[key] && value !== undefined && value !== null) {
      put(key, String(value));
    }
  }
  return parts.join("&");
}

/** Put the state in the address bar without a new history entry. */
export function writeState(state, base) {
  const query = toQuery(state, base);
  const next = `${location.pathname}${query ? `?${query}` : ""}`;
  if (next !== `${location.pathname}${location.search}`) history.replaceState(null, "", next);
  return location.href;
}
