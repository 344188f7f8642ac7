"""Savings, SHU and the RAT report in a real browser on a 360 px phone and a desktop, on the
demo data (Bekasi's approved SHU of 2025): the treasurer records a deposit and opens the year,
the member sees its savings, its SHU and its turnover."""

import os
import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import BEKASI, BEKASI_ADMIN, BEKASI_MEMBER, log_in, use_english
from tests.e2e.test_finance_pages import PHONE, fits_the_phone

pytestmark = pytest.mark.e2e

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
SHOTS = os.environ.get("SHU_SCREENSHOTS")  # a folder to keep screenshots in, when set


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.mark.parametrize(("size", "options"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_the_treasurer_sees_the_approved_shu_and_downloads_the_rat_report(new_page, size, options):
    page = new_page(**options)
    log_in(page, BEKASI_ADMIN)
    use_english(page)
    page.goto(f"/kelola/{BEKASI}/keuangan")
    page.locator("#shu-link").click()
    expect(page).to_have_url(re.compile(r"/keuangan/shu/\d{4}$"))
    page.goto(f"/kelola/{BEKASI}/keuangan/shu/2025")
    expect(page.locator("#shu-approved")).to_be_visible()
    expect(page.locator("#approve-form")).to_have_count(0)
    expect(page.locator("#shu-members .share-total").first).to_have_text(re.compile(r"^Rp[\d,]+$"))
    if size == "phone":
        fits_the_phone(page)
    _shot(page, f"shu-{size}")
    pdf = page.request.get(f"/kelola/{BEKASI}/keuangan/shu/2025/rat.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    xlsx = page.request.get(f"/kelola/{BEKASI}/keuangan/shu/2025/rat.xlsx")
    assert xlsx.ok and xlsx.body().startswith(b"PK")


def test_the_treasurer_records_a_deposit_on_a_phone(new_page):
    page = new_page(**PHONE)
    log_in(page, BEKASI_ADMIN)
    use_english(page)
    page.goto(f"/kelola/{BEKASI}/keuangan/simpanan")
    expect(page.locator("#savings-table .behind").first).to_be_visible()  # Hendra is behind
    fits_the_phone(page)
    _shot(page, "savings-phone")
    page.locator("#savings-table tbody a").first.click()
    expect(page.locator("#savings-entry")).to_be_visible()
    before = page.locator("#savings-sukarela").inner_text()
    page.locator("select[name=kind]").select_option("sukarela")
    page.locator("input[name=amount]").fill("50.000")
    with page.expect_navigation():
        page.locator(
            "#savings-entry button[type=submit], #savings-entry input[type=submit]"
        ).click()
    expect(page.locator(".alert-success")).to_contain_text("Savings recorded")
    expect(page.locator("#savings-sukarela")).not_to_have_text(before)
    fits_the_phone(page)
    _shot(page, "savings-member-phone")


@pytest.mark.parametrize(("size", "options"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_the_member_sees_its_savings_shu_and_turnover(new_page, size, options):
    page = new_page(**options)
    log_in(page, BEKASI_MEMBER)
    use_english(page)
    page.goto(f"/anggota/{BEKASI}/keuangan")
    page.locator("#savings-link").click()
    expect(page.locator("h1")).to_have_text("My savings and SHU")
    expect(page.locator("#my-shu .shu-share")).to_contain_text("SHU 2025")
    expect(page.locator("#my-turnover")).to_contain_text("2025")
    expect(page.locator("#savings-pokok")).to_have_text("Rp100,000")
    if size == "phone":
        fits_the_phone(page)
    _shot(page, f"my-savings-{size}")
