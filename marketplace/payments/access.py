"""Load payment objects scoped to what the current user may see (404 otherwise)."""

from sqlalchemy import select

from marketplace.cooperatives.models import Cooperative
from marketplace.extensions import db
from marketplace.orders.models import Order
from marketplace.payments.models import Payment, TrustedBuyer


def get_trusted_buyer_for_admin(coop: Cooperative, trusted_id: int) -> TrustedBuyer:
    """A trusted-buyer entry of `coop` (loaded through get_cooperative_for_admin first)."""
    return db.one_or_404(
        select(TrustedBuyer).where(
            TrustedBuyer.id == trusted_id, TrustedBuyer.cooperative_id == coop.id
        )
    )


def get_payment_of_order(order: Order, payment_id: int) -> Payment:
    """A payment of `order` (loaded through an orders access helper first), else 404."""
    return db.one_or_404(
        select(Payment).where(Payment.id == payment_id, Payment.order_id == order.id)
    )
