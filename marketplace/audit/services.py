"""Audit trail. Services call record() inside their own transaction; it never commits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from marketplace.audit.models import AuditEvent
from marketplace.extensions import db

if TYPE_CHECKING:
    from marketplace.accounts.models import User


def record(
    action: str,
    entity: Any,
    *,
    actor: User | None,
    cooperative_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit event for `entity` (a model with an id) to the current transaction.

    `actor` is the person who made the change, or None for the system (a scheduled job, a
    payment provider's webhook)."""
    db.session.flush()
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        cooperative_id=cooperative_id,
        entity_type=type(entity).__name__,
        entity_id=entity.id,
        action=action,
        before=before,
        after=after,
    )
    db.session.add(event)
    return event
