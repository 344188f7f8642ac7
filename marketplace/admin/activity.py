"""The operator's view of cooperatives by region: status, activity and its trend (SQL sums).

A cooperative is active when it took an order or published supply (a member's supply offer
written or updated) in the last ACTIVE_DAYS days. The monthly trend counts a cooperative as
active in a month when it did so in that month or the two before (about 90 days); supply is
dated by its offer's last update, orders by when they were placed.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, exists, func, literal, or_, select, union, union_all

from marketplace.admin import trend
from marketplace.catalogue.models import Product
from marketplace.cooperatives.models import Cooperative, CooperativeStatus, SupplyOffer
from marketplace.extensions import db
from marketplace.orders.models import Order
from marketplace.reports.periods import Period
from marketplace.reports.sql import SALE_STATUSES, local_month, total_where

ACTIVE_DAYS = 90
PLATFORM_TIME_ZONE = "Asia/Jakarta"  # the operator's figures are in WIB


def _active_since(since: datetime):
    took_order = exists(
        select(Order.id).where(Order.cooperative_id == Cooperative.id, Order.created_at >= since)
    )
    supplied = exists(
        select(SupplyOffer.id)
        .join(Product, Product.id == SupplyOffer.product_id)
        .where(Product.cooperative_id == Cooperative.id, SupplyOffer.updated_at >= since)
    )
    return or_(took_order, supplied)


@dataclass(frozen=True)
class RegionRow:
    province: str
    regency: str  # "" on a province's row
    cooperatives: int
    verified: int
    pending: int
    suspended: int
    rejected: int
    active: int

    @property
    def active_share(self) -> int | None:
        """Active cooperatives of all in the region, in tenths of a percent."""
        return round(self.active * 1000 / self.cooperatives) if self.cooperatives else None


def by_region(now: datetime, *, regencies: bool) -> list[RegionRow]:
    """Cooperatives per province (or per regency) with their statuses and how many are
    active, largest regions first."""
    active = _active_since(now - timedelta(days=ACTIVE_DAYS))
    status = Cooperative.status
    keys = (Cooperative.province, Cooperative.regency if regencies else literal(""))
    rows = db.session.execute(
        select(
            *keys,
            func.count(Cooperative.id),
            total_where(1, status == CooperativeStatus.VERIFIED),
            total_where(1, status == CooperativeStatus.PENDING),
            total_where(1, status == CooperativeStatus.SUSPENDED),
            total_where(1, status == CooperativeStatus.REJECTED),
            total_where(1, active),
        )
        .group_by(*keys[: 2 if regencies else 1])
        .order_by(func.count(Cooperative.id).desc(), *keys[: 2 if regencies else 1])
    )
    return [RegionRow(p, r, *(int(v) for v in rest)) for p, r, *rest in rows]


def _months_table(period: Period):
    """The period's months as rows (month, first month of its activity window), 'YYYY-MM'
    strings, which compare as the months do."""
    return union_all(
        *(
            select(
                literal(m.key).label("month"),
                literal(m.plus(1 - trend.WINDOW_MONTHS).key).label("since"),
            )
            for m in period.months
        )
    ).subquery()


def share_trend(period: Period) -> dict[str, list[int | None]]:
    """Per province, the share of active cooperatives (tenths of a percent) in each month of
    the period, oldest first; "" is the whole platform. Counted in SQL per month and
    province: cooperatives active in the month's window, and those registered by then."""
    window = Period(period.first.plus(1 - trend.WINDOW_MONTHS), period.last)
    start, end = window.bounds(PLATFORM_TIME_ZONE)
    events = union(
        select(
            Order.cooperative_id.label("coop_id"),
            local_month(Order.created_at, PLATFORM_TIME_ZONE).label("month"),
        ).where(Order.created_at >= start, Order.created_at < end),
        select(
            Product.cooperative_id.label("coop_id"),
            local_month(SupplyOffer.updated_at, PLATFORM_TIME_ZONE).label("month"),
        )
        .join(Product, Product.id == SupplyOffer.product_id)
        .where(SupplyOffer.updated_at >= start, SupplyOffer.updated_at < end),
    ).subquery()
    months = _months_table(period)
    created = local_month(Cooperative.created_at, PLATFORM_TIME_ZONE)
    active = db.session.execute(
        select(
            months.c.month,
            Cooperative.province,
            func.count(func.distinct(events.c.coop_id)),
            func.count(func.distinct(case((created > months.c.month, events.c.coop_id)))),
        )
        .select_from(months)
        .join(events, and_(events.c.month >= months.c.since, events.c.month <= months.c.month))
        .join(Cooperative, Cooperative.id == events.c.coop_id)
        .group_by(months.c.month, Cooperative.province)
    ).all()
    registered = db.session.execute(
        select(months.c.month, Cooperative.province, func.count(Cooperative.id))
        .select_from(months)
        .join(Cooperative, created <= months.c.month)
        .group_by(months.c.month, Cooperative.province)
    ).all()
    return trend.active_shares(
        [m.key for m in period.months],
        [(m, p, int(a), int(u)) for m, p, a, u in active],
        [(m, p, int(n)) for m, p, n in registered],
    )


@dataclass(frozen=True)
class CoopChange:
    id: int
    name: str
    province: str
    regency: str
    recent_orders: int
    earlier_orders: int
    recent_turnover: int
    earlier_turnover: int


def growth(now: datetime) -> list[CoopChange]:
    """Every cooperative with sales in the last 180 days: the last 90 days against the 90
    before (trend.classify splits them into growing and stopped)."""
    recent_start = now - timedelta(days=ACTIVE_DAYS)
    earlier_start = now - timedelta(days=2 * ACTIVE_DAYS)
    recent = Order.confirmed_at >= recent_start
    earlier = (Order.confirmed_at >= earlier_start) & (Order.confirmed_at < recent_start)
    rows = db.session.execute(
        select(
            Cooperative.id,
            Cooperative.name,
            Cooperative.province,
            Cooperative.regency,
            total_where(1, recent),
            total_where(1, earlier),
            total_where(Order.subtotal, recent),
            total_where(Order.subtotal, earlier),
        )
        .join(Order, Order.cooperative_id == Cooperative.id)
        .where(Order.status.in_(SALE_STATUSES), Order.confirmed_at >= earlier_start)
        .group_by(Cooperative.id, Cooperative.name, Cooperative.province, Cooperative.regency)
        .order_by(Cooperative.id)
    )
    return [CoopChange(i, n, p, r, *(int(v) for v in rest)) for i, n, p, r, *rest in rows]
