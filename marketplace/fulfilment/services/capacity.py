"""What each member can still take of a product: supply offers minus work already held."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import joinedload

from marketplace.catalogue.models import ProductKind
from marketplace.cooperatives.capacity import Offer, Promise, available_by
from marketplace.cooperatives.models import Membership, MembershipStatus, SupplyOffer
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.fulfilment.models import (
    CHECKED_STATUSES,
    LIVE_STATUSES,
    PROMISED_STATUSES,
    RELEASED_STATUSES,
    Assignment,
    AssignmentStatus,
)
from marketplace.orders.models import PROMISING_STATUSES, Order, OrderLine


@dataclass(frozen=True)
class CandidateRow:
    membership: Membership
    offer: SupplyOffer
    capacity: int
    recent_load: int


def _held_units(statuses):
    """Units an assignment holds: its quantity while live, its accepted units once checked."""
    return func.coalesce(
        func.sum(
            case(
                (Assignment.status.in_(statuses), Assignment.quantity),
                (Assignment.status.in_(CHECKED_STATUSES), Assignment.accepted_quantity),
                else_=0,
            )
        ),
        0,
    )


def _held_query(line: OrderLine, statuses):
    query = (
        select(Assignment.membership_id, Order.delivery_date, _held_units(statuses))
        .join(OrderLine, Assignment.order_line_id == OrderLine.id)
        .join(Order, OrderLine.order_id == Order.id)
        .where(OrderLine.product_id == line.product_id, Order.status.in_(PROMISING_STATUSES))
        .group_by(Assignment.membership_id, Order.delivery_date)
    )
    if line.product.kind == ProductKind.SERVICE:
        # A service (a photo session) is booked for a day: capacity counts per delivery date.
        query = query.where(Order.delivery_date == line.order.delivery_date)
    return query


def _held_by_date(line: OrderLine, statuses) -> dict[int, list[Promise]]:
    held: dict[int, list[Promise]] = defaultdict(list)
    for member_id, due, units in db.session.execute(_held_query(line, statuses)):
        held[member_id].append(Promise(due, int(units)))
    return held


def member_capacity(line: OrderLine, offer: SupplyOffer | None, held: list[Promise]) -> int:
    """Units the member can still deliver of the line's product by the line's due date: its
    ready units plus its weekly production until then (cooperatives/capacity.py), minus the
    work it holds, keeping the promise of work due later. 0 without an active offer."""
    if offer is None or not offer.active:
        return 0
    supply = Offer(offer.units_available, offer.rate_per_week)
    today = line.order.cooperative.local_date()
    return available_by([supply], held, line.order.delivery_date, today)


def capacity_left_for(line: OrderLine, offer: SupplyOffer | None, membership_id: int) -> int:
    """What the member may still say yes to on this line: member_capacity over the work it
    has accepted (not merely been offered)."""
    held = _held_by_date(line, PROMISED_STATUSES).get(membership_id, [])
    return member_capacity(line, offer, held)


def released_members(line: OrderLine) -> set[int]:
    """Members who declined, let expire or had units rejected on this line: not asked again."""
    return set(
        db.session.scalars(
            select(Assignment.membership_id).where(
                Assignment.order_line_id == line.id,
                (Assignment.status.in_(RELEASED_STATUSES)) | (Assignment.rejected_quantity > 0),
            )
        )
    )


def _offers_for(lines: list[OrderLine]) -> dict[int, list[SupplyOffer]]:
    """Active offers of active members of the lines' cooperative, by product id."""
    found: dict[int, list[SupplyOffer]] = defaultdict(list)
    offers = db.session.scalars(
        select(SupplyOffer)
        .join(Membership, SupplyOffer.membership_id == Membership.id)
        .where(
            SupplyOffer.product_id.in_({line.product_id for line in lines}),
            SupplyOffer.active.is_(True),
            Membership.status == MembershipStatus.ACTIVE,
            Membership.cooperative_id == lines[0].order.cooperative_id,
        )
        .options(joinedload(SupplyOffer.membership).joinedload(Membership.user))
        .order_by(SupplyOffer.membership_id)
    )
    for offer in offers:
        found[offer.product_id].append(offer)
    return found


