"""The first journey of the README, step by step, as people do it in a real browser.

Every test starts from the demo data and makes what it needs itself (fresh emails, names and
NIBs), so the tests can run in any order against the one shared live-server database.
"""

import random
import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import (
    BEKASI,
    BEKASI_ADMIN,
    BEKASI_MEMBER,
    BEKASI_NAME,
    BUYER,
    DEMO_PASSWORD,
    PLATFORM_ADMIN,
    choose_regions,
    fill_address,
    fill_sign_up,
    first_number,
    fresh_email,
    log_in,
    place_order,
    product_path,
    submit_form,
    unique,
    use_english,
)

pytestmark = pytest.mark.e2e

BEAR = "boneka-beruang-30-cm"
RABBIT = "boneka-kelinci-rajut"  # step 5 pcs, minimum 20
GRADUATION_BEAR = "boneka-wisuda"  # the demo member anggota@ has no offer for it yet

# The Bekasi members' names as the allocation shows them (business name), and their logins.
BEKASI_MEMBERS = {
    "Bengkel Boneka Siti": BEKASI_MEMBER,
    "Joko Toys": "bekasi.m2@demo.pasarkoperasi.id",
    "Rajut Aini": "bekasi.m3@demo.pasarkoperasi.id",
    "Boneka Hendra Jaya": "bekasi.m4@demo.pasarkoperasi.id",
}


def card_titles(page: Page) -> list[str]:
    return [t.strip() for t in page.locator("main .card-title a").all_inner_texts()]


def search(page: Page, query: str = "", category_label: str | None = None) -> None:
    page.fill("main form[role=search] input[name=q]", query)
    if category_label is not None:
        # The category filter is a list of radio buttons, each with its count.
        page.locator("main form[role=search] .form-check-label", has_text=category_label).click()
    with page.expect_navigation():
        page.locator("main form[role=search] button[type=submit]").first.click()


def definition(page: Page, term: str):
    """The <dd> that follows the <dt> with exactly this text."""
    return page.locator(f"xpath=//dt[normalize-space()='{term}']/following-sibling::dd[1]")


# --- step 1 -------------------------------------------------------------------------------


