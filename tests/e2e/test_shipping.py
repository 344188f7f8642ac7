"""On a 360 px phone, the Bekasi admin ships the demo order that is ready (courier, resi,
packages) and the buyer follows the tracking link's number and confirms receipt."""

import pytest
from playwright.sync_api import expect

from tests.e2e.support import BEKASI, BEKASI_ADMIN, BUYER, log_in, submit_form
from tests.e2e.test_admin_on_a_phone import PHONE, first_order_number

pytestmark = pytest.mark.e2e


def test_admin_ships_on_a_phone_and_the_buyer_confirms_receipt(new_page):
    admin = new_page(**PHONE)
    log_in(admin, BEKASI_ADMIN)
    number = first_order_number(admin, "ready")
    admin.goto(f"/kelola/{BEKASI}/pesanan/{number}")
    admin.locator("#ship-order").click()
    admin.wait_for_load_state()
    assert admin.evaluate("document.documentElement.scrollWidth") <= 360
    admin.select_option("select[name=courier]", "jnt")
    admin.fill("input[name=tracking_number]", "JP1234567890")
    admin.fill("input[name=packages]", "3")
    submit_form(admin, "#ship-form", "The shipment form")
    expect(admin.locator("main")).to_contain_text("is recorded")
    expect(admin.locator("#shipments")).to_contain_text("JP1234567890")
    assert admin.evaluate("document.documentElement.scrollWidth") <= 360

    buyer = new_page(**PHONE)
    log_in(buyer, BUYER)
    buyer.goto(f"/pesanan/{number}")
    link = buyer.locator("#shipments a.tracking-link")
    expect(link).to_have_attribute("href", "https://jet.co.id/track?awb=JP1234567890")
    buyer.on("dialog", lambda dialog: dialog.accept())
    with buyer.expect_navigation():
        buyer.locator("button.confirm-receipt").click()
    expect(buyer.locator("main")).to_contain_text("is received")
    expect(buyer.locator("#shipments .shipment-state")).to_have_text("received")
    expect(buyer.locator("a", has_text="Report a problem")).to_be_visible()
    assert buyer.evaluate("document.documentElement.scrollWidth") <= 360
