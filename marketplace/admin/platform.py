"""Figures across the platform per month (WIB), optionally for one category and one province:
new members, new products, orders, turnover and delivery performance. One GROUP BY each."""

from dataclasses import dataclass

from sqlalchemy import exists, func, select

from marketplace.admin.activity import PLATFORM_TIME_ZONE
from marketplace.catalogue.models import Category, Product
from marketplace.cooperatives.models import Cooperative, Membership
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderLine
from marketplace.orders.shipment_models import Shipment
from marketplace.reports.periods import Period
from marketplace.reports.sql import SALE_STATUSES, local_month, per_mille, total, total_where


@dataclass(frozen=True)
class Scope:
    """Which part of the platform: a category's id and a province (None: all)."""

    category_id: int | None = None
    province: str | None = None


@dataclass(frozen=True)
class PlatformMonth:
    month: str
    new_members: int
    new_products: int
    orders: int
    turnover: int
    shipments: int
    on_time: int

    @property
    def on_time_rate(self) -> int | None:
        return per_mille(self.on_time, self.shipments)


def _grouped(stmt, month) -> dict[str, tuple]:
    return {m: tuple(rest) for m, *rest in db.session.execute(stmt.group_by(month))}


def _in_period(column, period: Period):
    start, end = period.bounds(PLATFORM_TIME_ZONE)
    return (column >= start, column < end)


def _in_scope(stmt, scope: Scope, *, by_lines: bool):
    """Limit an orders (or shipments joined to orders) query to the scope, joining only what
    the filter needs. `by_lines`: the query sums order lines, so a category filters them."""
    if scope.province is not None:
        stmt = stmt.join(Cooperative, Cooperative.id == Order.cooperative_id).where(
            Cooperative.province == scope.province
        )
    if scope.category_id is None:
        return stmt
    if by_lines:
        return stmt.join(Product, Product.id == OrderLine.product_id).where(
            Product.category_id == scope.category_id
        )
    return stmt.where(
        exists(
            select(OrderLine.id)
            .join(Product, Product.id == OrderLine.product_id)
            .where(OrderLine.order_id == Order.id, Product.category_id == scope.category_id)
        )
    )


def _sales(period: Period, scope: Scope) -> dict[str, tuple]:
    month = local_month(Order.confirmed_at, PLATFORM_TIME_ZONE)
    sold = (Order.status.in_(SALE_STATUSES), *_in_period(Order.confirmed_at, period))
    if scope.category_id is None:  # whole orders: no need to read their lines
        stmt = select(month, func.count(Order.id), total(Order.subtotal)).where(*sold)
        return _grouped(_in_scope(stmt, scope, by_lines=False), month)
    stmt = (
        select(month, func.count(func.distinct(Order.id)), total(OrderLine.line_total))
        .select_from(Order)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .where(*sold)
    )
    return _grouped(_in_scope(stmt, scope, by_lines=True), month)


def _deliveries(period: Period, scope: Scope) -> dict[str, tuple]:
    month = local_month(Shipment.shipped_at, PLATFORM_TIME_ZONE)
    on_time = Shipment.delivered_at.is_not(None) & (
        func.date(Shipment.delivered_at) <= Order.delivery_date
    )
    stmt = (
        select(month, func.count(Shipment.id), total_where(1, on_time))
        .select_from(Shipment)
        .join(Order, Order.id == Shipment.order_id)
        .where(Shipment.is_replacement.is_(False), *_in_period(Shipment.shipped_at, period))
    )
    return _grouped(_in_scope(stmt, scope, by_lines=False), month)


def _province(scope: Scope):
    return () if scope.province is None else (Cooperative.province == scope.province,)


def _new(model, period: Period, scope: Scope, *where) -> dict[str, tuple]:
    month = local_month(model.created_at, PLATFORM_TIME_ZONE)
    stmt = (
        select(month, func.count(model.id))
        .join(Cooperative, Cooperative.id == model.cooperative_id)
        .where(*_in_period(model.created_at, period), *_province(scope), *where)
    )
    return _grouped(stmt, month)


def per_month(period: Period, scope: Scope) -> list[PlatformMonth]:
    """Every month of the period, oldest first (members are not counted per category)."""
    members = _new(Membership, period, scope)
    category = () if scope.category_id is None else (Product.category_id == scope.category_id,)
    products = _new(Product, period, scope, *category)
    sales = _sales(period, scope)
    deliveries = _deliveries(period, scope)
    return [
        PlatformMonth(
            m.key,
            int(members.get(m.key, (0,))[0]),
            int(products.get(m.key, (0,))[0]),
            *(int(v) for v in sales.get(m.key, (0, 0))),
            *(int(v) for v in deliveries.get(m.key, (0, 0))),
        )
        for m in period.months
    ]


def categories() -> list[Category]:
    return list(db.session.scalars(select(Category).order_by(Category.position, Category.id)))


def provinces() -> list[str]:
    return list(
        db.session.scalars(select(Cooperative.province).distinct().order_by(Cooperative.province))
    )
