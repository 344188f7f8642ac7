"""Orders on their way to the buyer, built through the real services (pay, allocate, answer,
QC), for the shipping tests (integration and browser)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.catalogue.models import Product
from marketplace.cooperatives.models import Cooperative, Membership
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.fulfilment import services as fulfilment
from marketplace.fulfilment.models import Assignment
from marketplace.orders.models import Order
from marketplace.orders.services import ShipmentDetails
from marketplace.payments.services import record_bank_transfer
from tests.factories import (
    english_user,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
    order_of,
)


@dataclass
class Shop:
    coop: Cooperative
    product: Product
    admin: User
    members: list[Membership]
    buyer: User


def make_shop(**coop_kw) -> Shop:
    admin = english_user("Admin")
    coop = make_cooperative(admin=admin, **coop_kw)
    product = make_product(coop)
    members = [make_member(coop, user=english_user(f"Member {n}")) for n in "AB"]
    for member in members:
        make_offer(member, product, 100)
    return Shop(coop, product, admin, members, english_user("Buyer"))


def paid_order(shop: Shop, quantity: int = 40) -> Order:
    order = order_of(shop.buyer, shop.product, quantity)
    record_bank_transfer(order, shop.admin, amount=order.total, received_on=shop.coop.local_date())
    return order


def pass_qc(shop: Shop, order: Order, how_many: int | None = None) -> list[Assignment]:
    """Allocate the paid order, let every member accept, and have the first `how_many`
    assignments (all by default) delivered to the hub and passed by QC."""
    if not db.session.scalars(
        select(Assignment.id).where(Assignment.order_line_id == order.lines[0].id)
    ).first():
        fulfilment.publish_allocation(order, shop.admin)
    assignments = db.session.scalars(
        select(Assignment)
        .where(Assignment.order_line_id.in_([line.id for line in order.lines]))
        .order_by(Assignment.id)
    ).all()
    for assignment in assignments:
        if assignment.status == "proposed":
            fulfilment.accept_assignment(assignment, assignment.membership.user)
    for assignment in assignments[:how_many]:
        if assignment.status == "accepted":
            fulfilment.report_progress(assignment, assignment.membership.user, "delivered_to_hub")
            fulfilment.record_quality_control(
                assignment, shop.admin, accepted=assignment.quantity, rejected=0
            )
    db.session.refresh(order)
    return assignments


def details(**overrides) -> ShipmentDetails:
    today = datetime.now(ZoneInfo("Asia/Jakarta")).date()  # the demo cooperatives' local date
    values = dict(courier="jne", shipped_on=today, tracking_number="JNE123456789")
    return ShipmentDetails(**(values | overrides))


def days_ago(days: int):
    return utcnow() - timedelta(days=days)
