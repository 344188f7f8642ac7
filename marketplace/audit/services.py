"""Audit trail. Services call record() inside their own transaction; it never commits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from marketplace.audit.models import AuditEvent
from marketplace.extensions import db

if TYPE_CHECKING:
    from marketplace.accounts.models import User

_OWN_COOPERATIVE: Final = object()
"""record()'s default cooperative: the entity's own `cooperative_id`, None when it has none."""


def record(
    action: str,
    entity: Any,
    *,
    actor: User | None,
    cooperative_id: int | None | object = _OWN_COOPERATIVE,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit event for `entity` (a model with an id) to the current transaction.

    `actor` is the person who made the change, or None for the system (a scheduled job, a
    payment provider's webhook). `cooperative_id` is the cooperative the change belongs to;
    left out, it is the entity's own (read after the flush, so a new entity has it), or None
    for an entity that belongs to no cooperative (an address, a webhook). Pass it where it
    differs: the cooperative itself, or a row reached through its order."""
    db.session.flush()
    if cooperative_id is _OWN_COOPERATIVE:
        cooperative_id = getattr(entity, "cooperative_id", None)
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
