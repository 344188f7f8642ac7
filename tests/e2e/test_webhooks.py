"""Webhooks in Chromium on a phone (360 px): a new user adds an endpoint from the account page,
is told what is wrong first, sees the secret, sends a test event that a real local server
receives signed, and deletes the endpoint after confirming."""

import time

import pytest
from playwright.sync_api import Page, expect

from marketplace.webhooks.signing import HEADER, verify
from tests.e2e.support import fresh_email, sign_up, submit_form

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
FORM = "main form.webhook-form"


def fits(page: Page, width: int = 360) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll}px wide on a {width}px screen"


def test_a_user_adds_an_endpoint_and_sends_a_test_event_on_a_phone(new_page, httpserver):
    httpserver.expect_request("/hook", method="POST").respond_with_data("received")
    page = new_page(**PHONE)
    sign_up(page, "Webhook Integrator", fresh_email("hooks"))
    page.goto("/akun/")
    page.locator("#my-webhooks a", has_text="Add a webhook endpoint").click()
    fits(page)

    page.fill("main input[name=url]", "ftp://example.com/hook")
    submit_form(page, FORM, "The webhook form")
    expect(page.locator("main")).to_contain_text("must start with https:// or http://")
    page.fill("main input[name=url]", httpserver.url_for("/hook"))
    submit_form(page, FORM, "The webhook form")
    expect(page.locator("main")).to_contain_text("Choose at least one event.")
    page.get_by_label("An order is shipped in full").check()
    page.get_by_label("An order is delivered").check()
    submit_form(page, FORM, "The webhook form")

    expect(page.locator("#endpoint-url")).to_have_text(httpserver.url_for("/hook"))
    page.locator("summary", has_text="Show the secret").click()
    secret = page.locator("#endpoint-secret").inner_text().strip()
    assert secret.startswith("whsec_")
    fits(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Send a test event").click()
    expect(page.locator("main")).to_contain_text("Test event sent")
    expect(page.locator(".webhook-deliveries")).to_contain_text("HTTP 200")
    fits(page)
    ((request, _response),) = httpserver.log
    body = request.get_data(as_text=True)
    assert verify(request.headers[HEADER], body, secret, int(time.time()))
    assert '"type":"webhook.test"' in body

    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.get_by_role("button", name="Delete").click()
    expect(page.locator("main")).to_contain_text("Endpoint deleted.")
    expect(page.locator("main")).to_contain_text("You have no webhook endpoints yet.")
