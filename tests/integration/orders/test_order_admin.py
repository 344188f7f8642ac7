"""After placing: expiry of unpaid orders, cancellation by the cooperative admin, the status
timeline, the admin's filtered order list and its CSV export, the payments seam."""

import csv
import io
from datetime import timedelta

import pytest

from marketplace.audit.models import AuditEvent
from marketplace.catalogue.services import availability_for
from marketplace.db import utcnow
from marketplace.errors import InvalidTransition
from marketplace.extensions import db
from marketplace.orders.export import csv_line
from marketplace.orders.models import OrderStatus
from marketplace.orders.services import confirm_paid, expire_unpaid
from marketplace.payments.services import record_bank_transfer
from marketplace.transaction import transaction
from tests.factories import (
    client_for,
    db_state,
    local_today,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
    make_user,
    order_of,
)
from tests.fixtures.scenarios import Shop, build_shop


@pytest.fixture
def shop() -> Shop:
    return build_shop(unpaid_expiry_hours=24)


def test_unpaid_orders_expire_after_the_cooperatives_time_and_release_capacity(app, shop):
    product, admin = shop.product, shop.admin
    buyer = make_user("Buyer")
    old, fresh = order_of(buyer, product, 40), order_of(buyer, product, 20)
    paid = order_of(buyer, product, 20)
    assert old.expires_at - old.created_at == timedelta(hours=24)
    record_bank_transfer(paid, admin, amount=paid.total, received_on=paid.cooperative.local_date())
    old.expires_at = utcnow() - timedelta(minutes=1)
    paid.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert availability_for([product.id])[product.id] == 200 - 80

    result = app.test_cli_runner().invoke(args=["orders", "expire-unpaid"])
    assert result.exit_code == 0, result.output
    assert (
        f"expired {old.number}" in result.output and "1 unpaid order(s) expired." in result.output
    )
    db.session.expire_all()
    assert (old.status, fresh.status, paid.status) == ("expired", "placed", "confirmed")
    assert availability_for([product.id])[product.id] == 200 - 40
    assert db.session.query(AuditEvent).filter_by(action="order.expired").count() == 1

    # Idempotent: a second run changes nothing.
    before = db_state()
    again = app.test_cli_runner().invoke(args=["orders", "expire-unpaid"])
    assert "0 unpaid order(s) expired." in again.output
    assert db_state() == before


def test_an_expired_order_cannot_be_paid_through_the_seam(shop):
    product = shop.product
    order = order_of(make_user(), product, 20)
    expire_unpaid(now=utcnow() + timedelta(hours=25))
    with pytest.raises(InvalidTransition), transaction():
        confirm_paid(order, None, method="card")
    db.session.refresh(order)
    assert order.status == OrderStatus.EXPIRED


def test_confirm_paid_confirms_once_and_records_the_system_as_actor(shop):
    product = shop.product
    order = order_of(make_user(), product, 20)
    with transaction():
        confirm_paid(order, None, method="card", paid=order.total)
    assert order.status == OrderStatus.CONFIRMED and order.confirmed_at is not None
    event = db.session.query(AuditEvent).filter_by(action="order.confirmed").one()
    assert event.actor_id is None and event.after["method"] == "card"
    with pytest.raises(InvalidTransition), transaction():
        confirm_paid(order, None)


def test_admin_cancels_a_confirmed_order_with_a_reason(app, shop):
    coop, product, admin = shop.coop, shop.product, shop.admin
    buyer = make_user("Buyer", locale="en")
    order = order_of(buyer, product, 40)
    record_bank_transfer(
        order, admin, amount=order.total, received_on=order.cooperative.local_date()
    )
    client = client_for(app, admin)
    page = client.get(f"/kelola/{coop.slug}/pesanan/{order.number}").get_data(as_text=True)
    assert "Cancel this order" in page and "data-confirm=" in page

    refused = client.post(f"/kelola/{coop.slug}/pesanan/{order.number}/batal", data={"reason": ""})
    assert refused.status_code == 400 and "Give a reason" in refused.get_data(as_text=True)
    db.session.refresh(order)
    assert order.status == OrderStatus.CONFIRMED

    response = client.post(
        f"/kelola/{coop.slug}/pesanan/{order.number}/batal",
        data={"reason": "Pewarna habis, tidak bisa produksi."},
    )
    assert response.status_code == 302
    db.session.refresh(order)
    assert order.status == OrderStatus.CANCELLED
    assert order.cancellation_reason == "Pewarna habis, tidak bisa produksi."
    event = db.session.query(AuditEvent).filter_by(action="order.cancelled").one()
    assert event.after["amount_paid"] == order.total and event.actor_id == admin.id
    assert availability_for([product.id])[product.id] == 200
    buyer_page = client_for(app, buyer).get(f"/pesanan/{order.number}").get_data(as_text=True)
    assert "Pewarna habis" in buyer_page


