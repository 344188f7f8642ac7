"""API tokens and the API documentation page in a real browser: a buyer makes a token on a
phone, sees it once, uses it, revokes it; Swagger UI (from an installed package) renders the
OpenAPI document under the Content-Security-Policy."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import BUYER, log_in, submit_form, unique

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _violations(page: Page) -> list[str]:
    found: list[str] = []

    def listen(message) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            found.append(message.text)

    page.on("console", listen)
    return found


def test_a_buyer_makes_uses_and_revokes_a_token_on_a_phone(new_page):
    page = new_page(**PHONE)
    violations = _violations(page)
    log_in(page, BUYER)
    page.goto("/akun/")
    page.locator("#my-api-tokens a", has_text="Manage API tokens").click()
    expect(page).to_have_url(re.compile(r"/akun/token-api$"))
    name = unique("erp")
    page.fill("#token-form input[name=name]", name)
    page.check("#token-form input[name=scope_write]")
    submit_form(page, "#token-form", "The new token form")
    secret = page.locator("#new-token-secret").inner_text().strip()
    assert secret.startswith("pk_live_")
    row = page.locator("#token-list tr", has_text=name)
    expect(row).to_contain_text("Never")

    api = page.context.request
    listed = api.get("/api/v1/orders", headers={"Authorization": f"Bearer {secret}"})
    assert listed.status == 200 and "items" in listed.json()

    page.goto("/akun/token-api")
    expect(page.locator("#new-token-secret")).to_have_count(0)  # shown once
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.locator("#token-list tr", has_text=name).locator("button", has_text="Revoke").click()
    expect(page.locator("#token-list tr", has_text=name)).to_contain_text("Revoked")
    refused = api.get("/api/v1/orders", headers={"Authorization": f"Bearer {secret}"})
    assert refused.status == 401
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert violations == []


def test_the_documentation_page_renders_the_description(new_page):
    page = new_page()
    violations = _violations(page)
    response = page.goto("/dokumentasi-api")
    assert response is not None and response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Pasar Koperasi API")
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/orders").first).to_be_visible()
    page.locator(".opblock-summary", has_text="/api/v1/orders").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    assert violations == []
