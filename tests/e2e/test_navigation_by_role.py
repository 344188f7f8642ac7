"""The menu in a real browser: each role sees what it uses, and it fits one line at 1280 px."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import (
    BEKASI_ADMIN,
    BEKASI_MEMBER,
    BUYER,
    PLATFORM_ADMIN,
    log_in,
    log_out,
    open_account_menu,
)

pytestmark = pytest.mark.e2e

DESKTOP = {"viewport": {"width": 1280, "height": 800}}


def menu_is_one_line(page: Page) -> None:
    tops = page.evaluate(
        """() => [...document.querySelectorAll(
                    '#mainNav > *, #mainNav .navbar-nav > .nav-item')]
              .map(el => {
                  const r = el.getBoundingClientRect();
                  return Math.round(r.top + r.height / 2);
              })"""
    )
    assert max(tops) - min(tops) <= 8, f"the menu wraps at 1280 px: item centres {tops}"
    assert page.evaluate("document.querySelector('nav.navbar').getBoundingClientRect().height") < 70


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("who", [BUYER, BEKASI_MEMBER, BEKASI_ADMIN, PLATFORM_ADMIN])
def test_the_menu_fits_one_line_at_1280_pixels(new_page, who, language):
    page = new_page(**DESKTOP)
    log_in(page, who)
    if language == "id":
        page.locator("nav button[name=lang][value=id]").click()
        page.wait_for_load_state()
        expect(page.locator("html")).to_have_attribute("lang", "id")
    menu_is_one_line(page)


def test_a_buyer_sees_no_cooperative_links_and_an_account_page_with_orders(new_page):
    page = new_page(**DESKTOP)
    log_in(page, BUYER)
    nav = page.locator("#mainNav")
    expect(nav.locator("a[href='/pekerjaan/']")).to_have_count(0)
    expect(nav.get_by_text("My cooperatives")).to_have_count(0)
    expect(nav.get_by_text("My work")).to_have_count(0)
    expect(nav.locator("a[href='/pesanan/']")).to_be_visible()
    open_account_menu(page)
    page.locator("#nav-my-account").click()
    expect(page).to_have_url(f"{page.url.split('/akun')[0]}/akun/")
    main = page.locator("main")
    expect(main).not_to_contain_text("not in a cooperative")
    expect(main.locator("#my-recent-orders .list-group-item").first).to_be_visible()
    main.locator("#my-recent-orders .list-group-item").first.click()
    expect(page.locator("main .order-timeline")).to_be_visible()
    log_out(page)


def test_a_member_sees_my_work_and_an_admin_sees_my_cooperatives(new_page):
    member = new_page(**DESKTOP)
    log_in(member, BEKASI_MEMBER)
    expect(member.locator("#nav-my-work")).to_be_visible()
    member.locator("#nav-my-work").click()
    expect(member.locator("main h1")).to_be_visible()

    admin = new_page(**DESKTOP)
    log_in(admin, BEKASI_ADMIN)
    expect(admin.locator("#nav-my-work")).to_have_count(0)
    admin.locator("#nav-my-cooperatives").click()
    expect(admin.locator("main #my-cooperatives a[href^='/kelola/']")).to_be_visible()
