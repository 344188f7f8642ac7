"""Platform administration: verifying, rejecting, suspending and reinstating cooperatives."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from marketplace.accounts.models import User
from marketplace.admin.queries import cooperative_admins
from marketplace.audit.services import record
from marketplace.cooperatives.locks import lock_cooperative
from marketplace.cooperatives.models import (
    Cooperative,
    CooperativeStatus,
)
from marketplace.db import utcnow
from marketplace.errors import InvalidTransition, ValidationFailed
from marketplace.notifications.services import notify
from marketplace.transaction import transaction


def _decide(
    coop: Cooperative,
    actor: User,
    new_status: str,
    refusal: str,
    from_status: str = CooperativeStatus.PENDING,
    **details,
) -> None:
    """Move a cooperative from `from_status` to `new_status` within the caller's transaction.

    The row is re-read under lock, so two platform admins deciding at once cannot both win.
    """
    lock_cooperative(coop)
    if coop.status != from_status:
        raise InvalidTransition(refusal)
    coop.status = new_status
    record(
        f"cooperative.{new_status}",
        coop,
        actor=actor,
        cooperative_id=coop.id,
        before={"status": from_status},
        after={"status": new_status, **details},
    )


def _notify_admins(coop: Cooperative, kind: str, **params) -> None:
    link = url_for("cooperatives.manage", slug=coop.slug)
    for membership in cooperative_admins(coop):
        notify(
            membership.user, kind, link, time_zone=coop.time_zone, cooperative=coop.name, **params
        )


def verify_cooperative(coop: Cooperative, actor: User) -> Cooperative:
    """Verify a pending cooperative: it appears in the catalogue from now on.

    Raises InvalidTransition unless the cooperative is pending.
    """
    with transaction():
        _decide(
            coop,
            actor,
            CooperativeStatus.VERIFIED,
            _l("Only a cooperative awaiting verification can be verified."),
        )
        coop.verified_at = utcnow()
    return coop


def reject_cooperative(coop: Cooperative, actor: User, reason: str) -> Cooperative:
    """Reject a pending cooperative, telling its admins why (the reason is required).

    Raises InvalidTransition unless the cooperative is pending.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_l("Give a reason for the rejection."), field="reason")
    with transaction():
        _decide(
            coop,
            actor,
            CooperativeStatus.REJECTED,
            _l("Only a cooperative awaiting verification can be rejected."),
            reason=reason,
        )
        coop.verified_at = None
        coop.rejection_reason = reason
    return coop


def suspend_cooperative(coop: Cooperative, actor: User, reason: str) -> Cooperative:
    """Suspend a verified cooperative: it leaves the catalogue and takes no new orders, while
    its open orders continue. Its admins are notified with the reason.

    Raises InvalidTransition unless the cooperative is verified.
    """
    with transaction():
        _decide(
            coop,
            actor,
            CooperativeStatus.SUSPENDED,
            _l("Only a verified cooperative can be suspended."),
            from_status=CooperativeStatus.VERIFIED,
            reason=reason,
        )
        coop.suspended_at = utcnow()
        coop.suspension_reason = reason
        _notify_admins(coop, "cooperative.suspended", reason=reason)
    return coop


def reinstate_cooperative(coop: Cooperative, actor: User, reason: str) -> Cooperative:
    """Reinstate a suspended cooperative: it is verified again, back in the catalogue and takes
    orders. Its admins are notified with the reason.

    Raises InvalidTransition unless the cooperative is suspended.
    """
    with transaction():
        _decide(
            coop,
            actor,
            CooperativeStatus.VERIFIED,
            _l("Only a suspended cooperative can be reinstated."),
            from_status=CooperativeStatus.SUSPENDED,
            reason=reason,
        )
        coop.suspended_at = None
        coop.suspension_reason = None
        _notify_admins(coop, "cooperative.reinstated", reason=reason)
    return coop
