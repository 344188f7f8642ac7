"""The order documents: invoice with DPP, PPN, NPWPs and PO; delivery note only for confirmed
orders; receipts (kuitansi) with the amount in words; times in the cooperative's time zone."""

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.notifications.models import Notification
from marketplace.notifications.services import notify
from marketplace.orders.models import Order, OrderStatus
from marketplace.orders.services import cancel_by_buyer
from marketplace.payments.models import Payment
from marketplace.payments.services import record_bank_transfer
from marketplace.transaction import transaction
from tests.factories import (
    client_for,
    db_state,
    delivery_form,
    english_user,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
    order_of,
)
from tests.payments_support import place


def pdf_text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)


@pytest.fixture
def pkp_shop():
    """A PKP cooperative (old 15-digit NPWP, stored as 16) selling at Rp130.000 a piece."""
    admin = english_user("Admin")
    coop = make_cooperative(admin=admin, is_pkp=True, npwp="0012345678901000")
    product = make_product(coop, tiers=((20, 130_000),))
    make_offer(make_member(coop), product, 400)
    return coop, product, admin, english_user("Buyer")


def _company_order(buyer, product, quantity=20):
    return order_of(
        buyer,
        product,
        quantity,
        recipient_name="Hotel Receiving",
        po_number="PO-HM-2026-017",
        buyer_company="PT Hotel Melati Jaya",
        buyer_npwp="0987654321098000",
    )


def test_invoice_shows_dpp_ppn_rate_npwps_and_po(app, pkp_shop):
    coop, product, _, buyer = pkp_shop
    order = _company_order(buyer, product)  # 20 x Rp130.000 = Rp2.600.000
    assert (order.subtotal, order.tax_base, order.vat, order.total) == (
        2_600_000,
        2_383_333,
        286_000,
        2_886_000,
    )
    text = pdf_text(client_for(app, buyer).get(f"/pesanan/{order.number}/faktur.pdf"))
    for expected in (
        "Subtotal",
        "Rp2,600,000",
        "Tax base (DPP)",
        "Rp2,383,333",
        "PPN 12% x DPP",
        "Rp286,000",
        "Rp2,886,000",
        "NPWP: 0012345678901000 (01.234.567.8-901.000)",  # the seller's
        "PT Hotel Melati Jaya",
        "NPWP: 0987654321098000 (98.765.432.1-098.000)",  # the buyer's
        "PO-HM-2026-017",
        "Dua juta delapan ratus delapan puluh enam ribu rupiah",
    ):
        assert expected in text, expected


def test_invoice_without_vat_or_company_has_no_tax_lines(app, pkp_shop):
    _, _, _, buyer = pkp_shop
    plain = make_cooperative()
    product = make_product(plain)
    make_offer(make_member(plain), product, 100)
    order = place(buyer, product)
    text = pdf_text(client_for(app, buyer).get(f"/pesanan/{order.number}/faktur.pdf"))
    assert "DPP" not in text and "PPN" not in text and "NPWP: 0" not in text
    assert buyer.name in text and "Satu juta rupiah" in text


def test_invoice_in_indonesian_uses_indonesian_figures(app, pkp_shop):
    _, product, _, buyer = pkp_shop
    buyer.locale = "id"
    db.session.commit()
    order = _company_order(buyer, product)
    text = pdf_text(client_for(app, buyer).get(f"/pesanan/{order.number}/faktur.pdf"))
    for expected in ("FAKTUR", "DPP", "PPN 12%", "Rp286.000", "Terbilang", "Nomor PO"):
        assert expected in text, expected


