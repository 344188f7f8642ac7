"""Orders: status changes after placing (placing itself is marketplace.checkout)."""

from marketplace.orders.services import status
from marketplace.orders.services.status import (
    cancel_by_admin,
    cancel_by_buyer,
    change_status,
    confirm_paid,
    expire_unpaid,
    remind_unpaid,
)

__all__ = [
    "cancel_by_admin",
    "cancel_by_buyer",
    "change_status",
    "confirm_paid",
    "expire_unpaid",
    "remind_unpaid",
    "status",
]