def test_buyer_cannot_cancel_after_confirmation(app, shop):
    product, admin = shop.product, shop.admin
    buyer = make_user(locale="en")
    order = order_of(buyer, product, 20)
    record_bank_transfer(
        order, admin, amount=order.total, received_on=order.cooperative.local_date()
    )
    client = client_for(app, buyer)
    page = client.get(f"/pesanan/{order.number}").get_data(as_text=True)
    assert "contact the cooperative" in page
    client.post(f"/pesanan/{order.number}/batal")
    db.session.refresh(order)
    assert order.status == OrderStatus.CONFIRMED


def test_who_may_not_cancel_as_admin(app, shop):
    coop, product = shop.coop, shop.product
    buyer = make_user()
    order = order_of(buyer, product, 20)
    other_admin = make_user()
    other = make_cooperative(admin=other_admin)
    member = make_member(coop).user
    before = db_state()
    url = f"/kelola/{coop.slug}/pesanan/{order.number}/batal"
    for user in (buyer, other_admin, member):
        assert client_for(app, user).post(url, data={"reason": "x"}).status_code == 404
    other_url = f"/kelola/{other.slug}/pesanan/{order.number}/batal"
    assert client_for(app, other_admin).post(other_url, data={"reason": "x"}).status_code == 404
    anonymous = app.test_client().post(url, data={"reason": "x"})
    assert anonymous.status_code == 302 and "/akun/masuk" in anonymous.headers["Location"]
    assert db_state() == before


def test_timeline_shows_each_status_in_the_cooperatives_time_zone(app):
    admin = make_user(locale="en")
    coop = make_cooperative(admin=admin, time_zone="Asia/Jayapura")
    product = make_product(coop)
    make_offer(make_member(coop), product, 100)
    buyer = make_user(locale="en")
    order = order_of(buyer, product, 20)
    record_bank_transfer(
        order, admin, amount=order.total, received_on=order.cooperative.local_date()
    )
    page = client_for(app, buyer).get(f"/pesanan/{order.number}").get_data(as_text=True)
    timeline = page.split("History", 1)[1]
    assert timeline.index("Placed") < timeline.index("Confirmed")
    assert "WIT" in timeline


def test_admin_filters_orders_by_status_date_and_buyer(app, shop):
    coop, product, admin = shop.coop, shop.product, shop.admin
    dewi, budi = make_user("Dewi Lestari", email="dewi@hotel.example"), make_user("Budi")
    a, b = order_of(dewi, product, 20), order_of(budi, product, 20)
    b.created_at = utcnow() - timedelta(days=10)
    db.session.commit()
    client = client_for(app, admin)

    def listed(query: str) -> set[str]:
        page = client.get(f"/kelola/{coop.slug}/pesanan?{query}").get_data(as_text=True)
        return {n for n in (a.number, b.number) if n in page}

    assert listed("") == {a.number, b.number}
    assert listed("buyer=lestari") == {a.number}
    assert listed("buyer=HOTEL.example") == {a.number}
    assert listed("buyer=%25") == set()  # a LIKE wildcard is searched for literally
    today = local_today()
    assert listed(f"date_from={(today - timedelta(days=2)).isoformat()}") == {a.number}
    assert listed(f"date_to={(today - timedelta(days=5)).isoformat()}") == {b.number}
    assert listed("status=confirmed") == set()
    assert listed("status=nonsense") == {a.number, b.number}  # a bad filter is ignored
    assert listed("date_from=yesterday") == {a.number, b.number}


