"""Rejected units nobody else can take: the admin gives them to a member by hand (issue 8,
item 10); members' earnings count accepted units only (item 9)."""

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from marketplace.audit.models import AuditEvent
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.finance.payout import payout_per_unit
from marketplace.fulfilment import services
from marketplace.fulfilment.models import Assignment
from marketplace.fulfilment.reasons import ASSIGNED_BY_ADMIN
from marketplace.labels import assignment_status_label
from marketplace.notifications.models import Notification
from marketplace.orders.models import OrderStatus
from marketplace.payments.services import record_bank_transfer
from tests.factories import (
    client_for,
    db_state,
    english_user,
    local_today,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
    order_of,
)


@pytest.fixture
def stuck():
    """34 units made by A; QC rejected 4 of them and the engine found nobody for those 4
    (B and C have no offer yet)."""
    admin = english_user("Admin")
    coop = make_cooperative(admin=admin, fee_rate_bp=1_000)
    product = make_product(coop, order_step=1, min_order_quantity=1)
    a, b, c = (
        make_member(coop, user=english_user(f"Member {n}"), business_name=f"Bengkel {n}")
        for n in "ABC"
    )
    make_offer(a, product, 34)
    buyer = english_user("Buyer")
    order = order_of(buyer, product, 34)
    record_bank_transfer(order, admin, amount=order.total, received_on=local_today())
    services.publish_allocation(order, admin)
    (work,) = db.session.scalars(select(Assignment)).all()
    services.accept_assignment(work, a.user)
    services.report_progress(work, a.user, "delivered_to_hub")
    services.record_quality_control(work, admin, 30, 4, "Jahitan lepas")
    make_offer(b, product, 2)
    make_offer(c, product, 10)
    db.session.refresh(order)
    return {
        "admin": admin,
        "coop": coop,
        "product": product,
        "order": order,
        "buyer": buyer,
        "a": a,
        "b": b,
        "c": c,
        "work": work,
    }


def _url(w) -> str:
    line = w["order"].lines[0]
    return f"/kelola/{w['coop'].slug}/pesanan/{w['order'].number}/baris/{line.id}/tugaskan"


def test_the_order_is_stuck_and_the_admin_sees_who_could_take_the_units(app, stuck):
    order = stuck["order"]
    assert order.status == OrderStatus.IN_PRODUCTION
    assert services.open_units(order.lines[0]) == 4
    admin = client_for(app, stuck["admin"])
    page = admin.get(f"/kelola/{stuck['coop'].slug}/pesanan/{order.number}").get_data(True)
    assert "4 units have no member yet." in page and _url(stuck) in page
    page = admin.get(_url(stuck)).get_data(as_text=True)
    table = page.split('id="hand-candidates"')[1].split("</table>")[0]
    # most capacity first: C (10), A (34 offered less 30 accepted), B (2)
    rows = [part.split('"')[0] for part in table.split('data-member="')[1:]]
    assert rows == [str(stuck["c"].id), str(stuck["a"].id), str(stuck["b"].id)]


def test_a_member_without_the_capacity_is_refused_and_nothing_changes(app, stuck):
    admin = client_for(app, stuck["admin"])
    before = db_state()
    response = admin.post(_url(stuck), data={"membership_id": stuck["b"].id, "quantity": 4})
    assert response.status_code == 200
    assert "This member can take only 2 more units of this product." in response.get_data(True)
    for data in (
        {"membership_id": stuck["c"].id, "quantity": 5},  # more than the 4 open
        {"membership_id": stuck["c"].id, "quantity": 0},
        {"membership_id": stuck["c"].id, "quantity": "empat"},
        {"membership_id": stuck["c"].id, "quantity": 10**30},
        {"membership_id": 10**30, "quantity": 4},
        {"membership_id": "x", "quantity": 4},
        {},
    ):
        assert admin.post(_url(stuck), data=data).status_code == 200, data
    assert db_state() == before


def test_the_admin_assigns_by_hand_and_the_order_can_become_ready(app, stuck):
    admin_client = client_for(app, stuck["admin"])
    c = stuck["c"]
    response = admin_client.post(_url(stuck), data={"membership_id": c.id, "quantity": 4})
    assert response.status_code == 302
    given = db.session.scalar(select(Assignment).where(Assignment.membership_id == c.id))
    assert (given.quantity, given.status, given.reason_code) == (4, "proposed", ASSIGNED_BY_ADMIN)
    assert given.payout_per_unit == payout_per_unit(50_000, 1_000) == 45_000
    assert given.respond_by > utcnow()
    notice = db.session.scalar(
        select(Notification).where(
            Notification.user_id == c.user_id, Notification.kind == "work.offered"
        )
    )
    assert notice is not None and notice.link == f"/pekerjaan/{given.id}"
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "allocation.assigned_by_hand")
    )
    assert event.actor_id == stuck["admin"].id and event.after["quantity"] == 4
    page = admin_client.get(f"/kelola/{stuck['coop'].slug}/pesanan/{stuck['order'].number}")
    assert "Assigned by hand" in page.get_data(True)
    assert "assigned by hand by the admin" in page.get_data(True)
    # nothing more to give
    again = admin_client.post(_url(stuck), data={"membership_id": c.id, "quantity": 1})
    assert "Assign between 1 and the 0 open units." in again.get_data(True) or (
        "Every unit of this line already has a member." in again.get_data(True)
    )
    services.accept_assignment(given, c.user)
    services.report_progress(given, c.user, "delivered_to_hub")
    services.record_quality_control(given, stuck["admin"], 4, 0)
    db.session.refresh(stuck["order"])
    assert stuck["order"].status == OrderStatus.READY


def test_another_orders_line_and_another_cooperatives_member_are_refused(app, stuck):
    other_admin = english_user("Other admin")
    other = make_cooperative(admin=other_admin)
    outsider = make_member(other, user=english_user("Outsider"))
    make_offer(outsider, make_product(other), 100)
    admin = client_for(app, stuck["admin"])
    before = db_state()
    wrong_line = _url(stuck).replace(f"/baris/{stuck['order'].lines[0].id}/", "/baris/999999/")
    assert (
        admin.post(wrong_line, data={"membership_id": stuck["c"].id, "quantity": 4}).status_code
        == 404
    )
    response = admin.post(_url(stuck), data={"membership_id": outsider.id, "quantity": 4})
    assert "Choose a member of this cooperative who offers this product." in response.get_data(True)
    assert db_state() == before


def test_earnings_count_accepted_units_only(app, stuck):
    work = stuck["work"]
    member = client_for(app, stuck["a"].user)
    expected = f"Rp{30 * 45_000:,}"  # English number format
    listing = member.get("/pekerjaan/").get_data(as_text=True)
    assert f'<span class="earnings">{expected}</span>' in listing
    assert "for 30 accepted units" in listing
    assert f"Rp{34 * 45_000:,}" not in listing
    detail = member.get(f"/pekerjaan/{work.id}").get_data(as_text=True)
    assert expected in detail.split('id="earnings">')[1].split("</dd>")[0]
    assert work.earnings == 30 * 45_000


def test_declined_and_partly_rejected_read_differently(app, stuck):
    with app.test_request_context(), force_locale("id"):
        labels = {
            s: assignment_status_label(s) for s in ("declined", "partly_rejected", "rejected")
        }
        assert labels == {
            "declined": "Tidak diambil anggota",
            "partly_rejected": "Sebagian tidak lolos QC",
            "rejected": "Tidak lolos QC",
        }
    page = client_for(app, stuck["a"].user).get("/pekerjaan/").get_data(as_text=True)
    assert "Partly failed QC" in page and "Turned down" not in page
