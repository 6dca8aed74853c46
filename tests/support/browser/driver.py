"""Driving the explorer's pages: waiting for a redraw, clicking and hovering nodes on the
vis-network canvas at their drawn positions, reading what the test hooks expose."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

TIMEOUT_MS = 20_000


def version(page: Page, hook: str = "__toc") -> int:
    return int(page.evaluate(f"() => window.{hook} ? window.{hook}.version : 0"))


def wait_redrawn(page: Page, after: int, hook: str = "__toc") -> None:
    """Wait until the page finished a refresh cycle begun after version `after`."""
    page.wait_for_function(
        f"v => window.{hook} && window.{hook}.idle && window.{hook}.version > v",
        arg=after,
        timeout=TIMEOUT_MS,
    )


def open_view(page: Page, url: str) -> None:
    page.goto(url)
    wait_redrawn(page, 0)
    # Positions exist once vis has drawn the new layout.
    page.wait_for_selector("#network[data-rendered=true]", timeout=TIMEOUT_MS)


def drawn_ids(page: Page) -> set[str]:
    return set(page.evaluate("() => window.__toc.nodes.getIds()"))


def drawn_edges(page: Page) -> list[dict[str, Any]]:
    return list(
        page.evaluate(
            "() => window.__toc.edges.get().map(e => ({id: e.id, from: e.from, to: e.to, "
            "type: e.toc_type}))"
        )
    )


def highlighted(page: Page) -> set[str]:
    return set(page.evaluate("() => window.__toc.highlighted()"))


def faded(page: Page) -> set[str]:
    return set(page.evaluate("() => window.__toc.faded()"))


def state(page: Page) -> dict[str, Any]:
    return dict(page.evaluate("() => window.__toc.state()"))


def node_point(page: Page, node_id: str, hook: str = "__toc") -> tuple[float, float]:
    """Where a node is drawn, in page coordinates (network.getPositions -> canvasToDOM)."""
    point = page.evaluate(
        """([id, hook]) => {
            const net = window[hook].network;
            const p = net.getPositions([id])[id];
            const d = net.canvasToDOM(p);
            const r = net.body.container.getBoundingClientRect();
            return [r.left + d.x, r.top + d.y];
        }""",
        [node_id, hook],
    )
    return float(point[0]), float(point[1])


def click_node(page: Page, node_id: str) -> None:
    before = version(page)
    x, y = node_point(page, node_id)
    page.mouse.click(x, y)
    wait_redrawn(page, before)


def hover_node(page: Page, node_id: str, hook: str = "__toc") -> str:
    """Hover a node until vis-network shows its tooltip; returns the tooltip's text."""
    x, y = node_point(page, node_id, hook)
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=5)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=TIMEOUT_MS)
    return str(tooltip.text_content())


def change(page: Page, selector: str, value: str | None = None, check: bool | None = None) -> None:
    """Change a control the way a user does and wait for the redraw it causes."""
    before = version(page)
    if check is not None:
        page.set_checked(selector, check)
    else:
        assert value is not None
        page.select_option(selector, value)
    wait_redrawn(page, before)
