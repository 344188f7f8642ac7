"""Saving the settings an admin changed on the cooperative's own row, audited with what
they were before (the settings page, the delivery options)."""

from typing import Any

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.cooperatives.models import Cooperative


def changed_values(coop: Cooperative, values: dict[str, Any]) -> dict[str, Any]:
    """Those of `values` (column name -> value) that differ from the cooperative's."""
    return {name: value for name, value in values.items() if getattr(coop, name) != value}


def save_changes(coop: Cooperative, actor: User, action: str, changed: dict[str, Any]) -> None:
    """Set the `changed` values on the (locked) cooperative and audit them, old and new, as
    `action`; nothing when nothing changed."""
    if not changed:
        return
    before = {name: getattr(coop, name) for name in changed}
    for name, value in changed.items():
        setattr(coop, name, value)
    record(action, coop, actor=actor, cooperative_id=coop.id, before=before, after=changed)
