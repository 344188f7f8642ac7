"""A cooperative's sales over a period, aggregated in SQL: by month, product, member, buyer.

A sale is an order in SALE_STATUSES counted in the month it was confirmed (paid or accepted on
terms), in the cooperative's time zone; its turnover is the goods' value before PPN and
delivery. Every query is scoped to one cooperative.
"""

from dataclasses import dataclass

from sqlalchemy import func, select

from marketplace.accounts.models import User
from marketplace.catalogue.models import Product
from marketplace.cooperatives.models import Cooperative, Membership
from marketplace.extensions import db
from marketplace.fulfilment.models import CHECKED_STATUSES, LIVE_STATUSES, Assignment
from marketplace.orders.models import Order, OrderLine
from marketplace.reports.periods import Period
from marketplace.reports.sql import SALE_STATUSES, local_month, total, total_where

TOP_ROWS = 50  # rows of a ranking (products, members, buyers)


def sales_where(coop: Cooperative, period: Period):
    """The WHERE clause of the cooperative's sales confirmed in the period."""
    start, end = period.bounds(coop.time_zone)
    return (
        Order.cooperative_id == coop.id,
        Order.status.in_(SALE_STATUSES),
        Order.confirmed_at >= start,
        Order.confirmed_at < end,
    )


@dataclass(frozen=True)
class MonthSales:
    month: str  # YYYY-MM
    orders: int
    turnover: int


def sales_by_month(coop: Cooperative, period: Period) -> list[MonthSales]:
    """Every month of the period, oldest first, months without sales included as zero."""
    month = local_month(Order.confirmed_at, coop.time_zone)
    found = {
        m: (int(n), int(t))
        for m, n, t in db.session.execute(
            select(month, func.count(Order.id), total(Order.subtotal))
            .where(*sales_where(coop, period))
            .group_by(month)
        )
    }
    return [MonthSales(m.key, *found.get(m.key, (0, 0))) for m in period.months]


@dataclass(frozen=True)
class Ranked:
    id: int
    name: str
    orders: int
    units: int
    turnover: int


def sales_by_product(coop: Cooperative, period: Period) -> list[Ranked]:
    rows = db.session.execute(
        select(
            Product.id,
            Product.name,
            func.count(func.distinct(Order.id)),
            total(OrderLine.quantity),
            total(OrderLine.line_total),
        )
        .select_from(Order)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .join(Product, Product.id == OrderLine.product_id)
        .where(*sales_where(coop, period))
        .group_by(Product.id, Product.name)
        .order_by(total(OrderLine.line_total).desc(), Product.id)
        .limit(TOP_ROWS)
    )
    return [Ranked(i, name, int(n), int(u), int(t)) for i, name, n, u, t in rows]


def sales_by_buyer(coop: Cooperative, period: Period, limit: int = TOP_ROWS) -> list[Ranked]:
    """Buyers (offtakers are buyer accounts too) by turnover, largest first."""
    rows = db.session.execute(
        select(
            User.id,
            func.coalesce(func.max(Order.buyer_company), User.name),
            func.count(Order.id),
            func.count(Order.id),
            total(Order.subtotal),
        )
        .select_from(Order)
        .join(User, User.id == Order.buyer_id)
        .where(*sales_where(coop, period))
        .group_by(User.id, User.name)
        .order_by(total(Order.subtotal).desc(), User.id)
        .limit(limit)
    )
    return [Ranked(i, name, int(n), 0, int(t)) for i, name, n, _n, t in rows]


def sales_total(coop: Cooperative, period: Period) -> int:
    return int(db.session.scalar(select(total(Order.subtotal)).where(*sales_where(coop, period))))


@dataclass(frozen=True)
class MemberSales:
    id: int
    name: str
    assigned: int  # units the member holds or made (declined and expired work left out)
    accepted: int  # units that passed quality control
    value: int  # accepted units at the buyer's price
    earnings: int  # accepted units at the member's payout


def sales_by_member(coop: Cooperative, period: Period) -> list[MemberSales]:
    """What each member made of the period's sales: work held and accepted, and its value."""
    counted = Assignment.status.in_((*LIVE_STATUSES, *CHECKED_STATUSES))
    assigned = total_where(Assignment.quantity, Assignment.status.in_(LIVE_STATUSES)) + total_where(
        Assignment.accepted_quantity + Assignment.rejected_quantity,
        Assignment.status.in_(CHECKED_STATUSES),
    )
    value = total(Assignment.accepted_quantity * OrderLine.unit_price)
    rows = db.session.execute(
        select(
            Membership.id,
            func.coalesce(func.nullif(Membership.business_name, ""), User.name),
            assigned,
            total(Assignment.accepted_quantity),
            value,
            total(Assignment.accepted_quantity * Assignment.payout_per_unit),
        )
        .select_from(Order)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .join(Assignment, Assignment.order_line_id == OrderLine.id)
        .join(Membership, Membership.id == Assignment.membership_id)
        .join(User, User.id == Membership.user_id)
        .where(*sales_where(coop, period), counted)
        .group_by(Membership.id, Membership.business_name, User.name)
        .order_by(value.desc(), Membership.id)
        .limit(TOP_ROWS)
    )
    return [MemberSales(i, name, *(int(v or 0) for v in rest)) for i, name, *rest in rows]
