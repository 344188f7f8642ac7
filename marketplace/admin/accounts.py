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


def deactivate_user(user: User, actor: User, reason: str) -> User:
    """Deactivate `user`'s account with a reason (required).

    Raises NotAllowed for the actor's own account, InvalidTransition when it is already
    deactivated."""
    reason = _reason(reason)
    if user.id == actor.id:
        raise NotAllowed(_l("You cannot deactivate your own account."))
    with transaction():
        lock_user(user)
        if not user.is_active_account:
            raise InvalidTransition(_l("This account is already deactivated."))
        user.is_active_account = False
        user.deactivated_at = utcnow()
        user.deactivation_reason = reason
        record(
            "user.deactivated",
            user,
            actor=actor,
            cooperative_id=None,
            before={"active": True},
            after={"active": False, "reason": reason},
        )
    return user


def reactivate_user(user: User, actor: User, reason: str) -> User:
    """Reactivate a deactivated account with a reason (required): it may log in again.

    Raises InvalidTransition when the account is active."""
    reason = _reason(reason)
    with transaction():
        lock_user(user)
        if user.is_active_account:
            raise InvalidTransition(_l("This account is active."))
        user.is_active_account = True
        user.deactivated_at = None
        user.deactivation_reason = None
        record(
            "user.reactivated",
            user,
            actor=actor,
            cooperative_id=None,
            before={"active": False},
            after={"active": True, "reason": reason},
        )
    return user
