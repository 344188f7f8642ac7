"""The platform admin suspends a verified cooperative and reinstates it, with a reason.

A suspended cooperative leaves the catalogue and takes no new orders; its open orders go on.
"""

import pytest
from sqlalchemy import select

from marketplace.admin import services
from marketplace.audit.models import AuditEvent
from marketplace.cooperatives.models import CooperativeStatus
from marketplace.errors import InvalidTransition, NotAllowed
from marketplace.extensions import db
from marketplace.notifications.models import Notification
from marketplace.payments.services import record_bank_transfer
from tests.factories import (
    client_for,
    db_state,
    english_user,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
    order_of,
)

SUSPEND = {"reason": "Izin usaha sedang diperiksa", "confirm": "y"}
REINSTATE = {"reason": "Izin usaha sudah lengkap", "confirm": "y"}


@pytest.fixture
def operator():
    return english_user("Operator Dinas", is_platform_admin=True)


@pytest.fixture
def chair():
    return english_user("Ketua")


@pytest.fixture
def coop(chair):
    return make_cooperative(admin=chair, name="Koperasi Boneka Bekasi")


@pytest.fixture
def product(coop):
    product = make_product(coop, name="Boneka Kelinci")
    make_offer(make_member(coop), product, 200)
    return product


@pytest.fixture
def buyer():
    return english_user("Pembeli")


def suspend(app, operator, coop, data=SUSPEND):
    return client_for(app, operator).post(f"/admin/koperasi/{coop.id}/tangguhkan", data=data)


def test_suspending_takes_the_cooperative_out_and_tells_its_admins_why(
    app, operator, chair, coop, product
):
    second_admin = english_user("Bendahara")
    make_member(coop, user=second_admin, role="admin")
    client = client_for(app, operator)
    page = client.get(f"/admin/koperasi/{coop.id}").get_data(as_text=True)
    assert "Reason for the suspension" in page and "I understand" in page
    response = client.post(f"/admin/koperasi/{coop.id}/tangguhkan", data=SUSPEND)
    assert response.status_code == 302
    db.session.expire_all()
    assert coop.status == CooperativeStatus.SUSPENDED and not coop.takes_orders
    assert coop.suspension_reason == SUSPEND["reason"] and coop.suspended_at is not None
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "cooperative.suspended")
    ).one()
    assert event.actor_id == operator.id and event.cooperative_id == coop.id
    assert event.before == {"status": "verified"}
    assert event.after == {"status": "suspended", "reason": SUSPEND["reason"]}
    notes = db.session.scalars(select(Notification).order_by(Notification.user_id)).all()
    assert {n.user_id for n in notes} == {chair.id, second_admin.id}
    assert all(n.kind == "cooperative.suspended" for n in notes)
    assert all(n.params["reason"] == SUSPEND["reason"] for n in notes)
    # The cooperative's admin sees the reason on the dashboard and in the notification.
    admin_client = client_for(app, chair)
    dashboard = admin_client.get(f"/kelola/{coop.slug}/").get_data(as_text=True)
    assert "Suspended." in dashboard and SUSPEND["reason"] in dashboard
    inbox = admin_client.get("/notifikasi/").get_data(as_text=True)
    assert "The platform admin suspended Koperasi Boneka Bekasi" in inbox


def test_a_suspended_cooperative_leaves_the_catalogue(app, client, operator, coop, product):
    assert "Boneka Kelinci" in client.get("/").get_data(as_text=True)
    suspend(app, operator, coop)
    assert "Boneka Kelinci" not in client.get("/").get_data(as_text=True)
    assert client.get(f"/produk/{coop.slug}/{product.slug}").status_code == 404
    assert client.get(f"/koperasi/{coop.slug}").status_code == 404


def test_a_suspended_cooperative_takes_no_new_orders(app, operator, coop, product, buyer):
    suspend(app, operator, coop)
    db.session.expire_all()
    before = db_state()
    with app.test_request_context(), pytest.raises(NotAllowed):
        order_of(buyer, product, 20)
    response = client_for(app, buyer).post(
        f"/keranjang/tambah/{coop.slug}/{product.slug}", data={"quantity": "20"}
    )
    assert response.status_code in (302, 404)
    assert db_state() == before


def test_open_orders_go_on_while_suspended(app, operator, chair, coop, product, buyer):
    with app.test_request_context():
        order = order_of(buyer, product, 20)
    suspend(app, operator, coop)
    db.session.expire_all()
    assert client_for(app, buyer).get(f"/pesanan/{order.number}").status_code == 200
    admin_client = client_for(app, chair)
    assert admin_client.get(f"/kelola/{coop.slug}/pesanan/{order.number}").status_code == 200
    with app.test_request_context():
        record_bank_transfer(
            order, chair, amount=order.total, received_on=order.cooperative.local_date()
        )
    db.session.expire_all()
    assert order.status == "confirmed"


