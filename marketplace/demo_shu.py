"""Demo: Bekasi's year 2025 (the last full year): orders delivered through the year, savings of
all three kinds, and the SHU of 2025 approved and credited to members.

The orders go through the real services and are then dated in 2025; savings are recorded by
the treasurer's service with their 2025 dates. Runs once: an approved SHU of 2025 (or savings
already booked in 2025) means it ran, so seeding twice changes nothing."""

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select, update

from marketplace.cooperatives.models import Cooperative, Membership, MembershipRole
from marketplace.demo_shipping import take_to
from marketplace.extensions import db
from marketplace.finance import shu_queries
from marketplace.finance import shu_services as shu
from marketplace.finance.models import LedgerEntry
from marketplace.finance.savings_models import SavingsEntry
from marketplace.finance.savings_services import (
    SavingsMovement,
    SettingsInput,
    record_movement,
    save_settings,
)
from marketplace.fulfilment.models import Assignment
from marketplace.orders.models import Order, OrderLine, OrderStatus
from marketplace.payments.services import record_bank_transfer

SLUG = "kopbon-bekasi"
YEAR = 2025
# (idempotency key, product index, quantity, the month it was delivered)
ORDERS = [
    ("demo-2025-maskot-mar", 2, 200, 3),
    ("demo-2025-kelinci-may", 1, 100, 5),
    ("demo-2025-maskot-jul", 2, 300, 7),
    ("demo-2025-maskot-sep", 2, 200, 9),
    ("demo-2025-maskot-nov", 2, 300, 11),
]
POKOK, WAJIB = 100_000, 25_000
EXPENSES = 3_000_000  # rent of the hub, electricity, the RAT itself
# (member index, sukarela deposits in 2025, a sukarela withdrawal, last month of wajib paid)
SAVERS = [(0, 1_500_000, 250_000, None), (1, 500_000, 0, None), (2, 2_000_000, 0, None)]
SAVERS.append((3, 0, 0, (2026, 9)))  # Hendra is behind on wajib since October 2026


def seed_shu(place: Callable) -> None:
    """`place(product, quantity, key)` places (or finds) a demo order of the hotel buyer."""
    coop = db.session.scalar(select(Cooperative).where(Cooperative.slug == SLUG))
    if coop is None or shu_queries.shu_year(coop, YEAR) is not None:
        return
    admin = next(m.user for m in coop.memberships if m.role == MembershipRole.ADMIN)
    products = sorted(coop.products, key=lambda p: p.id)
    for key, index, quantity, month in ORDERS:
        order = place(products[index], quantity, key)
        _deliver(order, admin)
        _date_in(order, datetime(YEAR, month, 14, 3, tzinfo=UTC))
    members = [
        m for m in sorted(coop.memberships, key=lambda m: m.id) if m.role == MembershipRole.MEMBER
    ]
    _save(coop, admin, members)
    funds = [tuple(pair) for pair in shu_queries.DEFAULT_FUNDS]
    shu.save_policy(coop, admin, YEAR, shu.PolicyInput(funds, sukarela_counts=False))
    fees = shu_queries.income_in(coop, YEAR).fees
    draft = shu.save_draft(coop, admin, YEAR, max(fees - EXPENSES, 0), EXPENSES)
    shu.approve(draft, admin)


def _deliver(order: Order, admin) -> None:
    if order.status == OrderStatus.PLACED:
        record_bank_transfer(
            order, admin, amount=order.total, received_on=order.cooperative.local_date()
        )
    take_to(order, admin, "delivered")


def _date_in(order: Order, moment: datetime) -> None:
    """The order, its members' work and their earnings, as of `moment` in 2025."""
    lines = select(OrderLine.id).where(OrderLine.order_id == order.id)
    work = select(Assignment.id).where(Assignment.order_line_id.in_(lines))
    db.session.execute(
        update(Order).where(Order.id == order.id).values(created_at=moment - timedelta(days=30))
    )
    db.session.execute(update(Assignment).where(Assignment.id.in_(work)).values(checked_at=moment))
    db.session.execute(
        update(LedgerEntry).where(LedgerEntry.assignment_id.in_(work)).values(created_at=moment)
    )
    db.session.commit()


def _months(first: tuple[int, int], last: tuple[int, int]):
    year, month = first
    while (year, month) <= last:
        yield date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _save(coop: Cooperative, admin, members: list[Membership]) -> None:
    booked = db.session.scalar(
        select(func.count(SavingsEntry.id)).where(SavingsEntry.cooperative_id == coop.id)
    )
    if booked or len(members) < len(SAVERS):
        return
    joined = datetime(YEAR - 1, 11, 20, 3, tzinfo=UTC)  # they joined before the demo year
    db.session.execute(
        update(Membership)
        .where(Membership.cooperative_id == coop.id, Membership.role == MembershipRole.MEMBER)
        .values(created_at=joined)
    )
    save_settings(coop, admin, SettingsInput(POKOK, WAJIB, 1, date(YEAR, 1, 1)))
    today = coop.local_date()
    for index, sukarela, withdrawn, last_wajib in SAVERS:
        member = members[index]
        moves = [SavingsMovement("pokok", POKOK, False, date(YEAR, 1, 6), "Simpanan pokok")]
        end = last_wajib or (today.year, today.month)
        moves += [
            SavingsMovement("wajib", WAJIB, False, day, f"Wajib {day:%m/%Y}")
            for day in _months((YEAR, 1), end)
            if day <= today
        ]
        if sukarela:
            moves.append(SavingsMovement("sukarela", sukarela, False, date(YEAR, 4, 10)))
        if withdrawn:
            moves.append(
                SavingsMovement("sukarela", withdrawn, True, date(YEAR, 8, 20), "Biaya sekolah")
            )
        for move in moves:
            record_movement(member, admin, move)
