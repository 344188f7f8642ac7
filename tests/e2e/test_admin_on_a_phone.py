"""Every cooperative admin page (and the platform admin's) is usable on a 360 x 740 phone:
nothing wider than the screen, order numbers whole, every tab reachable, the order list's
total and status visible. With SAVE_SCREENSHOTS=1 the screenshots are written to
docs/screenshots/ (committed); otherwise to a temporary folder."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import BEKASI, BEKASI_ADMIN, PLATFORM_ADMIN, log_in

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
BASE = f"/kelola/{BEKASI}"


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    if os.environ.get("SAVE_SCREENSHOTS"):
        DOCS.mkdir(parents=True, exist_ok=True)
        return DOCS
    return tmp_path_factory.mktemp("screenshots")


def fits_the_phone(page: Page, shots: Path, name: str) -> None:
    """No horizontal page overflow at 360 px, and a full-page screenshot for people to look at."""
    page.wait_for_load_state()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} is {width}px wide on a 360px phone"
    page.screenshot(path=str(shots / f"phone-{name}.png"), full_page=True)


def visible_in_viewport(page: Page, selector: str) -> bool:
    """The element's box lies within the screen's width (not scrolled away sideways)."""
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360


def first_order_number(page: Page, status: str) -> str:
    page.goto(f"{BASE}/pesanan?status={status}")
    link = page.locator("main a[href*='/pesanan/']:not([href$='.csv'])").first
    return link.get_attribute("href").rsplit("/", 1)[-1]


def test_the_cooperative_admin_pages_fit_a_phone(new_page, shots):
    page = new_page(**PHONE)
    log_in(page, BEKASI_ADMIN)
    pages = {
        "dashboard": f"{BASE}/",
        "products": f"{BASE}/produk",
        "product-new": f"{BASE}/produk/baru",
        "members": f"{BASE}/anggota",
        "invite": f"{BASE}/anggota/undang",
        "invoices": f"{BASE}/tagihan",
        "trusted-buyers": f"{BASE}/pembeli-terpercaya",
        "settings": f"{BASE}/pengaturan",
    }
    for name, path in pages.items():
        page.goto(path)
        expect(page.locator("main h1")).to_be_visible()
        fits_the_phone(page, shots, name)

    page.goto(f"{BASE}/produk")
    page.locator(f"main a[href^='{BASE}/produk/']:not([href$='/baru'])").first.click()
    expect(page.locator("main form input[name=name]")).to_be_visible()
    fits_the_phone(page, shots, "product-edit")


def test_the_order_list_shows_number_total_and_status_on_a_phone(new_page, shots):
    page = new_page(**PHONE)
    log_in(page, BEKASI_ADMIN)
    page.goto(f"{BASE}/pesanan")
    first = page.locator("main .order-row").first
    expect(first).to_be_visible()
    for part in (".order-number", ".order-total", ".order-status:visible"):
        assert first.locator(part).count() == 1, f"{part} is not visible on a phone"
        box = first.locator(part).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, f"{part} is off the screen"
    number = first.locator(".order-number")
    # The order number is on one line: its height is one line of text.
    line_height = page.evaluate(
        "el => parseFloat(getComputedStyle(el).lineHeight) || el.getBoundingClientRect().height",
        number.element_handle(),
    )
    assert number.bounding_box()["height"] <= line_height * 1.5, "the order number wraps"
    fits_the_phone(page, shots, "orders-list")


def test_every_tab_can_be_reached_on_a_phone(new_page, shots):
    page = new_page(**PHONE)
    log_in(page, BEKASI_ADMIN)
    page.goto(f"{BASE}/")
    tabs = page.locator("main .manage-tabs .nav-link")
    assert tabs.count() >= 6
    for i in range(tabs.count()):
        box = tabs.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (
            f"tab {tabs.nth(i).inner_text()!r} is cut off"
        )
    tabs.last.click()
    expect(page).to_have_url(re.compile(r"/pengaturan$"))


def test_order_pages_in_each_state_fit_a_phone(new_page, shots):
    page = new_page(**PHONE)
    log_in(page, BEKASI_ADMIN)
    for status in ("placed", "confirmed", "allocating", "in_production"):
        page.goto(f"{BASE}/pesanan?status={status}")
        if not page.locator("main .order-row").count():
            continue
        number = first_order_number(page, status)
        page.goto(f"{BASE}/pesanan/{number}")
        expect(page.locator("main h2")).to_contain_text(number)
        fits_the_phone(page, shots, f"order-{status}")
        if status == "confirmed":
            page.goto(f"{BASE}/pesanan/{number}/alokasi")
            fits_the_phone(page, shots, "allocate")
        qc = page.locator("main a[href$='/qc']")
        if qc.count():
            qc.first.click()
            fits_the_phone(page, shots, "quality-control")


def test_the_platform_admin_pages_fit_a_phone(new_page, shots):
    page = new_page(**PHONE)
    log_in(page, PLATFORM_ADMIN)
    page.goto("/admin/koperasi")
    fits_the_phone(page, shots, "platform-cooperatives")
    page.locator("main table a[href^='/admin/koperasi/']").first.click()
    fits_the_phone(page, shots, "platform-cooperative")
