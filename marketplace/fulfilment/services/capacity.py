"""What each member can still take of a product: supply offers minus work already held."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import case, func, select
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


def recent_load(product_id: int) -> dict[int, int]:
    """Units of this product assigned to each member in the fairness window (ROTATION)."""
    since = utcnow() - timedelta(days=current_app.config["ROTATION_WINDOW_DAYS"])
    rows = db.session.execute(
        select(Assignment.membership_id, func.sum(Assignment.quantity))
        .join(OrderLine, Assignment.order_line_id == OrderLine.id)
        .where(
            OrderLine.product_id == product_id,
            Assignment.created_at >= since,
            Assignment.status.not_in(RELEASED_STATUSES),
        )
        .group_by(Assignment.membership_id)
    )
    return {m: int(units) for m, units in rows}


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


def _offers(line: OrderLine) -> list[SupplyOffer]:
    return db.session.scalars(
        select(SupplyOffer)
        .join(Membership, SupplyOffer.membership_id == Membership.id)
        .where(
            SupplyOffer.product_id == line.product_id,
            SupplyOffer.active.is_(True),
            Membership.status == MembershipStatus.ACTIVE,
            Membership.cooperative_id == line.order.cooperative_id,
        )
        .options(joinedload(SupplyOffer.membership).joinedload(Membership.user))
        .order_by(SupplyOffer.membership_id)
    ).all()


def candidates(line: OrderLine, *, exclude: set[int] = frozenset()) -> list[CandidateRow]:
    """Members with an active offer for the line's product and the capacity they have left
    by the line's due date (capacity over time)."""
    held = _held_by_date(line, LIVE_STATUSES)
    loads = recent_load(line.product_id)
    return [
        CandidateRow(
            membership=offer.membership,
            offer=offer,
            capacity=member_capacity(line, offer, held.get(offer.membership_id, [])),
            recent_load=loads.get(offer.membership_id, 0),
        )
        for offer in _offers(line)
        if offer.membership_id not in exclude
    ]


def covered(line: OrderLine) -> int:
    """Units of the line that members are making, have delivered or that passed QC."""
    rows = db.session.scalars(select(Assignment).where(Assignment.order_line_id == line.id))
    return sum(a.counted_quantity for a in rows)


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
