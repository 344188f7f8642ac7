"""Money to members: earnings from QC, deductions, payout batches, statements, the
cooperative's report, and who may not see or do any of it (nothing changes)."""

from datetime import date

import pytest
from babel.dates import format_date
from sqlalchemy import func, select

from marketplace.audit.models import AuditEvent
from marketplace.cooperatives.models import Cooperative
from marketplace.extensions import db
from marketplace.finance import queries, shu_queries
from marketplace.finance.models import LedgerEntry, PayoutBatch, PayoutLine
from marketplace.fulfilment import services as work
from marketplace.fulfilment.models import Assignment
from marketplace.notifications.models import Notification
from marketplace.payments.models import Payment
from marketplace.payments.refunds import refund_payment
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
from tests.integration.finance.demo_checks import assert_demo_shu_follows_the_method

PRICE = 50_000  # the product's unit price for 40 units
FEE_BP = 1_000  # 10%: the member earns 45,000 a unit


def confirmed_order(coop, admin, product, quantity=40):
    order = order_of(english_user("Buyer"), product, quantity)
    record_bank_transfer(order, admin, amount=order.total, received_on=coop.local_date())
    return order


def assignment_of(membership, order) -> Assignment:
    return db.session.scalars(
        select(Assignment)
        .where(Assignment.membership_id == membership.id, Assignment.status == "proposed")
        .order_by(Assignment.id)
    ).first()


def deliver_and_check(assignment, admin, accepted, rejected=0):
    member = assignment.membership.user
    work.accept_assignment(assignment, member)
    work.report_progress(assignment, member, "delivered_to_hub")
    work.record_quality_control(assignment, admin, accepted, rejected, "torn" if rejected else "")


@pytest.fixture
def books():
    """Bekasi-like: 10% fee, two members who split 40 units 20/20 and delivered them."""
    admin = english_user("Treasurer")
    coop = make_cooperative(admin=admin, fee_rate_bp=FEE_BP)
    product = make_product(coop)
    a = make_member(coop, user=english_user("Ani"), business_name="Boneka Ani")
    b = make_member(coop, user=english_user("Budi"), business_name="Boneka Budi")
    for m in (a, b):
        make_offer(m, product, 100)
    order = confirmed_order(coop, admin, product)
    work.publish_allocation(order, admin)
    first_a, first_b = assignment_of(a, order), assignment_of(b, order)
    assert first_a.payout_per_unit == 45_000
    return {
        "admin": admin,
        "coop": coop,
        "product": product,
        "a": a,
        "b": b,
        "order": order,
        "assignments": (first_a, first_b),
    }


def _checked(books, a_accepted=20, b_accepted=15):
    first_a, first_b = books["assignments"]
    deliver_and_check(first_a, books["admin"], a_accepted, first_a.quantity - a_accepted)
    deliver_and_check(first_b, books["admin"], b_accepted, first_b.quantity - b_accepted)
    return books


def earnings_of(membership) -> list[int]:
    return list(
        db.session.scalars(
            select(LedgerEntry.amount).where(
                LedgerEntry.membership_id == membership.id, LedgerEntry.kind == "earning"
            )
        )
    )


def test_accepted_units_earn_the_payout_fixed_when_assigned(books):
    books["coop"].fee_rate_bp = 3_000  # changed after assignment: work in hand keeps 45,000
    db.session.commit()
    _checked(books, a_accepted=20, b_accepted=15)
    assert earnings_of(books["a"]) == [20 * 45_000]
    assert earnings_of(books["b"]) == [15 * 45_000]  # the 5 rejected earn nothing
    assert queries.balance(books["b"].id) == 675_000
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.action == "ledger.earning")
    ).all()
    assert len(actions) == 2
    # the re-offer of the 5 rejected units is priced with today's fee: 50,000 less 30%
    reoffered = db.session.scalars(select(Assignment).where(Assignment.reoffered.is_(True))).first()
    assert reoffered.payout_per_unit == 35_000


def test_wholly_rejected_work_writes_no_entry(books):
    first_a, _ = books["assignments"]
    deliver_and_check(first_a, books["admin"], 0, first_a.quantity)
    assert earnings_of(books["a"]) == []


