"""A buyer fills a cart from two cooperatives and checks out: two orders, each with its own
payment (bank transfer) and total, the PKP cooperative's with PPN."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import fill_address, fresh_email, product_path, sign_up, submit_form

pytestmark = pytest.mark.e2e

BATIK = ("batik-probolinggo", "batik-tulis-motif-mangrove")  # PKP; 5 pcs minimum, Rp850,000
CHIPS = ("umkm-tangsel", "keripik-singkong-balado-250-g")  # 48 pcs minimum, Rp15,000


def add_to_cart(page: Page, product: tuple[str, str], quantity: int) -> None:
    page.goto(product_path(*product))
    page.fill("main form.add-to-cart input[name=quantity]", str(quantity))
    submit_form(page, "main form.add-to-cart", "The add-to-cart form")
    expect(page).to_have_url(re.compile(r"/keranjang/$"))
    expect(page.locator(".alert-success")).to_contain_text("is in your cart.")


def test_buyer_checks_out_a_cart_of_two_cooperatives_into_two_orders(page: Page):
    sign_up(page, "Rina Wijaya", fresh_email("cart"))
    add_to_cart(page, BATIK, 5)
    add_to_cart(page, CHIPS, 48)
    groups = page.locator("main .cart-group")
    expect(groups).to_have_count(2)
    expect(groups.filter(has_text="Batik Probolinggo")).to_contain_text("Rp4,717,500")

    # An off-step quantity is refused with a message, and the cart keeps both lines.
    chips_line = page.locator("main .cart-line", has_text="Keripik")
    chips_line.locator("input[name=quantity]").fill("50")
    with page.expect_navigation():
        chips_line.locator("button[type=submit]", has_text="Update").click()
    expect(page.locator(".alert-danger")).to_contain_text("Order in multiples of 12 pcs.")
    expect(page.locator("main .cart-line")).to_have_count(2)

    page.locator("main a[href='/keranjang/checkout']").click()
    expect(page.locator("main h1")).to_have_text("Checkout")
    expect(page.locator("main .checkout-order")).to_have_count(2)
    fill_address(page)
    page.fill("main input[name=po_number]", "PO-RW-0042")
    submit_form(page, "main form:has(select[name=province_code])", "The checkout form")

    expect(page).to_have_url(re.compile(r"/pesanan/baru\?numbers="))
    expect(page.locator("main h1")).to_have_text("Your orders are placed")
    orders = page.locator("main .placed-order")
    expect(orders).to_have_count(2)
    batik = orders.filter(has_text="Batik Probolinggo")
    expect(batik).to_contain_text("Rp4,717,500")
    expect(batik.locator(".pay-instructions")).to_contain_text("Pay by bank transfer")
    chips = orders.filter(has_text="Tangerang Selatan")
    expect(chips).to_contain_text("Rp720,000")
    expect(chips.locator(".pay-instructions")).to_contain_text("Pay by bank transfer")
    numbers = [n.strip() for n in orders.locator("h2 a").all_inner_texts()]
    assert len(set(numbers)) == 2 and all(n.startswith("PK-") for n in numbers), numbers
    for order in orders.all():
        number = order.locator("h2 a").inner_text().strip()
        expect(order.locator(".pay-instructions")).to_contain_text(number)  # the reference

    # The cart is empty now, and each order has its own page with its history.
    page.locator("nav a[href='/keranjang/']").click()
    expect(page.locator("main")).to_contain_text("Your cart is empty.")
    page.goto(f"/pesanan/{numbers[0]}")
    expect(page.locator("main .order-timeline li")).to_have_count(1)
    expect(page.locator("main")).to_contain_text("PO-RW-0042")