def test_1_visitor_browses_filters_searches_and_opens_a_product(page: Page):
    response = page.goto("/")
    assert response is not None and response.status == 200
    # Indonesian by default; the EN button in the navbar switches the page to English.
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.locator("nav button[name=lang][value=id]")).to_have_attribute(
        "aria-current", "true"
    )
    use_english(page)
    expect(page).to_have_url(re.compile(r"/(\?)?$"))
    expect(page.locator("main h1")).to_have_text("Products of Indonesian cooperatives")
    all_titles = card_titles(page)
    assert "Boneka Beruang 30 cm" in all_titles or len(all_titles) == 20, all_titles

    # Filter by a category: only batik and textiles remain.
    search(page, category_label="Batik & textiles")
    assert parse_qs(urlsplit(page.url).query).get("kategori") == ["batik"], page.url
    expect(page.locator("main input[name=kategori][value=batik]")).to_be_checked()
    categories = page.locator("main .card-body > p.text-muted").all_inner_texts()
    assert categories, "the batik category shows no products"
    assert set(categories) == {"Batik & textiles"}, categories
    batik_titles = card_titles(page)
    assert "Batik Tulis Motif Mangrove" in batik_titles, batik_titles
    assert "Boneka Beruang 30 cm" not in batik_titles
    expect(page.locator("main")).to_contain_text(f"{len(batik_titles)} products found")

    # Search by product name, across all categories.
    search(page, "kelinci", category_label="All categories")
    assert parse_qs(urlsplit(page.url).query).get("q") == ["kelinci"], page.url
    titles = card_titles(page)
    assert titles == ["Boneka Kelinci Rajut"], titles

    # Search by cooperative name: every product shown is from that cooperative.
    search(page, "Probolinggo")
    cards = page.locator("main .card")
    expect(cards.first).to_be_visible()
    for text in cards.all_inner_texts():
        assert "Koperasi Serba Usaha Batik Probolinggo" in text, text
    assert "Batik Cap Motif Anggur" in card_titles(page)

    # A search that matches nothing says so.
    search(page, "tidak-ada-produk-seperti-ini")
    expect(page.locator("main")).to_contain_text("No products match your search.")

    # Open a product from the catalogue.
    search(page, "Boneka Beruang")
    card = page.locator("main .card", has_text="Boneka Beruang 30 cm")
    card_available = first_number(card.locator("li", has_text="Available").inner_text())
    card.locator("a.stretched-link").click()
    expect(page).to_have_url(re.compile(re.escape(product_path(BEKASI, BEAR)) + "$"))
    expect(page.locator("main h1")).to_have_text("Boneka Beruang 30 cm")
    expect(page.locator("main")).to_contain_text(BEKASI_NAME)
    expect(definition(page, "Sale unit")).to_have_text("pcs")
    expect(definition(page, "Minimum order")).to_have_text("50 pcs")
    expect(definition(page, "Order in multiples of")).to_have_text("10 pcs")
    expect(definition(page, "Lead time")).to_have_text("14 days")
    available = first_number(definition(page, "Available now").inner_text())
    assert available == card_available > 0, (available, card_available)
    rows = [
        [cell.strip() for cell in row.split("\t")]
        for row in page.locator("main table:not(#availability-by-date) tbody tr").all_inner_texts()
    ]
    assert rows == [
        ["50 – 199", "Rp45,000"],
        ["200 – 999", "Rp41,000"],
        ["1,000 or more", "Rp38,000"],
    ], rows
    expect(page.locator(f"main a[href='/pesan/{BEKASI}/{BEAR}']")).to_be_visible()


# --- step 2 -------------------------------------------------------------------------------


def test_2_visitor_signs_up_orders_and_sees_how_to_pay(page: Page):
    page.goto(product_path(BEKASI, RABBIT))
    use_english(page)
    page.locator(f"main a[href='/pesan/{BEKASI}/{RABBIT}']").click()
    # Ordering needs an account: the log-in page offers to create one and comes back here.
    expect(page).to_have_url(re.compile(r"/akun/masuk\?next="))
    page.locator("main a[href^='/akun/daftar']").click()
    expect(page).to_have_url(re.compile(r"/akun/daftar\?next="))
    name = "Budi Santoso"
    fill_sign_up(page, name, fresh_email("buyer"))
    expect(page).to_have_url(re.compile(rf"/pesan/{BEKASI}/{RABBIT}$"))
    expect(page.locator(".alert-success")).to_contain_text(f"Welcome, {name}")
    expect(page.locator("main h1")).to_have_text("Order Boneka Kelinci Rajut")

    quantity = page.locator("main input[name=quantity]")
    expect(quantity).to_have_value("20")
    fill_address(page, "Jl. Cempaka No. 3")

    # 23 is not a multiple of the step (5): the error is shown next to the field.
    quantity.fill("23")
    submit_form(page, "main form:has(input[name=quantity])", "The order form")
    expect(page).to_have_url(re.compile(rf"/pesan/{BEKASI}/{RABBIT}$"))
    quantity = page.locator("main input[name=quantity]")
    expect(quantity).to_have_class(re.compile(r"\bis-invalid\b"))
    feedback = page.locator("main div:has(> input[name=quantity]) .invalid-feedback")
    expect(feedback).to_have_text("Order in multiples of 5 pcs.")
    expect(page.locator("main textarea[name=delivery_address]")).to_have_value("Jl. Cempaka No. 3")
    expect(page.locator("main select[name=district_code]")).to_have_value("31.71.06")

    quantity.fill("25")
    submit_form(page, "main form:has(input[name=quantity])", "The order form")
    expect(page).to_have_url(re.compile(r"/pesanan/[^/]+$"))
    number = page.url.rsplit("/", 1)[-1]
    expect(page.locator(".alert-success")).to_contain_text(f"Your order {number} is placed.")
    expect(page.locator("main h1")).to_contain_text(f"Order {number}")
    expect(page.locator("main h1 .badge")).to_have_text("Placed")
    payment = page.locator("main .alert-info")
    expect(payment).to_contain_text("Pay by bank transfer")
    # 25 x Rp65,000, plus Rp150,000 for the cooperative's own delivery to Jakarta
    expect(payment).to_contain_text("Transfer Rp1,775,000")
    expect(definition(page, "Bank")).to_have_text("Bank BJB")
    expect(definition(page, "Account number")).to_have_text("0012345678901")
    expect(definition(page, "Account holder")).to_have_text("KOPERASI PRODUSEN BONEKA BEKASI")
    expect(definition(page, "Reference")).to_have_text(number)
    expect(page.locator("main table")).to_contain_text("25 pcs")

    page.locator("nav a[href='/pesanan/']").click()
    entry = page.locator("main .list-group-item", has_text=number)
    expect(entry).to_contain_text("Boneka Kelinci Rajut × 25")
    expect(entry.locator(".badge")).to_have_text("Placed")


