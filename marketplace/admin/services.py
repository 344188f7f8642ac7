"""Platform administration: verifying, rejecting, suspending and reinstating cooperatives."""

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import case, func, select

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.catalogue.models import Product, ProductStatus
from marketplace.cooperatives.locks import lock_cooperative
from marketplace.cooperatives.models import (
    Cooperative,
    CooperativeStatus,
    Membership,
    MembershipRole,
    MembershipStatus,
)
from marketplace.db import utcnow
from marketplace.errors import InvalidTransition, ValidationFailed
from marketplace.extensions import db
from marketplace.notifications.services import notify
from marketplace.transaction import transaction

STATUS_FILTERS = tuple(CooperativeStatus)


def cooperatives_page(status: str | None, page: int = 1) -> Pagination:
    """All cooperatives, or those with `status`; pending ones first, oldest request first."""
    stmt = select(Cooperative)
    if status in STATUS_FILTERS:
        stmt = stmt.where(Cooperative.status == status)
    pending_first = case((Cooperative.status == CooperativeStatus.PENDING, 0), else_=1)
    stmt = stmt.order_by(pending_first, Cooperative.created_at, Cooperative.id)
    return db.paginate(stmt, page=page, per_page=current_app.config["PAGE_SIZE"], error_out=False)


def cooperative_admins(coop: Cooperative) -> list[Membership]:
    """The cooperative's active admins, so the platform admin knows whom to contact."""
    return list(
        db.session.scalars(
            select(Membership)
            .join(User, Membership.user_id == User.id)
            .where(
                Membership.cooperative_id == coop.id,
                Membership.role == MembershipRole.ADMIN,
                Membership.status == MembershipStatus.ACTIVE,
            )
            .order_by(Membership.member_number)
        )
    )


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


def has_published_products(coop: Cooperative) -> bool:
    """Whether the cooperative has anything to show in the catalogue."""
    return bool(
        db.session.scalar(
            select(func.count(Product.id)).where(
                Product.cooperative_id == coop.id, Product.status == ProductStatus.PUBLISHED
            )
        )
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
