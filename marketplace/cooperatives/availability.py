"""Pooled availability by date, read from the database (the rules are in capacity.py).

Two aggregate queries however many products are asked about: the active offers' ready
units and rates per product (with the cooperative's time zone, whose today counts), and the
quantities open orders hold per product and delivery date.

Promised quantities are the lines of orders in a promising status (placed up to in
production) due on their delivery date, as the catalogue has always counted them.

Interface for other packages:
    available_by_date(product_ids, day=None) -> {product id: units}    # checkout, catalogue
    available_by_dates(product_ids, days | weeks=...) -> {id: [(day, units)]}
    schedule_shortfalls_for(product_id, [(due, quantity)]) -> [(due, short)]  # contracts
    capacity_inputs(product_id) -> (Offer, [Promise], today)   # for capacity.* directly
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from marketplace.cooperatives import capacity
from marketplace.cooperatives.models import (
    Cooperative,
    Membership,
    MembershipStatus,
    SupplyOffer,
    TimeZone,
)
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.orders.models import PROMISING_STATUSES, Order, OrderLine

# The dates the product page shows availability for: this week, in 4 weeks, in 12 weeks.
SHOWN_WEEKS = (1, 4, 12)


def pooled_offers(product_ids: Sequence[int]) -> dict[int, tuple[capacity.Offer, str]]:
    """Per product with an active offer of an active member: the offers' summed ready units
    and rates, and the cooperative's time zone (whose today production counts from)."""
    rows = db.session.execute(
        select(
            SupplyOffer.product_id,
            Cooperative.time_zone,
            func.sum(SupplyOffer.units_available),
            func.sum(SupplyOffer.rate_per_week),
        )
        .join(Membership, SupplyOffer.membership_id == Membership.id)
        .join(Cooperative, Membership.cooperative_id == Cooperative.id)
        .where(
            SupplyOffer.product_id.in_(product_ids),
            SupplyOffer.active.is_(True),
            Membership.status == MembershipStatus.ACTIVE,
        )
        .group_by(SupplyOffer.product_id, Cooperative.time_zone)
    )
    return {
        pid: (capacity.Offer(int(ready or 0), int(rate or 0)), zone)
        for pid, zone, ready, rate in rows
    }


def promised_by_product(product_ids: Sequence[int]) -> dict[int, list[capacity.Promise]]:
    """What open orders hold of each product, per delivery date."""
    rows = db.session.execute(
        select(OrderLine.product_id, Order.delivery_date, func.sum(OrderLine.quantity))
        .join(Order, OrderLine.order_id == Order.id)
        .where(OrderLine.product_id.in_(product_ids), Order.status.in_(PROMISING_STATUSES))
        .group_by(OrderLine.product_id, Order.delivery_date)
    )
    promised: dict[int, list[capacity.Promise]] = defaultdict(list)
    for pid, due, units in rows:
        promised[pid].append(capacity.Promise(due, int(units)))
    return promised


def _today_in(zone: str) -> date:
    return utcnow().astimezone(ZoneInfo(zone)).date()


def available_by_dates(
    product_ids: Iterable[int],
    days: Sequence[date] | None = None,
    *,
    weeks: Sequence[int] = (),
    today: Mapping[int, date] | None = None,
) -> dict[int, list[tuple[date, int]]]:
    """Per product, (day, units a new order due that day may still take) for each of `days`,
    or for today + each of `weeks` weeks in the product's cooperative. `today` overrides the
    cooperatives' local dates (tests, jobs). Every id asked about is in the answer."""
    ids = sorted(set(product_ids))
    if not ids:
        return {}
    offers = pooled_offers(ids)
    promised = promised_by_product(ids)
    answer = {}
    for pid in ids:
        supply, zone = offers.get(pid, (capacity.Offer(0), TimeZone.WIB))
        # Without offers nothing is available whatever the day: any zone's today will do.
        start = today[pid] if today is not None and pid in today else _today_in(zone)
        wanted = list(days) if days is not None else [start + timedelta(weeks=w) for w in weeks]
        answer[pid] = capacity.availability_series([supply], promised.get(pid, []), wanted, start)
    return answer


def available_by_date(product_ids: Iterable[int], day: date | None = None) -> dict[int, int]:
    """Units of each product a new order due on `day` may take (default: today, i.e. what is
    available now), 0 when nothing is offered. Each product counts from its cooperative's
    today; production in the weeks up to `day` counts, promises of later orders are kept."""
    if day is None:
        found = available_by_dates(product_ids, weeks=(0,))
    else:
        found = available_by_dates(product_ids, [day])
    return {pid: series[0][1] for pid, series in found.items()}


def horizon_day(today: date) -> date:
    """The furthest date whose production counts (capacity.HORIZON_WEEKS from today)."""
    return today + timedelta(weeks=capacity.HORIZON_WEEKS)


def capacity_inputs(product_id: int) -> tuple[capacity.Offer, list[capacity.Promise], date]:
    """What the pure rules need for one product: its pooled active offers, what open orders
    hold per date, and its cooperative's today (for capacity.* functions)."""
    offers = pooled_offers([product_id])
    supply, zone = offers.get(product_id, (capacity.Offer(0), TimeZone.WIB))
    return supply, promised_by_product([product_id]).get(product_id, []), _today_in(zone)


def schedule_shortfalls_for(
    product_id: int, schedule: Sequence[tuple[date, int]]
) -> list[tuple[date, int]]:
    """(due date, units short) for each call-off of `schedule` that the product's capacity
    over time cannot cover on top of the open orders, earliest first; [] when all is
    covered (see capacity.schedule_shortfalls). For an offtake contract's coverage check."""
    supply, promised, today = capacity_inputs(product_id)
    return capacity.schedule_shortfalls([supply], promised, schedule, today)
