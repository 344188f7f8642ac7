"""SQL pieces the report queries share: local calendar months, rates, sale statuses."""

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Index, case, func
from sqlalchemy.sql import ColumnElement

from marketplace.cooperatives.models import SupplyOffer
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderStatus, statuses_from
from marketplace.orders.shipment_models import Shipment

# Orders that are sales: paid or accepted on terms, and not cancelled, expired or refunded.
SALE_STATUSES = statuses_from(OrderStatus.CONFIRMED, OrderStatus.COMPLETED)

# The indexes the reports read by (migration 0014_reports): a cooperative's sales in a period,
# the platform's per month, and the activity of the last 90 days.
REPORT_INDEXES = (
    Index("ix_orders_cooperative_id_confirmed_at", Order.cooperative_id, Order.confirmed_at),
    Index("ix_orders_confirmed_at", Order.confirmed_at),
    Index("ix_orders_cooperative_id_created_at", Order.cooperative_id, Order.created_at),
    Index("ix_supply_offers_product_id_updated_at", SupplyOffer.product_id, SupplyOffer.updated_at),
    Index("ix_shipments_shipped_at", Shipment.shipped_at),
)


def local_month(column, time_zone: str) -> ColumnElement[str]:
    """'YYYY-MM' of a UTC timestamp column in `time_zone`, per database. Indonesia's zones
    have no daylight saving time, so a fixed offset is exact on SQLite."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone(time_zone, column), "YYYY-MM")
    offset = datetime.now(ZoneInfo(time_zone)).utcoffset()
    hours = int(offset.total_seconds() // 3600) if offset else 0
    return func.strftime("%Y-%m", column, f"{hours:+d} hours")


def total(expression) -> ColumnElement[int]:
    return func.coalesce(func.sum(expression), 0)


def total_where(expression, condition) -> ColumnElement[int]:
    """The sum of `expression` over the rows where `condition` holds (0 when none)."""
    return func.coalesce(func.sum(case((condition, expression), else_=0)), 0)


def per_mille(part: int, whole: int) -> int | None:
    """part / whole in tenths of a percent (None when there is nothing to divide)."""
    if not whole:
        return None
    return round(part * 1000 / whole)
