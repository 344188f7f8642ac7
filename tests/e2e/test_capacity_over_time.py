"""Capacity over time in the browser: the product page shows availability by week on a phone,
a 12-week order beyond today's stock is placed when the members' weekly production covers it,
and one more beyond it is refused with the date and the amount, nothing placed."""

import os
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import (
    fill_address,
    first_number,
    fresh_email,
    product_path,
    sign_up,
    submit_form,
    use_english,
)

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
PALU, COCOA = "ksu-palu", "kakao-fermentasi"  # minimum 100 kg, step 50 kg, lead time 14 days
SHOTS = os.environ.get("CAPACITY_SCREENSHOTS")  # a folder: save the pages for a human look


def availability_by_week(page: Page) -> list[int]:
    cells = page.locator("#availability-by-date tbody td")
    expect(cells).to_have_count(3)
    return [first_number(text) if re.search(r"\d", text) else 0 for text in cells.all_inner_texts()]


def order_now(page: Page, quantity: int, day) -> None:
    page.goto(f"/pesan/{PALU}/{COCOA}")
    page.fill("input[name=quantity]", str(quantity))
    page.fill("input[name=delivery_date]", day.isoformat())
    fill_address(page)
    submit_form(page, "main form:has(input[name=quantity])", "The order form")


def test_a_twelve_week_order_beyond_todays_stock_is_placed_and_one_more_is_refused(new_page):
    page = new_page(**PHONE)
    sign_up(page, "Hotel Santika Palu", fresh_email("capacity"))
    page.goto(product_path(PALU, COCOA))
    use_english(page)
    table = page.locator("#availability-by-date")
    expect(table.locator("caption")).to_contain_text("Available by delivery date")
    expect(table.locator("tbody th")).to_contain_text(["This week", "In 4 weeks", "In 12 weeks"])
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/product-360.png", full_page=True)
    now = first_number(page.locator("main dd.text-success, main dd.text-danger").last.inner_text())
    _this_week, in_4, in_12 = availability_by_week(page)
    assert now < in_4 < in_12, (now, in_4, in_12)

    day = datetime.now(ZoneInfo("Asia/Makassar")).date() + timedelta(weeks=12)
    wanted = (in_12 - 150) // 50 * 50  # leaves at least a minimum order for later
    assert wanted > now  # more than today's stock: only production over time covers it
    order_now(page, wanted, day)
    expect(page).to_have_url(re.compile(r"/pesanan/[^/?#]+$"))
    expect(page.locator("main")).to_contain_text(f"{wanted:,} kg")

    left = in_12 - wanted
    order_now(page, (left // 50 + 1) * 50, day)  # one step more than what is left
    expect(page).to_have_url(re.compile(rf"/pesan/{PALU}/{COCOA}$"))
    refusal = page.locator("main .invalid-feedback, main .alert-danger").first
    expect(refusal).to_contain_text(f"Only {left:,} kg of Kakao Fermentasi can be made ready by")
    expect(refusal).to_contain_text(day.strftime("%B %-d, %Y"))
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/refused-360.png", full_page=True)
    page.goto(product_path(PALU, COCOA))
    assert availability_by_week(page)[2] == left  # the refused order took nothing