def test_checkout_form_takes_company_and_npwp(app, pkp_shop):
    coop, product, _, buyer = pkp_shop
    browser = client_for(app, buyer)
    url = f"/pesan/{coop.slug}/{product.slug}"
    data = delivery_form(quantity="20", payment_method="bank_transfer")
    bad = browser.post(url, data={**data, "buyer_npwp": "12345"})
    assert bad.status_code == 200 and "NPWP must be 15 or 16 digits." in bad.get_data(True)
    assert db.session.scalars(select(Order)).all() == []
    response = browser.post(
        url, data={**data, "buyer_company": " PT Melati ", "buyer_npwp": "01.234.567.8-901.000"}
    )
    assert response.status_code == 302, response.get_data(True)
    order = db.session.scalars(select(Order)).one()
    assert (order.buyer_company, order.buyer_npwp) == ("PT Melati", "0012345678901000")
    page = browser.get(f"/pesanan/{order.number}").get_data(as_text=True)
    assert "PT Melati" in page and "01.234.567.8-901.000" in page


def test_a_pkp_cooperative_needs_an_npwp_in_its_settings(app):
    from tests.integration.cooperatives.test_cooperatives import settings_data

    admin = english_user("Admin")
    coop = make_cooperative(admin=admin, status="pending")  # may still edit its NPWP
    before = db_state()
    response = client_for(app, admin).post(
        f"/kelola/{coop.slug}/pengaturan", data=settings_data(coop, is_pkp="y")
    )
    assert response.status_code == 200
    assert "A registered VAT business (PKP) needs its NPWP." in response.get_data(True)
    assert db_state() == before
    response = client_for(app, admin).post(
        f"/kelola/{coop.slug}/pengaturan",
        data=settings_data(coop, is_pkp="y", npwp="01.234.567.8-901.000"),
    )
    assert response.status_code == 302
    db.session.refresh(coop)
    assert coop.is_pkp and coop.npwp == "0012345678901000"


def test_a_verified_cooperative_without_npwp_cannot_become_pkp(app):
    from tests.integration.cooperatives.test_cooperatives import settings_data

    admin = english_user("Admin")
    coop = make_cooperative(admin=admin)  # verified: the NPWP is the platform's to change
    before = db_state()
    data = settings_data(coop, is_pkp="y")
    del data["npwp"]
    response = client_for(app, admin).post(f"/kelola/{coop.slug}/pengaturan", data=data)
    assert response.status_code == 200
    assert "A registered VAT business (PKP) needs its NPWP." in response.get_data(True)
    assert db_state() == before


# --- delivery note ----------------------------------------------------------------------------


def test_delivery_note_of_an_unpaid_order_is_refused(app, pkp_shop):
    coop, product, admin, buyer = pkp_shop
    order = place(buyer, product)
    for browser, url in (
        (client_for(app, buyer), f"/pesanan/{order.number}/surat-jalan.pdf"),
        (client_for(app, admin), f"/kelola/{coop.slug}/pesanan/{order.number}/surat-jalan.pdf"),
    ):
        response = browser.get(url)
        assert response.status_code == 302 and response.mimetype != "application/pdf"
        page = browser.get(response.headers["Location"]).get_data(as_text=True)
        assert "A delivery note is available once the order is confirmed." in page
        assert "surat-jalan.pdf" not in page  # no link to it either
    record_bank_transfer(order, admin, amount=order.total, received_on=coop.local_date())
    note = pdf_text(client_for(app, buyer).get(f"/pesanan/{order.number}/surat-jalan.pdf"))
    for expected in ("DELIVERY NOTE", f"SJ-{order.number}", "Hotel Receiving", "Driver", "20"):
        assert expected in note, expected
    assert "surat-jalan.pdf" in client_for(app, buyer).get(f"/pesanan/{order.number}").get_data(
        as_text=True
    )


def test_delivery_note_of_a_cancelled_order_is_refused(app, pkp_shop):
    _, product, _, buyer = pkp_shop
    order = place(buyer, product)
    cancel_by_buyer(order, buyer)
    assert order.status == OrderStatus.CANCELLED
    response = client_for(app, buyer).get(f"/pesanan/{order.number}/surat-jalan.pdf")
    assert response.status_code == 302


# --- bank transfer dates ------------------------------------------------------------------------


def _post_transfer(browser, coop, order, received_on, **extra):
    return browser.post(
        f"/kelola/{coop.slug}/pesanan/{order.number}",
        data={"amount": str(order.total), "received_on": received_on, **extra},
    )


