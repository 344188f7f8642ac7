"""Savings (simpanan): deposits and withdrawals per kind, the settings and who is behind on
wajib, the member's own page, and who may not (nothing changes)."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from marketplace.audit.models import AuditEvent
from marketplace.errors import ValidationFailed
from marketplace.extensions import db
from marketplace.finance import savings_queries
from marketplace.finance import savings_services as savings
from marketplace.finance.savings_models import SavingsEntry
from tests.factories import client_for, db_state, english_user, make_cooperative, make_member
from tests.fixtures.refusals import assert_refused
from tests.integration.finance.shu_support import build_books, deposit


@pytest.fixture
def books():
    return build_books()


def _balances(membership):
    found = savings_queries.member_savings(membership.cooperative, [membership.id])[0]
    return found.pokok, found.wajib, found.sukarela


def test_each_kind_is_a_ledger_and_sukarela_can_be_withdrawn(books):
    today = books.coop.local_date()
    deposit(books.a, books.admin, "pokok", 100_000, today)
    deposit(books.a, books.admin, "wajib", 50_000, today)
    deposit(books.a, books.admin, "sukarela", 200_000, today)
    deposit(books.a, books.admin, "sukarela", 75_000, today, withdrawal=True)
    assert _balances(books.a) == (100_000, 50_000, 125_000)
    amounts = db.session.scalars(
        select(SavingsEntry.amount).where(SavingsEntry.membership_id == books.a.id)
    ).all()
    assert sorted(amounts) == [-75_000, 50_000, 100_000, 200_000]
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.action.like("savings.%"))
    ).all()
    assert sorted(actions) == ["savings.deposit"] * 3 + ["savings.withdrawal"]


@pytest.mark.parametrize(
    ("kind", "held", "withdraw", "field"),
    [
        ("sukarela", 100_000, 100_001, "amount"),  # below zero
        ("sukarela", 0, 1, "amount"),
        ("pokok", 100_000, 1, "kind"),  # a current member withdraws only sukarela
        ("wajib", 100_000, 1, "kind"),
    ],
)
def test_refused_withdrawals_change_nothing(books, kind, held, withdraw, field):
    today = books.coop.local_date()
    if held:
        deposit(books.a, books.admin, kind, held, today)
    before = db_state()
    with pytest.raises(ValidationFailed) as refused:
        deposit(books.a, books.admin, kind, withdraw, today, withdrawal=True)
    assert refused.value.field == field
    assert db_state() == before


def test_a_member_who_left_may_withdraw_pokok_and_wajib_but_not_below_zero(books):
    today = books.coop.local_date()
    deposit(books.a, books.admin, "pokok", 100_000, today)
    books.a.status = "inactive"
    db.session.commit()
    with pytest.raises(ValidationFailed) as refused:  # below zero
        deposit(books.a, books.admin, "pokok", 100_001, today, withdrawal=True)
    assert refused.value.field == "amount"
    deposit(books.a, books.admin, "pokok", 100_000, today, withdrawal=True)
    assert _balances(books.a) == (0, 0, 0)


def test_pokok_is_paid_once_and_is_the_settings_amount(books):
    today = books.coop.local_date()
    settings = savings.SettingsInput(100_000, 25_000, 1, today.replace(day=1))
    savings.save_settings(books.coop, books.admin, settings)
    with pytest.raises(ValidationFailed) as refused:  # not the settings' amount
        deposit(books.a, books.admin, "pokok", 90_000, today)
    assert refused.value.field == "amount"
    deposit(books.a, books.admin, "pokok", 100_000, today)
    with pytest.raises(ValidationFailed) as refused:  # paid already
        deposit(books.a, books.admin, "pokok", 100_000, today)
    assert refused.value.field == "kind"


def test_who_is_behind_on_wajib(books):
    today = books.coop.local_date()
    since = (today.replace(day=1) - timedelta(days=60)).replace(day=1)  # three months due
    for m in (books.a, books.b):
        m.created_at = m.created_at - timedelta(days=400)
    db.session.commit()
    savings.save_settings(books.coop, books.admin, savings.SettingsInput(0, 25_000, 1, since))
    deposit(books.a, books.admin, "wajib", 75_000, today)
    deposit(books.b, books.admin, "wajib", 25_000, today)
    found = {s.membership.id: s for s in savings_queries.member_savings(books.coop)}
    assert found[books.a.id].wajib_due == 75_000
    assert found[books.a.id].wajib_behind == 0
    assert found[books.b.id].wajib_behind == 50_000


def test_the_treasurer_records_savings_on_the_page(app, books):
    client = client_for(app, books.admin)
    url = f"/kelola/{books.coop.slug}/keuangan/simpanan/anggota/{books.a.id}"
    today = books.coop.local_date().isoformat()
    response = client.post(
        url,
        data={
            "kind": "sukarela",
            "direction": "deposit",
            "amount": "1.500.000",
            "booked_on": today,
        },
    )
    assert response.status_code == 302
    assert _balances(books.a) == (0, 0, 1_500_000)
    page = client.get(f"/kelola/{books.coop.slug}/keuangan/simpanan").get_data(as_text=True)
    assert "Rp1,500,000" in page


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "sukarela", "direction": "deposit", "amount": "1000", "booked_on": "2999-01-01"},
        {"kind": "sukarela", "direction": "deposit", "amount": "-5", "booked_on": "{today}"},
        {"kind": "sukarela", "direction": "deposit", "amount": "9" * 40, "booked_on": "{today}"},
        {"kind": "emas", "direction": "deposit", "amount": "1000", "booked_on": "{today}"},
        {"kind": "pokok", "direction": "withdrawal", "amount": "1000", "booked_on": "{today}"},
        {"kind": "sukarela", "direction": "maybe", "amount": "1000", "booked_on": "{today}"},
        {"kind": "sukarela", "direction": "deposit", "amount": "1000", "booked_on": "kemarin"},
        {},
    ],
)
def test_hostile_input_is_refused_with_422_and_changes_nothing(app, books, data):
    today = books.coop.local_date().isoformat()
    data = {key: value.format(today=today) for key, value in data.items()}
    url = f"/kelola/{books.coop.slug}/keuangan/simpanan/anggota/{books.a.id}"
    client = client_for(app, books.admin)
    before = db_state()
    assert client.post(url, data=data).status_code == 422
    assert db_state() == before


def test_a_future_date_is_refused_by_the_service_too(books):
    tomorrow = books.coop.local_date() + timedelta(days=1)
    with pytest.raises(ValidationFailed) as refused:
        deposit(books.a, books.admin, "wajib", 1000, tomorrow)
    assert refused.value.field == "booked_on"


def test_members_see_only_their_own_savings(app, books):
    today = books.coop.local_date()
    deposit(books.a, books.admin, "sukarela", 123_000, today)
    deposit(books.b, books.admin, "sukarela", 987_000, today)
    page = client_for(app, books.a.user).get(f"/anggota/{books.coop.slug}/keuangan/simpanan")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Rp123,000" in text and "Rp987,000" not in text
    # a member of another cooperative, a buyer and that cooperative's admin see nothing here
    other = make_cooperative(admin=english_user("Other chair"))
    stranger = make_member(other, user=english_user("Stranger")).user
    url = f"/anggota/{books.coop.slug}/keuangan/simpanan"
    assert_refused(
        app,
        "get",
        url,
        coop=books.coop,
        roles=("anonymous", "buyer", "other_admin", "other_member"),
        users={"stranger": stranger, "the_admin": books.admin},
    )


def test_the_member_of_another_cooperative_is_404_on_the_treasurers_member_page(app, books):
    other = make_cooperative(admin=english_user("Other chair"))
    outsider = make_member(other, user=english_user("Elsewhere"))
    url = f"/kelola/{books.coop.slug}/keuangan/simpanan/anggota/{outsider.id}"
    client = client_for(app, books.admin)
    before = db_state()
    assert client.get(url).status_code == 404
    data = {
        "kind": "sukarela",
        "direction": "deposit",
        "amount": "1000",
        "booked_on": str(date.today()),
    }
    assert client.post(url, data=data).status_code == 404
    assert db_state() == before
    assert db.session.scalar(select(func.count(SavingsEntry.id))) == 0
