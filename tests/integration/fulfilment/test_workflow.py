"""The fulfilment workflow after the engine's proposal: edit and publish, answers, expiry,
re-allocation, progress, quality control, and who may not do any of it."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from marketplace.audit.models import AuditEvent
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.fulfilment import services
from marketplace.fulfilment.allocation import Reason
from marketplace.fulfilment.models import Assignment
from marketplace.fulfilment.reasons import SET_BY_ADMIN
from marketplace.notifications.models import Notification
from marketplace.orders.models import OrderStatus
from marketplace.payments.services import record_bank_transfer
from tests.factories import (
    client_for,
    db_state,
    english_user,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
)
from tests.integration.fulfilment.test_fulfilment import _order, allocate_url, proposed_form


@pytest.fixture
def world():
    admin = english_user("Admin")
    coop = make_cooperative(admin=admin, answer_deadline_hours=24)
    product = make_product(coop)
    members = [
        make_member(coop, user=english_user(f"Member {n}"), business_name=f"Bengkel {n}")
        for n in "ABC"
    ]
    for m in members:
        make_offer(m, product, 100, min_lot=10)
    buyer = english_user("Buyer")
    order = _order(product, buyer, 120, "wf")
    record_bank_transfer(
        order, admin, amount=order.total, received_on=order.cooperative.local_date()
    )
    return {"admin": admin, "coop": coop, "product": product, "members": members, "order": order}


def _publish(app, w, **overrides):
    client = client_for(app, w["admin"])
    response = client.post(
        allocate_url(w["coop"], w["order"]), data=proposed_form(w["order"], **overrides)
    )
    return client, response


def _assignment(member, status="proposed"):
    return db.session.scalars(
        select(Assignment)
        .where(Assignment.membership_id == member.id, Assignment.status == status)
        .order_by(Assignment.id.desc())
    ).first()


def _statuses():
    db.session.expire_all()
    return sorted((a.membership_id, a.quantity, a.status) for a in db.session.query(Assignment))


def test_edited_shares_are_checked_row_by_row_and_nothing_changes(app, world):
    a, b, c = world["members"]
    before = db_state()
    _, response = _publish(app, world, **{str(a.id): "150", str(b.id): "5", str(c.id): "40"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "More than this member can take: capacity 100." in page
    assert "Less than this member&#39;s minimum lot: enter 0 or at least 10." in page
    assert "The shares add up to 195: 75 more than the 120 ordered." in page
    _, response = _publish(app, world, **{str(a.id): "40", str(b.id): "40", str(c.id): "0"})
    assert "The shares add up to 80: 40 short of the 120 ordered." in response.get_data(
        as_text=True
    )
    assert db_state() == before


def test_admin_edits_publishes_and_members_are_notified(app, world):
    a, b, c = world["members"]
    _, response = _publish(app, world, **{str(a.id): "60", str(b.id): "30", str(c.id): "30"})
    assert response.status_code == 302
    assert _statuses() == sorted(
        [(a.id, 60, "proposed"), (b.id, 30, "proposed"), (c.id, 30, "proposed")]
    )
    first = _assignment(a)
    assert first.reason == Reason(SET_BY_ADMIN, {"units": 40}) and not first.reoffered
    assert first.respond_by > utcnow() + timedelta(hours=23)
    assert (
        db.session.query(Notification).filter_by(user_id=a.user_id, kind="work.offered").count()
        == 1
    )
    db.session.refresh(world["order"])
    assert world["order"].status == OrderStatus.ALLOCATING
    member = client_for(app, a.user)
    page = member.get("/notifikasi/").get_data(as_text=True)
    assert "New work for you: 60 pcs of Boneka Beruang" in page
    assert f'href="/pekerjaan/{first.id}"' in page
    assert member.get(f"/pekerjaan/{first.id}").status_code == 200
    nav = member.get("/pekerjaan/").get_data(as_text=True)
    assert 'id="nav-notifications">Notifications <span' in nav
    member.post("/notifikasi/baca")
    assert (
        "<span"
        not in member.get("/pekerjaan/")
        .get_data(as_text=True)
        .split('id="nav-notifications">')[1]
        .split("</a>")[0]
    )


def test_decline_is_reoffered_accepts_start_production_and_qc_rejection_is_reoffered(app, world):
    a, b, c = world["members"]
    admin = world["admin"]
    _publish(app, world)
    clients = {m.id: client_for(app, m.user) for m in world["members"]}
    assert clients[a.id].post(f"/pekerjaan/{_assignment(a).id}/terima").status_code == 302
    clients[b.id].post(f"/pekerjaan/{_assignment(b).id}/tolak", data={"reason": "Mesin rusak"})
    # B's 40 units went to A and C (the members that remain), 20 each.
    assert _statuses() == sorted(
        [
            (a.id, 40, "accepted"),
            (b.id, 40, "declined"),
            (c.id, 40, "proposed"),
            (a.id, 20, "proposed"),
            (c.id, 20, "proposed"),
        ]
    )
    assert (
        db.session.query(Notification).filter_by(user_id=admin.id, kind="admin.declined").count()
        == 1
    )
    for m in (a, c):
        for assignment in db.session.scalars(
            select(Assignment).where(
                Assignment.membership_id == m.id, Assignment.status == "proposed"
            )
        ).all():
            clients[m.id].post(f"/pekerjaan/{assignment.id}/terima")
    db.session.refresh(world["order"])
    assert world["order"].status == OrderStatus.IN_PRODUCTION
    for assignment in db.session.scalars(
        select(Assignment).where(Assignment.status == "accepted")
    ).all():
        clients[assignment.membership_id].post(
            f"/pekerjaan/{assignment.id}/progres", data={"status": "delivered_to_hub"}
        )
    admin_client = client_for(app, admin)
    base = f"/kelola/{world['coop'].slug}/pesanan/{world['order'].number}"
    hub = _assignment(a, "delivered_to_hub")
    response = admin_client.post(
        f"{base}/penugasan/{hub.id}/qc",
        data={"accepted_quantity": hub.quantity - 10, "rejected_quantity": 10, "qc_reason": ""},
    )
    assert "Say why units were rejected." in response.get_data(as_text=True)
    admin_client.post(
        f"{base}/penugasan/{hub.id}/qc",
        data={
            "accepted_quantity": hub.quantity - 10,
            "rejected_quantity": 10,
            "qc_reason": "Jahitan lepas",
        },
    )
    # A had units rejected and B declined: C is the one left for the 10 rejected units.
    reoffered = _assignment(c)
    assert reoffered.quantity == 10 and reoffered.reoffered
    clients[c.id].post(f"/pekerjaan/{reoffered.id}/terima")
    clients[c.id].post(f"/pekerjaan/{reoffered.id}/progres", data={"status": "delivered_to_hub"})
    for assignment in db.session.scalars(
        select(Assignment).where(Assignment.status == "delivered_to_hub")
    ).all():
        admin_client.post(
            f"{base}/penugasan/{assignment.id}/qc",
            data={"accepted_quantity": assignment.quantity, "rejected_quantity": 0},
        )
    db.session.refresh(world["order"])
    assert world["order"].status == OrderStatus.READY
    assert services.accepted_units(world["order"].lines[0]) == 120
    page = admin_client.get(base).get_data(as_text=True)
    assert 'id="allocation-history"' in page and "after a rejection at quality control" in page
    assert "Jahitan lepas" in page and "Mesin rusak" in page
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {
        "allocation.published",
        "assignment.accepted",
        "assignment.declined",
        "allocation.reallocated",
        "assignment.checked",
        "order.in_production",
        "order.ready",
    } <= actions


def test_overdue_answers_expire_from_the_command_and_are_reoffered(app, world):
    a, b, c = world["members"]
    _publish(app, world)
    late = _assignment(a)
    late.respond_by = utcnow() - timedelta(minutes=1)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["fulfilment", "expire-overdue"])
    assert result.exit_code == 0 and "1 overdue" in result.output
    assert _assignment(a, "expired") is not None
    assert sorted(
        x.quantity
        for x in db.session.scalars(select(Assignment).where(Assignment.status == "proposed"))
    ) == [20, 20, 40, 40]
    assert (
        db.session.query(Notification).filter_by(user_id=a.user_id, kind="work.expired").count()
        == 1
    )
    response = client_for(app, a.user).post(f"/pekerjaan/{late.id}/terima")
    assert response.status_code == 302 and _assignment(a, "expired").id == late.id


def test_accepting_never_promises_more_than_the_offer(app, world):
    a, *_ = world["members"]
    _publish(app, world)
    offer = a.user.memberships[0]
    from marketplace.cooperatives.models import SupplyOffer

    supply = db.session.scalar(select(SupplyOffer).where(SupplyOffer.membership_id == a.id))
    supply.units_available = 30  # lowered after the proposal of 40
    db.session.commit()
    before = db_state()
    page = client_for(app, a.user).post(
        f"/pekerjaan/{_assignment(a).id}/terima", follow_redirects=True
    )
    assert "your supply offer covers 30 more units by" in page.get_data(as_text=True)
    assert db_state() == before
    assert offer is not None


def test_who_may_not(app, world):
    a, b, _ = world["members"]
    _publish(app, world)
    coop, order = world["coop"], world["order"]
    mine = _assignment(a)
    other_admin = english_user("Other admin")
    other = make_cooperative(admin=other_admin)
    base = f"/kelola/{coop.slug}/pesanan/{order.number}"
    other_base = f"/kelola/{other.slug}/pesanan/{order.number}"
    outsiders = [english_user("Buyer 2"), b.user, other_admin]
    clients = [client_for(app, user) for user in outsiders]
    other_client = clients[-1]
    admin_client = client_for(app, world["admin"])
    before = db_state()
    anonymous = app.test_client()
    for path in (f"/pekerjaan/{mine.id}", f"{base}/penugasan/{mine.id}/qc"):
        assert anonymous.get(path).status_code == 302  # to the log-in page
    assert anonymous.post(f"/pekerjaan/{mine.id}/terima").status_code == 302
    for client in clients:
        assert client.get(f"/pekerjaan/{mine.id}").status_code == 404
        for action in ("terima", "tolak", "progres"):
            assert (
                client.post(
                    f"/pekerjaan/{mine.id}/{action}", data={"status": "in_production"}
                ).status_code
                == 404
            )
        assert client.get(f"{base}/penugasan/{mine.id}/qc").status_code == 404
        assert (
            client.post(
                f"{base}/penugasan/{mine.id}/qc",
                data={"accepted_quantity": 1, "rejected_quantity": 0},
            ).status_code
            == 404
        )
        assert client.post(f"{base}/tawarkan-ulang").status_code == 404
        assert client.get(base).status_code == 404
        assert "Bengkel A" not in client.get("/pekerjaan/").get_data(as_text=True)
    assert other_client.get(f"{other_base}/penugasan/{mine.id}/qc").status_code == 404
    assert other_client.post(f"{other_base}/tawarkan-ulang").status_code == 404
    assert other_client.get(f"{other_base}/alokasi").status_code == 404
    assert (
        admin_client.get(f"/pekerjaan/{mine.id}").status_code == 404
    )  # admins do not answer for members
    assert db_state() == before


@pytest.mark.postgres
def test_concurrent_accepts_never_promise_more_than_declared(app):
    import threading

    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs PostgreSQL (TEST_DATABASE_URL): SQLite serialises writers anyway")
    admin = english_user("Admin")
    coop = make_cooperative(admin=admin)
    product = make_product(coop)
    member = make_member(coop)
    supply = make_offer(member, product, 200)  # enough to place the orders; lowered below
    buyer = english_user("Buyer")
    assignment_ids = []
    for n in range(8):
        order = _order(product, buyer, 20, f"c{n}")
        record_bank_transfer(
            order, admin, amount=order.total, received_on=order.cooperative.local_date()
        )
        order.status = OrderStatus.ALLOCATING
        assignment = Assignment(
            order_line=order.lines[0],
            membership_id=member.id,
            quantity=20,
            payout_per_unit=1,
            respond_by=utcnow() + timedelta(hours=1),
        )
        db.session.add(assignment)
        db.session.commit()
        assignment_ids.append(assignment.id)
    supply.units_available = 50
    db.session.commit()
    barrier = threading.Barrier(len(assignment_ids))
    outcomes = []

    def answer(assignment_id):
        with app.app_context():
            assignment = db.session.get(Assignment, assignment_id)
            user = assignment.membership.user
            barrier.wait()
            try:
                services.accept_assignment(assignment, user)
                outcomes.append("ok")
            except Exception as exc:  # noqa: BLE001 - the refusal is the point
                outcomes.append(type(exc).__name__)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=answer, args=(i,)) for i in assignment_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    db.session.expire_all()
    accepted = db.session.scalars(select(Assignment).where(Assignment.status == "accepted")).all()
    assert sum(a.quantity for a in accepted) <= 50
    assert outcomes.count("ok") == 2 and outcomes.count("InsufficientCapacity") == 6