def _held_for(lines: list[OrderLine], statuses) -> dict[tuple[int, int], list[Promise]]:
    """_held_by_date for every line of one order at once: (product id, member id) -> work
    held by due date. A service counts only the work due on the order's delivery date."""
    services = {line.product_id for line in lines if line.product.kind == ProductKind.SERVICE}
    goods = {line.product_id for line in lines} - services
    day = lines[0].order.delivery_date
    query = (
        select(
            OrderLine.product_id,
            Assignment.membership_id,
            Order.delivery_date,
            _held_units(statuses),
        )
        .join(OrderLine, Assignment.order_line_id == OrderLine.id)
        .join(Order, OrderLine.order_id == Order.id)
        .where(
            Order.status.in_(PROMISING_STATUSES),
            or_(
                OrderLine.product_id.in_(goods),
                and_(OrderLine.product_id.in_(services), Order.delivery_date == day),
            ),
        )
        .group_by(OrderLine.product_id, Assignment.membership_id, Order.delivery_date)
    )
    held: dict[tuple[int, int], list[Promise]] = defaultdict(list)
    for product_id, member_id, due, units in db.session.execute(query):
        held[(product_id, member_id)].append(Promise(due, int(units)))
    return held


def _recent_loads(product_ids: set[int]) -> dict[tuple[int, int], int]:
    """recent_load of several products: (product id, member id) -> units."""
    since = utcnow() - timedelta(days=current_app.config["ROTATION_WINDOW_DAYS"])
    rows = db.session.execute(
        select(OrderLine.product_id, Assignment.membership_id, func.sum(Assignment.quantity))
        .join(OrderLine, Assignment.order_line_id == OrderLine.id)
        .where(
            OrderLine.product_id.in_(product_ids),
            Assignment.created_at >= since,
            Assignment.status.not_in(RELEASED_STATUSES),
        )
        .group_by(OrderLine.product_id, Assignment.membership_id)
    )
    return {(p, m): int(units) for p, m, units in rows}


def candidates_for(lines: list[OrderLine]) -> dict[int, list[CandidateRow]]:
    """candidates() of every line of one order, in a fixed number of queries: line id ->
    members with an active offer for its product and the capacity they have left by its due
    date (capacity over time)."""
    if not lines:
        return {}
    held = _held_for(lines, LIVE_STATUSES)
    loads = _recent_loads({line.product_id for line in lines})
    offers = _offers_for(lines)
    return {
        line.id: [
            CandidateRow(
                membership=offer.membership,
                offer=offer,
                capacity=member_capacity(
                    line, offer, held.get((line.product_id, offer.membership_id), [])
                ),
                recent_load=loads.get((line.product_id, offer.membership_id), 0),
            )
            for offer in offers.get(line.product_id, [])
        ]
        for line in lines
    }


def candidates(line: OrderLine, *, exclude: set[int] = frozenset()) -> list[CandidateRow]:
    """Members with an active offer for the line's product and the capacity they have left
    by the line's due date (capacity over time)."""
    rows = candidates_for([line])[line.id]
    return [row for row in rows if row.membership.id not in exclude]


def covered_for(lines: list[OrderLine]) -> dict[int, int]:
    """covered() of several lines in one query: line id -> units."""
    rows = db.session.scalars(
        select(Assignment).where(Assignment.order_line_id.in_([line.id for line in lines]))
    )
    units: dict[int, int] = defaultdict(int)
    for assignment in rows:
        units[assignment.order_line_id] += assignment.counted_quantity
    return units


def covered(line: OrderLine) -> int:
    """Units of the line that members are making, have delivered or that passed QC."""
    rows = db.session.scalars(select(Assignment).where(Assignment.order_line_id == line.id))
    return sum(a.counted_quantity for a in rows)


def line_progress(assignments: list[Assignment]) -> dict[int, tuple[int, int]]:
    """covered() and accepted_units() of every line, from the lines' assignments already
    loaded (one query for a whole order's page instead of two per line)."""
    progress: dict[int, tuple[int, int]] = {}
    for a in assignments:
        covered_units, accepted = progress.get(a.order_line_id, (0, 0))
        checked = (a.accepted_quantity or 0) if a.status in CHECKED_STATUSES else 0
        progress[a.order_line_id] = (covered_units + a.counted_quantity, accepted + checked)
    return progress


def accepted_units(line: OrderLine) -> int:
    """Units of the line that passed quality control."""
    return int(
        db.session.scalar(
            select(func.coalesce(func.sum(Assignment.accepted_quantity), 0)).where(
                Assignment.order_line_id == line.id,
                Assignment.status.in_(CHECKED_STATUSES),
            )
        )
    )


def waiting_for_answer(line: OrderLine) -> bool:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Assignment)
            .where(
                Assignment.order_line_id == line.id,
                Assignment.status == AssignmentStatus.PROPOSED,
            )
        )
        > 0
    )
