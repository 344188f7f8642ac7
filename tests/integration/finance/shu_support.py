"""A cooperative with last year's activity for the savings and SHU tests: two members whose
accepted work earned them money (through the real QC flow, then dated last year) and savings
of every kind recorded through the services."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import update

from marketplace.accounts.models import User
from marketplace.cooperatives.models import Cooperative, Membership
from marketplace.extensions import db
from marketplace.finance import savings_services as savings
from marketplace.finance.models import LedgerEntry
from marketplace.fulfilment import services as work
from marketplace.payments.services import record_bank_transfer
from tests.factories import (
    english_user,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
    order_of,
)
from tests.integration.finance.test_finance import assignment_of, deliver_and_check


@dataclass
class Books:
    coop: Cooperative
    admin: User
    a: Membership
    b: Membership
    year: int


def last_year(coop: Cooperative) -> int:
    return coop.local_date().year - 1


def deposit(membership, admin, kind, amount, day: date, withdrawal=False):
    move = savings.SavingsMovement(kind, amount, withdrawal, day, "test")
    return savings.record_movement(membership, admin, move)


def build_books(a_accepted: int = 20, b_accepted: int = 15) -> Books:
    """10% fee: A and B earn 45,000 a unit; A's and B's earnings are dated 15 June last year."""
    admin = english_user("Treasurer")
    coop = make_cooperative(admin=admin, fee_rate_bp=1_000)
    product = make_product(coop)
    a = make_member(coop, user=english_user("Ani"), business_name="Boneka Ani")
    b = make_member(coop, user=english_user("Budi"), business_name="Boneka Budi")
    for m in (a, b):
        make_offer(m, product, 100)
    order = order_of(english_user("Buyer"), product, 40)
    record_bank_transfer(order, admin, amount=order.total, received_on=coop.local_date())
    work.publish_allocation(order, admin)
    first_a, first_b = assignment_of(a, order), assignment_of(b, order)
    deliver_and_check(first_a, admin, a_accepted, first_a.quantity - a_accepted)
    deliver_and_check(first_b, admin, b_accepted, first_b.quantity - b_accepted)
    year = last_year(coop)
    june = datetime(year, 6, 15, 3, tzinfo=UTC)
    db.session.execute(
        update(LedgerEntry).where(LedgerEntry.cooperative_id == coop.id).values(created_at=june)
    )
    for assignment in (first_a, first_b):
        assignment.checked_at = june
    db.session.commit()
    return Books(coop, admin, a, b, year)


def save_last_years_savings(books: Books) -> None:
    """A: pokok 100,000, wajib 300,000, sukarela 600,000; B: pokok 100,000, wajib 100,000."""
    day = date(books.year, 3, 1)
    deposit(books.a, books.admin, "pokok", 100_000, day)
    deposit(books.a, books.admin, "wajib", 300_000, day)
    deposit(books.a, books.admin, "sukarela", 600_000, day)
    deposit(books.b, books.admin, "pokok", 100_000, day)
    deposit(books.b, books.admin, "wajib", 100_000, day)
