"""What a person sees around the cart: adding to the cart while logged out, a refused quantity
kept as typed, the cart count in the navigation, the grand total and the transfers to make,
with buttons that copy the account number and the reference."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import (
    fill_address,
    fresh_email,
    log_out,
    product_path,
    sign_up,
    submit_form,
    use_english,
)

pytestmark = pytest.mark.e2e

CHIPS = ("umkm-tangsel", "keripik-singkong-balado-250-g")  # 48 pcs minimum, step 12
BATIK = ("batik-probolinggo", "batik-tulis-motif-mangrove")  # 5 pcs minimum
QUANTITY = "main form.add-to-cart input[name=quantity]"


def test_logged_out_add_to_cart_comes_back_to_the_product_with_the_quantity(page: Page):
    email = fresh_email("later")
    sign_up(page, "Sari Lestari", email)
    log_out(page)

    page.goto(product_path(*CHIPS))
    use_english(page)
    page.fill(QUANTITY, "60")
    submit_form(page, "main form.add-to-cart", "The add-to-cart form")
    expect(page).to_have_url(re.compile(r"/akun/masuk\?next="))
    expect(page.locator(".alert-info")).to_contain_text("Please log in to continue.")

    page.fill("input[name=email]", email)
    page.fill("input[name=password]", "demo12345")
    submit_form(page, "main form:has(input[name=password])", "The log-in form")
    # Not a "405 Method Not Allowed": the product page, with what was typed.
    expect(page).to_have_url(re.compile(re.escape(product_path(*CHIPS)) + r"\?jumlah=60$"))
    expect(page.locator("main h1")).to_contain_text("Keripik")
    expect(page.locator(QUANTITY)).to_have_value("60")

    submit_form(page, "main form.add-to-cart", "The add-to-cart form")
    expect(page).to_have_url(re.compile(r"/keranjang/$"))
    expect(page.locator("main .cart-line input[name=quantity]")).to_have_value("60")
    expect(page.locator("nav #nav-cart .badge")).to_have_text("1")


def test_a_refused_quantity_stays_as_typed(page: Page):
    sign_up(page, "Rudi Hartono", fresh_email("typed"))
    page.goto(product_path(*CHIPS))
    expect(page.locator(QUANTITY)).to_have_value("48")  # the minimum, before anything is typed
    page.fill(QUANTITY, "50")
    submit_form(page, "main form.add-to-cart", "The add-to-cart form")
    expect(page.locator(".alert-danger")).to_contain_text("Order in multiples of 12 pcs.")
    expect(page.locator(QUANTITY)).to_have_value("50")
    expect(page.locator("nav #nav-cart .badge")).to_have_count(0)  # nothing in the cart


def test_placed_orders_show_the_grand_total_and_copy_each_transfer(new_page):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    sign_up(page, "Maya Putri", fresh_email("copy"))
    for product, quantity in ((BATIK, "5"), (CHIPS, "48")):
        page.goto(product_path(*product))
        page.fill(QUANTITY, quantity)
        submit_form(page, "main form.add-to-cart", "The add-to-cart form")
    expect(page.locator("nav #nav-cart .badge")).to_have_text("2")
    expect(page.locator("main .grand-total")).to_contain_text("Rp5,437,500")

    page.locator("main a[href='/keranjang/checkout']").click()
    expect(page.locator("main .grand-total")).to_contain_text("Rp5,437,500")
    fill_address(page)
    submit_form(page, "main form:has(select[name=province_code])", "The checkout form")

    expect(page).to_have_url(re.compile(r"/pesanan/baru\?numbers="))
    expect(page.locator("main .grand-total")).to_contain_text("Rp5,437,500")
    transfers = page.locator("main .transfers tr.transfer")
    expect(transfers).to_have_count(2)
    expect(page.locator("main .transfer-total")).to_have_text("Rp5,437,500")
    batik = transfers.filter(has_text="Batik Probolinggo")
    expect(batik).to_contain_text("Rp4,717,500")
    number = batik.locator("td").nth(3).locator(".font-monospace").inner_text().strip()
    account = batik.locator("td").nth(2).locator(".font-monospace").inner_text().strip()
    assert number.startswith("PK-") and account, (number, account)

    reference_button = batik.locator("td").nth(3).locator("button.copy-button")
    reference_button.click()
    expect(reference_button).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == number
    batik.locator("td").nth(2).locator("button.copy-button").click()
    assert page.evaluate("navigator.clipboard.readText()") == account
    expect(page.locator("nav #nav-cart .badge")).to_have_count(0)  # the cart is empty now