def test_the_member_price_is_the_payout_and_members_see_it_before_accepting(app):
    admin = english_user("Admin")
    coop = make_cooperative(admin=admin, fee_rate_bp=FEE_BP)
    product = make_product(coop, member_price=30_000)
    member = make_member(coop, user=english_user("Citra"))
    make_offer(member, product, 100)
    order = confirmed_order(coop, admin, product)
    work.publish_allocation(order, admin)
    assignment = assignment_of(member, order)
    assert assignment.payout_per_unit == 30_000
    page = client_for(app, member.user).get(f"/anggota/{coop.slug}/keuangan")
    assert "You earn Rp30,000 per unit" in page.get_data(as_text=True)
    detail = client_for(app, member.user).get(f"/pekerjaan/{assignment.id}")
    assert "Rp30,000" in detail.get_data(as_text=True)


def test_a_statement_balances_to_the_rupiah(app, books):
    _checked(books)
    admin, a, coop = books["admin"], books["a"], books["coop"]
    client = client_for(app, admin)
    response = client.post(
        f"/kelola/{coop.slug}/keuangan/anggota/{a.id}/potongan",
        data={"amount": "125.000", "reason": "Dacron filling 5 kg"},
    )
    assert response.status_code == 302
    response = client.post(
        f"/kelola/{coop.slug}/keuangan/pembayaran", data={f"amount_{a.id}": "500000"}
    )
    assert response.status_code == 302
    line = db.session.scalars(select(PayoutLine)).one()
    response = client.post(
        f"/kelola/{coop.slug}/keuangan/pembayaran/{line.batch_id}/baris/{line.id}/lunas",
        data={"reference": "BRI-20261201-0042"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert line.status == "paid" and line.batch.status == "paid"
    expected = 20 * 45_000 - 125_000 - 500_000
    assert queries.balance(a.id) == expected
    rows = queries.statement(a)
    assert [r.running_balance for r in rows] == [900_000, 775_000, 275_000]
    note = db.session.scalars(
        select(Notification).where(
            Notification.user_id == a.user_id, Notification.kind == "member.paid"
        )
    ).one()
    assert note.params["amount"] == 500_000

    member = client_for(app, a.user)
    page = member.get(f"/anggota/{coop.slug}/keuangan/laporan").get_data(as_text=True)
    assert "Rp275,000" in page and "BRI-20261201-0042" in page and "Dacron filling 5 kg" in page
    csv = member.get(f"/anggota/{coop.slug}/keuangan/laporan.csv").get_data(as_text=True)
    assert csv.splitlines()[-1].endswith(",0,500000,275000")
    pdf = member.get(f"/anggota/{coop.slug}/keuangan/laporan.pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    home = member.get(f"/anggota/{coop.slug}/keuangan").get_data(as_text=True)
    assert "Rp275,000" in home and "Rp900,000" in home  # balance, earned this month


def test_a_payout_never_exceeds_what_is_owed_and_a_line_is_paid_once(app, books):
    _checked(books)
    admin, a, coop = books["admin"], books["a"], books["coop"]
    client = client_for(app, admin)
    before = db_state()
    response = client.post(
        f"/kelola/{coop.slug}/keuangan/pembayaran", data={f"amount_{a.id}": "900001"}
    )
    assert response.status_code == 422
    assert "is owed Rp900,000: a payout cannot be more." in response.get_data(as_text=True)
    response = client.post(f"/kelola/{coop.slug}/keuangan/pembayaran", data={})
    assert response.status_code == 422
    assert db_state() == before
    client.post(f"/kelola/{coop.slug}/keuangan/pembayaran", data={f"amount_{a.id}": "900000"})
    # a second batch while the first is not paid yet: nothing left to pay
    before = db_state()
    response = client.post(f"/kelola/{coop.slug}/keuangan/pembayaran", data={f"amount_{a.id}": "1"})
    assert response.status_code == 422
    assert db_state() == before
    line = db.session.scalars(select(PayoutLine)).one()
    url = f"/kelola/{coop.slug}/keuangan/pembayaran/{line.batch_id}/baris/{line.id}/lunas"
    client.post(url, data={"reference": "TRF-1"})
    before = db_state()
    client.post(url, data={"reference": "TRF-2"})
    client.post(url, data={"reference": ""})
    assert db_state() == before
    assert queries.balance(a.id) == 0


def test_a_deduction_after_a_batch_stops_the_transfer_being_marked_paid(app, books):
    _checked(books)
    admin, a, coop = books["admin"], books["a"], books["coop"]
    client = client_for(app, admin)
    client.post(f"/kelola/{coop.slug}/keuangan/pembayaran", data={f"amount_{a.id}": "900000"})
    client.post(
        f"/kelola/{coop.slug}/keuangan/anggota/{a.id}/potongan",
        data={"amount": "1000", "reason": "Thread"},
    )
    line = db.session.scalars(select(PayoutLine)).one()
    before = db_state()
    response = client.post(
        f"/kelola/{coop.slug}/keuangan/pembayaran/{line.batch_id}/baris/{line.id}/lunas",
        data={"reference": "TRF-1"},
        follow_redirects=True,
    )
    assert "no longer covers this transfer" in response.get_data(as_text=True)
    assert db_state() == before


def test_deduction_form_messages(app, books):
    coop, a = books["coop"], books["a"]
    client = client_for(app, books["admin"])
    before = db_state()
    url = f"/kelola/{coop.slug}/keuangan/anggota/{a.id}/potongan"
    for data, message in [
        ({"amount": "", "reason": "x"}, "This field is required."),
        ({"amount": "abc", "reason": "x"}, "Enter a whole number."),
        ({"amount": "0", "reason": "x"}, "Enter the amount in whole rupiah."),
        ({"amount": "9" * 40, "reason": "x"}, "This number is too large."),
        ({"amount": "1000", "reason": "  "}, "This field is required."),
    ]:
        response = client.post(url, data=data)
        assert response.status_code == 200
        assert message in response.get_data(as_text=True)
    assert db_state() == before


def test_the_cooperative_report(app, books):
    _checked(books)
    coop = books["coop"]
    page = client_for(app, books["admin"]).get(f"/kelola/{coop.slug}/keuangan")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    # fees: 35 accepted units x 5,000 kept; members earned 35 x 45,000
    assert "Rp175,000" in text and "Rp1,575,000" in text
    work_rows = {w.membership.id: w for w in queries.member_work(coop)}
    b = work_rows[books["b"].id]
    assert (b.delivered, b.accepted, b.rejected, b.earned, b.paid) == (20, 15, 5, 675_000, 0)
    (month,) = queries.monthly_figures(coop)
    year, number = map(int, month.month.split("-"))
    months = text.split('id="months"', 1)[1].split("</section>", 1)[0]
    assert format_date(date(year, number, 1), "MMM yyyy", locale="en") in months
    assert month.month not in months  # a month is named as people say it, not 2026-12


def test_a_refund_after_accepted_work_leaves_members_their_earnings(app, books):
    _checked(books)
    order = books["order"]
    payment_id = db.session.scalar(select(Payment.id).where(Payment.order_id == order.id))
    refund_payment(order, payment_id, books["admin"], amount=order.total, reason="Buyer left")
    assert queries.balance(books["a"].id) == 900_000
    report = queries.refunded_orders_with_earnings(books["coop"])
    assert [(r.order_number, r.members_earned) for r in report] == [(order.number, 1_575_000)]
    page = client_for(app, books["admin"]).get(f"/kelola/{books['coop'].slug}/keuangan")
    assert "the cooperative bears the loss" in page.get_data(as_text=True)


def test_fee_setting_and_member_price_are_checked(app, books):
    coop, product = books["coop"], books["product"]
    client = client_for(app, books["admin"])
    page = client.get(f"/kelola/{coop.slug}/pengaturan").get_data(as_text=True)
    assert 'name="fee_rate_bp"' in page and 'value="1000"' in page
    page = client.get(f"/kelola/{coop.slug}/produk/{product.id}/ubah").get_data(as_text=True)
    assert 'name="member_price"' in page


# --- who may not ------------------------------------------------------------------------------


def _outsiders(books):
    other_admin = english_user("Other admin")
    make_cooperative(admin=other_admin)
    return {
        "member": books["a"].user,
        "other member": books["b"].user,
        "other cooperative's admin": other_admin,
        "buyer": english_user("Someone"),
    }


@pytest.mark.parametrize(
    "who", ["member", "other member", "other cooperative's admin", "buyer", "anonymous"]
)
def test_only_the_cooperatives_admins_see_and_change_the_books(app, books, who):
    _checked(books)
    coop, a = books["coop"], books["a"]
    client_for(app, books["admin"]).post(
        f"/kelola/{coop.slug}/keuangan/pembayaran", data={f"amount_{a.id}": "100000"}
    )
    line = db.session.scalars(select(PayoutLine)).one()
    someone = _outsiders(books).get(who)
    client = client_for(app, someone) if someone else app.test_client()
    base = f"/kelola/{coop.slug}/keuangan"
    before = db_state()
    for method, url, data in [
        ("get", base, None),
        ("get", f"{base}/anggota/{a.id}", None),
        ("get", f"{base}/anggota/{a.id}/laporan.csv", None),
        ("get", f"{base}/anggota/{a.id}/laporan.pdf", None),
        ("get", f"{base}/pembayaran/{line.batch_id}", None),
        ("post", f"{base}/anggota/{a.id}/potongan", {"amount": "1000", "reason": "x"}),
        ("post", f"{base}/pembayaran", {f"amount_{a.id}": "1000"}),
        ("post", f"{base}/pembayaran/{line.batch_id}/baris/{line.id}/lunas", {"reference": "X"}),
    ]:
        response = getattr(client, method)(url, data=data)
        expected = (302,) if someone is None else (404,)
        assert response.status_code in expected, (url, response.status_code)
    assert db_state() == before


def test_a_member_sees_only_their_own_money(app, books):
    _checked(books)
    coop, a, b = books["coop"], books["a"], books["b"]
    page = client_for(app, b.user).get(f"/anggota/{coop.slug}/keuangan/laporan")
    text = page.get_data(as_text=True)
    assert "Rp675,000" in text and "Rp900,000" not in text
    other_admin = english_user("Other admin")
    make_cooperative(admin=other_admin)
    for user in (other_admin, books["admin"], english_user("Buyer 2")):
        client = client_for(app, user)
        for suffix in ("", "/laporan", "/laporan.csv", "/laporan.pdf"):
            assert client.get(f"/anggota/{coop.slug}/keuangan{suffix}").status_code == 404
    # an admin of another cooperative cannot open this cooperative's member by id
    other = make_cooperative(admin=english_user("Third"))
    assert (
        client_for(app, other_admin)
        .get(f"/kelola/{other.slug}/keuangan/anggota/{a.id}")
        .status_code
        == 404
    )
    # the treasurer cannot pay a member of another cooperative through its own form
    stranger = make_member(other, user=english_user("Stranger"))
    before = db_state()
    response = client_for(app, books["admin"]).post(
        f"/kelola/{coop.slug}/keuangan/pembayaran", data={f"amount_{stranger.id}": "1000"}
    )
    assert response.status_code == 422
    assert db_state() == before
    assert db.session.scalar(select(func.count(PayoutBatch.id))) == 0


def test_the_demo_bekasi_books_balance_to_the_rupiah(app):
    from marketplace.demo import seed_demo

    with app.test_request_context():
        seed_demo()
        seed_demo()  # safe to repeat: nothing is paid twice
    coop = db.session.scalar(select(Cooperative).where(Cooperative.slug == "kopbon-bekasi"))
    kinds = set(
        db.session.scalars(select(LedgerEntry.kind).where(LedgerEntry.cooperative_id == coop.id))
    )
    assert kinds == {"earning", "deduction", "payout", "shu"}  # the SHU of 2025 (demo_shu)
    assert db.session.scalars(select(PayoutBatch.status)).all() == ["paid"]
    for m in queries.member_balances(coop):
        checked = db.session.scalars(
            select(Assignment).where(
                Assignment.membership_id == m.membership.id, Assignment.checked_at.is_not(None)
            )
        ).all()
        earned = sum(a.accepted_quantity * a.payout_per_unit for a in checked)
        shu = sum(share.total for _year, share in shu_queries.member_shares(m.membership))
        assert m.balance == earned + shu - m.deducted - m.paid
        rows = queries.statement(m.membership)
        assert (rows[-1].running_balance if rows else 0) == m.balance
    assert any(m.paid and m.deducted for m in queries.member_balances(coop))
    assert_demo_shu_follows_the_method(coop)


def test_the_fee_setting_refuses_what_is_not_a_fee(app, books):
    """A NumberRange message with a bare per cent sign crashed WTForms' formatting (500)."""
    from tests.integration.cooperatives.test_cooperatives import settings_data

    coop = books["coop"]
    client = client_for(app, books["admin"])
    before = db_state()
    for value, message in [
        ("10001", "Enter a number from 0 to 10,000."),
        ("-1", "Enter a number from 0 to 10,000."),
        ("abc", "Enter a whole number."),
    ]:
        response = client.post(
            f"/kelola/{coop.slug}/pengaturan", data=settings_data(coop, fee_rate_bp=value)
        )
        assert response.status_code == 200, value
        assert message in response.get_data(as_text=True)
    assert db_state() == before
    response = client.post(
        f"/kelola/{coop.slug}/pengaturan", data=settings_data(coop, fee_rate_bp="1500")
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert coop.fee_rate_bp == 1_500
