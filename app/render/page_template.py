"""The standalone page's Jinja template (kept in Python so it ships with the package).

Rendered with autoescaping on: every value from a payload arrives as text and
is escaped; the only raw inserts are the vis-network library itself and the
bootstrap script, both passed as ``Markup`` and both pinned by the page's
Content-Security-Policy hashes, so an injected ``<script>`` could not run even
if escaping failed.
"""

from __future__ import annotations

PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{{ stamp.as_dict()['generator'] }}">
<meta name="toc-explorer:query" content="{{ stamp.query }}">
<meta name="toc-explorer:params" content="{{ stamp.params_text }}">
<meta name="toc-explorer:taken-at" content="{{ stamp.taken_at }}">
<title>{{ stamp.title }}</title>
<style>{{ vis_css }}</style>
<style>
  html, body { height: 100%; margin: 0; }
  body { display: flex; flex-direction: column; font: 14px/1.4 system-ui, sans-serif;
         color: #1a1a1a; background: #fff; }
  header, footer { padding: 8px 16px; background: #f7f7f7; }
  header { border-bottom: 1px solid #ddd; }
  footer { border-top: 1px solid #ddd; font-size: 12px; color: #444; }
  h1 { font-size: 18px; margin: 0 0 2px; }
  .summary { font-size: 12px; color: #555; margin: 0; }
  .legend { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-wrap: wrap;
            gap: 4px 14px; font-size: 12px; }
  .legend li { display: flex; align-items: center; gap: 5px; }
  .swatch { display: inline-block; width: 14px; height: 14px; border: 2px solid #666;
            border-radius: 3px; }
  .swatch.framework { background: #fff; }
  .line { display: inline-block; width: 24px; border-top: 2px solid #666; }
  .line.dashed { border-top-style: dashed; }
  #toc-network { flex: 1; min-height: 300px; position: relative; }
  footer p { margin: 0; }
  div.vis-tooltip { white-space: pre-wrap; max-width: 420px; font: 12px/1.4 system-ui, sans-serif; }
</style>
</head>
<body>
<header>
  <h1>{{ stamp.title }}</h1>
  <p class="summary">{{ stamp.summary() }} · {{ node_count }} nodes, {{ edge_count }} links</p>
  <ul class="legend" aria-label="Legend">
  {%- for entry in legend %}
    <li><span class="swatch" style="background: {{ entry.fill }}"></span>{{ entry.text }}</li>
  {%- endfor %}
  {%- for name, colour in frameworks %}
    <li><span class="swatch framework" style="border-color: {{ colour }}"></span>{{ name }}</li>
  {%- endfor %}
  {%- for text, colour, dashed in edge_legend %}
    <li><span class="line{{ ' dashed' if dashed }}" style="border-top-color: {{ colour }}"></span>
      {{- text }}</li>
  {%- endfor %}
  </ul>
</header>
<main id="toc-network" aria-label="Theory of change network"></main>
<footer>
{%- for line in stamp.lines() %}
  <p>{{ line }}</p>
{%- endfor %}
</footer>
<script type="application/json" id="toc-export-meta">{{ meta_json }}</script>
<script>{{ vis_js }}</script>
<script>{{ boot_js }}</script>
</body>
</html>
"""
