"""What a user does again and again in the browser: switch to English, sign up, log in,
submit a form. Selectors rely on field names, hrefs and (after switching to English) text."""

import re
import uuid

from playwright.sync_api import Page, expect

DEMO_DOMAIN = "demo.pasarkoperasi.id"
DEMO_PASSWORD = "demo12345"
PLATFORM_ADMIN = f"admin@{DEMO_DOMAIN}"
BUYER = f"pembeli@{DEMO_DOMAIN}"
BEKASI_ADMIN = f"pengurus@{DEMO_DOMAIN}"
BEKASI_MEMBER = f"anggota@{DEMO_DOMAIN}"
BEKASI_MEMBER_NAME = "Siti Rahmawati"
BEKASI_MEMBER_BUSINESS = "Bengkel Boneka Siti"
BEKASI = "kopbon-bekasi"
BEKASI_NAME = "Koperasi Produsen Boneka Bekasi (KOPBON)"

SUBMIT = "button[type=submit], input[type=submit]"


def unique(prefix: str = "e2e") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def fresh_email(prefix: str = "e2e") -> str:
    return f"{unique(prefix)}@example.com"


def first_number(text: str) -> int:
    """The first whole number in a displayed text: "1,234 kodi (20 pcs)" -> 1234."""
    found = re.search(r"\d[\d.,]*", text)
    assert found, f"no number in {text!r}"
    return int(re.sub(r"\D", "", found.group()))


def use_english(page: Page) -> None:
    """Click EN in the navbar (a logged-in user's choice is saved to their account)."""
    en = page.locator("nav button[name=lang][value=en]")
    toggler = page.locator("nav .navbar-toggler")
    if not en.is_visible() and toggler.is_visible():
        toggler.click()  # a phone: the language buttons are in the collapsed menu
        expect(en).to_be_visible()
    if en.get_attribute("aria-current") != "true":
        en.click()
        page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def submit_form(page: Page, form_selector: str, what: str) -> None:
    """Click the form's submit button, as a user would; fail clearly when there is none."""
    form = page.locator(form_selector)
    buttons = form.locator(SUBMIT)
    assert buttons.count() > 0, (
        f"APP BUG: {what} at {page.url} has no submit button; a user cannot send the form "
        "(with two or more text fields, pressing Enter does not submit a form without one)."
    )
    with page.expect_navigation():
        buttons.first.click()


def log_in(page: Page, email: str, password: str = DEMO_PASSWORD, next_path: str = "") -> None:
    url = "/akun/masuk" + (f"?next={next_path}" if next_path else "")
    page.goto(url)
    use_english(page)
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    submit_form(page, "main form:has(input[name=password])", "The log-in form")
    expect(page.locator("nav form[action$='/akun/keluar']")).to_have_count(1)
    use_english(page)


def fill_sign_up(page: Page, name: str, email: str, password: str = DEMO_PASSWORD) -> None:
    page.fill("input[name=name]", name)
    page.fill("input[name=email]", email)
    page.fill("input[name=phone]", "0812 3456 7890")
    page.fill("input[name=password]", password)
    page.fill("input[name=confirm]", password)
    submit_form(page, "main form:has(input[name=confirm])", "The sign-up form")


def sign_up(page: Page, name: str, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/akun/daftar")
    use_english(page)
    fill_sign_up(page, name, email, password)
    expect(page.locator("nav form[action$='/akun/keluar']")).to_have_count(1)
    expect(page.locator(".alert-success")).to_contain_text(f"Welcome, {name}")


def product_path(coop_slug: str, product_slug: str) -> str:
    return f"/produk/{coop_slug}/{product_slug}"


def fill_address(page: Page, street: str = "Jl. Melati No. 12") -> None:
    """Fill the delivery address of an order or checkout form (a Jakarta address)."""
    choose_regions(page, "31", "31.71", "31.71.06", "31.71.06.1004")  # Gondangdia, Menteng
    page.fill("main textarea[name=delivery_address]", street)
    page.fill("main input[name=postal_code]", "10310")
    page.fill("main input[name=recipient_phone]", "0813 1111 2222")


REGION_TIMEOUT_MS = 30_000


def choose_regions(page: Page, *codes: str) -> None:
    """Pick province, regency, district, village in the address picker (with JavaScript: each
    list is filled from /wilayah/ after the level above is chosen)."""
    for name, code in zip(("province", "regency", "district", "village"), codes, strict=False):
        # Each list waits for a fetch the level above started: on a loaded machine that takes
        # longer than the default timeout (seen when several suites ran at once).
        page.select_option(f"main select[name={name}_code]", code, timeout=REGION_TIMEOUT_MS)


def place_order(page: Page, coop_slug: str, product_slug: str, quantity: int) -> str:
    """Order `quantity` as the logged-in user; returns the order number."""
    page.goto(f"/pesan/{coop_slug}/{product_slug}")
    page.fill("input[name=quantity]", str(quantity))
    fill_address(page)
    submit_form(page, "main form:has(input[name=quantity])", "The order form")
    expect(page).to_have_url(re.compile(r"/pesanan/[^/?#]+$"))
    return page.url.rsplit("/", 1)[-1]


def open_account_menu(page: Page) -> None:
    """Open the account dropdown in the navbar (on a phone, the collapsed menu first)."""
    toggler = page.locator("nav .navbar-toggler")
    account = page.locator("nav #nav-account")
    if not account.is_visible() and toggler.is_visible():
        toggler.click()
        # Bootstrap adds .show when the collapse animation has ended; a click on the dropdown
        # while the menu is still sliding open can be lost (it failed CI once on a phone).
        expect(page.locator("nav #mainNav.show")).to_be_visible()
    for attempt in range(3):
        account.click()
        try:
            expect(account).to_have_attribute("aria-expanded", "true", timeout=2000)
            return
        except AssertionError:
            if attempt == 2:
                raise


def log_out(page: Page) -> None:
    open_account_menu(page)
    with page.expect_navigation():
        page.locator("nav form[action$='/akun/keluar'] button").click()
    expect(page.locator("nav a[href^='/akun/masuk']")).to_be_visible()
