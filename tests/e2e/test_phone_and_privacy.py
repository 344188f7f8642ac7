"""A phone-sized screen, and no requests to any host but the site itself."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import BEKASI, BEKASI_ADMIN, BUYER, log_in, product_path

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def horizontal_overflow(page: Page) -> tuple[int, int]:
    return page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )


def assert_no_horizontal_overflow(page: Page) -> None:
    scroll_width, client_width = horizontal_overflow(page)
    assert scroll_width <= client_width, (
        f"{page.url} is wider than the phone screen: scrollWidth {scroll_width} > "
        f"clientWidth {client_width}"
    )


def test_phone_catalogue_fits_the_screen_and_the_menu_opens(new_page):
    page = new_page(**PHONE)
    page.goto("/")
    expect(page.locator("main .card").first).to_be_visible()
    assert_no_horizontal_overflow(page)

    menu = page.locator("#mainNav")
    toggler = page.locator("nav .navbar-toggler")
    expect(toggler).to_be_visible()
    expect(toggler).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    toggler.click()
    expect(menu).to_be_visible()
    expect(menu).to_have_class(re.compile(r"\bshow\b"))
    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(menu.locator("a[href^='/akun/masuk']")).to_be_visible()
    expect(menu.locator("a[href^='/akun/daftar']")).to_be_visible()
    expect(menu.locator("button[name=lang][value=en]")).to_be_visible()
    assert_no_horizontal_overflow(page)

    page.goto(product_path(BEKASI, "boneka-beruang-30-cm"))
    expect(page.locator("main h1")).to_be_visible()
    assert_no_horizontal_overflow(page)


def test_phone_order_page_fits_the_screen(new_page):
    page = new_page(**PHONE)
    log_in(page, BUYER)
    page.goto(f"/pesan/{BEKASI}/boneka-kelinci-rajut")
    expect(page.locator("main input[name=quantity]")).to_be_visible()
    assert_no_horizontal_overflow(page)
    # The place-order button is reachable without scrolling sideways.
    button = page.locator("main form[method=post] button[type=submit]")
    box = button.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box


def assert_only_local_requests(requested: list[str], base_url: str) -> None:
    assert any(u.endswith(".css") for u in requested), requested
    assert any(u.endswith(".js") for u in requested), requested
    foreign = sorted({u for u in requested if urlsplit(u).hostname != "127.0.0.1"})
    assert not foreign, f"requests to other hosts: {foreign}"
    assert {urlsplit(u).netloc for u in requested} == {urlsplit(base_url).netloc}


def visit_all(page: Page, paths) -> None:
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status == 200, (path, response.status)
        page.wait_for_load_state("networkidle")


def test_public_pages_load_nothing_from_other_hosts(page: Page, base_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    visit_all(
        page,
        (
            "/",
            "/?kategori=batik",
            product_path(BEKASI, "boneka-beruang-30-cm"),
            f"/koperasi/{BEKASI}",
            "/akun/masuk",
            "/akun/daftar",
        ),
    )
    page.locator("nav button[name=lang][value=en]").click()
    page.wait_for_load_state("networkidle")
    assert_only_local_requests(requested, base_url)


def test_signed_in_pages_load_nothing_from_other_hosts(page: Page, base_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    log_in(page, BEKASI_ADMIN)
    visit_all(
        page,
        (
            "/akun/",
            f"/pesan/{BEKASI}/boneka-kelinci-rajut",
            "/pesanan/",
            "/keranjang/",
            "/pekerjaan/",
            f"/kelola/{BEKASI}/",
            f"/kelola/{BEKASI}/produk",
            f"/kelola/{BEKASI}/produk/baru",
            f"/kelola/{BEKASI}/anggota",
            f"/kelola/{BEKASI}/anggota/undang",
            f"/kelola/{BEKASI}/pesanan",
        ),
    )
    assert_only_local_requests(requested, base_url)