def _csv_rows(response) -> list[dict]:
    text = response.get_data().decode("utf-8-sig")  # Excel needs the byte order mark
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_streams_the_filtered_orders_formula_safe(app, shop):
    coop, product, admin = shop.coop, shop.product, shop.admin
    evil = make_user('=HYPERLINK("http://evil")', email="evil@example.com")
    plain = make_user('Siti, "Toko" Jaya')
    order_of(evil, product, 20, recipient_name="@SUM(A1)", po_number="-1+1")
    order_of(plain, product, 20, recipient_name="\uff1dcmd|' /C calc'!A0")
    client = client_for(app, admin)
    response = client.get(f"/kelola/{coop.slug}/pesanan.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv" and response.is_streamed
    assert "attachment" in response.headers["Content-Disposition"]
    rows = _csv_rows(response)
    assert len(rows) == 2
    by_email = {r["Buyer email"]: r for r in rows}
    assert by_email["evil@example.com"]["Buyer"] == '\'=HYPERLINK("http://evil")'
    assert by_email["evil@example.com"]["Recipient"] == "'@SUM(A1)"
    assert by_email["evil@example.com"]["PO number"] == "'-1+1"
    assert by_email[plain.email]["Buyer"] == 'Siti, "Toko" Jaya'
    assert by_email[plain.email]["Recipient"] == "'\uff1dcmd|' /C calc'!A0"  # full-width =
    assert by_email[plain.email]["Total"] == "1000000"
    # Readable phone numbers: national form, no apostrophe, the leading zero kept as text.
    assert by_email[plain.email]["Phone"] == "0813-1111-2222"
    assert by_email[plain.email]["Status"] == "Placed"
    assert by_email[plain.email]["Payment method"] == "Bank transfer"
    filtered = client.get(f"/kelola/{coop.slug}/pesanan.csv?buyer=evil")
    assert len(_csv_rows(filtered)) == 1


def test_csv_export_speaks_the_admins_language(app, shop):
    coop, product, admin = shop.coop, shop.product, shop.admin
    order_of(make_user(), product, 20)
    admin.locale = "id"
    db.session.commit()
    [row] = _csv_rows(client_for(app, admin).get(f"/kelola/{coop.slug}/pesanan.csv"))
    assert row["Status"] == "Dipesan"  # a label, not the stored code
    assert "Nomor pesanan" in row and "Telepon" in row and row["Telepon"] == "0813-1111-2222"
    assert row["Metode pembayaran"] == "Transfer bank"


def test_csv_export_and_list_are_only_for_the_cooperatives_admins(app, shop):
    coop, product = shop.coop, shop.product
    buyer = make_user()
    order_of(buyer, product, 20)
    other_admin = make_user()
    make_cooperative(admin=other_admin)
    for user in (buyer, other_admin, make_member(coop).user):
        client = client_for(app, user)
        assert client.get(f"/kelola/{coop.slug}/pesanan.csv").status_code == 404
        assert client.get(f"/kelola/{coop.slug}/pesanan").status_code == 404
    assert app.test_client().get(f"/kelola/{coop.slug}/pesanan.csv").status_code == 302


def test_csv_line_quotes_commas_quotes_and_newlines():
    line = csv_line(["a,b", 'say "hi"', "two\nlines"])
    assert next(csv.reader(io.StringIO(line))) == ["a,b", 'say "hi"', "two\nlines"]


def test_cooperative_sets_pkp_and_expiry_in_settings(app, shop):
    coop, product, admin = shop.coop, shop.product, shop.admin
    from tests.integration.cooperatives.test_cooperatives import settings_data

    coop.npwp = "0012345678901000"  # a PKP needs one (tests/integration/payments/test_documents.py)
    db.session.commit()
    client = client_for(app, admin)
    response = client.post(
        f"/kelola/{coop.slug}/pengaturan",
        data=settings_data(coop, is_pkp="y", unpaid_expiry_hours="48"),
    )
    assert response.status_code == 302
    db.session.refresh(coop)
    assert coop.is_pkp and coop.unpaid_expiry_hours == 48
    order = order_of(make_user(), product, 20)
    assert (order.subtotal, order.vat, order.total) == (1_000_000, 110_000, 1_110_000)
    bad = client.post(
        f"/kelola/{coop.slug}/pengaturan", data=settings_data(coop, unpaid_expiry_hours="0")
    )
    assert bad.status_code == 200 and "1 to 720 hours" in bad.get_data(as_text=True)
