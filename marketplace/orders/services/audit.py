"""The audit event of a row that belongs to an order (its invoice, payment, refund, shipment
or complaint): it is the order's cooperative's, and names the order first."""

from typing import Any

from marketplace.accounts.models import User
from marketplace.audit.models import AuditEvent
from marketplace.audit.services import record
from marketplace.orders.models import Order


def record_for_order(
    action: str, entity: Any, order: Order, *, actor: User | None, after: dict[str, Any]
) -> AuditEvent:
    """record() `entity`'s event in `order`'s cooperative, `after` led by the order's number."""
    return record(
        action,
        entity,
        actor=actor,
        cooperative_id=order.cooperative_id,
        after={"order": order.number, **after},
    )
