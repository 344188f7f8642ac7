"""What each member can still take of a product: supply offers minus work already held."""

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload

from marketplace.catalogue.models import ProductKind
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
        select(Assignment.membership_id, _held_units(statuses))
        .join(OrderLine, Assignment.order_line_id == OrderLine.id)
        .join(Order, OrderLine.order_id == Order.id)
        .where(OrderLine.product_id == line.product_id, Order.status.in_(PROMISING_STATUSES))
        .group_by(Assignment.membership_id)
    )
    if line.product.kind == ProductKind.SERVICE:
        # A service (a photo session) is booked for a day: capacity counts per delivery date.
        query = query.where(Order.delivery_date == line.order.delivery_date)
    return query


def held_by_member(line: OrderLine) -> dict[int, int]:
    """Units of the line's product each member holds in open or accepted work."""
    return {m: int(units) for m, units in db.session.execute(_held_query(line, LIVE_STATUSES))}


def promised_by(line: OrderLine, membership_id: int) -> int:
    """Units of the line's product the member has said yes to (accepted, not yet released)."""
    query = _held_query(line, PROMISED_STATUSES).where(Assignment.membership_id == membership_id)
    row = db.session.execute(query).first()
    return int(row[1]) if row else 0


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
    """Members with an active offer for the line's product and the capacity they have left."""
    held = held_by_member(line)
    loads = recent_load(line.product_id)
    return [
        CandidateRow(
            membership=offer.membership,
            offer=offer,
            capacity=max(offer.units_available - held.get(offer.membership_id, 0), 0),
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