# --- step 3 -------------------------------------------------------------------------------


def fill_cooperative_registration(page: Page, name: str, nib: str) -> None:
    page.fill("main input[name=name]", name)
    page.select_option("main select[name=kind]", "producer")
    page.fill("main input[name=legal_entity_number]", "AHU-0009876.AH.01.26.TAHUN 2024")
    page.fill("main input[name=nib]", nib)
    choose_regions(page, "72", "72.10")  # Sulawesi Tengah, Kabupaten Sigi
    page.fill("main textarea[name=address]", "Jl. Poros Palu-Bangga No. 5, Dolo, Sigi")
    page.select_option("main select[name=time_zone]", "Asia/Makassar")
    page.fill("main input[name=phone]", "0812 9876 5432")
    page.fill("main textarea[name=description]", "Cocoa and coffee growers of Sigi, together.")
    page.fill("main input[name=bank_name]", "Bank Sulteng")
    page.fill("main input[name=bank_account_number]", "0123 4567 8901")
    page.fill("main input[name=bank_account_holder]", name.upper())
    submit_form(page, "main form:has(input[name=nib])", "The cooperative registration form")


def test_3_new_cooperative_waits_for_verification_then_appears(page: Page, new_page):
    name = f"Koperasi Tani Sigi {unique('e2e')}"
    nib = "8" + "".join(random.choices("0123456789", k=12))

    page.goto("/akun/daftar")
    use_english(page)
    fill_sign_up(page, "Yusuf Lamasitudju", fresh_email("coop"))
    page.goto("/koperasi/daftar")
    expect(page.locator("main h1")).to_have_text("Register a cooperative")
    fill_cooperative_registration(page, name, nib)

    expect(page).to_have_url(re.compile(r"/kelola/[a-z0-9-]+/$"))
    slug = urlsplit(page.url).path.split("/")[2]
    expect(page.locator(".alert-success").first).to_contain_text(
        f"{name} is registered. It awaits verification"
    )
    expect(page.locator("main .alert-warning")).to_contain_text("Awaiting verification.")
    expect(page.locator("main h1")).to_have_text(name)

    # Pending: not in the catalogue, and its public profile does not exist yet.
    visitor = new_page()
    visitor.goto("/?q=" + name)
    use_english(visitor)
    expect(visitor.locator("main")).to_contain_text("No products match your search.")
    response = visitor.goto(f"/koperasi/{slug}")
    assert response is not None and response.status == 404, response and response.status

    # The platform admin verifies it.
    admin = new_page()
    log_in(admin, PLATFORM_ADMIN)
    admin.locator("nav a[href='/admin/koperasi']").click()
    expect(admin.locator("main h1")).to_have_text("Cooperatives")
    admin.goto("/admin/koperasi?status=pending")
    row = admin.locator("main tbody tr", has_text=name)
    expect(row).to_contain_text(nib)
    expect(row.locator(".badge")).to_have_text("Awaiting verification")
    with admin.expect_navigation():
        row.locator("form[action$='/verifikasi'] button[type=submit]").click()
    # It has no products yet, so it is not said to be in the catalogue.
    expect(admin.locator(".alert-success")).to_contain_text(
        f"{name} is verified. It will show in the catalogue once it publishes products."
    )
    admin.goto("/admin/koperasi?status=verified")
    expect(admin.locator("main tbody tr", has_text=name).locator(".badge")).to_have_text("Verified")

    # Now its public profile is there, and its admin sees it verified.
    response = visitor.goto(f"/koperasi/{slug}")
    assert response is not None and response.status == 200, response and response.status
    expect(visitor.locator("main h1")).to_have_text(name)
    expect(visitor.locator("main")).to_contain_text("Kabupaten Sigi, Sulawesi Tengah")
    page.reload()
    expect(page.locator("main .alert-success")).to_contain_text("Verified.")


