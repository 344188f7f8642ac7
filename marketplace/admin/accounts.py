"""The platform admin manages accounts: deactivate one (it can no longer log in, and a session
it has ends at its next request) or reactivate it, always with a reason kept in the audit."""

from flask_babel import lazy_gettext as _l

from marketplace.accounts.locks import lock_user
from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.db import utcnow
from marketplace.errors import InvalidTransition, NotAllowed, ValidationFailed
from marketplace.transaction import transaction


def _reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_l("Give a reason."), field="reason")
    return reason


def _set_active(user: User, actor: User, active: bool, reason: str, refusal) -> User:
    """Switch the account on or off under lock, with the reason in the audit trail."""
    with transaction():
        lock_user(user)
        if user.is_active_account == active:
            raise InvalidTransition(refusal)
        user.is_active_account = active
        user.deactivated_at = None if active else utcnow()
        user.deactivation_reason = None if active else reason
        record(
            "user.reactivated" if active else "user.deactivated",
            user,
            actor=actor,
            before={"active": not active},
            after={"active": active, "reason": reason},
        )
    return user


def deactivate_user(user: User, actor: User, reason: str) -> User:
    """Deactivate `user`'s account with a reason (required).

    Raises NotAllowed for the actor's own account, InvalidTransition when it is already
    deactivated."""
    reason = _reason(reason)
    if user.id == actor.id:
        raise NotAllowed(_l("You cannot deactivate your own account."))
    return _set_active(user, actor, False, reason, _l("This account is already deactivated."))


def reactivate_user(user: User, actor: User, reason: str) -> User:
    """Reactivate a deactivated account with a reason (required): it may log in again.

    Raises InvalidTransition when the account is active."""
    return _set_active(user, actor, True, _reason(reason), _l("This account is active."))
