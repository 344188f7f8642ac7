"""Refunds (Stripe and transfer), invoice terms for trusted buyers, and the PDF documents."""

import io
from datetime import timedelta

from pypdf import PdfReader
from sqlalchemy import select

from marketplace.audit.models import AuditEvent
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderStatus
from marketplace.payments.models import Invoice, Refund, TrustedBuyer
from marketplace.payments.services import record_bank_transfer
from tests.factories import (
    client_for,
    db_state,
    english_user,
    local_today,
    make_cooperative,
    make_member,
)
from tests.fakes.stripe_fake import event
from tests.payments_support import fake_stripe, localstripe_url, place, post_event, shop

__all__ = ["fake_stripe", "localstripe_url", "shop"]


def _refresh(order) -> Order:
    db.session.expire_all()
    return db.session.get(Order, order.id)


def _pay_by_card(app, client, fake, buyer, order):
    browser = client_for(app, buyer)
    session_id = browser.post(f"/pesanan/{order.number}/bayar-kartu").headers["Location"]
    session = fake.complete(session_id.rsplit("/", 1)[1])
    assert post_event(client, event("checkout.session.completed", session)).status_code == 200
    return session["payment_intent"]


def _refund(browser, coop, order, payment_id, amount):
    return browser.post(
        f"/kelola/{coop.slug}/pesanan/{order.number}/refund",
        data={"refund-payment_id": payment_id, "refund-amount": amount, "refund-reason": "damaged"},
    )


def test_card_refunds_go_through_stripe_partially_then_fully(app, client, fake_stripe, shop):
    coop, product, admin, buyer = shop
    order = place(buyer, product)
    intent = _pay_by_card(app, client, fake_stripe, buyer, order)
    payment = _refresh(order).payments[0]
    browser = client_for(app, admin)
    _refund(browser, coop, order, payment.id, "300.000")
    order = _refresh(order)
    assert order.status == OrderStatus.CONFIRMED and order.amount_refunded == 300_000
    # More than is left is refused, and Stripe is not asked.
    before = db_state()
    _refund(browser, coop, order, payment.id, "700.001")
    assert db_state() == before
    _refund(browser, coop, order, payment.id, "700000")
    order = _refresh(order)
    assert order.status == OrderStatus.REFUNDED and order.amount_refunded == 1_000_000
    refunds = db.session.scalars(select(Refund).order_by(Refund.id)).all()
    assert [r.status for r in refunds] == ["succeeded", "succeeded"]
    assert all(r.provider_refund_id.startswith("re_") for r in refunds)
    charge = fake_stripe.client().v1.payment_intents.retrieve(intent).latest_charge
    charge = fake_stripe.client().v1.charges.retrieve(
        charge if isinstance(charge, str) else charge.id
    )
    assert charge.amount_refunded == 100_000_000  # rupiah × 100
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert actions.count("refund.recorded") == 2 and "order.refunded" in actions


def test_transfer_refunds_are_recorded_and_never_exceed_what_was_paid(app, shop):
    coop, product, admin, buyer = shop
    order = place(buyer, product)
    record_bank_transfer(order, admin, amount=1_100_000, received_on=order.cooperative.local_date())
    browser = client_for(app, admin)
    page = browser.get(f"/kelola/{coop.slug}/pesanan/{order.number}").get_data(as_text=True)
    assert "Overpaid" in page and "Rp100,000" in page
    payment = _refresh(order).payments[0]
    _refund(browser, coop, order, payment.id, "100000")
    order = _refresh(order)
    assert order.status == OrderStatus.CONFIRMED and order.amount_overpaid == 0
    before = db_state()
    _refund(browser, coop, order, payment.id, "1000001")
    assert db_state() == before
    _refund(browser, coop, order, payment.id, "1000000")
    assert _refresh(order).status == OrderStatus.REFUNDED