# --- step 4 -------------------------------------------------------------------------------


def test_4a_admin_invites_a_member_who_signs_up_and_joins(page: Page, new_page):
    invitee = f"Ratna {unique('anggota')}"
    business = f"Boneka Ratna {unique('usaha')}"
    admin = new_page(permissions=["clipboard-read", "clipboard-write"])
    log_in(admin, BEKASI_ADMIN)
    admin.goto(f"/kelola/{BEKASI}/")
    admin.locator(f"main a[href='/kelola/{BEKASI}/anggota/undang']").first.click()
    expect(admin).to_have_url(re.compile(rf"/kelola/{BEKASI}/anggota/undang$"))
    admin.fill("main input[name=name]", invitee)
    admin.fill("main input[name=business_name]", business)
    admin.fill("main input[name=phone]", "0812 5555 0101")
    admin.select_option("main select[name=role]", "member")
    submit_form(admin, "main form:has(input[name=business_name])", "The invitation form")

    expect(admin).to_have_url(re.compile(rf"/kelola/{BEKASI}/undangan/\d+$"))
    expect(admin.locator(".alert-success")).to_contain_text(
        f"Invitation created. Send the link to {invitee}."
    )
    link_input = admin.locator("#invitation-link")
    link = link_input.input_value()
    assert re.fullmatch(rf"{re.escape(admin.url.split('/kelola')[0])}/gabung/[^/?#]+", link), link
    copy = admin.locator("#copy-link")
    expect(copy).to_have_text("Copy link")
    copy.click()
    expect(copy).to_have_text("Copied")
    assert admin.evaluate("navigator.clipboard.readText()") == link
    whatsapp = admin.locator("main a[href^='https://wa.me/']")
    expect(whatsapp).to_have_text("Send by WhatsApp")
    href = whatsapp.get_attribute("href") or ""
    assert href.startswith("https://wa.me/6281255550101?text="), href
    assert link in unquote(href.split("?text=", 1)[1]), href

    # The invited person opens the link, signs up through it and joins.
    page.goto(link)
    use_english(page)
    expect(page.locator("main h1")).to_have_text(BEKASI_NAME)
    expect(page.locator("main")).to_contain_text(f"invites {invitee} to join as a member")
    page.locator("main a[href^='/akun/daftar']").click()
    fill_sign_up(page, invitee, fresh_email("member"))
    expect(page).to_have_url(link)
    join = page.locator("main form[action*='/gabung/'] button[type=submit]")
    expect(join).to_have_text("Join the cooperative")
    join.click()
    expect(page).to_have_url(re.compile(rf"/anggota/{BEKASI}/penawaran$"))
    welcome = page.locator(".alert-success")
    expect(welcome).to_contain_text(f"Welcome to {BEKASI_NAME}! Your member number is")
    member_number = re.search(r"member number is (\S+?)\.?$", welcome.inner_text().strip())
    assert member_number, welcome.inner_text()
    expect(page.locator("main h1")).to_have_text("My supply offers")

    page.goto("/akun/")
    card = page.locator("main .card", has_text=BEKASI_NAME)
    expect(card).to_contain_text("Member")
    expect(card.locator(f"a[href='/anggota/{BEKASI}/penawaran']")).to_be_visible()

    # The admin now sees the new member, and the invitation is used.
    admin.goto(f"/kelola/{BEKASI}/anggota")
    row = admin.locator("main tbody tr", has_text=invitee)
    expect(row).to_contain_text(business)
    expect(row).to_contain_text(member_number.group(1))
    expect(row).to_contain_text("Active")
    admin.goto(link)
    expect(admin.locator("main")).to_contain_text("This invitation has already been used.")


