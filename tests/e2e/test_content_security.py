"""The Content-Security-Policy in a real browser: the main pages of every role load without a
single violation (no inline script, handler or style left), and what moved to static/js still
works: the confirm questions and copying an invitation link."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import (
    BEKASI,
    BEKASI_ADMIN,
    BEKASI_MEMBER,
    BUYER,
    PLATFORM_ADMIN,
    log_in,
    submit_form,
    unique,
    use_english,
)

pytestmark = pytest.mark.e2e

PAGES = {
    None: ["/", "/akun/masuk", "/akun/daftar", "/koperasi/daftar"],
    BUYER: ["/", "/keranjang/", "/pesanan/", "/akun/", "/notifikasi/"],
    BEKASI_ADMIN: [
        f"/kelola/{BEKASI}/",
        f"/kelola/{BEKASI}/anggota",
        f"/kelola/{BEKASI}/pesanan",
        f"/kelola/{BEKASI}/produk",
        f"/kelola/{BEKASI}/pengaturan",
    ],
    BEKASI_MEMBER: ["/pekerjaan/", f"/anggota/{BEKASI}/penawaran"],
    PLATFORM_ADMIN: ["/admin/koperasi"],
}


def _violations(page: Page) -> list[str]:
    found: list[str] = []

    def listen(message) -> None:
        text = message.text
        if "Content Security Policy" in text or "Refused to" in text:
            found.append(f"{page.url}: {text}")

    page.on("console", listen)
    return found


@pytest.mark.parametrize("who", list(PAGES), ids=lambda who: who or "anonymous")
def test_main_pages_have_no_csp_violation(new_page, who):
    page = new_page()
    violations = _violations(page)
    if who:
        log_in(page, who)
    visited = 0
    for path in PAGES[who]:
        response = page.goto(path)
        assert response is not None and response.status < 400, (path, response and response.status)
        assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")
        visited += 1
    # The product page, with its forms, and the menu that Bootstrap's own script opens.
    page.goto("/")
    product = page.locator("main .card-title a").first
    product.click()
    page.wait_for_load_state()
    assert visited == len(PAGES[who]) and violations == []


def test_confirm_questions_still_ask_and_copy_still_copies(new_page):
    admin = new_page(permissions=["clipboard-read", "clipboard-write"])
    violations = _violations(admin)
    log_in(admin, BEKASI_ADMIN)
    use_english(admin)
    admin.goto(f"/kelola/{BEKASI}/anggota/undang")
    admin.fill("main input[name=name]", f"Ratna {unique('csp')}")
    submit_form(admin, "main form:has(input[name=name])", "The invitation form")
    expect(admin).to_have_url(re.compile(rf"/kelola/{BEKASI}/undangan/\d+$"))

    copy = admin.locator("#copy-link")
    copy.click()
    expect(copy).to_have_text("Copied")
    assert (
        admin.evaluate("navigator.clipboard.readText()")
        == admin.locator("#invitation-link").input_value()
    )

    revoke = admin.locator("main form[data-confirm] button[type=submit]", has_text="Revoke")
    questions: list[str] = []

    def dismiss(dialog) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    admin.once("dialog", dismiss)
    revoke.click()
    assert questions == ["Revoke this invitation? The link will stop working."]
    expect(admin.locator("#invitation-link")).to_be_visible()  # dismissed: nothing happened

    admin.once("dialog", lambda dialog: dialog.accept())
    with admin.expect_navigation():
        revoke.click()
    expect(admin.locator("main")).not_to_contain_text("Copy link")
    assert violations == []
