"""Money to members in a real browser on a 360 px phone: the treasurer pays a member what is
still owed from the demo books and records the transfer; the member sees it."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import BEKASI, BEKASI_ADMIN, BEKASI_MEMBER, log_in, use_english

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def fits_the_phone(page: Page) -> None:
    page.wait_for_load_state()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} is {width}px wide on a 360px phone"


def test_the_treasurer_pays_a_member_and_records_the_transfer(new_page):
    page = new_page(**PHONE)
    log_in(page, BEKASI_ADMIN)
    use_english(page)
    page.goto(f"/kelola/{BEKASI}/keuangan")
    expect(page.locator("#owed")).to_be_visible()
    fits_the_phone(page)
    amount = page.locator("#payout-form input[name^=amount_]").first
    expect(amount).to_be_visible()
    box = amount.bounding_box()
    assert box["height"] >= 44  # a thumb can hit it
    amount.fill("1000")
    with page.expect_navigation():
        page.locator("#payout-form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text("Payout batch made")
    fits_the_phone(page)
    page.locator("input[name=reference]").first.fill("BJB-E2E-0001")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".alert-success")).to_contain_text("the member is notified")
    expect(page.locator("#batch-status")).to_have_text("Paid")
    expect(page.locator("main")).to_contain_text("BJB-E2E-0001")


def test_the_member_sees_its_money_on_a_phone(new_page):
    page = new_page(**PHONE)
    log_in(page, BEKASI_MEMBER)
    use_english(page)
    page.goto(f"/anggota/{BEKASI}/keuangan")
    expect(page.locator("h1")).to_have_text("My money")
    expect(page.locator("#balance")).to_have_text(re.compile(r"^Rp[\d,]+$"))
    fits_the_phone(page)
    link = page.locator("#statement-link")
    assert link.bounding_box()["height"] >= 44
    link.click()
    expect(page.locator("h1")).to_have_text("Earnings statement")
    fits_the_phone(page)
    pdf = page.request.get(f"/anggota/{BEKASI}/keuangan/laporan.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