def test_4b_admin_creates_a_product_with_price_tiers_and_publishes_it(page: Page):
    name = f"Boneka Komodo {unique('e2e')}"
    log_in(page, BEKASI_ADMIN)
    page.goto(f"/kelola/{BEKASI}/produk")
    page.locator(f"main a[href='/kelola/{BEKASI}/produk/baru']").first.click()
    expect(page.locator("main h2")).to_contain_text("Add a product")
    page.fill("main input[name=name]", name)
    page.select_option("main select[name=category_id]", label="Dolls & toys")
    page.select_option("main select[name=kind]", "goods")
    page.select_option("main select[name=unit]", "pcs")
    page.fill("main input[name=lead_time_days]", "12")
    page.fill("main input[name=order_step]", "10")
    page.fill("main input[name=min_order_quantity]", "30")
    page.fill("main textarea[name=description]", "A plush komodo dragon, 40 cm.")
    page.fill("main input[name=sni_number]", "SNI ISO 8124-1:2010")
    page.fill("main input[name='tiers-0-min_quantity']", "30")
    page.fill("main input[name='tiers-0-unit_price']", "60.000")
    page.fill("main input[name='tiers-1-min_quantity']", "100")
    page.fill("main input[name='tiers-1-unit_price']", "55.000")
    submit_form(page, "main form:has(input[name=order_step])", "The product form")

    expect(page).to_have_url(re.compile(rf"/kelola/{BEKASI}/produk$"))
    expect(page.locator(".alert-success")).to_contain_text(f"{name} is saved as a draft.")
    row = page.locator("main tbody tr", has_text=name)
    expect(row.locator(".badge")).to_have_text("Draft")
    expect(row).to_contain_text("Rp55,000")
    expect(row).to_contain_text("30 pcs")

    # Not in the catalogue while a draft.
    page.goto("/?q=" + name)
    expect(page.locator("main")).to_contain_text("No products match your search.")

    page.goto(f"/kelola/{BEKASI}/produk")
    row = page.locator("main tbody tr", has_text=name)
    with page.expect_navigation():
        row.locator("button[name=status][value=published]").click()
    expect(page.locator(".alert-success")).to_contain_text(f"{name} is now in the catalogue.")
    expect(page.locator("main tbody tr", has_text=name).locator(".badge")).to_have_text("Published")

    page.goto("/")
    search(page, name)
    assert card_titles(page) == [name]
    card = page.locator("main .card", has_text=name)
    expect(card).to_contain_text("from Rp55,000 per pcs")
    expect(card).to_contain_text(BEKASI_NAME)
    card.locator("a.stretched-link").click()
    expect(page.locator("main h1")).to_have_text(name)
    expect(definition(page, "Minimum order")).to_have_text("30 pcs")
    expect(definition(page, "Order in multiples of")).to_have_text("10 pcs")
    expect(definition(page, "Lead time")).to_have_text("12 days")
    rows = [
        [cell.strip() for cell in row.split("\t")]
        for row in page.locator("main table:not(#availability-by-date) tbody tr").all_inner_texts()
    ]
    assert rows == [["30 – 99", "Rp60,000"], ["100 or more", "Rp55,000"]], rows