def test_reinstating_brings_it_back_and_tells_its_admins(app, operator, chair, coop, product):
    suspend(app, operator, coop)
    client = client_for(app, operator)
    page = client.get(f"/admin/koperasi/{coop.id}").get_data(as_text=True)
    assert SUSPEND["reason"] in page and "Reason for reinstating" in page
    assert client.post(f"/admin/koperasi/{coop.id}/pulihkan", data=REINSTATE).status_code == 302
    db.session.expire_all()
    assert coop.status == CooperativeStatus.VERIFIED and coop.takes_orders
    assert coop.suspended_at is None and coop.suspension_reason is None
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "cooperative.verified")
    ).one()
    assert event.before == {"status": "suspended"}
    assert event.after == {"status": "verified", "reason": REINSTATE["reason"]}
    kinds = db.session.scalars(
        select(Notification.kind).where(Notification.user_id == chair.id).order_by(Notification.id)
    ).all()
    assert kinds == ["cooperative.suspended", "cooperative.reinstated"]
    assert "Boneka Kelinci" in app.test_client().get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": "Izin usaha sedang diperiksa"}, "Tick the box to confirm."),
        ({"reason": "   ", "confirm": "y"}, "Give a reason for the suspension."),
        ({"reason": "x" * 1001, "confirm": "y"}, "Field cannot be longer than 1000 characters."),
    ],
)
def test_suspending_needs_a_reason_and_a_confirmation(app, operator, coop, data, message):
    before = db_state()
    response = suspend(app, operator, coop, data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db_state() == before


def test_reinstating_needs_a_reason_and_a_confirmation(app, operator):
    coop = make_cooperative(status="suspended")
    client = client_for(app, operator)
    before = db_state()
    for data in ({"reason": "Sudah lengkap"}, {"reason": "", "confirm": "y"}):
        response = client.post(f"/admin/koperasi/{coop.id}/pulihkan", data=data)
        assert response.status_code == 200
    assert db_state() == before


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_only_a_verified_cooperative_can_be_suspended(app, operator, status):
    coop = make_cooperative(status=status)
    client = client_for(app, operator)
    before = db_state()
    response = client.post(
        f"/admin/koperasi/{coop.id}/tangguhkan", data=SUSPEND, follow_redirects=True
    )
    assert "Only a verified cooperative can be suspended." in response.get_data(as_text=True)
    assert db_state() == before
    with app.test_request_context(), pytest.raises(InvalidTransition):
        services.suspend_cooperative(coop, operator, "x")
    assert db_state() == before


@pytest.mark.parametrize("status", ["pending", "verified", "rejected"])
def test_only_a_suspended_cooperative_can_be_reinstated(app, operator, status):
    coop = make_cooperative(status=status)
    client = client_for(app, operator)
    before = db_state()
    response = client.post(
        f"/admin/koperasi/{coop.id}/pulihkan", data=REINSTATE, follow_redirects=True
    )
    assert "Only a suspended cooperative can be reinstated." in response.get_data(as_text=True)
    with app.test_request_context(), pytest.raises(InvalidTransition):
        services.reinstate_cooperative(coop, operator, "x")
    assert db_state() == before


# Who may not use these pages: tests/integration/security/test_admin_refusals.py (every admin
# endpoint x every outsider, nothing changed).


def test_verifying_a_cooperative_without_products_says_when_it_shows(app, operator):
    pending = make_cooperative(status="pending", name="Koperasi Baru")
    response = client_for(app, operator).post(
        f"/admin/koperasi/{pending.id}/verifikasi", follow_redirects=True
    )
    body = response.get_data(as_text=True)
    assert "Koperasi Baru is verified. It will show in the catalogue once it publishes" in body
    assert "is verified and in the catalogue" not in body


def test_verifying_a_cooperative_with_published_products_says_it_is_in_the_catalogue(app, operator):
    pending = make_cooperative(status="pending", name="Koperasi Siap")
    make_product(pending)
    response = client_for(app, operator).post(
        f"/admin/koperasi/{pending.id}/verifikasi", follow_redirects=True
    )
    assert "Koperasi Siap is verified and in the catalogue." in response.get_data(as_text=True)


def test_a_verified_cooperative_without_products_is_told_how_to_appear(app, chair, coop):
    page = client_for(app, chair).get(f"/kelola/{coop.slug}/").get_data(as_text=True)
    assert "will show in the catalogue once it publishes products" in page
    make_product(coop)
    page = client_for(app, chair).get(f"/kelola/{coop.slug}/").get_data(as_text=True)
    assert "Your published products appear in the catalogue." in page
