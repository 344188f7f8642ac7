"""Two treasurers pay the same member at the same moment: the payouts never exceed what the
member is owed (SQLite file and PostgreSQL, through finance.locks)."""

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import User
from marketplace.cooperatives.models import Cooperative, Membership
from marketplace.extensions import db
from marketplace.finance import queries, services
from marketplace.finance.models import LedgerEntry, PayoutLine
from tests.factories import english_user, make_cooperative, make_member
from tests.integration.shared.test_locks import at_once, one_won


@pytest.fixture(autouse=True)
def _file_database():
    if db.engine.dialect.name == "sqlite" and db.engine.url.database in (None, "", ":memory:"):
        pytest.skip("needs a database file shared by threads")


@pytest.fixture
def owed():
    first, second = english_user("Treasurer 1"), english_user("Treasurer 2")
    coop = make_cooperative(admin=first)
    make_member(coop, user=second, role="admin")
    member = make_member(coop, user=english_user("Ani"))
    db.session.add(
        LedgerEntry(cooperative_id=coop.id, membership_id=member.id, kind="earning", amount=900_000)
    )
    db.session.commit()
    return {"coop_id": coop.id, "admins": (first.id, second.id), "member_id": member.id}


def _pay(owed, admin_id: int, amount: int):
    def work() -> None:
        coop = db.session.get(Cooperative, owed["coop_id"])
        admin = db.session.get(User, admin_id)
        services.create_payout_batch(coop, admin, {owed["member_id"]: amount})

    return work


def test_two_batches_for_the_whole_balance_at_once_make_one(app, owed):
    first, second = owed["admins"]
    one_won(at_once(app, _pay(owed, first, 900_000), _pay(owed, second, 600_000)))
    pending = db.session.scalar(select(func.sum(PayoutLine.amount)))
    assert pending in (900_000, 600_000)
    assert queries.payable(owed["member_id"]) >= 0


def test_two_transfers_marked_paid_at_once_never_overdraw(app, owed):
    """Two batches of 500,000 each can't both exist for 900,000 owed; with a deduction racing
    the mark-paid, the ledger still never pays more than the balance."""
    first, second = owed["admins"]
    coop = db.session.get(Cooperative, owed["coop_id"])
    batch = services.create_payout_batch(
        coop, db.session.get(User, first), {owed["member_id"]: 900_000}
    )
    line_id = batch.lines[0].id

    def mark() -> None:
        line = db.session.get(PayoutLine, line_id)
        services.mark_line_paid(line, db.session.get(User, first), "TRF-1")

    def deduct() -> None:
        membership = db.session.get(Membership, owed["member_id"])
        services.record_deduction(
            membership, db.session.get(User, second), services.Deduction(1, "Thread")
        )

    outcomes = at_once(app, mark, deduct)
    assert not [o for o in outcomes if o.startswith("error")], outcomes
    assert queries.balance(owed["member_id"]) in (-1, 900_000 - 1)
    paid = db.session.scalar(select(func.count(LedgerEntry.id)).where(LedgerEntry.kind == "payout"))
    assert paid == (1 if outcomes[0] == "ok" else 0)
