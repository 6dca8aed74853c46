"""Signing in, out, and what each role is offered, in headless Chromium against the real app
(strict CSP and the guards of every browser test: nothing leaves 127.0.0.1, no page error)."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Page

from app.accounts.roles import Role
from tests.support.accounts import RoleAccounts
from tests.support.browser.harness import PageGuard

pytestmark = pytest.mark.browser

# A refused request (a wrong password's 401, a page's 403) is logged by Chromium as a failed
# resource: expected in these tests, still an error anywhere else.
REFUSED = "the server responded with a status of 40"


def sign_in(page: Page, accounts: RoleAccounts, role: Role, password: str | None = None) -> None:
    page.fill("#login-name", accounts.names[role])
    page.fill("#login-password", password or accounts.passwords[role])
    page.click("#login-submit")


def test_a_visitor_is_sent_to_sign_in_and_back_then_signs_out(
    anon_page: Page, base_url: str, role_accounts: RoleAccounts
) -> None:
    page = anon_page
    page.goto(base_url + "/console?saved=q_theme_coverage")
    assert page.url == base_url + "/login?next=%2Fconsole%3Fsaved%3Dq_theme_coverage"
    assert page.locator("#sign-in").is_visible()
    sign_in(page, role_accounts, Role.RESEARCHER)
    page.wait_for_url(base_url + "/console?saved=q_theme_coverage")
    page.wait_for_function("() => window.__console && window.__console.ready")
    who = page.locator("#who").inner_text()
    assert "test-researcher" in who and "researcher" in who
    assert page.locator("body").get_attribute("data-role") == "researcher"
    assert page.locator("nav a[href='/console']").count() == 1
    page.click("#sign-out")
    page.wait_for_url(base_url + "/")
    assert page.locator("#sign-in").is_visible()
    assert page.locator("nav a[href='/console']").count() == 0
    page.goto(base_url + "/console")
    assert "/login?next=" in page.url


def test_a_wrong_password_says_so_and_signs_nobody_in(
    anon_page: Page, guard: PageGuard, base_url: str, role_accounts: RoleAccounts
) -> None:
    guard.allowed_errors.append(REFUSED)
    page = anon_page
    page.goto(base_url + "/login")
    sign_in(page, role_accounts, Role.VIEWER, password="not the password")
    status = page.locator("#login-status")
    status.filter(has_text="wrong account name or password").wait_for()
    assert page.input_value("#login-password") == ""
    assert page.url == base_url + "/login"


def test_a_viewer_is_offered_no_console_and_told_whom_to_ask(
    anon_page: Page, guard: PageGuard, base_url: str, role_accounts: RoleAccounts
) -> None:
    guard.allowed_errors.append(REFUSED)
    page = anon_page
    page.goto(base_url + "/login?next=/cross")
    sign_in(page, role_accounts, Role.VIEWER)
    page.wait_for_url(base_url + "/cross")
    assert page.locator("body").get_attribute("data-role") == "viewer"
    assert page.locator("nav a[href='/console']").count() == 0
    response = page.goto(base_url + "/console")
    assert response is not None and response.status == 403
    text = page.locator("#not-allowed-detail").inner_text()
    assert "researcher" in text and "Ask an admin" in text


def test_a_person_makes_a_token_uses_it_and_revokes_it(page: Page, base_url: str) -> None:
    page.goto(base_url + "/account")
    page.fill("#token-name", "browser test")
    page.select_option("#token-role", "viewer")
    page.click("#token-create")
    page.locator("#token-new").wait_for()
    token = page.locator("#token-value").inner_text()
    assert token.startswith("toc_")
    bearer = {"Authorization": f"Bearer {token}"}
    assert httpx.get(base_url + "/api/frameworks", headers=bearer).status_code == 200
    row = page.locator("#tokens tbody tr", has_text="browser test")
    row.locator("button.revoke").click()
    page.locator("#token-status", has_text="Revoked").wait_for()
    assert httpx.get(base_url + "/api/frameworks", headers=bearer).status_code == 401


def test_an_admin_sees_the_accounts_and_the_audit(
    anon_page: Page, base_url: str, role_accounts: RoleAccounts
) -> None:
    page = anon_page
    page.goto(base_url + "/login?next=/admin")
    sign_in(page, role_accounts, Role.ADMIN)
    page.wait_for_url(base_url + "/admin")
    assert page.locator("#accounts tbody tr", has_text="test-viewer").count() == 1
    assert page.locator("#audit tbody tr", has_text="sign_in").count() >= 1
