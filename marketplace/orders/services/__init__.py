"""Orders: status changes after placing (placing itself is marketplace.checkout)."""

from marketplace.orders.services import complaints, shipping, status
from marketplace.orders.services.shipping import (
    ProofOfDelivery,
    ShipmentDetails,
    complete_due,
    confirm_receipt,
    receive_overdue,
    record_proof,
)
from marketplace.orders.services.status import (
    cancel_by_admin,
    cancel_by_buyer,
    change_status,
    confirm_paid,
    expire_unpaid,
    remind_unpaid,
)

__all__ = [
    "ProofOfDelivery",
    "ShipmentDetails",
    "complaints",
    "complete_due",
    "confirm_receipt",
    "receive_overdue",
    "record_proof",
    "shipping",
    "cancel_by_admin",
    "cancel_by_buyer",
    "change_status",
    "confirm_paid",
    "expire_unpaid",
    "remind_unpaid",
    "status",
]
