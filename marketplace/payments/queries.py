"""What the cooperative's payment pages read: trusted buyers and open invoices."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.cooperatives.models import Cooperative
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderStatus
from marketplace.payments.models import Invoice, TrustedBuyer


def trusted_buyers_of(coop: Cooperative) -> list[TrustedBuyer]:
    stmt = select(TrustedBuyer).where(TrustedBuyer.cooperative_id == coop.id)
    return list(db.session.scalars(stmt.order_by(TrustedBuyer.id)))


def open_invoices(coop: Cooperative) -> list[Invoice]:
    """Unpaid invoices of live orders, oldest due date first."""
    return list(
        db.session.scalars(
            select(Invoice)
            .join(Order)
            .where(
                Order.cooperative_id == coop.id,
                Invoice.paid_at.is_(None),
                Order.status.not_in([OrderStatus.CANCELLED, OrderStatus.REFUNDED]),
            )
            .options(selectinload(Invoice.order).selectinload(Order.buyer))
            .order_by(Invoice.due_date, Invoice.id)
        )
    )
