"""Audit trail. Services call record() inside their own transaction; it never commits."""

from typing import Any

from marketplace.audit.models import AuditEvent
from marketplace.extensions import db


def record(
    action: str,
    entity: Any,
    *,
    actor_id: int | None,
    cooperative_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit event for `entity` (a model with an id) to the current transaction."""
    db.session.flush()
    event = AuditEvent(
        actor_id=actor_id,
        cooperative_id=cooperative_id,
        entity_type=type(entity).__name__,
        entity_id=entity.id,
        action=action,
        before=before,
        after=after,
    )
    db.session.add(event)
    return event