@pytest.mark.parametrize("zone", ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"])
def test_a_transfer_dated_in_the_future_is_refused(app, zone):
    admin = english_user("Admin")
    coop = make_cooperative(admin=admin, time_zone=zone)
    product = make_product(coop)
    make_offer(make_member(coop), product, 100)
    order = place(english_user("Buyer"), product)
    browser = client_for(app, admin)
    tomorrow = (coop.local_date() + timedelta(days=1)).isoformat()
    before = db_state()
    for day in ("2030-01-01", tomorrow):
        response = _post_transfer(browser, coop, order, day, before_order_confirmed="y")
        assert response.status_code == 200
        assert "The date received cannot be in the future" in response.get_data(True)
    assert db_state() == before
    # The cooperative's today is accepted, even where it is already tomorrow in UTC.
    assert _post_transfer(browser, coop, order, coop.local_date().isoformat()).status_code == 302
    db.session.refresh(order)
    assert order.status == OrderStatus.CONFIRMED


def test_a_transfer_dated_before_the_order_asks_for_confirmation(app, pkp_shop):
    coop, product, admin, buyer = pkp_shop
    order = place(buyer, product)
    browser = client_for(app, admin)
    earlier = (coop.local_date(order.created_at) - timedelta(days=3)).isoformat()
    before = db_state()
    response = _post_transfer(browser, coop, order, earlier)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "before the order was placed" in page
    assert 'name="before_order_confirmed"' in page
    assert db_state() == before
    response = _post_transfer(browser, coop, order, earlier, before_order_confirmed="y")
    assert response.status_code == 302
    payment = db.session.scalars(select(Payment)).one()
    assert coop.local_date(payment.received_at).isoformat() == earlier


def test_the_form_offers_the_cooperatives_today(app):
    admin = english_user("Admin")
    coop = make_cooperative(admin=admin, time_zone="Asia/Jayapura")
    product = make_product(coop)
    make_offer(make_member(coop), product, 100)
    order = place(english_user("Buyer"), product)
    page = client_for(app, admin).get(f"/kelola/{coop.slug}/pesanan/{order.number}")
    assert f'value="{coop.local_date().isoformat()}"' in page.get_data(as_text=True)


# --- receipts ----------------------------------------------------------------------------------


def test_receipt_carries_the_amount_in_words_and_the_stamp_duty(app, pkp_shop):
    coop, product, admin, buyer = pkp_shop
    order = place(buyer, product, quantity=40)  # Rp5.200.000 + PPN = Rp5.772.000
    record_bank_transfer(
        order, admin, amount=order.total, received_on=coop.local_date(), reference="BRI-778"
    )
    payment = db.session.scalars(select(Payment)).one()
    url = f"/pesanan/{order.number}/kuitansi/{payment.id}.pdf"
    assert f"KW-{order.number}-1" in client_for(app, buyer).get(f"/pesanan/{order.number}").text
    text = pdf_text(client_for(app, buyer).get(url))
    for expected in (
        "RECEIPT",
        f"KW-{order.number}-1",
        "Rp5,772,000",
        "Lima juta tujuh ratus tujuh puluh dua ribu rupiah",
        "BRI-778",
        "bea meterai Rp10,000",
        coop.name,
    ):
        assert expected in text, expected
    admin_url = f"/kelola/{coop.slug}/pesanan/{order.number}/kuitansi/{payment.id}.pdf"
    assert "Lima juta" in pdf_text(client_for(app, admin).get(admin_url))


def test_small_receipt_has_no_stamp_duty(app, pkp_shop):
    coop, product, admin, buyer = pkp_shop
    order = place(buyer, product)
    record_bank_transfer(order, admin, amount=1_000_000, received_on=coop.local_date())
    payment = db.session.scalars(select(Payment)).one()
    text = pdf_text(
        client_for(app, buyer).get(f"/pesanan/{order.number}/kuitansi/{payment.id}.pdf")
    )
    assert "Satu juta rupiah" in text and "meterai" not in text


def test_who_may_not_download_a_receipt(app, pkp_shop):
    coop, product, admin, buyer = pkp_shop
    order = place(buyer, product)
    record_bank_transfer(order, admin, amount=order.total, received_on=coop.local_date())
    payment = db.session.scalars(select(Payment)).one()
    other_admin = english_user("Other admin")
    other = make_cooperative(admin=other_admin)
    own = place(buyer, product, quantity=30)  # the buyer's other order: not this payment's
    member = make_member(coop).user
    buyer_url = f"/pesanan/{order.number}/kuitansi/{payment.id}.pdf"
    admin_url = f"/kelola/{coop.slug}/pesanan/{order.number}/kuitansi/{payment.id}.pdf"
    for someone in (english_user("Other buyer"), other_admin, member, admin):
        assert client_for(app, someone).get(buyer_url).status_code == 404
    for someone in (buyer, other_admin, member):
        assert client_for(app, someone).get(admin_url).status_code == 404
    wrong = [
        f"/pesanan/{own.number}/kuitansi/{payment.id}.pdf",
        f"/kelola/{other.slug}/pesanan/{order.number}/kuitansi/{payment.id}.pdf",
    ]
    assert client_for(app, buyer).get(wrong[0]).status_code == 404
    assert client_for(app, other_admin).get(wrong[1]).status_code == 404
    assert app.test_client().get(buyer_url).status_code == 302


# --- times in the cooperative's time zone -----------------------------------------------------


def test_notification_times_are_shown_in_the_cooperatives_zone(app):
    member = english_user("Member")
    for zone in ("Asia/Makassar", "Asia/Jayapura"):
        with transaction():
            notify(member, "admin.ready", "/", time_zone=zone, order="PK-1")
    page = client_for(app, member).get("/notifikasi/").get_data(as_text=True)
    assert "WITA" in page and "WIT" in page.replace("WITA", "") and "WIB" not in page
    zones = set(db.session.scalars(select(Notification.time_zone)))
    assert zones == {"Asia/Makassar", "Asia/Jayapura"}


def test_cooperative_and_order_times_are_shown_in_its_zone(app):
    operator = english_user("Operator", is_platform_admin=True)
    admin = english_user("Admin Jayapura")
    coop = make_cooperative(admin=admin, time_zone="Asia/Jayapura", phone="+6281234567890")
    page = client_for(app, operator).get(f"/admin/koperasi/{coop.id}").get_data(as_text=True)
    # registered and verified, both in WIT (" WIB" with its space: a CSRF token may hold "WIB")
    assert " WIT<" in page and " WIB" not in page
    assert "0812-3456-7890" in page  # the phone in its local form
    product = make_product(coop)
    make_offer(make_member(coop), product, 100)
    order = place(english_user("Buyer"), product)
    buyer_page = client_for(app, order.buyer).get(f"/pesanan/{order.number}").get_data(True)
    assert " WIT" in buyer_page and " WIB" not in buyer_page
    assert "0813-1111-2222" in buyer_page  # the recipient's phone, stored as +6281311112222


def test_a_long_invoice_runs_over_pages_and_cuts_nothing_but_long_names(app, pkp_shop):
    coop, product, admin, buyer = pkp_shop
    order = place(buyer, product)
    line = order.lines[0]
    line.product.name = (
        "Boneka Beruang Jumbo Edisi Khusus Hari Raya dengan Kostum Adat " * 2
    )  # 128 of 160
    for _ in range(45):
        order.lines.append(
            type(line)(product=line.product, quantity=20, unit_price=130_000, line_total=2_600_000)
        )
    db.session.commit()
    response = client_for(app, buyer).get(f"/pesanan/{order.number}/faktur.pdf")
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) >= 2
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Boneka Beruang Jumbo Edisi" in text and "..." in text
    assert f"1/{len(reader.pages)}" in text and "Yours faithfully," in text


def test_the_settings_form_shows_the_phone_in_local_form(app):
    admin = english_user("Admin")
    coop = make_cooperative(admin=admin, phone="+6281234567890")
    page = client_for(app, admin).get(f"/kelola/{coop.slug}/pengaturan").get_data(as_text=True)
    assert 'value="0812-3456-7890"' in page
