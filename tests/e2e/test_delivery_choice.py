"""On a 360 px phone a buyer chooses cargo for an order from Palu; the cooperative's admin
quotes the fee on the order, and only then does the buyer see how much to transfer."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import fill_address, fresh_email, log_in, sign_up, submit_form

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
PALU, COFFEE = "ksu-palu", "kopi-robusta-grade-1"  # pickup or cargo; 50 kg at Rp72,000
PALU_ADMIN = "pengurus.palu@demo.pasarkoperasi.id"


def fits_the_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} is {width}px wide on a 360px phone"


def test_buyer_chooses_cargo_on_a_phone_and_pays_after_the_quote(new_page):
    buyer = new_page(**PHONE)
    sign_up(buyer, "Yuni Lestari", fresh_email("cargo"))
    buyer.goto(f"/pesan/{PALU}/{COFFEE}")
    choice = buyer.locator("main select[name^=delivery_option_]")
    expect(choice.locator("option")).to_have_text(
        [re.compile("^Pickup at the cooperative's hub"), re.compile("^Courier: Cargo")]
    )
    expect(buyer.locator("main .delivery-terms")).to_contain_text("Gudang KSU Palu")
    fits_the_phone(buyer)
    buyer.fill("input[name=quantity]", "50")
    choice.select_option("courier:cargo")
    fill_address(buyer)
    submit_form(buyer, "main form:has(input[name=quantity])", "The order form")
    expect(buyer).to_have_url(re.compile(r"/pesanan/[^/?#]+$"))
    number = buyer.url.rsplit("/", 1)[-1]
    expect(buyer.locator("main .awaits-quote")).to_contain_text("will quote the courier")
    expect(buyer.locator("main .delivery-line")).to_contain_text("to be quoted")
    expect(buyer.locator("main .pay-instructions")).to_have_count(0)
    fits_the_phone(buyer)

    admin = new_page(**PHONE)
    log_in(admin, PALU_ADMIN)
    admin.goto(f"/kelola/{PALU}/pesanan/{number}")
    fits_the_phone(admin)
    admin.fill("main form.quote-delivery input[name=fee]", "250000")
    submit_form(admin, "main form.quote-delivery", "The delivery fee form")
    expect(admin.locator(".alert-success")).to_contain_text("Delivery fee quoted")
    expect(admin.locator("main .delivery-line")).to_contain_text("Rp250,000")

    buyer.reload()
    # 50 kg x Rp72,000 = Rp3,600,000, plus Rp250,000 cargo (Palu is not a PKP)
    expect(buyer.locator("main .pay-instructions")).to_contain_text("Rp3,850,000")
    expect(buyer.locator("main .awaits-quote")).to_have_count(0)
    fits_the_phone(buyer)
