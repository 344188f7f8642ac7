"""How well the work of a period's sales was done, per member and per product (SQL sums).

- fulfilment rate: units that passed quality control of the units members took on and
  finished (checked, declined or expired work);
- on-time rate: deliveries to the hub made by the order's delivery date, of all deliveries;
- QC rejection rate: units rejected of the units checked.
Rates are tenths of a percent (None where there is nothing to count).
"""

from dataclasses import dataclass

from sqlalchemy import func, select

from marketplace.accounts.models import User
from marketplace.catalogue.models import Product
from marketplace.cooperatives.models import Cooperative, Membership
from marketplace.extensions import db
from marketplace.fulfilment.models import CHECKED_STATUSES, RELEASED_STATUSES, Assignment
from marketplace.orders.models import Order, OrderLine
from marketplace.reports.periods import Period
from marketplace.reports.queries import TOP_ROWS, sales_where
from marketplace.reports.sql import per_mille, total, total_where


@dataclass(frozen=True)
class Performance:
    id: int
    name: str
    finished: int  # units of checked, declined or expired work
    accepted: int
    deliveries: int
    on_time: int
    checked: int  # units checked at QC
    rejected: int

    @property
    def fulfilment_rate(self) -> int | None:
        return per_mille(self.accepted, self.finished)

    @property
    def on_time_rate(self) -> int | None:
        return per_mille(self.on_time, self.deliveries)

    @property
    def rejection_rate(self) -> int | None:
        return per_mille(self.rejected, self.checked)


def _measures():
    checked = Assignment.status.in_(CHECKED_STATUSES)
    delivered = Assignment.delivered_at.is_not(None)
    on_time = delivered & (func.date(Assignment.delivered_at) <= Order.delivery_date)
    return (
        total_where(Assignment.quantity, Assignment.status.in_(RELEASED_STATUSES))
        + total_where(Assignment.accepted_quantity + Assignment.rejected_quantity, checked),
        total(Assignment.accepted_quantity),
        total_where(1, delivered),
        total_where(1, on_time),
        total_where(Assignment.accepted_quantity + Assignment.rejected_quantity, checked),
        total(Assignment.rejected_quantity),
    )


def _performance(rows) -> list[Performance]:
    return [Performance(i, name, *(int(v or 0) for v in rest)) for i, name, *rest in rows]


def _work_of(coop: Cooperative, period: Period, *columns):
    return (
        select(*columns, *_measures())
        .select_from(Order)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .join(Assignment, Assignment.order_line_id == OrderLine.id)
        .where(*sales_where(coop, period))
    )


def by_member(coop: Cooperative, period: Period, membership_id: int | None = None):
    """Per member of the cooperative (or only `membership_id`: a member's own figures)."""
    name = func.coalesce(func.nullif(Membership.business_name, ""), User.name)
    stmt = (
        _work_of(coop, period, Membership.id, name)
        .join(Membership, Membership.id == Assignment.membership_id)
        .join(User, User.id == Membership.user_id)
        .group_by(Membership.id, Membership.business_name, User.name, Membership.member_number)
        .order_by(Membership.member_number, Membership.id)
        .limit(TOP_ROWS)
    )
    if membership_id is not None:
        stmt = stmt.where(Membership.id == membership_id)
    return _performance(db.session.execute(stmt))


def by_product(coop: Cooperative, period: Period) -> list[Performance]:
    stmt = (
        _work_of(coop, period, Product.id, Product.name)
        .join(Product, Product.id == OrderLine.product_id)
        .group_by(Product.id, Product.name)
        .order_by(Product.name, Product.id)
        .limit(TOP_ROWS)
    )
    return _performance(db.session.execute(stmt))
