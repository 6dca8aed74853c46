"""The planners' pages in headless Chromium, against the real app and the seeded Neo4j.

Every test runs under two guards (the `page` fixture in tests/conftest.py, see
tests/support/browser/harness.py): no request may leave 127.0.0.1, and no page may log an
error, which is also how a Content-Security-Policy violation would show.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from neo4j import Driver
from playwright.sync_api import Browser, Page

from app.settings import REPO_ROOT
from tests.support.accounts import RoleAccounts, auth
from tests.support.api import ids
from tests.support.browser import driver as ui
from tests.support.browser.harness import PageGuard, guarded_page
from tests.support.seed import mark_dirty

pytestmark = pytest.mark.browser

SCREENSHOTS = REPO_ROOT / "docs" / "screenshots"
HOSTILE_IMG = '<img src=x onerror="window.__pwned=1">'
HOSTILE_SCRIPT = "<script>window.__pwned=1</script>"


# -- helpers ------------------------------------------------------------------------------


def api(base_url: str, path: str, **params: Any) -> Any:
    response = httpx.get(base_url + path, params=params, headers=auth(), timeout=30)
    response.raise_for_status()
    return response.json()


def api_post(base_url: str, path: str, body: dict[str, Any]) -> Any:
    response = httpx.post(base_url + path, json=body, headers=auth(), timeout=30)
    response.raise_for_status()
    return response.json()


# -- the theory-of-change view ------------------------------------------------------------


def test_toc_view_draws_every_node_and_link_the_api_returns(page: Page, base_url: str) -> None:
    response = page.goto(f"{base_url}/toc/mirps-toc")
    assert response is not None and response.ok
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    ui.wait_redrawn(page, 0)

    payload = api(base_url, "/api/frameworks/mirps-toc/graph")
    assert ui.drawn_ids(page) == ids(payload)
    drawn = {(e["from"], e["to"], e["type"]) for e in ui.drawn_edges(page)}
    assert drawn == {(e["source"], e["target"], e["type"]) for e in payload["edges"]}

    # Labels are the names, wrapped and cut; the full name is in the tooltip text.
    impact = page.evaluate("() => window.__toc.nodes.get('mirps.impact')")
    name = next(n["name"] for n in payload["nodes"] if n["id"] == "mirps.impact")
    assert name.startswith(impact["label"].split("\n")[0])
    assert impact["label"].endswith("…") and name in impact["title"]
    # Impact on top: a higher rank is drawn higher up (smaller y).
    ys = page.evaluate(
        "() => { const p = window.__toc.network.getPositions();"
        " return [p['mirps.impact'].y, p['mirps-toc.ltc-1'].y, p['mirps-toc.mtc-07'].y]; }"
    )
    assert ys[0] < ys[1] < ys[2]
    # vis-network comes from the app itself, never a CDN.
    assert any("/static/vendor/vis-9.1.2/vis-network.min.js" in u for u in ui_requests(page))


def ui_requests(page: Page) -> list[str]:
    return list(page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)"))


def test_clicking_a_node_shows_its_details_and_highlights_its_pathway(
    page: Page, base_url: str
) -> None:
    ui.open_view(page, f"{base_url}/toc/mirps-toc?depth=1")
    ui.click_node(page, "mirps-toc.ltc-1")

    detail = api(base_url, "/api/nodes/mirps-toc.ltc-1")
    panel = page.locator("#details")
    assert panel.locator("h2").text_content() == detail["node"]["name"]
    text = str(panel.text_content())
    assert "Long-term change" in text
    assert detail["provenance"]["quote"] in text
    assert detail["provenance"]["source"] in text
    assert detail["provenance"]["source_title"] in text  # the document's title beside its file
    assert "What leads to it" in text and "Leads to" in text

    up = ids(api(base_url, "/api/pathways/mirps-toc.ltc-1/upstream", depth=1))
    down = ids(api(base_url, "/api/pathways/mirps-toc.ltc-1/downstream", depth=1))
    drawn = ui.drawn_ids(page)
    assert ui.highlighted(page) == (up | down) & drawn
    # Everything else fades; nothing vanishes.
    assert ui.faded(page) == drawn - (up | down)
    assert len(drawn) == 47
    assert ui.state(page)["focus"] == "mirps-toc.ltc-1"
    assert "focus=mirps-toc.ltc-1" in page.url

    ui.change(page, "#ctl-dir", "upstream")
    assert ui.highlighted(page) == up & drawn
    ui.change(page, "#ctl-dir", "downstream")
    assert ui.highlighted(page) == down & drawn
    ui.change(page, "#ctl-depth", "0")
    assert (
        ui.highlighted(page)
        == ids(api(base_url, "/api/pathways/mirps-toc.ltc-1/downstream")) & drawn
    )


def test_filters_fade_or_hide_what_does_not_match(page: Page, base_url: str) -> None:
    ui.open_view(page, f"{base_url}/toc/mirps-toc")
    long_term = {n for n in ui.drawn_ids(page) if n.startswith("mirps-toc.ltc-")}

    ui.change(page, "#ctl-levels input[value=long_term_change]", check=True)
    assert ui.highlighted(page) == long_term
    assert len(ui.drawn_ids(page)) == 47

    ui.change(page, "#ctl-mode-hide", check=True)
    assert ui.drawn_ids(page) == long_term
    query = parse_qs(urlparse(page.url).query)
    assert query["level"] == ["long_term_change"] and query["mode"] == ["hide"]

    # A theme keeps exactly what the API lists for that theme.
    ui.change(page, "#ctl-levels input[value=long_term_change]", check=False)
    ui.change(page, "#ctl-theme", "theme.skills-recognition")
    tagged = api(
        base_url,
        "/api/nodes",
        label="Result",
        framework="mirps-toc",
        theme="theme.skills-recognition",
        limit=500,
    )
    assert ui.drawn_ids(page) == {n["id"] for n in tagged["items"]}

    # Showing pledges brings them in; the filter still applies to them.
    ui.change(page, "#ctl-theme", "")
    ui.change(page, "#ctl-include input[value=pledges]", check=True)
    labels = page.evaluate("() => window.__toc.nodes.get().map(n => n.toc_label)")
    assert "Pledge" in labels
    assert "include=pledges" in page.url


def test_a_shared_link_reopens_the_same_view(
    page: Page, browser: Browser, guard: PageGuard, base_url: str
) -> None:
    ui.open_view(page, f"{base_url}/toc/mirps-toc")
    ui.change(page, "#ctl-include input[value=pledges]", check=True)
    ui.click_node(page, "mirps-toc.mtc-07")
    ui.change(page, "#ctl-depth", "3")
    ui.change(page, "#ctl-dir", "downstream")
    ui.change(page, "#ctl-levels input[value=medium_term_change]", check=True)
    ui.change(page, "#ctl-levels input[value=long_term_change]", check=True)
    shown = (ui.state(page), ui.drawn_ids(page), ui.highlighted(page), ui.faded(page))
    link = page.url

    other = guarded_page(browser, guard)
    try:
        ui.open_view(other, link)
        reopened = (ui.state(other), ui.drawn_ids(other), ui.highlighted(other), ui.faded(other))
        assert reopened == shown
        assert other.locator("#details").get_attribute("data-node") == "mirps-toc.mtc-07"
        assert other.locator("#ctl-depth").input_value() == "3"
        assert other.locator("#ctl-dir").input_value() == "downstream"
        assert other.locator("#ctl-levels input[value=medium_term_change]").is_checked()
    finally:
        other.context.close()


def test_trace_shows_the_paths_between_two_nodes(page: Page, base_url: str) -> None:
    ui.open_view(page, f"{base_url}/toc/mirps-toc")
    ui.click_node(page, "mirps-toc.mtc-07")
    before = ui.version(page)
    page.click("#trace-from-here")
    ui.click_node(page, "mirps.impact")
    before = ui.version(page)
    page.click("#trace-to-here")
    ui.wait_redrawn(page, before)

    between = api(
        base_url, "/api/pathways/between", source="mirps-toc.mtc-07", target="mirps.impact"
    )
    on_paths = {n for path in between["meta"]["extra"]["paths"] for n in path}
    assert ui.highlighted(page) == on_paths
    assert len(page.locator("#trace-list > li").all()) == len(between["meta"]["extra"]["paths"])
    query = parse_qs(urlparse(page.url).query)
    assert query["from"] == ["mirps-toc.mtc-07"] and query["to"] == ["mirps.impact"]


def test_a_view_too_big_to_draw_is_grouped_until_narrowed(page: Page, base_url: str) -> None:
    ui.open_view(page, f"{base_url}/toc/mirps-toc?max=20")
    notice = page.locator("#notice")
    assert notice.is_visible() and "47 nodes" in str(notice.text_content())
    groups = page.evaluate("() => window.__toc.nodes.get().map(n => [n.id, n.label])")
    assert len(groups) == 4 and all(g[0].startswith("group:") for g in groups)
    assert any("41 nodes" in label for _, label in groups)

    # Opening a group narrows the view to it, which is small enough to draw.
    before = ui.version(page)
    x, y = ui.node_point(page, "group:80")
    page.mouse.click(x, y)
    ui.wait_redrawn(page, before)
    assert ui.drawn_ids(page) == {f"mirps-toc.ltc-{i}" for i in range(1, 5)}
    assert ui.state(page)["mode"] == "hide"

    before = ui.version(page)
    page.click("#ctl-clear-filters")
    ui.wait_redrawn(page, before)
    before = ui.version(page)
    page.click("#show-all")
    ui.wait_redrawn(page, before)
    assert len(ui.drawn_ids(page)) == 47 and "all=1" in page.url


def test_an_actor_filter_keeps_what_the_actor_reaches(page: Page, base_url: str) -> None:
    view = "/toc/mirps-rf?include=pledges,commitments,actors"
    ui.open_view(page, f"{base_url}{view}&actor=actor.costa-rica&mode=hide")
    model = api(
        base_url,
        "/views/data/toc/mirps-rf",
        include=["pledges", "commitments", "actors"],
    )
    detail = api(base_url, "/api/nodes/actor.costa-rica")
    reach = {"actor.costa-rica"}
    owned: set[str] = set()
    for label, nodes in detail["related"].items():
        for node in nodes:
            if label == "Framework":
                owned.add(node["id"])
            elif label != "Actor":
                reach.add(node["id"])
                reach |= ids(api(base_url, f"/api/pathways/{node['id']}/downstream"))
    expected = {n["id"] for n in model["nodes"] if n["id"] in reach or n["toc_framework"] in owned}
    assert ui.drawn_ids(page) == expected
    assert {"actor.costa-rica", "mirps.impact"} <= expected


def test_node_links_open_the_view_that_shows_the_node(page: Page, base_url: str) -> None:
    def where(node_id: str) -> str:
        r = httpx.get(f"{base_url}/node/{node_id}", follow_redirects=False)
        assert r.status_code == 303, r.text
        return r.headers["location"]

    assert where("mirps-toc.mtc-07") == "/toc/mirps-toc?focus=mirps-toc.mtc-07"
    assert where("mirps-toc") == "/toc/mirps-toc"
    assert where("theme.skills-recognition") == "/cross?theme=theme.skills-recognition"
    pledge = urlparse(where("pledge.grf-08068"))
    assert parse_qs(pledge.query) == {"include": ["pledges"], "focus": ["pledge.grf-08068"]}

    missing = httpx.get(f"{base_url}/node/no-such-node")
    assert missing.status_code == 404 and "no-such-node" in missing.text
    assert "script-src 'self'" in missing.headers["content-security-policy"]

    page.goto(f"{base_url}/node/mirps-rf.outcome-3")
    ui.wait_redrawn(page, 0)
    assert urlparse(page.url).path == "/toc/mirps-rf"
    assert page.locator("#details").get_attribute("data-node") == "mirps-rf.outcome-3"
    assert ui.highlighted(page) > {"mirps-rf.outcome-3"}


def test_export_downloads_what_is_shown(page: Page, base_url: str) -> None:
    ui.open_view(page, f"{base_url}/toc/mirps-toc?level=long_term_change&mode=hide")
    page.select_option("#export-format", "mermaid")
    with page.expect_download() as download:
        page.click("#export-download")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.lstrip().startswith(("---", "%%", "flowchart"))
    for i in range(1, 5):
        assert f"n_mirps_toc_ltc_{i}" in text
    assert "n_mirps_toc_mtc_" not in text and "n_mirps_impact" not in text


def test_export_panel_saves_rfc_6266_names_and_shows_warnings(page: Page, base_url: str) -> None:
    ui.open_view(page, f"{base_url}/cross?include=pledges,commitments,indicators,actors,themes")
    names = page.evaluate(
        """async () => {
          const { filenameFrom } = await import("/static/js/exports.js");
          return [
            filenameFrom(
              "attachment; filename=\\"Lodz.svg\\"; filename*=UTF-8''%C5%81%C3%B3d%C5%BA.svg", "x"
            ),
            filenameFrom('attachment; filename="plain.svg"', "x"),
            filenameFrom("attachment; filename*=UTF-8''%E0%A4%A", "broken.svg"),
            filenameFrom(null, "fallback.svg"),
          ];
        }"""
    )
    assert names == ["Łódź.svg", "plain.svg", "broken.svg", "fallback.svg"]
    # The whole cross view is past Mermaid's limits: the file is saved, and the panel says why
    # Mermaid would refuse it.
    page.select_option("#export-format", "mermaid")
    with page.expect_download() as download:
        page.click("#export-download")
    assert download.value.suggested_filename.endswith(".mmd")
    page.wait_for_function("document.getElementById('status').textContent.includes('Warning')")
    assert "Mermaid draws at most" in (page.text_content("#status") or "")


def test_the_export_panel_says_when_drawings_cannot_be_made(
    page: Page, base_url: str, guard: PageGuard, no_graphviz: None
) -> None:
    # Loaded without Graphviz: the drawings are offered as unavailable, with what to install.
    ui.open_view(page, f"{base_url}/toc/mirps-toc")
    note = page.locator("#export-note")
    assert "apt-get install graphviz" in str(note.text_content())
    for fmt in ("svg", "png", "pdf"):
        assert page.locator(f'#export-format option[value="{fmt}"]').is_disabled()
    assert page.locator('#export-format option[value="mermaid"]').is_enabled()


def test_an_export_that_fails_shows_the_apis_detail_in_the_panel(
    page: Page, base_url: str, guard: PageGuard, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ui.open_view(page, f"{base_url}/toc/mirps-toc")
    assert page.locator("#export-note").count() == 0  # Graphviz is here: nothing to say
    page.select_option("#export-format", "svg")
    monkeypatch.setenv("PATH", str(tmp_path))  # Graphviz goes away while the page is open
    guard.allowed_errors.append("status of 503")  # Chromium logs the failed request
    page.click("#export-download")
    note = page.locator("#export-note")
    note.wait_for(timeout=10_000)
    assert "apt-get install graphviz" in str(note.text_content())
    assert "apt-get install graphviz" in str(page.locator("#status").text_content())


# -- across frameworks, gaps ---------------------------------------------------------------


def test_cross_view_follows_a_theme_across_frameworks(page: Page, base_url: str) -> None:
    ui.open_view(page, f"{base_url}/cross?theme=theme.skills-recognition")
    drawn = ui.drawn_ids(page)
    frameworks = set(page.evaluate("() => window.__toc.nodes.get().map(n => n.toc_framework)"))
    assert {"mirps-toc", "mirps-rf", "rcm-plan", "jap", "sida-ilo-venezuela"} <= frameworks
    aligns = [e for e in ui.drawn_edges(page) if e["type"] == "ALIGNS_WITH"]
    assert aligns, "no alignment drawn"
    tagged = api(
        base_url, "/api/nodes", label="Result", theme="theme.skills-recognition", limit=500
    )
    chain = {f["id"] for f in api(base_url, "/api/frameworks") if f["kind"] != "peer_exchange"}
    assert {n["id"] for n in tagged["items"] if n["framework"] in chain} <= drawn

    # Following one change: focus on a MIRPS change, its alignments light up other frameworks.
    aligned = next(e for e in aligns if "mirps-toc" in (e["from"] + e["to"]))
    start = aligned["from"] if aligned["from"].startswith("mirps-toc") else aligned["to"]
    ui.click_node(page, start)
    lit = page.evaluate(
        "() => window.__toc.nodes.get({filter: n => n.opacity === 1}).map(n => n.toc_framework)"
    )
    assert len(set(lit)) >= 2


def test_gaps_view_highlights_what_the_api_finds(page: Page, base_url: str) -> None:
    ui.open_view(page, f"{base_url}/gaps?framework=mirps-rf")
    gaps = api(base_url, "/api/gaps", framework="mirps-rf")
    found = {item["node"]["id"] for gap in gaps for item in gap["items"]}
    drawn = ui.drawn_ids(page)
    assert ui.highlighted(page) == found & drawn
    assert found & drawn, "no gap on the diagram"
    listed = page.locator("#gap-list li[data-node]").count()
    assert listed == sum(gap["count"] for gap in gaps)

    ui.change(page, "#ctl-gap-kinds input[value=without_indicator]", check=False)
    rest = {
        item["node"]["id"] for gap in gaps if gap["kind"] != "without_indicator"
        for item in gap["items"]
    }  # fmt: skip
    assert ui.highlighted(page) == rest & drawn


# -- search, console -----------------------------------------------------------------------


def test_start_page_lists_frameworks_and_searches(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    frameworks = api(base_url, "/api/frameworks")
    assert page.locator("#frameworks .card").count() == len(frameworks)
    toc_card = page.locator(".card[data-framework=mirps-toc]")
    assert "Medium-term change" in str(toc_card.text_content())
    assert "41" in str(toc_card.text_content())

    page.fill("#search-q", "skills recognition")
    page.wait_for_selector("#search-results li")
    first = page.locator("#search-results li a").first
    target = str(first.get_attribute("data-node") or first.get_attribute("href"))
    node_id = target.rsplit("/", 1)[-1]
    first.click()
    page.wait_for_function("() => window.__toc && window.__toc.idle && window.__toc.version > 0")
    assert ui.state(page)["focus"] == node_id or node_id in page.url


def test_console_runs_a_saved_query_and_shows_rows_and_a_network(page: Page, base_url: str) -> None:
    page.goto(base_url + "/console")
    page.wait_for_function("() => window.__console && window.__console.ready")
    page.select_option("#saved", "q_pledges_by_outcome")
    before = ui.version(page, "__console")
    page.click("#run")
    ui.wait_redrawn(page, before, "__console")
    run = f"{base_url}/api/queries/q_pledges_by_outcome/run"
    expected = httpx.post(run, json={}, headers=auth()).json()
    rows = page.locator("#results-table tbody tr")
    assert rows.count() == len(expected["rows"]) > 0
    headers = page.locator("#results-table thead th").all_text_contents()
    assert headers == expected["columns"]
    assert "saved=q_pledges_by_outcome" in page.url

    page.fill("#query", "MATCH (r:Result)-[c:CONTRIBUTES_TO]->(t:Result {id: $id}) RETURN r, c, t")
    page.fill("#params", '{"id": "mirps-rf.outcome-3"}')
    before = ui.version(page, "__console")
    page.click("#run")
    ui.wait_redrawn(page, before, "__console")
    result = api_post(
        base_url,
        "/api/console",
        {
            "query": "MATCH (r:Result)-[c:CONTRIBUTES_TO]->(t:Result {id: $id}) RETURN r, c, t",
            "params": {"id": "mirps-rf.outcome-3"},
        },
    )
    assert rows.count() == len(result["rows"])
    page.click("#tab-graph")
    page.wait_for_selector("#network[data-rendered=true]")
    drawn = set(page.evaluate("() => window.__console.view.nodes.getIds()"))
    assert drawn == ids(result["graph"])


def _run_in_console(page: Page) -> None:
    before = ui.version(page, "__console")
    page.click("#run")
    ui.wait_redrawn(page, before, "__console")


def test_console_runs_every_saved_query_with_its_defaults_as_the_api_does(
    page: Page, base_url: str
) -> None:
    """A null default is sent as no value (the page used to send "" and got 0 rows from 8 of
    15 queries); a required parameter is marked, and the page will not run without it."""
    queries = api(base_url, "/api/queries")
    page.goto(base_url + "/console")
    page.wait_for_function("() => window.__console && window.__console.ready")
    checked = 0
    for q in queries:
        page.select_option("#saved", q["name"])
        required = [p["name"] for p in q["params"] if p["required"]]
        marked = page.locator("#saved-params li.required code").all_text_contents()
        assert marked == required, q["name"]
        _run_in_console(page)
        text = str(page.locator("#status").text_content())
        if required:
            assert "needs" in text and all(name in text for name in required), text
            assert page.locator("#results-table").count() == 0
            continue
        expected = api_post(base_url, f"/api/queries/{q['name']}/run", {})
        assert page.evaluate("() => window.__console.rows") == len(expected["rows"]), q["name"]
        assert page.locator("#results-table tbody tr").count() == len(expected["rows"])
        checked += 1
    assert checked == len(queries) - 1  # q_pledge_to_impact needs a pledge

    # Given its parameter, the required one runs like the API.
    page.select_option("#saved", "q_pledge_to_impact")
    page.fill("#params", '{"pledge": "GRF 08068"}')
    _run_in_console(page)
    expected = api_post(
        base_url, "/api/queries/q_pledge_to_impact/run", {"params": {"pledge": "GRF 08068"}}
    )
    assert len(expected["rows"]) > 0
    assert page.locator("#results-table tbody tr").count() == len(expected["rows"])


def test_console_errors_clear_the_last_result_and_say_whose_error_it_is(
    page: Page, base_url: str, guard: PageGuard, role_accounts: RoleAccounts
) -> None:
    guard.allowed_errors.append("status of 400")  # Chromium logs every 4xx answer
    page.goto(base_url + "/console")
    page.wait_for_function("() => window.__console && window.__console.ready")
    page.fill("#query", "MATCH (r:Result)-[c:CONTRIBUTES_TO]->(t:Result) RETURN r, c, t LIMIT 5")
    page.fill("#params", "{}")
    _run_in_console(page)
    page.click("#tab-graph")
    page.wait_for_selector("#network[data-rendered=true]")
    assert page.evaluate("() => window.__console.view.nodes.getIds().length") > 0

    # A syntax error: Neo4j's, shown as Neo4j wrote it, and nothing left of the last result.
    bad = "MATCH (n:Result)\nWHERE n.level = 'outcome' RETRUN n"
    page.fill("#query", bad)
    _run_in_console(page)
    status = str(page.locator("#status").text_content())
    assert status.startswith("Neo4j error (Neo.ClientError.Statement.SyntaxError)"), status
    assert "Refused" not in status
    assert page.locator("#results-table").count() == 0
    assert page.evaluate("() => window.__console.view.nodes.getIds().length") == 0
    assert page.locator("#tab-graph").is_disabled()
    assert page.locator("#table-wrap").is_visible()
    message = page.locator("#neo4j-error")
    style = message.evaluate(
        "e => [getComputedStyle(e).whiteSpace, getComputedStyle(e).fontFamily]"
    )
    assert style[0] == "pre" and "mono" in style[1].lower(), style
    researcher = role_accounts.bearer("researcher")
    expected = httpx.post(
        f"{base_url}/api/console", json={"query": bad}, timeout=30, headers=researcher
    ).json()
    assert message.text_content() == expected["detail"]  # line breaks kept, nothing squeezed
    lines = str(message.text_content()).splitlines()
    caret = next(line for line in lines if line.strip() == "^")
    quoted = lines[lines.index(caret) - 1]
    assert quoted[caret.index("^") :].startswith("RETRUN"), (quoted, caret)

    # The console's own refusal is labelled as such.
    page.fill("#query", "MATCH (n:Theme) SET n.name = 'x'")
    _run_in_console(page)
    status = str(page.locator("#status").text_content())
    assert status.startswith("Refused by the console's safety check: write clause SET"), status
    assert page.locator("#neo4j-error").count() == 0


# -- hostile text --------------------------------------------------------------------------


@pytest.fixture
def hostile_nodes(seeded_db: Driver) -> Iterator[list[str]]:
    """Two results of mirps-toc whose names are markup, as a careless import could make."""
    mark_dirty()
    seeded_db.execute_query(
        """
        MATCH (f:Framework {id: 'mirps-toc'}), (up:Entity {id: 'mirps-toc.ltc-1'})
        UNWIND $rows AS row
        CREATE (n:Result:Entity {id: row.id, name: row.name, level: 'medium_term_change',
                framework: 'mirps-toc', source: row.name, section: row.name,
                quote: row.name, text: row.name})
        CREATE (n)-[:PART_OF]->(f)
        CREATE (n)-[:CONTRIBUTES_TO {basis: 'inferred', rationale: row.name}]->(up)
        """,
        rows=[
            {"id": "xss.img", "name": HOSTILE_IMG},
            {"id": "xss.script", "name": HOSTILE_SCRIPT},
        ],
    )
    yield ["xss.img", "xss.script"]
    seeded_db.execute_query("MATCH (n:Entity) WHERE n.id STARTS WITH 'xss.' DETACH DELETE n")
    mark_dirty()


def assert_not_run(page: Page) -> None:
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert (
        page.evaluate(
            "() => document.querySelectorAll('img[src=x], body script:not([src])').length"
        )
        == 0
    )


def test_names_made_of_markup_show_as_text_and_run_nothing(
    page: Page, base_url: str, hostile_nodes: list[str]
) -> None:
    ui.open_view(page, f"{base_url}/toc/mirps-toc")
    assert set(hostile_nodes) <= ui.drawn_ids(page)
    labels = page.evaluate(
        "() => ['xss.img', 'xss.script'].map(id => window.__toc.nodes.get(id).label)"
    )
    # Drawn as the very characters of the name (wrapped at spaces, or cut when too long).
    assert labels[0].replace("\n", " ") == HOSTILE_IMG
    assert labels[1].replace("\n", "") == HOSTILE_SCRIPT
    assert_not_run(page)

    tooltip = ui.hover_node(page, "xss.img")
    assert HOSTILE_IMG in tooltip
    # Text only: innerText makes line breaks <br>, and nothing else is an element.
    assert page.locator("div.vis-tooltip :not(br)").count() == 0
    assert_not_run(page)

    ui.click_node(page, "xss.script")
    assert page.locator("#details h2").text_content() == HOSTILE_SCRIPT
    assert HOSTILE_SCRIPT in str(page.locator("#details .quote").text_content())
    assert page.locator("#details script, #details img").count() == 0
    ui.click_node(page, "xss.img")
    assert page.locator("#details h2").text_content() == HOSTILE_IMG
    assert_not_run(page)

    # The same names in the search results and the console's table and network.
    page.goto(base_url + "/?q=onerror")
    page.wait_for_selector("#search-results li")
    assert HOSTILE_IMG in str(page.locator("#search-results").text_content())
    assert_not_run(page)

    page.goto(base_url + "/console")
    page.wait_for_function("() => window.__console && window.__console.ready")
    page.fill(
        "#query",
        "MATCH (n:Entity) WHERE n.id STARTS WITH 'xss.' RETURN n.name AS name, n ORDER BY n.id",
    )
    page.fill("#params", "{}")
    before = ui.version(page, "__console")
    page.click("#run")
    ui.wait_redrawn(page, before, "__console")
    cells = page.locator("#results-table tbody tr td:first-child").all_text_contents()
    assert cells == [HOSTILE_IMG, HOSTILE_SCRIPT]
    assert page.locator("#results-table img, #results-table script").count() == 0
    page.click("#tab-graph")
    page.wait_for_selector("#network[data-rendered=true]")
    tooltip = ui.hover_node(page, "xss.script", "__console")
    assert HOSTILE_SCRIPT in tooltip
    assert_not_run(page)


# -- screenshots ---------------------------------------------------------------------------


VIEWS = [
    ("start", "/?q=work%20permits", None),
    ("toc", "/toc/mirps-toc", None),
    ("focus", "/toc/mirps-toc?include=pledges,indicators&focus=mirps-toc.mtc-07&depth=2", None),
    ("cross", "/cross?theme=theme.skills-recognition", "mirps-toc.ltc-4"),
    ("gaps", "/gaps?framework=mirps-rf", None),
    ("console", "/console?saved=q_theme_pathway_to_impact", None),
]


def test_screenshots_of_the_main_views(page: Page, base_url: str, tmp_path: Path) -> None:
    """Every main view renders; with TOC_SCREENSHOTS=1 the pictures go to docs/screenshots."""
    folder = SCREENSHOTS if os.environ.get("TOC_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1920, "height": 1080})
    for name, path, focus in VIEWS:
        if name == "start":
            page.goto(base_url + path)
            page.wait_for_selector("#search-results li")
        elif name == "console":
            page.goto(base_url + path)
            page.wait_for_function("() => window.__console && window.__console.version > 0")
            page.wait_for_selector("#tab-graph:not([disabled])")
            page.click("#tab-graph")
            page.wait_for_selector("#network[data-rendered=true]")
            page.wait_for_timeout(300)
        else:
            ui.open_view(page, base_url + path)
            if focus:
                ui.click_node(page, focus)
                page.click("#ctl-fit")  # the whole picture, the focus lit up in it
                page.evaluate("() => { document.querySelector('.controls').scrollTop = 0; }")
            page.wait_for_timeout(300)
        box = page.locator("#network").bounding_box() if name != "start" else None
        if box:  # rest the mouse on an empty corner of the canvas: no tooltip left open
            page.mouse.move(box["x"] + 8, box["y"] + box["height"] - 8, steps=3)
            page.wait_for_timeout(300)
        shot = folder / f"{name}.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000, f"{name}: suspiciously small screenshot"
