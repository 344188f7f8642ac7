"""In Chromium, on a desktop and on a 360 px phone: a buyer asks two cooperatives for a quote
from a product page, both admins answer, the buyer compares the quotes side by side and
accepts one, which becomes an order at the quoted price; the other cooperative sees its
request closed."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import (
    fill_address,
    fresh_email,
    log_in,
    open_account_menu,
    sign_up,
    submit_form,
)

pytestmark = pytest.mark.e2e

SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
}
BEKASI, BEAR = "kopbon-bekasi", "boneka-beruang-30-cm"  # MOQ 50, step 10, from Rp45,000
BEKASI_ADMIN = "pengurus@demo.pasarkoperasi.id"
TANGSEL, TANGSEL_NAME = "umkm-tangsel", "Koperasi Pemasaran UMKM Tangerang Selatan"
TANGSEL_ADMIN = "pengurus.tangsel@demo.pasarkoperasi.id"
SHOTS = Path(__file__).resolve().parent / "artifacts" / "rfq"


def fits(page: Page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll}px wide on a {width}px screen"


def shot(page: Page, screen: str, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{screen}-{name}.png"), full_page=True)


def later(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def answer(page: Page, slug: str, title: str, product: str | None, price: str, width: int):
    page.goto(f"/kelola/{slug}/permintaan")
    page.locator("main .rfq-list a", has_text=title).first.click()
    form = "main form#quote-form"
    if product is not None:
        page.select_option(f"{form} select[name=product_id]", label=product)
    page.fill(f"{form} input[name=unit_price]", price)
    page.fill(f"{form} input[name=lead_time_days]", "14")
    page.fill(f"{form} input[name=valid_until]", later(20))
    fits(page, width)
    submit_form(page, form, "The quote form")
    expect(page.locator(".alert-success")).to_contain_text("Your quote is sent")


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_an_rfq_to_two_cooperatives_ends_in_an_order_from_the_accepted_quote(new_page, screen):
    width = SCREENS[screen]["viewport"]["width"]
    title = f"Boneka beruang seragam hotel {screen}"
    buyer = new_page(**SCREENS[screen])
    sign_up(buyer, "Rina Hotel", fresh_email("rfq"))
    buyer.goto(f"/produk/{BEKASI}/{BEAR}")
    with buyer.expect_navigation():
        buyer.locator("main #request-quote").click()
    buyer.fill("main input[name=title]", title)
    buyer.fill("main textarea[name=specification]", "Boneka 30 cm dengan kaus logo hotel")
    buyer.fill("main input[name=quantity]", "50")
    buyer.fill("main input[name=needed_by]", later(60))
    buyer.fill("main input[name=delivery_place]", "Jakarta Pusat")
    buyer.locator("main .rfq-coops .form-check", has_text=TANGSEL_NAME).locator("input").check()
    fits(buyer, width)
    shot(buyer, screen, "new")
    submit_form(buyer, "main form.rfq-form", "The RFQ form")
    expect(buyer.locator(".alert-success")).to_contain_text("request for quotation is sent")
    rfq_url = buyer.url

    bekasi = new_page(**SCREENS[screen])
    log_in(bekasi, BEKASI_ADMIN)
    answer(bekasi, BEKASI, title, None, "47.000", width)  # its own product is preselected
    shot(bekasi, screen, "admin-thread")
    tangsel = new_page(**SCREENS[screen])
    log_in(tangsel, TANGSEL_ADMIN)
    answer(tangsel, TANGSEL, title, "Miniatur Kayu Rumah Adat", "52.000", width)

    buyer.goto(rfq_url)
    cards = buyer.locator("main .quote-card")
    expect(cards).to_have_count(2)
    bekasi_card = cards.filter(has_text="KOPBON")
    expect(bekasi_card).to_contain_text("Lowest price")
    expect(bekasi_card).to_contain_text("Rp47,000")
    expect(cards.filter(has_text=TANGSEL_NAME)).to_contain_text("Rp52,000")
    fits(buyer, width)
    shot(buyer, screen, "compare")
    with buyer.expect_navigation():
        bekasi_card.locator("a.accept-quote").click()
    buyer.fill("main input[name=delivery_date]", later(30))
    fill_address(buyer)
    fits(buyer, width)
    submit_form(buyer, "main form:has(#accept-submit)", "The accept form")
    expect(buyer).to_have_url(re.compile(r"/pesanan/[^/?#]+$"))
    expect(buyer.locator(".alert-success")).to_contain_text("Quote accepted")
    # 50 x Rp47,000: the quoted price, not the tier price of Rp50,000.
    expect(buyer.locator("main")).to_contain_text("Rp2,350,000")
    fits(buyer, width)

    tangsel.reload()
    expect(tangsel.locator("main")).to_contain_text("The buyer chose another quote")
    open_account_menu(buyer)
    link = buyer.locator("nav #nav-rfq")
    expect(link).to_be_visible()  # after the phone menu's collapse animation
    with buyer.expect_navigation():
        link.click()
    expect(buyer.locator("main .rfq-list")).to_contain_text(title)
    expect(buyer.locator("main .rfq-list a", has_text=title)).to_contain_text("Ordered")
