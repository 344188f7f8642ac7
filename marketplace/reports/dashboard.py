"""The cooperative admin's home: what needs doing now and how the business goes.

Each block is one aggregated query (a row of scalar subqueries or one GROUP BY), so the page
costs a handful of round trips however many orders the cooperative has.
"""

from dataclasses import astuple, dataclass
from datetime import date

from sqlalchemy import and_, func, select

from marketplace.catalogue.models import Product, ProductStatus
from marketplace.cooperatives.models import Cooperative, Membership
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.finance.models import LedgerEntry, PayoutLine, PayoutStatus
from marketplace.fulfilment.models import Assignment, AssignmentStatus
from marketplace.orders.models import OPEN_STATUSES, Order, OrderLine, OrderStatus, PaymentMethod
from marketplace.orders.shipment_models import Complaint, ComplaintStatus
from marketplace.payments.models import Invoice, Payment
from marketplace.reports.periods import month_over_month
from marketplace.reports.sql import SALE_STATUSES, total, total_where


@dataclass(frozen=True)
class ToDo:
    """Counts of what waits for the admins; each links to the page where it is done."""

    payments_to_record: int  # bank transfers awaited on placed orders
    fees_to_quote: int  # courier orders waiting for the delivery fee
    allocations_to_publish: int  # confirmed orders not yet split among members
    answers_overdue: int  # members' answers past their deadline
    qc_to_record: int  # deliveries to the hub waiting for quality control
    orders_to_ship: int  # ready orders
    open_complaints: int
    payouts_owed: int  # rupiah members are owed and no payout batch covers yet
    published_products: int  # not a task: for the status banner (none yet: how to appear)

    @property
    def anything(self) -> bool:
        return any(astuple(self)[:-1])


def _count_orders(coop: Cooperative, *conditions):
    return (
        select(func.count(Order.id))
        .where(Order.cooperative_id == coop.id, *conditions)
        .scalar_subquery()
    )


def _count_assignments(coop: Cooperative, *conditions):
    return (
        select(func.count(Assignment.id))
        .join(Membership, Membership.id == Assignment.membership_id)
        .where(Membership.cooperative_id == coop.id, *conditions)
        .scalar_subquery()
    )


def to_do(coop: Cooperative) -> ToDo:
    placed = Order.status == OrderStatus.PLACED
    owed = (
        select(total(LedgerEntry.amount)).where(LedgerEntry.cooperative_id == coop.id)
    ).scalar_subquery()
    batched = (
        select(total(PayoutLine.amount))
        .join(Membership, Membership.id == PayoutLine.membership_id)
        .where(Membership.cooperative_id == coop.id, PayoutLine.status == PayoutStatus.PENDING)
    ).scalar_subquery()
    complaints = (
        select(func.count(Complaint.id))
        .join(OrderLine, OrderLine.id == Complaint.order_line_id)
        .join(Order, Order.id == OrderLine.order_id)
        .where(Order.cooperative_id == coop.id, Complaint.status == ComplaintStatus.OPEN)
    ).scalar_subquery()
    row = db.session.execute(
        select(
            _count_orders(
                coop,
                placed,
                Order.payment_method == PaymentMethod.BANK_TRANSFER,
                Order.delivery_fee.is_not(None),
            ),
            _count_orders(coop, placed, Order.delivery_fee.is_(None)),
            _count_orders(coop, Order.status == OrderStatus.CONFIRMED),
            _count_assignments(
                coop,
                Assignment.status == AssignmentStatus.PROPOSED,
                Assignment.respond_by < utcnow(),
            ),
            _count_assignments(coop, Assignment.status == AssignmentStatus.DELIVERED_TO_HUB),
            _count_orders(coop, Order.status == OrderStatus.READY),
            complaints,
            owed - batched,
            select(func.count(Product.id))
            .where(Product.cooperative_id == coop.id, Product.status == ProductStatus.PUBLISHED)
            .scalar_subquery(),
        )
    ).one()
    values = [int(v or 0) for v in row]
    values[-2] = max(values[-2], 0)
    return ToDo(*values)


@dataclass(frozen=True)
class Business:
    this_month: int  # turnover of sales confirmed this month
    last_month: int
    receivables: int  # what buyers still owe on sales
    overdue_invoices: int
    open_by_status: dict[str, int]

    @property
    def change(self) -> int | None:
        """This month against last, in percent (None when last month sold nothing)."""
        if not self.last_month:
            return None
        return round((self.this_month - self.last_month) * 100 / self.last_month)


def business(coop: Cooperative, today: date) -> Business:
    this, last = month_over_month(today)
    this_start, this_end = this.bounds(coop.time_zone)
    last_start, _ = last.bounds(coop.time_zone)
    sales = and_(Order.cooperative_id == coop.id, Order.status.in_(SALE_STATUSES))
    in_this = (Order.confirmed_at >= this_start) & (Order.confirmed_at < this_end)
    in_last = (Order.confirmed_at >= last_start) & (Order.confirmed_at < this_start)
    months = db.session.execute(
        select(total_where(Order.subtotal, in_this), total_where(Order.subtotal, in_last)).where(
            sales, Order.confirmed_at >= last_start
        )
    ).one()
    paid = (
        select(Payment.order_id, func.sum(Payment.amount).label("amount"))
        .join(Order, Order.id == Payment.order_id)
        .where(sales)
        .group_by(Payment.order_id)
        .subquery()
    )
    due = Order.total - func.coalesce(paid.c.amount, 0)
    overdue = (
        select(func.count(Invoice.id))
        .join(Order, Order.id == Invoice.order_id)
        .where(sales, Invoice.paid_at.is_(None), Invoice.due_date < today)
        .scalar_subquery()
    )
    receivables, overdue_count = db.session.execute(
        select(total_where(due, due > 0), overdue)
        .select_from(Order)
        .outerjoin(paid, paid.c.order_id == Order.id)
        .where(sales)
    ).one()
    by_status = dict(
        db.session.execute(
            select(Order.status, func.count(Order.id))
            .where(Order.cooperative_id == coop.id, Order.status.in_(OPEN_STATUSES))
            .group_by(Order.status)
        ).all()
    )
    return Business(
        int(months[0]),
        int(months[1]),
        int(receivables or 0),
        int(overdue_count or 0),
        {status.value: int(by_status.get(status.value, 0)) for status in OPEN_STATUSES},
    )
