"""The cooperative admin records bank transfers; a fully paid order is confirmed."""

import pytest

from marketplace.catalogue.services import availability_for
from marketplace.extensions import db
from marketplace.orders.models import OrderStatus
from marketplace.payments.models import Payment
from tests.factories import (
    login,
    make_cooperative,
    make_member,
    make_user,
)
from tests.fixtures.scenarios import PlacedOrder, build_placed, build_shop


@pytest.fixture
def placed() -> PlacedOrder:
    """An order placed with a cooperative whose people read Indonesian (rupiah formats)."""
    return build_placed(build_shop(locale="id"))


def pay(client, coop, order, amount):
    return client.post(
        f"/kelola/{coop.slug}/pesanan/{order.number}",
        data={"amount": amount, "received_on": coop.local_date().isoformat(), "reference": "TRF"},
    )


def test_partial_transfers_add_up_and_confirm_the_order(client, placed):
    coop, order, admin = placed.coop, placed.order, placed.admin
    login(client, admin)
    assert order.total == 1_000_000
    pay(client, coop, order, "400.000")
    db.session.refresh(order)
    assert order.status == OrderStatus.PLACED and order.amount_paid == 400_000
    pay(client, coop, order, "600000")
    db.session.refresh(order)
    assert order.status == OrderStatus.CONFIRMED and order.confirmed_at is not None
    # Confirmed orders keep their reservation.
    assert availability_for([order.lines[0].product_id])[order.lines[0].product_id] == 180


def test_overpayment_is_shown(client, placed):
    coop, order, admin = placed.coop, placed.order, placed.admin
    login(client, admin)
    pay(client, coop, order, "1.100.000")
    page = client.get(f"/kelola/{coop.slug}/pesanan/{order.number}").get_data(as_text=True)
    assert "Rp100.000" in page


@pytest.mark.parametrize("amount", ["-5", "0", "abc", "", "99999999999999"])
def test_bad_amounts_are_refused(client, placed, amount):
    coop, order, admin = placed.coop, placed.order, placed.admin
    login(client, admin)
    assert pay(client, coop, order, amount).status_code == 200
    assert db.session.query(Payment).count() == 0


def test_who_may_not_record_a_payment(client, placed):
    coop, order, buyer = placed.coop, placed.order, placed.buyer
    other_admin = make_user("Other admin")
    make_cooperative(admin=other_admin)
    member = make_member(coop).user
    for user in (buyer, other_admin, member):
        login(client, user)
        assert pay(client, coop, order, "1000000").status_code == 404
        assert client.get(f"/kelola/{coop.slug}/pesanan").status_code == 404
        client.post("/akun/keluar")
    assert pay(client, coop, order, "1000000").status_code == 302  # anonymous: to login
    assert db.session.query(Payment).count() == 0
    db.session.refresh(order)
    assert order.status == OrderStatus.PLACED


def test_admin_of_another_cooperative_cannot_reach_order_through_own_slug(client, placed):
    order = placed.order
    other_admin = make_user("Other admin")
    other = make_cooperative(admin=other_admin)
    login(client, other_admin)
    assert client.get(f"/kelola/{other.slug}/pesanan/{order.number}").status_code == 404
    assert pay(client, other, order, "1000000").status_code == 404
    assert db.session.query(Payment).count() == 0


def test_order_list_filters_by_status(client, placed):
    coop, order, admin = placed.coop, placed.order, placed.admin
    login(client, admin)
    assert order.number in client.get(f"/kelola/{coop.slug}/pesanan").get_data(as_text=True)
    confirmed = client.get(f"/kelola/{coop.slug}/pesanan?status=confirmed").get_data(as_text=True)
    assert order.number not in confirmed