def test_underpayment_is_shown_to_buyer_and_admin(app, shop):
    coop, product, admin, buyer = shop
    order = place(buyer, product)
    record_bank_transfer(order, admin, amount=400_000, received_on=order.cooperative.local_date())
    for browser, url in (
        (client_for(app, buyer), f"/pesanan/{order.number}"),
        (client_for(app, admin), f"/kelola/{coop.slug}/pesanan/{order.number}"),
    ):
        page = browser.get(url).get_data(as_text=True)
        assert "Underpaid" in page and "Rp600,000" in page


def test_who_may_not_refund(app, shop):
    coop, product, admin, buyer = shop
    order = place(buyer, product)
    record_bank_transfer(order, admin, amount=1_000_000, received_on=order.cooperative.local_date())
    payment_id = _refresh(order).payments[0].id
    other_admin = english_user("Other admin")
    make_cooperative(admin=other_admin)
    browsers = [
        client_for(app, buyer),
        client_for(app, other_admin),
        client_for(app, make_member(coop).user),
    ]
    before = db_state()
    for browser in browsers:
        assert _refund(browser, coop, order, payment_id, "1000").status_code == 404
    assert _refund(app.test_client(), coop, order, payment_id, "1000").status_code == 302
    assert db_state() == before


def test_trusted_buyer_pays_on_invoice_terms(app, shop):
    coop, product, admin, buyer = shop
    admin_browser = client_for(app, admin)
    response = admin_browser.post(
        f"/kelola/{coop.slug}/pembeli-terpercaya", data={"email": buyer.email, "terms_days": "30"}
    )
    assert response.status_code == 302
    order = place(buyer, product)
    browser = client_for(app, buyer)
    assert "net 30 days" in browser.get(f"/pesanan/{order.number}").get_data(as_text=True)
    browser.post(f"/pesanan/{order.number}/tempo")
    order = _refresh(order)
    assert order.status == OrderStatus.CONFIRMED and order.payment_method == "invoice_terms"
    invoice = order.invoice
    assert invoice.number == f"INV-{order.number}" and invoice.terms_days == 30
    assert invoice.due_date - invoice.issued_at.date() in (timedelta(days=30), timedelta(days=31))
    listing = admin_browser.get(f"/kelola/{coop.slug}/tagihan").get_data(as_text=True)
    assert invoice.number in listing and "Overdue" not in listing
    # Overdue once the due date has passed; the admin records the transfer that settles it.
    invoice.due_date = local_today() - timedelta(days=2)
    db.session.commit()
    assert "Overdue" in admin_browser.get(f"/kelola/{coop.slug}/tagihan").get_data(as_text=True)
    admin_browser.post(
        f"/kelola/{coop.slug}/pesanan/{order.number}",
        data={"amount": "1.000.000", "received_on": coop.local_date().isoformat()},
    )
    order = _refresh(order)
    assert order.invoice.paid_at is not None and order.status == OrderStatus.CONFIRMED
    assert invoice.number not in admin_browser.get(f"/kelola/{coop.slug}/tagihan").get_data(
        as_text=True
    )


def test_untrusted_buyer_cannot_take_terms_and_removal_works(app, shop):
    coop, product, admin, buyer = shop
    order = place(buyer, product)
    browser = client_for(app, buyer)
    before = db_state()
    browser.post(f"/pesanan/{order.number}/tempo")
    assert db_state() == before
    admin_browser = client_for(app, admin)
    admin_browser.post(
        f"/kelola/{coop.slug}/pembeli-terpercaya", data={"email": buyer.email, "terms_days": "14"}
    )
    trusted = db.session.scalars(select(TrustedBuyer)).one()
    admin_browser.post(f"/kelola/{coop.slug}/pembeli-terpercaya/{trusted.id}/hapus")
    assert db.session.scalars(select(TrustedBuyer)).all() == []
    browser.post(f"/pesanan/{order.number}/tempo")
    assert db.session.scalars(select(Invoice)).all() == []


