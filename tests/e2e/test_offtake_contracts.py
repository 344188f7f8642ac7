"""Offtake contracts in a real browser: the Palu admin proposes a weekly contract to a new
buyer account, the offtaker accepts it on a 360 px phone, run-due orders the first call-off,
and the order is on both sides' pages; the performance page and its chart fit the phone."""

import pytest
from playwright.sync_api import Page, expect

from marketplace.extensions import db
from marketplace.offtake.models import Contract
from marketplace.offtake.services import run_due
from tests.e2e.support import fresh_email, log_in, log_out, sign_up, use_english

pytestmark = pytest.mark.e2e

PALU = "ksu-palu"
PALU_ADMIN = "pengurus.palu@demo.pasarkoperasi.id"
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
SHOTS = "tests/e2e/artifacts"


# Province, regency, district and village of the hotel's kitchen in Palu (official codes).
PALU_REGIONS = (
    ("province_code", "72"),
    ("regency_code", "72.71"),
    ("district_code", "72.71.02"),
    ("village_code", "72.71.02.1009"),
)


def fits(page: Page, width: int = 360) -> None:
    page.wait_for_load_state()
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll}px wide on a {width}px screen"


def _propose(page: Page, offtaker_email: str) -> str:
    log_in(page, PALU_ADMIN)
    use_english(page)
    page.goto(f"/kelola/{PALU}/kontrak")
    page.locator("#new-contract").click()
    form = page.locator("form.contract-form")
    form.locator("select[name=product_id]").select_option(label="Kelapa Butir")
    start = page.evaluate("new Date(Date.now() + 8 * 86400000).toISOString().slice(0, 10)")
    values = {
        "offtaker_email": offtaker_email,
        "grade": "Kelapa tua, 1,2 kg ke atas",
        "unit_price": "5.500",
        "total_volume": "2000",
        "call_off_quantity": "200",
        "tolerance_pct": "10",
        "cutoff_days": "10",
        "start_date": start,
        "recipient_name": "Dapur Hotel E2E",
        "recipient_phone": "0812-3456-7890",
        "delivery_address": "Jl. Raja Moili No. 9",
        "postal_code": "94221",
    }
    for name, value in values.items():
        form.locator(f"[name={name}]").fill(value)
    end = page.evaluate(
        f"new Date(Date.parse('{start}') + 9 * 7 * 86400000).toISOString().slice(0, 10)"
    )
    form.locator("[name=end_date]").fill(end)
    for name, code in PALU_REGIONS:
        form.locator(f"select[name={name}]").select_option(code)  # the list fills by script
    form.locator("select[name=frequency]").select_option("weekly")
    with page.expect_navigation():
        page.locator("#submit-terms").click()
    expect(page.locator(".alert-success").first).to_contain_text("Contract proposed")
    expect(page.locator("#coverage")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/contract-admin-desktop.png", full_page=True)
    fits(page, 1280)
    return page.url.rstrip("/").split("/")[-1]


def test_propose_accept_run_due_and_the_call_off_order_is_visible(new_page, live_server):
    offtaker = fresh_email("offtaker")
    buyer = new_page(**PHONE)
    sign_up(buyer, "Hotel Teluk E2E", offtaker)
    admin = new_page(viewport={"width": 1280, "height": 900})
    contract_id = _propose(admin, offtaker)

    buyer.goto("/kontrak")
    fits(buyer)
    buyer.locator(f"a[href='/kontrak/{contract_id}']").click()
    expect(buyer.locator("#proposal")).to_contain_text("Version 1 awaits your answer")
    fits(buyer)
    with buyer.expect_navigation():
        buyer.locator("#accept-contract").click()
    expect(buyer.locator(".alert-success")).to_contain_text("it is in force")
    expect(buyer.locator("#call-offs tbody tr")).to_have_count(10)

    with live_server.app.app_context():
        report = run_due([int(contract_id)])
        assert len(report.ordered) == 1
        number = report.ordered[0]
    buyer.reload()
    expect(buyer.locator("#call-offs")).to_contain_text(number)
    fits(buyer)
    buyer.screenshot(path=f"{SHOTS}/contract-offtaker-phone.png", full_page=True)
    buyer.locator(f"#call-offs a:has-text('{number}')").click()
    expect(buyer.locator("main")).to_contain_text(number)
    fits(buyer)

    buyer.goto(f"/kontrak/{contract_id}/kinerja")
    expect(buyer.locator("svg.chart")).to_be_visible()
    expect(buyer.locator("table.performance-table")).to_contain_text("Total")
    fits(buyer)
    buyer.screenshot(path=f"{SHOTS}/contract-performance-phone.png", full_page=True)

    admin.goto(f"/kelola/{PALU}/kontrak/{contract_id}")
    expect(admin.locator("#call-offs")).to_contain_text(number)
    admin.goto(f"/kelola/{PALU}/kontrak/{contract_id}/kinerja")
    admin.screenshot(path=f"{SHOTS}/contract-performance-desktop.png", full_page=True)
    log_out(admin)
    with live_server.app.app_context():
        assert db.session.get(Contract, int(contract_id)).status == "active"


def test_a_change_outside_the_tolerance_is_refused_on_a_phone(new_page):
    page = new_page(**PHONE)
    log_in(page, "hotel@demo.pasarkoperasi.id")
    use_english(page)
    page.goto("/kontrak")
    page.locator("a[href^='/kontrak/']").first.click()
    form = page.locator("form.call-off-form").first
    form.locator("input[name=quantity]").fill("90")
    with page.expect_navigation():
        form.locator("button[value=change]").click()
    expect(page.locator(".alert-danger")).to_contain_text("Outside the contract's tolerance")
    fits(page)


def test_the_admin_contract_pages_fit_a_phone(new_page):
    page = new_page(**PHONE)
    log_in(page, "pengurus@demo.pasarkoperasi.id")
    use_english(page)
    page.goto("/kelola/kopbon-bekasi/kontrak")
    fits(page)
    page.locator("main a[href*='/kontrak/']:not([href$='/baru'])").first.click()
    expect(page.locator("#coverage")).to_be_visible()
    expect(page.locator("#versions")).to_contain_text("Version 2")
    fits(page)
    page.screenshot(path=f"{SHOTS}/contract-admin-phone.png", full_page=True)
    page.goto("/kelola/kopbon-bekasi/kontrak/baru")
    fits(page)
    page.screenshot(path=f"{SHOTS}/contract-form-phone.png", full_page=True)