# --- step 5 -------------------------------------------------------------------------------


def test_5_member_declares_a_supply_offer_and_availability_goes_up(page: Page, new_page):
    visitor = new_page()
    visitor.goto(product_path(BEKASI, GRADUATION_BEAR))
    use_english(visitor)
    public_before = first_number(definition(visitor, "Available now").inner_text())

    log_in(page, BEKASI_MEMBER)
    page.goto("/akun/")
    page.locator(f"main a[href='/anggota/{BEKASI}/penawaran']").click()
    expect(page.locator("main h1")).to_have_text("My supply offers")
    card = page.locator("main .card", has_text="Boneka Wisuda")
    card.locator(f"a[href^='/anggota/{BEKASI}/penawaran/']").click()
    expect(page.locator("main h1")).to_have_text("Boneka Wisuda")

    pooled = page.locator("#pooled-availability strong")
    before = first_number(pooled.inner_text())
    assert before == public_before, (before, public_before)
    current = page.locator("main input[name=units_available]").input_value().strip()
    offered_before = int(current) if current else 0
    added = 15
    page.fill("main input[name=units_available]", str(offered_before + added))
    page.fill("main input[name=min_lot]", "1")
    page.fill("main input[name=quality_grade]", "A")
    submit_form(page, "main form:has(input[name=units_available])", "The supply offer form")

    expect(page.locator(".alert-success")).to_contain_text("Your offer is saved.")
    expect(page.locator("#pooled-availability strong")).to_have_text(
        re.compile(rf"^{before + added:,} kodi")
    )
    page.locator(f"main a[href='/anggota/{BEKASI}/penawaran']").click()
    card = page.locator("main .card", has_text="Boneka Wisuda")
    expect(card).to_contain_text(f"You offer {offered_before + added} kodi")

    visitor.reload()
    after = first_number(definition(visitor, "Available now").inner_text())
    assert after == public_before + added, (public_before, after)


# --- steps 6 and 7 --------------------------------------------------------------------------


def buyer_places_order(new_page, quantity: int) -> str:
    buyer = new_page()
    log_in(buyer, BUYER)
    number = place_order(buyer, BEKASI, RABBIT, quantity)
    expect(buyer.locator("main h1 .badge")).to_have_text("Placed")
    buyer.context.close()
    return number


def admin_records_full_transfer(admin: Page, number: str) -> None:
    admin.goto(f"/kelola/{BEKASI}/pesanan?status=placed")
    admin.locator(f"main a[href='/kelola/{BEKASI}/pesanan/{number}']").click()
    expect(admin.locator("main h2")).to_contain_text(f"Order {number}")
    expect(admin.locator("main h2 .badge")).to_have_text("Placed")
    total = admin.locator("main tfoot tr", has_text="Still to pay").locator("td").last
    amount_due = first_number(total.inner_text())
    amount = admin.locator("main input[name=amount]")
    assert first_number(amount.input_value()) == amount_due, amount.input_value()
    admin.fill("main input[name=reference]", f"BJB {number}")
    submit_form(admin, "main form:has(input[name=amount])", "The bank transfer form")
    expect(admin.locator(".alert-success")).to_contain_text("Payment recorded.")
    expect(admin.locator("main h2 .badge")).to_have_text("Confirmed")
    expect(admin.locator("main .list-group-item", has_text=f"BJB {number}")).to_contain_text(
        f"Rp{amount_due:,}"
    )
    expect(admin.locator("main input[name=amount]")).to_have_count(0)


