// Small helpers shared by every page. Text from the graph only ever reaches the page as
// text nodes (textContent, createTextNode) or attribute values set one by one: nothing
// here, nor anywhere in these scripts, assigns innerHTML, outerHTML or insertAdjacentHTML.

/** An element with attributes and children; strings become text nodes. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "href") node.setAttribute("href", safeHref(value));
    else if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Links stay inside the app: a value that is not a path on this site becomes "#". */
export function safeHref(value) {
  const text = String(value);
  return text.startsWith("/") && !text.startsWith("//") ? text : "#";
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export class HttpError extends Error {
  constructor(status, message, body = null) {
    super(message);
    this.status = status;
    // The error body (docs/errors.md) when the answer was JSON: `error` says what kind.
    this.body = body && typeof body === "object" ? body : null;
  }
}

async function parse(response) {
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    throw new HttpError(response.status, describeError(body, response.status), body);
  }
  return body;
}

/** A readable message from FastAPI's error bodies ({detail: "..."} or a list). */
export function describeError(body, status) {
  if (body && typeof body === "object") {
    const detail = body.detail ?? body.error ?? body.message;
    if (typeof detail === "string") return detail;
    if (Array.isArray(detail)) {
      return detail
        .map((d) => `${(d.loc || []).slice(1).join(".")}: ${d.msg}`)
        .join("; ");
    }
    if (detail && typeof detail === "object") return JSON.stringify(detail);
  }
  return `HTTP ${status}`;
}

export async function getJSON(url) {
  return parse(await fetch(url, { headers: { Accept: "application/json" } }));
}

/**
 * The CSRF header for a request the session cookie authorises: the `csrftoken` cookie the app
 * sets, sent back as `X-CSRFToken` (a page on another site can neither read nor send it).
 */
export function csrfHeaders() {
  const match = /(?:^|;\s*)csrftoken=([^;]+)/.exec(document.cookie);
  return match ? { "X-CSRFToken": decodeURIComponent(match[1]) } : {};
}

export async function postJSON(url, body) {
  return sendJSON("POST", url, body);
}

/** Any method with a JSON body (or none), CSRF header included; a 204 answers null. */
export async function sendJSON(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: { "Content-Type": "application/json", Accept: "application/json", ...csrfHeaders() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.status === 204 ? null : parse(response);
}

/** A URL with a query string; arrays become repeated parameters, empty values are left out. */
export function url(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== "") query.append(key, String(v));
    }
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** Debounce: run `fn` once `ms` after the last call. */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** "long_term_change" -> "Long-term change" (as app/render/style.py's level_title). */
export function levelTitle(level) {
  if (!level) return "";
  const text = level.replace(/_/g, " ").replace(/\b(long|medium|short) term\b/g, "$1-term");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Text with [[marked]] stretches (search snippets) as text nodes and <mark> elements. */
export function marked(text) {
  const parts = String(text).split(/\[\[|\]\]/);
  return parts.map((part, i) => (i % 2 ? el("mark", { text: part }) : document.createTextNode(part)));
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
