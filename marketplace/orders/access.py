"""Load orders scoped to who may see them; 404 for everybody else."""

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.access import get_scoped_or_404
from marketplace.accounts.models import User
from marketplace.cooperatives.models import Cooperative
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderLine
from marketplace.orders.shipment_models import Complaint, ComplaintPhoto, Shipment


def get_order_for_buyer(number: str, user: User) -> Order:
    return db.one_or_404(select(Order).where(Order.number == number, Order.buyer_id == user.id))


def get_order_for_admin(coop: Cooperative, number: str) -> Order:
    """An order of `coop` (already loaded through get_cooperative_for_admin), with its lines
    and their products (every admin page of an order shows them: no query per line)."""
    return db.one_or_404(
        select(Order)
        .where(Order.number == number, Order.cooperative_id == coop.id)
        .options(selectinload(Order.lines).selectinload(OrderLine.product))
    )


def get_orders_for_buyer(numbers: list[str], user: User) -> list[Order]:
    """`user`'s own orders with these numbers, in the order given; 404 when any is not theirs."""
    found = {
        o.number: o
        for o in db.session.scalars(
            select(Order)
            .where(Order.number.in_(numbers), Order.buyer_id == user.id)
            .options(selectinload(Order.cooperative), selectinload(Order.payments))
        )
    }
    if not numbers or set(numbers) - set(found):
        abort(404)
    return [found[number] for number in dict.fromkeys(numbers)]


def get_shipment_of(order: Order, shipment_id: int) -> Shipment:
    """A shipment of `order` (already loaded through one of the loaders above)."""
    return get_scoped_or_404(Shipment, shipment_id, order_id=order.id)


def get_complaint_of(order: Order, complaint_id: int) -> Complaint:
    return get_scoped_or_404(Complaint, complaint_id, Complaint.shipment.has(order_id=order.id))


def photo_of(order: Order, key: str) -> str:
    """`key` when it is a photo of this order (a proof of delivery or a complaint's); else 404."""
    proof = select(Shipment.id).where(Shipment.order_id == order.id, Shipment.proof_photo == key)
    complaint = (
        select(ComplaintPhoto.id)
        .join(Complaint)
        .join(Shipment, Complaint.shipment_id == Shipment.id)
        .where(Shipment.order_id == order.id, ComplaintPhoto.key == key)
    )
    if db.session.scalar(proof) is None and db.session.scalar(complaint) is None:
        abort(404)
    return key
