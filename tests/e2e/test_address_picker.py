"""The address picker in Chromium: with JavaScript the lists fill from /wilayah/ and filter as
you type; without it the "show the list" buttons bring the next list; both at 1280 and 360 px.
With SAVE_SCREENSHOTS=1 the screenshots go to docs/screenshots/ (committed)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import BEKASI, BUYER, fresh_email, log_in, sign_up, submit_form

pytestmark = pytest.mark.e2e

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ADDRESS_FORM = "main form.address-form"


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    if os.environ.get("SAVE_SCREENSHOTS"):
        DOCS.mkdir(parents=True, exist_ok=True)
        return DOCS
    return tmp_path_factory.mktemp("screenshots")


def fits(page: Page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll}px wide on a {width}px screen"


def options(page: Page, name: str) -> list[str]:
    return page.locator(f"main select[name={name}] option").all_inner_texts()


def fill_the_rest(page: Page) -> None:
    page.fill("main input[name=label]", "Gudang Palu")
    page.fill("main input[name=recipient_phone]", "0812 3456 7890")
    page.fill("main textarea[name=street_address]", "Jl. Hasanuddin No. 5")
    page.fill("main input[name=postal_code]", "94111")


@pytest.mark.parametrize(
    ("size", "width"), [(DESKTOP, 1280), (PHONE, 360)], ids=["desktop", "phone"]
)
def test_with_javascript_the_lists_fill_and_filter_as_you_type(new_page, shots, size, width):
    page = new_page(**size)
    sign_up(page, "Picker Buyer", fresh_email("picker"))
    page.goto("/akun/alamat/baru")
    expect(page.locator("main [data-region-refine]")).to_have_count(0)  # the script took over
    regency = page.locator("main select[name=regency_code]")
    expect(regency).to_be_disabled()

    province_filter = page.locator("main .region-filter").first
    province_filter.fill("sulawesi tengah")
    assert options(page, "province_code")[1:] == ["Sulawesi Tengah"]
    page.select_option("main select[name=province_code]", "72")
    expect(regency).to_be_enabled()
    expect(regency.locator("option[value='72.71']")).to_have_text("Kota Palu")

    page.locator("main .region-filter").nth(1).fill("palu")
    assert options(page, "regency_code")[1:] == ["Kota Palu"]
    page.select_option("main select[name=regency_code]", "72.71")
    page.select_option("main select[name=district_code]", "72.71.01")
    page.locator("main .region-filter").nth(3).fill("besusu bar")
    assert options(page, "village_code")[1:] == ["Besusu Barat"]
    page.select_option("main select[name=village_code]", "72.71.01.1004")
    fill_the_rest(page)
    fits(page, width)
    page.screenshot(path=str(shots / f"address-picker-{width}.png"), full_page=True)

    # Choosing another province empties the levels below it.
    province_filter.fill("")
    page.select_option("main select[name=province_code]", "31")
    expect(page.locator("main select[name=district_code]")).to_be_disabled()
    expect(regency.locator("option[value='31.71']")).to_have_count(1)
    page.select_option("main select[name=regency_code]", "31.71")
    page.select_option("main select[name=district_code]", "31.71.06")
    page.select_option("main select[name=village_code]", "31.71.06.1004")
    submit_form(page, ADDRESS_FORM, "The address form")
    saved = page.locator("#saved-addresses")
    expect(saved).to_contain_text("Gondangdia, Menteng")
    expect(saved).to_contain_text("0812-3456-7890")
    fits(page, width)


@pytest.mark.parametrize(
    ("size", "width"), [(DESKTOP, 1280), (PHONE, 360)], ids=["desktop", "phone"]
)
def test_without_javascript_the_picker_works_step_by_step(new_page, shots, size, width):
    signed_up = new_page(**size)  # signing up switches to English through the (scripted) menu
    sign_up(signed_up, "No Script Buyer", fresh_email("noscript"))
    state = signed_up.context.storage_state()
    page = new_page(java_script_enabled=False, storage_state=state, **size)
    page.goto("/akun/alamat/baru")
    fill_the_rest(page)
    for name, code, label in (
        ("province_code", "72", "Sulawesi Tengah"),
        ("regency_code", "72.71", "Kota Palu"),
        ("district_code", "72.71.01", "Palu Timur"),
    ):
        page.select_option(f"main select[name={name}]", code)
        with page.expect_navigation():
            page.locator(f"main button[name=refine][value={name}]").click()
        expect(page.locator(f"main select[name={name}] option[selected]")).to_have_text(label)
    fits(page, width)
    page.screenshot(path=str(shots / f"address-picker-nojs-{width}.png"), full_page=True)
    page.select_option("main select[name=village_code]", "72.71.01.1004")
    expect(page.locator("main input[name=postal_code]")).to_have_value("94111")  # kept
    with page.expect_navigation():
        page.locator(f"{ADDRESS_FORM} button.btn-success").click()
    expect(page.locator("#saved-addresses")).to_contain_text("Besusu Barat, Palu Timur")


@pytest.mark.parametrize(
    ("size", "width"), [(DESKTOP, 1280), (PHONE, 360)], ids=["desktop", "phone"]
)
def test_the_demo_buyer_orders_to_the_default_address(new_page, shots, size, width):
    page = new_page(**size)
    log_in(page, BUYER)
    page.goto(f"/pesan/{BEKASI}/boneka-beruang-30-cm")
    expect(page.locator("main select[name=alamat]")).to_be_visible()
    expect(page.locator("main select[name=village_code]")).to_have_value("31.71.06.1001")
    expect(page.locator("main textarea[name=delivery_address]")).to_have_value(
        "Hotel Melati, Jl. Melati No. 12"
    )
    fits(page, width)
    page.screenshot(path=str(shots / f"order-saved-address-{width}.png"), full_page=True)
    cikarang = "Gudang linen Cikarang · Pasirgombong, Kabupaten Bekasi"
    page.select_option("main select[name=alamat]", label=cikarang)
    with page.expect_navigation():
        page.locator("main form.saved-address-choice button").click()
    expect(page.locator("main select[name=village_code]")).to_have_value("32.16.09.2006")
    expect(page.locator("main select[name=regency_code] option[selected]")).to_have_text(
        "Kabupaten Bekasi"
    )


def test_a_province_chosen_before_the_script_ran_still_fills_the_regencies(new_page):
    """A quick hand on a slow phone: the province is chosen while places.js is still loading;
    when it runs it fills the regency list (CI saw the checkout tests choose that fast)."""
    page = new_page(**PHONE)
    sign_up(page, "Quick Buyer", fresh_email("quick"))
    held = []
    page.route("**/static/js/places.js", lambda route: held.append(route))
    page.goto(
        "/akun/alamat/baru", wait_until="commit"
    )  # places.js (deferred) holds DOMContentLoaded
    page.select_option("main select[name=province_code]", "72")  # no script yet: no fetch
    regency = page.locator("main select[name=regency_code]")
    expect(regency).to_be_disabled()
    assert len(held) == 1
    held[0].continue_()
    expect(regency).to_be_enabled()
    page.select_option("main select[name=regency_code]", "72.71")
    assert "Kota Palu" in options(page, "regency_code")