def admin_allocates(admin: Page, number: str, quantity: int) -> dict[str, int]:
    """Open Allocate, read the members' shares, assign the work; returns name -> share."""
    admin.locator(f"main a[href='/kelola/{BEKASI}/pesanan/{number}/alokasi']").click()
    expect(admin.locator("main h2")).to_have_text(f"Allocate order {number}")
    expect(admin.locator("main .card h3")).to_have_text(f"Boneka Kelinci Rajut · {quantity} pcs")
    shares = {}
    for row in admin.locator("main .card tbody tr").all():
        cells = row.locator("td")
        member = cells.nth(0).inner_text().strip()
        shares[member] = int(cells.nth(3).locator("input").input_value())
    assert sum(shares.values()) == quantity, shares
    assert any(share > 0 for share in shares.values()), shares
    expect(admin.locator("main .alert-warning")).to_have_count(0)
    expect(admin.locator("main .allocation-total")).to_have_text(
        f"The shares add up to the {quantity} ordered."
    )
    assign = admin.locator("main form input[name=publish]")
    expect(assign).to_have_value("Publish to members")
    with admin.expect_navigation():
        assign.click()
    expect(admin.locator(".alert-success")).to_contain_text("The work is offered to members")
    expect(admin.locator("main h2 .badge")).to_have_text("Allocating")
    return shares


def test_6_admin_records_the_transfer_and_allocates_the_order(new_page):
    number = buyer_places_order(new_page, 40)
    admin = new_page()
    log_in(admin, BEKASI_ADMIN)
    admin_records_full_transfer(admin, number)
    shares = admin_allocates(admin, number, 40)

    assigned = admin.locator("main table#assignments tbody tr")
    expect(assigned).to_have_count(sum(1 for s in shares.values() if s > 0))
    for row in assigned.all():
        cells = [c.strip() for c in row.locator("td").all_inner_texts()]
        name = cells[0].splitlines()[0].strip()
        member = next(m for m in shares if m.startswith(name))
        assert int(cells[1]) == shares[member], (cells, shares)
        assert cells[2].startswith("Proposed"), cells

    # The allocation page is closed now that the order is allocated.
    admin.goto(f"/kelola/{BEKASI}/pesanan/{number}/alokasi")
    expect(admin).to_have_url(re.compile(rf"/kelola/{BEKASI}/pesanan/{number}$"))
    expect(admin.locator(".alert-warning")).to_contain_text(
        "Only a confirmed order can be allocated."
    )


def test_7_member_sees_the_assigned_work(new_page):
    number = buyer_places_order(new_page, 60)
    admin = new_page()
    log_in(admin, BEKASI_ADMIN)
    admin_records_full_transfer(admin, number)
    delivery = admin.locator(
        "xpath=//main//dt[normalize-space()='Requested delivery date']/following-sibling::dd[1]"
    ).inner_text()
    shares = admin_allocates(admin, number, 60)
    known = {
        name: share
        for name, share in shares.items()
        for business in BEKASI_MEMBERS
        if name.startswith(business) and share > 0
    }
    assert known, f"no demo member got a share: {shares}"
    member_row, share = max(known.items(), key=lambda item: item[1])
    email = next(e for b, e in BEKASI_MEMBERS.items() if member_row.startswith(b))
    admin.context.close()

    member = new_page()
    log_in(member, email, DEMO_PASSWORD)
    member.locator("nav a[href='/pekerjaan/']").click()
    expect(member.locator("main h1")).to_have_text("My work")
    work = member.locator("main .list-group-item", has_text=number)
    expect(work).to_have_count(1)
    expect(work.locator(".fw-semibold")).to_have_text("Boneka Kelinci Rajut")
    expect(work.locator(".fs-5")).to_have_text(f"{share} pcs")
    expect(work).to_contain_text(f"Due: {delivery}")
    expect(work).to_contain_text(BEKASI_NAME)
    expect(work.locator(".badge")).to_have_text("Proposed")