def test_who_may_not_manage_trusted_buyers(app, shop):
    coop, _, admin, buyer = shop
    other_admin = english_user("Other admin")
    make_cooperative(admin=other_admin)
    browsers = [
        client_for(app, buyer),
        client_for(app, other_admin),
        client_for(app, make_member(coop).user),
    ]
    before = db_state()
    for browser in browsers:
        url = f"/kelola/{coop.slug}/pembeli-terpercaya"
        assert browser.get(url).status_code == 404
        assert browser.post(url, data={"email": buyer.email, "terms_days": "30"}).status_code == 404
        assert browser.get(f"/kelola/{coop.slug}/tagihan").status_code == 404
    assert db_state() == before


def _pdf_text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)


def test_invoice_and_delivery_note_pdfs(app, shop):
    coop, product, admin, buyer = shop
    order = place(buyer, product, quantity=120)  # 120 × Rp45.000 = Rp5.400.000
    browser = client_for(app, buyer)
    text = _pdf_text(browser.get(f"/pesanan/{order.number}/faktur.pdf"))
    for expected in (
        "INVOICE",
        coop.name,
        "NPWP: 0012345678901000",
        order.number,
        buyer.name,
        product.name,
        "Rp5,400,000",
        coop.bank_account_number,
        "bea meterai",
    ):
        assert expected in text, expected
    # The delivery note only once the order is confirmed
    # (tests/integration/payments/test_documents.py).
    record_bank_transfer(order, admin, amount=order.total, received_on=coop.local_date())
    note = _pdf_text(browser.get(f"/pesanan/{order.number}/surat-jalan.pdf"))
    for expected in ("DELIVERY NOTE", f"SJ-{order.number}", "Hotel Receiving", "Driver", "120"):
        assert expected in note, expected
    admin_browser = client_for(app, admin)
    admin_text = _pdf_text(
        admin_browser.get(f"/kelola/{coop.slug}/pesanan/{order.number}/faktur.pdf")
    )
    assert order.number in admin_text
    small = place(buyer, product, quantity=20)
    assert "bea meterai" not in _pdf_text(browser.get(f"/pesanan/{small.number}/faktur.pdf"))


def test_documents_in_indonesian(app, shop):
    _, product, _, _ = shop
    buyer = english_user("Pembeli")
    buyer.locale = "id"
    db.session.commit()
    order = place(buyer, product)
    text = _pdf_text(client_for(app, buyer).get(f"/pesanan/{order.number}/faktur.pdf"))
    assert "FAKTUR" in text and "Rp1.000.000" in text


def test_who_may_not_download_documents(app, shop):
    coop, product, admin, buyer = shop
    order = place(buyer, product)
    other_admin = english_user("Other admin")
    other = make_cooperative(admin=other_admin)
    member = make_member(coop).user
    for someone in (english_user("Other buyer"), other_admin, member, admin):
        browser = client_for(app, someone)
        assert browser.get(f"/pesanan/{order.number}/faktur.pdf").status_code == 404
        assert browser.get(f"/pesanan/{order.number}/surat-jalan.pdf").status_code == 404
    for someone in (buyer, other_admin, member):
        browser = client_for(app, someone)
        url = f"/kelola/{coop.slug}/pesanan/{order.number}/faktur.pdf"
        assert browser.get(url).status_code == 404
    browser = client_for(app, other_admin)
    url = f"/kelola/{other.slug}/pesanan/{order.number}/surat-jalan.pdf"
    assert browser.get(url).status_code == 404
    assert app.test_client().get(f"/pesanan/{order.number}/faktur.pdf").status_code == 302


def test_another_cooperatives_admin_cannot_remove_a_trusted_buyer_by_id(app, shop):
    coop, _, admin, buyer = shop
    client_for(app, admin).post(
        f"/kelola/{coop.slug}/pembeli-terpercaya", data={"email": buyer.email, "terms_days": "14"}
    )
    trusted = db.session.scalars(select(TrustedBuyer)).one()
    other_admin = english_user("Other admin")
    other = make_cooperative(admin=other_admin)
    before = db_state()
    browser = client_for(app, other_admin)
    for slug in (coop.slug, other.slug):  # theirs is 404; the id under their own slug too
        url = f"/kelola/{slug}/pembeli-terpercaya/{trusted.id}/hapus"
        assert browser.post(url).status_code == 404
    assert db_state() == before
